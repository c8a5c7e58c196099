//! `aws.protocols#awsQuery` responses: the output's members are inside
//! `<OpResponse><OpResult>`. Requests are forms ([`super::query`]); errors
//! are read by [`super::xml_error`].

use crate::response::{DeserializeError, HttpResponse};
use crate::xml::{parse, Element, XmlRead};

/// Reads the output from `<{Op}Response><{Op}Result>`. An operation whose
/// output has no members answers with no result element (or no body).
pub fn read_output<T: XmlRead>(
    response: &HttpResponse<'_>,
    result: &str,
) -> Result<T, DeserializeError> {
    if response.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::read_xml(&Element::default())?);
    }
    let root = parse(response.body)?;
    let empty = Element::default();
    let element = root.child(result).unwrap_or(&empty);
    Ok(T::read_xml(element)?)
}
