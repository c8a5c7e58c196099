//! A generation run as the repository describes it: `codegen.json` names the
//! model files, service, operations, output crate and the project's own
//! decisions. Shared by `cargo xtask regenerate` and the staleness test, so
//! both produce byte-identical files.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::config::{GenerateConfig, RetryOverride};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::emit::{emit_module, header};
use crate::ir::RetryClass;
use crate::model::{load, ModelSource};
use crate::select::OperationSelection;
use crate::shape_id::ShapeId;

/// The configuration file's contents: the generated crates of the repository.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectConfig {
    /// The first target is the default of a run with flags.
    pub targets: Vec<TargetConfig>,
}

/// One generated crate.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetConfig {
    /// Model files or directories (every `*.json` inside), relative to the config file.
    pub model: Vec<String>,
    /// The service shape ID; optional when the model has one service.
    #[serde(default)]
    pub service: Option<String>,
    /// `"all"` or a list of operation names.
    pub operations: OperationsSetting,
    /// The generated crate's directory, relative to the config file; in the
    /// module layout, the file.
    pub output: String,
    /// The generated crate's package name; in the module layout, the name
    /// `--target` knows the target by.
    pub crate_name: String,
    /// A crate (the default), or one file of inline modules for a crate to
    /// declare as a module of its own.
    #[serde(default)]
    pub layout: Layout,
    /// Member IDs to redact in `Debug` beyond the model's `@sensitive`.
    #[serde(default)]
    pub sensitive_members: Vec<String>,
    /// Retry decisions the model does not make.
    #[serde(default)]
    pub retry_overrides: Vec<RetryOverrideSetting>,
    /// Operations sent unsigned although the model asks for SigV4.
    #[serde(default)]
    pub unsigned_operations: Vec<UnsignedOperationSetting>,
}

/// How a target's generated code is laid out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum Layout {
    /// A crate: `Cargo.toml` and `src/` with a file per kind of item.
    #[default]
    #[serde(rename = "crate")]
    Crate,
    /// One file of inline modules (`emit_module`, as a build script
    /// writes), without the typed client: for a crate that keeps generated
    /// operations as a private module and sends them through
    /// `awsgen_client::Client::call` (awsgen-client's SSO and SSO-OIDC
    /// operations). The including crate declares it
    /// `#[rustfmt::skip] mod name;`.
    #[serde(rename = "module")]
    Module,
}

/// `"all"` or `["StartImageScan", ...]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OperationsSetting {
    Keyword(String),
    Named(Vec<String>),
}

/// One entry of `retry_overrides`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetryOverrideSetting {
    pub operation: String,
    pub error: String,
    /// `never`, `throttling` or `transient`.
    pub class: String,
    /// Why the model's (or the SDKs') behaviour is overridden.
    pub reason: String,
}

/// One entry of `unsigned_operations`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnsignedOperationSetting {
    pub operation: String,
    /// Why the model's SigV4 is not used.
    pub reason: String,
}

/// Anything that stops a run, with the file or shape it is about.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    #[error("cannot read `{path}`: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write `{path}`: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid configuration `{path}`: {message}")]
    Config { path: PathBuf, message: String },
    #[error("{0}")]
    Model(Diagnostics),
}

/// What a run may change from the configuration (command-line flags).
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub models: Vec<PathBuf>,
    pub service: Option<String>,
    pub operations: Option<OperationSelection>,
    pub output: Option<PathBuf>,
    pub crate_name: Option<String>,
    /// Path of the `awsgen-types` crate for a generated crate outside the
    /// workspace that uses this checkout (`Dependencies::Standalone`).
    pub runtime_path: Option<PathBuf>,
    /// Where a generated crate outside the workspace gets the runtime
    /// crates from otherwise (`Registry` or `Git`); `runtime_path` wins.
    pub runtime: Option<Dependencies>,
    /// The target (by crate name) the flags apply to; default: the first.
    pub target: Option<String>,
}

/// How the generated `Cargo.toml` finds its dependencies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dependencies {
    /// Inside this workspace: `workspace = true`.
    Workspace,
    /// A standalone crate with the runtime crates by path (`awsgen-types`
    /// here, `awsgen-client` beside it): the scratch crates the repository
    /// builds from its own checkout (conformance, protocol and endpoint tests).
    Standalone { awsgen_types: PathBuf },
    /// A standalone crate with the runtime crates from crates.io, at `version`
    /// (a Cargo version requirement): what a project outside this repository uses.
    Registry { version: String },
    /// A standalone crate with the runtime crates from a git repository
    /// (Cargo finds each crate in it by name), at `rev` if given.
    Git { url: String, rev: Option<String> },
}

