//! A small hand-written service and its operations, shaped like generated code.

use std::fmt;

use awsgen_types::{
    ErrorMetadata, ErrorResponse, HostPrefixError, Operation, OperationError, Protocol,
    RequestCompression, RetryClass, ServiceMeta, UnhandledError,
};
use serde::{Deserialize, Serialize};

pub const TEST_SERVICE: ServiceMeta = ServiceMeta::new(
    "test.service#TestService_20240101",
    "TestService_20240101",
    "Test Svc",
    "testsvc",
    "testsvc",
    "2024-01-01",
    Protocol::AwsJson1_1,
    None,
);

/// A rule set in the shape of ECR's: custom endpoint (not with FIPS), else by region.
pub const RULE_SET: &str = r#"{
  "version": "1.0",
  "parameters": {
    "Region": {"builtIn": "AWS::Region", "required": false, "type": "String"},
    "UseFIPS": {"builtIn": "AWS::UseFIPS", "required": true, "default": false, "type": "Boolean"},
    "Endpoint": {"builtIn": "SDK::Endpoint", "required": false, "type": "String"}
  },
  "rules": [
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}], "type": "tree", "rules": [
      {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]}],
       "error": "Invalid Configuration: FIPS and custom endpoint are not supported", "type": "error"},
      {"conditions": [], "endpoint": {"url": {"ref": "Endpoint"}, "properties": {}, "headers": {}}, "type": "endpoint"}
    ]},
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}], "type": "tree", "rules": [
      {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]}],
       "endpoint": {"url": "https://rules-fips.{Region}.example.com", "properties": {}, "headers": {}}, "type": "endpoint"},
      {"conditions": [],
       "endpoint": {"url": "https://rules.{Region}.example.com", "properties": {}, "headers": {"x-route": ["blue"]}},
       "type": "endpoint"}
    ]},
    {"conditions": [], "error": "Invalid Configuration: Missing Region", "type": "error"}
  ]
}"#;

pub const RULES_SERVICE: ServiceMeta = ServiceMeta::new(
    "test.rules#RulesService",
    "RulesService",
    "Rules",
    "rules",
    "rules",
    "2024-01-01",
    Protocol::AwsJson1_0,
    Some(RULE_SET),
);

#[derive(Debug, Clone, Serialize)]
pub struct PutThingInput {
    #[serde(rename = "name")]
    pub name: String,
    #[serde(rename = "count", skip_serializing_if = "Option::is_none")]
    pub count: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PutThingOutput {
    #[serde(rename = "id", default)]
    pub id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct ThingNotFoundBody {
    #[serde(rename = "thingName", default)]
    thing_name: Option<String>,
}

/// The error enum of `PutThing`, as a generator would write it.
#[derive(Debug)]
pub enum PutThingError {
    ThingNotFound {
        thing_name: Option<String>,
        meta: ErrorMetadata,
    },
    Unhandled(UnhandledError),
}

impl fmt::Display for PutThingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.metadata(), f)
    }
}

impl std::error::Error for PutThingError {}

impl OperationError for PutThingError {
    fn from_response(response: ErrorResponse<'_>) -> Self {
        match response.metadata.code.as_deref() {
            Some("ThingNotFoundException") => {
                match serde_json::from_slice::<ThingNotFoundBody>(response.body) {
                    Ok(body) => PutThingError::ThingNotFound {
                        thing_name: body.thing_name,
                        meta: response.metadata.clone(),
                    },
                    Err(_) => PutThingError::Unhandled(UnhandledError::new(response)),
                }
            }
            _ => PutThingError::Unhandled(UnhandledError::new(response)),
        }
    }

    fn metadata(&self) -> &ErrorMetadata {
        match self {
            PutThingError::ThingNotFound { meta, .. } => meta,
            PutThingError::Unhandled(err) => err.metadata(),
        }
    }

    fn retry_class(&self) -> Option<RetryClass> {
        None
    }
}

pub struct PutThing;

impl Operation for PutThing {
    type Input = PutThingInput;
    type Output = PutThingOutput;
    type Error = PutThingError;
    const SERVICE: &'static ServiceMeta = &TEST_SERVICE;
    const NAME: &'static str = "PutThing";
    aws_json_protocol!("TestService_20240101.PutThing");
}

/// `StartScan`: its `LimitExceededException` is a quota error, classified `Never`.
#[derive(Debug)]
pub enum StartScanError {
    LimitExceeded(ErrorMetadata),
    Unhandled(UnhandledError),
}

