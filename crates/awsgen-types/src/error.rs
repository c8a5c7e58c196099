//! What every operation error carries, and how the transport hands an error
//! response to the generated error enum.

use std::fmt;

use crate::operation::RetryClass;

/// Facts about a failed call that are not part of the modeled error shape.
#[derive(Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ErrorMetadata {
    /// The sanitized error code (`ImageNotFoundException`), when the response named one.
    pub code: Option<String>,
    /// The human-readable message (`message`, `Message` or `errorMessage` in the body).
    pub message: Option<String>,
    /// The HTTP status of the response.
    pub status: u16,
    /// The `x-amzn-RequestId` of the response.
    pub request_id: Option<String>,
    /// The region S3 says the bucket is in; see
    /// [`bucket_region`](Self::bucket_region). Boxed: only S3 sends it, and
    /// every error of every call carries this struct (inline, it would add
    /// 24 bytes to each).
    bucket_region: Option<Box<BucketRegion>>,
}

/// A region name, boxed behind a thin pointer in [`ErrorMetadata`].
#[derive(Clone, PartialEq, Eq)]
struct BucketRegion(String);

impl ErrorMetadata {
    /// Creates error metadata.
    pub fn new(
        code: Option<String>,
        message: Option<String>,
        status: u16,
        request_id: Option<String>,
    ) -> Self {
        ErrorMetadata {
            code,
            message,
            status,
            request_id,
            bucket_region: None,
        }
    }

    /// `self` with [`bucket_region`](Self::bucket_region) set.
    #[must_use]
    pub fn with_bucket_region(mut self, region: Option<String>) -> Self {
        self.bucket_region = region.map(|region| Box::new(BucketRegion(region)));
        self
    }

    /// The region S3 says the bucket is in (its `x-amz-bucket-region`
    /// header), sent with a redirect or a refusal of the signature's region
    /// (`301 PermanentRedirect`, `400 AuthorizationHeaderMalformed`): the
    /// region to call instead.
    pub fn bucket_region(&self) -> Option<&str> {
        self.bucket_region
            .as_deref()
            .map(|region| region.0.as_str())
    }
}

impl fmt::Debug for ErrorMetadata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorMetadata")
            .field("code", &self.code)
            .field("message", &self.message)
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("bucket_region", &self.bucket_region())
            .finish()
    }
}

impl fmt::Display for ErrorMetadata {
    /// `Code: message (HTTP 400, request ID abc)`, and `; the bucket is in
    /// eu-west-1` inside the parentheses when S3 named the bucket's region;
    /// parts that are unknown are left out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code.as_deref().unwrap_or("unidentified service error"))?;
        if let Some(message) = self.message.as_deref().filter(|m| !m.is_empty()) {
            write!(f, ": {message}")?;
        }
        write!(f, " (HTTP {}", self.status)?;
        if let Some(id) = &self.request_id {
            write!(f, ", request ID {id}")?;
        }
        if let Some(region) = self.bucket_region() {
            write!(f, "; the bucket is in {region}")?;
        }
        f.write_str(")")
    }
}

/// An error response as the transport read it, handed to [`OperationError::from_response`].
#[derive(Debug, Clone, Copy)]
pub struct ErrorResponse<'a> {
    /// The whole response body (may be empty or not in the protocol's format at all).
    pub body: &'a [u8],
    /// The response headers (errors may bind members to them).
    pub headers: &'a http::HeaderMap,
    /// Code, message, status and request ID, already extracted by the protocol's rule.
    pub metadata: &'a ErrorMetadata,
}

/// An error the model does not describe (or one whose body could not be read
/// as the modeled shape). It keeps everything the response said.
#[derive(Clone, PartialEq, Eq)]
pub struct UnhandledError {
    metadata: ErrorMetadata,
    body: Vec<u8>,
}

impl UnhandledError {
    /// Creates an unhandled error from the response.
    pub fn new(response: ErrorResponse<'_>) -> Self {
        UnhandledError {
            metadata: response.metadata.clone(),
            body: response.body.to_vec(),
        }
    }

    /// The error metadata.
    pub fn metadata(&self) -> &ErrorMetadata {
        &self.metadata
    }

    /// The raw response body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

impl fmt::Debug for UnhandledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnhandledError")
            .field("metadata", &self.metadata)
            .field("body", &String::from_utf8_lossy(&self.body))
            .finish()
    }
}

