use serde_json::{json, Value};

use super::{
    match_acceptors, Acceptor, AcceptorMatch, AcceptorProblem, AcceptorSet, AcceptorState,
    Comparator, Matcher, PathMatcher, PollOutcome, WaiterDefinition,
};

const fn output(path: &'static str, comparator: Comparator, expected: &'static str) -> Matcher {
    Matcher::Output(PathMatcher {
        path,
        expected,
        comparator,
    })
}

const fn acceptor(state: AcceptorState, matcher: Matcher) -> Acceptor {
    Acceptor { state, matcher }
}

fn set(acceptors: &'static [Acceptor]) -> AcceptorSet {
    AcceptorSet::compile(&WaiterDefinition::new("Test", "Op", 1, 10, acceptors))
        .expect("acceptors compile")
}

fn index_on_output(set: &AcceptorSet, output: Value) -> Option<usize> {
    set.first_match(&Value::Null, PollOutcome::Output(&output))
        .map(|m| m.index)
}

#[test]
fn string_equals_matches_a_string_result_only() {
    static ACCEPTORS: [Acceptor; 1] = [acceptor(
        AcceptorState::Success,
        output(
            "imageScanStatus.status",
            Comparator::StringEquals,
            "COMPLETE",
        ),
    )];
    let s = set(&ACCEPTORS);
    let found = s.first_match(
        &Value::Null,
        PollOutcome::Output(&json!({"imageScanStatus": {"status": "COMPLETE"}})),
    );
    assert_eq!(
        found,
        Some(AcceptorMatch {
            index: 0,
            state: AcceptorState::Success,
            matcher: ACCEPTORS[0].matcher,
        })
    );
    for miss in [
        json!({"imageScanStatus": {"status": "IN_PROGRESS"}}),
        json!({"imageScanStatus": {"status": ["COMPLETE"]}}),
        json!({"imageScanStatus": null}),
        json!({}),
    ] {
        assert_eq!(index_on_output(&s, miss.clone()), None, "{miss}");
    }
}

#[test]
fn boolean_equals_needs_a_boolean_result_and_a_boolean_expected_value() {
    static ACCEPTORS: [Acceptor; 2] = [
        acceptor(
            AcceptorState::Success,
            output("ready", Comparator::BooleanEquals, "true"),
        ),
        acceptor(
            AcceptorState::Failure,
            output("ready", Comparator::BooleanEquals, "false"),
        ),
    ];
    let s = set(&ACCEPTORS);
    assert_eq!(index_on_output(&s, json!({"ready": true})), Some(0));
    assert_eq!(index_on_output(&s, json!({"ready": false})), Some(1));
    assert_eq!(index_on_output(&s, json!({"ready": "true"})), None);
    assert_eq!(index_on_output(&s, json!({})), None);

    static NOT_BOOLEAN: [Acceptor; 2] = [
        acceptor(AcceptorState::Success, Matcher::Success(true)),
        acceptor(
            AcceptorState::Success,
            output("ready", Comparator::BooleanEquals, "yes"),
        ),
    ];
    let err =
        AcceptorSet::compile(&WaiterDefinition::new("T", "Op", 1, 2, &NOT_BOOLEAN)).unwrap_err();
    assert_eq!(err.index, 1);
    assert_eq!(err.problem, AcceptorProblem::NotABoolean("yes"));
    assert!(err.to_string().starts_with("acceptors[1]: "), "{err}");
}

#[test]
fn all_string_equals_needs_a_non_empty_list_of_equal_strings() {
    static ACCEPTORS: [Acceptor; 1] = [acceptor(
        AcceptorState::Success,
        output("items[].state", Comparator::AllStringEquals, "READY"),
    )];
    let s = set(&ACCEPTORS);
    let items = |states: Value| {
        let states = states.as_array().cloned().unwrap_or_default();
        json!({"items": states.into_iter().map(|st| json!({"state": st})).collect::<Vec<_>>()})
    };
    assert_eq!(
        index_on_output(&s, items(json!(["READY", "READY"]))),
        Some(0)
    );
    assert_eq!(index_on_output(&s, items(json!(["READY"]))), Some(0));
    assert_eq!(
        index_on_output(&s, items(json!(["READY", "PENDING"]))),
        None
    );
    assert_eq!(index_on_output(&s, items(json!(["READY", 1]))), None);
    assert_eq!(index_on_output(&s, items(json!([]))), None);
    assert_eq!(index_on_output(&s, json!({"items": "READY"})), None);
}

