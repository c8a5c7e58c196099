//! `aws.protocols#restJson1`: the HTTP bindings of [`super::rest`] with
//! JSON bodies. Errors are named as in every JSON protocol
//! ([`super::json_error`]).

use bytes::Bytes;
use http::HeaderValue;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::byte_stream::ByteStream;
use crate::request::SerializeError;
use crate::response::DeserializeError;

/// `Content-Type` of a JSON body.
pub const CONTENT_TYPE: HeaderValue = HeaderValue::from_static("application/json");

/// A JSON body.
pub fn body<T: Serialize + ?Sized>(value: &T) -> Result<ByteStream, SerializeError> {
    serde_json::to_vec(value)
        .map(ByteStream::from)
        .map_err(SerializeError::Body)
}

/// A body of bytes (a blob or text payload).
pub fn bytes_body(bytes: &[u8]) -> ByteStream {
    ByteStream::from_bytes(Bytes::copy_from_slice(bytes))
}

/// The members a response carries in its body; an empty body reads as `{}`.
pub fn read_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, DeserializeError> {
    crate::json::from_slice(super::aws_json::non_empty(body)).map_err(DeserializeError::Json)
}

/// A JSON payload member (structure, union or document); an empty body is
/// no value.
pub fn read_payload<T: DeserializeOwned>(body: &[u8]) -> Result<Option<T>, DeserializeError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    crate::json::from_slice(body)
        .map(Some)
        .map_err(DeserializeError::Json)
}

/// A text payload member (string or enum); an empty body is no value.
pub fn read_text_payload(body: &[u8]) -> Result<Option<String>, DeserializeError> {
    if body.is_empty() {
        return Ok(None);
    }
    match std::str::from_utf8(body) {
        Ok(text) => Ok(Some(text.to_owned())),
        Err(_) => Err(DeserializeError::Body(
            "the text payload is not UTF-8".to_owned(),
        )),
    }
}