impl fmt::Display for UnhandledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.metadata, f)
    }
}

impl std::error::Error for UnhandledError {}

/// The error enum of one operation: a variant per modeled error plus a catch-all.
pub trait OperationError: std::error::Error + Send + Sync + Sized + 'static {
    /// Maps an error response to the modeled error whose shape name equals the
    /// sanitized code; anything else becomes the catch-all. Never fails.
    fn from_response(response: ErrorResponse<'_>) -> Self;

    /// Code, message, status and request ID of this error.
    fn metadata(&self) -> &ErrorMetadata;

    /// The retry decision the model (`@retryable`) or the generator's override
    /// table makes for this error, if any; `None` leaves it to the transport's
    /// classification by code and status.
    fn retry_class(&self) -> Option<RetryClass>;
}

/// `Display` of a modeled error: the response's metadata when it came from
/// one, else the shape name and the modeled message.
pub fn display_error(
    f: &mut fmt::Formatter<'_>,
    code: &str,
    message: Option<&str>,
    metadata: &ErrorMetadata,
) -> fmt::Result {
    if metadata.code.is_some() || metadata.status != 0 {
        let mut shown = metadata.clone();
        if shown.message.is_none() {
            shown.message = message.map(str::to_owned);
        }
        return fmt::Display::fmt(&shown, f);
    }
    f.write_str(code)?;
    match message.filter(|m| !m.is_empty()) {
        Some(message) => write!(f, ": {message}"),
        None => Ok(()),
    }
}

/// Reads a modeled error's body. An empty body, or one that does not read as
/// `T` (a header-only error, an HTML page from a proxy, a JSON array where the
/// shape's object belongs), reads as `{}` so the error is still recognised by
/// its code; `None` only when even that fails.
///
/// A structure is read from a JSON object only ([`crate::json::from_slice`]),
/// never filled from an array by position.
pub fn parse_error_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Option<T> {
    let trimmed = body.trim_ascii_start();
    if !trimmed.is_empty() {
        if let Ok(value) = crate::json::from_slice(trimmed) {
            return Some(value);
        }
    }
    crate::json::from_slice(b"{}").ok()
}

/// A modeled error structure; generated error types implement it so one
/// generic function can decode any of them.
pub trait ModeledError: serde::de::DeserializeOwned {
    /// The error shape's name: the code a service names it by.
    const CODE: &'static str;
    /// `@httpError`: the HTTP status the model gives the error, if any.
    const HTTP_STATUS: Option<u16> = None;
    /// `@error("server")`: the service's fault rather than the caller's.
    const SERVER_FAULT: bool = false;

    /// The HTTP status a service answers with for this error: `@httpError`,
    /// else 500 for a server fault and 400 for a client one (Smithy's rule).
    fn http_status() -> u16 {
        Self::HTTP_STATUS.unwrap_or(if Self::SERVER_FAULT { 500 } else { 400 })
    }

    /// Attaches the response's metadata.
    fn set_metadata(&mut self, metadata: ErrorMetadata);

    /// Sets the error's message member, when it has one and the body left
    /// it unset, to the response's message. An XML error carries its
    /// message as `<Message>` beside `<Code>`, while the models name the
    /// member `message`, so without this a typed error's message would be
    /// empty against AWS.
    fn fill_message(&mut self, _message: &str) {}

    /// Reads the members a REST protocol binds to headers (`@httpHeader`,
    /// `@httpPrefixHeaders`); the body held the rest.
    fn read_headers(&mut self, _headers: &http::HeaderMap) {}
}

/// Reads the response body as the modeled error `T` and wraps it in the
/// operation's error enum; a body that cannot be read as `T` gives the
/// response back as an [`UnhandledError`].
pub fn modeled<T: ModeledError, E>(
    response: ErrorResponse<'_>,
    wrap: impl FnOnce(T) -> E,
) -> Result<E, UnhandledError> {
    match parse_error_body::<T>(response.body) {
        Some(mut error) => {
            error.read_headers(response.headers);
            error.set_metadata(response.metadata.clone());
            Ok(wrap(error))
        }
        None => Err(UnhandledError::new(response)),
    }
}

