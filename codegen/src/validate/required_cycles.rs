//! Types no value can have: a structure whose `@required` members lead back
//! to it (A requires B, B requires A), or a union each of whose members does
//! (a union whose only member is itself). Smithy's model validation refuses
//! these; so does the generator, with the cycle named, rather than emitting
//! a type that can be neither built nor read. Recursion through an optional
//! member, a list or a map is fine: an absent member or an empty collection
//! ends it.

use std::collections::BTreeSet;

use crate::diagnostic::Diagnostic;
use crate::model::traits::ids;
use crate::model::{Member, Model, ShapeKind};
use crate::select::Selection;
use crate::shape_id::ShapeId;

/// Reports each cycle once, against its first shape in ID order.
pub(super) fn check_required_cycles(
    model: &Model,
    selection: &Selection,
    out: &mut Vec<Diagnostic>,
) {
    let aggregates: Vec<&ShapeId> = selection
        .closure
        .iter()
        .filter(|id| {
            // An empty union is an error of its own, reported elsewhere.
            matches!(
                model.get(id).map(|s| &s.kind),
                Some(ShapeKind::Structure(_) | ShapeKind::Union(_))
            ) && !is_empty_union(model, id)
        })
        .collect();
    let inhabited = inhabited(model, &aggregates);
    let mut cycles = BTreeSet::new();
    for start in aggregates.iter().filter(|id| !inhabited.contains(**id)) {
        if let Some(cycle) = cycle_from(model, &inhabited, start) {
            cycles.insert(cycle);
        }
    }
    for cycle in cycles {
        let Some((first, _)) = cycle.first() else {
            continue;
        };
        let path: Vec<String> = cycle
            .iter()
            .map(|(_, member)| format!("`{member}`"))
            .chain(std::iter::once(format!("`{first}`")))
            .collect();
        let structures = cycle
            .iter()
            .filter(|(shape, _)| {
                matches!(
                    model.get(shape).map(|s| &s.kind),
                    Some(ShapeKind::Structure(_))
                )
            })
            .count();
        let (what, fix) = if structures == cycle.len() {
            ("a cycle of @required members", "make one of them optional")
        } else if structures == 0 {
            (
                "a cycle of union members, and no member leads out of it",
                "give a union a member outside the cycle",
            )
        } else {
            (
                "a cycle of @required members and of unions no member of which leads out of it",
                "make a member optional or give a union a member outside the cycle",
            )
        };
        out.push(Diagnostic::error(
            first,
            format!(
                "no value of this type can exist: building one needs {}, {what}; {fix}, or go through a list or map",
                path.join(" > ")
            ),
        ));
    }
}

fn is_empty_union(model: &Model, id: &ShapeId) -> bool {
    matches!(model.get(id).map(|s| &s.kind), Some(ShapeKind::Union(m)) if m.is_empty())
}

/// The members a value of the shape cannot do without: a structure's
/// `@required` members, or all of a union's (it needs one of them).
fn needed(model: &Model, id: &ShapeId) -> (bool, Vec<Member>) {
    match model.get(id).map(|s| &s.kind) {
        Some(ShapeKind::Structure(members)) => (
            true,
            members
                .iter()
                .filter(|m| m.traits.has(ids::REQUIRED))
                .cloned()
                .collect(),
        ),
        Some(ShapeKind::Union(members)) => (false, members.clone()),
        _ => (true, Vec::new()),
    }
}

/// Whether a member's target has a value, given the aggregates known to
/// have one.
fn has_value(model: &Model, inhabited: &BTreeSet<ShapeId>, target: &ShapeId) -> bool {
    target.is_unit()
        || inhabited.contains(target)
        || !matches!(
            model.get(target).map(|s| &s.kind),
            Some(ShapeKind::Structure(_) | ShapeKind::Union(_))
        )
        || is_empty_union(model, target)
}

/// The aggregates that have a value: a structure once all its required
/// members' targets do, a union once any member's target does, until
/// nothing changes (the least fixed point, so a cycle alone proves nothing).
fn inhabited(model: &Model, aggregates: &[&ShapeId]) -> BTreeSet<ShapeId> {
    let mut inhabited = BTreeSet::new();
    loop {
        let mut changed = false;
        for id in aggregates {
            if inhabited.contains(*id) {
                continue;
            }
            let (all, members) = needed(model, id);
            let mut targets = members
                .iter()
                .map(|m| has_value(model, &inhabited, &m.target));
            let has = if all {
                targets.all(|t| t)
            } else {
                targets.any(|t| t)
            };
            if has {
                inhabited.insert((*id).clone());
                changed = true;
            }
        }
        if !changed {
            return inhabited;
        }
    }
}

/// From a shape with no value, the first member (in model order) that has
/// none either, followed until a shape repeats: the cycle, as (shape,
/// member) steps, rotated to start at its least shape ID.
fn cycle_from(
    model: &Model,
    inhabited: &BTreeSet<ShapeId>,
    start: &ShapeId,
) -> Option<Vec<(ShapeId, ShapeId)>> {
    let mut path: Vec<(ShapeId, ShapeId)> = Vec::new();
    let mut current = start.clone();
    loop {
        if let Some(at) = path.iter().position(|(shape, _)| *shape == current) {
            let mut cycle = path.split_off(at);
            let least = cycle
                .iter()
                .enumerate()
                .min_by(|a, b| a.1 .0.cmp(&b.1 .0))
                .map_or(0, |(i, _)| i);
            cycle.rotate_left(least);
            return Some(cycle);
        }
        let (_, members) = needed(model, &current);
        let member = members
            .iter()
            .find(|m| !has_value(model, inhabited, &m.target))?;
        path.push((current, member.id.clone()));
        current = member.target.clone();
    }
}
