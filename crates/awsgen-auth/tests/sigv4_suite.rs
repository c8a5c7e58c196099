//! Runs the official SigV4 signing test suite against `sign` (each case's
//! `header-*` files) and `presign` (its `query-*` files).
//!
//! The suite is not part of this repository: it lives in `../shared/sigv4-test-suite`
//! next to the checkout, so this test is ignored by a plain `cargo test` and run by
//! CI with `--ignored`. When it runs, a missing suite directory is a failure.

#[path = "support/raw_request.rs"]
mod raw_request;
#[path = "support/timestamp.rs"]
mod timestamp;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use awsgen_auth::{
    presign, sign, Credentials, PresignExpiry, SessionTokenMode, SignedPayload, SigningParams,
    SigningSettings,
};
use http::HeaderMap;
use serde::Deserialize;

use raw_request::RawRequest;

/// Which half of a case: header signing or query signing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Header,
    Query,
}

/// Why a half of a case is not run. Each reason is one the test checks to
/// be true, so an entry cannot outlive its cause.
#[derive(Debug, Clone, Copy)]
enum SkipReason {
    /// The case has no `query-*` files (the two older-format cases were
    /// recorded for header signing only).
    NoQueryFiles,
}

/// Halves of cases not run, with the reason. The test fails if this list and
/// the halves actually skipped differ, or if a reason does not hold.
///
/// Every header half runs: the requests whose request line a strict HTTP
/// parser rejects (`get-space-unnormalized`, `get-header-value-multiline`)
/// are read by the tolerant parser in `support/raw_request.rs`, and the
/// single-encoding cases run with `double_encode_path: false` (see
/// [`SINGLE_ENCODING`]).
const SKIPPED: &[(&str, Kind, SkipReason)] = &[
    ("double-encode-path", Kind::Query, SkipReason::NoQueryFiles),
    ("double-url-encode", Kind::Query, SkipReason::NoQueryFiles),
];

/// Cases that assume the path is percent-encoded once when signing, while the SDKs
/// (and our default) encode it twice. They run with `double_encode_path: false`.
const SINGLE_ENCODING: &[&str] = &["get-space-normalized", "get-space-unnormalized", "get-utf8"];

/// The two older-format cases have no `context.json`; these are their inputs, as
/// smithy-rs signs them. `double-encode-path`'s canonical request was recorded at a
/// different time than its signed request, so each expectation has its own time.
struct LegacyContext {
    name: &'static str,
    access_key_id: &'static str,
    secret_access_key: &'static str,
    region: &'static str,
    service: &'static str,
    /// Time for `header-signed-request.txt` and `header-string-to-sign.txt`.
    signed_at: &'static str,
    /// Time for `header-canonical-request.txt`.
    canonical_at: &'static str,
}

const LEGACY: &[LegacyContext] = &[
    LegacyContext {
        name: "double-encode-path",
        access_key_id: "ANOTREAL",
        secret_access_key: "notrealrnrELgWzOk3IfjzDKtFBhDby",
        region: "us-east-1",
        service: "service",
        signed_at: "2015-08-30T12:36:00Z",
        canonical_at: "2021-05-11T15:40:45Z",
    },
    LegacyContext {
        name: "double-url-encode",
        access_key_id: "AKIDEXAMPLE",
        secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        region: "us-east-2",
        service: "lambda",
        signed_at: "2021-05-11T15:40:45Z",
        canonical_at: "2021-05-11T15:40:45Z",
    },
];

/// `context.json` of a CRT-format case.
#[derive(Deserialize)]
struct Context {
    credentials: ContextCredentials,
    region: String,
    service: String,
    timestamp: String,
    normalize: bool,
    sign_body: bool,
    #[serde(default)]
    omit_session_token: bool,
    /// `X-Amz-Expires` of the query half.
    expiration_in_seconds: u64,
}

#[derive(Deserialize)]
struct ContextCredentials {
    access_key_id: String,
    secret_access_key: String,
    token: Option<String>,
}

/// Everything one signing of a case needs.
struct CaseInputs {
    credentials: Credentials,
    region: String,
    service: String,
    signed_at: String,
    canonical_at: String,
    settings: SigningSettings,
    /// `None` for the older-format cases, which have no query half.
    expires_in: Option<PresignExpiry>,
}

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/sigv4-test-suite/v4")
}

