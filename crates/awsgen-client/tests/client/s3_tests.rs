//! What the client does for S3 (signing name `s3`,
//! `ServiceMeta::with_custom_endpoint_through_rules`, `Operation::ERROR_IN_OK_RESPONSE`):
//! the rule set places the bucket, a custom endpoint included; the path is
//! signed as sent; an `<Error>` inside a `200` is the operation's error and
//! is retried; the bucket's region reaches the error.

use std::sync::{Arc, Mutex};

use awsgen_auth::{sign, SigningParams, SigningSettings};
use awsgen_client::RetryConfig;
use awsgen_client::{connector_fn, CallErrorKind, Client, ClientBuilder, EndpointOptions};
use awsgen_types::protocol::xml_error::{read_error, ErrorLocation};
use awsgen_types::{EndpointParam, Operation, OperationError, Protocol, ServiceMeta};
use bytes::Bytes;

use crate::operations::PutThingError;
use crate::sigv4_check::parse_amz_date;
use crate::{bounded, credentials};

/// S3's addressing, as its rule set decides it (a small subset of it).
const RULES: &str = r#"{
  "version": "1.0",
  "parameters": {
    "Region": {"builtIn": "AWS::Region", "required": true, "type": "String"},
    "Bucket": {"required": false, "type": "String"},
    "Endpoint": {"builtIn": "SDK::Endpoint", "required": false, "type": "String"},
    "ForcePathStyle": {"builtIn": "AWS::S3::ForcePathStyle", "required": true, "default": false, "type": "Boolean"}
  },
  "rules": [
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]},
                    {"fn": "parseURL", "argv": [{"ref": "Endpoint"}], "assign": "url"},
                    {"fn": "booleanEquals", "argv": [{"ref": "ForcePathStyle"}, true]}],
     "endpoint": {"url": "{url#scheme}://{url#authority}{url#normalizedPath}{Bucket}"}, "type": "endpoint"},
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]},
                    {"fn": "parseURL", "argv": [{"ref": "Endpoint"}], "assign": "url"}],
     "endpoint": {"url": "{url#scheme}://{Bucket}.{url#authority}{url#path}"}, "type": "endpoint"},
    {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "ForcePathStyle"}, true]}],
     "endpoint": {"url": "https://s3.{Region}.amazonaws.com/{Bucket}"}, "type": "endpoint"},
    {"conditions": [], "endpoint": {"url": "https://{Bucket}.s3.{Region}.amazonaws.com"}, "type": "endpoint"}
  ]
}"#;

const S3: ServiceMeta = ServiceMeta::new(
    "com.amazonaws.s3#AmazonS3",
    "AmazonS3",
    "S3",
    "s3",
    "s3",
    "2006-03-01",
    Protocol::RestXml,
    Some(RULES),
)
.with_custom_endpoint_through_rules();

#[derive(Debug, Clone, serde::Serialize)]
struct CopyInput {
    bucket: String,
    key: String,
}

/// As the generator writes S3's `CopyObject`: the bucket only for the rules,
/// the key a greedy label keeping dot segments, errors possible in a `200`.
struct CopyObject;

impl Operation for CopyObject {
    type Input = CopyInput;
    type Output = ();
    type Error = PutThingError;
    const SERVICE: &'static ServiceMeta = &S3;
    const NAME: &'static str = "CopyObject";
    const ERROR_IN_OK_RESPONSE: bool = true;

    fn endpoint_params(input: &CopyInput) -> Vec<(&'static str, EndpointParam)> {
        vec![("Bucket", EndpointParam::String(input.bucket.clone()))]
    }

    fn serialize_request(
        input: &CopyInput,
    ) -> Result<awsgen_types::HttpRequest, awsgen_types::SerializeError> {
        let mut uri = awsgen_types::protocol::rest::Uri::new();
        uri.literal("/");
        uri.greedy_label_with_dot_segments("Key", &input.key)?;
        uri.query("x-id", "CopyObject");
        Ok(awsgen_types::HttpRequest::new(
            http::Method::PUT,
            uri.finish(),
        ))
    }

    fn deserialize_output(
        _response: &awsgen_types::HttpResponse<'_>,
    ) -> Result<(), awsgen_types::DeserializeError> {
        Ok(())
    }

    fn deserialize_error(response: &awsgen_types::HttpResponse<'_>) -> Self::Error {
        read_error(response, ErrorLocation::RestXml)
    }
}

fn copy(key: &str) -> CopyInput {
    CopyInput {
        bucket: "mybucket".to_owned(),
        key: key.to_owned(),
    }
}

type Seen = Arc<Mutex<Vec<http::Request<Bytes>>>>;

