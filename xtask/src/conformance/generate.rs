//! Every operation of every model in the supported folders of
//! `../shared/models` (`shared::SUPPORTED_MODEL_FOLDERS`) generates, and the
//! generated crate compiles with warnings denied (with its typed `client`).
//! Generated crates go to `target/conformance/<model>`, sharing one target
//! directory so common dependencies compile once, with the workspace's
//! `Cargo.lock` versions.

use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use awsgen_codegen::project::{apply, plan, Overrides, ProjectError};
use awsgen_codegen::OperationSelection;

use crate::cli::repo_root;
use crate::shared::{model_stem, supported_models};

pub fn run(shared: &Path, filter: &[String]) -> anyhow::Result<bool> {
    let root = repo_root();
    let mut models = supported_models(shared)?;
    models.retain(|p| {
        filter.is_empty()
            || filter
                .iter()
                .any(|f| p.to_string_lossy().contains(f.as_str()))
    });
    let (mut passed, mut failed) = (0, 0);
    for model in &models {
        let stem = model_stem(model);
        let output = root.join("target/conformance").join(&stem);
        let overrides = Overrides {
            models: vec![model.clone()],
            operations: Some(OperationSelection::All),
            output: Some(output.clone()),
            crate_name: Some(format!("conformance-{stem}")),
            runtime_path: Some(root.join("crates/awsgen-types")),
            ..Overrides::default()
        };
        let started = Instant::now();
        let plan = match plan(&root.join("codegen.json"), &overrides) {
            Ok(plan) => plan,
            Err(ProjectError::Model(d)) => {
                println!("FAIL {stem}: generation failed\n{d}");
                failed += 1;
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        let generated_in = started.elapsed();
        apply(&plan, false)?;
        crate::locked::seed_lockfile(&root, &output)?;
        let status = crate::locked::cargo_command()
            .args([
                "build",
                "--quiet",
                "--locked",
                "--features",
                "client",
                "--manifest-path",
            ])
            .arg(output.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", root.join("target/conformance-target"))
            .env("RUSTFLAGS", "-D warnings")
            // Each crate is built once per generation: incremental caches
            // (GBs for the 13 crates) would only be written, never reused.
            .env("CARGO_INCREMENTAL", "0")
            .status()
            .context("cannot run cargo")?;
        if status.success() {
            passed += 1;
            println!(
                "ok   {stem}: {} operations, {} paginators, {} waiters generated in {generated_in:.1?}, compiled with warnings denied in {:.1?} ({} warnings while generating)",
                plan.operations.len(),
                plan.paginators.len(),
                plan.waiters.len(),
                started.elapsed() - generated_in,
                plan.warnings.len()
            );
            // Each names its shape: an operation left out says which.
            for warning in &plan.warnings {
                println!("       {warning}");
            }
        } else {
            failed += 1;
            println!("FAIL {stem}: the generated crate does not compile with warnings denied");
        }
    }
    println!("conformance generate: {passed} passed, {failed} failed");
    Ok(failed == 0 && passed > 0)
}
