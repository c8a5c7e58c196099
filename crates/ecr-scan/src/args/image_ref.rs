//! The image argument: `REPOSITORY:TAG` or `REPOSITORY@DIGEST`.

use std::fmt;

use super::usage::UsageError;
use crate::escape::escaped;

/// `REPOSITORY:TAG` or `REPOSITORY@DIGEST`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ImageRef {
    pub(crate) repository: String,
    pub(crate) reference: Reference,
}

/// How the image within its repository is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reference {
    Tag(String),
    Digest(String),
}

/// Repository names never contain `:` or `@`, so the last `:` starts the tag
/// and an `@` starts a digest (which itself contains `:`).
pub(crate) fn parse_image(arg: &str) -> Result<ImageRef, UsageError> {
    let (repository, reference) = if let Some((repository, digest)) = arg.split_once('@') {
        (repository, Reference::Digest(digest.to_owned()))
    } else if let Some((repository, tag)) = arg.rsplit_once(':') {
        (repository, Reference::Tag(tag.to_owned()))
    } else {
        return Err(UsageError::BadImage(arg.to_owned()));
    };
    let empty_reference = match &reference {
        Reference::Tag(value) | Reference::Digest(value) => value.is_empty(),
    };
    if repository.is_empty() || empty_reference {
        return Err(UsageError::BadImage(arg.to_owned()));
    }
    Ok(ImageRef {
        repository: repository.to_owned(),
        reference,
    })
}

/// Escaped, since messages and the report show it: a tag is any text the
/// service accepts (up to 300 characters), control characters included.
impl fmt::Display for ImageRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let repository = escaped(&self.repository);
        match &self.reference {
            Reference::Tag(tag) => write!(f, "{repository}:{}", escaped(tag)),
            Reference::Digest(digest) => write!(f, "{repository}@{}", escaped(digest)),
        }
    }
}
