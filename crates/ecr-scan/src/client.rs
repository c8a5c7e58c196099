//! Building the ECR client from the environment, with the flags on top.

use awsgen_client::{ClientBuilder, ConfigError, Environment};

use crate::args::ScanArgs;

/// A client configured like the AWS CLI (credentials chain, region, endpoint
/// variables and shared files, all read from `vars`), then overridden by the
/// `--region` and `--endpoint-url` flags.
pub(crate) fn build(
    scan: &ScanArgs,
    vars: impl IntoIterator<Item = (String, String)>,
) -> Result<ecr_types::Client, ConfigError> {
    // `--region` goes in as AWS_REGION, the first place the region lookup
    // reads: it wins over the environment and profile, and the lookup does not
    // fail first for lack of a region the flag supplies.
    let region = scan
        .region
        .clone()
        .map(|region| ("AWS_REGION".to_owned(), region));
    let env = Environment::from_vars(vars.into_iter().chain(region));
    let mut builder = ClientBuilder::from_environment(env)?;
    if let Some(url) = &scan.endpoint_url {
        builder = builder.endpoint_url(url);
    }
    builder.build().map(ecr_types::Client::new)
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
        }
    }

    /// An environment that cannot see the real home directory's AWS files.
    fn vars(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        let isolated = [
            ("HOME", "/nonexistent-ecr-scan-test-home"),
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

    #[test]
    fn the_region_flag_supplies_a_missing_region() {
        let missing = build(&args(None, None), vars(&[])).unwrap_err();
        assert!(
            missing.to_string().contains("AWS_REGION"),
            "the error lists where it looked: {missing}"
        );
        assert!(build(&args(Some("eu-west-1"), None), vars(&[])).is_ok());
    }

    #[test]
    fn flags_are_checked_like_any_setting() {
        let err = build(&args(Some("not a region"), None), vars(&[])).unwrap_err();
        assert!(err.to_string().contains("not a region"), "{err}");
        let err = build(
            &args(Some("us-east-1"), Some("http://example.com")),
            vars(&[]),
        )
        .unwrap_err();
        assert!(err.to_string().contains("endpoint_url"), "{err}");
        assert!(build(
            &args(None, Some("http://127.0.0.1:1")),
            vars(&[("AWS_DEFAULT_REGION", "us-west-2")])
        )
        .is_ok());
    }
}