impl fmt::Display for StartScanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.metadata(), f)
    }
}

impl std::error::Error for StartScanError {}

impl OperationError for StartScanError {
    fn from_response(response: ErrorResponse<'_>) -> Self {
        match response.metadata.code.as_deref() {
            Some("LimitExceededException") => {
                StartScanError::LimitExceeded(response.metadata.clone())
            }
            _ => StartScanError::Unhandled(UnhandledError::new(response)),
        }
    }

    fn metadata(&self) -> &ErrorMetadata {
        match self {
            StartScanError::LimitExceeded(meta) => meta,
            StartScanError::Unhandled(err) => err.metadata(),
        }
    }

    fn retry_class(&self) -> Option<RetryClass> {
        match self {
            StartScanError::LimitExceeded(_) => Some(RetryClass::Never),
            StartScanError::Unhandled(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct EmptyOutput {}

pub struct StartScan;

impl Operation for StartScan {
    type Input = ();
    type Output = EmptyOutput;
    type Error = StartScanError;
    const SERVICE: &'static ServiceMeta = &TEST_SERVICE;
    const NAME: &'static str = "StartScan";
    aws_json_protocol!("TestService_20240101.StartScan");
}

#[derive(Debug, Clone, Serialize)]
pub struct UploadInput {
    #[serde(rename = "data")]
    pub data: String,
}

/// An operation with `@requestCompression(encodings: ["gzip"])`.
pub struct Upload;

impl Operation for Upload {
    type Input = UploadInput;
    type Output = EmptyOutput;
    type Error = PutThingError;
    const SERVICE: &'static ServiceMeta = &TEST_SERVICE;
    const NAME: &'static str = "Upload";
    aws_json_protocol!("TestService_20240101.Upload");
    const REQUEST_COMPRESSION: Option<RequestCompression> =
        Some(RequestCompression::new(&["gzip"]));
}

#[derive(Debug, Clone, Serialize)]
pub struct LabelInput {
    #[serde(rename = "label")]
    pub label: String,
}

/// An operation with `@endpoint(hostPrefix: "foo.{label}.")`.
pub struct HostLabel;

impl Operation for HostLabel {
    type Input = LabelInput;
    type Output = EmptyOutput;
    type Error = PutThingError;
    const SERVICE: &'static ServiceMeta = &TEST_SERVICE;
    const NAME: &'static str = "HostLabel";
    aws_json_protocol!("TestService_20240101.HostLabel");

    fn host_prefix(input: &LabelInput) -> Result<Option<String>, HostPrefixError> {
        if input.label.is_empty() {
            return Err(HostPrefixError {
                member: "label",
                reason: "is empty",
            });
        }
        Ok(Some(format!("foo.{}.", input.label)))
    }
}

/// An operation of the service that has an endpoint rule set.
pub struct RulesPing;

impl Operation for RulesPing {
    type Input = ();
    type Output = EmptyOutput;
    type Error = PutThingError;
    const SERVICE: &'static ServiceMeta = &RULES_SERVICE;
    const NAME: &'static str = "Ping";
    aws_json_protocol!("RulesService.Ping", CONTENT_TYPE_1_0);
}

#[derive(Debug, Clone, Serialize)]
pub struct CreateThingInput {
    #[serde(rename = "clientToken", skip_serializing_if = "Option::is_none")]
    pub client_token: Option<String>,
}

/// An operation whose input has an `@idempotencyToken` member.
pub struct CreateThing;

impl Operation for CreateThing {
    type Input = CreateThingInput;
    type Output = EmptyOutput;
    type Error = PutThingError;
    const SERVICE: &'static ServiceMeta = &TEST_SERVICE;
    const NAME: &'static str = "CreateThing";
    aws_json_protocol!("TestService_20240101.CreateThing");

    fn fill_unset(input: &mut CreateThingInput, idempotency_token: &dyn Fn() -> String) {
        if input.client_token.is_none() {
            input.client_token = Some(idempotency_token());
        }
    }
}

/// An operation whose customization asks for Glacier's body checksums.
pub struct UploadArchive;

impl Operation for UploadArchive {
    type Input = UploadInput;
    type Output = EmptyOutput;
    type Error = PutThingError;
    const SERVICE: &'static ServiceMeta = &TEST_SERVICE;
    const NAME: &'static str = "UploadArchive";
    const BODY_CHECKSUM: Option<awsgen_types::BodyChecksum> =
        Some(awsgen_types::BodyChecksum::GlacierTreeHash);
    aws_json_protocol!("TestService_20240101.UploadArchive");
}
