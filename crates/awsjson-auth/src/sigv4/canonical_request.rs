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
    // One (name, value) pair per value, in one pass over the map; a stable
    // sort by name keeps the values of a repeated header in their order.
    let mut pairs: Vec<(&HeaderName, &[u8])> = Vec::with_capacity(headers.len() + added.len());
    pairs.extend(
        headers
            .iter()
            .filter(|(name, _)| signed(name) && !replaced.contains(name))
            .map(|(name, value)| (name, value.as_bytes())),
    );
    pairs.extend(
        added
            .iter()
            .flatten()
            .filter(|header| signed(header.name))
            .map(|header| (header.name, header.value.as_bytes())),
    );
    pairs.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));

    let path = canonical_path(uri.path(), settings);
    let query = canonical_query(uri.query());
    // Sized up front: growing the string showed in the signing profile.
    let header_bytes: usize = pairs
        .iter()
        .map(|(name, value)| 2 * name.as_str().len() + value.len() + 2)
        .sum();
    let mut text = String::with_capacity(
        method.as_str().len() + path.len() + query.len() + header_bytes + payload_hash.len() + 8,
    );
    for part in [method.as_str(), "\n", &path, "\n", &query, "\n"] {
        text.push_str(part);
    }
    let mut signed_headers = String::with_capacity(pairs.len() * 16);
    let mut previous: Option<&HeaderName> = None;
    for (name, value) in &pairs {
        if previous == Some(*name) {
            text.push(',');
        } else {
            if previous.is_some() {
                text.push('\n');
                signed_headers.push(';');
            }
            text.push_str(name.as_str());
            text.push(':');
            signed_headers.push_str(name.as_str());
            previous = Some(*name);
        }
        let value = std::str::from_utf8(value).map_err(|_| SigningError::InvalidHeaderValue {
            name: (*name).clone(),
        })?;
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

/// Appends `text` with surrounding whitespace removed and each run of inner spaces
/// collapsed to one, so `"  a   b  "` is signed as `"a b"`.
///
/// Tabs at either end are removed too, since HTTP parsers drop them as optional
/// whitespace before the service sees the value.
fn push_trimmed(out: &mut String, text: &str) {
    let text = text.trim_matches([' ', '\t']);
    if !has_double_space(text) {
        out.push_str(text);
        return;
    }
    let mut previous_was_space = false;
    for character in text.chars() {
        let is_space = character == ' ';
        if !(is_space && previous_was_space) {
            out.push(character);
        }
        previous_was_space = is_space;
    }
}

/// Whether `text` holds two spaces in a row. Jumps from space to space (a
/// `memchr` search) because most values have none: a substring search or a
/// byte-pair scan showed in the signing profile.
fn has_double_space(text: &str) -> bool {
    let mut previous = None;
    for (index, _) in text.match_indices(' ') {
        if previous.is_some_and(|previous: usize| previous + 1 == index) {
            return true;
        }
        previous = Some(index);
    }
    false
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
            assert_eq!(has_double_space(text), expected, "{text:?}");
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
