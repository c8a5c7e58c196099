//! What a wait ends with: [`Waited`] when a success acceptor matched,
//! [`WaitError`] otherwise.

use std::fmt;
use std::time::Duration;

use awsgen_types::{Matcher, Operation};

use crate::error::CallError;

/// The result of one poll: the operation's output or the error of the call.
pub type PollResult<O> = Result<<O as Operation>::Output, CallError<<O as Operation>::Error>>;

/// A wait that reached a success acceptor.
pub struct Waited<O: Operation> {
    pub(crate) last: PollResult<O>,
    pub(crate) acceptor: usize,
    pub(crate) attempts: u32,
    pub(crate) elapsed: Duration,
}

impl<O: Operation> Waited<O> {
    /// The output of the last poll, when that poll succeeded (a success
    /// acceptor can also match an error, e.g. `errorType: NotFound` for a
    /// "resource deleted" waiter).
    pub fn output(&self) -> Option<&O::Output> {
        self.last.as_ref().ok()
    }

    /// The output of the last poll, by value.
    pub fn into_output(self) -> Option<O::Output> {
        self.last.ok()
    }

    /// The error of the last poll, when a success acceptor matched an error.
    pub fn error(&self) -> Option<&CallError<O::Error>> {
        self.last.as_ref().err()
    }

    /// The last poll's result, by value.
    pub fn into_result(self) -> PollResult<O> {
        self.last
    }

    /// Position (from 0) of the acceptor that matched.
    pub fn acceptor(&self) -> usize {
        self.acceptor
    }

    /// Polls made, including the last.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Time from the start of the wait to the end of the last poll.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }
}

impl<O: Operation> fmt::Debug for Waited<O>
where
    O::Output: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Waited")
            .field("last", &self.last)
            .field("acceptor", &self.acceptor)
            .field("attempts", &self.attempts)
            .field("elapsed", &self.elapsed)
            .finish()
    }
}

/// A wait that ended without reaching success.
///
/// `Display` names the waiter and says why it stopped: the failure acceptor
/// and its matcher, the call error no acceptor matched, the timeout, or the
/// invalid configuration. It never shows the input.
pub struct WaitError<O: Operation> {
    pub(crate) waiter: &'static str,
    pub(crate) kind: WaitErrorKind<O>,
    pub(crate) attempts: u32,
    pub(crate) elapsed: Duration,
}

/// Why a wait ended without success.
#[non_exhaustive]
pub enum WaitErrorKind<O: Operation> {
    /// An acceptor with the `failure` state matched: the resource can no
    /// longer reach the wanted state.
    Failure {
        /// Position (from 0) of the acceptor.
        acceptor: usize,
        /// Its matcher, as the model states it.
        matcher: Matcher,
        /// The poll it matched.
        last: PollResult<O>,
    },
    /// The call failed and no acceptor matched the error.
    Error(CallError<O::Error>),
    /// The total time allowed passed: no further poll fit, or the deadline
    /// came while a poll was in flight (that poll was cancelled and counts
    /// in the attempts).
    Timeout {
        /// The total time allowed.
        max_wait: Duration,
        /// The retry acceptor the last completed poll matched, or `None`
        /// when it matched none (or no poll completed).
        last_acceptor: Option<usize>,
        /// The last completed poll, if any.
        last: Option<PollResult<O>>,
    },
    /// The settings or the waiter definition are unusable; nothing was sent.
    InvalidConfig(crate::wait_config::WaiterConfigError),
    /// The input or an output could not be turned into JSON for the acceptors.
    Serialize {
        /// `"input"` or `"output"`.
        what: &'static str,
        /// The serializer's error.
        source: serde_json::Error,
    },
}

