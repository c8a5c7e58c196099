//! The AWS shared configuration files, `~/.aws/config` and `~/.aws/credentials`.
//!
//! Files are located from the [`Environment`](crate::Environment) (`AWS_CONFIG_FILE`,
//! `AWS_SHARED_CREDENTIALS_FILE`, `HOME`), parsed as the SDKs' INI dialect, and
//! merged for one selected profile (`AWS_PROFILE`, default `default`).

mod error;
mod files;
mod parser;
mod set;

pub use error::ProfileError;
pub use set::{ProfileSet, Section};
