//! S3 GetObject and PutObject of a large object over loopback HTTPS,
//! against a bare hyper client moving the same bytes to and from the same
//! server: throughput, and the peak resident memory of the process.
//!
//! An example of the crate `cargo xtask moto-e2e` writes (it needs the
//! S3 client generated there, not moto):
//!
//! ```sh
//! cargo xtask moto-e2e --no-run
//! cargo run --release --manifest-path target/moto-e2e/tests/Cargo.toml \
//!     --example s3-throughput -- 1024 3     # MiB, rounds
//! ```
//!
//! Each measurement is a child process of its own (this binary with
//! `--child`), so its peak RSS (`VmHWM`) is that transfer's alone; the
//! rounds alternate bare and generated clients. The server (in the child,
//! TLS with the test certificate of `crates/awsgen-client/tests/tls/`)
//! answers a GET with the object made of one shared 1 MiB block, and
//! reads and discards a PUT's body; both sides of both clients are the
//! same, so the difference is the client's.

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::process::Command;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Instant;

use awsgen_client::{file_stream, Credentials, EndpointOptions};
use awsgen_types::byte_stream;
use bytes::Bytes;
use http::{Request, Response};
use http_body_util::{BodyExt, Empty, StreamBody};
use hyper::body::{Frame, Incoming};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::io::AsyncRead;
use tokio::net::TcpListener;

const BLOCK: usize = 1 << 20;
const CHUNK: usize = 64 * 1024;
const BUCKET: &str = "bench";
const KEY: &str = "object.bin";

fn tls_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../crates/awsgen-client/tests/tls")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        let mode = args[1].clone();
        let size: u64 = args[2].parse().expect("size in bytes");
        let file = PathBuf::from(&args[3]);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime");
        let (moved, secs) = runtime.block_on(child(&mode, size, &file));
        assert_eq!(moved, size, "{mode} moved {moved} of {size} bytes");
        println!("{mode} {secs} {}", peak_kib());
        return;
    }
    let mib: u64 = args.first().map_or(1024, |a| a.parse().expect("MiB"));
    let rounds: usize = args.get(1).map_or(3, |a| a.parse().expect("rounds"));
    let size = mib << 20;
    let file = std::env::temp_dir().join(format!("s3-throughput-{mib}.bin"));
    if std::fs::metadata(&file).map(|m| m.len()).ok() != Some(size) {
        let block = pattern();
        let mut data = std::fs::File::create(&file).expect("create the upload file");
        for _ in 0..mib {
            std::io::Write::write_all(&mut data, &block).expect("write");
        }
    }
    let me = std::env::current_exe().expect("this binary");
    println!("{mib} MiB, {rounds} rounds; MiB/s and peak RSS per transfer");
    let mut results: Vec<(String, Vec<f64>, Vec<u64>)> = Vec::new();
    for _ in 0..rounds {
        for mode in ["bare-get", "s3-get", "bare-put", "s3-put"] {
            let out = Command::new(&me)
                .args(["--child", mode, &size.to_string()])
                .arg(&file)
                .output()
                .expect("run a child");
            assert!(
                out.status.success(),
                "{mode}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let line = String::from_utf8_lossy(&out.stdout);
            let fields: Vec<&str> = line.split_whitespace().collect();
            let secs: f64 = fields[1].parse().unwrap();
            let peak: u64 = fields[2].parse().unwrap();
            let rate = mib as f64 / secs;
            println!(
                "{mode:9} {rate:8.0} MiB/s  peak {:6.1} MiB",
                peak as f64 / 1024.0
            );
            match results.iter_mut().find(|(m, _, _)| m == mode) {
                Some((_, rates, peaks)) => {
                    rates.push(rate);
                    peaks.push(peak);
                }
                None => results.push((mode.to_owned(), vec![rate], vec![peak])),
            }
        }
    }
    println!("best of {rounds}:");
    let best = |mode: &str| {
        let (_, rates, peaks) = results.iter().find(|(m, _, _)| m == mode).unwrap();
        (
            rates.iter().copied().fold(0.0, f64::max),
            *peaks.iter().max().unwrap(),
        )
    };
    for (bare, ours) in [("bare-get", "s3-get"), ("bare-put", "s3-put")] {
        let (bare_rate, bare_peak) = best(bare);
        let (our_rate, our_peak) = best(ours);
        println!(
            "{ours}: {our_rate:.0} MiB/s = {:.2}x {bare} ({bare_rate:.0} MiB/s); peak RSS {:.1} MiB ({bare}: {:.1} MiB)",
            our_rate / bare_rate,
            our_peak as f64 / 1024.0,
            bare_peak as f64 / 1024.0
        );
    }
}

