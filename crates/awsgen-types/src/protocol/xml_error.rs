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
        .with_bucket_region(bucket_region(response))
}

/// S3's `x-amz-bucket-region` header: where the bucket is, sent with a
/// redirect (`301 PermanentRedirect`) or a refused signing region (`400
/// AuthorizationHeaderMalformed`). Only S3 sends it; a value that is not a
/// region name (empty, or not text) is left out.
fn bucket_region(response: &HttpResponse<'_>) -> Option<String> {
    let value = response
        .headers
        .get("x-amz-bucket-region")?
        .to_str()
        .ok()?
        .trim();
    let is_region = !value.is_empty()
        && value.len() <= 64
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    is_region.then(|| value.to_owned())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn metadata(status: u16, headers: &[(&'static str, &str)], body: &[u8]) -> ErrorMetadata {
        let mut map = http::HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, value.parse().unwrap());
        }
        error_metadata(
            &HttpResponse {
                status,
                headers: &map,
                body,
            },
            ErrorLocation::RestXml,
        )
    }

    #[test]
    fn s3s_bucket_region_header_is_the_region_hint() {
        let body = b"<Error><Code>AuthorizationHeaderMalformed</Code><Message>the region 'us-east-1' is wrong; expecting 'eu-west-1'</Message></Error>";
        let meta = metadata(400, &[("x-amz-bucket-region", "eu-west-1")], body);
        assert_eq!(meta.code.as_deref(), Some("AuthorizationHeaderMalformed"));
        assert_eq!(meta.bucket_region(), Some("eu-west-1"));
        assert!(
            meta.to_string().ends_with("; the bucket is in eu-west-1)"),
            "{meta}"
        );
        // A HEAD's redirect has no body: the header still says where to go.
        let head = metadata(301, &[("x-amz-bucket-region", "ap-south-1")], b"");
        assert_eq!(head.bucket_region(), Some("ap-south-1"));
    }

    #[test]
    fn no_or_an_odd_bucket_region_header_is_no_hint() {
        assert_eq!(
            metadata(404, &[], b"<Error><Code>NoSuchKey</Code></Error>").bucket_region(),
            None
        );
        for odd in ["", "EU WEST", "eu-west-1\u{7f}"] {
            if let Ok(value) = http::HeaderValue::from_str(odd) {
                let mut map = http::HeaderMap::new();
                map.insert("x-amz-bucket-region", value);
                let response = HttpResponse {
                    status: 301,
                    headers: &map,
                    body: b"",
                };
                assert_eq!(bucket_region(&response), None, "{odd:?}");
            }
        }
    }
}
