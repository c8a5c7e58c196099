//! Records the compiler version for the User-Agent (`lang/rust/<version>`).

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=RUSTC");
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let version = Command::new(rustc)
        .arg("--version")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        // `rustc 1.95.0 (abcdef 2026-01-01)` -> `1.95.0`
        .and_then(|text| text.split_whitespace().nth(1).map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=AWSGEN_CLIENT_RUSTC_VERSION={version}");
}
