//! `@httpChecksum` and S3's `x-amz-content-sha256` on the wire: what a
//! request carries for a body in memory and a streamed one (aws-chunked
//! with a trailer over https, a first pass over plain http), and response
//! validation of whole and streamed bodies. The generated xml-sink
//! operations (`UploadReport`, `DownloadReport`) carry the trait; the
//! hand-written ones below are S3's (signing name `s3`).

use std::sync::{Arc, Mutex};

use awsgen_client::{
    connector_fn, CallErrorKind, ChecksumMismatch, ConnectorError, ResponseProblem,
};
use awsgen_types::{
    ByteStream, DeserializeError, HttpChecksum, HttpRequest, HttpResponse, Operation, Protocol,
    SerializeError, ServiceMeta,
};
use bytes::Bytes;
use xml_sink_types::{
    ChecksumAlgorithm, ChecksumMode, DownloadReport, DownloadReportRequest, UploadReport,
    UploadReportRequest,
};

use crate::credentials;
use crate::streaming_tests::AnyError;

type Captured = Arc<Mutex<Vec<http::Request<Bytes>>>>;

/// A client at `endpoint` whose connector records each request (body as
/// sent, aws-chunked included) and answers with `answer`.
fn recording(endpoint: &str, answer: http::Response<Bytes>) -> (awsgen_client::Client, Captured) {
    let captured: Captured = Arc::default();
    let sink = Arc::clone(&captured);
    let (head, body) = answer.into_parts();
    let connector = connector_fn(move |request: http::Request<Bytes>| {
        sink.lock().unwrap().push(request);
        let mut response = http::Response::new(body.clone());
        *response.status_mut() = head.status;
        *response.headers_mut() = head.headers.clone();
        async { Ok::<_, ConnectorError>(response) }
    });
    let client = awsgen_client::Client::builder()
        .region("us-west-2")
        .credentials(credentials())
        .endpoint_url(endpoint)
        .connector(connector)
        .build()
        .unwrap();
    (client, captured)
}

fn ok() -> http::Response<Bytes> {
    http::Response::new(Bytes::new())
}

fn header<'a>(request: &'a http::Request<Bytes>, name: &str) -> Option<&'a str> {
    request.headers().get(name).map(|v| v.to_str().unwrap())
}

fn sha256_hex(bytes: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, bytes);
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

/// A one-shot stream of `body` in pieces of 7 bytes, of known length.
fn one_shot(body: &'static [u8]) -> ByteStream {
    let pieces: Vec<Result<Bytes, std::io::Error>> = body
        .chunks(7)
        .map(|piece| Ok(Bytes::from_static(piece)))
        .collect();
    ByteStream::from_stream(Pieces(pieces.into_iter()), Some(body.len() as u64))
}

struct Pieces(std::vec::IntoIter<Result<Bytes, std::io::Error>>);

impl futures_core::Stream for Pieces {
    type Item = Result<Bytes, std::io::Error>;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        std::task::Poll::Ready(self.0.next())
    }
}

// --- requests of a generated operation (signing name `xmlsink`) ---

#[tokio::test]
async fn a_required_checksum_defaults_to_crc32_of_the_body() {
    let (client, captured) = recording("https://reports.example.com", ok());
    let input = UploadReportRequest::new("r1").with_body(ByteStream::from(&b"Hello world"[..]));
    client.call::<UploadReport>(input).await.unwrap();
    let request = &captured.lock().unwrap()[0];
    // CRC32 of "Hello world", base64 of its big-endian bytes.
    assert_eq!(header(request, "x-amz-checksum-crc32"), Some("i9aeUg=="));
    assert_eq!(
        header(request, "x-amz-sdk-checksum-algorithm"),
        Some("CRC32")
    );
    // Not S3: no `x-amz-content-sha256` for a body in memory.
    assert_eq!(header(request, "x-amz-content-sha256"), None);
    assert_eq!(request.body(), "Hello world");
    let signed = header(request, "authorization").unwrap();
    assert!(signed.contains("x-amz-checksum-crc32"), "{signed}");
}

