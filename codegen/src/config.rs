//! What to generate: the service, the operations, and the project's own
//! decisions the model does not carry (extra sensitive members, retry
//! overrides, operations sent unsigned).

use crate::ir::RetryClass;
use crate::select::OperationSelection;
use crate::shape_id::ShapeId;

/// Settings of one generation run.
#[derive(Debug, Clone)]
pub struct GenerateConfig {
    /// The service; `None` when the model has exactly one.
    pub service: Option<ShapeId>,
    pub operations: OperationSelection,
    /// Members to redact in `Debug` although the model does not mark them `@sensitive`.
    pub sensitive_members: Vec<ShapeId>,
    /// Retry decisions that override the model for one error of one operation.
    pub retry_overrides: Vec<RetryOverride>,
    /// Operations (by shape name) sent unsigned although the model asks for
    /// SigV4: STS's `AssumeRoleWithWebIdentity`, whose token is the proof
    /// and whose caller has no credentials yet, as the SDKs send it.
    pub unsigned_operations: Vec<String>,
    /// The command named in each generated file's header.
    pub command: String,
    /// The crate name doctests use (`ecr_types`): with it, request types and
    /// the client get compiled doc examples; without it (code that is
    /// `include!`d, test crates) they get none.
    pub examples_crate: Option<String>,
}

impl Default for GenerateConfig {
    fn default() -> Self {
        GenerateConfig {
            service: None,
            operations: OperationSelection::All,
            sensitive_members: Vec::new(),
            retry_overrides: Vec::new(),
            unsigned_operations: Vec::new(),
            command: "cargo xtask regenerate".to_owned(),
            examples_crate: None,
        }
    }
}

/// "Error `error` of operation `operation` is retried as `class`."
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryOverride {
    /// Operation shape name.
    pub operation: String,
    /// Error shape name.
    pub error: String,
    pub class: RetryClass,
}
