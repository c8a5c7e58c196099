//! Timeout settings.

use std::time::Duration;

/// Timeouts of a client.
///
/// Defaults: connect 3.1 s (the AWS SDK default), operation 60 s (every
/// attempt and every backoff wait together), no per-attempt limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TimeoutConfig {
    connect: Duration,
    operation: Option<Duration>,
    attempt: Option<Duration>,
}

impl TimeoutConfig {
    /// Default TCP connect timeout.
    pub const DEFAULT_CONNECT: Duration = Duration::from_millis(3100);
    /// Default operation timeout.
    pub const DEFAULT_OPERATION: Duration = Duration::from_secs(60);

    /// The defaults.
    pub fn new() -> Self {
        TimeoutConfig {
            connect: Self::DEFAULT_CONNECT,
            operation: Some(Self::DEFAULT_OPERATION),
            attempt: None,
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

    /// How long one attempt (send and read the whole response) may take; `None` for no limit.
    pub fn with_attempt(mut self, attempt: Option<Duration>) -> Self {
        self.attempt = attempt;
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

    /// The per-attempt timeout.
    pub fn attempt(&self) -> Option<Duration> {
        self.attempt
    }
}

impl Default for TimeoutConfig {
    fn default() -> Self {
        Self::new()
    }
}
