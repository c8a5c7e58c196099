//! How long a presigned request stays valid (`X-Amz-Expires`).

use std::time::Duration;

use super::SigningError;

/// The validity of a presigned request, checked against what SigV4 allows:
/// whole seconds from [`MIN`](Self::MIN) (1 s) to [`MAX`](Self::MAX)
/// (604800 s, 7 days). The services refuse anything longer; a zero expiry
/// would make a URL that is never valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PresignExpiry {
    seconds: u32,
}

impl PresignExpiry {
    /// The shortest expiry, in seconds.
    pub const MIN_SECONDS: u32 = 1;
    /// The longest expiry, in seconds: 7 days.
    pub const MAX_SECONDS: u32 = 604_800;
    /// The shortest expiry.
    pub const MIN: Duration = Duration::from_secs(Self::MIN_SECONDS as u64);
    /// The longest expiry.
    pub const MAX: Duration = Duration::from_secs(Self::MAX_SECONDS as u64);

    /// Checks `expires_in`: it must be a whole number of seconds from
    /// [`MIN`](Self::MIN) to [`MAX`](Self::MAX), or the error names it and
    /// the bounds. (A fraction of a second is refused rather than rounded:
    /// `X-Amz-Expires` counts whole seconds, and a silently shorter or
    /// longer validity than asked for is a wrong result.)
    pub fn new(expires_in: Duration) -> Result<Self, SigningError> {
        let invalid = || SigningError::InvalidExpiry {
            requested: expires_in,
        };
        if expires_in.subsec_nanos() != 0 {
            return Err(invalid());
        }
        let seconds = u32::try_from(expires_in.as_secs()).map_err(|_| invalid())?;
        if (Self::MIN_SECONDS..=Self::MAX_SECONDS).contains(&seconds) {
            Ok(Self { seconds })
        } else {
            Err(invalid())
        }
    }

    /// The expiry in seconds, as `X-Amz-Expires` says it.
    pub fn as_secs(self) -> u32 {
        self.seconds
    }

    /// The expiry as a duration.
    pub fn as_duration(self) -> Duration {
        Duration::from_secs(self.seconds.into())
    }
}

impl TryFrom<Duration> for PresignExpiry {
    type Error = SigningError;

    fn try_from(expires_in: Duration) -> Result<Self, SigningError> {
        Self::new(expires_in)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bounds_are_accepted() -> Result<(), SigningError> {
        assert_eq!(PresignExpiry::new(Duration::from_secs(1))?.as_secs(), 1);
        assert_eq!(
            PresignExpiry::new(Duration::from_secs(3600))?.as_secs(),
            3600
        );
        let week = PresignExpiry::new(Duration::from_secs(7 * 24 * 3600))?;
        assert_eq!(week.as_secs(), 604_800);
        assert_eq!(week.as_duration(), PresignExpiry::MAX);
        Ok(())
    }

    #[test]
    fn values_outside_the_bounds_are_refused_naming_value_and_bounds() {
        for requested in [
            Duration::ZERO,
            Duration::from_millis(500),
            Duration::from_secs(604_801),
            Duration::from_secs(u64::MAX),
            Duration::from_millis(1500),
        ] {
            match PresignExpiry::new(requested) {
                Err(error @ SigningError::InvalidExpiry { requested: named }) => {
                    assert_eq!(named, requested);
                    let message = error.to_string();
                    assert!(
                        message.contains(&format!("{requested:?}"))
                            && message.contains("1 to 604800 seconds"),
                        "{message}"
                    );
                }
                other => panic!("{requested:?}: expected InvalidExpiry, got {other:?}"),
            }
        }
    }
}
