//! Every member of a structure or union has its own JSON key. restJson1's
//! `@jsonName` can give two members the same one (or one member another's
//! name), which Smithy forbids: the generated serde impls would then write
//! the key twice and read it into one field only. Checked on the lowered
//! types, whose wire names are what gets emitted, across all members (a
//! label or header member's key is in the type's JSON form too, which
//! waiters and `Deserialize` of inputs read).

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::ir::{StructDef, TypeDef};
use crate::lower::Lowerer;
use crate::shape_id::ShapeId;

impl Lowerer<'_> {
    /// Reports each member whose JSON key an earlier member of the same
    /// structure or union already has, naming both.
    pub(super) fn check_json_keys(&mut self, types: &[TypeDef], errors: &[StructDef]) {
        let mut found = Vec::new();
        let structs = types
            .iter()
            .filter_map(|t| match t {
                TypeDef::Struct(s) => Some(s),
                _ => None,
            })
            .chain(errors);
        for def in structs {
            let members = def
                .fields
                .iter()
                .map(|f| (f.member_id.clone(), f.wire_name.as_str()));
            found.extend(collisions(members));
        }
        for t in types {
            if let TypeDef::Union(def) = t {
                let members = def.variants.iter().map(|v| {
                    (
                        format!("{}${}", def.shape_id, v.member_name),
                        v.wire_name.as_str(),
                    )
                });
                found.extend(collisions(members));
            }
        }
        self.diagnostics.extend(found);
    }
}

/// An error for each member whose key an earlier one took.
fn collisions<'a>(members: impl Iterator<Item = (String, &'a str)>) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<&str, String> = BTreeMap::new();
    let mut found = Vec::new();
    for (member, key) in members {
        match seen.get(key) {
            Some(first) => {
                let message = format!(
                    "its JSON key `{key}` is also the key of `{first}` (with @jsonName, \
                     every member of a structure or union needs a key of its own)"
                );
                found.push(match member.parse::<ShapeId>() {
                    Ok(id) => Diagnostic::error(&id, message),
                    Err(_) => Diagnostic::error_at(member, message),
                });
            }
            None => {
                seen.insert(key, member);
            }
        }
    }
    found
}
