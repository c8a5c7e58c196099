//! Errors from loading a rule set and from resolving an endpoint.
//!
//! Locations are JSON paths into the rule set document, such as
//! `rules[1].rules[0].conditions[2].argv[0]`, so a message points at the
//! exact node that is wrong.

/// A rule set document that cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RuleSetError {
    /// The document is not JSON or does not have the rule set's shape.
    #[error("endpoint rule set does not match the rule set schema: {0}")]
    Schema(#[from] serde_json::Error),
    /// The `version` is not one this engine implements.
    #[error("endpoint rule set version `{version}` is not supported (supported: 1.0 to 1.3)")]
    UnsupportedVersion {
        /// The version string found in the document.
        version: String,
    },
    /// A parameter definition is inconsistent.
    #[error("endpoint parameter `{name}` is invalid: {reason}")]
    InvalidParameter {
        /// The parameter's name.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A function name that neither the standard nor the AWS library defines.
    #[error("unknown rules-engine function `{function}` at {location}")]
    UnknownFunction {
        /// The function name as written.
        function: String,
        /// Where the call is.
        location: String,
    },
    /// A function called with the wrong number of arguments.
    #[error("function `{function}` at {location} takes {expected} argument(s), got {found}")]
    ArgumentCount {
        /// The function name.
        function: &'static str,
        /// How many it takes.
        expected: usize,
        /// How many were given.
        found: usize,
        /// Where the call is.
        location: String,
    },
    /// An argument that is malformed regardless of parameter values.
    #[error("argument {position} of `{function}` at {location} is invalid: {reason}")]
    InvalidArgument {
        /// The function name.
        function: &'static str,
        /// Zero-based argument position.
        position: usize,
        /// What is wrong.
        reason: String,
        /// Where the call is.
        location: String,
    },
    /// A reference (or template variable) to a name that is not in scope there.
    #[error(
        "`{name}` at {location} is neither a parameter nor a variable assigned earlier in scope"
    )]
    UndefinedReference {
        /// The referenced name.
        name: String,
        /// Where the reference is.
        location: String,
    },
    /// An `assign` that reuses a parameter name or a variable already in scope.
    #[error("`assign: {name}` at {location} reuses a name that is already in scope")]
    Shadowing {
        /// The assigned name.
        name: String,
        /// Where the condition is.
        location: String,
    },
    /// A template string with unbalanced or malformed `{...}` placeholders.
    #[error("template {template:?} at {location} is invalid: {reason}")]
    InvalidTemplate {
        /// The template as written.
        template: String,
        /// What is wrong.
        reason: String,
        /// Where the template is.
        location: String,
    },
    /// A tree rule (or the rule set) with no rules in it.
    #[error("{location} has no rules")]
    EmptyRules {
        /// The tree rule's location, or `rules` for the top level.
        location: String,
    },
}

/// Why a rule set could not resolve an endpoint for the given parameters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResolveError {
    /// An error rule matched; this is the rule set's own message.
    #[error("{0}")]
    Rule(String),
    /// A required parameter without a default was not given.
    #[error("endpoint parameter `{name}` is required but was not set")]
    MissingParameter {
        /// The parameter's name.
        name: String,
    },
    /// A value was given for a name the rule set does not define.
    #[error("`{name}` is not a parameter of this endpoint rule set")]
    UnknownParameter {
        /// The name as given.
        name: String,
    },
    /// A parameter value of the wrong type.
    #[error("endpoint parameter `{name}` must be a {expected}, got a {found}")]
    ParameterType {
        /// The parameter's name.
        name: String,
        /// The declared type.
        expected: &'static str,
        /// The type of the value given.
        found: &'static str,
    },
    /// Every rule of a tree (or of the rule set) failed its conditions.
    #[error("no rule matched at {location}: rules exhausted")]
    Exhausted {
        /// The exhausted tree rule, or `rules` for the top level.
        location: String,
    },
    /// A function received a value of the wrong type (a defect in the rule set).
    #[error(
        "argument {position} of `{function}` at {location} must be a {expected}, got a {found}"
    )]
    ArgumentType {
        /// The function name.
        function: &'static str,
        /// Zero-based argument position.
        position: usize,
        /// The type the function needs.
        expected: &'static str,
        /// The type it got.
        found: &'static str,
        /// Where the call is.
        location: String,
    },
    /// `getAttr` (or a `{Var#path}` template) named a field its value does not have.
    #[error("`{attribute}` is not an attribute of a {found} (at {location})")]
    UnknownAttribute {
        /// The attribute name.
        attribute: String,
        /// The type of the value it was read from.
        found: &'static str,
        /// Where the access is.
        location: String,
    },
    /// A template, URL, header or error message needed a value that was not set.
    #[error("{location} uses `{name}`, which has no value here")]
    UnsetValue {
        /// The variable (with its attribute path, if any).
        name: String,
        /// Where it is used.
        location: String,
    },
    /// A URL, header value or error message that did not evaluate to a string.
    #[error("{location} must evaluate to a string, got a {found}")]
    NotAString {
        /// Where the expression is.
        location: String,
        /// The type it produced.
        found: &'static str,
    },
    /// The built-in partition table is unusable (a defect in this crate).
    #[error("built-in partition `{partition}` is invalid: {reason}")]
    PartitionTable {
        /// The partition id.
        partition: &'static str,
        /// What is wrong.
        reason: String,
    },
}
