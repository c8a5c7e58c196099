//! The command line: one image reference and a few optional flags, parsed by
//! hand (a few flags do not earn an argument-parser dependency).
//!
//! `usage` holds the help text and the usage errors, `image_ref` the image
//! argument and `registry_host` the host of an image URI, `placement` the
//! region and registry ID that flags and URI agree on.

mod image_ref;
mod placement;
mod registry_host;
mod usage;

use std::ffi::OsString;
use std::time::Duration;

use ecr_types::{DescribeImageScanFindingsRequest, ImageIdentifier, StartImageScanRequest};

use image_ref::ImageArg;
pub(crate) use image_ref::{ImageRef, Reference};
pub(crate) use usage::{UsageError, USAGE};

/// How long the scan is waited for when `--max-wait` is not given: basic
/// scans usually finish within minutes.
pub(crate) const DEFAULT_MAX_WAIT: Duration = Duration::from_secs(30 * 60);

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Command {
    /// `-h` / `--help`.
    Help,
    /// Start a scan.
    Scan(ScanArgs),
}

/// The arguments of a scan.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct ScanArgs {
    pub(crate) image: ImageRef,
    /// `--registry-id`, else the account of the image URI's host.
    pub(crate) registry_id: Option<String>,
    pub(crate) endpoint_url: Option<String>,
    /// `--region`, else the region of the image URI's host; a valid region
    /// name (checked while parsing).
    pub(crate) region: Option<String>,
    /// `None` with `--no-wait`.
    pub(crate) max_wait: Option<Duration>,
}

/// Parses the arguments after the program name.
pub(crate) fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, UsageError> {
    let mut image = None;
    let mut registry_id = None;
    let mut endpoint_url = None;
    let mut region = None;
    let mut max_wait = None;
    let mut no_wait = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let arg = arg.into_string().map_err(|_| UsageError::NotUnicode)?;
        if arg == "-h" || arg == "--help" {
            return Ok(Command::Help);
        }
        if arg == "--no-wait" {
            if no_wait {
                return Err(UsageError::RepeatedFlag("no-wait"));
            }
            no_wait = true;
            continue;
        }
        if let Some(option) = arg.strip_prefix("--") {
            let (name, inline) = match option.split_once('=') {
                Some((name, value)) => (name, Some(value.to_owned())),
                None => (option, None),
            };
            let (name, slot) = match name {
                "registry-id" => ("registry-id", &mut registry_id),
                "endpoint-url" => ("endpoint-url", &mut endpoint_url),
                "region" => ("region", &mut region),
                "max-wait" => ("max-wait", &mut max_wait),
                _ => return Err(UsageError::UnknownFlag(arg)),
            };
            let value = match inline {
                Some(value) => value,
                None => args
                    .next()
                    .ok_or(UsageError::MissingValue(name))?
                    .into_string()
                    .map_err(|_| UsageError::NotUnicode)?,
            };
            if value.trim().is_empty() {
                return Err(UsageError::MissingValue(name));
            }
            if slot.replace(value).is_some() {
                return Err(UsageError::RepeatedFlag(name));
            }
        } else if arg.starts_with('-') {
            return Err(UsageError::UnknownFlag(arg));
        } else if image.is_some() {
            return Err(UsageError::ExtraArgument(arg));
        } else {
            image = Some(image_ref::parse_image(&arg).map_err(UsageError::BadImage)?);
        }
    }
    let max_wait = match (no_wait, max_wait) {
        (true, Some(_)) => return Err(UsageError::WaitConflict),
        (true, None) => None,
        (false, None) => Some(DEFAULT_MAX_WAIT),
        (false, Some(value)) => Some(parse_seconds(&value)?),
    };
    let ImageArg {
        image,
        registry: uri,
    } = image.ok_or(UsageError::MissingImage)?;
    Ok(Command::Scan(ScanArgs {
        image,
        registry_id: placement::settle_registry_id(registry_id, uri.as_ref())?,
        endpoint_url,
        region: placement::settle_region(region, uri.as_ref())?,
        max_wait,
    }))
}

/// A whole number of seconds, 1 to a day.
fn parse_seconds(value: &str) -> Result<Duration, UsageError> {
    match value.trim().parse::<u64>() {
        Ok(secs @ 1..=86_400) => Ok(Duration::from_secs(secs)),
        _ => Err(UsageError::BadMaxWait(value.to_owned())),
    }
}

impl ScanArgs {
    /// The `StartImageScan` input these arguments describe.
    pub(crate) fn request(&self) -> StartImageScanRequest {
        let image_id = match &self.image.reference {
            Reference::Tag(tag) => ImageIdentifier::new().with_image_tag(tag),
            Reference::Digest(digest) => ImageIdentifier::new().with_image_digest(digest),
        };
        let request = StartImageScanRequest::new(&self.image.repository, image_id);
        match &self.registry_id {
            Some(id) => request.with_registry_id(id),
            None => request,
        }
    }
}

