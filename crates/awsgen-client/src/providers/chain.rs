//! The default chain: each source in the SDKs' order.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use awsgen_auth::credentials::WebIdentitySource;
use awsgen_auth::{
    resolve_region, Credentials, CredentialsError, CredentialsFuture, Environment,
    EnvironmentProvider, ProfileSet, ProvideCredentials,
};

use super::sts::{self, AssumeRoles};
use super::{container, imds, profile, ImdsTokens};
use crate::client::Client;
use crate::connector::HttpConnector;
use crate::error::ConfigError;

/// Makes the client that sends the SSO, SSO-OIDC and STS operations in a
/// region, signed with the credentials given or, with `None`, unsigned
/// (through the chain's connector, with the endpoint settings of the
/// environment). The builder makes it, in `config.rs`, which this module
/// does not name.
pub(crate) type ServiceClients =
    Arc<dyn Fn(&str, Option<Credentials>) -> Result<Client, ConfigError> + Send + Sync>;

/// What the sources share: the HTTP connector (the client's own, so its
/// connection pool and CA bundle), the SSO clients, the instance metadata
/// session token, and STS.
pub(crate) struct ProviderContext {
    pub(crate) connector: Arc<dyn HttpConnector>,
    pub(crate) service_clients: ServiceClients,
    pub(crate) imds_tokens: ImdsTokens,
    /// STS (`sts/service.rs`); `None` when the crate is built without its
    /// `sts` feature: role and web identity sources then end the chain
    /// with `NeedsSts`.
    pub(crate) sts: Option<Arc<dyn AssumeRoles>>,
}

/// The AWS SDKs' default credentials chain (aws-config's
/// `DefaultCredentialsChain`, which botocore's resolver follows in the same
/// order apart from details inside a profile): environment variables, the
/// selected profile of the shared files, web identity from the environment,
/// the container endpoint (ECS, EKS Pod Identity), then EC2 instance
/// metadata (IMDSv2).
///
/// The first source that applies wins. A source that does not apply says
/// why, and when none does, [`CredentialsError::NotLoaded`] lists every
/// reason. A source that applies and fails ends the chain with its own
/// error: falling through to another identity would hide a mistake.
/// Sources that need AWS STS (`role_arn`, web identity) call it through
/// this crate's own generated STS operations; built without the `sts`
/// feature, they end the chain with [`CredentialsError::NeedsSts`].
///
/// A client built without a credentials provider uses this chain with its
/// own connector; it asks the chain again only when the credentials it gave
/// near their expiry.
pub struct DefaultChain {
    context: Arc<ProviderContext>,
}

impl DefaultChain {
    pub(crate) fn with_context(context: ProviderContext) -> Self {
        DefaultChain {
            context: Arc::new(context),
        }
    }

    async fn resolve(&self, env: &Environment) -> Result<Credentials, CredentialsError> {
        let context = &self.context;
        let mut tried = Vec::new();
        if let Some(found) = settle(EnvironmentProvider::new().credentials(env), &mut tried)? {
            return Ok(found);
        }
        let (found, profiles) = profile::provide(context, env).await;
        if let Some(found) = settle(found, &mut tried)? {
            return Ok(found);
        }
        let found = web_identity_from_env(context, env, profiles.as_deref()).await;
        if let Some(found) = settle(found, &mut tried)? {
            return Ok(found);
        }
        if let Some(found) = settle(container::provide(context, env).await, &mut tried)? {
            return Ok(found);
        }
        let found = imds::provide(context, env, profiles.as_deref()).await;
        if let Some(found) = settle(found, &mut tried)? {
            return Ok(found);
        }
        Err(CredentialsError::NotLoaded { tried })
    }
}

/// A source's answer: credentials, a reason to move on (added to `tried`),
/// or the error that ends the chain.
fn settle(
    result: Result<Credentials, CredentialsError>,
    tried: &mut Vec<String>,
) -> Result<Option<Credentials>, CredentialsError> {
    match result {
        Ok(credentials) => Ok(Some(credentials)),
        Err(CredentialsError::NotLoaded { tried: more }) => {
            tried.extend(more);
            Ok(None)
        }
        Err(other) => Err(other),
    }
}

const WEB_IDENTITY_TOKEN_FILE: &str = "AWS_WEB_IDENTITY_TOKEN_FILE";
const ROLE_ARN: &str = "AWS_ROLE_ARN";
const ROLE_SESSION_NAME: &str = "AWS_ROLE_SESSION_NAME";

/// EKS's IRSA: a token file and a role, exchanged through STS
/// `AssumeRoleWithWebIdentity` (the file read again on every refresh).
async fn web_identity_from_env(
    context: &ProviderContext,
    env: &Environment,
    profiles: Option<&ProfileSet>,
) -> Result<Credentials, CredentialsError> {
    let missing = match (env.var(WEB_IDENTITY_TOKEN_FILE), env.var(ROLE_ARN)) {
        (Some(file), Some(role_arn)) => {
            let source = WebIdentitySource {
                profile: None,
                role_arn: role_arn.trim().to_owned(),
                token_file: PathBuf::from(file.trim()),
                session_name: env.var(ROLE_SESSION_NAME).map(str::to_owned),
            };
            let Some(sts) = &context.sts else {
                return Err(CredentialsError::NeedsSts {
                    profile: None,
                    source_description: format!(
                        "web identity from {WEB_IDENTITY_TOKEN_FILE} and {ROLE_ARN} (role {})",
                        source.role_arn
                    ),
                    operation: "AssumeRoleWithWebIdentity",
                });
            };
            let region = sts_region(env, profiles);
            return sts::web_identity(sts.as_ref(), &source, region.as_deref()).await;
        }
        (None, None) => "not set",
        (Some(_), None) => "AWS_ROLE_ARN not set",
        (None, Some(_)) => "AWS_WEB_IDENTITY_TOKEN_FILE not set",
    };
    Err(CredentialsError::NotLoaded {
        tried: vec![format!(
            "web identity environment variables {WEB_IDENTITY_TOKEN_FILE}/{ROLE_ARN} ({missing})"
        )],
    })
}

/// The region whose STS endpoint the chain calls: the environment's or the
/// profile's, else none (the global endpoint).
pub(super) fn sts_region(env: &Environment, profiles: Option<&ProfileSet>) -> Option<String> {
    resolve_region(None, env, profiles)
        .ok()
        .map(|region| region.to_string())
}

impl ProvideCredentials for DefaultChain {
    fn provide_credentials<'a>(&'a self, env: &'a Environment) -> CredentialsFuture<'a> {
        Box::pin(self.resolve(env))
    }
}

impl fmt::Debug for DefaultChain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DefaultChain")
            .field("connector", &self.context.connector)
            .finish_non_exhaustive()
    }
}
