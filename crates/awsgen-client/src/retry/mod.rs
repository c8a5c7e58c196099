//! Standard-mode retries: which failures are retried, how long to wait, and
//! the per-client quota that stops retry storms.

mod backoff;
mod classify;
mod config;
mod token_bucket;

pub use config::RetryConfig;

pub(crate) use backoff::{full_jitter_delay, retry_after_hint};
pub(crate) use classify::{
    classify_clock_skew, classify_connector_error, classify_service_error, RetryKind,
};
pub(crate) use token_bucket::TokenBucket;
