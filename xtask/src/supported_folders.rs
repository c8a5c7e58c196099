//! The folders of `../shared/models` whose protocol the generator and the
//! transport support: the one place this list is kept. xtask reads it here
//! (`shared.rs`), and awsgen-endpoints' `aws_models` test includes this file
//! by path, so the rule-set cases and the generated ones cover the same models.

/// A protocol that lands adds its folder here, and every model in it is then
/// generated and compiled (`conformance generate`), has its endpoint
/// operation-input cases run (`endpoint-tests`) and its rule-set cases run
/// (`aws_models`).
pub const SUPPORTED_MODEL_FOLDERS: &[&str] = &["aws", "awsQuery", "restJson1", "restXml"];
