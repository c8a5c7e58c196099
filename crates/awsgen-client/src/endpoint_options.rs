//! The endpoint rule sets' service-specific built-ins (S3's and STS's), as
//! client settings: what the SDKs read from the same environment variables
//! and profile keys, or set in code.

use crate::error::ConfigError;
use crate::settings::{parse_bool, SettingSource};

/// Settings of the `AWS::S3::*` and `AWS::STS::*` endpoint built-ins. Unset
/// ones leave the rule set's default. Set them with
/// [`ClientBuilder::endpoint_options`](crate::ClientBuilder::endpoint_options);
/// [`ClientBuilder::from_env`](crate::ClientBuilder::from_env) reads those the
/// SDKs read from the environment and profile.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EndpointOptions {
    sts_use_global_endpoint: Option<bool>,
    s3_use_global_endpoint: Option<bool>,
    s3_force_path_style: Option<bool>,
    s3_accelerate: Option<bool>,
    s3_use_arn_region: Option<bool>,
    s3_disable_multi_region_access_points: Option<bool>,
}

impl EndpointOptions {
    /// No option set.
    pub fn new() -> Self {
        Self::default()
    }

    /// `AWS::STS::UseGlobalEndpoint`: STS in `us-east-1` and the legacy
    /// global regions at `sts.amazonaws.com` (`AWS_STS_REGIONAL_ENDPOINTS=legacy`,
    /// profile `sts_regional_endpoints`).
    #[must_use]
    pub fn sts_use_global_endpoint(mut self, enabled: bool) -> Self {
        self.sts_use_global_endpoint = Some(enabled);
        self
    }

    /// `AWS::S3::UseGlobalEndpoint`: S3 in `us-east-1` at `s3.amazonaws.com`
    /// (`AWS_S3_US_EAST_1_REGIONAL_ENDPOINT=legacy`, profile
    /// `s3_us_east_1_regional_endpoint`).
    #[must_use]
    pub fn s3_use_global_endpoint(mut self, enabled: bool) -> Self {
        self.s3_use_global_endpoint = Some(enabled);
        self
    }

    /// `AWS::S3::ForcePathStyle`: the bucket in the path, not the host
    /// (profile `s3 =` then `  addressing_style = path`; `virtual` is
    /// `false`, `auto` leaves it unset).
    #[must_use]
    pub fn s3_force_path_style(mut self, enabled: bool) -> Self {
        self.s3_force_path_style = Some(enabled);
        self
    }

    /// `AWS::S3::Accelerate`: S3 Transfer Acceleration endpoints (profile
    /// `s3 =` then `  use_accelerate_endpoint = true`).
    #[must_use]
    pub fn s3_accelerate(mut self, enabled: bool) -> Self {
        self.s3_accelerate = Some(enabled);
        self
    }

    /// `AWS::S3::UseArnRegion`: an access point ARN's region wins over the
    /// client's (`AWS_S3_USE_ARN_REGION`, profile `s3_use_arn_region`).
    #[must_use]
    pub fn s3_use_arn_region(mut self, enabled: bool) -> Self {
        self.s3_use_arn_region = Some(enabled);
        self
    }

    /// `AWS::S3::DisableMultiRegionAccessPoints`
    /// (`AWS_S3_DISABLE_MULTIREGION_ACCESS_POINTS`, profile
    /// `s3_disable_multiregion_access_points`).
    #[must_use]
    pub fn s3_disable_multi_region_access_points(mut self, disabled: bool) -> Self {
        self.s3_disable_multi_region_access_points = Some(disabled);
        self
    }

    /// The value of a built-in, when it is one of these and set.
    pub(crate) fn builtin(&self, name: &str) -> Option<bool> {
        match name {
            "AWS::STS::UseGlobalEndpoint" => self.sts_use_global_endpoint,
            "AWS::S3::UseGlobalEndpoint" => self.s3_use_global_endpoint,
            "AWS::S3::ForcePathStyle" => self.s3_force_path_style,
            "AWS::S3::Accelerate" => self.s3_accelerate,
            "AWS::S3::UseArnRegion" => self.s3_use_arn_region,
            "AWS::S3::DisableMultiRegionAccessPoints" => self.s3_disable_multi_region_access_points,
            _ => None,
        }
    }

