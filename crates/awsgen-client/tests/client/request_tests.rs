//! What goes on the wire.

use std::sync::{Arc, Mutex};

use awsgen_client::{
    connector_fn, CallErrorKind, CompressionConfig, ConnectorError, InvalidRequest,
};
use bytes::Bytes;

use crate::operations::{
    CreateThing, CreateThingInput, HostLabel, LabelInput, PutThing, PutThingInput, StartScan,
    Upload, UploadArchive, UploadInput,
};
use crate::server::{Reply, ScriptedServer};
use crate::sigv4_check::expected_authorization;
use crate::{bounded, builder, client, ACCESS_KEY, SECRET_KEY, SESSION_TOKEN};

#[tokio::test]
async fn sends_the_exact_request() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::json(200, r#"{"id":"t-1"}"#)]).await;
        let input = PutThingInput {
            name: "widget".into(),
            count: Some(3),
        };
        let output = client(&server.endpoint())
            .call::<PutThing>(input)
            .await
            .unwrap();
        assert_eq!(output.id.as_deref(), Some("t-1"));

        let requests = server.requests();
        assert_eq!(requests.len(), 1);
        let request = &requests[0];
        assert_eq!(request.method, http::Method::POST);
        assert_eq!(request.path, "/");
        assert_eq!(
            request.body,
            Bytes::from_static(br#"{"name":"widget","count":3}"#)
        );
        assert_eq!(request.header("content-type"), "application/x-amz-json-1.1");
        assert_eq!(
            request.header("x-amz-target"),
            "TestService_20240101.PutThing"
        );
        assert_eq!(
            request.header("content-length"),
            request.body.len().to_string()
        );
        assert_eq!(
            request.header("host"),
            format!("127.0.0.1:{}", server.port())
        );
        assert_eq!(request.header("x-amz-security-token"), SESSION_TOKEN);
        assert_eq!(request.header("amz-sdk-request"), "attempt=1; max=3");
        assert!(request.headers.get("content-encoding").is_none());

        let date = request.header("x-amz-date");
        assert_eq!(date.len(), 16, "{date}");
        assert!(date.ends_with('Z') && date.as_bytes()[8] == b'T', "{date}");

        let invocation = request.header("amz-sdk-invocation-id");
        assert_eq!(invocation.len(), 36, "{invocation}");
        assert_eq!(invocation.as_bytes()[14], b'4', "uuid v4: {invocation}");

        let ua = request.header("user-agent");
        assert!(ua.starts_with("awsgen-client/0.1.0 os/"), "{ua}");
        assert!(
            ua.contains(" lang/rust/") && ua.ends_with(" api/testsvc"),
            "{ua}"
        );

        let authorization = request.header("authorization");
        let scope = format!("{ACCESS_KEY}/{}/us-west-2/testsvc/aws4_request", &date[..8]);
        assert!(
            authorization.starts_with(&format!("AWS4-HMAC-SHA256 Credential={scope}, ")),
            "{authorization}"
        );
        let signed = authorization
            .split("SignedHeaders=")
            .nth(1)
            .unwrap()
            .split(',')
            .next()
            .unwrap();
        for name in [
            "host",
            "x-amz-date",
            "x-amz-security-token",
            "x-amz-target",
            "content-type",
            "content-length",
        ] {
            assert!(
                signed.split(';').any(|n| n == name),
                "{name} not signed: {signed}"
            );
        }
        assert!(
            !signed.contains("user-agent"),
            "User-Agent must not be signed: {signed}"
        );
        assert_eq!(
            authorization,
            expected_authorization(request, "us-west-2", "testsvc")
        );
        assert!(!authorization.contains(SECRET_KEY));
    })
    .await;
}

#[tokio::test]
async fn unit_input_is_sent_as_an_empty_object() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::json(200, "")]).await;
        client(&server.endpoint())
            .call::<StartScan>(())
            .await
            .unwrap();
        assert_eq!(server.requests()[0].body, Bytes::from_static(b"{}"));
    })
    .await;
}

#[tokio::test]
async fn endpoint_path_is_kept() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::json(200, "{}")]).await;
        let endpoint = format!("{}/custom", server.endpoint());
        client(&endpoint).call::<StartScan>(()).await.unwrap();
        assert_eq!(server.requests()[0].path, "/custom/");
    })
    .await;
}

#[tokio::test]
async fn every_attempt_is_signed_afresh_with_the_same_invocation_id() {
    bounded(async {
        let server =
            ScriptedServer::start(vec![Reply::json(500, "{}"), Reply::json(200, "{}")]).await;
        let (_, metadata) = client(&server.endpoint())
            .call_with_metadata::<PutThing>(PutThingInput {
                name: "w".into(),
                count: None,
            })
            .await
            .unwrap();
        assert_eq!(metadata.attempts, 2);
        let requests = server.requests();
        assert_eq!(requests.len(), 2);
        assert_eq!(requests[0].header("amz-sdk-request"), "attempt=1; max=3");
        assert_eq!(requests[1].header("amz-sdk-request"), "attempt=2; max=3");
        assert_eq!(
            requests[0].header("amz-sdk-invocation-id"),
            requests[1].header("amz-sdk-invocation-id")
        );
        assert_ne!(
            requests[0].header("authorization"),
            requests[1].header("authorization")
        );
        for request in &requests {
            assert_eq!(
                request.header("authorization"),
                expected_authorization(request, "us-west-2", "testsvc")
            );
        }
    })
    .await;
}

