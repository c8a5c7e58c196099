//! REST operations (restJson1, restXml): `serialize_request` from the HTTP
//! bindings in the IR, `deserialize_output` and the error structures' header
//! reading. Only the body differs between the two protocols ([`RestBody`]).

mod request;
mod response;
pub(crate) mod text;

pub use request::serialize_request_fn;
pub use response::{deserialize_output_fn, error_headers_fn};

use crate::ir::{ResponseRoot, XmlMember, XmlRoot};

/// The body format of a REST protocol.
#[derive(Clone, Copy)]
pub enum RestBody<'a> {
    /// restJson1: a JSON object of the body members, or a JSON payload.
    Json,
    /// restXml: the body members inside `root` (the request's; a response's
    /// root name is not checked), each as `members` (indexed like the
    /// structure's fields) lays it out.
    Xml {
        members: &'a [XmlMember],
        root: &'a XmlRoot,
        /// Where a response's members are: inside a wrapper root, or the
        /// root itself.
        response_root: ResponseRoot,
    },
}
