//! What the selected profile of the shared files asks for, read as the AWS
//! SDKs read it (aws-config's `profile::repr::resolve_chain`): a base source
//! of credentials, and the roles to assume from it in turn.
//!
//! In one profile, `role_arn` comes first (with `source_profile` or
//! `credential_source`), then `web_identity_token_file`, the `sso_*`
//! settings, `credential_process` and last the static keys; a profile
//! reached through `source_profile` that has static keys stops the chain
//! there. Nothing here runs a process or touches the network: the client's
//! chain does what the result says.

use std::fmt;
use std::path::PathBuf;

use super::{Credentials, CredentialsError};
use crate::profile::{ProfileSet, Section};

const ACCESS_KEY_ID: &str = "aws_access_key_id";
const SECRET_ACCESS_KEY: &str = "aws_secret_access_key";
const SESSION_TOKEN: &str = "aws_session_token";
const ROLE_ARN: &str = "role_arn";
const SOURCE_PROFILE: &str = "source_profile";
const CREDENTIAL_SOURCE: &str = "credential_source";
const WEB_IDENTITY_TOKEN_FILE: &str = "web_identity_token_file";
const CREDENTIAL_PROCESS: &str = "credential_process";
const SSO_SESSION: &str = "sso_session";
const SSO_START_URL: &str = "sso_start_url";
const SSO_REGION: &str = "sso_region";
const SSO_ACCOUNT_ID: &str = "sso_account_id";
const SSO_ROLE_NAME: &str = "sso_role_name";

/// Where a profile's credentials come from.
#[derive(Debug, Clone)]
pub struct ProfileChain {
    /// The first credentials.
    pub base: BaseSource,
    /// Roles to assume in turn, starting from the base's credentials: the
    /// role nearest the base first, the selected profile's role last.
    /// Empty when the base's credentials are the profile's.
    pub roles: Vec<RoleHop>,
}

/// The source at the bottom of a profile chain.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum BaseSource {
    /// `aws_access_key_id`, `aws_secret_access_key` and `aws_session_token`.
    Static {
        /// The profile that holds them.
        profile: String,
        /// The keys.
        credentials: Credentials,
    },
    /// `credential_process`.
    Process(ProcessSource),
    /// IAM Identity Center: `sso_session` or the legacy `sso_*` keys.
    Sso(SsoSource),
    /// `web_identity_token_file` with `role_arn`.
    WebIdentity(WebIdentitySource),
    /// `credential_source`: credentials from another place the SDKs know.
    Named {
        /// The profile that names it.
        profile: String,
        /// Which.
        source: CredentialSource,
    },
}

/// A command whose output is credentials (`credential_process`).
#[derive(Clone)]
pub struct ProcessSource {
    /// The profile that sets it.
    pub profile: String,
    /// The command line, run through the shell (`sh -c`, `cmd.exe /C`).
    pub command: String,
}

/// The command line may carry a secret (a token passed as an argument), so
/// only the profile is shown.
impl fmt::Debug for ProcessSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProcessSource")
            .field("profile", &self.profile)
            .finish_non_exhaustive()
    }
}

/// A role to assume (`role_arn` and its options).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleHop {
    /// The profile that sets `role_arn`.
    pub profile: String,
    /// The role.
    pub role_arn: String,
    /// `external_id`.
    pub external_id: Option<String>,
    /// `role_session_name`.
    pub session_name: Option<String>,
    /// `duration_seconds`.
    pub duration_seconds: Option<u32>,
}

/// What `credential_source` may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialSource {
    /// `Environment`: the environment variables.
    Environment,
    /// `Ec2InstanceMetadata`: EC2 instance metadata.
    Ec2InstanceMetadata,
    /// `EcsContainer`: the container credentials endpoint.
    EcsContainer,
}

