//! User-facing retry settings.

use std::collections::BTreeMap;
use std::time::Duration;

use awsgen_types::RetryClass;

/// How retries are paced: the AWS SDKs' retry modes (`AWS_RETRY_MODE`,
/// the profile's `retry_mode`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RetryMode {
    /// Backoff, the retry quota and the lists of retried errors.
    #[default]
    Standard,
    /// Standard, plus a client-side rate limiter that throttling responses
    /// slow down: once the service has throttled the client, every attempt
    /// (a first attempt too) waits for a token of a bucket whose fill rate
    /// follows the rate the client sends at, cut by 30% at each throttling
    /// response and grown back along a CUBIC curve. For a client that hits
    /// one resource and can wait; the SDKs call it experimental.
    Adaptive,
}

/// Retry settings.
///
/// Defaults: standard mode, 3 attempts in total, full-jitter exponential
/// backoff from 1 s capped at 20 s, no overrides.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryConfig {
    mode: RetryMode,
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    overrides: BTreeMap<String, RetryClass>,
}

impl RetryConfig {
    /// Default attempts, including the first.
    pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;
    /// Default backoff base.
    pub const DEFAULT_INITIAL_BACKOFF: Duration = Duration::from_secs(1);
    /// Default backoff cap (also the cap on a server's `x-amz-retry-after` hint).
    pub const DEFAULT_MAX_BACKOFF: Duration = Duration::from_secs(20);

    /// The standard-mode defaults.
    pub fn standard() -> Self {
        RetryConfig {
            mode: RetryMode::Standard,
            max_attempts: Self::DEFAULT_MAX_ATTEMPTS,
            initial_backoff: Self::DEFAULT_INITIAL_BACKOFF,
            max_backoff: Self::DEFAULT_MAX_BACKOFF,
            overrides: BTreeMap::new(),
        }
    }

    /// The adaptive mode with the standard defaults.
    pub fn adaptive() -> Self {
        Self::standard().with_mode(RetryMode::Adaptive)
    }

    /// One attempt, never retried.
    pub fn disabled() -> Self {
        Self::standard().with_max_attempts(1)
    }

    /// The retry mode.
    pub fn with_mode(mut self, mode: RetryMode) -> Self {
        self.mode = mode;
        self
    }

    /// Total attempts including the first; must be at least 1 (checked when the client is built).
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts;
        self
    }

    /// The backoff base: the first retry waits up to this long.
    pub fn with_initial_backoff(mut self, initial_backoff: Duration) -> Self {
        self.initial_backoff = initial_backoff;
        self
    }

    /// The longest wait between attempts.
    pub fn with_max_backoff(mut self, max_backoff: Duration) -> Self {
        self.max_backoff = max_backoff;
        self
    }

    /// Classifies a (sanitized) error code, for errors whose operation does not
    /// classify them itself. An operation's own classification (from the model)
    /// always wins; this table wins over the built-in code and status lists.
    pub fn with_error_class(mut self, code: impl Into<String>, class: RetryClass) -> Self {
        self.overrides.insert(code.into(), class);
        self
    }

    /// The retry mode.
    pub fn mode(&self) -> RetryMode {
        self.mode
    }

    /// Total attempts including the first.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The backoff base.
    pub fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// The backoff cap.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// The user's classification of `code`, if any.
    pub fn error_class(&self, code: &str) -> Option<RetryClass> {
        self.overrides.get(code).copied()
    }
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self::standard()
    }
}
