//! Static metadata of a service and its operations, as generated from the model.

use crate::error::OperationError;
use crate::request::{HttpRequest, SerializeError};
use crate::response::{DeserializeError, HttpResponse};

/// The wire protocol a service speaks. What each one does lives in
/// [`crate::protocol`] and in the code generated for each operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Protocol {
    /// `aws.protocols#awsJson1_0`
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`
    AwsJson1_1,
    /// `aws.protocols#restJson1`
    RestJson1,
    /// `aws.protocols#restXml`
    RestXml,
    /// `aws.protocols#awsQuery`
    AwsQuery,
    /// `aws.protocols#ec2Query`
    Ec2Query,
    /// `smithy.protocols#rpcv2Cbor`
    RpcV2Cbor,
}

/// Facts about a service that every operation of it shares.
#[derive(Debug)]
#[non_exhaustive]
pub struct ServiceMeta {
    /// Absolute shape ID of the service shape, e.g. `com.amazonaws.ecr#AmazonEC2ContainerRegistry_V20150921`.
    pub shape_id: &'static str,
    /// The service shape's name (for awsJson, the part of `X-Amz-Target` before the dot).
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
    /// A custom endpoint URL goes through the rule set (as `SDK::Endpoint`)
    /// and the rules' URL is used: S3's rules add the bucket to it, which
    /// the operation's path leaves out. Otherwise the URL is used as given.
    pub custom_endpoint_through_rules: bool,
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
            custom_endpoint_through_rules: false,
        }
    }

    /// Sets [`custom_endpoint_through_rules`](Self::custom_endpoint_through_rules);
    /// used by generated code.
    #[must_use]
    pub const fn with_custom_endpoint_through_rules(mut self) -> Self {
        self.custom_endpoint_through_rules = true;
        self
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

/// Body checksum headers a service customization requires of an
/// operation's requests. The client computes them (it has the hash
/// functions; this crate has none), after any compression, and leaves a
/// header the input already set as it is. Exhaustive on purpose: a new
/// kind must be computed by the client, and its `match` says where.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BodyChecksum {
    /// Glacier's `UploadArchive` and `UploadMultipartPart`:
    /// `x-amz-content-sha256`, the hex SHA-256 of the body, and
    /// `x-amz-sha256-tree-hash`, the hex SHA-256 tree hash of its 1 MiB
    /// chunks (as the AWS SDKs' Glacier customization sends them).
    GlacierTreeHash,
}

/// `aws.protocols#httpChecksum` of an operation: what the client checksums
/// beyond what the input says (the input's algorithm and validation mode
/// are read through [`Operation::request_checksum_algorithm`] and
/// [`Operation::response_checksum_validation`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct HttpChecksum {
    /// `requestChecksumRequired`: a checksum is sent even when the input
    /// names no algorithm (then CRC32, the SDKs' default).
    pub request_checksum_required: bool,
    /// `responseAlgorithms`, in model order: the checksums the service may
    /// send back, of which the client validates one when asked.
    pub response_algorithms: &'static [&'static str],
}

impl HttpChecksum {
    /// Creates the checksum metadata; used by generated code.
    pub const fn new(
        request_checksum_required: bool,
        response_algorithms: &'static [&'static str],
    ) -> Self {
        HttpChecksum {
            request_checksum_required,
            response_algorithms,
        }
    }
}

/// How an operation's requests are authenticated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Auth {
    /// Signed with SigV4 (the service's `aws.auth#sigv4`).
    SigV4,
    /// Sent unsigned: `@auth([])` or `@optionalAuth` (SSO's
    /// `GetRoleCredentials`, which authenticates with a bearer token in a
    /// header instead). No credentials are looked up for such a call.
    None,
}

