//! Streaming payloads over loopback: a file uploaded chunk by chunk and
//! signed over its hash, an unsigned one-shot stream sent chunked and never
//! retried, and a download handed over as it arrives, past the size limit
//! that whole responses have.

use std::time::Duration;

use awsgen_client::{file_stream, CallErrorKind, RetryStop, TimeoutConfig, TimeoutKind};
use awsgen_types::byte_stream::next;
use awsgen_types::{
    ByteStream, DeserializeError, ErrorMetadata, ErrorResponse, HttpRequest, HttpResponse,
    Operation, OperationError, RetryClass, SerializeError, UnhandledError,
};
use bytes::Bytes;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::operations::TEST_SERVICE;
use crate::server::{Reply, ScriptedServer, SilentServer};
use crate::sigv4_check::expected_authorization;
use crate::{bounded, builder, client};

/// Every error of these operations, kept as the catch-all.
#[derive(Debug)]
pub struct AnyError(UnhandledError);

impl std::fmt::Display for AnyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for AnyError {}

impl OperationError for AnyError {
    fn from_response(response: ErrorResponse<'_>) -> Self {
        AnyError(UnhandledError::new(response))
    }
    fn metadata(&self) -> &ErrorMetadata {
        self.0.metadata()
    }
    fn retry_class(&self) -> Option<RetryClass> {
        None
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct UploadInput {
    #[serde(skip)]
    payload: ByteStream,
}

/// `PUT /objects/upload` with the payload as the body.
struct PutObject;

impl Operation for PutObject {
    type Input = UploadInput;
    type Output = ();
    type Error = AnyError;
    const SERVICE: &'static awsgen_types::ServiceMeta = &TEST_SERVICE;
    const NAME: &'static str = "PutObject";

    fn serialize_request(input: &UploadInput) -> Result<HttpRequest, SerializeError> {
        let mut request = HttpRequest::new(http::Method::PUT, "/objects/upload");
        request.body = input.payload.clone();
        Ok(request)
    }

    fn deserialize_output(_response: &HttpResponse<'_>) -> Result<(), DeserializeError> {
        Ok(())
    }

    fn deserialize_error(response: &HttpResponse<'_>) -> AnyError {
        awsgen_types::protocol::json_error::read_error(response)
    }
}

/// Like [`PutObject`], but signed over `UNSIGNED-PAYLOAD`.
struct PutObjectUnsigned;

impl Operation for PutObjectUnsigned {
    type Input = UploadInput;
    type Output = ();
    type Error = AnyError;
    const SERVICE: &'static awsgen_types::ServiceMeta = &TEST_SERVICE;
    const NAME: &'static str = "PutObjectUnsigned";
    const UNSIGNED_PAYLOAD: bool = true;

    fn serialize_request(input: &UploadInput) -> Result<HttpRequest, SerializeError> {
        PutObject::serialize_request(input)
    }

    fn deserialize_output(_response: &HttpResponse<'_>) -> Result<(), DeserializeError> {
        Ok(())
    }

    fn deserialize_error(response: &HttpResponse<'_>) -> AnyError {
        awsgen_types::protocol::json_error::read_error(response)
    }
}

/// `GET /objects/download`, its body handed over as a stream.
struct GetObject;

impl Operation for GetObject {
    type Input = ();
    type Output = ByteStream;
    type Error = AnyError;
    const SERVICE: &'static awsgen_types::ServiceMeta = &TEST_SERVICE;
    const NAME: &'static str = "GetObject";
    const STREAMING_RESPONSE: bool = true;

    fn serialize_request(_input: &()) -> Result<HttpRequest, SerializeError> {
        Ok(HttpRequest::new(http::Method::GET, "/objects/download"))
    }

    fn deserialize_output(response: &HttpResponse<'_>) -> Result<ByteStream, DeserializeError> {
        Ok(ByteStream::from(response.body.to_vec()))
    }

    fn deserialize_streaming_output(
        _response: &HttpResponse<'_>,
        body: ByteStream,
    ) -> Result<ByteStream, DeserializeError> {
        Ok(body)
    }

    fn deserialize_error(response: &HttpResponse<'_>) -> AnyError {
        awsgen_types::protocol::json_error::read_error(response)
    }
}

/// A file in the temporary directory, removed when dropped.
pub struct TempFile(pub std::path::PathBuf);

impl TempFile {
    pub fn new(name: &str, contents: &[u8]) -> TempFile {
        let path = std::env::temp_dir().join(format!("awsgen-{}-{name}", std::process::id()));
        std::fs::write(&path, contents).unwrap();
        TempFile(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn ok() -> Reply {
    Reply::json(200, "{}")
}

#[tokio::test]
async fn a_file_is_sent_with_its_length_and_signed_over_its_hash_and_resent_on_retry() {
    bounded(async {
        let contents: Vec<u8> = (0..300_000u32).map(|i| (i % 253) as u8).collect();
        let file = TempFile::new("upload", &contents);
        let server = ScriptedServer::start(vec![Reply::json(500, "{}"), ok()]).await;
        let input = UploadInput {
            payload: file_stream(&file.0).unwrap(),
        };
        client(&server.endpoint())
            .call::<PutObject>(input)
            .await
            .unwrap();
        let requests = server.requests();
        assert_eq!(
            requests.len(),
            2,
            "the 500 is retried with the file sent again"
        );
        for request in &requests {
            assert_eq!(request.body, contents);
            assert_eq!(request.header("content-length"), "300000");
            assert_eq!(
                request.header("authorization"),
                expected_authorization(request, "us-west-2", "testsvc")
            );
        }
    })
    .await;
}

#[tokio::test]
async fn an_unsigned_one_shot_stream_is_sent_chunked_and_never_retried() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::json(500, "{}")]).await;
        let chunks =
            ["first ", "second ", "third"].map(|c| Ok::<_, std::io::Error>(Bytes::from(c)));
        let input = UploadInput {
            payload: ByteStream::from_stream(Chunks(chunks.into_iter().collect()), None),
        };
        let err = client(&server.endpoint())
            .call::<PutObjectUnsigned>(input)
            .await
            .unwrap_err();
        assert_eq!(err.retry_stop(), Some(RetryStop::PayloadNotReplayable));
        assert!(err.to_string().contains("one-shot stream"), "{err}");
        let requests = server.requests();
        assert_eq!(requests.len(), 1);
        let request = &requests[0];
        assert_eq!(request.body, "first second third");
        assert_eq!(request.header("x-amz-content-sha256"), "UNSIGNED-PAYLOAD");
        assert_eq!(request.header("transfer-encoding"), "chunked");
        assert!(request.headers.get("content-length").is_none());
    })
    .await;
}

