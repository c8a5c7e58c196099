//! Retries: which failures are retried, how long to wait, the per-client
//! quota that stops retry storms, and the adaptive mode's rate limiter.

mod backoff;
mod classify;
mod config;
mod rate_limiter;
mod token_bucket;

pub use config::{RetryConfig, RetryMode};

pub(crate) use backoff::{full_jitter_delay, retry_after_hint};
pub(crate) use classify::{
    classify_clock_skew, classify_connector_error, classify_service_error, RetryKind,
};
pub(crate) use rate_limiter::RateLimiter;
pub(crate) use token_bucket::TokenBucket;
