//! Signing vectors and behaviour that need no files: `post-vanilla` of the official
//! suite, the worked ECR vector of PROTOCOL §4.6, and the header/path rules.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use awsgen_auth::{
    host_header_value, sign, Credentials, PayloadHasher, SessionTokenMode, SignedPayload, Signer,
    SigningError, SigningOutput, SigningParams, SigningSettings,
};
use http::header::{AUTHORIZATION, CONTENT_TYPE, HOST, USER_AGENT};
use http::{HeaderMap, HeaderName, HeaderValue, Method, Uri};

const ACCESS_KEY_ID: &str = "AKIDEXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const TOKEN: &str = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";
const POST_VANILLA_SIGNATURE: &str =
    "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b";

/// 2015-08-30T12:36:00Z, the time of every suite vector.
fn suite_time() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_440_938_160)
}

fn example_headers() -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(HOST, HeaderValue::from_static("example.amazonaws.com"));
    headers
}

fn sign_with(
    method: Method,
    uri: &'static str,
    headers: &mut HeaderMap,
    body: &[u8],
    credentials: &Credentials,
    settings: &SigningSettings,
) -> Result<SigningOutput, SigningError> {
    let uri = Uri::from_static(uri);
    let params = SigningParams {
        credentials,
        region: "us-east-1",
        service: "service",
        time: suite_time(),
        settings,
    };
    sign(&method, &uri, headers, body, &params)
}

