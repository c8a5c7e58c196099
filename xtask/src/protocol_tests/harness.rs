//! Support code of the generated protocol tests.
//!
//! This file is not part of xtask: `cargo xtask protocol-tests` copies it into
//! the generated test crate (`tests/protocol/harness.rs`), where it is compiled
//! against the generated types and the real transport. It holds everything
//! the generated test functions share: a client whose connector captures the
//! request or replays a canned response, the request checks, and `Compare`,
//! the member-by-member comparison that treats NaN as equal to NaN. CBOR
//! bodies are compared by `cbor_items.rs`, copied beside it.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::future::Future;
use std::io::Read;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use awsgen_client::{
    connector_fn, CallError, CallErrorKind, Client, ConnectorError, Credentials, ResponseMetadata,
    RetryConfig,
};
use awsgen_types::{BigDecimal, BigInteger, Blob, DateTime, Document, Operation};
use bytes::Bytes;

/// The endpoint host of cases that do not name one.
const DEFAULT_HOST: &str = "example.com";
/// The idempotency token the cases expect wherever the client fills one in.
const IDEMPOTENCY_TOKEN: &str = "00000000-0000-4000-8000-000000000000";
/// No test may wait longer than this for the client.
const TIME_LIMIT: Duration = Duration::from_secs(10);

type Requests = Arc<Mutex<Vec<http::Request<Bytes>>>>;

/// A client for `https://<host>` that sends through `connector`: static
/// credentials, no retries (an error case must surface after one attempt),
/// and the cases' fixed idempotency token.
fn client(host: &str, connector: impl awsgen_client::HttpConnector + 'static) -> Client {
    builder("us-east-1")
        .endpoint_url(format!("https://{host}"))
        .connector(connector)
        .build()
        .expect("the test client's configuration is valid")
}

fn builder(region: &str) -> awsgen_client::ClientBuilder {
    Client::builder()
        .region(region)
        .credentials(Credentials::new(
            "AKIDPROTOCOLTESTS",
            "protocol-tests-secret",
            None,
            "protocol-tests",
        ))
        .retry(RetryConfig::disabled())
        .idempotency_token_provider(|| IDEMPOTENCY_TOKEN.to_owned())
}

/// The client configuration a case states (`vendorParams` of
/// `aws.protocoltests.config#AwsConfig`), the operation's settings already
/// laid over the client's. The client has no per-call settings, so the
/// merged ones configure the client of that one call.
pub struct CaseConfig {
    pub region: &'static str,
    pub dual_stack: bool,
    /// S3's addressing style: `path` is `true`, `virtual` `false`.
    pub force_path_style: Option<bool>,
    pub accelerate: Option<bool>,
    pub use_arn_region: Option<bool>,
    pub disable_multi_region_access_points: Option<bool>,
}

impl CaseConfig {
    fn client(&self, connector: impl awsgen_client::HttpConnector + 'static) -> Client {
        let mut options = awsgen_client::EndpointOptions::new();
        if let Some(enabled) = self.force_path_style {
            options = options.s3_force_path_style(enabled);
        }
        if let Some(enabled) = self.accelerate {
            options = options.s3_accelerate(enabled);
        }
        if let Some(enabled) = self.use_arn_region {
            options = options.s3_use_arn_region(enabled);
        }
        if let Some(disabled) = self.disable_multi_region_access_points {
            options = options.s3_disable_multi_region_access_points(disabled);
        }
        builder(self.region)
            .use_dual_stack(self.dual_stack)
            .endpoint_options(options)
            .connector(connector)
            .build()
            .expect("the case's client configuration is valid")
    }
}

/// A connector that records each request and answers `200 {}`.
fn recorder() -> (Requests, impl awsgen_client::HttpConnector + 'static) {
    let requests: Requests = Arc::default();
    let recorder = Arc::clone(&requests);
    let connector = connector_fn(move |request: http::Request<Bytes>| {
        recorder
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(request);
        async { Ok::<_, ConnectorError>(http::Response::new(Bytes::from_static(b"{}"))) }
    });
    (requests, connector)
}

