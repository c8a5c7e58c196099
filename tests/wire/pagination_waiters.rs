//! The kitchen sink's generated `Paginated` impls (a token in a nested
//! structure, a map token, list and map items, int and long page sizes) and
//! its waiter definitions, matched against wire JSON.

// `ThingGone` is deprecated in the model, which is part of what is tested.
#![allow(deprecated)]

use awsgen_types::waiter::{match_acceptors, PollOutcome};
use awsgen_types::{AcceptorState, Paginated, PaginatedItems, Waiter};
use kitchen_sink_types::waiters::{ThingGone, ThingReady, ThingTagged};
use kitchen_sink_types::{
    GetThingInput, ListThings, ListThingsInput, ListThingsOutput, ScanTable, ScanTableInput,
    ScanTableOutput,
};
use serde_json::{json, Value};

fn list_output(json: Value) -> ListThingsOutput {
    serde_json::from_value(json).expect("a ListThings output")
}

fn scan_output(json: Value) -> ScanTableOutput {
    serde_json::from_value(json).expect("a ScanTable output")
}

#[test]
fn the_token_is_read_through_the_nested_structure() {
    let page = list_output(json!({"page": {"next": "t2"}, "things": [{"name": "a"}]}));
    assert_eq!(
        ListThings::output_token(&page).map(String::as_str),
        Some("t2")
    );
    assert_eq!(
        ListThings::output_token(&list_output(json!({"page": {}}))),
        None
    );
    assert_eq!(ListThings::output_token(&list_output(json!({}))), None);
    let empty = list_output(json!({"page": {"next": ""}}));
    assert!(ListThings::token_is_empty(
        ListThings::output_token(&empty).unwrap()
    ));
}

#[test]
fn the_input_token_and_page_size_go_where_the_trait_says() {
    let mut input = ListThingsInput::new();
    ListThings::set_input_token(&mut input, Some("t2".into()));
    const { assert!(ListThings::HAS_PAGE_SIZE) };
    ListThings::set_page_size(&mut input, 25);
    assert_eq!(
        ListThings::input_token(&input).map(String::as_str),
        Some("t2")
    );
    assert_eq!(
        serde_json::to_value(&input).unwrap(),
        json!({"cursor": "t2", "limit": 25})
    );
    ListThings::set_input_token(&mut input, None);
    assert_eq!(serde_json::to_value(&input).unwrap(), json!({"limit": 25}));

    // A `long` page size takes the same i32.
    let mut scan = ScanTableInput::new();
    ScanTable::set_page_size(&mut scan, 7);
    assert_eq!(serde_json::to_value(&scan).unwrap(), json!({"limit": 7}));
}

#[test]
fn items_are_the_list_elements() {
    let page = list_output(json!({"things": [{"name": "a"}, {"name": "b", "ready": true}]}));
    let names: Vec<String> = ListThings::items(page)
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, ["a", "b"]);
    assert!(ListThings::items(list_output(json!({}))).is_empty());
}

#[test]
fn a_map_token_and_map_items_as_in_dynamodb() {
    let page = scan_output(json!({"lastKey": {"pk": "7"}, "rows": {"b": 2, "a": 1}}));
    let token = ScanTable::output_token(&page)
        .cloned()
        .expect("a map token");
    assert!(!ScanTable::token_is_empty(&token));
    let mut input = ScanTableInput::new();
    ScanTable::set_input_token(&mut input, Some(token));
    assert_eq!(
        serde_json::to_value(&input).unwrap(),
        json!({"startKey": {"pk": "7"}})
    );
    assert_eq!(
        ScanTable::items(page),
        [("a".to_owned(), 1), ("b".to_owned(), 2)]
    );
    let last = scan_output(json!({"lastKey": {}}));
    assert!(ScanTable::token_is_empty(
        ScanTable::output_token(&last).unwrap()
    ));
}

/// The state of the first acceptor of `W` matching this poll.
fn state<W: Waiter>(
    input: &GetThingInput,
    outcome: PollOutcome<'_>,
) -> Option<(usize, AcceptorState)> {
    let input = serde_json::to_value(input).unwrap();
    match_acceptors(W::DEFINITION, &input, outcome)
        .expect("generated definitions compile")
        .map(|m| (m.index, m.state))
}

#[test]
fn thing_ready_uses_boolean_input_output_and_error_acceptors() {
    let input = GetThingInput::new("t");
    let ready = json!({"thing": {"name": "t", "ready": true}});
    assert_eq!(
        state::<ThingReady>(&input, PollOutcome::Output(&ready)),
        Some((0, AcceptorState::Success))
    );
    let too_many = json!({"thing": {"name": "t", "ready": false, "tags": ["a", "b", "c", "d"]}});
    assert_eq!(
        state::<ThingReady>(&input, PollOutcome::Output(&too_many)),
        Some((1, AcceptorState::Failure))
    );
    let pending = json!({"thing": {"name": "t", "tags": ["a"]}});
    assert_eq!(
        state::<ThingReady>(&input, PollOutcome::Output(&pending)),
        None
    );
    assert_eq!(
        state::<ThingReady>(&input, PollOutcome::Error(Some("ThingNotFoundError"))),
        Some((2, AcceptorState::Retry))
    );
    assert_eq!(
        state::<ThingReady>(&input, PollOutcome::Error(Some("Other"))),
        None
    );
    assert_eq!(ThingReady::DEFINITION.min_delay_secs, 1);
    assert_eq!(ThingReady::DEFINITION.max_delay_secs, 8);
}

#[test]
fn thing_tagged_uses_all_and_any_string_equals() {
    let input = GetThingInput::new("t");
    let all_ok = json!({"thing": {"name": "t", "tags": ["ok", "ok"]}});
    assert_eq!(
        state::<ThingTagged>(&input, PollOutcome::Output(&all_ok)),
        Some((0, AcceptorState::Success))
    );
    let one_bad = json!({"thing": {"name": "t", "tags": ["ok", "bad"]}});
    assert_eq!(
        state::<ThingTagged>(&input, PollOutcome::Output(&one_bad)),
        Some((1, AcceptorState::Failure))
    );
    // An empty list is not "all ok".
    let none = json!({"thing": {"name": "t", "tags": []}});
    assert_eq!(
        state::<ThingTagged>(&input, PollOutcome::Output(&none)),
        None
    );
    let forbidden = json!({"thing": {"name": "forbidden"}});
    assert_eq!(
        state::<ThingTagged>(&input, PollOutcome::Output(&forbidden)),
        Some((2, AcceptorState::Failure))
    );
    // Defaults from the waiter spec when the model gives no delays.
    assert_eq!(
        (
            ThingTagged::DEFINITION.min_delay_secs,
            ThingTagged::DEFINITION.max_delay_secs
        ),
        (2, 120)
    );
}

#[test]
fn thing_gone_succeeds_on_the_error_and_polls_on_success() {
    let input = GetThingInput::new("t");
    assert_eq!(
        state::<ThingGone>(&input, PollOutcome::Error(Some("ThingNotFoundError"))),
        Some((0, AcceptorState::Success))
    );
    let found = json!({"thing": {"name": "t"}});
    assert_eq!(
        state::<ThingGone>(&input, PollOutcome::Output(&found)),
        Some((1, AcceptorState::Retry))
    );
    assert_eq!(
        state::<ThingGone>(&input, PollOutcome::Error(None)),
        Some((2, AcceptorState::Failure))
    );
}
