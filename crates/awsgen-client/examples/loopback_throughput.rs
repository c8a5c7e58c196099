//! Throughput and latency of the client against a canned-response hyper
//! server on 127.0.0.1, next to two references:
//!
//! - `floor`: a bare hyper-util client sending one pre-built request over and
//!   over: the exact bytes our client sends (headers, signature, body),
//!   captured once, so it does no serialization, signing or parsing at all;
//! - `connector`: that same pre-built request through our `HyperConnector`
//!   alone, which separates the HTTP stack from the client's own work;
//! - `signed floor`: the floor's client and request, but signed afresh for
//!   each request with the client's own `Signer` and signing path (new date,
//!   new signature), which separates SigV4's fixed cost from the rest of the
//!   client's work.
//!
//! ```sh
//! cargo run --release -p awsgen-client --example loopback_throughput -- \
//!     [--runtime split|shared|process] [--requests N] [--seconds S] [--rounds R] [--only PREFIX]
//! ```
//!
//! Each measurement is bounded by N requests (default 20000) and S seconds
//! (default 10), after a warm-up; it runs R rounds (default 3). The table
//! keeps each row's best round; the last lines give ours / floor (and ours /
//! signed floor) round by round (the rows of one round run seconds apart, so the pair shares
//! the machine's state of the moment), as a median and range, which the
//! machine's drift between rounds moves far less than it moves the best
//! rates. `--runtime split` (default) gives the server its own thread and
//! current-thread runtime and the clients another, so on 2 cores each side
//! has a core and the client's CPU cost per request decides the rate.
//! `--runtime shared` runs server and clients on one multi-thread runtime
//! with 2 workers, as a `#[tokio::main]` program would. `--runtime process`
//! puts the server in a child process with its own multi-thread runtime, and
//! the clients on a multi-thread runtime of one worker per core. `--only` measures
//! just the rows whose name starts with PREFIX (for profiling).
//! Method and recorded figures: BENCHMARKS.md ("Transport").

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use awsgen_auth::{Signer, SigningParams, SigningSettings};
use awsgen_client::{
    connector_fn, ClientBuilder, ConnectorError, Credentials, HttpConnector as _, HyperConnector,
    TimeoutConfig, DEFAULT_MAX_RESPONSE_BYTES,
};
use bytes::Bytes;
use ecr_types::{ImageIdentifier, StartImageScanRequest};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::client::legacy::connect::HttpConnector as TcpConnector;
use hyper_util::client::legacy::Client as LegacyClient;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::sync::oneshot;

