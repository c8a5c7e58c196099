//! `cargo xtask conformance`: checks that read `../shared`.

use std::process::ExitCode;

use anyhow::bail;

pub fn run(args: &[String]) -> anyhow::Result<ExitCode> {
    match args.first().map(String::as_str) {
        None | Some("all") => bail!("not written yet"),
        Some(other) => bail!("unknown conformance check `{other}`"),
    }
}
