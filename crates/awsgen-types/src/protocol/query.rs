//! The requests of `aws.protocols#awsQuery` and `ec2Query`: `POST /` with
//! the input as a form (`Action=Op&Version=2020-01-08&Member=value...`).
//! The two differ only in the keys (names and list layout), which the
//! generated code decides; the writer encodes.

use std::borrow::Cow;

use http::header::CONTENT_TYPE;
use http::{HeaderName, HeaderValue, Method};

use crate::request::HttpRequest;

/// `Content-Type` of a form body.
pub const FORM_CONTENT_TYPE: HeaderValue =
    HeaderValue::from_static("application/x-www-form-urlencoded");

static HEADERS: [(HeaderName, HeaderValue); 1] = [(CONTENT_TYPE, FORM_CONTENT_TYPE)];

/// A generated structure or union written as form pairs under `prefix`
/// (`Outer.Inner`; empty for the input itself).
pub trait QueryWrite {
    fn write_query(&self, writer: &mut QueryWriter, prefix: &str);
}

/// A form body being written, `key=value` pairs joined by `&`, both
/// percent-encoded as RFC 3986 says (everything but unreserved characters),
/// except a space, which is `+` as in every `application/x-www-form-urlencoded`
/// body (the WHATWG URL standard's serializer, and botocore's). AWS reads
/// `%20` as well; a server that checks the signature over the form it
/// re-encodes from the parsed pairs (moto) accepts only `+`.
#[derive(Debug)]
pub struct QueryWriter {
    out: String,
}

impl QueryWriter {
    /// A form that starts with `Action` and `Version`.
    pub fn new(action: &str, version: &str) -> Self {
        let mut writer = QueryWriter { out: String::new() };
        writer.push("Action", action);
        writer.push("Version", version);
        writer
    }

    /// One `key=value` pair.
    pub fn push(&mut self, key: &str, value: &str) {
        if !self.out.is_empty() {
            self.out.push('&');
        }
        encode(&mut self.out, key);
        self.out.push('=');
        encode(&mut self.out, value);
    }

    /// The request: `POST /` with the form as its body.
    pub fn into_request(self) -> HttpRequest {
        HttpRequest {
            method: Method::POST,
            path_and_query: "/".into(),
            headers: Cow::Borrowed(&HEADERS),
            body: bytes::Bytes::from(self.out).into(),
        }
    }
}

/// The key of a member under `prefix`: `prefix.name`, or `name` at the top.
pub fn key(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

fn encode(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else if byte == b' ' {
            out.push('+');
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_percent_encoded_after_action_and_version() {
        let mut writer = QueryWriter::new("Op", "2020-01-08");
        writer.push(&key("", "A"), "x y&z=é+");
        writer.push(&key("A", "member.1"), "2015-01-25T08:00:00Z");
        let request = writer.into_request();
        assert_eq!(request.method, Method::POST);
        assert_eq!(request.path_and_query, "/");
        assert_eq!(
            request.body.into_bytes().unwrap(),
            &b"Action=Op&Version=2020-01-08&A=x+y%26z%3D%C3%A9%2B&A.member.1=2015-01-25T08%3A00%3A00Z"[..]
        );
    }
}
