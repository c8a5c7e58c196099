//! AWS Signature Version 4, for requests signed in the `Authorization` header
//! and for presigned requests (query signing).
//!
//! The steps follow the SigV4 specification, one private module each:
//! `canonical_request` (method, path, query, headers, payload hash),
//! `string_to_sign` (credential scope, signing key, signature), with `uri` and
//! `amz_date` for the path/query encoding and the time format, `signing_key` for
//! the derived key a [`Signer`] remembers. [`sign`](sign()) and [`Signer::sign`]
//! are the public entry points: they add `X-Amz-Date`, `X-Amz-Security-Token`
//! and `Authorization` to a header map. [`presign`](presign()) and
//! [`Signer::presign`] (`presign`, `expiry`) put the signature in the query
//! instead, through the same canonical request and key; `redact` keeps
//! the secrets of both out of `Debug` output.

mod amz_date;
mod canonical_request;
mod error;
mod expiry;
mod payload;
mod presign;
mod redact;
mod settings;
mod sign;
mod signer;
mod signing_key;
mod string_to_sign;
mod uri;

pub use error::SigningError;
pub use expiry::PresignExpiry;
pub use payload::{PayloadHasher, PayloadSha256, SignedPayload};
pub use presign::{presign, PresignedUri, S3_SIGNING_NAME};
pub use redact::redact_presigned_uri;
pub use settings::{SessionTokenMode, SigningParams, SigningSettings};
pub use sign::{host_header_value, sign, SignatureHeaders, SigningOutput};
pub use signer::Signer;
