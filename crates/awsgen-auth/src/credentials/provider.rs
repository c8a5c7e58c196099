//! The provider trait and the trivial provider.

use std::fmt;

use super::{Credentials, CredentialsError};
use crate::env::Environment;

/// A source of credentials.
///
/// Providers read configuration from the [`Environment`] snapshot they are given,
/// never from the live process environment.
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// Returns credentials, [`CredentialsError::NotLoaded`] when this source has
    /// none, or another error when the source is present but unusable.
    fn provide_credentials(&self, env: &Environment) -> Result<Credentials, CredentialsError>;
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
    fn provide_credentials(&self, _env: &Environment) -> Result<Credentials, CredentialsError> {
        Ok(self.credentials.clone())
    }
}
