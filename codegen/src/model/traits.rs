//! Trait values, and typed decoding of the traits codegen understands.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::Deserialize;

/// Trait IDs codegen reads.
pub mod ids {
    pub const DOCUMENTATION: &str = "smithy.api#documentation";
    pub const REQUIRED: &str = "smithy.api#required";
    pub const DEFAULT: &str = "smithy.api#default";
    pub const CLIENT_OPTIONAL: &str = "smithy.api#clientOptional";
    pub const ADDED_DEFAULT: &str = "smithy.api#addedDefault";
    pub const INPUT: &str = "smithy.api#input";
    pub const OUTPUT: &str = "smithy.api#output";
    pub const ERROR: &str = "smithy.api#error";
    pub const HTTP_ERROR: &str = "smithy.api#httpError";
    pub const RETRYABLE: &str = "smithy.api#retryable";
    pub const SENSITIVE: &str = "smithy.api#sensitive";
    pub const DEPRECATED: &str = "smithy.api#deprecated";
    pub const LENGTH: &str = "smithy.api#length";
    pub const PATTERN: &str = "smithy.api#pattern";
    pub const RANGE: &str = "smithy.api#range";
    pub const UNIQUE_ITEMS: &str = "smithy.api#uniqueItems";
    pub const SPARSE: &str = "smithy.api#sparse";
    pub const ENUM_VALUE: &str = "smithy.api#enumValue";
    pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
    pub const MIXIN: &str = "smithy.api#mixin";
    pub const STREAMING: &str = "smithy.api#streaming";
    pub const REQUIRES_LENGTH: &str = "smithy.api#requiresLength";
    pub const UNSIGNED_PAYLOAD: &str = "aws.auth#unsignedPayload";
    pub const ENDPOINT: &str = "smithy.api#endpoint";
    pub const HOST_LABEL: &str = "smithy.api#hostLabel";
    pub const REQUEST_COMPRESSION: &str = "smithy.api#requestCompression";
    pub const PAGINATED: &str = "smithy.api#paginated";
    pub const TITLE: &str = "smithy.api#title";
    pub const UNIT_TYPE: &str = "smithy.api#unitType";
    /// Smithy 1.0's pre-2.0 enum trait on strings.
    pub const ENUM: &str = "smithy.api#enum";
    pub const AWS_SERVICE: &str = "aws.api#service";
    pub const SIGV4: &str = "aws.auth#sigv4";
    pub const AWS_JSON_1_0: &str = "aws.protocols#awsJson1_0";
    pub const AWS_JSON_1_1: &str = "aws.protocols#awsJson1_1";
    pub const ENDPOINT_RULE_SET: &str = "smithy.rules#endpointRuleSet";
    pub const WAITABLE: &str = "smithy.waiters#waitable";
    pub const STATIC_CONTEXT_PARAMS: &str = "smithy.rules#staticContextParams";
    pub const OPERATION_CONTEXT_PARAMS: &str = "smithy.rules#operationContextParams";
    pub const CONTEXT_PARAM: &str = "smithy.rules#contextParam";
    pub const S3_UNWRAPPED_XML_OUTPUT: &str = "aws.customizations#s3UnwrappedXmlOutput";
    pub const REST_JSON_1: &str = "aws.protocols#restJson1";
    pub const RPC_V2_CBOR: &str = "smithy.protocols#rpcv2Cbor";
    pub const AWS_QUERY_COMPATIBLE: &str = "aws.protocols#awsQueryCompatible";
    pub const AWS_QUERY_ERROR: &str = "aws.protocols#awsQueryError";
    pub const HTTP: &str = "smithy.api#http";
    pub const HTTP_LABEL: &str = "smithy.api#httpLabel";
    pub const HTTP_QUERY: &str = "smithy.api#httpQuery";
    pub const HTTP_QUERY_PARAMS: &str = "smithy.api#httpQueryParams";
    pub const HTTP_HEADER: &str = "smithy.api#httpHeader";
    pub const HTTP_PREFIX_HEADERS: &str = "smithy.api#httpPrefixHeaders";
    pub const HTTP_PAYLOAD: &str = "smithy.api#httpPayload";
    pub const HTTP_RESPONSE_CODE: &str = "smithy.api#httpResponseCode";
    pub const HTTP_CHECKSUM_REQUIRED: &str = "smithy.api#httpChecksumRequired";
    pub const JSON_NAME: &str = "smithy.api#jsonName";
    pub const MEDIA_TYPE: &str = "smithy.api#mediaType";
    pub const IDEMPOTENCY_TOKEN: &str = "smithy.api#idempotencyToken";
    pub const AUTH: &str = "smithy.api#auth";
    pub const OPTIONAL_AUTH: &str = "smithy.api#optionalAuth";
}

/// The traits on a shape or member: trait ID to node value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Traits(pub(crate) BTreeMap<String, serde_json::Value>);

impl Traits {
    /// Whether the trait is present.
    pub fn has(&self, id: &str) -> bool {
        self.0.contains_key(id)
    }

    /// The raw node value of a trait.
    pub fn get(&self, id: &str) -> Option<&serde_json::Value> {
        self.0.get(id)
    }

    /// Decodes a trait into its typed form. `Err` says why the value has the wrong shape.
    pub fn decode<T: DeserializeOwned>(&self, id: &str) -> Result<Option<T>, String> {
        match self.0.get(id) {
            None => Ok(None),
            Some(value) => T::deserialize(value)
                .map(Some)
                .map_err(|e| format!("trait `{id}` has an invalid value {value}: {e}")),
        }
    }

