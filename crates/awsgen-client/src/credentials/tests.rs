//! The cache's states, on a clock the tests set (`lookup` takes the time).

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::UNIX_EPOCH;

use awsgen_auth::CredentialsFuture;

use super::*;

/// Gives the scripted answers in order (the last one again and again), after
/// an optional pause, counting calls.
#[derive(Debug)]
struct Scripted {
    calls: AtomicU32,
    answers: Mutex<VecDeque<Result<Option<SystemTime>, &'static str>>>,
    pause: Duration,
}

impl Scripted {
    fn new(answers: Vec<Result<Option<SystemTime>, &'static str>>) -> Arc<Self> {
        Arc::new(Scripted {
            calls: AtomicU32::new(0),
            answers: Mutex::new(answers.into()),
            pause: Duration::ZERO,
        })
    }

    fn calls(&self) -> u32 {
        self.calls.load(Ordering::SeqCst)
    }
}

impl ProvideCredentials for Scripted {
    fn provide_credentials<'a>(&'a self, _env: &'a Environment) -> CredentialsFuture<'a> {
        Box::pin(async move {
            let call = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
            if !self.pause.is_zero() {
                tokio::time::sleep(self.pause).await;
            }
            let answer = {
                let mut answers = self.answers.lock().unwrap();
                if answers.len() > 1 {
                    answers.pop_front()
                } else {
                    answers.front().cloned()
                }
            };
            match answer.unwrap_or(Ok(None)) {
                Ok(expiry) => {
                    let credentials =
                        Credentials::new(format!("AKID{call}"), "secret", None, "test");
                    Ok(match expiry {
                        Some(expiry) => credentials.with_expiry(expiry),
                        None => credentials,
                    })
                }
                Err(message) => Err(CredentialsError::Provider {
                    source_name: "scripted".to_owned(),
                    message: message.to_owned(),
                }),
            }
        })
    }
}

fn at(seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_000_000 + seconds)
}

fn source(provider: &Arc<Scripted>) -> CredentialsSource {
    CredentialsSource::new(provider.clone(), Environment::default())
}

async fn key_at(source: &CredentialsSource, now: SystemTime) -> Result<String, CredentialsError> {
    let credentials = match source.lookup(now) {
        Lookup::Hit(credentials) => credentials,
        Lookup::Refresh(refresh) => refresh.await?,
    };
    Ok(credentials.access_key_id().to_owned())
}

#[tokio::test]
async fn credentials_without_expiry_are_fetched_once_and_borrowed() {
    let provider = Scripted::new(vec![Ok(None)]);
    let source = source(&provider);
    for seconds in [0, 10, 100_000] {
        assert_eq!(key_at(&source, at(seconds)).await.unwrap(), "AKID1");
    }
    assert!(matches!(
        source.lookup(at(0)),
        Lookup::Hit(Cached::Borrowed(_))
    ));
    assert_eq!(provider.calls(), 1);
}

#[tokio::test]
async fn expiring_credentials_are_refreshed_five_minutes_ahead() {
    let provider = Scripted::new(vec![Ok(Some(at(3600))), Ok(Some(at(7200)))]);
    let source = source(&provider);
    assert_eq!(key_at(&source, at(0)).await.unwrap(), "AKID1");
    // Until five minutes before the expiry: no lock but the short one, no fetch.
    assert_eq!(key_at(&source, at(3600 - 301)).await.unwrap(), "AKID1");
    assert_eq!(provider.calls(), 1);
    // Then the first call refreshes.
    assert!(matches!(source.lookup(at(3600 - 299)), Lookup::Refresh(_)));
    assert_eq!(key_at(&source, at(3600 - 299)).await.unwrap(), "AKID2");
    assert_eq!(provider.calls(), 2);
    assert!(matches!(source.lookup(at(3600)), Lookup::Hit(_)));
}

