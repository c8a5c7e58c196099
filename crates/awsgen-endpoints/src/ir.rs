//! The checked form of a rule set that evaluation runs on.
//!
//! Every name is already resolved to a slot (parameters first, then one slot
//! per `assign`), every function is known with the right number of
//! arguments, and every template and attribute path is parsed. Locations are
//! kept only for error messages.

use crate::functions::Func;
use crate::path::PathPart;

/// Index into the evaluator's value slots.
pub(crate) type Slot = usize;

#[derive(Debug)]
pub(crate) struct Rule {
    pub conditions: Vec<Condition>,
    pub outcome: Outcome,
}

#[derive(Debug)]
pub(crate) struct Condition {
    pub test: Expr,
    /// Where the result is bound for the rest of the rule, if `assign` is set.
    pub assign: Option<Slot>,
}

#[derive(Debug)]
pub(crate) enum Outcome {
    Endpoint(EndpointSpec),
    Error {
        message: Expr,
        location: Box<str>,
    },
    Tree {
        rules: Vec<Rule>,
        location: Box<str>,
    },
}

#[derive(Debug)]
pub(crate) struct EndpointSpec {
    pub url: Expr,
    pub url_location: Box<str>,
    pub headers: Vec<Header>,
    pub properties: Vec<(String, Property)>,
}

#[derive(Debug)]
pub(crate) struct Header {
    pub name: String,
    pub values: Vec<Expr>,
    pub location: Box<str>,
}

/// An endpoint property: an open JSON document whose strings are templates.
#[derive(Debug)]
pub(crate) enum Property {
    Template(Template),
    /// Numbers, booleans and null are kept as written.
    Literal(serde_json::Value),
    Array(Vec<Property>),
    Object(Vec<(String, Property)>),
}

#[derive(Debug)]
pub(crate) enum Expr {
    /// A string literal without placeholders, braces already unescaped.
    Str(Box<str>),
    Template(Template),
    Bool(bool),
    Int(i64),
    Array {
        items: Vec<Expr>,
        location: Box<str>,
    },
    Ref(VarRef),
    /// `getAttr(target, "path")`.
    GetAttr {
        target: Box<Expr>,
        path: Box<[PathPart]>,
        location: Box<str>,
    },
    Call(Call),
}

#[derive(Debug)]
pub(crate) struct Call {
    pub func: Func,
    pub args: Vec<Expr>,
    pub location: Box<str>,
}

#[derive(Debug)]
pub(crate) struct VarRef {
    pub slot: Slot,
    pub name: Box<str>,
}

#[derive(Debug)]
pub(crate) struct Template {
    pub pieces: Vec<TemplatePiece>,
    pub location: Box<str>,
}

#[derive(Debug)]
pub(crate) enum TemplatePiece {
    Text(Box<str>),
    /// A `{Var}` or `{Var#path}` placeholder, as a `Ref` or `GetAttr` expression.
    Value {
        expr: Expr,
        written: Box<str>,
    },
}
