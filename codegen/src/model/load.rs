//! Reads JSON AST files into a [`Model`]: parses every shape on its own so an
//! error names it, merges files, flattens mixins, applies `apply` traits and
//! adds the prelude. Every problem is collected; none stops the others.

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::ast::{AstDocument, AstMember, AstRef, AstShape, AstTraits};
use crate::model::shape::{
    Member, Model, Operation, Resource, Service, Shape, ShapeKind, SimpleType,
};
use crate::model::traits::{ids, Traits};
use crate::shape_id::ShapeId;

/// One model file: a name for messages (usually its path) and its text.
#[derive(Debug, Clone)]
pub struct ModelSource {
    pub name: String,
    pub text: String,
}

impl ModelSource {
    /// A source from a name and its JSON text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> ModelSource {
        ModelSource {
            name: name.into(),
            text: text.into(),
        }
    }
}

const PRELUDE: &str = include_str!("prelude.json");

/// Loads and merges model files (the prelude is always included).
pub fn load(sources: &[ModelSource]) -> Result<Model, Diagnostics> {
    let mut loader = Loader::default();
    loader.read(&ModelSource::new("<prelude>", PRELUDE));
    for source in sources {
        loader.read(source);
    }
    loader.finish()
}

#[derive(Default)]
struct Loader {
    /// Defined shapes (not yet flattened), with the file that defined them.
    defined: BTreeMap<ShapeId, (AstShape, String)>,
    /// `apply` entries in file order.
    applies: Vec<(ShapeId, AstTraits, String)>,
    diagnostics: Vec<Diagnostic>,
}

impl Loader {
    fn read(&mut self, source: &ModelSource) {
        let doc: AstDocument = match serde_json::from_str(&source.text) {
            Ok(doc) => doc,
            Err(e) => {
                self.diagnostics.push(Diagnostic::error_at(
                    &source.name,
                    format!("not a Smithy JSON AST document: {e}"),
                ));
                return;
            }
        };
        if !matches!(doc.smithy.as_str(), "1" | "1.0" | "2" | "2.0") {
            self.diagnostics.push(Diagnostic::error_at(
                &source.name,
                format!(
                    "unsupported Smithy version `{}` (expected 1.0 or 2.0)",
                    doc.smithy
                ),
            ));
            return;
        }
        for (raw_id, raw_shape) in doc.shapes {
            let id: ShapeId = match raw_id.parse() {
                Ok(id) => id,
                Err(e) => {
                    self.diagnostics
                        .push(Diagnostic::error_at(&source.name, e.to_string()));
                    continue;
                }
            };
            let shape: AstShape = match serde_json::from_str(raw_shape.get()) {
                Ok(shape) => shape,
                Err(e) => {
                    self.diagnostics.push(Diagnostic::error(
                        &id,
                        format!("invalid shape definition: {e}"),
                    ));
                    continue;
                }
            };
            if let AstShape::Apply(apply) = shape {
                self.applies.push((id, apply.traits, source.name.clone()));
                continue;
            }
            if id.member().is_some() {
                self.diagnostics.push(Diagnostic::error(
                    &id,
                    "a member ID can only be used with `apply`",
                ));
                continue;
            }
            self.define(id, shape, &source.name);
        }
    }

    /// Adds a definition; the same shape in two files must agree apart from
    /// traits, which are then merged.
    fn define(&mut self, id: ShapeId, mut shape: AstShape, file: &str) {
        let Some((existing, first_file)) = self.defined.get_mut(&id) else {
            self.defined.insert(id, (shape, file.to_owned()));
            return;
        };
        let new_traits = std::mem::take(shape.traits_mut());
        let old_traits = std::mem::take(existing.traits_mut());
        let same_shape = *existing == shape;
        *existing.traits_mut() = old_traits;
        if !same_shape {
            self.diagnostics.push(Diagnostic::error(
                &id,
                format!("defined differently in `{first_file}` and `{file}`"),
            ));
            return;
        }
        let mut problems = Vec::new();
        merge_traits(existing.traits_mut(), new_traits, &mut problems);
        for p in problems {
            self.diagnostics.push(Diagnostic::error(&id, p));
        }
    }

