//! `cargo xtask regenerate`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::bail;
use awsgen_codegen::project::{
    self, Dependencies, FileStatus, Overrides, ProjectError, RUNTIME_VERSION,
};
use awsgen_codegen::OperationSelection;

use crate::cli::{absolute, repo_root, Args};

pub fn run(args: &[String]) -> anyhow::Result<ExitCode> {
    let root = repo_root();
    let mut config = root.join("codegen.json");
    let mut check = false;
    let mut overrides = Overrides::default();
    let (mut runtime_version, mut runtime_git, mut runtime_rev, mut runtime_path) =
        (None, None, None, None);
    let mut args = Args::new(args);
    while let Some(flag) = args.next_flag() {
        match flag {
            "--check" => check = true,
            "--config" => config = absolute(args.value(flag)?)?,
            "--model" => overrides.models.push(absolute(args.value(flag)?)?),
            "--service" => overrides.service = Some(args.value(flag)?.to_owned()),
            "--operations" => overrides.operations = Some(parse_operations(args.value(flag)?)),
            "--output" => overrides.output = Some(absolute(args.value(flag)?)?),
            "--crate-name" => overrides.crate_name = Some(args.value(flag)?.to_owned()),
            "--target" => overrides.target = Some(args.value(flag)?.to_owned()),
            "--runtime-version" => runtime_version = Some(args.value(flag)?.to_owned()),
            "--runtime-git" => runtime_git = Some(args.value(flag)?.to_owned()),
            "--runtime-rev" => runtime_rev = Some(args.value(flag)?.to_owned()),
            "--runtime-path" => runtime_path = Some(absolute(args.value(flag)?)?),
            other => bail!(
                "unknown flag `{other}` for `regenerate`\n\n{}",
                crate::cli::USAGE
            ),
        }
    }
    // Any other output directory is not a workspace member: a standalone
    // crate, with the runtime crates from crates.io at this generator's
    // version unless told otherwise.
    let runtime_flags = runtime_version.is_some()
        || runtime_git.is_some()
        || runtime_rev.is_some()
        || runtime_path.is_some();
    if runtime_flags && overrides.output.is_none() {
        bail!("--runtime-version, --runtime-git, --runtime-rev and --runtime-path need --output (a crate outside this workspace)");
    }
    if runtime_rev.is_some() && runtime_git.is_none() {
        bail!("--runtime-rev needs --runtime-git");
    }
    if overrides.output.is_some() {
        overrides.runtime = Some(match (runtime_git, runtime_version) {
            (Some(_), Some(_)) => bail!("--runtime-git and --runtime-version exclude each other"),
            (Some(url), None) => Dependencies::Git {
                url,
                rev: runtime_rev,
            },
            (None, version) => Dependencies::Registry {
                version: version.unwrap_or_else(|| RUNTIME_VERSION.to_owned()),
            },
        });
        // A checkout's `crates` directory: awsgen-types and awsgen-client in it.
        overrides.runtime_path = runtime_path.map(|dir| dir.join("awsgen-types"));
    }
    let flagged = !overrides.models.is_empty()
        || overrides.service.is_some()
        || overrides.operations.is_some()
        || overrides.output.is_some()
        || overrides.crate_name.is_some()
        || overrides.target.is_some();
    if flagged {
        return regenerate(&config, &overrides, check);
    }
    let mut code = ExitCode::SUCCESS;
    let targets = project::read_config(&config)?.targets;
    for target in targets {
        let one = Overrides {
            target: Some(target.crate_name),
            ..Overrides::default()
        };
        if regenerate(&config, &one, check)? != ExitCode::SUCCESS {
            code = ExitCode::FAILURE;
        }
    }
    Ok(code)
}

fn parse_operations(value: &str) -> OperationSelection {
    if value == "all" {
        OperationSelection::All
    } else {
        OperationSelection::Named(
            value
                .split(',')
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
        )
    }
}

/// Plans, then writes or checks; prints what happened and how long it took.
pub fn regenerate(config: &Path, overrides: &Overrides, check: bool) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    // Before the work, so a large model (every operation of DynamoDB, say)
    // does not look like a hang.
    let what = overrides
        .crate_name
        .as_deref()
        .or(overrides.target.as_deref())
        .unwrap_or("the first target of codegen.json");
    eprintln!(
        "{} {what}...",
        if check { "checking" } else { "generating" }
    );
    let plan = match project::plan(config, overrides) {
        Ok(plan) => plan,
        Err(ProjectError::Model(diagnostics)) => {
            eprintln!("the model has problems; nothing was generated.\n{diagnostics}");
            return Ok(ExitCode::FAILURE);
        }
        Err(other) => return Err(other.into()),
    };
    for warning in &plan.warnings {
        eprintln!("{warning}");
    }
    let generated_in = started.elapsed();
    let statuses = project::apply(&plan, check)?;
    let root = repo_root();
    let shown = |p: &PathBuf| p.strip_prefix(&root).unwrap_or(p).display().to_string();
    let changed: Vec<String> = statuses
        .iter()
        .filter(|(_, s)| *s == FileStatus::Changed)
        .map(|(p, _)| shown(p))
        .collect();
    if check {
        if changed.is_empty() {
            println!(
                "generated code is fresh ({} files checked in {:.1?})",
                statuses.len(),
                started.elapsed()
            );
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!("stale generated files (run `cargo xtask regenerate`):");
        for file in &changed {
            eprintln!("  {file}");
        }
        return Ok(ExitCode::FAILURE);
    }
    for (path, status) in &statuses {
        let word = if *status == FileStatus::Changed {
            "wrote    "
        } else {
            "unchanged"
        };
        println!("{word} {}", shown(path));
    }
    println!(
        "generated {} operation(s) ({}), {} paginator(s), {} waiter(s) into {} in {:.1?} (generation {:.1?})",
        plan.operations.len(),
        summarize(&plan.operations),
        plan.paginators.len(),
        plan.waiters.len(),
        shown(&plan.output),
        started.elapsed(),
        generated_in,
    );
    Ok(ExitCode::SUCCESS)
}

fn summarize(ops: &[String]) -> String {
    if ops.len() <= 4 {
        ops.join(", ")
    } else {
        format!("{}, ... and {} more", ops[..3].join(", "), ops.len() - 3)
    }
}
