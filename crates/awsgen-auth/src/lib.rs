//! Request authentication for the awsJson transport: SigV4 signing, credentials,
//! region resolution and the AWS shared `config`/`credentials` files.
//!
//! Everything here is synchronous and free of networking, so it can be tested with
//! plain values: the process environment is read once into an [`Environment`]
//! snapshot, and every provider takes that snapshot instead of calling
//! `std::env::var` itself.
//!
//! Secrets (secret access keys, session tokens, signatures, `Authorization`
//! values) never appear in `Debug` or `Display` output or in error messages.

pub mod credentials;
pub mod env;
pub mod profile;
pub mod region;
pub mod sigv4;

mod hex;

pub use credentials::{
    Credentials, CredentialsError, DefaultChain, EnvironmentProvider, ProfileProvider,
    ProvideCredentials, StaticProvider,
};
pub use env::Environment;
pub use profile::{ProfileError, ProfileSet};
pub use region::{resolve_region, Region, RegionError};
pub use sigv4::{
    host_header_value, sign, PayloadHasher, PayloadSha256, SessionTokenMode, SignatureHeaders,
    SignedPayload, Signer, SigningError, SigningOutput, SigningParams, SigningSettings,
};

/// What `Debug` output prints in place of a secret value.
pub const REDACTED: &str = "** redacted **";
