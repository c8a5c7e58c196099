//! Step 1 of SigV4: the canonical request.
//!
//! ```text
//! METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HashedPayload
//! ```

use http::header::AUTHORIZATION;
use http::{HeaderMap, HeaderName, Method, Uri};

use super::uri::{canonical_path, canonical_query};
use super::{SigningError, SigningSettings};

/// A canonical request and the signed-header list that goes into `Authorization`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CanonicalRequest {
    pub(crate) text: String,
    pub(crate) signed_headers: String,
}

/// A header the signer is about to add: signed as if it were already in the map,
/// so the map itself is changed only once signing has succeeded.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AddedHeader<'a> {
    pub(crate) name: &'a HeaderName,
    pub(crate) value: &'a str,
}

/// Builds the canonical request of a request whose headers are `headers` with
/// every name in `replaced` removed and `added` put in.
///
/// Every such header is signed except `authorization` and
/// `settings.excluded_headers`: whatever is in the map at this point is what goes on
/// the wire, so signing it all is both safe and what the services expect.
pub(crate) fn canonical_request(
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    replaced: &[&HeaderName],
    added: &[Option<AddedHeader<'_>>],
    payload_hash: &str,
    settings: &SigningSettings,
) -> Result<CanonicalRequest, SigningError> {
    let signed =
        |name: &HeaderName| *name != AUTHORIZATION && !settings.excluded_headers.contains(name);
    // Most maps hold none of the replaced names; one lookup each then spares
    // comparing every header against them.
    let replaces_any = replaced.iter().any(|name| headers.contains_key(*name));
    // (name, its text, value); the text is looked up once, not per comparison.
    let mut pairs: Vec<(&HeaderName, &str, &[u8])> =
        Vec::with_capacity(headers.len() + added.len());
    pairs.extend(
        headers
            .iter()
            .filter(|(name, _)| signed(name) && !(replaces_any && replaced.contains(name)))
            .map(|(name, value)| (name, name.as_str(), value.as_bytes())),
    );
    pairs.extend(
        added
            .iter()
            .flatten()
            .filter(|header| signed(header.name))
            .map(|header| (header.name, header.name.as_str(), header.value.as_bytes())),
    );
    // Stable, so the values of a repeated name keep their order.
    pairs.sort_by(|a, b| a.1.cmp(b.1));

    let path = canonical_path(uri.path(), settings);
    let query = canonical_query(uri.query());
    let header_bytes: usize = pairs
        .iter()
        .map(|(_, name, value)| 2 * name.len() + value.len() + 2)
        .sum();
    let mut text = String::with_capacity(
        method.as_str().len() + path.len() + query.len() + header_bytes + payload_hash.len() + 8,
    );
    for part in [method.as_str(), "\n", &path, "\n", &query, "\n"] {
        text.push_str(part);
    }
    let mut signed_headers = String::with_capacity(pairs.len() * 16);
    let mut previous: Option<&str> = None;
    for &(name, name_text, value) in &pairs {
        if previous == Some(name_text) {
            text.push(',');
        } else {
            if previous.is_some() {
                text.push('\n');
                signed_headers.push(';');
            }
            text.push_str(name_text);
            text.push(':');
            signed_headers.push_str(name_text);
            previous = Some(name_text);
        }
        let value = std::str::from_utf8(value)
            .map_err(|_| SigningError::InvalidHeaderValue { name: name.clone() })?;
        push_trimmed(&mut text, value);
    }
    if previous.is_some() {
        text.push('\n');
    }
    for part in ["\n", &signed_headers, "\n", payload_hash] {
        text.push_str(part);
    }
    Ok(CanonicalRequest {
        text,
        signed_headers,
    })
}

/// Pushes `value` without leading and trailing spaces and tabs, with each run
/// of spaces inside it collapsed into one. The blanks are found as bytes: both
/// are ASCII, so the cut never falls inside a UTF-8 sequence.
fn push_trimmed(out: &mut String, value: &str) {
    let is_blank = |byte: &u8| *byte == b' ' || *byte == b'\t';
    let bytes = value.as_bytes();
    let start = bytes
        .iter()
        .position(|b| !is_blank(b))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !is_blank(b))
        .map_or(start, |i| i + 1);
    let value = value.get(start..end).unwrap_or_default();
    if !has_double_space(value.as_bytes()) {
        out.push_str(value);
        return;
    }
    let mut previous_was_space = false;
    for character in value.chars() {
        let is_space = character == ' ';
        if !(is_space && previous_was_space) {
            out.push(character);
        }
        previous_was_space = is_space;
    }
}

fn has_double_space(value: &[u8]) -> bool {
    // Counting vectorizes; most values have fewer than two spaces, so the
    // pairwise scan rarely runs.
    value.iter().filter(|byte| **byte == b' ').count() >= 2
        && value.windows(2).any(|pair| pair == b"  ")
}

#[cfg(test)]
mod tests {
    use http::header::{CONTENT_TYPE, HOST, USER_AGENT};
    use http::HeaderValue;

    use super::*;

    fn build(headers: &HeaderMap) -> Result<CanonicalRequest, SigningError> {
        let uri = Uri::from_static("/");
        canonical_request(
            &Method::POST,
            &uri,
            headers,
            &[],
            &[],
            "hash",
            &SigningSettings::default(),
        )
    }

    #[test]
    fn double_spaces_are_found_anywhere() {
        for (text, expected) in [
            ("", false),
            (" ", false),
            ("a b c", false),
            ("  ", true),
            ("a  b", true),
            ("a b  ", true),
            (" a \t b", false),
        ] {
            assert_eq!(has_double_space(text.as_bytes()), expected, "{text:?}");
        }
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
            &[],
            &[],
            "hash",
            &settings,
        )?;
        assert_eq!(canonical.signed_headers, "host;x-amzn-trace-id");
        Ok(())
    }

    #[test]
    fn added_headers_replace_map_entries_in_sorted_position() -> Result<(), SigningError> {
        let date = HeaderName::from_static("x-amz-date");
        let token = HeaderName::from_static("x-amz-security-token");
        let mut headers = HeaderMap::new();
        headers.insert(HOST, HeaderValue::from_static("example.com"));
        headers.insert(date.clone(), HeaderValue::from_static("stale"));
        headers.insert(token.clone(), HeaderValue::from_static("stale-token"));
        headers.insert("a-first", HeaderValue::from_static("1"));
        let added = [Some(AddedHeader {
            name: &date,
            value: "  20150830T123600Z ",
        })];
        let canonical = canonical_request(
            &Method::POST,
            &Uri::from_static("/"),
            &headers,
            &[&date, &token],
            &added,
            "hash",
            &SigningSettings::default(),
        )?;
        assert_eq!(
            canonical.text,
            "POST\n/\n\na-first:1\nhost:example.com\nx-amz-date:20150830T123600Z\n\n\
             a-first;host;x-amz-date\nhash"
        );
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
