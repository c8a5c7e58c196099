//! Drops `validate()` recursion into types that can never report a
//! violation, and the patterns no build checks (kept until here only for
//! the field docs). A type needs validation when one of its fields (or variants)
//! has a constraint, or reaches a type that does; everything else keeps an
//! empty `Validate` impl but is not descended into. This keeps generated
//! code (and generation time) proportional to the constraints a model has.

use std::collections::BTreeSet;

use crate::ir::{Check, CrateIr, FieldDef, PatternCheck, RustType, StructDef, TypeDef};

pub(super) fn prune_checks(ir: &mut CrateIr) {
    let needs = types_needing_validation(ir);
    let prune_fields = |fields: &mut Vec<FieldDef>| {
        for f in fields.iter_mut() {
            f.checks = prune(&f.ty, std::mem::take(&mut f.checks), &needs);
        }
    };
    for t in &mut ir.types {
        match t {
            TypeDef::Struct(s) => prune_fields(&mut s.fields),
            TypeDef::Union(u) => {
                for v in &mut u.variants {
                    if let Some(ty) = &v.ty {
                        v.checks = prune(ty, std::mem::take(&mut v.checks), &needs);
                    }
                }
            }
            TypeDef::Enum(_) | TypeDef::IntEnum(_) => {}
        }
    }
    for e in &mut ir.errors {
        prune_fields(&mut e.fields);
    }
    for op in &mut ir.operations {
        prune_fields(&mut op.input.fields);
        prune_fields(&mut op.output.fields);
    }
}

/// A type's name and the (type, checks) of each of its members.
type Members<'a> = (&'a str, Vec<(&'a RustType, &'a [Check])>);

/// Named types whose `Validate` can report something, by fixpoint.
fn types_needing_validation(ir: &CrateIr) -> BTreeSet<String> {
    fn members(s: &StructDef) -> Members<'_> {
        (
            s.rust_name.as_str(),
            s.fields
                .iter()
                .map(|f| (&f.ty, f.checks.as_slice()))
                .collect(),
        )
    }
    let mut structs: Vec<Members<'_>> = Vec::new();
    for t in &ir.types {
        if let TypeDef::Struct(s) = t {
            structs.push(members(s));
        }
    }
    structs.extend(ir.errors.iter().map(members));
    for op in &ir.operations {
        structs.push(members(&op.input));
        structs.push(members(&op.output));
    }
    for t in &ir.types {
        if let TypeDef::Union(u) = t {
            let members = u
                .variants
                .iter()
                .filter_map(|v| Some((v.ty.as_ref()?, v.checks.as_slice())))
                .collect();
            structs.push((u.rust_name.as_str(), members));
        }
    }
    let mut needs = BTreeSet::new();
    loop {
        let before = needs.len();
        for (name, members) in &structs {
            if !needs.contains(*name)
                && members
                    .iter()
                    .any(|(ty, checks)| reports(ty, checks, &needs))
            {
                needs.insert((*name).to_owned());
            }
        }
        if needs.len() == before {
            return needs;
        }
    }
}

/// Whether these checks on a value of `ty` can report a violation.
fn reports(ty: &RustType, checks: &[Check], needs: &BTreeSet<String>) -> bool {
    checks.iter().any(|check| match check {
        Check::Nested => matches!(ty, RustType::Named(n) if needs.contains(n)),
        Check::EachItem(inner) => match ty {
            RustType::List { item, .. } => reports(item, inner, needs),
            _ => false,
        },
        Check::EachEntry { key, value } => match ty {
            RustType::Map {
                value: value_ty, ..
            } => reports(&RustType::String, key, needs) || reports(value_ty, value, needs),
            _ => false,
        },
        Check::Pattern { checked, .. } => *checked != PatternCheck::Never,
        Check::StringLength { .. }
        | Check::Length { .. }
        | Check::Range { .. }
        | Check::UniqueItems => true,
    })
}

fn prune(ty: &RustType, checks: Vec<Check>, needs: &BTreeSet<String>) -> Vec<Check> {
    checks
        .into_iter()
        .filter_map(|check| match check {
            Check::Nested => {
                matches!(ty, RustType::Named(n) if needs.contains(n)).then_some(Check::Nested)
            }
            Check::EachItem(inner) => {
                let RustType::List { item, .. } = ty else {
                    return None;
                };
                let inner = prune(item, inner, needs);
                (!inner.is_empty()).then_some(Check::EachItem(inner))
            }
            Check::EachEntry { key, value } => {
                let RustType::Map {
                    value: value_ty, ..
                } = ty
                else {
                    return None;
                };
                let key = prune(&RustType::String, key, needs);
                let value = prune(value_ty, value, needs);
                (!key.is_empty() || !value.is_empty()).then_some(Check::EachEntry { key, value })
            }
            Check::Pattern {
                checked: PatternCheck::Never,
                ..
            } => None,
            other => Some(other),
        })
        .collect()
}
