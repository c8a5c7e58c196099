//! The generated test crate of one suite: the service's client types from
//! the project's generator, plus `tests/protocol/` with one test per client
//! case.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail};
use awsgen_codegen::emit::{emit_crate, header};
use awsgen_codegen::project::{cargo_toml, read_models, Dependencies, Plan};
use awsgen_codegen::{load, lower_model, GenerateConfig, OperationSelection, ShapeId};
use proc_macro2::TokenStream;
use quote::quote;

use super::case_tests::CaseTests;
use super::cases::{Case, Kind, NotRun};
use super::compare::compare_impls;
use crate::test_crate::index::Index;
use crate::test_crate::rust_file;
use crate::test_crate::tokens::{ident, CratePath};

/// The command named in the generated files' headers.
pub const COMMAND: &str = "cargo xtask protocol-tests";
/// The harness every generated test calls into (see its module docs).
const HARNESS: &str = include_str!("harness.rs");
/// The CBOR data-item comparison the harness calls.
const CBOR_ITEMS: &str = include_str!("cbor_items.rs");
const BODIES: &str = include_str!("bodies.rs");

/// What the tests need beyond the generated crate's own dependencies.
const DEV_DEPENDENCIES: &str = r#"
[dev-dependencies]
awsgen-client = { path = {client}, features = ["gzip"] }
# The XML tree that request bodies are compared with (`bodies.rs`).
awsgen-types = { path = {types}, features = ["xml"] }
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
    /// Keys of the cases a client does not run, with the reason.
    pub not_run: BTreeMap<String, NotRun>,
}

/// The generated package of suite `stem`: `restJson1.Glacier` becomes
/// `protocol-tests-restjson1-glacier` (each suite its own package, since
/// they share a target directory).
pub fn package_name(stem: &str) -> String {
    let name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("protocol-tests-{name}")
}

/// The one service the cases test.
fn service_of(stem: &str, cases: &[Case]) -> anyhow::Result<ShapeId> {
    let mut services: Vec<&str> = cases.iter().filter_map(|c| c.service.as_deref()).collect();
    services.sort_unstable();
    services.dedup();
    match services.as_slice() {
        [service] => service
            .parse::<ShapeId>()
            .map_err(|e| anyhow!("{stem}: the cases' service `{service}`: {e}")),
        [] => bail!("{stem}: no case names its service"),
        several => bail!(
            "{stem}: the cases name several services ({}); a suite tests one",
            several.join(", ")
        ),
    }
}

/// Plans the crate of suite `stem` at `output` from the model and the cases.
pub fn suite(
    root: &Path,
    stem: &str,
    model_path: &Path,
    cases: &[Case],
    output: &Path,
) -> anyhow::Result<Suite> {
    let mut sources = read_models(&[model_path.to_path_buf()])?;
    // One file: the suite's model.
    let suite_text = sources.first().map(|s| s.text.clone()).unwrap_or_default();
    if let Some(rules) = super::rules_overlay::overlay(stem, &suite_text)? {
        sources.push(rules);
    }
    let model = load(&sources).map_err(|d| anyhow!("{}: {d}", model_path.display()))?;
    let service = service_of(stem, cases)?;
    let package = package_name(stem);
    let config = GenerateConfig {
        service: Some(service.clone()),
        operations: OperationSelection::All,
        command: COMMAND.to_owned(),
        ..GenerateConfig::default()
    };
    // One IR drives both the crate and its tests, so they cannot disagree.
    let (ir, warnings) = lower_model(&model, &config)
        .map_err(|d| anyhow!("the generator rejects {}:\n{d}", model_path.display()))?;
    let generated = emit_crate(&ir, COMMAND)?;

    let index = Index::new(&ir);
    let paths = CratePath::new(&package);
    let builder = CaseTests::new(&index, &paths);
    let mut by_kind: BTreeMap<Kind, Vec<TokenStream>> = BTreeMap::new();
    let mut tests = BTreeMap::new();
    let mut broken = Vec::new();
    let mut not_run = BTreeMap::new();
    for case in cases {
        if let Some(reason) = case.not_run() {
            not_run.insert(case.key(), reason);
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
        &package,
        &Dependencies::Standalone {
            awsgen_types: runtime,
        },
        &ir.runtime_features,
    ) + &DEV_DEPENDENCIES
        .replace("{client}", &format!("{:?}", client.display().to_string()))
        .replace(
            "{types}",
            &format!(
                "{:?}",
                root.join("crates/awsgen-types").display().to_string()
            ),
        );
    files.push((output.join("Cargo.toml"), manifest));
    let tests_dir = output.join("tests/protocol");
    let head = header(COMMAND, "//");
    files.push((
        tests_dir.join("main.rs"),
        rust_file(&head, main_rs(stem, &service, by_kind.keys().copied()))?,
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
    files.push((
        tests_dir.join("cbor_items.rs"),
        format!(
            "// Copied by `cargo xtask protocol-tests` from xtask/src/protocol_tests/cbor_items.rs.\n\n{CBOR_ITEMS}"
        ),
    ));
    files.push((
        tests_dir.join("bodies.rs"),
        format!("// Copied by `cargo xtask protocol-tests` from xtask/src/protocol_tests/bodies.rs.\n\n{BODIES}"),
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

fn main_rs(stem: &str, service: &ShapeId, kinds: impl Iterator<Item = Kind>) -> TokenStream {
    let modules = kinds.map(|kind| ident(kind.module()));
    let doc =
        format!(" The Smithy protocol tests of suite `{stem}` (`{service}`), run against the");
    quote! {
        #![doc = #doc]
        //! generated types and the real transport.
        #[allow(dead_code)]
        mod bodies;
        mod compare;
        // Shared by every suite: one without response cases, say, leaves
        // parts of it unused.
        #[allow(dead_code)]
        mod harness;
        #[allow(dead_code)]
        mod cbor_items;
        #(mod #modules;)*
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packages_are_named_after_the_suite() {
        assert_eq!(package_name("awsJson1_1"), "protocol-tests-awsjson1-1");
        assert_eq!(
            package_name("restJson1.Glacier"),
            "protocol-tests-restjson1-glacier"
        );
    }
}
