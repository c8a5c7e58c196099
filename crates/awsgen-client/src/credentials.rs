//! Credentials for signing: fetched from the provider, cached, and fetched
//! again ahead of their expiry, one fetch at a time.
//!
//! Credentials without an expiry (static keys, the environment) are fetched
//! once and borrowed from a `OnceLock` by every call, with no lock and no
//! reference count. Expiring credentials live under a mutex held only to
//! read or replace them (never while a provider runs) and go through three
//! states by the local clock:
//!
//! - **fresh** (before `refresh_at`, [`REFRESH_AHEAD`] before the expiry):
//!   used as they are;
//! - **due** (after `refresh_at`, still more than [`EXPIRY_MARGIN`] from the
//!   expiry): the first call to see it refreshes them and waits for the
//!   provider; calls meanwhile keep signing with the old ones. If the
//!   refresh fails, the old ones stay in use, the failure is logged (a
//!   `tracing` WARN event, target `awsgen_client`) and the next try waits
//!   [`RETRY_AFTER`]: an outage of the metadata service does not fail calls
//!   while the credentials it gave last still work, as in the SDKs;
//! - **expired** (within [`EXPIRY_MARGIN`] of the expiry, or past it): every
//!   call waits for one refresh (the first to take the refresh lock runs
//!   the provider; the others find its result when they get the lock), and
//!   a failure is the call's error.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::{Duration, SystemTime};

use awsgen_auth::{Credentials, CredentialsError, Environment, ProvideCredentials};

use crate::keyed_cache::Cached;

/// Expiring credentials are refreshed this long before they expire. Five
/// minutes, as the JavaScript SDK's and Java SDK's caches: a call made with
/// them may be retried for up to the 60-second operation timeout, a local
/// clock a few minutes behind the service's would otherwise sign with
/// credentials the service already deems expired, and EC2 instance
/// metadata and the container endpoints hand out new credentials at least
/// five minutes before the old ones expire, so a refresh then gets new ones.
pub(crate) const REFRESH_AHEAD: Duration = Duration::from_secs(5 * 60);

/// Credentials this close to their expiry are not used: a request signed
/// now must still reach the service in time.
pub(crate) const EXPIRY_MARGIN: Duration = Duration::from_secs(15);

/// After a refresh that failed while the old credentials were still
/// usable, or that gave credentials already due, the next try waits this
/// long, so an outage costs one slow call every ten seconds rather than
/// every call.
pub(crate) const RETRY_AFTER: Duration = Duration::from_secs(10);

/// A provider, the environment snapshot it reads, and the last credentials it gave.
pub(crate) struct CredentialsSource {
    provider: Arc<dyn ProvideCredentials>,
    env: Environment,
    /// Credentials without an expiry, once fetched: read by every call with
    /// no lock or reference count (see `keyed_cache` for why that matters).
    lasting: OnceLock<Credentials>,
    /// Expiring credentials, shared rather than cloned per request: a clone
    /// copies three or four strings.
    cached: Mutex<Option<Expiring>>,
    /// Held while the provider runs, so that one refresh runs at a time.
    refreshing: tokio::sync::Mutex<()>,
}

#[derive(Clone)]
struct Expiring {
    credentials: Arc<Credentials>,
    /// When to fetch again.
    refresh_at: SystemTime,
}

