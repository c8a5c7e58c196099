//! Trait values the generator reads, checked where they sit: a value of the
//! wrong kind, a constraint no value can meet (a `@length` or `@range`
//! whose min exceeds its max), an empty enum value, or a trait on a shape it
//! does not apply to is an error naming the shape or member carrying it,
//! rather than a trait that lowering would skip without a word.
//! (`@default` values are checked against the member's type in
//! `lower/defaults.rs`, which knows the Rust type.)

use std::collections::BTreeSet;

use crate::diagnostic::Diagnostic;
use crate::model::traits::{ids, LegacyEnumEntry, LengthTrait, RangeTrait, TimestampFormatTrait};
use crate::model::{Model, Shape, ShapeKind, SimpleType, Traits};
use crate::shape_id::ShapeId;

/// The traits of `shape` and of its members.
pub(super) fn check_trait_values(model: &Model, shape: &Shape, out: &mut Vec<Diagnostic>) {
    check_traits(
        &shape.id,
        &shape.traits,
        Some(&shape.kind),
        Carrier::Shape,
        out,
    );
    check_legacy_enum(shape, out);
    match &shape.kind {
        ShapeKind::Enum(members) => {
            for member in members {
                check_strings(&member.id, &member.traits, out);
                if member.traits.get(ids::ENUM_VALUE).and_then(|v| v.as_str()) == Some("") {
                    out.push(Diagnostic::error(
                        &member.id,
                        "an enum value cannot be empty (Smithy requires a non-empty string)",
                    ));
                }
            }
        }
        ShapeKind::IntEnum(members) => {
            for member in members {
                check_strings(&member.id, &member.traits, out);
            }
        }
        _ => {}
    }
    let members: &[crate::model::Member] = match &shape.kind {
        ShapeKind::Structure(members) | ShapeKind::Union(members) => members,
        ShapeKind::List(member) => std::slice::from_ref(member),
        ShapeKind::Map(members) => members,
        _ => &[],
    };
    for member in members {
        let target = model.get(&member.target).map(|t| &t.kind);
        check_traits(&member.id, &member.traits, target, Carrier::Member, out);
    }
}

/// Whether the traits sit on a shape or on a member (whose kind is its target's).
#[derive(Clone, Copy)]
enum Carrier {
    Shape,
    Member,
}

fn check_traits(
    id: &ShapeId,
    traits: &Traits,
    kind: Option<&ShapeKind>,
    carrier: Carrier,
    out: &mut Vec<Diagnostic>,
) {
    check_strings(id, traits, out);
    let mut report = |message: String| out.push(Diagnostic::error(id, message));
    match traits.decode::<LengthTrait>(ids::LENGTH) {
        Err(message) => report(message),
        Ok(Some(LengthTrait {
            min: Some(min),
            max: Some(max),
        })) if min > max => report(format!(
            "@length min {min} exceeds its max {max}: no value can meet it"
        )),
        Ok(_) => {}
    }
    match traits.decode::<RangeTrait>(ids::RANGE) {
        Err(message) => report(message),
        Ok(Some(RangeTrait {
            min: Some(min),
            max: Some(max),
        })) if min > max => report(format!(
            "@range min {min} exceeds its max {max}: no value can meet it"
        )),
        Ok(_) => {}
    }
    if let Err(message) = traits.decode::<TimestampFormatTrait>(ids::TIMESTAMP_FORMAT) {
        report(message);
    }
    // A target that does not exist is reported elsewhere.
    let Some(kind) = kind else {
        return;
    };
    for Applies {
        trait_id,
        what,
        fits,
    } in APPLIES
    {
        if traits.has(trait_id) && !fits(kind) {
            let name = trait_id.trim_start_matches("smithy.api#");
            let kind = with_article(kind.type_name());
            let on = match carrier {
                Carrier::Shape => kind,
                Carrier::Member => format!("a member targeting {kind}"),
            };
            report(format!("@{name} applies to {what}, not to {on}"));
        }
    }
}

