//! A tolerant parser for the raw HTTP/1.1 requests of the SigV4 test suite.
//!
//! Tolerant where the suite needs it: a request target may contain spaces or raw
//! UTF-8 (it is percent-encoded the way a client would send it), and header lines
//! indented under another header are folded into its value with one space.

use http::{HeaderMap, HeaderName, HeaderValue, Method, Uri};

/// A parsed request.
pub struct RawRequest {
    pub method: Method,
    /// Path and query as sent on the wire.
    pub uri: Uri,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

/// Parses `bytes` as request line, header lines, blank line, body.
pub fn parse(bytes: &[u8]) -> Result<RawRequest, String> {
    let (head, body) = split_head_and_body(bytes);
    let head = std::str::from_utf8(head).map_err(|e| format!("request head is not UTF-8: {e}"))?;
    let mut lines = head
        .split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line));
    let request_line = lines.next().ok_or("empty request")?;
    let (method, rest) = request_line
        .split_once(' ')
        .ok_or_else(|| format!("request line {request_line:?} has no target"))?;
    // The version is the last word; everything between method and version is the
    // target, spaces included.
    let target = match rest.rsplit_once(' ') {
        Some((target, version)) if version.starts_with("HTTP/") => target,
        _ => rest,
    };
    let method = Method::from_bytes(method.as_bytes()).map_err(|e| format!("method: {e}"))?;
    let uri = encode_target(target)
        .parse::<Uri>()
        .map_err(|e| format!("target {target:?}: {e}"))?;

    let mut fields: Vec<(String, String)> = Vec::new();
    for line in lines.filter(|line| !line.is_empty()) {
        if line.starts_with([' ', '\t']) {
            let (_, value) = fields
                .last_mut()
                .ok_or_else(|| format!("continuation line {line:?} before any header"))?;
            value.push(' ');
            value.push_str(line.trim());
            continue;
        }
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| format!("header line {line:?} has no `:`"))?;
        fields.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let mut headers = HeaderMap::new();
    for (name, value) in fields {
        let header_name =
            HeaderName::from_bytes(name.as_bytes()).map_err(|e| format!("header {name:?}: {e}"))?;
        let header_value =
            HeaderValue::from_str(&value).map_err(|e| format!("header {name:?} value: {e}"))?;
        headers.append(header_name, header_value);
    }
    Ok(RawRequest {
        method,
        uri,
        headers,
        body: body.to_vec(),
    })
}

/// Splits at the first blank line; without one, everything is head.
fn split_head_and_body(bytes: &[u8]) -> (&[u8], &[u8]) {
    let crlf = find(bytes, b"\r\n\r\n").map(|at| (at, 4));
    let lf = find(bytes, b"\n\n").map(|at| (at, 2));
    let split = match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    };
    match split {
        Some((at, separator)) => (
            bytes.get(..at).unwrap_or_default(),
            bytes.get(at + separator..).unwrap_or_default(),
        ),
        None => (bytes, &[]),
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// Percent-encodes the bytes a URI cannot hold (controls, space, non-ASCII and
/// `"<>\^`{|}`), as an HTTP client does before sending the target.
fn encode_target(target: &str) -> String {
    let mut encoded = String::with_capacity(target.len());
    for &byte in target.as_bytes() {
        let allowed = byte.is_ascii_graphic() && !b"\"<>\\^`{|}".contains(&byte);
        if allowed {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}