impl ScanArgs {
    /// The `DescribeImageScanFindings` input for the same image.
    pub(crate) fn findings_request(&self) -> DescribeImageScanFindingsRequest {
        let start = self.request();
        let request = DescribeImageScanFindingsRequest::new(start.repository_name, start.image_id);
        match start.registry_id {
            Some(id) => request.with_registry_id(id),
            None => request,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::image_ref::ImageError;
    use super::*;

    const DIGEST: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn run(args: &[&str]) -> Result<Command, UsageError> {
        parse(args.iter().map(OsString::from))
    }

    fn scan(args: &[&str]) -> ScanArgs {
        match run(args) {
            Ok(Command::Scan(scan)) => scan,
            other => panic!("{args:?} gave {other:?}"),
        }
    }

    #[test]
    fn a_tagged_image_with_every_flag_in_both_spellings() {
        let parsed = scan(&[
            "team/app:v1.2",
            "--registry-id",
            "123456789012",
            "--endpoint-url=http://127.0.0.1:5000",
            "--region",
            "eu-west-1",
        ]);
        assert_eq!(
            parsed,
            ScanArgs {
                image: ImageRef {
                    repository: "team/app".into(),
                    reference: Reference::Tag("v1.2".into()),
                },
                registry_id: Some("123456789012".into()),
                endpoint_url: Some("http://127.0.0.1:5000".into()),
                region: Some("eu-west-1".into()),
                max_wait: Some(DEFAULT_MAX_WAIT),
            }
        );
        assert_eq!(parsed.image.to_string(), "team/app:v1.2");
    }

    #[test]
    fn a_digest_keeps_its_colon() {
        let parsed = scan(&[&format!("app@{DIGEST}")]);
        assert_eq!(parsed.image.reference, Reference::Digest(DIGEST.into()));
        let body = serde_json::to_value(parsed.request()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"repositoryName": "app", "imageId": {"imageDigest": DIGEST}})
        );
    }

    #[test]
    fn an_image_uri_supplies_registry_and_region() {
        let parsed = scan(&["123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:v1"]);
        assert_eq!(parsed.region.as_deref(), Some("eu-west-1"));
        assert_eq!(parsed.registry_id.as_deref(), Some("123456789012"));
        let body = serde_json::to_value(parsed.request()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "registryId": "123456789012",
                "repositoryName": "team/app",
                "imageId": {"imageTag": "v1"}
            })
        );
        assert!(matches!(
            run(&[
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:v1",
                "--region=us-east-1"
            ]),
            Err(UsageError::Disagreement {
                flag: "--region",
                ..
            })
        ));
    }

    #[test]
    fn the_request_carries_tag_and_registry() {
        let body =
            serde_json::to_value(scan(&["app:latest", "--registry-id=111122223333"]).request())
                .unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "registryId": "111122223333",
                "repositoryName": "app",
                "imageId": {"imageTag": "latest"}
            })
        );
    }

    #[test]
    fn waiting_is_bounded_or_switched_off() {
        assert_eq!(
            scan(&["a:1", "--max-wait", "90"]).max_wait,
            Some(Duration::from_secs(90))
        );
        assert_eq!(scan(&["a:1", "--no-wait"]).max_wait, None);
        for bad in ["0", "-5", "1.5", "ten", "86401"] {
            assert_eq!(
                run(&["a:1", "--max-wait", bad]),
                Err(UsageError::BadMaxWait(bad.into()))
            );
        }
        assert_eq!(
            run(&["a:1", "--no-wait", "--max-wait=5"]),
            Err(UsageError::WaitConflict)
        );
        assert_eq!(
            run(&["a:1", "--no-wait", "--no-wait"]),
            Err(UsageError::RepeatedFlag("no-wait"))
        );
    }

    #[test]
    fn the_findings_request_names_the_same_image() {
        let body = serde_json::to_value(
            scan(&[&format!("team/app@{DIGEST}"), "--registry-id=111122223333"]).findings_request(),
        )
        .unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "registryId": "111122223333",
                "repositoryName": "team/app",
                "imageId": {"imageDigest": DIGEST}
            })
        );
    }

    #[test]
    fn help_wins_over_everything_else() {
        assert_eq!(
            run(&["--bogus", "-h"]),
            Err(UsageError::UnknownFlag("--bogus".into()))
        );
        assert_eq!(run(&["app:1", "--help"]), Ok(Command::Help));
    }

    #[test]
    fn usage_errors_name_the_problem() {
        let cases: &[(&[&str], UsageError)] = &[
            (&[], UsageError::MissingImage),
            (&["--region", "us-east-1"], UsageError::MissingImage),
            (
                &["app"],
                UsageError::BadImage(ImageError::NoReference("app".into())),
            ),
            (
                &["app:"],
                UsageError::BadImage(ImageError::EmptyTag("app:".into())),
            ),
            (
                &[":tag"],
                UsageError::BadImage(ImageError::NoRepository(":tag".into())),
            ),
            (
                &["app@"],
                UsageError::BadImage(ImageError::BadDigest(String::new())),
            ),
            (
                &["a:1", "--region", "us_east_1"],
                UsageError::BadRegion {
                    value: "us_east_1".into(),
                    reason: "only ASCII letters, digits and `-` are allowed",
                },
            ),
            (&["a:1", "b:2"], UsageError::ExtraArgument("b:2".into())),
            (
                &["a:1", "--verbose"],
                UsageError::UnknownFlag("--verbose".into()),
            ),
            (&["a:1", "-r"], UsageError::UnknownFlag("-r".into())),
            (&["a:1", "--region"], UsageError::MissingValue("region")),
            (&["a:1", "--region="], UsageError::MissingValue("region")),
            (
                &["a:1", "--region", "x", "--region=y"],
                UsageError::RepeatedFlag("region"),
            ),
        ];
        for (args, expected) in cases {
            assert_eq!(run(args).as_ref().err(), Some(expected), "{args:?}");
        }
        assert_eq!(
            UsageError::MissingValue("endpoint-url").to_string(),
            "option `--endpoint-url` needs a value"
        );
    }

    #[cfg(unix)]
    #[test]
    fn non_unicode_arguments_are_refused() {
        use std::os::unix::ffi::OsStringExt;
        let bad = OsString::from_vec(vec![b'a', 0xff, b':', b'1']);
        assert_eq!(parse([bad]), Err(UsageError::NotUnicode));
    }
}
