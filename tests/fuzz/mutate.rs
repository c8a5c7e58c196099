//! Mutations of a parsed model document: shapes dropped, targets swapped,
//! trait values of the wrong type, keys deleted, shape types changed.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use crate::random_json;
use crate::support::XorShift;

/// A step of a path into a JSON document.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// Every path in `value` (the root excluded), depth first.
fn paths(value: &Value) -> Vec<Vec<Step>> {
    let mut out = Vec::new();
    let mut stack: Vec<(Vec<Step>, &Value)> = vec![(Vec::new(), value)];
    while let Some((path, node)) = stack.pop() {
        match node {
            Value::Object(map) => {
                for (key, child) in map {
                    let mut child_path = path.clone();
                    child_path.push(Step::Key(key.clone()));
                    out.push(child_path.clone());
                    stack.push((child_path, child));
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter().enumerate() {
                    let mut child_path = path.clone();
                    child_path.push(Step::Index(index));
                    out.push(child_path.clone());
                    stack.push((child_path, child));
                }
            }
            _ => {}
        }
    }
    out
}

fn get_mut<'v>(value: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    path.iter().try_fold(value, |node, step| match step {
        Step::Key(key) => node.as_object_mut()?.get_mut(key),
        Step::Index(index) => node.as_array_mut()?.get_mut(*index),
    })
}

fn remove(value: &mut Value, path: &[Step]) {
    let Some((last, parent)) = path.split_last() else {
        return;
    };
    match (get_mut(value, parent), last) {
        (Some(Value::Object(map)), Step::Key(key)) => {
            map.remove(key);
        }
        (Some(Value::Array(items)), Step::Index(index)) if *index < items.len() => {
            items.remove(*index);
        }
        _ => {}
    }
}

fn last_key(path: &[Step]) -> Option<&str> {
    match path.last()? {
        Step::Key(key) => Some(key),
        Step::Index(_) => None,
    }
}

fn parent_key(path: &[Step]) -> Option<&str> {
    match path.get(path.len().checked_sub(2)?)? {
        Step::Key(key) => Some(key),
        Step::Index(_) => None,
    }
}

/// Every shape ID defined in the documents (targets for swapped references).
pub fn shape_ids<'d>(docs: impl Iterator<Item = &'d Value>) -> Vec<String> {
    let mut ids = BTreeSet::new();
    for doc in docs {
        if let Some(shapes) = doc.get("shapes").and_then(Value::as_object) {
            ids.extend(shapes.keys().cloned());
        }
    }
    ids.into_iter().collect()
}

/// A shape ID to point a reference at: one of the model's, a prelude shape, a
/// missing one, a member ID, or not an ID at all.
fn random_target(ids: &[String], rng: &mut XorShift) -> Value {
    match rng.below(8) {
        0 => json!("smithy.api#Unit"),
        1 => json!("smithy.api#Document"),
        2 => json!("example.missing#Nothing"),
        3 => json!("###"),
        4 => json!(format!(
            "{}$member",
            rng.pick(ids).cloned().unwrap_or_default()
        )),
        _ => json!(rng.pick(ids).cloned().unwrap_or_default()),
    }
}

/// A value of a different JSON type than `old`.
fn wrong_type(old: &Value, rng: &mut XorShift) -> Value {
    let candidates = [
        json!(null),
        json!(true),
        json!(-1),
        json!(1.5),
        json!("text"),
        json!([1, "a"]),
        json!({"min": "x", "max": -1, "throttling": "yes", "hostPrefix": 3}),
    ];
    loop {
        let candidate = rng.pick(&candidates).cloned().unwrap_or_default();
        if std::mem::discriminant(&candidate) != std::mem::discriminant(old) || rng.one_in(4) {
            return candidate;
        }
    }
}

const TYPES: &[&str] = &[
    "blob",
    "string",
    "integer",
    "double",
    "timestamp",
    "document",
    "enum",
    "intEnum",
    "list",
    "map",
    "structure",
    "union",
    "operation",
    "service",
    "resource",
    "apply",
    "set",
    "thing",
];

/// Applies one to three random mutations to a model document.
pub fn mutate(doc: &mut Value, ids: &[String], rng: &mut XorShift) {
    for _ in 0..1 + rng.below(3) {
        mutate_once(doc, ids, rng);
    }
}

fn mutate_once(doc: &mut Value, ids: &[String], rng: &mut XorShift) {
    let all = paths(doc);
    let pick = |rng: &mut XorShift, filter: &dyn Fn(&[Step]) -> bool| -> Option<Vec<Step>> {
        let matching: Vec<&Vec<Step>> = all.iter().filter(|p| filter(p)).collect();
        rng.pick(&matching).map(|p| (*p).clone())
    };
    match rng.below(8) {
        // Drop a shape.
        0 => {
            if let Some(path) = pick(rng, &|p| p.len() == 2 && parent_key(p) == Some("shapes")) {
                remove(doc, &path);
            }
        }
        // Point a reference somewhere else.
        1 | 2 => {
            if let Some(path) = pick(rng, &|p| last_key(p) == Some("target")) {
                if let Some(node) = get_mut(doc, &path) {
                    *node = random_target(ids, rng);
                }
            }
        }
        // Give a trait a value of the wrong type.
        3 => {
            if let Some(path) = pick(rng, &|p| parent_key(p) == Some("traits")) {
                if let Some(node) = get_mut(doc, &path) {
                    *node = wrong_type(node, rng);
                }
            }
        }
        // Delete any key or array item.
        4 => {
            if let Some(path) = rng.pick(&all).cloned() {
                remove(doc, &path);
            }
        }
        // Change a shape's type.
        5 => {
            if let Some(path) = pick(rng, &|p| p.len() == 3 && last_key(p) == Some("type")) {
                if let Some(node) = get_mut(doc, &path) {
                    *node = json!(rng.pick(TYPES).copied().unwrap_or("structure"));
                }
            }
        }
        // Replace any value with a random one.
        6 => {
            if let Some(path) = rng.pick(&all).cloned() {
                if let Some(node) = get_mut(doc, &path) {
                    *node = random_json::value(rng, 2);
                }
            }
        }
        // Add a known trait with a random value to a shape or member.
        _ => {
            let traits = pick(rng, &|p| last_key(p) == Some("traits"));
            if let Some(Value::Object(map)) = traits.and_then(|p| get_mut(doc, &p)) {
                let trait_id = rng
                    .pick(&[
                        "smithy.api#required",
                        "smithy.api#default",
                        "smithy.api#sparse",
                        "smithy.api#mixin",
                        "smithy.api#error",
                        "smithy.api#hostLabel",
                        "smithy.api#timestampFormat",
                        "smithy.api#enumValue",
                        "smithy.api#streaming",
                    ])
                    .copied()
                    .unwrap_or("smithy.api#required");
                map.insert(trait_id.to_owned(), random_json::value(rng, 1));
            }
        }
    }
}

/// Damages the text itself: truncation, or one byte replaced.
pub fn damage_text(text: &mut String, rng: &mut XorShift) {
    let mut cut = rng.below(text.len().max(1));
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    if rng.one_in(2) {
        text.truncate(cut);
    } else {
        let replacement = *rng
            .pick(&['{', '}', '"', ',', ':', 'x', '\\'])
            .unwrap_or(&'x');
        text.insert(cut, replacement);
    }
}
