//! Credentials from `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN`.

use super::provider::ready;
use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials};
use crate::env::Environment;

const ACCESS_KEY_ID: &str = "AWS_ACCESS_KEY_ID";
const SECRET_ACCESS_KEY: &str = "AWS_SECRET_ACCESS_KEY";
/// An older name the Rust SDK still accepts when `AWS_SECRET_ACCESS_KEY` is unset.
const SECRET_ACCESS_KEY_FALLBACK: &str = "SECRET_ACCESS_KEY";
const SESSION_TOKEN: &str = "AWS_SESSION_TOKEN";

/// Reads static credentials from environment variables. Blank variables count as
/// unset, so the chain moves on.
#[derive(Debug, Clone, Copy, Default)]
pub struct EnvironmentProvider;

impl EnvironmentProvider {
    /// The environment-variable provider.
    pub fn new() -> Self {
        Self
    }
}

impl EnvironmentProvider {
    /// The credentials `env` holds (what the provider's future resolves to).
    pub fn credentials(&self, env: &Environment) -> Result<Credentials, CredentialsError> {
        let access_key_id = env.var(ACCESS_KEY_ID);
        let secret_access_key = env
            .var(SECRET_ACCESS_KEY)
            .or_else(|| env.var(SECRET_ACCESS_KEY_FALLBACK));
        let missing = match (access_key_id, secret_access_key) {
            (Some(access_key_id), Some(secret_access_key)) => {
                let session_token = env.var(SESSION_TOKEN).map(str::to_owned);
                return Ok(Credentials::new(
                    access_key_id,
                    secret_access_key,
                    session_token,
                    "environment",
                ));
            }
            (None, None) => "not set",
            (Some(_), None) => "AWS_SECRET_ACCESS_KEY not set",
            (None, Some(_)) => "AWS_ACCESS_KEY_ID not set",
        };
        Err(CredentialsError::NotLoaded {
            tried: vec![format!(
                "environment variables {ACCESS_KEY_ID}/{SECRET_ACCESS_KEY} ({missing})"
            )],
        })
    }
}

impl ProvideCredentials for EnvironmentProvider {
    fn provide_credentials<'a>(&'a self, env: &'a Environment) -> CredentialsFuture<'a> {
        ready(self.credentials(env))
    }
}
