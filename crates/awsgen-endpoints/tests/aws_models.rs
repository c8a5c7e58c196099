//! Runs every `smithy.rules#endpointTests` case of the AWS models in the
//! supported folders of `../shared/models` (`aws`, `restJson1`: the list
//! xtask keeps in `xtask/src/supported_folders.rs`) against their
//! `smithy.rules#endpointRuleSet`.

#[path = "support/endpoint_cases.rs"]
mod endpoint_cases;
#[path = "../../../xtask/src/supported_folders.rs"]
mod supported_folders;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use endpoint_cases::{run_model, Tally};

fn models_dir(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/models")
        .join(folder)
}

/// The JSON models of one folder, sorted.
fn model_files(folder: &str) -> Vec<PathBuf> {
    let dir = models_dir(folder);
    let entries = fs::read_dir(&dir).unwrap_or_else(|err| {
        panic!(
            "the models directory {} is unreadable: {err}",
            dir.display()
        )
    });
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|err| panic!("listing {} failed: {err}", dir.display()));
    files.retain(|path| path.extension().is_some_and(|ext| ext == "json"));
    files.sort();
    assert!(!files.is_empty(), "no JSON models in {}", dir.display());
    files
}

#[test]
#[ignore = "reads ../shared/models; run by .ci/run"]
fn every_endpoint_test_case_in_the_supported_models_passes() {
    let files: Vec<PathBuf> = supported_folders::SUPPORTED_MODEL_FOLDERS
        .iter()
        .flat_map(|folder| model_files(folder))
        .collect();

    let mut per_model: BTreeMap<String, Tally> = BTreeMap::new();
    for file in &files {
        let model = file.file_stem().map_or_else(
            || file.display().to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
        let tally = per_model.entry(model).or_default();
        run_model(file, tally);
    }

    let mut total_passed = 0;
    let mut total_failed = 0;
    let mut report = String::new();
    for (model, tally) in &per_model {
        println!(
            "endpoint tests {model}: {} passed, {} failed",
            tally.passed,
            tally.failures.len()
        );
        for failure in &tally.failures {
            let _ = writeln!(report, "  {model}: {failure}");
        }
        total_passed += tally.passed;
        total_failed += tally.failures.len();
    }
    println!("endpoint tests total: {total_passed} passed, {total_failed} failed");
    assert!(total_passed > 0, "no endpoint test cases were found");
    assert_eq!(total_failed, 0, "failing endpoint test cases:\n{report}");
}
