//! Step 1 of SigV4: the canonical request.
//!
//! ```text
//! METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HashedPayload
//! ```

use http::header::{AUTHORIZATION, HOST};
use http::{HeaderName, Method};

use super::uri::{canonical_path, canonical_query};
use super::{SigningError, SigningSettings};

/// A canonical request, which holds the signed-header list that also goes
/// into `Authorization`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CanonicalRequest {
    pub(crate) text: String,
    /// Where the signed-header list lies in `text`.
    signed_headers: std::ops::Range<usize>,
}

impl CanonicalRequest {
    /// `name;name;…`, the lowercase names of the signed headers in order.
    pub(crate) fn signed_headers(&self) -> &str {
        self.text
            .get(self.signed_headers.clone())
            .unwrap_or_default()
    }
}

/// A header that is signed: its name (lowercase, as `HeaderName` keeps it) and
/// its value as sent.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SignedHeader<'a> {
    pub(crate) name: &'a HeaderName,
    pub(crate) value: &'a [u8],
}

/// The signed headers of one request, sorted by name; a repeated name keeps
/// the order its values were given in.
#[derive(Debug)]
pub(crate) struct SignedHeaders<'a> {
    sorted: Vec<SignedHeader<'a>>,
}

impl<'a> SignedHeaders<'a> {
    /// Keeps every header of `headers` that is signed: all but `authorization`,
    /// `settings.excluded_headers` and the names `owned` by the signer (it adds
    /// those itself). Whatever else goes on the wire is signed, which is both
    /// safe and what the services expect.
    ///
    /// Fails with [`SigningError::MissingHost`] when `headers` has no `host`,
    /// which SigV4 always signs.
    pub(crate) fn select(
        headers: impl IntoIterator<Item = (&'a HeaderName, &'a [u8])>,
        owned: &[&HeaderName],
        room_for_added: usize,
        settings: &SigningSettings,
    ) -> Result<Self, SigningError> {
        let headers = headers.into_iter();
        // Chained and filtered lists have no useful size hint, and growing
        // from nothing reallocates three times; a request signs about ten.
        let expected = headers.size_hint().0.max(12);
        let mut sorted = Vec::with_capacity(expected + room_for_added);
        let mut has_host = false;
        for (name, value) in headers {
            has_host |= *name == HOST;
            if is_signed(name, settings) && !owned.contains(&name) {
                sorted.push(SignedHeader { name, value });
            }
        }
        if !has_host {
            return Err(SigningError::MissingHost);
        }
        // Callers that know their headers give them in order, so the check
        // usually spares the sort; the sort is stable for repeated names.
        if !sorted.is_sorted_by(|a, b| a.name.as_str() <= b.name.as_str()) {
            sorted.sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
        }
        Ok(Self { sorted })
    }

    /// Adds a header the signer sets (it is signed as if it were already
    /// among the request's headers), in its sorted place.
    pub(crate) fn add(&mut self, header: SignedHeader<'a>, settings: &SigningSettings) {
        if !is_signed(header.name, settings) {
            return;
        }
        let name = header.name.as_str();
        let at = self
            .sorted
            .partition_point(|existing| existing.name.as_str() <= name);
        self.sorted.insert(at, header);
    }

    /// `name;name;…`, the signed-header list as `Authorization` and the
    /// canonical request give it, and as query signing puts it in
    /// `X-Amz-SignedHeaders` before the canonical request is built.
    pub(crate) fn names(&self) -> String {
        let mut list = Vec::with_capacity(self.sorted.len() * 16);
        push_names(&mut list, &self.sorted);
        // Header names are ASCII.
        String::from_utf8(list).unwrap_or_default()
    }
}

