//! Paginators against the scripted server.

use std::future::poll_fn;
use std::pin::Pin;

use awsgen_client::{PaginationStop, Paginator};
use awsgen_types::{Operation, Paginated, PaginatedItems, ServiceMeta};
use futures_core::{FusedStream, Stream};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::operations::{PutThingError, TEST_SERVICE};
use crate::server::{Reply, ScriptedServer};
use crate::{bounded, client};

// ---- A hand-written paginated operation, shaped like generated code ----

#[derive(Debug, Clone, Default, Serialize)]
struct ListThingsInput {
    #[serde(rename = "filter")]
    filter: String,
    #[serde(rename = "nextToken", skip_serializing_if = "Option::is_none")]
    next_token: Option<String>,
    #[serde(rename = "maxResults", skip_serializing_if = "Option::is_none")]
    max_results: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct ListThingsOutput {
    #[serde(rename = "things", default)]
    things: Option<Vec<String>>,
    #[serde(rename = "nextToken", default)]
    next_token: Option<String>,
}

struct ListThings;

impl Operation for ListThings {
    type Input = ListThingsInput;
    type Output = ListThingsOutput;
    type Error = PutThingError;
    const SERVICE: &'static ServiceMeta = &TEST_SERVICE;
    const NAME: &'static str = "ListThings";
    aws_json_protocol!("TestService_20240101.ListThings");
}

impl Paginated for ListThings {
    type Token = String;

    fn set_input_token(input: &mut ListThingsInput, token: Option<String>) {
        input.next_token = token;
    }

    fn input_token(input: &ListThingsInput) -> Option<&String> {
        input.next_token.as_ref()
    }

    fn output_token(output: &ListThingsOutput) -> Option<&String> {
        output.next_token.as_ref()
    }

    fn token_is_empty(token: &String) -> bool {
        token.is_empty()
    }

    fn set_page_size(input: &mut ListThingsInput, page_size: i32) {
        input.max_results = Some(page_size);
    }

    const HAS_PAGE_SIZE: bool = true;
}

impl PaginatedItems for ListThings {
    type Item = String;

    fn items(output: ListThingsOutput) -> Vec<String> {
        output.things.unwrap_or_default()
    }
}

/// The same operation, modeled without a page size member.
struct ListThingsUnsized;

impl Operation for ListThingsUnsized {
    type Input = ListThingsInput;
    type Output = ListThingsOutput;
    type Error = PutThingError;
    const SERVICE: &'static ServiceMeta = &TEST_SERVICE;
    const NAME: &'static str = "ListThingsUnsized";
    aws_json_protocol!("TestService_20240101.ListThingsUnsized");
}

impl Paginated for ListThingsUnsized {
    type Token = String;

    fn set_input_token(input: &mut ListThingsInput, token: Option<String>) {
        input.next_token = token;
    }

    fn input_token(input: &ListThingsInput) -> Option<&String> {
        input.next_token.as_ref()
    }

    fn output_token(output: &ListThingsOutput) -> Option<&String> {
        output.next_token.as_ref()
    }

