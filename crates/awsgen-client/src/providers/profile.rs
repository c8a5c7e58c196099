//! The selected profile's source of credentials (`awsgen_auth::resolve_profile`
//! reads the files and says which), acted on.

use std::sync::Arc;

use awsgen_auth::credentials::{BaseSource, CredentialSource, ProfileChain};
use awsgen_auth::{
    resolve_profile, Credentials, CredentialsError, Environment, EnvironmentProvider, ProfileSet,
};

use super::chain::{sts_region, ProviderContext};
use super::{blocking, container, imds, process, sso, sts};

/// The profile's credentials, and the loaded files (instance metadata
/// reads its endpoint settings from them) unless they could not be read.
pub(super) async fn provide(
    context: &ProviderContext,
    env: &Environment,
) -> (
    Result<Credentials, CredentialsError>,
    Option<Arc<ProfileSet>>,
) {
    let owned = env.clone();
    // The files are read on a blocking thread: a few kilobytes, but a
    // network home directory can take its time.
    let loaded = blocking(move || {
        let profiles = ProfileSet::load(&owned)?;
        let chain = resolve_profile(&profiles);
        Ok::<_, CredentialsError>((Arc::new(profiles), chain))
    })
    .await;
    let (profiles, chain) = match loaded {
        Ok(Ok(loaded)) => loaded,
        Ok(Err(error)) | Err(error) => return (Err(error), None),
    };
    let result = match chain {
        Ok(chain) => act(context, env, &profiles, chain).await,
        Err(error) => Err(error),
    };
    (result, Some(profiles))
}

async fn act(
    context: &ProviderContext,
    env: &Environment,
    profiles: &ProfileSet,
    chain: ProfileChain,
) -> Result<Credentials, CredentialsError> {
    let wants_sts = !chain.roles.is_empty() || matches!(chain.base, BaseSource::WebIdentity(_));
    let sts = match (&context.sts, wants_sts) {
        (None, true) => return Err(needs_sts(&chain)),
        (sts, _) => sts.as_deref(),
    };
    let region = sts.and_then(|_| sts_region(env, Some(profiles)));
    let base = match &chain.base {
        BaseSource::Static { credentials, .. } => credentials.clone(),
        BaseSource::Process(source) => process::provide(source.clone()).await?,
        BaseSource::Sso(source) => sso::provide(context, env, source.clone()).await?,
        BaseSource::WebIdentity(source) => match sts {
            Some(sts) => sts::web_identity(sts, source, region.as_deref()).await?,
            None => return Err(needs_sts(&chain)),
        },
        BaseSource::Named { profile, source } => {
            named(context, env, profiles, profile, *source).await?
        }
        other => {
            return Err(CredentialsError::InvalidProfile {
                profile: profiles.profile_name().to_owned(),
                problem: format!("asks for a source this client does not know: {other:?}"),
            })
        }
    };
    match sts {
        Some(sts) if !chain.roles.is_empty() => {
            sts::assume_roles(sts, base, &chain.roles, region.as_deref()).await
        }
        _ => Ok(base),
    }
}

/// What a profile that needs STS is told while this client cannot call it.
fn needs_sts(chain: &ProfileChain) -> CredentialsError {
    if let Some(selected) = chain.roles.last() {
        return CredentialsError::NeedsSts {
            profile: Some(selected.profile.clone()),
            source_description: describe_roles(chain),
            operation: "AssumeRole",
        };
    }
    match &chain.base {
        BaseSource::WebIdentity(source) => CredentialsError::NeedsSts {
            source_description: format!(
                "profile `{}` (web_identity_token_file with role {})",
                source.profile.as_deref().unwrap_or_default(),
                source.role_arn
            ),
            profile: source.profile.clone(),
            operation: "AssumeRoleWithWebIdentity",
        },
        _ => CredentialsError::NeedsSts {
            profile: None,
            source_description: describe_roles(chain),
            operation: "AssumeRole",
        },
    }
}

/// `credential_source` without a role: the named source's credentials, which
/// must be there (the profile asked for them).
async fn named(
    context: &ProviderContext,
    env: &Environment,
    profiles: &ProfileSet,
    profile: &str,
    source: CredentialSource,
) -> Result<Credentials, CredentialsError> {
    let found = match source {
        CredentialSource::Environment => EnvironmentProvider::new().credentials(env),
        CredentialSource::EcsContainer => container::provide(context, env).await,
        CredentialSource::Ec2InstanceMetadata => imds::provide(context, env, Some(profiles)).await,
    };
    found.map_err(|error| match error {
        CredentialsError::NotLoaded { tried } => CredentialsError::InvalidProfile {
            profile: profile.to_owned(),
            problem: format!(
                "credential_source is {}, which has no credentials: {}",
                source.as_str(),
                tried.join(", ")
            ),
        },
        other => other,
    })
}

/// The roles a profile chain would assume, for the "needs STS" message:
/// `profile `ci` (role A, from role B of profile `base`, from the static keys of profile `root`)`.
fn describe_roles(chain: &ProfileChain) -> String {
    let mut roles = chain.roles.iter().rev();
    let mut text = match roles.next() {
        Some(selected) => format!("profile `{}` (role {}", selected.profile, selected.role_arn),
        None => String::new(),
    };
    for hop in roles {
        text.push_str(&format!(
            ", from role {} of profile `{}`",
            hop.role_arn, hop.profile
        ));
    }
    let base = match &chain.base {
        BaseSource::Static { profile, .. } => format!("the static keys of profile `{profile}`"),
        BaseSource::Process(source) => {
            format!("the credential_process of profile `{}`", source.profile)
        }
        BaseSource::Sso(source) => format!("the SSO sign-in of profile `{}`", source.profile),
        BaseSource::WebIdentity(source) => {
            format!("the web identity token {}", source.token_file.display())
        }
        BaseSource::Named { source, .. } => format!("credential_source {}", source.as_str()),
        _ => "another source".to_owned(),
    };
    text.push_str(&format!(", from {base})"));
    text
}
