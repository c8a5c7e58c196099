//! Open enums, intEnums and unions.

use std::collections::BTreeSet;

use crate::docs::to_markdown_lines;
use crate::ir::{
    Codec, EnumDef, EnumVariant, IntEnumDef, IntEnumVariant, RustType, UnionDef, UnionVariant,
};
use crate::lower::structure::enum_value_of;
use crate::lower::Lowerer;
use crate::model::traits::{ids, EnumValueTrait, LegacyEnumEntry};
use crate::model::ShapeKind;
use crate::naming::{self, Scope};
use crate::shape_id::ShapeId;

/// The catch-all variant of every open enum and union.
const UNKNOWN: &str = "Unknown";

impl Lowerer<'_> {
    fn type_name_of(&self, id: &ShapeId) -> String {
        self.type_names
            .get(id)
            .cloned()
            .unwrap_or_else(|| naming::type_name(id.name()))
    }

    fn docs_of(&self, id: &ShapeId) -> Vec<String> {
        self.model
            .get(id)
            .and_then(|s| s.traits.documentation())
            .map(to_markdown_lines)
            .unwrap_or_default()
    }

    pub(super) fn lower_enum(&mut self, id: &ShapeId) -> EnumDef {
        let members = match self.model.get(id).map(|s| &s.kind) {
            Some(ShapeKind::Enum(m)) => m.clone(),
            _ => Vec::new(),
        };
        let mut scope = Scope::new("variant");
        let mut diagnostics = Vec::new();
        let mut values = BTreeSet::new();
        let mut variants = Vec::new();
        for member in &members {
            if let Some(v) = member.traits.get(ids::ENUM_VALUE) {
                if !v.is_string() {
                    self.error(
                        &member.id,
                        format!("@enumValue of an enum member must be a string, not {v}"),
                    );
                    continue;
                }
            }
            let value = enum_value_of(member);
            if !values.insert(value.clone()) {
                self.error(
                    &member.id,
                    format!("the enum value `{value}` appears twice"),
                );
            }
            let rust_name = naming::variant_name(&member.name);
            scope.claim(&rust_name, &member.id, &mut diagnostics);
            let deprecated = self.deprecation(&member.id, &member.traits);
            variants.push(EnumVariant {
                rust_name,
                value,
                docs: member
                    .traits
                    .documentation()
                    .map(to_markdown_lines)
                    .unwrap_or_default(),
                deprecated,
            });
        }
        self.diagnostics.extend(diagnostics);
        let unknown_variant = scope.catch_all(UNKNOWN, "UnknownValue");
        let traits = self
            .model
            .get(id)
            .map(|s| s.traits.clone())
            .unwrap_or_default();
        EnumDef {
            shape_id: id.to_string(),
            rust_name: self.type_name_of(id),
            docs: self.docs_of(id),
            deprecated: self.deprecation(id, &traits),
            variants,
            unknown_variant,
        }
    }

    /// A Smithy 1.0 string shape with the `@enum` trait.
    pub(super) fn lower_legacy_enum(&mut self, id: &ShapeId) -> EnumDef {
        let traits = self
            .model
            .get(id)
            .map(|s| s.traits.clone())
            .unwrap_or_default();
        let entries: Vec<LegacyEnumEntry> = self.decode(id, &traits, ids::ENUM).unwrap_or_default();
        let mut scope = Scope::new("variant");
        let mut diagnostics = Vec::new();
        let variants = entries
            .into_iter()
            .map(|entry| {
                let rust_name = naming::variant_name(entry.name.as_deref().unwrap_or(&entry.value));
                scope.claim(&rust_name, &id.with_member(&rust_name), &mut diagnostics);
                EnumVariant {
                    rust_name,
                    docs: entry
                        .documentation
                        .as_deref()
                        .map(to_markdown_lines)
                        .unwrap_or_default(),
                    deprecated: entry.deprecated.then(|| "deprecated".to_owned()),
                    value: entry.value,
                }
            })
            .collect();
        self.diagnostics.extend(diagnostics);
        let unknown_variant = scope.catch_all(UNKNOWN, "UnknownValue");
        EnumDef {
            shape_id: id.to_string(),
            rust_name: self.type_name_of(id),
            docs: self.docs_of(id),
            deprecated: self.deprecation(id, &traits),
            variants,
            unknown_variant,
        }
    }

    pub(super) fn lower_int_enum(&mut self, id: &ShapeId) -> IntEnumDef {
        let members = match self.model.get(id).map(|s| &s.kind) {
            Some(ShapeKind::IntEnum(m)) => m.clone(),
            _ => Vec::new(),
        };
        let mut scope = Scope::new("variant");
        let mut diagnostics = Vec::new();
        let mut values = BTreeSet::new();
        let mut variants = Vec::new();
        for member in &members {
            let value =
                match self.decode::<EnumValueTrait>(&member.id, &member.traits, ids::ENUM_VALUE) {
                    Some(EnumValueTrait::Int(v)) => match i32::try_from(v) {
                        Ok(v) => v,
                        Err(_) => {
                            self.error(
                                &member.id,
                                format!("intEnum value {v} does not fit in 32 bits"),
                            );
                            continue;
                        }
                    },
                    _ => {
                        self.error(&member.id, "intEnum members need an integer @enumValue");
                        continue;
                    }
                };
            if !values.insert(value) {
                self.error(
                    &member.id,
                    format!("the intEnum value {value} appears twice"),
                );
            }
            let rust_name = naming::variant_name(&member.name);
            scope.claim(&rust_name, &member.id, &mut diagnostics);
            variants.push(IntEnumVariant {
                rust_name,
                value,
                docs: member
                    .traits
                    .documentation()
                    .map(to_markdown_lines)
                    .unwrap_or_default(),
            });
        }
        self.diagnostics.extend(diagnostics);
        let unknown_variant = scope.catch_all(UNKNOWN, "UnknownValue");
        IntEnumDef {
            shape_id: id.to_string(),
            rust_name: self.type_name_of(id),
            docs: self.docs_of(id),
            variants,
            unknown_variant,
        }
    }

    pub(super) fn lower_union(&mut self, id: &ShapeId) -> UnionDef {
        let Some(shape) = self.model.get(id).cloned() else {
            return UnionDef {
                shape_id: id.to_string(),
                rust_name: self.type_name_of(id),
                docs: Vec::new(),
                deprecated: None,
                variants: Vec::new(),
                unknown_variant: UNKNOWN.to_owned(),
                sensitive: false,
            };
        };
        let members = match &shape.kind {
            ShapeKind::Union(m) => m.clone(),
            _ => Vec::new(),
        };
        let mut scope = Scope::new("variant");
        let mut diagnostics = Vec::new();
        let mut variants = Vec::new();
        for member in &members {
            let rust_name = naming::variant_name(&member.name);
            scope.claim(&rust_name, &member.id, &mut diagnostics);
            let (ty, codec) = if member.target.is_unit() {
                (None, Codec::Same)
            } else {
                let (ty, codec) = self.value_type(member);
                (Some(ty), codec)
            };
            let boxed = ty.as_ref().is_some_and(|t| matches!(t, RustType::Named(_)))
                && self.needs_box(id, member);
            let checks = if member.target.is_unit() {
                Vec::new()
            } else {
                self.member_checks(member, 0)
            };
            let docs = member
                .traits
                .documentation()
                .or_else(|| {
                    self.model
                        .get(&member.target)
                        .and_then(|t| t.traits.documentation())
                })
                .map(to_markdown_lines)
                .unwrap_or_default();
            variants.push(UnionVariant {
                rust_name,
                member_name: member.name.clone(),
                wire_name: self.json_key(member),
                docs,
                ty,
                boxed,
                codec,
                checks,
            });
        }
        self.diagnostics.extend(diagnostics);
        let unknown_variant = scope.catch_all(UNKNOWN, "UnknownValue");
        let deprecated = self.deprecation(id, &shape.traits);
        UnionDef {
            shape_id: id.to_string(),
            rust_name: self.type_name_of(id),
            docs: self.docs_of(id),
            deprecated,
            variants,
            unknown_variant,
            sensitive: shape.traits.has(ids::SENSITIVE),
        }
    }
}
