//! restJson1 operations: `serialize_request` from the HTTP bindings in the
//! IR, `deserialize_output` and the error structures' header reading.

mod request;
mod response;
mod text;

pub use request::serialize_request_fn;
pub use response::{deserialize_output_fn, error_headers_fn};