/// ring's provider, as the client uses by default (rustls deprecates it
/// only for its lack of post-quantum key exchange).
#[allow(deprecated)]
fn ring_provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn pattern() -> Vec<u8> {
    (0..BLOCK).map(|i| (i % 251) as u8).collect()
}

/// The process's peak resident set, KiB.
fn peak_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM")
}

async fn child(mode: &str, size: u64, file: &Path) -> (u64, f64) {
    let port = serve(size).await;
    let endpoint = format!("https://localhost:{port}");
    let started = Instant::now();
    let moved = match mode {
        "bare-get" => bare_get(&endpoint).await,
        "s3-get" => s3_get(&endpoint).await,
        "bare-put" => bare_put(&endpoint, file, size).await,
        "s3-put" => s3_put(&endpoint, file).await,
        other => panic!("unknown mode {other}"),
    };
    (moved, started.elapsed().as_secs_f64())
}

/// The HTTPS server; returns its port.
async fn serve(size: u64) -> u16 {
    let tls = tls_dir();
    let certificates = CertificateDer::pem_file_iter(tls.join("server.pem"))
        .expect("server.pem")
        .collect::<Result<Vec<_>, _>>()
        .expect("certificates");
    let key = PrivateKeyDer::from_pem_file(tls.join("server.key")).expect("server.key");
    let mut config = rustls::ServerConfig::builder_with_provider(ring_provider())
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_no_client_auth()
        .with_single_cert(certificates, key)
        .expect("the certificate and key");
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let block = Bytes::from(pattern());
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            let acceptor = acceptor.clone();
            let block = block.clone();
            tokio::spawn(async move {
                let Ok(stream) = acceptor.accept(tcp).await else {
                    return;
                };
                let service = hyper::service::service_fn(move |request: Request<Incoming>| {
                    answer(request, size, block.clone())
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    port
}

type Body = http_body_util::combinators::BoxBody<Bytes, Infallible>;

async fn answer(
    request: Request<Incoming>,
    size: u64,
    block: Bytes,
) -> Result<Response<Body>, Infallible> {
    if request.method() == http::Method::GET {
        let blocks = size.div_ceil(BLOCK as u64);
        let frames = futures_stream(blocks, move |n| {
            let left = size - n * BLOCK as u64;
            Ok(Frame::data(
                block.slice(..(left.min(BLOCK as u64) as usize)),
            ))
        });
        return Ok(Response::builder()
            .header("content-length", size)
            .header("etag", "\"bench\"")
            .header("content-type", "application/octet-stream")
            .body(StreamBody::new(frames).boxed())
            .unwrap());
    }
    let mut body = request.into_body();
    let mut read = 0u64;
    while let Some(frame) = body.frame().await {
        if let Ok(data) = frame.map(|f| f.into_data()) {
            read += data.map_or(0, |d| d.len() as u64);
        } else {
            break;
        }
    }
    let status = if read == size { 200 } else { 400 };
    Ok(Response::builder()
        .status(status)
        .header("etag", "\"bench\"")
        .body(Empty::new().boxed())
        .unwrap())
}

/// A stream of `count` items made by `make(index)`.
fn futures_stream<T>(
    count: u64,
    make: impl FnMut(u64) -> T + Unpin,
) -> Counted<impl FnMut(u64) -> T + Unpin> {
    Counted {
        next: 0,
        count,
        make,
    }
}

struct Counted<F> {
    next: u64,
    count: u64,
    make: F,
}

impl<T, F: FnMut(u64) -> T + Unpin> futures_core::Stream for Counted<F> {
    type Item = T;
    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<T>> {
        if self.next == self.count {
            return Poll::Ready(None);
        }
        let n = self.next;
        self.next += 1;
        Poll::Ready(Some((self.make)(n)))
    }
}

fn bare_client() -> hyper_util::client::legacy::Client<
    hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>,
    Body,
> {
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_file_iter(tls_dir().join("ca.pem")).expect("ca.pem") {
        roots
            .add(cert.expect("a CA certificate"))
            .expect("add the CA");
    }
    let config = rustls::ClientConfig::builder_with_provider(ring_provider())
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(config)
        .https_only()
        .enable_http1()
        .build();
    hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new()).build(https)
}

async fn bare_get(endpoint: &str) -> u64 {
    let client = bare_client();
    let uri: http::Uri = format!("{endpoint}/{BUCKET}/{KEY}").parse().unwrap();
    let response = client.get(uri).await.expect("GET");
    let mut body = response.into_body();
    let mut read = 0u64;
    while let Some(frame) = body.frame().await {
        if let Ok(data) = frame.expect("a frame").into_data() {
            read += data.len() as u64;
        }
    }
    read
}

/// A file read in 64 KiB chunks as a request body.
struct FileChunks {
    file: tokio::fs::File,
    buffer: Vec<u8>,
}

impl futures_core::Stream for FileChunks {
    type Item = Result<Frame<Bytes>, Infallible>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        this.buffer.resize(CHUNK, 0);
        let mut read = tokio::io::ReadBuf::new(&mut this.buffer);
        match Pin::new(&mut this.file).poll_read(cx, &mut read) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Err(error)) => panic!("reading the file: {error}"),
            Poll::Ready(Ok(())) if read.filled().is_empty() => Poll::Ready(None),
            Poll::Ready(Ok(())) => {
                let chunk = Bytes::copy_from_slice(read.filled());
                Poll::Ready(Some(Ok(Frame::data(chunk))))
            }
        }
    }
}

