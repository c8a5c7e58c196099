//! Typed mocks: answers written as the service would and read by the
//! generated operation's own code.

use std::time::Duration;

use awsgen_client::testing::{self, Mock};
use awsgen_client::{CallErrorKind, ConnectorError, PaginationStop, WaiterConfig};
use awsgen_types::{Operation, OperationError};
use bytes::Bytes;
use ecr_types::waiters::ImageScanComplete;
use ecr_types::{
    DescribeImageScanFindings, DescribeImageScanFindingsRequest, DescribeImageScanFindingsResponse,
    ImageIdentifier, ImageScanFinding, ImageScanFindings, ImageScanStatus, LimitExceededException,
    ScanStatus, ServerException, StartImageScan, StartImageScanError, StartImageScanRequest,
    StartImageScanResponse,
};

use crate::run;

fn scan() -> StartImageScanRequest {
    StartImageScanRequest::new("team/app", ImageIdentifier::new().with_image_tag("v1"))
}

fn findings() -> DescribeImageScanFindingsRequest {
    DescribeImageScanFindingsRequest::new("team/app", ImageIdentifier::new().with_image_tag("v1"))
}

fn client(mock: &Mock) -> ecr_types::Client {
    ecr_types::Client::new(testing::client_builder(mock.clone()).build().unwrap())
}

fn status(status: ScanStatus) -> ImageScanStatus {
    ImageScanStatus::new().with_status(status)
}

/// An output comes back equal; a modeled error comes back as its variant,
/// with the code, status, message and a request ID in its metadata, as a
/// service error read from the wire would.
#[test]
fn an_output_then_a_modeled_error_reach_the_caller_typed() {
    run(async {
        let output = StartImageScanResponse::new()
            .with_repository_name("team/app")
            .with_image_scan_status(status(ScanStatus::InProgress));
        let mock = Mock::new()
            .returns::<StartImageScan>(output.clone())
            .fails::<StartImageScan>(LimitExceededException::new().with_message("one scan a day"));
        let ecr = client(&mock);

        assert_eq!(ecr.start_image_scan(scan()).await.unwrap(), output);
        let err = ecr.start_image_scan(scan()).await.unwrap_err();
        let Some(StartImageScanError::LimitExceededException(error)) = err.as_service() else {
            panic!("expected LimitExceededException: {err:?}");
        };
        assert_eq!(error.message.as_deref(), Some("one scan a day"));
        let metadata = error.metadata();
        assert_eq!(metadata.code.as_deref(), Some("LimitExceededException"));
        assert_eq!(metadata.status, 400);
        assert_eq!(
            metadata.request_id.as_deref(),
            Some("mock-StartImageScan-2")
        );
        // codegen.json says the quota is never retried, and it is not.
        assert_eq!(err.attempts(), 1);
        // The last answer stays.
        assert!(ecr.start_image_scan(scan()).await.is_err());
        assert_eq!(mock.call_count::<StartImageScan>(), 3);
        mock.finish().unwrap();
    });
}

/// A server fault (HTTP 500) is retried by the client's real retry loop.
#[test]
fn a_server_fault_is_retried_as_in_production() {
    run(async {
        let mock = Mock::new().fails::<DescribeImageScanFindings>(ServerException::new());
        let err = client(&mock)
            .describe_image_scan_findings(findings())
            .await
            .unwrap_err();
        assert_eq!(err.attempts(), 3, "{err}");
        assert_eq!(err.as_service().unwrap().metadata().status, 500);
        assert_eq!(mock.call_count::<DescribeImageScanFindings>(), 3);
    });
}

/// Answers are used in order: a waiter polls until COMPLETE, a paginator
/// follows the mocked tokens.
#[test]
fn waiters_and_paginators_follow_the_answers_in_order() {
    run(async {
        let page = |token: Option<&str>, name: &str| {
            let mut page = DescribeImageScanFindingsResponse::new()
                .with_image_scan_status(status(ScanStatus::Complete))
                .with_image_scan_findings(
                    ImageScanFindings::new()
                        .with_findings(vec![ImageScanFinding::new().with_name(name)]),
                );
            if let Some(token) = token {
                page = page.with_next_token(token);
            }
            page
        };
        let mock = Mock::new()
            .returns::<DescribeImageScanFindings>(
                DescribeImageScanFindingsResponse::new()
                    .with_image_scan_status(status(ScanStatus::InProgress)),
            )
            .returns::<DescribeImageScanFindings>(page(Some("p2"), "CVE-1"))
            .returns::<DescribeImageScanFindings>(page(Some("p2"), "CVE-1"))
            .returns::<DescribeImageScanFindings>(page(None, "CVE-2"));
        let ecr = client(&mock);

        let quick = WaiterConfig::new(Duration::from_secs(5))
            .with_min_delay(Duration::from_millis(1))
            .with_max_delay(Duration::from_millis(1));
        let waited = ecr
            .inner()
            .wait_with::<ImageScanComplete>(findings(), quick)
            .await
            .unwrap();
        assert_eq!(waited.attempts(), 2);

        let mut pages = ecr.describe_image_scan_findings_paginator(findings());
        let mut names = Vec::new();
        while let Some(page) = pages.next_page().await {
            for finding in page.unwrap().image_scan_findings.unwrap().findings.unwrap() {
                names.extend(finding.name);
            }
        }
        assert_eq!(names, ["CVE-1", "CVE-2"]);
        assert_eq!(pages.stop_reason(), Some(PaginationStop::Exhausted));
        mock.finish().unwrap();
    });
}

