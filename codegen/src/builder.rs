//! Generating from a build script, as prost-build and tonic-build do: the
//! model files, the service, the operations and an output directory in; one
//! Rust file out, to `include!` into a module.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     awsgen_codegen::Builder::new()
//!         .model("model/ecr.json")
//!         .service("com.amazonaws.ecr#AmazonEC2ContainerRegistry_V20150921")
//!         .operations(["StartImageScan", "DescribeImageScanFindings"])
//!         .generate()?; // writes $OUT_DIR/ecr.rs
//!     Ok(())
//! }
//! ```
//!
//! ```ignore
//! // src/lib.rs
//! pub mod ecr {
//!     include!(concat!(env!("OUT_DIR"), "/ecr.rs"));
//! }
//! ```
//!
//! The file holds one inline module per kind of item (`types`, `error`,
//! `operation`, `service`, `waiters`, and `client` unless
//! [`client(false)`](Builder::client)) and re-exports their items, like a
//! generated crate's root. Its paths to generated items go through
//! `super::`, so the module can sit at any depth. The crate that includes
//! it depends on `awsgen-types` and `serde` (with `derive`), and on
//! `awsgen-client` for the client.

use std::fmt;
use std::path::{Path, PathBuf};

use heck::ToSnakeCase;

use crate::config::GenerateConfig;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::emit::{emit_module, EmitError};
use crate::model::load;
use crate::project::{read_models, ProjectError};
use crate::select::OperationSelection;
use crate::shape_id::{ShapeId, ShapeIdError};

/// The command named in the header of files a build script writes.
const COMMAND: &str = "awsgen_codegen::Builder (a build script)";

/// Configures and runs a generation from a build script. See the
/// [module docs](self).
#[derive(Debug, Clone)]
#[must_use]
pub struct Builder {
    models: Vec<PathBuf>,
    service: Option<String>,
    operations: OperationSelection,
    sensitive_members: Vec<String>,
    unsigned_operations: Vec<String>,
    client: bool,
    out_dir: Option<PathBuf>,
    file_name: Option<String>,
    cargo_directives: Option<bool>,
}

/// What a generation wrote.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Generated {
    /// The file written (or left as it was, when its contents were the same).
    pub path: PathBuf,
    /// The operations generated.
    pub operations: Vec<String>,
    /// Warnings about the model (also printed as `cargo:warning=` lines).
    pub warnings: Vec<Diagnostic>,
}

/// Why nothing was generated.
#[derive(Debug)]
#[non_exhaustive]
pub enum BuildError {
    /// No output directory: not run by Cargo (no `OUT_DIR`) and none set.
    NoOutDir,
    /// A shape ID given to the builder does not parse.
    ShapeId { text: String, source: ShapeIdError },
    /// A model file could not be read, or the output not written.
    Io(ProjectError),
    /// The model has problems; every one is listed.
    Model(Diagnostics),
    /// The generator made invalid Rust (a generator bug).
    Emit(EmitError),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::NoOutDir => f.write_str(
                "no output directory: OUT_DIR is not set (not run by Cargo); call Builder::out_dir",
            ),
            BuildError::ShapeId { text, source } => {
                write!(f, "`{text}` is not a shape ID: {source}")
            }
            BuildError::Io(err) => fmt::Display::fmt(err, f),
            BuildError::Model(diagnostics) => {
                write!(
                    f,
                    "the model has problems; nothing was generated.\n{diagnostics}"
                )
            }
            BuildError::Emit(err) => fmt::Display::fmt(err, f),
        }
    }
}