/// The shapes a trait applies to (Smithy's selectors, as far as the
/// generator reads the trait): the shape's own kind, or a member's target's.
struct Applies {
    trait_id: &'static str,
    what: &'static str,
    fits: fn(&ShapeKind) -> bool,
}

const APPLIES: [Applies; 6] = [
    Applies {
        trait_id: ids::LENGTH,
        what: "strings, blobs, lists and maps",
        fits: |k| {
            is_string(k)
                || matches!(
                    k,
                    ShapeKind::Simple(SimpleType::Blob) | ShapeKind::List(_) | ShapeKind::Map(_)
                )
        },
    },
    Applies {
        trait_id: ids::RANGE,
        what: "numbers",
        fits: is_number,
    },
    Applies {
        trait_id: ids::PATTERN,
        what: "strings",
        fits: is_string,
    },
    Applies {
        trait_id: ids::UNIQUE_ITEMS,
        what: "lists",
        fits: |k| matches!(k, ShapeKind::List(_)),
    },
    Applies {
        trait_id: ids::TIMESTAMP_FORMAT,
        what: "timestamps",
        fits: |k| matches!(k, ShapeKind::Simple(SimpleType::Timestamp)),
    },
    Applies {
        trait_id: ids::SPARSE,
        what: "lists and maps",
        fits: |k| matches!(k, ShapeKind::List(_) | ShapeKind::Map(_)),
    },
];

/// The text traits of the service and of an operation (which are not in
/// the closure of member targets).
pub(super) fn check_text_traits(shape: &Shape, out: &mut Vec<Diagnostic>) {
    check_strings(&shape.id, &shape.traits, out);
}

/// Traits whose value is text, which lowering reads with `as_str()`: any
/// other value would be skipped as if the trait were absent.
const TEXT_TRAITS: [&str; 8] = [
    ids::DOCUMENTATION,
    ids::TITLE,
    ids::JSON_NAME,
    ids::PATTERN,
    ids::MEDIA_TYPE,
    ids::HTTP_HEADER,
    ids::HTTP_QUERY,
    ids::HTTP_PREFIX_HEADERS,
];

/// A text trait with another value is a malformed model.
fn check_strings(id: &ShapeId, traits: &Traits, out: &mut Vec<Diagnostic>) {
    for trait_id in TEXT_TRAITS {
        if let Some(value) = traits.get(trait_id).filter(|v| !v.is_string()) {
            out.push(Diagnostic::error(
                id,
                format!("trait `{trait_id}` has an invalid value {value}: it must be a string"),
            ));
        }
    }
}

/// Smithy 1.0's `@enum` on a string: its values must be non-empty and unique.
fn check_legacy_enum(shape: &Shape, out: &mut Vec<Diagnostic>) {
    let entries = match shape.traits.decode::<Vec<LegacyEnumEntry>>(ids::ENUM) {
        Ok(entries) => entries.unwrap_or_default(),
        Err(message) => {
            out.push(Diagnostic::error(&shape.id, message));
            return;
        }
    };
    let mut seen = BTreeSet::new();
    for entry in &entries {
        if entry.value.is_empty() {
            out.push(Diagnostic::error(
                &shape.id,
                "an enum value cannot be empty (Smithy requires a non-empty string)",
            ));
        } else if !seen.insert(entry.value.as_str()) {
            out.push(Diagnostic::error(
                &shape.id,
                format!("the enum value `{}` appears twice", entry.value),
            ));
        }
    }
}

/// `an integer`, `a string`.
fn with_article(type_name: &str) -> String {
    let article = if type_name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {type_name}")
}

fn is_string(kind: &ShapeKind) -> bool {
    matches!(
        kind,
        ShapeKind::Simple(SimpleType::String) | ShapeKind::Enum(_)
    )
}

fn is_number(kind: &ShapeKind) -> bool {
    matches!(
        kind,
        ShapeKind::Simple(
            SimpleType::Byte
                | SimpleType::Short
                | SimpleType::Integer
                | SimpleType::Long
                | SimpleType::Float
                | SimpleType::Double
                | SimpleType::BigInteger
                | SimpleType::BigDecimal
        ) | ShapeKind::IntEnum(_)
    )
}
