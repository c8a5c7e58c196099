//! `cargo xtask moto-e2e`: restJson1, awsQuery and restXml end to end
//! against moto, through clients generated from the official models.
//!
//! The models stay in `../shared`: the operations the scenarios call are
//! generated from `../shared/models/<folder>` into
//! `target/moto-e2e/<service>` (each a crate as `regenerate --output`
//! makes it, typed client included), and `target/moto-e2e/tests` is a
//! crate whose integration tests are the checked-in
//! `tests/e2e/moto-restjson/main.rs` (EKS, Lambda) and
//! `tests/e2e/moto-xml/main.rs` (STS, IAM, SNS, Route 53), compiled where
//! they lie. Each starts moto (installed by `tests/e2e/setup-moto.sh`) with
//! signature checking on and runs the scenarios through the generated
//! clients. They build in the workspace's target directory with the
//! workspace's `Cargo.lock` versions, as the protocol tests do.

use std::path::{Path, PathBuf};
use std::process::{ExitCode, Stdio};
use std::time::Instant;

use anyhow::{anyhow, bail, Context};
use awsgen_codegen::project::{apply, cargo_toml, read_models, Dependencies, Plan};
use awsgen_codegen::{generate, load, GenerateConfig, OperationSelection};

use crate::cli::{repo_root, Args};
use crate::shared::shared_dir;

/// The command named in the generated files' headers.
const COMMAND: &str = "cargo xtask moto-e2e";

/// A service the scenarios call: its model in `../shared/models/<folder>`
/// and the operations they use (only those are generated, which keeps the
/// build short).
struct Service {
    /// The dependency name the test uses (`eks::Client`) and the crate's directory.
    name: &'static str,
    /// The folder of `../shared/models` holding the model (its protocol's).
    folder: &'static str,
    model: &'static str,
    operations: &'static [&'static str],
}

const SERVICES: &[Service] = &[
    Service {
        name: "eks",
        folder: "restJson1",
        model: "eks-2017-11-01.json",
        operations: &[
            "CreateCluster",
            "DeleteCluster",
            "DescribeCluster",
            "ListClusters",
            "ListTagsForResource",
            "TagResource",
        ],
    },
    Service {
        name: "lambda",
        folder: "restJson1",
        model: "lambda-2015-03-31.json",
        operations: &[
            "CreateFunction",
            "DeleteFunction",
            "GetFunction",
            "Invoke",
            "ListFunctions",
        ],
    },
    Service {
        name: "sts",
        folder: "awsQuery",
        model: "sts-2011-06-15.json",
        operations: &["AssumeRole", "GetCallerIdentity"],
    },
    Service {
        name: "iam",
        folder: "awsQuery",
        model: "iam-2010-05-08.json",
        operations: &[
            "CreateRole",
            "CreateUser",
            "GetUser",
            "ListRoles",
            "ListUsers",
            "PutRolePolicy",
        ],
    },
    Service {
        name: "sns",
        folder: "awsQuery",
        model: "sns-2010-03-31.json",
        operations: &["CreateTopic", "GetTopicAttributes", "ListTopics", "Publish"],
    },
    Service {
        name: "s3",
        folder: "restXml",
        model: "s3-2006-03-01.json",
        operations: &[
            "CompleteMultipartUpload",
            "CreateBucket",
            "CreateMultipartUpload",
            "DeleteObjects",
            "GetObject",
            "ListObjectsV2",
            "PutObject",
            "UploadPart",
        ],
    },
    Service {
        name: "route53",
        folder: "restXml",
        model: "route-53-2013-04-01.json",
        operations: &["CreateHostedZone", "GetHostedZone", "ListHostedZones"],
    },
];

/// The test crate's manifest: the generated crates, the runtime crates the
/// moto support code signs with, and the scenarios as its one test.
const TEST_MANIFEST: &str = r#"[package]
name = "moto-e2e"
version = "0.1.0"
description = "restJson1, awsQuery and restXml end to end against moto, through clients generated from the official models"
edition = "2021"
publish = false
autotests = false

