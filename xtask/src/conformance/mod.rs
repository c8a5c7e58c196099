//! `cargo xtask conformance`: the checks that read `../shared` (run by `.ci/run`;
//! the README's test command does not need them).

mod closure;
mod generate;

use std::process::ExitCode;

use anyhow::bail;

use crate::shared::shared_dir;

pub fn run(args: &[String]) -> anyhow::Result<ExitCode> {
    let shared = shared_dir("conformance")?;
    let which = args.first().map(String::as_str).unwrap_or("all");
    let mut ok = true;
    if matches!(which, "closure" | "all") {
        ok &= closure::run(&shared)?;
    }
    if matches!(which, "generate" | "all") {
        ok &= generate::run(&shared, &args[args.len().min(1)..])?;
    }
    if !matches!(which, "closure" | "generate" | "all") {
        bail!("unknown conformance check `{which}` (closure, generate or all)");
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
