//! Where credentials come from when the caller gives none: the AWS SDKs'
//! default chain (aws-config's `DefaultCredentialsChain`).
//!
//! In order, the first source that applies wins:
//!
//! 1. environment variables (`AWS_ACCESS_KEY_ID`, ...);
//! 2. the selected profile of the shared files (`profile.rs`): static keys,
//!    `credential_process` (`process.rs`), IAM Identity Center (`sso.rs`,
//!    with the token cache in `sso/token.rs` and the generated SSO and
//!    SSO-OIDC operations), `credential_source`, and `role_arn` hops and
//!    `web_identity_token_file` through STS (`sts.rs`, with the generated
//!    operations in `sts/api.rs` sent by `sts/service.rs`);
//! 3. web identity from `AWS_WEB_IDENTITY_TOKEN_FILE` and `AWS_ROLE_ARN`
//!    (through STS as well);
//! 4. the container endpoint of ECS and EKS Pod Identity (`container.rs`);
//! 5. EC2 instance metadata, IMDSv2 (`imds.rs`).
//!
//! A source that does not apply says why, and the chain moves on; one that
//! applies and fails ends the chain with its error. The requests to the
//! local endpoints are bounded by `fetch.rs`.

mod chain;
mod container;
mod fetch;
mod imds;
mod json;
mod process;
mod profile;
mod sso;
mod sts;

pub use chain::DefaultChain;
pub(crate) use chain::{ProviderContext, ServiceClients};
pub(crate) use imds::{region as imds_region, ImdsTokens};
#[cfg(feature = "sts")]
pub(crate) use sts::sts_service;

use awsgen_auth::CredentialsError;

/// Runs blocking work (reading the shared files, the SSO token cache, a
/// process) on Tokio's blocking threads, so no runtime worker waits for
/// it; outside a runtime, where there is no worker to spare, on the
/// calling thread.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, CredentialsError> {
    if tokio::runtime::Handle::try_current().is_err() {
        return Ok(work());
    }
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| CredentialsError::Provider {
            source_name: "a blocking task".to_owned(),
            message: format!("it did not finish: {error}"),
        })
}