[dev-dependencies]
{services}awsgen-auth = { path = {auth} }
awsgen-client = { path = {client} }
awsgen-types = { path = {types} }
base64 = "0.22"
bytes = "1"
futures-core = "0.3"
http = "1"
http-body-util = "0.1"
hyper = { version = "1", default-features = false, features = ["client", "server", "http1"] }
hyper-rustls = { version = "0.27", default-features = false, features = ["http1", "ring", "tls12"] }
hyper-util = { version = "0.1", default-features = false, features = ["client-legacy", "server", "http1", "tokio"] }
ring = "0.17"
rustls = { version = "0.23", default-features = false, features = ["ring", "std", "tls12"] }
tokio-rustls = { version = "0.26", default-features = false, features = ["ring", "tls12"] }
tokio = { version = "1", default-features = false, features = ["fs", "io-util", "macros", "net", "rt", "rt-multi-thread", "sync", "time"] }

# Checked in, compiled where they lie.
[[test]]
name = "moto"
path = {scenarios}

[[test]]
name = "moto-xml"
path = {xml_scenarios}

# S3 GetObject and PutObject throughput and memory against a bare hyper
# client (BENCHMARKS.md, "S3 objects"); needs the generated S3 crate, not moto.
[[example]]
name = "s3-throughput"
path = {throughput}

# The generated types and the test must be warning-free (without RUSTFLAGS,
# which would rebuild every dependency in the shared target directory).
[lints.rust]
warnings = "deny"

[workspace]
"#;

