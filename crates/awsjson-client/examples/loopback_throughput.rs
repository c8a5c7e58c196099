//! Throughput and latency of the client against a canned-response hyper
//! server on 127.0.0.1, next to a bare hyper-util client sending one
//! pre-built, pre-signed request over and over (the floor: no per-request
//! serialization, signing or parsing at all).
//!
//! ```sh
//! cargo run --release -p awsjson-client --example loopback_throughput -- \
//!     [--requests N] [--seconds S] [--rounds R]
//! ```
//!
//! Each round runs four measurements, sequential then 16 concurrent, floor
//! then ours, each bounded by N requests (default 20000) and S seconds
//! (default 10). The server runs on its own thread (one Tokio
//! current-thread runtime), the clients on the main thread (another), so on a
//! 2-core machine each side gets one core. The best round of each
//! measurement is reported with its p50/p99 latency, then ours as a share of
//! the floor. Methodology and recorded figures: BENCHMARKS.md ("Transport").

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use awsjson_client::{
    connector_fn, ConnectorError, Credentials, HttpConnector as _, HyperConnector,
};
use bytes::Bytes;
use ecr_types::{ImageIdentifier, StartImageScanRequest};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::client::legacy::connect::HttpConnector as TcpConnector;
use hyper_util::client::legacy::Client as LegacyClient;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

const STARTED: &[u8] = br#"{"registryId":"123456789012","repositoryName":"team/app","imageId":{"imageDigest":"sha256:4ae3b0f6e7c5b1d2a9c8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6","imageTag":"v1"},"imageScanStatus":{"status":"IN_PROGRESS"}}"#;
const CONCURRENCY: usize = 16;
const WARMUP_REQUESTS: usize = 500;

struct Settings {
    requests: usize,
    seconds: u64,
    rounds: usize,
    /// Measure only the clients whose name starts with this (for profiling).
    only: Option<String>,
}

fn parse_settings() -> Result<Settings, String> {
    let mut settings = Settings {
        requests: 20_000,
        seconds: 10,
        rounds: 3,
        only: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .ok_or_else(|| format!("{flag} needs a value"))?;
        if flag == "--only" {
            settings.only = Some(value);
            continue;
        }
        let number: u64 = value
            .parse()
            .map_err(|_| format!("{flag} expects a whole number, got `{value}`"))?;
        if number == 0 {
            return Err(format!("{flag} must be at least 1"));
        }
        let as_usize = usize::try_from(number).map_err(|_| format!("{flag} is too large"))?;
        match flag.as_str() {
            "--requests" => settings.requests = as_usize,
            "--seconds" => settings.seconds = number,
            "--rounds" => settings.rounds = as_usize,
            _ => {
                return Err(format!(
                    "unknown option {flag} (expected --requests, --seconds, --rounds, --only)"
                ))
            }
        }
    }
    Ok(settings)
}

/// Latencies and wall time of one measurement.
struct Sample {
    latencies: Vec<Duration>,
    elapsed: Duration,
    errors: usize,
}

impl Sample {
    fn per_second(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64()
    }

    fn percentile(&self, p: f64) -> Duration {
        let mut sorted = self.latencies.clone();
        sorted.sort_unstable();
        let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
        sorted.get(rank).copied().unwrap_or_default()
    }
}

/// Runs `one` until `requests` calls finished or `limit` passed, from
/// `concurrency` tasks sharing the count.
async fn measure<F, Fut>(one: F, concurrency: usize, requests: usize, limit: Duration) -> Sample
where
    F: Fn() -> Fut + Clone + 'static,
    Fut: Future<Output = bool> + 'static,
{
    let started = Instant::now();
    let deadline = started + limit;
    let issued = Arc::new(AtomicUsize::new(0));
    let local = tokio::task::LocalSet::new();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let one = one.clone();
        let issued = Arc::clone(&issued);
        tasks.push(local.spawn_local(async move {
            let mut latencies = Vec::new();
            let mut errors = 0;
            while issued.fetch_add(1, Ordering::Relaxed) < requests && Instant::now() < deadline {
                let begun = Instant::now();
                if one().await {
                    latencies.push(begun.elapsed());
                } else {
                    errors += 1;
                }
            }
            (latencies, errors)
        }));
    }
    let results = local
        .run_until(async {
            let mut all = Vec::new();
            for task in tasks {
                all.push(task.await);
            }
            all
        })
        .await;
    let elapsed = started.elapsed();
    let mut sample = Sample {
        latencies: Vec::with_capacity(requests),
        elapsed,
        errors: 0,
    };
    for result in results {
        match result {
            Ok((latencies, errors)) => {
                sample.latencies.extend(latencies);
                sample.errors += errors;
            }
            Err(_) => sample.errors += 1,
        }
    }
    sample
}

