//! Secrets taken out of signing texts before they are shown: the session
//! token (a header line of the canonical request, or a query parameter of
//! a presigned one) and a presigned URL's signature, which is a bearer
//! credential until it expires.

use crate::REDACTED;

/// The query parameters of a presigned URL whose values are secret.
const SECRET_PARAMETERS: [&str; 2] = ["X-Amz-Signature", "X-Amz-Security-Token"];

/// The header line of a canonical request that holds the session token.
const TOKEN_HEADER_PREFIX: &str = "x-amz-security-token:";

/// `uri` (a URL, a path and query, or a bare query) with the values of
/// `X-Amz-Signature` and `X-Amz-Security-Token` replaced by
/// [`REDACTED`](crate::REDACTED), for `Debug` output and logs of presigned
/// URLs. Parameter names are matched without regard to case; everything
/// else is kept as it is.
pub fn redact_presigned_uri(uri: &str) -> String {
    match uri.split_once('?') {
        Some((before, query)) => format!("{before}?{}", redact_query(query)),
        // No `?`: a bare query (a canonical request's query line), or a
        // path, which holds no `=` and comes back unchanged.
        None => redact_query(uri),
    }
}

/// `query` with the values of the secret parameters redacted.
fn redact_query(query: &str) -> String {
    query
        .split('&')
        .map(|pair| {
            let name = pair.split_once('=').map_or(pair, |(name, _)| name);
            if SECRET_PARAMETERS
                .iter()
                .any(|secret| secret.eq_ignore_ascii_case(name))
            {
                format!("{name}={REDACTED}")
            } else {
                pair.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// A canonical request with its session token redacted, wherever the
/// signature put it: the `x-amz-security-token` header line (header
/// signing) or the `X-Amz-Security-Token` parameter of the query line,
/// the third (query signing).
pub(crate) fn redact_canonical_request(canonical_request: &str) -> String {
    canonical_request
        .split('\n')
        .enumerate()
        .map(|(index, line)| {
            if line.starts_with(TOKEN_HEADER_PREFIX) {
                format!("{TOKEN_HEADER_PREFIX}{REDACTED}")
            } else if index == 2 {
                redact_query(line)
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_and_token_values_are_redacted_in_any_case() {
        let uri = "https://example.com/a?b=1&X-Amz-Signature=abc123&x-amz-security-token=SECRET%2F&X-Amz-Date=20150830T123600Z";
        let redacted = redact_presigned_uri(uri);
        assert_eq!(
            redacted,
            format!("https://example.com/a?b=1&X-Amz-Signature={REDACTED}&x-amz-security-token={REDACTED}&X-Amz-Date=20150830T123600Z")
        );
        assert!(!redacted.contains("abc123") && !redacted.contains("SECRET"));
    }

    #[test]
    fn a_uri_without_secrets_is_unchanged() {
        for uri in [
            "https://example.com/",
            "/path/only",
            "https://example.com/?X-Amz-Signatures=kept&flag",
        ] {
            assert_eq!(redact_presigned_uri(uri), uri);
        }
    }

    #[test]
    fn a_canonical_request_loses_its_token_in_header_or_query() {
        let header_signed =
            "GET\n/\n\nhost:h\nx-amz-security-token:SECRET\n\nhost;x-amz-security-token\nhash";
        let query_signed =
            "GET\n/\nX-Amz-Expires=60&X-Amz-Security-Token=SECRET\nhost:h\n\nhost\nhash";
        for text in [header_signed, query_signed] {
            let redacted = redact_canonical_request(text);
            assert!(!redacted.contains("SECRET"), "{redacted}");
            assert!(redacted.contains(REDACTED), "{redacted}");
            assert_eq!(redacted.lines().count(), text.lines().count());
        }
    }
}
