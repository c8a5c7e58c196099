//! Values a restJson1 request cannot carry are refused before anything is
//! sent, naming the input member: an empty URI label, a label that would
//! change the path (`.`, `..`), and a header value with a line break.
//! Everything around them is sent exactly (labels percent-encoded).

use awsgen_types::{MemberProblem, Operation, SerializeError};
use rest_sink_types::{GetWidget, GetWidgetRequest, ListParts, ListPartsRequest};

fn refused<O: Operation>(input: &O::Input) -> (String, MemberProblem) {
    match O::serialize_request(input) {
        Err(SerializeError::Member { member, problem }) => (member.to_owned(), problem),
        Err(other) => panic!("refused for another reason: {other}"),
        Ok(request) => panic!("sent as {}", request.path_and_query),
    }
}

#[test]
fn an_empty_label_is_refused_naming_the_member() {
    let (member, problem) = refused::<GetWidget>(&GetWidgetRequest::new(""));
    assert_eq!(member, "widgetId");
    assert_eq!(problem, MemberProblem::EmptyLabel);
}

#[test]
fn a_label_that_would_change_the_path_is_refused() {
    for value in [".", ".."] {
        let (member, problem) = refused::<GetWidget>(&GetWidgetRequest::new(value));
        assert_eq!(member, "widgetId", "{value}");
        assert_eq!(problem, MemberProblem::PathChangingLabel, "{value}");
    }
    // Dots inside a value are a name, encoded as they are.
    let request = GetWidget::serialize_request(&GetWidgetRequest::new("a/../b")).unwrap();
    assert_eq!(request.path_and_query, "/widgets/a%2F..%2Fb");
}

#[test]
fn a_header_value_with_a_line_break_is_refused_naming_member_and_header() {
    let input = ListPartsRequest::new("w-1").with_next("page\r\nX-Injected: yes");
    let (member, problem) = refused::<ListParts>(&input);
    assert_eq!(member, "next");
    assert_eq!(
        problem,
        MemberProblem::InvalidHeaderValue {
            header: "x-next-token".to_owned()
        }
    );
    let text = SerializeError::Member {
        member: "next",
        problem,
    }
    .to_string();
    assert!(
        text.contains("`next`") && text.contains("x-next-token"),
        "{text}"
    );
}
