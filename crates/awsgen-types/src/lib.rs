//! Value types and traits that generated awsJson clients are built on.
//!
//! Generated type crates depend on this crate and on serde; nothing here does I/O,
//! so depending on generated types never pulls in an HTTP stack. The transport
//! (`awsgen-client`) drives generated operations through the [`Operation`] trait.

pub mod blob;
pub mod date_time;
pub mod document;
pub mod endpoint_param;
pub mod error;
pub mod json;
pub mod operation;
pub mod paginate;
pub mod serde_as;
pub mod string_enum;
pub mod union;
pub mod validate;
pub mod waiter;

mod json_number;
mod text;

pub use blob::Blob;
pub use date_time::{DateTime, DateTimeParseError, SystemTimeConversionError, TimestampFormat};
pub use document::{BigDecimal, BigInteger, Document, ParseBigNumberError};
pub use endpoint_param::{endpoint_param_at, EndpointParam};
pub use error::{
    sanitize_error_code, ErrorMetadata, ErrorResponse, OperationError, UnhandledError,
};
pub use operation::{
    HostPrefixError, Operation, Protocol, RequestCompression, RetryClass, ServiceMeta,
};
pub use paginate::{Paginated, PaginatedItems};
pub use validate::{ConstraintViolation, Validate, ValidationErrors, ViolationKind};
pub use waiter::{
    Acceptor, AcceptorState, Comparator, Matcher, PathMatcher, Waiter, WaiterDefinition,
};

/// What `Debug` prints in place of a `@sensitive` value.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";
