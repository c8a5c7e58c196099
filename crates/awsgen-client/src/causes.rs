//! Reading the causes of a transport error: the rustls error among them
//! (for retry decisions) and the failure in one clause (for messages).
//!
//! The HTTP stack wraps what went wrong several times over: hyper-util's
//! `client error (Connect)`, its connector's `tcp connect error` or `dns
//! error`, hyper-rustls' and tokio-rustls' `io::Error`s, and at the bottom
//! the OS error or the rustls error that says it. `io::Error::source()` skips
//! the error it wraps, so each `io::Error` is opened with `get_ref()`.

use std::error::Error as StdError;
use std::io;

use rustls::InvalidMessage;

use crate::error::Summary;

/// `err` and every error below it, opening `io::Error` wrappers.
pub(crate) fn causes<'a>(
    err: &'a (dyn StdError + 'static),
) -> impl Iterator<Item = &'a (dyn StdError + 'static)> {
    std::iter::successors(Some(err), |&err| match err.downcast_ref::<io::Error>() {
        Some(io) => io.get_ref().map(|inner| inner as &(dyn StdError + 'static)),
        None => err.source(),
    })
}

/// The rustls error among the causes.
pub(crate) fn tls_error<'a>(err: &'a (dyn StdError + 'static)) -> Option<&'a rustls::Error> {
    causes(err).find_map(|cause| cause.downcast_ref::<rustls::Error>())
}

/// Whether the server's first answer to the TLS handshake was not TLS:
/// a record whose content type is none of TLS's (plain HTTP's `HTTP/1.1 400`
/// starts with `H`, 0x48).
pub(crate) fn is_not_tls(err: &rustls::Error) -> bool {
    matches!(
        err,
        rustls::Error::InvalidMessage(InvalidMessage::InvalidContentType)
    )
}

/// What a hyper / hyper-util / rustls error comes down to, in one clause,
/// without the wrappers' own words. `connecting` is true for failures
/// before the request was sent (TCP connect, DNS, TLS handshake).
pub(crate) fn summarize(err: &(dyn StdError + 'static), connecting: bool) -> Summary {
    let chain: Vec<&(dyn StdError + 'static)> = causes(err).collect();
    // hyper-util's connector reports a failed lookup as "dns error" over the
    // resolver's `io::Error`; its error type is private, so the message is
    // the sign (tests/client/connect_error_tests.rs pins it).
    if let Some(at) = chain
        .iter()
        .position(|cause| cause.to_string() == "dns error")
    {
        let reason = chain.get(at + 1).map_or_else(String::new, |cause| {
            let text = cause.to_string();
            // std's words around getaddrinfo's reason.
            text.strip_prefix("failed to lookup address information: ")
                .map_or(text.clone(), str::to_owned)
        });
        return Summary::HostNotFound(reason);
    }
    if let Some(tls) = tls_error(err) {
        return match (connecting, is_not_tls(tls)) {
            (true, true) => Summary::NotTls,
            (true, false) => Summary::Other(format!("the TLS handshake failed: {tls}")),
            (false, _) => Summary::Other(format!("TLS error: {tls}")),
        };
    }
    let Some(innermost) = chain.last() else {
        return Summary::Other(err.to_string());
    };
    if let Some(io) = innermost.downcast_ref::<io::Error>() {
        if connecting && io.kind() == io::ErrorKind::UnexpectedEof {
            return Summary::Other(
                "the server closed the connection during the TLS handshake".to_owned(),
            );
        }
        if let Some(clause) = network_kind(io.kind()) {
            return Summary::Other(clause.to_owned());
        }
    }
    Summary::Other(innermost.to_string())
}

/// The kinds of network failure whose name says it better than the OS text
/// (`connection refused` rather than `Connection refused (os error 111)`).
fn network_kind(kind: io::ErrorKind) -> Option<&'static str> {
    use io::ErrorKind as K;
    Some(match kind {
        K::ConnectionRefused => "connection refused",
        K::ConnectionReset => "connection reset",
        K::ConnectionAborted => "connection aborted",
        K::NotConnected => "not connected",
        K::BrokenPipe => "connection closed (broken pipe)",
        K::UnexpectedEof => "connection closed (unexpected end of file)",
        K::TimedOut => "timed out",
        K::AddrNotAvailable => "address not available",
        K::NetworkUnreachable => "network unreachable",
        K::HostUnreachable => "host unreachable",
        K::NetworkDown => "network down",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use std::fmt;

    use super::*;

    /// A wrapper with its own words, like hyper-util's errors.
    #[derive(Debug)]
    struct Wrapper(&'static str, Box<dyn StdError + Send + Sync>);
    impl fmt::Display for Wrapper {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }
    }
    impl StdError for Wrapper {
        fn source(&self) -> Option<&(dyn StdError + 'static)> {
            Some(&*self.1)
        }
    }

    fn client_error(inner: impl StdError + Send + Sync + 'static) -> Wrapper {
        Wrapper("client error (Connect)", Box::new(inner))
    }

    #[test]
    fn a_refused_connection_is_named_by_its_kind() {
        let os = io::Error::from(io::ErrorKind::ConnectionRefused);
        let err = client_error(Wrapper("tcp connect error", Box::new(os)));
        assert_eq!(
            summarize(&err, true),
            Summary::Other("connection refused".into())
        );
    }

    #[test]
    fn a_failed_lookup_keeps_the_resolver_reason_only() {
        let resolver =
            io::Error::other("failed to lookup address information: Name or service not known");
        let err = client_error(Wrapper("dns error", Box::new(resolver)));
        assert_eq!(
            summarize(&err, true),
            Summary::HostNotFound("Name or service not known".into())
        );
    }

    #[test]
    fn tls_errors_are_found_inside_io_wrappers() {
        let wrapped = |tls: rustls::Error| {
            client_error(io::Error::other(io::Error::new(
                io::ErrorKind::InvalidData,
                tls,
            )))
        };
        let plain_http = wrapped(rustls::Error::InvalidMessage(
            InvalidMessage::InvalidContentType,
        ));
        assert_eq!(summarize(&plain_http, true), Summary::NotTls);
        assert!(tls_error(&plain_http).is_some_and(is_not_tls));
        let untrusted = wrapped(rustls::Error::InvalidCertificate(
            rustls::CertificateError::UnknownIssuer,
        ));
        assert_eq!(
            summarize(&untrusted, true),
            Summary::Other(
                "the TLS handshake failed: invalid peer certificate: UnknownIssuer".into()
            )
        );
    }

    #[test]
    fn otherwise_the_innermost_message() {
        let err = Wrapper(
            "client error (SendRequest)",
            "invalid HTTP version parsed".into(),
        );
        assert_eq!(
            summarize(&err, false),
            Summary::Other("invalid HTTP version parsed".into())
        );
    }
}
