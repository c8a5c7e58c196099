//! The help text and the errors of a command line that cannot be run.

use std::fmt;

use super::image_ref::ImageError;
use crate::escape::quoted;
use crate::output::Format;
use crate::severity::ORDER;

/// Printed for `--help` and after a usage error.
pub(crate) const USAGE: &str = "\
usage: ecr-scan IMAGE [--region REGION] [--registry-id ID] [--endpoint-url URL]
                      [--max-wait SECONDS | --no-wait] [--fail-on SEVERITY]
                      [--format text|json] [-v | -vv]

Starts an Amazon ECR basic scan of one image, waits until it completes and
prints its findings by severity. When the image was already scanned in the
last 24 hours (the scan quota), it says so and waits for that scan instead.

IMAGE is REPOSITORY:TAG or REPOSITORY@sha256:DIGEST, bare or as the image URI
`docker images` shows, which also gives the registry ID and region:
  ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPOSITORY:TAG   (.amazonaws.com.cn in China)
  ACCOUNT.dkr.ecr-fips.REGION.amazonaws.com/...         ACCOUNT.dkr-ecr[-fips].REGION.on.aws/...

Credentials, region and endpoint come from the environment and the shared
config files, as the AWS CLI finds them (AWS_ACCESS_KEY_ID, AWS_PROFILE,
AWS_REGION, AWS_ENDPOINT_URL_ECR, ...); credentials also from a profile's
credential_process or IAM Identity Center sign-in, the ECS/EKS container
endpoint and EC2 instance metadata. The image URI and the flags override
them.

  --region REGION       sign for and resolve endpoints in REGION (must match the URI's)
  --registry-id ID      the 12-digit account ID of the registry (default: the URI's,
                        else the caller's)
  --endpoint-url URL    send requests to URL instead of the regional ECR endpoint
  --max-wait SECONDS    give up waiting for the scan after SECONDS (default 1800)
  --no-wait             start the scan and print its status, without waiting
  --fail-on SEVERITY    exit with 5 when the scan found anything at SEVERITY or worse:
                        CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL or UNDEFINED (any finding)
  --format text|json    text (the default) or one JSON document on stdout, schema
                        ecr-scan/v1 (crates/ecr-scan/JSON-OUTPUT.md); progress and
                        diagnostics go to stderr
  -v, --verbose         log each call and attempt on stderr (endpoint, status,
                        request ID, retries, durations); -vv adds the request and
                        response headers (secrets redacted) and the HTTP stack's log.
                        RUST_LOG=target=level,... selects by target, as with other
                        Rust tools (span and field filters are not read)

Proxies: HTTPS_PROXY / https_proxy (and HTTP_PROXY for http:// endpoints), as
http://[user:password@]host:port; NO_PROXY lists hosts reached directly.

exit status: 0 scan complete (or started, with --no-wait),
             1 a call failed (service or network error), 2 usage or configuration error,
             3 the scan failed, 4 the scan did not complete within --max-wait,
             5 the scan found something at or above --fail-on";

/// A command line that cannot be run.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum UsageError {
    NotUnicode,
    MissingImage,
    ExtraArgument(String),
    UnknownFlag(String),
    MissingValue(&'static str),
    RepeatedFlag(&'static str),
    BadImage(ImageError),
    BadMaxWait(String),
    WaitConflict,
    BadFailOn(String),
    FailOnWithoutWait,
    BadFormat(String),
    BadRegion {
        value: String,
        reason: &'static str,
    },
    /// A flag and the image URI name different regions or accounts.
    Disagreement {
        flag: &'static str,
        flag_value: String,
        /// What the URI's host names: `region` or `account`.
        what: &'static str,
        uri_value: String,
    },
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UsageError::NotUnicode => f.write_str("an argument is not valid UTF-8"),
            UsageError::MissingImage => {
                f.write_str("no image given (expected REPOSITORY:TAG or an image URI)")
            }
            UsageError::ExtraArgument(arg) => write!(
                f,
                "unexpected argument {}: only one image can be scanned",
                quoted(arg)
            ),
            UsageError::UnknownFlag(flag) => write!(f, "unknown option {}", quoted(flag)),
            UsageError::MissingValue(flag) => write!(f, "option `--{flag}` needs a value"),
            UsageError::RepeatedFlag(flag) => write!(f, "option `--{flag}` is given twice"),
            UsageError::BadImage(err) => err.fmt(f),
            UsageError::BadMaxWait(value) => write!(
                f,
                "--max-wait {} is not a number of seconds between 1 and 86400",
                quoted(value)
            ),
            UsageError::WaitConflict => {
                f.write_str("`--no-wait` and `--max-wait` exclude each other")
            }
            UsageError::BadFailOn(value) => write!(
                f,
                "--fail-on {} is not a severity: expected one of {}",
                quoted(value),
                ORDER.join(", ")
            ),
            UsageError::FailOnWithoutWait => f.write_str(
                "--fail-on needs the scan's findings, which --no-wait does not wait for",
            ),
            UsageError::BadFormat(value) => write!(
                f,
                "--format {} is not an output format: expected one of {}",
                quoted(value),
                Format::NAMES
            ),
            UsageError::BadRegion { value, reason } => write!(
                f,
                "--region {} is not a region name: {reason}",
                quoted(value)
            ),
            UsageError::Disagreement {
                flag,
                flag_value,
                what,
                uri_value,
            } => write!(
                f,
                "{flag} {} disagrees with the image URI, whose host names {what} {}: \
                 leave out {flag}, or correct one of them",
                quoted(flag_value),
                quoted(uri_value)
            ),
        }
    }
}

impl std::error::Error for UsageError {}
