//! Endpoint URLs configured outside code: `AWS_ENDPOINT_URL_<SERVICE>`,
//! `AWS_ENDPOINT_URL`, then the profile's `[services]` section and its
//! `endpoint_url`; none of them when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is true.

use crate::error::ConfigError;
use crate::settings::{flag, SettingSource};

/// An endpoint URL and where it was found (for error messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ConfiguredEndpoint {
    pub(crate) origin: String,
    pub(crate) url: String,
}

/// The endpoint configured for the service with this `sdkId`, if any.
pub(crate) fn configured_endpoint(
    source: &dyn SettingSource,
    sdk_id: &str,
) -> Result<Option<ConfiguredEndpoint>, ConfigError> {
    if flag(
        source,
        "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
        "ignore_configured_endpoint_urls",
    )? {
        return Ok(None);
    }
    let service_var = format!(
        "AWS_ENDPOINT_URL_{}",
        sdk_id.to_ascii_uppercase().replace(' ', "_")
    );
    let service_key = sdk_id.to_ascii_lowercase().replace(' ', "_");
    let found = source
        .env(&service_var)
        .map(|url| (service_var.clone(), url))
        .or_else(|| {
            source
                .env("AWS_ENDPOINT_URL")
                .map(|url| ("AWS_ENDPOINT_URL".to_owned(), url))
        })
        .or_else(|| {
            source
                .service_profile(&service_key, "endpoint_url")
                .map(|url| {
                    (
                        format!("profile services section `{service_key}.endpoint_url`"),
                        url,
                    )
                })
        })
        .or_else(|| {
            source
                .profile("endpoint_url")
                .map(|url| ("profile key `endpoint_url`".to_owned(), url))
        });
    Ok(found.map(|(origin, url)| ConfiguredEndpoint { origin, url }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::test_source::MapSource;

    fn url_for(source: &MapSource, sdk_id: &str) -> Option<String> {
        configured_endpoint(source, sdk_id).unwrap().map(|c| c.url)
    }

    #[test]
    fn precedence_service_env_global_env_services_section_profile() {
        let all = MapSource::default()
            .env("AWS_ENDPOINT_URL_ECR_PUBLIC", "https://a")
            .env("AWS_ENDPOINT_URL", "https://b")
            .service("ecr_public", "endpoint_url", "https://c")
            .profile("endpoint_url", "https://d");
        assert_eq!(url_for(&all, "ECR PUBLIC").as_deref(), Some("https://a"));
        assert_eq!(url_for(&all, "ECR").as_deref(), Some("https://b"));
        let profile_only = MapSource::default()
            .service("ecr_public", "endpoint_url", "https://c")
            .profile("endpoint_url", "https://d");
        assert_eq!(
            url_for(&profile_only, "ECR PUBLIC").as_deref(),
            Some("https://c")
        );
        assert_eq!(url_for(&profile_only, "ECR").as_deref(), Some("https://d"));
        assert_eq!(url_for(&MapSource::default(), "ECR"), None);
    }

    #[test]
    fn origin_names_the_variable() {
        let source = MapSource::default().env("AWS_ENDPOINT_URL_ECR", "https://a");
        let found = configured_endpoint(&source, "ECR").unwrap().unwrap();
        assert_eq!(found.origin, "AWS_ENDPOINT_URL_ECR");
    }

    #[test]
    fn ignore_switch_from_env_or_profile() {
        let source = MapSource::default()
            .env("AWS_ENDPOINT_URL", "https://b")
            .env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
        assert_eq!(url_for(&source, "ECR"), None);
        let source = MapSource::default()
            .profile("endpoint_url", "https://d")
            .profile("ignore_configured_endpoint_urls", "TRUE");
        assert_eq!(url_for(&source, "ECR"), None);
        let bad = MapSource::default().env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "maybe");
        assert!(configured_endpoint(&bad, "ECR").is_err());
    }
}
