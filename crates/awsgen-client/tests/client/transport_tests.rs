//! Broken connections, truncated bodies, slow servers and timeouts.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use awsgen_client::{
    connector_fn, CallErrorKind, ConnectorError, ConnectorErrorKind, ResponseProblem, RetryConfig,
    RetryStop, TimeoutConfig, TimeoutKind,
};
use bytes::Bytes;

use crate::operations::{PutThing, PutThingInput};
use crate::server::{Reply, ScriptedServer, SilentServer};
use crate::{bounded, builder, client};

fn input() -> PutThingInput {
    PutThingInput {
        name: "w".into(),
        count: None,
    }
}

#[tokio::test]
async fn connection_dropped_without_a_response_is_retried_then_reported() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::Close]).await;
        let err = client(&server.endpoint())
            .call::<PutThing>(input())
            .await
            .unwrap_err();
        assert_eq!(err.attempts(), 3);
        assert_eq!(err.retry_stop(), Some(RetryStop::MaxAttempts));
        let CallErrorKind::Io(cause) = err.kind() else {
            panic!("expected an I/O error, got {err:?}")
        };
        assert_eq!(cause.kind(), ConnectorErrorKind::Io);
        let text = err.to_string();
        assert!(
            text.starts_with(&format!(
                "request to {} failed in flight: connection closed",
                server.endpoint()
            )) && text.ends_with("; gave up after 3 attempts"),
            "{text}"
        );
        assert_eq!(server.requests().len(), 3);
    })
    .await;
}

