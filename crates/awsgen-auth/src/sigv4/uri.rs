//! The canonical URI (path) and canonical query string of a SigV4 canonical request.

use std::borrow::Cow;

use super::SigningSettings;

const UPPER_HEX: &[u8; 16] = b"0123456789ABCDEF";

/// The path as it is signed: normalized and encoded again when `settings` ask for it.
///
/// `path` is the path as sent on the wire, so it is already percent-encoded; double
/// encoding therefore turns `%3A` into `%253A`, which is what the services compute.
pub(crate) fn canonical_path<'a>(path: &'a str, settings: &SigningSettings) -> Cow<'a, str> {
    if path.is_empty() || path == "/" {
        // The awsJson path: nothing to normalize or encode.
        return Cow::Borrowed("/");
    }
    let path = if settings.normalize_path {
        normalize_path(path)
    } else {
        Cow::Borrowed(path)
    };
    let needs_encoding = |byte: &u8| !is_unreserved(*byte) && *byte != b'/';
    if settings.double_encode_path && path.bytes().any(|byte| needs_encoding(&byte)) {
        let mut encoded = String::with_capacity(path.len() + 8);
        percent_encode_into(&mut encoded, path.as_bytes(), KeepSlash::Yes);
        Cow::Owned(encoded)
    } else {
        // Encoding would leave it as it is (the usual `/`), so no copy.
        path
    }
}

/// RFC 3986 `remove_dot_segments` plus the removal of empty segments, so
/// `//a/./b/../c//` becomes `/a/c/`. The result is always absolute, and it ends in
/// `/` when the input names a directory (ends in `/`, `/.` or `/..`).
fn normalize_path(path: &str) -> Cow<'_, str> {
    if path.starts_with('/') && !path.contains("//") && !has_dot_segment(path) {
        return Cow::Borrowed(path);
    }
    let mut kept: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                kept.pop();
            }
            name => kept.push(name),
        }
    }
    let names_directory = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..");
    let mut normalized = String::with_capacity(path.len() + 1);
    normalized.push('/');
    normalized.push_str(&kept.join("/"));
    if names_directory && !normalized.ends_with('/') {
        normalized.push('/');
    }
    Cow::Owned(normalized)
}

fn has_dot_segment(path: &str) -> bool {
    path.split('/')
        .any(|segment| segment == "." || segment == "..")
}

/// Query parameters decoded, re-encoded with only the unreserved characters left
/// as they are, sorted by name then value, and joined as `name=value` with `&`.
///
/// `+` is an ordinary character here (signed as `%2B`), not a space: SigV4 follows
/// RFC 3986, not HTML form encoding.
pub(crate) fn canonical_query(query: Option<&str>) -> String {
    let Some(query) = query else {
        return String::new();
    };
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (reencode_component(name), reencode_component(value))
        })
        .collect();
    pairs.sort();
    let mut canonical = String::with_capacity(query.len());
    for (index, (name, value)) in pairs.iter().enumerate() {
        if index > 0 {
            canonical.push('&');
        }
        canonical.push_str(name);
        canonical.push('=');
        canonical.push_str(value);
    }
    canonical
}

/// Appends `name=value` to a query as sent, `&`-separated from what is
/// there, with the value encoded as the canonical query encodes it (only
/// the unreserved characters left as they are). Query signing adds its
/// parameters this way, so the canonical query reads them back unchanged.
pub(crate) fn push_query_parameter(query: &mut String, name: &str, value: &str) {
    if !query.is_empty() && !query.ends_with('&') {
        query.push('&');
    }
    percent_encode_into(query, name.as_bytes(), KeepSlash::No);
    query.push('=');
    percent_encode_into(query, value.as_bytes(), KeepSlash::No);
}

fn reencode_component(component: &str) -> String {
    let mut encoded = String::with_capacity(component.len());
    percent_encode_into(&mut encoded, &percent_decode(component), KeepSlash::No);
    encoded
}

/// Decodes `%XX` escapes. A `%` not followed by two hex digits stays a literal `%`
/// (and is later signed as `%25`), so malformed input still has one canonical form.
fn percent_decode(input: &str) -> Vec<u8> {
    let bytes = input.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while let Some((&first, tail)) = rest.split_first() {
        if first == b'%' {
            if let [high, low, after @ ..] = tail {
                if let (Some(high), Some(low)) = (hex_value(*high), hex_value(*low)) {
                    decoded.push(high << 4 | low);
                    rest = after;
                    continue;
                }
            }
        }
        decoded.push(first);
        rest = tail;
    }
    decoded
}

