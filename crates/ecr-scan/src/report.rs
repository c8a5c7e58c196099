//! What the user is told, and the exit status, for each outcome of a scan.

use std::process::ExitCode;

use awsgen_client::{CallError, CallErrorKind};
use ecr_types::{StartImageScanError, StartImageScanResponse};

use crate::args::ImageRef;
use crate::config_report::credentials_next_step;

/// The exit statuses `ecr-scan` documents in its usage text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exit {
    /// The scan completed (or, with `--no-wait`, was started).
    Success = 0,
    /// A call failed: the service refused it, or it could not be delivered.
    CallFailed = 1,
    /// The command line or the configuration cannot work.
    UsageOrConfig = 2,
    /// The scan ended in `FAILED`.
    ScanFailed = 3,
    /// The scan did not complete within `--max-wait`.
    TimedOut = 4,
    /// The scan completed with a finding at or above `--fail-on`.
    FindingsAtOrAbove = 5,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit as u8)
    }
}

/// Longest piece of an unrecognised response body that is shown.
const BODY_EXCERPT_CHARS: usize = 300;

/// The line printed when the scan was started.
pub(crate) fn started(image: &ImageRef, output: &StartImageScanResponse) -> String {
    let mut line = format!("scan of {image}");
    if let Some(digest) = output
        .image_id
        .as_ref()
        .and_then(|id| id.image_digest.as_deref())
    {
        line.push_str(&format!(" ({digest})"));
    }
    if let Some(registry) = &output.registry_id {
        line.push_str(&format!(" in registry {registry}"));
    }
    let status = output.image_scan_status.as_ref();
    match status.and_then(|s| s.status.as_ref()) {
        Some(state) => line.push_str(&format!(": {state}")),
        None => line.push_str(": started (the response gave no status)"),
    }
    if let Some(description) = status
        .and_then(|s| s.description.as_deref())
        .filter(|d| !d.is_empty())
    {
        line.push_str(&format!(" - {description}"));
    }
    line
}

/// The note printed when the quota refused a new scan and the existing
/// scan's results are waited for instead.
pub(crate) fn quota_hit_waiting(image: &ImageRef) -> String {
    format!(
        "note: the 24-hour scan quota was hit: ECR allows one basic scan of an image every \
         24 hours, and {image} has used it; waiting for that scan's results instead"
    )
}

/// Whether the error is the per-image scan quota.
pub(crate) fn is_quota(err: &CallError<StartImageScanError>) -> bool {
    matches!(
        err.as_service(),
        Some(StartImageScanError::LimitExceededException(_))
    )
}

/// The exit status of a call error: configuration problems are 2.
pub(crate) fn exit_for<E>(err: &CallError<E>) -> Exit {
    match err.kind() {
        CallErrorKind::InvalidConfig(_)
        | CallErrorKind::InvalidRequest(_)
        | CallErrorKind::Credentials(_) => Exit::UsageOrConfig,
        _ => Exit::CallFailed,
    }
}

/// The message and exit status of a failed call.
pub(crate) fn failed(image: &ImageRef, err: &CallError<StartImageScanError>) -> (String, Exit) {
    let exit = exit_for(err);
    let message = match err.as_service() {
        Some(StartImageScanError::LimitExceededException(_)) => format!(
            "the 24-hour scan quota was hit: ECR allows one basic scan of an image every \
             24 hours (and 100,000 per account), and {image} has used it; try again later\n  {err}"
        ),
        Some(StartImageScanError::RepositoryNotFoundException(_)) => {
            format!("{}\n  {err}", no_repository(image))
        }
        Some(StartImageScanError::ImageNotFoundException(_)) => {
            format!("{}\n  {err}", no_image(image))
        }
        Some(StartImageScanError::Unhandled(unhandled)) => {
            let metadata = unhandled.metadata();
            let mut message = match (metadata.code.as_deref(), metadata.status) {
                (None, 401 | 403) => format!(
                    "the service refused the request's credentials or signature: check the \
                     access key ID, secret access key and session token\n  {err}"
                ),
                _ => err.to_string(),
            };
            // Without a code the body is the only clue (an XML or HTML error page).
            if metadata.code.is_none() {
                if let Some(excerpt) = excerpt(unhandled.body()) {
                    message.push_str(&format!("\n  response body: {excerpt}"));
                }
            }
            message
        }
        _ => match credentials_next_step(err) {
            Some(next_step) => format!("{err}\n{next_step}"),
            None => err.to_string(),
        },
    };
    (message, exit)
}

