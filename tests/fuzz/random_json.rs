//! Random JSON values, and random documents shaped like a Smithy JSON AST
//! (so the loader's deeper paths are reached, not just its parse errors).

use serde_json::{json, Map, Value};

use crate::support::XorShift;

/// Strings a model is likely to contain, plus awkward ones.
const WORDS: &[&str] = &[
    "",
    "2.0",
    "1.0",
    "2",
    "structure",
    "union",
    "enum",
    "intEnum",
    "list",
    "map",
    "string",
    "integer",
    "timestamp",
    "operation",
    "service",
    "apply",
    "smithy.api#String",
    "smithy.api#Unit",
    "smithy.api#Integer",
    "ex#A",
    "ex#B",
    "ex#A$m",
    "#",
    "$",
    "ex#",
    "not an id",
    "ü",
    "\u{0}",
    "{label}",
    "}{",
    "date-time",
    "http-date",
    "epoch-seconds",
    "client",
    "server",
    "type",
    "self",
    "Self",
    "UNKNOWN",
    "Unknown",
    "__type",
];

/// Keys a model is likely to contain.
const KEYS: &[&str] = &[
    "smithy",
    "shapes",
    "metadata",
    "type",
    "members",
    "member",
    "key",
    "value",
    "target",
    "traits",
    "mixins",
    "input",
    "output",
    "errors",
    "operations",
    "resources",
    "version",
    "rename",
    "smithy.api#required",
    "smithy.api#default",
    "smithy.api#length",
];

/// Shape types, including ones that do not exist.
const TYPES: &[&str] = &[
    "blob",
    "boolean",
    "string",
    "byte",
    "short",
    "integer",
    "long",
    "float",
    "double",
    "bigInteger",
    "bigDecimal",
    "timestamp",
    "document",
    "enum",
    "intEnum",
    "list",
    "set",
    "map",
    "structure",
    "union",
    "operation",
    "service",
    "resource",
    "apply",
    "struct",
    "",
];

/// Traits the generator reads.
const TRAITS: &[&str] = &[
    "smithy.api#required",
    "smithy.api#default",
    "smithy.api#clientOptional",
    "smithy.api#input",
    "smithy.api#output",
    "smithy.api#error",
    "smithy.api#httpError",
    "smithy.api#retryable",
    "smithy.api#sensitive",
    "smithy.api#deprecated",
    "smithy.api#length",
    "smithy.api#pattern",
    "smithy.api#range",
    "smithy.api#uniqueItems",
    "smithy.api#sparse",
    "smithy.api#enumValue",
    "smithy.api#timestampFormat",
    "smithy.api#mixin",
    "smithy.api#streaming",
    "smithy.api#endpoint",
    "smithy.api#hostLabel",
    "smithy.api#requestCompression",
    "smithy.api#documentation",
    "smithy.api#enum",
    "aws.api#service",
    "aws.auth#sigv4",
    "aws.protocols#awsJson1_1",
    "aws.protocols#awsJson1_0",
    "smithy.rules#endpointRuleSet",
];

fn word(rng: &mut XorShift) -> String {
    match rng.below(8) {
        0 => "x".repeat(rng.below(300)),
        1 => format!("ex#S{}", rng.below(6)),
        _ => rng.pick(WORDS).copied().unwrap_or_default().to_owned(),
    }
}

fn number(rng: &mut XorShift) -> Value {
    match rng.below(6) {
        0 => json!(rng.below(20) as i64 - 5),
        1 => json!(i64::MAX),
        2 => json!(-1.5e300),
        3 => json!(u64::MAX),
        4 => json!(0.5),
        _ => json!(rng.next_u64() as i64),
    }
}

/// Any JSON value, nested at most `depth` levels.
pub fn value(rng: &mut XorShift, depth: usize) -> Value {
    let kinds = if depth == 0 { 4 } else { 6 };
    match rng.below(kinds) {
        0 => Value::Null,
        1 => Value::Bool(rng.one_in(2)),
        2 => number(rng),
        3 => Value::String(word(rng)),
        4 => Value::Array((0..rng.below(4)).map(|_| value(rng, depth - 1)).collect()),
        _ => {
            let mut map = Map::new();
            for _ in 0..rng.below(5) {
                let key = if rng.one_in(2) {
                    rng.pick(KEYS).copied().unwrap_or_default().to_owned()
                } else {
                    word(rng)
                };
                map.insert(key, value(rng, depth - 1));
            }
            Value::Object(map)
        }
    }
}

