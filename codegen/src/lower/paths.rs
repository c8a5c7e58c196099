//! Member paths through nested structures (`a.b.c`), as `@paginated` uses
//! them, resolved against the lowered structs (waiter and endpoint JMESPath
//! goes through `json_scope.rs`).

use std::collections::BTreeMap;

use crate::ir::{FieldDef, PathStep, Presence, RustType, StructDef, TypeDef};

/// Lowered structures by Rust name, for following `RustType::Named`.
pub(super) struct StructIndex<'a> {
    by_name: BTreeMap<&'a str, &'a StructDef>,
}

impl<'a> StructIndex<'a> {
    pub(super) fn new(types: &'a [TypeDef]) -> Self {
        let by_name = types
            .iter()
            .filter_map(|t| match t {
                TypeDef::Struct(s) => Some((s.rust_name.as_str(), s)),
                _ => None,
            })
            .collect();
        StructIndex { by_name }
    }

    /// Follows `path` (member names separated by dots) from `root`. Returns
    /// the steps and the last field, or a message saying which segment fails.
    pub(super) fn resolve(
        &self,
        root: &'a StructDef,
        path: &str,
    ) -> Result<(Vec<PathStep>, &'a FieldDef), String> {
        let mut current = root;
        let mut steps = Vec::new();
        let segments: Vec<&str> = path.split('.').collect();
        for (i, segment) in segments.iter().enumerate() {
            let Some(field) = current.fields.iter().find(|f| f.member_name() == *segment) else {
                return Err(format!(
                    "`{segment}` (in `{path}`) is not a member of {}",
                    current.origin
                ));
            };
            steps.push(PathStep {
                field: field.rust_name.clone(),
                optional: field.presence == Presence::Optional,
                boxed: field.boxed,
            });
            if i + 1 == segments.len() {
                return Ok((steps, field));
            }
            current = match &field.ty {
                RustType::Named(name) => match self.by_name.get(name.as_str()) {
                    Some(next) => next,
                    None => {
                        return Err(format!(
                            "`{segment}` (in `{path}`) is not a structure, so it has no members"
                        ))
                    }
                },
                _ => {
                    return Err(format!(
                        "`{segment}` (in `{path}`) is not a structure, so it has no members"
                    ))
                }
            };
        }
        Err(format!("the path `{path}` is empty"))
    }
}
