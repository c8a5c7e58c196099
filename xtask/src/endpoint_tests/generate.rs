//! The generated test crate of one model: the types of the operations its
//! cases call, from the project's generator, plus `tests/endpoint_inputs/`
//! with one test per case.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::anyhow;
use awsgen_codegen::emit::{emit_crate, header};
use awsgen_codegen::project::{cargo_toml, Dependencies, Plan};
use awsgen_codegen::{lower_model, GenerateConfig, Model, OperationSelection};
use quote::quote;

use super::case_tests::CaseTests;
use super::cases::ServiceCases;
use crate::test_crate::index::Index;
use crate::test_crate::rust_file;
use crate::test_crate::tokens::CratePath;

/// The command named in the generated files' headers.
pub const COMMAND: &str = "cargo xtask endpoint-tests";
/// The integration test (`tests/<TEST>/main.rs`).
pub const TEST: &str = "endpoint_inputs";
/// The harness every generated test calls into (see its module docs).
const HARNESS: &str = include_str!("harness.rs");

/// What the tests need beyond the generated crate's own dependencies.
const DEV_DEPENDENCIES: &str = r#"
[dev-dependencies]
awsgen-client = { path = {client} }
awsgen-endpoints = { path = {endpoints} }
serde_json = "1"

# The generated types and tests must be warning-free (without RUSTFLAGS, which
# would rebuild every dependency in the shared target directory).
[lints.rust]
warnings = "deny"
"#;

/// The planned crate and how its tests map to cases.
pub struct Suite {
    pub plan: Plan,
    /// Test path (`cases::case_12`) to case key, for every case with a test.
    pub tests: BTreeMap<String, String>,
    /// Cases that could not be turned into a test: key and reason.
    pub broken: Vec<(String, String)>,
}

/// A case's name in reports: its crate's name (the model file's stem) and
/// the case's index.
pub fn case_key(name: &str, index: usize) -> String {
    format!("{name} case #{index}")
}

/// Plans the crate `name` at `output` for one service's cases. The crate holds the
/// operations the cases call (their closure), which keeps the build small;
/// each operation's code is what any selection generates for it.
pub fn suite(
    root: &Path,
    model: &Model,
    name: &str,
    cases: &ServiceCases,
    output: &Path,
) -> anyhow::Result<Suite> {
    let config = GenerateConfig {
        service: Some(cases.service.clone()),
        operations: OperationSelection::Named(cases.operations()),
        command: COMMAND.to_owned(),
        ..GenerateConfig::default()
    };
    // One IR drives both the crate and its tests, so they cannot disagree.
    let (ir, warnings) = lower_model(model, &config)
        .map_err(|d| anyhow!("the generator rejects the operations the cases call:\n{d}"))?;
    let generated = emit_crate(&ir, COMMAND)?;

    let package = format!("endpoint-tests-{name}");
    let index = Index::new(&ir);
    let paths = CratePath::new(&package);
    let builder = CaseTests::new(&index, &paths);
    let mut fns = Vec::new();
    let mut tests = BTreeMap::new();
    let mut broken: Vec<(String, String)> = cases
        .unreadable
        .iter()
        .map(|(index, why)| (case_key(name, *index), why.clone()))
        .collect();
    for case in &cases.cases {
        let key = case_key(name, case.index);
        match builder.test_fn(case) {
            Ok(test) => {
                fns.push(test);
                tests.insert(format!("cases::{}", CaseTests::name(case)), key);
            }
            Err(error) => broken.push((key, format!("{error:#}"))),
        }
    }

    let mut files: Vec<(PathBuf, String)> = generated
        .into_iter()
        .map(|f| (output.join(&f.path), f.contents))
        .collect();
    files.push((
        output.join("Cargo.toml"),
        manifest(root, &package, &ir.runtime_features),
    ));
    let tests_dir = output.join("tests").join(TEST);
    let head = header(COMMAND, "//");
    let main = quote! {
        //! The `smithy.rules#endpointTests` cases with `operationInputs`, run
        //! through the generated operations' endpoint parameters and the client.
        mod cases;
        mod harness;
    };
    files.push((tests_dir.join("main.rs"), rust_file(&head, main)?));
    let cases_file = quote! {
        //! One test per case, named after its index in the model's test cases.
        #(#fns)*
    };
    files.push((tests_dir.join("cases.rs"), rust_file(&head, cases_file)?));
    let harness_head =
        "// Copied by `cargo xtask endpoint-tests` from xtask/src/endpoint_tests/harness.rs.\n";
    files.push((
        tests_dir.join("harness.rs"),
        format!("{harness_head}\n{HARNESS}"),
    ));
    files.sort();

    Ok(Suite {
        plan: Plan {
            output: output.to_path_buf(),
            files,
            warnings,
            operations: ir.operations.iter().map(|o| o.name.clone()).collect(),
            paginators: Vec::new(),
            waiters: Vec::new(),
            shape_count: model.shapes().count(),
        },
        tests,
        broken,
    })
}

fn manifest(root: &Path, package: &str, runtime_features: &[String]) -> String {
    let crates = root.join("crates");
    let path = |name: &str| format!("{:?}", crates.join(name).display().to_string());
    cargo_toml(
        package,
        &Dependencies::Standalone {
            awsgen_types: crates.join("awsgen-types"),
        },
        runtime_features,
    ) + &DEV_DEPENDENCIES
        .replace("{client}", &path("awsgen-client"))
        .replace("{endpoints}", &path("awsgen-endpoints"))
}