pub fn run(args: &[String]) -> anyhow::Result<ExitCode> {
    let mut run_tests = true;
    let mut args = Args::new(args);
    while let Some(flag) = args.next_flag() {
        match flag {
            "--no-run" => run_tests = false,
            other => bail!(
                "unknown flag `{other}` for `moto-e2e`\n\n{}",
                crate::cli::USAGE
            ),
        }
    }
    let root = repo_root();
    let models = shared_dir("moto-e2e")?.join("models");
    let moto = root.join("target/moto-venv/bin/moto_server");
    if run_tests && !moto.is_file() {
        bail!(
            "moto is not installed ({} is missing): run `bash tests/e2e/setup-moto.sh` first \
             (Python 3 with venv, and PyPI access)",
            moto.display()
        );
    }
    let out = root.join("target/moto-e2e");
    let started = Instant::now();
    for service in SERVICES {
        let plan = plan_service(&root, &models, service, &out.join(service.name))?;
        apply(&plan, false)?;
        println!(
            "moto-e2e: generated {} from {} ({} operations: {})",
            relative(&root, &plan.output),
            service.model,
            plan.operations.len(),
            plan.operations.join(", ")
        );
    }
    let tests = out.join("tests");
    write_if_changed(&tests.join("Cargo.toml"), &test_manifest(&root))?;
    write_if_changed(
        &tests.join("src/lib.rs"),
        "//! Nothing but the integration test `moto` (tests/e2e/moto-restjson/main.rs).\n",
    )?;
    crate::locked::seed_lockfile(&root, &tests)?;
    println!("moto-e2e: generated in {:.1?}", started.elapsed());
    if !run_tests {
        return Ok(ExitCode::SUCCESS);
    }

    let started = Instant::now();
    let status = crate::locked::cargo_command()
        .args(["test", "--locked", "--test", "moto", "--test", "moto-xml"])
        .arg("--manifest-path")
        .arg(tests.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", root.join("target"))
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .status()
        .context("cannot run cargo")?;
    println!(
        "moto-e2e: built and ran in {:.1?}: {}",
        started.elapsed(),
        if status.success() { "passed" } else { "FAILED" }
    );
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The crate of `service`'s operations at `output`, its runtime crates by
/// path from this checkout.
fn plan_service(
    root: &Path,
    models: &Path,
    service: &Service,
    output: &Path,
) -> anyhow::Result<Plan> {
    let path = models.join(service.folder).join(service.model);
    let sources = read_models(std::slice::from_ref(&path))?;
    let model = load(&sources).map_err(|d| anyhow!("{}: {d}", path.display()))?;
    let config = GenerateConfig {
        operations: OperationSelection::Named(
            service.operations.iter().map(|o| (*o).to_owned()).collect(),
        ),
        command: COMMAND.to_owned(),
        ..GenerateConfig::default()
    };
    let generated = generate(&model, &config)
        .map_err(|d| anyhow!("the generator rejects {}:\n{d}", path.display()))?;
    for warning in &generated.warnings {
        eprintln!("{}: {warning}", service.model);
    }
    let mut files: Vec<(PathBuf, String)> = generated
        .files
        .into_iter()
        .map(|f| (output.join(&f.path), f.contents))
        .collect();
    let package = format!("moto-e2e-{}", service.name);
    let dependencies = Dependencies::Standalone {
        awsgen_types: root.join("crates/awsgen-types"),
    };
    files.push((
        output.join("Cargo.toml"),
        cargo_toml(&package, &dependencies, &generated.runtime_features),
    ));
    files.sort();
    Ok(Plan {
        output: output.to_path_buf(),
        files,
        warnings: generated.warnings,
        operations: generated.operations,
        paginators: generated.paginators,
        waiters: generated.waiters,
        shape_count: model.shapes().count(),
    })
}

fn test_manifest(root: &Path) -> String {
    let quoted = |path: PathBuf| format!("{:?}", path.display().to_string());
    let services: String = SERVICES
        .iter()
        .map(|s| {
            format!(
                "{} = {{ package = \"moto-e2e-{}\", path = \"../{}\", features = [\"client\"] }}\n",
                s.name, s.name, s.name
            )
        })
        .collect();
    TEST_MANIFEST
        .replace("{services}", &services)
        .replace("{auth}", &quoted(root.join("crates/awsgen-auth")))
        .replace("{client}", &quoted(root.join("crates/awsgen-client")))
        .replace("{types}", &quoted(root.join("crates/awsgen-types")))
        .replace(
            "{scenarios}",
            &quoted(root.join("tests/e2e/moto-restjson/main.rs")),
        )
        .replace(
            "{xml_scenarios}",
            &quoted(root.join("tests/e2e/moto-xml/main.rs")),
        )
        .replace(
            "{throughput}",
            &quoted(root.join("tests/e2e/s3-throughput/main.rs")),
        )
}

fn write_if_changed(path: &Path, contents: &str) -> anyhow::Result<()> {
    if std::fs::read_to_string(path).ok().as_deref() == Some(contents) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    std::fs::write(path, contents).with_context(|| format!("cannot write {}", path.display()))
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_test_crate_names_each_generated_crate_and_the_checked_in_scenarios() {
        let manifest = test_manifest(Path::new("/repo"));
        for line in [
            "eks = { package = \"moto-e2e-eks\", path = \"../eks\", features = [\"client\"] }\n",
            "lambda = { package = \"moto-e2e-lambda\", path = \"../lambda\", features = [\"client\"] }\n",
            "awsgen-client = { path = \"/repo/crates/awsgen-client\" }\n",
            "path = \"/repo/tests/e2e/moto-restjson/main.rs\"\n",
            "sts = { package = \"moto-e2e-sts\", path = \"../sts\", features = [\"client\"] }\n",
            "route53 = { package = \"moto-e2e-route53\", path = \"../route53\", features = [\"client\"] }\n",
            "name = \"moto-xml\"\npath = \"/repo/tests/e2e/moto-xml/main.rs\"\n",
        ] {
            assert!(manifest.contains(line), "{line}\nnot in\n{manifest}");
        }
        assert!(!manifest.contains("{services}") && !manifest.contains("{client}"));
        assert!(!manifest.contains("{xml_scenarios}"));
    }
}
