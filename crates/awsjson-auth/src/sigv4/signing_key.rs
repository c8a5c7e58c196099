//! The derived signing key, kept between signatures.
//!
//! Deriving it takes four HMACs over date, region, service and the secret, the
//! same for every request of a day; a client signs with one identity for one
//! scope, so a single remembered key is enough.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use ring::hmac;

use super::string_to_sign::{credential_scope, signing_key};

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
    fn derive(secret: &str, access_key_id: &str, date: &str, region: &str, service: &str) -> Self {
        DerivedKey {
            scope: credential_scope(date, region, service),
            date: date.to_owned(),
            region: region.to_owned(),
            service: service.to_owned(),
            access_key_id: access_key_id.to_owned(),
            secret: secret.to_owned(),
            key: signing_key(secret, date, region, service),
        }
    }

    fn is_for(
        &self,
        secret: &str,
        access_key_id: &str,
        date: &str,
        region: &str,
        service: &str,
    ) -> bool {
        self.date == date
            && self.region == region
            && self.service == service
            && self.access_key_id == access_key_id
            && self.secret == secret
    }
}

/// The last key derived, shared by every signature made through one `Signer`.
#[derive(Default)]
pub(crate) struct KeyCache {
    last: Mutex<Option<Arc<DerivedKey>>>,
}

impl KeyCache {
    /// The key for this identity and scope: the remembered one when everything
    /// matches, else a new one, which is then remembered.
    pub(crate) fn key_for(
        &self,
        secret: &str,
        access_key_id: &str,
        date: &str,
        region: &str,
        service: &str,
    ) -> Arc<DerivedKey> {
        if let Some(hit) = self
            .lock()
            .as_ref()
            .filter(|key| key.is_for(secret, access_key_id, date, region, service))
        {
            return Arc::clone(hit);
        }
        // Derived outside the lock: concurrent misses at midnight each derive
        // once rather than queueing behind one another.
        let derived = Arc::new(DerivedKey::derive(
            secret,
            access_key_id,
            date,
            region,
            service,
        ));
        *self.lock() = Some(Arc::clone(&derived));
        derived
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Arc<DerivedKey>>> {
        self.last.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl fmt::Debug for KeyCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The key and secret are never shown; the scope is not secret.
        let scope = self.lock().as_ref().map(|key| key.scope.clone());
        f.debug_struct("KeyCache")
            .field("scope", &scope)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    fn tag(key: &DerivedKey) -> Vec<u8> {
        hmac::sign(&key.key, b"probe").as_ref().to_vec()
    }

    #[test]
    fn a_matching_request_reuses_the_key() {
        let cache = KeyCache::default();
        let first = cache.key_for(SECRET, "AKID", "20150830", "us-east-1", "ecr");
        let second = cache.key_for(SECRET, "AKID", "20150830", "us-east-1", "ecr");
        assert!(Arc::ptr_eq(&first, &second));
        assert_eq!(first.scope, "20150830/us-east-1/ecr/aws4_request");
    }

    #[test]
    fn any_change_derives_a_new_key() {
        let cache = KeyCache::default();
        let base = cache.key_for(SECRET, "AKID", "20150830", "us-east-1", "ecr");
        let changes = [
            ("other-secret", "AKID", "20150830", "us-east-1", "ecr"),
            (SECRET, "AKID2", "20150830", "us-east-1", "ecr"),
            (SECRET, "AKID", "20150831", "us-east-1", "ecr"),
            (SECRET, "AKID", "20150830", "us-west-2", "ecr"),
            (SECRET, "AKID", "20150830", "us-east-1", "iam"),
        ];
        for (secret, akid, date, region, service) in changes {
            let key = cache.key_for(secret, akid, date, region, service);
            assert!(
                !Arc::ptr_eq(&key, &base),
                "{akid} {date} {region} {service}"
            );
            let fresh = DerivedKey::derive(secret, akid, date, region, service);
            assert_eq!(tag(&key), tag(&fresh));
            // Back to the original scope: a fresh derivation, same key bytes.
            let again = cache.key_for(SECRET, "AKID", "20150830", "us-east-1", "ecr");
            assert_eq!(tag(&again), tag(&base));
        }
    }

    #[test]
    fn debug_shows_the_scope_only() {
        let cache = KeyCache::default();
        cache.key_for(SECRET, "AKID", "20150830", "us-east-1", "ecr");
        let debug = format!("{cache:?}");
        assert!(
            debug.contains("20150830/us-east-1/ecr/aws4_request"),
            "{debug}"
        );
        assert!(!debug.contains("wJalr"), "{debug}");
    }
}
