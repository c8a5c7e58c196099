//! AWS credentials, the provider trait, and the parts of the AWS SDKs'
//! default chain that need no network: environment variables, and what the
//! selected profile of the shared files asks for ([`resolve_profile`]).
//!
//! The chain itself, with the sources that wait on a process or the network
//! (`credential_process`, SSO, the container endpoint, EC2 instance
//! metadata), is awsgen-client's: it has the HTTP client and the runtime.

mod environment;
mod error;
mod profile;
mod provider;
mod value;

pub use environment::EnvironmentProvider;
pub use error::CredentialsError;
pub use profile::{
    resolve_profile, BaseSource, CredentialSource, ProcessSource, ProfileChain, RoleHop, SsoSource,
    WebIdentitySource,
};
pub use provider::{CredentialsFuture, ProvideCredentials, StaticProvider};
pub use value::Credentials;
