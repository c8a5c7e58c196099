//! The help text and the errors of a command line that cannot be run.

use std::fmt;

use crate::escape::quoted;

/// Printed for `--help` and after a usage error.
pub(crate) const USAGE: &str = "\
usage: ecr-scan REPOSITORY:TAG [--registry-id ID] [--endpoint-url URL] [--region REGION]
                               [--max-wait SECONDS | --no-wait]
       ecr-scan REPOSITORY@DIGEST [...]

Starts an Amazon ECR basic scan of one image, waits until it completes and
prints its findings by severity. When the image was already scanned in the
last 24 hours (the scan quota), it says so and waits for that scan instead.

Credentials, region and endpoint come from the environment and the shared
config files, as the AWS CLI finds them (AWS_ACCESS_KEY_ID, AWS_PROFILE,
AWS_REGION, AWS_ENDPOINT_URL_ECR, ...); the flags override them.

  --registry-id ID      the 12-digit account ID of the registry (default: the caller's)
  --endpoint-url URL    send requests to URL instead of the regional ECR endpoint
  --region REGION       sign for and resolve endpoints in REGION
  --max-wait SECONDS    give up waiting for the scan after SECONDS (default 1800)
  --no-wait             start the scan and print its status, without waiting

exit status: 0 scan complete (or started, with --no-wait),
             1 a call failed (service or network error), 2 usage or configuration error,
             3 the scan failed, 4 the scan did not complete within --max-wait";

/// A command line that cannot be run.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum UsageError {
    NotUnicode,
    MissingImage,
    ExtraArgument(String),
    UnknownFlag(String),
    MissingValue(&'static str),
    RepeatedFlag(&'static str),
    BadImage(String),
    BadMaxWait(String),
    WaitConflict,
    BadRegion { value: String, reason: &'static str },
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UsageError::NotUnicode => f.write_str("an argument is not valid UTF-8"),
            UsageError::MissingImage => f.write_str("no image given (expected REPOSITORY:TAG)"),
            UsageError::ExtraArgument(arg) => write!(
                f,
                "unexpected argument {}: only one image can be scanned",
                quoted(arg)
            ),
            UsageError::UnknownFlag(flag) => write!(f, "unknown option {}", quoted(flag)),
            UsageError::MissingValue(flag) => write!(f, "option `--{flag}` needs a value"),
            UsageError::RepeatedFlag(flag) => write!(f, "option `--{flag}` is given twice"),
            UsageError::BadImage(arg) => write!(
                f,
                "{} is not an image reference: expected REPOSITORY:TAG or REPOSITORY@DIGEST",
                quoted(arg)
            ),
            UsageError::BadMaxWait(value) => write!(
                f,
                "--max-wait {} is not a number of seconds between 1 and 86400",
                quoted(value)
            ),
            UsageError::WaitConflict => {
                f.write_str("`--no-wait` and `--max-wait` exclude each other")
            }
            UsageError::BadRegion { value, reason } => write!(
                f,
                "--region {} is not a region name: {reason}",
                quoted(value)
            ),
        }
    }
}

impl std::error::Error for UsageError {}
