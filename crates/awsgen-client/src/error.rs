//! The error of a call: what went wrong, and after how many attempts; and
//! the error types it is made of (`config`, `connector`, `timeout`); and
//! `presign`, why an operation could not be presigned.
//!
//! A leaf: these modules name no other module of the crate (only each
//! other), so that any module can return them without a cycle
//! (ARCHITECTURE.md, "Invariants"; `tests/module_graph.rs` checks it).

use std::error::Error as StdError;
use std::fmt;

use http::Uri;

use awsgen_auth::CredentialsError;
use awsgen_types::{DeserializeError, HostPrefixError, OperationError, SerializeError};

mod checksum;
mod config;
mod connector;
mod origin;
mod presign;
mod timeout;

pub use checksum::{ChecksumError, ChecksumMismatch};
pub use config::ConfigError;
pub use connector::{ConnectorError, ConnectorErrorKind};
pub(crate) use connector::{ProxyFailure, Summary};
use origin::Origin;
pub use presign::PresignError;
pub use timeout::TimeoutKind;

/// Why a call failed. `E` is the operation's error enum.
///
/// `Display` says what happened (for service errors: code, message, HTTP
/// status and request ID; for transport failures: the endpoint and the cause
/// in one clause, as in `could not connect to https://127.0.0.1:4566:
/// connection refused`) and, when the call was retried, how many attempts
/// were made and why it stopped.
pub struct CallError<E> {
    kind: CallErrorKind<E>,
    attempts: u32,
    stop: Option<RetryStop>,
    /// `scheme://host[:port]` of the attempt the error came from.
    endpoint: Option<Box<Origin>>,
}

/// What went wrong.
#[non_exhaustive]
pub enum CallErrorKind<E> {
    /// The service answered with an error: a modeled error or the operation's
    /// catch-all for errors the model does not describe.
    Service(E),
    /// No connection could be made.
    Connect(ConnectorError),
    /// A timeout elapsed; `source` is the connector's error when it reported it.
    Timeout {
        /// Which timeout.
        which: TimeoutKind,
        /// The connector's error, for timeouts it reported.
        source: Option<ConnectorError>,
    },
    /// The connection failed while the request or response was in flight
    /// (reset, closed early), or the connector failed otherwise.
    Io(ConnectorError),
    /// A response arrived but could not be read or understood.
    UnreadableResponse(UnreadableResponse),
    /// The response body passed the configured size limit.
    ResponseTooLarge {
        /// The limit in bytes.
        limit: usize,
        /// The response status, when known.
        status: Option<u16>,
    },
    /// The client's configuration does not allow this call (for example the
    /// endpoint could not be resolved).
    InvalidConfig(ConfigError),
    /// The request could not be built or signed.
    InvalidRequest(InvalidRequest),
    /// No usable credentials.
    Credentials(CredentialsError),
    /// The request's streaming payload could not be read (the caller's
    /// stream failed, or a file went away).
    RequestPayload(ConnectorError),
}

/// A response that arrived but could not be read or understood.
#[derive(Debug)]
#[non_exhaustive]
pub struct UnreadableResponse {
    /// The HTTP status.
    pub status: u16,
    /// The request ID, when the headers carried one.
    pub request_id: Option<String>,
    /// What could not be read.
    pub problem: ResponseProblem,
}

/// What could not be read of a response.
#[derive(Debug)]
#[non_exhaustive]
pub enum ResponseProblem {
    /// The body broke off (connection closed or reset before the declared length).
    Body(ConnectorError),
    /// A 2xx response is not the operation's output (its body, or a header
    /// bound to an output member).
    Output(DeserializeError),
    /// The body does not match the checksum the service sent with it
    /// (`@httpChecksum` response validation, when the input asked for it).
    /// Boxed: rare, and it would make every `CallError` larger.
    Checksum(Box<ChecksumMismatch>),
}

impl fmt::Display for UnreadableResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.problem {
            ResponseProblem::Body(err) => write!(
                f,
                "the body of the HTTP {} response could not be read: {err}",
                self.status
            )?,
            ResponseProblem::Output(DeserializeError::Json(err)) => write!(
                f,
                "the body of the HTTP {} response is not valid output JSON: {err}",
                self.status
            )?,
            ResponseProblem::Output(err) => write!(
                f,
                "the HTTP {} response is not the operation's output: {err}",
                self.status
            )?,
            ResponseProblem::Checksum(err) => write!(f, "HTTP {} response: {err}", self.status)?,
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request ID {id})")?;
        }
        Ok(())
    }
}

