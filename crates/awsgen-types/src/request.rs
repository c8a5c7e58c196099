//! The protocol-neutral request an operation's generated serializer makes:
//! what the protocol decides (method, path and query, the headers bound to
//! members or fixed by the protocol, the body). The client adds the rest
//! (host, length, User-Agent, SDK headers, compression, the signature).

use std::borrow::Cow;
use std::fmt;

use http::{HeaderName, HeaderValue, Method};

use crate::byte_stream::ByteStream;

/// An operation's HTTP request, before the client's own headers and signing.
#[derive(Debug, Clone)]
pub struct HttpRequest {
    /// The HTTP method (`POST` for every RPC protocol).
    pub method: Method,
    /// The path and query, starting with `/`, appended to the endpoint's
    /// path. Labels are already percent-encoded. Empty, or only the query
    /// (`?list-type=2`), when the operation has no path of its own (S3's
    /// `/{Bucket}`, the bucket left to the endpoint rules): the request
    /// then goes to the endpoint's path.
    pub path_and_query: Cow<'static, str>,
    /// Headers the protocol or the input sets, in any order, each name
    /// once (a list-valued member is one comma-joined value). Borrowed when
    /// they are the operation's constants (awsJson's content type and
    /// target), so such a request allocates nothing for them.
    pub headers: Cow<'static, [(HeaderName, HeaderValue)]>,
    /// The body: bytes for every body a protocol writes, the caller's
    /// stream for a `@streaming` payload (empty when the request has none).
    pub body: ByteStream,
}

impl HttpRequest {
    /// A request with no headers and an empty body.
    pub fn new(method: Method, path_and_query: impl Into<Cow<'static, str>>) -> Self {
        HttpRequest {
            method,
            path_and_query: path_and_query.into(),
            headers: Cow::Borrowed(&[]),
            body: ByteStream::default(),
        }
    }
}

/// Why an input cannot become a request. Found before anything is sent;
/// it names the input member and what is wrong with its value.
#[derive(Debug)]
#[non_exhaustive]
pub enum SerializeError {
    /// A member's value cannot go where the model binds it.
    Member {
        /// The input member, by its Smithy name.
        member: &'static str,
        /// Where the value was going and what is wrong with it.
        problem: MemberProblem,
    },
    /// The body could not be written.
    Body(serde_json::Error),
    /// The CBOR body could not be written.
    #[cfg(feature = "cbor")]
    Cbor(crate::cbor::Error),
}

/// What is wrong with a member's value for its HTTP binding.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MemberProblem {
    /// A URI label is empty: `/things/{name}` would become `/things/`.
    EmptyLabel,
    /// A URI label is `.` or `..` (or a greedy label holds such a segment),
    /// which would change the path the request goes to.
    PathChangingLabel,
    /// A required member bound to a label, header or query is unset.
    Missing,
    /// The value cannot be an HTTP header value (a control character, say).
    InvalidHeaderValue {
        /// The header name.
        header: String,
    },
    /// A prefix-header map key does not make a valid header name.
    InvalidHeaderName {
        /// The name the key would make.
        header: String,
    },
    /// A float member's value has no HTTP text form here.
    NonFiniteNumber,
    /// A `@requiresLength` streaming payload was given without its length.
    LengthRequired,
}

impl fmt::Display for MemberProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MemberProblem::EmptyLabel => {
                f.write_str("is empty, and a URI label must have a value")
            }
            MemberProblem::PathChangingLabel => {
                f.write_str("is `.` or `..`, which would change the request's path")
            }
            MemberProblem::Missing => f.write_str("is required and unset"),
            MemberProblem::InvalidHeaderValue { header } => write!(
                f,
                "cannot be sent in header `{header}` (control characters or other bytes a header value may not hold)"
            ),
            MemberProblem::InvalidHeaderName { header } => {
                write!(f, "makes `{header}`, which is not a valid header name")
            }
            MemberProblem::NonFiniteNumber => f.write_str("is not a finite number"),
            MemberProblem::LengthRequired => f.write_str(
                "is a stream of unknown length, and the operation needs the payload's length \
                 (give its length, or bytes, or a file)",
            ),
        }
    }
}

impl fmt::Display for SerializeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SerializeError::Member { member, problem } => {
                write!(f, "input member `{member}` {problem}")
            }
            SerializeError::Body(err) => write!(f, "the request body could not be written: {err}"),
            #[cfg(feature = "cbor")]
            SerializeError::Cbor(err) => {
                write!(f, "the request body could not be written: {err}")
            }
        }
    }
}

impl std::error::Error for SerializeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SerializeError::Body(err) => Some(err),
            #[cfg(feature = "cbor")]
            SerializeError::Cbor(err) => Some(err),
            SerializeError::Member { .. } => None,
        }
    }
}
