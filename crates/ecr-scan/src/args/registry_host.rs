//! The registry host at the front of an image URI, as `docker images` shows
//! it: the account that owns the registry and the region it is in.
//!
//! Amazon ECR private registries answer Docker at (AWS General Reference,
//! "Amazon ECR endpoints"):
//! - `ACCOUNT.dkr.ecr.REGION.amazonaws.com` (`.amazonaws.com.cn` in China),
//! - `ACCOUNT.dkr.ecr-fips.REGION.amazonaws.com` (FIPS),
//! - `ACCOUNT.dkr-ecr.REGION.on.aws` and `ACCOUNT.dkr-ecr-fips.REGION.on.aws`
//!   (dual-stack, and dual-stack FIPS).
//!
//! Only the account and region are taken: which API endpoint is called
//! (FIPS, dual-stack) stays the client's setting, as for any other call.

use std::fmt;

use awsgen_auth::{Region, RegionError};

use crate::escape::quoted;

/// Domains under which AWS serves registries. ECR repository names may
/// contain dots (`my.team/app`), so only a first path part ending in one of
/// these is taken for a host.
const AWS_REGISTRY_DOMAINS: [&str; 3] = [".amazonaws.com", ".amazonaws.com.cn", ".on.aws"];

/// ECR Public's registry, which has no image scanning.
const ECR_PUBLIC_HOST: &str = "public.ecr.aws";

/// The host forms accepted, for the error that names them.
const ACCEPTED_FORMS: &str = "ACCOUNT.dkr.ecr.REGION.amazonaws.com[.cn], \
     ACCOUNT.dkr.ecr-fips.REGION.amazonaws.com or ACCOUNT.dkr-ecr[-fips].REGION.on.aws";

/// Where an image URI says the image lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RegistryHost {
    /// The 12-digit account ID, the registry ID of the API.
    pub(crate) account: String,
    /// A valid region name.
    pub(crate) region: String,
}

/// A host that is an AWS registry host but not one of an ECR private registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HostError {
    /// `public.ecr.aws`.
    EcrPublic,
    /// Not one of the forms ECR private registries use.
    UnknownForm(String),
    /// The first label is not a 12-digit account ID.
    BadAccount(String),
    /// The region label is not a region name.
    BadRegion {
        host: String,
        region: String,
        reason: &'static str,
    },
}

impl fmt::Display for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HostError::EcrPublic => f.write_str(
                "images in ECR Public (public.ecr.aws) cannot be scanned: \
                 ECR scans images in private registries",
            ),
            HostError::UnknownForm(host) => write!(
                f,
                "{} is not an Amazon ECR private registry host (expected {ACCEPTED_FORMS}); \
                 or give REPOSITORY:TAG with --region and --registry-id",
                quoted(host)
            ),
            HostError::BadAccount(host) => write!(
                f,
                "registry host {} does not start with a 12-digit account ID",
                quoted(host)
            ),
            HostError::BadRegion {
                host,
                region,
                reason,
            } => write!(
                f,
                "registry host {} names region {}, which is not a region name: {reason}",
                quoted(host),
                quoted(region)
            ),
        }
    }
}

/// Whether `first_part` (the text before an image argument's first `/`)
/// is a registry host rather than the start of a repository name.
pub(crate) fn is_registry_host(first_part: &str) -> bool {
    let host = first_part.to_ascii_lowercase();
    host == ECR_PUBLIC_HOST
        || AWS_REGISTRY_DOMAINS
            .iter()
            .any(|domain| host.ends_with(domain))
}

/// The account and region of an ECR private registry host (any case, as DNS).
pub(crate) fn parse_host(host: &str) -> Result<RegistryHost, HostError> {
    let lower = host.to_ascii_lowercase();
    if lower == ECR_PUBLIC_HOST {
        return Err(HostError::EcrPublic);
    }
    let labels: Vec<&str> = lower.split('.').collect();
    let (account, region) = match labels.as_slice() {
        [account, "dkr", "ecr" | "ecr-fips", region, "amazonaws", "com"]
        | [account, "dkr", "ecr", region, "amazonaws", "com", "cn"]
        | [account, "dkr-ecr" | "dkr-ecr-fips", region, "on", "aws"] => (*account, *region),
        _ => return Err(HostError::UnknownForm(host.to_owned())),
    };
    if account.len() != 12 || !account.bytes().all(|b| b.is_ascii_digit()) {
        return Err(HostError::BadAccount(host.to_owned()));
    }
    let region = Region::new(region).map_err(|err| HostError::BadRegion {
        host: host.to_owned(),
        region: region.to_owned(),
        reason: match err {
            RegionError::Invalid { reason, .. } => reason,
            _ => "it is not a region name",
        },
    })?;
    Ok(RegistryHost {
        account: account.to_owned(),
        region: region.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(account: &str, region: &str) -> Result<RegistryHost, HostError> {
        Ok(RegistryHost {
            account: account.into(),
            region: region.into(),
        })
    }

    #[test]
    fn every_private_registry_form_gives_account_and_region() {
        for (name, region) in [
            ("123456789012.dkr.ecr.us-east-1.amazonaws.com", "us-east-1"),
            (
                "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn",
                "cn-north-1",
            ),
            (
                "123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com",
                "us-gov-west-1",
            ),
            ("123456789012.dkr-ecr.eu-west-1.on.aws", "eu-west-1"),
            ("123456789012.dkr-ecr-fips.us-east-2.on.aws", "us-east-2"),
            ("123456789012.DKR.ECR.US-EAST-1.AMAZONAWS.COM", "us-east-1"),
        ] {
            assert!(is_registry_host(name), "{name}");
            assert_eq!(parse_host(name), host("123456789012", region), "{name}");
        }
    }

    #[test]
    fn repository_names_with_dots_are_not_hosts() {
        for name in ["my.team", "docker.io", "team", "localhost:5000"] {
            assert!(!is_registry_host(name), "{name}");
        }
    }

    #[test]
    fn other_aws_hosts_are_refused_with_the_reason() {
        assert_eq!(parse_host("public.ecr.aws"), Err(HostError::EcrPublic));
        for name in [
            "api.ecr.us-east-1.amazonaws.com",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com.cn.evil",
            "123456789012.dkr.ecr-fips.cn-north-1.amazonaws.com.cn",
            "123456789012.dkr.ecr.us-east-1.on.aws",
        ] {
            assert_eq!(
                parse_host(name),
                Err(HostError::UnknownForm(name.into())),
                "{name}"
            );
        }
        assert_eq!(
            parse_host("12345.dkr.ecr.us-east-1.amazonaws.com"),
            Err(HostError::BadAccount(
                "12345.dkr.ecr.us-east-1.amazonaws.com".into()
            ))
        );
        assert!(matches!(
            parse_host("123456789012.dkr.ecr.-x.amazonaws.com"),
            Err(HostError::BadRegion { .. })
        ));
    }
}
