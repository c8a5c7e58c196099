//! EC2 instance metadata (IMDSv2) against a loopback fake: the token, the
//! role, the credentials; token reuse, expiry and refusal; 500s, slow
//! answers, a refused port and a server that never answers, each with the
//! attempts and the time bounded.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use awsgen_client::CredentialsError;

use crate::fake::{refused_endpoint, Answer, FakeServer, Seen, SilentServer};
use crate::support::*;

const TOKEN_PATH: &str = "/latest/api/token";
const ROLE_PATH: &str = "/latest/meta-data/iam/security-credentials/";
const CREDENTIALS_PATH: &str = "/latest/meta-data/iam/security-credentials/ci-role";
const TOKEN: &str = "IMDSTOKENSECRET";

/// How the fake instance metadata behaves.
#[derive(Clone)]
struct Imds {
    /// The TTL it grants (it echoes the header).
    ttl: Option<&'static str>,
    /// Answers to the token request before it gives one.
    token_failures: Vec<Answer>,
    /// Tokens it refuses with 401 (counted down).
    refuse_tokens: Arc<AtomicU32>,
    /// The credentials' lifetime from the moment they are asked for.
    lifetime: Duration,
    /// Answers to the credentials requests in turn (`None`: the credentials).
    credential_failures: Vec<Option<Answer>>,
}

impl Default for Imds {
    fn default() -> Self {
        Imds {
            ttl: None,
            token_failures: Vec::new(),
            refuse_tokens: Arc::new(AtomicU32::new(0)),
            lifetime: Duration::from_secs(6 * 3600),
            credential_failures: Vec::new(),
        }
    }
}

impl Imds {
    async fn start(self) -> FakeServer {
        let issued = Arc::new(AtomicU32::new(0));
        let token_calls = Arc::new(AtomicU32::new(0));
        let credential_calls = Arc::new(AtomicU32::new(0));
        FakeServer::start(move |seen: &Seen| {
            if seen.path() == TOKEN_PATH {
                let call = token_calls.fetch_add(1, Ordering::SeqCst) as usize;
                if let Some(failure) = self.token_failures.get(call) {
                    return failure.clone();
                }
                if seen.method != "PUT"
                    || seen
                        .header("x-aws-ec2-metadata-token-ttl-seconds")
                        .is_none()
                {
                    return Answer::new(400, "");
                }
                let n = issued.fetch_add(1, Ordering::SeqCst) + 1;
                let ttl = self
                    .ttl
                    .or(seen.header("x-aws-ec2-metadata-token-ttl-seconds"))
                    .unwrap_or("21600")
                    .to_owned();
                return Answer::ok(format!("{TOKEN}{n}"))
                    .header("x-aws-ec2-metadata-token-ttl-seconds", ttl);
            }
            // IMDSv2 only: every other request needs the latest token.
            let current = format!("{TOKEN}{}", issued.load(Ordering::SeqCst));
            if seen.header("x-aws-ec2-metadata-token") != Some(current.as_str()) {
                return Answer::new(401, "");
            }
            if self.refuse_tokens.load(Ordering::SeqCst) > 0 {
                self.refuse_tokens.fetch_sub(1, Ordering::SeqCst);
                return Answer::new(401, "");
            }
            match seen.path() {
                ROLE_PATH => Answer::ok("ci-role\n"),
                CREDENTIALS_PATH => {
                    let call = credential_calls.fetch_add(1, Ordering::SeqCst) as usize;
                    if let Some(Some(failure)) = self.credential_failures.get(call) {
                        return failure.clone();
                    }
                    let key = format!("AKIDIMDS{}", call + 1);
                    Answer::ok(metadata_credentials(
                        &key,
                        SystemTime::now() + self.lifetime,
                    ))
                }
                "/latest/meta-data/placement/region" => Answer::ok("eu-north-1"),
                _ => Answer::new(404, ""),
            }
        })
        .await
    }
}