impl std::error::Error for BuildError {}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    /// A builder for every operation of the model's only service, with the
    /// client, into `$OUT_DIR`.
    pub fn new() -> Self {
        Builder {
            models: Vec::new(),
            service: None,
            operations: OperationSelection::All,
            sensitive_members: Vec::new(),
            unsigned_operations: Vec::new(),
            client: true,
            out_dir: None,
            file_name: None,
            cargo_directives: None,
        }
    }

    /// A Smithy JSON AST file, or a directory whose `*.json` files are read
    /// (in name order). Repeatable; the files are merged.
    pub fn model(mut self, path: impl AsRef<Path>) -> Self {
        self.models.push(path.as_ref().to_path_buf());
        self
    }

    /// The service's shape ID (`com.amazonaws.ecr#AmazonEC2ContainerRegistry_V20150921`);
    /// needed when the model holds more than one.
    pub fn service(mut self, shape_id: impl Into<String>) -> Self {
        self.service = Some(shape_id.into());
        self
    }

    /// Generates these operations (by shape name) and what they need,
    /// instead of all of them.
    pub fn operations<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> Self {
        self.operations = OperationSelection::Named(names.into_iter().map(Into::into).collect());
        self
    }

    /// Redacts this member (`ns#Shape$member`) in `Debug` too, beyond the
    /// model's `@sensitive` ones.
    pub fn sensitive_member(mut self, member_id: impl Into<String>) -> Self {
        self.sensitive_members.push(member_id.into());
        self
    }

    /// Sends this operation (by shape name) unsigned although the model asks
    /// for SigV4, as the SDKs send STS's `AssumeRoleWithWebIdentity`. A name
    /// that is not a generated operation is an error.
    pub fn unsigned_operation(mut self, name: impl Into<String>) -> Self {
        self.unsigned_operations.push(name.into());
        self
    }

    /// Whether to generate the typed client (default `true`); without it
    /// the code needs no `awsgen-client`.
    pub fn client(mut self, client: bool) -> Self {
        self.client = client;
        self
    }

    /// Where to write (default: Cargo's `OUT_DIR`).
    pub fn out_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// The file's name (default: the service's `sdkId` in snake case, `ecr.rs`).
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Whether to print `cargo:rerun-if-changed` and `cargo:warning` lines
    /// (default: when `OUT_DIR` is set, that is, in a build script).
    pub fn cargo_directives(mut self, print: bool) -> Self {
        self.cargo_directives = Some(print);
        self
    }

    /// Generates and writes the file (only when its contents changed, so
    /// the crate is not rebuilt for nothing).
    pub fn generate(self) -> Result<Generated, BuildError> {
        let env_out_dir = std::env::var_os("OUT_DIR").map(PathBuf::from);
        let directives = self.cargo_directives.unwrap_or(env_out_dir.is_some());
        if directives {
            for path in &self.models {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
        let out_dir = self.out_dir.or(env_out_dir).ok_or(BuildError::NoOutDir)?;
        let parse = |text: &String| {
            text.parse::<ShapeId>()
                .map_err(|source| BuildError::ShapeId {
                    text: text.clone(),
                    source,
                })
        };
        let config = GenerateConfig {
            service: self.service.as_ref().map(parse).transpose()?,
            operations: self.operations,
            sensitive_members: self
                .sensitive_members
                .iter()
                .map(parse)
                .collect::<Result<_, _>>()?,
            unsigned_operations: self.unsigned_operations,
            command: COMMAND.to_owned(),
            // Doctests cannot name a module of the including crate.
            examples_crate: None,
            ..GenerateConfig::default()
        };
        let sources = read_models(&self.models).map_err(BuildError::Io)?;
        let model = load(&sources).map_err(BuildError::Model)?;
        let (ir, warnings) = crate::lower_model(&model, &config).map_err(BuildError::Model)?;
        if directives {
            for warning in &warnings {
                // One line each: Cargo shows a `cargo:warning` line by line.
                println!("cargo:warning={}", warning.to_string().replace('\n', " "));
            }
        }
        let text = emit_module(&ir, COMMAND, self.client).map_err(BuildError::Emit)?;
        let file_name = self
            .file_name
            .unwrap_or_else(|| format!("{}.rs", ir.service.sdk_id.to_snake_case()));
        let path = out_dir.join(file_name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::create_dir_all(&out_dir)
                .and_then(|()| std::fs::write(&path, &text))
                .map_err(|source| {
                    BuildError::Io(ProjectError::Write {
                        path: path.clone(),
                        source,
                    })
                })?;
        }
        Ok(Generated {
            path,
            operations: ir.operations.iter().map(|o| o.name.clone()).collect(),
            warnings,
        })
    }
}
