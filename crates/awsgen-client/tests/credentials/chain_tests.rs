//! The chain as a whole: the order of the sources, the error that lists
//! every source when none applies (and how long finding nothing takes), a
//! source that applies and fails ending the chain, the STS sources
//! recognized, and concurrent calls on expired credentials.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use awsgen_client::CredentialsError;

use crate::fake::{Answer, FakeServer};
use crate::support::*;

#[tokio::test]
async fn nothing_found_lists_every_source_and_why() {
    bounded(Duration::from_secs(10), async {
        let home = Home::new();
        home.write(".aws/config", "[default]\nregion = eu-west-1\n");
        let started = Instant::now();
        let error = resolve(&home.env(&[])).await.unwrap_err();
        let took = started.elapsed();
        let message = error.to_string();
        let expected = [
            "environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (not set)",
            "shared credentials file",
            "(profile `default` has no aws_access_key_id)",
            "web identity environment variables AWS_WEB_IDENTITY_TOKEN_FILE/AWS_ROLE_ARN (not set)",
            "container credentials environment variables AWS_CONTAINER_CREDENTIALS_RELATIVE_URI/AWS_CONTAINER_CREDENTIALS_FULL_URI (not set)",
            "EC2 instance metadata (at http://127.0.0.1:",
            "connection refused",
        ];
        let mut at = 0;
        for part in expected {
            let found = message[at..]
                .find(part)
                .unwrap_or_else(|| panic!("`{part}` in order in: {message}"));
            at += found;
        }
        // No instance metadata (refused): the whole chain well inside the one
        // second an IMDS timeout would take (about 0.1 ms measured: BENCHMARKS.md).
        assert!(took < Duration::from_millis(900), "{took:?}");
    })
    .await;
}

#[tokio::test]
async fn the_environment_comes_first_then_the_profile() {
    bounded(Duration::from_secs(10), async {
        let home = Home::new();
        home.write(
            ".aws/credentials",
            &format!("[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = {SECRET}\n"),
        );
        let env = home.env(&[
            ("AWS_ACCESS_KEY_ID", "AKIDENV"),
            ("AWS_SECRET_ACCESS_KEY", SECRET),
        ]);
        assert_eq!(resolve(&env).await.unwrap().access_key_id(), "AKIDENV");
        let credentials = resolve(&home.env(&[])).await.unwrap();
        assert_eq!(credentials.access_key_id(), "AKIDFILE");
        assert_eq!(credentials.provider_name(), "profile");
    })
    .await;
}

#[tokio::test]
async fn a_source_that_applies_and_fails_ends_the_chain() {
    bounded(Duration::from_secs(10), async {
        // The container endpoint is configured and answers 403: instance
        // metadata, which would answer, is not asked.
        let container = FakeServer::start(|_| Answer::new(403, "denied")).await;
        let imds = FakeServer::start(|_| Answer::ok("token")).await;
        let home = Home::new();
        let uri = format!("{}/creds", container.endpoint());
        let env = home.env(&[
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &uri),
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds.endpoint()),
        ]);
        let error = resolve(&env).await.unwrap_err();
        assert!(
            matches!(error, CredentialsError::Provider { .. }),
            "{error:?}"
        );
        assert!(error.to_string().contains("HTTP 403"), "{error}");
        assert!(imds.requests().is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixty_four_calls_on_expired_credentials_cause_one_refresh() {
    bounded(Duration::from_secs(20), async {
        // Credentials from the container endpoint that expire within the
        // client's margin after the first fetch; the endpoint is slow, so
        // the 64 calls all find them expired while one refresh runs.
        let fetches = Arc::new(AtomicU32::new(0));
        let counter = Arc::clone(&fetches);
        let container = FakeServer::start(move |_| {
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            let lifetime = if n == 1 {
                Duration::from_secs(16)
            } else {
                Duration::from_secs(3600)
            };
            Answer::ok(metadata_credentials(
                &format!("AKIDFETCH{n}"),
                SystemTime::now() + lifetime,
            ))
            .after(Duration::from_millis(200))
        })
        .await;
        let service = fake_service().await;
        let home = Home::new();
        let uri = format!("{}/creds", container.endpoint());
        let client = Arc::new(client(
            home.env(&[("AWS_CONTAINER_CREDENTIALS_FULL_URI", &uri)]),
            &service,
        ));
        call(&client).await.unwrap();
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        // 16 s of life, 15 s of margin: expired a second later.
        tokio::time::sleep(Duration::from_millis(1100)).await;
        let calls: Vec<_> = (0..64)
            .map(|_| {
                let client = Arc::clone(&client);
                tokio::spawn(async move { call(&client).await })
            })
            .collect();
        for task in calls {
            task.await.unwrap().unwrap();
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 2, "64 calls, one refresh");
        let keys = signing_keys(&service);
        assert_eq!(keys.len(), 65);
        assert!(keys[1..].iter().all(|key| key == "AKIDFETCH2"), "{keys:?}");
    })
    .await;
}
