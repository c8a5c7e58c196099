//! Heap allocations per `StartImageScan` call, counted by a wrapping global
//! allocator: the whole call through a closure connector (no network), then
//! the response parse alone. A counting harness rather than a timing one, so
//! its figures are exact and repeatable; see BENCHMARKS.md ("Transport").
//!
//! ```sh
//! cargo run --release -p awsgen-client --example allocations
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering};

use awsgen_client::{connector_fn, ConnectorError, Credentials};
use bytes::Bytes;
use ecr_types::{ImageIdentifier, StartImageScanRequest, StartImageScanResponse};

/// The system allocator, counting every allocation and reallocation.
struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; the
// counters are only added to.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(layout.size() as u64, Ordering::Relaxed);
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc`/`realloc` above, with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(new_size as u64, Ordering::Relaxed);
        // SAFETY: the caller upholds `GlobalAlloc::realloc`'s contract.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// What ECR answers to a started scan (as in the criterion bench).
const STARTED: &[u8] = br#"{"registryId":"123456789012","repositoryName":"team/app","imageId":{"imageDigest":"sha256:4ae3b0f6e7c5b1d2a9c8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6","imageTag":"v1"},"imageScanStatus":{"status":"IN_PROGRESS"}}"#;
const CALLS: u64 = 1_000;

/// Allocations and bytes per run of `work`, averaged over `CALLS` runs after
/// one warm-up run (which fills the client's caches).
fn per_call(mut work: impl FnMut()) -> (f64, f64) {
    work();
    let (calls_before, bytes_before) = (
        ALLOCATIONS.load(Ordering::Relaxed),
        BYTES.load(Ordering::Relaxed),
    );
    for _ in 0..CALLS {
        work();
    }
    let calls = ALLOCATIONS.load(Ordering::Relaxed) - calls_before;
    let bytes = BYTES.load(Ordering::Relaxed) - bytes_before;
    (calls as f64 / CALLS as f64, bytes as f64 / CALLS as f64)
}

fn main() -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .map_err(|e| format!("tokio runtime: {e}"))?;
    let connector = connector_fn(|_request| async {
        let mut response = http::Response::new(Bytes::from_static(STARTED));
        response.headers_mut().insert(
            "x-amzn-requestid",
            http::HeaderValue::from_static("b3f0c8a2-5d1e-4a7b-9c6d-2e8f1a0b3c4d"),
        );
        Ok::<_, ConnectorError>(response)
    });
    let inner = awsgen_client::Client::builder()
        .region("us-east-1")
        .credentials(Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            None,
            "allocations",
        ))
        .endpoint_url("https://api.ecr.us-east-1.amazonaws.com")
        .connector(connector)
        .build()
        .map_err(|e| format!("client: {e}"))?;
    let client = ecr_types::Client::new(inner);
    let request =
        || StartImageScanRequest::new("team/app", ImageIdentifier::new().with_image_tag("v1"));

    let mut failed = None;
    let whole = per_call(|| {
        if let Err(e) = runtime.block_on(client.start_image_scan(request())) {
            failed = Some(e.to_string());
        }
    });
    if let Some(error) = failed {
        return Err(format!("the canned call failed: {error}"));
    }
    let input = per_call(|| drop(request()));
    let parse = per_call(|| {
        let _ = awsgen_types::json::from_slice::<StartImageScanResponse>(STARTED);
    });
    println!("what                                   allocations  bytes");
    for (what, (calls, bytes)) in [
        (
            "whole call (minus building the input)",
            (whole.0 - input.0, whole.1 - input.1),
        ),
        ("building the input (caller's side)", input),
        ("parsing the output alone", parse),
    ] {
        println!("{what:<38} {calls:>11.1} {bytes:>6.0}");
    }
    Ok(())
}
