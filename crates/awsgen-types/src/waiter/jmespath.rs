//! The JMESPath subset that waiter acceptors use, over `serde_json::Value`.
//!
//! Supported: identifiers (bare and `"quoted"`), sub-expressions `a.b`,
//! indexes `[0]` and `[-1]`, flatten `[]`, wildcards `[*]` and `*`, filters
//! `[?expr]`, pipes `a | b`, comparators `==` `!=` `<` `<=` `>` `>=`, `&&`,
//! `||`, `!`, parentheses, `` `json` `` literals, `'raw strings'`, `@`, and the
//! functions `length`, `contains` and `keys`. Anything else (slices, multi-selects,
//! other functions) is a parse error that says so, never a silent mismatch.
//!
//! ```
//! use awsgen_types::waiter::jmespath;
//! use serde_json::json;
//!
//! let expression = jmespath::parse("images[?status == 'FAILED'].id")?;
//! let output = json!({"images": [{"id": "a", "status": "FAILED"}, {"id": "b", "status": "OK"}]});
//! assert_eq!(expression.evaluate(&output), json!(["a"]));
//! # Ok::<(), jmespath::JmespathError>(())
//! ```

use std::fmt;

use serde_json::Value;

mod ast;
mod eval;
mod lexer;
mod parser;
mod rename;
#[cfg(test)]
mod rename_tests;
#[cfg(test)]
mod tests;

/// The deepest expression tree (and parser recursion) accepted. Waiter paths
/// are a handful of levels deep; the bound keeps hostile input from
/// exhausting the stack of the parser or the evaluator.
pub const MAX_DEPTH: usize = 64;

/// A parsed expression, ready to evaluate any number of times.
#[derive(Clone, Debug, PartialEq)]
pub struct Expression {
    source: String,
    root: ast::Node,
}

/// Parses `source`. Errors name the byte offset and what is wrong.
pub fn parse(source: &str) -> Result<Expression, JmespathError> {
    let tokens = lexer::tokenize(source)?;
    let root = parser::parse(tokens)?;
    Ok(Expression {
        source: source.to_owned(),
        root,
    })
}

impl Expression {
    /// Evaluates the expression over `value`. Never fails: a type mismatch
    /// (a field of a string, `length` of a number) gives `null`.
    pub fn evaluate(&self, value: &Value) -> Value {
        eval::evaluate(&self.root, value)
    }

    /// The text the expression was parsed from.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The expression's text with each field renamed to the key it has in
    /// the JSON the expression will be evaluated over, as `root` and the
    /// scopes it leads to say; the rest of the text is kept as written. A
    /// generator calls this with its model's shapes, because a model's paths
    /// name members while the JSON (restJson1's, with `@jsonName`) may use
    /// other keys. Fails with the scope's reason for a field it refuses.
    ///
    /// ```
    /// use awsgen_types::waiter::jmespath::{self, FieldScope};
    ///
    /// /// `items` is written `item`, at the top level only.
    /// #[derive(Clone)]
    /// struct Top(bool);
    /// impl FieldScope for Top {
    ///     fn field(&self, name: &str) -> Result<(String, Self), String> {
    ///         let key = if self.0 && name == "items" { "item" } else { name };
    ///         Ok((key.to_owned(), Top(false)))
    ///     }
    ///     fn element(&self) -> Self { Top(false) }
    ///     fn is_list(&self) -> bool { false }
    ///     fn list_of(_: Self) -> Self { Top(false) }
    ///     fn unknown() -> Self { Top(false) }
    /// }
    ///
    /// let expression = jmespath::parse("items[?items == 'x'].items")?;
    /// assert_eq!(expression.rename_fields(&Top(true)).unwrap(), "item[?items == 'x'].items");
    /// # Ok::<(), jmespath::JmespathError>(())
    /// ```
    pub fn rename_fields<S: FieldScope>(&self, root: &S) -> Result<String, String> {
        let mut renames = Vec::new();
        rename::walk(&self.root, root, &mut renames)?;
        Ok(rename::apply(&self.source, renames))
    }
}