/// A call the mock has no answer for fails, naming the operation, and
/// `finish` reports it and the answers never used.
#[test]
fn an_unanswered_call_and_unused_answers_are_reported() {
    run(async {
        let mock = Mock::new().fails::<StartImageScan>(LimitExceededException::new());
        let err = client(&mock)
            .describe_image_scan_findings(findings())
            .await
            .unwrap_err();
        assert!(matches!(err.kind(), CallErrorKind::Io(_)), "{err:?}");
        assert_eq!(err.attempts(), 1);
        assert!(
            err.to_string().contains(
                "mock: ECR DescribeImageScanFindings was called, but the mock has no answer for it"
            ),
            "{err}"
        );
        let finished = mock.finish().unwrap_err().to_string();
        assert!(
            finished.contains("ECR DescribeImageScanFindings was called"),
            "{finished}"
        );
        assert!(
            finished.contains("ECR StartImageScan: given answers but never called"),
            "{finished}"
        );
    });
}

/// A transport error is used by one attempt; the client retries it and
/// the next answer serves.
#[test]
fn a_transport_error_is_retried_then_answered() {
    run(async {
        let mock = Mock::new()
            .transport_error::<StartImageScan>(ConnectorError::io("connection reset"))
            .returns::<StartImageScan>(StartImageScanResponse::new());
        let (_, metadata) = client(&mock)
            .inner()
            .call_with_metadata::<StartImageScan>(scan())
            .await
            .unwrap();
        assert_eq!(metadata.attempts, 2);
        mock.finish().unwrap();
    });
}

/// A raw response goes to the operation's reader as it is.
#[test]
fn a_raw_response_is_read_as_the_service_s() {
    run(async {
        let mut response = http::Response::new(Bytes::from_static(
            br#"{"__type":"com.amazonaws.ecr#ThrottlingException","message":"slow down"}"#,
        ));
        *response.status_mut() = http::StatusCode::BAD_REQUEST;
        let mock = Mock::new().responds::<StartImageScan>(response);
        let ecr = ecr_types::Client::new(
            testing::client_builder(mock.clone())
                .retry(awsgen_client::RetryConfig::disabled())
                .build()
                .unwrap(),
        );
        let err = ecr.start_image_scan(scan()).await.unwrap_err();
        let Some(StartImageScanError::Unhandled(unhandled)) = err.as_service() else {
            panic!("an unmodeled code is the catch-all: {err:?}");
        };
        assert_eq!(
            unhandled.metadata().code.as_deref(),
            Some("ThrottlingException")
        );
    });
}

// A restJson1 operation whose output binds a member to a header, written by
// hand as the generator would: the mock writes only the body, and says so.

struct GetThing;

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Thing {
    #[serde(rename = "name")]
    name: Option<String>,
    /// `@httpHeader("ETag")`
    #[serde(rename = "etag")]
    etag: Option<String>,
}

static REST_SERVICE: awsgen_types::ServiceMeta = awsgen_types::ServiceMeta::new(
    "example#Things",
    "Things",
    "Things",
    "things",
    "things",
    "2024-01-01",
    awsgen_types::Protocol::RestJson1,
    None,
);

#[derive(Debug)]
struct AnyError(awsgen_types::UnhandledError);

impl std::fmt::Display for AnyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for AnyError {}

impl OperationError for AnyError {
    fn from_response(response: awsgen_types::ErrorResponse<'_>) -> Self {
        AnyError(awsgen_types::UnhandledError::new(response))
    }
    fn metadata(&self) -> &awsgen_types::ErrorMetadata {
        self.0.metadata()
    }
    fn retry_class(&self) -> Option<awsgen_types::RetryClass> {
        None
    }
}

impl Operation for GetThing {
    type Input = ();
    type Output = Thing;
    type Error = AnyError;
    const SERVICE: &'static awsgen_types::ServiceMeta = &REST_SERVICE;
    const NAME: &'static str = "GetThing";

    fn serialize_request(
        _: &(),
    ) -> Result<awsgen_types::HttpRequest, awsgen_types::SerializeError> {
        Ok(awsgen_types::HttpRequest::new(http::Method::GET, "/thing"))
    }

    fn deserialize_output(
        response: &awsgen_types::HttpResponse<'_>,
    ) -> Result<Thing, awsgen_types::DeserializeError> {
        #[derive(serde::Deserialize)]
        struct Body {
            name: Option<String>,
        }
        let body: Body = awsgen_types::protocol::rest_json::read_body(response.body)?;
        let etag = response
            .headers
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Ok(Thing {
            name: body.name,
            etag,
        })
    }

    fn deserialize_error(response: &awsgen_types::HttpResponse<'_>) -> Self::Error {
        awsgen_types::protocol::json_error::read_error(response)
    }
}

#[test]
#[should_panic(
    expected = "Mock::returns::<GetThing>: the output does not survive the response the mock writes"
)]
fn an_output_member_bound_to_a_header_is_refused_when_mocked() {
    let _ = Mock::new().returns::<GetThing>(Thing {
        name: Some("a".to_owned()),
        etag: Some("\"v1\"".to_owned()),
    });
}

#[test]
fn a_rest_json_output_of_body_members_is_mocked() {
    run(async {
        let thing = Thing {
            name: Some("a".to_owned()),
            etag: None,
        };
        let mock = Mock::new().returns::<GetThing>(thing.clone());
        let client = testing::client_builder(mock)
            .endpoint_url("https://things.example")
            .build()
            .unwrap();
        assert_eq!(client.call::<GetThing>(()).await.unwrap(), thing);
    });
}
