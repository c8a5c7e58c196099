//! The AWS region a client talks to, and where it is configured.

use std::fmt;

use crate::env::Environment;
use crate::profile::ProfileSet;

/// Regions are DNS labels in endpoint host names.
const MAX_REGION_LEN: usize = 63;

/// A region name such as `us-east-1`: non-empty, at most 63 ASCII letters, digits and
/// `-`, not starting or ending with `-`, so it can be used in a host name and a
/// SigV4 credential scope.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Region(String);

impl Region {
    /// Validates `name` as a region.
    pub fn new(name: impl Into<String>) -> Result<Self, RegionError> {
        let name = name.into();
        match invalid_reason(&name) {
            None => Ok(Self(name)),
            Some(reason) => Err(RegionError::Invalid {
                value: name,
                origin: None,
                reason,
            }),
        }
    }

    /// The region name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Region {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

fn invalid_reason(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        Some("it is empty")
    } else if name.len() > MAX_REGION_LEN {
        Some("it is longer than 63 characters")
    } else if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        Some("only ASCII letters, digits and `-` are allowed")
    } else if name.starts_with('-') || name.ends_with('-') {
        Some("it must not start or end with `-`")
    } else {
        None
    }
}

/// No usable region was configured.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RegionError {
    /// No source set a region; `tried` lists every place looked at.
    #[error("no AWS region configured; looked at: {}", tried.join(", "))]
    NotFound {
        /// One entry per place looked at, for example
        /// `environment variable AWS_REGION (not set)`.
        tried: Vec<String>,
    },
    /// A source set something that is not a region name.
    #[error("invalid AWS region `{value}`{}: {reason}", origin_suffix(origin.as_deref()))]
    Invalid {
        /// The rejected value (regions are not secret).
        value: String,
        /// Where it came from, when it came from configuration.
        origin: Option<String>,
        /// What is wrong with it.
        reason: &'static str,
    },
}

fn origin_suffix(origin: Option<&str>) -> String {
    origin
        .map(|origin| format!(" (from {origin})"))
        .unwrap_or_default()
}

/// Resolves the region from, in order: `explicit` (configuration in code),
/// `AWS_REGION`, `AWS_DEFAULT_REGION`, and the selected profile's `region`.
///
/// The first source that is set decides: an invalid value there is an error, not a
/// reason to fall through to the next source. Blank environment variables count as
/// unset. `profile` is `None` when the shared files were not loaded.
pub fn resolve_region(
    explicit: Option<&str>,
    env: &Environment,
    profile: Option<&ProfileSet>,
) -> Result<Region, RegionError> {
    let mut tried = Vec::new();
    let candidates = [
        ("explicit configuration".to_owned(), explicit),
        (
            "environment variable AWS_REGION".to_owned(),
            env.var("AWS_REGION"),
        ),
        (
            "environment variable AWS_DEFAULT_REGION".to_owned(),
            env.var("AWS_DEFAULT_REGION"),
        ),
    ];
    for (origin, value) in candidates {
        match value {
            Some(value) => return validated(value.trim(), origin),
            None => tried.push(format!("{origin} (not set)")),
        }
    }
    match profile {
        Some(profile) => {
            if let Some(value) = profile.get("region").filter(|v| !v.trim().is_empty()) {
                let origin = format!("profile `{}`", profile.profile_name());
                return validated(value.trim(), origin);
            }
            tried.extend(profile.describe_lookup("region"));
        }
        None => tried.push("shared config files (not loaded)".to_owned()),
    }
    Err(RegionError::NotFound { tried })
}

fn validated(value: &str, origin: String) -> Result<Region, RegionError> {
    Region::new(value).map_err(|error| match error {
        RegionError::Invalid { value, reason, .. } => RegionError::Invalid {
            value,
            origin: Some(origin),
            reason,
        },
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_region_names() {
        for name in [
            "us-east-1",
            "cn-northwest-1",
            "us-gov-west-1",
            "eu-central-2",
            "local",
        ] {
            assert_eq!(
                Region::new(name).map(|r| r.to_string()),
                Ok(name.to_owned())
            );
        }
    }

    #[test]
    fn rejects_names_that_cannot_be_host_labels() {
        let too_long = "a".repeat(64);
        for name in [
            "",
            "us east 1",
            "us-east-1.",
            "-us",
            "us-",
            "us/east",
            "ü",
            &too_long,
        ] {
            assert!(
                matches!(Region::new(name), Err(RegionError::Invalid { .. })),
                "{name:?}"
            );
        }
    }

    #[test]
    fn explicit_wins_over_the_environment() {
        let env = Environment::from_vars([("AWS_REGION", "eu-west-1")]);
        let region = resolve_region(Some("us-west-2"), &env, None);
        assert_eq!(region.map(|r| r.to_string()), Ok("us-west-2".to_owned()));
    }

    #[test]
    fn aws_region_wins_over_aws_default_region() {
        let env = Environment::from_vars([
            ("AWS_REGION", "eu-west-1"),
            ("AWS_DEFAULT_REGION", "ap-south-1"),
        ]);
        let region = resolve_region(None, &env, None);
        assert_eq!(region.map(|r| r.to_string()), Ok("eu-west-1".to_owned()));
        let env =
            Environment::from_vars([("AWS_REGION", " "), ("AWS_DEFAULT_REGION", "ap-south-1")]);
        let region = resolve_region(None, &env, None);
        assert_eq!(region.map(|r| r.to_string()), Ok("ap-south-1".to_owned()));
    }

    #[test]
    fn an_invalid_value_names_its_source() {
        let env = Environment::from_vars([("AWS_REGION", "us east")]);
        let error = resolve_region(None, &env, None).map_err(|e| e.to_string());
        let message = error.err().unwrap_or_default();
        assert!(message.contains("`us east`"), "{message}");
        assert!(
            message.contains("environment variable AWS_REGION"),
            "{message}"
        );
    }

    #[test]
    fn not_found_lists_every_place_looked_at() {
        let error = resolve_region(None, &Environment::default(), None);
        let message = error.map_err(|e| e.to_string()).err().unwrap_or_default();
        assert_eq!(
            message,
            "no AWS region configured; looked at: explicit configuration (not set), \
             environment variable AWS_REGION (not set), environment variable \
             AWS_DEFAULT_REGION (not set), shared config files (not loaded)"
        );
    }
}