fn plain_credentials() -> Credentials {
    Credentials::new(ACCESS_KEY_ID, SECRET, None, "test")
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

#[test]
fn post_vanilla() -> Result<(), SigningError> {
    let mut headers = example_headers();
    let output = sign_with(
        Method::POST,
        "/",
        &mut headers,
        b"",
        &plain_credentials(),
        &SigningSettings::default(),
    )?;
    assert_eq!(
        output.canonical_request,
        "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\
         e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(output.signature(), POST_VANILLA_SIGNATURE);
    assert_eq!(header(&headers, "x-amz-date"), Some("20150830T123600Z"));
    assert_eq!(
        header(&headers, "authorization"),
        Some(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
             SignedHeaders=host;x-amz-date, \
             Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"
        )
    );
    assert!(!headers.contains_key("x-amz-security-token"));
    Ok(())
}

#[test]
fn worked_ecr_vector() -> Result<(), SigningError> {
    let mut headers = HeaderMap::new();
    headers.insert(
        "content-type",
        HeaderValue::from_static("application/x-amz-json-1.1"),
    );
    headers.insert(
        HOST,
        HeaderValue::from_static("api.ecr.us-east-1.amazonaws.com"),
    );
    headers.insert(
        "x-amz-target",
        HeaderValue::from_static("AmazonEC2ContainerRegistry_V20150921.StartImageScan"),
    );
    let body = br#"{"repositoryName":"my/repo","imageId":{"imageTag":"latest"}}"#;
    assert_eq!(body.len(), 60);
    let credentials = plain_credentials();
    let settings = SigningSettings::default();
    let params = SigningParams {
        credentials: &credentials,
        region: "us-east-1",
        service: "ecr",
        time: suite_time(),
        settings: &settings,
    };
    let output = sign(
        &Method::POST,
        &Uri::from_static("/"),
        &mut headers,
        body,
        &params,
    )?;

    assert_eq!(
        output.canonical_request,
        "POST\n/\n\n\
         content-type:application/x-amz-json-1.1\n\
         host:api.ecr.us-east-1.amazonaws.com\n\
         x-amz-date:20150830T123600Z\n\
         x-amz-target:AmazonEC2ContainerRegistry_V20150921.StartImageScan\n\n\
         content-type;host;x-amz-date;x-amz-target\n\
         0425005628ada18ce895fca96a0c7e59a1ff07227332adf3dbd171ca3f57022a"
    );
    assert_eq!(
        output.string_to_sign,
        "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/ecr/aws4_request\n\
         d8f4dd53b1a8e9133d3e3edfe7a9607dda6382df670b4f496721d4e8a96de91d"
    );
    assert_eq!(
        output.signature(),
        "9db59b9b9d4c26c079415133ca2d2632c09dfb8d19ce5bf82cb29ad27c31fbd8"
    );
    assert_eq!(
        header(&headers, "authorization"),
        Some(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/ecr/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date;x-amz-target, \
             Signature=9db59b9b9d4c26c079415133ca2d2632c09dfb8d19ce5bf82cb29ad27c31fbd8"
        )
    );
    Ok(())
}

#[test]
fn session_token_is_signed_by_default() -> Result<(), SigningError> {
    let credentials = Credentials::new(ACCESS_KEY_ID, SECRET, Some(TOKEN.into()), "test");
    let mut headers = example_headers();
    let output = sign_with(
        Method::POST,
        "/",
        &mut headers,
        b"",
        &credentials,
        &SigningSettings::default(),
    )?;
    assert!(output
        .canonical_request
        .contains(&format!("\nx-amz-security-token:{TOKEN}\n")));
    assert!(output
        .canonical_request
        .contains("\nhost;x-amz-date;x-amz-security-token\n"));
    assert_eq!(header(&headers, "x-amz-security-token"), Some(TOKEN));
    assert!(
        header(&headers, "authorization").is_some_and(
            |value| value.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,")
        )
    );
    assert_ne!(output.signature(), POST_VANILLA_SIGNATURE);
    Ok(())
}

#[test]
fn session_token_added_after_signing_is_sent_but_not_signed() -> Result<(), SigningError> {
    let credentials = Credentials::new(ACCESS_KEY_ID, SECRET, Some(TOKEN.into()), "test");
    let mut settings = SigningSettings::default();
    settings.session_token = SessionTokenMode::AddAfterSigning;
    let mut headers = example_headers();
    let output = sign_with(
        Method::POST,
        "/",
        &mut headers,
        b"",
        &credentials,
        &settings,
    )?;
    // Without the token in the signature this is exactly `post-vanilla`.
    assert_eq!(output.signature(), POST_VANILLA_SIGNATURE);
    assert!(!output.canonical_request.contains("x-amz-security-token"));
    assert_eq!(header(&headers, "x-amz-security-token"), Some(TOKEN));
    Ok(())
}

#[test]
fn host_header_omits_only_the_default_port() {
    let cases = [
        (
            "https://api.ecr.us-east-1.amazonaws.com/",
            Some("api.ecr.us-east-1.amazonaws.com"),
        ),
        ("https://example.com:443/", Some("example.com")),
        ("http://example.com:80/", Some("example.com")),
        ("https://example.com:8443/", Some("example.com:8443")),
        ("http://example.com:443/", Some("example.com:443")),
        ("http://127.0.0.1:4566/", Some("127.0.0.1:4566")),
        ("http://[::1]:8080/", Some("[::1]:8080")),
        ("/just/a/path", None),
    ];
    for (uri, expected) in cases {
        let uri: Uri = match uri.parse() {
            Ok(uri) => uri,
            Err(error) => panic!("{uri}: {error}"),
        };
        let host = host_header_value(&uri);
        assert_eq!(
            host.as_ref().and_then(|value| value.to_str().ok()),
            expected,
            "{uri}"
        );
    }
}

#[test]
fn header_values_are_trimmed_and_collapsed() -> Result<(), SigningError> {
    let mut headers = example_headers();
    headers.insert("my-header1", HeaderValue::from_static("   value1   "));
    headers.insert("my-header2", HeaderValue::from_static("\"a   b   c\""));
    let output = sign_with(
        Method::GET,
        "/",
        &mut headers,
        b"",
        &plain_credentials(),
        &SigningSettings::default(),
    )?;
    assert!(
        output
            .canonical_request
            .contains("\nmy-header1:value1\nmy-header2:\"a b c\"\n"),
        "{}",
        output.canonical_request
    );
    // The header sent is left as it was; only its canonical form is trimmed.
    assert_eq!(header(&headers, "my-header1"), Some("   value1   "));
    Ok(())
}

#[test]
fn path_is_normalized_and_double_encoded() -> Result<(), SigningError> {
    let canonical_path = |uri: &'static str, settings: &SigningSettings| {
        let mut headers = example_headers();
        sign_with(
            Method::GET,
            uri,
            &mut headers,
            b"",
            &plain_credentials(),
            settings,
        )
        .map(|output| {
            output
                .canonical_request
                .lines()
                .nth(1)
                .map(str::to_owned)
                .unwrap_or_default()
        })
    };
    let defaults = SigningSettings::default();
    assert_eq!(canonical_path("/a/./b/../c//d/", &defaults)?, "/a/c/d/");
    assert_eq!(canonical_path("/example/..", &defaults)?, "/");
    assert_eq!(
        canonical_path("/functions/arn%3Aaws%3Alambda/invocations", &defaults)?,
        "/functions/arn%253Aaws%253Alambda/invocations"
    );
    let mut raw = SigningSettings::default();
    raw.normalize_path = false;
    raw.double_encode_path = false;
    assert_eq!(canonical_path("/a/./b/../c//", &raw)?, "/a/./b/../c//");
    Ok(())
}

#[test]
fn query_is_canonicalized() -> Result<(), SigningError> {
    let mut headers = example_headers();
    let output = sign_with(
        Method::GET,
        "/?b=2&a=x%20y&a=1&flag",
        &mut headers,
        b"",
        &plain_credentials(),
        &SigningSettings::default(),
    )?;
    assert_eq!(
        output.canonical_request.lines().nth(2),
        Some("a=1&a=x%20y&b=2&flag=")
    );
    Ok(())
}

#[test]
fn excluded_headers_are_sent_but_not_signed() -> Result<(), SigningError> {
    let mut headers = example_headers();
    headers.insert(USER_AGENT, HeaderValue::from_static("awsgen/0.1"));
    headers.insert("x-amzn-trace-id", HeaderValue::from_static("Root=1-abc"));
    headers.insert("transfer-encoding", HeaderValue::from_static("chunked"));
    headers.insert("content-length", HeaderValue::from_static("0"));
    let output = sign_with(
        Method::POST,
        "/",
        &mut headers,
        b"",
        &plain_credentials(),
        &SigningSettings::default(),
    )?;
    assert!(output
        .canonical_request
        .ends_with("\ncontent-length;host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    assert_eq!(header(&headers, "user-agent"), Some("awsgen/0.1"));
    Ok(())
}

#[test]
fn content_sha256_header_is_added_and_signed_when_asked() -> Result<(), SigningError> {
    let mut settings = SigningSettings::default();
    settings.content_sha256_header = true;
    let mut headers = example_headers();
    let output = sign_with(
        Method::POST,
        "/",
        &mut headers,
        b"{}",
        &plain_credentials(),
        &settings,
    )?;
    let hash = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
    assert_eq!(header(&headers, "x-amz-content-sha256"), Some(hash));
    assert!(output
        .canonical_request
        .contains(&format!("\nx-amz-content-sha256:{hash}\n")));
    assert!(output.canonical_request.ends_with(&format!("\n{hash}")));

    let mut headers = example_headers();
    sign_with(
        Method::POST,
        "/",
        &mut headers,
        b"{}",
        &plain_credentials(),
        &SigningSettings::default(),
    )?;
    assert!(!headers.contains_key("x-amz-content-sha256"));
    Ok(())
}

#[test]
fn resigning_replaces_the_signer_headers() -> Result<(), SigningError> {
    let with_token = Credentials::new(ACCESS_KEY_ID, SECRET, Some(TOKEN.into()), "test");
    let settings = SigningSettings::default();
    let mut headers = example_headers();
    sign_with(Method::POST, "/", &mut headers, b"", &with_token, &settings)?;
    // A retry with refreshed, token-less credentials signs the same map again.
    let output = sign_with(
        Method::POST,
        "/",
        &mut headers,
        b"",
        &plain_credentials(),
        &settings,
    )?;
    assert_eq!(output.signature(), POST_VANILLA_SIGNATURE);
    assert_eq!(headers.get_all(AUTHORIZATION).iter().count(), 1);
    assert_eq!(headers.get_all("x-amz-date").iter().count(), 1);
    assert!(!headers.contains_key("x-amz-security-token"));
    Ok(())
}

#[test]
fn a_missing_host_is_an_error() {
    let mut headers = HeaderMap::new();
    let result = sign_with(
        Method::POST,
        "/",
        &mut headers,
        b"",
        &plain_credentials(),
        &SigningSettings::default(),
    );
    assert!(
        matches!(result, Err(SigningError::MissingHost)),
        "{result:?}"
    );
    assert!(
        headers.is_empty(),
        "nothing is added to a request that cannot be signed"
    );
}

#[test]
fn a_request_that_cannot_be_signed_is_left_unchanged() -> Result<(), http::Error> {
    let mut headers = example_headers();
    headers.insert("x-latin1", HeaderValue::from_bytes(b"caf\xe9")?);
    let before = headers.clone();
    let result = sign_with(
        Method::POST,
        "/",
        &mut headers,
        b"",
        &plain_credentials(),
        &SigningSettings::default(),
    );
    match result {
        Err(error @ SigningError::InvalidHeaderValue { .. }) => {
            assert!(error.to_string().contains("`x-latin1`"), "{error}");
        }
        other => panic!("expected InvalidHeaderValue, got {other:?}"),
    }
    assert_eq!(headers, before);
    Ok(())
}

#[test]
fn invalid_inputs_are_errors_that_name_the_problem() {
    let settings = SigningSettings::default();
    let credentials = plain_credentials();
    let attempt = |credentials: &Credentials, region: &str, service: &str, time: SystemTime| {
        let params = SigningParams {
            credentials,
            region,
            service,
            time,
            settings: &settings,
        };
        let mut headers = example_headers();
        sign(
            &Method::POST,
            &Uri::from_static("/"),
            &mut headers,
            b"",
            &params,
        )
    };
    let time = suite_time();

    let error = attempt(&credentials, "us/east", "ecr", time);
    assert!(matches!(
        error,
        Err(SigningError::InvalidScope { what: "region", .. })
    ));
    let error = attempt(&credentials, "us-east-1", "", time);
    assert!(matches!(
        error,
        Err(SigningError::InvalidScope {
            what: "service",
            ..
        })
    ));
    let error = attempt(
        &credentials,
        "us-east-1",
        "ecr",
        UNIX_EPOCH - Duration::from_secs(1),
    );
    assert!(matches!(error, Err(SigningError::TimeOutOfRange { .. })));
    let bad_key = Credentials::new("AKID,EXTRA", SECRET, None, "test");
    let error = attempt(&bad_key, "us-east-1", "ecr", time);
    assert!(matches!(error, Err(SigningError::InvalidAccessKeyId)));

    let bad_token = format!("{TOKEN}\r\nX-Injected: 1");
    let credentials = Credentials::new(ACCESS_KEY_ID, SECRET, Some(bad_token), "test");
    match attempt(&credentials, "us-east-1", "ecr", time) {
        Err(error @ SigningError::InvalidSessionToken) => {
            let message = format!("{error} {error:?}");
            assert!(!message.contains(TOKEN), "{message}");
        }
        other => panic!("expected InvalidSessionToken, got {other:?}"),
    }
}

#[test]
fn debug_output_never_shows_secrets() -> Result<(), SigningError> {
    let credentials = Credentials::new(ACCESS_KEY_ID, SECRET, Some(TOKEN.into()), "test");
    let mut headers = example_headers();
    let output = sign_with(
        Method::POST,
        "/",
        &mut headers,
        b"",
        &credentials,
        &SigningSettings::default(),
    )?;
    let signature = output.signature().to_owned();
    for text in [
        format!("{output:?}"),
        format!("{output:#?}"),
        format!("{headers:?}"),
        format!("{credentials:?}"),
    ] {
        assert!(!text.contains(SECRET), "{text}");
        assert!(!text.contains(TOKEN), "{text}");
        assert!(!text.contains(&signature), "{text}");
    }
    // The redacted Debug still shows what was signed.
    assert!(format!("{output:?}").contains("x-amz-security-token:** redacted **"));
    Ok(())
}

/// A `Signer` reuses its derived key, so it must agree with `sign` whenever the
/// date, the credentials or the scope change under it.
#[test]
fn a_signer_agrees_with_sign_as_day_credentials_and_scope_change() -> Result<(), SigningError> {
    let signer = Signer::new();
    let settings = SigningSettings::default();
    let next_day = suite_time() + Duration::from_secs(86_400);
    let rotated = Credentials::new(ACCESS_KEY_ID, "rotated-secret", None, "test");
    let other_key = Credentials::new("AKIDOTHER", SECRET, Some(TOKEN.into()), "test");
    let plain = plain_credentials();
    let steps = [
        (&plain, suite_time(), "us-east-1", "service"),
        (&plain, suite_time(), "us-east-1", "service"),
        (&plain, next_day, "us-east-1", "service"),
        (&rotated, next_day, "us-east-1", "service"),
        (&other_key, next_day, "us-east-1", "service"),
        (&other_key, next_day, "eu-west-1", "service"),
        (&other_key, next_day, "eu-west-1", "ecr"),
        (&plain, suite_time(), "us-east-1", "service"),
    ];
    let uri = Uri::from_static("/");
    let mut signatures = Vec::new();
    for (credentials, time, region, service) in steps {
        let params = SigningParams {
            credentials,
            region,
            service,
            time,
            settings: &settings,
        };
        let mut by_signer = example_headers();
        let mut by_sign = example_headers();
        let cached = signer.sign(&Method::POST, &uri, &mut by_signer, b"{}", &params)?;
        let fresh = sign(&Method::POST, &uri, &mut by_sign, b"{}", &params)?;
        assert_eq!(cached, fresh, "{region} {service}");
        assert_eq!(by_signer, by_sign, "{region} {service}");
        signatures.push(fresh.signature().to_owned());
    }
    // Every change of day, secret, key id, region or service changed the
    // signature; returning to the first inputs gave the first signature again.
    let (first, repeat, last) = (&signatures[0], &signatures[1], &signatures[7]);
    assert_eq!(first, repeat);
    assert_eq!(first, last);
    for (index, signature) in signatures.iter().enumerate().skip(2).take(5) {
        assert_ne!(signature, &signatures[index - 1], "step {index}");
    }

    // And the suite's vector through a signer that already holds another key.
    let mut headers = example_headers();
    let params = SigningParams {
        credentials: &plain,
        region: "us-east-1",
        service: "service",
        time: suite_time(),
        settings: &settings,
    };
    signer.sign(&Method::POST, &uri, &mut headers, b"", &params)?;
    let output = signer.sign(&Method::POST, &uri, &mut headers, b"", &params)?;
    assert_eq!(output.signature(), POST_VANILLA_SIGNATURE);
    Ok(())
}

#[test]
fn a_signer_leaves_an_unsignable_request_unchanged() -> Result<(), http::Error> {
    let signer = Signer::new();
    let mut headers = example_headers();
    headers.insert("x-amz-date", HeaderValue::from_static("stale"));
    headers.insert("x-latin1", HeaderValue::from_bytes(b"caf\xe9")?);
    let before = headers.clone();
    let credentials = plain_credentials();
    let settings = SigningSettings::default();
    let params = SigningParams {
        credentials: &credentials,
        region: "us-east-1",
        service: "service",
        time: suite_time(),
        settings: &settings,
    };
    let result = signer.sign(
        &Method::POST,
        &Uri::from_static("/"),
        &mut headers,
        b"",
        &params,
    );
    assert!(
        matches!(result, Err(SigningError::InvalidHeaderValue { .. })),
        "{result:?}"
    );
    assert_eq!(headers, before);
    assert!(!format!("{signer:?}").contains(SECRET));
    Ok(())
}

/// `Signer::sign_headers` takes a list instead of a map; what it adds must be
/// exactly what `sign` puts in the map, in or out of name order, and names the
/// signer owns must be ignored rather than signed twice.
#[test]
fn signing_a_header_list_matches_signing_a_map() -> Result<(), SigningError> {
    let target = HeaderName::from_static("x-amz-target");
    let request_info = HeaderName::from_static("amz-sdk-request");
    let date = HeaderName::from_static("x-amz-date");
    let values = [
        HeaderValue::from_static("attempt=1; max=3"),
        HeaderValue::from_static("application/x-amz-json-1.1"),
        HeaderValue::from_static("api.ecr.us-east-1.amazonaws.com"),
        HeaderValue::from_static("agent/1"),
        HeaderValue::from_static("AmazonEC2ContainerRegistry_V20150921.StartImageScan"),
        HeaderValue::from_static("stale"),
    ];
    let in_order = [
        (&request_info, &values[0]),
        (&CONTENT_TYPE, &values[1]),
        (&HOST, &values[2]),
        (&USER_AGENT, &values[3]),
        (&date, &values[5]),
        (&target, &values[4]),
    ];
    let mut shuffled = in_order;
    shuffled.reverse();
    let body = br#"{"repositoryName":"my/repo","imageId":{"imageTag":"latest"}}"#;
    let uri = Uri::from_static("/");
    for credentials in [
        plain_credentials(),
        Credentials::new(ACCESS_KEY_ID, SECRET, Some(TOKEN.into()), "test"),
    ] {
        let settings = SigningSettings::default();
        let params = SigningParams {
            credentials: &credentials,
            region: "us-east-1",
            service: "ecr",
            time: suite_time(),
            settings: &settings,
        };
        let mut map = HeaderMap::new();
        for (name, value) in in_order {
            map.insert(name.clone(), value.clone());
        }
        sign(&Method::POST, &uri, &mut map, body, &params)?;
        let signer = Signer::new();
        for list in [in_order, shuffled] {
            let added = signer.sign_headers(
                &Method::POST,
                &uri,
                list,
                SignedPayload::Bytes(body),
                &params,
            )?;
            let debug = format!("{added:?}");
            let mut listed = HeaderMap::new();
            for (name, value) in list {
                listed.insert(name.clone(), value.clone());
            }
            added.insert_into(&mut listed);
            assert_eq!(listed, map);
            assert!(
                !debug.contains(TOKEN) && !debug.contains("Signature="),
                "{debug}"
            );
        }
        assert!(header(&map, "authorization")
            .is_some_and(|value| value
                .contains("SignedHeaders=amz-sdk-request;content-type;host;x-amz-date;")));
    }
    Ok(())
}

/// `SignatureHeaders::count`, which a caller sizes its map by before it
/// signs, is what signing then adds: with and without a session token and
/// `x-amz-content-sha256`, and for an unsigned payload.
#[test]
fn the_count_of_signature_headers_is_known_before_signing() -> Result<(), SigningError> {
    let host = HeaderValue::from_static("example.amazonaws.com");
    let list = [(&HOST, &host)];
    let uri = Uri::from_static("/");
    let signer = Signer::new();
    for credentials in [
        plain_credentials(),
        Credentials::new(ACCESS_KEY_ID, SECRET, Some(TOKEN.into()), "test"),
    ] {
        for content_sha256_header in [false, true] {
            let mut settings = SigningSettings::default();
            settings.content_sha256_header = content_sha256_header;
            let params = SigningParams {
                credentials: &credentials,
                region: "us-east-1",
                service: "ecr",
                time: suite_time(),
                settings: &settings,
            };
            for payload in [SignedPayload::Bytes(b"{}"), SignedPayload::Unsigned] {
                let count = awsgen_auth::SignatureHeaders::count(&payload, &params);
                let added = signer.sign_headers(&Method::POST, &uri, list, payload, &params)?;
                assert_eq!(count, added.len(), "{payload:?} {content_sha256_header}");
                assert_eq!(count, added.into_iter().count());
            }
        }
    }
    Ok(())
}

/// A payload hashed ahead of time, chunk by chunk, signs as the bytes do;
/// an unsigned one puts `UNSIGNED-PAYLOAD` where the hash goes.
#[test]
fn a_streamed_payload_hash_signs_as_its_bytes_and_unsigned_differs() -> Result<(), SigningError> {
    let host = HeaderValue::from_static("example.amazonaws.com");
    let list = [(&HOST, &host)];
    let body = b"a payload sent as a stream";
    let uri = Uri::from_static("/upload");
    let credentials = plain_credentials();
    let mut settings = SigningSettings::default();
    settings.content_sha256_header = true;
    let params = SigningParams {
        credentials: &credentials,
        region: "us-east-1",
        service: "lambda",
        time: suite_time(),
        settings: &settings,
    };
    let signer = Signer::new();
    let mut hasher = PayloadHasher::new();
    for chunk in body.chunks(5) {
        hasher.update(chunk);
    }
    let hash = hasher.finish();
    let whole = signer.sign_headers(
        &Method::PUT,
        &uri,
        list,
        SignedPayload::Bytes(body),
        &params,
    )?;
    let streamed = signer.sign_headers(
        &Method::PUT,
        &uri,
        list,
        SignedPayload::Sha256(&hash),
        &params,
    )?;
    let unsigned =
        signer.sign_headers(&Method::PUT, &uri, list, SignedPayload::Unsigned, &params)?;
    let value = |added: awsgen_auth::SignatureHeaders, name: &str| {
        added
            .into_iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.to_str().unwrap().to_owned())
    };
    assert_eq!(
        value(whole.clone(), "authorization"),
        value(streamed.clone(), "authorization")
    );
    assert_eq!(
        value(streamed, "x-amz-content-sha256").as_deref(),
        Some(hash.as_str())
    );
    assert_eq!(
        value(unsigned.clone(), "x-amz-content-sha256").as_deref(),
        Some("UNSIGNED-PAYLOAD")
    );
    assert_ne!(
        value(unsigned.clone(), "authorization"),
        value(whole, "authorization")
    );
    // aws-chunked with a trailing checksum: its own fixed text, announced
    // even by a service whose settings add no hash header, and signed
    // differently from `UNSIGNED-PAYLOAD`.
    let trailer = signer.sign_headers(
        &Method::PUT,
        &uri,
        list,
        SignedPayload::UnsignedWithTrailer,
        &params,
    )?;
    assert_eq!(
        value(trailer.clone(), "x-amz-content-sha256").as_deref(),
        Some("STREAMING-UNSIGNED-PAYLOAD-TRAILER")
    );
    assert_ne!(
        value(trailer, "authorization"),
        value(unsigned, "authorization")
    );
    let plain = SigningSettings::default();
    let params = SigningParams {
        settings: &plain,
        ..params
    };
    let payload = SignedPayload::UnsignedWithTrailer;
    let added = signer.sign_headers(&Method::PUT, &uri, list, payload, &params)?;
    assert_eq!(
        awsgen_auth::SignatureHeaders::count(&payload, &params),
        added.len()
    );
    assert_eq!(
        value(added, "x-amz-content-sha256").as_deref(),
        Some("STREAMING-UNSIGNED-PAYLOAD-TRAILER")
    );
    Ok(())
}
