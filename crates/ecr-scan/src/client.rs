//! Building the ECR client from the environment, with the flags on top.

use awsgen_client::{ClientBuilder, ConfigError, Environment};

use crate::args::ScanArgs;

/// A client configured like the AWS CLI (credentials chain, region, endpoint
/// variables and shared files, all read from `vars`), then overridden by the
/// `--region` and `--endpoint-url` flags. With no region from any of those,
/// EC2 instance metadata is asked for the instance's (the region chain's
/// last source; milliseconds where nothing listens, at most about a second
/// where nothing answers).
pub(crate) async fn build(
    scan: &ScanArgs,
    vars: impl IntoIterator<Item = (String, String)>,
) -> Result<ecr_types::Client, ConfigError> {
    let mut builder = ClientBuilder::from_environment(Environment::from_vars(vars))?;
    // Given to the builder, which prefers it to the environment and profile
    // and keeps their lookup error only for when no region is set. (Passing
    // it in as AWS_REGION, as before, made the client blame AWS_REGION for
    // a bad `--region`.)
    if let Some(region) = &scan.region {
        builder = builder.region(region);
    }
    if let Some(url) = &scan.endpoint_url {
        builder = builder.endpoint_url(url);
    }
    builder
        .imds_region()
        .await?
        .build()
        .map(ecr_types::Client::new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::{ImageRef, Reference};

    fn args(region: Option<&str>, endpoint_url: Option<&str>) -> ScanArgs {
        ScanArgs {
            image: ImageRef {
                repository: "app".into(),
                reference: Reference::Tag("1".into()),
            },
            registry_id: None,
            endpoint_url: endpoint_url.map(str::to_owned),
            region: region.map(str::to_owned),
            max_wait: None,
            fail_on: None,
            format: crate::output::Format::Text,
            verbosity: 0,
        }
    }

    /// An environment that cannot see the real home directory's AWS files.
    fn vars(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        let isolated = [
            ("HOME", "/nonexistent-ecr-scan-test-home"),
            ("AWS_EC2_METADATA_DISABLED", "true"),
            ("AWS_CONFIG_FILE", "/nonexistent-ecr-scan-test-home/config"),
            (
                "AWS_SHARED_CREDENTIALS_FILE",
                "/nonexistent-ecr-scan-test-home/credentials",
            ),
        ];
        isolated
            .iter()
            .chain(pairs)
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[tokio::test]
    async fn the_region_flag_supplies_a_missing_region() {
        let missing = build(&args(None, None), vars(&[])).await.unwrap_err();
        assert!(
            missing.to_string().contains("AWS_REGION"),
            "the error lists where it looked: {missing}"
        );
        assert!(build(&args(Some("eu-west-1"), None), vars(&[]))
            .await
            .is_ok());
    }

    #[tokio::test]
    async fn the_region_flag_wins_over_a_broken_environment() {
        let env = vars(&[("AWS_REGION", "us east 1")]);
        assert!(build(&args(Some("eu-west-1"), None), env.clone())
            .await
            .is_ok());
        let err = build(&args(None, None), env).await.unwrap_err();
        assert!(
            err.to_string().contains("environment variable AWS_REGION"),
            "{err}"
        );
    }

    #[tokio::test]
    async fn flags_are_checked_like_any_setting() {
        let err = build(
            &args(Some("us-east-1"), Some("http://example.com")),
            vars(&[]),
        )
        .await
        .unwrap_err();
        assert!(err.to_string().contains("endpoint_url"), "{err}");
        assert!(build(
            &args(None, Some("http://127.0.0.1:1")),
            vars(&[("AWS_DEFAULT_REGION", "us-west-2")])
        )
        .await
        .is_ok());
    }
}
