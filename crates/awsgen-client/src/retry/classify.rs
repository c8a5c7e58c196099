//! Which failures are worth another attempt (standard mode, PROTOCOL §5.2).

use awsgen_types::RetryClass;
use rustls::AlertDescription;

use crate::causes::{causes, is_not_tls, tls_error};
use crate::error::{ConnectorError, ConnectorErrorKind};
use crate::proxy::ProxyError;
use crate::retry::RetryConfig;

/// Error codes that mean "slow down" (the list shared by the AWS SDKs).
const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes that mean "try again".
const TRANSIENT_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException"];

/// HTTP statuses that are retried whatever the code. No other status is
/// retried by itself: among them 431 (Request Header Fields Too Large,
/// usually from a proxy or load balancer with no AWS error code), since the
/// next attempt sends the same headers and meets the same limit; and 429,
/// which AWS services send with a throttling code that the lists above catch.
const TRANSIENT_STATUSES: &[u16] = &[500, 502, 503, 504];

/// Why a failure may be retried; decides what the retry costs from the quota.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RetryKind {
    /// The service asked to slow down.
    Throttling,
    /// A server fault, timeout or broken connection.
    Transient,
    /// The service refused the signature's time, and the client corrected
    /// its clock offset from the response (`clock_skew`).
    ClockSkew,
}

impl RetryKind {
    /// Tokens a retry of this kind takes from the quota.
    pub(crate) fn cost(self) -> u32 {
        match self {
            RetryKind::Throttling | RetryKind::ClockSkew => 5,
            RetryKind::Transient => 10,
        }
    }
}

fn from_class(class: RetryClass) -> Option<RetryKind> {
    match class {
        RetryClass::Throttling => Some(RetryKind::Throttling),
        RetryClass::Transient => Some(RetryKind::Transient),
        // `Never`, and any class added later that this transport does not know.
        _ => None,
    }
}

/// Classifies an error response. The operation's own decision (from the model)
/// wins, then the user's table, then the code lists, then the status.
pub(crate) fn classify_service_error(
    modeled: Option<RetryClass>,
    config: &RetryConfig,
    code: Option<&str>,
    status: u16,
) -> Option<RetryKind> {
    if let Some(class) = modeled {
        return from_class(class);
    }
    if let Some(class) = code.and_then(|code| config.error_class(code)) {
        return from_class(class);
    }
    if let Some(code) = code {
        if THROTTLING_CODES.contains(&code) {
            return Some(RetryKind::Throttling);
        }
        if TRANSIENT_CODES.contains(&code) {
            return Some(RetryKind::Transient);
        }
    }
    TRANSIENT_STATUSES
        .contains(&status)
        .then_some(RetryKind::Transient)
}

/// After [`classify_service_error`] found no reason to retry: a signature
/// the service refused for its time earns one more attempt once the client's
/// clock offset has moved (`clock_corrected`), since that attempt is signed
/// differently. A code the user's table names keeps the table's decision.
pub(crate) fn classify_clock_skew(
    config: &RetryConfig,
    code: Option<&str>,
    clock_corrected: bool,
) -> Option<RetryKind> {
    let user_decided = code.is_some_and(|code| config.error_class(code).is_some());
    (clock_corrected && !user_decided).then_some(RetryKind::ClockSkew)
}

/// Classifies a transport failure: connect failures, timeouts and broken
/// connections are transient; an oversized or malformed response is not, and
/// neither is a handshake that failed over the certificate or the protocols
/// offered (a certificate the client does not trust does not become trusted
/// by trying again), nor one the server answered with something other than
/// TLS (a plain-http port answers plain http every time).
pub(crate) fn classify_connector_error(err: &ConnectorError) -> Option<RetryKind> {
    let connecting = err.kind() == ConnectorErrorKind::Connect;
    if tls_error(err.get_ref())
        .is_some_and(|tls| is_permanent_tls_error(tls) || (connecting && is_not_tls(tls)))
    {
        return None;
    }
    // A proxy that refused the tunnel in 4xx (credentials, policy) answers
    // the same to the next attempt.
    if connecting
        && causes(err.get_ref())
            .filter_map(|cause| cause.downcast_ref::<ProxyError>())
            .any(ProxyError::is_permanent)
    {
        return None;
    }
    match err.kind() {
        ConnectorErrorKind::Connect | ConnectorErrorKind::Timeout | ConnectorErrorKind::Io => {
            Some(RetryKind::Transient)
        }
        _ => None,
    }
}