/// A client from `builder` whose connector records each request and answers
/// with the next of `answers` (the last one again when they run out).
fn client_answering(builder: ClientBuilder, answers: Vec<(u16, &'static str)>) -> (Client, Seen) {
    let seen: Seen = Arc::default();
    let record = Arc::clone(&seen);
    let connector = connector_fn(move |request: http::Request<Bytes>| {
        let mut seen = record.lock().unwrap();
        seen.push(request);
        let (status, body) = answers[(seen.len() - 1).min(answers.len() - 1)];
        let response = http::Response::builder()
            .status(status)
            .header("x-amz-bucket-region", "eu-west-1")
            .body(Bytes::from_static(body.as_bytes()))
            .unwrap();
        async move { Ok(response) }
    });
    let client = builder
        .credentials(credentials())
        .retry(
            RetryConfig::standard()
                .with_initial_backoff(std::time::Duration::from_millis(1))
                .with_max_backoff(std::time::Duration::from_millis(2)),
        )
        .connector(connector)
        .build()
        .expect("client");
    (client, seen)
}

async fn uri_for(builder: ClientBuilder, key: &str) -> String {
    let (client, seen) = client_answering(builder, vec![(200, "")]);
    client.call::<CopyObject>(copy(key)).await.expect("call");
    let seen = seen.lock().unwrap();
    seen[0].uri().to_string()
}

#[tokio::test]
async fn the_rules_place_the_bucket_a_custom_endpoint_included() {
    bounded(async {
        let region = || ClientBuilder::new().region("us-west-2");
        let path_style = EndpointOptions::new().s3_force_path_style(true);
        assert_eq!(
            uri_for(region(), "a b.txt").await,
            "https://mybucket.s3.us-west-2.amazonaws.com/a%20b.txt?x-id=CopyObject"
        );
        assert_eq!(
            uri_for(region().endpoint_options(path_style), "a b.txt").await,
            "https://s3.us-west-2.amazonaws.com/mybucket/a%20b.txt?x-id=CopyObject"
        );
        // A custom endpoint (MinIO, a local fake) gets the bucket from the
        // rules too, in its host or, path style, in its path.
        let custom = || region().endpoint_url("https://minio.example.com");
        assert_eq!(
            uri_for(custom(), "k").await,
            "https://mybucket.minio.example.com/k?x-id=CopyObject"
        );
        assert_eq!(
            uri_for(custom().endpoint_options(path_style), "k").await,
            "https://minio.example.com/mybucket/k?x-id=CopyObject"
        );
    })
    .await;
}

/// The request's `Authorization`, signed again with `settings`.
fn resigned(request: &http::Request<Bytes>, settings: &SigningSettings) -> String {
    let mut headers = request.headers().clone();
    headers.remove("authorization");
    // What the signer never signs (proxies may change it).
    headers.remove("user-agent");
    let time = parse_amz_date(headers["x-amz-date"].to_str().unwrap());
    let credentials = credentials();
    let params = SigningParams {
        credentials: &credentials,
        region: "us-west-2",
        service: "s3",
        time,
        settings,
    };
    sign(
        request.method(),
        request.uri(),
        &mut headers,
        request.body(),
        &params,
    )
    .expect("re-sign");
    headers["authorization"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_path_is_signed_as_sent_with_the_payload_hash() {
    bounded(async {
        let (client, seen) =
            client_answering(ClientBuilder::new().region("us-west-2"), vec![(200, "")]);
        client
            .call::<CopyObject>(copy("foo/../my key.txt"))
            .await
            .expect("call");
        let seen = seen.lock().unwrap();
        let request = &seen[0];
        assert_eq!(request.uri().path(), "/foo/../my%20key.txt");
        assert!(request.headers().contains_key("x-amz-content-sha256"));
        let sent = request.headers()["authorization"].to_str().unwrap();
        let mut s3 = SigningSettings::default();
        s3.normalize_path = false;
        s3.double_encode_path = false;
        s3.content_sha256_header = true;
        assert_eq!(resigned(request, &s3), sent);
        // The general rules (normalized, encoded twice) sign another path.
        let mut general = SigningSettings::default();
        general.content_sha256_header = true;
        assert_ne!(resigned(request, &general), sent);
    })
    .await;
}

const INTERNAL_ERROR: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message></Error>";
const COPIED: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CopyObjectResult><ETag>\"e\"</ETag></CopyObjectResult>";

#[tokio::test]
async fn an_error_inside_a_200_is_the_operations_error_and_is_retried() {
    bounded(async {
        let builder = || ClientBuilder::new().region("us-west-2");
        // Retried as the 500 it stands for, then a success.
        let (client, seen) =
            client_answering(builder(), vec![(200, INTERNAL_ERROR), (200, COPIED)]);
        client
            .call::<CopyObject>(copy("k"))
            .await
            .expect("the retry succeeds");
        assert_eq!(seen.lock().unwrap().len(), 2);
        // Every attempt failing: the error is the service's, with its code.
        let (client, seen) = client_answering(builder(), vec![(200, INTERNAL_ERROR)]);
        let error = client.call::<CopyObject>(copy("k")).await.unwrap_err();
        assert_eq!(
            seen.lock().unwrap().len(),
            3,
            "the standard mode's three attempts"
        );
        match error.into_kind() {
            CallErrorKind::Service(error) => {
                assert_eq!(error.metadata().code.as_deref(), Some("InternalError"));
                assert_eq!(error.metadata().status, 200);
            }
            other => panic!("expected the service's error, got {other:?}"),
        }
    })
    .await;
}

#[tokio::test]
async fn the_bucket_region_of_a_redirect_reaches_the_error() {
    bounded(async {
        let moved = "<Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to access must be addressed using the specified endpoint.</Message></Error>";
        let (client, _) = client_answering(ClientBuilder::new().region("us-west-2"), vec![(301, moved)]);
        let error = client.call::<CopyObject>(copy("k")).await.unwrap_err();
        let shown = error.to_string();
        let CallErrorKind::Service(error) = error.into_kind() else {
            panic!("expected the service's error");
        };
        assert_eq!(error.metadata().bucket_region(), Some("eu-west-1"));
        assert!(shown.contains("the bucket is in eu-west-1"), "{shown}");
    })
    .await;
}
