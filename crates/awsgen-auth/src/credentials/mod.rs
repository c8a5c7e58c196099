//! AWS credentials and the providers that find them.
//!
//! [`DefaultChain`] mirrors the first two links of the AWS SDKs' default chain:
//! environment variables, then the shared config/credentials files. Only static keys
//! are supported; profiles that need STS, SSO or an external process are reported as
//! unsupported rather than skipped.

mod chain;
mod environment;
mod error;
mod profile;
mod provider;
mod value;

pub use chain::DefaultChain;
pub use environment::EnvironmentProvider;
pub use error::CredentialsError;
pub use profile::ProfileProvider;
pub use provider::{ProvideCredentials, StaticProvider};
pub use value::Credentials;
