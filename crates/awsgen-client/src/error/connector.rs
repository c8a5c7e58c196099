//! The error of an [`HttpConnector`](crate::HttpConnector): the seam's own
//! error type, here so that the error modules stay a leaf.

use std::error::Error as StdError;
use std::fmt;

use http::StatusCode;

/// What went wrong in a connector; it drives retry classification.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ConnectorErrorKind {
    /// No connection could be made (DNS, refused, TLS handshake). The request was not sent.
    Connect,
    /// The connector's own timeout elapsed (for [`HyperConnector`](crate::HyperConnector),
    /// the connect timeout).
    Timeout,
    /// The connection broke while the request or response was in flight (reset,
    /// closed early, truncated body).
    Io,
    /// The response body was larger than the configured limit.
    ResponseTooLarge,
    /// The request's streaming payload could not be read.
    Payload,
    /// Anything else, for example a malformed HTTP response.
    Other,
}

impl ConnectorErrorKind {
    fn describe(self) -> &'static str {
        match self {
            ConnectorErrorKind::Connect => "connection failed",
            ConnectorErrorKind::Timeout => "timed out",
            ConnectorErrorKind::Io => "I/O error",
            ConnectorErrorKind::ResponseTooLarge => "response body too large",
            ConnectorErrorKind::Payload => "reading the request payload failed",
            ConnectorErrorKind::Other => "HTTP error",
        }
    }
}

type BoxError = Box<dyn StdError + Send + Sync>;

/// An error from an [`HttpConnector`](crate::HttpConnector).
///
/// For the built-in [`HyperConnector`](crate::HyperConnector), `Display` is
/// the cause in one clause (`connection refused`, `the TLS handshake failed:
/// ..`) and `source()` is the HTTP library's error it was read from. For
/// errors other connectors make, `Display` is the wrapped error's message
/// followed by its causes, and `source()` is `None`, as with `io::Error`.
/// Either way [`get_ref`](Self::get_ref) gives the wrapped error.
pub struct ConnectorError {
    kind: ConnectorErrorKind,
    status: Option<StatusCode>,
    source: BoxError,
    summary: Option<Summary>,
}

/// A transport failure in one clause, read from the causes of the HTTP
/// library's error by the connector that knows that library.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Summary {
    /// The endpoint's host name did not resolve; the resolver's reason.
    HostNotFound(String),
    /// The server's first answer to the TLS handshake was not TLS: it
    /// speaks something else on that port, most often plain HTTP.
    NotTls,
    /// The connection through a proxy failed. Boxed: the summary lives in
    /// every `CallError`, which must stay small.
    Proxy(Box<ProxyFailure>),
    /// Anything else, said in one clause.
    Other(String),
}

/// A connection through a proxy that failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ProxyFailure {
    /// The proxy URL, credentials redacted.
    pub(crate) proxy: String,
    /// What went wrong, in one clause.
    pub(crate) reason: String,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Summary::HostNotFound(reason) => {
                write!(f, "the host name could not be resolved: {reason}")
            }
            Summary::NotTls => {
                f.write_str("the server answered TLS with something else: it may speak plain http")
            }
            Summary::Proxy(failure) => {
                write!(f, "through proxy {}: {}", failure.proxy, failure.reason)
            }
            Summary::Other(clause) => f.write_str(clause),
        }
    }
}

impl ConnectorError {
    /// Wraps an error of the given kind.
    pub fn new(kind: ConnectorErrorKind, source: impl Into<BoxError>) -> Self {
        ConnectorError {
            kind,
            status: None,
            source: source.into(),
            summary: None,
        }
    }

    /// A connection could not be made.
    pub fn connect(source: impl Into<BoxError>) -> Self {
        Self::new(ConnectorErrorKind::Connect, source)
    }

    /// The connector's timeout elapsed.
    pub fn timeout(source: impl Into<BoxError>) -> Self {
        Self::new(ConnectorErrorKind::Timeout, source)
    }

    /// The connection failed mid-flight.
    pub fn io(source: impl Into<BoxError>) -> Self {
        Self::new(ConnectorErrorKind::Io, source)
    }

