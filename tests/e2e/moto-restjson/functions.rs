//! Lambda (restJson1) against moto, through the client generated from the
//! official model.
//!
//! moto runs Lambda functions in Docker unless told otherwise; here it is
//! told (`{"lambda": {"use_docker": false}}`, its "lambda-simple" mode), so
//! Invoke runs no code and answers the payload it was sent. What moto 5.2.5
//! does, as asserted here:
//! - CreateFunction (HTTP 201) decodes the base64 `ZipFile` to report its
//!   `CodeSize` and `CodeSha256`; a second function of the same name is
//!   `ResourceConflictException`, HTTP 409;
//! - GetFunction of a missing function is `ResourceNotFoundException`,
//!   HTTP 404, naming the function's ARN under `message`, where the model
//!   (and Lambda) has `Message`; Invoke does not look the function up in
//!   this mode (a missing one answers 200), so it is not asked;
//! - Invoke answers by `X-Amz-Invocation-Type`: `DryRun` 204, `Event` 202,
//!   `RequestResponse` 200 with the payload echoed; an answer over its
//!   6,000,000-byte limit is HTTP 200 with `X-Amz-Function-Error: Unhandled`
//!   and an error document as the payload, as Lambda reports a function
//!   error; it sends no `X-Amz-Executed-Version` or `X-Amz-Log-Result` in
//!   this mode;
//! - ListFunctions ignores `MaxItems` and `Marker`: one page, every
//!   function, no `NextMarker` (so Lambda's pagination is one page here;
//!   EKS's pages for real, in `clusters.rs`).

use awsgen_types::Blob;
use base64::Engine as _;
use lambda::{
    CreateFunctionError, CreateFunctionRequest, DeleteFunction, DeleteFunctionRequest,
    FunctionCode, GetFunction, GetFunctionError, GetFunctionRequest, InvocationRequest,
    InvocationType, Invoke, ListFunctions, ListFunctionsRequest, LogType, Runtime, State,
};

use crate::moto_server::Moto;
use crate::signed::ContentSha256;
use crate::{client_for, ACCOUNT, REGION};

/// The function's code: `handler` returns the event it is given (moto,
/// without Docker, never runs it).
const HANDLER: &[u8] = b"def handler(event, context):\n    return event\n";

/// A zip archive holding one file, stored (not compressed), dated
/// 1980-01-01: a deployment package as small as it gets. moto only decodes,
/// measures and hashes it.
fn zip_of_one_file(name: &str, contents: &[u8]) -> Vec<u8> {
    let name_len = u16::try_from(name.len()).expect("a short name");
    let size = u32::try_from(contents.len()).expect("a small file");
    let crc = crc32(contents);
    // What the local header and the central directory entry share:
    // version 2.0 needed, no flags, stored, time 00:00, date 1980-01-01,
    // the CRC, both sizes, the name's length.
    let mut common = Vec::new();
    for half in [20u16, 0, 0, 0, 0x21] {
        common.extend_from_slice(&half.to_le_bytes());
    }
    for word in [crc, size, size] {
        common.extend_from_slice(&word.to_le_bytes());
    }
    common.extend_from_slice(&name_len.to_le_bytes());

    let mut zip = Vec::new();
    zip.extend_from_slice(b"PK\x03\x04");
    zip.extend_from_slice(&common);
    zip.extend_from_slice(&0u16.to_le_bytes()); // no extra field
    zip.extend_from_slice(name.as_bytes());
    zip.extend_from_slice(contents);

    let directory_offset = u32::try_from(zip.len()).expect("a small archive");
    zip.extend_from_slice(b"PK\x01\x02");
    zip.extend_from_slice(&20u16.to_le_bytes()); // made by version 2.0
    zip.extend_from_slice(&common);
    // No extra field or comment, disk 0, no attributes, the local header at 0.
    zip.extend_from_slice(&[0; 16]);
    zip.extend_from_slice(name.as_bytes());
    let directory_size = u32::try_from(zip.len()).expect("a small archive") - directory_offset;

    // End of the central directory: one entry, on disk 0.
    zip.extend_from_slice(b"PK\x05\x06");
    zip.extend_from_slice(&[0, 0, 0, 0, 1, 0, 1, 0]);
    zip.extend_from_slice(&directory_size.to_le_bytes());
    zip.extend_from_slice(&directory_offset.to_le_bytes());
    zip.extend_from_slice(&0u16.to_le_bytes()); // no comment
    zip
}

