//! Why the shared files could not be loaded.

use std::io;
use std::path::PathBuf;

/// A shared config or credentials file exists but cannot be used. (A missing file is
/// not an error.) Messages name the file and line but never quote file contents,
/// which may hold secrets.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProfileError {
    /// The file exists but could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What the operating system reported.
        source: io::Error,
    },
    /// The file is not valid UTF-8 or not valid in the shared-file format.
    #[error("{path}:{line}: {message}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// The 1-based line number.
        line: usize,
        /// What is wrong with the line.
        message: &'static str,
    },
}
