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
    let mut in_order = Vec::new();
    for (i, (got, wanted)) in actual.children.iter().zip(&expected.children).enumerate() {
        compare_elements(
            got,
            wanted,
            &format!("{at}/<{}>[{i}]", wanted.name),
            &mut in_order,
        );
    }
    // Two orders are not significant: a structure's members (children of
    // distinct names; the cases sometimes list them out of model order) and
    // map entries (the generated maps are ordered by key, BTreeMap, while
    // the cases list them as written). Lists keep theirs.
    let regrouped = if in_order.is_empty() {
        None
    } else if distinct_names(actual) && distinct_names(expected) {
        Some((by_name(actual), by_name(expected)))
    } else if map_entries(actual) && map_entries(expected) {
        Some((by_key(actual), by_key(expected)))
    } else {
        None
    };
    if let Some((actual, expected)) = regrouped {
        in_order.clear();
        for (i, (got, wanted)) in actual.iter().zip(expected).enumerate() {
            compare_elements(
                got,
                wanted,
                &format!("{at}/<{}>[{i}]", wanted.name),
                &mut in_order,
            );
        }
    }
    problems.extend(in_order);
}

/// Whether every child is a map entry: elements of one name, each of a key
/// and a value element (named alike across entries).
fn map_entries(element: &Element) -> bool {
    let Some(first) = element.children.first() else {
        return false;
    };
    let shape = |e: &Element| {
        e.children
            .iter()
            .map(|c| c.name.clone())
            .collect::<Vec<_>>()
    };
    let first_shape = shape(first);
    first_shape.len() == 2
        && element
            .children
            .iter()
            .all(|c| c.name == first.name && shape(c) == first_shape)
}

/// Whether no two children share a name (a structure's members).
fn distinct_names(element: &Element) -> bool {
    let mut names: Vec<&str> = element.children.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    names.windows(2).all(|pair| pair[0] != pair[1])
}

/// Children sorted by name.
fn by_name(element: &Element) -> Vec<&Element> {
    let mut children: Vec<&Element> = element.children.iter().collect();
    children.sort_by(|a, b| a.name.cmp(&b.name));
    children
}

/// Map entries sorted by their key's text.
fn by_key(element: &Element) -> Vec<&Element> {
    let mut entries: Vec<&Element> = element.children.iter().collect();
    entries.sort_by_key(|e| e.children.first().map(|key| key.text.trim().to_owned()));
    entries
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
