//! `credential_process`: a command, run through the shell as the SDKs run
//! it, that prints credentials as JSON (`Version` 1: `AccessKeyId`,
//! `SecretAccessKey`, optional `SessionToken` and `Expiration`).
//!
//! It runs on a blocking thread, so no runtime worker waits for it. Its
//! standard output holds secrets and is never shown: a malformed output is
//! described by the field at fault. On failure its exit status and the end
//! of its standard error are reported.

use std::process::{Command, Output};

use awsgen_auth::credentials::ProcessSource;
use awsgen_auth::{Credentials, CredentialsError};

use super::blocking;
use super::json::{self, Fields};

/// How much of the end of standard error a failure shows.
const STDERR_TAIL_BYTES: usize = 1024;

const FIELDS: Fields = Fields {
    access_key_id: "AccessKeyId",
    secret_access_key: "SecretAccessKey",
    session_token: "SessionToken",
    expiration: "Expiration",
};

pub(super) async fn provide(source: ProcessSource) -> Result<Credentials, CredentialsError> {
    let ProcessSource { profile, command } = source;
    let output = blocking(move || shell(&command).output()).await?;
    let fail = |problem: String| CredentialsError::Process {
        profile: profile.clone(),
        problem,
    };
    let output = output.map_err(|error| fail(format!("could not be started: {error}")))?;
    check_status(&output).map_err(fail)?;
    parse(&output.stdout).map_err(|problem| {
        fail(format!(
            "printed no usable credentials: its output {problem}"
        ))
    })
}

/// The command line through the platform's shell; standard input is closed
/// (a credentials helper is not interactive), output and error are captured.
fn shell(command: &str) -> Command {
    #[cfg(windows)]
    let mut shell = {
        let mut shell = Command::new("cmd.exe");
        shell.arg("/C");
        shell
    };
    #[cfg(not(windows))]
    let mut shell = {
        let mut shell = Command::new("sh");
        shell.arg("-c");
        shell
    };
    shell.arg(command);
    shell
}

fn check_status(output: &Output) -> Result<(), String> {
    if output.status.success() {
        return Ok(());
    }
    let mut problem = format!("failed ({})", output.status);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stderr = stderr.trim();
    if !stderr.is_empty() {
        let start = stderr.len().saturating_sub(STDERR_TAIL_BYTES);
        let start = (start..stderr.len())
            .find(|&at| stderr.is_char_boundary(at))
            .unwrap_or(0);
        let cut = if start > 0 { "..." } else { "" };
        problem.push_str(&format!(
            "; its standard error ends: {cut}{}",
            &stderr[start..]
        ));
    } else {
        problem.push_str(" with nothing on its standard error");
    }
    Err(problem)
}

/// The process's output as credentials.
fn parse(stdout: &[u8]) -> Result<Credentials, String> {
    let doc = json::object(stdout)?;
    match doc.get("Version") {
        Some(version) if version.as_u64() == Some(1) => {}
        Some(version) if version.is_number() => {
            return Err(format!(
                "has `Version` {version}; only version 1 is understood"
            ))
        }
        Some(_) => return Err("has a `Version` that is not the number 1".to_owned()),
        None => return Err("has no `Version` (version 1 is expected)".to_owned()),
    }
    json::credentials(&doc, &FIELDS, false, "credential_process")
        .map_err(|problem| format!("has {problem}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_one_with_and_without_an_expiry() {
        let credentials =
            parse(br#"{"Version":1,"AccessKeyId":"A","SecretAccessKey":"S"}"#).unwrap();
        assert_eq!(credentials.expiry(), None);
        assert_eq!(credentials.session_token(), None);
        let credentials = parse(
            br#"{"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","SessionToken":"T","Expiration":"2030-01-01T00:00:00Z"}"#,
        )
        .unwrap();
        assert!(credentials.expiry().is_some());
        assert_eq!(credentials.session_token(), Some("T"));
    }

    #[test]
    fn other_versions_are_refused() {
        for (text, expected) in [
            (
                r#"{"AccessKeyId":"A","SecretAccessKey":"S"}"#,
                "has no `Version`",
            ),
            (
                r#"{"Version":2,"AccessKeyId":"A","SecretAccessKey":"S"}"#,
                "`Version` 2",
            ),
            (
                r#"{"Version":"1","AccessKeyId":"A","SecretAccessKey":"S"}"#,
                "not the number 1",
            ),
        ] {
            let message = parse(text.as_bytes()).unwrap_err();
            assert!(message.contains(expected), "{message}");
        }
    }
}
