//! Values made once per service and read on every call.
//!
//! A client nearly always calls one service, so the first service's value is
//! kept where every call can read it without a lock or a reference count: on a
//! multi-threaded runtime, a lock or counter written by each call moves its
//! cache line between cores on every request, which showed in the throughput
//! benchmark. Values of further services go to a locked list.

use std::ops::Deref;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// One value per `&'static str` key (a service's shape ID or `sdkId`).
pub(crate) struct KeyedCache<V> {
    first: OnceLock<(&'static str, V)>,
    others: Mutex<Vec<(&'static str, Arc<V>)>>,
}

/// A cached value: borrowed for the first key, shared for the others.
pub(crate) enum Cached<'a, V> {
    Borrowed(&'a V),
    Shared(Arc<V>),
}

impl<V> Deref for Cached<'_, V> {
    type Target = V;

    fn deref(&self) -> &V {
        match self {
            Cached::Borrowed(value) => value,
            Cached::Shared(value) => value,
        }
    }
}

impl<V> Default for KeyedCache<V> {
    fn default() -> Self {
        KeyedCache {
            first: OnceLock::new(),
            others: Mutex::new(Vec::new()),
        }
    }
}

impl<V> KeyedCache<V> {
    /// The value of `key`, made with `make` the first time. A failure is not
    /// remembered, so the next call tries again. Calls racing on a new key may
    /// each run `make`; one result is kept.
    pub(crate) fn get_or_try_insert<E>(
        &self,
        key: &'static str,
        make: impl Fn() -> Result<V, E>,
    ) -> Result<Cached<'_, V>, E> {
        if let Some(hit) = self.lookup(key) {
            return Ok(hit);
        }
        if self.first.get().is_none() {
            let value = make()?;
            let (first_key, first_value) = self.first.get_or_init(|| (key, value));
            if *first_key == key {
                return Ok(Cached::Borrowed(first_value));
            }
            // Another key took the first place meanwhile; this one joins the others.
        }
        let value = make()?;
        let mut others = self.others.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, kept)) = others.iter().find(|(k, _)| *k == key) {
            return Ok(Cached::Shared(Arc::clone(kept)));
        }
        let value = Arc::new(value);
        others.push((key, Arc::clone(&value)));
        Ok(Cached::Shared(value))
    }

    fn lookup(&self, key: &'static str) -> Option<Cached<'_, V>> {
        if let Some((first_key, value)) = self.first.get() {
            if *first_key == key {
                return Some(Cached::Borrowed(value));
            }
        }
        let others = self.others.lock().unwrap_or_else(PoisonError::into_inner);
        others
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, value)| Cached::Shared(Arc::clone(value)))
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    #[test]
    fn each_key_is_made_once_and_failures_are_not_kept() {
        let cache = KeyedCache::<String>::default();
        let made = Cell::new(0);
        let make = |text: &str| {
            made.set(made.get() + 1);
            Ok::<_, ()>(text.to_owned())
        };
        assert!(cache
            .get_or_try_insert("a", || Err::<String, _>("no"))
            .is_err());
        assert_eq!(
            *cache.get_or_try_insert("a", || make("first")).unwrap(),
            "first"
        );
        assert_eq!(
            *cache.get_or_try_insert("a", || make("again")).unwrap(),
            "first"
        );
        assert_eq!(
            *cache.get_or_try_insert("b", || make("second")).unwrap(),
            "second"
        );
        assert_eq!(
            *cache.get_or_try_insert("b", || make("again")).unwrap(),
            "second"
        );
        assert_eq!(made.get(), 2);
        assert!(matches!(cache.lookup("a"), Some(Cached::Borrowed(_))));
        assert!(matches!(cache.lookup("b"), Some(Cached::Shared(_))));
        assert!(cache.lookup("c").is_none());
    }
}
