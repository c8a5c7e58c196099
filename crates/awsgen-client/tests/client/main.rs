//! Behaviour of the transport against a loopback server the tests start.
//! Every test is bounded by a Tokio timeout, so none can hang.

/// The awsJson protocol functions of a hand-written test operation with
/// `X-Amz-Target: $target` (awsJson1_1 unless the content type says 1_0):
/// what the generator emits for such an operation.
macro_rules! aws_json_protocol {
    ($target:literal) => {
        aws_json_protocol!($target, CONTENT_TYPE_1_1);
    };
    ($target:literal, $content_type:ident) => {
        fn serialize_request(
            input: &Self::Input,
        ) -> Result<awsgen_types::HttpRequest, awsgen_types::SerializeError> {
            static HEADERS: [(http::HeaderName, http::HeaderValue); 2] =
                awsgen_types::protocol::aws_json::headers(
                    awsgen_types::protocol::aws_json::$content_type,
                    http::HeaderValue::from_static($target),
                );
            awsgen_types::protocol::aws_json::serialize_request(input, &HEADERS)
        }

        fn deserialize_output(
            response: &awsgen_types::HttpResponse<'_>,
        ) -> Result<Self::Output, awsgen_types::DeserializeError> {
            awsgen_types::protocol::aws_json::deserialize_output(
                response,
                awsgen_types::json::from_slice,
            )
        }

        fn deserialize_error(response: &awsgen_types::HttpResponse<'_>) -> Self::Error {
            awsgen_types::protocol::json_error::read_error(response)
        }
    };
}

mod adaptive_retry_tests;
mod capture;
mod checksum_loopback_tests;
mod checksum_tests;
mod clock_skew_tests;
mod config_tests;
mod connect_error_tests;
mod endpoint_param_tests;
mod operations;
mod paginator_tests;
#[path = "../shared/percent.rs"]
mod percent;
mod presign_check;
mod presign_tests;
mod proxy_tests;
mod request_tests;
mod response_tests;
mod retry_tests;
mod s3_tests;
mod server;
mod sigv4_check;
mod streaming_tests;
mod tls_tests;
mod tracing_tests;
mod transport_tests;
mod waiter_tests;

use std::future::Future;
use std::time::Duration;

use awsgen_client::{Client, ClientBuilder, Credentials, RetryConfig, TimeoutConfig};

pub const ACCESS_KEY: &str = "AKIDTESTTESTTEST";
pub const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYSECRETKEY";
pub const SESSION_TOKEN: &str = "FwoGZXIvYXdzSESSIONTOKEN";

/// Fails the test instead of hanging when `test` takes longer than 20 s.
pub async fn bounded<T>(test: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), test)
        .await
        .expect("test took longer than 20 s")
}

pub fn credentials() -> Credentials {
    Credentials::new(
        ACCESS_KEY,
        SECRET_KEY,
        Some(SESSION_TOKEN.to_owned()),
        "test",
    )
}

/// A client aimed at `endpoint` with tiny backoffs, so retries take milliseconds.
pub fn builder(endpoint: &str) -> ClientBuilder {
    Client::builder()
        .region("us-west-2")
        .credentials(credentials())
        .endpoint_url(endpoint)
        .retry(
            RetryConfig::standard()
                .with_initial_backoff(Duration::from_millis(1))
                .with_max_backoff(Duration::from_millis(5)),
        )
        .timeouts(TimeoutConfig::new().with_operation(Some(Duration::from_secs(10))))
}

pub fn client(endpoint: &str) -> Client {
    builder(endpoint).build().expect("test client builds")
}

#[test]
fn clients_and_call_futures_can_cross_threads() {
    fn is_send_sync<T: Send + Sync>(_: &T) {}
    fn is_send<T: Send>(_: &T) {}
    let client = client("http://127.0.0.1:1");
    is_send_sync(&client);
    let call = client.call::<operations::PutThing>(operations::PutThingInput {
        name: "w".into(),
        count: None,
    });
    is_send(&call);
}
