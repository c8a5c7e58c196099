//! Which regex engine checks a `@pattern`, and the match itself.
//!
//! regex-lite checks every pattern it compiles, in every build: it is
//! small and matches in linear time, but has no Unicode classes (`\p{L}`)
//! and no lookaround (`(?!aws:)`). With the `full-patterns` feature, a
//! pattern regex-lite refuses is tried with fancy-regex, which has both
//! (BENCHMARKS.md, "Pattern engines", has the cost). A pattern regex-lite
//! compiles never moves to fancy-regex, so turning the feature on changes
//! no answer `validate()` already gave.

use super::ecma::engine_syntax;

/// A pattern compiled by the engine that accepted it.
#[derive(Debug)]
pub(super) enum Compiled {
    Lite(regex_lite::Regex),
    #[cfg(feature = "full-patterns")]
    Full(fancy_regex::Regex),
}

impl Compiled {
    /// Whether `value` matches anywhere; `None` when the engine could not
    /// decide (fancy-regex gave up backtracking), which counts as met.
    pub(super) fn is_match(&self, value: &str) -> Option<bool> {
        match self {
            Compiled::Lite(regex) => Some(regex.is_match(value)),
            #[cfg(feature = "full-patterns")]
            Compiled::Full(regex) => regex.is_match(value).ok(),
        }
    }
}

/// `pattern` compiled by the first engine of this build that accepts it.
pub(super) fn compile(pattern: &str) -> Option<Compiled> {
    let syntax = engine_syntax(pattern);
    if let Ok(regex) = regex_lite::Regex::new(&syntax) {
        return Some(Compiled::Lite(regex));
    }
    compile_full(&syntax)
}

#[cfg(feature = "full-patterns")]
fn compile_full(syntax: &str) -> Option<Compiled> {
    if super::ecma::uses_java_posix_class(syntax) {
        return None;
    }
    fancy_regex::Regex::new(syntax).ok().map(Compiled::Full)
}

#[cfg(not(feature = "full-patterns"))]
fn compile_full(_syntax: &str) -> Option<Compiled> {
    None
}

/// Whether regex-lite, the engine of every build, compiles `pattern` (only
/// `pattern_support` asks, which exists with the full engine).
#[cfg(feature = "full-patterns")]
pub(super) fn lite_compiles(pattern: &str) -> bool {
    regex_lite::Regex::new(&engine_syntax(pattern)).is_ok()
}