    fn token_is_empty(token: &String) -> bool {
        token.is_empty()
    }
}

fn page(things: &[&str], token: Option<&str>) -> Reply {
    let mut body = json!({ "things": things });
    if let Some(token) = token {
        body["nextToken"] = json!(token);
    }
    Reply::json(200, &body.to_string())
}

fn input() -> ListThingsInput {
    ListThingsInput {
        filter: "f".into(),
        ..ListThingsInput::default()
    }
}

fn bodies(server: &ScriptedServer) -> Vec<Value> {
    server
        .requests()
        .iter()
        .map(|r| serde_json::from_slice(&r.body).expect("request body is JSON"))
        .collect()
}

/// Drains a stream through `poll_next`, as any executor would.
async fn drain<S: Stream + Unpin>(mut stream: S) -> (Vec<S::Item>, S) {
    let mut items = Vec::new();
    while let Some(item) = poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await {
        items.push(item);
    }
    (items, stream)
}

fn things(pages: Vec<ListThingsOutput>) -> Vec<Vec<String>> {
    pages
        .into_iter()
        .map(|p| p.things.unwrap_or_default())
        .collect()
}

// ---- Tests ----

#[tokio::test]
async fn pages_follow_the_tokens_in_order_until_none_is_returned() {
    bounded(async {
        let server = ScriptedServer::start(vec![
            page(&["a", "b"], Some("t1")),
            page(&["c"], Some("t2")),
            page(&["d"], None),
        ])
        .await;
        let mut pages = client(&server.endpoint()).paginate::<ListThings>(input());
        assert_eq!(pages.stop_reason(), None);
        let mut got = Vec::new();
        while let Some(page) = pages.next_page().await {
            got.push(page.unwrap());
        }
        assert_eq!(things(got), [vec!["a", "b"], vec!["c"], vec!["d"]]);
        assert_eq!(pages.stop_reason(), Some(PaginationStop::Exhausted));
        assert_eq!(pages.pages(), 3);
        assert!(
            pages.next_page().await.is_none(),
            "a stopped paginator stays stopped"
        );
        assert_eq!(
            bodies(&server),
            [
                json!({"filter": "f"}),
                json!({"filter": "f", "nextToken": "t1"}),
                json!({"filter": "f", "nextToken": "t2"}),
            ]
        );
        for request in server.requests() {
            assert_eq!(
                request.header("x-amz-target"),
                "TestService_20240101.ListThings"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn the_callers_token_is_sent_as_is_on_the_first_request() {
    bounded(async {
        let server = ScriptedServer::start(vec![page(&["x"], Some("t9")), page(&[], None)]).await;
        let start = ListThingsInput {
            next_token: Some("resume-here".into()),
            ..input()
        };
        let (pages, _) = drain(client(&server.endpoint()).paginate::<ListThings>(start)).await;
        assert_eq!(pages.len(), 2);
        assert_eq!(
            bodies(&server),
            [
                json!({"filter": "f", "nextToken": "resume-here"}),
                json!({"filter": "f", "nextToken": "t9"}),
            ]
        );
    })
    .await;
}

#[tokio::test]
async fn an_empty_token_ends_the_pagination() {
    bounded(async {
        let server = ScriptedServer::start(vec![
            page(&["a"], Some("t1")),
            page(&["b"], Some("")),
            page(&["never"], None),
        ])
        .await;
        let (pages, paginator) =
            drain(client(&server.endpoint()).paginate::<ListThings>(input())).await;
        let pages: Vec<_> = pages.into_iter().map(Result::unwrap).collect();
        assert_eq!(things(pages), [vec!["a"], vec!["b"]]);
        assert_eq!(paginator.stop_reason(), Some(PaginationStop::Exhausted));
        assert!(paginator.is_terminated());
        assert_eq!(server.requests().len(), 2);
    })
    .await;
}

#[tokio::test]
async fn a_missing_or_null_token_ends_the_pagination() {
    bounded(async {
        let server = ScriptedServer::start(vec![
            Reply::json(200, r#"{"things":["a"],"nextToken":null}"#),
            page(&["never"], None),
        ])
        .await;
        let mut paginator = client(&server.endpoint()).paginate::<ListThings>(input());
        assert!(paginator.next_page().await.unwrap().is_ok());
        assert!(paginator.next_page().await.is_none());
        assert_eq!(paginator.stop_reason(), Some(PaginationStop::Exhausted));
        assert_eq!(server.requests().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn a_repeated_token_ends_the_pagination() {
    bounded(async {
        // The server keeps answering "same": the second page repeats the token sent.
        let server = ScriptedServer::start(vec![page(&["a"], Some("same"))]).await;
        let (pages, paginator) =
            drain(client(&server.endpoint()).paginate::<ListThings>(input())).await;
        assert_eq!(pages.len(), 2);
        assert!(pages.iter().all(Result::is_ok));
        assert_eq!(paginator.stop_reason(), Some(PaginationStop::RepeatedToken));
        assert_eq!(
            bodies(&server),
            [
                json!({"filter": "f"}),
                json!({"filter": "f", "nextToken": "same"})
            ]
        );
    })
    .await;
}

#[tokio::test]
async fn a_first_page_that_repeats_the_callers_token_ends_the_pagination() {
    bounded(async {
        let server = ScriptedServer::start(vec![page(&["a"], Some("resume"))]).await;
        let mut start = input();
        start.next_token = Some("resume".into());
        let (pages, paginator) =
            drain(client(&server.endpoint()).paginate::<ListThings>(start)).await;
        assert_eq!(pages.len(), 1);
        assert_eq!(paginator.stop_reason(), Some(PaginationStop::RepeatedToken));
        assert_eq!(
            bodies(&server),
            [json!({"filter": "f", "nextToken": "resume"})]
        );
    })
    .await;
}

#[tokio::test]
async fn items_are_flattened_across_pages_skipping_empty_ones() {
    bounded(async {
        let server = ScriptedServer::start(vec![
            page(&["a", "b"], Some("t1")),
            page(&[], Some("t2")),
            Reply::json(200, r#"{"nextToken":"t3"}"#),
            page(&["c"], None),
        ])
        .await;
        let mut items = client(&server.endpoint())
            .paginate::<ListThings>(input())
            .items();
        let mut got = Vec::new();
        while let Some(item) = items.next_item().await {
            got.push(item.unwrap());
        }
        assert_eq!(got, ["a", "b", "c"]);
        assert_eq!(items.pages(), 4);
        assert_eq!(items.stop_reason(), Some(PaginationStop::Exhausted));
        assert!(items.is_terminated());
        assert_eq!(server.requests().len(), 4);

        // The same through `Stream`.
        let server =
            ScriptedServer::start(vec![page(&["x"], Some("t1")), page(&["y", "z"], None)]).await;
        let (streamed, _) = drain(
            client(&server.endpoint())
                .paginate::<ListThings>(input())
                .items(),
        )
        .await;
        let streamed: Vec<String> = streamed.into_iter().map(Result::unwrap).collect();
        assert_eq!(streamed, ["x", "y", "z"]);
    })
    .await;
}

#[tokio::test]
async fn an_error_is_yielded_once_and_ends_the_stream() {
    bounded(async {
        let failing = Reply::json(
            400,
            r#"{"__type":"ThingNotFoundException","message":"gone","thingName":"t"}"#,
        );
        let script = || {
            vec![
                page(&["a", "b"], Some("t1")),
                failing.clone(),
                page(&["never"], None),
            ]
        };

        let server = ScriptedServer::start(script()).await;
        let mut pages = client(&server.endpoint()).paginate::<ListThings>(input());
        assert!(pages.next_page().await.unwrap().is_ok());
        let err = pages.next_page().await.unwrap().unwrap_err();
        assert!(matches!(
            err.as_service(),
            Some(PutThingError::ThingNotFound { .. })
        ));
        assert!(pages.next_page().await.is_none());
        assert_eq!(pages.stop_reason(), Some(PaginationStop::Error));
        assert_eq!(server.requests().len(), 2);

        let server = ScriptedServer::start(script()).await;
        let (items, items_stream) = drain(
            client(&server.endpoint())
                .paginate::<ListThings>(input())
                .items(),
        )
        .await;
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].as_deref().ok(), Some("a"));
        assert_eq!(items[1].as_deref().ok(), Some("b"));
        assert!(items[2].is_err());
        assert_eq!(items_stream.stop_reason(), Some(PaginationStop::Error));
        assert_eq!(server.requests().len(), 2);
    })
    .await;
}

#[tokio::test]
async fn the_page_size_is_sent_with_every_request() {
    bounded(async {
        let server =
            ScriptedServer::start(vec![page(&["a"], Some("t1")), page(&["b"], None)]).await;
        let (pages, _) = drain(
            client(&server.endpoint())
                .paginate::<ListThings>(input())
                .page_size(25),
        )
        .await;
        assert_eq!(pages.len(), 2);
        assert_eq!(
            bodies(&server),
            [
                json!({"filter": "f", "maxResults": 25}),
                json!({"filter": "f", "maxResults": 25, "nextToken": "t1"}),
            ]
        );

        // An operation without a page size member ignores it.
        let server = ScriptedServer::start(vec![page(&["a"], None)]).await;
        let (pages, _) = drain(
            client(&server.endpoint())
                .paginate::<ListThingsUnsized>(input())
                .page_size(25),
        )
        .await;
        assert_eq!(pages.len(), 1);
        assert_eq!(bodies(&server), [json!({"filter": "f"})]);
    })
    .await;
}

#[tokio::test]
async fn nothing_is_sent_until_a_page_is_asked_for() {
    bounded(async {
        let server = ScriptedServer::start(vec![page(&["a"], None)]).await;
        let paginator = client(&server.endpoint()).paginate::<ListThings>(input());
        tokio::task::yield_now().await;
        assert!(server.requests().is_empty());
        let debug = format!("{paginator:?}");
        assert!(
            debug.contains("ListThings") && !debug.contains("\"f\""),
            "{debug}"
        );
    })
    .await;
}

#[test]
fn paginators_and_their_futures_can_cross_threads() {
    fn is_send<T: Send>(_: &T) {}
    let client = client("http://127.0.0.1:1");
    let mut pages: Paginator<ListThings> = client.paginate::<ListThings>(input());
    is_send(&pages);
    is_send(&pages.next_page());
    let mut items = client.paginate::<ListThings>(input()).items();
    is_send(&items.next_item());
}
