//! Presigned requests of a generated client's operations (the restJson1
//! fixture `rest-sink-types`), sent by a plain hyper client to a loopback
//! server that checks their query signatures independently
//! (`presign_check.rs`).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use awsgen_auth::SigningError;
use awsgen_client::{InvalidRequest, PresignError, PresignOptions, PresignedRequest};
use awsgen_types::{Auth, DateTime, Operation, ServiceMeta, TimestampFormat};
use bytes::Bytes;
use http::StatusCode;
use rest_sink_types::{GetWidget, GetWidgetRequest, PutWidget, PutWidgetRequest, Widget};

use crate::operations::{PutThing, PutThingError, PutThingInput, PutThingOutput};
use crate::presign_check::{fetch, CheckingServer};
use crate::server::{Reply, ScriptedServer};
use crate::{bounded, client, SESSION_TOKEN};

const MINUTE: Duration = Duration::from_secs(60);

/// rest-sink's signing name.
const REST_SINK: &str = "restsink";

async fn presigned_get(endpoint: &str, expires_in: Duration) -> PresignedRequest {
    client(endpoint)
        .presign::<GetWidget>(
            // A space and a colon: the label is encoded, then signed encoded twice.
            GetWidgetRequest::new("w 1:x"),
            PresignOptions::expires_in(expires_in),
        )
        .await
        .expect("presigns")
}

#[tokio::test]
async fn a_presigned_get_is_fetched_and_accepted_by_a_checking_server() {
    bounded(async {
        let server = CheckingServer::start(REST_SINK, Duration::ZERO).await;
        let before = SystemTime::now();
        let presigned = presigned_get(&server.endpoint(), 15 * MINUTE).await;
        assert_eq!(presigned.method(), http::Method::GET);
        assert_eq!(presigned.uri().path(), "/widgets/w%201%3Ax");
        let query = presigned.uri().query().unwrap();
        assert!(query.contains("X-Amz-Expires=900&"), "{query}");
        assert!(query.contains("X-Amz-SignedHeaders=host&"), "{query}");
        assert!(query.contains(SESSION_TOKEN), "{query}");
        // A read sends no header of its own, and its body is empty.
        assert!(presigned.headers().is_empty(), "{:?}", presigned.headers());
        assert_eq!(presigned.body().map(Bytes::len), Some(0));
        let signed_at = presigned.signed_at();
        assert!(signed_at + Duration::from_secs(1) >= before);
        assert_eq!(presigned.expires_at(), signed_at + 15 * MINUTE);

        let (status, reason) = fetch(presigned.to_http_request()).await;
        assert_eq!(status, StatusCode::OK, "{reason}");
        let verdicts = server.verdicts();
        assert_eq!(verdicts.len(), 1);
        assert!(
            verdicts[0]
                .canonical_request
                .starts_with("GET\n/widgets/w%25201%253Ax\n"),
            "{}",
            verdicts[0].canonical_request
        );
    })
    .await;
}

