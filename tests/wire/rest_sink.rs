//! The rest sink (restJson1): model paths that name members renamed by
//! `@jsonName` meet the JSON the generated code reads and writes. The
//! paginators find their items under their JSON key (in the body, or in the
//! payload structure) and their tokens in the query or headers, and the
//! waiter and endpoint-parameter paths, evaluated over the serialized input
//! and output, match what the model's paths name.

use awsgen_types::http::HeaderMap;
use awsgen_types::waiter::{match_acceptors, PollOutcome};
use awsgen_types::{
    AcceptorState, EndpointParam, HttpResponse, Operation, Paginated, PaginatedItems, Waiter,
};
use rest_sink_types::waiters::{WidgetReady, WidgetRound};
use rest_sink_types::{
    GetWidget, GetWidgetRequest, ListParts, ListPartsRequest, ListWidgets, ListWidgetsRequest,
    Part, PutWidget, PutWidgetRequest, Round, Widget, WidgetShape, WidgetState,
};
use serde_json::{json, Value};

/// What the client does with a successful response of `O`.
fn output<O: Operation>(body: &str) -> O::Output {
    let headers = HeaderMap::new();
    O::deserialize_output(&HttpResponse {
        status: 200,
        headers: &headers,
        body: body.as_bytes(),
    })
    .unwrap_or_else(|e| panic!("{} reads {body}: {e}", O::NAME))
}

#[test]
fn the_paginated_items_are_read_under_their_json_key_and_the_token_goes_in_the_query() {
    let page = output::<ListWidgets>(r#"{"item": [{"Id": "w1"}, {"Id": "w2"}], "position": "p2"}"#);
    assert_eq!(
        ListWidgets::output_token(&page).map(String::as_str),
        Some("p2")
    );
    let ids: Vec<_> = ListWidgets::items(page)
        .into_iter()
        .map(|w| w.id.unwrap_or_default())
        .collect();
    assert_eq!(ids, ["w1", "w2"]);

    let mut input = ListWidgetsRequest::new();
    ListWidgets::set_input_token(&mut input, Some("p2".into()));
    ListWidgets::set_page_size(&mut input, 10);
    let request = ListWidgets::serialize_request(&input).expect("the input serializes");
    assert_eq!(request.path_and_query, "/widgets?position=p2&limit=10");
}

#[test]
fn a_header_token_and_items_in_the_payload_structure_page_through() {
    let mut headers = HeaderMap::new();
    headers.insert("x-next-token", "t2".parse().expect("a header value"));
    let body = br#"{"Parts": [{"name": "a"}, {"name": "b", "status": "BROKEN"}]}"#;
    let page = ListParts::deserialize_output(&HttpResponse {
        status: 200,
        headers: &headers,
        body,
    })
    .expect("the page reads");
    assert_eq!(
        ListParts::output_token(&page).map(String::as_str),
        Some("t2")
    );
    let parts = ListParts::items(page);
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[1].state, Some(WidgetState::Broken));

    let mut input = ListPartsRequest::new("w1");
    ListParts::set_input_token(&mut input, Some("t2".into()));
    ListParts::set_page_size(&mut input, 5);
    let request = ListParts::serialize_request(&input).expect("the input serializes");
    assert_eq!(request.path_and_query, "/widgets/w1/parts?max=5");
    let sent: Vec<_> = request
        .headers
        .iter()
        .filter(|(name, _)| name == "x-next-token")
        .map(|(_, value)| value.to_str().expect("ASCII"))
        .collect();
    assert_eq!(sent, ["t2"]);
}

/// The acceptor of `W` that a poll with this input and output body matches.
fn matched<W: Waiter>(input: &<W::Operation as Operation>::Input, body: &str) -> Option<usize>
where
    <W::Operation as Operation>::Input: serde::Serialize,
    <W::Operation as Operation>::Output: serde::Serialize,
{
    // As the client's waiter loop does: the input and output as JSON.
    let output = serde_json::to_value(output::<W::Operation>(body)).expect("output JSON");
    let input = serde_json::to_value(input).expect("input JSON");
    match_acceptors(W::DEFINITION, &input, PollOutcome::Output(&output))
        .expect("the acceptors compile")
        .map(|found| {
            assert_ne!(found.state, AcceptorState::Retry);
            found.index
        })
}

