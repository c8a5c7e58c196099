//! Lookups over the generated crate's IR: named types by Rust name, structures
//! by shape ID, operations by shape name.

use std::collections::BTreeMap;

use awsgen_codegen::ir::{CrateIr, EnumDef, IntEnumDef, OperationIr, StructDef, TypeDef, UnionDef};

/// A named type of the generated crate.
#[derive(Clone, Copy)]
pub enum Named<'a> {
    Struct(&'a StructDef),
    Enum(&'a EnumDef),
    IntEnum(&'a IntEnumDef),
    Union(&'a UnionDef),
}

/// Every type of one generated crate, found by Rust name or shape ID.
pub struct Index<'a> {
    pub ir: &'a CrateIr,
    by_rust_name: BTreeMap<&'a str, Named<'a>>,
    structs_by_shape: BTreeMap<&'a str, &'a StructDef>,
}

impl<'a> Index<'a> {
    pub fn new(ir: &'a CrateIr) -> Self {
        let structs = ir
            .operations
            .iter()
            .flat_map(|op| [&op.input, &op.output])
            .chain(&ir.errors)
            .chain(ir.types.iter().filter_map(|ty| match ty {
                TypeDef::Struct(def) => Some(def),
                _ => None,
            }));
        let mut by_rust_name = BTreeMap::new();
        let mut structs_by_shape = BTreeMap::new();
        for def in structs {
            by_rust_name.insert(def.rust_name.as_str(), Named::Struct(def));
            if let Some(shape_id) = def.origin.shape_id() {
                structs_by_shape.insert(shape_id, def);
            }
        }
        for ty in &ir.types {
            let named = match ty {
                TypeDef::Struct(_) => continue,
                TypeDef::Enum(def) => (def.rust_name.as_str(), Named::Enum(def)),
                TypeDef::IntEnum(def) => (def.rust_name.as_str(), Named::IntEnum(def)),
                TypeDef::Union(def) => (def.rust_name.as_str(), Named::Union(def)),
            };
            by_rust_name.insert(named.0, named.1);
        }
        Index {
            ir,
            by_rust_name,
            structs_by_shape,
        }
    }

    /// The type a `RustType::Named` refers to.
    pub fn named(&self, rust_name: &str) -> Option<Named<'a>> {
        self.by_rust_name.get(rust_name).copied()
    }

    /// The structure generated for a shape ID.
    pub fn struct_by_shape(&self, shape_id: &str) -> Option<&'a StructDef> {
        self.structs_by_shape.get(shape_id).copied()
    }

    /// The operation with this shape name.
    pub fn operation(&self, name: &str) -> Option<&'a OperationIr> {
        self.ir.operations.iter().find(|op| op.name == name)
    }

    /// Every named type once, in Rust-name order.
    pub fn all(&self) -> impl Iterator<Item = Named<'a>> + '_ {
        self.by_rust_name.values().copied()
    }
}