/// Value shape types a tame document uses.
const VALUE_TYPES: &[&str] = &[
    "blob",
    "boolean",
    "string",
    "integer",
    "long",
    "double",
    "timestamp",
    "document",
    "enum",
    "intEnum",
    "list",
    "map",
    "structure",
    "structure",
    "union",
];

/// Prelude shapes a tame member may target.
const PRELUDE: &[&str] = &[
    "smithy.api#String",
    "smithy.api#Integer",
    "smithy.api#Timestamp",
    "smithy.api#Blob",
    "smithy.api#Document",
    "smithy.api#Boolean",
    "smithy.api#Double",
];

/// Well-formed traits, each plausible on some shape or member.
fn tame_trait(rng: &mut XorShift) -> (String, Value) {
    let (id, value) = match rng.below(12) {
        0 => ("smithy.api#required", json!({})),
        1 => ("smithy.api#sparse", json!({})),
        2 => (
            "smithy.api#documentation",
            json!("<p>Some <code>docs</code>.</p>"),
        ),
        3 => ("smithy.api#deprecated", json!({"message": "old"})),
        4 => ("smithy.api#length", json!({"min": 1, "max": 9})),
        5 => ("smithy.api#range", json!({"max": 5})),
        6 => ("smithy.api#default", random_default(rng)),
        7 => ("smithy.api#timestampFormat", json!("date-time")),
        8 => ("smithy.api#sensitive", json!({})),
        9 => ("smithy.api#pattern", json!("^[a-z]+$")),
        10 => ("smithy.api#clientOptional", json!({})),
        _ => ("smithy.api#uniqueItems", json!({})),
    };
    (id.to_owned(), value)
}

fn random_default(rng: &mut XorShift) -> Value {
    match rng.below(6) {
        0 => json!(0),
        1 => json!(""),
        2 => json!([]),
        3 => json!({}),
        4 => json!(true),
        _ => json!(null),
    }
}

/// How far a random document strays from a valid model.
#[derive(Clone, Copy, PartialEq)]
enum Chaos {
    /// Valid types and targets, well-formed traits: reaches lowering and emission.
    Tame,
    /// Anything goes.
    Wild,
}

/// A shape ID among the document's own, the prelude's, or (when wild) a broken one.
fn target(rng: &mut XorShift, ids: &[String], chaos: Chaos) -> Value {
    if chaos == Chaos::Tame {
        return if rng.one_in(3) {
            json!(rng.pick(PRELUDE).copied().unwrap_or("smithy.api#String"))
        } else {
            json!(rng.pick(ids).cloned().unwrap_or_default())
        };
    }
    match rng.below(10) {
        0 => json!("smithy.api#Unit"),
        1 => json!("smithy.api#String"),
        2 => json!("nope#Missing"),
        3 => json!("not an id"),
        _ => json!(rng.pick(ids).cloned().unwrap_or_default()),
    }
}

fn traits(rng: &mut XorShift, chaos: Chaos) -> Value {
    let mut map = Map::new();
    for _ in 0..rng.below(3) {
        if chaos == Chaos::Tame {
            let (id, value) = tame_trait(rng);
            map.insert(id, value);
        } else {
            let id = rng.pick(TRAITS).copied().unwrap_or_default().to_owned();
            map.insert(id, value(rng, 2));
        }
    }
    Value::Object(map)
}

fn member(rng: &mut XorShift, ids: &[String], chaos: Chaos) -> Value {
    json!({"target": target(rng, ids, chaos), "traits": traits(rng, chaos)})
}

fn enum_member(rng: &mut XorShift, kind: &str, index: usize) -> Value {
    let value = if kind == "intEnum" {
        json!(index)
    } else {
        json!(format!("v{index}"))
    };
    if rng.one_in(4) {
        json!({"target": "smithy.api#Unit"})
    } else {
        json!({"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": value}})
    }
}