/// Like [`capture_request`], with the client the case configures: no
/// custom endpoint, so the service's rule set decides where the request
/// goes (S3's virtual-hosted, path-style, dual-stack and accelerate hosts).
pub async fn capture_configured_request<O: Operation>(
    input: O::Input,
    config: CaseConfig,
) -> http::Request<Bytes> {
    let (requests, connector) = recorder();
    let client = config.client(connector);
    the_one_request(&requests, bounded(client.call::<O>(input)).await)
}

/// The one request sent, whatever the call's outcome.
fn the_one_request<T, E: std::fmt::Display>(
    requests: &Requests,
    outcome: Result<T, E>,
) -> http::Request<Bytes> {
    let mut sent = std::mem::take(&mut *requests.lock().unwrap_or_else(PoisonError::into_inner));
    match (sent.len(), outcome) {
        (1, _) => sent.remove(0),
        (0, Err(error)) => panic!("no request was sent: {error}"),
        (n, _) => panic!("expected exactly one request, {n} were sent"),
    }
}

async fn bounded<T>(future: impl Future<Output = T>) -> T {
    tokio::time::timeout(TIME_LIMIT, future)
        .await
        .expect("the client answered within the time limit")
}

/// Sends `input` through the transport to a connector that records the
/// request and answers `200 {}` (whether the output reads from that does
/// not matter); returns the one request sent.
pub async fn capture_request<O: Operation>(
    input: O::Input,
    host: Option<&str>,
) -> http::Request<Bytes> {
    let (requests, connector) = recorder();
    let client = client(host.unwrap_or(DEFAULT_HOST), connector);
    // The answer does not matter here: only what was sent.
    the_one_request(&requests, bounded(client.call::<O>(input)).await)
}

/// The expected body of a request.
pub enum ExpectedBody<'a> {
    /// Compared as JSON values.
    Json(&'a str),
    /// Compared as XML element trees (`bodies.rs`).
    Xml(&'a str),
    /// Compared as unordered `key=value` pairs (`bodies.rs`).
    Form(&'a str),
    /// Compared byte for byte.
    Bytes(&'a str),
    /// Compared as CBOR data items (`cbor_items.rs`).
    Cbor(&'a [u8]),
}

/// What a request case requires of the request.
pub struct ExpectedRequest<'a> {
    pub method: &'a str,
    /// The path as on the wire, compared exactly.
    pub path: &'a str,
    /// `name=value` pairs (encoded as on the wire) that must each appear in
    /// the query string, in any order.
    pub query_params: &'a [&'a str],
    /// Query parameter names that must appear, with any value.
    pub require_query_params: &'a [&'a str],
    /// Query parameter names that must not appear.
    pub forbid_query_params: &'a [&'a str],
    /// The `Host` the request goes to, when the case names one.
    pub host: Option<&'a str>,
    /// A required subset of the headers (names are case-insensitive).
    pub headers: &'a [(&'a str, &'a str)],
    pub require_headers: &'a [&'a str],
    pub forbid_headers: &'a [&'a str],
    /// `None`: no assertion on the body.
    pub body: Option<ExpectedBody<'a>>,
}

impl ExpectedRequest<'_> {
    /// Panics listing every way `request` differs from the expectation.
    pub fn check(&self, request: &http::Request<Bytes>) {
        let mut problems = Vec::new();
        if request.method().as_str() != self.method {
            problems.push(format!(
                "method: expected {}, got {}",
                self.method,
                request.method()
            ));
        }
        let path = request.uri().path();
        if path != self.path {
            problems.push(format!("path: expected {:?}, got {path:?}", self.path));
        }
        check_query(request.uri().query(), self, &mut problems);
        if let Some(host) = self.host {
            let header = header_text(request, "host");
            if header.as_deref() != Some(host) {
                problems.push(format!("Host header: expected {host:?}, got {header:?}"));
            }
            if request.uri().host() != Some(host) {
                problems.push(format!(
                    "request URI host: expected {host:?}, got {:?}",
                    request.uri().host()
                ));
            }
        }
        for (name, value) in self.headers {
            let actual = header_text(request, name);
            if actual.as_deref() != Some(*value) {
                let actual = actual.map(|v| shown(name, v));
                problems.push(format!("header {name}: expected {value:?}, got {actual:?}"));
            }
        }
        for name in self.require_headers {
            if !request.headers().contains_key(*name) {
                problems.push(format!("header {name} is required but missing"));
            }
        }
        for name in self.forbid_headers {
            if let Some(value) = header_text(request, name) {
                let value = shown(name, value);
                problems.push(format!("header {name} is forbidden but present: {value:?}"));
            }
        }
        if let Some(expected) = &self.body {
            match decoded_body(request) {
                Ok(body) => compare_body(expected, &body, &mut problems),
                Err(problem) => problems.push(problem),
            }
        }
        if !problems.is_empty() {
            panic!("the request differs:\n  {}", problems.join("\n  "));
        }
    }
}

