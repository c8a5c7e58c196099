//! The command line: one image reference and a few optional flags, parsed by
//! hand (a dozen flags do not earn an argument-parser dependency).
//!
//! `usage` holds the help text and the usage errors, `image_ref` the image
//! argument and `registry_host` the host of an image URI, `placement` the
//! region and registry ID that flags and URI agree on, `waiting` the wait and
//! the `--fail-on` threshold, `requests` the ECR requests they describe.

mod image_ref;
mod placement;
mod registry_host;
mod requests;
mod usage;
mod waiting;

use std::ffi::OsString;
use std::time::Duration;

use image_ref::ImageArg;
pub(crate) use image_ref::{ImageRef, Reference};
pub(crate) use usage::{UsageError, USAGE};

use crate::output::Format;
use crate::severity::Threshold;

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
    /// `--fail-on`: findings at or above it fail the run (never with `--no-wait`).
    pub(crate) fail_on: Option<Threshold>,
    /// `--format`: what stdout holds.
    pub(crate) format: Format,
    /// How many `-v` (`-vv` counts two): the client's log on stderr.
    pub(crate) verbosity: u8,
}

/// The flags that take a value, as given (`--name value` or `--name=value`).
#[derive(Default)]
struct ValueFlags {
    registry_id: Option<String>,
    endpoint_url: Option<String>,
    region: Option<String>,
    max_wait: Option<String>,
    fail_on: Option<String>,
    format: Option<String>,
}

impl ValueFlags {
    /// The flag's name as the messages spell it, and where its value goes.
    fn slot(&mut self, name: &str) -> Option<(&'static str, &mut Option<String>)> {
        Some(match name {
            "registry-id" => ("registry-id", &mut self.registry_id),
            "endpoint-url" => ("endpoint-url", &mut self.endpoint_url),
            "region" => ("region", &mut self.region),
            "max-wait" => ("max-wait", &mut self.max_wait),
            "fail-on" => ("fail-on", &mut self.fail_on),
            "format" => ("format", &mut self.format),
            _ => return None,
        })
    }
}

/// Parses the arguments after the program name.
pub(crate) fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, UsageError> {
    let mut image = None;
    let mut flags = ValueFlags::default();
    let mut no_wait = false;
    let mut verbosity: u8 = 0;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let arg = arg.into_string().map_err(|_| UsageError::NotUnicode)?;
        if arg == "-h" || arg == "--help" {
            return Ok(Command::Help);
        }
        if let Some(more) = verbose_flag(&arg) {
            verbosity = verbosity.saturating_add(more);
            continue;
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
            let Some((name, slot)) = flags.slot(name) else {
                return Err(UsageError::UnknownFlag(arg));
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
    let ImageArg {
        image,
        registry: uri,
    } = image.ok_or(UsageError::MissingImage)?;
    let (max_wait, fail_on) = waiting::settle(no_wait, flags.max_wait, flags.fail_on)?;
    let format = match flags.format {
        None => Format::Text,
        Some(name) => Format::parse(&name).ok_or(UsageError::BadFormat(name))?,
    };
    Ok(Command::Scan(ScanArgs {
        image,
        registry_id: placement::settle_registry_id(flags.registry_id, uri.as_ref())?,
        endpoint_url: flags.endpoint_url,
        region: placement::settle_region(flags.region, uri.as_ref())?,
        max_wait,
        fail_on,
        format,
        verbosity,
    }))
}

/// `-v`, `-vv`, ... and `--verbose`: how many levels each adds.
fn verbose_flag(arg: &str) -> Option<u8> {
    if arg == "--verbose" {
        return Some(1);
    }
    let vs = arg.strip_prefix('-')?;
    (!vs.is_empty() && vs.len() <= 3 && vs.bytes().all(|b| b == b'v')).then_some(vs.len() as u8)
}

#[cfg(test)]
pub(super) mod tests {
    use super::image_ref::ImageError;
    use super::waiting::DEFAULT_MAX_WAIT;
    use super::*;

    pub(crate) const DIGEST: &str =
        "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    pub(crate) fn run(args: &[&str]) -> Result<Command, UsageError> {
        parse(args.iter().map(OsString::from))
    }

    pub(crate) fn scan(args: &[&str]) -> ScanArgs {
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
                fail_on: None,
                format: Format::Text,
                verbosity: 0,
            }
        );
        assert_eq!(parsed.image.to_string(), "team/app:v1.2");
    }

    #[test]
    fn v_flags_add_up() {
        assert_eq!(scan(&["a:1"]).verbosity, 0);
        assert_eq!(scan(&["a:1", "-v"]).verbosity, 1);
        assert_eq!(scan(&["--verbose", "a:1"]).verbosity, 1);
        assert_eq!(scan(&["-vv", "a:1"]).verbosity, 2);
        assert_eq!(scan(&["-v", "a:1", "-v"]).verbosity, 2);
        assert!(matches!(
            run(&["a:1", "-vx"]),
            Err(UsageError::UnknownFlag(flag)) if flag == "-vx"
        ));
    }

    #[test]
    fn an_image_uri_supplies_registry_and_region() {
        let parsed = scan(&["123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:v1"]);
        assert_eq!(parsed.region.as_deref(), Some("eu-west-1"));
        assert_eq!(parsed.registry_id.as_deref(), Some("123456789012"));
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
    fn the_format_is_text_unless_json_is_asked_for() {
        assert_eq!(scan(&["a:1"]).format, Format::Text);
        assert_eq!(scan(&["a:1", "--format", "json"]).format, Format::Json);
        assert_eq!(scan(&["a:1", "--format=text"]).format, Format::Text);
        assert_eq!(
            run(&["a:1", "--format", "yaml"]),
            Err(UsageError::BadFormat("yaml".into()))
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
                &["a:1", "--quiet"],
                UsageError::UnknownFlag("--quiet".into()),
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
