//! User-facing retry settings.

use std::collections::BTreeMap;
use std::time::Duration;

use awsgen_types::RetryClass;

/// Retry settings (standard mode).
///
/// Defaults: 3 attempts in total, full-jitter exponential backoff from 1 s
/// capped at 20 s, no overrides.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryConfig {
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
            max_attempts: Self::DEFAULT_MAX_ATTEMPTS,
            initial_backoff: Self::DEFAULT_INITIAL_BACKOFF,
            max_backoff: Self::DEFAULT_MAX_BACKOFF,
            overrides: BTreeMap::new(),
        }
    }

    /// One attempt, never retried.
    pub fn disabled() -> Self {
        Self::standard().with_max_attempts(1)
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