/// The canned server: answers every request with the StartImageScan output.
fn start_server() -> Result<(SocketAddr, oneshot::Sender<()>, std::thread::JoinHandle<()>), String>
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("server runtime: {e}"))?;
    let listener = runtime
        .block_on(TcpListener::bind("127.0.0.1:0"))
        .map_err(|e| format!("bind 127.0.0.1:0: {e}"))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("local address: {e}"))?;
    let (stop, mut stopped) = oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        runtime.block_on(async move {
            loop {
                let accepted = tokio::select! {
                    accepted = listener.accept() => accepted,
                    _ = &mut stopped => break,
                };
                let Ok((stream, _)) = accepted else { continue };
                let _ = stream.set_nodelay(true);
                tokio::spawn(async move {
                    let service = service_fn(|request: http::Request<Incoming>| async move {
                        // Read the request fully, as a real server would.
                        let _ = request.into_body().collect().await;
                        let mut response = http::Response::new(Full::new(Bytes::from_static(STARTED)));
                        let headers = response.headers_mut();
                        headers.insert(
                            "content-type",
                            http::HeaderValue::from_static("application/x-amz-json-1.1"),
                        );
                        headers.insert(
                            "x-amzn-requestid",
                            http::HeaderValue::from_static("b3f0c8a2-5d1e-4a7b-9c6d-2e8f1a0b3c4d"),
                        );
                        Ok::<_, Infallible>(response)
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
    });
    Ok((addr, stop, thread))
}

/// The floor's request: exactly the bytes our client sends (headers,
/// signature, body), captured once through a recording connector.
fn captured_request(addr: SocketAddr) -> Result<http::Request<Bytes>, String> {
    let captured = Arc::new(Mutex::new(None));
    let slot = Arc::clone(&captured);
    let recorder = connector_fn(move |request: http::Request<Bytes>| {
        let slot = Arc::clone(&slot);
        async move {
            *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(request);
            let mut response = http::Response::new(Bytes::from_static(STARTED));
            *response.status_mut() = http::StatusCode::OK;
            Ok::<_, ConnectorError>(response)
        }
    });
    let client = ecr_types::Client::new(
        our_builder(addr)
            .connector(recorder)
            .build()
            .map_err(|e| format!("recording client: {e}"))?,
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("capture runtime: {e}"))?;
    runtime
        .block_on(client.start_image_scan(scan_request()))
        .map_err(|e| format!("capturing the request: {e}"))?;
    let request = captured
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    request.ok_or_else(|| "the recording connector saw no request".to_owned())
}

/// Our client's settings, shared by the measured client and the recorder.
fn our_builder(addr: SocketAddr) -> awsjson_client::ClientBuilder {
    awsjson_client::Client::builder()
        .region("us-east-1")
        .credentials(credentials())
        .endpoint_url(format!("http://{addr}"))
}

fn scan_request() -> StartImageScanRequest {
    StartImageScanRequest::new("team/app", ImageIdentifier::new().with_image_tag("v1"))
}

fn credentials() -> Credentials {
    Credentials::new(
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        None,
        "bench",
    )
}

type Floor = LegacyClient<TcpConnector, Full<Bytes>>;

/// `http::Request` is not `Clone`; the body is shared (`Bytes`), the head copied.
fn clone_request(request: &http::Request<Bytes>) -> http::Request<Bytes> {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.headers_mut() = request.headers().clone();
    copy
}

async fn floor_once(client: Floor, request: Arc<http::Request<Bytes>>) -> bool {
    match client.request(clone_request(&request).map(Full::new)).await {
        Ok(response) => {
            let ok = response.status().is_success();
            ok && response.into_body().collect().await.is_ok()
        }
        Err(_) => false,
    }
}

async fn connector_once(connector: Arc<HyperConnector>, request: Arc<http::Request<Bytes>>) -> bool {
    let copy = clone_request(&request);
    matches!(connector.call(copy).await, Ok(response) if response.status().is_success())
}

async fn ours_once(client: ecr_types::Client) -> bool {
    client.start_image_scan(scan_request()).await.is_ok()
}

struct Best {
    name: &'static str,
    sample: Option<Sample>,
}

impl Best {
    fn new(name: &'static str) -> Self {
        Best { name, sample: None }
    }

    fn keep(&mut self, sample: Sample) {
        if self
            .sample
            .as_ref()
            .is_none_or(|best| sample.per_second() > best.per_second())
        {
            self.sample = Some(sample);
        }
    }

    fn row(&self) -> Option<String> {
        let s = self.sample.as_ref()?;
        Some(format!(
            "{:<26} {:>10.0} {:>10.1} {:>10.1} {:>8} {:>7}",
            self.name,
            s.per_second(),
            s.percentile(0.50).as_secs_f64() * 1e6,
            s.percentile(0.99).as_secs_f64() * 1e6,
            s.latencies.len(),
            s.errors
        ))
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("loopback_throughput: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let settings = parse_settings()?;
    let (addr, stop, server) = start_server()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("client runtime: {e}"))?;

    let mut tcp = TcpConnector::new();
    tcp.set_nodelay(true);
    let floor: Floor = LegacyClient::builder(TokioExecutor::new()).build(tcp);
    let prebuilt = Arc::new(captured_request(addr)?);
    let ours = ecr_types::Client::new(
        our_builder(addr)
            .build()
            .map_err(|e| format!("client: {e}"))?,
    );
    let connector = Arc::new(
        HyperConnector::new(
            awsjson_client::TimeoutConfig::DEFAULT_CONNECT,
            awsjson_client::DEFAULT_MAX_RESPONSE_BYTES,
        )
        .map_err(|e| format!("connector: {e}"))?,
    );

    let floor_call = {
        let floor = floor.clone();
        let prebuilt = Arc::clone(&prebuilt);
        move || floor_once(floor.clone(), Arc::clone(&prebuilt))
    };
    let connector_call = {
        let prebuilt = Arc::clone(&prebuilt);
        move || connector_once(Arc::clone(&connector), Arc::clone(&prebuilt))
    };
    let ours_call = {
        let ours = ours.clone();
        move || ours_once(ours.clone())
    };

    let limit = Duration::from_secs(settings.seconds);
    let mut results = [
        Best::new("floor, sequential"),
        Best::new("connector, sequential"),
        Best::new("ours, sequential"),
        Best::new("floor, 16 concurrent"),
        Best::new("connector, 16 concurrent"),
        Best::new("ours, 16 concurrent"),
    ];
    let wanted = |name: &str| settings.only.as_deref().is_none_or(|only| name.starts_with(only));
    runtime.block_on(async {
        // Warm-up: connections opened, code paths hot.
        measure(floor_call.clone(), CONCURRENCY, WARMUP_REQUESTS, limit).await;
        measure(connector_call.clone(), CONCURRENCY, WARMUP_REQUESTS, limit).await;
        measure(ours_call.clone(), CONCURRENCY, WARMUP_REQUESTS, limit).await;
        let n = settings.requests;
        for round in 1..=settings.rounds {
            eprintln!("round {round} of {}", settings.rounds);
            for best in &mut results {
                if !wanted(best.name) {
                    continue;
                }
                let concurrency = if best.name.ends_with("sequential") { 1 } else { CONCURRENCY };
                let sample = if best.name.starts_with("floor") {
                    measure(floor_call.clone(), concurrency, n, limit).await
                } else if best.name.starts_with("connector") {
                    measure(connector_call.clone(), concurrency, n, limit).await
                } else {
                    measure(ours_call.clone(), concurrency, n, limit).await
                };
                best.keep(sample);
            }
        }
    });
    let _ = stop.send(());
    let _ = server.join();

    println!(
        "{:<26} {:>10} {:>10} {:>10} {:>8} {:>7}",
        "client", "req/s", "p50 us", "p99 us", "count", "errors"
    );
    for best in &results {
        if let Some(line) = best.row() {
            println!("{line}");
        }
    }
    let rate = |i: usize| {
        results
            .get(i)
            .and_then(|b| b.sample.as_ref())
            .map_or(f64::NAN, Sample::per_second)
    };
    println!(
        "ours / floor: sequential {:.0}%, 16 concurrent {:.0}%",
        100.0 * rate(2) / rate(0),
        100.0 * rate(5) / rate(3)
    );
    Ok(())
}
