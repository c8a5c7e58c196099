//! `smithy.protocols#rpcv2Cbor`: every operation is
//! `POST /service/{service}/operation/{operation}` with the input as a CBOR
//! map (no body when the input is `Unit`), `smithy-protocol: rpc-v2-cbor`
//! both ways, and errors named by `__type` in the body; a service marked
//! `@awsQueryCompatible` also sends `x-amzn-query-mode: true` and takes the
//! code of its errors from `x-amzn-query-error` (`Code;Type`).

use std::borrow::Cow;

use http::header::{ACCEPT, CONTENT_TYPE};
use http::{HeaderName, HeaderValue, Method};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::{
    sanitize_error_code, ErrorMetadata, ErrorResponse, ModeledError, OperationError, UnhandledError,
};
use crate::request::{HttpRequest, SerializeError};
use crate::response::{DeserializeError, HttpResponse};

const SMITHY_PROTOCOL: HeaderName = HeaderName::from_static("smithy-protocol");
const RPC_V2_CBOR: HeaderValue = HeaderValue::from_static("rpc-v2-cbor");
const APPLICATION_CBOR: HeaderValue = HeaderValue::from_static("application/cbor");
const QUERY_MODE: HeaderName = HeaderName::from_static("x-amzn-query-mode");
const QUERY_ERROR: HeaderName = HeaderName::from_static("x-amzn-query-error");

/// An empty CBOR map: what an empty body reads as.
const EMPTY_MAP: &[u8] = &[0xa0];

// Each list in name order, as the client expects (it merges without sorting).
static WITH_BODY: [(HeaderName, HeaderValue); 3] = [
    (ACCEPT, APPLICATION_CBOR),
    (CONTENT_TYPE, APPLICATION_CBOR),
    (SMITHY_PROTOCOL, RPC_V2_CBOR),
];
static WITHOUT_BODY: [(HeaderName, HeaderValue); 2] =
    [(ACCEPT, APPLICATION_CBOR), (SMITHY_PROTOCOL, RPC_V2_CBOR)];
static QUERY_WITH_BODY: [(HeaderName, HeaderValue); 4] = [
    (ACCEPT, APPLICATION_CBOR),
    (CONTENT_TYPE, APPLICATION_CBOR),
    (SMITHY_PROTOCOL, RPC_V2_CBOR),
    (QUERY_MODE, HeaderValue::from_static("true")),
];
static QUERY_WITHOUT_BODY: [(HeaderName, HeaderValue); 3] = [
    (ACCEPT, APPLICATION_CBOR),
    (SMITHY_PROTOCOL, RPC_V2_CBOR),
    (QUERY_MODE, HeaderValue::from_static("true")),
];

/// The protocol's request headers: `Content-Type` only with a body,
/// `x-amzn-query-mode` only for a query-compatible service.
fn headers(body: bool, query_compatible: bool) -> &'static [(HeaderName, HeaderValue)] {
    match (body, query_compatible) {
        (true, false) => &WITH_BODY,
        (false, false) => &WITHOUT_BODY,
        (true, true) => &QUERY_WITH_BODY,
        (false, true) => &QUERY_WITHOUT_BODY,
    }
}

/// The request of an operation with an input structure: the input as a
/// CBOR map (an empty structure too). `path` is
/// `/service/{service}/operation/{operation}`.
pub fn serialize_request<T: Serialize>(
    input: &T,
    path: &'static str,
    query_compatible: bool,
) -> Result<HttpRequest, SerializeError> {
    let body = crate::cbor::to_vec(input).map_err(SerializeError::Cbor)?;
    Ok(HttpRequest {
        method: Method::POST,
        path_and_query: Cow::Borrowed(path),
        headers: Cow::Borrowed(headers(true, query_compatible)),
        body: bytes::Bytes::from(body).into(),
    })
}

/// The request of an operation whose input is `Unit`: no body and no
/// `Content-Type`.
pub fn request_without_body(path: &'static str, query_compatible: bool) -> HttpRequest {
    HttpRequest {
        method: Method::POST,
        path_and_query: Cow::Borrowed(path),
        headers: Cow::Borrowed(headers(false, query_compatible)),
        body: Default::default(),
    }
}

/// Whether the response says it speaks this protocol. One that does not
/// is malformed: the spec has clients judge it by its status alone.
fn speaks_rpc_v2_cbor(response: &HttpResponse<'_>) -> bool {
    response.headers.get(SMITHY_PROTOCOL) == Some(&RPC_V2_CBOR)
}

