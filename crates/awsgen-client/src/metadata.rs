//! What a successful call reports besides its output.

/// Facts about a successful call.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResponseMetadata {
    /// The `x-amzn-RequestId` (or `x-amz-request-id`) of the response.
    pub request_id: Option<String>,
    /// Attempts made, including the one that succeeded.
    pub attempts: u32,
}
