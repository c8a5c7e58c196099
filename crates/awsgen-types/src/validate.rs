//! Opt-in checks of the model's constraint traits (`@length`, `@pattern`,
//! `@range`, `@uniqueItems`).
//!
//! The service enforces constraints; a client may check its input first as a
//! convenience. Nothing here runs unless the caller asks: serialization and
//! deserialization never reject a value for breaking a constraint.

pub mod check;
mod ecma;
mod engine;
mod pattern_cache;

use std::collections::BTreeMap;
use std::fmt;

/// One broken constraint, and where it was found.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ConstraintViolation {
    /// Path from the validated value to the offending one, such as
    /// `imageIds[2].imageTag` (empty for the value itself).
    pub path: String,
    /// Which constraint, and by how much.
    pub kind: ViolationKind,
}

impl ConstraintViolation {
    /// Creates a violation.
    pub fn new(path: impl Into<String>, kind: ViolationKind) -> Self {
        ConstraintViolation {
            path: path.into(),
            kind,
        }
    }
}

/// The constraint that was broken. Values themselves are never included, so a
/// violation can be logged even when the value is sensitive.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ViolationKind {
    /// `@length`: items, entries, bytes, or Unicode scalar values.
    Length {
        /// Inclusive lower bound.
        min: Option<u64>,
        /// Inclusive upper bound.
        max: Option<u64>,
        /// The measured length.
        actual: u64,
    },
    /// `@pattern`: the string does not match.
    Pattern {
        /// The ECMA-262 pattern from the model.
        pattern: &'static str,
    },
    /// `@range`: the number lies outside the inclusive bounds.
    Range {
        /// Inclusive lower bound.
        min: Option<f64>,
        /// Inclusive upper bound.
        max: Option<f64>,
        /// The value.
        actual: f64,
    },
    /// `@uniqueItems`: two items are equal.
    UniqueItems {
        /// Index of the earlier item of the first equal pair.
        first: usize,
        /// Index of the later item of that pair.
        second: usize,
    },
}

impl fmt::Display for ConstraintViolation {
    /// `` `imageId.imageTag`: length 0 is below the minimum 1 ``
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str("value: ")?;
        } else {
            write!(f, "`{}`: ", self.path)?;
        }
        fmt::Display::fmt(&self.kind, f)
    }
}

impl fmt::Display for ViolationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ViolationKind::Length { min, max, actual } => {
                write!(f, "length {actual} ")?;
                bound_text(f, *min, *max, |min| *actual < min, |max| *actual > max)
            }
            ViolationKind::Pattern { pattern } => {
                write!(f, "does not match the pattern `{pattern}`")
            }
            ViolationKind::Range { min, max, actual } => {
                write!(f, "value {actual} ")?;
                bound_text(f, *min, *max, |min| *actual < min, |max| *actual > max)
            }
            ViolationKind::UniqueItems { first, second } => {
                write!(
                    f,
                    "items {first} and {second} are equal, but items must be unique"
                )
            }
        }
    }
}

/// Says which bound was crossed; names both when neither comparison explains
/// it (a NaN, or a violation built by hand).
fn bound_text<B: fmt::Display + Copy>(
    f: &mut fmt::Formatter<'_>,
    min: Option<B>,
    max: Option<B>,
    below: impl Fn(B) -> bool,
    above: impl Fn(B) -> bool,
) -> fmt::Result {
    match (min, max) {
        (Some(min), _) if below(min) => write!(f, "is below the minimum {min}"),
        (_, Some(max)) if above(max) => write!(f, "is above the maximum {max}"),
        (Some(min), Some(max)) => write!(f, "is outside the range {min} to {max}"),
        (Some(min), None) => write!(f, "is not at least {min}"),
        (None, Some(max)) => write!(f, "is not at most {max}"),
        (None, None) => f.write_str("breaks the constraint"),
    }
}

impl std::error::Error for ConstraintViolation {}

/// Every violation found in a value; never empty when returned by
/// [`Validate::validate`].
#[derive(Debug, Clone, PartialEq)]
pub struct ValidationErrors(Vec<ConstraintViolation>);

