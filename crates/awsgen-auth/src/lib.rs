//! Request authentication for the awsJson transport: SigV4 signing, credentials,
//! region resolution and the AWS shared `config`/`credentials` files.
//!
//! Everything here is free of networking and runtime-neutral, so it can be
//! tested with plain values: the process environment is read once into an
//! [`Environment`] snapshot, and every provider takes that snapshot instead of
//! calling `std::env::var` itself. [`ProvideCredentials`] is asynchronous (a
//! boxed future, no runtime named) so that the sources awsgen-client adds
//! (processes, SSO, container and instance metadata endpoints) wait without
//! blocking; the ones here are ready at once. [`resolve_profile`] says what
//! the selected profile asks for without acting on it.
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
    resolve_profile, Credentials, CredentialsError, CredentialsFuture, EnvironmentProvider,
    ProfileChain, ProvideCredentials, StaticProvider,
};
pub use env::Environment;
pub use profile::{ProfileError, ProfileSet, Section};
pub use region::{resolve_region, Region, RegionError};
pub use sigv4::{
    host_header_value, presign, redact_presigned_uri, sign, PayloadHasher, PayloadSha256,
    PresignExpiry, PresignedUri, SessionTokenMode, SignatureHeaders, SignedPayload, Signer,
    SigningError, SigningOutput, SigningParams, SigningSettings, S3_SIGNING_NAME,
};

/// What `Debug` output prints in place of a secret value.
pub const REDACTED: &str = "** redacted **";
