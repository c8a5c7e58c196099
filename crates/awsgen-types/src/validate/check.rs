//! The checks that generated `collect_violations` bodies call, one per
//! constraint trait, plus the path builders.

use std::cmp::Ordering;

use super::pattern_cache;
use super::{ConstraintViolation, ViolationKind};

/// `@length` on a list, map or blob: `actual` items, entries or bytes.
pub fn length(
    path: &str,
    actual: usize,
    min: Option<u64>,
    max: Option<u64>,
    out: &mut Vec<ConstraintViolation>,
) {
    let actual = u64::try_from(actual).unwrap_or(u64::MAX);
    let too_short = min.is_some_and(|min| actual < min);
    let too_long = max.is_some_and(|max| actual > max);
    if too_short || too_long {
        out.push(ConstraintViolation::new(
            path,
            ViolationKind::Length { min, max, actual },
        ));
    }
}

/// `@length` on a string: counts Unicode scalar values, not bytes.
pub fn string_length(
    path: &str,
    value: &str,
    min: Option<u64>,
    max: Option<u64>,
    out: &mut Vec<ConstraintViolation>,
) {
    length(path, value.chars().count(), min, max, out);
}

/// `@pattern`: the model's ECMA-262 pattern, which is not implicitly
/// anchored (`^`/`$` must be in it to match the whole string). A pattern the
/// engine cannot compile (see [`super::pattern_is_supported`]) counts as met.
pub fn pattern(path: &str, value: &str, pattern: &'static str, out: &mut Vec<ConstraintViolation>) {
    if pattern_cache::matches(pattern, value) == Some(false) {
        out.push(ConstraintViolation::new(
            path,
            ViolationKind::Pattern { pattern },
        ));
    }
}

/// `@range`: inclusive bounds. Integers are passed as `f64`, which is exact up
/// to 2^53. NaN lies outside any bound.
pub fn range(
    path: &str,
    actual: f64,
    min: Option<f64>,
    max: Option<f64>,
    out: &mut Vec<ConstraintViolation>,
) {
    // An incomparable value (NaN) is on the wrong side of every bound.
    let below =
        min.is_some_and(|min| matches!(actual.partial_cmp(&min), None | Some(Ordering::Less)));
    let above =
        max.is_some_and(|max| matches!(actual.partial_cmp(&max), None | Some(Ordering::Greater)));
    if below || above {
        out.push(ConstraintViolation::new(
            path,
            ViolationKind::Range { min, max, actual },
        ));
    }
}

/// `@uniqueItems`: reports the first equal pair, ordered by the later index.
/// Compares every pair, because items need only be `PartialEq`.
pub fn unique_items<T: PartialEq>(path: &str, items: &[T], out: &mut Vec<ConstraintViolation>) {
    for (second, later) in items.iter().enumerate() {
        if let Some(first) = items
            .iter()
            .take(second)
            .position(|earlier| earlier == later)
        {
            out.push(ConstraintViolation::new(
                path,
                ViolationKind::UniqueItems { first, second },
            ));
            return;
        }
    }
}

/// The path of a member: `a` + `b` is `a.b`; at the top it is just `b`.
pub fn join(path: &str, member: &str) -> String {
    if path.is_empty() {
        member.to_owned()
    } else {
        format!("{path}.{member}")
    }
}

/// The path of a list item: `a[3]`.
pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// The path of a map value: `a["k"]`, with quotes and control characters escaped.
pub fn key(path: &str, key: &str) -> String {
    format!("{path}[{key:?}]")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(check: impl FnOnce(&mut Vec<ConstraintViolation>)) -> Vec<ViolationKind> {
        let mut out = Vec::new();
        check(&mut out);
        out.into_iter().map(|violation| violation.kind).collect()
    }

    #[test]
    fn length_checks_both_bounds_inclusively() {
        assert!(run(|out| length("p", 1, Some(1), Some(3), out)).is_empty());
        assert!(run(|out| length("p", 3, Some(1), Some(3), out)).is_empty());
        assert_eq!(
            run(|out| length("p", 0, Some(1), Some(3), out)),
            [ViolationKind::Length {
                min: Some(1),
                max: Some(3),
                actual: 0
            }]
        );
        assert_eq!(
            run(|out| length("p", 4, None, Some(3), out)),
            [ViolationKind::Length {
                min: None,
                max: Some(3),
                actual: 4
            }]
        );
    }

    #[test]
    fn string_length_counts_unicode_scalar_values() {
        // Four scalar values, ten UTF-8 bytes, five UTF-16 units.
        let text = "añ€😀";
        assert_eq!(text.len(), 10);
        assert!(run(|out| string_length("p", text, Some(4), Some(4), out)).is_empty());
        assert_eq!(
            run(|out| string_length("p", text, None, Some(3), out)),
            [ViolationKind::Length {
                min: None,
                max: Some(3),
                actual: 4
            }]
        );
    }

    #[test]
    fn pattern_is_not_implicitly_anchored() {
        assert!(run(|out| pattern("p", "xx-abc-yy", "[a-z]+-abc", out)).is_empty());
        assert_eq!(
            run(|out| pattern("p", "ABC", "^[a-z]+$", out)),
            [ViolationKind::Pattern {
                pattern: "^[a-z]+$"
            }]
        );
    }

    #[test]
    fn unsupported_patterns_count_as_met() {
        // A Java POSIX class (no engine here reads it as Java does) and a
        // syntax error.
        assert!(run(|out| pattern("p", "\u{7}", r"^\p{Print}+$", out)).is_empty());
        assert!(run(|out| pattern("p", "anything", "^(unclosed", out)).is_empty());
        // Lookaround needs the full engine; without it, it counts as met.
        let lookahead = run(|out| pattern("p", "anything", "^(?!anything)", out));
        assert_eq!(lookahead.is_empty(), !cfg!(feature = "full-patterns"));
    }

    #[test]
    fn range_checks_bounds_inclusively_and_rejects_nan() {
        assert!(run(|out| range("p", 1.0, Some(1.0), Some(2.0), out)).is_empty());
        assert!(run(|out| range("p", 2.0, Some(1.0), Some(2.0), out)).is_empty());
        assert!(run(|out| range("p", f64::NAN, None, None, out)).is_empty());
        assert_eq!(
            run(|out| range("p", 0.5, Some(1.0), None, out)),
            [ViolationKind::Range {
                min: Some(1.0),
                max: None,
                actual: 0.5
            }]
        );
        assert_eq!(
            run(|out| range("p", f64::INFINITY, None, Some(2.0), out)).len(),
            1
        );
        assert_eq!(
            run(|out| range("p", f64::NAN, Some(0.0), None, out)).len(),
            1
        );
    }

    #[test]
    fn unique_items_reports_the_first_equal_pair() {
        assert!(run(|out| unique_items("p", &["a", "b", "c"], out)).is_empty());
        assert_eq!(
            run(|out| unique_items("p", &["a", "b", "c", "b", "a"], out)),
            [ViolationKind::UniqueItems {
                first: 1,
                second: 3
            }]
        );
        assert!(run(|out| unique_items::<u8>("p", &[], out)).is_empty());
    }

    #[test]
    fn paths_compose() {
        assert_eq!(join("", "b"), "b");
        assert_eq!(join("a", "b"), "a.b");
        assert_eq!(index("a", 3), "a[3]");
        assert_eq!(key("a", "k"), r#"a["k"]"#);
        assert_eq!(key("", "q\"\n"), r#"["q\"\n"]"#);
        assert_eq!(
            join(&index(&join("", "imageIds"), 2), "imageTag"),
            "imageIds[2].imageTag"
        );
    }
}