#[tokio::test]
async fn dropped_connection_then_success() {
    bounded(async {
        let server =
            ScriptedServer::start(vec![Reply::Close, Reply::json(200, r#"{"id":"x"}"#)]).await;
        let (output, metadata) = client(&server.endpoint())
            .call_with_metadata::<PutThing>(input())
            .await
            .unwrap();
        assert_eq!(output.id.as_deref(), Some("x"));
        assert_eq!(metadata.attempts, 2);
    })
    .await;
}

#[tokio::test]
async fn truncated_body_is_an_unreadable_response() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::Truncated {
            status: 200,
            declared: 100,
            sent: br#"{"id":"#.to_vec(),
        }])
        .await;
        let err = client(&server.endpoint())
            .call::<PutThing>(input())
            .await
            .unwrap_err();
        assert_eq!(err.attempts(), 3, "a broken read is transient");
        let CallErrorKind::UnreadableResponse(unreadable) = err.kind() else {
            panic!("{err:?}")
        };
        assert_eq!(unreadable.status, 200);
        assert!(
            matches!(unreadable.problem, ResponseProblem::Body(_)),
            "{err:?}"
        );
        assert!(
            err.to_string()
                .contains("the body of the HTTP 200 response could not be read"),
            "{err}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_response_slower_than_the_attempt_timeout() {
    bounded(async {
        let slow = Reply::Delay(Duration::from_secs(5), Box::new(Reply::json(200, "{}")));
        let server = ScriptedServer::start(vec![slow]).await;
        let client = builder(&server.endpoint())
            .retry(RetryConfig::standard().with_max_attempts(2).with_initial_backoff(Duration::from_millis(1)))
            .timeouts(TimeoutConfig::new().with_attempt(Some(Duration::from_millis(150))))
            .build()
            .unwrap();
        let err = client.call::<PutThing>(input()).await.unwrap_err();
        assert!(err.is_timeout());
        assert!(
            matches!(err.kind(), CallErrorKind::Timeout { which: TimeoutKind::Attempt(limit), .. } if *limit == Duration::from_millis(150)),
            "{err:?}"
        );
        assert_eq!(err.attempts(), 2);
        assert_eq!(err.retry_stop(), Some(RetryStop::MaxAttempts));
        assert!(err.to_string().contains("attempt timeout of 150ms elapsed"), "{err}");
    })
    .await;
}

#[tokio::test]
async fn a_server_that_stops_answering_is_retried_after_the_attempt_timeout() {
    bounded(async {
        let server = SilentServer::start().await;
        let client = builder(&server.endpoint())
            .timeouts(
                TimeoutConfig::new()
                    .with_attempt(Some(Duration::from_millis(200)))
                    .with_operation(Some(Duration::from_secs(5))),
            )
            .build()
            .unwrap();
        let started = std::time::Instant::now();
        let err = client.call::<PutThing>(input()).await.unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
        assert!(
            matches!(err.kind(), CallErrorKind::Timeout { which: TimeoutKind::Attempt(limit), source: None } if *limit == Duration::from_millis(200)),
            "{err:?}"
        );
        assert_eq!((err.attempts(), err.retry_stop()), (3, Some(RetryStop::MaxAttempts)));
        // Each retry is a new connection: the stalled one is dropped.
        assert_eq!(server.connections(), 3);
        assert_eq!(
            err.to_string(),
            format!(
                "timed out waiting for {}: the attempt timeout of 200ms elapsed; gave up after 3 attempts",
                server.endpoint()
            )
        );
    })
    .await;
}

/// With every default (attempt 25 s, operation 60 s, 3 attempts, backoff
/// from 1 s), a server that stops answering costs an attempt, not the call:
/// the second attempt starts by 26 s. Tokio's clock is paused, so the
/// minute passes at once (it moves only when every task waits).
#[tokio::test(start_paused = true)]
async fn with_the_defaults_a_stalled_attempt_is_retried_within_the_operation_timeout() {
    let test = async {
        let server = SilentServer::start().await;
        let client = awsgen_client::Client::builder()
            .region("us-west-2")
            .credentials(crate::credentials())
            .endpoint_url(server.endpoint())
            .build()
            .unwrap();
        let started = tokio::time::Instant::now();
        let err = client.call::<PutThing>(input()).await.unwrap_err();
        // Every attempt stalled: the operation timeout ended the third one.
        assert_eq!(started.elapsed(), TimeoutConfig::DEFAULT_OPERATION);
        assert!(
            matches!(err.kind(), CallErrorKind::Timeout { which: TimeoutKind::Operation(limit), .. } if *limit == TimeoutConfig::DEFAULT_OPERATION),
            "{err:?}"
        );
        assert_eq!(err.attempts(), 3);
        assert_eq!(server.connections(), 3);
    };
    tokio::time::timeout(Duration::from_secs(600), test)
        .await
        .expect("the test ends in virtual time");
}

#[tokio::test]
async fn the_operation_timeout_bounds_the_whole_call() {
    bounded(async {
        let slow = Reply::Delay(Duration::from_secs(10), Box::new(Reply::json(200, "{}")));
        let server = ScriptedServer::start(vec![slow]).await;
        let client = builder(&server.endpoint())
            .timeouts(TimeoutConfig::new().with_operation(Some(Duration::from_millis(300))))
            .build()
            .unwrap();
        let started = std::time::Instant::now();
        let err = client.call::<PutThing>(input()).await.unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(5));
        assert!(
            matches!(
                err.kind(),
                CallErrorKind::Timeout {
                    which: TimeoutKind::Operation(_),
                    source: None
                }
            ),
            "{err:?}"
        );
        assert_eq!(err.attempts(), 1);
        assert!(
            err.to_string()
                .contains("operation timeout of 300ms elapsed"),
            "{err}"
        );
    })
    .await;
}

/// A connector that answers the first `failures` requests at once with a
/// retryable 500 carrying `x-amz-retry-after: retry_after_ms`, and never
/// answers after that. Counts the requests it was given.
fn failing_then_silent(
    failures: u32,
    retry_after_ms: u64,
) -> (impl awsgen_client::HttpConnector, Arc<AtomicU32>) {
    let calls = Arc::new(AtomicU32::new(0));
    let seen = Arc::clone(&calls);
    let connector = connector_fn(move |_request: http::Request<Bytes>| {
        let call = seen.fetch_add(1, Ordering::SeqCst);
        async move {
            if call >= failures {
                std::future::pending::<()>().await;
            }
            let mut response = http::Response::new(Bytes::from_static(b"{}"));
            *response.status_mut() = http::StatusCode::INTERNAL_SERVER_ERROR;
            response
                .headers_mut()
                .insert("x-amz-retry-after", http::HeaderValue::from(retry_after_ms));
            Ok::<_, ConnectorError>(response)
        }
    });
    (connector, calls)
}

