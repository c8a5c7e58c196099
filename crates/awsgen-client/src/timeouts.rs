//! Timeout settings.

use std::time::Duration;

/// Timeouts of a client.
///
/// Defaults: connect 3.1 s (the AWS SDK default), attempt 25 s, operation
/// 60 s (every attempt and every backoff wait together).
///
/// The attempt timeout is what lets a retry rescue a call from a server
/// that accepted the request and stopped answering: without one, that
/// attempt would use the whole operation timeout. 25 s because:
///
/// - a retry fits: a stalled attempt (25 s), the first backoff (under 1 s)
///   and a whole second attempt (25 s) end by 51 s, inside the 60 s
///   operation timeout, and a third attempt still gets 7 s or more;
/// - it stays clear of real answers: AWS APIs answer in tens to hundreds of
///   milliseconds, a slow control-plane call in a few seconds, and the usual
///   long poll waits up to 20 s (SQS `ReceiveMessage` with
///   `WaitTimeSeconds` 20) before answering;
/// - the SDKs bound a silent server too, per socket read rather than per
///   attempt: botocore's read timeout is 60 s, the Java SDK's socket
///   timeout 30 s (the Rust SDK sets none, and no operation timeout).
///
/// Operations that take longer by design (the 60 s long polls of SWF's
/// `PollForDecisionTask` and Step Functions' `GetActivityTask`, a
/// synchronous invocation of a long Lambda function) need both limits
/// raised, as they already needed the operation timeout raised.
///
/// What an attempt covers: sending the request and reading the whole
/// response; for an operation whose output streams (`@streaming`), only the
/// response head, since the body is the caller's to read at its own pace.
/// A request whose payload streams (an upload) is not held to the
/// *default* attempt timeout, since sending it may take any time; an
/// attempt timeout set with [`with_attempt`](Self::with_attempt) applies
/// to it too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TimeoutConfig {
    connect: Duration,
    operation: Option<Duration>,
    attempt: Option<Duration>,
    /// Whether `attempt` was set by `with_attempt` rather than left at the default.
    attempt_set: bool,
}

impl TimeoutConfig {
    /// Default TCP connect timeout.
    pub const DEFAULT_CONNECT: Duration = Duration::from_millis(3100);
    /// Default attempt timeout (see the type's documentation for why 25 s).
    pub const DEFAULT_ATTEMPT: Duration = Duration::from_secs(25);
    /// Default operation timeout.
    pub const DEFAULT_OPERATION: Duration = Duration::from_secs(60);

    /// The defaults.
    pub fn new() -> Self {
        TimeoutConfig {
            connect: Self::DEFAULT_CONNECT,
            operation: Some(Self::DEFAULT_OPERATION),
            attempt: Some(Self::DEFAULT_ATTEMPT),
            attempt_set: false,
        }
    }

    /// How long opening a TCP connection may take (the built-in connector
    /// only; a custom connector brings its own). The TLS handshake is bounded
    /// by the attempt and operation timeouts.
    pub fn with_connect(mut self, connect: Duration) -> Self {
        self.connect = connect;
        self
    }

    /// How long a whole call may take, retries and waits included; `None` for no limit.
    pub fn with_operation(mut self, operation: Option<Duration>) -> Self {
        self.operation = operation;
        self
    }

    /// How long one attempt (send the request and read the whole response,
    /// or only its head for a streaming output) may take, for every request,
    /// uploads included; `None` for no limit. A timed-out attempt is retried
    /// like any transient failure.
    pub fn with_attempt(mut self, attempt: Option<Duration>) -> Self {
        self.attempt = attempt;
        self.attempt_set = true;
        self
    }

    /// The connect timeout.
    pub fn connect(&self) -> Duration {
        self.connect
    }

    /// The operation timeout.
    pub fn operation(&self) -> Option<Duration> {
        self.operation
    }

    /// The per-attempt timeout (the default unless set).
    pub fn attempt(&self) -> Option<Duration> {
        self.attempt
    }

    /// The attempt timeout of a request, by whether its payload streams:
    /// the default does not hold uploads.
    pub(crate) fn attempt_for(&self, streamed_payload: bool) -> Option<Duration> {
        if streamed_payload && !self.attempt_set {
            None
        } else {
            self.attempt
        }
    }
}

impl Default for TimeoutConfig {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::retry::RetryConfig;

    /// With every default, a server that accepts a request and never answers
    /// costs one attempt timeout, after which a whole second attempt still
    /// fits in the operation timeout.
    #[test]
    fn the_defaults_leave_room_for_a_retry_after_a_stalled_attempt() {
        let timeouts = TimeoutConfig::new();
        let retry = RetryConfig::standard();
        let attempt = timeouts.attempt().expect("an attempt timeout by default");
        let operation = timeouts
            .operation()
            .expect("an operation timeout by default");
        assert!(retry.max_attempts() >= 2);
        // Full jitter: the first retry waits less than the initial backoff.
        let first_backoff = retry.initial_backoff();
        assert!(
            attempt + first_backoff + attempt <= operation,
            "{attempt:?} + {first_backoff:?} + {attempt:?} > {operation:?}"
        );
        // Longer than the connect timeout it includes, and than a 20 s long
        // poll (SQS ReceiveMessage) with room for the answer to travel.
        assert!(attempt > timeouts.connect());
        assert!(attempt >= Duration::from_secs(20) + Duration::from_secs(5));
    }

    #[test]
    fn the_default_attempt_timeout_does_not_hold_uploads_a_set_one_does() {
        let default = TimeoutConfig::new();
        assert_eq!(
            default.attempt_for(false),
            Some(TimeoutConfig::DEFAULT_ATTEMPT)
        );
        assert_eq!(default.attempt_for(true), None);
        let set = TimeoutConfig::new().with_attempt(Some(Duration::from_secs(300)));
        assert_eq!(set.attempt_for(true), Some(Duration::from_secs(300)));
        let none = TimeoutConfig::new().with_attempt(None);
        assert_eq!(
            (none.attempt_for(false), none.attempt_for(true)),
            (None, None)
        );
    }
}