fn shape(rng: &mut XorShift, ids: &[String], kind: &str, chaos: Chaos) -> Value {
    let mut shape = Map::new();
    shape.insert("type".into(), json!(kind));
    match kind {
        "enum" | "intEnum" if chaos == Chaos::Tame => {
            let members: Map<String, Value> = (0..1 + rng.below(3))
                .map(|i| (format!("M{i}"), enum_member(rng, kind, i)))
                .collect();
            shape.insert("members".into(), Value::Object(members));
        }
        "structure" | "union" | "enum" | "intEnum" => {
            let mut members = Map::new();
            let least = usize::from(kind == "union" && chaos == Chaos::Tame);
            for i in 0..least + rng.below(4) {
                let name = if chaos == Chaos::Wild && rng.one_in(6) {
                    word(rng)
                } else {
                    format!("m{i}")
                };
                members.insert(name, member(rng, ids, chaos));
            }
            shape.insert("members".into(), Value::Object(members));
        }
        "list" | "set" => {
            shape.insert("member".into(), member(rng, ids, chaos));
        }
        "map" => {
            let key = if chaos == Chaos::Tame {
                json!({"target": "smithy.api#String"})
            } else {
                member(rng, ids, chaos)
            };
            shape.insert("key".into(), key);
            shape.insert("value".into(), member(rng, ids, chaos));
        }
        "operation" => {
            shape.insert("input".into(), json!({"target": target(rng, ids, chaos)}));
            shape.insert("output".into(), json!({"target": target(rng, ids, chaos)}));
            shape.insert(
                "errors".into(),
                json!([{"target": target(rng, ids, chaos)}]),
            );
        }
        "service" => {
            let operations: Vec<Value> = (0..rng.below(3))
                .map(|_| json!({"target": target(rng, ids, chaos)}))
                .collect();
            shape.insert("version".into(), json!("1"));
            shape.insert("operations".into(), Value::Array(operations));
        }
        _ => {}
    }
    if chaos == Chaos::Wild && rng.one_in(6) {
        shape.insert(
            "mixins".into(),
            json!([{"target": target(rng, ids, chaos)}]),
        );
    }
    shape.insert("traits".into(), traits(rng, chaos));
    Value::Object(shape)
}

/// A document with a service, an operation and random shapes that refer to
/// each other. Half are tame (valid types, targets and trait values, so
/// lowering and the emitters run); half are wild.
pub fn smithy_document(rng: &mut XorShift) -> Value {
    let chaos = if rng.one_in(2) {
        Chaos::Tame
    } else {
        Chaos::Wild
    };
    let count = 2 + rng.below(8);
    let ids: Vec<String> = (0..count).map(|i| format!("ex#S{i}")).collect();
    let mut shapes = Map::new();
    shapes.insert(
        "ex#Svc".into(),
        json!({
            "type": "service",
            "version": "1",
            "operations": [{"target": "ex#Op"}],
            "traits": {"aws.protocols#awsJson1_1": {}}
        }),
    );
    // A tame operation takes `S0` (always a structure) and returns nothing.
    let operation = match chaos {
        Chaos::Tame => json!({"type": "operation", "input": {"target": "ex#S0"}}),
        Chaos::Wild => json!({
            "type": "operation",
            "input": {"target": target(rng, &ids, chaos)},
            "output": {"target": target(rng, &ids, chaos)},
            "errors": [{"target": target(rng, &ids, chaos)}]
        }),
    };
    shapes.insert("ex#Op".into(), operation);
    for (index, id) in ids.iter().enumerate() {
        let kind = match chaos {
            Chaos::Tame if index == 0 => "structure",
            Chaos::Tame => rng.pick(VALUE_TYPES).copied().unwrap_or("string"),
            Chaos::Wild => rng.pick(TYPES).copied().unwrap_or("structure"),
        };
        shapes.insert(id.clone(), shape(rng, &ids, kind, chaos));
    }
    json!({"smithy": "2.0", "shapes": shapes})
}