impl CredentialSource {
    /// The value as the shared files write it.
    pub fn as_str(self) -> &'static str {
        match self {
            CredentialSource::Environment => "Environment",
            CredentialSource::Ec2InstanceMetadata => "Ec2InstanceMetadata",
            CredentialSource::EcsContainer => "EcsContainer",
        }
    }

    fn parse(value: &str) -> Option<Self> {
        [
            CredentialSource::Environment,
            CredentialSource::Ec2InstanceMetadata,
            CredentialSource::EcsContainer,
        ]
        .into_iter()
        .find(|source| source.as_str() == value)
    }
}

/// An IAM Identity Center sign-in and the role to get credentials for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoSource {
    /// The profile.
    pub profile: String,
    /// The `[sso-session]` name, or `None` for the legacy form.
    pub session: Option<String>,
    /// The portal's start URL.
    pub start_url: String,
    /// The region of the portal and the OIDC service.
    pub region: String,
    /// The account of the role.
    pub account_id: String,
    /// The role (permission set) name.
    pub role_name: String,
}

impl SsoSource {
    /// What names the token in `~/.aws/sso/cache` (the file is the SHA-1 of
    /// it in hex): the session name, or for the legacy form the start URL.
    pub fn cache_key(&self) -> &str {
        self.session.as_deref().unwrap_or(&self.start_url)
    }
}

/// A web identity token file and the role it is exchanged for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebIdentitySource {
    /// The profile that sets it; `None` for the environment variables.
    pub profile: Option<String>,
    /// The role.
    pub role_arn: String,
    /// The token file, read afresh on every refresh.
    pub token_file: PathBuf,
    /// `role_session_name` / `AWS_ROLE_SESSION_NAME`.
    pub session_name: Option<String>,
}

/// What the selected profile asks for.
///
/// [`CredentialsError::NotLoaded`] when the selected profile sets none of
/// the keys (the chain moves on); [`CredentialsError::InvalidProfile`] (or
/// `IncompleteProfile`) when what it sets cannot work: a `role_arn` without
/// a source or with both, an unknown `credential_source`, a
/// `source_profile` that is not defined or that loops, an `sso_session`
/// without its section, missing `sso_*` keys.
pub fn resolve_profile(profiles: &ProfileSet) -> Result<ProfileChain, CredentialsError> {
    let mut name = profiles.profile_name().to_owned();
    let mut visited: Vec<String> = Vec::new();
    let mut roles = Vec::new();
    let base = loop {
        let Some(profile) = profiles.profile(&name) else {
            return Err(match visited.last() {
                None => not_loaded(profiles),
                Some(last) => invalid(
                    last,
                    format!("source_profile `{name}` is not defined in the shared files"),
                ),
            });
        };
        if visited.contains(&name) {
            visited.push(name);
            let first = visited.first().cloned().unwrap_or_default();
            return Err(invalid(
                &first,
                format!("the source_profile chain loops: {}", visited.join(" -> ")),
            ));
        }
        visited.push(name.clone());
        let selected = visited.len() == 1;
        // Below the selected profile, static keys end the chain.
        if !selected {
            if let Some(credentials) = static_keys(profile)? {
                break BaseSource::Static {
                    profile: name,
                    credentials,
                };
            }
        }
        let Some((hop, next)) = role_hop(profile)? else {
            break base_source(profile, profiles, selected)?;
        };
        roles.push(hop);
        match next {
            // A profile may take its role from its own static keys.
            Next::Profile(next) if next == name => {
                break base_source(profile, profiles, selected)?;
            }
            Next::Profile(next) => name = next,
            Next::Named(source) => {
                break BaseSource::Named {
                    profile: name,
                    source,
                }
            }
        }
    };
    roles.reverse();
    Ok(ProfileChain { base, roles })
}

enum Next {
    Profile(String),
    Named(CredentialSource),
}

fn not_loaded(profiles: &ProfileSet) -> CredentialsError {
    CredentialsError::NotLoaded {
        tried: profiles.describe_lookup(ACCESS_KEY_ID),
    }
}

