//! Which failures are worth another attempt (standard mode, PROTOCOL §5.2).

use awsjson_types::RetryClass;

use crate::connector::ConnectorErrorKind;
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

/// HTTP statuses that are retried whatever the code.
const TRANSIENT_STATUSES: &[u16] = &[500, 502, 503, 504];

/// Why a failure may be retried; decides what the retry costs from the quota.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RetryKind {
    /// The service asked to slow down.
    Throttling,
    /// A server fault, timeout or broken connection.
    Transient,
}

impl RetryKind {
    /// Tokens a retry of this kind takes from the quota.
    pub(crate) fn cost(self) -> u32 {
        match self {
            RetryKind::Throttling => 5,
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

/// Classifies a transport failure: connect failures, timeouts and broken
/// connections are transient; an oversized or malformed response is not.
pub(crate) fn classify_connector_error(kind: ConnectorErrorKind) -> Option<RetryKind> {
    match kind {
        ConnectorErrorKind::Connect | ConnectorErrorKind::Timeout | ConnectorErrorKind::Io => {
            Some(RetryKind::Transient)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
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
        for status in [400, 403, 404, 409, 413, 429, 501, 505] {
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
    fn transport_failures() {
        assert_eq!(
            classify_connector_error(ConnectorErrorKind::Connect),
            Some(RetryKind::Transient)
        );
        assert_eq!(
            classify_connector_error(ConnectorErrorKind::Timeout),
            Some(RetryKind::Transient)
        );
        assert_eq!(
            classify_connector_error(ConnectorErrorKind::Io),
            Some(RetryKind::Transient)
        );
        assert_eq!(
            classify_connector_error(ConnectorErrorKind::ResponseTooLarge),
            None
        );
        assert_eq!(classify_connector_error(ConnectorErrorKind::Other), None);
    }
}
