//! An endpoint URL as the transport uses it: scheme, host, port and base path.

use std::fmt;
use std::net::IpAddr;

use http::uri::{Scheme, Uri};

/// Why an endpoint URL cannot be used. Never echoes user info (it may hold a password).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UrlProblem {
    Unparsable,
    NoScheme,
    UnsupportedScheme(String),
    NoHost,
    UserInfo,
    Query,
    PlainHttp(String),
}

impl fmt::Display for UrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlProblem::Unparsable => f.write_str("it is not a valid URL"),
            UrlProblem::NoScheme => f.write_str("it has no scheme (expected `https://host[:port][/path]`)"),
            UrlProblem::UnsupportedScheme(s) => write!(f, "scheme `{s}` is not supported (use https)"),
            UrlProblem::NoHost => f.write_str("it has no host"),
            UrlProblem::UserInfo => f.write_str("it contains user info (`user@`), which is not supported"),
            UrlProblem::Query => f.write_str("it has a query string, which an endpoint URL may not carry (operations add their own)"),
            // No builder method named: the URL may come from AWS_ENDPOINT_URL
            // or a command-line flag, whose users cannot call one.
            UrlProblem::PlainHttp(host) => write!(
                f,
                "plain http to non-loopback host `{host}` is refused: use https"
            ),
        }
    }
}

/// A parsed, policy-checked endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EndpointUrl {
    https: bool,
    host: String,
    port: Option<u16>,
    path: String,
}

impl EndpointUrl {
    /// Parses `url` and refuses plain `http` to a non-loopback host unless `allow_http`.
    pub(crate) fn parse(url: &str, allow_http: bool) -> Result<Self, UrlProblem> {
        let url = url.trim();
        if !url.is_empty() && !url.contains("://") {
            return Err(UrlProblem::NoScheme);
        }
        let uri: Uri = url.parse().map_err(|_| UrlProblem::Unparsable)?;
        let https = match uri.scheme() {
            None => return Err(UrlProblem::NoScheme),
            Some(s) if *s == Scheme::HTTPS => true,
            Some(s) if *s == Scheme::HTTP => false,
            Some(other) => return Err(UrlProblem::UnsupportedScheme(other.as_str().to_owned())),
        };
        let authority = uri.authority().ok_or(UrlProblem::NoHost)?;
        if authority.as_str().contains('@') {
            return Err(UrlProblem::UserInfo);
        }
        if uri.query().is_some() {
            return Err(UrlProblem::Query);
        }
        let host = authority.host();
        if host.is_empty() {
            return Err(UrlProblem::NoHost);
        }
        if !https && !allow_http && !is_loopback(host) {
            return Err(UrlProblem::PlainHttp(host.to_owned()));
        }
        let default_port = if https { 443 } else { 80 };
        Ok(EndpointUrl {
            https,
            host: host.to_owned(),
            port: authority.port_u16().filter(|port| *port != default_port),
            path: uri.path().to_owned(),
        })
    }

    /// `host[:port]` with `prefix` in front of the host; the port only when it is
    /// not the scheme's default, as SigV4 signs it.
    pub(crate) fn authority(&self, host_prefix: &str) -> String {
        match self.port {
            Some(port) => format!("{host_prefix}{}:{port}", self.host),
            None => format!("{host_prefix}{}", self.host),
        }
    }

    /// The request path: the endpoint's path without its trailing `/`, then
    /// the operation's own path. For `https://example.com/custom` an RPC
    /// operation (`/`) is requested at `/custom/` (the awsJson protocol test
    /// `AwsJson11HostWithPath`) and a REST one at `/custom/things/a`
    /// (restJson1's `RestJsonHostWithPath`). An operation without a path
    /// of its own (empty, or only a query: S3's `/{Bucket}` once the rule
    /// set placed the bucket) is requested at the endpoint's path, `/` at
    /// least: `https://s3.us-west-2.amazonaws.com/mybucket` and
    /// `?list-type=2` make `/mybucket?list-type=2`.
    pub(crate) fn request_path(&self, path_and_query: &str) -> String {
        let base = self.path.strip_suffix('/').unwrap_or(&self.path);
        let base = if base.is_empty() && !path_and_query.starts_with('/') {
            "/"
        } else {
            base
        };
        let mut path = String::with_capacity(base.len() + path_and_query.len());
        path.push_str(base);
        path.push_str(path_and_query);
        path
    }

