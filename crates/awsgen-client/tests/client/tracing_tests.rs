//! What a call tells a `tracing` subscriber: the call span and its
//! fields, an event per attempt, and never a secret, even at TRACE.

use awsgen_types::Operation;
use tracing::Level;

use crate::capture::Capture;
use crate::operations::{PutThing, PutThingInput};
use crate::server::{Reply, ScriptedServer};
use crate::{bounded, client, SECRET_KEY, SESSION_TOKEN};

fn input() -> PutThingInput {
    PutThingInput {
        name: "w".into(),
        count: None,
    }
}

#[tokio::test]
async fn a_retried_call_has_a_span_and_an_event_per_attempt() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    bounded(async {
        let server = ScriptedServer::start(vec![
            Reply::json(500, r#"{"__type":"ServerException","message":"boom"}"#)
                .with_header("x-amzn-requestid", "first-id"),
            Reply::json(200, r#"{"id":"ok"}"#).with_header("x-amzn-requestid", "second-id"),
        ])
        .await;
        let output = client(&server.endpoint())
            .call::<PutThing>(input())
            .await
            .unwrap();
        assert_eq!(output.id.as_deref(), Some("ok"));

        let calls = capture.spans_named("call");
        assert_eq!(calls.len(), 1, "{calls:?}");
        let call = &calls[0];
        assert_eq!(call.field("service"), Some(PutThing::SERVICE.sdk_id));
        assert_eq!(call.field("operation"), Some(PutThing::NAME));
        assert_eq!(call.field("attempts"), Some("2"));
        assert_eq!(call.field("outcome"), Some("ok"));

        let attempts: Vec<_> = capture
            .events()
            .into_iter()
            .filter(|event| event.message().starts_with("attempt"))
            .collect();
        assert_eq!(attempts.len(), 2, "{attempts:#?}");
        let (first, second) = (&attempts[0], &attempts[1]);
        assert_eq!(first.level, Level::DEBUG);
        assert_eq!(first.target, "awsgen_client");
        assert_eq!(first.message(), "attempt failed");
        assert_eq!(first.field("attempt"), Some("1"));
        assert_eq!(first.field("endpoint"), Some(server.endpoint().as_str()));
        assert_eq!(first.field("status"), Some("500"));
        assert_eq!(first.field("request_id"), Some("first-id"));
        assert_eq!(first.field("retry"), Some("retry"));
        let delay: f64 = first.field("delay_ms").unwrap().parse().unwrap();
        assert!((0.0..=5.0).contains(&delay), "{delay}");
        assert!(
            first
                .field("error")
                .unwrap()
                .contains("ServerException: boom"),
            "{first:?}"
        );
        assert!(first.field("duration_ms").is_some());

        assert_eq!(second.message(), "attempt succeeded");
        assert_eq!(second.field("attempt"), Some("2"));
        assert_eq!(second.field("status"), Some("200"));
        assert_eq!(second.field("request_id"), Some("second-id"));
        assert!(second.field("duration_ms").is_some());
        for event in &attempts {
            let span = capture.span(event.parent.as_ref().expect("inside the call span"));
            assert_eq!(span.name, "call");
        }
    })
    .await;
}

#[tokio::test]
async fn the_last_attempt_says_why_retrying_stopped_and_the_span_the_error() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    bounded(async {
        let server = ScriptedServer::start(vec![
            Reply::json(503, "{}").with_header("x-amzn-requestid", "r503")
        ])
        .await;
        let err = client(&server.endpoint())
            .call::<PutThing>(input())
            .await
            .unwrap_err();
        assert_eq!(err.attempts(), 3);
        let attempts: Vec<_> = capture
            .events()
            .into_iter()
            .filter(|event| event.message() == "attempt failed")
            .collect();
        let retries: Vec<_> = attempts
            .iter()
            .map(|event| event.field("retry").unwrap())
            .collect();
        assert_eq!(
            retries,
            ["retry", "retry", "stop: max attempts reached"],
            "{attempts:#?}"
        );
        assert!(attempts[2].field("delay_ms").is_none());
        let call = &capture.spans_named("call")[0];
        assert_eq!(call.field("attempts"), Some("3"));
        assert_eq!(call.field("outcome"), Some(err.to_string().as_str()));
    })
    .await;
}

#[tokio::test]
async fn no_secret_is_recorded_even_at_trace() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    bounded(async {
        let server = ScriptedServer::start(vec![
            Reply::json(500, "{}"),
            Reply::json(200, r#"{"id":"ok"}"#),
        ])
        .await;
        client(&server.endpoint())
            .call::<PutThing>(input())
            .await
            .unwrap();
        let requests = server.requests();
        let text = capture.all_text();
        // The TRACE events were recorded: the request heads are there,
        // with the headers that are no secret.
        assert!(
            capture
                .events()
                .iter()
                .any(|event| event.level == Level::TRACE && event.message() == "request"),
            "{text}"
        );
        assert!(text.contains("x-amz-target: "), "{text}");
        assert!(text.contains("authorization: <redacted>"), "{text}");
        let mut secrets = vec![SECRET_KEY.to_owned(), SESSION_TOKEN.to_owned()];
        for request in &requests {
            let authorization = request.header("authorization").to_owned();
            let signature = authorization
                .rsplit_once("Signature=")
                .expect("signed")
                .1
                .to_owned();
            secrets.push(authorization);
            secrets.push(signature);
        }
        for secret in &secrets {
            assert!(
                !text.contains(secret.as_str()),
                "{secret} recorded:\n{text}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn without_a_subscriber_calls_run_as_before() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::json(200, r#"{"id":"ok"}"#)]).await;
        let (_, metadata) = client(&server.endpoint())
            .call_with_metadata::<PutThing>(input())
            .await
            .unwrap();
        assert_eq!(metadata.attempts, 1);
    })
    .await;
}
