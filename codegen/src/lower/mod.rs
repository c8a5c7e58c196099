//! Lowering: the validated model to the Rust-shaped IR. A pure function;
//! every problem is collected as a diagnostic naming the shape.

mod checks;
mod customizations;
mod defaults;
mod endpoint_params;
mod error_codes;
mod example;
mod fast_read;
mod http_binding;
mod http_checksum;
mod json_names;
mod json_scope;
mod names;
mod operation;
mod paginator;
mod paths;
mod prune_checks;
mod recursion;
mod reexports;
mod rpc_v2_cbor;
mod s3;
mod structure;
mod types;
mod unions_enums;
mod waiter;
mod xml;
mod xml_binding;

use std::collections::BTreeMap;

use crate::config::GenerateConfig;
use crate::diagnostic::Diagnostic;
use crate::ir::{CrateIr, Protocol, StructOrigin, StructRole, TypeDef};
use crate::model::traits::ids;
use crate::model::{Model, ShapeKind, SimpleType};
use crate::select::Selection;
use crate::shape_id::ShapeId;
pub(crate) use names::Role;

/// Lowers the selection. `Err` carries every error found; warnings are
/// returned alongside a successful result.
pub fn lower(
    model: &Model,
    selection: &Selection,
    config: &GenerateConfig,
) -> Result<(CrateIr, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut cx = Lowerer::new(model, selection, config);
    let ir = cx.run();
    if cx.diagnostics.iter().any(Diagnostic::is_error) {
        Err(cx.diagnostics)
    } else {
        Ok((ir, cx.diagnostics))
    }
}

/// State shared by the lowering passes.
pub(crate) struct Lowerer<'m> {
    pub model: &'m Model,
    pub selection: &'m Selection,
    pub config: &'m GenerateConfig,
    pub diagnostics: Vec<Diagnostic>,
    /// Rust type names of every shape that becomes a type.
    pub type_names: BTreeMap<ShapeId, String>,
    /// Role of each structure (input, output, error, plain).
    pub roles: BTreeMap<ShapeId, Role>,
    /// Names of the items the generator adds per operation (`Error`, `Input`, `Output`).
    pub generated_names: BTreeMap<(ShapeId, &'static str), String>,
    /// The typed client's type name.
    pub client_name: String,
}

impl<'m> Lowerer<'m> {
    fn new(model: &'m Model, selection: &'m Selection, config: &'m GenerateConfig) -> Self {
        Lowerer {
            model,
            selection,
            config,
            diagnostics: Vec::new(),
            type_names: BTreeMap::new(),
            roles: BTreeMap::new(),
            generated_names: BTreeMap::new(),
            client_name: String::new(),
        }
    }

    fn run(&mut self) -> CrateIr {
        self.assign_roles();
        self.assign_type_names();
        let service = self.lower_service();
        let mut operations: Vec<_> = self
            .selection
            .operations
            .iter()
            .filter_map(|op| self.lower_operation(op))
            .collect();
        let mut types = Vec::new();
        let mut errors = Vec::new();
        let closure: Vec<ShapeId> = self.selection.closure.iter().cloned().collect();
        for id in &closure {
            let Some(shape) = self.model.get(id) else {
                continue;
            };
            match &shape.kind {
                ShapeKind::Structure(_) => {
                    let def = self.lower_struct(id);
                    match def.role {
                        StructRole::Error(_) => errors.push(def),
                        _ => types.push(TypeDef::Struct(def)),
                    }
                }
                ShapeKind::Union(_) => types.push(TypeDef::Union(self.lower_union(id))),
                ShapeKind::Enum(_) => types.push(TypeDef::Enum(self.lower_enum(id))),
                ShapeKind::IntEnum(_) => types.push(TypeDef::IntEnum(self.lower_int_enum(id))),
                ShapeKind::Simple(SimpleType::String) if shape.traits.has(ids::ENUM) => {
                    types.push(TypeDef::Enum(self.lower_legacy_enum(id)))
                }
                _ => {}
            }
        }
        for op in &operations {
            for synthetic in [&op.input, &op.output] {
                if let StructOrigin::Synthetic { .. } = synthetic.origin {
                    types.push(TypeDef::Struct(synthetic.clone()));
                }
            }
        }
        types.sort_by(|a, b| a.rust_name().cmp(b.rust_name()));
        errors.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
        self.check_json_keys(&types, &errors);
        self.lower_paginators(&mut operations, &types);
        for op in &mut operations {
            self.lower_endpoint_params(op, &types);
        }
        let waiters = self.lower_waiters(&operations, &types);
        let client = self.client_methods(&operations, &waiters);
        let mut runtime_features = runtime_features(service.protocol);
        if operations.iter().any(|op| op.http_checksum.is_some()) {
            // CRC32 and CRC32C, the SDKs' default and most common choice,
            // are built only for the services that use them.
            runtime_features.push("awsgen-client/checksums".to_owned());
        }
        let xml = self.lower_xml(&operations);
        let mut ir = CrateIr {
            service,
            operations,
            types,
            errors,
            client,
            waiters,
            examples: None,
            reexports: Vec::new(),
            runtime_features,
            xml,
        };
        prune_checks::prune_checks(&mut ir);
        fast_read::mark_fast_read(&mut ir);
        ir.reexports = reexports::reexports(&ir);
        if let Some(crate_name) = &self.config.examples_crate {
            ir.examples = Some(example::examples(&ir, crate_name));
        }
        ir
    }

    /// Reports a problem about a shape or member.
    pub fn error(&mut self, id: &ShapeId, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::error(id, message));
    }

    /// Reports a warning about a shape or member.
    pub fn warn(&mut self, id: &ShapeId, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::warning(id, message));
    }

    /// Decodes a trait, reporting a malformed value against `id`.
    pub fn decode<T: serde::de::DeserializeOwned>(
        &mut self,
        id: &ShapeId,
        traits: &crate::model::Traits,
        trait_id: &str,
    ) -> Option<T> {
        match traits.decode(trait_id) {
            Ok(v) => v,
            Err(message) => {
                self.error(id, message);
                None
            }
        }
    }
}

/// The runtime features a crate of `protocol` needs (awsgen-types'; an
/// `awsgen-client/<feature>` entry is the client's, turned on by the
/// generated crate's `client` feature): a protocol's
/// format is compiled only by the crates that speak it, so a JSON service's
/// crate builds no XML reader and no CBOR.
fn runtime_features(protocol: Protocol) -> Vec<String> {
    let features: &[&str] = match protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 | Protocol::RestJson1 => &[],
        Protocol::RestXml | Protocol::AwsQuery | Protocol::Ec2Query => &["xml"],
        Protocol::RpcV2Cbor => &["cbor"],
    };
    features.iter().map(|&feature| feature.to_owned()).collect()
}
