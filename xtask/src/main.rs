//! `cargo xtask`: the project's own commands.
//!
//! - `regenerate [--check] [flags]`: regenerate the checked-in generated crate
//!   from `ecr-model/` as `codegen.json` describes, or check it is fresh.
//! - `conformance`: the checks that read `../shared` (run by `.ci/run`).
//! - `protocol-tests [--no-run] [--suite NAME]`: the Smithy protocol compliance
//!   suites of every supported protocol.
//! - `endpoint-tests`: the endpoint test cases with `operationInputs`, run
//!   through the generated operations and the client.
//! - `moto-e2e [--no-run]`: restJson1 end to end against moto, through
//!   clients generated from the official models.

mod cli;
mod conformance;
mod endpoint_tests;
mod locked;
mod moto_e2e;
mod protocol_tests;
mod regenerate;
mod shared;
mod supported_folders;
mod test_crate;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("regenerate") => regenerate::run(&args[1..]),
        Some("conformance") => conformance::run(&args[1..]),
        Some("protocol-tests") => protocol_tests::run(&args[1..]),
        Some("endpoint-tests") => endpoint_tests::run(&args[1..]),
        Some("moto-e2e") => moto_e2e::run(&args[1..]),
        Some("help" | "--help" | "-h") | None => {
            println!("{}", cli::USAGE);
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(anyhow::anyhow!(
            "unknown command `{other}`\n\n{}",
            cli::USAGE
        )),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
