//! The container credentials endpoint (ECS, EKS Pod Identity) against a
//! loopback fake: the full URI and its allowed hosts, the authorization
//! token from the variable and from a file re-read on every fetch;
//! expiring credentials refreshed; 500s, slow answers, a refused port and a
//! server that never answers, with attempts and time bounded.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use awsgen_client::CredentialsError;

use crate::fake::{refused_endpoint, Answer, FakeServer, SilentServer};
use crate::support::*;

const AUTH_TOKEN: &str = "CONTAINERAUTHTOKENSECRET";
const PATH: &str = "/v1/credentials";

/// A container endpoint that answers after `failures`, with credentials
/// living `lifetime`, and records the Authorization header it got.
async fn endpoint(failures: Vec<Answer>, lifetime: Duration) -> FakeServer {
    let calls = Arc::new(AtomicU32::new(0));
    FakeServer::start(move |_| {
        let call = calls.fetch_add(1, Ordering::SeqCst) as usize;
        if let Some(failure) = failures.get(call) {
            return failure.clone();
        }
        let key = format!("AKIDCONTAINER{}", call + 1);
        Answer::ok(metadata_credentials(&key, SystemTime::now() + lifetime))
    })
    .await
}

fn full_uri(server: &str) -> String {
    format!("{server}{PATH}")
}

#[tokio::test]
async fn a_full_uri_with_the_authorization_token() {
    bounded(Duration::from_secs(10), async {
        let container = endpoint(Vec::new(), Duration::from_secs(3600)).await;
        let home = Home::new();
        let uri = full_uri(&container.endpoint());
        let env = home.env(&[
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &uri),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", AUTH_TOKEN),
        ]);
        let credentials = resolve(&env).await.unwrap();
        assert_eq!(credentials.access_key_id(), "AKIDCONTAINER1");
        assert_eq!(credentials.session_token(), Some(SESSION_TOKEN));
        let seen = container.requests();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].target, PATH);
        assert_eq!(seen[0].header("authorization"), Some(AUTH_TOKEN));
    })
    .await;
}

#[tokio::test]
async fn the_token_file_is_read_on_every_refresh() {
    bounded(Duration::from_secs(10), async {
        // Credentials within the 15-second margin: every call fetches.
        let container = endpoint(Vec::new(), Duration::from_secs(10)).await;
        let service = fake_service().await;
        let home = Home::new();
        let token_file = home.write("token", &format!("{AUTH_TOKEN}-1\n"));
        let uri = full_uri(&container.endpoint());
        let file = token_file.display().to_string();
        let env = home.env(&[
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &uri),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", &file),
            // The file wins over the variable.
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "ignored"),
        ]);
        let client = client(env, &service);
        call(&client).await.unwrap();
        home.write("token", &format!("{AUTH_TOKEN}-2"));
        call(&client).await.unwrap();
        assert_eq!(signing_keys(&service), ["AKIDCONTAINER1", "AKIDCONTAINER2"]);
        let tokens: Vec<String> = container
            .requests()
            .iter()
            .map(|seen| seen.header("authorization").unwrap().to_owned())
            .collect();
        assert_eq!(
            tokens,
            [format!("{AUTH_TOKEN}-1"), format!("{AUTH_TOKEN}-2")]
        );

        // A file that is gone is an error naming it, not the token.
        std::fs::remove_file(&token_file).unwrap();
        let error = call(&client).await.unwrap_err();
        assert!(error.contains(&file), "{error}");
        assert!(
            error.contains("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"),
            "{error}"
        );
        assert_no_secrets(&error);
    })
    .await;
}

#[tokio::test]
async fn plain_http_to_other_hosts_is_refused_before_any_request() {
    bounded(Duration::from_secs(10), async {
        let home = Home::new();
        let env = home.env(&[(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "http://169.254.169.254/latest/meta-data/iam/security-credentials/x",
        )]);
        let error = resolve(&env).await.unwrap_err();
        assert!(
            matches!(error, CredentialsError::Provider { .. }),
            "{error:?}"
        );
        let message = error.to_string();
        assert!(
            message.contains("may use plain http only with a loopback address"),
            "{message}"
        );
    })
    .await;
}