/// Why a request could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidRequest {
    /// The input cannot become a request: a member's value cannot go where
    /// the model binds it (an empty URI label, a header value with a control
    /// character), or the body could not be written.
    #[error("{0}")]
    Serialize(#[source] SerializeError),
    /// The operation's host prefix could not be built from the input.
    #[error("the host prefix could not be built: {0}")]
    HostPrefix(#[source] HostPrefixError),
    /// The host prefix built from the input is not a valid host name part.
    #[error("the host prefix `{prefix}` is not valid in a host name: {reason}")]
    InvalidHostPrefix {
        /// The expanded prefix.
        prefix: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A header value could not be made.
    #[error("header `{name}` would have an invalid value")]
    InvalidHeader {
        /// The header name.
        name: String,
    },
    /// The request URI could not be made.
    #[error("the request URI could not be built: {0}")]
    Uri(#[source] http::Error),
    /// Compressing the body failed.
    #[error("the request body could not be compressed: {0}")]
    Compression(#[source] std::io::Error),
    /// SigV4 signing failed.
    #[error(transparent)]
    Signing(#[from] awsgen_auth::SigningError),
    /// The `@httpChecksum` checksum the request needs cannot be computed.
    #[error(transparent)]
    Checksum(#[from] ChecksumError),
}

/// Why retrying stopped although the last failure was retryable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RetryStop {
    /// Every allowed attempt was made.
    MaxAttempts,
    /// The client's retry quota had too few tokens left.
    QuotaExhausted,
    /// The request's payload was a one-shot stream, gone once sent.
    PayloadNotReplayable,
}

impl<E> CallError<E> {
    pub(crate) fn new(kind: CallErrorKind<E>, attempts: u32) -> Self {
        CallError {
            kind,
            attempts,
            stop: None,
            endpoint: None,
        }
    }

    /// Records the endpoint of the attempt the error came from (its scheme
    /// and authority: the path and query say nothing about a connection).
    pub(crate) fn at_endpoint(mut self, uri: &Uri) -> Self {
        self.endpoint = Origin::of(uri);
        self
    }

    pub(crate) fn with_stop(mut self, stop: RetryStop) -> Self {
        self.stop = Some(stop);
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &CallErrorKind<E> {
        &self.kind
    }

    /// What went wrong, by value.
    pub fn into_kind(self) -> CallErrorKind<E> {
        self.kind
    }

    /// The endpoint (`scheme://host[:port]`) of the attempt the error came
    /// from; `None` when the call ended before an attempt was sent or
    /// between attempts.
    pub fn endpoint(&self) -> Option<&str> {
        self.endpoint.as_deref().map(Origin::as_str)
    }

    /// Attempts made (0 when the call failed before sending anything).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Why retrying stopped, when the last failure was retryable.
    pub fn retry_stop(&self) -> Option<RetryStop> {
        self.stop
    }

    /// The service error, if the service answered with one.
    pub fn as_service(&self) -> Option<&E> {
        match &self.kind {
            CallErrorKind::Service(err) => Some(err),
            _ => None,
        }
    }

    /// The service error, or `self` back.
    pub fn into_service(self) -> Result<E, Self> {
        match self.kind {
            CallErrorKind::Service(err) => Ok(err),
            kind => Err(CallError { kind, ..self }),
        }
    }

    /// Whether a timeout (of any kind) ended the call.
    pub fn is_timeout(&self) -> bool {
        matches!(self.kind, CallErrorKind::Timeout { .. })
    }
}

impl<E: OperationError> fmt::Display for CallError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let endpoint = self.endpoint();
        match &self.kind {
            CallErrorKind::Service(err) => write!(f, "service error: {}", err.metadata())?,
            CallErrorKind::Connect(err) => write_connect(f, endpoint, err)?,
            CallErrorKind::Timeout { which, source } => {
                let proxy = match source.as_ref().and_then(ConnectorError::summary) {
                    Some(Summary::Proxy(failure)) => Some(&failure.proxy),
                    _ => None,
                };
                match (endpoint, which) {
                    (Some(url), TimeoutKind::Connect) => match proxy {
                        Some(proxy) => write!(
                            f,
                            "timed out connecting to {url} through proxy {proxy}: {which}"
                        )?,
                        None => write!(f, "timed out connecting to {url}: {which}")?,
                    },
                    (Some(url), _) => write!(f, "timed out waiting for {url}: {which}")?,
                    (None, _) => write!(f, "timed out: {which}")?,
                }
                // A connector's own message, unless it only says "timed out".
                if let Some(err) = source.as_ref().filter(|err| err.summary().is_none()) {
                    write!(f, ": {err}")?;
                }
            }
            CallErrorKind::Io(err) => match endpoint {
                Some(url) => write!(f, "request to {url} failed in flight: {err}")?,
                None => write!(f, "request failed in flight: {err}")?,
            },
            CallErrorKind::UnreadableResponse(err) => match endpoint {
                Some(url) => write!(f, "unreadable response from {url}: {err}")?,
                None => write!(f, "unreadable response: {err}")?,
            },
            CallErrorKind::ResponseTooLarge { limit, status } => {
                write!(
                    f,
                    "response too large: the body passed the limit of {limit} bytes"
                )?;
                if let Some(status) = status {
                    write!(f, " (HTTP {status})")?;
                }
            }
            CallErrorKind::InvalidConfig(err) => write!(f, "invalid configuration: {err}")?,
            CallErrorKind::InvalidRequest(err) => write!(f, "invalid request: {err}")?,
            CallErrorKind::Credentials(err) => write!(f, "no usable credentials: {err}")?,
            CallErrorKind::RequestPayload(err) => write!(f, "the request payload: {err}")?,
        }
        let attempts = Attempts(self.attempts);
        match self.stop {
            Some(RetryStop::MaxAttempts) => write!(f, "; gave up after {attempts}"),
            Some(RetryStop::QuotaExhausted) => {
                write!(
                    f,
                    "; gave up after {attempts} because the retry quota is exhausted"
                )
            }
            Some(RetryStop::PayloadNotReplayable) => write!(
                f,
                "; not retried: the payload was a one-shot stream, already sent \
                 (give bytes or a file to allow retries)"
            ),
            None if self.attempts > 1 => write!(f, " (after {attempts})"),
            None => Ok(()),
        }
    }
}

/// `could not connect to URL: CAUSE`, said differently where the cause
/// makes the URL's host or scheme the point.
fn write_connect(
    f: &mut fmt::Formatter<'_>,
    endpoint: Option<&str>,
    err: &ConnectorError,
) -> fmt::Result {
    let Some(url) = endpoint else {
        return write!(f, "could not connect: {err}");
    };
    let uri = url.parse::<Uri>().ok();
    let host = uri.as_ref().and_then(Uri::host);
    match (err.summary(), host) {
        // `through proxy P: reason`
        (Some(Summary::Proxy(_)), _) => write!(f, "could not connect to {url} {err}"),
        (Some(Summary::HostNotFound(reason)), Some(host)) => {
            write!(
                f,
                "could not resolve host {host} (endpoint {url}): {reason}"
            )
        }
        (Some(Summary::NotTls), Some(host)) if url.starts_with("https://") => {
            // The port TLS was tried on, which is not plain http's default.
            let port = uri.as_ref().and_then(Uri::port_u16).unwrap_or(443);
            write!(
                f,
                "could not connect to {url}: {err} (try http://{host}:{port})"
            )
        }
        _ => write!(f, "could not connect to {url}: {err}"),
    }
}

/// `1 attempt`, `3 attempts`.
struct Attempts(u32);

impl fmt::Display for Attempts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            1 => f.write_str("1 attempt"),
            n => write!(f, "{n} attempts"),
        }
    }
}

impl<E: OperationError> fmt::Debug for CallError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallError")
            .field("kind", &self.kind)
            .field("attempts", &self.attempts)
            .field("retry_stop", &self.stop)
            .finish()
    }
}