#[tokio::test]
async fn while_one_call_refreshes_due_credentials_the_others_use_the_old_ones() {
    let provider = Scripted::new(vec![Ok(Some(at(3600))), Ok(Some(at(7200)))]);
    let source = source(&provider);
    key_at(&source, at(0)).await.unwrap();
    let due = at(3600 - 60);
    let Lookup::Refresh(refresh) = source.lookup(due) else {
        panic!("due credentials are refreshed by the first call");
    };
    // The refresh has not run yet; another call meanwhile signs with the old ones.
    assert_eq!(key_at(&source, due).await.unwrap(), "AKID1");
    assert_eq!(refresh.await.unwrap().access_key_id(), "AKID2");
    assert_eq!(provider.calls(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixty_four_calls_that_find_them_expired_cause_one_refresh() {
    let provider = Arc::new(Scripted {
        calls: AtomicU32::new(0),
        answers: Mutex::new(vec![Ok(Some(at(100))), Ok(Some(at(7200)))].into()),
        pause: Duration::from_millis(50),
    });
    let source = Arc::new(source(&provider));
    key_at(&source, at(0)).await.unwrap();
    assert_eq!(provider.calls(), 1);
    // Past the expiry: every call must wait for new credentials.
    let now = at(200);
    let tasks: Vec<_> = (0..64)
        .map(|_| {
            let source = Arc::clone(&source);
            tokio::spawn(async move { key_at(&source, now).await })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap(), "AKID2");
    }
    assert_eq!(provider.calls(), 2, "64 calls, one refresh");
}

#[tokio::test]
async fn a_failed_refresh_keeps_valid_credentials_reports_and_waits_before_trying_again() {
    let provider = Scripted::new(vec![
        Ok(Some(at(3600))),
        Err("metadata service down"),
        Ok(Some(at(7200))),
    ]);
    let warnings = Warnings::default();
    let _logging = tracing::subscriber::set_default(warnings.clone());
    let source = CredentialsSource::new(provider.clone(), Environment::default());
    key_at(&source, at(0)).await.unwrap();
    let due = at(3600 - 120);
    assert_eq!(key_at(&source, due).await.unwrap(), "AKID1");
    assert_eq!(provider.calls(), 2);
    {
        let reported = warnings.0.lock().unwrap();
        assert_eq!(reported.len(), 1, "{reported:?}");
        assert!(
            reported[0]
                .contains("error=cannot load AWS credentials from scripted: metadata service down"),
            "{reported:?}"
        );
        assert!(
            reported[0].contains("kept_until=1970-01-12T14:46:40Z"),
            "{reported:?}"
        );
        assert!(
            reported[0].contains("signing with the previous ones"),
            "{reported:?}"
        );
    }
    // Not again for ten seconds, then again.
    assert_eq!(
        key_at(&source, due + Duration::from_secs(9)).await.unwrap(),
        "AKID1"
    );
    assert_eq!(provider.calls(), 2);
    assert_eq!(
        key_at(&source, due + Duration::from_secs(10))
            .await
            .unwrap(),
        "AKID3"
    );
    assert_eq!(provider.calls(), 3);
}

#[tokio::test]
async fn a_failed_refresh_with_nothing_valid_left_is_the_error() {
    let provider = Scripted::new(vec![Ok(Some(at(3600))), Err("metadata service down")]);
    let source = source(&provider);
    key_at(&source, at(0)).await.unwrap();
    // Within the last fifteen seconds the old credentials are not used.
    let error = key_at(&source, at(3600 - 10)).await.unwrap_err();
    assert!(
        error.to_string().contains("metadata service down"),
        "{error}"
    );
    let error = key_at(&source, at(4000)).await.unwrap_err();
    assert!(
        error.to_string().contains("metadata service down"),
        "{error}"
    );
}

#[tokio::test]
async fn debug_never_shows_the_secret() {
    let provider = Scripted::new(vec![Ok(None)]);
    let source = source(&provider);
    key_at(&source, at(0)).await.unwrap();
    assert!(!format!("{source:?}").contains("secret"));
}

/// A `tracing` subscriber that keeps the WARN events of this thread, each as
/// its fields `name=value` joined by spaces.
#[derive(Clone, Default)]
struct Warnings(Arc<Mutex<Vec<String>>>);

struct Fields(String);

impl tracing::field::Visit for Fields {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn fmt::Debug) {
        self.0.push_str(&format!("{}={value:?} ", field.name()));
    }

    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.0.push_str(&format!("{}={value} ", field.name()));
    }
}

impl tracing::Subscriber for Warnings {
    fn enabled(&self, metadata: &tracing::Metadata<'_>) -> bool {
        *metadata.level() <= tracing::Level::WARN
    }

    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }

    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}

    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}

    fn event(&self, event: &tracing::Event<'_>) {
        let mut fields = Fields(String::new());
        event.record(&mut fields);
        self.0.lock().unwrap().push(fields.0);
    }

    fn enter(&self, _: &tracing::span::Id) {}

    fn exit(&self, _: &tracing::span::Id) {}
}