/// The version requirement of the runtime crates this generator emits code
/// for: its own version, as they are released together.
pub const RUNTIME_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A planned run: where files go and what they contain.
#[derive(Debug)]
pub struct Plan {
    /// The crate's directory, or in the module layout the file.
    pub output: PathBuf,
    /// Absolute path and contents of every file.
    pub files: Vec<(PathBuf, String)>,
    pub warnings: Vec<Diagnostic>,
    pub operations: Vec<String>,
    /// Operations with a paginator.
    pub paginators: Vec<String>,
    /// Waiter names.
    pub waiters: Vec<String>,
    pub shape_count: usize,
}

/// The command named in the generated headers.
pub const COMMAND: &str = "cargo xtask regenerate";

/// Reads `codegen.json`.
pub fn read_config(path: &Path) -> Result<ProjectConfig, ProjectError> {
    let text = fs::read_to_string(path).map_err(|source| ProjectError::Read {
        path: path.to_owned(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|e| ProjectError::Config {
        path: path.to_owned(),
        message: e.to_string(),
    })
}

/// Reads model files; a directory contributes its `*.json` files in name order.
pub fn read_models(paths: &[PathBuf]) -> Result<Vec<ModelSource>, ProjectError> {
    let mut sources = Vec::new();
    for path in paths {
        let meta = fs::metadata(path).map_err(|source| ProjectError::Read {
            path: path.clone(),
            source,
        })?;
        let mut files = if meta.is_dir() {
            let entries = fs::read_dir(path).map_err(|source| ProjectError::Read {
                path: path.clone(),
                source,
            })?;
            let mut files = Vec::new();
            for entry in entries {
                let entry = entry.map_err(|source| ProjectError::Read {
                    path: path.clone(),
                    source,
                })?;
                let p = entry.path();
                if p.extension().is_some_and(|e| e == "json") {
                    files.push(p);
                }
            }
            files
        } else {
            vec![path.clone()]
        };
        files.sort();
        for file in files {
            let text = fs::read_to_string(&file).map_err(|source| ProjectError::Read {
                path: file.clone(),
                source,
            })?;
            sources.push(ModelSource::new(file.display().to_string(), text));
        }
    }
    Ok(sources)
}

fn parse_id(text: &str, config_path: &Path) -> Result<ShapeId, ProjectError> {
    text.parse()
        .map_err(|e: crate::shape_id::ShapeIdError| ProjectError::Config {
            path: config_path.to_owned(),
            message: e.to_string(),
        })
}

/// Plans every target of the configuration file (no overrides).
pub fn plan_all(config_path: &Path) -> Result<Vec<Plan>, ProjectError> {
    let config = read_config(config_path)?;
    let mut plans = Vec::new();
    for target in &config.targets {
        plans.push(plan_target(config_path, target, &Overrides::default())?);
    }
    Ok(plans)
}

/// Plans one target (the one `overrides.target` names, else the first) with
/// the overrides applied.
pub fn plan(config_path: &Path, overrides: &Overrides) -> Result<Plan, ProjectError> {
    let config = read_config(config_path)?;
    let target = match &overrides.target {
        Some(name) => config.targets.iter().find(|t| &t.crate_name == name),
        None => config.targets.first(),
    };
    let Some(target) = target else {
        let names: Vec<&str> = config
            .targets
            .iter()
            .map(|t| t.crate_name.as_str())
            .collect();
        return Err(ProjectError::Config {
            path: config_path.to_owned(),
            message: format!(
                "no target named {:?}; targets: {}",
                overrides.target,
                names.join(", ")
            ),
        });
    };
    plan_target(config_path, target, overrides)
}

fn plan_target(
    config_path: &Path,
    config: &TargetConfig,
    overrides: &Overrides,
) -> Result<Plan, ProjectError> {
    let base = config_path.parent().unwrap_or(Path::new("."));
    let bad = |message: String| ProjectError::Config {
        path: config_path.to_owned(),
        message,
    };

    let models: Vec<PathBuf> = if overrides.models.is_empty() {
        config.model.iter().map(|m| base.join(m)).collect()
    } else {
        overrides.models.clone()
    };
    let custom_model = !overrides.models.is_empty();
    let service = match (&overrides.service, &config.service) {
        (Some(s), _) => Some(parse_id(s, config_path)?),
        (None, _) if custom_model => None,
        (None, Some(s)) => Some(parse_id(s, config_path)?),
        (None, None) => None,
    };
    let operations = match &overrides.operations {
        Some(ops) => ops.clone(),
        None => match &config.operations {
            OperationsSetting::Keyword(k) if k == "all" => OperationSelection::All,
            OperationsSetting::Keyword(k) => {
                return Err(bad(format!(
                    "`operations` must be \"all\" or a list, not \"{k}\""
                )))
            }
            OperationsSetting::Named(names) => OperationSelection::Named(names.clone()),
        },
    };
    let mut sensitive_members = Vec::new();
    let mut retry_overrides = Vec::new();
    // The project's decisions name shapes and operations, so they hold for
    // any model of the same service (the official ECR model included).
    {
        for m in &config.sensitive_members {
            sensitive_members.push(parse_id(m, config_path)?);
        }
        for o in &config.retry_overrides {
            let class = match o.class.as_str() {
                "never" => RetryClass::Never,
                "throttling" => RetryClass::Throttling,
                "transient" => RetryClass::Transient,
                other => {
                    return Err(bad(format!(
                        "retry class `{other}` is not one of never, throttling, transient"
                    )))
                }
            };
            retry_overrides.push(RetryOverride {
                operation: o.operation.clone(),
                error: o.error.clone(),
                class,
            });
        }
    }
    let output = overrides
        .output
        .clone()
        .unwrap_or_else(|| base.join(&config.output));
    let crate_name = overrides
        .crate_name
        .clone()
        .unwrap_or_else(|| config.crate_name.clone());
    let dependencies = match (&overrides.runtime_path, &overrides.runtime) {
        (Some(path), _) => Dependencies::Standalone {
            awsgen_types: path.clone(),
        },
        (None, Some(runtime)) => runtime.clone(),
        (None, None) => Dependencies::Workspace,
    };

    let sources = read_models(&models)?;
    let model = load(&sources).map_err(ProjectError::Model)?;
    let gen_config = GenerateConfig {
        service,
        operations,
        sensitive_members,
        retry_overrides,
        unsigned_operations: config
            .unsigned_operations
            .iter()
            .map(|setting| setting.operation.clone())
            .collect(),
        command: COMMAND.to_owned(),
        // Doctests cannot name a private module of the including crate.
        examples_crate: (config.layout == Layout::Crate).then(|| crate_name.clone()),
    };
    if config.layout == Layout::Module {
        return plan_module(&model, &gen_config, output);
    }
    let generated = crate::generate(&model, &gen_config).map_err(ProjectError::Model)?;
    let mut files: Vec<(PathBuf, String)> = generated
        .files
        .into_iter()
        .map(|f| (output.join(&f.path), f.contents))
        .collect();
    files.push((
        output.join("Cargo.toml"),
        cargo_toml(&crate_name, &dependencies, &generated.runtime_features),
    ));
    files.sort();
    Ok(Plan {
        output,
        files,
        warnings: generated.warnings,
        operations: generated.operations,
        paginators: generated.paginators,
        waiters: generated.waiters,
        shape_count: model.shapes().count(),
    })
}

/// A target in the module layout: one file, no manifest.
fn plan_module(
    model: &crate::Model,
    config: &GenerateConfig,
    output: PathBuf,
) -> Result<Plan, ProjectError> {
    let (ir, warnings) = crate::lower_model(model, config).map_err(ProjectError::Model)?;
    let text = emit_module(&ir, COMMAND, false).map_err(|e| {
        ProjectError::Model(Diagnostics::new(vec![Diagnostic::error_at(
            "generator",
            e.to_string(),
        )]))
    })?;
    let operations = ir.operations.iter().map(|o| o.name.clone()).collect();
    let paginators = ir
        .operations
        .iter()
        .filter(|o| o.paginator.is_some())
        .map(|o| o.name.clone())
        .collect();
    Ok(Plan {
        files: vec![(output.clone(), text)],
        output,
        warnings,
        operations,
        paginators,
        waiters: ir.waiters.iter().map(|w| w.name.clone()).collect(),
        shape_count: model.shapes().count(),
    })
}

/// The `[features]` table every generated crate has: the client, the
/// testing seam, and the patterns regex-lite cannot check (field docs name
/// it; every crate has it, so enabling it never depends on the model).
const FEATURES_HEAD: &str = "[features]\n\
     # The typed `Client` (async methods over awsgen-client: hyper, rustls, tokio),\n\
     # and the re-exports of awsgen-client's error and configuration types.\n";

/// The rest of the `[features]` table, after the `client` feature.
const FEATURES_TAIL: &str =
    "# `client`, and awsgen-client's `testing` module (typed mocks, record and\n\
     # replay) re-exported as `testing`. For dev-dependencies.\n\
     testing = [\"client\", \"awsgen-client/testing\"]\n\
     # `validate()` also checks `@pattern`s with Unicode classes (`\\p{L}`) or lookaround\n\
     # (fancy-regex); without it they count as met. Each field's docs say which.\n\
     full-patterns = [\"awsgen-types/full-patterns\"]\n";

/// The runtime features named `awsgen-client/<feature>`: the `client`
/// feature turns them on (S3's `checksums`); the others are awsgen-types'.
const CLIENT_PREFIX: &str = "awsgen-client/";

/// The `[features]` table; `client_features` are awsgen-client's features
/// the service needs (`awsgen-client/checksums`), turned on with `client`.
fn features_table(client_features: &[&String]) -> String {
    let mut client = vec!["\"dep:awsgen-client\"".to_owned()];
    client.extend(client_features.iter().map(|f| format!("{f:?}")));
    format!(
        "{FEATURES_HEAD}client = [{}]\n{FEATURES_TAIL}",
        client.join(", ")
    )
}

/// docs.rs builds the documentation with every feature a user reads about,
/// and `--cfg docsrs` marks which items need which.
const DOCS_RS: &str = "[package.metadata.docs.rs]\n\
     features = [\"client\", \"testing\"]\n\
     rustdoc-args = [\"--cfg\", \"docsrs\"]\n";

/// The generated crate's manifest; `runtime_features` are the features of
/// `awsgen-types` its protocol needs (`cbor`), so a crate of another
/// protocol never compiles them.
pub fn cargo_toml(
    crate_name: &str,
    dependencies: &Dependencies,
    runtime_features: &[String],
) -> String {
    let head = header(COMMAND, "#");
    let standalone_package = format!(
        "[package]\nname = \"{crate_name}\"\nversion = \"0.1.0\"\n\
         description = \"Generated types and client of an AWS service\"\n\
         edition = \"2021\"\npublish = false\n"
    );
    let (client_features, runtime_features): (Vec<&String>, Vec<&String>) = runtime_features
        .iter()
        .partition(|feature| feature.starts_with(CLIENT_PREFIX));
    let features_table = features_table(&client_features);
    let features = if runtime_features.is_empty() {
        String::new()
    } else {
        let quoted: Vec<String> = runtime_features.iter().map(|f| format!("{f:?}")).collect();
        format!(", features = [{}]", quoted.join(", "))
    };
    let types_runtime = |source: &str| format!("awsgen-types = {{ {source}{features} }}\n");
    let types_workspace = if runtime_features.is_empty() {
        "awsgen-types.workspace = true\n".to_owned()
    } else {
        types_runtime("workspace = true")
    };
    let optional_runtime =
        |name: &str, source: &str| format!("{name} = {{ {source}, optional = true }}\n");
    let serde = "serde = { version = \"1\", features = [\"derive\"] }\n";
    match dependencies {
        Dependencies::Workspace => format!(
            "{head}[package]\nname = \"{crate_name}\"\nversion = \"0.1.0\"\n\
             description = \"Generated types and client of an AWS service\"\n\
             edition.workspace = true\nrust-version.workspace = true\nlicense.workspace = true\npublish = false\n\n\
             {features_table}\n\
             [dependencies]\n{types_workspace}serde.workspace = true\n\
             awsgen-client = {{ workspace = true, optional = true }}\n\n\
             {DOCS_RS}"
        ),
        Dependencies::Standalone { awsgen_types } => {
            let path = |p: &Path| format!("path = {:?}", p.display().to_string());
            let client = awsgen_types.with_file_name("awsgen-client");
            format!(
                "{head}{standalone_package}\n{features_table}\n[dependencies]\n{}{serde}{}\n{DOCS_RS}\n[workspace]\n",
                types_runtime(&path(awsgen_types)),
                optional_runtime("awsgen-client", &path(&client)),
            )
        }
        Dependencies::Registry { version } => {
            let source = format!("version = {version:?}");
            format!(
                "{head}{standalone_package}\n{features_table}\n[dependencies]\n{}{serde}{}\n{DOCS_RS}\n[workspace]\n",
                types_runtime(&source),
                optional_runtime("awsgen-client", &source),
            )
        }
        Dependencies::Git { url, rev } => {
            let source = match rev {
                Some(rev) => format!("git = {url:?}, rev = {rev:?}"),
                None => format!("git = {url:?}"),
            };
            format!(
                "{head}{standalone_package}\n{features_table}\n[dependencies]\n{}{serde}{}\n{DOCS_RS}\n[workspace]\n",
                types_runtime(&source),
                optional_runtime("awsgen-client", &source),
            )
        }
    }
}

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileStatus {
    Unchanged,
    /// Written (or, in check mode, would be).
    Changed,
}

/// Compares (check mode) or writes the planned files; files are only written
/// when their contents differ, so timestamps stay put and builds stay cached.
pub fn apply(plan: &Plan, check: bool) -> Result<Vec<(PathBuf, FileStatus)>, ProjectError> {
    let mut out = Vec::new();
    for (path, contents) in &plan.files {
        let current = fs::read_to_string(path).ok();
        if current.as_deref() == Some(contents.as_str()) {
            out.push((path.clone(), FileStatus::Unchanged));
            continue;
        }
        if !check {
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir).map_err(|source| ProjectError::Write {
                    path: dir.to_owned(),
                    source,
                })?;
            }
            fs::write(path, contents).map_err(|source| ProjectError::Write {
                path: path.clone(),
                source,
            })?;
        }
        out.push((path.clone(), FileStatus::Changed));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_protocol_s_runtime_features_are_turned_on_and_only_then() {
        let cbor = ["cbor".to_owned()];
        let workspace = cargo_toml("cbor-types", &Dependencies::Workspace, &cbor);
        assert!(
            workspace.contains("awsgen-types = { workspace = true, features = [\"cbor\"] }\n"),
            "{workspace}"
        );
        let registry = cargo_toml(
            "cbor-types",
            &Dependencies::Registry {
                version: RUNTIME_VERSION.to_owned(),
            },
            &cbor,
        );
        assert!(
            registry.contains("awsgen-types = { version = \"0.1.0\", features = [\"cbor\"] }\n"),
            "{registry}"
        );
        let json = cargo_toml("json-types", &Dependencies::Workspace, &[]);
        assert!(json.contains("awsgen-types.workspace = true\n"), "{json}");
        assert!(!json.contains("cbor"), "{json}");
        assert!(
            json.contains("client = [\"dep:awsgen-client\"]\n"),
            "{json}"
        );
    }

    #[test]
    fn a_client_feature_is_turned_on_by_the_client_feature() {
        let features = ["xml".to_owned(), "awsgen-client/checksums".to_owned()];
        let s3 = cargo_toml("s3-types", &Dependencies::Workspace, &features);
        assert!(
            s3.contains("client = [\"dep:awsgen-client\", \"awsgen-client/checksums\"]\n"),
            "{s3}"
        );
        assert!(
            s3.contains("awsgen-types = { workspace = true, features = [\"xml\"] }\n"),
            "{s3}"
        );
    }

    #[test]
    fn a_crate_outside_the_repository_takes_the_runtime_by_version_or_from_git() {
        let registry = cargo_toml(
            "ecr-client",
            &Dependencies::Registry {
                version: RUNTIME_VERSION.to_owned(),
            },
            &[],
        );
        for line in [
            "awsgen-types = { version = \"0.1.0\" }\n",
            "awsgen-client = { version = \"0.1.0\", optional = true }\n",
            "testing = [\"client\", \"awsgen-client/testing\"]\n",
            "[package.metadata.docs.rs]\nfeatures = [\"client\", \"testing\"]\n",
        ] {
            assert!(registry.contains(line), "{line} in\n{registry}");
        }
        assert!(!registry.contains("path ="), "{registry}");
        // Its own workspace, so it builds wherever it is put.
        assert!(registry.ends_with("\n[workspace]\n"), "{registry}");

        let git = cargo_toml(
            "ecr-client",
            &Dependencies::Git {
                url: "https://example.com/awsgen.git".to_owned(),
                rev: Some("0123abc".to_owned()),
            },
            &["xml".to_owned()],
        );
        assert!(
            git.contains(
                "awsgen-client = { git = \"https://example.com/awsgen.git\", rev = \"0123abc\", optional = true }\n"
            ),
            "{git}"
        );
        assert!(!git.contains("path ="), "{git}");
        // An XML protocol's crate turns on the runtime's XML support.
        assert!(
            git.contains(
                "awsgen-types = { git = \"https://example.com/awsgen.git\", rev = \"0123abc\", features = [\"xml\"] }\n"
            ),
            "{git}"
        );
    }
}