const STARTED: &[u8] = br#"{"registryId":"123456789012","repositoryName":"team/app","imageId":{"imageDigest":"sha256:4ae3b0f6e7c5b1d2a9c8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6","imageTag":"v1"},"imageScanStatus":{"status":"IN_PROGRESS"}}"#;
const CONCURRENCY: usize = 16;
const WARMUP_REQUESTS: usize = 1000;
const ROWS: [&str; 8] = [
    "floor, sequential",
    "connector, sequential",
    "signed floor, sequential",
    "ours, sequential",
    "floor, 16 concurrent",
    "connector, 16 concurrent",
    "signed floor, 16 concurrent",
    "ours, 16 concurrent",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum RuntimeMode {
    Split,
    Shared,
    Process,
}

struct Settings {
    runtime: RuntimeMode,
    requests: usize,
    seconds: u64,
    rounds: usize,
    only: Option<String>,
    /// Internal (`--serve stdout`): be the server of `--runtime process`,
    /// print the bound address, and serve until stdin closes.
    serve: bool,
}

fn parse_settings() -> Result<Settings, String> {
    let mut settings = Settings {
        runtime: RuntimeMode::Split,
        requests: 20_000,
        seconds: 10,
        rounds: 3,
        only: None,
        serve: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let count = || -> Result<usize, String> {
            match value.parse::<usize>() {
                Ok(n) if n > 0 => Ok(n),
                _ => Err(format!(
                    "{flag} expects a whole number above 0, got `{value}`"
                )),
            }
        };
        match flag.as_str() {
            "--requests" => settings.requests = count()?,
            "--seconds" => settings.seconds = count()? as u64,
            "--rounds" => settings.rounds = count()?,
            "--only" => settings.only = Some(value),
            "--runtime" => {
                settings.runtime = match value.as_str() {
                    "split" => RuntimeMode::Split,
                    "shared" => RuntimeMode::Shared,
                    "process" => RuntimeMode::Process,
                    _ => {
                        return Err(format!(
                            "--runtime expects split, shared or process, got `{value}`"
                        ))
                    }
                }
            }
            "--serve" => {
                settings.serve = match value.as_str() {
                    "stdout" => true,
                    _ => return Err(format!("--serve expects stdout, got `{value}`")),
                }
            }
            _ => {
                return Err(format!(
                    "unknown option {flag} (expected --runtime, --requests, --seconds, --rounds, --only)"
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

/// Runs `one` from `concurrency` tasks until `requests` calls were started
/// or `limit` passed.
async fn measure<F, Fut>(one: F, concurrency: usize, requests: usize, limit: Duration) -> Sample
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: Future<Output = bool> + Send + 'static,
{
    let started = Instant::now();
    let deadline = started + limit;
    let issued = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let one = one.clone();
            let issued = Arc::clone(&issued);
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut errors = 0;
                while issued.fetch_add(1, Ordering::Relaxed) < requests && Instant::now() < deadline
                {
                    let begun = Instant::now();
                    if one().await {
                        latencies.push(begun.elapsed());
                    } else {
                        errors += 1;
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut sample = Sample {
        latencies: Vec::with_capacity(requests),
        elapsed: Duration::ZERO,
        errors: 0,
    };
    for task in tasks {
        match task.await {
            Ok((latencies, errors)) => {
                sample.latencies.extend(latencies);
                sample.errors += errors;
            }
            Err(_) => sample.errors += 1,
        }
    }
    sample.elapsed = started.elapsed();
    sample
}

/// Accepts connections until `stopped` fires; every request gets the canned
/// StartImageScan output.
async fn serve(listener: std::net::TcpListener, mut stopped: oneshot::Receiver<()>) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        eprintln!("loopback_throughput: the listener cannot join the runtime");
        return;
    };
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = &mut stopped => return,
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
}

/// The runtime the clients run on, and the server placed per `mode`.
struct Setup {
    runtime: tokio::runtime::Runtime,
    addr: SocketAddr,
    server: Server,
}

/// Where the server runs, and how it is stopped.
enum Server {
    /// `split`: its own thread, stopped by the signal.
    Thread(oneshot::Sender<()>, std::thread::JoinHandle<()>),
    /// `shared`: a task on the clients' runtime, stopped by the signal.
    Task(oneshot::Sender<()>),
    /// `process`: a child process, which ends when its stdin closes.
    Process(std::process::Child),
}

impl Server {
    fn shut_down(self) {
        match self {
            Server::Thread(stop, thread) => {
                let _ = stop.send(());
                let _ = thread.join();
            }
            Server::Task(stop) => {
                let _ = stop.send(());
            }
            Server::Process(mut child) => {
                drop(child.stdin.take());
                let _ = child.wait();
            }
        }
    }
}

/// A non-blocking listener on a free port of 127.0.0.1, and its address.
fn bind_loopback() -> Result<(std::net::TcpListener, SocketAddr), String> {
    let listener =
        std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| format!("bind 127.0.0.1:0: {e}"))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| format!("non-blocking listener: {e}"))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("local address: {e}"))?;
    Ok((listener, addr))
}

/// The server side of `--runtime process`: a `#[tokio::main]`-style runtime
/// (one worker per core) serving until the parent closes stdin.
fn serve_process() -> Result<(), String> {
    let (listener, addr) = bind_loopback()?;
    println!("{addr}");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("runtime: {e}"))?;
    let (stop, stopped) = oneshot::channel();
    std::thread::spawn(move || {
        // Blocks until the parent closes our stdin (or dies).
        let _ = std::io::copy(&mut std::io::stdin(), &mut std::io::sink());
        let _ = stop.send(());
    });
    runtime.block_on(serve(listener, stopped));
    Ok(())
}

/// Starts `serve_process` in a child and reads the address it bound.
fn spawn_server_process() -> Result<(std::process::Child, SocketAddr), String> {
    use std::io::BufRead as _;
    let exe = std::env::current_exe().map_err(|e| format!("own executable: {e}"))?;
    let mut child = std::process::Command::new(exe)
        .args(["--serve", "stdout"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("starting the server process: {e}"))?;
    let stdout = child
        .stdout
        .take()
        .ok_or("the server process has no stdout")?;
    let mut line = String::new();
    std::io::BufReader::new(stdout)
        .read_line(&mut line)
        .map_err(|e| format!("reading the server address: {e}"))?;
    let addr = line
        .trim()
        .parse()
        .map_err(|e| format!("server address `{}`: {e}", line.trim()))?;
    Ok((child, addr))
}

fn set_up(mode: RuntimeMode) -> Result<Setup, String> {
    let current_thread = || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("runtime: {e}"))
    };
    match mode {
        RuntimeMode::Split => {
            let (listener, addr) = bind_loopback()?;
            let (stop, stopped) = oneshot::channel();
            let server_runtime = current_thread()?;
            let server_thread =
                std::thread::spawn(move || server_runtime.block_on(serve(listener, stopped)));
            Ok(Setup {
                runtime: current_thread()?,
                addr,
                server: Server::Thread(stop, server_thread),
            })
        }
        RuntimeMode::Shared => {
            let (listener, addr) = bind_loopback()?;
            let (stop, stopped) = oneshot::channel();
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .map_err(|e| format!("runtime: {e}"))?;
            runtime.spawn(serve(listener, stopped));
            Ok(Setup {
                runtime,
                addr,
                server: Server::Task(stop),
            })
        }
        RuntimeMode::Process => {
            let (child, addr) = spawn_server_process()?;
            // What `#[tokio::main]` builds: one worker per core.
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .map_err(|e| format!("runtime: {e}"))?;
            Ok(Setup {
                runtime,
                addr,
                server: Server::Process(child),
            })
        }
    }
}

fn scan_request() -> StartImageScanRequest {
    StartImageScanRequest::new("team/app", ImageIdentifier::new().with_image_tag("v1"))
}

fn bench_credentials() -> Credentials {
    Credentials::new(
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        None,
        "bench",
    )
}

/// Our client's settings, shared by the measured client and the recorder.
fn our_builder(addr: SocketAddr) -> ClientBuilder {
    awsgen_client::Client::builder()
        .region("us-east-1")
        .credentials(bench_credentials())
        .endpoint_url(format!("http://{addr}"))
}

/// The exact request our client sends, captured through a recording connector.
fn captured_request(addr: SocketAddr) -> Result<http::Request<Bytes>, String> {
    let captured = Arc::new(Mutex::new(None));
    let slot = Arc::clone(&captured);
    let recorder = connector_fn(move |request: http::Request<Bytes>| {
        *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(request);
        async { Ok::<_, ConnectorError>(http::Response::new(Bytes::from_static(STARTED))) }
    });
    let client = ecr_types::Client::new(
        our_builder(addr)
            .connector(recorder)
            .build()
            .map_err(|e| format!("recording client: {e}"))?,
    );
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("capture runtime: {e}"))?
        .block_on(client.start_image_scan(scan_request()))
        .map_err(|e| format!("capturing the request: {e}"))?;
    let request = captured
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    request.ok_or_else(|| "the recording connector saw no request".to_owned())
}

/// `http::Request` is not `Clone`; the body is shared (`Bytes`), the head copied.
fn clone_request(request: &http::Request<Bytes>) -> http::Request<Bytes> {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.headers_mut() = request.headers().clone();
    copy
}

type Floor = LegacyClient<TcpConnector, Full<Bytes>>;

/// Sends `request` through the bare client and reads the whole response.
async fn send_raw(client: &Floor, request: http::Request<Bytes>) -> bool {
    match client.request(request.map(Full::new)).await {
        Ok(response) => {
            response.status().is_success() && response.into_body().collect().await.is_ok()
        }
        Err(_) => false,
    }
}

async fn floor_once(client: Floor, request: Arc<http::Request<Bytes>>) -> bool {
    send_raw(&client, clone_request(&request)).await
}

/// What the signed floor shares between its requests: the signer remembers
/// the derived key, as our client's does, and the headers to sign are
/// listed once, in name order, as the client lists its own.
struct SignedFloor {
    signer: Signer,
    credentials: Credentials,
    settings: SigningSettings,
    listed: Vec<(http::HeaderName, http::HeaderValue)>,
}

impl SignedFloor {
    fn new(request: &http::Request<Bytes>) -> Self {
        // The signature's own headers are left out; the signer adds them.
        let mut listed: Vec<_> = request
            .headers()
            .iter()
            .filter(|(name, _)| {
                *name != http::header::AUTHORIZATION && name.as_str() != "x-amz-date"
            })
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect();
        listed.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
        SignedFloor {
            signer: Signer::new(),
            credentials: bench_credentials(),
            settings: SigningSettings::default(),
            listed,
        }
    }
}

/// The floor's request, signed afresh through the signer's cheapest path
/// (the one the client takes): the captured `X-Amz-Date` and
/// `Authorization` are replaced with new ones.
async fn signed_floor_once(
    client: Floor,
    request: Arc<http::Request<Bytes>>,
    signing: Arc<SignedFloor>,
) -> bool {
    let mut request = clone_request(&request);
    let params = SigningParams {
        credentials: &signing.credentials,
        region: "us-east-1",
        service: "ecr",
        time: std::time::SystemTime::now(),
        settings: &signing.settings,
    };
    let listed = signing.listed.iter().map(|(name, value)| (name, value));
    let Ok(added) = signing.signer.sign_headers(
        request.method(),
        request.uri(),
        listed,
        awsgen_auth::SignedPayload::Bytes(request.body()),
        &params,
    ) else {
        return false;
    };
    added.insert_into(request.headers_mut());
    send_raw(&client, request).await
}

async fn connector_once(
    connector: Arc<HyperConnector>,
    request: Arc<http::Request<Bytes>>,
) -> bool {
    matches!(
        connector.call(clone_request(&request)).await,
        Ok(response) if response.status().is_success()
    )
}

async fn ours_once(client: ecr_types::Client) -> bool {
    client.start_image_scan(scan_request()).await.is_ok()
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
    if settings.serve {
        return serve_process();
    }
    let setup = set_up(settings.runtime)?;
    let addr = setup.addr;

    let prebuilt = Arc::new(captured_request(addr)?);
    let mut tcp = TcpConnector::new();
    tcp.set_nodelay(true);
    let floor: Floor = LegacyClient::builder(TokioExecutor::new()).build(tcp);
    let connector = Arc::new(
        HyperConnector::new(TimeoutConfig::DEFAULT_CONNECT, DEFAULT_MAX_RESPONSE_BYTES)
            .map_err(|e| format!("connector: {e}"))?,
    );
    let ours = ecr_types::Client::new(
        our_builder(addr)
            .build()
            .map_err(|e| format!("client: {e}"))?,
    );

    let signing = Arc::new(SignedFloor::new(&prebuilt));
    let signed_floor_call = {
        let prebuilt = Arc::clone(&prebuilt);
        let floor = floor.clone();
        move || signed_floor_once(floor.clone(), Arc::clone(&prebuilt), Arc::clone(&signing))
    };
    let floor_call = {
        let prebuilt = Arc::clone(&prebuilt);
        move || floor_once(floor.clone(), Arc::clone(&prebuilt))
    };
    let connector_call = move || connector_once(Arc::clone(&connector), Arc::clone(&prebuilt));
    let ours_call = move || ours_once(ours.clone());

    let limit = Duration::from_secs(settings.seconds);
    let wanted = |name: &str| {
        settings
            .only
            .as_deref()
            .is_none_or(|only| name.starts_with(only))
    };
    let mut best: Vec<Option<Sample>> = ROWS.iter().map(|_| None).collect();
    // Every round's rate of every row, for the paired ratios.
    let mut rates: Vec<Vec<f64>> = ROWS.iter().map(|_| Vec::new()).collect();
    setup.runtime.block_on(async {
        // Warm-up: connections opened, code paths hot.
        measure(floor_call.clone(), CONCURRENCY, WARMUP_REQUESTS, limit).await;
        measure(connector_call.clone(), CONCURRENCY, WARMUP_REQUESTS, limit).await;
        measure(
            signed_floor_call.clone(),
            CONCURRENCY,
            WARMUP_REQUESTS,
            limit,
        )
        .await;
        measure(ours_call.clone(), CONCURRENCY, WARMUP_REQUESTS, limit).await;
        for round in 1..=settings.rounds {
            eprintln!("round {round} of {}", settings.rounds);
            for ((name, kept), row_rates) in ROWS.iter().zip(best.iter_mut()).zip(rates.iter_mut())
            {
                if !wanted(name) {
                    continue;
                }
                let concurrency = if name.ends_with("sequential") {
                    1
                } else {
                    CONCURRENCY
                };
                let n = settings.requests;
                let sample = if name.starts_with("floor") {
                    measure(floor_call.clone(), concurrency, n, limit).await
                } else if name.starts_with("connector") {
                    measure(connector_call.clone(), concurrency, n, limit).await
                } else if name.starts_with("signed floor") {
                    measure(signed_floor_call.clone(), concurrency, n, limit).await
                } else {
                    measure(ours_call.clone(), concurrency, n, limit).await
                };
                row_rates.push(sample.per_second());
                if kept
                    .as_ref()
                    .is_none_or(|k| sample.per_second() > k.per_second())
                {
                    *kept = Some(sample);
                }
            }
        }
    });
    setup.server.shut_down();
    drop(setup.runtime);

    let mode = match settings.runtime {
        RuntimeMode::Split => "split",
        RuntimeMode::Shared => "shared",
        RuntimeMode::Process => "process",
    };
    println!("runtime: {mode}; best of {} rounds", settings.rounds);
    println!(
        "{:<26} {:>10} {:>10} {:>10} {:>8} {:>7}",
        "client", "req/s", "p50 us", "p99 us", "count", "errors"
    );
    for (name, sample) in ROWS.iter().zip(&best) {
        if let Some(s) = sample {
            println!(
                "{:<26} {:>10.0} {:>10.1} {:>10.1} {:>8} {:>7}",
                name,
                s.per_second(),
                s.percentile(0.50).as_secs_f64() * 1e6,
                s.percentile(0.99).as_secs_f64() * 1e6,
                s.latencies.len(),
                s.errors
            );
        }
    }
    let rate = |i: usize| best[i].as_ref().map(Sample::per_second);
    if let (Some(f1), Some(o1), Some(f16), Some(o16)) = (rate(0), rate(3), rate(4), rate(7)) {
        println!(
            "ours / floor: sequential {:.0}%, 16 concurrent {:.0}%",
            100.0 * o1 / f1,
            100.0 * o16 / f16
        );
    }
    for (reference, label, reference_row, ours_row) in [
        ("floor", "sequential", 0, 3),
        ("floor", "16 concurrent", 4, 7),
        ("signed floor", "sequential", 2, 3),
        ("signed floor", "16 concurrent", 6, 7),
    ] {
        if let Some(summary) = paired_ratios(&rates[reference_row], &rates[ours_row]) {
            println!("ours / {reference} round by round, {label}: {summary}");
        }
    }
    Ok(())
}

/// The median and range of ours / floor over the rounds that measured both,
/// or `None` when none did.
fn paired_ratios(floor: &[f64], ours: &[f64]) -> Option<String> {
    let mut ratios: Vec<f64> = floor.iter().zip(ours).map(|(f, o)| 100.0 * o / f).collect();
    if ratios.is_empty() {
        return None;
    }
    ratios.sort_by(f64::total_cmp);
    let middle = ratios.len() / 2;
    let median = if ratios.len() % 2 == 0 {
        (ratios[middle - 1] + ratios[middle]) / 2.0
    } else {
        ratios[middle]
    };
    Some(format!(
        "median {median:.0}% over {} rounds (lowest {:.0}%, highest {:.0}%)",
        ratios.len(),
        ratios[0],
        ratios[ratios.len() - 1]
    ))
}
