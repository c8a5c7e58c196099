//! What each wire protocol does, as functions generated serializers and
//! deserializers call. The client never looks inside: it sends the
//! [`HttpRequest`](crate::HttpRequest) an operation makes and hands the
//! [`HttpResponse`](crate::HttpResponse) back to the operation.
//!
//! - [`aws_json`]: `awsJson1_0` and `awsJson1_1` (`POST /`, `X-Amz-Target`).
//! - [`rest`]: the HTTP binding traits of REST protocols (labels, query,
//!   headers), whatever the body format.
//! - [`rest_json`]: `restJson1`, those bindings with JSON bodies.
//! - [`json_error`]: how the JSON protocols name an error (header, `code`, `__type`).
//! - `rpc_v2_cbor` (feature `cbor`): `smithy.protocols#rpcv2Cbor`, CBOR bodies.

pub mod aws_json;
pub mod json_error;
pub mod rest;
pub mod rest_json;
#[cfg(feature = "cbor")]
pub mod rpc_v2_cbor;
