//! Roles of structures and the crate-wide type names.

use crate::lower::Lowerer;
use crate::model::traits::ids;
use crate::model::{ShapeKind, SimpleType};
use crate::naming::{self, Scope};
use crate::shape_id::ShapeId;

/// What a structure is used as; decides constructor and optionality rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Plain,
    Input,
    Output,
    Error,
}

/// Names the generated crate root defines itself.
pub const RESERVED_ROOT_NAMES: &[&str] = &["SERVICE"];

impl Lowerer<'_> {
    pub(super) fn assign_roles(&mut self) {
        for id in &self.selection.closure {
            let Some(shape) = self.model.get(id) else {
                continue;
            };
            let role = if shape.traits.has(ids::ERROR) {
                Role::Error
            } else if shape.traits.has(ids::INPUT) {
                Role::Input
            } else if shape.traits.has(ids::OUTPUT) {
                Role::Output
            } else {
                Role::Plain
            };
            self.roles.insert(id.clone(), role);
        }
        for op in &self.selection.operations {
            let Some(ShapeKind::Operation(operation)) = self.model.get(op).map(|s| &s.kind) else {
                continue;
            };
            for (target, role) in [
                (&operation.input, Role::Input),
                (&operation.output, Role::Output),
            ] {
                if let Some(target) = target {
                    self.roles.insert(target.clone(), role);
                }
            }
        }
    }

    /// The name a shape is known by in this service (its `rename`, if any).
    pub(super) fn local_name<'a>(&'a self, id: &'a ShapeId) -> &'a str {
        match self.model.get(&self.selection.service).map(|s| &s.kind) {
            Some(ShapeKind::Service(service)) => service
                .rename
                .get(id)
                .map(String::as_str)
                .unwrap_or(id.name()),
            _ => id.name(),
        }
    }

    /// Gives every generated type a Rust name, and reports collisions between
    /// them and with the items the generator adds (operation markers, error
    /// enums, synthetic inputs/outputs).
    pub(super) fn assign_type_names(&mut self) {
        let mut scope = Scope::new("type");
        for name in RESERVED_ROOT_NAMES {
            scope.reserve(name, "the generated crate");
        }
        let mut diagnostics = Vec::new();
        for op in &self.selection.operations {
            let marker = naming::type_name(op.name());
            scope.claim(&marker, op, &mut diagnostics);
            scope.claim(
                &format!("{marker}Error"),
                &op.with_member("Error"),
                &mut diagnostics,
            );
            let Some(ShapeKind::Operation(operation)) = self.model.get(op).map(|s| &s.kind) else {
                continue;
            };
            if operation.input.is_none() {
                scope.claim(
                    &format!("{marker}Input"),
                    &op.with_member("Input"),
                    &mut diagnostics,
                );
            }
            if operation.output.is_none() {
                scope.claim(
                    &format!("{marker}Output"),
                    &op.with_member("Output"),
                    &mut diagnostics,
                );
            }
        }
        let closure: Vec<ShapeId> = self.selection.closure.iter().cloned().collect();
        for id in closure {
            let Some(shape) = self.model.get(&id) else {
                continue;
            };
            let is_type = match &shape.kind {
                ShapeKind::Structure(_)
                | ShapeKind::Union(_)
                | ShapeKind::Enum(_)
                | ShapeKind::IntEnum(_) => true,
                ShapeKind::Simple(SimpleType::String) => shape.traits.has(ids::ENUM),
                _ => false,
            };
            if !is_type {
                continue;
            }
            let name = naming::type_name(self.local_name(&id));
            scope.claim(&name, &id, &mut diagnostics);
            self.type_names.insert(id, name);
        }
        self.diagnostics.extend(diagnostics);
    }
}