/// The query checks: every expected pair present, every required name
/// present, no forbidden name present.
fn check_query(query: Option<&str>, expected: &ExpectedRequest<'_>, problems: &mut Vec<String>) {
    let pairs: Vec<&str> = query
        .unwrap_or("")
        .split('&')
        .filter(|pair| !pair.is_empty())
        .collect();
    let name_of = |pair: &str| pair.split_once('=').map_or(pair, |(name, _)| name).to_owned();
    let names: Vec<String> = pairs.iter().map(|pair| name_of(pair)).collect();
    for wanted in expected.query_params {
        if !pairs.contains(wanted) {
            problems.push(format!(
                "query: expected {wanted:?} among {pairs:?}"
            ));
        }
    }
    for name in expected.require_query_params {
        if !names.iter().any(|n| n == name) {
            problems.push(format!("query: parameter {name:?} is required but missing from {pairs:?}"));
        }
    }
    for name in expected.forbid_query_params {
        if names.iter().any(|n| n == name) {
            problems.push(format!("query: parameter {name:?} is forbidden but present in {pairs:?}"));
        }
    }
}

/// All values of a header, joined as HTTP folds them.
fn header_text(request: &http::Request<Bytes>, name: &str) -> Option<String> {
    let values: Vec<String> = request
        .headers()
        .get_all(name)
        .iter()
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .collect();
    (!values.is_empty()).then(|| values.join(", "))
}

/// A header value as a failure message may show it: credentials and
/// signatures are never printed.
fn shown(name: &str, value: String) -> String {
    const SECRET: [&str; 2] = ["authorization", "x-amz-security-token"];
    if SECRET
        .iter()
        .any(|secret| name.eq_ignore_ascii_case(secret))
    {
        "<redacted>".to_owned()
    } else {
        value
    }
}

/// The body with its `Content-Encoding` undone, so a compressed request is
/// compared by what it carries.
fn decoded_body(request: &http::Request<Bytes>) -> Result<Vec<u8>, String> {
    let encoding = header_text(request, "content-encoding").unwrap_or_default();
    let mut body = request.body().to_vec();
    for coding in encoding.split(',').map(str::trim).rev() {
        match coding {
            "" | "identity" => {}
            "gzip" => {
                let mut plain = Vec::new();
                flate2::read::GzDecoder::new(body.as_slice())
                    .read_to_end(&mut plain)
                    .map_err(|e| {
                        format!("body: Content-Encoding says gzip but it does not decode: {e}")
                    })?;
                body = plain;
            }
            other => return Err(format!("body: cannot undo Content-Encoding {other:?}")),
        }
    }
    Ok(body)
}

fn compare_body(expected: &ExpectedBody<'_>, actual: &[u8], problems: &mut Vec<String>) {
    match expected {
        ExpectedBody::Bytes(text) => {
            if actual != text.as_bytes() {
                problems.push(format!(
                    "body: expected {text:?}, got {:?}",
                    String::from_utf8_lossy(actual)
                ));
            }
        }
        ExpectedBody::Cbor(wanted) => {
            use crate::cbor_items::{compare, parse};
            match (parse(wanted), parse(actual)) {
                (Ok(wanted), Ok(got)) => compare(&got, &wanted, "body", problems),
                (Err(e), _) => problems.push(format!("body: the case's CBOR is invalid: {e}")),
                (_, Err(e)) => problems.push(format!("body: not CBOR ({e}): {actual:02x?}")),
            }
        }
        ExpectedBody::Xml(text) => crate::bodies::compare_xml(actual, text, problems),
        ExpectedBody::Form(text) => crate::bodies::compare_form(actual, text, problems),
        ExpectedBody::Json(text) => {
            let wanted: serde_json::Value = match serde_json::from_str(text) {
                Ok(value) => value,
                Err(e) => return problems.push(format!("body: the case's JSON is invalid: {e}")),
            };
            match serde_json::from_slice::<serde_json::Value>(actual) {
                Ok(got) => compare_json(&got, &wanted, "body", problems),
                Err(e) => problems.push(format!(
                    "body: not JSON ({e}): {:?}",
                    String::from_utf8_lossy(actual)
                )),
            }
        }
    }
}