fn invalid(profile: &str, problem: String) -> CredentialsError {
    CredentialsError::InvalidProfile {
        profile: profile.to_owned(),
        problem,
    }
}

/// The profile's `role_arn` and where its credentials come from, unless it
/// has none (or it is a web identity profile, a base of its own).
fn role_hop(profile: Section<'_>) -> Result<Option<(RoleHop, Next)>, CredentialsError> {
    let name = profile.name();
    let Some(role_arn) = profile.non_blank(ROLE_ARN) else {
        return Ok(None);
    };
    if profile.non_blank(WEB_IDENTITY_TOKEN_FILE).is_some() {
        return Ok(None);
    }
    let next = match (
        profile.non_blank(SOURCE_PROFILE),
        profile.non_blank(CREDENTIAL_SOURCE),
    ) {
        (Some(_), Some(_)) => {
            return Err(invalid(
                name,
                "sets both source_profile and credential_source; a role takes its credentials from one"
                    .to_owned(),
            ))
        }
        (None, None) => {
            return Err(invalid(
                name,
                "sets role_arn without source_profile or credential_source (or web_identity_token_file)"
                    .to_owned(),
            ))
        }
        (Some(source), None) => Next::Profile(source.to_owned()),
        (None, Some(source)) => Next::Named(credential_source(name, source)?),
    };
    let duration_seconds = match profile.non_blank("duration_seconds") {
        None => None,
        Some(text) => Some(text.parse::<u32>().map_err(|_| {
            invalid(
                name,
                format!("duration_seconds `{text}` is not a whole number of seconds"),
            )
        })?),
    };
    let hop = RoleHop {
        profile: name.to_owned(),
        role_arn: role_arn.to_owned(),
        external_id: profile.non_blank("external_id").map(str::to_owned),
        session_name: profile.non_blank("role_session_name").map(str::to_owned),
        duration_seconds,
    };
    Ok(Some((hop, next)))
}

fn credential_source(profile: &str, value: &str) -> Result<CredentialSource, CredentialsError> {
    CredentialSource::parse(value).ok_or_else(|| {
        invalid(
            profile,
            format!(
                "credential_source `{value}` is not one of Environment, Ec2InstanceMetadata, EcsContainer"
            ),
        )
    })
}

/// The source a profile without (a usable) `role_arn` names itself.
fn base_source(
    profile: Section<'_>,
    profiles: &ProfileSet,
    selected: bool,
) -> Result<BaseSource, CredentialsError> {
    let name = profile.name();
    if let Some(source) = profile.non_blank(CREDENTIAL_SOURCE) {
        return Ok(BaseSource::Named {
            profile: name.to_owned(),
            source: credential_source(name, source)?,
        });
    }
    if let Some(token_file) = profile.non_blank(WEB_IDENTITY_TOKEN_FILE) {
        let role_arn = profile.non_blank(ROLE_ARN).ok_or_else(|| {
            invalid(
                name,
                "sets web_identity_token_file without role_arn".to_owned(),
            )
        })?;
        return Ok(BaseSource::WebIdentity(WebIdentitySource {
            profile: Some(name.to_owned()),
            role_arn: role_arn.to_owned(),
            token_file: PathBuf::from(token_file),
            session_name: profile.non_blank("role_session_name").map(str::to_owned),
        }));
    }
    if let Some(sso) = sso_source(profile, profiles)? {
        return Ok(BaseSource::Sso(sso));
    }
    if let Some(command) = profile.non_blank(CREDENTIAL_PROCESS) {
        return Ok(BaseSource::Process(ProcessSource {
            profile: name.to_owned(),
            command: command.to_owned(),
        }));
    }
    match static_keys(profile)? {
        Some(credentials) => Ok(BaseSource::Static {
            profile: name.to_owned(),
            credentials,
        }),
        None if selected => Err(not_loaded(profiles)),
        None => Err(invalid(
            name,
            "is used as a source_profile but has no credentials (aws_access_key_id, \
             credential_process, sso_* or role_arn)"
                .to_owned(),
        )),
    }
}

