//! Which failures are retried, how often, and when retrying stops.

use std::time::{Duration, Instant};

use awsgen_client::{RetryConfig, RetryStop};
use awsgen_types::{OperationError, RetryClass};

use crate::operations::{PutThing, PutThingInput, StartScan, StartScanError};
use crate::server::{Reply, ScriptedServer};
use crate::{bounded, builder, client};

fn input() -> PutThingInput {
    PutThingInput {
        name: "w".into(),
        count: None,
    }
}

fn fast_retry() -> RetryConfig {
    RetryConfig::standard()
        .with_initial_backoff(Duration::from_millis(1))
        .with_max_backoff(Duration::from_millis(5))
}

#[tokio::test]
async fn server_error_then_success_takes_two_attempts() {
    bounded(async {
        let server = ScriptedServer::start(vec![
            Reply::json(500, r#"{"__type":"ServerException","message":"boom"}"#),
            Reply::json(200, r#"{"id":"ok"}"#).with_header("x-amzn-requestid", "second"),
        ])
        .await;
        let (output, metadata) = client(&server.endpoint())
            .call_with_metadata::<PutThing>(input())
            .await
            .unwrap();
        assert_eq!(output.id.as_deref(), Some("ok"));
        assert_eq!(metadata.attempts, 2);
        assert_eq!(metadata.request_id.as_deref(), Some("second"));
        assert_eq!(server.requests().len(), 2);
    })
    .await;
}

#[tokio::test]
async fn unavailable_forever_exhausts_the_attempts() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::json(503, "{}").with_header("x-amzn-requestid", "r503")]).await;
        let err = client(&server.endpoint()).call::<PutThing>(input()).await.unwrap_err();
        assert_eq!(err.attempts(), 3);
        assert_eq!(err.retry_stop(), Some(RetryStop::MaxAttempts));
        assert_eq!(server.requests().len(), 3);
        assert_eq!(
            err.to_string(),
            "service error: unidentified service error (HTTP 503, request ID r503); gave up after 3 attempts"
        );
    })
    .await;
}

#[tokio::test]
async fn every_transient_status_is_retried() {
    bounded(async {
        for status in [500, 502, 503, 504] {
            let server =
                ScriptedServer::start(vec![Reply::json(status, "{}"), Reply::json(200, "{}")])
                    .await;
            let (_, metadata) = client(&server.endpoint())
                .call_with_metadata::<PutThing>(input())
                .await
                .unwrap();
            assert_eq!(metadata.attempts, 2, "HTTP {status}");
        }
    })
    .await;
}

#[tokio::test]
async fn throttling_then_success() {
    bounded(async {
        let server = ScriptedServer::start(vec![
            Reply::json(
                400,
                r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#,
            ),
            Reply::json(400, r#"{"code":"TooManyRequestsException"}"#),
            Reply::json(200, "{}"),
        ])
        .await;
        let (_, metadata) = client(&server.endpoint())
            .call_with_metadata::<PutThing>(input())
            .await
            .unwrap();
        assert_eq!(metadata.attempts, 3);
    })
    .await;
}

#[tokio::test]
async fn an_error_the_model_classifies_never_is_tried_once() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::json(
            400,
            r#"{"__type":"LimitExceededException","message":"scan quota reached"}"#,
        )])
        .await;
        let err = client(&server.endpoint())
            .call::<StartScan>(())
            .await
            .unwrap_err();
        assert_eq!(err.attempts(), 1);
        assert_eq!(err.retry_stop(), None);
        assert!(
            matches!(err.as_service(), Some(StartScanError::LimitExceeded(_))),
            "{err:?}"
        );
        assert_eq!(server.requests().len(), 1);
        assert_eq!(
            err.to_string(),
            "service error: LimitExceededException: scan quota reached (HTTP 400)"
        );
    })
    .await;
}

#[tokio::test]
async fn the_same_code_without_a_model_class_is_throttling() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::json(
            400,
            r#"{"__type":"LimitExceededException"}"#,
        )])
        .await;
        let err = client(&server.endpoint())
            .call::<PutThing>(input())
            .await
            .unwrap_err();
        assert_eq!(err.attempts(), 3);
        assert_eq!(err.retry_stop(), Some(RetryStop::MaxAttempts));
    })
    .await;
}