impl ValidationErrors {
    /// The violations, in the order they were found.
    pub fn violations(&self) -> &[ConstraintViolation] {
        &self.0
    }
}

impl fmt::Display for ValidationErrors {
    /// One violation per line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, violation) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            fmt::Display::fmt(violation, f)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

impl IntoIterator for ValidationErrors {
    type Item = ConstraintViolation;
    type IntoIter = std::vec::IntoIter<ConstraintViolation>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a ConstraintViolation;
    type IntoIter = std::slice::Iter<'a, ConstraintViolation>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// A value that can check the constraint traits of its model.
pub trait Validate {
    /// Every violation in this value, each with its path from here.
    fn collect_violations(&self, path: &str, out: &mut Vec<ConstraintViolation>);

    /// Checks the whole value; `Err` lists every violation.
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut violations = Vec::new();
        self.collect_violations("", &mut violations);
        if violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(violations))
        }
    }
}

/// Absent optional members break nothing.
impl<T: Validate> Validate for Option<T> {
    fn collect_violations(&self, path: &str, out: &mut Vec<ConstraintViolation>) {
        if let Some(value) = self {
            value.collect_violations(path, out);
        }
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn collect_violations(&self, path: &str, out: &mut Vec<ConstraintViolation>) {
        (**self).collect_violations(path, out);
    }
}

/// Each item is checked at `path[i]`.
impl<T: Validate> Validate for Vec<T> {
    fn collect_violations(&self, path: &str, out: &mut Vec<ConstraintViolation>) {
        for (i, item) in self.iter().enumerate() {
            item.collect_violations(&check::index(path, i), out);
        }
    }
}

/// Each value is checked at `path["key"]`.
impl<T: Validate> Validate for BTreeMap<String, T> {
    fn collect_violations(&self, path: &str, out: &mut Vec<ConstraintViolation>) {
        for (key, value) in self {
            value.collect_violations(&check::key(path, key), out);
        }
    }
}

/// Whether `validate()` in this build checks `pattern` (a model's ECMA-262
/// text, with UTF-16 surrogate pairs read as the characters they encode).
/// [`check::pattern`] treats a pattern it does not check as met.
pub fn pattern_is_supported(pattern: &str) -> bool {
    engine::compile(pattern).is_some()
}

/// Which builds of this crate check a `@pattern` in `validate()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternSupport {
    /// Every build (regex-lite).
    Always,
    /// Only builds with the `full-patterns` feature (fancy-regex): the
    /// pattern uses Unicode classes (`\p{L}`) or lookaround.
    WithFullPatterns,
    /// None: no engine here reads it as the service does (a Java POSIX
    /// class such as `\p{Print}`, or a syntax error). The service checks it.
    Never,
}

