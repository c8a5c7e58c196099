//! Comparing request bodies as their media types mean them: XML as element
//! trees, forms as sets of pairs.
//!
//! Copied next to `harness.rs` into every generated protocol-test crate
//! (as `tests/protocol/bodies.rs`); xtask compiles it only for its own
//! tests (`bodies_tests.rs`).

use awsgen_types::xml::{parse, Element};

/// XML equality: the same elements in the same order, with the same names,
/// attributes (in any order) and text. Whitespace around text is not
/// significant, and an element with child elements has no text of its own
/// (what is between them is indentation).
pub fn compare_xml(actual: &[u8], expected: &str, problems: &mut Vec<String>) {
    let wanted = match parse(expected.as_bytes()) {
        Ok(root) => root,
        Err(e) => return problems.push(format!("body: the case's XML is invalid: {e}")),
    };
    match parse(actual) {
        Ok(got) => compare_elements(&got, &wanted, &format!("body <{}>", wanted.name), problems),
        Err(e) => problems.push(format!(
            "body: not XML ({e}): {:?}",
            String::from_utf8_lossy(actual)
        )),
    }
}

fn compare_elements(actual: &Element, expected: &Element, at: &str, problems: &mut Vec<String>) {
    if actual.name != expected.name {
        problems.push(format!(
            "{at}: expected element <{}>, got <{}>",
            expected.name, actual.name
        ));
        return;
    }
    let mut got_attributes = actual.attributes.clone();
    let mut wanted_attributes = expected.attributes.clone();
    got_attributes.sort();
    wanted_attributes.sort();
    if got_attributes != wanted_attributes {
        problems.push(format!(
            "{at}: expected attributes {wanted_attributes:?}, got {got_attributes:?}"
        ));
    }
    if expected.children.is_empty() && actual.children.is_empty() {
        if actual.text.trim() != expected.text.trim() {
            problems.push(format!(
                "{at}: expected text {:?}, got {:?}",
                expected.text.trim(),
                actual.text.trim()
            ));
        }
        return;
    }
    let names = |e: &Element| {
        e.children
            .iter()
            .map(|c| c.name.clone())
            .collect::<Vec<_>>()
    };
    if actual.children.len() != expected.children.len() {
        problems.push(format!(
            "{at}: expected children {:?}, got {:?}",
            names(expected),
            names(actual)
        ));
        return;
    }
    for (i, (got, wanted)) in actual.children.iter().zip(&expected.children).enumerate() {
        compare_elements(
            got,
            wanted,
            &format!("{at}/<{}>[{i}]", wanted.name),
            problems,
        );
    }
}

/// Form equality: the same `key=value` pairs (as encoded), in any order.
pub fn compare_form(actual: &[u8], expected: &str, problems: &mut Vec<String>) {
    let actual = String::from_utf8_lossy(actual);
    let pairs = |text: &str| {
        let mut pairs: Vec<String> = text
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(str::to_owned)
            .collect();
        pairs.sort();
        pairs
    };
    let (got, wanted) = (pairs(&actual), pairs(expected));
    for pair in wanted.iter().filter(|p| !got.contains(p)) {
        problems.push(format!(
            "body: expected the pair {pair:?}, missing from {actual:?}"
        ));
    }
    for pair in got.iter().filter(|p| !wanted.contains(p)) {
        problems.push(format!("body: the pair {pair:?} is not expected"));
    }
    if problems.is_empty() && got != wanted {
        problems.push(format!("body: expected the pairs {wanted:?}, got {got:?}"));
    }
}
