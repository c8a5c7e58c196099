//! Roles of structures and the crate-wide type names.

use crate::lower::Lowerer;
use crate::model::traits::ids;
use crate::model::{Shape, ShapeKind, SimpleType};
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

/// Whether a shape becomes a Rust type of its own: structures, unions,
/// enums, intEnums and strings with Smithy 1.0's `@enum`. Every other shape
/// (simple types, lists, maps, prelude shapes among them) lowers to a Rust
/// primitive or collection, names no item and so cannot collide with one.
fn becomes_type(shape: &Shape) -> bool {
    match &shape.kind {
        ShapeKind::Structure(_)
        | ShapeKind::Union(_)
        | ShapeKind::Enum(_)
        | ShapeKind::IntEnum(_) => true,
        ShapeKind::Simple(SimpleType::String) => shape.traits.has(ids::ENUM),
        ShapeKind::Simple(_)
        | ShapeKind::List(_)
        | ShapeKind::Map(_)
        | ShapeKind::Operation(_)
        | ShapeKind::Service(_)
        | ShapeKind::Resource(_) => false,
    }
}

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

    /// Gives every generated type a Rust name. Model shapes claim theirs
    /// first; the items the generator adds (operation error enums, synthetic
    /// inputs/outputs) then take `<Op>Error` / `<Op>Input` / `<Op>Output`, or
    /// `<Op>OperationError`... when a model shape already has that name (Glue
    /// has a `BatchStopJobRunError` structure). Remaining collisions are errors
    /// naming both shapes. This is the generator's only check of shape names:
    /// Smithy's rule (unique ignoring case and namespace) is stricter than
    /// Rust needs, and would refuse a model's `string` beside `smithy.api#String`.
    pub(super) fn assign_type_names(&mut self) {
        let mut scope = Scope::new("type");
        for name in RESERVED_ROOT_NAMES {
            scope.reserve(name, "the generated crate");
        }
        let mut diagnostics = Vec::new();
        let closure: Vec<ShapeId> = self.selection.closure.iter().cloned().collect();
        for id in closure {
            let Some(shape) = self.model.get(&id) else {
                continue;
            };
            if !becomes_type(shape) {
                continue;
            }
            let name = naming::type_name(self.local_name(&id));
            scope.claim(&name, &id, &mut diagnostics);
            self.type_names.insert(id, name);
        }
        for op in &self.selection.operations {
            let marker = naming::type_name(op.name());
            scope.claim(&marker, op, &mut diagnostics);
            let Some(ShapeKind::Operation(operation)) = self.model.get(op).map(|s| &s.kind) else {
                continue;
            };
            let mut generated = vec!["Error"];
            if operation.input.is_none() {
                generated.push("Input");
            }
            if operation.output.is_none() {
                generated.push("Output");
            }
            for suffix in generated {
                let preferred = format!("{marker}{suffix}");
                let name = if scope.contains(&preferred) {
                    format!("{marker}Operation{suffix}")
                } else {
                    preferred
                };
                scope.claim(&name, &op.with_member(suffix), &mut diagnostics);
                self.generated_names.insert((op.clone(), suffix), name);
            }
        }
        let client = scope.catch_all("Client", "ServiceClient");
        self.client_name = client;
        self.diagnostics.extend(diagnostics);
    }

    /// Method names of the typed client: the operations' snake-case names,
    /// `<operation>_paginator` for paginated operations and
    /// `wait_until_<waiter>` for waiters, with `_operation` appended to any
    /// that would shadow the wrapper's own methods or each other.
    pub(super) fn client_methods(
        &mut self,
        operations: &[crate::ir::OperationIr],
        waiters: &[crate::ir::WaiterIr],
    ) -> crate::ir::ClientIr {
        use crate::ir::ClientMethodKind;
        let mut scope = Scope::new("method");
        for own in ["new", "from_env", "inner", "into_inner"] {
            scope.reserve(own, "the client's own methods");
        }
        let mut diagnostics = Vec::new();
        let mut methods = Vec::new();
        let mut wanted: Vec<(String, ClientMethodKind, &str)> = Vec::new();
        for (index, op) in operations.iter().enumerate() {
            wanted.push((
                op.module.clone(),
                ClientMethodKind::Call(index),
                &op.shape_id,
            ));
        }
        for (index, op) in operations.iter().enumerate() {
            if op.paginator.is_some() {
                let name = format!("{}_paginator", naming::unraw(&op.module));
                wanted.push((name, ClientMethodKind::Paginate(index), &op.shape_id));
            }
        }
        for (index, waiter) in waiters.iter().enumerate() {
            let owner = operations
                .get(waiter.operation)
                .map_or("", |op| op.shape_id.as_str());
            let snake = naming::field_name(&waiter.name);
            let name = format!("wait_until_{}", naming::unraw(&snake));
            wanted.push((name, ClientMethodKind::Wait(index), owner));
        }
        for (preferred, kind, owner) in wanted {
            let name = if scope.contains(&preferred) {
                format!("{}_operation", naming::unraw(&preferred))
            } else {
                preferred
            };
            let id: ShapeId = owner
                .parse()
                .unwrap_or_else(|_| self.selection.service.clone());
            scope.claim(&name, &id, &mut diagnostics);
            methods.push(crate::ir::ClientMethod { name, kind });
        }
        self.diagnostics.extend(diagnostics);
        crate::ir::ClientIr {
            rust_name: self.client_name.clone(),
            methods,
        }
    }

    /// The name chosen for an item the generator adds to an operation.
    pub(super) fn generated_name(&self, op: &ShapeId, suffix: &'static str) -> String {
        self.generated_names
            .get(&(op.clone(), suffix))
            .cloned()
            .unwrap_or_else(|| format!("{}{suffix}", naming::type_name(op.name())))
    }
}