/// Said when the repository does not exist (either operation can find out).
pub(crate) fn no_repository(image: &ImageRef) -> String {
    format!(
        "repository `{}` does not exist in this registry and region",
        image.repository
    )
}

/// Said when the repository has no such image.
pub(crate) fn no_image(image: &ImageRef) -> String {
    format!("repository `{}` has no image {image}", image.repository)
}

/// The start of a body as one line, or `None` when it is empty.
pub(crate) fn excerpt(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.is_empty() {
        return None;
    }
    let mut shown: String = one_line.chars().take(BODY_EXCERPT_CHARS).collect();
    if shown.len() < one_line.len() {
        shown.push_str("...");
    }
    Some(shown)
}

#[cfg(test)]
mod tests {
    use awsgen_client::{connector_fn, ConnectorError, Credentials, Environment};
    use bytes::Bytes;
    use ecr_types::{ImageIdentifier, ImageScanStatus, ScanStatus, StartImageScanRequest};

    use super::*;
    use crate::args::Reference;

    const TEST_SECRET: &str = "wJalrXUtnFEMI-K7MDENG-test-secret";

    fn image() -> ImageRef {
        ImageRef {
            repository: "team/app".into(),
            reference: Reference::Tag("v1".into()),
        }
    }

    /// The error of a call whose every attempt gets this response.
    async fn error_for(
        status: u16,
        headers: &'static [(&'static str, &'static str)],
        body: &'static str,
    ) -> CallError<StartImageScanError> {
        let connector = connector_fn(move |_request| async move {
            let mut response = http::Response::new(Bytes::from_static(body.as_bytes()));
            *response.status_mut() = http::StatusCode::from_u16(status)
                .map_err(|e| ConnectorError::other(e.to_string()))?;
            for (name, value) in headers {
                response.headers_mut().insert(
                    http::HeaderName::from_static(name),
                    http::HeaderValue::from_static(value),
                );
            }
            Ok(response)
        });
        let inner = awsgen_client::Client::builder()
            .region("us-east-1")
            .credentials(Credentials::new("AKIDEXAMPLE", TEST_SECRET, None, "test"))
            .endpoint_url("http://127.0.0.1:1")
            .connector(connector)
            .build()
            .unwrap();
        let request =
            StartImageScanRequest::new("team/app", ImageIdentifier::new().with_image_tag("v1"));
        ecr_types::Client::new(inner)
            .start_image_scan(request)
            .await
            .unwrap_err()
    }

    #[test]
    fn started_names_image_digest_registry_and_status() {
        let output = StartImageScanResponse::new()
            .with_registry_id("123456789012")
            .with_image_id(ImageIdentifier::new().with_image_digest("sha256:ab"))
            .with_image_scan_status(
                ImageScanStatus::new()
                    .with_status(ScanStatus::InProgress)
                    .with_description("queued"),
            );
        assert_eq!(
            started(&image(), &output),
            "scan of team/app:v1 (sha256:ab) in registry 123456789012: IN_PROGRESS - queued"
        );
        assert_eq!(
            started(&image(), &StartImageScanResponse::new()),
            "scan of team/app:v1: started (the response gave no status)"
        );
    }