/// What [`CredentialsSource::lookup`] found: credentials to sign with now, or a
/// refresh to wait for.
pub(crate) enum Lookup<'a> {
    Hit(Cached<'a, Credentials>),
    Refresh(RefreshFuture<'a>),
}

/// A refresh, boxed so that a call's future holds a pointer to it rather
/// than its state (the hot path never makes one).
pub(crate) type RefreshFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Cached<'a, Credentials>, CredentialsError>> + Send + 'a>>;

/// How a lookup found the cached credentials at `now`.
enum State {
    Fresh,
    Due,
    Expired,
}

impl Expiring {
    fn state(&self, now: SystemTime) -> State {
        let usable = self
            .credentials
            .expiry()
            .is_none_or(|expiry| now + EXPIRY_MARGIN < expiry);
        match (usable, now < self.refresh_at) {
            (false, _) => State::Expired,
            (true, true) => State::Fresh,
            (true, false) => State::Due,
        }
    }
}

impl CredentialsSource {
    pub(crate) fn new(provider: Arc<dyn ProvideCredentials>, env: Environment) -> Self {
        CredentialsSource {
            provider,
            env,
            lasting: OnceLock::new(),
            cached: Mutex::new(None),
            refreshing: tokio::sync::Mutex::new(()),
        }
    }

    /// Credentials to sign with at `now`, or the refresh to wait for first.
    /// Without a refresh due this takes no lock for lasting credentials and
    /// one short one for expiring credentials.
    pub(crate) fn lookup(&self, now: SystemTime) -> Lookup<'_> {
        if let Some(lasting) = self.lasting.get() {
            return Lookup::Hit(Cached::Borrowed(lasting));
        }
        let Some(current) = self.current() else {
            return Lookup::Refresh(Box::pin(self.refresh(now, None)));
        };
        match current.state(now) {
            State::Fresh => Lookup::Hit(Cached::Shared(current.credentials)),
            State::Expired => Lookup::Refresh(Box::pin(self.refresh(now, None))),
            // One call refreshes; the others sign with what there is.
            State::Due => match self.refreshing.try_lock() {
                Ok(guard) => Lookup::Refresh(Box::pin(self.refresh(now, Some(guard)))),
                Err(_) => Lookup::Hit(Cached::Shared(current.credentials)),
            },
        }
    }

    fn current(&self) -> Option<Expiring> {
        self.cached
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn store(&self, entry: Expiring) {
        *self.cached.lock().unwrap_or_else(PoisonError::into_inner) = Some(entry);
    }

    /// Runs the provider once, under the refresh lock (taken here unless the
    /// caller holds it). A caller that waited for the lock first looks
    /// whether the refresh it waited for left usable credentials.
    async fn refresh(
        &self,
        now: SystemTime,
        held: Option<tokio::sync::MutexGuard<'_, ()>>,
    ) -> Result<Cached<'_, Credentials>, CredentialsError> {
        let _guard = match held {
            Some(guard) => guard,
            None => {
                let guard = self.refreshing.lock().await;
                if let Some(lasting) = self.lasting.get() {
                    return Ok(Cached::Borrowed(lasting));
                }
                if let Some(current) = self.current() {
                    if matches!(current.state(now), State::Fresh) {
                        return Ok(Cached::Shared(current.credentials));
                    }
                }
                guard
            }
        };
        // Every caller that waits on the lock is one that needs credentials
        // now, so the provider runs in this caller's future (cancelled with
        // it, and the next caller then tries again).
        match self.provider.provide_credentials(&self.env).await {
            Ok(credentials) => {
                let Some(expiry) = credentials.expiry() else {
                    return Ok(Cached::Borrowed(self.lasting.get_or_init(|| credentials)));
                };
                let credentials = Arc::new(credentials);
                let ahead = expiry.checked_sub(REFRESH_AHEAD).unwrap_or(now);
                self.store(Expiring {
                    credentials: Arc::clone(&credentials),
                    refresh_at: ahead.max(now + RETRY_AFTER),
                });
                Ok(Cached::Shared(credentials))
            }
            Err(error) => {
                let Some(current) = self.current() else {
                    return Err(error);
                };
                if matches!(current.state(now), State::Expired) {
                    return Err(error);
                }
                let kept_until = current.credentials.expiry().unwrap_or(now);
                self.store(Expiring {
                    credentials: Arc::clone(&current.credentials),
                    refresh_at: now + RETRY_AFTER,
                });
                self.report_refresh_failure(&error, kept_until);
                Ok(Cached::Shared(current.credentials))
            }
        }
    }

    /// A refresh failed and the old credentials, valid until `kept_until`,
    /// stay in use: a WARN event says so. The error names the source and
    /// what failed, never a secret (`CredentialsError` carries none).
    fn report_refresh_failure(&self, error: &CredentialsError, kept_until: SystemTime) {
        tracing::warn!(
            target: "awsgen_client",
            error = %error,
            kept_until = %awsgen_types::DateTime::from(kept_until)
                .fmt(awsgen_types::TimestampFormat::DateTime),
            retry_in_seconds = RETRY_AFTER.as_secs(),
            "refreshing credentials failed; signing with the previous ones until they expire",
        );
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
mod tests;
