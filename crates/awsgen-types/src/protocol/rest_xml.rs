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

/// The document of a response whose one body member is the root element
/// itself (`aws.customizations#s3UnwrappedXmlOutput`: S3's
/// `GetBucketLocation` answers `<LocationConstraint>..</LocationConstraint>`),
/// under a nameless parent, so the member is read as a child, like every
/// other body member; `None` for an empty body.
pub fn read_unwrapped_document(body: &[u8]) -> Result<Option<Element>, DeserializeError> {
    Ok(read_document(body)?.map(|root| Element {
        children: vec![root],
        ..Element::default()
    }))
}

/// A structure or union payload; an empty body is no value.
pub fn read_payload<T: XmlRead>(body: &[u8]) -> Result<Option<T>, DeserializeError> {
    match read_document(body)? {
        Some(root) => Ok(Some(T::read_xml(&root)?)),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unwrapped_root_is_read_as_the_one_child() {
        let body = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">us-west-2</LocationConstraint>";
        let parent = read_unwrapped_document(body).unwrap().unwrap();
        assert_eq!(parent.name, "");
        assert_eq!(parent.children.len(), 1);
        assert_eq!(parent.children[0].local_name(), "LocationConstraint");
        assert_eq!(parent.children[0].text, "us-west-2");
        assert!(read_unwrapped_document(b"  \n").unwrap().is_none());
        assert!(read_unwrapped_document(b"<open>").is_err());
    }
}