    /// The request's streaming payload could not be read (a file that went
    /// away, the caller's stream failing): nothing about the service.
    pub fn payload(source: impl Into<BoxError>) -> Self {
        Self::new(ConnectorErrorKind::Payload, source)
    }

    /// Any other failure.
    pub fn other(source: impl Into<BoxError>) -> Self {
        Self::new(ConnectorErrorKind::Other, source)
    }

    /// The response body passed `limit` bytes.
    pub fn response_too_large(limit: usize) -> Self {
        Self::new(
            ConnectorErrorKind::ResponseTooLarge,
            format!("the body is larger than the limit of {limit} bytes"),
        )
    }

    /// Records the status of a response whose head arrived before the failure.
    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = Some(status);
        self
    }

    /// Says the failure in one clause instead of the wrapped error's chain,
    /// which then becomes `source()`.
    pub(crate) fn with_summary(mut self, summary: Summary) -> Self {
        self.summary = Some(summary);
        self
    }

    /// The failure in one clause, when the connector said it.
    pub(crate) fn summary(&self) -> Option<&Summary> {
        self.summary.as_ref()
    }

    /// The kind of failure.
    pub fn kind(&self) -> ConnectorErrorKind {
        self.kind
    }

    /// The response status, when the failure happened after the response head arrived.
    pub fn status(&self) -> Option<StatusCode> {
        self.status
    }

    /// The wrapped error.
    pub fn get_ref(&self) -> &(dyn StdError + Send + Sync + 'static) {
        &*self.source
    }

    /// The wrapped error, by value.
    pub fn into_inner(self) -> BoxError {
        self.source
    }
}

impl fmt::Debug for ConnectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConnectorError")
            .field("kind", &self.kind)
            .field("status", &self.status)
            .field("source", &self.source)
            .field("summary", &self.summary)
            .finish()
    }
}

impl fmt::Display for ConnectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(summary) = &self.summary {
            return summary.fmt(f);
        }
        write!(f, "{}: {}", self.kind.describe(), self.source)?;
        // Transport errors often hide the useful part (the OS error) one level down.
        let mut next = self.source.source();
        while let Some(cause) = next {
            write!(f, ": {cause}")?;
            next = cause.source();
        }
        Ok(())
    }
}

impl StdError for ConnectorError {
    /// The wrapped error when `Display` summed it up in one clause. Without a
    /// summary the whole chain is already in `Display`, so, like
    /// `io::Error`, the wrapped error is reached through `get_ref` rather
    /// than repeated as a source.
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self.summary {
            Some(_) => Some(&*self.source),
            None => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Outer(std::io::Error);
    impl fmt::Display for Outer {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("tcp connect error")
        }
    }
    impl StdError for Outer {
        fn source(&self) -> Option<&(dyn StdError + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn display_names_kind_and_the_whole_cause_chain() {
        let err = ConnectorError::connect(Outer(std::io::Error::new(
            std::io::ErrorKind::ConnectionRefused,
            "connection refused",
        )));
        assert_eq!(
            err.to_string(),
            "connection failed: tcp connect error: connection refused"
        );
        assert_eq!(err.kind(), ConnectorErrorKind::Connect);
        assert!(err.status().is_none());
    }

    #[test]
    fn a_summary_replaces_the_chain_which_becomes_the_source() {
        let err = ConnectorError::connect(Outer(std::io::Error::new(
            std::io::ErrorKind::ConnectionRefused,
            "connection refused",
        )))
        .with_summary(Summary::Other("connection refused".to_owned()));
        assert_eq!(err.to_string(), "connection refused");
        let source = err.source().expect("the wrapped error is the source");
        assert_eq!(source.to_string(), "tcp connect error");
        assert!(source.source().is_some(), "and its own causes follow");
        assert!(err.get_ref().is::<Outer>());

        let not_tls = ConnectorError::connect("corrupt message").with_summary(Summary::NotTls);
        assert_eq!(
            not_tls.to_string(),
            "the server answered TLS with something else: it may speak plain http"
        );
    }

    #[test]
    fn status_is_kept_for_failures_after_the_head() {
        let err = ConnectorError::io("body ended early").with_status(StatusCode::OK);
        assert_eq!(err.status(), Some(StatusCode::OK));
        assert_eq!(err.to_string(), "I/O error: body ended early");
    }
}
