//! Requests to the credential endpoints on the local network (EC2 instance
//! metadata, the container endpoint): every attempt within a time limit, a
//! few attempts, and another attempt only where it can help.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use http::StatusCode;

use crate::connector::HttpConnector;
use crate::error::{ConnectorError, ConnectorErrorKind};

/// How hard to try.
#[derive(Clone, Copy, Debug)]
pub(super) struct Limits {
    /// Each attempt, connecting included, ends by then.
    pub(super) timeout: Duration,
    /// At most this many attempts.
    pub(super) attempts: u32,
    /// The wait before the second attempt, doubled before each later one.
    pub(super) backoff: Duration,
    /// Whether an endpoint that refuses the connection or does not answer
    /// in time is tried again. Not for instance metadata's first request:
    /// on a machine that is not an EC2 instance the address refuses or
    /// never answers, and it should cost one attempt.
    pub(super) retry_unreachable: bool,
}

/// Why no usable answer came.
#[derive(Debug)]
pub(super) enum Failure {
    /// The connection was refused or could not be made.
    Unreachable(ConnectorError),
    /// No answer within the attempt's time limit.
    TimedOut(Duration),
    /// The connection broke, or the answer could not be read.
    Transport(ConnectorError),
    /// A 5xx answer to every attempt.
    Status(StatusCode),
}

impl Failure {
    /// Whether the endpoint never answered (so it is likely not there).
    pub(super) fn unreachable(&self) -> bool {
        matches!(self, Failure::Unreachable(_) | Failure::TimedOut(_))
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Unreachable(error) | Failure::Transport(error) => fmt::Display::fmt(error, f),
            Failure::TimedOut(limit) => write!(f, "no answer within {limit:?}"),
            Failure::Status(status) => write!(f, "HTTP {status}"),
        }
    }
}

/// A response that is not a 5xx (the caller reads 4xx answers).
pub(super) struct Answer {
    pub(super) response: http::Response<Bytes>,
}

/// Sends `make()` (a new request for each attempt) until an answer that is
/// not a 5xx, within `limits`.
pub(super) async fn fetch(
    connector: &dyn HttpConnector,
    limits: Limits,
    make: impl Fn() -> http::Request<Bytes>,
) -> Result<Answer, (Failure, u32)> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let outcome = tokio::time::timeout(limits.timeout, connector.call(make())).await;
        let failure = match outcome {
            Ok(Ok(response)) if !response.status().is_server_error() => {
                return Ok(Answer { response })
            }
            Ok(Ok(response)) => Failure::Status(response.status()),
            Ok(Err(error))
                if matches!(
                    error.kind(),
                    ConnectorErrorKind::Connect | ConnectorErrorKind::Timeout
                ) =>
            {
                Failure::Unreachable(error)
            }
            Ok(Err(error)) => Failure::Transport(error),
            Err(_) => Failure::TimedOut(limits.timeout),
        };
        let again =
            attempt < limits.attempts && (limits.retry_unreachable || !failure.unreachable());
        if !again {
            return Err((failure, attempt));
        }
        let doublings = (attempt - 1).min(8);
        tokio::time::sleep(limits.backoff * (1 << doublings)).await;
    }
}
