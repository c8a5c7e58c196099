//! Step 1 of SigV4: the canonical request.
//!
//! ```text
//! METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HashedPayload
//! ```

use http::header::AUTHORIZATION;
use http::{HeaderMap, HeaderName, HeaderValue, Method, Uri};

use super::uri::{canonical_path, canonical_query};
use super::{SigningError, SigningSettings};

/// A canonical request and the signed-header list that goes into `Authorization`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CanonicalRequest {
    pub(crate) text: String,
    pub(crate) signed_headers: String,
}

/// Builds the canonical request of a request whose headers already hold everything
/// that will be signed (including `x-amz-date`).
///
/// Every header present is signed except `authorization` and
/// `settings.excluded_headers`: whatever is in the map at this point is what goes on
/// the wire, so signing it all is both safe and what the services expect.
pub(crate) fn canonical_request(
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    payload_hash: &str,
    settings: &SigningSettings,
) -> Result<CanonicalRequest, SigningError> {
    let mut names: Vec<&HeaderName> = headers
        .keys()
        .filter(|name| **name != AUTHORIZATION && !settings.excluded_headers.contains(name))
        .collect();
    names.sort_by(|a, b| a.as_str().cmp(b.as_str()));

    let mut canonical_headers = String::new();
    for name in &names {
        canonical_headers.push_str(name.as_str());
        canonical_headers.push(':');
        for (index, value) in headers.get_all(*name).iter().enumerate() {
            if index > 0 {
                canonical_headers.push(',');
            }
            push_canonical_value(&mut canonical_headers, name, value)?;
        }
        canonical_headers.push('\n');
    }
    let signed_headers = names
        .iter()
        .map(|name| name.as_str())
        .collect::<Vec<_>>()
        .join(";");

    let text = [
        method.as_str(),
        &canonical_path(uri.path(), settings),
        &canonical_query(uri.query()),
        &canonical_headers,
        &signed_headers,
        payload_hash,
    ]
    .join("\n");
    Ok(CanonicalRequest {
        text,
        signed_headers,
    })
}

/// Appends `value` with surrounding whitespace removed and each run of inner spaces
/// collapsed to one, so `"  a   b  "` is signed as `"a b"`.
///
/// Tabs at either end are removed too, since HTTP parsers drop them as optional
/// whitespace before the service sees the value.
fn push_canonical_value(
    out: &mut String,
    name: &HeaderName,
    value: &HeaderValue,
) -> Result<(), SigningError> {
    let text = std::str::from_utf8(value.as_bytes())
        .map_err(|_| SigningError::InvalidHeaderValue { name: name.clone() })?;
    let mut previous_was_space = false;
    for character in text.trim_matches([' ', '\t']).chars() {
        let is_space = character == ' ';
        if !(is_space && previous_was_space) {
            out.push(character);
        }
        previous_was_space = is_space;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use http::header::{CONTENT_TYPE, HOST, USER_AGENT};

    use super::*;

    fn build(headers: &HeaderMap) -> Result<CanonicalRequest, SigningError> {
        let uri = Uri::from_static("/");
        canonical_request(
            &Method::POST,
            &uri,
            headers,
            "hash",
            &SigningSettings::default(),
        )
    }

    #[test]
    fn values_are_trimmed_and_inner_spaces_collapsed() -> Result<(), SigningError> {
        let mut headers = HeaderMap::new();
        headers.insert(HOST, HeaderValue::from_static("example.com"));
        headers.insert("my-header", HeaderValue::from_static("  a   b \t c  \t"));
        let canonical = build(&headers)?;
        assert!(
            canonical.text.contains("\nmy-header:a b \t c\n"),
            "{}",
            canonical.text
        );
        Ok(())
    }

    #[test]
    fn repeated_headers_are_joined_in_order_and_names_sorted() -> Result<(), SigningError> {
        let mut headers = HeaderMap::new();
        headers.insert(HOST, HeaderValue::from_static("example.com"));
        headers.append("x-b", HeaderValue::from_static("2"));
        headers.append("x-a", HeaderValue::from_static("z"));
        headers.append("x-a", HeaderValue::from_static(" y "));
        headers.append(CONTENT_TYPE, HeaderValue::from_static("text/plain"));
        let canonical = build(&headers)?;
        assert_eq!(
            canonical.text,
            "POST\n/\n\ncontent-type:text/plain\nhost:example.com\nx-a:z,y\nx-b:2\n\n\
             content-type;host;x-a;x-b\nhash"
        );
        assert_eq!(canonical.signed_headers, "content-type;host;x-a;x-b");
        Ok(())
    }

    #[test]
    fn excluded_headers_and_authorization_are_not_signed() -> Result<(), SigningError> {
        let mut headers = HeaderMap::new();
        headers.insert(HOST, HeaderValue::from_static("example.com"));
        headers.insert(USER_AGENT, HeaderValue::from_static("agent/1"));
        headers.insert("x-amzn-trace-id", HeaderValue::from_static("Root=1"));
        headers.insert(AUTHORIZATION, HeaderValue::from_static("old"));
        let mut settings = SigningSettings::default();
        settings.excluded_headers.clear();
        settings.excluded_headers.push(USER_AGENT);
        let canonical = canonical_request(
            &Method::GET,
            &Uri::from_static("/"),
            &headers,
            "hash",
            &settings,
        )?;
        assert_eq!(canonical.signed_headers, "host;x-amzn-trace-id");
        Ok(())
    }

    #[test]
    fn non_utf8_values_are_rejected_by_name() -> Result<(), http::header::InvalidHeaderValue> {
        let mut headers = HeaderMap::new();
        headers.insert(HOST, HeaderValue::from_static("example.com"));
        headers.insert("x-latin1", HeaderValue::from_bytes(b"caf\xe9")?);
        match build(&headers) {
            Err(SigningError::InvalidHeaderValue { name }) => assert_eq!(name.as_str(), "x-latin1"),
            other => panic!("expected InvalidHeaderValue, got {other:?}"),
        }
        Ok(())
    }
}
