//! `cargo xtask endpoint-tests`: the `smithy.rules#endpointTests` cases that
//! carry `operationInputs`, run the way a client meets them.
//!
//! The rule-set runner (`awsgen-endpoints`' `aws_models` test) feeds each
//! case's `params` to the rule set. These cases also say how a client gets
//! there: an operation called with an input (`operationParams`) on a client
//! with settings (`builtInParams`). For every model of the supported folders
//! (`shared::SUPPORTED_MODEL_FOLDERS`) that has such cases, the operations
//! they call are generated into `target/endpoint-tests/<model>` with one test
//! per case (`cases` reads them, `builtins` maps settings to the `ClientBuilder`
//! methods a user calls, `case_tests` writes the tests from the IR,
//! `harness.rs` is the support code they call), and `cargo test` runs them.

mod builtins;
mod case_tests;
mod cases;
mod generate;

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{anyhow, bail};
use awsgen_codegen::project::{apply, read_models};
use awsgen_codegen::{load, Model};

use crate::cli::repo_root;
use crate::shared::{model_stem, shared_dir, supported_models};
use crate::test_crate::results;
use crate::test_crate::run::{cargo_test, Tally};

pub fn run(args: &[String]) -> anyhow::Result<ExitCode> {
    if let Some(flag) = args.first() {
        bail!(
            "unknown flag `{flag}` for `endpoint-tests`\n\n{}",
            crate::cli::USAGE
        );
    }
    let root = repo_root();
    let shared = shared_dir("endpoint-tests")?;
    let mut total = Tally::default();
    for path in supported_models(&shared)? {
        let model = load_model(&path)?;
        let services = cases::input_cases(&model)?;
        if services.is_empty() {
            // Said, so that a model the run covers is never silently absent.
            println!(
                "endpoint tests operationInputs {}: no cases with operationInputs",
                model_stem(&path)
            );
        }
        for service_cases in &services {
            // A model with cases on several services gets a crate per service.
            let name = match services.len() {
                1 => model_stem(&path),
                _ => format!(
                    "{}-{}",
                    model_stem(&path),
                    service_cases.service.name().to_ascii_lowercase()
                ),
            };
            let started = Instant::now();
            let tally = run_service(&root, &model, &name, service_cases)?;
            tally.print_failures();
            println!(
                "endpoint tests operationInputs {name}: {} passed, {} failed ({:.1?})",
                tally.passed,
                tally.failed.len(),
                started.elapsed()
            );
            total.passed += tally.passed;
            total.failed.extend(tally.failed);
        }
    }
    println!(
        "endpoint tests operationInputs: {} passed, {} failed",
        total.passed,
        total.failed.len()
    );
    Ok(if total.failed.is_empty() && total.passed > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Generates, builds and runs the tests of one service's cases in the crate
/// `name` (which also names the cases). A crate the generator refuses fails
/// every case, with the reason.
fn run_service(
    root: &Path,
    model: &Model,
    name: &str,
    cases: &cases::ServiceCases,
) -> anyhow::Result<Tally> {
    let output = root.join("target/endpoint-tests").join(name);
    let suite = match generate::suite(root, model, name, cases, &output) {
        Ok(suite) => suite,
        Err(error) => {
            let why = format!("{error:#}");
            let failed = cases
                .cases
                .iter()
                .map(|c| c.index)
                .chain(cases.unreadable.iter().map(|(index, _)| *index))
                .map(|index| (generate::case_key(name, index), why.clone()))
                .collect();
            return Ok(Tally { passed: 0, failed });
        }
    };
    apply(&suite.plan, false)?;
    crate::locked::seed_lockfile(root, &output)?;
    println!(
        "generated {} operations and {} tests into {}",
        suite.plan.operations.len(),
        suite.tests.len(),
        output.strip_prefix(root).unwrap_or(&output).display(),
    );
    let stdout = cargo_test(root, &output, generate::TEST)?;
    Ok(Tally::count(
        &suite.tests,
        &suite.broken,
        &results::parse(&stdout),
    ))
}

fn load_model(path: &Path) -> anyhow::Result<Model> {
    let sources = read_models(&[path.to_path_buf()])?;
    load(&sources).map_err(|d| anyhow!("{}: {d}", path.display()))
}