/// Handshake failures that depend only on the two ends' certificates and
/// settings: the same ends fail the same way on every attempt.
fn is_permanent_tls_error(err: &rustls::Error) -> bool {
    match err {
        rustls::Error::InvalidCertificate(_)
        | rustls::Error::NoCertificatesPresented
        | rustls::Error::UnsupportedNameType
        | rustls::Error::PeerIncompatible(_) => true,
        rustls::Error::AlertReceived(alert) => matches!(
            alert,
            AlertDescription::BadCertificate
                | AlertDescription::UnsupportedCertificate
                | AlertDescription::CertificateUnknown
                | AlertDescription::UnknownCA
                | AlertDescription::CertificateRequired
                | AlertDescription::ProtocolVersion
                | AlertDescription::InsufficientSecurity
                | AlertDescription::NoApplicationProtocol
        ),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use std::error::Error as StdError;
    use std::io;

    use super::*;

    fn classify(code: Option<&str>, status: u16) -> Option<RetryKind> {
        classify_service_error(None, &RetryConfig::standard(), code, status)
    }

    #[test]
    fn throttling_codes_are_throttling_whatever_the_status() {
        for code in THROTTLING_CODES {
            assert_eq!(
                classify(Some(code), 400),
                Some(RetryKind::Throttling),
                "{code}"
            );
        }
        assert_eq!(
            classify(Some("LimitExceededException"), 400),
            Some(RetryKind::Throttling)
        );
    }

    #[test]
    fn request_timeouts_and_server_statuses_are_transient() {
        assert_eq!(
            classify(Some("RequestTimeout"), 400),
            Some(RetryKind::Transient)
        );
        assert_eq!(
            classify(Some("RequestTimeoutException"), 408),
            Some(RetryKind::Transient)
        );
        for status in [500, 502, 503, 504] {
            assert_eq!(
                classify(None, status),
                Some(RetryKind::Transient),
                "{status}"
            );
            assert_eq!(
                classify(Some("ServerException"), status),
                Some(RetryKind::Transient)
            );
        }
    }

    #[test]
    fn other_client_errors_and_statuses_are_never_retried() {
        for status in [400, 403, 404, 409, 413, 429, 431, 501, 505] {
            assert_eq!(
                classify(Some("ValidationException"), status),
                None,
                "{status}"
            );
        }
        assert_eq!(
            classify(None, 429),
            None,
            "429 is retried only through its code"
        );
    }

    #[test]
    fn the_model_wins_over_every_list() {
        let config = RetryConfig::standard()
            .with_error_class("LimitExceededException", RetryClass::Throttling);
        let never = Some(RetryClass::Never);
        assert_eq!(
            classify_service_error(never, &config, Some("LimitExceededException"), 400),
            None
        );
        assert_eq!(
            classify_service_error(never, &config, Some("Oops"), 503),
            None
        );
        let transient = Some(RetryClass::Transient);
        assert_eq!(
            classify_service_error(transient, &config, Some("ValidationException"), 400),
            Some(RetryKind::Transient)
        );
    }

    #[test]
    fn the_user_table_wins_over_the_built_in_lists() {
        let config = RetryConfig::standard()
            .with_error_class("ThrottlingException", RetryClass::Never)
            .with_error_class("RepositoryBusy", RetryClass::Transient);
        assert_eq!(
            classify_service_error(None, &config, Some("ThrottlingException"), 400),
            None
        );
        assert_eq!(
            classify_service_error(None, &config, Some("RepositoryBusy"), 409),
            Some(RetryKind::Transient)
        );
        assert_eq!(
            classify_service_error(None, &config, Some("ThrottlingException"), 503),
            None
        );
    }

    #[test]
    fn a_corrected_clock_is_retried_unless_the_user_table_names_the_code() {
        let config = RetryConfig::standard()
            .with_error_class("InvalidSignatureException", RetryClass::Never);
        let standard = RetryConfig::standard();
        let skew = Some("RequestTimeTooSkewed");
        assert_eq!(
            classify_clock_skew(&standard, skew, true),
            Some(RetryKind::ClockSkew)
        );
        assert_eq!(classify_clock_skew(&standard, skew, false), None);
        assert_eq!(
            classify_clock_skew(&config, Some("InvalidSignatureException"), true),
            None
        );
        assert_eq!(RetryKind::ClockSkew.cost(), 5);
    }

    #[test]
    fn transport_failures() {
        let cause = || io::Error::from(io::ErrorKind::ConnectionReset);
        for transient in [
            ConnectorError::connect(cause()),
            ConnectorError::timeout(cause()),
            ConnectorError::io(cause()),
        ] {
            assert_eq!(
                classify_connector_error(&transient),
                Some(RetryKind::Transient),
                "{transient}"
            );
        }
        for terminal in [
            ConnectorError::response_too_large(10),
            ConnectorError::other(cause()),
        ] {
            assert_eq!(classify_connector_error(&terminal), None, "{terminal}");
        }
    }

    /// A connect error as the hyper connector reports a failed handshake:
    /// hyper-util's error (here a stand-in) over hyper-rustls' `io::Error`
    /// over tokio-rustls' `io::Error` over the rustls error
    /// (tests/client/tls_tests.rs checks that shape against a real handshake).
    fn handshake_failure(tls: rustls::Error) -> ConnectorError {
        #[derive(Debug)]
        struct ClientError(io::Error);
        impl std::fmt::Display for ClientError {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("client error (Connect)")
            }
        }
        impl StdError for ClientError {
            fn source(&self) -> Option<&(dyn StdError + 'static)> {
                Some(&self.0)
            }
        }
        let inner = io::Error::new(io::ErrorKind::InvalidData, tls);
        ConnectorError::connect(ClientError(io::Error::other(inner)))
    }

    #[test]
    fn certificate_and_protocol_failures_are_not_retried() {
        use rustls::{CertificateError, PeerIncompatible};
        for permanent in [
            rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer),
            rustls::Error::InvalidCertificate(CertificateError::NotValidForName),
            rustls::Error::InvalidCertificate(CertificateError::Expired),
            rustls::Error::NoCertificatesPresented,
            rustls::Error::PeerIncompatible(PeerIncompatible::NoCipherSuitesInCommon),
            rustls::Error::AlertReceived(AlertDescription::UnknownCA),
            rustls::Error::AlertReceived(AlertDescription::NoApplicationProtocol),
        ] {
            let err = handshake_failure(permanent);
            assert_eq!(classify_connector_error(&err), None, "{err}");
        }
        // The bare rustls error, without io wrappers, is found as well.
        let bare = ConnectorError::connect(rustls::Error::InvalidCertificate(
            CertificateError::UnknownIssuer,
        ));
        assert_eq!(classify_connector_error(&bare), None);
    }

    #[test]
    fn other_handshake_and_connect_failures_stay_transient() {
        for transient in [
            rustls::Error::AlertReceived(AlertDescription::InternalError),
            rustls::Error::AlertReceived(AlertDescription::HandshakeFailure),
            rustls::Error::HandshakeNotComplete,
        ] {
            let err = handshake_failure(transient);
            assert_eq!(
                classify_connector_error(&err),
                Some(RetryKind::Transient),
                "{err}"
            );
        }
        let refused = ConnectorError::connect(io::Error::new(
            io::ErrorKind::ConnectionRefused,
            "connection refused",
        ));
        assert_eq!(
            classify_connector_error(&refused),
            Some(RetryKind::Transient)
        );
        let body_too_large = ConnectorError::response_too_large(10);
        assert_eq!(classify_connector_error(&body_too_large), None);
    }
}
