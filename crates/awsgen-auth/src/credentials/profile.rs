//! Static credentials from the selected profile of the shared files.

use super::{Credentials, CredentialsError, ProvideCredentials};
use crate::env::Environment;
use crate::profile::ProfileSet;

/// Properties that make the SDKs fetch credentials from somewhere other than the
/// file itself, in the order the SDKs give them precedence. They win over static
/// keys in the same profile, so their presence is an error here, not a fallback.
const UNSUPPORTED_SOURCES: [&str; 8] = [
    "role_arn",
    "credential_source",
    "web_identity_token_file",
    "sso_session",
    "sso_start_url",
    "sso_account_id",
    "sso_role_name",
    "credential_process",
];

/// Reads `aws_access_key_id`, `aws_secret_access_key` and `aws_session_token` from
/// a profile of `~/.aws/config` and `~/.aws/credentials`: the one named by
/// `AWS_PROFILE` (default `default`) unless a name was given.
#[derive(Debug, Clone, Default)]
pub struct ProfileProvider {
    profile_name: Option<String>,
}

impl ProfileProvider {
    /// A provider for the profile named by `AWS_PROFILE`, or `default`.
    pub fn new() -> Self {
        Self::default()
    }

    /// A provider for the profile `name`, whatever `AWS_PROFILE` says.
    pub fn for_profile(name: impl Into<String>) -> Self {
        Self {
            profile_name: Some(name.into()),
        }
    }
}

impl ProvideCredentials for ProfileProvider {
    fn provide_credentials(&self, env: &Environment) -> Result<Credentials, CredentialsError> {
        let profiles = match &self.profile_name {
            Some(name) => ProfileSet::load_profile(env, name)?,
            None => ProfileSet::load(env)?,
        };
        credentials_from_profile(&profiles)
    }
}

fn credentials_from_profile(profiles: &ProfileSet) -> Result<Credentials, CredentialsError> {
    let profile = profiles.profile_name();
    if let Some(key) = UNSUPPORTED_SOURCES
        .into_iter()
        .find(|key| profiles.get(key).is_some())
    {
        return Err(CredentialsError::Unsupported {
            profile: profile.to_owned(),
            key,
        });
    }
    let non_blank = |key| profiles.get(key).filter(|value| !value.trim().is_empty());
    match (
        non_blank("aws_access_key_id"),
        non_blank("aws_secret_access_key"),
    ) {
        (Some(access_key_id), Some(secret_access_key)) => Ok(Credentials::new(
            access_key_id,
            secret_access_key,
            non_blank("aws_session_token").map(str::to_owned),
            "profile",
        )),
        (Some(_), None) => Err(CredentialsError::IncompleteProfile {
            profile: profile.to_owned(),
        }),
        (None, _) => Err(CredentialsError::NotLoaded {
            tried: profiles.describe_lookup("aws_access_key_id"),
        }),
    }
}
