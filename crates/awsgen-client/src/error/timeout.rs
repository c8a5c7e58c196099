//! Which timeout ended a call.

use std::fmt;
use std::time::Duration;

/// Which timeout elapsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// The connector gave up connecting (the connect timeout).
    Connect,
    /// One attempt took longer than the per-attempt timeout.
    Attempt(Duration),
    /// The whole call took longer than the operation timeout.
    Operation(Duration),
}

impl fmt::Display for TimeoutKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeoutKind::Connect => f.write_str("the connect timeout elapsed"),
            TimeoutKind::Attempt(limit) => write!(f, "the attempt timeout of {limit:?} elapsed"),
            TimeoutKind::Operation(limit) => {
                write!(f, "the operation timeout of {limit:?} elapsed")
            }
        }
    }
}
