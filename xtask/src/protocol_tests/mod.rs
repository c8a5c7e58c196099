//! `cargo xtask protocol-tests`: the official Smithy awsJson1_1 protocol tests
//! (`../shared/protocol-tests`), run with the project's own generator and
//! transport.
//!
//! The client types of `aws.protocoltests.json#JsonProtocol` are generated into
//! `target/protocol-tests/json-protocol`, with one test per client case in
//! `tests/protocol/` (built from the IR: `cases` reads the cases,
//! `test_crate::values` turns `params` into construction expressions,
//! `compare` emits member-wise comparisons, `case_tests` the test functions,
//! `harness.rs` is the support code they call). `cargo test` runs them;
//! `test_crate::run` counts the outcome.

mod case_tests;
mod cases;
mod compare;
mod generate;

use std::process::ExitCode;
use std::time::Instant;

use anyhow::bail;
use awsgen_codegen::project::apply;

use crate::cli::{repo_root, Args};
use crate::shared::shared_dir;
use crate::test_crate::results;
use crate::test_crate::run::{cargo_test, Tally};

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
    let shared = shared_dir("protocol-tests")?;
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

    let stdout = cargo_test(&root, &output, "protocol")?;
    let tally = Tally::count(&suite.tests, &suite.broken, &results::parse(&stdout));
    tally.print_failures();
    if !suite.not_run.is_empty() {
        println!(
            "\nnot run ({} server-only cases; see PROTOCOL-TESTS.md): {}",
            suite.not_run.len(),
            suite.not_run.join(", ")
        );
    }
    println!(
        "protocol tests: {} passed, {} failed",
        tally.passed,
        tally.failed.len()
    );
    Ok(if tally.failed.is_empty() && tally.passed > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