    fn finish(mut self) -> Result<Model, Diagnostics> {
        let ids: Vec<ShapeId> = self.defined.keys().cloned().collect();
        let mut flattened: BTreeMap<ShapeId, AstShape> = BTreeMap::new();
        for id in &ids {
            let mut stack = Vec::new();
            if let Some(shape) = self.flatten(id, &mut stack) {
                flattened.insert(id.clone(), shape);
            }
        }
        let mut model = Model::default();
        for (id, shape) in flattened {
            if let Some(resolved) = self.resolve(&id, shape) {
                model.shapes.insert(id, resolved);
            }
        }
        for (target, traits, file) in std::mem::take(&mut self.applies) {
            self.apply(&mut model, &target, traits, &file);
        }
        if self.diagnostics.iter().any(Diagnostic::is_error) {
            return Err(Diagnostics::new(self.diagnostics));
        }
        Ok(model)
    }

    /// The shape with its mixins' members and traits copied in (depth first,
    /// local definitions last and winning).
    fn flatten(&mut self, id: &ShapeId, stack: &mut Vec<ShapeId>) -> Option<AstShape> {
        let (shape, _) = self.defined.get(id)?;
        let mut shape = shape.clone();
        if shape.mixins().is_empty() {
            return Some(shape);
        }
        if stack.contains(id) {
            self.diagnostics
                .push(Diagnostic::error(id, "mixins form a cycle"));
            return None;
        }
        stack.push(id.clone());
        let mut inherited_members: IndexMap<String, AstMember> = IndexMap::new();
        let mut inherited_traits = AstTraits::new();
        for AstRef { target } in shape.mixins().to_vec() {
            let Ok(mixin_id) = target.parse::<ShapeId>() else {
                self.diagnostics.push(Diagnostic::error(
                    id,
                    format!("mixin `{target}` is not a valid shape ID"),
                ));
                continue;
            };
            let Some(mixin) = self.flatten(&mixin_id, stack) else {
                if !self.defined.contains_key(&mixin_id) {
                    self.diagnostics.push(Diagnostic::error(
                        id,
                        format!("mixin `{mixin_id}` does not exist"),
                    ));
                }
                continue;
            };
            let mut mixin = mixin;
            if !mixin.traits_mut().contains_key(ids::MIXIN) {
                self.diagnostics.push(Diagnostic::error(
                    id,
                    format!("`{mixin_id}` is used as a mixin but has no @mixin trait"),
                ));
                continue;
            }
            if std::mem::discriminant(&mixin) != std::mem::discriminant(&shape) {
                self.diagnostics.push(Diagnostic::error(
                    id,
                    format!(
                        "a {} cannot use the {} `{mixin_id}` as a mixin",
                        shape.type_name(),
                        mixin.type_name()
                    ),
                ));
                continue;
            }
            let mut traits = mixin.traits_mut().clone();
            let local_only: BTreeSet<String> = traits
                .get(ids::MIXIN)
                .and_then(|v| v.get("localTraits"))
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            traits.retain(|k, _| k != ids::MIXIN && !local_only.contains(k));
            inherited_traits.extend(traits);
            if let Some(members) = members_of(&mixin) {
                for (name, member) in members {
                    inherited_members.insert(name.clone(), member.clone());
                }
            }
        }
        stack.pop();
        let local_traits = std::mem::take(shape.traits_mut());
        inherited_traits.extend(local_traits);
        *shape.traits_mut() = inherited_traits;
        if let Some(local) = members_of_mut(&mut shape) {
            let mut merged = inherited_members;
            for (name, member) in std::mem::take(local) {
                match merged.get_mut(&name) {
                    Some(existing) if existing.target == member.target => {
                        existing.traits.extend(member.traits)
                    }
                    Some(existing) => self.diagnostics.push(Diagnostic::error(
                        &id.with_member(&name),
                        format!(
                            "redefines a mixin member with target `{}` instead of `{}`",
                            member.target, existing.target
                        ),
                    )),
                    None => {
                        merged.insert(name, member);
                    }
                }
            }
            *local = merged;
        }
        Some(shape)
    }

