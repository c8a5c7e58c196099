//! Each `@pattern` compiled once per process.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use regex_lite::Regex;

use super::ecma::engine_syntax;

/// Compiled patterns by their model text; `None` marks one the engine rejected.
type Cache = HashMap<&'static str, Option<Arc<Regex>>>;

fn cache() -> &'static Mutex<Cache> {
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Whether `value` matches `pattern` anywhere; `None` when the pattern does not compile.
pub(super) fn matches(pattern: &'static str, value: &str) -> Option<bool> {
    let regex = {
        // A panic elsewhere while holding the lock leaves the map intact
        // (inserts are atomic), so a poisoned lock is still usable.
        let mut cache = cache()
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        cache
            .entry(pattern)
            .or_insert_with(|| compile(pattern).map(Arc::new))
            .clone()
    };
    // Matching happens outside the lock so threads do not queue behind it.
    regex.map(|regex| regex.is_match(value))
}

/// Whether the engine accepts `pattern`.
pub(super) fn compiles(pattern: &str) -> bool {
    compile(pattern).is_some()
}

/// `pattern` compiled, after rewriting what the engine spells differently.
fn compile(pattern: &str) -> Option<Regex> {
    Regex::new(&engine_syntax(pattern)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_pattern_is_compiled_once() {
        const PATTERN: &str = "^cache-test-[0-9]+$";
        assert_eq!(matches(PATTERN, "cache-test-1"), Some(true));
        let first = cache()
            .lock()
            .unwrap()
            .get(PATTERN)
            .cloned()
            .flatten()
            .unwrap();
        assert_eq!(matches(PATTERN, "cache-test-x"), Some(false));
        let second = cache()
            .lock()
            .unwrap()
            .get(PATTERN)
            .cloned()
            .flatten()
            .unwrap();
        assert!(Arc::ptr_eq(&first, &second));
    }

    #[test]
    fn rejected_patterns_are_remembered_as_unsupported() {
        assert_eq!(matches("(?<=x)y", "xy"), None);
        assert!(!compiles("(?<=x)y"));
    }
}
