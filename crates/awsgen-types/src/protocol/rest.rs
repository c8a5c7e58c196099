//! The HTTP binding traits of REST protocols (restJson1, and restXml to
//! come), whatever the body format: URI labels, query strings, headers and
//! prefix headers, written for requests and read from responses. Generated
//! serializers call these with the text forms in [`text`].

pub mod headers;
pub mod text;
mod uri;

pub use uri::Uri;
