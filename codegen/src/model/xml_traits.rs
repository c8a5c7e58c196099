//! The traits of the XML protocols (awsQuery, ec2Query, restXml): their IDs
//! and typed values. Kept apart from `traits.rs`, which the JSON protocols
//! read, since only the XML lowering reads these.

use serde::Deserialize;

pub mod ids {
    pub const AWS_QUERY: &str = "aws.protocols#awsQuery";
    pub const EC2_QUERY: &str = "aws.protocols#ec2Query";
    pub const REST_XML: &str = "aws.protocols#restXml";
    pub const AWS_QUERY_ERROR: &str = "aws.protocols#awsQueryError";
    pub const AWS_QUERY_COMPATIBLE: &str = "aws.protocols#awsQueryCompatible";
    pub const EC2_QUERY_NAME: &str = "aws.protocols#ec2QueryName";
    pub const XML_NAME: &str = "smithy.api#xmlName";
    pub const XML_ATTRIBUTE: &str = "smithy.api#xmlAttribute";
    pub const XML_FLATTENED: &str = "smithy.api#xmlFlattened";
    pub const XML_NAMESPACE: &str = "smithy.api#xmlNamespace";
}

/// `@xmlNamespace(uri, prefix)`
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct XmlNamespaceTrait {
    pub uri: String,
    pub prefix: Option<String>,
}

/// `@awsQueryError(code, httpResponseCode)`
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AwsQueryErrorTrait {
    pub code: String,
    pub http_response_code: u16,
}

/// `@restXml(noErrorWrapping, http, eventStreamHttp)`: only the first
/// matters to the generator (both error forms are read either way).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct RestXmlTrait {
    #[serde(default)]
    pub no_error_wrapping: bool,
}