/// One operation of a service, as generated from the model. Implemented by a
/// zero-sized marker type per operation; the client is generic over it.
///
/// The contract is protocol-neutral: the operation turns an input into an
/// [`HttpRequest`] and a response back into its output or its error, by
/// whatever rules its protocol has ([`crate::protocol`]). The client adds
/// the endpoint, its own headers and the signature, and runs the attempts.
pub trait Operation: Send + Sync + 'static {
    /// The request type. `Serialize` gives waiters the input as JSON.
    type Input: serde::Serialize + Send + Sync;
    /// The response type.
    type Output: Send;
    /// The operation's error enum: modeled errors plus a catch-all.
    type Error: OperationError;

    /// The service the operation belongs to.
    const SERVICE: &'static ServiceMeta;
    /// The operation shape's name, e.g. `StartImageScan`.
    const NAME: &'static str;
    /// `@requestCompression`, when the operation has it.
    const REQUEST_COMPRESSION: Option<RequestCompression> = None;
    /// `@httpChecksumRequired`: the client sends `Content-MD5` of the body.
    const CHECKSUM_REQUIRED: bool = false;
    /// How requests are authenticated.
    const AUTH: Auth = Auth::SigV4;
    /// `aws.auth#unsignedPayload`: a streamed payload is signed as
    /// `UNSIGNED-PAYLOAD` instead of read ahead to hash it.
    const UNSIGNED_PAYLOAD: bool = false;
    /// The output has a `@streaming` payload: a success's body is handed to
    /// [`deserialize_streaming_output`](Self::deserialize_streaming_output)
    /// as it arrives, never read whole (and the response size limit does
    /// not apply to it).
    const STREAMING_RESPONSE: bool = false;
    /// Body checksum headers a service customization requires.
    const BODY_CHECKSUM: Option<BodyChecksum> = None;
    /// A `200` response whose body's root element is `<Error>` is an error
    /// (S3's `CopyObject`, `CompleteMultipartUpload`, `UploadPartCopy`,
    /// which can fail after the status line is sent): the client reads it
    /// with [`deserialize_error`](Self::deserialize_error) and retries it
    /// as a server error.
    const ERROR_IN_OK_RESPONSE: bool = false;

    /// `aws.protocols#httpChecksum`, when the operation has it.
    const HTTP_CHECKSUM: Option<HttpChecksum> = None;

    /// The checksum algorithm the input asks for (the trait's
    /// `requestAlgorithmMember`, e.g. `CRC32`), when it names one.
    fn request_checksum_algorithm(_input: &Self::Input) -> Option<&str> {
        None
    }

    /// The response validation mode the input sets (the trait's
    /// `requestValidationModeMember`), as given.
    fn response_checksum_validation_mode(_input: &Self::Input) -> Option<&str> {
        None
    }

    /// Whether the input asks for the response's checksum to be validated:
    /// its validation mode is `ENABLED`, the one mode Smithy defines.
    fn response_checksum_validation(input: &Self::Input) -> bool {
        Self::response_checksum_validation_mode(input) == Some("ENABLED")
    }

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

    /// Fills members the caller left unset that the SDKs fill for them: an
    /// `@idempotencyToken` member gets `idempotency_token()` (a fresh UUID
    /// v4 unless the client was given another source), and a service
    /// customization's defaults apply (Glacier's `accountId` `-`). The
    /// client calls it once per call, before anything reads the input.
    fn fill_unset(_input: &mut Self::Input, _idempotency_token: &dyn Fn() -> String) {}

    /// The request for this input: method, path and query, headers, body.
    /// A value that cannot be sent (an empty URI label, a header value with
    /// a control character) is an error naming the member.
    fn serialize_request(input: &Self::Input) -> Result<HttpRequest, SerializeError>;

    /// Reads the output from a 2xx response.
    fn deserialize_output(response: &HttpResponse<'_>) -> Result<Self::Output, DeserializeError>;

    /// Reads the output of a 2xx response whose payload is streamed: status
    /// and headers from `response` (its `body` is empty), the payload is
    /// `body`. Only called when [`STREAMING_RESPONSE`](Self::STREAMING_RESPONSE).
    fn deserialize_streaming_output(
        _response: &HttpResponse<'_>,
        _body: crate::ByteStream,
    ) -> Result<Self::Output, DeserializeError> {
        Err(DeserializeError::Body(
            "this operation's output has no streaming payload".to_owned(),
        ))
    }

    /// Reads the error of a non-2xx response: a modeled error when the
    /// protocol's error code names one, else the catch-all. Never fails.
    fn deserialize_error(response: &HttpResponse<'_>) -> Self::Error;
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
