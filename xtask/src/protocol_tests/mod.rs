//! `cargo xtask protocol-tests`: the official Smithy protocol tests
//! (`../shared/protocol-tests`) of every protocol the product supports, run
//! with the project's own generator and transport.
//!
//! A suite is one `<stem>.cases.json` with its model `<stem>.json`, where
//! the stem is a supported protocol (`restJson1`) or a protocol and a
//! service (`restJson1.Glacier`). Each suite's client types are generated
//! into `target/protocol-tests/<stem>`, with one test per client case in
//! `tests/protocol/` (built from the IR: `cases` reads the cases,
//! `test_crate::values` turns `params` into construction expressions,
//! `compare` emits member-wise comparisons, `case_tests` the test functions,
//! `harness.rs` is the support code they call). `cargo test` runs them;
//! `test_crate::run` counts the outcome.

// Compiled here only for its tests; generated crates get a copy.
mod aws_config;
#[cfg(test)]
mod bodies;
#[cfg(test)]
mod bodies_tests;
mod case_tests;
mod cases;
// Copied into the generated crates; compiled here for its tests.
#[cfg(test)]
mod cbor_items;
#[cfg(test)]
mod cbor_items_tests;
mod compare;
mod generate;
mod rules_overlay;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context};
use awsgen_codegen::project::apply;

use crate::cli::{repo_root, Args};
use crate::shared::shared_dir;
use crate::test_crate::results;
use crate::test_crate::run::{cargo_test, Tally};
use cases::NotRun;

/// The protocols whose suites run. Every `<protocol>.cases.json` and
/// `<protocol>.<Service>.cases.json` of `../shared/protocol-tests` is a
/// suite of that protocol; a protocol that lands adds its line here.
const SUPPORTED_PROTOCOLS: &[&str] = &[
    "awsJson1_1",
    "awsQuery",
    "ec2Query",
    "restJson1",
    "restXml",
    "rpcv2Cbor",
];

/// Suites of a supported protocol that are not run, and why (printed with
/// every run, and listed in PROTOCOL-TESTS.md).
const SUITES_NOT_RUN: &[(&str, &str)] = &[];

/// One suite: a cases file and the model it tests.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SuiteFiles {
    /// The file stem, which names the suite (`restJson1.Glacier`).
    stem: String,
    model: PathBuf,
    cases: PathBuf,
}

/// What one suite's run came to.
struct SuiteOutcome {
    stem: String,
    tally: Tally,
    not_run: BTreeMap<NotRun, usize>,
}

