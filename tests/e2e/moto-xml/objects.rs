//! S3 (restXml) against moto with signature checking on, through the
//! client generated from the official S3 model, path-style (moto listens on
//! 127.0.0.1, where a bucket cannot be a host name):
//! CreateBucket; a 64 MiB PutObject streamed from a file; GetObject
//! streamed to a file with an equal SHA-256; a ranged GetObject;
//! ListObjectsV2 over several pages; a presigned GetObject URL fetched by
//! a plain HTTP client; DeleteObjects, with the checksum S3 requires;
//! `NoSuchKey` read as its typed variant; a multipart upload whose parts go
//! up concurrently with bounded memory (`upload_in_parts`).

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use awsgen_client::{file_stream, Credentials, EndpointOptions, PaginationStop, PresignOptions};
use awsgen_types::byte_stream;
use s3::{
    CompleteMultipartUploadRequest, CompletedMultipartUpload, CompletedPart, CreateBucketRequest,
    CreateMultipartUploadRequest, Delete, DeleteObjectsRequest, GetObjectError, GetObjectRequest,
    ListObjectsV2, ListObjectsV2Request, ObjectIdentifier, OperationError, PutObjectRequest,
    UploadPartRequest,
};
use tokio::io::AsyncWriteExt;

use crate::moto_server::{Moto, REGION};
use crate::raw_http;
use crate::scratch::Scratch;

const BUCKET: &str = "e2e-objects";

/// An S3 client on moto, path-style.
fn s3_client(moto: &Moto, credentials: Credentials) -> s3::Client {
    s3::Client::new(
        awsgen_client::Client::builder()
            .region(REGION)
            .credentials(credentials)
            .endpoint_url(moto.url())
            .endpoint_options(EndpointOptions::new().s3_force_path_style(true))
            .build()
            .expect("an S3 client for moto"),
    )
}

/// A file of `len` bytes that are not all alike (a counter's bytes), so a
/// part sent twice or out of order changes the digest.
fn write_pattern(path: &Path, len: usize) {
    let mut data = Vec::with_capacity(len);
    let mut n: u32 = 0;
    while data.len() < len {
        data.extend_from_slice(&n.to_le_bytes());
        n = n.wrapping_add(0x9e37_79b9);
    }
    data.truncate(len);
    std::fs::write(path, data).expect("write the test file");
}

fn sha256_of_file(path: &Path) -> Vec<u8> {
    let data = std::fs::read(path).expect("read back");
    ring::digest::digest(&ring::digest::SHA256, &data)
        .as_ref()
        .to_vec()
}