#[tokio::test]
async fn a_presigned_put_needs_its_signed_headers_and_exact_body() {
    bounded(async {
        let server = CheckingServer::start(REST_SINK, Duration::ZERO).await;
        let input = PutWidgetRequest::new("w1", Widget::new().with_name("first"));
        let presigned = client(&server.endpoint())
            .presign::<PutWidget>(input, PresignOptions::expires_in(MINUTE))
            .await
            .expect("presigns");
        assert_eq!(presigned.method(), http::Method::PUT);
        assert_eq!(
            presigned.headers().get("content-type").unwrap(),
            "application/json"
        );
        assert!(presigned.headers().get("host").is_none());
        let body = presigned.body().cloned().expect("a body in memory");
        assert_eq!(&body[..], br#"{"Name":"first"}"#);
        let query = presigned.uri().query().unwrap();
        assert!(
            query.contains("X-Amz-SignedHeaders=content-type%3Bhost&"),
            "{query}"
        );

        let (status, reason) = fetch(presigned.to_http_request()).await;
        assert_eq!(status, StatusCode::OK, "{reason}");

        // The body's hash is signed: another body is refused.
        let mut other_body = presigned.to_http_request();
        *other_body.body_mut() = Bytes::from_static(br#"{"Name":"other"}"#);
        let (status, reason) = fetch(other_body).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(reason, "SignatureDoesNotMatch");

        // So is the signed header: without it the request is refused.
        let mut without_type = presigned.to_http_request();
        without_type.headers_mut().remove("content-type");
        let (status, reason) = fetch(without_type).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(reason.contains("content-type was not sent"), "{reason}");
    })
    .await;
}

#[tokio::test]
async fn an_expired_url_is_refused_by_the_server() {
    bounded(async {
        // The server's clock is two minutes past a one-minute URL's expiry.
        let server = CheckingServer::start(REST_SINK, 3 * MINUTE).await;
        let presigned = presigned_get(&server.endpoint(), MINUTE).await;
        let (status, reason) = fetch(presigned.to_http_request()).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(reason, "Request has expired");

        // The same URL within its time is accepted.
        let on_time = CheckingServer::start(REST_SINK, Duration::from_secs(30)).await;
        let presigned = presigned_get(&on_time.endpoint(), MINUTE).await;
        let (status, reason) = fetch(presigned.to_http_request()).await;
        assert_eq!(status, StatusCode::OK, "{reason}");
    })
    .await;
}

#[tokio::test]
async fn a_changed_query_is_refused() {
    bounded(async {
        let server = CheckingServer::start(REST_SINK, Duration::ZERO).await;
        let presigned = presigned_get(&server.endpoint(), MINUTE).await;
        let mut request = presigned.to_http_request();
        let longer = presigned
            .uri()
            .to_string()
            .replace("X-Amz-Expires=60", "X-Amz-Expires=3600");
        *request.uri_mut() = longer.parse().unwrap();
        let (status, reason) = fetch(request).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(reason, "SignatureDoesNotMatch");
    })
    .await;
}

#[tokio::test]
async fn an_expiry_outside_one_second_to_seven_days_names_value_and_bounds() {
    bounded(async {
        let client = client("http://127.0.0.1:1");
        for expires_in in [
            Duration::ZERO,
            Duration::from_secs(604_801),
            Duration::from_millis(2500),
        ] {
            let error = client
                .presign::<GetWidget>(
                    GetWidgetRequest::new("w"),
                    PresignOptions::expires_in(expires_in),
                )
                .await
                .expect_err("refused");
            assert!(
                matches!(
                    error,
                    PresignError::InvalidRequest(InvalidRequest::Signing(
                        SigningError::InvalidExpiry { requested }
                    )) if requested == expires_in
                ),
                "{error:?}"
            );
            let message = error.to_string();
            assert!(
                message.contains(&format!("{expires_in:?}")) && message.contains("1 to 604800"),
                "{message}"
            );
        }
        // The upper bound itself is allowed.
        let week = PresignOptions::expires_in(Duration::from_secs(604_800));
        assert!(client
            .presign::<GetWidget>(GetWidgetRequest::new("w"), week)
            .await
            .is_ok());
    })
    .await;
}

#[tokio::test]
async fn debug_shows_no_signature_and_no_session_token() {
    bounded(async {
        let presigned = presigned_get("http://127.0.0.1:1", MINUTE).await;
        let query = presigned.uri().query().unwrap().to_owned();
        let signature = query
            .split('&')
            .find_map(|pair| pair.strip_prefix("X-Amz-Signature="))
            .expect("a signature");
        let debug = format!("{presigned:?}");
        assert!(!debug.contains(signature), "{debug}");
        assert!(!debug.contains(SESSION_TOKEN), "{debug}");
        assert!(debug.contains("X-Amz-Expires=60"), "{debug}");
    })
    .await;
}

/// `time` as a `Date` header value.
fn http_date(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).unwrap().as_secs();
    DateTime::from_secs(i64::try_from(secs).unwrap()).fmt(TimestampFormat::HttpDate)
}

#[tokio::test]
async fn presigning_signs_with_the_clock_offset_calls_learned() {
    bounded(async {
        let ahead = Duration::from_secs(3600);
        let server = ScriptedServer::start(vec![
            Reply::json(
                400,
                r#"{"__type":"InvalidSignatureException","message":"Signature expired"}"#,
            )
            .with_header("date", &http_date(SystemTime::now() + ahead)),
            Reply::json(200, r#"{"id":"ok"}"#),
        ])
        .await;
        let client = client(&server.endpoint());
        let input = || PutThingInput {
            name: "w".into(),
            count: None,
        };
        client
            .call::<PutThing>(input())
            .await
            .expect("the retry succeeds");
        let presigned = client
            .presign::<PutThing>(input(), PresignOptions::expires_in(MINUTE))
            .await
            .expect("presigns");
        let expected = SystemTime::now() + ahead;
        let off = match presigned.signed_at().duration_since(expected) {
            Ok(after) => after,
            Err(before) => before.duration(),
        };
        assert!(
            off < Duration::from_secs(30),
            "signed {off:?} off the service's clock"
        );
        // awsJson: the target and content type are signed headers to send,
        // and the JSON body is the signed payload.
        assert!(presigned.headers().contains_key("x-amz-target"));
        assert_eq!(
            presigned.body().map(|b| &b[..]),
            Some(&br#"{"name":"w"}"#[..])
        );
    })
    .await;
}

/// A service whose signing name is S3's: presigned with `UNSIGNED-PAYLOAD`.
const S3_LIKE: ServiceMeta = ServiceMeta::new(
    "test.s3#S3Like",
    "S3Like",
    "S3 Like",
    "s3",
    "s3",
    "2006-03-01",
    awsgen_types::Protocol::AwsJson1_1,
    None,
);

/// `PutThing` of a service signed as `s3`.
struct S3PutThing;

impl Operation for S3PutThing {
    type Input = PutThingInput;
    type Output = PutThingOutput;
    type Error = PutThingError;
    const SERVICE: &'static ServiceMeta = &S3_LIKE;
    const NAME: &'static str = "PutThing";
    aws_json_protocol!("S3Like.PutThing");
}

#[tokio::test]
async fn an_s3_presigned_request_signs_no_payload_so_any_body_is_accepted() {
    bounded(async {
        let server = CheckingServer::start("s3", Duration::ZERO).await;
        let presigned = client(&server.endpoint())
            .presign::<S3PutThing>(
                PutThingInput {
                    name: "upload".into(),
                    count: None,
                },
                PresignOptions::expires_in(MINUTE),
            )
            .await
            .expect("presigns");
        let query = presigned.uri().query().unwrap();
        assert!(query.contains("%2Fs3%2Faws4_request&"), "{query}");
        let (status, reason) = fetch(presigned.to_http_request()).await;
        assert_eq!(status, StatusCode::OK, "{reason}");
        let mut other_body = presigned.to_http_request();
        *other_body.body_mut() = Bytes::from_static(b"a body the signer never saw");
        let (status, reason) = fetch(other_body).await;
        assert_eq!(status, StatusCode::OK, "{reason}");
        let verdicts = server.verdicts();
        assert!(
            verdicts[1]
                .canonical_request
                .ends_with("\nUNSIGNED-PAYLOAD"),
            "{}",
            verdicts[1].canonical_request
        );
    })
    .await;
}

/// `PutThing`, sent unsigned.
struct UnsignedPutThing;

impl Operation for UnsignedPutThing {
    type Input = PutThingInput;
    type Output = PutThingOutput;
    type Error = PutThingError;
    const SERVICE: &'static ServiceMeta = &crate::operations::TEST_SERVICE;
    const NAME: &'static str = "UnsignedPutThing";
    const AUTH: Auth = Auth::None;
    aws_json_protocol!("TestService_20240101.PutThing");
}

#[tokio::test]
async fn an_unsigned_operation_cannot_be_presigned() {
    bounded(async {
        let error = client("http://127.0.0.1:1")
            .presign::<UnsignedPutThing>(
                PutThingInput {
                    name: "w".into(),
                    count: None,
                },
                PresignOptions::expires_in(MINUTE),
            )
            .await
            .expect_err("refused");
        assert!(
            matches!(
                error,
                PresignError::Unsigned {
                    operation: "UnsignedPutThing",
                    ..
                }
            ),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            "operation UnsignedPutThing of Test Svc is sent unsigned: there is nothing to presign"
        );
    })
    .await;
}

#[test]
fn presign_futures_and_presigned_requests_can_cross_threads() {
    fn is_send<T: Send>(_: &T) {}
    fn is_send_sync<T: Send + Sync>() {}
    let client = client("http://127.0.0.1:1");
    let presign = client.presign::<GetWidget>(
        GetWidgetRequest::new("w"),
        PresignOptions::expires_in(MINUTE),
    );
    is_send(&presign);
    is_send_sync::<PresignedRequest>();
    is_send_sync::<PresignError>();
}
