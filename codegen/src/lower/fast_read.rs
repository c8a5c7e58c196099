//! Marks the structures that get a direct JSON reader
//! (`awsjson_types::json::fast`): those whose members are all optional
//! strings, string enums, booleans, 32- or 64-bit integers, dense lists of
//! those, or structures that qualify themselves. Everything else is read by serde alone, so the
//! reader stays small and each kind it handles is one the tests compare
//! against serde_json.

use std::collections::BTreeSet;

use crate::ir::{CrateIr, FieldDef, Presence, RustType, StructRole, TypeDef};

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

/// Optional, read by serde's own impl (no codec), not boxed, and of a kind
/// the direct reader handles.
fn qualifies(field: &FieldDef, enums: &BTreeSet<String>, qualified: &BTreeSet<String>) -> bool {
    let plain = field.presence == Presence::Optional
        && field.codec.is_none()
        && !field.boxed
        && !field.zero_on_missing;
    plain && readable(&field.ty, enums, qualified)
}

fn readable(ty: &RustType, enums: &BTreeSet<String>, qualified: &BTreeSet<String>) -> bool {
    match ty {
        RustType::String | RustType::Bool | RustType::I32 | RustType::I64 => true,
        RustType::Named(name) => enums.contains(name) || qualified.contains(name),
        // Dense lists only: serde refuses a null element there, and so does
        // the direct reader (a sparse list keeps nulls).
        RustType::List {
            item,
            sparse: false,
        } => readable(item, enums, qualified),
        _ => false,
    }
}