/// Reduces an error code to the bare shape name: everything from the first `:`
/// is dropped, then everything up to and including the first `#`.
///
/// `aws.protocoltests.json#FooError:http://internal.amazon.com/...` becomes `FooError`.
pub fn sanitize_error_code(raw: &str) -> &str {
    let before_colon = raw.split(':').next().unwrap_or(raw);
    match before_colon.split_once('#') {
        Some((_, name)) => name,
        None => before_colon,
    }
    .trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizes_every_form_of_error_code() {
        for raw in [
            "FooError",
            "FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/",
            "aws.protocoltests.json#FooError",
            "aws.protocoltests.json#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/",
            " FooError ",
        ] {
            assert_eq!(sanitize_error_code(raw), "FooError", "{raw}");
        }
    }

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Modeled {
        message: Option<String>,
    }

    #[test]
    fn error_bodies_fall_back_to_empty_object() {
        let parsed: Option<Modeled> = parse_error_body(br#"{"message":"m","__type":"X"}"#);
        assert_eq!(
            parsed,
            Some(Modeled {
                message: Some("m".into())
            })
        );
        assert_eq!(
            parse_error_body::<Modeled>(b""),
            Some(Modeled { message: None })
        );
        assert_eq!(
            parse_error_body::<Modeled>(b"<html>503</html>"),
            Some(Modeled { message: None })
        );
    }

    #[test]
    fn an_array_body_is_never_read_by_position() {
        // Plain serde_json would give `message: Some("FooError")`.
        assert_eq!(
            parse_error_body::<Modeled>(br#"["FooError","m"]"#),
            Some(Modeled { message: None })
        );
    }

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct WithRequired {
        #[serde(rename = "thingName")]
        thing_name: String,
    }

    impl ModeledError for WithRequired {
        const CODE: &'static str = "ThingNotFound";
        fn set_metadata(&mut self, _metadata: ErrorMetadata) {}
    }

    struct ServerFault;

    impl<'de> serde::Deserialize<'de> for ServerFault {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            serde::de::IgnoredAny::deserialize(d).map(|_| ServerFault)
        }
    }

    impl ModeledError for ServerFault {
        const CODE: &'static str = "ServerFault";
        const SERVER_FAULT: bool = true;
        fn set_metadata(&mut self, _metadata: ErrorMetadata) {}
    }

    #[test]
    fn the_status_of_a_modeled_error_follows_smithy() {
        assert_eq!(WithRequired::http_status(), 400);
        assert_eq!(ServerFault::http_status(), 500);
    }

    #[test]
    fn an_array_body_for_a_shape_that_needs_members_is_unhandled() {
        let metadata = ErrorMetadata::new(Some("ThingNotFound".into()), None, 400, None);
        let decode = |body: &'static [u8]| {
            modeled::<WithRequired, _>(
                ErrorResponse {
                    body,
                    headers: &http::HeaderMap::new(),
                    metadata: &metadata,
                },
                |error| error,
            )
        };
        assert_eq!(
            decode(br#"{"thingName":"w"}"#),
            Ok(WithRequired {
                thing_name: "w".into()
            })
        );
        let unhandled = decode(br#"["w"]"#).unwrap_err();
        assert_eq!(unhandled.body(), br#"["w"]"#);
        assert_eq!(unhandled.metadata(), &metadata);
    }

    #[test]
    fn display_names_code_message_status_and_request_id_once() {
        let meta = ErrorMetadata::new(
            Some("LimitExceededException".into()),
            Some("quota hit".into()),
            400,
            Some("req-1".into()),
        );
        assert_eq!(
            meta.to_string(),
            "LimitExceededException: quota hit (HTTP 400, request ID req-1)"
        );
        let bare = ErrorMetadata::new(None, None, 503, None);
        assert_eq!(bare.to_string(), "unidentified service error (HTTP 503)");
    }

    #[test]
    fn display_says_which_region_the_bucket_is_in() {
        let meta = ErrorMetadata::new(Some("PermanentRedirect".into()), None, 301, None)
            .with_bucket_region(Some("eu-west-1".into()));
        assert_eq!(
            meta.to_string(),
            "PermanentRedirect (HTTP 301; the bucket is in eu-west-1)"
        );
        let with_id = ErrorMetadata::new(None, None, 400, Some("r".into()))
            .with_bucket_region(Some("us-east-2".into()));
        assert_eq!(
            with_id.to_string(),
            "unidentified service error (HTTP 400, request ID r; the bucket is in us-east-2)"
        );
    }
}