    /// `https` or `http`.
    pub(crate) fn scheme(&self) -> &'static str {
        if self.https {
            "https"
        } else {
            "http"
        }
    }

    /// The absolute URI of a request to this endpoint.
    pub(crate) fn request_uri(
        &self,
        host_prefix: &str,
        path_and_query: &str,
    ) -> Result<Uri, http::Error> {
        Uri::builder()
            .scheme(self.scheme())
            .authority(self.authority(host_prefix))
            .path_and_query(self.request_path(path_and_query))
            .build()
    }
}

/// `localhost`, 127.0.0.0/8 and ::1.
fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_path_and_non_default_port() {
        let url = EndpointUrl::parse("https://example.com:8443/custom", false).unwrap();
        assert_eq!(url.authority(""), "example.com:8443");
        assert_eq!(url.request_path("/"), "/custom/");
        assert_eq!(url.request_path("/things/a?x=1"), "/custom/things/a?x=1");
        assert_eq!(
            url.request_uri("", "/").unwrap().to_string(),
            "https://example.com:8443/custom/"
        );
        let url = EndpointUrl::parse("https://example.com:443", false).unwrap();
        assert_eq!(url.authority("foo."), "foo.example.com");
        assert_eq!(url.request_path("/"), "/");
        assert_eq!(url.request_path("/things"), "/things");
        // An operation without a path of its own (S3's, once the bucket is
        // the endpoint's) goes to the endpoint's path.
        let bucket =
            EndpointUrl::parse("https://s3.us-west-2.amazonaws.com/mybucket", false).unwrap();
        assert_eq!(bucket.request_path("?list-type=2"), "/mybucket?list-type=2");
        assert_eq!(bucket.request_path(""), "/mybucket");
        assert_eq!(bucket.request_path("/a/../b"), "/mybucket/a/../b");
        let host = EndpointUrl::parse("https://mybucket.s3.amazonaws.com", false).unwrap();
        assert_eq!(host.request_path("?list-type=2"), "/?list-type=2");
        assert_eq!(host.request_path(""), "/");
        let url = EndpointUrl::parse("http://127.0.0.1:80/a/b/", false).unwrap();
        assert_eq!(url.authority(""), "127.0.0.1");
        assert_eq!(url.request_path("/"), "/a/b/");
        assert_eq!(url.request_path("/c"), "/a/b/c");
    }

    #[test]
    fn plain_http_only_to_loopback_unless_allowed() {
        for ok in [
            "http://127.0.0.1:9000",
            "http://127.8.9.10",
            "http://[::1]:4566",
            "http://LOCALHOST:1",
        ] {
            assert!(EndpointUrl::parse(ok, false).is_ok(), "{ok}");
        }
        assert_eq!(
            EndpointUrl::parse("http://example.com", false),
            Err(UrlProblem::PlainHttp("example.com".into()))
        );
        assert_eq!(
            EndpointUrl::parse("http://10.0.0.1", false),
            Err(UrlProblem::PlainHttp("10.0.0.1".into()))
        );
        assert!(EndpointUrl::parse("http://example.com", true).is_ok());
        assert_eq!(
            UrlProblem::PlainHttp("example.com".into()).to_string(),
            "plain http to non-loopback host `example.com` is refused: use https"
        );
    }

    #[test]
    fn rejects_what_cannot_be_an_endpoint() {
        assert_eq!(
            EndpointUrl::parse("example.com/custom", false),
            Err(UrlProblem::NoScheme)
        );
        assert_eq!(
            EndpointUrl::parse("ftp://example.com", false),
            Err(UrlProblem::UnsupportedScheme("ftp".into()))
        );
        assert_eq!(
            EndpointUrl::parse("https://user:pw@example.com", false),
            Err(UrlProblem::UserInfo)
        );
        assert_eq!(
            EndpointUrl::parse("https://example.com/?a=b", false),
            Err(UrlProblem::Query)
        );
        assert_eq!(
            EndpointUrl::parse("https://exa mple.com", false),
            Err(UrlProblem::Unparsable)
        );
        assert_eq!(EndpointUrl::parse("", false), Err(UrlProblem::Unparsable));
        assert!(!UrlProblem::UserInfo.to_string().contains("pw"));
    }
}
