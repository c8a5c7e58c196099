//! Marks the structures that get a direct JSON reader
//! (`awsjson_types::json::fast`): those whose members are all strings,
//! string enums, booleans, 32- or 64-bit integers, epoch-seconds
//! timestamps, blobs, dense lists and dense string-keyed maps of those, or
//! structures that qualify themselves; optional, or required (error-corrected
//! to the zero value, or a structure, which the reader leaves to serde when
//! missing). Everything else is read by serde alone, so the reader stays
//! small and each kind it handles is one the tests compare against
//! serde_json.

use std::collections::BTreeSet;

use crate::ir::{Codec, CrateIr, FieldDef, Presence, RustType, StructRole, TypeDef};
use crate::lower::types::is_plain;

pub(super) fn mark_fast_read(ir: &mut CrateIr) {
    let enums: BTreeSet<String> = ir
        .types
        .iter()
        .filter_map(|t| match t {
            TypeDef::Enum(e) => Some(e.rust_name.clone()),
            _ => None,
        })
        .collect();
    // Start from every structure a response can hold and drop those with a
    // member that does not qualify, until nothing changes (a structure
    // qualifies only once its nested structures do).
    let mut qualified: BTreeSet<String> = ir
        .types
        .iter()
        .filter_map(|t| match t {
            TypeDef::Struct(s) if matches!(s.role, StructRole::Plain | StructRole::Output) => {
                Some(s.rust_name.clone())
            }
            _ => None,
        })
        .collect();
    loop {
        let still: BTreeSet<String> = ir
            .types
            .iter()
            .filter_map(|t| match t {
                TypeDef::Struct(s)
                    if qualified.contains(&s.rust_name)
                        && s.fields.iter().all(|f| qualifies(f, &enums, &qualified)) =>
                {
                    Some(s.rust_name.clone())
                }
                _ => None,
            })
            .collect();
        if still.len() == qualified.len() {
            break;
        }
        qualified = still;
    }
    for t in &mut ir.types {
        if let TypeDef::Struct(s) = t {
            s.fast_read = qualified.contains(&s.rust_name);
        }
    }
    for op in &mut ir.operations {
        op.output.fast_read = qualified.contains(&op.output.rust_name);
    }
}

/// Optional or required (not defaulted), read by serde's own impls (no
/// codec but the one that error-corrects a required member), not boxed, and
/// of a kind the direct reader handles.
fn qualifies(field: &FieldDef, enums: &BTreeSet<String>, qualified: &BTreeSet<String>) -> bool {
    // `@default` members read null as their default: not handled.
    let presence = matches!(field.presence, Presence::Optional | Presence::Required);
    let codec = match (&field.codec, field.zero_on_missing) {
        (None, false) => true,
        // `OrZero` only adds "missing or null is the zero value", which the
        // generated reader does itself; what it wraps must be serde's own
        // impls (so no `@timestampFormat`, whose codec is not plain).
        (Some(Codec::OrZero(inner)), true) => is_plain(inner),
        _ => false,
    };
    presence && codec && !field.boxed && readable(&field.ty, enums, qualified)
}

fn readable(ty: &RustType, enums: &BTreeSet<String>, qualified: &BTreeSet<String>) -> bool {
    match ty {
        RustType::String
        | RustType::Bool
        | RustType::I32
        | RustType::I64
        | RustType::DateTime
        | RustType::Blob => true,
        RustType::Named(name) => enums.contains(name) || qualified.contains(name),
        // Dense lists and maps only: serde refuses a null element or value
        // there, and so does the direct reader (sparse ones keep nulls).
        RustType::List {
            item,
            sparse: false,
        } => readable(item, enums, qualified),
        RustType::Map {
            value,
            sparse: false,
        } => readable(value, enums, qualified),
        _ => false,
    }
}
