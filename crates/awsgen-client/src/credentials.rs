//! Credentials for signing, fetched from the provider once and reused until
//! they are about to expire.

use std::fmt;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::{Duration, SystemTime};

use awsgen_auth::{Credentials, CredentialsError, Environment, ProvideCredentials};

use crate::keyed_cache::Cached;

/// Credentials closer than this to their expiry are fetched again.
const REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);

/// A provider, the environment snapshot it reads, and the last credentials it gave.
pub(crate) struct CredentialsSource {
    provider: Arc<dyn ProvideCredentials>,
    env: Environment,
    /// Credentials without an expiry, once fetched: read by every call with
    /// no lock or reference count (see `keyed_cache` for why that matters).
    lasting: OnceLock<Credentials>,
    /// Expiring credentials, shared rather than cloned per request: a clone
    /// copies three or four strings.
    cached: Mutex<Option<Arc<Credentials>>>,
}

impl CredentialsSource {
    pub(crate) fn new(provider: Arc<dyn ProvideCredentials>, env: Environment) -> Self {
        CredentialsSource {
            provider,
            env,
            lasting: OnceLock::new(),
            cached: Mutex::new(None),
        }
    }

    /// Credentials usable at `now`. The lock is held while the provider runs,
    /// so concurrent first calls read the shared files once.
    pub(crate) fn get(&self, now: SystemTime) -> Result<Cached<'_, Credentials>, CredentialsError> {
        if let Some(lasting) = self.lasting.get() {
            return Ok(Cached::Borrowed(lasting));
        }
        let mut cached = self.cached.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(credentials) = cached.as_ref().filter(|c| is_fresh(c, now)) {
            return Ok(Cached::Shared(Arc::clone(credentials)));
        }
        let credentials = self.provider.provide_credentials(&self.env)?;
        if credentials.expiry().is_none() {
            return Ok(Cached::Borrowed(self.lasting.get_or_init(|| credentials)));
        }
        let credentials = Arc::new(credentials);
        *cached = is_fresh(&credentials, now).then(|| Arc::clone(&credentials));
        Ok(Cached::Shared(credentials))
    }
}

fn is_fresh(credentials: &Credentials, now: SystemTime) -> bool {
    match credentials.expiry() {
        Some(expiry) => expiry > now + REFRESH_MARGIN,
        None => true,
    }
}

impl fmt::Debug for CredentialsSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Providers redact their own secrets; the cached value is not shown at all.
        f.debug_struct("CredentialsSource")
            .field("provider", &self.provider)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;

    #[derive(Debug)]
    struct Counting {
        calls: AtomicU32,
        expiry: Option<Duration>,
    }

    impl ProvideCredentials for Counting {
        fn provide_credentials(&self, _env: &Environment) -> Result<Credentials, CredentialsError> {
            self.calls.fetch_add(1, Ordering::SeqCst);
            let credentials = Credentials::new("AKID", "secret", None, "test");
            Ok(match self.expiry {
                Some(left) => credentials.with_expiry(SystemTime::now() + left),
                None => credentials,
            })
        }
    }

    fn make_source(expiry: Option<Duration>) -> (Arc<Counting>, CredentialsSource) {
        let provider = Arc::new(Counting {
            calls: AtomicU32::new(0),
            expiry,
        });
        let source = CredentialsSource::new(provider.clone(), Environment::default());
        (provider, source)
    }

    #[test]
    fn credentials_without_expiry_are_fetched_once() {
        let (provider, source) = make_source(None);
        for _ in 0..3 {
            assert_eq!(
                source.get(SystemTime::now()).unwrap().access_key_id(),
                "AKID"
            );
        }
        assert_eq!(provider.calls.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn credentials_about_to_expire_are_fetched_again() {
        let (provider, source) = make_source(Some(Duration::from_secs(60)));
        source.get(SystemTime::now()).unwrap();
        source.get(SystemTime::now()).unwrap();
        assert_eq!(provider.calls.load(Ordering::SeqCst), 2);
        let (provider, source) = make_source(Some(Duration::from_secs(3600)));
        source.get(SystemTime::now()).unwrap();
        source.get(SystemTime::now()).unwrap();
        assert_eq!(provider.calls.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let (_, source) = make_source(None);
        source.get(SystemTime::now()).unwrap();
        assert!(!format!("{source:?}").contains("secret"));
    }
}
