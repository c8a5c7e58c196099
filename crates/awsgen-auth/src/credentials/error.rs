//! Why no credentials could be provided.

use crate::profile::ProfileError;

/// A credentials provider failed.
///
/// [`NotLoaded`](Self::NotLoaded) means "nothing here, try the next provider"; every
/// other variant stops the chain, because a half-configured source is a mistake the
/// user should hear about rather than have silently replaced by another identity.
///
/// No variant carries a secret: messages name profiles, files, addresses and
/// what went wrong, never a key, token or a process's standard output.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CredentialsError {
    /// No source had credentials. `tried` lists each place looked at and what was
    /// found there.
    #[error("no AWS credentials found; looked at: {}", tried.join(", "))]
    NotLoaded {
        /// One entry per place looked at, for example
        /// `shared credentials file /root/.aws/credentials (not found)`.
        tried: Vec<String>,
    },
    /// A shared config or credentials file could not be read or parsed.
    #[error("cannot load AWS credentials: {0}")]
    InvalidConfig(#[from] ProfileError),
    /// A profile's credential settings are incomplete or contradict each
    /// other (a `role_arn` without a source, an `sso_session` without its
    /// section, a `source_profile` loop).
    #[error("cannot load AWS credentials from profile `{profile}`: {problem}")]
    InvalidProfile {
        /// The profile at fault (the selected one, or one its chain names).
        profile: String,
        /// What is wrong.
        problem: String,
    },
    /// The selected profile has an access key id but no secret access key.
    #[error("profile `{profile}` sets aws_access_key_id but not aws_secret_access_key")]
    IncompleteProfile {
        /// The selected profile.
        profile: String,
    },
    /// The configured source needs an AWS STS call (`AssumeRole`,
    /// `AssumeRoleWithWebIdentity`), and the chain has no STS client:
    /// awsgen-client was built without its `sts` feature.
    #[error("cannot load AWS credentials: {source_description} needs AWS STS {operation}, and awsgen-client was built without its `sts` feature")]
    NeedsSts {
        /// The profile that asks for it, when a profile does (`None` for
        /// the web identity environment variables).
        profile: Option<String>,
        /// What asks for it, for example `profile `dev` (role_arn
        /// arn:aws:iam::123456789012:role/ci, source_profile `base`)`.
        source_description: String,
        /// `AssumeRole` or `AssumeRoleWithWebIdentity`.
        operation: &'static str,
    },
    /// The profile's IAM Identity Center (SSO) sign-in is missing or has
    /// expired and cannot be refreshed: the user must sign in again.
    #[error("{reason}; run `aws sso login --profile {profile}` to sign in again")]
    SsoLoginRequired {
        /// The selected profile.
        profile: String,
        /// What was found (no cached token, an expired one, a refusal).
        reason: String,
    },
    /// The profile's `credential_process` could not be run, failed, or
    /// printed something other than credentials.
    #[error("credential_process of profile `{profile}` {problem}")]
    Process {
        /// The selected profile.
        profile: String,
        /// What happened: the exit status and the end of its standard
        /// error, or what is wrong with its output (never the output).
        problem: String,
    },
    /// A source that applies here failed: the container endpoint or the
    /// instance metadata service did not answer usefully, the SSO portal
    /// refused, a token file could not be read.
    #[error("cannot load AWS credentials from {source_name}: {message}")]
    Provider {
        /// The source, with its address where it has one.
        source_name: String,
        /// What went wrong.
        message: String,
    },
}
