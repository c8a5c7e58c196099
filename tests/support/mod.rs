//! Helpers shared by the test files of this package. Each test binary uses a
//! different part of them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use awsgen_codegen::{Diagnostics, GenerateConfig, Generated, Model, ModelSource};

/// The repository root (this package lives in `tests/`).
pub fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// Reads a file of the repository, naming it when it cannot be read.
pub fn read_repo_file(relative: &str) -> String {
    let path = repo_root().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Every `*.json` file of a repository directory, in name order, as the
/// generator reads a model directory.
pub fn model_dir_sources(relative: &str) -> Vec<ModelSource> {
    let dir = repo_root().join(relative);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no model files in {}", dir.display());
    files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
            ModelSource::new(p.display().to_string(), text)
        })
        .collect()
}

/// The project's ECR model.
pub fn ecr_model_sources() -> Vec<ModelSource> {
    model_dir_sources("ecr-model")
}

/// The kitchen-sink fixture model (its shapes plus a file of `apply`s).
pub fn kitchen_sink_sources() -> Vec<ModelSource> {
    model_dir_sources("tests/fixtures/kitchen-sink")
}

/// Loads and generates with the default configuration (the model's only
/// service, every operation).
pub fn load_and_generate(sources: &[ModelSource]) -> Result<Generated, Diagnostics> {
    generate_with(sources, &GenerateConfig::default())
}

/// Loads and generates with `config`.
pub fn generate_with(
    sources: &[ModelSource],
    config: &GenerateConfig,
) -> Result<Generated, Diagnostics> {
    let model: Model = awsgen_codegen::load(sources)?;
    awsgen_codegen::generate(&model, config)
}

/// What the transport does with an error response: hands status, headers
/// and body to the operation, whose protocol reads the code and picks the
/// modeled error (the same function the client calls).
pub fn operation_error<O: awsgen_types::Operation>(
    status: u16,
    error_type_header: Option<&str>,
    body: &str,
    request_id: Option<&str>,
) -> O::Error {
    let mut headers = awsgen_types::http::HeaderMap::new();
    if let Some(value) = error_type_header {
        headers.insert("x-amzn-errortype", value.parse().expect("a header value"));
    }
    if let Some(value) = request_id {
        headers.insert("x-amzn-requestid", value.parse().expect("a header value"));
    }
    O::deserialize_error(&awsgen_types::HttpResponse {
        status,
        headers: &headers,
        body: body.as_bytes(),
    })
}

/// The `X-Amz-Target` of the request an awsJson operation makes for `input`.
pub fn target<O: awsgen_types::Operation>(input: &O::Input) -> String {
    let request = O::serialize_request(input).expect("the input serializes");
    let values: Vec<_> = request
        .headers
        .iter()
        .filter(|(name, _)| name == "x-amz-target")
        .map(|(_, value)| value.to_str().expect("an ASCII target").to_owned())
        .collect();
    assert_eq!(values.len(), 1, "one X-Amz-Target: {values:?}");
    values.into_iter().next().unwrap_or_default()
}

/// A small deterministic PRNG (xorshift64*), so property tests need no
/// dependency and every case can be replayed from its seed.
#[derive(Debug, Clone)]
pub struct XorShift(u64);

impl XorShift {
    /// A generator from a seed (zero is mapped to a fixed non-zero state).
    pub fn new(seed: u64) -> XorShift {
        // splitmix64 spreads nearby seeds apart.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        XorShift(if z == 0 { 0x2545_F491_4F6C_DD1D } else { z })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`0` when `n` is zero).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `1/n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// A random element of a non-empty slice (`None` when it is empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}
