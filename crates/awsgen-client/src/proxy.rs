//! HTTP proxies for the built-in connector: which proxy an endpoint goes
//! through (`HTTPS_PROXY` for https endpoints, `HTTP_PROXY` for http ones,
//! unless `NO_PROXY` names the host), the proxy URL with its credentials
//! (sent as `Proxy-Authorization: Basic`, shown only redacted), and the
//! connector that reaches an endpoint through it (`connect`: a CONNECT
//! tunnel for https, plain forwarding for http).
//!
//! Where the settings come from is the builder's business (`config.rs`);
//! this module takes the texts and says what is wrong with them.

mod connect;
mod no_proxy;
mod tunnel;

use std::fmt;
use std::sync::Arc;

use http::uri::Authority;
use http::{HeaderValue, Uri};

pub(crate) use connect::{ProxyConnector, ProxyError};
pub(crate) use no_proxy::NoProxy;

use crate::error::ConfigError;

/// The proxies of a client: one for http endpoints, one for https
/// endpoints (either may be absent), and the hosts that bypass them.
#[derive(Debug)]
pub(crate) struct ProxySettings {
    http: Option<ProxyUrl>,
    https: Option<ProxyUrl>,
    no_proxy: NoProxy,
}

impl ProxySettings {
    /// `None` when neither scheme has a proxy: then nothing of this runs.
    pub(crate) fn new(
        http: Option<ProxyUrl>,
        https: Option<ProxyUrl>,
        no_proxy: NoProxy,
    ) -> Option<Self> {
        (http.is_some() || https.is_some()).then_some(ProxySettings {
            http,
            https,
            no_proxy,
        })
    }

    /// The proxy a request to `uri` goes through, if any.
    pub(crate) fn for_uri(&self, uri: &Uri) -> Option<&ProxyUrl> {
        let (proxy, default_port) = match uri.scheme_str() {
            Some("https") => (self.https.as_ref()?, 443),
            Some("http") => (self.http.as_ref()?, 80),
            _ => return None,
        };
        let host = uri.host()?;
        let port = uri.port_u16().unwrap_or(default_port);
        (!self.no_proxy.matches(host, port)).then_some(proxy)
    }
}

/// A proxy URL: where to connect, the `Proxy-Authorization` its
/// credentials make, and how to show it (credentials redacted).
#[derive(Clone)]
pub(crate) struct ProxyUrl {
    /// `http://host:port/`, what the TCP connector is asked for.
    target: Uri,
    /// `Basic base64(user:password)`, marked sensitive.
    authorization: Option<HeaderValue>,
    /// `http://user:***@host:port`.
    shown: Arc<str>,
}

