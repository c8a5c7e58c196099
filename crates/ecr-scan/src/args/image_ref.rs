//! The image argument: `REPOSITORY:TAG` or `REPOSITORY@sha256:DIGEST`, bare
//! or behind an ECR registry host as `docker images` shows it
//! (`ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPOSITORY:TAG`).

use std::fmt;

use super::registry_host::{self, HostError, RegistryHost};
use crate::escape::{escaped, quoted};

/// The only digest algorithm ECR names images by.
const DIGEST_PREFIX: &str = "sha256:";
/// Hex digits of a SHA-256 digest.
const DIGEST_HEX_DIGITS: usize = 64;

/// One image in a repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ImageRef {
    pub(crate) repository: String,
    pub(crate) reference: Reference,
}

/// How the image within its repository is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reference {
    Tag(String),
    /// `sha256:` and 64 lowercase hex digits (checked).
    Digest(String),
}

/// The image argument: the image and, when it was given as a URI, the
/// registry the URI's host names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ImageArg {
    pub(crate) image: ImageRef,
    pub(crate) registry: Option<RegistryHost>,
}

/// An image argument that names no image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ImageError {
    /// Neither `:TAG` nor `@DIGEST` (the whole argument).
    NoReference(String),
    /// Nothing before the `:` or `@` (the whole argument).
    NoRepository(String),
    /// Nothing after the `:` (the whole argument).
    EmptyTag(String),
    /// The text after the `@`.
    BadDigest(String),
    Host(HostError),
}

impl fmt::Display for ImageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImageError::NoReference(arg) => write!(
                f,
                "{} names a repository but no image: add a tag or a digest, for example {}",
                quoted(arg),
                quoted(&format!("{arg}:latest"))
            ),
            ImageError::NoRepository(arg) => write!(
                f,
                "{} has no repository name (expected REPOSITORY:TAG or REPOSITORY@DIGEST)",
                quoted(arg)
            ),
            ImageError::EmptyTag(arg) => {
                write!(f, "{} has an empty tag after `:`", quoted(arg))
            }
            ImageError::BadDigest(digest) => write!(
                f,
                "digest {} is not {DIGEST_PREFIX} followed by {DIGEST_HEX_DIGITS} lowercase hex digits",
                quoted(digest)
            ),
            ImageError::Host(err) => err.fmt(f),
        }
    }
}

/// Parses the image argument. ECR repository names contain neither `:` nor
/// `@`, so after the registry host (if any) an `@` starts a digest and the
/// last `:` a tag. `NAME:TAG@DIGEST` names the digest, as in `docker pull`.
pub(crate) fn parse_image(arg: &str) -> Result<ImageArg, ImageError> {
    let (registry, rest) = match arg.split_once('/') {
        Some((first, rest)) if registry_host::is_registry_host(first) => (
            Some(registry_host::parse_host(first).map_err(ImageError::Host)?),
            rest,
        ),
        _ => (None, arg),
    };
    let (repository, reference) = if let Some((name, digest)) = rest.split_once('@') {
        let repository = name
            .rsplit_once(':')
            .map_or(name, |(repository, _)| repository);
        (repository, Reference::Digest(checked_digest(digest)?))
    } else if let Some((repository, tag)) = rest.rsplit_once(':') {
        if tag.is_empty() {
            return Err(ImageError::EmptyTag(arg.to_owned()));
        }
        (repository, Reference::Tag(tag.to_owned()))
    } else {
        return Err(ImageError::NoReference(arg.to_owned()));
    };
    if repository.is_empty() {
        return Err(ImageError::NoRepository(arg.to_owned()));
    }
    Ok(ImageArg {
        image: ImageRef {
            repository: repository.to_owned(),
            reference,
        },
        registry,
    })
}

/// A digest as ECR names images: checked here, so a typo is a usage error
/// rather than a round trip that ends in `ImageNotFoundException`.
fn checked_digest(digest: &str) -> Result<String, ImageError> {
    let well_formed = digest.strip_prefix(DIGEST_PREFIX).is_some_and(|hex| {
        hex.len() == DIGEST_HEX_DIGITS
            && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    });
    if well_formed {
        Ok(digest.to_owned())
    } else {
        Err(ImageError::BadDigest(digest.to_owned()))
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    const DIGEST: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn image(repository: &str, reference: Reference) -> ImageRef {
        ImageRef {
            repository: repository.into(),
            reference,
        }
    }

    #[test]
    fn a_bare_reference_has_no_registry() {
        let parsed = parse_image("team/app:v1.2").unwrap();
        assert_eq!(
            parsed.image,
            image("team/app", Reference::Tag("v1.2".into()))
        );
        assert_eq!(parsed.registry, None);
        assert_eq!(parsed.image.to_string(), "team/app:v1.2");
        // Dots belong to the repository name unless an AWS domain follows.
        let parsed = parse_image("my.team/app:1").unwrap();
        assert_eq!(parsed.image.repository, "my.team/app");
    }

    #[test]
    fn an_image_uri_gives_the_registry() {
        let uri = format!("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app@{DIGEST}");
        let parsed = parse_image(&uri).unwrap();
        assert_eq!(
            parsed.image,
            image("team/app", Reference::Digest(DIGEST.into()))
        );
        assert_eq!(
            parsed.registry,
            Some(RegistryHost {
                account: "123456789012".into(),
                region: "eu-west-1".into(),
            })
        );
        let parsed = parse_image("123456789012.dkr-ecr.us-east-2.on.aws/app:latest").unwrap();
        assert_eq!(parsed.image, image("app", Reference::Tag("latest".into())));
    }

    #[test]
    fn a_tag_and_a_digest_name_the_digest() {
        let parsed = parse_image(&format!("app:v1@{DIGEST}")).unwrap();
        assert_eq!(parsed.image, image("app", Reference::Digest(DIGEST.into())));
    }

    #[test]
    fn digests_are_checked_locally() {
        for bad in [
            "sha256:abc",
            "sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
            "sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "",
            &format!("{DIGEST}0"),
        ] {
            assert_eq!(
                parse_image(&format!("app@{bad}")),
                Err(ImageError::BadDigest(bad.into())),
                "{bad}"
            );
        }
    }

    #[test]
    fn what_names_no_image_says_what_is_missing() {
        assert_eq!(
            parse_image("app"),
            Err(ImageError::NoReference("app".into()))
        );
        assert_eq!(
            ImageError::NoReference("team/app".into()).to_string(),
            "`team/app` names a repository but no image: add a tag or a digest, \
             for example `team/app:latest`"
        );
        assert_eq!(
            parse_image("app:"),
            Err(ImageError::EmptyTag("app:".into()))
        );
        assert_eq!(
            parse_image(":v1"),
            Err(ImageError::NoRepository(":v1".into()))
        );
        let uri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app";
        assert_eq!(parse_image(uri), Err(ImageError::NoReference(uri.into())));
        assert_eq!(
            parse_image("public.ecr.aws/team/app:1"),
            Err(ImageError::Host(HostError::EcrPublic))
        );
    }
}
