//! The region the command line gives, checked where it is given so that an
//! error names `--region` rather than wherever the client would meet it.

use awsgen_auth::{Region, RegionError};

use super::usage::UsageError;

/// `--region VALUE`, checked by the rule the client applies to every region.
pub(super) fn region_flag(value: String) -> Result<String, UsageError> {
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

    #[test]
    fn a_region_is_checked_as_the_client_checks_it() {
        assert_eq!(region_flag(" eu-west-1 ".into()), Ok("eu-west-1".into()));
        assert_eq!(
            region_flag("us east 1".into()),
            Err(UsageError::BadRegion {
                value: "us east 1".into(),
                reason: "only ASCII letters, digits and `-` are allowed",
            })
        );
    }
}
