//! Where AWS STS plugs into the chain: [`AssumeRoles`], the two calls the
//! chain needs (`AssumeRole` for each `role_arn` hop, and
//! `AssumeRoleWithWebIdentity` for a web identity token), and what the
//! chain does around them: the base credentials of a role chain resolved
//! first and each hop assumed with the previous hop's credentials, nearest
//! the base first; the web identity token file read afresh on every
//! refresh; the session name; the region (STS is called at its regional
//! endpoint).
//!
//! The implementation is `sts/service.rs`, which sends the operations
//! generated from this crate's `models/sts/` into `sts/api.rs` through the
//! client. It needs the XML reader of `awsgen-types` (STS speaks awsQuery),
//! so it is behind the `sts` feature (on by default); without it
//! [`ProviderContext::sts`] is `None` and a profile or environment that
//! needs STS ends the chain with [`CredentialsError::NeedsSts`], naming the
//! roles.
//!
//! [`ProviderContext::sts`]: super::chain::ProviderContext

#[cfg(feature = "sts")]
#[rustfmt::skip]
#[allow(dead_code, unused_imports, unreachable_pub, clippy::all)]
mod api;
#[cfg(feature = "sts")]
mod service;

use std::fmt;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use awsgen_auth::credentials::{RoleHop, WebIdentitySource};
use awsgen_auth::{Credentials, CredentialsError, CredentialsFuture};

use super::blocking;

/// The STS calls of the chain. Implementations return credentials with
/// their expiry, and errors that name the role ARN and give the service's
/// message, never a token or key.
pub(crate) trait AssumeRoles: Send + Sync + fmt::Debug {
    /// `AssumeRole` of `request.hop`, signed with `request.source`.
    fn assume_role<'a>(&'a self, request: AssumeRole<'a>) -> CredentialsFuture<'a>;

    /// `AssumeRoleWithWebIdentity` (unsigned: the token is the proof).
    fn assume_role_with_web_identity<'a>(
        &'a self,
        request: WebIdentity<'a>,
    ) -> CredentialsFuture<'a>;
}

/// One `role_arn` hop.
// Without the `sts` feature only the tests' fake reads them.
#[cfg_attr(not(any(test, feature = "sts")), allow(dead_code))]
pub(crate) struct AssumeRole<'a> {
    /// The credentials to sign the call with: the base's, or the previous
    /// hop's.
    pub(crate) source: &'a Credentials,
    /// The role and its options (`external_id`, `duration_seconds`).
    pub(crate) hop: &'a RoleHop,
    /// `role_session_name`, or one made up ([`session_name`]).
    pub(crate) session_name: String,
    /// The region whose STS endpoint to call; `None` when neither the
    /// environment nor the profile names one (us-east-1's is called).
    pub(crate) region: Option<&'a str>,
}

/// A web identity token exchanged for a role's credentials.
// Without the `sts` feature only the tests' fake reads them.
#[cfg_attr(not(any(test, feature = "sts")), allow(dead_code))]
pub(crate) struct WebIdentity<'a> {
    /// The profile that configured it; `None` for the environment.
    pub(crate) profile: Option<&'a str>,
    pub(crate) role_arn: &'a str,
    pub(crate) session_name: String,
    /// The token, read from the file just now. A secret.
    pub(crate) token: Token,
    pub(crate) region: Option<&'a str>,
}

/// A web identity token: shown nowhere.
// Without the `sts` feature only the tests' fake reads them.
#[cfg_attr(not(any(test, feature = "sts")), allow(dead_code))]
pub(crate) struct Token(pub(crate) String);

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(awsgen_auth::REDACTED)
    }
}

/// The session name: the configured one, else `awsgen-<milliseconds since
/// the epoch>`, as the SDKs make one (`aws-sdk-rust-...`,
/// `botocore-session-...`).
pub(crate) fn session_name(configured: Option<&str>) -> String {
    match configured.map(str::trim).filter(|name| !name.is_empty()) {
        Some(name) => name.to_owned(),
        None => {
            let millis = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |since| since.as_millis());
            format!("awsgen-{millis}")
        }
    }
}

/// STS through the client, for the builder's default chain.
#[cfg(feature = "sts")]
pub(crate) fn sts_service(clients: super::ServiceClients) -> std::sync::Arc<dyn AssumeRoles> {
    std::sync::Arc::new(service::StsService::new(clients))
}

/// Assumes each hop in turn, starting from `base`.
pub(crate) async fn assume_roles(
    sts: &dyn AssumeRoles,
    base: Credentials,
    hops: &[RoleHop],
    region: Option<&str>,
) -> Result<Credentials, CredentialsError> {
    let mut credentials = base;
    for hop in hops {
        credentials = sts
            .assume_role(AssumeRole {
                source: &credentials,
                hop,
                session_name: session_name(hop.session_name.as_deref()),
                region,
            })
            .await?;
    }
    Ok(credentials)
}

/// Reads the token file (afresh: EKS rotates it) and exchanges the token.
pub(crate) async fn web_identity(
    sts: &dyn AssumeRoles,
    source: &WebIdentitySource,
    region: Option<&str>,
) -> Result<Credentials, CredentialsError> {
    let token = read_token(&source.token_file).await?;
    sts.assume_role_with_web_identity(WebIdentity {
        profile: source.profile.as_deref(),
        role_arn: &source.role_arn,
        session_name: session_name(source.session_name.as_deref()),
        token,
        region,
    })
    .await
}

/// The token file's contents, trimmed; an error names the file, never what
/// it holds.
async fn read_token(path: &Path) -> Result<Token, CredentialsError> {
    let owned = path.to_path_buf();
    let read = blocking(move || std::fs::read_to_string(owned)).await?;
    let fail = |message: String| CredentialsError::Provider {
        source_name: format!("the web identity token file {}", path.display()),
        message,
    };
    let text = read.map_err(|error| fail(format!("cannot be read: {error}")))?;
    let token = text.trim();
    if token.is_empty() {
        return Err(fail("is empty".to_owned()));
    }
    Ok(Token(token.to_owned()))
}

#[cfg(test)]
mod tests;