/// Sending a streamed payload may take any time, so the default attempt
/// timeout (25 s) does not hold it; the operation timeout still does, and
/// an attempt timeout set on purpose applies. The server never answers;
/// Tokio's clock is paused, so the minute passes at once.
#[tokio::test(start_paused = true)]
async fn an_upload_is_held_to_the_operation_timeout_not_the_default_attempt_timeout() {
    let test = async {
        let server = SilentServer::start().await;
        let upload = || UploadInput {
            payload: ByteStream::from_stream(Chunks(vec![Ok(Bytes::from("part"))].into()), None),
        };
        let defaults = awsgen_client::Client::builder()
            .region("us-west-2")
            .credentials(crate::credentials())
            .endpoint_url(server.endpoint());
        let started = tokio::time::Instant::now();
        let err = defaults
            .build()
            .unwrap()
            .call::<PutObjectUnsigned>(upload())
            .await
            .unwrap_err();
        assert_eq!(started.elapsed(), TimeoutConfig::DEFAULT_OPERATION);
        assert!(
            matches!(
                err.kind(),
                CallErrorKind::Timeout {
                    which: TimeoutKind::Operation(_),
                    ..
                }
            ),
            "{err:?}"
        );

        let set = Duration::from_secs(5);
        let started = tokio::time::Instant::now();
        let err = awsgen_client::Client::builder()
            .region("us-west-2")
            .credentials(crate::credentials())
            .endpoint_url(server.endpoint())
            .timeouts(TimeoutConfig::new().with_attempt(Some(set)))
            .build()
            .unwrap()
            .call::<PutObjectUnsigned>(upload())
            .await
            .unwrap_err();
        assert_eq!(started.elapsed(), set);
        assert!(
            matches!(err.kind(), CallErrorKind::Timeout { which: TimeoutKind::Attempt(limit), .. } if *limit == set),
            "{err:?}"
        );
        assert_eq!(err.retry_stop(), Some(RetryStop::PayloadNotReplayable));
    };
    tokio::time::timeout(Duration::from_secs(600), test)
        .await
        .expect("the test ends in virtual time");
}

