//! Acceptor matching: which acceptor, if any, a poll's result triggers.

use std::fmt;

use serde_json::Value;

use super::jmespath::{self, Expression, JmespathError};
use super::{AcceptorState, Comparator, Matcher, PathMatcher, WaiterDefinition};

/// What one poll of the operation gave, as the acceptors see it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PollOutcome<'a> {
    /// The call succeeded: its output as JSON, keyed by member names (pass
    /// `Value::Null` when [`AcceptorSet::reads_output`] is false).
    Output(&'a Value),
    /// The call failed: the error code (the error shape's name) when the
    /// service named one, `None` for transport errors and the like.
    Error(Option<&'a str>),
}

/// The acceptor that matched: its position in the definition (0-based),
/// the state it moves the waiter to, and its matcher.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct AcceptorMatch {
    /// Position of the acceptor in [`WaiterDefinition::acceptors`], from 0.
    pub index: usize,
    /// The acceptor's state.
    pub state: AcceptorState,
    /// The acceptor's matcher, as the model states it.
    pub matcher: Matcher,
}

/// A waiter's acceptors with their paths parsed and expected values checked,
/// ready to be matched against every poll.
#[derive(Clone, Debug)]
pub struct AcceptorSet {
    acceptors: Vec<CompiledAcceptor>,
}

#[derive(Clone, Debug)]
struct CompiledAcceptor {
    state: AcceptorState,
    matcher: Matcher,
    check: Check,
}

#[derive(Clone, Debug)]
enum Check {
    Path {
        over_input_and_output: bool,
        expression: Expression,
        expected: Expected,
    },
    Success(bool),
    /// The name part of the expected error type.
    ErrorType(&'static str),
}

#[derive(Clone, Debug)]
enum Expected {
    String(Comparator, &'static str),
    Bool(bool),
}

impl AcceptorSet {
    /// Parses every path and checks every expected value of `definition`.
    pub fn compile(definition: &WaiterDefinition) -> Result<AcceptorSet, AcceptorError> {
        let acceptors = definition
            .acceptors
            .iter()
            .enumerate()
            .map(|(index, acceptor)| {
                let check = compile_matcher(&acceptor.matcher)
                    .map_err(|problem| AcceptorError { index, problem })?;
                Ok(CompiledAcceptor {
                    state: acceptor.state,
                    matcher: acceptor.matcher,
                    check,
                })
            })
            .collect::<Result<Vec<_>, AcceptorError>>()?;
        Ok(AcceptorSet { acceptors })
    }

    /// Whether any acceptor reads the output (so the caller must serialize it).
    pub fn reads_output(&self) -> bool {
        self.acceptors
            .iter()
            .any(|a| matches!(a.check, Check::Path { .. }))
    }

    /// Whether any acceptor reads the input (`inputOutput` matchers).
    pub fn reads_input(&self) -> bool {
        self.acceptors.iter().any(|a| {
            matches!(
                a.check,
                Check::Path {
                    over_input_and_output: true,
                    ..
                }
            )
        })
    }

