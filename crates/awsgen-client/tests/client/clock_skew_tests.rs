//! A local clock the service disagrees with: the client learns the offset
//! from the refusing response's `Date` header, signs again with the
//! corrected time, and keeps the offset for later calls.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use awsgen_types::{DateTime, TimestampFormat};

use crate::operations::{PutThing, PutThingInput};
use crate::server::{Recorded, Reply, ScriptedServer};
use crate::sigv4_check::{expected_authorization, parse_amz_date};
use crate::{bounded, builder, client};

fn input() -> PutThingInput {
    PutThingInput {
        name: "w".into(),
        count: None,
    }
}

/// The service's clock: an hour ahead of this machine's.
const AHEAD: Duration = Duration::from_secs(3600);

/// `time` as a `Date` header value (IMF-fixdate).
fn http_date(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).unwrap().as_secs();
    DateTime::from_secs(i64::try_from(secs).unwrap()).fmt(TimestampFormat::HttpDate)
}

fn expired(code: &str, service_time: SystemTime) -> Reply {
    Reply::json(
        400,
        &format!(r#"{{"__type":"{code}","message":"Signature expired: the request time is now earlier than the service's time (now - 5 min.)"}}"#),
    )
    .with_header("date", &http_date(service_time))
}

/// A service an hour ahead that refuses the first signature's time, then
/// answers.
async fn refused_once_then_ok() -> ScriptedServer {
    ScriptedServer::start(vec![
        expired("InvalidSignatureException", SystemTime::now() + AHEAD),
        Reply::json(200, r#"{"id":"ok"}"#),
    ])
    .await
}

/// How far the request's `X-Amz-Date` is from `expected`, in seconds.
fn signed_off_by(request: &Recorded, expected: SystemTime) -> u64 {
    let signed = parse_amz_date(request.header("x-amz-date"));
    match signed.duration_since(expected) {
        Ok(after) => after.as_secs(),
        Err(before) => before.duration().as_secs(),
    }
}

#[tokio::test]
async fn a_refused_time_is_corrected_and_the_call_retried_once() {
    bounded(async {
        let server = refused_once_then_ok().await;
        let client = client(&server.endpoint());
        let (output, metadata) = client
            .call_with_metadata::<PutThing>(input())
            .await
            .unwrap();
        assert_eq!(output.id.as_deref(), Some("ok"));
        assert_eq!(metadata.attempts, 2);
        let requests = server.requests();
        assert_eq!(requests.len(), 2);
        // First signed with the local clock, then with the service's, and
        // the second signature is valid for its own time.
        assert!(signed_off_by(&requests[0], SystemTime::now()) < 60);
        assert!(signed_off_by(&requests[1], SystemTime::now() + AHEAD) < 60);
        assert_eq!(
            requests[1].header("authorization"),
            expected_authorization(&requests[1], "us-west-2", "testsvc")
        );
        assert!(format!("{client:?}").contains("clock_offset"));

        // The next call starts with the corrected time: one attempt.
        let (_, metadata) = client
            .call_with_metadata::<PutThing>(input())
            .await
            .unwrap();
        assert_eq!(metadata.attempts, 1);
        let third = &server.requests()[2];
        assert!(signed_off_by(third, SystemTime::now() + AHEAD) < 60);
    })
    .await;
}

#[tokio::test]
async fn a_clock_that_is_still_refused_after_correcting_is_not_retried_again() {
    bounded(async {
        // The service keeps refusing with the same time: the first refusal
        // moves the offset, the second finds the clocks agreeing.
        let service_time = SystemTime::now() + AHEAD;
        let server =
            ScriptedServer::start(vec![expired("RequestTimeTooSkewed", service_time)]).await;
        let err = client(&server.endpoint())
            .call::<PutThing>(input())
            .await
            .unwrap_err();
        assert_eq!(err.attempts(), 2);
        assert_eq!(err.retry_stop(), None);
        assert_eq!(server.requests().len(), 2);
        assert!(err.to_string().contains("RequestTimeTooSkewed"), "{err}");
    })
    .await;
}

#[tokio::test]
async fn refusals_that_do_not_move_the_clock_are_tried_once() {
    bounded(async {
        let refusals = [
            // A wrong key: the `Date` header (hyper's own) matches this machine.
            Reply::json(
                403,
                r#"{"__type":"SignatureDoesNotMatch","message":"The request signature we calculated does not match"}"#,
            ),
            // A skew code, but no time to learn from.
            Reply::json(
                400,
                r#"{"__type":"InvalidSignatureException","message":"Signature expired"}"#,
            )
            .with_header("date", "not a date"),
        ];
        for refusal in refusals {
            let server = ScriptedServer::start(vec![refusal]).await;
            let err = client(&server.endpoint())
                .call::<PutThing>(input())
                .await
                .unwrap_err();
            assert_eq!(err.attempts(), 1, "{err}");
            assert_eq!(server.requests().len(), 1);
        }
    })
    .await;
}

#[tokio::test]
async fn the_users_retry_table_keeps_its_decision_and_the_offset_is_still_learned() {
    bounded(async {
        let server = refused_once_then_ok().await;
        let retry = awsgen_client::RetryConfig::standard()
            .with_initial_backoff(Duration::from_millis(1))
            .with_error_class("InvalidSignatureException", awsgen_types::RetryClass::Never);
        let client = builder(&server.endpoint()).retry(retry).build().unwrap();
        let err = client.call::<PutThing>(input()).await.unwrap_err();
        assert_eq!(err.attempts(), 1);
        // Not retried, but the next call signs with the service's time.
        client.call::<PutThing>(input()).await.unwrap();
        let requests = server.requests();
        assert_eq!(requests.len(), 2);
        assert!(signed_off_by(&requests[1], SystemTime::now() + AHEAD) < 60);
    })
    .await;
}
