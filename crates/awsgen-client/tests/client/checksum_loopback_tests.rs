//! `@httpChecksum` through the real HTTP stack (hyper, a loopback server):
//! a file uploaded aws-chunked with its checksum in the trailer (an
//! `@unsignedPayload` operation, so over plain http too), resent whole on
//! a retry; and S3's `DeleteObjects`, whose checksum is required.

use awsgen_client::file_stream;
use awsgen_types::{
    ByteStream, DeserializeError, HttpChecksum, HttpRequest, HttpResponse, Operation, Protocol,
    SerializeError, ServiceMeta,
};
use base64::Engine as _;

use crate::operations::TEST_SERVICE;
use crate::server::{Reply, ScriptedServer};
use crate::streaming_tests::{AnyError, TempFile};
use crate::{bounded, client};

/// `PUT /uploads` with `@unsignedPayload` and a SHA-256 checksum asked for.
struct UploadUnsigned;

#[derive(Debug, Clone, serde::Serialize)]
struct Upload {
    #[serde(skip)]
    body: ByteStream,
}

impl Operation for UploadUnsigned {
    type Input = Upload;
    type Output = ();
    type Error = AnyError;
    const SERVICE: &'static ServiceMeta = &TEST_SERVICE;
    const NAME: &'static str = "UploadUnsigned";
    const UNSIGNED_PAYLOAD: bool = true;
    const HTTP_CHECKSUM: Option<HttpChecksum> = Some(HttpChecksum::new(false, &[]));

    fn request_checksum_algorithm(_input: &Upload) -> Option<&str> {
        Some("SHA256")
    }

    fn serialize_request(input: &Upload) -> Result<HttpRequest, SerializeError> {
        let mut request = HttpRequest::new(http::Method::PUT, "/uploads");
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

/// Reads an aws-chunked body back: the data, and the trailer line.
fn decode_aws_chunked(mut wire: &[u8]) -> (Vec<u8>, String) {
    let mut data = Vec::new();
    loop {
        let line_end = wire.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(std::str::from_utf8(&wire[..line_end]).unwrap(), 16).unwrap();
        wire = &wire[line_end + 2..];
        if size == 0 {
            let trailer = std::str::from_utf8(wire).unwrap();
            let trailer = trailer.strip_suffix("\r\n\r\n").unwrap().to_owned();
            return (data, trailer);
        }
        assert!(size <= 64 * 1024, "chunk of {size} bytes");
        data.extend_from_slice(&wire[..size]);
        assert_eq!(&wire[size..size + 2], b"\r\n");
        wire = &wire[size + 2..];
    }
}

#[tokio::test]
async fn a_file_goes_aws_chunked_with_its_checksum_trailing_and_again_on_a_retry() {
    bounded(async {
        let contents: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let file = TempFile::new("checksum-upload", &contents);
        let server =
            ScriptedServer::start(vec![Reply::json(500, "{}"), Reply::json(200, "{}")]).await;
        let input = Upload {
            body: file_stream(&file.0).unwrap(),
        };
        client(&server.endpoint())
            .call::<UploadUnsigned>(input)
            .await
            .unwrap();
        let requests = server.requests();
        assert_eq!(
            requests.len(),
            2,
            "the 500 is retried with the file reopened"
        );
        let sha = ring::digest::digest(&ring::digest::SHA256, &contents);
        let expected_trailer = format!(
            "x-amz-checksum-sha256:{}",
            base64::engine::general_purpose::STANDARD.encode(sha)
        );
        for request in &requests {
            assert_eq!(request.header("content-encoding"), "aws-chunked");
            assert_eq!(request.header("x-amz-decoded-content-length"), "200000");
            assert_eq!(request.header("x-amz-trailer"), "x-amz-checksum-sha256");
            assert_eq!(request.header("x-amz-sdk-checksum-algorithm"), "SHA256");
            assert_eq!(
                request.header("x-amz-content-sha256"),
                "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
            );
            assert_eq!(
                request.header("content-length"),
                request.body.len().to_string()
            );
            let (data, trailer) = decode_aws_chunked(&request.body);
            assert_eq!(data, contents);
            assert_eq!(trailer, expected_trailer);
        }
    })
    .await;
}

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

/// S3's `DeleteObjects` as generated: `POST /{Bucket}?delete` with an XML
/// body, `@httpChecksum(requestChecksumRequired, requestAlgorithmMember)`.
struct DeleteObjects;

#[derive(Debug, Clone, serde::Serialize)]
struct DeleteObjectsInput {
    checksum_algorithm: Option<&'static str>,
}

const DELETE_BODY: &str = r#"<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>a</Key></Object></Delete>"#;

impl Operation for DeleteObjects {
    type Input = DeleteObjectsInput;
    type Output = ();
    type Error = AnyError;
    const SERVICE: &'static ServiceMeta = &S3;
    const NAME: &'static str = "DeleteObjects";
    const HTTP_CHECKSUM: Option<HttpChecksum> = Some(HttpChecksum::new(true, &[]));

    fn request_checksum_algorithm(input: &DeleteObjectsInput) -> Option<&str> {
        input.checksum_algorithm
    }

    fn serialize_request(_input: &DeleteObjectsInput) -> Result<HttpRequest, SerializeError> {
        let mut request = HttpRequest::new(http::Method::POST, "/bucket?delete");
        request.body = ByteStream::from(DELETE_BODY);
        Ok(request)
    }

    fn deserialize_output(_response: &HttpResponse<'_>) -> Result<(), DeserializeError> {
        Ok(())
    }

    fn deserialize_error(response: &HttpResponse<'_>) -> AnyError {
        awsgen_types::protocol::json_error::read_error(response)
    }
}

#[tokio::test]
async fn delete_objects_always_sends_a_checksum_crc32_unless_another_is_named() {
    bounded(async {
        let server =
            ScriptedServer::start(vec![Reply::json(200, "{}"), Reply::json(200, "{}")]).await;
        let client = client(&server.endpoint());
        client
            .call::<DeleteObjects>(DeleteObjectsInput {
                checksum_algorithm: None,
            })
            .await
            .unwrap();
        client
            .call::<DeleteObjects>(DeleteObjectsInput {
                checksum_algorithm: Some("SHA1"),
            })
            .await
            .unwrap();
        let requests = server.requests();
        let crc = crc32fast::hash(DELETE_BODY.as_bytes()).to_be_bytes();
        let engine = base64::engine::general_purpose::STANDARD;
        assert_eq!(
            requests[0].header("x-amz-checksum-crc32"),
            engine.encode(crc)
        );
        assert_eq!(requests[0].header("x-amz-sdk-checksum-algorithm"), "CRC32");
        let sha1 = ring::digest::digest(
            &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
            DELETE_BODY.as_bytes(),
        );
        assert_eq!(
            requests[1].header("x-amz-checksum-sha1"),
            engine.encode(sha1)
        );
        assert_eq!(requests[1].header("x-amz-sdk-checksum-algorithm"), "SHA1");
        for request in &requests {
            // S3: signed over the body's SHA-256, announced in the header.
            let body_sha = ring::digest::digest(&ring::digest::SHA256, DELETE_BODY.as_bytes());
            let hex: String = body_sha
                .as_ref()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(request.header("x-amz-content-sha256"), hex);
            assert_eq!(request.body, DELETE_BODY.as_bytes());
        }
    })
    .await;
}
