//! The adaptive retry mode paces attempts once the service has throttled
//! the client; the standard mode never does. A closure connector answers
//! and notes when each request arrived, on a paused Tokio clock, so every
//! wait is exact and takes no real time.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use awsgen_client::{
    connector_fn, ClientBuilder, ConnectorError, Environment, HttpConnector, RetryConfig, RetryMode,
};
use bytes::Bytes;
use tokio::time::Instant;

use crate::operations::{PutThing, PutThingInput};

fn input() -> PutThingInput {
    PutThingInput {
        name: "w".into(),
        count: None,
    }
}

/// Answers the first `throttles` requests with a `ThrottlingException`,
/// then `{}`; notes when each request arrived, from the first.
fn throttling_then_ok(throttles: usize) -> (impl HttpConnector, Arc<Mutex<Vec<Duration>>>) {
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&arrivals);
    let origin = Instant::now();
    let connector = connector_fn(move |_request: http::Request<Bytes>| {
        let mut seen = seen.lock().unwrap();
        seen.push(origin.elapsed());
        let throttle = seen.len() <= throttles;
        async move {
            let mut response = if throttle {
                let mut response = http::Response::new(Bytes::from_static(
                    br#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#,
                ));
                *response.status_mut() = http::StatusCode::BAD_REQUEST;
                response
            } else {
                http::Response::new(Bytes::from_static(b"{}"))
            };
            response.headers_mut().insert(
                http::header::CONTENT_TYPE,
                http::HeaderValue::from_static("application/x-amz-json-1.1"),
            );
            Ok::<_, ConnectorError>(response)
        }
    });
    (connector, arrivals)
}

fn arrivals_ms(arrivals: &Mutex<Vec<Duration>>) -> Vec<u128> {
    arrivals
        .lock()
        .unwrap()
        .iter()
        .map(Duration::as_millis)
        .collect()
}

/// Two calls: the first is throttled once and retried at once (no
/// backoff), the second follows it.
async fn two_calls(retry: RetryConfig) -> Vec<u128> {
    let (connector, arrivals) = throttling_then_ok(1);
    let client = crate::builder("https://example.com")
        .connector(connector)
        .retry(retry.with_initial_backoff(Duration::ZERO))
        .build()
        .unwrap();
    let (_, metadata) = client
        .call_with_metadata::<PutThing>(input())
        .await
        .unwrap();
    assert_eq!(metadata.attempts, 2);
    client.call::<PutThing>(input()).await.unwrap();
    arrivals_ms(&arrivals)
}

#[tokio::test(start_paused = true)]
async fn standard_mode_never_paces_attempts() {
    assert_eq!(two_calls(RetryConfig::standard()).await, [0, 0, 0]);
}

/// After the throttle at 0 s the bucket is on, empty, and fills at the
/// lowest rate (0.5 a second): the retry waits 2 s for its token. Its
/// success at 2 s measures the client's rate (0.8 a second) and lets the
/// fill rate grow to twice that (1.6 a second): the next call's first
/// attempt waits 0.625 s for its token.
#[tokio::test(start_paused = true)]
async fn adaptive_mode_paces_every_attempt_once_throttled() {
    assert_eq!(two_calls(RetryConfig::adaptive()).await, [0, 2000, 2625]);
}

/// The wait counts against the operation timeout like a backoff.
#[tokio::test(start_paused = true)]
async fn a_paced_attempt_stays_within_the_operation_timeout() {
    let (connector, arrivals) = throttling_then_ok(1);
    let err = crate::builder("https://example.com")
        .connector(connector)
        .retry(RetryConfig::adaptive().with_initial_backoff(Duration::ZERO))
        .timeouts(awsgen_client::TimeoutConfig::new().with_operation(Some(Duration::from_secs(1))))
        .build()
        .unwrap()
        .call::<PutThing>(input())
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(err.attempts(), 1);
    assert_eq!(arrivals_ms(&arrivals), [0]);
}

/// `AWS_RETRY_MODE=adaptive` (or the profile's `retry_mode`) chooses it.
/// With the default backoff (up to 1 s, jittered) the retry still arrives
/// at 2 s: the token it waits for fills during the backoff.
#[tokio::test(start_paused = true)]
async fn aws_retry_mode_adaptive_turns_it_on() {
    for (mode, expected) in [
        ("adaptive", RetryMode::Adaptive),
        ("Standard", RetryMode::Standard),
    ] {
        let env = Environment::from_vars([
            ("AWS_CONFIG_FILE", "/nonexistent/awsgen-test/config"),
            (
                "AWS_SHARED_CREDENTIALS_FILE",
                "/nonexistent/awsgen-test/credentials",
            ),
            ("AWS_REGION", "us-west-2"),
            ("AWS_ACCESS_KEY_ID", "AKIDTESTTESTTEST"),
            ("AWS_SECRET_ACCESS_KEY", "secret"),
            ("AWS_RETRY_MODE", mode),
        ]);
        let (connector, arrivals) = throttling_then_ok(1);
        let client = ClientBuilder::from_environment(env)
            .unwrap()
            .endpoint_url("https://example.com")
            .connector(connector)
            .build()
            .unwrap();
        assert!(
            format!("{client:?}").contains(&format!("mode: {expected:?}")),
            "{client:?}"
        );
        client.call::<PutThing>(input()).await.unwrap();
        let arrivals = arrivals_ms(&arrivals);
        match expected {
            RetryMode::Adaptive => assert_eq!(arrivals, [0, 2000]),
            _ => assert!(arrivals[1] < 1000, "{arrivals:?}"),
        }
    }
}

#[test]
fn an_unknown_retry_mode_is_refused_with_the_values_it_takes() {
    let env = Environment::from_vars([
        ("AWS_CONFIG_FILE", "/nonexistent/awsgen-test/config"),
        (
            "AWS_SHARED_CREDENTIALS_FILE",
            "/nonexistent/awsgen-test/credentials",
        ),
        ("AWS_RETRY_MODE", "aggressive"),
    ]);
    let err = ClientBuilder::from_environment(env).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid setting AWS_RETRY_MODE = `aggressive`: expected standard, adaptive or legacy"
    );
}