    fn target(&mut self, owner: &ShapeId, raw: &str) -> Option<ShapeId> {
        match raw.parse() {
            Ok(id) => Some(id),
            Err(e) => {
                self.diagnostics
                    .push(Diagnostic::error(owner, e.to_string()));
                None
            }
        }
    }

    fn targets(&mut self, owner: &ShapeId, refs: &[AstRef]) -> Vec<ShapeId> {
        refs.iter()
            .filter_map(|r| self.target(owner, &r.target))
            .collect()
    }

    fn member(&mut self, owner: &ShapeId, name: &str, member: AstMember) -> Option<Member> {
        let id = owner.with_member(name);
        if !is_member_name(name) {
            self.diagnostics
                .push(Diagnostic::error(&id, "member names must be identifiers"));
            return None;
        }
        let target = self.target(&id, &member.target)?;
        Some(Member {
            id,
            name: name.to_owned(),
            target,
            traits: Traits(member.traits),
        })
    }

    fn members(&mut self, owner: &ShapeId, members: IndexMap<String, AstMember>) -> Vec<Member> {
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let mut out = Vec::new();
        for (name, member) in members {
            if let Some(first) = seen.insert(name.to_ascii_lowercase(), name.clone()) {
                self.diagnostics.push(Diagnostic::error(
                    &owner.with_member(&name),
                    format!("member names must be case-insensitively unique; `{first}` exists"),
                ));
                continue;
            }
            out.extend(self.member(owner, &name, member));
        }
        out
    }

    fn resolve(&mut self, id: &ShapeId, shape: AstShape) -> Option<Shape> {
        let (kind, traits) = match shape {
            AstShape::Blob(s) => (ShapeKind::Simple(SimpleType::Blob), s.traits),
            AstShape::Boolean(s) => (ShapeKind::Simple(SimpleType::Boolean), s.traits),
            AstShape::String(s) => (ShapeKind::Simple(SimpleType::String), s.traits),
            AstShape::Byte(s) => (ShapeKind::Simple(SimpleType::Byte), s.traits),
            AstShape::Short(s) => (ShapeKind::Simple(SimpleType::Short), s.traits),
            AstShape::Integer(s) => (ShapeKind::Simple(SimpleType::Integer), s.traits),
            AstShape::Long(s) => (ShapeKind::Simple(SimpleType::Long), s.traits),
            AstShape::Float(s) => (ShapeKind::Simple(SimpleType::Float), s.traits),
            AstShape::Double(s) => (ShapeKind::Simple(SimpleType::Double), s.traits),
            AstShape::BigInteger(s) => (ShapeKind::Simple(SimpleType::BigInteger), s.traits),
            AstShape::BigDecimal(s) => (ShapeKind::Simple(SimpleType::BigDecimal), s.traits),
            AstShape::Timestamp(s) => (ShapeKind::Simple(SimpleType::Timestamp), s.traits),
            AstShape::Document(s) => (ShapeKind::Simple(SimpleType::Document), s.traits),
            AstShape::Enum(s) => (ShapeKind::Enum(self.members(id, s.members)), s.traits),
            AstShape::IntEnum(s) => (ShapeKind::IntEnum(self.members(id, s.members)), s.traits),
            AstShape::Structure(s) => (ShapeKind::Structure(self.members(id, s.members)), s.traits),
            AstShape::Union(s) => (ShapeKind::Union(self.members(id, s.members)), s.traits),
            AstShape::List(s) => (
                ShapeKind::List(self.member(id, "member", s.member)?),
                s.traits,
            ),
            AstShape::Set(s) => {
                let mut traits = s.traits;
                traits.insert(ids::UNIQUE_ITEMS.to_owned(), serde_json::json!({}));
                (
                    ShapeKind::List(self.member(id, "member", s.member)?),
                    traits,
                )
            }
            AstShape::Map(s) => {
                let key = self.member(id, "key", s.key);
                let value = self.member(id, "value", s.value);
                (ShapeKind::Map([key?, value?]), s.traits)
            }
            AstShape::Operation(s) => {
                let input = s
                    .input
                    .and_then(|r| self.target(id, &r.target))
                    .filter(|t| !t.is_unit());
                let output = s
                    .output
                    .and_then(|r| self.target(id, &r.target))
                    .filter(|t| !t.is_unit());
                let errors = self.targets(id, &s.errors);
                (
                    ShapeKind::Operation(Operation {
                        input,
                        output,
                        errors,
                    }),
                    s.traits,
                )
            }
            AstShape::Service(s) => {
                let mut rename = BTreeMap::new();
                for (from, to) in s.rename {
                    if let Some(from) = self.target(id, &from) {
                        rename.insert(from, to);
                    }
                }
                let service = Service {
                    version: s.version,
                    operations: self.targets(id, &s.operations),
                    resources: self.targets(id, &s.resources),
                    errors: self.targets(id, &s.errors),
                    rename,
                };
                (ShapeKind::Service(service), s.traits)
            }
            AstShape::Resource(s) => {
                let lifecycle = [s.create, s.put, s.read, s.update, s.delete, s.list];
                let refs: Vec<AstRef> = lifecycle
                    .into_iter()
                    .flatten()
                    .chain(s.operations)
                    .chain(s.collection_operations)
                    .collect();
                let resource = Resource {
                    operations: self.targets(id, &refs),
                    resources: self.targets(id, &s.resources),
                };
                (ShapeKind::Resource(resource), s.traits)
            }
            AstShape::Apply(_) => return None,
        };
        Some(Shape {
            id: id.clone(),
            kind,
            traits: Traits(traits),
        })
    }

