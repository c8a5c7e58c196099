//! How the XML protocols name and describe an error, and the step from an
//! error response to the operation's error enum. Where the error's members
//! are differs by protocol ([`ErrorLocation`]); the rest is shared.

use crate::error::{sanitize_error_code, ErrorMetadata, ErrorResponse, OperationError};
use crate::error::{ModeledError, UnhandledError};
use crate::response::HttpResponse;
use crate::xml::{parse, Element, XmlRead};

/// Where an error response holds the error's members (and `Code`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorLocation {
    /// awsQuery: `<ErrorResponse><Error>..</Error><RequestId>`.
    AwsQuery,
    /// ec2Query: `<Response><Errors><Error>..</Error></Errors><RequestID>`.
    Ec2Query,
    /// restXml: `<ErrorResponse><Error>` or, for services with
    /// `noErrorWrapping` (S3), `<Error>` at the root. Both are read either way.
    RestXml,
}

/// The operation's error for a non-2xx response: the code and message from
/// the body, then the modeled error the code names (or the catch-all).
pub fn read_error<E: OperationError>(response: &HttpResponse<'_>, location: ErrorLocation) -> E {
    let metadata = error_metadata(response, location);
    E::from_response(ErrorResponse {
        body: response.body,
        headers: response.headers,
        metadata: &metadata,
    })
}

/// Code (`Code`, sanitized), message (`Message`) and request ID (a header,
/// else `RequestId`/`RequestID` in the body) of an error response. A body
/// that is not XML (a proxy's HTML page) yields no code and no message.
pub fn error_metadata(response: &HttpResponse<'_>, location: ErrorLocation) -> ErrorMetadata {
    let root = parse(response.body).ok();
    let error = root.as_ref().and_then(|root| error_element(root, location));
    let text = |name: &str| {
        error
            .and_then(|e| e.child(name))
            .map(|e| e.text.trim().to_owned())
    };
    let code = text("Code")
        .map(|code| sanitize_error_code(&code).to_owned())
        .filter(|code| !code.is_empty());
    let message = text("Message").or_else(|| text("message"));
    let request_id = response.request_id().or_else(|| {
        let root = root.as_ref()?;
        [root, error?]
            .into_iter()
            .find_map(|e| e.child("RequestId").or_else(|| e.child("RequestID")))
            .map(|e| e.text.trim().to_owned())
    });
    ErrorMetadata::new(code, message, response.status, request_id)
}

/// The element holding the error's members.
pub fn error_element(root: &Element, location: ErrorLocation) -> Option<&Element> {
    match location {
        ErrorLocation::AwsQuery => root.child("Error"),
        ErrorLocation::Ec2Query => root.child("Errors")?.child("Error"),
        ErrorLocation::RestXml if root.local_name() == "Error" => Some(root),
        ErrorLocation::RestXml => root.child("Error"),
    }
}

/// Reads the modeled error `T` from its element and wraps it in the
/// operation's error enum. A body without the error's element (or not XML)
/// reads as an element with no members, so the error is still recognised
/// by its code; one whose members do not read as `T` gives the response
/// back as an [`UnhandledError`].
pub fn modeled<T: ModeledError + XmlRead, E>(
    response: ErrorResponse<'_>,
    location: ErrorLocation,
    wrap: impl FnOnce(T) -> E,
) -> Result<E, UnhandledError> {
    let root = parse(response.body).ok();
    let empty = Element::default();
    let element = root
        .as_ref()
        .and_then(|root| error_element(root, location))
        .unwrap_or(&empty);
    match T::read_xml(element) {
        Ok(mut error) => {
            error.read_headers(response.headers);
            if let Some(message) = &response.metadata.message {
                error.fill_message(message);
            }
            error.set_metadata(response.metadata.clone());
            Ok(wrap(error))
        }
        Err(_) => Err(UnhandledError::new(response)),
    }
}