    /// The documentation string, if any.
    pub fn documentation(&self) -> Option<&str> {
        self.0.get(ids::DOCUMENTATION).and_then(|v| v.as_str())
    }

    /// All trait IDs with their values.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &serde_json::Value)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

/// `@length(min, max)`
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LengthTrait {
    pub min: Option<u64>,
    pub max: Option<u64>,
}

/// `@range(min, max)`: BigDecimal bounds, held as f64 (every AWS bound fits).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RangeTrait {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// `@error("client" | "server")`
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ErrorFault {
    Client,
    Server,
}

/// `@retryable(throttling: bool)`
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RetryableTrait {
    #[serde(default)]
    pub throttling: bool,
}

/// `@deprecated(message, since)`
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct DeprecatedTrait {
    pub message: Option<String>,
    pub since: Option<String>,
}

/// `@timestampFormat`
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum TimestampFormatTrait {
    #[serde(rename = "epoch-seconds")]
    EpochSeconds,
    #[serde(rename = "date-time")]
    DateTime,
    #[serde(rename = "http-date")]
    HttpDate,
}

/// `@enumValue` on enum (string) or intEnum (integer) members.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum EnumValueTrait {
    String(String),
    Int(i64),
}

/// `aws.api#service`
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AwsServiceTrait {
    pub sdk_id: String,
    pub endpoint_prefix: Option<String>,
    pub arn_namespace: Option<String>,
}

/// `aws.auth#sigv4`
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Sigv4Trait {
    pub name: String,
}

/// `@endpoint(hostPrefix)`
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EndpointTrait {
    pub host_prefix: String,
}

/// `@http(method, uri, code)`
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpTrait {
    pub method: String,
    pub uri: String,
    /// The status of a success; Smithy's default is 200.
    #[serde(default = "default_http_code")]
    pub code: u16,
}

fn default_http_code() -> u16 {
    200
}

/// `@requestCompression(encodings)`
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestCompressionTrait {
    pub encodings: Vec<String>,
}

/// Keys of a trait value that Smithy does not define for the trait. AWS
/// builds its SDKs from models that carry a few (`maxResults` in
/// `@paginated`, `description` in a waiter), so for those traits such keys
/// are kept here, reported as warnings and otherwise ignored, rather than
/// failing the whole model. A defined key with a wrong value is still an error.
pub type UnknownKeys = BTreeMap<String, serde_json::Value>;

/// The names of `keys`, quoted and comma-separated, for a warning.
pub fn describe_unknown_keys(keys: &UnknownKeys) -> String {
    keys.keys()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `@paginated`: on an operation, or on the service as defaults for its
/// operations (the operation's own values win, member by member).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct PaginatedTrait {
    pub input_token: Option<String>,
    pub output_token: Option<String>,
    pub items: Option<String>,
    pub page_size: Option<String>,
    #[serde(flatten)]
    pub unknown_keys: UnknownKeys,
}

impl PaginatedTrait {
    /// The operation's values over the service's defaults. Unknown keys are
    /// not merged: each trait's own were reported where it sits.
    pub fn over(self, defaults: &PaginatedTrait) -> PaginatedTrait {
        PaginatedTrait {
            input_token: self.input_token.or_else(|| defaults.input_token.clone()),
            output_token: self.output_token.or_else(|| defaults.output_token.clone()),
            items: self.items.or_else(|| defaults.items.clone()),
            page_size: self.page_size.or_else(|| defaults.page_size.clone()),
            unknown_keys: UnknownKeys::new(),
        }
    }
}

/// One waiter of `smithy.waiters#waitable` (the trait is a map of name to this).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WaiterTrait {
    pub documentation: Option<String>,
    pub acceptors: Vec<AcceptorTrait>,
    /// Seconds; the Smithy default is 2.
    #[serde(default = "default_min_delay")]
    pub min_delay: u64,
    /// Seconds; the Smithy default is 120.
    #[serde(default = "default_max_delay")]
    pub max_delay: u64,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(flatten)]
    pub unknown_keys: UnknownKeys,
}

fn default_min_delay() -> u64 {
    2
}

fn default_max_delay() -> u64 {
    120
}

/// A waiter acceptor: the state it moves to and what must match.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptorTrait {
    pub state: AcceptorStateTrait,
    pub matcher: MatcherTrait,
}

/// `success`, `failure` or `retry`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AcceptorStateTrait {
    Success,
    Failure,
    Retry,
}

/// A waiter matcher: exactly one of these keys.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MatcherTrait {
    Output(PathMatcherTrait),
    InputOutput(PathMatcherTrait),
    Success(bool),
    ErrorType(String),
}

/// A JMESPath expression, its expected value and the comparator.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathMatcherTrait {
    pub path: String,
    pub expected: String,
    pub comparator: ComparatorTrait,
}

/// `smithy.waiters#PathComparator`
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ComparatorTrait {
    StringEquals,
    BooleanEquals,
    AllStringEquals,
    AnyStringEquals,
}

/// Smithy 1.0 `@enum` trait entry on a string shape.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct LegacyEnumEntry {
    pub value: String,
    pub name: Option<String>,
    pub documentation: Option<String>,
    #[serde(default)]
    pub deprecated: bool,
}

/// Decodes a trait whose ID is statically known to be well-formed, keeping the
/// error as a message; used by passes that collect diagnostics.
pub fn decode_or_report<T: DeserializeOwned>(
    traits: &Traits,
    id: &str,
    report: &mut dyn FnMut(String),
) -> Option<T> {
    match traits.decode(id) {
        Ok(v) => v,
        Err(message) => {
            report(message);
            None
        }
    }
}
