//! Transport for generated AWS operations, whatever their protocol.
//!
//! A [`Client`] sends any operation that implements
//! [`awsgen_types::Operation`]: it resolves the endpoint (an explicit or
//! configured URL, else the service's endpoint rule set), has the operation
//! serialize the input into an HTTP request by its protocol's rules, signs
//! each attempt with SigV4, sends it over hyper + rustls, hands the response
//! back to the operation to read as its output or error, and retries in the
//! AWS standard mode. Nothing here knows a protocol: generated operations
//! need no hand-written transport code.
//!
//! Module map: `config` (builder, settings checks), `settings` (environment and
//! profile lookups), `endpoint` (URL policy, configured endpoints, rule sets),
//! `request` (framing, host prefix, signing), `checksum` (`@httpChecksum`:
//! request checksums, aws-chunked trailers, response validation), `compression`, `connector` (the
//! [`HttpConnector`] seam) and `hyper_connector` (the default), `proxy`
//! (`HTTPS_PROXY`/`NO_PROXY` and the CONNECT tunnel), `observe` (the
//! `tracing` spans and events, secrets redacted), `causes`
//! (what a transport error comes down to), `retry` (classification,
//! backoff, quota, the adaptive mode's rate limiter), `timeouts`, `user_agent`, `idempotency` (tokens for
//! unset `@idempotencyToken` members), `credentials` (the cache: refreshed
//! ahead of expiry, one fetch at a time), `providers` (the default chain:
//! environment, profile, `credential_process`, SSO, container, instance
//! metadata), `client` (the attempt loop),
//! `error` ([`CallError`], [`ConfigError`], [`ConnectorError`]: a leaf that
//! names no other module); `waiter` (the `smithy.waiters#waitable` polling
//! loop: [`Client::wait`]) with `wait_config`, `wait_clock` and
//! `wait_outcome`; `paginator` ([`Client::paginate`], pages and items as
//! streams); `presign` ([`Client::presign`]: an operation's request signed
//! in its URL, not sent) with `presigned_request` ([`PresignedRequest`]).
//!
//! Cargo features off by default (ECR needs none of them):
//! - `http2`: offer h2 by ALPN on TLS connections; without it every
//!   connection is HTTP/1.1.
//! - `gzip`: gzip the bodies of `@requestCompression` operations per
//!   [`CompressionConfig`]; without it they are sent uncompressed, which the
//!   trait always allows.
//! - `checksums`: CRC32 and CRC32C for `@httpChecksum` (crc32fast, crc32c);
//!   the generated crates of services with that trait (S3) turn it on.
//!   Without it SHA-1 and SHA-256 still work and a CRC is an error naming
//!   the feature.
//!
//! And for tests, the `testing` feature: the [`testing`] module (replaying
//! recorded exchanges, recording them, typed mocks), with no extra dependency.

#![cfg_attr(docsrs, feature(doc_cfg))]

mod body_checksum;
mod causes;
mod checksum;
mod client;
mod clock_skew;
mod compression;
mod config;
mod connector;
mod credentials;
mod endpoint;
mod endpoint_options;
mod error;
mod error_in_ok;
mod file_stream;
mod hyper_connector;
mod idempotency;
mod invocation;
mod keyed_cache;
mod metadata;
mod observe;
mod operation_id;
mod paginator;
mod presign;
mod presigned_request;
mod providers;
mod proxy;
mod request;
mod retry;
mod settings;
mod streaming;
#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;
mod timeouts;
mod trace_id;
mod user_agent;
mod wait_clock;
mod wait_config;
mod wait_outcome;
mod waiter;

pub use client::Client;
pub use compression::CompressionConfig;
pub use config::{ClientBuilder, DEFAULT_MAX_RESPONSE_BYTES};
pub use connector::{connector_fn, ConnectorFuture, FnConnector, HttpConnector, StreamingFuture};
pub use endpoint_options::EndpointOptions;
pub use error::{
    CallError, CallErrorKind, ChecksumError, ChecksumMismatch, ConfigError, ConnectorError,
    ConnectorErrorKind, InvalidRequest, PresignError, ResponseProblem, RetryStop, TimeoutKind,
    UnreadableResponse,
};
pub use file_stream::file_stream;
pub use hyper_connector::HyperConnector;
pub use metadata::ResponseMetadata;
pub use operation_id::OperationId;
pub use paginator::{PaginationStop, Paginator, PaginatorItems};
pub use presign::PresignOptions;
pub use presigned_request::PresignedRequest;
pub use providers::DefaultChain;
pub use retry::{RetryConfig, RetryMode};
pub use timeouts::TimeoutConfig;
pub use wait_clock::{ClockFuture, TokioClock, WaitClock};
pub use wait_config::{WaiterConfig, WaiterConfigError};
pub use wait_outcome::{PollResult, WaitError, WaitErrorKind, Waited};

/// The credential and region types the builder takes, re-exported so callers
/// need not depend on `awsgen-auth` directly.
pub use awsgen_auth::{
    Credentials, CredentialsError, CredentialsFuture, Environment, ProvideCredentials, RegionError,
};