#[tokio::test(flavor = "current_thread")]
async fn s3_objects_streamed_both_ways_with_signatures_checked() {
    let moto = Moto::start();
    let credentials = moto.create_user("e2e-s3", &["s3:*"]);
    moto.require_signatures();
    let s3 = s3_client(&moto, credentials);
    let scratch = Scratch::new("s3-objects");

    s3.create_bucket(CreateBucketRequest::new(BUCKET))
        .await
        .unwrap_or_else(|e| panic!("CreateBucket: {e}"));

    // 64 MiB from a file, read as it is sent.
    let upload = scratch.0.join("upload.bin");
    write_pattern(&upload, 64 << 20);
    let body = file_stream(&upload).expect("the file as a stream");
    assert_eq!(body.length(), Some(64 << 20));
    let put = s3
        .put_object(PutObjectRequest::new(BUCKET, "big/object.bin").with_body(body))
        .await
        .unwrap_or_else(|e| panic!("PutObject of 64 MiB: {e}"));
    assert!(put.e_tag.is_some(), "{put:?}");

    // Back to a file, chunk by chunk.
    let got = s3
        .get_object(GetObjectRequest::new(BUCKET, "big/object.bin"))
        .await
        .unwrap_or_else(|e| panic!("GetObject: {e}"));
    assert_eq!(got.content_length, Some(64 << 20));
    let download = scratch.0.join("download.bin");
    let mut file = tokio::fs::File::create(&download).await.expect("create");
    let mut stream = got.body.expect("a body").open().expect("open the body");
    let mut chunks = 0;
    while let Some(chunk) = byte_stream::next(&mut stream).await {
        let chunk = chunk.unwrap_or_else(|e| panic!("reading the body: {e}"));
        file.write_all(&chunk).await.expect("write");
        chunks += 1;
    }
    file.flush().await.expect("flush");
    assert!(
        chunks > 1,
        "the body came in {chunks} chunk(s), not streamed"
    );
    assert_eq!(sha256_of_file(&download), sha256_of_file(&upload));

    // A range: bytes 1000-1999 of the same object.
    let ranged = s3
        .get_object(GetObjectRequest::new(BUCKET, "big/object.bin").with_range("bytes=1000-1999"))
        .await
        .unwrap_or_else(|e| panic!("a ranged GetObject: {e}"));
    assert_eq!(ranged.content_length, Some(1000));
    assert_eq!(
        ranged.content_range.as_deref(),
        Some(format!("bytes 1000-1999/{}", 64 << 20).as_str())
    );
    let part = ranged
        .body
        .expect("a body")
        .collect()
        .await
        .expect("the range");
    assert_eq!(&part[..], &std::fs::read(&upload).unwrap()[1000..2000]);

    // Seven small objects, listed two a page.
    for n in 0..7 {
        s3.put_object(
            PutObjectRequest::new(BUCKET, format!("small/{n}.txt"))
                .with_body(format!("object {n}").into()),
        )
        .await
        .unwrap_or_else(|e| panic!("PutObject small/{n}.txt: {e}"));
    }
    let mut pages = s3
        .inner()
        .paginate::<ListObjectsV2>(ListObjectsV2Request::new(BUCKET).with_prefix("small/"))
        .page_size(2);
    let mut keys = Vec::new();
    let mut sizes = Vec::new();
    while let Some(page) = pages.next_page().await {
        let page = page.unwrap_or_else(|e| panic!("a ListObjectsV2 page: {e}"));
        let contents = page.contents.unwrap_or_default();
        sizes.push(contents.len());
        keys.extend(contents.into_iter().filter_map(|object| object.key));
    }
    assert_eq!(pages.stop_reason(), Some(PaginationStop::Exhausted));
    assert_eq!(sizes, [2, 2, 2, 1]);
    let expected: Vec<String> = (0..7).map(|n| format!("small/{n}.txt")).collect();
    assert_eq!(keys, expected);

    // A presigned GetObject URL, fetched by a plain HTTP client that knows
    // nothing of SigV4. moto 5.2.5 cannot check a query signature once
    // checking is on (it looks up the Authorization header and fails with
    // HTTP 500), so that one request goes unchecked and every later one is
    // checked again; the signature itself is checked by the SigV4 suite's
    // query cases and by the loopback server of
    // crates/awsgen-client/tests/client/presign_tests.rs.
    let presigned = s3
        .inner()
        .presign::<s3::GetObject>(
            GetObjectRequest::new(BUCKET, "small/5.txt"),
            PresignOptions::expires_in(Duration::from_secs(300)),
        )
        .await
        .unwrap_or_else(|e| panic!("presign GetObject: {e}"));
    let query = presigned.uri().query().unwrap_or_default();
    assert!(query.contains("X-Amz-Signature="), "{query}");
    assert!(query.contains("X-Amz-Expires=300"), "{query}");
    assert!(
        !format!("{presigned:?}").contains(query.split("X-Amz-Signature=").nth(1).unwrap_or("?"))
    );
    let addr: SocketAddr = presigned
        .uri()
        .authority()
        .expect("an authority")
        .as_str()
        .parse()
        .expect("moto's address");
    let mut headers = presigned.headers().clone();
    headers.insert(http::header::HOST, addr.to_string().parse().unwrap());
    let path = presigned.uri().path_and_query().expect("a path").as_str();
    assert!(
        path.starts_with(&format!("/{BUCKET}/small/5.txt?")),
        "{path}"
    );
    moto.require_signatures_after(1);
    let fetched = raw_http::send(addr, presigned.method().as_str(), path, &headers, b"")
        .expect("the presigned URL fetched");
    assert_eq!((fetched.status, fetched.body.as_str()), (200, "object 5"));

    // DeleteObjects: S3 requires a checksum of its body.
    let objects = keys
        .iter()
        .map(|key| ObjectIdentifier::new(key.as_str()))
        .collect();
    let deleted = s3
        .delete_objects(DeleteObjectsRequest::new(BUCKET, Delete::new(objects)))
        .await
        .unwrap_or_else(|e| panic!("DeleteObjects: {e}"));
    assert_eq!(deleted.deleted.map(|d| d.len()), Some(7));
    assert!(deleted.errors.unwrap_or_default().is_empty());

    // A key that is gone: the typed error.
    let error = s3
        .get_object(GetObjectRequest::new(BUCKET, "small/3.txt"))
        .await
        .expect_err("the key was deleted");
    match error.as_service() {
        Some(GetObjectError::NoSuchKey(_)) => {}
        _ => panic!("expected NoSuchKey: {error:?}"),
    }
    assert_eq!(error.as_service().map(|e| e.metadata().status), Some(404));
}

