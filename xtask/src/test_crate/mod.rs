//! Pieces shared by the commands that generate a crate with one test per
//! case and run it (`protocol-tests`, `endpoint-tests`): lookups over the IR
//! (`index`), paths into the generated crate (`tokens`), construction
//! expressions for model-form values (`values`), formatting a test file,
//! running `cargo test` and reading libtest's output (`results`, `run`).

pub mod index;
pub mod results;
pub mod run;
pub mod tokens;
pub mod values;

use anyhow::Context;
use proc_macro2::TokenStream;

/// Formats tokens as a file with `head` on top.
pub fn rust_file(head: &str, tokens: TokenStream) -> anyhow::Result<String> {
    let file: syn::File =
        syn::parse2(tokens).context("generated test code is not valid Rust (an xtask bug)")?;
    Ok(format!("{head}\n{}", prettyplease::unparse(&file)))
}
