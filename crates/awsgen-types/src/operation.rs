//! Static metadata of a service and its operations, as generated from the model.

use crate::error::OperationError;

/// The JSON protocol a service speaks. The two differ only in the content type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Protocol {
    /// `aws.protocols#awsJson1_0`
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`
    AwsJson1_1,
}

impl Protocol {
    /// The `Content-Type` of requests (and of well-formed responses).
    pub const fn content_type(self) -> &'static str {
        match self {
            Protocol::AwsJson1_0 => "application/x-amz-json-1.0",
            Protocol::AwsJson1_1 => "application/x-amz-json-1.1",
        }
    }
}

/// Facts about a service that every operation of it shares.
#[derive(Debug)]
#[non_exhaustive]
pub struct ServiceMeta {
    /// Absolute shape ID of the service shape, e.g. `com.amazonaws.ecr#AmazonEC2ContainerRegistry_V20150921`.
    pub shape_id: &'static str,
    /// The service shape's name: the part of `X-Amz-Target` before the dot.
    pub target_prefix: &'static str,
    /// `aws.api#service` `sdkId`, e.g. `ECR`. Used for `AWS_ENDPOINT_URL_<ID>` and the User-Agent.
    pub sdk_id: &'static str,
    /// `aws.api#service` `endpointPrefix`, e.g. `api.ecr`.
    pub endpoint_prefix: &'static str,
    /// `aws.auth#sigv4` `name`: the SigV4 credential-scope service, e.g. `ecr`.
    pub signing_name: &'static str,
    /// The service shape's `version`.
    pub version: &'static str,
    /// The wire protocol.
    pub protocol: Protocol,
    /// The `smithy.rules#endpointRuleSet` trait as compact JSON, when the model has one.
    pub endpoint_rule_set: Option<&'static str>,
}

impl ServiceMeta {
    /// Creates service metadata; used by generated code (the struct is non-exhaustive).
    #[allow(clippy::too_many_arguments)]
    pub const fn new(
        shape_id: &'static str,
        target_prefix: &'static str,
        sdk_id: &'static str,
        endpoint_prefix: &'static str,
        signing_name: &'static str,
        version: &'static str,
        protocol: Protocol,
        endpoint_rule_set: Option<&'static str>,
    ) -> Self {
        ServiceMeta {
            shape_id,
            target_prefix,
            sdk_id,
            endpoint_prefix,
            signing_name,
            version,
            protocol,
            endpoint_rule_set,
        }
    }
}

/// How an error should be treated by a retry strategy, as decided by the model
/// (`@retryable`) or by the generator's override table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RetryClass {
    /// A throttling error: retry with backoff.
    Throttling,
    /// A transient error: retry with backoff.
    Transient,
    /// Never retry, whatever the error code would otherwise suggest.
    Never,
}

/// `@requestCompression` of an operation: the encodings it accepts, in model order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestCompression {
    /// Encodings named by the trait, e.g. `["gzip"]`.
    pub encodings: &'static [&'static str],
}

impl RequestCompression {
    /// Creates the compression metadata; used by generated code.
    pub const fn new(encodings: &'static [&'static str]) -> Self {
        RequestCompression { encodings }
    }
}

/// A `@hostLabel` input member that cannot be put into the host prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPrefixError {
    /// The input member (its Smithy name).
    pub member: &'static str,
    /// What is wrong with its value.
    pub reason: &'static str,
}

impl std::fmt::Display for HostPrefixError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "host label `{}` {}", self.member, self.reason)
    }
}

impl std::error::Error for HostPrefixError {}

/// One operation of a service, as generated from the model. Implemented by a
/// zero-sized marker type per operation; the transport is generic over it.
pub trait Operation: Send + Sync + 'static {
    /// The request type (serializes to the JSON body).
    type Input: serde::Serialize + Send + Sync;
    /// The response type (deserializes from a 2xx JSON body).
    type Output: serde::de::DeserializeOwned + Send;
    /// The operation's error enum: modeled errors plus a catch-all.
    type Error: OperationError;

    /// The service the operation belongs to.
    const SERVICE: &'static ServiceMeta;
    /// The operation shape's name, e.g. `StartImageScan`.
    const NAME: &'static str;
    /// The `X-Amz-Target` header value, e.g. `AmazonEC2ContainerRegistry_V20150921.StartImageScan`.
    /// Visible ASCII only: the client turns it into a header value at compile
    /// time, so any other character fails the build of the crate that calls it.
    const TARGET: &'static str;
    /// `@requestCompression`, when the operation has it.
    const REQUEST_COMPRESSION: Option<RequestCompression> = None;

    /// Endpoint rule-set parameters this operation sets for this input:
    /// `smithy.rules#staticContextParams`, `contextParam` members that are
    /// set, and `operationContextParams` paths that yield a value. They win
    /// over the client's built-in values of the same name.
    fn endpoint_params(_input: &Self::Input) -> Vec<(&'static str, crate::EndpointParam)> {
        Vec::new()
    }

    /// The expanded `@endpoint` host prefix for this input, if the operation has one.
    fn host_prefix(_input: &Self::Input) -> Result<Option<String>, HostPrefixError> {
        Ok(None)
    }

    /// Reads the output from a 2xx response body (never empty: the client
    /// reads an empty body as `{}`). The generator overrides this with
    /// [`read_or_fallback`](crate::json::fast::read_or_fallback) when the
    /// output has a direct reader; either way the result is serde_json's.
    fn read_output(body: &[u8]) -> Result<Self::Output, crate::json::Error> {
        crate::json::from_slice(body)
    }
}

/// Whether `label` is a valid DNS host label (RFC 1123: 1 to 63 letters,
/// digits and hyphens, not starting or ending with a hyphen), which every
/// expanded `@hostLabel` must be.
pub fn is_valid_host_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 63
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        && bytes.first() != Some(&b'-')
        && bytes.last() != Some(&b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_labels_follow_rfc_1123() {
        assert!(is_valid_host_label("bar"));
        assert!(is_valid_host_label("a-1"));
        for bad in ["", "-a", "a-", "a.b", "a b", &"x".repeat(64)] {
            assert!(!is_valid_host_label(bad), "{bad:?}");
        }
    }
}
