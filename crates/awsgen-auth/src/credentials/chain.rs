//! The default provider chain.

use super::{
    Credentials, CredentialsError, EnvironmentProvider, ProfileProvider, ProvideCredentials,
};
use crate::env::Environment;

/// Environment variables first, then the shared files' selected profile; the first
/// provider with credentials wins.
///
/// A provider that finds nothing lets the next one try; a provider that finds
/// something broken (a malformed file, an unsupported profile) stops the chain with
/// that error. When nobody has credentials the error lists every place looked at.
#[derive(Debug)]
pub struct DefaultChain {
    providers: Vec<Box<dyn ProvideCredentials>>,
}

impl DefaultChain {
    /// The chain `environment -> profile`.
    pub fn new() -> Self {
        Self {
            providers: vec![
                Box::new(EnvironmentProvider::new()),
                Box::new(ProfileProvider::new()),
            ],
        }
    }
}

impl Default for DefaultChain {
    fn default() -> Self {
        Self::new()
    }
}

impl ProvideCredentials for DefaultChain {
    fn provide_credentials(&self, env: &Environment) -> Result<Credentials, CredentialsError> {
        let mut tried = Vec::new();
        for provider in &self.providers {
            match provider.provide_credentials(env) {
                Ok(credentials) => return Ok(credentials),
                Err(CredentialsError::NotLoaded { tried: more }) => tried.extend(more),
                Err(other) => return Err(other),
            }
        }
        Err(CredentialsError::NotLoaded { tried })
    }
}