    fn apply(&mut self, model: &mut Model, target: &ShapeId, traits: AstTraits, file: &str) {
        let Some(shape) = model.shapes.get_mut(&target.root()) else {
            self.diagnostics.push(Diagnostic::error(
                target,
                format!("`apply` in `{file}` targets a shape that does not exist"),
            ));
            return;
        };
        let existing = match target.member() {
            None => &mut shape.traits.0,
            Some(name) => match member_mut(&mut shape.kind, name) {
                Some(member) => &mut member.traits.0,
                None => {
                    self.diagnostics.push(Diagnostic::error(
                        target,
                        format!("`apply` in `{file}` targets a member that does not exist"),
                    ));
                    return;
                }
            },
        };
        let mut problems = Vec::new();
        merge_traits(existing, traits, &mut problems);
        for p in problems {
            self.diagnostics.push(Diagnostic::error(target, p));
        }
    }
}

fn is_member_name(name: &str) -> bool {
    ShapeId::new("a", name).is_ok()
}

fn members_of(shape: &AstShape) -> Option<&IndexMap<String, AstMember>> {
    match shape {
        AstShape::Enum(s) | AstShape::IntEnum(s) | AstShape::Structure(s) | AstShape::Union(s) => {
            Some(&s.members)
        }
        _ => None,
    }
}

fn members_of_mut(shape: &mut AstShape) -> Option<&mut IndexMap<String, AstMember>> {
    match shape {
        AstShape::Enum(s) | AstShape::IntEnum(s) | AstShape::Structure(s) | AstShape::Union(s) => {
            Some(&mut s.members)
        }
        _ => None,
    }
}

fn member_mut<'a>(kind: &'a mut ShapeKind, name: &str) -> Option<&'a mut Member> {
    match kind {
        ShapeKind::Structure(m)
        | ShapeKind::Union(m)
        | ShapeKind::Enum(m)
        | ShapeKind::IntEnum(m) => m.iter_mut().find(|m| m.name == name),
        ShapeKind::List(m) => Some(m).filter(|m| m.name == name),
        ShapeKind::Map(kv) => kv.iter_mut().find(|m| m.name == name),
        _ => None,
    }
}

/// Smithy's trait conflict rule: equal values are fine, lists concatenate,
/// anything else is a conflict.
fn merge_traits(into: &mut AstTraits, from: AstTraits, problems: &mut Vec<String>) {
    for (id, value) in from {
        match into.get_mut(&id) {
            None => {
                into.insert(id, value);
            }
            Some(existing) if *existing == value => {}
            Some(serde_json::Value::Array(existing)) if value.is_array() => {
                if let serde_json::Value::Array(more) = value {
                    existing.extend(more);
                }
            }
            Some(_) => problems.push(format!(
                "trait `{id}` is applied twice with different values"
            )),
        }
    }
}
