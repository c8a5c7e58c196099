//! Command-line parsing shared by the xtask commands (no clap: a dozen flags
//! do not earn its compile time).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

pub const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  regenerate [--check] [--config FILE] [--model PATH]... [--service SHAPE_ID]
             [--operations all|Op1,Op2] [--output DIR] [--crate-name NAME] [--target NAME]
             [--runtime-version REQ | --runtime-git URL [--runtime-rev REV] | --runtime-path DIR]
      Regenerate the generated crates as codegen.json says (ecr-types from ecr-model/, ...).
      With flags, one target (--target, default the first) is generated with them applied.
      --check      write nothing; exit 1 and name the stale files if anything differs
      --model      read these model files/directories instead (e.g. an official AWS model)
      --output     write the crate here instead: a standalone crate that takes the runtime
                   crates (awsgen-types, awsgen-client) from crates.io at this generator's
                   version, or from --runtime-version REQ, a git repository (--runtime-git,
                   --runtime-rev), or a checkout's crates directory (--runtime-path)
  conformance [closure|generate|all]
      Checks against ../shared: the closures of the project's models (ecr-model/, and
      crates/awsgen-client/models/ sso and sso-oidc) equal the official ones (apart from
      documentation); every operation of every model in the supported folders of
      ../shared/models (aws, restJson1) generates and compiles with warnings denied.
  protocol-tests [--no-run] [--suite NAME]...
      Run the Smithy protocol test suites (../shared/protocol-tests) of every supported
      protocol (awsJson1_1, restJson1 and its other services): each suite's service is
      generated with one test per client case into target/protocol-tests/<suite>, run
      through the real transport; prints `protocol tests SUITE: N passed, M failed` per
      suite and what is not run, and fails if any case fails.
      --no-run     generate only
      --suite      only this suite (the cases file's stem, e.g. restJson1.Glacier); repeatable
  endpoint-tests
      Run the smithy.rules#endpointTests cases that carry operationInputs, for every model in
      the supported folders of ../shared/models: the operations they call are generated into
      target/endpoint-tests/<model> with one test per case, which builds the input, configures
      the client from builtInParams, and resolves with the parameters the client would use.
      Prints `endpoint tests operationInputs: N passed, M failed`.
  moto-e2e [--no-run]
      restJson1, awsQuery and restXml end to end against moto (install it first:
      bash tests/e2e/setup-moto.sh): the operations the scenarios call are generated from the
      official EKS, Lambda, STS, IAM, SNS and Route 53 models into target/moto-e2e/<service>,
      and the checked-in tests tests/e2e/moto-restjson/main.rs and tests/e2e/moto-xml/main.rs
      run them through the typed clients against moto with signature checking on.
      --no-run     generate only";

/// The repository root (the parent of `xtask/`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// A simple flag cursor: `--name value` pairs and bare switches.
pub struct Args<'a> {
    rest: std::slice::Iter<'a, String>,
}

impl<'a> Args<'a> {
    pub fn new(args: &'a [String]) -> Self {
        Args { rest: args.iter() }
    }

    pub fn next_flag(&mut self) -> Option<&'a str> {
        self.rest.next().map(String::as_str)
    }

    pub fn value(&mut self, flag: &str) -> anyhow::Result<&'a str> {
        match self.rest.next() {
            Some(v) if !v.starts_with("--") => Ok(v),
            _ => bail!("`{flag}` needs a value"),
        }
    }
}

/// Makes a user-given path absolute against the current directory.
pub fn absolute(path: &str) -> anyhow::Result<PathBuf> {
    let path = PathBuf::from(path);
    if path.is_absolute() {
        return Ok(path);
    }
    Ok(std::env::current_dir()
        .context("cannot read the current directory")?
        .join(path))
}