/// Which builds check `pattern`. The generator documents each field from
/// this, so the docs say what `validate()` does. Telling the last two
/// answers apart takes the full engine, hence the feature.
#[cfg(feature = "full-patterns")]
pub fn pattern_support(pattern: &str) -> PatternSupport {
    if engine::lite_compiles(pattern) {
        PatternSupport::Always
    } else if engine::compile(pattern).is_some() {
        PatternSupport::WithFullPatterns
    } else {
        PatternSupport::Never
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct ImageId {
        image_tag: Option<String>,
    }

    impl Validate for ImageId {
        fn collect_violations(&self, path: &str, out: &mut Vec<ConstraintViolation>) {
            if let Some(tag) = &self.image_tag {
                let path = check::join(path, "imageTag");
                check::string_length(&path, tag, Some(1), Some(300), out);
                check::pattern(&path, tag, "^[a-z]*$", out);
            }
        }
    }

    #[test]
    fn display_names_the_path_and_the_bound() {
        let violation = ConstraintViolation::new(
            "imageId.imageTag",
            ViolationKind::Length {
                min: Some(1),
                max: None,
                actual: 0,
            },
        );
        assert_eq!(
            violation.to_string(),
            "`imageId.imageTag`: length 0 is below the minimum 1"
        );
        let root = ConstraintViolation::new(
            "",
            ViolationKind::Range {
                min: None,
                max: Some(2.5),
                actual: 3.0,
            },
        );
        assert_eq!(root.to_string(), "value: value 3 is above the maximum 2.5");
    }

    #[test]
    fn each_kind_has_a_readable_message() {
        let cases = [
            (
                ViolationKind::Length {
                    min: Some(2),
                    max: Some(5),
                    actual: 9,
                },
                "length 9 is above the maximum 5",
            ),
            (
                ViolationKind::Pattern { pattern: "^a$" },
                "does not match the pattern `^a$`",
            ),
            (
                ViolationKind::Range {
                    min: Some(1.0),
                    max: None,
                    actual: -1.5,
                },
                "value -1.5 is below the minimum 1",
            ),
            (
                ViolationKind::Range {
                    min: Some(0.0),
                    max: Some(1.0),
                    actual: f64::NAN,
                },
                "value NaN is outside the range 0 to 1",
            ),
            (
                ViolationKind::UniqueItems {
                    first: 0,
                    second: 3,
                },
                "items 0 and 3 are equal, but items must be unique",
            ),
        ];
        for (kind, expected) in cases {
            assert_eq!(kind.to_string(), expected);
        }
    }

    #[test]
    fn validate_collects_every_violation_with_its_path() {
        let ids = vec![
            ImageId {
                image_tag: Some("ok".into()),
            },
            ImageId {
                image_tag: Some(String::new()),
            },
            ImageId { image_tag: None },
            ImageId {
                image_tag: Some("UPPER".into()),
            },
        ];
        let errors = ids.validate().unwrap_err();
        let paths: Vec<&str> = errors
            .violations()
            .iter()
            .map(|v| v.path.as_str())
            .collect();
        assert_eq!(paths, ["[1].imageTag", "[3].imageTag"]);
        assert_eq!(
            errors.to_string(),
            "`[1].imageTag`: length 0 is below the minimum 1\n`[3].imageTag`: does not match the pattern `^[a-z]*$`"
        );
        assert_eq!(errors.into_iter().count(), 2);
    }

    #[test]
    fn valid_values_and_absent_members_pass() {
        assert_eq!(
            Some(ImageId {
                image_tag: Some("abc".into())
            })
            .validate(),
            Ok(())
        );
        assert_eq!(None::<ImageId>.validate(), Ok(()));
        let map: BTreeMap<String, ImageId> = [(
            "k\"1".to_owned(),
            ImageId {
                image_tag: Some(String::new()),
            },
        )]
        .into();
        let errors = map.validate().unwrap_err();
        assert_eq!(
            (&errors).into_iter().next().map(|v| v.path.as_str()),
            Some(r#"["k\"1"].imageTag"#)
        );
    }

    /// Every `@pattern` in the ECR model (2025-04 snapshot) must be checkable.
    const ECR_PATTERNS: [&str; 11] = [
        r"^$|arn:aws:kms:[a-z0-9-]+:[0-9]{12}:key\/[a-z0-9-]+$",
        r"^((?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*/?|ROOT)$",
        r"^(?:[a-z0-9]+(?:[._-][a-z0-9]*)*/)*[a-z0-9]*(?:[._-][a-z0-9]*)*$",
        r"^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$",
        r"^[0-9]{12}$",
        r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
        r"^[0-9a-z-]{2,25}$",
        r"^[a-z0-9*](?:[._\-/a-z0-9*]?[a-z0-9*]+)*$",
        r"^[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+$",
        r"^\S+$",
        r"^arn:aws:secretsmanager:[a-zA-Z0-9-:]+:secret:ecr\-pullthroughcache\/[a-zA-Z0-9\/_+=.@-]+$",
    ];

    #[test]
    fn every_ecr_pattern_is_supported_and_behaves() {
        for pattern in ECR_PATTERNS {
            assert!(pattern_is_supported(pattern), "{pattern}");
        }
        let repository_name = ECR_PATTERNS[3];
        let mut out = Vec::new();
        check::pattern("repositoryName", "team/app-1", repository_name, &mut out);
        check::pattern("registryId", "123456789012", ECR_PATTERNS[4], &mut out);
        check::pattern(
            "imageDigest",
            "sha256:abcdef0123",
            ECR_PATTERNS[8],
            &mut out,
        );
        assert!(out.is_empty(), "{out:?}");
        check::pattern("repositoryName", "Team//App", repository_name, &mut out);
        check::pattern("registryId", "12345", ECR_PATTERNS[4], &mut out);
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn supported_patterns_are_reported() {
        assert!(pattern_is_supported("^[a-zA-Z0-9-_]+$"));
        // Lookaround and Unicode classes take the full engine.
        let full = cfg!(feature = "full-patterns");
        assert_eq!(pattern_is_supported("^(?=a)b$"), full);
        assert_eq!(pattern_is_supported(r"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$"), full);
        assert!(!pattern_is_supported("[unclosed"));
        assert!(!pattern_is_supported(r"^\p{Print}+$"));
        // A lone surrogate is no character at all.
        assert!(!pattern_is_supported(r"^[\uD800]$"));
    }

    /// Patterns of the shared AWS models that regex-lite cannot compile.
    #[cfg(feature = "full-patterns")]
    #[test]
    fn the_full_engine_checks_unicode_classes_and_lookaround() {
        use PatternSupport::{Always, Never, WithFullPatterns};
        let iam_tag_key = r"^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$";
        let inspector_tag_key = r"^(?!aws:)[a-zA-Z+-=._:/]+$";
        let lambda_bucket = r"^[0-9A-Za-z\.\-_]*(?<!\.)$";
        assert_eq!(pattern_support(ECR_PATTERNS[3]), Always);
        assert_eq!(pattern_support(iam_tag_key), WithFullPatterns);
        assert_eq!(pattern_support(inspector_tag_key), WithFullPatterns);
        assert_eq!(pattern_support(lambda_bucket), WithFullPatterns);
        assert_eq!(pattern_support(r"^\p{Print}+$"), Never);
        assert_eq!(pattern_support(r"^[\p{Alnum}_]+$"), Never);
        let mut out = Vec::new();
        check::pattern("k", "Zürich Straße 1", iam_tag_key, &mut out);
        check::pattern("k", "team:prod", inspector_tag_key, &mut out);
        check::pattern("b", "my.bucket", lambda_bucket, &mut out);
        assert!(out.is_empty(), "{out:?}");
        check::pattern("k", "tab\tkey", iam_tag_key, &mut out);
        check::pattern("k", "aws:reserved", inspector_tag_key, &mut out);
        check::pattern("b", "bucket.", lambda_bucket, &mut out);
        let paths: Vec<&str> = out.iter().map(|v| v.path.as_str()).collect();
        assert_eq!(paths, ["k", "k", "b"]);
    }

    /// Glue's "any XML character" pattern, whose supplementary range is
    /// written as UTF-16 surrogate pairs.
    const GLUE_XML_CHARS: &str = r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\r\n\t]*$";

    #[test]
    fn surrogate_pair_ranges_cover_the_supplementary_planes() {
        assert!(pattern_is_supported(GLUE_XML_CHARS));
        let mut out = Vec::new();
        for allowed in [
            "",
            "plain text",
            "tab\tand\nnew line",
            "emoji \u{1F600}",
            "last \u{10FFFF}",
            "bmp \u{D7FF}\u{E000}\u{FFFD}",
        ] {
            check::pattern("Description", allowed, GLUE_XML_CHARS, &mut out);
            assert!(out.is_empty(), "{allowed:?}: {out:?}");
        }
        for refused in ["bell \u{7}", "nul \0", "not a character \u{FFFE}", "\u{1F}"] {
            check::pattern("Description", refused, GLUE_XML_CHARS, &mut out);
            assert_eq!(out.len(), 1, "{refused:?} was accepted");
            out.clear();
        }
    }
}
