//! `credential_process` with scripts the tests write: success, an expiry
//! that is honoured, bad JSON, a non-zero exit (its status and standard
//! error reported, its standard output never).
#![cfg(unix)]

use std::time::{Duration, SystemTime};

use awsgen_client::CredentialsError;

use crate::support::*;

/// Writes `script` as an executable shell script and a profile `work` that
/// runs it; returns the environment selecting that profile.
fn with_process(home: &Home, script: &str) -> awsgen_client::Environment {
    use std::os::unix::fs::PermissionsExt;
    let path = home.write("bin/creds.sh", &format!("#!/bin/sh\n{script}\n"));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o700)).unwrap();
    home.write(
        ".aws/config",
        &format!(
            "[profile work]\ncredential_process = {} --profile work\n",
            path.display()
        ),
    );
    home.env(&[("AWS_PROFILE", "work")])
}

fn process_error(result: Result<awsgen_client::Credentials, CredentialsError>) -> String {
    match result {
        Err(error @ CredentialsError::Process { .. }) => {
            let message = error.to_string();
            assert!(
                message.contains("credential_process of profile `work`"),
                "{message}"
            );
            message
        }
        other => panic!("expected a process error, got {other:?}"),
    }
}

#[tokio::test]
async fn version_one_output_is_credentials() {
    bounded(Duration::from_secs(10), async {
        let home = Home::new();
        let env = with_process(
            &home,
            &format!(
                r#"echo '{{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "{SECRET}", "SessionToken": "{SESSION_TOKEN}"}}'"#
            ),
        );
        let credentials = resolve(&env).await.unwrap();
        assert_eq!(credentials.access_key_id(), "AKIDPROCESS");
        assert_eq!(credentials.secret_access_key(), SECRET);
        assert_eq!(credentials.session_token(), Some(SESSION_TOKEN));
        assert_eq!(credentials.expiry(), None);
        assert_eq!(credentials.provider_name(), "credential_process");
    })
    .await;
}

#[tokio::test]
async fn an_expiration_is_honoured_and_the_process_runs_again() {
    bounded(Duration::from_secs(10), async {
        let home = Home::new();
        // Credentials that expire within the client's margin: each call
        // runs the process again, which counts its runs in a file.
        let expires = rfc3339(SystemTime::now() + Duration::from_secs(10));
        let counter = home.path().join("runs");
        let env = with_process(
            &home,
            &format!(
                r#"echo run >> '{}'
n=$(wc -l < '{}' | tr -d ' ')
echo "{{\"Version\": 1, \"AccessKeyId\": \"AKIDRUN$n\", \"SecretAccessKey\": \"{SECRET}\", \"Expiration\": \"{expires}\"}}""#,
                counter.display(),
                counter.display()
            ),
        );
        let credentials = resolve(&env).await.unwrap();
        let expiry = credentials.expiry().expect("an expiry");
        assert_eq!(rfc3339(expiry), expires);

        let service = fake_service().await;
        let client = client(env, &service);
        call(&client).await.unwrap();
        call(&client).await.unwrap();
        assert_eq!(signing_keys(&service), ["AKIDRUN2", "AKIDRUN3"]);
    })
    .await;
}

#[tokio::test]
async fn bad_json_names_the_problem_and_never_the_output() {
    bounded(Duration::from_secs(10), async {
        let home = Home::new();
        for (output, expected) in [
            (format!(r#"{{"Version": 1, "AccessKeyId": "AKID", "SecretAccessKey": "{SECRET}""#), "is empty or cut short"),
            (format!("AccessKeyId={SECRET}"), "is not JSON (a syntax error at line 1 column"),
            (format!(r#"{{"Version": 2, "AccessKeyId": "AKID", "SecretAccessKey": "{SECRET}"}}"#), "`Version` 2"),
            (format!(r#"{{"Version": 1, "SecretAccessKey": "{SECRET}"}}"#), "`AccessKeyId` is missing"),
            (format!(r#"{{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "{SECRET}", "Expiration": "{SESSION_TOKEN}"}}"#), "`Expiration` is not an RFC 3339 time"),
        ] {
            let env = with_process(&home, &format!("cat <<'EOF'\n{output}\nEOF"));
            let message = process_error(resolve(&env).await);
            assert!(message.contains("printed no usable credentials"), "{message}");
            assert!(message.contains(expected), "{expected} in {message}");
        }
    })
    .await;
}

#[tokio::test]
async fn a_failure_reports_the_exit_status_and_standard_error_only() {
    bounded(Duration::from_secs(10), async {
        let home = Home::new();
        let env = with_process(
            &home,
            &format!(
                "echo '{{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"{SECRET}\"}}'\n\
                 echo 'token expired: run vault login' >&2\nexit 3"
            ),
        );
        let message = process_error(resolve(&env).await);
        assert!(message.contains("failed (exit status: 3)"), "{message}");
        assert!(message.contains("its standard error ends: token expired: run vault login"), "{message}");

        let env = with_process(&home, "exit 7");
        let message = process_error(resolve(&env).await);
        assert!(message.contains("exit status: 7"), "{message}");
        assert!(message.contains("with nothing on its standard error"), "{message}");

        // A long standard error is cut to its end.
        let env = with_process(&home, "i=0; while [ $i -lt 400 ]; do printf 'noise ' >&2; i=$((i+1)); done; echo 'the end' >&2; exit 1");
        let message = process_error(resolve(&env).await);
        assert!(message.contains("its standard error ends: ...") && message.ends_with("the end"), "{message}");
        assert!(message.len() < 1400, "{}", message.len());
    })
    .await;
}

#[tokio::test]
async fn the_process_runs_off_the_runtime_workers() {
    // On a current-thread runtime a blocking child would stop the timer
    // below; it fires while the process sleeps.
    bounded(Duration::from_secs(10), async {
        let home = Home::new();
        let env = with_process(
            &home,
            &format!(r#"sleep 1; echo '{{"Version": 1, "AccessKeyId": "AKIDSLOW", "SecretAccessKey": "{SECRET}"}}'"#),
        );
        let ticks = tokio::spawn(async {
            let mut ticks = 0;
            for _ in 0..5 {
                tokio::time::sleep(Duration::from_millis(100)).await;
                ticks += 1;
            }
            ticks
        });
        let credentials = resolve(&env).await.unwrap();
        assert_eq!(credentials.access_key_id(), "AKIDSLOW");
        assert!(ticks.is_finished(), "the runtime was blocked while the process ran");
    })
    .await;
}
