//! Marks the structures that get a direct JSON reader
//! (`awsgen_types::json::fast`): those whose members are all strings,
//! string enums, booleans, 32- or 64-bit integers, floats, epoch-seconds
//! timestamps, blobs, dense lists and dense string-keyed maps of those, or
//! structures that qualify themselves; optional, required (error-corrected
//! to the zero value, or a structure, which the reader leaves to serde when
//! missing), or `@default` (missing or null: the default serde's generated
//! functions give). Everything else is read by serde alone, so the reader stays
//! small and each kind it handles is one the tests compare against
//! serde_json.

use std::collections::BTreeSet;

use crate::ir::{Codec, CrateIr, DefaultValue, FieldDef, Presence, RustType, StructRole, TypeDef};
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

/// Read by serde's own impls or the `Float` codec (no codec but those and
/// the ones that only say what a missing or null member is), not boxed, and
/// of a kind the direct reader handles.
fn qualifies(field: &FieldDef, enums: &BTreeSet<String>, qualified: &BTreeSet<String>) -> bool {
    let codec = match (&field.presence, &field.codec) {
        // Optional, or a required structure (which the reader gives up on
        // when missing or null, as serde's derive refuses it).
        (Presence::Optional, None) => true,
        (Presence::Required, None) => !field.zero_on_missing,
        // `Option<codec>`: null is `None` on both paths, and the value is
        // read as the codec reads it.
        (Presence::Optional, Some(Codec::Option(inner))) => reads_directly(inner),
        // Required without error correction: the reader gives up when it is
        // missing or null, and serde refuses that.
        (Presence::Required, Some(codec)) if !field.zero_on_missing => reads_directly(codec),
        // `OrZero` only adds "missing or null is the zero value", which the
        // generated reader does itself; what it wraps must read directly
        // (so no `@timestampFormat`). An empty `@default` is lowered to the
        // same codec.
        (
            Presence::Required | Presence::Defaulted(DefaultValue::Empty),
            Some(Codec::OrZero(inner)),
        ) => reads_directly(inner),
        // Any other `@default`: the generated `deserialize_x` reads
        // `Option<codec>` and calls `default_x` for null, as the field's
        // `default` does when missing; the reader calls the same `default_x`,
        // and the codec must again read directly. (intEnums are not a
        // readable kind, so their defaults stay with serde.)
        (Presence::Defaulted(_), Some(codec)) => reads_directly(codec),
        _ => false,
    };
    codec && !field.boxed && readable(&field.ty, enums, qualified)
}

/// Whether the value under `codec` is read the way the direct reader's
/// `FastRead` impls read it: serde's own impls ([`is_plain`]), or the
/// `Float` codec, which the reader's `f32`/`f64` impls run on the token
/// itself. A float is only ever lowered with `Float`, so the reader's float
/// impls never stand in for serde's plain ones.
fn reads_directly(codec: &Codec) -> bool {
    match codec {
        Codec::Float => true,
        Codec::Option(inner) | Codec::Vec(inner) | Codec::Map(inner) => reads_directly(inner),
        other => is_plain(other),
    }
}

fn readable(ty: &RustType, enums: &BTreeSet<String>, qualified: &BTreeSet<String>) -> bool {
    match ty {
        RustType::String
        | RustType::Bool
        | RustType::I32
        | RustType::I64
        | RustType::F32
        | RustType::F64
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
