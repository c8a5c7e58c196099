//! Settings read from the environment and the active profile of the shared
//! config files, as `Client::from_env` sees them.

use awsgen_auth::{Environment, ProfileSet};

use crate::error::ConfigError;

/// Lookups of environment variables and profile keys. Blank values count as unset.
pub(crate) trait SettingSource: Send + Sync {
    /// An environment variable.
    fn env(&self, name: &str) -> Option<String>;
    /// A key of the active profile.
    fn profile(&self, key: &str) -> Option<String>;
    /// A key of the `[services <name>]` section the active profile's `services` key names.
    fn service_profile(&self, service: &str, key: &str) -> Option<String>;
    /// A nested key of the active profile (`s3 =` then `  addressing_style = path`).
    fn profile_sub(&self, key: &str, sub: &str) -> Option<String>;

    /// An environment variable, else a profile key; with the name it came from.
    fn env_or_profile(&self, env: &str, profile: &str) -> Option<(String, String)> {
        self.env(env)
            .map(|value| (env.to_owned(), value))
            .or_else(|| {
                self.profile(profile)
                    .map(|value| (format!("profile key `{profile}`"), value))
            })
    }
}

/// The process environment snapshot and the active profile.
pub(crate) struct EnvSettings {
    env: Environment,
    profile: ProfileSet,
}

impl EnvSettings {
    pub(crate) fn new(env: Environment, profile: ProfileSet) -> Self {
        EnvSettings { env, profile }
    }
}

fn non_blank(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

impl SettingSource for EnvSettings {
    fn env(&self, name: &str) -> Option<String> {
        self.env.var(name).and_then(non_blank)
    }

    fn profile(&self, key: &str) -> Option<String> {
        self.profile.get(key).and_then(non_blank)
    }

    fn service_profile(&self, service: &str, key: &str) -> Option<String> {
        self.profile
            .service_setting(service, key)
            .and_then(non_blank)
    }

    fn profile_sub(&self, key: &str, sub: &str) -> Option<String> {
        self.profile.sub_property(key, sub).and_then(non_blank)
    }
}

/// Parses a boolean setting (`true`/`false`, any case).
pub(crate) fn parse_bool(origin: &str, value: &str) -> Result<bool, ConfigError> {
    match value.trim() {
        v if v.eq_ignore_ascii_case("true") => Ok(true),
        v if v.eq_ignore_ascii_case("false") => Ok(false),
        _ => Err(ConfigError::invalid_setting(
            origin,
            value,
            "expected `true` or `false`",
        )),
    }
}

/// Parses an unsigned integer setting.
pub(crate) fn parse_u32(origin: &str, value: &str) -> Result<u32, ConfigError> {
    value
        .trim()
        .parse()
        .map_err(|_| ConfigError::invalid_setting(origin, value, "expected a whole number"))
}

/// A boolean from the environment or profile; `false` when set in neither.
pub(crate) fn flag(
    source: &dyn SettingSource,
    env: &str,
    profile: &str,
) -> Result<bool, ConfigError> {
    match source.env_or_profile(env, profile) {
        Some((origin, value)) => parse_bool(&origin, &value),
        None => Ok(false),
    }
}

#[cfg(test)]
pub(crate) mod test_source {
    use std::collections::BTreeMap;

    use super::SettingSource;

    /// Settings from plain maps.
    #[derive(Default)]
    pub(crate) struct MapSource {
        pub(crate) env: BTreeMap<String, String>,
        pub(crate) profile: BTreeMap<String, String>,
        pub(crate) services: BTreeMap<(String, String), String>,
    }

    impl MapSource {
        pub(crate) fn env(mut self, name: &str, value: &str) -> Self {
            self.env.insert(name.into(), value.into());
            self
        }
        pub(crate) fn profile(mut self, key: &str, value: &str) -> Self {
            self.profile.insert(key.into(), value.into());
            self
        }
        pub(crate) fn service(mut self, service: &str, key: &str, value: &str) -> Self {
            self.services
                .insert((service.into(), key.into()), value.into());
            self
        }
    }

    impl SettingSource for MapSource {
        fn env(&self, name: &str) -> Option<String> {
            self.env.get(name).cloned()
        }
        fn profile(&self, key: &str) -> Option<String> {
            self.profile.get(key).cloned()
        }
        fn service_profile(&self, service: &str, key: &str) -> Option<String> {
            self.services
                .get(&(service.to_owned(), key.to_owned()))
                .cloned()
        }
        /// Nested keys are kept in `profile` as `key.sub`.
        fn profile_sub(&self, key: &str, sub: &str) -> Option<String> {
            self.profile.get(&format!("{key}.{sub}")).cloned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_source::MapSource;
    use super::*;

    #[test]
    fn booleans_are_case_insensitive_and_strict() {
        assert!(parse_bool("X", "TRUE").unwrap());
        assert!(!parse_bool("X", " false ").unwrap());
        let err = parse_bool("AWS_USE_FIPS_ENDPOINT", "yes")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("AWS_USE_FIPS_ENDPOINT") && err.contains("yes"),
            "{err}"
        );
    }

    #[test]
    fn environment_wins_over_profile() {
        let source = MapSource::default()
            .env("AWS_X", "true")
            .profile("x", "false");
        assert!(flag(&source, "AWS_X", "x").unwrap());
        let source = MapSource::default().profile("x", "true");
        assert!(flag(&source, "AWS_X", "x").unwrap());
        assert!(!flag(&MapSource::default(), "AWS_X", "x").unwrap());
    }
}