/// Uploads `path` to `key` in parts of `part_size` bytes, at most
/// `concurrency` parts in flight: memory stays under `concurrency *
/// part_size` whatever the file's size. Returns the completed upload's ETag.
async fn upload_in_parts(
    s3: &s3::Client,
    bucket: &str,
    key: &str,
    path: &Path,
    part_size: usize,
    concurrency: usize,
) -> Result<String, String> {
    let created = s3
        .create_multipart_upload(CreateMultipartUploadRequest::new(bucket, key))
        .await
        .map_err(|e| format!("CreateMultipartUpload: {e}"))?;
    let upload_id = created.upload_id.ok_or("no UploadId")?;
    let len = std::fs::metadata(path).map_err(|e| e.to_string())?.len() as usize;
    let permits = Arc::new(tokio::sync::Semaphore::new(concurrency));
    let mut tasks = tokio::task::JoinSet::new();
    let mut file = tokio::fs::File::open(path)
        .await
        .map_err(|e| e.to_string())?;
    let mut offset = 0;
    let mut number = 0;
    while offset < len {
        number += 1;
        let size = part_size.min(len - offset);
        // Wait for room before reading the part: the bound on memory.
        let permit = Arc::clone(&permits)
            .acquire_owned()
            .await
            .map_err(|e| e.to_string())?;
        let mut buffer = vec![0; size];
        tokio::io::AsyncReadExt::read_exact(&mut file, &mut buffer)
            .await
            .map_err(|e| e.to_string())?;
        let (s3, bucket, key, upload_id) = (
            s3.clone(),
            bucket.to_owned(),
            key.to_owned(),
            upload_id.clone(),
        );
        tasks.spawn(async move {
            let sent = s3
                .upload_part(
                    UploadPartRequest::new(bucket, key, number, upload_id).with_body(buffer.into()),
                )
                .await;
            drop(permit);
            let output = sent.map_err(|e| format!("UploadPart {number}: {e}"))?;
            let e_tag = output
                .e_tag
                .ok_or(format!("UploadPart {number}: no ETag"))?;
            Ok::<_, String>((number, e_tag))
        });
        offset += size;
    }
    let mut parts = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        parts.push(joined.map_err(|e| e.to_string())??);
    }
    parts.sort();
    let parts = parts
        .into_iter()
        .map(|(number, e_tag)| {
            CompletedPart::new()
                .with_part_number(number)
                .with_e_tag(e_tag)
        })
        .collect();
    let completed = s3
        .complete_multipart_upload(
            CompleteMultipartUploadRequest::new(bucket, key, upload_id)
                .with_multipart_upload(CompletedMultipartUpload::new().with_parts(parts)),
        )
        .await
        .map_err(|e| format!("CompleteMultipartUpload: {e}"))?;
    completed.e_tag.ok_or_else(|| "no ETag".to_owned())
}

#[tokio::test(flavor = "current_thread")]
async fn s3_multipart_upload_with_parts_in_parallel() {
    let moto = Moto::start();
    let credentials = moto.create_user("e2e-s3-multipart", &["s3:*"]);
    moto.require_signatures();
    let s3 = s3_client(&moto, credentials);
    let scratch = Scratch::new("s3-multipart");
    s3.create_bucket(CreateBucketRequest::new(BUCKET))
        .await
        .unwrap_or_else(|e| panic!("CreateBucket: {e}"));

    // 17 MiB in 5 MiB parts (S3's smallest but the last): 4 parts, 3 at a time.
    let source = scratch.0.join("source.bin");
    write_pattern(&source, 17 << 20);
    let e_tag = upload_in_parts(&s3, BUCKET, "multi/part.bin", &source, 5 << 20, 3)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // A multipart ETag ends with the part count.
    assert!(e_tag.trim_matches('"').ends_with("-4"), "{e_tag}");

    let got = s3
        .get_object(GetObjectRequest::new(BUCKET, "multi/part.bin"))
        .await
        .unwrap_or_else(|e| panic!("GetObject: {e}"));
    let data = got
        .body
        .expect("a body")
        .collect()
        .await
        .expect("the object");
    assert_eq!(data.len(), 17 << 20);
    assert_eq!(&data[..], &std::fs::read(&source).unwrap()[..]);
}
