//! A code generator from Smithy JSON AST models of AWS services (awsJson1_0, awsJson1_1, restJson1, rpcv2Cbor) to Rust types, operations and a typed client.
//!
//! The pipeline runs in one direction: [`model::load`] reads JSON AST files into a
//! [`model::Model`]; [`select::select`] picks a service and operations and walks
//! their closure; [`validate::validate`] checks it; `lower` turns it into the
//! Rust-shaped [`ir`]; `emit` prints that IR with `quote!` and `prettyplease`.
//! [`generate`] runs it all and returns every problem at once as [`Diagnostics`].
//!
//! From a build script, [`Builder`] writes the code as one file to
//! `include!` into a module (see [`builder`]); `cargo xtask regenerate`
//! writes whole crates ([`project`]).

pub mod builder;
pub mod config;
pub mod diagnostic;
pub mod docs;
pub mod emit;
pub mod ir;
mod lower;
pub mod model;
pub mod naming;
pub mod project;
pub mod select;
pub mod shape_id;
pub mod validate;

pub use builder::{BuildError, Builder};
pub use config::{GenerateConfig, RetryOverride};
pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use emit::GeneratedFile;
pub use model::{load, Model, ModelSource};
pub use select::OperationSelection;
pub use shape_id::ShapeId;

/// The generated crate's source files plus any warnings.
#[derive(Debug, Clone)]
pub struct Generated {
    pub files: Vec<GeneratedFile>,
    pub warnings: Vec<Diagnostic>,
    pub operations: Vec<String>,
    /// Operations with a paginator.
    pub paginators: Vec<String>,
    /// Waiter names.
    pub waiters: Vec<String>,
    /// Features of `awsgen-types` the generated crate needs (`cbor`), and
    /// of awsgen-client as `awsgen-client/<feature>` (`checksums`).
    pub runtime_features: Vec<String>,
}

/// The IR of a selection, after validation (exposed for tools and tests).
pub fn lower_model(
    model: &Model,
    config: &GenerateConfig,
) -> Result<(ir::CrateIr, Vec<Diagnostic>), Diagnostics> {
    let selection = select::select(model, config.service.as_ref(), &config.operations)
        .map_err(Diagnostics::new)?;
    let mut problems = validate::validate(model, &selection);
    problems.extend(
        selection
            .skipped
            .iter()
            .map(|(op, why)| Diagnostic::warning(op, why.clone())),
    );
    // A listed member of a shape this model does not have is simply not
    // generated; a shape that exists without the member is a likely typo.
    for id in &config.sensitive_members {
        if id.member().is_none() {
            problems.push(Diagnostic::error(
                id,
                "sensitive_members takes member IDs (`ns#Shape$member`)",
            ));
        } else if model.get(&id.root()).is_some() && model.member(id).is_none() {
            problems.push(Diagnostic::warning(
                id,
                "is listed as sensitive, but its shape has no such member",
            ));
        }
    }
    // Like a misspelt sensitive member, an unsigned operation the selection
    // does not hold would silently leave the real one signed.
    for name in &config.unsigned_operations {
        if !selection.operations.iter().any(|op| op.name() == name) {
            problems.push(Diagnostic::error(
                &selection.service,
                format!("unsigned_operations names `{name}`, which is not a generated operation"),
            ));
        }
    }
    if problems.iter().any(Diagnostic::is_error) {
        return Err(Diagnostics::new(problems));
    }
    let (ir, warnings) = lower::lower(model, &selection, config).map_err(|mut d| {
        d.extend(problems.clone());
        Diagnostics::new(d)
    })?;
    problems.extend(warnings);
    problems.sort();
    problems.dedup();
    Ok((ir, problems))
}

/// Generates the crate's source files for a loaded model.
pub fn generate(model: &Model, config: &GenerateConfig) -> Result<Generated, Diagnostics> {
    let (ir, warnings) = lower_model(model, config)?;
    let files = emit::emit_crate(&ir, &config.command)
        .map_err(|e| Diagnostics::new(vec![Diagnostic::error_at("generator", e.to_string())]))?;
    Ok(Generated {
        files,
        warnings,
        operations: ir.operations.iter().map(|o| o.name.clone()).collect(),
        paginators: ir
            .operations
            .iter()
            .filter(|o| o.paginator.is_some())
            .map(|o| o.name.clone())
            .collect(),
        waiters: ir.waiters.iter().map(|w| w.name.clone()).collect(),
        runtime_features: ir.runtime_features.clone(),
    })
}
