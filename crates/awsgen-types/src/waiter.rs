//! Waiters (`smithy.waiters#waitable`): the static definition a generator
//! emits per waiter, and the pure parts of the waiter workflow (acceptor
//! matching and the retry schedule). The polling loop lives in the transport.

use std::fmt;

mod acceptors;
pub mod jmespath;
mod schedule;

#[cfg(test)]
mod acceptor_tests;
#[cfg(test)]
mod schedule_tests;

pub use acceptors::{
    match_acceptors, AcceptorError, AcceptorMatch, AcceptorProblem, AcceptorSet, PollOutcome,
};
pub use schedule::{RetrySchedule, ScheduleError};

/// One waiter of an operation, as written in the model.
#[derive(Debug)]
#[non_exhaustive]
pub struct WaiterDefinition {
    /// The waiter's name in the model, e.g. `ImageScanComplete`.
    pub name: &'static str,
    /// The operation polled, e.g. `DescribeImageScanFindings`.
    pub operation: &'static str,
    /// `minDelay` in seconds (at least 1).
    pub min_delay_secs: u64,
    /// `maxDelay` in seconds (at least `min_delay_secs`).
    pub max_delay_secs: u64,
    /// The acceptors, tried in model order; the first match decides.
    pub acceptors: &'static [Acceptor],
}

impl WaiterDefinition {
    /// Creates a definition; used by generated code (the struct is non-exhaustive).
    pub const fn new(
        name: &'static str,
        operation: &'static str,
        min_delay_secs: u64,
        max_delay_secs: u64,
        acceptors: &'static [Acceptor],
    ) -> Self {
        WaiterDefinition {
            name,
            operation,
            min_delay_secs,
            max_delay_secs,
            acceptors,
        }
    }
}

/// The state an acceptor moves the waiter to when it matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AcceptorState {
    /// Stop waiting: the resource reached the wanted state.
    Success,
    /// Stop waiting: the resource can no longer reach the wanted state.
    Failure,
    /// Poll again after a delay.
    Retry,
}

/// An acceptor: when `matcher` matches, the waiter moves to `state`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Acceptor {
    /// The state to move to.
    pub state: AcceptorState,
    /// What must hold.
    pub matcher: Matcher,
}

/// What an acceptor looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Matcher {
    /// A JMESPath expression over the output as serialized to JSON (keys are
    /// wire names: the member names, or restJson1's `@jsonName`s, to which
    /// the generator rewrites the model's paths; timestamps as epoch
    /// seconds); only a successful call can match.
    Output(PathMatcher),
    /// A JMESPath expression over `{"input": ..., "output": ...}`; only a
    /// successful call can match.
    InputOutput(PathMatcher),
    /// `true` matches any successful call, `false` any error.
    Success(bool),
    /// Matches an error whose code (the error shape's name) is this.
    ErrorType(&'static str),
}

/// A JMESPath expression, the value it is compared with, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PathMatcher {
    /// The JMESPath expression.
    pub path: &'static str,
    /// The expected value, as written in the model (`"true"`/`"false"` for
    /// `booleanEquals`).
    pub expected: &'static str,
    /// How the expression's result is compared with `expected`.
    pub comparator: Comparator,
}

/// The comparators of `smithy.waiters#PathComparator`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Comparator {
    /// The result is a string equal to `expected`.
    StringEquals,
    /// The result is a boolean equal to `expected`.
    BooleanEquals,
    /// The result is a non-empty list whose elements are all strings equal to `expected`.
    AllStringEquals,
    /// The result is a list with at least one string equal to `expected`.
    AnyStringEquals,
}

/// A waiter generated from the model: a marker type naming the polled
/// operation and the definition.
pub trait Waiter: Send + Sync + 'static {
    /// The operation the waiter polls.
    type Operation: crate::Operation;
    /// The model's definition of the waiter.
    const DEFINITION: &'static WaiterDefinition;
}

impl AcceptorState {
    /// The state as the model writes it: `success`, `failure` or `retry`.
    pub const fn as_str(self) -> &'static str {
        match self {
            AcceptorState::Success => "success",
            AcceptorState::Failure => "failure",
            AcceptorState::Retry => "retry",
        }
    }
}

impl fmt::Display for AcceptorState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Comparator {
    /// The comparator as the model writes it, e.g. `stringEquals`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Comparator::StringEquals => "stringEquals",
            Comparator::BooleanEquals => "booleanEquals",
            Comparator::AllStringEquals => "allStringEquals",
            Comparator::AnyStringEquals => "anyStringEquals",
        }
    }
}

impl fmt::Display for Comparator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `output path `a.b` stringEquals "X"`, `success true`, `errorType `Name``:
/// the matcher as the model states it, for error messages.
impl fmt::Display for Matcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Matcher::Output(path) => write!(f, "output {path}"),
            Matcher::InputOutput(path) => write!(f, "inputOutput {path}"),
            Matcher::Success(wanted) => write!(f, "success {wanted}"),
            Matcher::ErrorType(name) => write!(f, "errorType `{name}`"),
        }
    }
}

impl fmt::Display for PathMatcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "path `{}` {} {:?}",
            self.path, self.comparator, self.expected
        )
    }
}