impl<E: OperationError> fmt::Debug for CallErrorKind<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallErrorKind::Service(err) => f.debug_tuple("Service").field(err).finish(),
            CallErrorKind::Connect(err) => f.debug_tuple("Connect").field(err).finish(),
            CallErrorKind::Timeout { which, source } => f
                .debug_struct("Timeout")
                .field("which", which)
                .field("source", source)
                .finish(),
            CallErrorKind::Io(err) => f.debug_tuple("Io").field(err).finish(),
            CallErrorKind::UnreadableResponse(err) => {
                f.debug_tuple("UnreadableResponse").field(err).finish()
            }
            CallErrorKind::ResponseTooLarge { limit, status } => f
                .debug_struct("ResponseTooLarge")
                .field("limit", limit)
                .field("status", status)
                .finish(),
            CallErrorKind::InvalidConfig(err) => f.debug_tuple("InvalidConfig").field(err).finish(),
            CallErrorKind::InvalidRequest(err) => {
                f.debug_tuple("InvalidRequest").field(err).finish()
            }
            CallErrorKind::Credentials(err) => f.debug_tuple("Credentials").field(err).finish(),
            CallErrorKind::RequestPayload(err) => {
                f.debug_tuple("RequestPayload").field(err).finish()
            }
        }
    }
}

