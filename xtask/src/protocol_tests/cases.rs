//! The flattened protocol test cases (`<suite>.cases.json`, described in
//! `../shared/README.md`): which ones a client runs, and what each expects.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Context};
use serde::Deserialize;
use serde_json::Value;

/// What a case exercises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Serialize `params` and check the request.
    Request,
    /// Parse the response into the output and compare with `params`.
    Response,
    /// Parse the error response into the error and compare with `params`.
    ErrorResponse,
    /// `smithy.test#eventStreamTests`: not run (no event streams yet).
    EventStream,
    /// `httpMalformedRequestTests`: what a server must refuse; never a client's.
    MalformedRequest,
}

impl Kind {
    /// The module of the generated test file that holds cases of this kind.
    pub fn module(self) -> &'static str {
        match self {
            Kind::Request => "request",
            Kind::Response => "response",
            Kind::ErrorResponse => "error_response",
            Kind::EventStream => "event_stream",
            Kind::MalformedRequest => "malformed_request",
        }
    }

    /// The `kind` value in the cases file.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Request => "request",
            Kind::Response => "response",
            Kind::ErrorResponse => "error-response",
            Kind::EventStream => "event-stream",
            Kind::MalformedRequest => "malformed-request",
        }
    }
}

/// Why a case is not run by a client test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NotRun {
    /// A malformed-request case: a server test by definition.
    MalformedRequest,
    /// `appliesTo: server`.
    ServerOnly,
    /// An event-stream case: the generator does not support event streams yet.
    EventStream,
}

impl NotRun {
    /// How the summary line names the reason.
    pub fn label(self) -> &'static str {
        match self {
            NotRun::MalformedRequest => "malformed-request (server tests)",
            NotRun::ServerOnly => "server-only (appliesTo: server)",
            NotRun::EventStream => "event-stream (event streams are not supported yet)",
        }
    }
}

/// Who a case is for; `None` in the file means both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AppliesTo {
    Client,
    Server,
}

/// One case. Only the fields a client test reads are decoded.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Case {
    pub id: String,
    pub kind: Kind,
    /// The operation's shape name.
    pub operation_name: String,
    /// Member values in model form (see the README); `null` when there are none.
    #[serde(default)]
    pub params: Option<Value>,
    #[serde(default)]
    pub method: Option<String>,
    /// The path only, as on the wire (labels percent-encoded).
    #[serde(default)]
    pub uri: Option<String>,
    /// `name=value` pairs (encoded as on the wire) that must each appear in
    /// the query string, in any order.
    #[serde(default)]
    pub query_params: Option<Vec<String>>,
    /// Query parameter names that must not appear.
    #[serde(default)]
    pub forbid_query_params: Option<Vec<String>>,
    /// Query parameter names that must appear, with any value.
    #[serde(default)]
    pub require_query_params: Option<Vec<String>>,
    /// The endpoint host (and path) the client is configured with.
    #[serde(default)]
    pub host: Option<String>,
    /// The host the request must go to (after any host prefix).
    #[serde(default)]
    pub resolved_host: Option<String>,
    /// A required subset of the headers.
    #[serde(default)]
    pub headers: Option<BTreeMap<String, String>>,
    #[serde(default)]
    pub forbid_headers: Option<Vec<String>>,
    #[serde(default)]
    pub require_headers: Option<Vec<String>>,
    /// `None`: no assertion on the body.
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub body_media_type: Option<String>,
    /// The response status of response and error cases.
    #[serde(default)]
    pub code: Option<u16>,
    #[serde(default)]
    pub applies_to: Option<AppliesTo>,
    /// The error structure's shape ID (error cases only).
    #[serde(default)]
    pub error: Option<String>,
    /// The service shape the case belongs to.
    #[serde(default)]
    pub service: Option<String>,
    /// Settings of `vendorParamsShape`; for error cases of query-compatible
    /// services (`aws.protocoltests.config#ErrorCodeParams`) the error code
    /// the client must report, under `code`.
    #[serde(default)]
    pub vendor_params: Option<Value>,
    /// The shape `vendor_params` follow.
    #[serde(default)]
    pub vendor_params_shape: Option<String>,
}

impl Case {
    /// `<kind>:<id>`, unique across the file (the same ID may be a request
    /// and a response case).
    pub fn key(&self) -> String {
        format!("{}:{}", self.kind.label(), self.id)
    }