    /// The first acceptor, in model order, that matches this poll. `input` is
    /// the operation input as JSON (`Value::Null` when
    /// [`reads_input`](Self::reads_input) is false).
    pub fn first_match(&self, input: &Value, outcome: PollOutcome<'_>) -> Option<AcceptorMatch> {
        // Built on first use: only `inputOutput` matchers need it.
        let mut input_and_output: Option<Value> = None;
        self.acceptors
            .iter()
            .position(|acceptor| match (&acceptor.check, outcome) {
                (Check::Success(wanted), outcome) => {
                    *wanted == matches!(outcome, PollOutcome::Output(_))
                }
                (Check::ErrorType(wanted), PollOutcome::Error(code)) => {
                    code.is_some_and(|code| shape_name(code) == *wanted)
                }
                (Check::ErrorType(_), PollOutcome::Output(_)) => false,
                (Check::Path { .. }, PollOutcome::Error(_)) => false,
                (
                    Check::Path {
                        over_input_and_output,
                        expression,
                        expected,
                    },
                    PollOutcome::Output(output),
                ) => {
                    let subject = if *over_input_and_output {
                        &*input_and_output.get_or_insert_with(
                            || serde_json::json!({ "input": input, "output": output }),
                        )
                    } else {
                        output
                    };
                    expected.matches(&expression.evaluate(subject))
                }
            })
            .and_then(|index| {
                self.acceptors.get(index).map(|acceptor| AcceptorMatch {
                    index,
                    state: acceptor.state,
                    matcher: acceptor.matcher,
                })
            })
    }
}

/// Compiles `definition` and matches one poll: the one-shot form of
/// [`AcceptorSet::first_match`].
pub fn match_acceptors(
    definition: &WaiterDefinition,
    input: &Value,
    outcome: PollOutcome<'_>,
) -> Result<Option<AcceptorMatch>, AcceptorError> {
    Ok(AcceptorSet::compile(definition)?.first_match(input, outcome))
}

fn compile_matcher(matcher: &Matcher) -> Result<Check, AcceptorProblem> {
    Ok(match matcher {
        Matcher::Output(path) => compile_path(path, false)?,
        Matcher::InputOutput(path) => compile_path(path, true)?,
        Matcher::Success(wanted) => Check::Success(*wanted),
        Matcher::ErrorType(name) => {
            if shape_name(name).is_empty() {
                return Err(AcceptorProblem::EmptyErrorType);
            }
            Check::ErrorType(shape_name(name))
        }
    })
}

fn compile_path(path: &PathMatcher, over_input_and_output: bool) -> Result<Check, AcceptorProblem> {
    let expression = jmespath::parse(path.path).map_err(|error| AcceptorProblem::Path {
        path: path.path,
        error,
    })?;
    let expected = match path.comparator {
        Comparator::BooleanEquals => match path.expected {
            "true" => Expected::Bool(true),
            "false" => Expected::Bool(false),
            other => return Err(AcceptorProblem::NotABoolean(other)),
        },
        comparator => Expected::String(comparator, path.expected),
    };
    Ok(Check::Path {
        over_input_and_output,
        expression,
        expected,
    })
}

impl Expected {
    fn matches(&self, result: &Value) -> bool {
        match self {
            Expected::Bool(wanted) => result.as_bool() == Some(*wanted),
            Expected::String(Comparator::StringEquals, wanted) => result.as_str() == Some(*wanted),
            Expected::String(Comparator::AllStringEquals, wanted) => {
                result.as_array().is_some_and(|items| {
                    !items.is_empty() && items.iter().all(|item| item.as_str() == Some(*wanted))
                })
            }
            Expected::String(Comparator::AnyStringEquals, wanted) => result
                .as_array()
                .is_some_and(|items| items.iter().any(|item| item.as_str() == Some(*wanted))),
            // `BooleanEquals` always compiles to `Expected::Bool`.
            Expected::String(Comparator::BooleanEquals, _) => false,
        }
    }
}

/// The name part of a shape ID (`com.example#Name` -> `Name`); a bare name as is.
fn shape_name(id: &str) -> &str {
    id.rsplit_once('#').map_or(id, |(_, name)| name)
}

/// An acceptor of a waiter definition that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AcceptorError {
    /// Position of the acceptor in the definition, from 0.
    pub index: usize,
    /// What is wrong with it.
    pub problem: AcceptorProblem,
}

/// What is wrong with an acceptor.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AcceptorProblem {
    /// The path is not an expression of the supported JMESPath subset.
    Path {
        /// The path as written.
        path: &'static str,
        /// Why it does not parse.
        error: JmespathError,
    },
    /// A `booleanEquals` expected value other than `true` or `false`.
    NotABoolean(&'static str),
    /// An `errorType` with no name.
    EmptyErrorType,
}

impl fmt::Display for AcceptorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "acceptors[{}]: ", self.index)?;
        match &self.problem {
            AcceptorProblem::Path { path, error } => write!(f, "path `{path}`: {error}"),
            AcceptorProblem::NotABoolean(expected) => write!(
                f,
                "booleanEquals expects \"true\" or \"false\", not {expected:?}"
            ),
            AcceptorProblem::EmptyErrorType => f.write_str("errorType names no error"),
        }
    }
}

impl std::error::Error for AcceptorError {}
