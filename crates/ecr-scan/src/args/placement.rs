//! Where the image lives: the region and registry ID from the flags and from
//! the image URI, which must agree. Checked here, so an error names the flag
//! or the URI rather than whatever the client would blame later.

use awsgen_auth::{Region, RegionError};

use super::registry_host::RegistryHost;
use super::usage::UsageError;

/// The region: `--region` (checked by the rule the client applies to every
/// region), else the image URI's. `None` leaves it to the environment.
pub(super) fn settle_region(
    flag: Option<String>,
    uri: Option<&RegistryHost>,
) -> Result<Option<String>, UsageError> {
    let flag = flag.map(checked_region).transpose()?;
    match (flag, uri) {
        (Some(flag), Some(uri)) if flag != uri.region => Err(UsageError::Disagreement {
            flag: "--region",
            flag_value: flag,
            what: "region",
            uri_value: uri.region.clone(),
        }),
        (Some(flag), _) => Ok(Some(flag)),
        (None, uri) => Ok(uri.map(|uri| uri.region.clone())),
    }
}

/// The registry ID: `--registry-id`, else the image URI's account. `None`
/// means the caller's own registry. The form is checked with the rest of the
/// request (`Validate`).
pub(super) fn settle_registry_id(
    flag: Option<String>,
    uri: Option<&RegistryHost>,
) -> Result<Option<String>, UsageError> {
    match (flag, uri) {
        (Some(flag), Some(uri)) if flag != uri.account => Err(UsageError::Disagreement {
            flag: "--registry-id",
            flag_value: flag,
            what: "account",
            uri_value: uri.account.clone(),
        }),
        (Some(flag), _) => Ok(Some(flag)),
        (None, uri) => Ok(uri.map(|uri| uri.account.clone())),
    }
}

fn checked_region(value: String) -> Result<String, UsageError> {
    match Region::new(value.trim()) {
        Ok(region) => Ok(region.to_string()),
        Err(RegionError::Invalid { reason, .. }) => Err(UsageError::BadRegion { value, reason }),
        Err(_) => Err(UsageError::BadRegion {
            value,
            reason: "it is not a region name",
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri() -> RegistryHost {
        RegistryHost {
            account: "123456789012".into(),
            region: "eu-west-1".into(),
        }
    }

    #[test]
    fn a_region_is_checked_as_the_client_checks_it() {
        assert_eq!(
            settle_region(Some(" eu-west-1 ".into()), None),
            Ok(Some("eu-west-1".into()))
        );
        assert_eq!(
            settle_region(Some("us east 1".into()), None),
            Err(UsageError::BadRegion {
                value: "us east 1".into(),
                reason: "only ASCII letters, digits and `-` are allowed",
            })
        );
    }

    #[test]
    fn the_uri_supplies_what_the_flags_leave_out_and_must_agree_with_them() {
        assert_eq!(
            settle_region(None, Some(&uri())),
            Ok(Some("eu-west-1".into()))
        );
        assert_eq!(
            settle_region(Some("eu-west-1".into()), Some(&uri())),
            Ok(Some("eu-west-1".into()))
        );
        assert_eq!(
            settle_region(Some("us-east-1".into()), Some(&uri())),
            Err(UsageError::Disagreement {
                flag: "--region",
                flag_value: "us-east-1".into(),
                what: "region",
                uri_value: "eu-west-1".into(),
            })
        );
        assert_eq!(settle_region(None, None), Ok(None));

        assert_eq!(
            settle_registry_id(None, Some(&uri())),
            Ok(Some("123456789012".into()))
        );
        assert!(matches!(
            settle_registry_id(Some("111122223333".into()), Some(&uri())),
            Err(UsageError::Disagreement {
                flag: "--registry-id",
                ..
            })
        ));
        assert_eq!(
            settle_registry_id(Some("111122223333".into()), None),
            Ok(Some("111122223333".into()))
        );
    }
}