#[tokio::test]
async fn the_input_s_algorithm_is_used_and_named_once() {
    for (algorithm, name, header_name, value) in [
        (
            ChecksumAlgorithm::Crc32c,
            "CRC32C",
            "x-amz-checksum-crc32c",
            "crUfeA==",
        ),
        (
            ChecksumAlgorithm::Sha1,
            "SHA1",
            "x-amz-checksum-sha1",
            "e1AsOh9IyGCa4hLN+2Od7jlnP14=",
        ),
        (
            ChecksumAlgorithm::Sha256,
            "SHA256",
            "x-amz-checksum-sha256",
            "ZOyIygCyaOW6GjVnihtTFtIS9PNmskdyMlNKiuyjfzw=",
        ),
    ] {
        let (client, captured) = recording("https://reports.example.com", ok());
        let input = UploadReportRequest::new("r1")
            .with_checksum_algorithm(algorithm)
            .with_body(ByteStream::from(&b"Hello world"[..]));
        client.call::<UploadReport>(input).await.unwrap();
        let request = &captured.lock().unwrap()[0];
        assert_eq!(header(request, header_name), Some(value), "{name}");
        let named: Vec<_> = request
            .headers()
            .get_all("x-amz-sdk-checksum-algorithm")
            .iter()
            .collect();
        assert_eq!(named, [name], "{name}");
        assert_eq!(header(request, "x-amz-checksum-crc32"), None, "{name}");
    }
}

#[tokio::test]
async fn a_checksum_the_caller_set_is_sent_as_it_is() {
    let (client, captured) = recording("https://reports.example.com", ok());
    let input = UploadReportRequest::new("r1")
        .with_checksum_crc32("AAAAAA==")
        .with_body(ByteStream::from(&b"Hello world"[..]));
    client.call::<UploadReport>(input).await.unwrap();
    let request = &captured.lock().unwrap()[0];
    assert_eq!(header(request, "x-amz-checksum-crc32"), Some("AAAAAA=="));
    assert_eq!(header(request, "x-amz-sdk-checksum-algorithm"), None);
}

#[tokio::test]
async fn an_algorithm_the_client_cannot_compute_is_an_error_naming_it() {
    let (client, captured) = recording("https://reports.example.com", ok());
    let input = UploadReportRequest::new("r1")
        .with_checksum_algorithm(ChecksumAlgorithm::Crc64nvme)
        .with_body(ByteStream::from(&b"x"[..]));
    let err = client.call::<UploadReport>(input).await.unwrap_err();
    assert!(
        matches!(err.kind(), CallErrorKind::InvalidRequest(_)),
        "{err:?}"
    );
    assert!(err.to_string().contains("`CRC64NVME`"), "{err}");
    assert!(captured.lock().unwrap().is_empty());
}

#[tokio::test]
async fn a_streamed_body_of_a_signed_payload_gets_its_checksum_in_the_first_pass() {
    // xmlsink signs streamed payloads over their hash, so the stream is read
    // once ahead anyway; the checksum is computed in that pass and sent as a
    // header, not a trailer.
    let (client, captured) = recording("https://reports.example.com", ok());
    let input = UploadReportRequest::new("r1")
        .with_checksum_algorithm(ChecksumAlgorithm::Sha256)
        .with_body(one_shot(b"Hello world"));
    client.call::<UploadReport>(input).await.unwrap();
    let request = &captured.lock().unwrap()[0];
    assert_eq!(
        header(request, "x-amz-checksum-sha256"),
        Some("ZOyIygCyaOW6GjVnihtTFtIS9PNmskdyMlNKiuyjfzw=")
    );
    assert_eq!(header(request, "content-encoding"), None);
    assert_eq!(request.body(), "Hello world");
}

// --- response validation (generated DownloadReport) ---

fn report(
    checksum_header: Option<(&'static str, &'static str)>,
    body: &'static str,
) -> http::Response<Bytes> {
    let mut response = http::Response::new(Bytes::from_static(body.as_bytes()));
    if let Some((name, value)) = checksum_header {
        response
            .headers_mut()
            .insert(name, http::HeaderValue::from_static(value));
    }
    response
}

