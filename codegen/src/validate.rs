//! Structural checks on the selected closure, run before lowering. Every
//! problem is collected; lowering only runs on a model that passed.

use crate::diagnostic::Diagnostic;
use crate::model::protocol::{service_protocol, ServiceProtocol};
use crate::model::traits::ids;
use crate::model::{Model, Shape, ShapeKind, SimpleType};
use crate::select::Selection;
use crate::shape_id::ShapeId;

mod required_cycles;
mod rpc_v2_cbor;
mod trait_values;

/// Checks targets, target kinds and unsupported features. Name conflicts
/// are not checked here but where names are made (`lower/names.rs`): only
/// shapes that become Rust items can collide, and only when their Rust names
/// do (a model's own `string` beside the prelude's `String` is no conflict).
pub fn validate(model: &Model, selection: &Selection) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (from, target) in &selection.dangling {
        out.push(Diagnostic::error(
            from,
            format!("targets `{target}`, which does not exist"),
        ));
    }
    let protocol = model
        .get(&selection.service)
        .map(|service| service_protocol(&service.traits));
    if let Some(Err(message)) = &protocol {
        out.push(Diagnostic::error(&selection.service, message.clone()));
    }
    let rest = matches!(protocol, Some(Ok(ServiceProtocol::RestJson1)));
    if let Some(service) = model.get(&selection.service) {
        trait_values::check_text_traits(service, &mut out);
    }
    for op_id in &selection.operations {
        if let Some(op) = model.get(op_id) {
            check_operation(model, op, selection, &mut out);
            trait_values::check_text_traits(op, &mut out);
        }
    }
    for id in &selection.closure {
        if let Some(shape) = model.get(id) {
            check_shape(model, shape, rest, &mut out);
            trait_values::check_trait_values(model, shape, &mut out);
        }
    }
    if matches!(protocol, Some(Ok(ServiceProtocol::RpcV2Cbor))) {
        rpc_v2_cbor::check_members(model, selection, &mut out);
    }
    required_cycles::check_required_cycles(model, selection, &mut out);
    out
}

fn kind_of<'m>(model: &'m Model, id: &ShapeId) -> Option<&'m ShapeKind> {
    model.get(id).map(|s| &s.kind)
}

fn check_operation(model: &Model, op: &Shape, selection: &Selection, out: &mut Vec<Diagnostic>) {
    let ShapeKind::Operation(operation) = &op.kind else {
        return;
    };
    for (role, target) in [("input", &operation.input), ("output", &operation.output)] {
        let Some(target) = target else { continue };
        match model.get(target) {
            Some(shape)
                if matches!(shape.kind, ShapeKind::Structure(_))
                    && shape.traits.has(ids::ERROR) =>
            {
                out.push(Diagnostic::error(
                    &op.id,
                    format!("its {role} `{target}` is an error structure"),
                ));
            }
            Some(shape) if matches!(shape.kind, ShapeKind::Structure(_)) => {}
            Some(shape) => out.push(Diagnostic::error(
                &op.id,
                format!(
                    "its {role} `{target}` must be a structure, not a {}",
                    shape.type_name()
                ),
            )),
            None => {}
        }
    }
    for error in operation
        .errors
        .iter()
        .chain(selection.service_errors.iter())
    {
        match model.get(error) {
            Some(shape)
                if matches!(shape.kind, ShapeKind::Structure(_))
                    && shape.traits.has(ids::ERROR) => {}
            Some(shape) => out.push(Diagnostic::error(
                &op.id,
                format!(
                    "lists `{error}` as an error, but it is a {} without @error",
                    shape.type_name()
                ),
            )),
            None => {}
        }
    }
}

fn check_shape(model: &Model, shape: &Shape, rest: bool, out: &mut Vec<Diagnostic>) {
    if shape.traits.has(ids::MIXIN) {
        out.push(Diagnostic::error(
            &shape.id,
            "a mixin cannot be used as a member target",
        ));
    }
    if shape.traits.has(ids::STREAMING) {
        let streaming_blob = matches!(shape.kind, ShapeKind::Simple(SimpleType::Blob));
        if !streaming_blob {
            out.push(Diagnostic::error(
                &shape.id,
                "event streams (@streaming unions) are not supported yet",
            ));
        } else if !rest {
            out.push(Diagnostic::error(
                &shape.id,
                "a @streaming blob needs an HTTP payload, which awsJson protocols do not have",
            ));
        }
    }
    match &shape.kind {
        ShapeKind::Enum(members) | ShapeKind::IntEnum(members) => {
            if members.is_empty() {
                out.push(Diagnostic::error(
                    &shape.id,
                    "an enum needs at least one member",
                ));
            }
            for m in members {
                if !m.target.is_unit() {
                    out.push(Diagnostic::error(
                        &m.id,
                        "enum members must target smithy.api#Unit",
                    ));
                }
            }
        }
        ShapeKind::Structure(members) | ShapeKind::Union(members) => {
            let is_union = matches!(shape.kind, ShapeKind::Union(_));
            if is_union && members.is_empty() {
                out.push(Diagnostic::error(
                    &shape.id,
                    "a union needs at least one member",
                ));
            }
            for m in members {
                if m.target.is_unit() && !is_union {
                    out.push(Diagnostic::error(
                        &m.id,
                        "only union members may target smithy.api#Unit",
                    ));
                    continue;
                }
                check_value_target(model, &m.id, &m.target, out);
            }
        }
        ShapeKind::List(member) => {
            if member.target.is_unit() {
                out.push(Diagnostic::error(
                    &member.id,
                    "a list member cannot target smithy.api#Unit",
                ));
            } else {
                check_value_target(model, &member.id, &member.target, out);
            }
        }
        ShapeKind::Map([key, value]) => {
            match kind_of(model, &key.target) {
                Some(ShapeKind::Simple(SimpleType::String) | ShapeKind::Enum(_)) | None => {}
                Some(other) => out.push(Diagnostic::error(
                    &key.id,
                    format!(
                        "map keys must target a string or enum, not a {}",
                        other.type_name()
                    ),
                )),
            }
            check_value_target(model, &value.id, &value.target, out);
        }
        ShapeKind::Operation(_)
        | ShapeKind::Service(_)
        | ShapeKind::Resource(_)
        | ShapeKind::Simple(_) => {}
    }
}

fn check_value_target(
    model: &Model,
    member: &ShapeId,
    target: &ShapeId,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(kind @ (ShapeKind::Operation(_) | ShapeKind::Service(_) | ShapeKind::Resource(_))) =
        kind_of(model, target)
    {
        out.push(Diagnostic::error(
            member,
            format!(
                "targets `{target}`, a {}, which cannot hold a value",
                kind.type_name()
            ),
        ));
    }
}