#[tokio::test]
async fn user_table_makes_a_code_retryable_or_not() {
    bounded(async {
        let server = ScriptedServer::start(vec![
            Reply::json(409, r#"{"__type":"RepositoryBusy"}"#),
            Reply::json(200, "{}"),
        ])
        .await;
        let client = builder(&server.endpoint())
            .retry(fast_retry().with_error_class("RepositoryBusy", RetryClass::Transient))
            .build()
            .unwrap();
        let (_, metadata) = client
            .call_with_metadata::<PutThing>(input())
            .await
            .unwrap();
        assert_eq!(metadata.attempts, 2);

        let server = ScriptedServer::start(vec![Reply::json(
            400,
            r#"{"__type":"ThrottlingException"}"#,
        )])
        .await;
        let client = builder(&server.endpoint())
            .retry(fast_retry().with_error_class("ThrottlingException", RetryClass::Never))
            .build()
            .unwrap();
        assert_eq!(
            client
                .call::<PutThing>(input())
                .await
                .unwrap_err()
                .attempts(),
            1
        );
    })
    .await;
}

#[tokio::test]
async fn retry_after_hint_replaces_the_computed_backoff() {
    bounded(async {
        let server = ScriptedServer::start(vec![
            Reply::json(503, "{}").with_header("x-amz-retry-after", "300"),
            Reply::json(200, "{}"),
        ])
        .await;
        let retry = RetryConfig::standard()
            .with_initial_backoff(Duration::from_millis(1))
            .with_max_backoff(Duration::from_secs(2));
        let client = builder(&server.endpoint()).retry(retry).build().unwrap();
        let started = Instant::now();
        let (_, metadata) = client
            .call_with_metadata::<PutThing>(input())
            .await
            .unwrap();
        let elapsed = started.elapsed();
        assert_eq!(metadata.attempts, 2);
        assert!(
            elapsed >= Duration::from_millis(300),
            "waited only {elapsed:?}"
        );
        assert!(elapsed < Duration::from_secs(2), "waited {elapsed:?}");
    })
    .await;
}

#[tokio::test]
async fn retry_quota_runs_out_and_stops_retries() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::json(503, "{}")]).await;
        let client = client(&server.endpoint());
        // Each failing call makes two transient retries at 10 tokens each: 25 calls spend all 500.
        for call in 0..25 {
            let err = client.call::<PutThing>(input()).await.unwrap_err();
            assert_eq!(
                err.retry_stop(),
                Some(RetryStop::MaxAttempts),
                "call {call}"
            );
        }
        let clone = client.clone();
        let err = clone.call::<PutThing>(input()).await.unwrap_err();
        assert_eq!(err.attempts(), 1);
        assert_eq!(err.retry_stop(), Some(RetryStop::QuotaExhausted));
        assert!(
            err.to_string()
                .ends_with("gave up after 1 attempt because the retry quota is exhausted"),
            "{err}"
        );
        assert_eq!(server.requests().len(), 25 * 3 + 1);
    })
    .await;
}

/// A 431 (Request Header Fields Too Large) comes from whatever limits the
/// request's headers, a proxy or load balancer as often as the service, with
/// no AWS error code. Another attempt would send the same headers: it is
/// not retried.
#[tokio::test]
async fn request_header_fields_too_large_is_not_retried() {
    bounded(async {
        let html = Reply::Respond {
            status: 431,
            headers: vec![("content-type", "text/html".into())],
            body: b"<html><body>431 Request Header Fields Too Large</body></html>".to_vec(),
            chunked: false,
        };
        let server = ScriptedServer::start(vec![html, Reply::json(200, "{}")]).await;
        let err = client(&server.endpoint())
            .call::<PutThing>(input())
            .await
            .unwrap_err();
        assert_eq!((err.attempts(), err.retry_stop()), (1, None));
        assert_eq!(server.requests().len(), 1);
        assert_eq!(err.as_service().map(|e| e.metadata().status), Some(431));
        assert_eq!(
            err.to_string(),
            "service error: unidentified service error (HTTP 431)"
        );
    })
    .await;
}

#[tokio::test]
async fn disabled_retries_make_one_attempt() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::json(500, "{}")]).await;
        let client = builder(&server.endpoint())
            .retry(RetryConfig::disabled())
            .build()
            .unwrap();
        let err = client.call::<PutThing>(input()).await.unwrap_err();
        assert_eq!(err.attempts(), 1);
        assert_eq!(err.as_service().map(|e| e.metadata().status), Some(500));
    })
    .await;
}
