//! Which members must be boxed. Rule (stable and independent of traversal
//! order): a member of a structure or union is boxed when its target is a
//! structure or union from which the containing shape can be reached again
//! through structure/union members alone. Lists and maps already put their
//! items on the heap, so they break cycles by themselves.

use std::collections::BTreeSet;

use crate::lower::Lowerer;
use crate::model::{Member, ShapeKind};
use crate::shape_id::ShapeId;

impl Lowerer<'_> {
    pub(super) fn needs_box(&self, container: &ShapeId, member: &Member) -> bool {
        if !self.is_aggregate(&member.target) {
            return false;
        }
        let mut seen = BTreeSet::new();
        let mut pending = vec![member.target.clone()];
        while let Some(id) = pending.pop() {
            if &id == container {
                return true;
            }
            if !seen.insert(id.clone()) {
                continue;
            }
            let Some(shape) = self.model.get(&id) else {
                continue;
            };
            if let ShapeKind::Structure(members) | ShapeKind::Union(members) = &shape.kind {
                pending.extend(
                    members
                        .iter()
                        .filter(|m| self.is_aggregate(&m.target))
                        .map(|m| m.target.clone()),
                );
            }
        }
        false
    }

    fn is_aggregate(&self, id: &ShapeId) -> bool {
        matches!(
            self.model.get(id).map(|s| &s.kind),
            Some(ShapeKind::Structure(_) | ShapeKind::Union(_))
        )
    }
}