fn download(mode: bool) -> DownloadReportRequest {
    let input = DownloadReportRequest::new("r1");
    if mode {
        input.with_checksum_mode(ChecksumMode::Enabled)
    } else {
        input
    }
}

#[tokio::test]
async fn a_streamed_response_that_matches_reads_to_its_end() {
    let (client, captured) = recording(
        "https://reports.example.com",
        report(Some(("x-amz-checksum-crc32", "i9aeUg==")), "Hello world"),
    );
    let output = client.call::<DownloadReport>(download(true)).await.unwrap();
    let body = output.body.unwrap().collect().await.unwrap();
    assert_eq!(body, "Hello world");
    assert_eq!(
        header(&captured.lock().unwrap()[0], "x-amz-checksum-mode"),
        Some("ENABLED")
    );
}

#[tokio::test]
async fn a_streamed_response_that_does_not_match_fails_at_its_last_read() {
    let (client, _) = recording(
        "https://reports.example.com",
        report(Some(("x-amz-checksum-crc32", "i9aeUg==")), "Hello World"),
    );
    let output = client.call::<DownloadReport>(download(true)).await.unwrap();
    let err = output.body.unwrap().collect().await.unwrap_err();
    let mismatch = err.get_ref().downcast_ref::<ChecksumMismatch>().unwrap();
    assert_eq!(mismatch.algorithm, "CRC32");
    assert_eq!(mismatch.header, "x-amz-checksum-crc32");
    assert_eq!(mismatch.expected, "i9aeUg==");
    assert_ne!(mismatch.actual, "i9aeUg==");
    let text = err.to_string();
    assert!(
        text.contains("CRC32") && text.contains("i9aeUg==") && text.contains(&mismatch.actual),
        "{text}"
    );
}

#[tokio::test]
async fn without_the_validation_mode_nothing_is_checked() {
    let (client, _) = recording(
        "https://reports.example.com",
        report(Some(("x-amz-checksum-crc32", "i9aeUg==")), "Hello World"),
    );
    let output = client
        .call::<DownloadReport>(download(false))
        .await
        .unwrap();
    assert_eq!(output.body.unwrap().collect().await.unwrap(), "Hello World");
}

/// `GET /object` of S3 whose output is read whole (not streamed).
struct GetSmallObject;

impl Operation for GetSmallObject {
    type Input = ();
    type Output = Bytes;
    type Error = AnyError;
    const SERVICE: &'static ServiceMeta = &S3;
    const NAME: &'static str = "GetSmallObject";
    const HTTP_CHECKSUM: Option<HttpChecksum> = Some(HttpChecksum::new(
        false,
        &["CRC32", "CRC32C", "SHA256", "SHA1"],
    ));

    fn response_checksum_validation(_input: &()) -> bool {
        true
    }

    fn serialize_request(_input: &()) -> Result<HttpRequest, SerializeError> {
        Ok(HttpRequest::new(http::Method::GET, "/bucket/object"))
    }

    fn deserialize_output(response: &HttpResponse<'_>) -> Result<Bytes, DeserializeError> {
        Ok(Bytes::copy_from_slice(response.body))
    }

    fn deserialize_error(response: &HttpResponse<'_>) -> AnyError {
        awsgen_types::protocol::json_error::read_error(response)
    }
}