impl ProxyUrl {
    /// Parses a proxy URL as curl and the AWS SDKs take it:
    /// `[http://][user[:password]@]host[:port][/...]`; no scheme means
    /// `http`, no port means 80, a path is ignored, `%XX` escapes in the
    /// user and password are decoded. Only `http://` proxies are supported
    /// (the proxy is reached in plain HTTP; https endpoints are tunnelled
    /// through it with CONNECT, so their traffic stays TLS end to end).
    ///
    /// `origin` names where the text came from, for the error.
    pub(crate) fn parse(origin: &str, text: &str) -> Result<ProxyUrl, ConfigError> {
        let invalid = |reason: String| ConfigError::InvalidProxy {
            origin: origin.to_owned(),
            url: redact(text),
            reason,
        };
        let text = text.trim();
        let (scheme, rest) = match text.split_once("://") {
            Some((scheme, rest)) => (scheme.to_ascii_lowercase(), rest),
            None => ("http".to_owned(), text),
        };
        match scheme.as_str() {
            "http" => {}
            "https" => {
                return Err(invalid(
                    "https:// proxies (TLS to the proxy itself) are not supported; \
                     give the proxy as http:// (https endpoints are still tunnelled \
                     through it with CONNECT, encrypted end to end)"
                        .to_owned(),
                ))
            }
            other => {
                return Err(invalid(format!(
                    "the scheme `{other}` is not supported: only http:// proxies are"
                )))
            }
        }
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let (userinfo, host_port) = match authority.rsplit_once('@') {
            Some((userinfo, host_port)) => (Some(userinfo), host_port),
            None => (None, authority),
        };
        if host_port.is_empty() {
            return Err(invalid("it has no host".to_owned()));
        }
        let host_port: Authority = host_port
            .parse()
            .map_err(|_| invalid("its host and port are not valid".to_owned()))?;
        if host_port.host().is_empty() {
            return Err(invalid("it has no host".to_owned()));
        }
        // `Authority::port` hides a port that is not a `u16`.
        let port_text = match host_port.as_str() {
            text if text.ends_with(']') => None,
            text => text.rsplit_once(':').map(|(_, port)| port),
        };
        let port = match port_text {
            Some(port) => port
                .parse()
                .ok()
                .filter(|&port: &u16| port != 0)
                .ok_or_else(|| invalid("its port is not valid".to_owned()))?,
            None => 80,
        };
        let host = host_port.host();
        let target: Uri = format!("http://{host}:{port}/")
            .parse()
            .map_err(|_| invalid("its host is not valid".to_owned()))?;
        let authorization = match userinfo {
            Some(userinfo) => Some(basic_authorization(userinfo).ok_or_else(|| {
                invalid("its user name or password has an invalid %-escape".to_owned())
            })?),
            None => None,
        };
        let shown = match userinfo.map(redact_userinfo) {
            Some(userinfo) => format!("http://{userinfo}@{host}:{port}"),
            None => format!("http://{host}:{port}"),
        };
        Ok(ProxyUrl {
            target,
            authorization,
            shown: shown.into(),
        })
    }

    /// Where the TCP connection goes.
    pub(crate) fn target(&self) -> &Uri {
        &self.target
    }

    /// The `Proxy-Authorization` value, when the URL carries credentials.
    pub(crate) fn authorization(&self) -> Option<&HeaderValue> {
        self.authorization.as_ref()
    }

    /// The URL as shown in errors and logs: `http://user:***@host:port`.
    pub(crate) fn shown(&self) -> &Arc<str> {
        &self.shown
    }
}

impl fmt::Display for ProxyUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown)
    }
}

/// The redacted URL only.
impl fmt::Debug for ProxyUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ProxyUrl({})", self.shown)
    }
}

/// `Basic base64(user:password)` from `user[:password]`, `%XX` decoded;
/// `None` for a bad escape.
fn basic_authorization(userinfo: &str) -> Option<HeaderValue> {
    use base64::Engine as _;
    let (user, password) = match userinfo.split_once(':') {
        Some((user, password)) => (user, password),
        None => (userinfo, ""),
    };
    let mut plain = percent_decode(user)?;
    plain.push(b':');
    plain.extend(percent_decode(password)?);
    let encoded = base64::engine::general_purpose::STANDARD.encode(plain);
    let mut value = HeaderValue::try_from(format!("Basic {encoded}")).ok()?;
    value.set_sensitive(true);
    Some(value)
}

fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = text.get(index + 1..index + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    Some(out)
}

/// `user:password` -> `user:***`; a lone `user` (often a token) -> `***`.
fn redact_userinfo(userinfo: &str) -> String {
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{user}:***"),
        None => "***".to_owned(),
    }
}

