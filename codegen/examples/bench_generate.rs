//! Times generation of every operation of a model (load, select, validate,
//! lower, emit and format), the figure BENCHMARKS.md records.
//!
//! `cargo run --release -p awsgen-codegen --example bench_generate -- MODEL.json [RUNS]`
//!
//! It loads the model once per run from memory (file reading is not timed),
//! runs `RUNS` times (default 20) after one warm-up run, and prints the
//! minimum, median and maximum wall time.

use std::time::{Duration, Instant};

use awsgen_codegen::{generate, load, GenerateConfig, ModelSource, OperationSelection};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: bench_generate MODEL.json [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args
        .next()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20)
        .max(1);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    let config = GenerateConfig {
        operations: OperationSelection::All,
        ..GenerateConfig::default()
    };
    let once = || -> Result<(usize, usize), String> {
        let model =
            load(&[ModelSource::new(path.clone(), text.clone())]).map_err(|d| d.to_string())?;
        let generated = generate(&model, &config).map_err(|d| d.to_string())?;
        Ok((
            generated.operations.len(),
            generated.files.iter().map(|f| f.contents.len()).sum(),
        ))
    };
    let (operations, bytes) = match once() {
        Ok(v) => v,
        Err(e) => {
            eprintln!("generation failed:\n{e}");
            std::process::exit(1);
        }
    };
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let _ = once();
            start.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "{path}: {operations} operations, {bytes} bytes of Rust; {runs} runs: min {:.1?}, median {:.1?}, max {:.1?}",
        times[0],
        times[runs / 2],
        times[runs - 1]
    );
}
