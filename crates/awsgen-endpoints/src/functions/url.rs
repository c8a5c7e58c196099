//! `parseURL`.

use super::host::is_ipv4;

/// The `URL` record that `parseURL` returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParsedUrl {
    /// `http` or `https`, without `://`.
    pub scheme: String,
    /// Host and port as written, without any user-info.
    pub authority: String,
    /// The path exactly as written (empty when the URL has none).
    pub path: String,
    /// The path with a leading and a trailing `/`.
    pub normalized_path: String,
    /// Whether the host is an IPv4 or a bracketed IPv6 address.
    pub is_ip: bool,
}

/// `parseURL(value)`: None for anything that is not an absolute `http(s)`
/// URL with a host, and for any URL with a query (the spec rejects those).
///
/// `path` stays unmodified, so `https://example.com` has an empty path; the
/// spec's example table shows `/` there, but its reference implementation and
/// the AWS SDKs keep the raw path, and rules that need a slash use
/// `normalizedPath`.
pub(crate) fn parse_url(input: &str) -> Option<ParsedUrl> {
    if input.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let (scheme, rest) = input.split_once("://")?;
    // Endpoints are HTTP; other schemes would only fail later, less clearly.
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return None;
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    if tail.contains('?') {
        return None;
    }
    let path = tail.split_once('#').map_or(tail, |(path, _fragment)| path);
    let authority = authority
        .rsplit_once('@')
        .map_or(authority, |(_userinfo, host)| host);
    let is_ip = parse_authority(authority)?;
    let mut normalized_path = String::with_capacity(path.len() + 2);
    if !path.starts_with('/') {
        normalized_path.push('/');
    }
    normalized_path.push_str(path);
    if !normalized_path.ends_with('/') {
        normalized_path.push('/');
    }
    Some(ParsedUrl {
        scheme: scheme.to_owned(),
        authority: authority.to_owned(),
        path: path.to_owned(),
        normalized_path,
        is_ip,
    })
}

/// Checks `host[:port]`; returns whether the host is an IP address.
fn parse_authority(authority: &str) -> Option<bool> {
    if let Some(bracketed) = authority.strip_prefix('[') {
        let (address, after) = bracketed.split_once(']')?;
        let valid_address = !address.is_empty()
            && address
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
        if !valid_address || !(after.is_empty() || is_port_suffix(after)) {
            return None;
        }
        return Some(true);
    }
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if is_port(port) => host,
        Some(_) => return None,
        None => authority,
    };
    let valid_host = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'));
    valid_host.then(|| is_ipv4(host))
}

/// `:` followed by a port number.
fn is_port_suffix(suffix: &str) -> bool {
    suffix.strip_prefix(':').is_some_and(is_port)
}

/// A decimal port number.
fn is_port(digits: &str) -> bool {
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && digits.parse::<u16>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(scheme: &str, authority: &str, path: &str, normalized: &str, is_ip: bool) -> ParsedUrl {
        ParsedUrl {
            scheme: scheme.into(),
            authority: authority.into(),
            path: path.into(),
            normalized_path: normalized.into(),
            is_ip,
        }
    }

    #[test]
    fn parses_the_spec_examples() {
        assert_eq!(
            parse_url("https://example.com"),
            Some(url("https", "example.com", "", "/", false))
        );
        assert_eq!(
            parse_url("http://example.com:80/foo/bar"),
            Some(url(
                "http",
                "example.com:80",
                "/foo/bar",
                "/foo/bar/",
                false
            ))
        );
        assert_eq!(
            parse_url("https://127.0.0.1"),
            Some(url("https", "127.0.0.1", "", "/", true))
        );
        assert_eq!(
            parse_url("https://[fe80::1]"),
            Some(url("https", "[fe80::1]", "", "/", true))
        );
        assert_eq!(parse_url("https://example.com:8443?foo=bar&faz=baz"), None);
    }

    #[test]
    fn keeps_trailing_slashes_and_drops_userinfo_and_fragments() {
        assert_eq!(
            parse_url("https://user:pw@host.example:8443/a/#frag"),
            Some(url("https", "host.example:8443", "/a/", "/a/", false))
        );
        assert_eq!(
            parse_url("http://[::1]:8080/x"),
            Some(url("http", "[::1]:8080", "/x", "/x/", true))
        );
    }

    #[test]
    fn rejects_what_is_not_an_http_url() {
        for bad in [
            "example.com",
            "ftp://example.com",
            "https://",
            "https:///path",
            "https://exa mple.com",
            "https://example.com:port",
            "https://example.com:99999",
            "https://[zz::1]",
            "https://[::1",
            "https://example.com/a?b",
            "https://ex<ample.com",
        ] {
            assert_eq!(parse_url(bad), None, "{bad:?} should not parse");
        }
    }
}
