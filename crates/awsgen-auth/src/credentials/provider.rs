//! The provider trait and the trivial provider.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::{Credentials, CredentialsError};
use crate::env::Environment;

/// The future a [`ProvideCredentials`] returns: boxed, so the trait is
/// object-safe and names no async runtime.
pub type CredentialsFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>>;

/// A source of credentials.
///
/// Asynchronous, so that a source that waits (on the network, a process, the
/// file system) never holds up the thread it is polled on: a provider with
/// blocking work hands it to a blocking thread (awsgen-client's providers use
/// Tokio's `spawn_blocking`). A client asks its provider only when it has no
/// usable credentials cached (the first call, and when they near their
/// expiry), never once per request.
///
/// Providers read configuration from the [`Environment`] snapshot they are
/// given, never from the live process environment.
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// Credentials, [`CredentialsError::NotLoaded`] when this source has
    /// none, or another error when the source is present but unusable.
    fn provide_credentials<'a>(&'a self, env: &'a Environment) -> CredentialsFuture<'a>;
}

impl<P: ProvideCredentials + ?Sized> ProvideCredentials for Arc<P> {
    fn provide_credentials<'a>(&'a self, env: &'a Environment) -> CredentialsFuture<'a> {
        (**self).provide_credentials(env)
    }
}

/// A future that is ready at once, for providers that do no I/O.
pub(crate) fn ready(result: Result<Credentials, CredentialsError>) -> CredentialsFuture<'static> {
    Box::pin(std::future::ready(result))
}

/// Always provides the same credentials (for explicit configuration and tests).
#[derive(Debug, Clone)]
pub struct StaticProvider {
    credentials: Credentials,
}

impl StaticProvider {
    /// A provider that returns `credentials` every time.
    pub fn new(credentials: Credentials) -> Self {
        Self { credentials }
    }
}

impl ProvideCredentials for StaticProvider {
    fn provide_credentials<'a>(&'a self, _env: &'a Environment) -> CredentialsFuture<'a> {
        ready(Ok(self.credentials.clone()))
    }
}
