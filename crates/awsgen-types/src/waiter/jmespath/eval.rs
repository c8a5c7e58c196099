//! Evaluates a parsed expression over a JSON value. Evaluation never fails:
//! where JMESPath would raise a type error (`length(5)`, `'a' < 'b'`) the
//! result is `null`, which no waiter comparator matches.

use serde_json::{Map, Number, Value};

use super::ast::{Function, Node, NodeKind};
use super::lexer::CompareOp;

/// Recursion follows the tree, whose depth the parser bounded.
pub(super) fn evaluate(node: &Node, current: &Value) -> Value {
    match &node.kind {
        NodeKind::Current => current.clone(),
        NodeKind::Field { name, .. } => current.get(name).cloned().unwrap_or(Value::Null),
        NodeKind::Index(index) => element(current, *index),
        NodeKind::Literal(value) => value.clone(),
        NodeKind::Subexpression(lhs, rhs) | NodeKind::Pipe(lhs, rhs) => {
            evaluate(rhs, &evaluate(lhs, current))
        }
        NodeKind::ListProjection(lhs, rhs) => match evaluate(lhs, current) {
            Value::Array(items) => project(items.iter(), rhs),
            _ => Value::Null,
        },
        NodeKind::ObjectProjection(lhs, rhs) => match evaluate(lhs, current) {
            Value::Object(members) => project(members.values(), rhs),
            _ => Value::Null,
        },
        NodeKind::Flatten(inner) => match evaluate(inner, current) {
            Value::Array(items) => Value::Array(flatten(items)),
            _ => Value::Null,
        },
        NodeKind::FilterProjection {
            lhs,
            condition,
            rhs,
        } => match evaluate(lhs, current) {
            Value::Array(items) => project(
                items
                    .iter()
                    .filter(|item| is_truthy(&evaluate(condition, item))),
                rhs,
            ),
            _ => Value::Null,
        },
        NodeKind::Compare(op, lhs, rhs) => {
            compare(*op, &evaluate(lhs, current), &evaluate(rhs, current))
        }
        NodeKind::And(lhs, rhs) => {
            let left = evaluate(lhs, current);
            if is_truthy(&left) {
                evaluate(rhs, current)
            } else {
                left
            }
        }
        NodeKind::Or(lhs, rhs) => {
            let left = evaluate(lhs, current);
            if is_truthy(&left) {
                left
            } else {
                evaluate(rhs, current)
            }
        }
        NodeKind::Not(inner) => Value::Bool(!is_truthy(&evaluate(inner, current))),
        NodeKind::Call(function, args) => {
            let args: Vec<Value> = args.iter().map(|arg| evaluate(arg, current)).collect();
            call(*function, &args)
        }
    }
}

fn element(current: &Value, index: i64) -> Value {
    let Value::Array(items) = current else {
        return Value::Null;
    };
    let position = if index < 0 {
        usize::try_from(index.unsigned_abs())
            .ok()
            .and_then(|back| items.len().checked_sub(back))
    } else {
        usize::try_from(index).ok()
    };
    position
        .and_then(|i| items.get(i))
        .cloned()
        .unwrap_or(Value::Null)
}

/// `rhs` on each element, keeping the non-null results.
fn project<'a>(items: impl Iterator<Item = &'a Value>, rhs: &Node) -> Value {
    Value::Array(
        items
            .map(|item| evaluate(rhs, item))
            .filter(|value| !value.is_null())
            .collect(),
    )
}

fn flatten(items: Vec<Value>) -> Vec<Value> {
    let mut flat = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Value::Array(inner) => flat.extend(inner),
            other => flat.push(other),
        }
    }
    flat
}

/// JMESPath truthiness: `false`, `null` and empty strings, arrays and objects are false.
pub(super) fn is_truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::String(s) => !s.is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Object(members) => !members.is_empty(),
        Value::Number(_) => true,
    }
}

fn compare(op: CompareOp, left: &Value, right: &Value) -> Value {
    match op {
        CompareOp::Equal => Value::Bool(json_equal(left, right)),
        CompareOp::NotEqual => Value::Bool(!json_equal(left, right)),
        ordering => {
            let (Value::Number(l), Value::Number(r)) = (left, right) else {
                return Value::Null;
            };
            let Some(order) = number_order(l, r) else {
                return Value::Null;
            };
            Value::Bool(match ordering {
                CompareOp::Less => order.is_lt(),
                CompareOp::LessOrEqual => order.is_le(),
                CompareOp::Greater => order.is_gt(),
                _ => order.is_ge(),
            })
        }
    }
}

/// Deep equality in which numbers compare by value (`1 == 1.0`), which
/// `serde_json::Value`'s own `==` does not do.
fn json_equal(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Number(l), Value::Number(r)) => number_order(l, r).is_some_and(|o| o.is_eq()),
        (Value::Array(l), Value::Array(r)) => {
            l.len() == r.len() && l.iter().zip(r).all(|(a, b)| json_equal(a, b))
        }
        (Value::Object(l), Value::Object(r)) => objects_equal(l, r),
        _ => left == right,
    }
}

fn objects_equal(left: &Map<String, Value>, right: &Map<String, Value>) -> bool {
    left.len() == right.len()
        && left
            .iter()
            .all(|(key, value)| right.get(key).is_some_and(|other| json_equal(value, other)))
}

/// Integers compare exactly; anything else compares as `f64`.
fn number_order(left: &Number, right: &Number) -> Option<std::cmp::Ordering> {
    let as_integer = |n: &Number| {
        n.as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from))
    };
    match (as_integer(left), as_integer(right)) {
        (Some(l), Some(r)) => Some(l.cmp(&r)),
        _ => left.as_f64()?.partial_cmp(&right.as_f64()?),
    }
}

fn call(function: Function, args: &[Value]) -> Value {
    match (function, args) {
        (Function::Length, [subject]) => match subject {
            Value::String(s) => Value::from(s.chars().count()),
            Value::Array(items) => Value::from(items.len()),
            Value::Object(members) => Value::from(members.len()),
            _ => Value::Null,
        },
        (Function::Contains, [subject, search]) => match (subject, search) {
            (Value::Array(items), _) => {
                Value::Bool(items.iter().any(|item| json_equal(item, search)))
            }
            (Value::String(s), Value::String(needle)) => Value::Bool(s.contains(needle.as_str())),
            _ => Value::Null,
        },
        (Function::Keys, [Value::Object(members)]) => {
            Value::Array(members.keys().cloned().map(Value::String).collect())
        }
        // The parser checked the arity; keep evaluation total anyway.
        _ => Value::Null,
    }
}
