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
//! - With the `xml` feature: [`query`] (the form requests of awsQuery and
//!   ec2Query), [`aws_query`] and [`ec2_query`] (their responses),
//!   [`rest_xml`] (restXml bodies) and [`xml_error`] (how the XML protocols
//!   name an error).
//! - `rpc_v2_cbor` (feature `cbor`): `smithy.protocols#rpcv2Cbor`, CBOR bodies.

pub mod aws_json;
#[cfg(feature = "xml")]
pub mod aws_query;
#[cfg(feature = "xml")]
pub mod ec2_query;
pub mod json_error;
#[cfg(feature = "xml")]
pub mod query;
pub mod rest;
pub mod rest_json;
#[cfg(feature = "xml")]
pub mod rest_xml;
#[cfg(feature = "cbor")]
pub mod rpc_v2_cbor;
#[cfg(feature = "xml")]
pub mod xml_error;