/// JSON equality where numbers compare by value (`1` equals `1.0`), naming
/// the path of each difference.
fn compare_json(
    actual: &serde_json::Value,
    expected: &serde_json::Value,
    at: &str,
    problems: &mut Vec<String>,
) {
    use serde_json::Value;
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => {
            for (key, wanted) in e {
                match a.get(key) {
                    Some(got) => compare_json(got, wanted, &format!("{at}.{key}"), problems),
                    None => problems.push(format!("{at}.{key}: missing, expected {wanted}")),
                }
            }
            for (key, got) in a {
                if !e.contains_key(key) {
                    problems.push(format!("{at}.{key}: not expected, got {got}"));
                }
            }
        }
        (Value::Array(a), Value::Array(e)) if a.len() == e.len() => {
            for (i, (got, wanted)) in a.iter().zip(e).enumerate() {
                compare_json(got, wanted, &format!("{at}[{i}]"), problems);
            }
        }
        (Value::Number(a), Value::Number(e)) => {
            let same = a == e || matches!((a.as_f64(), e.as_f64()), (Some(x), Some(y)) if x == y);
            if !same {
                problems.push(format!("{at}: expected {e}, got {a}"));
            }
        }
        (a, e) if a == e => {}
        (a, e) => problems.push(format!("{at}: expected {e}, got {a}")),
    }
}

/// A response a connector replays.
pub struct CannedResponse<'a> {
    pub status: u16,
    pub headers: &'a [(&'a str, &'a str)],
    pub body: &'a [u8],
}

/// Calls `O` against a connector that answers `response`.
async fn call_with<O: Operation>(
    input: O::Input,
    response: &CannedResponse<'_>,
) -> Result<(O::Output, ResponseMetadata), CallError<O::Error>> {
    let mut builder = http::Response::builder().status(response.status);
    for (name, value) in response.headers {
        builder = builder.header(*name, *value);
    }
    let canned = builder
        .body(Bytes::copy_from_slice(response.body))
        .expect("the case's response is a valid HTTP response");
    let connector = connector_fn(move |_request: http::Request<Bytes>| {
        let answer = canned.clone();
        async move { Ok::<_, ConnectorError>(answer) }
    });
    bounded(client(DEFAULT_HOST, connector).call_with_metadata::<O>(input)).await
}

/// The output `O` parses from `response`; the request ID too, when the
/// response carries one.
pub async fn output_of<O: Operation>(input: O::Input, response: &CannedResponse<'_>) -> O::Output {
    let (output, metadata) = match call_with::<O>(input, response).await {
        Ok(answer) => answer,
        Err(error) => panic!("expected an output, the call failed: {error}"),
    };
    let request_id = response
        .headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("x-amzn-requestid"))
        .map(|(_, value)| *value);
    if let Some(id) = request_id {
        assert_eq!(
            metadata.request_id.as_deref(),
            Some(id),
            "the response's request ID is exposed"
        );
    }
    output
}

/// The service error `O` parses from `response`.
pub async fn error_of<O: Operation>(input: O::Input, response: &CannedResponse<'_>) -> O::Error {
    match call_with::<O>(input, response).await {
        Ok(_) => panic!("expected an error, the call succeeded"),
        Err(error) => match error.into_kind() {
            CallErrorKind::Service(error) => error,
            other => panic!("expected a service error, got {other:?}"),
        },
    }
}

/// Member-by-member comparison that names the path of each difference.
pub trait Compare {
    /// Pushes a line per difference between `self` (actual) and `expected`.
    fn compare(&self, expected: &Self, at: &str, problems: &mut Vec<String>);
}

