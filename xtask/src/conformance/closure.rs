//! The project's own models (`ecr-model/`, `crates/awsgen-client/models/sso/`,
//! `sso-oidc/` and `sts/`) must describe the same operations as the
//! official models they take their facts from: for each operation a
//! project model defines, the closures are structurally identical apart
//! from documentation (and `examples`, which is documentation too). The
//! service traits are compared the same way.

use std::collections::BTreeSet;
use std::path::Path;

use awsgen_codegen::model::{Model, Shape, ShapeKind};
use awsgen_codegen::project::{read_config, read_models};
use awsgen_codegen::select::{select, OperationSelection};
use awsgen_codegen::{load, ShapeId};
use serde_json::{json, Value};

use crate::cli::repo_root;

/// Trait values and keys that are prose, not facts.
const PROSE_TRAITS: &[&str] = &["smithy.api#documentation", "smithy.api#examples"];

/// A model of this repository and the official model it follows.
struct ProjectModel {
    /// The model's directory, relative to the repository; a `codegen.json`
    /// target reads it.
    dir: &'static str,
    /// The official model, relative to `../shared`.
    official: &'static str,
    service: &'static str,
    /// Service traits the generated protocol never reads, which the
    /// project model leaves out.
    ignored_service_traits: &'static [&'static str],
}

const PROJECT_MODELS: &[ProjectModel] = &[
    ProjectModel {
        dir: "ecr-model",
        official: "models/aws/ecr-2015-09-21.json",
        service: "com.amazonaws.ecr#AmazonEC2ContainerRegistry_V20150921",
        // awsJson never reads it.
        ignored_service_traits: &["smithy.api#xmlNamespace"],
    },
    ProjectModel {
        dir: "crates/awsgen-client/models/sso",
        official: "models/restJson1/sso-2019-06-10.json",
        service: "com.amazonaws.sso#SWBPortalService",
        ignored_service_traits: &[],
    },
    ProjectModel {
        dir: "crates/awsgen-client/models/sso-oidc",
        official: "models/restJson1/sso-oidc-2019-06-10.json",
        service: "com.amazonaws.ssooidc#AWSSSOOIDCService",
        ignored_service_traits: &[],
    },
    ProjectModel {
        dir: "crates/awsgen-client/models/sts",
        official: "models/awsQuery/sts-2011-06-15.json",
        service: "com.amazonaws.sts#AWSSecurityTokenServiceV20110615",
        ignored_service_traits: &[],
    },
];

pub fn run(shared: &Path) -> anyhow::Result<bool> {
    let root = repo_root();
    let config = read_config(&root.join("codegen.json"))?;
    let mut ok = true;
    let mut totals = (0, 0);
    for project in PROJECT_MODELS {
        let generated = config.targets.iter().any(|target| {
            target.model.iter().any(|model| model == project.dir)
                && target.service.as_deref() == Some(project.service)
        });
        if !generated {
            anyhow::bail!(
                "no codegen.json target generates {} from {}",
                project.service,
                project.dir
            );
        }
        let (passed, failed) = check(project, &root, shared)?;
        totals.0 += passed;
        totals.1 += failed;
        ok &= failed == 0;
    }
    println!("closure: {} passed, {} failed", totals.0, totals.1);
    Ok(ok)
}

/// Compares one project model; prints a line for it and each problem, and
/// returns the counts of shapes (and the service) that passed and failed.
fn check(project: &ProjectModel, root: &Path, shared: &Path) -> anyhow::Result<(usize, usize)> {
    let ours = load_model(&[root.join(project.dir)])?;
    let official = load_model(&[shared.join(project.official)])?;
    let service: ShapeId = project.service.parse()?;

    let ours_selection = select(&ours, Some(&service), &OperationSelection::All)
        .map_err(|d| anyhow::anyhow!("{}: {d:?}", project.dir))?;
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
    .map_err(|d| anyhow::anyhow!("official model {}: {d:?}", project.official))?;

    let mut problems = Vec::new();
    let ours_ids = ids(&ours_selection.closure, &ours_selection.operations);
    let official_ids = ids(&official_selection.closure, &official_selection.operations);
    for missing in official_ids.difference(&ours_ids) {
        problems.push(format!(
            "{missing}: in the official closure but not in {}",
            project.dir
        ));
    }
    for extra in ours_ids.difference(&official_ids) {
        problems.push(format!(
            "{extra}: in {} but not in the official closure",
            project.dir
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
            map.retain(|k, _| !project.ignored_service_traits.contains(&k.as_str()));
        }
        t
    };
    if service_traits(a) != service_traits(b) {
        problems.push(format!(
            "{service}: service traits differ from the official model (apart from documentation)"
        ));
    }

    println!(
        "conformance closure {}: {} operation(s) ({}), {compared} shapes and the service compared with {}",
        project.dir,
        operations.len(),
        operations.join(", "),
        project.official
    );
    for p in &problems {
        println!("  {p}");
    }
    let total = compared + 1;
    let failed = problems.len().min(total);
    Ok((total - failed, failed))
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