fn assert_operation_timeout<E: awsgen_types::OperationError>(err: &awsgen_client::CallError<E>) {
    assert!(
        matches!(
            err.kind(),
            CallErrorKind::Timeout {
                which: TimeoutKind::Operation(limit),
                source: None
            } if *limit == Duration::from_millis(300)
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains("operation timeout of 300ms elapsed"),
        "{err}"
    );
}

#[tokio::test]
async fn the_operation_timeout_ends_a_backoff_wait() {
    bounded(async {
        // The server asks for a 10 s wait before the retry.
        let (connector, calls) = failing_then_silent(1, 10_000);
        let client = builder("http://127.0.0.1:1")
            .connector(connector)
            .retry(RetryConfig::standard().with_max_backoff(Duration::from_secs(30)))
            .timeouts(TimeoutConfig::new().with_operation(Some(Duration::from_millis(300))))
            .build()
            .unwrap();
        let started = std::time::Instant::now();
        let err = client.call::<PutThing>(input()).await.unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(5));
        assert_operation_timeout(&err);
        assert_eq!(err.attempts(), 1);
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    })
    .await;
}

#[tokio::test]
async fn the_operation_timeout_counts_every_attempt_started() {
    bounded(async {
        // Two quick retryable failures, then a third attempt that never ends.
        let (connector, calls) = failing_then_silent(2, 1);
        let client = builder("http://127.0.0.1:1")
            .connector(connector)
            .timeouts(TimeoutConfig::new().with_operation(Some(Duration::from_millis(300))))
            .build()
            .unwrap();
        let err = client.call::<PutThing>(input()).await.unwrap_err();
        assert_operation_timeout(&err);
        assert_eq!(err.attempts(), 3);
        assert_eq!(calls.load(Ordering::SeqCst), 3);
    })
    .await;
}

#[tokio::test]
async fn refused_connections_are_connect_errors() {
    bounded(async {
        let port = {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            listener.local_addr().unwrap().port()
        };
        let err = client(&format!("http://127.0.0.1:{port}"))
            .call::<PutThing>(input())
            .await
            .unwrap_err();
        assert!(matches!(err.kind(), CallErrorKind::Connect(_)), "{err:?}");
        assert_eq!(err.attempts(), 3);
        assert_eq!(
            err.to_string(),
            format!(
                "could not connect to http://127.0.0.1:{port}: connection refused; gave up after \
                 3 attempts"
            )
        );
    })
    .await;
}

#[tokio::test]
async fn connector_timeouts_are_connect_timeouts_and_retried() {
    bounded(async {
        let calls = Arc::new(AtomicU32::new(0));
        let counter = Arc::clone(&calls);
        let connector = connector_fn(move |_request: http::Request<Bytes>| {
            let attempt = counter.fetch_add(1, Ordering::SeqCst);
            async move {
                if attempt == 0 {
                    Err(ConnectorError::timeout("connect timed out after 3.1s"))
                } else {
                    Ok(http::Response::new(Bytes::from_static(br#"{"id":"late"}"#)))
                }
            }
        });
        let client = builder("https://example.com")
            .connector(connector)
            .build()
            .unwrap();
        let (output, metadata) = client
            .call_with_metadata::<PutThing>(input())
            .await
            .unwrap();
        assert_eq!((output.id.as_deref(), metadata.attempts), (Some("late"), 2));

        let always = connector_fn(|_request: http::Request<Bytes>| async {
            Err::<http::Response<Bytes>, _>(ConnectorError::timeout("connect timed out"))
        });
        let client = builder("https://example.com")
            .connector(always)
            .build()
            .unwrap();
        let err = client.call::<PutThing>(input()).await.unwrap_err();
        assert!(
            matches!(
                err.kind(),
                CallErrorKind::Timeout {
                    which: TimeoutKind::Connect,
                    source: Some(_)
                }
            ),
            "{err:?}"
        );
        assert_eq!(err.attempts(), 3);
    })
    .await;
}

#[tokio::test]
async fn custom_connectors_are_held_to_the_body_limit() {
    bounded(async {
        let connector = connector_fn(|_request: http::Request<Bytes>| async {
            Ok::<_, ConnectorError>(http::Response::new(Bytes::from(vec![b' '; 2048])))
        });
        let client = builder("https://example.com")
            .connector(connector)
            .max_response_bytes(1000)
            .build()
            .unwrap();
        let err = client.call::<PutThing>(input()).await.unwrap_err();
        assert!(
            matches!(
                err.kind(),
                CallErrorKind::ResponseTooLarge { limit: 1000, .. }
            ),
            "{err:?}"
        );
    })
    .await;
}