#[test]
fn any_string_equals_needs_one_equal_string_in_a_list() {
    static ACCEPTORS: [Acceptor; 1] = [acceptor(
        AcceptorState::Failure,
        output("states", Comparator::AnyStringEquals, "FAILED"),
    )];
    let s = set(&ACCEPTORS);
    assert_eq!(
        index_on_output(&s, json!({"states": ["OK", "FAILED"]})),
        Some(0)
    );
    assert_eq!(index_on_output(&s, json!({"states": ["OK", "OK"]})), None);
    assert_eq!(index_on_output(&s, json!({"states": []})), None);
    assert_eq!(index_on_output(&s, json!({"states": "FAILED"})), None);
}

#[test]
fn input_output_sees_both_under_their_names() {
    static ACCEPTORS: [Acceptor; 2] = [
        acceptor(
            AcceptorState::Success,
            Matcher::InputOutput(PathMatcher {
                path: "input.name == output.name",
                expected: "true",
                comparator: Comparator::BooleanEquals,
            }),
        ),
        acceptor(
            AcceptorState::Retry,
            Matcher::InputOutput(PathMatcher {
                path: "output.status",
                expected: "PENDING",
                comparator: Comparator::StringEquals,
            }),
        ),
    ];
    let s = set(&ACCEPTORS);
    assert!(s.reads_input() && s.reads_output());
    let input = json!({"name": "repo"});
    let matched = |output: Value| s.first_match(&input, PollOutcome::Output(&output));
    assert_eq!(matched(json!({"name": "repo"})).map(|m| m.index), Some(0));
    let retry = matched(json!({"name": "other", "status": "PENDING"}));
    assert_eq!(
        retry,
        Some(AcceptorMatch {
            index: 1,
            state: AcceptorState::Retry,
            matcher: ACCEPTORS[1].matcher,
        })
    );
    assert_eq!(matched(json!({"name": "other"})), None);
    // An output matcher does not see the input wrapper.
    static PLAIN: [Acceptor; 1] = [acceptor(
        AcceptorState::Success,
        output("output.name", Comparator::StringEquals, "repo"),
    )];
    assert!(!set(&PLAIN).reads_input());
    assert_eq!(index_on_output(&set(&PLAIN), json!({"name": "repo"})), None);
}

#[test]
fn success_matchers_split_on_whether_the_call_succeeded() {
    static ACCEPTORS: [Acceptor; 2] = [
        acceptor(AcceptorState::Success, Matcher::Success(true)),
        acceptor(AcceptorState::Failure, Matcher::Success(false)),
    ];
    let s = set(&ACCEPTORS);
    assert!(!s.reads_output());
    assert_eq!(index_on_output(&s, json!({})), Some(0));
    let on_error = |code| s.first_match(&Value::Null, PollOutcome::Error(code));
    assert_eq!(on_error(Some("AnyError")).map(|m| m.index), Some(1));
    assert_eq!(on_error(None).map(|m| m.index), Some(1));
}