/// Reads the output from a 2xx response; an empty body reads as an empty
/// map (the output of an operation without one, or with no member set).
pub fn deserialize_output<T: DeserializeOwned>(
    response: &HttpResponse<'_>,
) -> Result<T, DeserializeError> {
    if !speaks_rpc_v2_cbor(response) {
        return Err(DeserializeError::Body(
            "the response lacks the header `smithy-protocol: rpc-v2-cbor`, so it is not an \
             rpcv2Cbor response"
                .to_owned(),
        ));
    }
    read_body(response.body).map_err(DeserializeError::Cbor)
}

fn read_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, crate::cbor::Error> {
    crate::cbor::from_slice(if body.is_empty() { EMPTY_MAP } else { body })
}

/// The operation's error for a non-2xx response: code and message by
/// [`error_metadata`], then the modeled error that code names.
pub fn read_error<E: OperationError>(response: &HttpResponse<'_>, query_compatible: bool) -> E {
    let metadata = error_metadata(response, query_compatible);
    E::from_response(ErrorResponse {
        body: response.body,
        headers: response.headers,
        metadata: &metadata,
    })
}

/// The keys of an error body that name and describe it. Values of other
/// types are ignored rather than failing the whole body.
#[derive(Default, Deserialize)]
struct ErrorBody {
    #[serde(default, rename = "__type", deserialize_with = "text_or_none")]
    type_name: Option<String>,
    #[serde(default, deserialize_with = "text_or_none")]
    message: Option<String>,
    #[serde(default, rename = "Message", deserialize_with = "text_or_none")]
    capital_message: Option<String>,
}

fn text_or_none<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    struct TextOrNone;
    impl<'de> serde::de::Visitor<'de> for TextOrNone {
        type Value = Option<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("any value")
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
            Ok(Some(text.to_owned()))
        }
        fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_i128<E: serde::de::Error>(self, _: i128) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_bytes<E: serde::de::Error>(self, _: &[u8]) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
            Ok(None)
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            while map
                .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                .is_some()
            {}
            Ok(None)
        }
    }
    deserializer.deserialize_any(TextOrNone)
}

/// Code and message of an rpcv2Cbor error response.
///
/// Code: for a query-compatible service, the code part of
/// `x-amzn-query-error: Code;Type` when present; else the body's `__type`
/// (the error's shape ID), sanitized as the JSON protocols do. Message: the
/// body's `message` (or `Message`). A response without
/// `smithy-protocol: rpc-v2-cbor`, or whose body is not a CBOR map, yields
/// no code and no message: it is judged by its status, never an error here.
pub fn error_metadata(response: &HttpResponse<'_>, query_compatible: bool) -> ErrorMetadata {
    let status = response.status;
    if !speaks_rpc_v2_cbor(response) {
        return ErrorMetadata::new(None, None, status, response.request_id());
    }
    let parsed: ErrorBody = read_body(response.body).unwrap_or_default();
    let query_code = query_compatible
        .then(|| response.headers.get(QUERY_ERROR)?.to_str().ok())
        .flatten()
        .map(|value| value.split(';').next().unwrap_or(value).trim());
    let code = query_code
        .or_else(|| parsed.type_name.as_deref().map(sanitize_error_code))
        .filter(|code| !code.is_empty())
        .map(str::to_owned);
    let message = parsed.message.or(parsed.capital_message);
    ErrorMetadata::new(code, message, status, response.request_id())
}

/// [`crate::error::modeled`] for CBOR bodies: reads the body as the modeled
/// error `T` (an empty body, or one that does not read as `T`, as an empty
/// map, so the error is still recognised by its code) and wraps it in the
/// operation's error enum.
pub fn modeled<T: ModeledError, E>(
    response: ErrorResponse<'_>,
    wrap: impl FnOnce(T) -> E,
) -> Result<E, UnhandledError> {
    let parsed = read_body::<T>(response.body).or_else(|_| crate::cbor::from_slice(EMPTY_MAP));
    match parsed {
        Ok(mut error) => {
            error.set_metadata(response.metadata.clone());
            Ok(wrap(error))
        }
        Err(_) => Err(UnhandledError::new(response)),
    }
}

#[cfg(test)]
mod tests;
