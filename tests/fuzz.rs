//! A deterministic property test of the generator: random JSON, random
//! Smithy-shaped documents, and mutated copies of the real models must each end
//! in `Ok(files)` (the same files on a second run) or in diagnostics with at
//! least one error — never a panic.
//!
//! Each case is replayable from its seed. By default every family runs a
//! few dozen to 150 cases (a few seconds in a debug build). Run longer with
//! more cases, or replay one reported seed:
//!
//! ```text
//! FUZZ_CASES=5000 cargo test -p project-tests --release --test fuzz
//! FUZZ_SEED=1234 FUZZ_CASES=1 cargo test -p project-tests --test fuzz mutated_ecr_model
//! ```

mod support;

#[path = "fuzz/jmespath.rs"]
mod jmespath_fuzz;
#[path = "fuzz/mutate.rs"]
mod mutate;
#[path = "fuzz/random_json.rs"]
mod random_json;

use std::panic::{catch_unwind, AssertUnwindSafe};

use awsgen_codegen::ModelSource;
use serde_json::Value;

use support::XorShift;

/// How many cases a family runs: `FUZZ_CASES`, else its default.
fn case_count(default: usize) -> usize {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The first seed of a family: `FUZZ_SEED`, else the family's fixed start.
fn first_seed(default: u64) -> u64 {
    std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Runs `make_case(seed)` for each seed of the family and checks the outcome
/// of loading and generating it. Fails listing every seed that broke the property.
fn run_family(
    family: &str,
    default_cases: usize,
    default_seed: u64,
    make_case: impl Fn(u64) -> Vec<ModelSource>,
) {
    let start = first_seed(default_seed);
    let started = std::time::Instant::now();
    let mut failures = Vec::new();
    let mut generated = 0usize;
    let mut rejected = 0usize;
    for seed in start..start + case_count(default_cases) as u64 {
        let sources = make_case(seed);
        let outcome = catch_unwind(AssertUnwindSafe(|| support::load_and_generate(&sources)));
        match outcome {
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("(no message)");
                failures.push(format!("seed {seed}: panicked: {message}"));
            }
            Ok(Ok(output)) => {
                generated += 1;
                if output.files.is_empty() {
                    failures.push(format!("seed {seed}: succeeded without files"));
                }
                // Whatever is generated is generated the same way every time.
                let again = catch_unwind(AssertUnwindSafe(|| support::load_and_generate(&sources)));
                if !matches!(again, Ok(Ok(ref second)) if second.files == output.files) {
                    failures.push(format!(
                        "seed {seed}: a second run generated different files"
                    ));
                }
            }
            Ok(Err(diagnostics)) if diagnostics.has_errors() => rejected += 1,
            Ok(Err(diagnostics)) => failures.push(format!(
                "seed {seed}: failed without an error:\n{diagnostics}"
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{family}: {} case(s) broke the property (replay with FUZZ_SEED=<seed> FUZZ_CASES=1):\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!(
        "{family}: {generated} generated, {rejected} rejected with diagnostics, in {:.1?}",
        started.elapsed()
    );
}

fn parse(source: &ModelSource) -> Value {
    serde_json::from_str(&source.text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", source.name))
}

/// Mutates one (sometimes two) of the model's files.
fn mutated_copy(originals: &[(String, Value)], seed: u64) -> Vec<ModelSource> {
    let mut rng = XorShift::new(seed);
    let ids = mutate::shape_ids(originals.iter().map(|(_, doc)| doc));
    let mut docs: Vec<(String, Value)> = originals.to_vec();
    let touched = 1 + rng.below(2);
    for _ in 0..touched {
        let file = rng.below(docs.len());
        if let Some((_, doc)) = docs.get_mut(file) {
            mutate::mutate(doc, &ids, &mut rng);
        }
    }
    let mut sources: Vec<ModelSource> = docs
        .into_iter()
        .map(|(name, doc)| ModelSource::new(name, doc.to_string()))
        .collect();
    // Now and then the text itself is damaged, not just the tree.
    if rng.one_in(12) {
        if let Some(source) = sources.get_mut(rng.below(originals.len())) {
            mutate::damage_text(&mut source.text, &mut rng);
        }
    }
    sources
}

fn originals(sources: Vec<ModelSource>) -> Vec<(String, Value)> {
    sources
        .into_iter()
        .map(|s| {
            let doc = parse(&s);
            (s.name, doc)
        })
        .collect()
}

#[test]
fn the_unmutated_models_generate() {
    for sources in [
        support::ecr_model_sources(),
        support::kitchen_sink_sources(),
    ] {
        let result = support::load_and_generate(&sources);
        assert!(result.is_ok(), "{:?}", result.err());
    }
}

#[test]
fn random_json_values() {
    run_family("random JSON", 150, 1, |seed| {
        let mut rng = XorShift::new(seed);
        let value = random_json::value(&mut rng, 4);
        vec![ModelSource::new("random.json", value.to_string())]
    });
}

#[test]
fn random_smithy_shaped_documents() {
    run_family("random Smithy documents", 150, 10_000, |seed| {
        let mut rng = XorShift::new(seed);
        let document = random_json::smithy_document(&mut rng);
        vec![ModelSource::new("random-smithy.json", document.to_string())]
    });
}

#[test]
fn mutated_ecr_model() {
    let originals = originals(support::ecr_model_sources());
    run_family("mutated ECR model", 40, 20_000, |seed| {
        mutated_copy(&originals, seed)
    });
}

#[test]
fn mutated_kitchen_sink_model() {
    let originals = originals(support::kitchen_sink_sources());
    run_family("mutated kitchen-sink model", 50, 30_000, |seed| {
        mutated_copy(&originals, seed)
    });
}
