//! What the user is told when the configuration cannot work (the region, the
//! endpoint URL, a setting, the credentials): in the CLI's words, naming where
//! a bad value came from, and saying what to do next.

use awsgen_client::{CallError, CallErrorKind, ConfigError, CredentialsError, RegionError};

use crate::args::ScanArgs;
use crate::escape::quoted;

/// How the client names a URL given to `ClientBuilder::endpoint_url`, which
/// `ecr-scan` calls only with `--endpoint-url`.
const BUILDER_ENDPOINT_ORIGIN: &str = "endpoint_url(..)";

/// How the region lookup names the region given in code, which `ecr-scan`
/// gives only from `--region`: the no-region message names the flag itself.
const EXPLICIT_REGION_SOURCE: &str = "explicit configuration";

/// What to do when no region is found anywhere.
const REGION_NEXT_STEP: &str = "give --region REGION or the image as its URI \
     (ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPOSITORY:TAG), or set AWS_REGION or `region` \
     in the AWS profile";

/// What to do when no credentials are found anywhere: the sources a user
/// sets up (the container endpoint and instance metadata are the
/// platform's).
const CREDENTIALS_NEXT_STEP: &str = "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY \
     (and AWS_SESSION_TOKEN for temporary credentials), or set AWS_PROFILE to a profile \
     with keys, a credential_process or an IAM Identity Center sign-in (`aws sso login \
     --profile NAME`)";

/// The message for a client that cannot be built from the environment and `scan`.
pub(crate) fn config_failed(err: &ConfigError, scan: &ScanArgs) -> String {
    match err {
        ConfigError::Region(RegionError::NotFound { tried, .. }) => {
            let places: Vec<&str> = tried
                .iter()
                .map(String::as_str)
                .filter(|place| !place.starts_with(EXPLICIT_REGION_SOURCE))
                .collect();
            format!(
                "no AWS region is configured: {REGION_NEXT_STEP}\n  looked at: {}",
                places.join(", ")
            )
        }
        ConfigError::Region(RegionError::Invalid {
            value,
            origin: Some(origin),
            reason,
            ..
        }) => format!(
            "invalid AWS region {} (from {origin}): {reason}; correct it there, or give --region REGION",
            quoted(value)
        ),
        ConfigError::InvalidSetting {
            origin,
            value,
            reason,
            ..
        } => format!("invalid setting {origin} = {}: {reason}", quoted(value)),
        ConfigError::InvalidEndpoint { origin, reason, .. }
            if origin == BUILDER_ENDPOINT_ORIGIN && scan.endpoint_url.is_some() =>
        {
            let url = scan.endpoint_url.as_deref().unwrap_or_default();
            format!("--endpoint-url {} cannot be used: {reason}", quoted(url))
        }
        other => format!("the client cannot be configured: {other}"),
    }
}

/// What to do next after a call failed for want of credentials, as a
/// detail line; `None` for every other error.
pub(crate) fn credentials_next_step<E>(err: &CallError<E>) -> Option<String> {
    match err.kind() {
        CallErrorKind::Credentials(CredentialsError::NotLoaded { .. }) => {
            Some(format!("  {CREDENTIALS_NEXT_STEP}"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use awsgen_client::{ClientBuilder, Environment};

    use super::*;
    use crate::args::{ImageRef, Reference};

    fn scan(endpoint_url: Option<&str>) -> ScanArgs {
        ScanArgs {
            image: ImageRef {
                repository: "app".into(),
                reference: Reference::Tag("1".into()),
            },
            registry_id: None,
            endpoint_url: endpoint_url.map(str::to_owned),
            region: None,
            max_wait: None,
            fail_on: None,
            format: crate::output::Format::Text,
            verbosity: 0,
        }
    }

    fn build_error(
        vars: &[(&str, &str)],
        configure: impl FnOnce(ClientBuilder) -> ClientBuilder,
    ) -> ConfigError {
        let home = [("HOME", "/nonexistent-ecr-scan-test-home")];
        let env = Environment::from_vars(home.iter().chain(vars).copied());
        match ClientBuilder::from_environment(env).and_then(|b| configure(b).build()) {
            Ok(_) => panic!("{vars:?} builds a client"),
            Err(err) => err,
        }
    }

    /// The client's own wording is what these messages rely on; a change
    /// there shows up here rather than as a confusing message.
    #[test]
    fn no_region_names_the_flag_and_every_place_looked_at() {
        let err = build_error(&[], |b| b);
        let message = config_failed(&err, &scan(None));
        assert!(
            message.starts_with(&format!(
                "no AWS region is configured: {REGION_NEXT_STEP}\n  looked at: \
                 environment variable AWS_REGION (not set), environment variable \
                 AWS_DEFAULT_REGION (not set), shared credentials file"
            )),
            "{message}"
        );
        assert!(!message.contains(EXPLICIT_REGION_SOURCE), "{message}");
    }

    #[test]
    fn a_bad_endpoint_flag_is_named_as_the_flag() {
        let url = "http://example.com";
        let err = build_error(&[("AWS_REGION", "us-east-1")], |b| b.endpoint_url(url));
        let message = config_failed(&err, &scan(Some(url)));
        assert!(
            message.starts_with("--endpoint-url `http://example.com` cannot be used: plain http"),
            "{message}"
        );
        assert!(!message.contains(BUILDER_ENDPOINT_ORIGIN), "{message}");
    }

    #[test]
    fn echoed_settings_are_cut() {
        let huge = "9".repeat(10_000);
        let err = build_error(
            &[("AWS_REGION", "us-east-1"), ("AWS_MAX_ATTEMPTS", &huge)],
            |b| b,
        );
        let message = config_failed(&err, &scan(None));
        assert!(message.len() < 200, "{message}");
        assert!(
            message.starts_with("invalid setting AWS_MAX_ATTEMPTS = `999"),
            "{message}"
        );
    }
}
