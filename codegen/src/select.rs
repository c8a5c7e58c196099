//! Picks the service and operations to generate, and walks their closure.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::Diagnostic;
use crate::model::{Model, ShapeKind};
use crate::shape_id::ShapeId;

/// Which operations of the service to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OperationSelection {
    /// Every operation the service reaches (directly or through resources).
    All,
    /// Operations named by shape name (`StartImageScan`).
    Named(Vec<String>),
}

/// The service, its chosen operations and every shape they reach.
#[derive(Debug, Clone)]
pub struct Selection {
    pub service: ShapeId,
    /// Sorted by ID.
    pub operations: Vec<ShapeId>,
    /// Errors every operation of the service can return (`service.errors`).
    pub service_errors: Vec<ShapeId>,
    /// Every non-member shape reachable from the operations (not the service,
    /// not the operations, not `smithy.api#Unit`), sorted.
    pub closure: BTreeSet<ShapeId>,
    /// References to shapes that do not exist: (referring shape or member, target).
    pub dangling: Vec<(ShapeId, ShapeId)>,
    /// Operations left out of an "all" selection because they cannot be
    /// generated, with the reason.
    pub skipped: Vec<(ShapeId, String)>,
}

/// Chooses the service (`None`: the model's only service) and operations.
pub fn select(
    model: &Model,
    service: Option<&ShapeId>,
    operations: &OperationSelection,
) -> Result<Selection, Vec<Diagnostic>> {
    let service_id = match service {
        Some(id) => id.clone(),
        None => {
            let services: Vec<&ShapeId> = model.services().map(|s| &s.id).collect();
            match services.as_slice() {
                [only] => (*only).clone(),
                [] => {
                    return Err(vec![Diagnostic::error_at(
                        "model",
                        "the model defines no service shape",
                    )])
                }
                many => {
                    let names: Vec<String> = many.iter().map(|s| s.to_string()).collect();
                    return Err(vec![Diagnostic::error_at(
                        "model",
                        format!(
                            "the model defines several services; choose one of: {}",
                            names.join(", ")
                        ),
                    )]);
                }
            }
        }
    };
    let Some(shape) = model.get(&service_id) else {
        return Err(vec![Diagnostic::error(
            &service_id,
            "no such service shape in the model",
        )]);
    };
    let ShapeKind::Service(service) = &shape.kind else {
        return Err(vec![Diagnostic::error(
            &service_id,
            format!("is a {}, not a service", shape.type_name()),
        )]);
    };

    let mut diagnostics = Vec::new();
    let mut available: BTreeMap<String, ShapeId> = BTreeMap::new();
    let mut seen_resources = BTreeSet::new();
    let mut queue: Vec<ShapeId> = service.resources.clone();
    for op in &service.operations {
        available.insert(op.name().to_owned(), op.clone());
    }
    while let Some(resource) = queue.pop() {
        if !seen_resources.insert(resource.clone()) {
            continue;
        }
        match model.get(&resource).map(|s| &s.kind) {
            Some(ShapeKind::Resource(r)) => {
                for op in &r.operations {
                    available.insert(op.name().to_owned(), op.clone());
                }
                queue.extend(r.resources.iter().cloned());
            }
            Some(_) => diagnostics.push(Diagnostic::error(
                &resource,
                "is bound to the service as a resource but is not one",
            )),
            None => diagnostics.push(Diagnostic::error(
                &service_id,
                format!("binds resource `{resource}`, which does not exist"),
            )),
        }
    }

    let mut chosen: BTreeSet<ShapeId> = BTreeSet::new();
    let mut skipped = Vec::new();
    match operations {
        OperationSelection::All => {
            for op in available.values() {
                match event_stream(model, op) {
                    Some(stream) => skipped.push((
                        op.clone(),
                        format!("left out: it uses `{stream}`, an event stream (a @streaming union), which the generator does not support yet"),
                    )),
                    None => {
                        chosen.insert(op.clone());
                    }
                }
            }
        }
        OperationSelection::Named(names) => {
            for name in names {
                match available.get(name) {
                    Some(id) => {
                        chosen.insert(id.clone());
                    }
                    None => {
                        let known: Vec<&str> =
                            available.keys().map(String::as_str).take(60).collect();
                        diagnostics.push(Diagnostic::error(
                            &service_id,
                            format!(
                                "has no operation named `{name}`; it has: {}",
                                known.join(", ")
                            ),
                        ));
                    }
                }
            }
        }
    }
    for op in &chosen {
        match model.get(op).map(|s| &s.kind) {
            Some(ShapeKind::Operation(_)) => {}
            Some(other) => diagnostics.push(Diagnostic::error(
                op,
                format!("is bound as an operation but is a {}", other.type_name()),
            )),
            None => diagnostics.push(Diagnostic::error(
                &service_id,
                format!("binds operation `{op}`, which does not exist"),
            )),
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }

    let mut selection = Selection {
        service: service_id,
        operations: chosen.into_iter().collect(),
        service_errors: service.errors.clone(),
        closure: BTreeSet::new(),
        dangling: Vec::new(),
        skipped,
    };
    walk_closure(model, &mut selection);
    Ok(selection)
}

/// The first event stream (a `@streaming` union) an operation's closure
/// reaches, if any. Streaming blobs are payloads like any other.
fn event_stream(model: &Model, op_id: &ShapeId) -> Option<ShapeId> {
    let Some(ShapeKind::Operation(op)) = model.get(op_id).map(|s| &s.kind) else {
        return None;
    };
    let mut pending: Vec<ShapeId> = op
        .input
        .iter()
        .chain(op.output.iter())
        .chain(op.errors.iter())
        .cloned()
        .collect();
    let mut seen = BTreeSet::new();
    while let Some(id) = pending.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        let Some(shape) = model.get(&id) else {
            continue;
        };
        if shape.traits.has(crate::model::traits::ids::STREAMING)
            && matches!(shape.kind, ShapeKind::Union(_))
        {
            return Some(id);
        }
        pending.extend(shape.members().iter().map(|m| m.target.clone()));
    }
    None
}

fn walk_closure(model: &Model, selection: &mut Selection) {
    let mut queue: Vec<(ShapeId, ShapeId)> = Vec::new();
    for error in &selection.service_errors {
        queue.push((selection.service.clone(), error.clone()));
    }
    for op_id in &selection.operations {
        if let Some(ShapeKind::Operation(op)) = model.get(op_id).map(|s| &s.kind) {
            let refs = op
                .input
                .iter()
                .chain(op.output.iter())
                .chain(op.errors.iter());
            queue.extend(refs.map(|t| (op_id.clone(), t.clone())));
        }
    }
    while let Some((from, id)) = queue.pop() {
        if id.is_unit() || selection.closure.contains(&id) {
            continue;
        }
        let Some(shape) = model.get(&id) else {
            selection.dangling.push((from, id));
            continue;
        };
        selection.closure.insert(id.clone());
        if matches!(shape.kind, ShapeKind::Enum(_) | ShapeKind::IntEnum(_)) {
            continue;
        }
        for member in shape.members() {
            queue.push((member.id.clone(), member.target.clone()));
        }
    }
    selection.dangling.sort();
    selection.dangling.dedup();
}
