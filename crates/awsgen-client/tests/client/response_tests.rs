//! How responses are read.

use awsgen_client::{CallErrorKind, ResponseProblem, RetryConfig, RetryStop};
use awsgen_types::OperationError;

use crate::operations::{PutThing, PutThingError, PutThingInput};
use crate::server::{Reply, ScriptedServer};
use crate::{bounded, builder, client};

fn input() -> PutThingInput {
    PutThingInput {
        name: "w".into(),
        count: None,
    }
}

#[tokio::test]
async fn success_returns_output_and_request_id() {
    bounded(async {
        let server = ScriptedServer::start(vec![
            Reply::json(200, r#"{"id":"t-9","unknown":{"nested":[1,2]}}"#)
                .with_header("X-Amzn-Requestid", "req-200"),
            Reply::json(200, ""),
        ])
        .await;
        let client = client(&server.endpoint());
        let (output, metadata) = client
            .call_with_metadata::<PutThing>(input())
            .await
            .unwrap();
        assert_eq!(output.id.as_deref(), Some("t-9"));
        assert_eq!(metadata.request_id.as_deref(), Some("req-200"));
        assert_eq!(metadata.attempts, 1);
        let (empty, metadata) = client
            .call_with_metadata::<PutThing>(input())
            .await
            .unwrap();
        assert_eq!(empty.id, None);
        assert_eq!(metadata.request_id, None);
    })
    .await;
}

async fn modeled_error(reply: Reply) {
    let server =
        ScriptedServer::start(vec![reply.with_header("x-amzn-RequestId", "req-400")]).await;
    let err = client(&server.endpoint())
        .call::<PutThing>(input())
        .await
        .unwrap_err();
    assert_eq!(err.attempts(), 1);
    assert_eq!(err.retry_stop(), None);
    let CallErrorKind::Service(PutThingError::ThingNotFound { thing_name, meta }) = err.kind()
    else {
        panic!("expected the modeled error, got {err:?}");
    };
    assert_eq!(thing_name.as_deref(), Some("w"));
    assert_eq!(meta.code.as_deref(), Some("ThingNotFoundException"));
    assert_eq!(meta.message.as_deref(), Some("no such thing"));
    assert_eq!(meta.status, 400);
    assert_eq!(meta.request_id.as_deref(), Some("req-400"));
    assert_eq!(
        err.to_string(),
        "service error: ThingNotFoundException: no such thing (HTTP 400, request ID req-400)"
    );
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn modeled_error_named_by_header() {
    bounded(modeled_error(
        Reply::json(
            400,
            r#"{"message":"no such thing","thingName":"w","code":"Ignored"}"#,
        )
        .with_header(
            "X-Amzn-Errortype",
            "ThingNotFoundException:http://internal.amazon.com/coral/",
        ),
    ))
    .await;
}

#[tokio::test]
async fn modeled_error_named_by_code() {
    bounded(modeled_error(Reply::json(
        400,
        r#"{"code":"ThingNotFoundException","__type":"Ignored","Message":"no such thing","thingName":"w"}"#,
    )))
    .await;
}

#[tokio::test]
async fn modeled_error_named_by_type_with_namespace_and_suffix() {
    bounded(modeled_error(Reply::json(
        400,
        r#"{"__type":"test.service#ThingNotFoundException:http://internal/","message":"no such thing","thingName":"w"}"#,
    )))
    .await;
}

#[tokio::test]
async fn unknown_error_keeps_code_status_and_body() {
    bounded(async {
        let body =
            r#"{"__type":"BrandNewException","message":"new","details":[{"__type":"Nested"}]}"#;
        let server = ScriptedServer::start(vec![Reply::json(409, body)]).await;
        let err = client(&server.endpoint())
            .call::<PutThing>(input())
            .await
            .unwrap_err();
        assert_eq!(err.attempts(), 1, "other 4xx are never retried");
        let CallErrorKind::Service(PutThingError::Unhandled(unhandled)) = err.kind() else {
            panic!("expected the catch-all, got {err:?}");
        };
        assert_eq!(
            unhandled.metadata().code.as_deref(),
            Some("BrandNewException")
        );
        assert_eq!(unhandled.metadata().status, 409);
        assert_eq!(unhandled.body(), body.as_bytes());
        assert!(
            err.to_string()
                .contains("BrandNewException: new (HTTP 409)"),
            "{err}"
        );
    })
    .await;
}

#[tokio::test]
async fn html_503_from_a_proxy_is_a_service_error_not_a_parse_failure() {
    bounded(async {
        let page = "<html><body>503 Service Unavailable</body></html>";
        let reply = crate::server::Reply::Respond {
            status: 503,
            headers: vec![("content-type", "text/html".into())],
            body: page.as_bytes().to_vec(),
            chunked: false,
        };
        let server = ScriptedServer::start(vec![reply]).await;
        let client = builder(&server.endpoint())
            .retry(
                RetryConfig::standard()
                    .with_max_attempts(2)
                    .with_initial_backoff(std::time::Duration::from_millis(1)),
            )
            .build()
            .unwrap();
        let err = client.call::<PutThing>(input()).await.unwrap_err();
        assert_eq!(err.attempts(), 2);
        assert_eq!(err.retry_stop(), Some(RetryStop::MaxAttempts));
        let service = err.as_service().expect("a service error");
        assert_eq!(service.metadata().code, None);
        assert_eq!(service.metadata().status, 503);
        let PutThingError::Unhandled(unhandled) = service else {
            panic!("{service:?}")
        };
        assert_eq!(unhandled.body(), page.as_bytes());
        assert_eq!(server.requests().len(), 2);
    })
    .await;
}

#[tokio::test]
async fn invalid_json_in_a_200_is_an_unreadable_response() {
    bounded(async {
        let server = ScriptedServer::start(vec![
            Reply::json(200, r#"{"id": "#).with_header("x-amzn-requestid", "req-bad")
        ])
        .await;
        let err = client(&server.endpoint())
            .call::<PutThing>(input())
            .await
            .unwrap_err();
        assert_eq!(err.attempts(), 1, "the operation ran; it is not repeated");
        let CallErrorKind::UnreadableResponse(unreadable) = err.kind() else {
            panic!("{err:?}")
        };
        assert_eq!(unreadable.status, 200);
        assert_eq!(unreadable.request_id.as_deref(), Some("req-bad"));
        assert!(matches!(unreadable.problem, ResponseProblem::Output(_)));
        let text = err.to_string();
        assert!(
            text.contains("HTTP 200") && text.contains("not valid output JSON"),
            "{text}"
        );
    })
    .await;
}

#[tokio::test]
async fn wrong_output_types_are_unreadable_too() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::json(200, r#"{"id": 42}"#)]).await;
        let err = client(&server.endpoint())
            .call::<PutThing>(input())
            .await
            .unwrap_err();
        assert!(
            matches!(err.kind(), CallErrorKind::UnreadableResponse(_)),
            "{err:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn an_array_in_place_of_the_output_object_is_unreadable() {
    bounded(async {
        // serde's derive alone would fill `id` from the first element.
        let server = ScriptedServer::start(vec![Reply::json(200, r#"["t-9"]"#)]).await;
        let err = client(&server.endpoint())
            .call::<PutThing>(input())
            .await
            .unwrap_err();
        assert_eq!(err.attempts(), 1, "the operation ran; it is not repeated");
        let CallErrorKind::UnreadableResponse(unreadable) = err.kind() else {
            panic!("{err:?}")
        };
        assert_eq!(unreadable.status, 200);
        let ResponseProblem::Output(problem) = &unreadable.problem else {
            panic!("{unreadable:?}")
        };
        assert!(
            problem
                .to_string()
                .contains("invalid type: sequence, expected struct PutThingOutput"),
            "{problem}"
        );
        assert_eq!(server.requests().len(), 1);
    })
    .await;
}

async fn oversized(chunked: bool) {
    let body = format!(r#"{{"id":"{}"}}"#, "x".repeat(4096));
    let reply = Reply::Respond {
        status: 200,
        headers: vec![],
        body: body.into_bytes(),
        chunked,
    };
    let server = ScriptedServer::start(vec![reply]).await;
    let client = builder(&server.endpoint())
        .max_response_bytes(1024)
        .build()
        .unwrap();
    let err = client.call::<PutThing>(input()).await.unwrap_err();
    assert_eq!(err.attempts(), 1);
    let CallErrorKind::ResponseTooLarge { limit, status } = err.kind() else {
        panic!("{err:?}")
    };
    assert_eq!((*limit, *status), (1024, Some(200)));
    assert!(err.to_string().contains("limit of 1024 bytes"), "{err}");
}

#[tokio::test]
async fn oversized_body_with_declared_length_is_refused() {
    bounded(oversized(false)).await;
}

#[tokio::test]
async fn oversized_chunked_body_is_refused() {
    bounded(oversized(true)).await;
}
