//! Why an operation could not be presigned.

use awsgen_auth::CredentialsError;

use super::{ConfigError, ConnectorError, InvalidRequest, TimeoutKind};

/// Why [`Client::presign`](crate::Client::presign) made no presigned
/// request. Like [`CallError`](super::CallError), it never holds a secret:
/// neither credentials nor the signature.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PresignError {
    /// The operation is sent unsigned (its model or `codegen.json` says
    /// so), so there is no signature to put in a URL.
    #[error("operation {operation} of {service} is sent unsigned: there is nothing to presign")]
    Unsigned {
        /// The service's `sdkId`.
        service: &'static str,
        /// The operation's name.
        operation: &'static str,
    },
    /// The client's configuration cannot serve the operation (its endpoint
    /// could not be resolved), or there is no Tokio runtime.
    #[error(transparent)]
    InvalidConfig(ConfigError),
    /// The input cannot become a request, or the request cannot be signed
    /// (an expiry outside 1 s to 7 days among them).
    #[error(transparent)]
    InvalidRequest(InvalidRequest),
    /// No credentials to sign with.
    #[error("no usable credentials: {0}")]
    Credentials(#[source] CredentialsError),
    /// A streamed payload could not be read for its hash.
    #[error("the request payload could not be read for its hash: {0}")]
    RequestPayload(#[source] ConnectorError),
    /// Fetching credentials outlasted the operation timeout.
    #[error("timed out fetching credentials: {0}")]
    Timeout(TimeoutKind),
}
