//! Why a client cannot be built or a call cannot use its configuration.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use awsgen_auth::{ProfileError, RegionError};

/// A setting that makes the client unusable. Messages name the setting and
/// where it came from; they never contain credentials.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// No region anywhere.
    #[error("no region is configured: call `region(..)` or set AWS_REGION, AWS_DEFAULT_REGION or the profile's `region`")]
    MissingRegion,
    /// The region is not a valid region name, or none was found in the environment.
    #[error(transparent)]
    Region(#[from] RegionError),
    /// The shared config or credentials file is unreadable.
    #[error("the shared AWS config files cannot be used: {0}")]
    Profile(#[from] ProfileError),
    /// An endpoint URL cannot be used.
    #[error("the endpoint URL from {origin} cannot be used: {reason}")]
    InvalidEndpoint {
        /// Where the URL came from (`endpoint_url(..)`, `AWS_ENDPOINT_URL`, a profile key, the rule set).
        origin: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The service has no rule set and no endpoint URL is configured.
    #[error("service {service} has no endpoint rule set and no endpoint URL is configured")]
    NoEndpoint {
        /// The service's `sdkId`.
        service: &'static str,
    },
    /// The service's endpoint rule set is broken.
    #[error("the endpoint rule set of service {service} cannot be parsed: {reason}")]
    RuleSet {
        /// The service's `sdkId`.
        service: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// The rule set resolved to an error (for example FIPS with a custom endpoint).
    #[error("endpoint resolution for service {service} failed: {reason}")]
    EndpointResolution {
        /// The service's `sdkId`.
        service: &'static str,
        /// The rule set's message.
        reason: String,
    },
    /// A setting has a value out of range or of the wrong form.
    #[error("invalid setting {origin} = `{value}`: {reason}")]
    InvalidSetting {
        /// The setting (builder method, environment variable or profile key).
        origin: String,
        /// The rejected value.
        value: String,
        /// What is expected.
        reason: &'static str,
    },
    /// The TLS stack could not be set up.
    #[error("the TLS configuration cannot be built: {0}")]
    Tls(String),
    /// The CA bundle file cannot be read.
    #[error("the CA bundle file `{}` (from {origin}) cannot be read: {source}", .path.display())]
    CaBundleUnreadable {
        /// Where the path came from (`ca_bundle_file(..)`, `AWS_CA_BUNDLE`, the profile key `ca_bundle`).
        origin: String,
        /// The file.
        path: PathBuf,
        /// Why it cannot be read.
        #[source]
        source: io::Error,
    },
    /// The CA bundle holds no certificate, is not valid PEM, or holds a
    /// certificate rustls rejects.
    #[error("the CA bundle {} cannot be used: {reason}", bundle_name(.origin, .path.as_deref()))]
    InvalidCaBundle {
        /// Where the bundle came from (`ca_bundle_pem(..)`, `ca_bundle_file(..)`,
        /// `AWS_CA_BUNDLE`, the profile key `ca_bundle`).
        origin: String,
        /// The file, for a bundle read from one.
        path: Option<PathBuf>,
        /// What is wrong with it.
        reason: String,
    },
    /// A proxy URL cannot be used. `url` is the URL as given, with the
    /// password (or a lone user name, often a token) shown as `***`.
    #[error("the proxy URL `{url}` from {origin} cannot be used: {reason}")]
    InvalidProxy {
        /// Where the URL came from (`proxy(..)`, `HTTPS_PROXY`, `https_proxy`,
        /// `HTTP_PROXY`, `http_proxy`).
        origin: String,
        /// The URL, credentials redacted (`http://user:***@proxy:3128`).
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A call was made outside a Tokio runtime, which the client's timers and
    /// its HTTP connector need.
    #[error("the call was made outside a Tokio runtime: awsgen-client needs a Tokio 1.x runtime with time and I/O enabled (for example `#[tokio::main]`)")]
    NoRuntime,
}

/// `file `x` (from AWS_CA_BUNDLE)`, or `from ca_bundle_pem(..)`.
fn bundle_name(origin: &str, path: Option<&Path>) -> String {
    match path {
        Some(path) => format!("file `{}` (from {origin})", path.display()),
        None => format!("from {origin}"),
    }
}

impl ConfigError {
    pub(crate) fn invalid_setting(
        origin: &str,
        value: impl fmt::Display,
        reason: &'static str,
    ) -> Self {
        ConfigError::InvalidSetting {
            origin: origin.to_owned(),
            value: value.to_string(),
            reason,
        }
    }

    pub(crate) fn invalid_endpoint(origin: impl Into<String>, problem: impl fmt::Display) -> Self {
        ConfigError::InvalidEndpoint {
            origin: origin.into(),
            reason: problem.to_string(),
        }
    }
}