    /// Why a client does not run this case, if it does not. A server-only
    /// event-stream case counts as server-only.
    pub fn not_run(&self) -> Option<NotRun> {
        if self.kind == Kind::MalformedRequest {
            Some(NotRun::MalformedRequest)
        } else if self.applies_to == Some(AppliesTo::Server) {
            Some(NotRun::ServerOnly)
        } else if self.kind == Kind::EventStream {
            Some(NotRun::EventStream)
        } else {
            None
        }
    }

    /// Whether the body is base64 of CBOR, compared as data items.
    pub fn body_is_cbor(&self) -> bool {
        self.body_media_type.as_deref() == Some("application/cbor")
    }

    /// The body's bytes: base64-decoded for CBOR, else the text itself.
    pub fn body_bytes(&self) -> anyhow::Result<Vec<u8>> {
        use base64::Engine as _;
        let text = self.body.as_deref().unwrap_or("");
        if self.body_is_cbor() {
            base64::engine::general_purpose::STANDARD
                .decode(text)
                .with_context(|| format!("the case's CBOR body is not base64: {text:?}"))
        } else {
            Ok(text.as_bytes().to_vec())
        }
    }

    /// The error code an error case expects the client to report, when it
    /// states one (`vendorParams.code`).
    pub fn expected_error_code(&self) -> Option<&str> {
        self.vendor_params.as_ref()?.get("code")?.as_str()
    }

    /// The client configuration `vendorParams` state
    /// (`aws.protocoltests.config#AwsConfig`), when they are of that shape.
    pub fn aws_config(&self) -> Option<&Value> {
        let shape = self.vendor_params_shape.as_deref()?;
        (shape == super::aws_config::AWS_CONFIG_SHAPE)
            .then_some(self.vendor_params.as_ref())
            .flatten()
    }

    /// Whether the body is compared as JSON rather than byte for byte.
    pub fn body_is_json(&self) -> bool {
        self.body_media_type
            .as_deref()
            .is_some_and(|media| media == "application/json" || media.ends_with("+json"))
    }
}

/// Reads and decodes the cases file; duplicate keys are an error because a
/// key names one test.
pub fn load(path: &Path) -> anyhow::Result<Vec<Case>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let cases: Vec<Case> = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a valid cases file", path.display()))?;
    let mut seen = std::collections::BTreeSet::new();
    for case in &cases {
        if !seen.insert(case.key()) {
            bail!("{}: case `{}` appears twice", path.display(), case.key());
        }
    }
    Ok(cases)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(json: &str) -> Case {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn decodes_a_case_and_its_key() {
        let c = case(
            r#"{"id":"X","kind":"error-response","operationName":"Op","params":null,
                "code":500,"appliesTo":"client","bodyMediaType":"application/json",
                "error":"ns#FooError","tags":null}"#,
        );
        assert_eq!(c.key(), "error-response:X");
        assert_eq!(c.not_run(), None);
        assert!(c.body_is_json());
        assert_eq!(c.code, Some(500));
        assert_eq!(c.kind.module(), "error_response");
    }

    #[test]
    fn server_cases_are_not_for_clients() {
        let c = case(r#"{"id":"S","kind":"request","operationName":"Op","appliesTo":"server"}"#);
        assert_eq!(c.not_run(), Some(NotRun::ServerOnly));
        assert!(!c.body_is_json());
    }

    #[test]
    fn event_stream_and_malformed_request_cases_are_not_run_with_their_reason() {
        let c = case(
            r#"{"id":"E","kind":"event-stream","operationName":"Op","appliesTo":null,
                         "events":[],"expectation":null}"#,
        );
        assert_eq!(c.not_run(), Some(NotRun::EventStream));
        let c =
            case(r#"{"id":"E","kind":"event-stream","operationName":"Op","appliesTo":"server"}"#);
        assert_eq!(c.not_run(), Some(NotRun::ServerOnly));
        let c = case(
            r#"{"id":"M","kind":"malformed-request","operationName":"Op",
                         "request":{"method":"POST"},"response":{"code":400}}"#,
        );
        assert_eq!(c.not_run(), Some(NotRun::MalformedRequest));
        let c = case(
            r#"{"id":"Q","kind":"request","operationName":"Op",
                         "queryParams":["a=b"],"forbidQueryParams":["c"],"requireQueryParams":null}"#,
        );
        assert_eq!(c.not_run(), None);
        assert_eq!(c.query_params.as_deref(), Some(&["a=b".to_owned()][..]));
        assert_eq!(
            c.forbid_query_params.as_deref(),
            Some(&["c".to_owned()][..])
        );
    }
}