/// The profile's static keys: `None` without an access key id, an error
/// with an access key id and no secret.
fn static_keys(profile: Section<'_>) -> Result<Option<Credentials>, CredentialsError> {
    match (
        profile.non_blank(ACCESS_KEY_ID),
        profile.non_blank(SECRET_ACCESS_KEY),
    ) {
        (Some(access_key_id), Some(secret_access_key)) => Ok(Some(Credentials::new(
            access_key_id,
            secret_access_key,
            profile.non_blank(SESSION_TOKEN).map(str::to_owned),
            "profile",
        ))),
        (Some(_), None) => Err(CredentialsError::IncompleteProfile {
            profile: profile.name().to_owned(),
        }),
        (None, _) => Ok(None),
    }
}

/// The `sso_session` form (keys split between the profile and its
/// `[sso-session]` section) or the legacy form (all four keys in the
/// profile); `None` when the profile sets neither.
fn sso_source(
    profile: Section<'_>,
    profiles: &ProfileSet,
) -> Result<Option<SsoSource>, CredentialsError> {
    let name = profile.name();
    let session = profile.non_blank(SSO_SESSION);
    let legacy = [SSO_START_URL, SSO_ACCOUNT_ID, SSO_ROLE_NAME]
        .into_iter()
        .any(|key| profile.non_blank(key).is_some());
    if session.is_none() && !legacy {
        return Ok(None);
    }
    let (start_url, region) = match session {
        Some(session) => {
            let Some(section) = profiles.sso_session(session) else {
                return Err(invalid(
                    name,
                    format!(
                        "sso_session `{session}` has no [sso-session {session}] section in the shared config file"
                    ),
                ));
            };
            let mut missing = Vec::new();
            let start_url = section.non_blank(SSO_START_URL);
            let region = section.non_blank(SSO_REGION);
            for (key, value) in [(SSO_START_URL, start_url), (SSO_REGION, region)] {
                if value.is_none() {
                    missing.push(key);
                }
                // The profile may repeat the session's values, not contradict them.
                if let (Some(own), Some(value)) = (profile.non_blank(key), value) {
                    if own != value {
                        return Err(invalid(
                            name,
                            format!(
                                "{key} `{own}` differs from the `{value}` of its [sso-session {session}]"
                            ),
                        ));
                    }
                }
            }
            if !missing.is_empty() {
                return Err(invalid(
                    name,
                    format!(
                        "its [sso-session {session}] section lacks {}",
                        missing.join(" and ")
                    ),
                ));
            }
            (start_url, region)
        }
        None => (
            profile.non_blank(SSO_START_URL),
            profile.non_blank(SSO_REGION),
        ),
    };
    let account_id = profile.non_blank(SSO_ACCOUNT_ID);
    let role_name = profile.non_blank(SSO_ROLE_NAME);
    let missing: Vec<&str> = [
        (SSO_START_URL, start_url),
        (SSO_REGION, region),
        (SSO_ACCOUNT_ID, account_id),
        (SSO_ROLE_NAME, role_name),
    ]
    .into_iter()
    .filter(|(_, value)| value.is_none())
    .map(|(key, _)| key)
    .collect();
    match (start_url, region, account_id, role_name) {
        (Some(start_url), Some(region), Some(account_id), Some(role_name)) => Ok(Some(SsoSource {
            profile: name.to_owned(),
            session: session.map(str::to_owned),
            start_url: start_url.to_owned(),
            region: region.to_owned(),
            account_id: account_id.to_owned(),
            role_name: role_name.to_owned(),
        })),
        _ => Err(invalid(
            name,
            format!(
                "sets {} but not {}: SSO credentials need sso_account_id and sso_role_name, \
                 with sso_session (or sso_start_url and sso_region)",
                if session.is_some() {
                    SSO_SESSION
                } else {
                    "some sso_* keys"
                },
                missing.join(", ")
            ),
        )),
    }
}
