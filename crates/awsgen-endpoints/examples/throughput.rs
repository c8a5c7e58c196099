//! Measures how many endpoint resolutions per second the interpreter manages
//! on ECR's real rule set.
//!
//! ```text
//! cargo run -p awsgen-endpoints --example throughput [--release] [-- path/to/ecr-model.json]
//! ```
//!
//! Without an argument it reads the ECR model from `../shared/models/aws`.

use std::error::Error;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use awsgen_endpoints::{Params, RuleSet};

const RULE_SET_TRAIT: &str = "smithy.rules#endpointRuleSet";
const MEASURE_FOR: Duration = Duration::from_secs(2);

fn main() -> Result<(), Box<dyn Error>> {
    let path = std::env::args_os().nth(1).map_or_else(
        || {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/models/aws/ecr-2015-09-21.json")
        },
        PathBuf::from,
    );
    let text = std::fs::read_to_string(&path)
        .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
    let model: serde_json::Value = serde_json::from_str(&text)?;
    let rule_set = model
        .get("shapes")
        .and_then(serde_json::Value::as_object)
        .and_then(|shapes| {
            shapes
                .values()
                .find_map(|shape| shape.get("traits")?.get(RULE_SET_TRAIT))
        })
        .ok_or_else(|| format!("{} has no shape with {RULE_SET_TRAIT}", path.display()))?;

    let load_started = Instant::now();
    let rules = RuleSet::from_value(rule_set)?;
    let load_time = load_started.elapsed();

    // A mix of what a client sends: mostly plain regional, some FIPS,
    // dual-stack, another partition, a custom endpoint, and one error.
    let mixes = [
        Params::new().with("Region", "us-east-1"),
        Params::new().with("Region", "eu-west-1"),
        Params::new()
            .with("Region", "us-east-1")
            .with("UseFIPS", true),
        Params::new()
            .with("Region", "us-west-2")
            .with("UseDualStack", true),
        Params::new().with("Region", "cn-north-1"),
        Params::new()
            .with("Region", "us-gov-west-1")
            .with("UseFIPS", true),
        Params::new().with("Endpoint", "https://localhost:4566"),
        Params::new(),
    ];

    let mut resolved = 0u64;
    let started = Instant::now();
    while started.elapsed() < MEASURE_FOR {
        for params in &mixes {
            // Both outcomes count: the error is a legitimate resolution result.
            let _ = black_box(rules.resolve(black_box(params)));
            resolved += 1;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    println!("rule set load: {:.2} ms", load_time.as_secs_f64() * 1e3);
    println!(
        "{profile}: {resolved} resolutions in {elapsed:.2} s = {:.0} per second ({:.2} us each)",
        resolved as f64 / elapsed,
        elapsed * 1e6 / resolved as f64
    );
    Ok(())
}
