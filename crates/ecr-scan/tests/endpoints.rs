//! The generated ECR client reaches the endpoint the model's rule set names:
//! regional, FIPS, dual-stack and custom endpoints, as the transport resolves
//! them for a real call, and an impossible combination fails before any
//! request is sent.

use std::sync::{Arc, Mutex};

use awsgen_client::{connector_fn, CallErrorKind, ClientBuilder, Credentials};
use bytes::Bytes;
use ecr_types::{ImageIdentifier, StartImageScanRequest};

const STARTED: &str = r#"{"imageScanStatus":{"status":"IN_PROGRESS"}}"#;

/// Sends one StartImageScan with `configure` applied; returns the URL the
/// connector saw (`None` when nothing was sent) and the call's error, if any.
async fn url_reached(
    configure: impl FnOnce(ClientBuilder) -> ClientBuilder,
) -> (Option<String>, Option<String>) {
    let seen = Arc::new(Mutex::new(None));
    let record = Arc::clone(&seen);
    let connector = connector_fn(move |request: http::Request<Bytes>| {
        *record.lock().unwrap() = Some(request.uri().to_string());
        async { Ok(http::Response::new(Bytes::from_static(STARTED.as_bytes()))) }
    });
    let builder = awsgen_client::Client::builder()
        .credentials(Credentials::new("AKIDEXAMPLE", "secret", None, "test"))
        .connector(connector);
    let client = ecr_types::Client::new(configure(builder).build().expect("a valid config"));
    let request = StartImageScanRequest::new("app", ImageIdentifier::new().with_image_tag("v1"));
    let error = match client.start_image_scan(request).await {
        Ok(_) => None,
        Err(err) => {
            assert_eq!(err.attempts(), 0, "nothing is sent: {err}");
            assert!(
                matches!(err.kind(), CallErrorKind::InvalidConfig(_)),
                "{err:?}"
            );
            Some(err.to_string())
        }
    };
    let url = seen.lock().unwrap().clone();
    (url, error)
}

#[tokio::test(flavor = "current_thread")]
async fn a_region_reaches_the_regional_endpoint() {
    let (url, _) = url_reached(|b| b.region("us-east-1")).await;
    assert_eq!(
        url.as_deref(),
        Some("https://api.ecr.us-east-1.amazonaws.com/")
    );
    let (url, _) = url_reached(|b| b.region("cn-north-1")).await;
    assert_eq!(
        url.as_deref(),
        Some("https://api.ecr.cn-north-1.amazonaws.com.cn/")
    );
}

#[tokio::test(flavor = "current_thread")]
async fn fips_and_dual_stack_follow_the_rule_set() {
    let (url, _) = url_reached(|b| b.region("us-east-1").use_fips(true)).await;
    assert_eq!(
        url.as_deref(),
        Some("https://ecr-fips.us-east-1.amazonaws.com/")
    );
    let (url, _) = url_reached(|b| b.region("us-east-1").use_dual_stack(true)).await;
    assert_eq!(url.as_deref(), Some("https://api.ecr.us-east-1.api.aws/"));
}

#[tokio::test(flavor = "current_thread")]
async fn a_custom_endpoint_keeps_its_path() {
    let (url, _) = url_reached(|b| {
        b.region("us-east-1")
            .endpoint_url("https://proxy.example.com/ecr/v1")
    })
    .await;
    // The path is kept; the operation's own path `/` follows it, as the
    // awsJson protocol test `AwsJson11HostWithPath` requires.
    assert_eq!(url.as_deref(), Some("https://proxy.example.com/ecr/v1/"));
}

#[tokio::test(flavor = "current_thread")]
async fn an_impossible_combination_fails_before_any_request() {
    let (url, error) = url_reached(|b| {
        b.region("us-east-1")
            .use_fips(true)
            .endpoint_url("https://proxy.example.com")
    })
    .await;
    assert_eq!(url, None);
    let error = error.expect("FIPS with a custom endpoint is refused");
    assert!(
        error.contains("Invalid Configuration: FIPS and custom endpoint are not supported"),
        "{error}"
    );
}