pub fn run(args: &[String]) -> anyhow::Result<ExitCode> {
    let mut run_tests = true;
    let mut only: Vec<String> = Vec::new();
    let mut args = Args::new(args);
    while let Some(flag) = args.next_flag() {
        match flag {
            "--no-run" => run_tests = false,
            "--suite" => only.push(args.value(flag)?.to_owned()),
            other => bail!(
                "unknown flag `{other}` for `protocol-tests`\n\n{}",
                crate::cli::USAGE
            ),
        }
    }
    let root = repo_root();
    let shared = shared_dir("protocol-tests")?;
    let mut suites = supported_suites(&shared.join("protocol-tests"))?;
    suites.retain(|s| !SUITES_NOT_RUN.iter().any(|(stem, _)| *stem == s.stem));
    if !only.is_empty() {
        for name in &only {
            if !suites.iter().any(|s| &s.stem == name) {
                let known: Vec<&str> = suites.iter().map(|s| s.stem.as_str()).collect();
                bail!(
                    "no supported suite `{name}`; the suites are: {}",
                    known.join(", ")
                );
            }
        }
        suites.retain(|s| only.contains(&s.stem));
    }

    let mut outcomes = Vec::new();
    for files in &suites {
        outcomes.push(run_suite(&root, files, run_tests)?);
    }
    if !run_tests {
        return Ok(ExitCode::SUCCESS);
    }
    println!();
    for (stem, why) in SUITES_NOT_RUN {
        println!("not run {stem}: the whole suite: {why}");
    }
    let mut ok = true;
    for outcome in &outcomes {
        if !outcome.not_run.is_empty() {
            let reasons: Vec<String> = outcome
                .not_run
                .iter()
                .map(|(reason, count)| format!("{count} {}", reason.label()))
                .collect();
            println!(
                "not run {}: {}; see PROTOCOL-TESTS.md",
                outcome.stem,
                reasons.join(", ")
            );
        }
        println!(
            "protocol tests {}: {} passed, {} failed",
            outcome.stem,
            outcome.tally.passed,
            outcome.tally.failed.len()
        );
        ok &= outcome.tally.failed.is_empty() && outcome.tally.passed > 0;
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Generates one suite's crate and, with `run_tests`, runs it and prints
/// each failure.
fn run_suite(root: &Path, files: &SuiteFiles, run_tests: bool) -> anyhow::Result<SuiteOutcome> {
    let cases = cases::load(&files.cases)?;
    let output = root.join("target/protocol-tests").join(&files.stem);
    let started = Instant::now();
    let suite = generate::suite(root, &files.stem, &files.model, &cases, &output)?;
    for warning in &suite.plan.warnings {
        eprintln!("{}: {warning}", files.stem);
    }
    apply(&suite.plan, false)?;
    crate::locked::seed_lockfile(root, &output)?;
    println!(
        "{}: generated {} operations and {} tests into {} in {:.1?}",
        files.stem,
        suite.plan.operations.len(),
        suite.tests.len(),
        output.strip_prefix(root).unwrap_or(&output).display(),
        started.elapsed()
    );
    let mut not_run = BTreeMap::new();
    for reason in suite.not_run.values() {
        *not_run.entry(*reason).or_default() += 1;
    }
    let mut tally = Tally::default();
    if run_tests {
        let stdout = cargo_test(root, &output, "protocol")?;
        tally = Tally::count(&suite.tests, &suite.broken, &results::parse(&stdout));
        for (key, _) in &mut tally.failed {
            *key = format!("{} {key}", files.stem);
        }
        tally.print_failures();
    }
    Ok(SuiteOutcome {
        stem: files.stem.clone(),
        tally,
        not_run,
    })
}

/// The suites of the supported protocols in `dir`, sorted by stem.
fn supported_suites(dir: &Path) -> anyhow::Result<Vec<SuiteFiles>> {
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
        names.push(entry.file_name().to_string_lossy().into_owned());
    }
    let suites = suites_among(&names, SUPPORTED_PROTOCOLS);
    for suite in &suites {
        if !dir.join(format!("{}.json", suite.stem)).is_file() {
            bail!(
                "{}: `{}.cases.json` has no model `{}.json` beside it",
                dir.display(),
                suite.stem,
                suite.stem
            );
        }
    }
    if suites.is_empty() {
        bail!("{} holds no suite of a supported protocol", dir.display());
    }
    Ok(suites
        .into_iter()
        .map(|s| SuiteFiles {
            model: dir.join(&s.model),
            cases: dir.join(&s.cases),
            stem: s.stem,
        })
        .collect())
}

/// The suites among file names: `<stem>.cases.json` whose stem is a
/// protocol of `protocols` or starts with one and a dot. Paths are relative.
fn suites_among(names: &[String], protocols: &[&str]) -> Vec<SuiteFiles> {
    let mut suites: Vec<SuiteFiles> = names
        .iter()
        .filter_map(|name| name.strip_suffix(".cases.json"))
        .filter(|stem| {
            protocols.iter().any(|protocol| {
                stem.strip_prefix(protocol)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
            })
        })
        .map(|stem| SuiteFiles {
            stem: stem.to_owned(),
            model: PathBuf::from(format!("{stem}.json")),
            cases: PathBuf::from(format!("{stem}.cases.json")),
        })
        .collect();
    suites.sort_by(|a, b| a.stem.cmp(&b.stem));
    suites
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suite_is_a_cases_file_of_a_supported_protocol() {
        let names: Vec<String> = [
            "awsJson1_1.cases.json",
            "awsJson1_1.json",
            "restJson1.cases.json",
            "restJson1.Glacier.cases.json",
            "restJson1.Glacier.with-trait-defs.json",
            "restJson10.cases.json",
            "restXml.cases.json",
            "rpcv2Cbor.QueryCompatibleRpcV2Protocol.cases.json",
        ]
        .map(String::from)
        .to_vec();
        let stems: Vec<String> = suites_among(&names, &["awsJson1_1", "restJson1"])
            .into_iter()
            .map(|s| s.stem)
            .collect();
        assert_eq!(stems, ["awsJson1_1", "restJson1", "restJson1.Glacier"]);
        let glacier = &suites_among(&names, &["restJson1"])[1];
        assert_eq!(glacier.model, PathBuf::from("restJson1.Glacier.json"));
    }
}