/// What an expression reads at some point, as far as field names go: the
/// JSON key each field is written under and what its value is. Implemented
/// by a generator over its model's shapes for [`Expression::rename_fields`].
pub trait FieldScope: Clone {
    /// The field `name` (as the model names it) of a value of this scope:
    /// its JSON key and the scope of its value. `Err` says why there is no
    /// such field (a name that is not a member of a structure, say); a value
    /// whose keys are data (a map, a document) keeps every name.
    fn field(&self, name: &str) -> Result<(String, Self), String>;
    /// An element of a list of this scope (for `*`, a value of a map or
    /// structure of this scope).
    fn element(&self) -> Self;
    /// Whether values of this scope are lists (`[]` merges lists of lists).
    fn is_list(&self) -> bool;
    /// A list whose elements have the scope `element` (what a projection gives).
    fn list_of(element: Self) -> Self;
    /// A value nothing is known about (a literal, what a function or a
    /// comparison gives): its fields keep their names.
    fn unknown() -> Self;
}

impl std::str::FromStr for Expression {
    type Err = JmespathError;

    fn from_str(source: &str) -> Result<Self, Self::Err> {
        parse(source)
    }
}

impl fmt::Display for Expression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

/// Whether a value is truthy in JMESPath: everything except `false`, `null`
/// and empty strings, arrays and objects.
pub fn is_truthy(value: &Value) -> bool {
    eval::is_truthy(value)
}

/// Why an expression could not be parsed, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JmespathError {
    position: usize,
    kind: JmespathErrorKind,
}

impl JmespathError {
    fn new(position: usize, kind: JmespathErrorKind) -> Self {
        JmespathError { position, kind }
    }

    /// The byte offset in the expression where the problem starts.
    pub fn position(&self) -> usize {
        self.position
    }

    /// What is wrong.
    pub fn kind(&self) -> &JmespathErrorKind {
        &self.kind
    }
}

/// What is wrong with an expression.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum JmespathErrorKind {
    /// A character that starts no token.
    UnexpectedCharacter(char),
    /// A quoted identifier, raw string or literal with no closing delimiter.
    Unterminated(char),
    /// An index that does not fit in an `i64`.
    InvalidNumber(String),
    /// A `"quoted identifier"` that is not a valid JSON string.
    InvalidQuotedIdentifier(String),
    /// A `` `literal` `` that is not valid JSON.
    InvalidLiteral(String),
    /// A token where the grammar needs something else.
    UnexpectedToken {
        /// The token found, as it reads.
        found: String,
        /// What the grammar needed there.
        expected: &'static str,
    },
    /// A function other than `length`, `contains` and `keys`.
    UnsupportedFunction(String),
    /// A supported function called with the wrong number of arguments.
    WrongArgumentCount {
        /// The function.
        function: &'static str,
        /// The arguments it takes.
        expected: usize,
        /// The arguments given.
        found: usize,
    },
    /// JMESPath syntax outside the supported subset.
    Unsupported(&'static str),
    /// The expression nests deeper than [`MAX_DEPTH`].
    TooDeep {
        /// The limit.
        limit: usize,
    },
}

impl fmt::Display for JmespathErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JmespathErrorKind::UnexpectedCharacter(c) => write!(f, "unexpected character {c:?}"),
            JmespathErrorKind::Unterminated(delimiter) => {
                write!(f, "no closing {delimiter} for the text opened here")
            }
            JmespathErrorKind::InvalidNumber(text) => {
                write!(f, "the number `{text}` does not fit in 64 bits")
            }
            JmespathErrorKind::InvalidQuotedIdentifier(reason) => {
                write!(f, "invalid quoted identifier: {reason}")
            }
            JmespathErrorKind::InvalidLiteral(reason) => {
                write!(f, "the literal is not valid JSON: {reason}")
            }
            JmespathErrorKind::UnexpectedToken { found, expected } => {
                write!(f, "expected {expected}, found {found}")
            }
            JmespathErrorKind::UnsupportedFunction(name) => write!(
                f,
                "unsupported function `{name}` (only `length`, `contains` and `keys` are supported)"
            ),
            JmespathErrorKind::WrongArgumentCount {
                function,
                expected,
                found,
            } => write!(
                f,
                "`{function}` takes {expected} argument(s), {found} given"
            ),
            JmespathErrorKind::Unsupported(what) => write!(f, "{what} are not supported"),
            JmespathErrorKind::TooDeep { limit } => {
                write!(f, "the expression nests deeper than {limit} levels")
            }
        }
    }
}

impl fmt::Display for JmespathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at offset {}", self.kind, self.position)
    }
}

impl std::error::Error for JmespathError {}
