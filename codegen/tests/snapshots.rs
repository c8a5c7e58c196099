//! Per-emitter snapshots: one minimal inline model per case, and only the
//! generated item(s) the case is about. Regenerate the expectations with
//! `UPDATE_EXPECT=1 cargo test -p awsgen-codegen --test snapshots` and review
//! the diff.

#[path = "snapshots/defaults.rs"]
mod defaults;
#[path = "snapshots/docs.rs"]
mod docs;
#[path = "snapshots/enums_unions.rs"]
mod enums_unions;
#[path = "snapshots/http_checksum.rs"]
mod http_checksum;
#[path = "snapshots/operations.rs"]
mod operations;
#[path = "snapshots/pagination_waiters.rs"]
mod pagination_waiters;
#[path = "snapshots/rest_json.rs"]
mod rest_json;
#[path = "snapshots/s3.rs"]
mod s3;
#[path = "snapshots/structures.rs"]
mod structures;

use awsgen_codegen::{generate, load, GenerateConfig, GeneratedFile, ModelSource};

/// A model holding service `ex#Svc` with operation `ex#Op`, plus `shapes`
/// (which must define `ex#Op` and its closure).
pub fn model(shapes: &str) -> String {
    format!(
        r#"{{"smithy": "2.0", "shapes": {{
            "ex#Svc": {{
                "type": "service", "version": "1",
                "operations": [{{"target": "ex#Op"}}],
                "traits": {{"aws.protocols#awsJson1_1": {{}}, "aws.auth#sigv4": {{"name": "ex"}}}}
            }},
            {shapes}
        }}}}"#
    )
}

/// `ex#Op` taking an input whose single member `subject` targets `ex#Subject`.
pub fn model_about_subject(shapes: &str) -> String {
    model(&format!(
        r#""ex#Op": {{"type": "operation", "input": {{"target": "ex#OpInput"}}}},
        "ex#OpInput": {{
            "type": "structure",
            "members": {{"subject": {{"target": "ex#Subject"}}}},
            "traits": {{"smithy.api#input": {{}}}}
        }},
        {shapes}"#
    ))
}

/// Generates every file of the model's crate, failing with the diagnostics.
pub fn generate_files(model: &str) -> Vec<GeneratedFile> {
    generate_files_with(model, &GenerateConfig::default())
}

/// [`generate_files`] with a configuration.
pub fn generate_files_with(model: &str, config: &GenerateConfig) -> Vec<GeneratedFile> {
    let model = load(&[ModelSource::new("fixture.json", model)])
        .unwrap_or_else(|d| panic!("the fixture does not load:\n{d}"));
    generate(&model, config)
        .unwrap_or_else(|d| panic!("the fixture does not generate:\n{d}"))
        .files
}

/// The contents of one generated file.
pub fn file<'f>(files: &'f [GeneratedFile], path: &str) -> &'f str {
    files
        .iter()
        .find(|f| f.path == path)
        .map(|f| f.contents.as_str())
        .unwrap_or_else(|| panic!("no generated file {path}"))
}

/// The top-level items of a formatted file, each with its docs and attributes.
/// An item ends at a line in column 0 that closes a block (`}`), ends a
/// statement (`;`) or is an empty block (`{}`).
fn top_level_items(source: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    for line in source.lines() {
        let is_comment = line.starts_with("//") && !line.starts_with("///");
        if current.is_empty() && (line.is_empty() || is_comment) {
            continue;
        }
        current.push_str(line);
        current.push('\n');
        let at_column_zero = !line.starts_with(char::is_whitespace);
        let is_attribute = line.starts_with("#[") || line.starts_with("///");
        let closes = line.starts_with('}') || line.ends_with(';') || line.ends_with("{}");
        if at_column_zero && !is_attribute && closes {
            items.push(std::mem::take(&mut current));
        }
    }
    items
}

/// The top-level items that have a column-0 line starting with one of
/// `headers`, in file order.
pub fn items(source: &str, headers: &[&str]) -> String {
    let found: Vec<String> = top_level_items(source)
        .into_iter()
        .filter(|item| {
            item.lines()
                .any(|line| headers.iter().any(|h| line.starts_with(h)))
        })
        .collect();
    assert!(
        !found.is_empty(),
        "no item starting with {headers:?} in:\n{source}"
    );
    found.concat()
}
