//! Value types and traits that generated AWS clients are built on.
//!
//! Generated type crates depend on this crate and on serde; nothing here does I/O,
//! so depending on generated types never pulls in an HTTP stack (only the
//! `http` crate's request and header types, which [`HttpRequest`] uses). The
//! transport (`awsgen-client`) drives generated operations through the
//! [`Operation`] trait; [`protocol`] holds what each wire protocol does.

pub mod blob;
pub mod byte_stream;
#[cfg(feature = "cbor")]
pub mod cbor;
pub mod date_time;
pub mod document;
pub mod endpoint_param;
pub mod error;
pub mod json;
pub mod operation;
pub mod paginate;
pub mod protocol;
pub mod request;
pub mod response;
pub mod serde_as;
pub mod string_enum;
pub mod union;
pub mod validate;
pub mod waiter;
#[cfg(feature = "xml")]
pub mod xml;

mod json_number;
mod tagged;
mod text;

pub use blob::Blob;
pub use byte_stream::{ByteStream, StreamError};
pub use date_time::{DateTime, DateTimeParseError, SystemTimeConversionError, TimestampFormat};
pub use document::{BigDecimal, BigInteger, Document, ParseBigNumberError};
pub use endpoint_param::{endpoint_param_at, EndpointParam};
pub use error::{
    sanitize_error_code, ErrorMetadata, ErrorResponse, OperationError, UnhandledError,
};
pub use operation::{
    Auth, BodyChecksum, HostPrefixError, HttpChecksum, Operation, Protocol, RequestCompression,
    RetryClass, ServiceMeta,
};
pub use request::{HttpRequest, MemberProblem, SerializeError};
pub use response::{DeserializeError, HttpResponse};

/// The `bytes` crate of request and response bodies.
pub use bytes;
/// The `http` crate generated code builds requests with (re-exported so
/// generated crates need no dependency of their own on it).
pub use http;
pub use paginate::{Paginated, PaginatedItems};
pub use validate::{ConstraintViolation, Validate, ValidationErrors, ViolationKind};
pub use waiter::{
    Acceptor, AcceptorState, Comparator, Matcher, PathMatcher, Waiter, WaiterDefinition,
};

/// What `Debug` prints in place of a `@sensitive` value.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";
