//! Rewrites the field names of an expression, written with a model's member
//! names, to the keys of the JSON it is evaluated over. In restJson1 a
//! member with `@jsonName` is written under another key, and the same name
//! can be renamed in one structure and not in another, so the walk follows
//! the data: each field is looked up in the scope the expression is at there.

use std::ops::Range;

use super::ast::{Node, NodeKind};
use super::FieldScope;

/// The replacements for the fields of `node`, evaluated at `scope`, and the
/// scope of its result.
pub(super) fn walk<S: FieldScope>(
    node: &Node,
    scope: &S,
    renames: &mut Vec<(Range<usize>, String)>,
) -> Result<S, String> {
    Ok(match &node.kind {
        NodeKind::Current => scope.clone(),
        NodeKind::Field { name, span } => {
            let (key, inner) = scope.field(name)?;
            if key != *name {
                renames.push((span.clone(), key));
            }
            inner
        }
        NodeKind::Subexpression(lhs, rhs) | NodeKind::Pipe(lhs, rhs) => {
            let left = walk(lhs, scope, renames)?;
            walk(rhs, &left, renames)?
        }
        NodeKind::Index(_) => scope.element(),
        NodeKind::Literal(_) => S::unknown(),
        NodeKind::ListProjection(lhs, rhs) | NodeKind::ObjectProjection(lhs, rhs) => {
            let element = walk(lhs, scope, renames)?.element();
            S::list_of(walk(rhs, &element, renames)?)
        }
        NodeKind::Flatten(inner) => {
            let list = walk(inner, scope, renames)?;
            let element = list.element();
            // A list of lists merges one level; any other list stays.
            if element.is_list() {
                element
            } else {
                list
            }
        }
        NodeKind::FilterProjection {
            lhs,
            condition,
            rhs,
        } => {
            let element = walk(lhs, scope, renames)?.element();
            walk(condition, &element, renames)?;
            S::list_of(walk(rhs, &element, renames)?)
        }
        NodeKind::Compare(_, lhs, rhs) | NodeKind::And(lhs, rhs) | NodeKind::Or(lhs, rhs) => {
            walk(lhs, scope, renames)?;
            walk(rhs, scope, renames)?;
            S::unknown()
        }
        NodeKind::Not(inner) => {
            walk(inner, scope, renames)?;
            S::unknown()
        }
        NodeKind::Call(_, args) => {
            for arg in args {
                walk(arg, scope, renames)?;
            }
            S::unknown()
        }
    })
}

/// `source` with each span replaced by its key, written as an identifier
/// when it is one and as a quoted identifier otherwise.
pub(super) fn apply(source: &str, mut renames: Vec<(Range<usize>, String)>) -> String {
    renames.sort_by_key(|(span, _)| span.start);
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for (span, key) in renames {
        out.push_str(source.get(at..span.start).unwrap_or(""));
        out.push_str(&identifier(&key));
        at = span.end;
    }
    out.push_str(source.get(at..).unwrap_or(""));
    out
}

fn identifier(key: &str) -> String {
    let plain = key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        key.to_owned()
    } else {
        serde_json::Value::String(key.to_owned()).to_string()
    }
}
