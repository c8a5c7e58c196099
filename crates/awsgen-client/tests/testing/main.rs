//! The `testing` feature: replaying a recording checked into the repository,
//! recording through a connector, and typed mocks. Every test is bounded by
//! a Tokio timeout, so none can hang.

mod mock_tests;
mod record_tests;
mod replay_tests;

use std::future::Future;
use std::path::PathBuf;
use std::time::Duration;

/// Runs `test` on a current-thread runtime, failing after ten seconds.
pub fn run<F: Future<Output = ()>>(test: F) {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(async {
            tokio::time::timeout(Duration::from_secs(10), test)
                .await
                .expect("the test finished within 10 s");
        });
}

/// A recording under `tests/testing/recordings`.
pub fn recording(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/testing/recordings")
        .join(name)
}

/// A file name in the system's temporary directory, unique to this process and call.
pub fn temp_file(stem: &str) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    std::env::temp_dir().join(format!(
        "awsgen-testing-{}-{}-{stem}.jsonl",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ))
}