#[tokio::test]
async fn a_downloaded_payload_is_not_held_to_the_response_size_limit() {
    bounded(async {
        let body: Vec<u8> = (0..200_000u32).map(|i| (i % 7) as u8).collect();
        let server = ScriptedServer::start(vec![Reply::Respond {
            status: 200,
            headers: vec![],
            body: body.clone(),
            chunked: true,
        }])
        .await;
        let client = builder(&server.endpoint())
            .max_response_bytes(1024)
            .build()
            .unwrap();
        let stream = client.call::<GetObject>(()).await.unwrap();
        assert_eq!(stream.collect().await.unwrap(), body);
    })
    .await;
}

#[tokio::test]
async fn an_error_response_of_a_streaming_operation_is_read_whole_within_the_limit() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::Respond {
            status: 404,
            headers: vec![("x-amzn-errortype", "NoSuchThing".into())],
            body: vec![b' '; 4096],
            chunked: false,
        }])
        .await;
        let client = builder(&server.endpoint())
            .max_response_bytes(1024)
            .build()
            .unwrap();
        let err = client.call::<GetObject>(()).await.unwrap_err();
        assert!(
            matches!(
                err.kind(),
                CallErrorKind::ResponseTooLarge { limit: 1024, .. }
            ),
            "{err}"
        );
    })
    .await;
}

/// The server sends the first chunk and holds the rest until the test has
/// read that chunk: a client that waited for the whole body would hang.
#[tokio::test]
async fn a_download_is_handed_over_as_it_arrives() {
    bounded(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let endpoint = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
        let (first_read, wait_for_reader) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut head = vec![0u8; 4096];
            let _ = socket.read(&mut head).await.unwrap();
            socket
                .write_all(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nfirst\r\n")
                .await
                .unwrap();
            wait_for_reader.await.unwrap();
            socket
                .write_all(b"7\r\n second\r\n0\r\n\r\n")
                .await
                .unwrap();
        });
        let stream = client(&endpoint).call::<GetObject>(()).await.unwrap();
        let mut chunks = stream.open().unwrap();
        let first = next(&mut chunks).await.unwrap().unwrap();
        assert_eq!(first, "first");
        first_read.send(()).unwrap();
        let mut rest = Vec::new();
        while let Some(chunk) = next(&mut chunks).await {
            rest.extend_from_slice(&chunk.unwrap());
        }
        assert_eq!(rest, b" second");
        tokio::time::timeout(Duration::from_secs(5), server)
            .await
            .unwrap()
            .unwrap();
    })
    .await;
}

/// A stream of ready chunks.
struct Chunks(std::collections::VecDeque<Result<Bytes, std::io::Error>>);

impl futures_core::Stream for Chunks {
    type Item = Result<Bytes, std::io::Error>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        std::task::Poll::Ready(self.0.pop_front())
    }
}