fn hex_value(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|value| u8::try_from(value).ok())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum KeepSlash {
    Yes,
    No,
}

/// RFC 3986 unreserved: letters, digits, `-`, `.`, `_`, `~`.
fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

/// Appends `input` with every byte outside the RFC 3986 unreserved set (and `/`, when
/// kept) written as `%XX` in uppercase hex.
fn percent_encode_into(out: &mut String, input: &[u8], keep_slash: KeepSlash) {
    for &byte in input {
        if is_unreserved(byte) || (byte == b'/' && keep_slash == KeepSlash::Yes) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(UPPER_HEX[usize::from(byte >> 4)]));
            out.push(char::from(UPPER_HEX[usize::from(byte & 0x0f)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(normalize_path: bool, double_encode_path: bool) -> SigningSettings {
        SigningSettings {
            normalize_path,
            double_encode_path,
            ..SigningSettings::default()
        }
    }

    #[test]
    fn normalization_removes_dot_and_empty_segments() {
        let cases = [
            ("/", "/"),
            ("", "/"),
            ("//example//", "/example/"),
            ("/example/..", "/"),
            ("/example1/example2/../..", "/"),
            ("/a/b/../c", "/a/c"),
            ("/a/b/..", "/a/"),
            ("/a/./b/.", "/a/b/"),
            ("/./", "/"),
            ("/../../x", "/x"),
            ("/a..b/.c", "/a..b/.c"),
        ];
        for (input, expected) in cases {
            assert_eq!(
                canonical_path(input, &settings(true, false)),
                expected,
                "{input}"
            );
        }
    }

    #[test]
    fn unnormalized_paths_are_kept() {
        assert_eq!(
            canonical_path("/a/./b/../c//", &settings(false, false)),
            "/a/./b/../c//"
        );
    }

    #[test]
    fn double_encoding_encodes_the_escapes_again() {
        assert_eq!(
            canonical_path(
                "/functions/arn%3Aaws%3Alambda/invocations",
                &settings(true, true)
            ),
            "/functions/arn%253Aaws%253Alambda/invocations"
        );
        assert_eq!(
            canonical_path("/test/@connections/a%3D", &settings(true, true)),
            "/test/%40connections/a%253D"
        );
        assert_eq!(
            canonical_path("/test/@connections/a%3D", &settings(true, false)),
            "/test/@connections/a%3D"
        );
    }

    #[test]
    fn query_is_decoded_reencoded_and_sorted() {
        assert_eq!(canonical_query(None), "");
        assert_eq!(canonical_query(Some("")), "");
        assert_eq!(
            canonical_query(Some("b=2&a=2&a=1&%E1%88%B4=x")),
            "%E1%88%B4=x&a=1&a=2&b=2"
        );
        assert_eq!(canonical_query(Some("flag&x=a%20b+c")), "flag=&x=a%20b%2Bc");
        assert_eq!(canonical_query(Some("k=%7e%2a")), "k=~%2A");
    }

    #[test]
    fn added_parameters_are_encoded_as_the_canonical_query_reads_them() {
        let mut query = String::from("A=1");
        push_query_parameter(
            &mut query,
            "X-Amz-Credential",
            "AKID/20150830/us-east-1/s3/aws4_request",
        );
        push_query_parameter(&mut query, "X-Amz-SignedHeaders", "host;x-amz-meta");
        assert_eq!(
            query,
            "A=1&X-Amz-Credential=AKID%2F20150830%2Fus-east-1%2Fs3%2Faws4_request\
             &X-Amz-SignedHeaders=host%3Bx-amz-meta"
        );
        assert_eq!(canonical_query(Some(&query)), query);
        let mut empty = String::new();
        push_query_parameter(&mut empty, "k", "a b+c");
        assert_eq!(empty, "k=a%20b%2Bc");
    }

    #[test]
    fn malformed_escapes_are_signed_literally() {
        assert_eq!(canonical_query(Some("a=%zz&b=%4")), "a=%25zz&b=%254");
        assert_eq!(canonical_query(Some("c=%")), "c=%25");
    }
}
