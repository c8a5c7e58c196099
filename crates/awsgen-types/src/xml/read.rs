//! Reading values from the parsed tree: the trait generated structures and
//! unions implement, and the scalar readers their code calls. Scalars have
//! the same text forms as in URIs and headers (`protocol::rest::text`), so
//! those parsers are reused.

use crate::date_time::{DateTime, TimestampFormat};
use crate::protocol::rest::text::FromHttpText;

use super::{Element, XmlError};

/// A generated structure or union read from its element (its attributes
/// and child elements; the element's own name was matched by the caller).
pub trait XmlRead: Sized {
    /// Reads the value; unknown child elements and attributes are ignored.
    fn read_xml(element: &Element) -> Result<Self, XmlError>;
}

/// A string's text, as it is (whitespace included).
pub fn read_text(element: &Element) -> String {
    element.text.clone()
}

/// A boolean, `true` or `false` (surrounding whitespace ignored).
pub fn read_bool(element: &Element) -> Result<bool, XmlError> {
    read_number(element)
}

/// A number, big number or blob (base64), from the element's trimmed text.
pub fn read_number<T: FromHttpText>(element: &Element) -> Result<T, XmlError> {
    T::from_http_text(element.text.trim()).map_err(|problem| in_element(element, problem))
}

/// A float: decimal, or `NaN`, `Infinity`, `-Infinity`.
pub fn read_float<T: FromHttpText>(element: &Element) -> Result<T, XmlError> {
    read_number(element)
}

/// A blob from base64.
pub fn read_blob(element: &Element) -> Result<crate::Blob, XmlError> {
    read_number(element)
}

/// A timestamp in `format`.
pub fn read_timestamp(element: &Element, format: TimestampFormat) -> Result<DateTime, XmlError> {
    DateTime::parse(element.text.trim(), format).map_err(|e| in_element(element, e.to_string()))
}

/// An attribute's value read with `parse` (one of `FromHttpText`'s or a
/// timestamp's), `None` when the element has no such attribute.
pub fn attribute<T>(
    element: &Element,
    name: &str,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Result<Option<T>, XmlError> {
    match element.attribute(name) {
        Some(text) => parse(text).map(Some).map_err(|problem| {
            XmlError::new(format!("attribute `{name}`: {problem}")).in_element(&element.name)
        }),
        None => Ok(None),
    }
}

/// The error for a required member that a structure's element lacks
/// (one that has no zero value to stand in: a structure or union).
pub fn missing(element: &Element, member: &str) -> XmlError {
    XmlError::new(format!("the required member `{member}` is missing")).in_element(&element.name)
}

fn in_element(element: &Element, problem: String) -> XmlError {
    XmlError::new(problem).in_element(&element.name)
}