    /// `self` with every option `over` sets taking its place.
    pub(crate) fn overridden_by(self, over: EndpointOptions) -> Self {
        EndpointOptions {
            sts_use_global_endpoint: over
                .sts_use_global_endpoint
                .or(self.sts_use_global_endpoint),
            s3_use_global_endpoint: over.s3_use_global_endpoint.or(self.s3_use_global_endpoint),
            s3_force_path_style: over.s3_force_path_style.or(self.s3_force_path_style),
            s3_accelerate: over.s3_accelerate.or(self.s3_accelerate),
            s3_use_arn_region: over.s3_use_arn_region.or(self.s3_use_arn_region),
            s3_disable_multi_region_access_points: over
                .s3_disable_multi_region_access_points
                .or(self.s3_disable_multi_region_access_points),
        }
    }

    /// The options the SDKs read from the environment and the profile: a
    /// variable, else a top-level profile key, else the key of the
    /// profile's nested `s3` section (`s3 =` then indented `key = value`
    /// lines), where the SDKs also keep path style and acceleration.
    pub(crate) fn from_settings(settings: &dyn SettingSource) -> Result<Self, ConfigError> {
        // `env`, then profile key `key`, then `s3 =`'s `nested`.
        let lookup = |env: &str, key: &str, nested: Option<&str>| {
            settings.env_or_profile(env, key).or_else(|| {
                let nested = nested?;
                settings
                    .profile_sub("s3", nested)
                    .map(|value| (format!("profile key `s3.{nested}`"), value))
            })
        };
        let flag =
            |env: &str, key: &str, nested: Option<&str>| -> Result<Option<bool>, ConfigError> {
                lookup(env, key, nested)
                    .map(|(origin, value)| parse_bool(&origin, &value))
                    .transpose()
            };
        let nested_flag = |nested: &str| -> Result<Option<bool>, ConfigError> {
            settings
                .profile_sub("s3", nested)
                .map(|value| parse_bool(&format!("profile key `s3.{nested}`"), &value))
                .transpose()
        };
        let legacy =
            |env: &str, key: &str, nested: Option<&str>| -> Result<Option<bool>, ConfigError> {
                lookup(env, key, nested)
                    .map(|(origin, value)| match value.trim() {
                        v if v.eq_ignore_ascii_case("legacy") => Ok(true),
                        v if v.eq_ignore_ascii_case("regional") => Ok(false),
                        _ => Err(ConfigError::invalid_setting(
                            &origin,
                            value,
                            "expected `legacy` or `regional`",
                        )),
                    })
                    .transpose()
            };
        let path_style = settings
            .profile_sub("s3", "addressing_style")
            .map(|value| match value.trim() {
                v if v.eq_ignore_ascii_case("path") => Ok(Some(true)),
                v if v.eq_ignore_ascii_case("virtual") => Ok(Some(false)),
                v if v.eq_ignore_ascii_case("auto") => Ok(None),
                _ => Err(ConfigError::invalid_setting(
                    "profile key `s3.addressing_style`",
                    value,
                    "expected `auto`, `virtual` or `path`",
                )),
            })
            .transpose()?
            .flatten();
        Ok(EndpointOptions {
            sts_use_global_endpoint: legacy(
                "AWS_STS_REGIONAL_ENDPOINTS",
                "sts_regional_endpoints",
                None,
            )?,
            s3_use_global_endpoint: legacy(
                "AWS_S3_US_EAST_1_REGIONAL_ENDPOINT",
                "s3_us_east_1_regional_endpoint",
                Some("us_east_1_regional_endpoint"),
            )?,
            s3_force_path_style: path_style,
            s3_accelerate: nested_flag("use_accelerate_endpoint")?,
            s3_use_arn_region: flag(
                "AWS_S3_USE_ARN_REGION",
                "s3_use_arn_region",
                Some("use_arn_region"),
            )?,
            s3_disable_multi_region_access_points: flag(
                "AWS_S3_DISABLE_MULTIREGION_ACCESS_POINTS",
                "s3_disable_multiregion_access_points",
                None,
            )?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Env(Vec<(&'static str, &'static str)>);

    impl SettingSource for Env {
        fn env(&self, name: &str) -> Option<String> {
            self.0
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        }
        fn profile(&self, _key: &str) -> Option<String> {
            None
        }
        fn service_profile(&self, _service: &str, _key: &str) -> Option<String> {
            None
        }
        fn profile_sub(&self, _key: &str, _sub: &str) -> Option<String> {
            None
        }
    }

    #[test]
    fn the_sdks_environment_names_set_the_built_ins() {
        let options = EndpointOptions::from_settings(&Env(vec![
            ("AWS_STS_REGIONAL_ENDPOINTS", "legacy"),
            ("AWS_S3_US_EAST_1_REGIONAL_ENDPOINT", "regional"),
            ("AWS_S3_USE_ARN_REGION", "true"),
        ]))
        .unwrap();
        assert_eq!(options.builtin("AWS::STS::UseGlobalEndpoint"), Some(true));
        assert_eq!(options.builtin("AWS::S3::UseGlobalEndpoint"), Some(false));
        assert_eq!(options.builtin("AWS::S3::UseArnRegion"), Some(true));
        assert_eq!(options.builtin("AWS::S3::ForcePathStyle"), None);
        assert_eq!(options.builtin("AWS::Region"), None);
        let bad =
            EndpointOptions::from_settings(&Env(vec![("AWS_STS_REGIONAL_ENDPOINTS", "global")]));
        assert!(bad
            .unwrap_err()
            .to_string()
            .contains("AWS_STS_REGIONAL_ENDPOINTS"));
    }

    #[test]
    fn the_profiles_s3_section_sets_addressing_and_acceleration() {
        use crate::settings::test_source::MapSource;
        let options = EndpointOptions::from_settings(
            &MapSource::default()
                .profile("s3.addressing_style", "path")
                .profile("s3.use_accelerate_endpoint", "true")
                .profile("s3.use_arn_region", "true")
                .profile("s3.us_east_1_regional_endpoint", "regional"),
        )
        .unwrap();
        assert_eq!(options.builtin("AWS::S3::ForcePathStyle"), Some(true));
        assert_eq!(options.builtin("AWS::S3::Accelerate"), Some(true));
        assert_eq!(options.builtin("AWS::S3::UseArnRegion"), Some(true));
        assert_eq!(options.builtin("AWS::S3::UseGlobalEndpoint"), Some(false));
        let virtual_style = MapSource::default().profile("s3.addressing_style", "Virtual");
        let options = EndpointOptions::from_settings(&virtual_style).unwrap();
        assert_eq!(options.builtin("AWS::S3::ForcePathStyle"), Some(false));
        let auto = MapSource::default().profile("s3.addressing_style", "auto");
        let options = EndpointOptions::from_settings(&auto).unwrap();
        assert_eq!(options.builtin("AWS::S3::ForcePathStyle"), None);
        // The variable and the top-level key win over the nested one.
        let both = MapSource::default()
            .env("AWS_S3_USE_ARN_REGION", "false")
            .profile("s3.use_arn_region", "true");
        let options = EndpointOptions::from_settings(&both).unwrap();
        assert_eq!(options.builtin("AWS::S3::UseArnRegion"), Some(false));
        let bad = MapSource::default().profile("s3.addressing_style", "sideways");
        let error = EndpointOptions::from_settings(&bad)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("s3.addressing_style") && error.contains("sideways"),
            "{error}"
        );
        let bad = MapSource::default().profile("s3.use_accelerate_endpoint", "yes");
        let error = EndpointOptions::from_settings(&bad)
            .unwrap_err()
            .to_string();
        assert!(error.contains("s3.use_accelerate_endpoint"), "{error}");
    }

    #[test]
    fn options_set_in_code_win_over_the_environment() {
        let from_env = EndpointOptions::new()
            .s3_use_arn_region(true)
            .sts_use_global_endpoint(true);
        let merged = from_env.overridden_by(EndpointOptions::new().s3_use_arn_region(false));
        assert_eq!(merged.builtin("AWS::S3::UseArnRegion"), Some(false));
        assert_eq!(merged.builtin("AWS::STS::UseGlobalEndpoint"), Some(true));
    }
}