#[test]
#[ignore = "reads ../shared/sigv4-test-suite; run by .ci/run"]
fn sigv4_suite() {
    let dir = suite_dir();
    let entries = fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("SigV4 test suite not found at {}: {error}", dir.display()));
    let mut cases: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no cases in {}", dir.display());

    let mut passed: BTreeMap<Kind, Vec<&str>> = BTreeMap::new();
    let mut skipped = Vec::new();
    let mut failures = Vec::new();
    for case in &cases {
        let case_dir = dir.join(case);
        for kind in [Kind::Header, Kind::Query] {
            let skip = SKIPPED
                .iter()
                .find(|(name, skipped_kind, _)| name == case && *skipped_kind == kind);
            if let Some((_, _, reason)) = skip {
                if let Err(message) = check_reason(&case_dir, *reason) {
                    failures.push(format!("{case} ({kind:?}): skipped, but {message}"));
                }
                skipped.push((case.as_str(), kind));
                continue;
            }
            let result = match kind {
                Kind::Header => run_header_case(&case_dir, case),
                Kind::Query => run_query_case(&case_dir, case),
            };
            match result {
                Ok(()) => passed.entry(kind).or_default().push(case.as_str()),
                Err(message) => failures.push(format!("{case} ({kind:?}): {message}")),
            }
        }
    }
    let count = |kind| passed.get(&kind).map_or(0, Vec::len);
    println!(
        "sigv4 suite: {} cases; header signing {} passed, query signing {} passed, {} skipped",
        cases.len(),
        count(Kind::Header),
        count(Kind::Query),
        skipped.len()
    );

    assert!(
        failures.is_empty(),
        "failing cases:\n{}",
        failures.join("\n")
    );
    let expected_skips: Vec<(&str, Kind)> = SKIPPED
        .iter()
        .map(|(name, kind, _)| (*name, *kind))
        .collect();
    assert_eq!(skipped, expected_skips, "skipped cases differ from SKIPPED");
    assert_eq!(
        count(Kind::Header) + count(Kind::Query) + skipped.len(),
        2 * cases.len()
    );
    let header_passed = passed.get(&Kind::Header).cloned().unwrap_or_default();
    for name in SINGLE_ENCODING
        .iter()
        .chain(LEGACY.iter().map(|legacy| &legacy.name))
    {
        assert!(
            header_passed.contains(name),
            "special-cased `{name}` did not run"
        );
    }
}

/// Checks that a skip's reason holds for the case in `dir`.
fn check_reason(dir: &Path, reason: SkipReason) -> Result<(), String> {
    match reason {
        SkipReason::NoQueryFiles => {
            let entries = fs::read_dir(dir).map_err(|error| error.to_string())?;
            let query_files: Vec<String> = entries
                .filter_map(Result::ok)
                .filter_map(|entry| entry.file_name().into_string().ok())
                .filter(|name| name.starts_with("query-"))
                .collect();
            if query_files.is_empty() {
                Ok(())
            } else {
                Err(format!("it has query files: {query_files:?}"))
            }
        }
    }
}

/// The query half: presigns the request and compares the canonical request,
/// string to sign, signature and signed request (whose URI carries the
/// signature, and whose headers are the request's own: query signing adds
/// none).
fn run_query_case(dir: &Path, name: &str) -> Result<(), String> {
    let inputs = case_inputs(dir, name)?;
    let expires_in = inputs
        .expires_in
        .ok_or("no expiration_in_seconds for the query half")?;
    let request = raw_request::parse(&read(dir, "request.txt")?)?;
    let params = SigningParams {
        credentials: &inputs.credentials,
        region: &inputs.region,
        service: &inputs.service,
        time: timestamp::parse_utc(&inputs.signed_at)?,
        settings: &inputs.settings,
    };
    let presigned = presign(
        &request.method,
        &request.uri,
        &request.headers,
        SignedPayload::Bytes(&request.body),
        &params,
        expires_in,
    )
    .map_err(|error| error.to_string())?;
    let output = presigned.output();

    let expected =
        read_text(dir, "query-canonical-request.txt")?.ok_or("no query-canonical-request.txt")?;
    compare("canonical request", &expected, &output.canonical_request)?;
    let expected =
        read_text(dir, "query-string-to-sign.txt")?.ok_or("no query-string-to-sign.txt")?;
    compare("string to sign", &expected, &output.string_to_sign)?;
    let expected = read_text(dir, "query-signature.txt")?.ok_or("no query-signature.txt")?;
    compare("signature", &expected, output.signature())?;

    let expected = raw_request::parse(&read(dir, "query-signed-request.txt")?)?;
    if expected.method != request.method {
        return Err(format!(
            "signed request method is {}, the request was {}",
            expected.method, request.method
        ));
    }
    compare(
        "signed request URI",
        &expected.uri.to_string(),
        &presigned.uri().to_string(),
    )?;
    compare(
        "signed request headers",
        &format!("{:?}", all_headers(&expected.headers)),
        &format!("{:?}", all_headers(&request.headers)),
    )
}