    #[tokio::test(flavor = "current_thread")]
    async fn the_quota_error_says_what_the_quota_is() {
        let err = error_for(
            400,
            &[("x-amzn-requestid", "req-9")],
            r#"{"__type":"LimitExceededException","message":"The scan quota for the image has been exceeded."}"#,
        )
        .await;
        let (message, exit) = failed(&image(), &err);
        assert_eq!(exit, Exit::CallFailed);
        assert!(
            message.contains("24-hour scan quota was hit")
                && message.contains("team/app:v1")
                && message.contains("LimitExceededException")
                && message.contains("req-9"),
            "{message}"
        );
    }

    #[tokio::test(flavor = "current_thread")]
    async fn missing_repository_and_image_are_named() {
        let err = error_for(400, &[], r#"{"__type":"RepositoryNotFoundException"}"#).await;
        let (message, exit) = failed(&image(), &err);
        assert_eq!(exit, Exit::CallFailed);
        assert!(
            message.starts_with("repository `team/app` does not exist"),
            "{message}"
        );
        let err = error_for(400, &[], r#"{"__type":"ImageNotFoundException"}"#).await;
        let (message, _) = failed(&image(), &err);
        assert!(
            message.starts_with("repository `team/app` has no image team/app:v1"),
            "{message}"
        );
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_refused_signature_without_a_json_code_shows_the_body() {
        let body =
            "<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code>\n</Error></ErrorResponse>";
        let err = error_for(403, &[], body).await;
        let (message, exit) = failed(&image(), &err);
        assert_eq!(exit, Exit::CallFailed);
        assert!(
            message.contains("refused the request's credentials")
                && message.contains("HTTP 403")
                && message.contains("response body: <ErrorResponse><Error><Code>SignatureDoesNotMatch</Code> </Error>"),
            "{message}"
        );
        assert!(!message.contains(TEST_SECRET), "{message}");
    }

    #[test]
    fn long_bodies_are_cut() {
        let long = "x".repeat(BODY_EXCERPT_CHARS + 10);
        let shown = excerpt(long.as_bytes()).unwrap();
        assert_eq!(shown.len(), BODY_EXCERPT_CHARS + 3);
        assert!(shown.ends_with("..."));
        assert_eq!(excerpt(b" \n "), None);
    }

    #[tokio::test(flavor = "current_thread")]
    async fn configuration_problems_exit_with_2_and_call_failures_with_1() {
        let refused = || {
            connector_fn(|_request| async {
                Err::<http::Response<Bytes>, _>(ConnectorError::connect("refused"))
            })
        };
        let request =
            || StartImageScanRequest::new("team/app", ImageIdentifier::new().with_image_tag("v1"));

        let inner = awsgen_client::Client::builder()
            .region("us-east-1")
            .credentials(Credentials::new("AKIDEXAMPLE", TEST_SECRET, None, "test"))
            .endpoint_url("http://127.0.0.1:1")
            .retry(awsgen_client::RetryConfig::standard().with_max_attempts(1))
            .connector(refused())
            .build()
            .unwrap();
        let err = ecr_types::Client::new(inner)
            .start_image_scan(request())
            .await
            .unwrap_err();
        let (message, exit) = failed(&image(), &err);
        assert_eq!(exit, Exit::CallFailed);
        assert!(message.contains("could not connect"), "{message}");

        // An environment with a region but no credentials anywhere.
        let env = Environment::from_vars([
            ("AWS_REGION", "us-east-1"),
            ("HOME", "/nonexistent-ecr-scan-test-home"),
        ]);
        let inner = awsgen_client::ClientBuilder::from_environment(env)
            .unwrap()
            .endpoint_url("http://127.0.0.1:1")
            .connector(refused())
            .build()
            .unwrap();
        let err = ecr_types::Client::new(inner)
            .start_image_scan(request())
            .await
            .unwrap_err();
        let (message, exit) = failed(&image(), &err);
        assert_eq!(exit, Exit::UsageOrConfig);
        assert!(message.contains("no usable credentials"), "{message}");
        assert_eq!(err.attempts(), 0);
    }
}