#[test]
fn error_type_matches_the_code_by_shape_name() {
    static ACCEPTORS: [Acceptor; 2] = [
        acceptor(
            AcceptorState::Retry,
            Matcher::ErrorType("ImageNotFoundException"),
        ),
        acceptor(
            AcceptorState::Failure,
            Matcher::ErrorType("com.amazonaws.ecr#RepositoryNotFoundException"),
        ),
    ];
    let s = set(&ACCEPTORS);
    let on_error = |code| {
        s.first_match(&Value::Null, PollOutcome::Error(code))
            .map(|m| (m.index, m.state))
    };
    assert_eq!(
        on_error(Some("ImageNotFoundException")),
        Some((0, AcceptorState::Retry))
    );
    assert_eq!(
        on_error(Some("RepositoryNotFoundException")),
        Some((1, AcceptorState::Failure))
    );
    assert_eq!(
        on_error(Some("aws.ecr#ImageNotFoundException")),
        Some((0, AcceptorState::Retry))
    );
    assert_eq!(on_error(Some("ImageNotFound")), None);
    assert_eq!(on_error(None), None);
    assert_eq!(index_on_output(&s, json!({})), None);
}

#[test]
fn path_matchers_never_match_an_error() {
    static ACCEPTORS: [Acceptor; 1] = [acceptor(
        AcceptorState::Success,
        output("missing", Comparator::BooleanEquals, "false"),
    )];
    let s = set(&ACCEPTORS);
    assert_eq!(
        s.first_match(&Value::Null, PollOutcome::Error(Some("X"))),
        None
    );
}

#[test]
fn the_first_matching_acceptor_in_model_order_decides() {
    static ACCEPTORS: [Acceptor; 3] = [
        acceptor(
            AcceptorState::Failure,
            output("status", Comparator::StringEquals, "FAILED"),
        ),
        acceptor(AcceptorState::Retry, Matcher::Success(true)),
        acceptor(
            AcceptorState::Success,
            output("status", Comparator::StringEquals, "COMPLETE"),
        ),
    ];
    let s = set(&ACCEPTORS);
    assert_eq!(index_on_output(&s, json!({"status": "FAILED"})), Some(0));
    // The success acceptor is shadowed by the earlier `success: true`.
    assert_eq!(index_on_output(&s, json!({"status": "COMPLETE"})), Some(1));
}

#[test]
fn a_bad_path_is_reported_with_its_acceptor() {
    static ACCEPTORS: [Acceptor; 2] = [
        acceptor(
            AcceptorState::Success,
            output("a.b", Comparator::StringEquals, "x"),
        ),
        acceptor(
            AcceptorState::Failure,
            output("a.sort(@)", Comparator::StringEquals, "x"),
        ),
    ];
    let definition = WaiterDefinition::new("T", "Op", 1, 2, &ACCEPTORS);
    let err = match_acceptors(&definition, &Value::Null, PollOutcome::Error(None)).unwrap_err();
    assert_eq!(err.index, 1);
    assert!(matches!(
        err.problem,
        AcceptorProblem::Path {
            path: "a.sort(@)",
            ..
        }
    ));
    assert_eq!(
        err.to_string(),
        "acceptors[1]: path `a.sort(@)`: unsupported function `sort` \
         (only `length`, `contains` and `keys` are supported) at offset 2"
    );
}

#[test]
fn the_one_shot_form_matches_like_the_compiled_set() {
    static ACCEPTORS: [Acceptor; 1] = [acceptor(
        AcceptorState::Success,
        output("status", Comparator::StringEquals, "COMPLETE"),
    )];
    let definition = WaiterDefinition::new("T", "Op", 1, 2, &ACCEPTORS);
    let out = json!({"status": "COMPLETE"});
    let found = match_acceptors(&definition, &Value::Null, PollOutcome::Output(&out));
    assert_eq!(found.map(|m| m.map(|m| m.index)), Ok(Some(0)));
}

#[test]
fn matchers_display_as_the_model_states_them() {
    assert_eq!(
        output("imageScanStatus.status", Comparator::StringEquals, "FAILED").to_string(),
        "output path `imageScanStatus.status` stringEquals \"FAILED\""
    );
    assert_eq!(Matcher::Success(false).to_string(), "success false");
    assert_eq!(
        Matcher::ErrorType("NotFound").to_string(),
        "errorType `NotFound`"
    );
    assert_eq!(AcceptorState::Retry.to_string(), "retry");
    assert_eq!(Comparator::AnyStringEquals.as_str(), "anyStringEquals");
}