/// CRC-32 (IEEE, as zip uses it), bit by bit: the file is a few bytes long.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn function_arn(name: &str) -> String {
    format!("arn:aws:lambda:{REGION}:{ACCOUNT}:function:{name}")
}

fn create_request(name: &str, role: &str, zip: &[u8]) -> CreateFunctionRequest {
    CreateFunctionRequest::new(
        name,
        role,
        FunctionCode::new().with_zip_file(Blob::new(zip)),
    )
    .with_runtime(Runtime::Python312)
    .with_handler("index.handler")
}

#[tokio::test(flavor = "current_thread")]
async fn lambda_functions_against_moto_with_signatures_checked() {
    let moto = Moto::start();
    // Before anything exists: the two modes keep separate functions.
    moto.configure(r#"{"lambda": {"use_docker": false}}"#);
    let credentials = moto.create_user("e2e-lambda", &["lambda:*"]);
    let role = moto.create_role("e2e-lambda-exec", "lambda.amazonaws.com");
    moto.require_signatures();
    let transport = client_for(&moto, credentials);
    let lambda = lambda::Client::new(transport.clone());

    // CreateFunction: the zip as a base64 blob in the JSON body, HTTP 201.
    let zip = zip_of_one_file("index.py", HANDLER);
    for name in ["e2e-echo", "e2e-second"] {
        let created = lambda
            .create_function(create_request(name, &role, &zip))
            .await
            .unwrap_or_else(|e| panic!("CreateFunction {name}: {e}"));
        assert_eq!(created.function_name.as_deref(), Some(name));
        assert_eq!(
            created.function_arn.as_deref(),
            Some(function_arn(name).as_str())
        );
        assert_eq!(created.runtime, Some(Runtime::Python312));
        assert_eq!(created.role.as_deref(), Some(role.as_str()));
        assert_eq!(created.state, Some(State::Active));
        // moto decoded exactly the bytes given.
        assert_eq!(created.code_size, zip.len() as i64);
        let sha256 = ring::digest::digest(&ring::digest::SHA256, &zip);
        let sha256 = base64::engine::general_purpose::STANDARD.encode(sha256.as_ref());
        assert_eq!(created.code_sha256.as_deref(), Some(sha256.as_str()));
    }
    let err = lambda
        .create_function(create_request("e2e-echo", &role, &zip))
        .await
        .expect_err("the name is taken");
    assert_eq!(err.attempts(), 1, "{err}");
    match err.as_service() {
        Some(CreateFunctionError::ResourceConflictException(e)) => {
            assert_eq!(e.metadata().status, 409);
            assert_eq!(
                e.message.as_deref(),
                Some("Function already exist: e2e-echo")
            );
        }
        _ => panic!("expected ResourceConflictException: {err:?}"),
    }

    // GetFunction: the name in the path label, `Qualifier` in the query
    // (`$LATEST`, percent-encoded).
    let got = transport
        .call::<ContentSha256<GetFunction>>(
            GetFunctionRequest::new("e2e-echo").with_qualifier("$LATEST"),
        )
        .await
        .unwrap_or_else(|e| panic!("GetFunction e2e-echo: {e}"));
    let configuration = got.configuration.expect("the function's configuration");
    assert_eq!(configuration.function_name.as_deref(), Some("e2e-echo"));
    assert_eq!(configuration.version.as_deref(), Some("$LATEST"));
    assert_eq!(configuration.handler.as_deref(), Some("index.handler"));
    let code = got.code.expect("where the code is");
    assert_eq!(code.repository_type.as_deref(), Some("S3"));

    // ListFunctions through its paginator, one per page asked (`MaxItems`
    // in the query); moto answers every function on one page.
    let mut pages = transport
        .paginate::<ContentSha256<ListFunctions>>(ListFunctionsRequest::new())
        .page_size(1);
    let mut names = Vec::new();
    while let Some(page) = pages.next_page().await {
        let page = page.unwrap_or_else(|e| panic!("a ListFunctions page: {e}"));
        assert_eq!(page.next_marker, None);
        names.extend(
            page.functions
                .unwrap_or_default()
                .into_iter()
                .filter_map(|f| f.function_name),
        );
    }
    names.sort();
    assert_eq!(names, ["e2e-echo", "e2e-second"]);
    assert_eq!(pages.pages(), 1);

    // Invoke, by the X-Amz-Invocation-Type header. DryRun (no payload): the
    // 204 is read into StatusCode (`@httpResponseCode`).
    let dry_run = transport
        .call::<ContentSha256<Invoke>>(
            InvocationRequest::new("e2e-echo").with_invocation_type(InvocationType::DryRun),
        )
        .await
        .unwrap_or_else(|e| panic!("Invoke DryRun: {e}"));
    assert_eq!(dry_run.status_code, 204);
    assert_eq!(dry_run.function_error, None);
    assert!(
        dry_run
            .payload
            .as_ref()
            .is_none_or(|p| p.as_bytes().is_empty()),
        "{dry_run:?}"
    );
    // Event: accepted, 202.
    let event = lambda
        .invoke(
            InvocationRequest::new("e2e-echo")
                .with_invocation_type(InvocationType::Event)
                .with_payload(Blob::new(&b"{\"queued\":true}"[..])),
        )
        .await
        .unwrap_or_else(|e| panic!("Invoke Event: {e}"));
    assert_eq!(event.status_code, 202);
    // RequestResponse (the default): 200 and the event echoed as the payload.
    let event = br#"{"answer":42,"text":"caf\u00e9 \ud83d\ude80"}"#;
    let answered = lambda
        .invoke(
            InvocationRequest::new("e2e-echo")
                .with_log_type(LogType::Tail)
                .with_payload(Blob::new(&event[..])),
        )
        .await
        .unwrap_or_else(|e| panic!("Invoke RequestResponse: {e}"));
    assert_eq!(answered.status_code, 200);
    assert_eq!(answered.function_error, None);
    assert_eq!(
        answered.payload.as_ref().map(Blob::as_bytes),
        Some(&event[..])
    );
    // An answer over moto's size limit: a function error, reported in the
    // X-Amz-Function-Error response header with the error as the payload.
    let mut big = vec![b'x'; 6_000_000];
    big[0] = b'"';
    big[5_999_999] = b'"';
    let too_big = lambda
        .invoke(InvocationRequest::new("e2e-echo").with_payload(Blob::new(big)))
        .await
        .unwrap_or_else(|e| panic!("Invoke with 6 MB: {e}"));
    assert_eq!(too_big.status_code, 200);
    assert_eq!(too_big.function_error.as_deref(), Some("Unhandled"));
    let payload = too_big.payload.expect("the error document");
    let payload = String::from_utf8_lossy(payload.as_bytes());
    assert!(
        payload.contains(r#""errorType": "Function.ResponseSizeTooLarge""#),
        "{payload}"
    );

    // A function that does not exist: the typed 404, naming its ARN.
    let missing = function_arn("e2e-missing");
    let err = transport
        .call::<ContentSha256<GetFunction>>(GetFunctionRequest::new("e2e-missing"))
        .await
        .expect_err("no such function");
    assert_eq!(err.attempts(), 1, "{err}");
    match err.as_service() {
        Some(GetFunctionError::ResourceNotFoundException(e)) => {
            // The model's member is `Message`; moto writes `message` (as
            // every moto JSON error does), which the metadata reads.
            assert_eq!(e.message, None);
            assert_eq!(
                e.metadata().message.as_deref(),
                Some(format!("Function not found: {missing}").as_str())
            );
            assert_eq!(e.metadata().status, 404);
            assert!(e.metadata().request_id.is_some(), "{e:?}");
            assert!(e.to_string().contains(&missing), "{e}");
        }
        _ => panic!("expected ResourceNotFoundException: {err:?}"),
    }
    // DeleteFunction (DELETE, HTTP 204); then it is gone.
    transport
        .call::<ContentSha256<DeleteFunction>>(DeleteFunctionRequest::new("e2e-second"))
        .await
        .unwrap_or_else(|e| panic!("DeleteFunction e2e-second: {e}"));
    let err = transport
        .call::<ContentSha256<GetFunction>>(GetFunctionRequest::new("e2e-second"))
        .await
        .expect_err("deleted");
    assert!(
        matches!(
            err.as_service(),
            Some(GetFunctionError::ResourceNotFoundException(_))
        ),
        "{err:?}"
    );
    let remaining = transport
        .call::<ContentSha256<ListFunctions>>(ListFunctionsRequest::new())
        .await
        .unwrap_or_else(|e| panic!("ListFunctions: {e}"))
        .functions
        .unwrap_or_default();
    let remaining: Vec<_> = remaining
        .into_iter()
        .filter_map(|f| f.function_name)
        .collect();
    assert_eq!(remaining, ["e2e-echo"]);
}
