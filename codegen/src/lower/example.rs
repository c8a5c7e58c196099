//! Doc examples, decided over the finished IR: how to build each request
//! type (its constructor's arguments, one optional member), and which
//! operation and error the client's example sends and matches. Emitters
//! print them (`emit/example.rs`); every one compiles as a doctest.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToKebabCase;

use crate::ir::{
    ClientExample, CrateIr, ExampleValue, ExamplesIr, FieldDef, Presence, RequestExample, RustType,
    StructDef, TypeDef,
};

/// Nesting beyond this gives up on an example (a chain of required
/// structure members that long is unreadable anyway).
const MAX_DEPTH: usize = 6;

/// The examples of `ir`, for doctests that name the crate `crate_name`.
pub(crate) fn examples(ir: &CrateIr, crate_name: &str) -> ExamplesIr {
    let types: BTreeMap<&str, &TypeDef> = ir.types.iter().map(|t| (t.rust_name(), t)).collect();
    let mut requests = BTreeMap::new();
    for op in &ir.operations {
        if let Some(example) = request(&types, &op.input) {
            requests.insert(op.input.rust_name.clone(), example);
        }
    }
    // An operation with a modeled error shows the `match`; any other one
    // that has a request example will do.
    let with_example = |i: &usize| requests.contains_key(&ir.operations[*i].input.rust_name);
    let client = (0..ir.operations.len())
        .filter(with_example)
        .find(|i| !ir.operations[*i].error.variants.is_empty())
        .or_else(|| (0..ir.operations.len()).find(with_example))
        .map(|operation| ClientExample {
            operation,
            variant: (!ir.operations[operation].error.variants.is_empty()).then_some(0),
        });
    ExamplesIr {
        crate_name: crate_name.replace('-', "_"),
        requests,
        client,
    }
}

fn request(types: &BTreeMap<&str, &TypeDef>, input: &StructDef) -> Option<RequestExample> {
    let mut uses = BTreeSet::from([input.rust_name.clone()]);
    let mut args = Vec::new();
    for field in input.required_fields() {
        args.push(value(
            types,
            field_text(field),
            &field.ty,
            true,
            0,
            &mut uses,
        )?);
    }
    // The first optional member whose value can be written shows a setter.
    let setter = input
        .fields
        .iter()
        .filter(|f| f.presence == Presence::Optional && f.deprecated.is_none())
        .find_map(|field| {
            let name = field.setter.clone()?;
            let mut more = uses.clone();
            let value = value(types, field_text(field), &field.ty, true, 0, &mut more)?;
            uses = more;
            Some((name, value))
        });
    Some(RequestExample {
        type_name: input.rust_name.clone(),
        args,
        setter,
        uses: uses.into_iter().collect(),
    })
}

/// The text of a string member: its name in kebab case (`repository-name`).
fn field_text(field: &FieldDef) -> String {
    field.member_name().to_kebab_case()
}

/// A value of `ty`. `into_string`: the position takes `impl Into<String>`
/// (a constructor argument or setter), so a string is a plain literal.
fn value(
    types: &BTreeMap<&str, &TypeDef>,
    text: String,
    ty: &RustType,
    into_string: bool,
    depth: usize,
    uses: &mut BTreeSet<String>,
) -> Option<ExampleValue> {
    if depth > MAX_DEPTH {
        return None;
    }
    Some(match ty {
        RustType::String if into_string => ExampleValue::Str(text),
        RustType::String => ExampleValue::String(text),
        RustType::Bool => ExampleValue::Bool(true),
        RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64 => ExampleValue::Int(1),
        RustType::F32 | RustType::F64 => ExampleValue::Float,
        RustType::Blob => ExampleValue::Blob,
        RustType::ByteStream => ExampleValue::ByteStream,
        RustType::DateTime => ExampleValue::DateTime,
        RustType::Document => ExampleValue::Document,
        RustType::BigInteger => ExampleValue::BigInteger,
        RustType::BigDecimal => ExampleValue::BigDecimal,
        RustType::List { .. } => ExampleValue::EmptyList,
        RustType::Map { .. } => ExampleValue::EmptyMap,
        RustType::Named(name) => {
            let value = match types.get(name.as_str())? {
                TypeDef::Struct(def) => {
                    let mut args = Vec::new();
                    for field in def.required_fields() {
                        args.push(value(
                            types,
                            field_text(field),
                            &field.ty,
                            true,
                            depth + 1,
                            uses,
                        )?);
                    }
                    ExampleValue::New {
                        type_name: name.clone(),
                        args,
                    }
                }
                TypeDef::Enum(def) => ExampleValue::Variant {
                    type_name: name.clone(),
                    variant: def.variants.first()?.rust_name.clone(),
                },
                TypeDef::IntEnum(def) => ExampleValue::Variant {
                    type_name: name.clone(),
                    variant: def.variants.first()?.rust_name.clone(),
                },
                TypeDef::Union(def) => {
                    let variant = def.variants.first()?;
                    match &variant.ty {
                        None => ExampleValue::Variant {
                            type_name: name.clone(),
                            variant: variant.rust_name.clone(),
                        },
                        Some(ty) => ExampleValue::Wrapped {
                            type_name: name.clone(),
                            variant: variant.rust_name.clone(),
                            value: Box::new(value(
                                types,
                                variant.member_name.to_kebab_case(),
                                ty,
                                false,
                                depth + 1,
                                uses,
                            )?),
                            boxed: variant.boxed,
                        },
                    }
                }
            };
            uses.insert(name.clone());
            value
        }
    })
}
