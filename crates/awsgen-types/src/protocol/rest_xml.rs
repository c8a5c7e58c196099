//! `aws.protocols#restXml`: the HTTP bindings of [`super::rest`] with XML
//! bodies. The body members are one element named after the input or output
//! structure (or `@xmlName`); a structure or union payload is its own
//! element. Errors are read by [`super::xml_error`].

use http::HeaderValue;

use crate::byte_stream::ByteStream;
use crate::response::DeserializeError;
use crate::xml::{parse, Element, XmlRead, XmlWriter};

/// `Content-Type` of an XML body.
pub const CONTENT_TYPE: HeaderValue = HeaderValue::from_static("application/xml");

/// A body written by `write` (one root element).
pub fn body(write: impl FnOnce(&mut XmlWriter)) -> ByteStream {
    let mut writer = XmlWriter::new();
    write(&mut writer);
    ByteStream::from(writer.into_bytes())
}

/// The root element of a response body; `None` for an empty one.
pub fn read_document(body: &[u8]) -> Result<Option<Element>, DeserializeError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    Ok(Some(parse(body)?))
}

/// A structure or union payload; an empty body is no value.
pub fn read_payload<T: XmlRead>(body: &[u8]) -> Result<Option<T>, DeserializeError> {
    match read_document(body)? {
        Some(root) => Ok(Some(T::read_xml(&root)?)),
        None => Ok(None),
    }
}
