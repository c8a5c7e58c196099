//! Each `@pattern` compiled once per process.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use super::engine::{self, Compiled};

/// Compiled patterns by their model text; `None` marks one no engine accepted.
type Cache = HashMap<&'static str, Option<Arc<Compiled>>>;

fn cache() -> &'static Mutex<Cache> {
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Whether `value` matches `pattern` anywhere; `None` when no engine of this
/// build compiles the pattern, or the one that did could not decide.
pub(super) fn matches(pattern: &'static str, value: &str) -> Option<bool> {
    let regex = {
        // A panic elsewhere while holding the lock leaves the map intact
        // (inserts are atomic), so a poisoned lock is still usable.
        let mut cache = cache()
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        cache
            .entry(pattern)
            .or_insert_with(|| engine::compile(pattern).map(Arc::new))
            .clone()
    };
    // Matching happens outside the lock so threads do not queue behind it.
    regex.and_then(|regex| regex.is_match(value))
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
        assert_eq!(matches("[unclosed", "x"), None);
    }
}