/// Panics listing every difference between `actual` and `expected`, each
/// named by its path from the type (`ComplexError.Nested.Foo`).
pub fn assert_same<T: Compare>(actual: &T, expected: &T) {
    let root = std::any::type_name::<T>()
        .rsplit("::")
        .next()
        .unwrap_or("value");
    let mut problems = Vec::new();
    actual.compare(expected, root, &mut problems);
    if !problems.is_empty() {
        panic!("the parsed value differs:\n  {}", problems.join("\n  "));
    }
}

/// Leaf comparison by `PartialEq`.
pub fn compare_eq<T: PartialEq + Debug + ?Sized>(
    actual: &T,
    expected: &T,
    at: &str,
    problems: &mut Vec<String>,
) {
    if actual != expected {
        mismatch(actual, expected, at, problems);
    }
}

/// Records a difference.
pub fn mismatch<T: Debug + ?Sized>(actual: &T, expected: &T, at: &str, problems: &mut Vec<String>) {
    problems.push(format!("{at}: expected {expected:?}, got {actual:?}"));
}

macro_rules! compare_by_eq {
    ($($ty:ty),* $(,)?) => {
        $(impl Compare for $ty {
            fn compare(&self, expected: &Self, at: &str, problems: &mut Vec<String>) {
                compare_eq(self, expected, at, problems);
            }
        })*
    };
}

compare_by_eq!(bool, i8, i16, i32, i64, String, Blob, DateTime, Document, BigInteger, BigDecimal);

/// A streamed payload of a canned response arrives whole (the test
/// connector hands bodies over in one piece), so its bytes are compared.
impl Compare for awsgen_types::ByteStream {
    fn compare(&self, expected: &Self, at: &str, problems: &mut Vec<String>) {
        match (self.as_bytes(), expected.as_bytes()) {
            (Some(actual), Some(expected)) if actual == expected => {}
            (Some(actual), Some(expected)) => problems.push(format!(
                "{at}: expected {:?}, got {:?}",
                String::from_utf8_lossy(expected),
                String::from_utf8_lossy(actual)
            )),
            _ => problems.push(format!("{at}: a payload is a stream, not bytes in memory")),
        }
    }
}

macro_rules! compare_floats {
    ($($ty:ty),*) => {
        $(impl Compare for $ty {
            fn compare(&self, expected: &Self, at: &str, problems: &mut Vec<String>) {
                let both_nan = self.is_nan() && expected.is_nan();
                if !both_nan && self != expected {
                    mismatch(self, expected, at, problems);
                }
            }
        })*
    };
}

compare_floats!(f32, f64);

impl<T: Compare + Debug> Compare for Option<T> {
    fn compare(&self, expected: &Self, at: &str, problems: &mut Vec<String>) {
        match (self, expected) {
            (Some(actual), Some(wanted)) => actual.compare(wanted, at, problems),
            (None, None) => {}
            _ => mismatch(self, expected, at, problems),
        }
    }
}

impl<T: Compare> Compare for Box<T> {
    fn compare(&self, expected: &Self, at: &str, problems: &mut Vec<String>) {
        (**self).compare(expected, at, problems);
    }
}

impl<T: Compare> Compare for Vec<T> {
    fn compare(&self, expected: &Self, at: &str, problems: &mut Vec<String>) {
        if self.len() != expected.len() {
            problems.push(format!(
                "{at}: expected {} items, got {}",
                expected.len(),
                self.len()
            ));
        }
        for (i, (actual, wanted)) in self.iter().zip(expected).enumerate() {
            actual.compare(wanted, &format!("{at}[{i}]"), problems);
        }
    }
}

impl<T: Compare> Compare for BTreeMap<String, T> {
    fn compare(&self, expected: &Self, at: &str, problems: &mut Vec<String>) {
        for (key, wanted) in expected {
            match self.get(key) {
                Some(actual) => actual.compare(wanted, &format!("{at}[{key:?}]"), problems),
                None => problems.push(format!("{at}[{key:?}]: missing")),
            }
        }
        for key in self.keys().filter(|key| !expected.contains_key(*key)) {
            problems.push(format!("{at}[{key:?}]: not expected"));
        }
    }
}
