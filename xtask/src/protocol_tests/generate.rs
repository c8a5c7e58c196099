//! The generated test crate: the JsonProtocol client types from the project's
//! generator, plus `tests/protocol/` with one test per client case.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::anyhow;
use awsgen_codegen::emit::{emit_crate, header};
use awsgen_codegen::project::{cargo_toml, read_models, Dependencies, Plan};
use awsgen_codegen::{load, lower_model, GenerateConfig, OperationSelection, ShapeId};
use proc_macro2::TokenStream;
use quote::quote;

use super::case_tests::CaseTests;
use super::cases::{Case, Kind};
use super::compare::compare_impls;
use crate::test_crate::index::Index;
use crate::test_crate::rust_file;
use crate::test_crate::tokens::{ident, CratePath};

/// The command named in the generated files' headers.
pub const COMMAND: &str = "cargo xtask protocol-tests";
/// The service under test.
const SERVICE: &str = "aws.protocoltests.json#JsonProtocol";
/// The generated package (and so the crate path the tests use).
pub const PACKAGE: &str = "json-protocol";
/// The harness every generated test calls into (see its module docs).
const HARNESS: &str = include_str!("harness.rs");

/// What the tests need beyond the generated crate's own dependencies.
const DEV_DEPENDENCIES: &str = r#"
[dev-dependencies]
awsgen-client = { path = {client}, features = ["gzip"] }
bytes = "1"
flate2 = { version = "1", default-features = false, features = ["rust_backend"] }
http = "1"
serde_json = "1"
tokio = { version = "1", default-features = false, features = ["macros", "rt", "time"] }

# The generated types and tests must be warning-free (without RUSTFLAGS, which
# would rebuild every dependency in the shared target directory).
[lints.rust]
warnings = "deny"
"#;

/// The planned crate and how its tests map to cases.
pub struct Suite {
    pub plan: Plan,
    /// Test path (`request::X`) to case key (`request:X`), for every client case with a test.
    pub tests: BTreeMap<String, String>,
    /// Client cases that could not be turned into a test, with the reason.
    pub broken: Vec<(String, String)>,
    /// Keys of the cases that are not for clients.
    pub not_run: Vec<String>,
}

/// Plans the crate at `output` from the model and the cases.
pub fn suite(
    root: &Path,
    model_path: &Path,
    cases: &[Case],
    output: &Path,
) -> anyhow::Result<Suite> {
    let sources = read_models(&[model_path.to_path_buf()])?;
    let model = load(&sources).map_err(|d| anyhow!("{}: {d}", model_path.display()))?;
    let config = GenerateConfig {
        service: Some(SERVICE.parse::<ShapeId>().map_err(|e| anyhow!("{e}"))?),
        operations: OperationSelection::All,
        command: COMMAND.to_owned(),
        ..GenerateConfig::default()
    };
    // One IR drives both the crate and its tests, so they cannot disagree.
    let (ir, warnings) = lower_model(&model, &config)
        .map_err(|d| anyhow!("the generator rejects {}:\n{d}", model_path.display()))?;
    let generated = emit_crate(&ir, COMMAND)?;

    let index = Index::new(&ir);
    let paths = CratePath::new(PACKAGE);
    let builder = CaseTests::new(&index, &paths);
    let mut by_kind: BTreeMap<Kind, Vec<TokenStream>> = BTreeMap::new();
    let mut tests = BTreeMap::new();
    let mut broken = Vec::new();
    let mut not_run = Vec::new();
    for case in cases {
        if !case.is_for_client() {
            not_run.push(case.key());
            continue;
        }
        match builder.test_fn(case) {
            Ok(test) => {
                by_kind.entry(case.kind).or_default().push(test);
                tests.insert(format!("{}::{}", case.kind.module(), case.id), case.key());
            }
            Err(error) => broken.push((case.key(), format!("{error:#}"))),
        }
    }

    let mut files: Vec<(PathBuf, String)> = generated
        .into_iter()
        .map(|f| (output.join(&f.path), f.contents))
        .collect();
    let runtime = root.join("crates/awsgen-types");
    let client = root.join("crates/awsgen-client");
    let manifest = cargo_toml(
        PACKAGE,
        &Dependencies::Standalone {
            awsgen_types: runtime,
        },
    ) + &DEV_DEPENDENCIES
        .replace("{client}", &format!("{:?}", client.display().to_string()));
    files.push((output.join("Cargo.toml"), manifest));
    let tests_dir = output.join("tests/protocol");
    let head = header(COMMAND, "//");
    files.push((
        tests_dir.join("main.rs"),
        rust_file(&head, main_rs(by_kind.keys().copied()))?,
    ));
    files.push((
        tests_dir.join("compare.rs"),
        rust_file(&head, compare_impls(&index, &paths))?,
    ));
    for (kind, fns) in &by_kind {
        let doc = format!(
            " The client `{}` cases, one test each, named after the case ID.",
            kind.label()
        );
        let tokens = quote! {
            #![doc = #doc]
            #![allow(non_snake_case)]
            #(#fns)*
        };
        files.push((
            tests_dir.join(format!("{}.rs", kind.module())),
            rust_file(&head, tokens)?,
        ));
    }
    let harness_head =
        "// Copied by `cargo xtask protocol-tests` from xtask/src/protocol_tests/harness.rs.\n";
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
        not_run,
    })
}

fn main_rs(kinds: impl Iterator<Item = Kind>) -> TokenStream {
    let modules = kinds.map(|kind| ident(kind.module()));
    quote! {
        //! The Smithy awsJson1_1 protocol tests (`aws.protocoltests.json#JsonProtocol`),
        //! run against the generated types and the real transport.
        mod compare;
        mod harness;
        #(mod #modules;)*
    }
}
