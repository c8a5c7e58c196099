//! The JSON form of the lowered types, for the JMESPath a model writes over
//! an operation's input or output (waiter acceptors, `operationContextParams`).
//! Those paths name members; the JSON they are evaluated over at run time
//! (the value serialized by the generated serde impls) keys each field by its
//! wire name, which restJson1's `@jsonName` can make differ. `JsonScope`
//! tells `awsgen_types`' `Expression::rename_fields` which key each member
//! has where the expression reads it, and refuses a name that is not a
//! member, so a path that could never match fails at generation time.

use std::collections::BTreeMap;

use awsgen_types::waiter::jmespath::FieldScope;

use crate::ir::{RustType, StructDef, TypeDef, UnionDef};

/// The lowered structures and unions by Rust name, and the path being
/// checked (for messages).
#[derive(Clone, Copy)]
pub(super) struct JsonTypes<'a> {
    structs: &'a BTreeMap<&'a str, &'a StructDef>,
    unions: &'a BTreeMap<&'a str, &'a UnionDef>,
    path: &'a str,
}

/// The structures and unions of `types`, by Rust name.
pub(super) struct TypeIndex<'a> {
    structs: BTreeMap<&'a str, &'a StructDef>,
    unions: BTreeMap<&'a str, &'a UnionDef>,
}

impl<'a> TypeIndex<'a> {
    pub(super) fn new(types: &'a [TypeDef]) -> Self {
        let mut structs = BTreeMap::new();
        let mut unions = BTreeMap::new();
        for t in types {
            match t {
                TypeDef::Struct(s) => {
                    structs.insert(s.rust_name.as_str(), s);
                }
                TypeDef::Union(u) => {
                    unions.insert(u.rust_name.as_str(), u);
                }
                TypeDef::Enum(_) | TypeDef::IntEnum(_) => {}
            }
        }
        TypeIndex { structs, unions }
    }

    /// The lookups for checking `path`.
    pub(super) fn for_path<'s>(&'s self, path: &'s str) -> JsonTypes<'s> {
        JsonTypes {
            structs: &self.structs,
            unions: &self.unions,
            path,
        }
    }
}

/// Where an expression is, in the JSON of an input or output.
#[derive(Clone)]
pub(super) enum JsonScope<'a> {
    /// `{"input": ..., "output": ...}`, what an `inputOutput` matcher reads.
    Roots(JsonTypes<'a>, [(&'a str, &'a StructDef); 2]),
    /// A structure: its members by their wire names.
    Struct(JsonTypes<'a>, &'a StructDef),
    /// A value of a field's type.
    Value(JsonTypes<'a>, &'a RustType),
    /// A list made by a projection, of elements of this scope.
    ListOf(Box<JsonScope<'a>>),
    /// A scalar, a document, or what a function or comparison gives: any
    /// name is read as written.
    Opaque,
}

impl<'a> JsonScope<'a> {
    /// The scope of a value of type `ty`.
    fn of(types: JsonTypes<'a>, ty: &'a RustType) -> Self {
        match ty {
            RustType::Named(name) => match types.structs.get(name.as_str()) {
                Some(def) => JsonScope::Struct(types, def),
                None => JsonScope::Value(types, ty),
            },
            _ => JsonScope::Value(types, ty),
        }
    }
}

impl FieldScope for JsonScope<'_> {
    fn field(&self, name: &str) -> Result<(String, Self), String> {
        match self {
            JsonScope::Roots(types, roots) => match roots.iter().find(|(root, _)| *root == name) {
                Some((_, def)) => Ok((name.to_owned(), JsonScope::Struct(*types, def))),
                None => Err(format!(
                    "the path `{}` must start with `input` or `output`",
                    types.path
                )),
            },
            JsonScope::Struct(types, def) => {
                match def.fields.iter().find(|f| f.member_name() == name) {
                    Some(field) => Ok((field.wire_name.clone(), JsonScope::of(*types, &field.ty))),
                    None => Err(format!(
                        "`{name}` (in `{}`) is not a member of {}",
                        types.path, def.origin
                    )),
                }
            }
            JsonScope::Value(types, RustType::Named(union)) => {
                let Some(def) = types.unions.get(union.as_str()) else {
                    return Ok((name.to_owned(), JsonScope::Opaque));
                };
                match def.variants.iter().find(|v| v.member_name == name) {
                    Some(variant) => Ok((
                        variant.wire_name.clone(),
                        variant
                            .ty
                            .as_ref()
                            .map_or(JsonScope::Opaque, |ty| JsonScope::of(*types, ty)),
                    )),
                    None => Err(format!(
                        "`{name}` (in `{}`) is not a member of `{}`",
                        types.path, def.shape_id
                    )),
                }
            }
            // A map's keys are data.
            JsonScope::Value(types, RustType::Map { value, .. }) => {
                Ok((name.to_owned(), JsonScope::of(*types, value)))
            }
            JsonScope::Value(..) | JsonScope::ListOf(_) | JsonScope::Opaque => {
                Ok((name.to_owned(), JsonScope::Opaque))
            }
        }
    }

    fn element(&self) -> Self {
        match self {
            JsonScope::Value(types, RustType::List { item: inner, .. })
            | JsonScope::Value(types, RustType::Map { value: inner, .. }) => {
                JsonScope::of(*types, inner)
            }
            JsonScope::ListOf(element) => (**element).clone(),
            _ => JsonScope::Opaque,
        }
    }

    fn is_list(&self) -> bool {
        matches!(
            self,
            JsonScope::Value(_, RustType::List { .. }) | JsonScope::ListOf(_)
        )
    }

    fn list_of(element: Self) -> Self {
        JsonScope::ListOf(Box::new(element))
    }

    fn unknown() -> Self {
        JsonScope::Opaque
    }
}