/// `Display` carries the service metadata, the settings error or the
/// transport failure in one clause. `source()` is what that clause was read
/// from, when it left something out: the HTTP library's error under a
/// transport failure of the built-in connector (the chain that ends in the
/// OS error or the rustls error). The parts are available through
/// [`CallError::kind`].
impl<E: OperationError> StdError for CallError<E> {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match &self.kind {
            CallErrorKind::Connect(err)
            | CallErrorKind::Io(err)
            | CallErrorKind::RequestPayload(err)
            | CallErrorKind::Timeout {
                source: Some(err), ..
            }
            | CallErrorKind::UnreadableResponse(UnreadableResponse {
                problem: ResponseProblem::Body(err),
                ..
            }) => err.source(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use awsgen_types::{ErrorMetadata, ErrorResponse, RetryClass};

    use super::*;

    /// An operation error that never occurs here.
    #[derive(Debug)]
    struct NoServiceError(ErrorMetadata);

    impl fmt::Display for NoServiceError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("none")
        }
    }

    impl StdError for NoServiceError {}

    impl OperationError for NoServiceError {
        fn from_response(response: ErrorResponse<'_>) -> Self {
            NoServiceError(response.metadata.clone())
        }
        fn metadata(&self) -> &ErrorMetadata {
            &self.0
        }
        fn retry_class(&self) -> Option<RetryClass> {
            None
        }
    }

    fn connect_error(summary: Summary, url: &str) -> CallError<NoServiceError> {
        let err = ConnectorError::connect("the library's words").with_summary(summary);
        CallError::new(CallErrorKind::Connect(err), 1).at_endpoint(&url.parse().unwrap())
    }

    #[test]
    fn the_plain_http_hint_keeps_the_port_tls_was_tried_on() {
        // `https://host` is port 443, which `http://host` would not reach.
        assert_eq!(
            connect_error(Summary::NotTls, "https://example.com/custom/").to_string(),
            "could not connect to https://example.com: the server answered TLS with \
             something else: it may speak plain http (try http://example.com:443)"
        );
        assert_eq!(
            connect_error(Summary::NotTls, "https://[::1]:4566/").to_string(),
            "could not connect to https://[::1]:4566: the server answered TLS with \
             something else: it may speak plain http (try http://[::1]:4566)"
        );
    }

    #[test]
    fn an_unresolved_host_is_named_with_its_endpoint() {
        let summary = Summary::HostNotFound("Name or service not known".into());
        assert_eq!(
            connect_error(summary, "https://ecr.example.invalid:8443/").to_string(),
            "could not resolve host ecr.example.invalid (endpoint \
             https://ecr.example.invalid:8443): Name or service not known"
        );
    }

    #[test]
    fn without_an_endpoint_the_cause_alone() {
        let err: CallError<NoServiceError> = CallError::new(
            CallErrorKind::Connect(
                ConnectorError::connect("x")
                    .with_summary(Summary::Other("connection refused".into())),
            ),
            1,
        );
        assert_eq!(err.to_string(), "could not connect: connection refused");
        assert_eq!(err.endpoint(), None);
    }
}
