//! `aws.protocols#ec2Query` responses: the output's members are the
//! children of the root element (`<OpResponse>`). Requests are forms
//! ([`super::query`]); errors are read by [`super::xml_error`].

use crate::response::{DeserializeError, HttpResponse};
use crate::xml::{parse, Element, XmlRead};

/// Reads the output from the root element's children; no body reads as an
/// output with no members set.
pub fn read_output<T: XmlRead>(response: &HttpResponse<'_>) -> Result<T, DeserializeError> {
    if response.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::read_xml(&Element::default())?);
    }
    Ok(T::read_xml(&parse(response.body)?)?)
}