impl<O: Operation> WaitError<O> {
    /// The waiter's name in the model.
    pub fn waiter(&self) -> &'static str {
        self.waiter
    }

    /// Why the wait ended.
    pub fn kind(&self) -> &WaitErrorKind<O> {
        &self.kind
    }

    /// Why the wait ended, by value.
    pub fn into_kind(self) -> WaitErrorKind<O> {
        self.kind
    }

    /// Polls started (0 when the configuration was refused).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Time from the start of the wait to its end.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// Whether the total time allowed ran out.
    pub fn is_timeout(&self) -> bool {
        matches!(self.kind, WaitErrorKind::Timeout { .. })
    }

    /// Whether a failure acceptor matched.
    pub fn is_failure(&self) -> bool {
        matches!(self.kind, WaitErrorKind::Failure { .. })
    }
}

impl<O: Operation> fmt::Display for WaitError<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let waiter = self.waiter;
        let progress = Progress(self.attempts, self.elapsed);
        match &self.kind {
            WaitErrorKind::Failure {
                acceptor,
                matcher,
                last,
            } => {
                write!(
                    f,
                    "waiter {waiter} failed: acceptors[{acceptor}] ({matcher}) matched {progress}"
                )?;
                match last {
                    Err(err) => write!(f, ": {err}"),
                    Ok(_) => Ok(()),
                }
            }
            WaitErrorKind::Error(err) => write!(
                f,
                "waiter {waiter} stopped {progress}: the call failed and no acceptor matched: {err}"
            ),
            WaitErrorKind::Timeout {
                max_wait,
                last_acceptor,
                last,
            } => {
                write!(
                    f,
                    "waiter {waiter} timed out {progress} (max wait {max_wait:?}); "
                )?;
                match (last, last_acceptor) {
                    (None, _) => f.write_str("no poll completed"),
                    (Some(_), Some(index)) => {
                        write!(f, "the last poll matched acceptors[{index}] (retry)")
                    }
                    (Some(_), None) => f.write_str("the last poll matched no acceptor"),
                }
            }
            WaitErrorKind::InvalidConfig(err) => write!(f, "waiter {waiter} cannot start: {err}"),
            WaitErrorKind::Serialize { what, source } => write!(
                f,
                "waiter {waiter} could not serialize the {what} for its acceptors: {source}"
            ),
        }
    }
}

/// `after 3 attempts in 12s`.
struct Progress(u32, Duration);

impl fmt::Display for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = if self.0 == 1 { "" } else { "s" };
        write!(f, "after {} attempt{plural} in {:?}", self.0, self.1)
    }
}

impl<O: Operation> fmt::Debug for WaitError<O>
where
    O::Output: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WaitError")
            .field("waiter", &self.waiter)
            .field("kind", &self.kind)
            .field("attempts", &self.attempts)
            .field("elapsed", &self.elapsed)
            .finish()
    }
}

impl<O: Operation> fmt::Debug for WaitErrorKind<O>
where
    O::Output: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitErrorKind::Failure {
                acceptor,
                matcher,
                last,
            } => f
                .debug_struct("Failure")
                .field("acceptor", acceptor)
                .field("matcher", matcher)
                .field("last", last)
                .finish(),
            WaitErrorKind::Error(err) => f.debug_tuple("Error").field(err).finish(),
            WaitErrorKind::Timeout {
                max_wait,
                last_acceptor,
                last,
            } => f
                .debug_struct("Timeout")
                .field("max_wait", max_wait)
                .field("last_acceptor", last_acceptor)
                .field("last", last)
                .finish(),
            WaitErrorKind::InvalidConfig(err) => f.debug_tuple("InvalidConfig").field(err).finish(),
            WaitErrorKind::Serialize { what, source } => f
                .debug_struct("Serialize")
                .field("what", what)
                .field("source", source)
                .finish(),
        }
    }
}

/// `Display` already carries the call error when there is one, so no
/// `source` repeats it (the convention of [`CallError`]).
impl<O: Operation> std::error::Error for WaitError<O> where O::Output: fmt::Debug {}