/// The header half: signs the request and compares the canonical request,
/// string to sign, signature and signed request headers.
fn run_header_case(dir: &Path, name: &str) -> Result<(), String> {
    let inputs = case_inputs(dir, name)?;
    let request = raw_request::parse(&read(dir, "request.txt")?)?;

    // The canonical request and the signed request may have been recorded at
    // different times (only in `double-encode-path`), so sign once per time.
    let canonical = signed(&request, &inputs, &inputs.canonical_at)?;
    let (output, headers) = if inputs.canonical_at == inputs.signed_at {
        canonical.clone()
    } else {
        signed(&request, &inputs, &inputs.signed_at)?
    };

    let expected =
        read_text(dir, "header-canonical-request.txt")?.ok_or("no header-canonical-request.txt")?;
    compare(
        "canonical request",
        &expected,
        &canonical.0.canonical_request,
    )?;
    if let Some(expected) = read_text(dir, "header-string-to-sign.txt")? {
        compare("string to sign", &expected, &output.string_to_sign)?;
    }
    if let Some(expected) = read_text(dir, "header-signature.txt")? {
        compare("signature", &expected, output.signature())?;
    }

    let expected = raw_request::parse(&read(dir, "header-signed-request.txt")?)?;
    if expected.method != request.method || expected.uri != request.uri {
        return Err(format!(
            "signed request line is {} {}, the request was {} {}",
            expected.method, expected.uri, request.method, request.uri
        ));
    }
    for header in ["authorization", "x-amz-date", "x-amz-security-token"] {
        compare(
            header,
            &format!("{:?}", values(&expected.headers, header)),
            &format!("{:?}", values(&headers, header)),
        )?;
    }
    compare(
        "signed request headers",
        &format!("{:?}", all_headers(&expected.headers)),
        &format!("{:?}", all_headers(&headers)),
    )
}

/// Signs a copy of `request` at `time` and returns the output and signed headers.
fn signed(
    request: &RawRequest,
    inputs: &CaseInputs,
    time: &str,
) -> Result<(awsgen_auth::SigningOutput, HeaderMap), String> {
    let mut headers = request.headers.clone();
    let params = SigningParams {
        credentials: &inputs.credentials,
        region: &inputs.region,
        service: &inputs.service,
        time: timestamp::parse_utc(time)?,
        settings: &inputs.settings,
    };
    let output = sign(
        &request.method,
        &request.uri,
        &mut headers,
        &request.body,
        &params,
    )
    .map_err(|error| error.to_string())?;
    Ok((output, headers))
}

fn case_inputs(dir: &Path, name: &str) -> Result<CaseInputs, String> {
    let mut settings = SigningSettings::default();
    settings.double_encode_path = !SINGLE_ENCODING.contains(&name);
    if let Some(legacy) = LEGACY.iter().find(|legacy| legacy.name == name) {
        return Ok(CaseInputs {
            credentials: Credentials::new(
                legacy.access_key_id,
                legacy.secret_access_key,
                None,
                "sigv4-suite",
            ),
            region: legacy.region.to_owned(),
            service: legacy.service.to_owned(),
            signed_at: legacy.signed_at.to_owned(),
            canonical_at: legacy.canonical_at.to_owned(),
            settings,
            expires_in: None,
        });
    }
    let text = read_text(dir, "context.json")?.ok_or("no context.json and no LEGACY entry")?;
    let context: Context =
        serde_json::from_str(&text).map_err(|error| format!("context.json: {error}"))?;
    settings.normalize_path = context.normalize;
    settings.content_sha256_header = context.sign_body;
    if context.omit_session_token {
        settings.session_token = SessionTokenMode::AddAfterSigning;
    }
    Ok(CaseInputs {
        credentials: Credentials::new(
            context.credentials.access_key_id,
            context.credentials.secret_access_key,
            context.credentials.token,
            "sigv4-suite",
        ),
        region: context.region,
        service: context.service,
        signed_at: context.timestamp.clone(),
        canonical_at: context.timestamp,
        settings,
        expires_in: Some(
            PresignExpiry::new(std::time::Duration::from_secs(
                context.expiration_in_seconds,
            ))
            .map_err(|error| error.to_string())?,
        ),
    })
}

fn read(dir: &Path, file: &str) -> Result<Vec<u8>, String> {
    fs::read(dir.join(file)).map_err(|error| format!("{file}: {error}"))
}

/// The file's text without a trailing newline (some expectation files end in one,
/// which no canonical request, string to sign or signature does), or `None` when
/// the case has no such file.
fn read_text(dir: &Path, file: &str) -> Result<Option<String>, String> {
    match fs::read_to_string(dir.join(file)) {
        Ok(text) => Ok(Some(text.trim_end_matches(['\n', '\r']).to_owned())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(format!("{file}: {error}")),
    }
}

fn compare(what: &str, expected: &str, actual: &str) -> Result<(), String> {
    if expected == actual {
        Ok(())
    } else {
        Err(format!(
            "{what} differs\n--- expected\n{expected}\n--- actual\n{actual}"
        ))
    }
}

fn values<'a>(headers: &'a HeaderMap, name: &str) -> Vec<&'a [u8]> {
    headers
        .get_all(name)
        .iter()
        .map(|value| value.as_bytes())
        .collect()
}

/// Every header as (lowercase name, values in order), sorted by name.
fn all_headers(headers: &HeaderMap) -> BTreeMap<String, Vec<String>> {
    headers
        .keys()
        .map(|name| {
            let values = headers
                .get_all(name)
                .iter()
                .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
                .collect();
            (name.as_str().to_owned(), values)
        })
        .collect()
}