#[test]
fn waiter_paths_over_renamed_members_match_the_json_the_output_serializes_to() {
    let input = GetWidgetRequest::new("w1");
    let ready = r#"{"Widget": {"Id": "w1", "State": "READY", "parts": [{"status": "READY"}]}}"#;
    assert_eq!(matched::<WidgetReady>(&input, ready), Some(0));
    // A part's `state` is written `status`, the widget's `State`.
    let broken = r#"{"Widget": {"State": "BUILDING", "parts": [{"status": "BROKEN"}]}}"#;
    assert_eq!(matched::<WidgetReady>(&input, broken), Some(1));
    let building = r#"{"Widget": {"State": "BUILDING", "parts": [{"status": "READY"}]}}"#;
    assert_eq!(matched::<WidgetReady>(&input, building), None);

    // Through the input's renamed label member and a union variant.
    let round = r#"{"Widget": {"Id": "w1", "shape": {"Round": {"r": 3}}}}"#;
    assert_eq!(matched::<WidgetRound>(&input, round), Some(0));
    let square = r#"{"Widget": {"Id": "w1", "shape": {"square": {}}}}"#;
    assert_eq!(matched::<WidgetRound>(&input, square), None);
    assert_eq!(
        matched::<WidgetRound>(&GetWidgetRequest::new("w2"), round),
        None
    );
}

#[test]
fn the_filter_acceptor_reads_each_part_by_its_own_key() {
    // The third acceptor (`length(widget.parts[?state == 'BROKEN']) > 0`),
    // on its own: the first two would match first.
    let acceptor = &WidgetReady::DEFINITION.acceptors[2];
    let awsgen_types::Matcher::Output(matcher) = acceptor.matcher else {
        panic!("an output matcher");
    };
    let expression = awsgen_types::waiter::jmespath::parse(matcher.path).expect("it parses");
    let widget = Widget::new()
        .with_state(WidgetState::Building)
        .with_parts(vec![
            Part::new().with_state(WidgetState::Ready),
            Part::new().with_state(WidgetState::Broken),
        ]);
    let json = json!({ "Widget": serde_json::to_value(&widget).expect("widget JSON") });
    assert_eq!(expression.evaluate(&json), Value::Bool(true));
}

#[test]
fn endpoint_parameter_paths_over_renamed_members_find_their_values() {
    let widget = Widget::new()
        .with_name("gear")
        .with_parts(vec![Part::new().with_name("a"), Part::new().with_name("b")])
        .with_shape(WidgetShape::Round(Round::new().with_radius(1)));
    let params = PutWidget::endpoint_params(&PutWidgetRequest::new("w1", widget));
    assert_eq!(
        params,
        [
            (
                "PartNames",
                EndpointParam::StringArray(vec!["a".into(), "b".into()])
            ),
            ("WidgetName", EndpointParam::String("gear".into())),
        ]
    );
}

#[test]
fn get_widget_reads_its_renamed_members_and_header() {
    let mut headers = HeaderMap::new();
    headers.insert("etag", "\"v1\"".parse().expect("a header value"));
    let body = br#"{"Widget": {"Id": "w1", "Name": "gear", "State": "READY"}}"#;
    let out = GetWidget::deserialize_output(&HttpResponse {
        status: 200,
        headers: &headers,
        body,
    })
    .expect("the output reads");
    assert_eq!(out.etag.as_deref(), Some("\"v1\""));
    let widget = out.widget.expect("the widget");
    assert_eq!(widget.name.as_deref(), Some("gear"));
    assert_eq!(widget.state, Some(WidgetState::Ready));
}