#[tokio::test]
async fn a_whole_response_is_validated_before_it_is_read() {
    let good = report(
        Some(("x-amz-checksum-sha1", "e1AsOh9IyGCa4hLN+2Od7jlnP14=")),
        "Hello world",
    );
    let (client, captured) = recording("https://s3.example.com", good);
    assert_eq!(
        client.call::<GetSmallObject>(()).await.unwrap(),
        "Hello world"
    );
    // A GET of S3: the hash of the empty body.
    assert_eq!(
        header(&captured.lock().unwrap()[0], "x-amz-content-sha256"),
        Some(sha256_hex(b"").as_str())
    );

    let bad = report(
        Some(("x-amz-checksum-sha1", "e1AsOh9IyGCa4hLN+2Od7jlnP14=")),
        "Hello, world",
    );
    let (client, captured) = recording("https://s3.example.com", bad);
    let err = client.call::<GetSmallObject>(()).await.unwrap_err();
    let CallErrorKind::UnreadableResponse(unreadable) = err.kind() else {
        panic!("{err:?}");
    };
    let ResponseProblem::Checksum(mismatch) = &unreadable.problem else {
        panic!("{err:?}");
    };
    assert_eq!(mismatch.algorithm, "SHA1");
    assert_eq!(mismatch.expected, "e1AsOh9IyGCa4hLN+2Od7jlnP14=");
    assert!(err.to_string().contains("SHA1"), "{err}");
    // Not retried: the operation ran.
    assert_eq!(captured.lock().unwrap().len(), 1);

    // A checksum of part checksums (`-<parts>`) cannot be checked by reading.
    let parts = report(
        Some(("x-amz-checksum-sha1", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=-2")),
        "Hello",
    );
    let (client, _) = recording("https://s3.example.com", parts);
    assert_eq!(client.call::<GetSmallObject>(()).await.unwrap(), "Hello");
}

// --- S3: `x-amz-content-sha256` and streamed uploads ---

const S3: ServiceMeta = ServiceMeta::new(
    "com.amazonaws.s3#AmazonS3",
    "AmazonS3",
    "S3",
    "s3",
    "s3",
    "2006-03-01",
    Protocol::RestXml,
    None,
);

/// S3's `PutObject`, in the shape of generated code: the payload as the
/// body, and `@httpChecksum(requestAlgorithmMember)`.
struct PutObject;

#[derive(Debug, Clone, serde::Serialize)]
struct PutObjectInput {
    #[serde(skip)]
    body: ByteStream,
    checksum_algorithm: Option<&'static str>,
}

impl Operation for PutObject {
    type Input = PutObjectInput;
    type Output = ();
    type Error = AnyError;
    const SERVICE: &'static ServiceMeta = &S3;
    const NAME: &'static str = "PutObject";
    const HTTP_CHECKSUM: Option<HttpChecksum> = Some(HttpChecksum::new(false, &[]));

    fn request_checksum_algorithm(input: &PutObjectInput) -> Option<&str> {
        input.checksum_algorithm
    }

    fn serialize_request(input: &PutObjectInput) -> Result<HttpRequest, SerializeError> {
        let mut request = HttpRequest::new(http::Method::PUT, "/bucket/key");
        request.body = input.body.clone();
        Ok(request)
    }

    fn deserialize_output(_response: &HttpResponse<'_>) -> Result<(), DeserializeError> {
        Ok(())
    }

    fn deserialize_error(response: &HttpResponse<'_>) -> AnyError {
        awsgen_types::protocol::json_error::read_error(response)
    }
}

fn put(body: ByteStream, algorithm: Option<&'static str>) -> PutObjectInput {
    PutObjectInput {
        body,
        checksum_algorithm: algorithm,
    }
}

#[tokio::test]
async fn s3_signs_a_body_in_memory_over_its_sha256() {
    let (client, captured) = recording("https://s3.example.com", ok());
    client
        .call::<PutObject>(put(ByteStream::from(&b"Hello world"[..]), None))
        .await
        .unwrap();
    let request = &captured.lock().unwrap()[0];
    assert_eq!(
        header(request, "x-amz-content-sha256"),
        Some(sha256_hex(b"Hello world").as_str())
    );
    assert!(header(request, "authorization")
        .unwrap()
        .contains("x-amz-content-sha256"));
    // No algorithm asked and none required: no checksum.
    assert_eq!(header(request, "x-amz-sdk-checksum-algorithm"), None);
}

#[tokio::test]
async fn s3_streams_over_https_unsigned_and_chunked_with_a_trailer() {
    let (client, captured) = recording("https://s3.example.com", ok());
    client
        .call::<PutObject>(put(one_shot(b"Hello world"), Some("CRC32")))
        .await
        .unwrap();
    let request = &captured.lock().unwrap()[0];
    assert_eq!(
        header(request, "x-amz-content-sha256"),
        Some("STREAMING-UNSIGNED-PAYLOAD-TRAILER")
    );
    assert_eq!(header(request, "content-encoding"), Some("aws-chunked"));
    assert_eq!(header(request, "x-amz-decoded-content-length"), Some("11"));
    assert_eq!(
        header(request, "x-amz-trailer"),
        Some("x-amz-checksum-crc32")
    );
    assert_eq!(
        header(request, "x-amz-sdk-checksum-algorithm"),
        Some("CRC32")
    );
    assert_eq!(header(request, "x-amz-checksum-crc32"), None);
    let wire = "b\r\nHello world\r\n0\r\nx-amz-checksum-crc32:i9aeUg==\r\n\r\n";
    assert_eq!(request.body(), wire);
    assert_eq!(
        header(request, "content-length"),
        Some(wire.len().to_string().as_str())
    );
    let signed = header(request, "authorization").unwrap();
    assert!(signed.contains("x-amz-decoded-content-length"), "{signed}");
    assert!(signed.contains("x-amz-trailer"), "{signed}");
}

#[tokio::test]
async fn s3_streams_over_https_without_a_checksum_as_unsigned_payload() {
    let (client, captured) = recording("https://s3.example.com", ok());
    client
        .call::<PutObject>(put(one_shot(b"Hello world"), None))
        .await
        .unwrap();
    let request = &captured.lock().unwrap()[0];
    assert_eq!(
        header(request, "x-amz-content-sha256"),
        Some("UNSIGNED-PAYLOAD")
    );
    assert_eq!(header(request, "content-encoding"), None);
    assert_eq!(request.body(), "Hello world");
}

#[tokio::test]
async fn s3_hashes_a_stream_over_plain_http_and_sends_its_checksum_as_a_header() {
    let (client, captured) = recording("http://127.0.0.1:9", ok());
    client
        .call::<PutObject>(put(one_shot(b"Hello world"), Some("SHA256")))
        .await
        .unwrap();
    let request = &captured.lock().unwrap()[0];
    assert_eq!(
        header(request, "x-amz-content-sha256"),
        Some(sha256_hex(b"Hello world").as_str())
    );
    assert_eq!(
        header(request, "x-amz-checksum-sha256"),
        Some("ZOyIygCyaOW6GjVnihtTFtIS9PNmskdyMlNKiuyjfzw=")
    );
    assert_eq!(header(request, "content-encoding"), None);
    assert_eq!(request.body(), "Hello world");
}

#[tokio::test]
async fn a_reopenable_stream_is_chunked_afresh_for_a_retry() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let captured: Captured = Arc::default();
    let sink = Arc::clone(&captured);
    let calls = Arc::new(AtomicUsize::new(0));
    let connector = connector_fn(move |request: http::Request<Bytes>| {
        sink.lock().unwrap().push(request);
        let first = calls.fetch_add(1, Ordering::SeqCst) == 0;
        let mut response = http::Response::new(Bytes::new());
        if first {
            *response.status_mut() = http::StatusCode::SERVICE_UNAVAILABLE;
        }
        async { Ok::<_, ConnectorError>(response) }
    });
    let client = crate::builder("https://s3.example.com")
        .connector(connector)
        .build()
        .unwrap();
    let body = ByteStream::from_reopenable(Some(11), || {
        let pieces = vec![Bytes::from_static(b"Hello"), Bytes::from_static(b" world")];
        Ok(Box::pin(List(pieces.into_iter())))
    });
    client
        .call::<PutObject>(put(body, Some("CRC32C")))
        .await
        .unwrap();
    let requests = captured.lock().unwrap();
    assert_eq!(requests.len(), 2);
    let wire = "b\r\nHello world\r\n0\r\nx-amz-checksum-crc32c:crUfeA==\r\n\r\n";
    assert_eq!(requests[0].body(), wire);
    assert_eq!(requests[1].body(), wire);
}

/// A stream over a list of chunks.
struct List(std::vec::IntoIter<Bytes>);

impl futures_core::Stream for List {
    type Item = Result<Bytes, awsgen_types::StreamError>;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        std::task::Poll::Ready(self.0.next().map(Ok))
    }
}
