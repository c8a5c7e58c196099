//! The parsed form of an expression. Every node knows its depth, so the
//! parser can refuse trees deep enough to threaten the evaluator's stack.

use std::ops::Range;

use serde_json::Value;

use super::lexer::CompareOp;

/// A node and the depth of the tree below it (a leaf has depth 1).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Node {
    pub(super) kind: NodeKind,
    pub(super) depth: usize,
}

/// The supported JMESPath functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Function {
    /// `length(subject)`: characters of a string, elements of an array, keys of an object.
    Length,
    /// `contains(subject, search)`: an array element or a substring.
    Contains,
    /// `keys(object)`: the member names of an object (DynamoDB's
    /// `operationContextParams` use it).
    Keys,
}

impl Function {
    pub(super) fn by_name(name: &str) -> Option<Function> {
        match name {
            "length" => Some(Function::Length),
            "contains" => Some(Function::Contains),
            "keys" => Some(Function::Keys),
            _ => None,
        }
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            Function::Length => "length",
            Function::Contains => "contains",
            Function::Keys => "keys",
        }
    }

    pub(super) fn arity(self) -> usize {
        match self {
            Function::Length | Function::Keys => 1,
            Function::Contains => 2,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum NodeKind {
    /// `@`: the value being evaluated.
    Current,
    /// A field of an object; `span` is where its identifier is in the
    /// source (for [`Expression::rename_fields`](super::Expression::rename_fields)).
    Field {
        name: String,
        span: Range<usize>,
    },
    /// `lhs.rhs` (and `lhs[0]`): `rhs` evaluated on the result of `lhs`.
    Subexpression(Box<Node>, Box<Node>),
    /// An array element; negative counts from the end.
    Index(i64),
    /// A `` `json` `` literal or a `'raw string'`.
    Literal(Value),
    /// `lhs[*].rhs`: `rhs` on every element of an array, nulls dropped.
    ListProjection(Box<Node>, Box<Node>),
    /// `lhs.*.rhs`: `rhs` on every value of an object, nulls dropped.
    ObjectProjection(Box<Node>, Box<Node>),
    /// `lhs[]`: an array with nested arrays merged one level.
    Flatten(Box<Node>),
    /// `lhs[?condition].rhs`: `rhs` on every element where `condition` is truthy.
    FilterProjection {
        lhs: Box<Node>,
        condition: Box<Node>,
        rhs: Box<Node>,
    },
    Compare(CompareOp, Box<Node>, Box<Node>),
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
    Not(Box<Node>),
    /// `lhs | rhs`: like a sub-expression, but stops a projection.
    Pipe(Box<Node>, Box<Node>),
    Call(Function, Vec<Node>),
}

impl NodeKind {
    fn children(&self) -> Vec<&Node> {
        match self {
            NodeKind::Current
            | NodeKind::Field { .. }
            | NodeKind::Index(_)
            | NodeKind::Literal(_) => Vec::new(),
            NodeKind::Flatten(inner) | NodeKind::Not(inner) => vec![inner],
            NodeKind::Subexpression(lhs, rhs)
            | NodeKind::ListProjection(lhs, rhs)
            | NodeKind::ObjectProjection(lhs, rhs)
            | NodeKind::Compare(_, lhs, rhs)
            | NodeKind::And(lhs, rhs)
            | NodeKind::Or(lhs, rhs)
            | NodeKind::Pipe(lhs, rhs) => vec![lhs, rhs],
            NodeKind::FilterProjection {
                lhs,
                condition,
                rhs,
            } => vec![lhs, condition, rhs],
            NodeKind::Call(_, args) => args.iter().collect(),
        }
    }
}

impl Node {
    /// Wraps `kind`, computing its depth from its (already built) children.
    pub(super) fn new(kind: NodeKind) -> Node {
        let depth = 1 + kind
            .children()
            .iter()
            .map(|child| child.depth)
            .max()
            .unwrap_or(0);
        Node { kind, depth }
    }
}