/// The `clientToken` of a captured request's JSON body.
fn client_token(body: &[u8]) -> Option<String> {
    let body: serde_json::Value = serde_json::from_slice(body).unwrap();
    body.get("clientToken")?.as_str().map(str::to_owned)
}

#[tokio::test]
async fn unset_idempotency_tokens_come_from_the_provider_once_per_call() {
    bounded(async {
        let server =
            ScriptedServer::start(vec![Reply::json(500, "{}"), Reply::json(200, "{}")]).await;
        let calls = Arc::new(Mutex::new(0));
        let counter = Arc::clone(&calls);
        let client = builder(&server.endpoint())
            .idempotency_token_provider(move || {
                let mut calls = counter.lock().unwrap();
                *calls += 1;
                format!("token-{calls}")
            })
            .build()
            .unwrap();
        let input = CreateThingInput { client_token: None };
        client.call::<CreateThing>(input).await.unwrap();
        let requests = server.requests();
        assert_eq!(requests.len(), 2, "one retry");
        for request in &requests {
            assert_eq!(client_token(&request.body).as_deref(), Some("token-1"));
        }
        assert_eq!(
            *calls.lock().unwrap(),
            1,
            "asked once per call, not per attempt"
        );
    })
    .await;
}

#[tokio::test]
async fn idempotency_tokens_default_to_random_uuids_and_a_set_one_is_kept() {
    bounded(async {
        let (client, captured) = capturing_client("https://example.com");
        for _ in 0..2 {
            let input = CreateThingInput { client_token: None };
            client.call::<CreateThing>(input).await.unwrap();
        }
        let given = CreateThingInput {
            client_token: Some("mine".into()),
        };
        client.call::<CreateThing>(given).await.unwrap();
        let requests = captured.lock().unwrap();
        let tokens: Vec<String> = requests
            .iter()
            .map(|r| client_token(r.body()).unwrap())
            .collect();
        for token in &tokens[..2] {
            let groups: Vec<usize> = token.split('-').map(str::len).collect();
            assert_eq!(groups, [8, 4, 4, 4, 12], "{token}");
            assert!(token.as_bytes()[14] == b'4', "version 4: {token}");
        }
        assert_ne!(tokens[0], tokens[1], "fresh per call");
        assert_eq!(tokens[2], "mine");
    })
    .await;
}

#[tokio::test]
async fn body_checksums_a_customization_asks_for_are_sent_and_signed() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::json(200, "{}")]).await;
        let input = UploadInput {
            data: "hello".into(),
        };
        client(&server.endpoint())
            .call::<UploadArchive>(input)
            .await
            .unwrap();
        let requests = server.requests();
        let request = &requests[0];
        // The body is `{"data":"hello"}`; one chunk, so both hashes agree.
        let sha256 = "1a1bc6b5b117ed93a2fcc40281efc93d8ccbcc3e52b2dd00a3ca64d54ba7cd38";
        assert_eq!(request.body, Bytes::from_static(br#"{"data":"hello"}"#));
        assert_eq!(request.header("x-amz-content-sha256"), sha256);
        assert_eq!(request.header("x-amz-sha256-tree-hash"), sha256);
        let authorization = request.header("authorization");
        assert!(
            authorization.contains("x-amz-content-sha256;")
                && authorization.contains("x-amz-sha256-tree-hash"),
            "{authorization}"
        );
        assert_eq!(
            authorization,
            expected_authorization(request, "us-west-2", "testsvc")
        );
    })
    .await;
}

fn big_input(len: usize) -> UploadInput {
    UploadInput {
        data: "x".repeat(len),
    }
}

