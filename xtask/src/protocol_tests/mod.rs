//! `cargo xtask protocol-tests`: the official Smithy awsJson1_1 protocol tests
//! (`../shared/protocol-tests`), run with the project's own generator and
//! transport.
//!
//! The client types of `aws.protocoltests.json#JsonProtocol` are generated into
//! `target/protocol-tests/json-protocol`, with one test per client case in
//! `tests/protocol/` (built from the IR: `cases` reads the cases, `values`
//! turns `params` into construction expressions, `compare` emits member-wise
//! comparisons, `case_tests` the test functions, `harness.rs` is the support
//! code they call). `cargo test` runs them; `results` reads the outcome.

mod case_tests;
mod cases;
mod compare;
mod generate;
mod index;
mod results;
mod tokens;
mod values;

use std::path::{Path, PathBuf};
use std::process::{ExitCode, Stdio};
use std::time::Instant;

use anyhow::{bail, Context};
use awsgen_codegen::project::apply;

use crate::cli::{repo_root, Args};

pub fn run(args: &[String]) -> anyhow::Result<ExitCode> {
    let mut run_tests = true;
    let mut args = Args::new(args);
    while let Some(flag) = args.next_flag() {
        match flag {
            "--no-run" => run_tests = false,
            other => bail!(
                "unknown flag `{other}` for `protocol-tests`\n\n{}",
                crate::cli::USAGE
            ),
        }
    }
    let root = repo_root();
    let shared = shared_dir(&root)?;
    let cases_path = shared.join("protocol-tests/awsJson1_1.cases.json");
    let cases = cases::load(&cases_path)?;
    let output = root.join("target/protocol-tests/json-protocol");

    let started = Instant::now();
    let suite = generate::suite(
        &root,
        &shared.join("protocol-tests/awsJson1_1.json"),
        &cases,
        &output,
    )?;
    for warning in &suite.plan.warnings {
        eprintln!("{warning}");
    }
    apply(&suite.plan, false)?;
    crate::locked::seed_lockfile(&root, &output)?;
    println!(
        "generated {} operations and {} tests into {} in {:.1?}",
        suite.plan.operations.len(),
        suite.tests.len(),
        output.strip_prefix(&root).unwrap_or(&output).display(),
        started.elapsed()
    );
    if !run_tests {
        return Ok(ExitCode::SUCCESS);
    }

    let stdout = cargo_test(&root, &output)?;
    let run = results::parse(&stdout);
    let mut passed = 0;
    let mut failed: Vec<(String, String)> = suite.broken.clone();
    for (test, key) in &suite.tests {
        match run.outcomes.get(test) {
            Some(true) => passed += 1,
            Some(false) => {
                let output = run
                    .failure_output
                    .get(test)
                    .map_or("(no output captured)", String::as_str);
                failed.push((key.clone(), output.to_owned()));
            }
            None => failed.push((
                key.clone(),
                "did not run (the test crate failed to build, or the test is missing)".to_owned(),
            )),
        }
    }
    failed.sort();
    for (key, why) in &failed {
        println!("\nFAILED {key}\n{}", indent(why));
    }
    if !suite.not_run.is_empty() {
        println!(
            "\nnot run ({} server-only cases; see PROTOCOL-TESTS.md): {}",
            suite.not_run.len(),
            suite.not_run.join(", ")
        );
    }
    println!("protocol tests: {passed} passed, {} failed", failed.len());
    Ok(if failed.is_empty() && passed > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// `../shared`, which holds the suite.
fn shared_dir(root: &Path) -> anyhow::Result<PathBuf> {
    let dir = root.join("../shared");
    if !dir.is_dir() {
        bail!(
            "protocol-tests needs {} (the shared reference material) and it is missing",
            dir.display()
        );
    }
    dir.canonicalize()
        .with_context(|| format!("cannot resolve {}", dir.display()))
}

/// Runs the tests in the workspace's target directory (shared, so common
/// dependencies compile once) with the workspace's versions; build progress
/// goes to the terminal, test output is returned.
fn cargo_test(root: &Path, output: &Path) -> anyhow::Result<String> {
    let result = crate::locked::cargo_command()
        .args(["test", "--locked", "--test", "protocol", "--manifest-path"])
        .arg(output.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", root.join("target"))
        // Failures are reported by their messages; backtraces would bury them.
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .context("cannot run cargo")?;
    Ok(String::from_utf8_lossy(&result.stdout).into_owned())
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|line| format!("    {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}