#[tokio::test]
async fn server_errors_are_tried_three_times_then_end_the_chain() {
    bounded(Duration::from_secs(10), async {
        let container =
            endpoint(vec![Answer::new(500, "busy"); 3], Duration::from_secs(3600)).await;
        let home = Home::new();
        let uri = full_uri(&container.endpoint());
        let started = Instant::now();
        let error = resolve(&home.env(&[("AWS_CONTAINER_CREDENTIALS_FULL_URI", &uri)]))
            .await
            .unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains("the container credentials endpoint http://127.0.0.1:"),
            "{message}"
        );
        assert!(
            message.contains("HTTP 500 Internal Server Error (after 3 attempts)"),
            "{message}"
        );
        assert_eq!(container.requests().len(), 3);
        assert!(started.elapsed() < Duration::from_secs(2));

        // Two 500s, then credentials.
        let container = endpoint(vec![Answer::new(500, ""); 2], Duration::from_secs(3600)).await;
        let uri = full_uri(&container.endpoint());
        let credentials = resolve(&home.env(&[("AWS_CONTAINER_CREDENTIALS_FULL_URI", &uri)]))
            .await
            .unwrap();
        assert_eq!(credentials.access_key_id(), "AKIDCONTAINER3");
    })
    .await;
}

#[tokio::test]
async fn a_slow_endpoint_is_given_two_seconds_an_attempt_three_times() {
    bounded(Duration::from_secs(15), async {
        let slow = Answer::ok("late").after(Duration::from_secs(10));
        let container = endpoint(vec![slow.clone(), slow], Duration::from_secs(3600)).await;
        let home = Home::new();
        let uri = full_uri(&container.endpoint());
        let started = Instant::now();
        // Two slow answers, then a quick one: 4 s of timeouts and 300 ms of backoff.
        let credentials = resolve(&home.env(&[("AWS_CONTAINER_CREDENTIALS_FULL_URI", &uri)]))
            .await
            .unwrap();
        let took = started.elapsed();
        assert_eq!(credentials.access_key_id(), "AKIDCONTAINER3");
        assert_eq!(container.requests().len(), 3);
        assert!(
            took >= Duration::from_secs(4) && took < Duration::from_millis(7500),
            "{took:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_refused_port_is_tried_three_times_within_the_backoff() {
    bounded(Duration::from_secs(10), async {
        let home = Home::new();
        let uri = full_uri(&refused_endpoint());
        let started = Instant::now();
        let error = resolve(&home.env(&[("AWS_CONTAINER_CREDENTIALS_FULL_URI", &uri)]))
            .await
            .unwrap_err();
        let took = started.elapsed();
        let message = error.to_string();
        assert!(message.contains("connection refused"), "{message}");
        assert!(message.contains("(after 3 attempts)"), "{message}");
        assert!(took < Duration::from_millis(900), "{took:?}");
    })
    .await;
}

#[tokio::test]
async fn an_endpoint_that_never_answers_ends_after_three_attempts_of_two_seconds() {
    bounded(Duration::from_secs(15), async {
        let silent = SilentServer::start().await;
        let home = Home::new();
        let uri = full_uri(&silent.endpoint());
        let started = Instant::now();
        let error = resolve(&home.env(&[("AWS_CONTAINER_CREDENTIALS_FULL_URI", &uri)]))
            .await
            .unwrap_err();
        let took = started.elapsed();
        let message = error.to_string();
        assert!(
            message.contains("no answer within 2s (after 3 attempts)"),
            "{message}"
        );
        assert_eq!(silent.connections(), 3);
        assert!(
            took >= Duration::from_secs(6) && took < Duration::from_secs(9),
            "{took:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_malformed_answer_names_the_field_never_a_value() {
    bounded(Duration::from_secs(10), async {
        let body = format!(r#"{{"AccessKeyId":"AKID","SecretAccessKey":"{SECRET}","Expiration":"{SESSION_TOKEN}"}}"#);
        let container = FakeServer::start(move |_| Answer::ok(body.clone())).await;
        let home = Home::new();
        let uri = full_uri(&container.endpoint());
        let error = resolve(&home.env(&[("AWS_CONTAINER_CREDENTIALS_FULL_URI", &uri)]))
            .await
            .unwrap_err();
        assert!(error.to_string().contains("`Expiration` is not an RFC 3339 time"), "{error}");
    })
    .await;
}
