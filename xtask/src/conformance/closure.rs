//! The project's `ecr-model/` must describe the same operations as the
//! official ECR model: for each operation it defines, the closures are
//! structurally identical apart from documentation (and `examples`, which is
//! documentation too). The service traits are compared the same way.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::Context;
use awsgen_codegen::model::{Model, Shape, ShapeKind};
use awsgen_codegen::project::{read_config, read_models};
use awsgen_codegen::select::{select, OperationSelection};
use awsgen_codegen::{load, ShapeId};
use serde_json::{json, Value};

use crate::cli::repo_root;

/// Trait values and keys that are prose, not facts.
const PROSE_TRAITS: &[&str] = &["smithy.api#documentation", "smithy.api#examples"];
/// Service traits awsJson never reads and the project model leaves out.
const IGNORED_SERVICE_TRAITS: &[&str] = &["smithy.api#xmlNamespace"];

pub fn run(shared: &Path) -> anyhow::Result<bool> {
    let root = repo_root();
    let config = read_config(&root.join("codegen.json"))?;
    let target = config
        .targets
        .first()
        .context("codegen.json has no targets")?;
    let ours = load_model(
        &target
            .model
            .iter()
            .map(|m| root.join(m))
            .collect::<Vec<_>>(),
    )?;
    let official = load_model(&[shared.join("models/aws/ecr-2015-09-21.json")])?;
    let service: ShapeId = target
        .service
        .as_deref()
        .context("the ECR target names no service")?
        .parse()?;

    let ours_selection = select(&ours, Some(&service), &OperationSelection::All)
        .map_err(|d| anyhow::anyhow!("ecr-model: {d:?}"))?;
    let operations: Vec<String> = ours_selection
        .operations
        .iter()
        .map(|o| o.name().to_owned())
        .collect();
    let official_selection = select(
        &official,
        Some(&service),
        &OperationSelection::Named(operations.clone()),
    )
    .map_err(|d| anyhow::anyhow!("official model: {d:?}"))?;

    let mut problems = Vec::new();
    let ours_ids = ids(&ours_selection.closure, &ours_selection.operations);
    let official_ids = ids(&official_selection.closure, &official_selection.operations);
    for missing in official_ids.difference(&ours_ids) {
        problems.push(format!(
            "{missing}: in the official closure but not in ecr-model"
        ));
    }
    for extra in ours_ids.difference(&official_ids) {
        problems.push(format!(
            "{extra}: in ecr-model but not in the official closure"
        ));
    }
    let mut compared = 0;
    for id in ours_ids.intersection(&official_ids) {
        let (Some(a), Some(b)) = (ours.get(id), official.get(id)) else {
            continue;
        };
        compared += 1;
        if facts(a) != facts(b) {
            problems.push(format!(
                "{id}: differs from the official model\n    ours:     {}\n    official: {}",
                facts(a),
                facts(b)
            ));
        }
    }
    let (Some(a), Some(b)) = (ours.get(&service), official.get(&service)) else {
        anyhow::bail!("the service shape {service} is missing from one of the models");
    };
    let service_traits = |s: &Shape| {
        let mut t = traits(s.traits.iter());
        if let Value::Object(map) = &mut t {
            map.retain(|k, _| !IGNORED_SERVICE_TRAITS.contains(&k.as_str()));
        }
        t
    };
    if service_traits(a) != service_traits(b) {
        problems.push(format!(
            "{service}: service traits differ from the official model (apart from documentation)"
        ));
    }

    println!(
        "conformance closure: {} operation(s) ({}), {compared} shapes and the service compared",
        operations.len(),
        operations.join(", ")
    );
    for p in &problems {
        println!("  {p}");
    }
    let total = compared + 1;
    println!(
        "closure: {} passed, {} failed",
        total - problems.len().min(total),
        problems.len()
    );
    Ok(problems.is_empty())
}

fn load_model(paths: &[std::path::PathBuf]) -> anyhow::Result<Model> {
    let sources = read_models(paths)?;
    load(&sources).map_err(|d| anyhow::anyhow!("{d}"))
}

fn ids(closure: &BTreeSet<ShapeId>, operations: &[ShapeId]) -> BTreeSet<ShapeId> {
    closure.iter().chain(operations).cloned().collect()
}

/// Removes `documentation` keys at any depth (rule sets, tests and waiters carry prose too).
fn strip_prose(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| k.as_str() != "documentation")
                .map(|(k, v)| (k.clone(), strip_prose(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(strip_prose).collect()),
        other => other.clone(),
    }
}

fn traits<'a>(traits: impl Iterator<Item = (&'a str, &'a Value)>) -> Value {
    Value::Object(
        traits
            .filter(|(id, _)| !PROSE_TRAITS.contains(id))
            .map(|(id, v)| (id.to_owned(), strip_prose(v)))
            .collect(),
    )
}

/// Everything about a shape except its prose, in a comparable form.
fn facts(shape: &Shape) -> Value {
    let members: Vec<Value> = shape
        .members()
        .iter()
        .map(|m| json!([m.name, m.target.to_string(), traits(m.traits.iter())]))
        .collect();
    let operation = match &shape.kind {
        ShapeKind::Operation(op) => json!({
            "input": op.input.as_ref().map(ToString::to_string),
            "output": op.output.as_ref().map(ToString::to_string),
            "errors": op.errors.iter().map(ToString::to_string).collect::<Vec<_>>(),
        }),
        _ => Value::Null,
    };
    json!({
        "type": shape.type_name(),
        "members": members,
        "operation": operation,
        "traits": traits(shape.traits.iter()),
    })
}