fn imds_env(home: &Home, endpoint: &str) -> awsgen_client::Environment {
    home.env(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", endpoint)])
}

fn not_loaded(result: Result<awsgen_client::Credentials, CredentialsError>) -> String {
    match result {
        Err(error @ CredentialsError::NotLoaded { .. }) => error.to_string(),
        other => panic!("expected NotLoaded, got {other:?}"),
    }
}

#[tokio::test]
async fn token_then_role_then_credentials() {
    bounded(Duration::from_secs(10), async {
        let imds = Imds::default().start().await;
        let home = Home::new();
        let credentials = resolve(&imds_env(&home, &imds.endpoint())).await.unwrap();
        assert_eq!(credentials.access_key_id(), "AKIDIMDS1");
        assert_eq!(credentials.secret_access_key(), SECRET);
        assert_eq!(credentials.session_token(), Some(SESSION_TOKEN));
        assert!(credentials.expiry().is_some());
        let seen = imds.requests();
        let order: Vec<(String, &str)> = seen
            .iter()
            .map(|s| (s.method.to_string(), s.path()))
            .collect();
        assert_eq!(
            order,
            [
                ("PUT".to_owned(), TOKEN_PATH),
                ("GET".to_owned(), ROLE_PATH),
                ("GET".to_owned(), CREDENTIALS_PATH)
            ]
        );
        assert_eq!(
            seen[0].header("x-aws-ec2-metadata-token-ttl-seconds"),
            Some("21600")
        );
    })
    .await;
}

#[tokio::test]
async fn expiring_credentials_are_refreshed_with_the_token_kept() {
    bounded(Duration::from_secs(10), async {
        // Credentials that expire within the client's 15-second margin are
        // fetched again by every call; the token is asked for once.
        let imds = Imds {
            lifetime: Duration::from_secs(10),
            ..Imds::default()
        }
        .start()
        .await;
        let service = fake_service().await;
        let home = Home::new();
        let client = client(imds_env(&home, &imds.endpoint()), &service);
        call(&client).await.unwrap();
        call(&client).await.unwrap();
        assert_eq!(signing_keys(&service), ["AKIDIMDS1", "AKIDIMDS2"]);
        assert_eq!(imds.count("PUT", TOKEN_PATH), 1);
        assert_eq!(imds.count("GET", CREDENTIALS_PATH), 2);
    })
    .await;
}

#[tokio::test]
async fn lasting_credentials_are_fetched_once_for_many_calls() {
    bounded(Duration::from_secs(10), async {
        let imds = Imds::default().start().await;
        let service = fake_service().await;
        let home = Home::new();
        let client = client(imds_env(&home, &imds.endpoint()), &service);
        for _ in 0..5 {
            call(&client).await.unwrap();
        }
        assert_eq!(signing_keys(&service), ["AKIDIMDS1"; 5]);
        assert_eq!(imds.requests().len(), 3);
    })
    .await;
}

#[tokio::test]
async fn a_token_is_fetched_again_when_its_ttl_runs_out() {
    bounded(Duration::from_secs(10), async {
        // The service grants one second: the client keeps it 0.75 s.
        let imds = Imds {
            ttl: Some("1"),
            lifetime: Duration::from_secs(10),
            ..Imds::default()
        }
        .start()
        .await;
        let service = fake_service().await;
        let home = Home::new();
        let client = client(imds_env(&home, &imds.endpoint()), &service);
        call(&client).await.unwrap();
        call(&client).await.unwrap();
        assert_eq!(imds.count("PUT", TOKEN_PATH), 1);
        tokio::time::sleep(Duration::from_millis(900)).await;
        call(&client).await.unwrap();
        assert_eq!(imds.count("PUT", TOKEN_PATH), 2);
        assert_eq!(
            signing_keys(&service),
            ["AKIDIMDS1", "AKIDIMDS2", "AKIDIMDS3"]
        );
    })
    .await;
}

#[tokio::test]
async fn a_token_the_service_no_longer_accepts_is_replaced_once() {
    bounded(Duration::from_secs(10), async {
        let refuse = Arc::new(AtomicU32::new(1));
        let imds = Imds {
            refuse_tokens: Arc::clone(&refuse),
            ..Imds::default()
        }
        .start()
        .await;
        let home = Home::new();
        let credentials = resolve(&imds_env(&home, &imds.endpoint())).await.unwrap();
        assert_eq!(credentials.access_key_id(), "AKIDIMDS1");
        assert_eq!(imds.count("PUT", TOKEN_PATH), 2);

        // Refused again after the new token: an error, not a loop.
        let refuse = Arc::new(AtomicU32::new(100));
        let imds = Imds {
            refuse_tokens: refuse,
            ..Imds::default()
        }
        .start()
        .await;
        let error = resolve(&imds_env(&home, &imds.endpoint()))
            .await
            .unwrap_err();
        assert!(
            matches!(error, CredentialsError::Provider { .. }),
            "{error:?}"
        );
        assert!(error.to_string().contains("401"), "{error}");
        assert_eq!(imds.count("PUT", TOKEN_PATH), 2);
        assert_eq!(imds.requests().len(), 4);
    })
    .await;
}

#[tokio::test]
async fn server_errors_are_tried_three_times_then_reported() {
    bounded(Duration::from_secs(10), async {
        let imds = Imds {
            token_failures: vec![Answer::new(500, ""); 5],
            ..Imds::default()
        }
        .start()
        .await;
        let home = Home::new();
        let started = Instant::now();
        let error = resolve(&imds_env(&home, &imds.endpoint()))
            .await
            .unwrap_err();
        let took = started.elapsed();
        let message = error.to_string();
        assert!(
            matches!(error, CredentialsError::Provider { .. }),
            "{error:?}"
        );
        assert!(
            message.contains("EC2 instance metadata at http://127.0.0.1:"),
            "{message}"
        );
        assert!(message.contains("HTTP 500"), "{message}");
        assert!(message.contains("after 3 attempts"), "{message}");
        assert_eq!(imds.count("PUT", TOKEN_PATH), 3);
        // Backoff 100 ms then 200 ms.
        assert!(took < Duration::from_secs(2), "{took:?}");

        // A 500 for the credentials, then success: the retry rescues it.
        let imds = Imds {
            credential_failures: vec![Some(Answer::new(500, "")), Some(Answer::new(503, ""))],
            ..Imds::default()
        }
        .start()
        .await;
        let credentials = resolve(&imds_env(&home, &imds.endpoint())).await.unwrap();
        assert_eq!(credentials.access_key_id(), "AKIDIMDS3");
        assert_eq!(imds.count("GET", CREDENTIALS_PATH), 3);
    })
    .await;
}

#[tokio::test]
async fn a_slow_token_counts_as_no_instance_metadata_after_one_second() {
    bounded(Duration::from_secs(10), async {
        let imds = Imds {
            token_failures: vec![Answer::ok("late").after(Duration::from_secs(5))],
            ..Imds::default()
        }
        .start()
        .await;
        let home = Home::new();
        let started = Instant::now();
        let message = not_loaded(resolve(&imds_env(&home, &imds.endpoint())).await);
        let took = started.elapsed();
        assert!(
            message.contains("no answer within 1s, after 1 attempt"),
            "{message}"
        );
        assert!(
            took >= Duration::from_millis(950) && took < Duration::from_millis(2500),
            "{took:?}"
        );
        assert_eq!(imds.requests().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn slow_credentials_are_tried_three_times_within_a_second_each() {
    bounded(Duration::from_secs(15), async {
        let slow = Answer::ok("late").after(Duration::from_secs(5));
        let imds = Imds {
            credential_failures: vec![Some(slow.clone()), Some(slow.clone()), Some(slow)],
            ..Imds::default()
        }
        .start()
        .await;
        let home = Home::new();
        let started = Instant::now();
        let error = resolve(&imds_env(&home, &imds.endpoint()))
            .await
            .unwrap_err();
        let took = started.elapsed();
        let message = error.to_string();
        assert!(
            message.contains("no answer within 1s (after 3 attempts)"),
            "{message}"
        );
        assert_eq!(imds.count("GET", CREDENTIALS_PATH), 3);
        // Three seconds of attempts and 300 ms of backoff.
        assert!(
            took >= Duration::from_secs(3) && took < Duration::from_secs(6),
            "{took:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_refused_port_costs_one_attempt_and_milliseconds() {
    bounded(Duration::from_secs(10), async {
        let home = Home::new();
        let started = Instant::now();
        let message = not_loaded(resolve(&imds_env(&home, &refused_endpoint())).await);
        let took = started.elapsed();
        assert!(
            message.contains("EC2 instance metadata (at http://127.0.0.1:"),
            "{message}"
        );
        assert!(message.contains("connection refused"), "{message}");
        assert!(message.contains("after 1 attempt"), "{message}");
        assert!(took < Duration::from_millis(900), "{took:?}");
    })
    .await;
}

#[tokio::test]
async fn an_address_that_never_answers_costs_one_attempt_and_one_second() {
    bounded(Duration::from_secs(10), async {
        let silent = SilentServer::start().await;
        let home = Home::new();
        let started = Instant::now();
        let message = not_loaded(resolve(&imds_env(&home, &silent.endpoint())).await);
        let took = started.elapsed();
        assert!(
            message.contains("no answer within 1s, after 1 attempt"),
            "{message}"
        );
        assert_eq!(silent.connections(), 1);
        assert!(
            took >= Duration::from_millis(950) && took < Duration::from_millis(2500),
            "{took:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn turned_off_it_sends_nothing_and_says_so() {
    bounded(Duration::from_secs(10), async {
        let imds = Imds::default().start().await;
        let home = Home::new();
        let env = home.env(&[
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds.endpoint()),
            ("AWS_EC2_METADATA_DISABLED", "true"),
        ]);
        let message = not_loaded(resolve(&env).await);
        assert!(
            message.contains("turned off by AWS_EC2_METADATA_DISABLED"),
            "{message}"
        );
        assert!(imds.requests().is_empty());
    })
    .await;
}

#[tokio::test]
async fn endpoint_settings_from_the_profile_and_their_errors() {
    bounded(Duration::from_secs(10), async {
        let imds = Imds::default().start().await;
        let home = Home::new();
        home.write(
            ".aws/config",
            &format!(
                "[default]\nec2_metadata_service_endpoint = {}\n",
                imds.endpoint()
            ),
        );
        // The profile's endpoint, when the variable is not set.
        let env =
            awsgen_client::Environment::from_vars([("HOME", home.path().display().to_string())]);
        assert_eq!(resolve(&env).await.unwrap().access_key_id(), "AKIDIMDS1");

        // The endpoint wins over the mode; without one, a bad mode is an error.
        let env = home.env(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv5")]);
        assert!(resolve(&env).await.is_ok());
        let other = Home::new();
        let env = awsgen_client::Environment::from_vars([
            ("HOME", other.path().display().to_string()),
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv5".to_owned()),
        ]);
        let error = resolve(&env).await.unwrap_err();
        assert!(
            error
                .to_string()
                .contains("`IPv5` is neither IPv4 nor IPv6"),
            "{error}"
        );
    })
    .await;
}

#[tokio::test]
async fn the_region_chain_ends_with_instance_metadata() {
    bounded(Duration::from_secs(10), async {
        let imds = Imds::default().start().await;
        let home = Home::new();
        let builder =
            awsgen_client::ClientBuilder::from_environment(imds_env(&home, &imds.endpoint()))
                .unwrap()
                .imds_region()
                .await
                .unwrap();
        let shown = format!("{builder:?}");
        assert!(shown.contains(r#"region: Some("eu-north-1")"#), "{shown}");
        assert_eq!(imds.count("GET", "/latest/meta-data/placement/region"), 1);

        // Nothing there: the error lists instance metadata with the rest.
        let error = awsgen_client::ClientBuilder::from_environment(home.env(&[]))
            .unwrap()
            .imds_region()
            .await
            .unwrap()
            .build()
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("EC2 instance metadata at http://127.0.0.1:"),
            "{error}"
        );
        assert!(error.contains("AWS_REGION"), "{error}");

        // An invalid region stays the error: instance metadata is not asked.
        let asked = imds.requests().len();
        let error = awsgen_client::ClientBuilder::from_environment(home.env(&[
            ("AWS_REGION", "us east 1"),
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds.endpoint()),
        ]))
        .unwrap()
        .imds_region()
        .await
        .unwrap()
        .build()
        .unwrap_err()
        .to_string();
        assert!(error.contains("environment variable AWS_REGION"), "{error}");
        assert_eq!(imds.requests().len(), asked);
    })
    .await;
}

#[tokio::test]
async fn an_outage_keeps_the_old_credentials_and_logs_a_warning() {
    bounded(Duration::from_secs(30), async {
        let capture = crate::capture::Capture::default();
        let _logging = tracing::subscriber::set_default(capture.clone());
        // Credentials for 305 s: due for refresh after 10 s (the earliest a
        // refresh is tried again), usable until 15 s before they expire.
        let outage = Some(Answer::new(500, "down"));
        let imds = Imds {
            lifetime: Duration::from_secs(305),
            credential_failures: vec![None, outage.clone(), outage.clone(), outage],
            ..Imds::default()
        }
        .start()
        .await;
        let service = fake_service().await;
        let home = Home::new();
        let client = client(imds_env(&home, &imds.endpoint()), &service);
        call(&client).await.unwrap();
        tokio::time::sleep(Duration::from_millis(10_200)).await;
        // Due: this call refreshes, instance metadata fails three times,
        // and the call goes out signed with the old credentials.
        call(&client).await.unwrap();
        // The next try waits ten seconds: no request now.
        call(&client).await.unwrap();
        assert_eq!(signing_keys(&service), ["AKIDIMDS1"; 3]);
        assert_eq!(imds.count("GET", CREDENTIALS_PATH), 4);
        let warnings: Vec<_> = capture
            .events()
            .into_iter()
            .filter(|event| event.level == tracing::Level::WARN)
            .collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let warning = &warnings[0];
        assert_eq!(warning.target, "awsgen_client");
        assert!(
            warning.message().contains("refreshing credentials failed"),
            "{warning:?}"
        );
        let error = warning.field("error").unwrap_or_default();
        assert!(
            error.contains("EC2 instance metadata at http://127.0.0.1:"),
            "{error}"
        );
        assert!(
            error.contains("HTTP 500 Internal Server Error (after 3 attempts)"),
            "{error}"
        );
        assert_eq!(warning.field("retry_in_seconds"), Some("10"));
        assert_no_secrets(&capture.all_text());
    })
    .await;
}
