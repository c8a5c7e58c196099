//! What each wire protocol does, as functions generated serializers and
//! deserializers call. The client never looks inside: it sends the
//! [`HttpRequest`](crate::HttpRequest) an operation makes and hands the
//! [`HttpResponse`](crate::HttpResponse) back to the operation.
//!
//! - [`aws_json`]: `awsJson1_0` and `awsJson1_1` (`POST /`, `X-Amz-Target`).
//! - [`json_error`]: how the JSON protocols name an error (header, `code`, `__type`).

pub mod aws_json;
pub mod json_error;
