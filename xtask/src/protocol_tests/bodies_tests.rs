//! The body comparisons the generated protocol tests use (`bodies.rs`).

use super::bodies::{compare_form, compare_xml};

fn xml(actual: &str, expected: &str) -> Vec<String> {
    let mut problems = Vec::new();
    compare_xml(actual.as_bytes(), expected, &mut problems);
    problems
}

fn form(actual: &str, expected: &str) -> Vec<String> {
    let mut problems = Vec::new();
    compare_form(actual.as_bytes(), expected, &mut problems);
    problems
}

#[test]
fn xml_ignores_indentation_and_attribute_order() {
    let expected = "<A x=\"1\" y=\"2\">\n    <b>hi</b>\n    <c/>\n</A>\n";
    assert_eq!(
        xml("<A y=\"2\" x=\"1\"><b>hi</b><c></c></A>", expected),
        Vec::<String>::new()
    );
}

#[test]
fn xml_names_each_difference_by_its_path() {
    let expected = "<A><b>hi</b><c>1</c></A>";
    let problems = xml("<A><b>hi</b><c>2</c></A>", expected);
    assert_eq!(
        problems,
        ["body <A>/<c>[1]: expected text \"1\", got \"2\""]
    );
    // A structure's members may come in any order; a list's may not.
    assert!(xml("<A><c>1</c><b>hi</b></A>", expected).is_empty());
    let list = "<L><member>a</member><member>b</member></L>";
    let order = xml("<L><member>b</member><member>a</member></L>", list);
    assert!(
        order[0].contains("expected text \"a\", got \"b\""),
        "{order:?}"
    );
    assert!(xml("<A><b>hi</b></A>", expected)[0].contains("expected children"));
    assert!(xml("<A x=\"1\"><b>hi</b><c>1</c></A>", expected)[0].contains("attributes"));
    assert!(xml("not xml", expected)[0].contains("not XML"));
}

#[test]
fn forms_are_unordered_pairs() {
    let expected = "Action=Op&Version=1&A=x&B.member.1=y";
    assert!(form("B.member.1=y&Version=1&Action=Op&A=x", expected).is_empty());
    assert_eq!(
        form("Action=Op&Version=1&A=x&C=z", expected),
        [
            "body: expected the pair \"B.member.1=y\", missing from \"Action=Op&Version=1&A=x&C=z\"",
            "body: the pair \"C=z\" is not expected",
        ]
    );
}

#[test]
fn map_entries_compare_in_any_order_and_lists_in_theirs() {
    let expected =
        "<A><m><entry><k>foo</k><v>1</v></entry><entry><k>bar</k><v>2</v></entry></m></A>";
    let sorted = "<A><m><entry><k>bar</k><v>2</v></entry><entry><k>foo</k><v>1</v></entry></m></A>";
    assert_eq!(xml(sorted, expected), Vec::<String>::new());
    let list = "<A><l><member>a</member><member>b</member></l></A>";
    assert!(!xml("<A><l><member>b</member><member>a</member></l></A>", list).is_empty());
}
