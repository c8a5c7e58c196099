//! Transport for generated awsJson operations.
//!
//! A [`Client`] sends any operation that implements
//! [`awsjson_types::Operation`]: it resolves the endpoint (an explicit or
//! configured URL, else the service's endpoint rule set), serializes the input,
//! signs each attempt with SigV4, sends it over hyper + rustls, reads the
//! response into the operation's output or error type, and retries in the AWS
//! standard mode. Generated operations need no hand-written transport code.
//!
//! Module map: `config` (builder, settings checks), `settings` (environment and
//! profile lookups), `endpoint` (URL policy, configured endpoints, rule sets),
//! `request` (framing, host prefix, signing), `compression`, `connector` (the
//! [`HttpConnector`] seam) and `hyper_connector` (the default), `response`
//! (request ID, output, error code and message), `retry` (classification,
//! backoff, quota), `timeouts`, `user_agent`, `client` (the attempt loop),
//! `error` ([`CallError`]).

mod client;
mod compression;
mod config;
mod connector;
mod credentials;
mod endpoint;
mod error;
mod hyper_connector;
mod invocation;
mod metadata;
mod request;
mod response;
mod retry;
mod settings;
mod timeouts;
mod user_agent;

pub use client::Client;
pub use compression::CompressionConfig;
pub use config::{ClientBuilder, ConfigError, DEFAULT_MAX_RESPONSE_BYTES};
pub use connector::{
    connector_fn, ConnectorError, ConnectorErrorKind, ConnectorFuture, FnConnector, HttpConnector,
};
pub use error::{
    CallError, CallErrorKind, InvalidRequest, ResponseProblem, RetryStop, UnreadableResponse,
};
pub use hyper_connector::HyperConnector;
pub use metadata::ResponseMetadata;
pub use retry::RetryConfig;
pub use timeouts::{TimeoutConfig, TimeoutKind};

/// The credential and region types the builder takes, re-exported so callers
/// need not depend on `awsjson-auth` directly.
pub use awsjson_auth::{Credentials, CredentialsError, Environment, ProvideCredentials};