/// Appends the names of `headers` (sorted) joined by `;`, each once.
fn push_names(out: &mut Vec<u8>, headers: &[SignedHeader<'_>]) {
    let mut previous: Option<&str> = None;
    for header in headers {
        let name = header.name.as_str();
        if previous != Some(name) {
            if previous.is_some() {
                out.push(b';');
            }
            out.extend_from_slice(name.as_bytes());
            previous = Some(name);
        }
    }
}

fn is_signed(name: &HeaderName, settings: &SigningSettings) -> bool {
    *name != AUTHORIZATION && !settings.excluded_headers.contains(name)
}

/// Builds the canonical request of `method` to `path` and `query` (as sent
/// on the wire: the `Authorization` signature gives the request URI's, query
/// signing that query with its `X-Amz-*` parameters added) with `headers`
/// signed.
pub(crate) fn canonical_request(
    method: &Method,
    path: &str,
    query: Option<&str>,
    headers: &SignedHeaders<'_>,
    payload_hash: &str,
    settings: &SigningSettings,
) -> Result<CanonicalRequest, SigningError> {
    let headers = &headers.sorted;
    let path = canonical_path(path, settings);
    let query = canonical_query(query);
    let names_bytes: usize = headers
        .iter()
        .map(|header| header.name.as_str().len() + 1)
        .sum();
    let values_bytes: usize = headers.iter().map(|header| header.value.len() + 1).sum();
    // Written as bytes and checked as UTF-8 once at the end: one pass over
    // the whole text costs less than one check per header value.
    let mut text = Vec::with_capacity(
        method.as_str().len()
            + path.len()
            + query.len()
            + 2 * names_bytes
            + values_bytes
            + payload_hash.len()
            + 8,
    );
    for part in [method.as_str(), "\n", &path, "\n", &query, "\n"] {
        text.extend_from_slice(part.as_bytes());
    }
    let mut previous: Option<&str> = None;
    for header in headers {
        let name = header.name.as_str();
        if previous == Some(name) {
            text.push(b',');
        } else {
            if previous.is_some() {
                text.push(b'\n');
            }
            text.extend_from_slice(name.as_bytes());
            text.push(b':');
            previous = Some(name);
        }
        push_trimmed(&mut text, header.value);
    }
    if previous.is_some() {
        text.push(b'\n');
    }
    text.push(b'\n');
    let list_start = text.len();
    push_names(&mut text, headers);
    let signed_headers = list_start..text.len();
    text.push(b'\n');
    text.extend_from_slice(payload_hash.as_bytes());
    let text = String::from_utf8(text).map_err(|_| first_non_utf8(headers))?;
    Ok(CanonicalRequest {
        text,
        signed_headers,
    })
}

/// The error for a canonical request that is not UTF-8, naming the first
/// header value that is not. Method, path, query and payload hash are ASCII
/// by construction, so such a value always exists; `host` (always present)
/// only stands in to keep this free of panics.
fn first_non_utf8(headers: &[SignedHeader<'_>]) -> SigningError {
    let name = headers
        .iter()
        .find(|header| std::str::from_utf8(header.value).is_err())
        .map_or(HOST, |header| header.name.clone());
    SigningError::InvalidHeaderValue { name }
}

/// Pushes `value` without leading and trailing spaces and tabs, with each run
/// of spaces inside it collapsed into one. Both blanks are ASCII, and no byte
/// of a multi-byte UTF-8 sequence is, so working on bytes keeps sequences whole.
fn push_trimmed(out: &mut Vec<u8>, value: &[u8]) {
    let is_blank = |byte: &u8| *byte == b' ' || *byte == b'\t';
    let start = value
        .iter()
        .position(|b| !is_blank(b))
        .unwrap_or(value.len());
    let end = value
        .iter()
        .rposition(|b| !is_blank(b))
        .map_or(start, |i| i + 1);
    let value = value.get(start..end).unwrap_or_default();
    if !has_double_space(value) {
        out.extend_from_slice(value);
        return;
    }
    let mut previous_was_space = false;
    for &byte in value {
        let is_space = byte == b' ';
        if !(is_space && previous_was_space) {
            out.push(byte);
        }
        previous_was_space = is_space;
    }
}

/// Whether `value` holds two spaces in a row. Values are checked eight bytes
/// at a time: every signed value passes through here, and most have no
/// double space at all (a session token can be a kilobyte long).
fn has_double_space(value: &[u8]) -> bool {
    const SPACES: u64 = u64::from_le_bytes([b' '; 8]);
    const LOW_BITS: u64 = u64::from_le_bytes([0x7f; 8]);
    let mut chunks = value.chunks_exact(8);
    let mut last_was_space = false;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let differs = u64::from_le_bytes(word) ^ SPACES;
        // The top bit of each byte is set exactly where the byte is a space
        // (no carry crosses bytes: each byte's low seven bits plus 0x7f
        // stays below 0x100).
        let spaces = !(((differs & LOW_BITS) + LOW_BITS) | differs | LOW_BITS);
        if spaces & (spaces >> 8) != 0 || (last_was_space && spaces & 0x80 != 0) {
            return true;
        }
        last_was_space = spaces >> 63 != 0;
    }
    for &byte in chunks.remainder() {
        let is_space = byte == b' ';
        if is_space && last_was_space {
            return true;
        }
        last_was_space = is_space;
    }
    false
}

#[cfg(test)]
mod tests {
    use http::header::{CONTENT_TYPE, USER_AGENT};
    use http::{HeaderMap, HeaderValue};

    use super::*;

    fn select<'a>(
        headers: &'a HeaderMap,
        owned: &[&HeaderName],
        settings: &SigningSettings,
    ) -> Result<SignedHeaders<'a>, SigningError> {
        let pairs = headers.iter().map(|(name, value)| (name, value.as_bytes()));
        SignedHeaders::select(pairs, owned, 0, settings)
    }

    fn build_with(
        method: Method,
        headers: &SignedHeaders<'_>,
        settings: &SigningSettings,
    ) -> Result<CanonicalRequest, SigningError> {
        canonical_request(&method, "/", None, headers, "hash", settings)
    }

    fn build(headers: &HeaderMap) -> Result<CanonicalRequest, SigningError> {
        let settings = SigningSettings::default();
        build_with(Method::POST, &select(headers, &[], &settings)?, &settings)
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
            ("abcdefg  hij", true),
            ("abcdefgh  ij", true),
            ("abcdefg ", false),
            ("abcdefg  ", true),
            ("a b c d e f g h i j k l m n o p", false),
            ("a b c d e f g h i j k l m n o  p", true),
            ("\u{e9}\u{a0}\u{a0}caf\u{e9} \u{2002}\u{2002}x", false),
        ] {
            assert_eq!(has_double_space(text.as_bytes()), expected, "{text:?}");
        }
    }

    #[test]
    fn double_spaces_agree_with_a_byte_by_byte_scan() {
        // Every string of up to 12 bytes over space, `a` and 0xa0 (a byte
        // that differs from a space in one bit only), at every offset.
        let alphabet = [b' ', b'a', 0xa0];
        for len in 0..=12u32 {
            for mut n in 0..3usize.pow(len) {
                let mut value = Vec::new();
                for _ in 0..len {
                    value.push(alphabet[n % 3]);
                    n /= 3;
                }
                let naive = value.windows(2).any(|pair| pair == b"  ");
                assert_eq!(has_double_space(&value), naive, "{value:?}");
            }
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
        assert_eq!(canonical.signed_headers(), "content-type;host;x-a;x-b");
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
        let canonical = build_with(Method::GET, &select(&headers, &[], &settings)?, &settings)?;
        assert_eq!(canonical.signed_headers(), "host;x-amzn-trace-id");
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
        let settings = SigningSettings::default();
        let mut signed = select(&headers, &[&date, &token], &settings)?;
        signed.add(
            SignedHeader {
                name: &date,
                value: b"  20150830T123600Z ",
            },
            &settings,
        );
        let canonical = build_with(Method::POST, &signed, &settings)?;
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

    #[test]
    fn a_request_without_host_cannot_be_signed() {
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/plain"));
        assert!(matches!(build(&headers), Err(SigningError::MissingHost)));
    }

    #[test]
    fn utf8_values_are_signed_with_their_spaces_collapsed() -> Result<(), SigningError> {
        let mut headers = HeaderMap::new();
        headers.insert(HOST, HeaderValue::from_static("example.com"));
        let value = HeaderValue::from_bytes(" caf\u{e9}   cr\u{e8}me ".as_bytes())
            .map_err(|_| SigningError::MissingHost)?;
        headers.insert("x-menu", value);
        let canonical = build(&headers)?;
        assert!(
            canonical.text.contains("\nx-menu:caf\u{e9} cr\u{e8}me\n"),
            "{}",
            canonical.text
        );
        Ok(())
    }

    #[test]
    fn added_headers_sort_among_the_given_ones() -> Result<(), SigningError> {
        let date = HeaderName::from_static("x-amz-date");
        let mut headers = HeaderMap::new();
        // Already in order, as the client gives them.
        headers.insert(
            "amz-sdk-request",
            HeaderValue::from_static("attempt=1; max=3"),
        );
        headers.insert(HOST, HeaderValue::from_static("example.com"));
        headers.insert("x-amz-target", HeaderValue::from_static("Svc.Op"));
        let settings = SigningSettings::default();
        let mut signed = select(&headers, &[&date], &settings)?;
        signed.add(
            SignedHeader {
                name: &date,
                value: b"20150830T123600Z",
            },
            &settings,
        );
        let canonical = build_with(Method::POST, &signed, &settings)?;
        assert_eq!(
            canonical.signed_headers(),
            "amz-sdk-request;host;x-amz-date;x-amz-target"
        );
        Ok(())
    }
}