/// A proxy URL as typed, with the credentials of its authority redacted,
/// for messages about a URL that may not even parse.
pub(crate) fn redact(text: &str) -> String {
    let text = text.trim();
    let (scheme, rest) = match text.find("://") {
        Some(at) => text.split_at(at + 3),
        None => ("", text),
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => format!("{scheme}{}@{host}{tail}", redact_userinfo(userinfo)),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> ProxyUrl {
        ProxyUrl::parse("TEST", text).unwrap_or_else(|err| panic!("{text}: {err}"))
    }

    fn refused(text: &str) -> String {
        ProxyUrl::parse("HTTPS_PROXY", text)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn the_forms_curl_and_the_sdks_take() {
        let proxy = parse("http://proxy.corp:3128");
        assert_eq!(proxy.target(), "http://proxy.corp:3128/");
        assert_eq!(proxy.to_string(), "http://proxy.corp:3128");
        assert!(proxy.authorization().is_none());
        assert_eq!(parse("proxy.corp:3128").target(), "http://proxy.corp:3128/");
        assert_eq!(parse("HTTP://proxy.corp").target(), "http://proxy.corp:80/");
        assert_eq!(
            parse(" http://10.0.0.1:8080/ ").target(),
            "http://10.0.0.1:8080/"
        );
        assert_eq!(parse("http://[::1]:3128").target(), "http://[::1]:3128/");
    }

    #[test]
    fn credentials_become_basic_authorization_and_are_redacted() {
        let proxy = parse("http://alice:s%40cret@proxy:3128");
        let value = proxy.authorization().unwrap();
        // base64("alice:s@cret")
        assert_eq!(value.to_str().unwrap(), "Basic YWxpY2U6c0BjcmV0");
        assert!(value.is_sensitive());
        assert_eq!(proxy.to_string(), "http://alice:***@proxy:3128");
        assert_eq!(
            format!("{proxy:?}"),
            "ProxyUrl(http://alice:***@proxy:3128)"
        );
        let token = parse("http://t0ken@proxy:3128");
        assert_eq!(token.to_string(), "http://***@proxy:3128");
        // base64("t0ken:")
        assert_eq!(
            token.authorization().unwrap().to_str().unwrap(),
            "Basic dDBrZW46"
        );
    }

    #[test]
    fn unusable_urls_are_refused_with_the_credentials_redacted() {
        let err = refused("socks5://bob:hunter2@proxy:1080");
        assert!(!err.contains("hunter2"), "{err}");
        assert_eq!(
            err,
            "the proxy URL `socks5://bob:***@proxy:1080` from HTTPS_PROXY cannot be used: \
             the scheme `socks5` is not supported: only http:// proxies are"
        );
        let err = refused("https://bob:hunter2@proxy:443");
        assert!(err.contains("https://bob:***@proxy:443") && err.contains("not supported"));
        for (text, reason) in [
            ("http://bob:hunter2@", "it has no host"),
            ("http://bob:hunter2@proxy:99999", "its port is not valid"),
            ("http://bob:hunter2@proxy:0", "its port is not valid"),
            (
                "http://bob:hunter2@pro xy:1",
                "its host and port are not valid",
            ),
            ("http://bob:hun%zzter2@proxy:1", "invalid %-escape"),
        ] {
            let err = refused(text);
            assert!(err.contains(reason), "{text}: {err}");
            assert!(!err.contains("hunter2") && !err.contains("hun%zz"), "{err}");
            assert!(err.contains("bob:***@"), "{err}");
        }
    }

    #[test]
    fn redaction_of_raw_text() {
        assert_eq!(redact("http://u:p@h:1/x?y"), "http://u:***@h:1/x?y");
        assert_eq!(redact("u:p@h"), "u:***@h");
        assert_eq!(redact("http://tok@h"), "http://***@h");
        assert_eq!(redact("http://a@b:p@h"), "http://a@b:***@h");
        assert_eq!(redact("http://h:1/p@x"), "http://h:1/p@x");
    }

    #[test]
    fn the_proxy_for_each_scheme_unless_no_proxy_names_the_host() {
        let settings = ProxySettings::new(
            Some(parse("http://plain:1")),
            Some(parse("http://tls:2")),
            NoProxy::parse("internal.corp, 10.0.0.0/8"),
        )
        .unwrap();
        let via = |uri: &str| {
            settings
                .for_uri(&uri.parse().unwrap())
                .map(|proxy| proxy.to_string())
        };
        assert_eq!(
            via("http://example.com/").as_deref(),
            Some("http://plain:1")
        );
        assert_eq!(via("https://example.com/").as_deref(), Some("http://tls:2"));
        assert_eq!(via("https://api.internal.corp/"), None);
        assert_eq!(via("https://10.1.2.3:8443/"), None);
        let https_only =
            ProxySettings::new(None, Some(parse("http://tls:2")), NoProxy::default()).unwrap();
        assert!(https_only.for_uri(&"http://x/".parse().unwrap()).is_none());
        assert!(ProxySettings::new(None, None, NoProxy::default()).is_none());
    }
}
