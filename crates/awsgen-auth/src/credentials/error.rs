//! Why no credentials could be provided.

use crate::profile::ProfileError;

/// A credentials provider failed.
///
/// [`NotLoaded`](Self::NotLoaded) means "nothing here, try the next provider"; every
/// other variant stops the chain, because a half-configured source is a mistake the
/// user should hear about rather than have silently replaced by another identity.
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
    /// The selected profile gets its credentials in a way this client does not
    /// implement.
    #[error("profile `{profile}` sets `{key}`, which is not supported by this client (only static keys are: aws_access_key_id, aws_secret_access_key, aws_session_token)")]
    Unsupported {
        /// The selected profile.
        profile: String,
        /// The property that asks for the unsupported source.
        key: &'static str,
    },
    /// The selected profile has an access key id but no secret access key.
    #[error("profile `{profile}` sets aws_access_key_id but not aws_secret_access_key")]
    IncompleteProfile {
        /// The selected profile.
        profile: String,
    },
}
