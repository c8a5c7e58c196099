//! The derived signing key, kept between signatures.
//!
//! Deriving it takes four HMACs over date, region, service and the secret, the
//! same for every request of a day; a client signs with one identity for one
//! scope, so a single remembered key is enough.

use std::fmt;
use std::sync::{PoisonError, RwLock};

use ring::hmac;

use super::string_to_sign::{credential_scope, signing_key};

/// What a signing key is derived from.
pub(crate) struct KeyIdentity<'a> {
    pub(crate) secret: &'a str,
    pub(crate) access_key_id: &'a str,
    /// `YYYYMMDD`.
    pub(crate) date: &'a str,
    pub(crate) region: &'a str,
    pub(crate) service: &'a str,
}

/// A signing key and everything it was derived from.
pub(crate) struct DerivedKey {
    /// `YYYYMMDD/region/service/aws4_request`.
    pub(crate) scope: String,
    date: String,
    region: String,
    service: String,
    /// Compared as well as the secret, so rotated credentials never reuse a key.
    access_key_id: String,
    secret: String,
    pub(crate) key: hmac::Key,
}

impl DerivedKey {
    fn derive(id: &KeyIdentity<'_>) -> Self {
        DerivedKey {
            scope: credential_scope(id.date, id.region, id.service),
            date: id.date.to_owned(),
            region: id.region.to_owned(),
            service: id.service.to_owned(),
            access_key_id: id.access_key_id.to_owned(),
            secret: id.secret.to_owned(),
            key: signing_key(id.secret, id.date, id.region, id.service),
        }
    }

    fn is_for(&self, id: &KeyIdentity<'_>) -> bool {
        self.date == id.date
            && self.region == id.region
            && self.service == id.service
            && self.access_key_id == id.access_key_id
            && self.secret == id.secret
    }
}

/// The last key derived, shared by every signature made through one `Signer`.
///
/// A read-write lock, used without cloning the key out: signatures on many
/// threads read it at once, and each call then touches the shared lock word
/// only to enter and leave (a reference count would add two more writes).
#[derive(Default)]
pub(crate) struct KeyCache {
    last: RwLock<Option<DerivedKey>>,
    /// How many keys were derived, for the tests.
    #[cfg(test)]
    derived: std::sync::atomic::AtomicU32,
}

impl KeyCache {
    /// Runs `use_key` with the key for `identity`: the remembered one when
    /// everything matches, else a new one, which is then remembered.
    pub(crate) fn with_key<R>(
        &self,
        identity: &KeyIdentity<'_>,
        use_key: impl FnOnce(&DerivedKey) -> R,
    ) -> R {
        {
            let last = self.last.read().unwrap_or_else(PoisonError::into_inner);
            if let Some(key) = last.as_ref().filter(|key| key.is_for(identity)) {
                return use_key(key);
            }
        }
        // Derived outside the lock: concurrent misses at midnight each derive
        // once rather than queueing behind one another.
        let derived = DerivedKey::derive(identity);
        #[cfg(test)]
        self.derived
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let result = use_key(&derived);
        *self.last.write().unwrap_or_else(PoisonError::into_inner) = Some(derived);
        result
    }
}

impl fmt::Debug for KeyCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The key and secret are never shown; the scope is not secret.
        let scope = self
            .last
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .map(|key| key.scope.clone());
        f.debug_struct("KeyCache")
            .field("scope", &scope)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::Ordering;

    use super::*;

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    fn id<'a>(
        secret: &'a str,
        access_key_id: &'a str,
        date: &'a str,
        region: &'a str,
        service: &'a str,
    ) -> KeyIdentity<'a> {
        KeyIdentity {
            secret,
            access_key_id,
            date,
            region,
            service,
        }
    }

    fn tag(cache: &KeyCache, identity: &KeyIdentity<'_>) -> Vec<u8> {
        cache.with_key(identity, |key| {
            hmac::sign(&key.key, b"probe").as_ref().to_vec()
        })
    }

    #[test]
    fn a_matching_request_reuses_the_key() {
        let cache = KeyCache::default();
        let identity = id(SECRET, "AKID", "20150830", "us-east-1", "ecr");
        let first = tag(&cache, &identity);
        let second = tag(&cache, &identity);
        assert_eq!(first, second);
        assert_eq!(cache.derived.load(Ordering::Relaxed), 1);
        let scope = cache.with_key(&identity, |key| key.scope.clone());
        assert_eq!(scope, "20150830/us-east-1/ecr/aws4_request");
        assert_eq!(cache.derived.load(Ordering::Relaxed), 1);
    }

    #[test]
    fn any_change_derives_a_new_key() {
        let cache = KeyCache::default();
        let original = id(SECRET, "AKID", "20150830", "us-east-1", "ecr");
        let base = tag(&cache, &original);
        let changes = [
            ("other-secret", "AKID", "20150830", "us-east-1", "ecr"),
            (SECRET, "AKID2", "20150830", "us-east-1", "ecr"),
            (SECRET, "AKID", "20150831", "us-east-1", "ecr"),
            (SECRET, "AKID", "20150830", "us-west-2", "ecr"),
            (SECRET, "AKID", "20150830", "us-east-1", "iam"),
        ];
        for (n, (secret, akid, date, region, service)) in (1..).zip(changes) {
            let changed = id(secret, akid, date, region, service);
            let key = tag(&cache, &changed);
            assert_eq!(
                cache.derived.load(Ordering::Relaxed),
                2 * n,
                "{akid} {date} {region} {service}"
            );
            let fresh = DerivedKey::derive(&changed);
            assert_eq!(key, hmac::sign(&fresh.key, b"probe").as_ref());
            // Back to the original scope: a fresh derivation, same key bytes.
            assert_eq!(tag(&cache, &original), base);
        }
    }

    #[test]
    fn debug_shows_the_scope_only() {
        let cache = KeyCache::default();
        tag(&cache, &id(SECRET, "AKID", "20150830", "us-east-1", "ecr"));
        let debug = format!("{cache:?}");
        assert!(
            debug.contains("20150830/us-east-1/ecr/aws4_request"),
            "{debug}"
        );
        assert!(!debug.contains("wJalr"), "{debug}");
    }
}