async fn bare_put(endpoint: &str, file: &Path, size: u64) -> u64 {
    let client = bare_client();
    let chunks = FileChunks {
        file: tokio::fs::File::open(file).await.expect("open"),
        buffer: Vec::new(),
    };
    let request = Request::put(format!("{endpoint}/{BUCKET}/{KEY}"))
        .header("content-length", size)
        .body(StreamBody::new(chunks).boxed())
        .unwrap();
    let response = client.request(request).await.expect("PUT");
    assert_eq!(response.status(), 200, "the server read the whole body");
    size
}

fn s3_client(endpoint: &str) -> s3::Client {
    s3::Client::new(
        awsgen_client::Client::builder()
            .region("us-east-1")
            .credentials(Credentials::new("AKIDBENCH", "bench-secret", None, "bench"))
            .endpoint_url(endpoint)
            .endpoint_options(EndpointOptions::new().s3_force_path_style(true))
            .ca_bundle_file(tls_dir().join("ca.pem"))
            .build()
            .expect("an S3 client"),
    )
}

async fn s3_get(endpoint: &str) -> u64 {
    let s3 = s3_client(endpoint);
    let output = s3
        .get_object(s3::GetObjectRequest::new(BUCKET, KEY))
        .await
        .expect("GetObject");
    let mut stream = output.body.expect("a body").open().expect("open");
    let mut read = 0u64;
    while let Some(chunk) = byte_stream::next(&mut stream).await {
        read += chunk.expect("a chunk").len() as u64;
    }
    read
}

async fn s3_put(endpoint: &str, file: &Path) -> u64 {
    let s3 = s3_client(endpoint);
    let body = file_stream(file).expect("the file");
    let size = body.length().expect("a length");
    s3.put_object(s3::PutObjectRequest::new(BUCKET, KEY).with_body(body))
        .await
        .expect("PutObject");
    size
}