#[cfg(feature = "gzip")]
#[tokio::test]
async fn gzips_bodies_at_or_above_the_threshold() {
    use std::io::Read;

    bounded(async {
        let server = ScriptedServer::start(vec![Reply::json(200, "{}")]).await;
        let client = builder(&server.endpoint())
            .compression(CompressionConfig::new().with_min_size(200))
            .build()
            .unwrap();
        client.call::<Upload>(big_input(500)).await.unwrap();
        client.call::<Upload>(big_input(20)).await.unwrap();

        let requests = server.requests();
        let compressed = &requests[0];
        assert_eq!(compressed.header("content-encoding"), "gzip");
        assert_eq!(
            compressed.header("content-length"),
            compressed.body.len().to_string()
        );
        let mut plain = String::new();
        flate2::read::GzDecoder::new(&compressed.body[..])
            .read_to_string(&mut plain)
            .unwrap();
        assert_eq!(plain, format!(r#"{{"data":"{}"}}"#, "x".repeat(500)));
        assert_eq!(
            compressed.header("authorization"),
            expected_authorization(compressed, "us-west-2", "testsvc")
        );

        let small = &requests[1];
        assert!(small.headers.get("content-encoding").is_none());
        assert_eq!(
            small.body,
            Bytes::from(format!(r#"{{"data":"{}"}}"#, "x".repeat(20)))
        );
    })
    .await;
}

/// Without the `gzip` feature an `@requestCompression` operation is sent as
/// it is, whatever the settings say: allowed by the trait, and signed as sent.
#[cfg(not(feature = "gzip"))]
#[tokio::test]
async fn without_the_gzip_feature_bodies_are_sent_uncompressed() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::json(200, "{}")]).await;
        let client = builder(&server.endpoint())
            .compression(CompressionConfig::new().with_min_size(0))
            .build()
            .unwrap();
        client.call::<Upload>(big_input(500)).await.unwrap();
        let requests = server.requests();
        let sent = &requests[0];
        assert!(sent.headers.get("content-encoding").is_none());
        let plain = format!(r#"{{"data":"{}"}}"#, "x".repeat(500));
        assert_eq!(sent.body, Bytes::from(plain.clone()));
        assert_eq!(sent.header("content-length"), plain.len().to_string());
        assert_eq!(
            sent.header("authorization"),
            expected_authorization(sent, "us-west-2", "testsvc")
        );
    })
    .await;
}

#[tokio::test]
async fn compression_can_be_disabled_and_ignores_operations_without_the_trait() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::json(200, "{}")]).await;
        let disabled = builder(&server.endpoint())
            .compression(
                CompressionConfig::new()
                    .with_min_size(0)
                    .with_disabled(true),
            )
            .build()
            .unwrap();
        disabled.call::<Upload>(big_input(500)).await.unwrap();
        let enabled = builder(&server.endpoint())
            .compression(CompressionConfig::new().with_min_size(0))
            .build()
            .unwrap();
        enabled
            .call::<PutThing>(PutThingInput {
                name: "n".repeat(500),
                count: None,
            })
            .await
            .unwrap();
        for request in server.requests() {
            assert!(request.headers.get("content-encoding").is_none());
        }
    })
    .await;
}

type Captured = Arc<Mutex<Vec<http::Request<Bytes>>>>;

fn capturing_client(endpoint: &str) -> (awsgen_client::Client, Captured) {
    let captured: Captured = Arc::default();
    let sink = Arc::clone(&captured);
    let connector = connector_fn(move |request: http::Request<Bytes>| {
        sink.lock().unwrap().push(request);
        async { Ok::<_, ConnectorError>(http::Response::new(Bytes::from_static(b"{}"))) }
    });
    (
        builder(endpoint).connector(connector).build().unwrap(),
        captured,
    )
}

#[tokio::test]
async fn host_prefix_is_prepended_before_signing() {
    bounded(async {
        let (client, captured) = capturing_client("https://example.com");
        client.call::<HostLabel>(LabelInput { label: "bar".into() }).await.unwrap();
        let requests = captured.lock().unwrap();
        let request = &requests[0];
        assert_eq!(request.uri().to_string(), "https://foo.bar.example.com/");
        assert_eq!(request.headers()["host"], "foo.bar.example.com");
        assert_eq!(request.body(), &Bytes::from_static(br#"{"label":"bar"}"#));
        let authorization = request.headers()["authorization"].to_str().unwrap();
        assert!(authorization.contains("SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;"), "{authorization}");
    })
    .await;
}

#[tokio::test]
async fn bad_host_labels_fail_before_anything_is_sent() {
    bounded(async {
        let (client, captured) = capturing_client("https://example.com");
        let err = client
            .call::<HostLabel>(LabelInput {
                label: String::new(),
            })
            .await
            .unwrap_err();
        assert!(
            matches!(
                err.kind(),
                CallErrorKind::InvalidRequest(InvalidRequest::HostPrefix(_))
            ),
            "{err:?}"
        );
        assert_eq!(err.attempts(), 0);
        assert!(
            err.to_string().contains("host label `label` is empty"),
            "{err}"
        );

        let err = client
            .call::<HostLabel>(LabelInput {
                label: "evil.com/x?".into(),
            })
            .await
            .unwrap_err();
        assert!(
            matches!(
                err.kind(),
                CallErrorKind::InvalidRequest(InvalidRequest::InvalidHostPrefix { .. })
            ),
            "{err:?}"
        );
        let err = client
            .call::<HostLabel>(LabelInput {
                label: "a\r\nX-Injected: 1".into(),
            })
            .await
            .unwrap_err();
        assert!(
            matches!(err.kind(), CallErrorKind::InvalidRequest(_)),
            "{err:?}"
        );
        assert!(captured.lock().unwrap().is_empty());
    })
    .await;
}
