//! Waiters against the scripted server, on a fake clock: no test sleeps.

use std::future::{pending, ready};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use awsgen_client::{ClockFuture, WaitClock, WaitErrorKind, WaiterConfig, WaiterConfigError};
use awsgen_types::waiter::{AcceptorProblem, ScheduleError};
use awsgen_types::{
    Acceptor, AcceptorState, Comparator, Matcher, Operation, PathMatcher, ServiceMeta, Waiter,
    WaiterDefinition,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::operations::{PutThingError, TEST_SERVICE};
use crate::server::{Reply, ScriptedServer};
use crate::{bounded, client};

// ---- A hand-written operation and waiters, shaped like generated code ----

#[derive(Debug, Clone, Serialize)]
struct DescribeScanInput {
    #[serde(rename = "repositoryName")]
    repository_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct ScanStatus {
    #[serde(rename = "status", default)]
    status: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct DescribeScanOutput {
    #[serde(rename = "imageScanStatus", default)]
    image_scan_status: Option<ScanStatus>,
    #[serde(rename = "names", default)]
    names: Option<Vec<String>>,
    #[serde(rename = "states", default)]
    states: Option<Vec<String>>,
}

struct DescribeScan;

impl Operation for DescribeScan {
    type Input = DescribeScanInput;
    type Output = DescribeScanOutput;
    type Error = PutThingError;
    const SERVICE: &'static ServiceMeta = &TEST_SERVICE;
    const NAME: &'static str = "DescribeScan";
    aws_json_protocol!("TestService_20240101.DescribeScan");
}

const fn output(path: &'static str, comparator: Comparator, expected: &'static str) -> Matcher {
    Matcher::Output(PathMatcher {
        path,
        expected,
        comparator,
    })
}

const fn acceptor(state: AcceptorState, matcher: Matcher) -> Acceptor {
    Acceptor { state, matcher }
}

/// ECR's `ImageScanComplete`, on the test operation.
struct ScanComplete;

impl Waiter for ScanComplete {
    type Operation = DescribeScan;
    const DEFINITION: &'static WaiterDefinition = &WaiterDefinition::new(
        "ScanComplete",
        "DescribeScan",
        5,
        120,
        &[
            acceptor(
                AcceptorState::Success,
                output(
                    "imageScanStatus.status",
                    Comparator::StringEquals,
                    "COMPLETE",
                ),
            ),
            acceptor(
                AcceptorState::Failure,
                output("imageScanStatus.status", Comparator::StringEquals, "FAILED"),
            ),
        ],
    );
}

/// Retries while the thing is missing, succeeds once a call succeeds.
struct ThingExists;

impl Waiter for ThingExists {
    type Operation = DescribeScan;
    const DEFINITION: &'static WaiterDefinition = &WaiterDefinition::new(
        "ThingExists",
        "DescribeScan",
        2,
        10,
        &[
            acceptor(AcceptorState::Success, Matcher::Success(true)),
            acceptor(
                AcceptorState::Retry,
                Matcher::ErrorType("ThingNotFoundException"),
            ),
        ],
    );
}

/// Succeeds when the thing is gone (the error named by its shape ID).
struct ThingDeleted;

impl Waiter for ThingDeleted {
    type Operation = DescribeScan;
    const DEFINITION: &'static WaiterDefinition = &WaiterDefinition::new(
        "ThingDeleted",
        "DescribeScan",
        2,
        10,
        &[acceptor(
            AcceptorState::Success,
            Matcher::ErrorType("test.service#ThingNotFoundException"),
        )],
    );
}

/// Any error is a failure; a ready list is a success.
struct AllReady;

impl Waiter for AllReady {
    type Operation = DescribeScan;
    const DEFINITION: &'static WaiterDefinition = &WaiterDefinition::new(
        "AllReady",
        "DescribeScan",
        1,
        4,
        &[
            acceptor(
                AcceptorState::Retry,
                output("states", Comparator::AnyStringEquals, "PENDING"),
            ),
            acceptor(
                AcceptorState::Success,
                output("states", Comparator::AllStringEquals, "READY"),
            ),
            acceptor(AcceptorState::Failure, Matcher::Success(false)),
        ],
    );
}

/// Compares the input with the output.
struct NameListed;

impl Waiter for NameListed {
    type Operation = DescribeScan;
    const DEFINITION: &'static WaiterDefinition = &WaiterDefinition::new(
        "NameListed",
        "DescribeScan",
        3,
        3,
        &[acceptor(
            AcceptorState::Success,
            Matcher::InputOutput(PathMatcher {
                path: "contains(output.names, input.repositoryName)",
                expected: "true",
                comparator: Comparator::BooleanEquals,
            }),
        )],
    );
}

/// A definition whose path is outside the supported JMESPath subset.
struct BadPath;

impl Waiter for BadPath {
    type Operation = DescribeScan;
    const DEFINITION: &'static WaiterDefinition = &WaiterDefinition::new(
        "BadPath",
        "DescribeScan",
        1,
        2,
        &[acceptor(
            AcceptorState::Success,
            output("names[0:1]", Comparator::StringEquals, "x"),
        )],
    );
}

// ---- A clock whose sleeps only move a counter ----

struct FakeClock {
    start: Instant,
    elapsed: Mutex<Duration>,
    sleeps: Mutex<Vec<Duration>>,
    /// Makes every poll run past the deadline.
    polls_overrun: bool,
}

impl FakeClock {
    fn new() -> Arc<FakeClock> {
        Arc::new(FakeClock {
            start: Instant::now(),
            elapsed: Mutex::new(Duration::ZERO),
            sleeps: Mutex::new(Vec::new()),
            polls_overrun: false,
        })
    }

    fn sleeps(&self) -> Vec<Duration> {
        self.sleeps.lock().unwrap().clone()
    }

    fn elapsed(&self) -> Duration {
        *self.elapsed.lock().unwrap()
    }
}

impl WaitClock for FakeClock {
    fn now(&self) -> Instant {
        self.start + self.elapsed()
    }

    fn sleep(&self, duration: Duration) -> ClockFuture {
        *self.elapsed.lock().unwrap() += duration;
        self.sleeps.lock().unwrap().push(duration);
        Box::pin(ready(()))
    }

    /// Polls take no time on this clock, so only a deadline already passed fires.
    fn deadline(&self, deadline: Instant) -> ClockFuture {
        if self.polls_overrun || self.now() >= deadline {
            Box::pin(ready(()))
        } else {
            Box::pin(pending())
        }
    }
}

fn config(clock: &Arc<FakeClock>, max_wait_secs: u64) -> WaiterConfig {
    WaiterConfig::new(Duration::from_secs(max_wait_secs))
        .with_clock(clock.clone())
        .with_rng_seed(7)
}

fn input() -> DescribeScanInput {
    DescribeScanInput {
        repository_name: "repo".into(),
    }
}

fn status(status: &str) -> Reply {
    Reply::json(
        200,
        &json!({"imageScanStatus": {"status": status}}).to_string(),
    )
}

fn not_found() -> Reply {
    Reply::json(
        400,
        r#"{"__type":"test.service#ThingNotFoundException","message":"no such thing"}"#,
    )
}

fn body(request: &crate::server::Recorded) -> Value {
    serde_json::from_slice(&request.body).expect("request body is JSON")
}

// ---- Tests ----

#[tokio::test]
async fn polls_until_complete_with_exactly_three_requests() {
    bounded(async {
        let server = ScriptedServer::start(vec![
            status("IN_PROGRESS"),
            status("IN_PROGRESS"),
            status("COMPLETE"),
        ])
        .await;
        let clock = FakeClock::new();
        let waited = client(&server.endpoint())
            .wait_with::<ScanComplete>(input(), config(&clock, 300))
            .await
            .unwrap();
        assert_eq!(waited.attempts(), 3);
        assert_eq!(waited.acceptor(), 0);
        let status = waited
            .output()
            .and_then(|o| o.image_scan_status.as_ref())
            .and_then(|s| s.status.as_deref());
        assert_eq!(status, Some("COMPLETE"));
        assert!(waited.error().is_none());

        let requests = server.requests();
        assert_eq!(requests.len(), 3);
        for request in &requests {
            assert_eq!(body(request), json!({"repositoryName": "repo"}));
            assert_eq!(
                request.header("x-amz-target"),
                "TestService_20240101.DescribeScan"
            );
        }
        // First retry: exactly minDelay; second: drawn from [5 s, 10 s].
        let sleeps = clock.sleeps();
        assert_eq!(sleeps.len(), 2);
        assert_eq!(sleeps[0], Duration::from_secs(5));
        assert!(
            (Duration::from_secs(5)..=Duration::from_secs(10)).contains(&sleeps[1]),
            "{sleeps:?}"
        );
        assert_eq!(waited.elapsed(), sleeps[0] + sleeps[1]);
    })
    .await;
}

#[tokio::test]
async fn plain_wait_returns_at_once_when_the_first_poll_succeeds() {
    bounded(async {
        let server = ScriptedServer::start(vec![status("COMPLETE")]).await;
        let waited = client(&server.endpoint())
            .wait::<ScanComplete>(input(), Duration::from_secs(60))
            .await
            .unwrap();
        assert_eq!(waited.attempts(), 1);
        assert!(
            waited.elapsed() < Duration::from_secs(5),
            "{:?}",
            waited.elapsed()
        );
        assert_eq!(server.requests().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn a_failure_acceptor_ends_the_wait_and_is_named() {
    bounded(async {
        let server = ScriptedServer::start(vec![status("IN_PROGRESS"), status("FAILED")]).await;
        let clock = FakeClock::new();
        let err = client(&server.endpoint())
            .wait_with::<ScanComplete>(input(), config(&clock, 300))
            .await
            .unwrap_err();
        assert!(err.is_failure());
        assert_eq!(err.waiter(), "ScanComplete");
        assert_eq!(err.attempts(), 2);
        match err.kind() {
            WaitErrorKind::Failure {
                acceptor,
                matcher,
                last: Ok(last),
            } => {
                assert_eq!(*acceptor, 1);
                assert_eq!(*matcher, ScanComplete::DEFINITION.acceptors[1].matcher);
                assert_eq!(
                    last.image_scan_status
                        .as_ref()
                        .and_then(|s| s.status.as_deref()),
                    Some("FAILED")
                );
            }
            other => panic!("expected a failure with the output, got {other:?}"),
        }
        assert_eq!(
            err.to_string(),
            "waiter ScanComplete failed: acceptors[1] (output path `imageScanStatus.status` \
             stringEquals \"FAILED\") matched after 2 attempts in 5s"
        );
        assert_eq!(server.requests().len(), 2);
    })
    .await;
}

#[tokio::test]
async fn the_deadline_ends_the_wait_with_min_delay_to_spare() {
    bounded(async {
        let server = ScriptedServer::start(vec![status("IN_PROGRESS")]).await;
        let clock = FakeClock::new();
        let err = client(&server.endpoint())
            .wait_with::<ScanComplete>(input(), config(&clock, 30))
            .await
            .unwrap_err();
        assert!(err.is_timeout());
        let sleeps = clock.sleeps();
        assert_eq!(sleeps[0], Duration::from_secs(5));
        // Drawn delays are at least minDelay; the last one is cut to leave
        // exactly minDelay before the deadline, so polls end at 25 s.
        let (_, drawn) = sleeps.split_last().unwrap();
        assert!(
            drawn.iter().all(|d| *d >= Duration::from_secs(5)),
            "{sleeps:?}"
        );
        assert_eq!(err.elapsed(), Duration::from_secs(25));
        assert_eq!(clock.elapsed(), Duration::from_secs(25));
        assert_eq!(err.attempts() as usize, sleeps.len() + 1);
        assert_eq!(server.requests().len(), sleeps.len() + 1);
        match err.kind() {
            WaitErrorKind::Timeout {
                max_wait,
                last_acceptor: None,
                last: Some(Ok(_)),
            } => assert_eq!(*max_wait, Duration::from_secs(30)),
            other => panic!("expected a timeout after a polled output, got {other:?}"),
        }
        let message = err.to_string();
        assert!(
            message.starts_with(&format!(
                "waiter ScanComplete timed out after {} attempts in 25s (max wait 30s)",
                err.attempts()
            )),
            "{message}"
        );
        assert!(
            message.ends_with("the last poll matched no acceptor"),
            "{message}"
        );

        // The same seed gives the same delays.
        let again = FakeClock::new();
        let _ = client(&server.endpoint())
            .wait_with::<ScanComplete>(input(), config(&again, 30))
            .await
            .unwrap_err();
        assert_eq!(again.sleeps(), sleeps);
    })
    .await;
}

#[tokio::test]
async fn a_poll_still_in_flight_at_the_deadline_is_cancelled() {
    bounded(async {
        let slow = Reply::Delay(Duration::from_secs(10), Box::new(status("COMPLETE")));
        let server = ScriptedServer::start(vec![slow]).await;
        let clock = Arc::new(FakeClock {
            start: Instant::now(),
            elapsed: Mutex::new(Duration::ZERO),
            sleeps: Mutex::new(Vec::new()),
            polls_overrun: true,
        });
        let started = Instant::now();
        let err = client(&server.endpoint())
            .wait_with::<ScanComplete>(input(), config(&clock, 30))
            .await
            .unwrap_err();
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the poll was not cancelled"
        );
        assert_eq!(err.attempts(), 1);
        assert!(matches!(
            err.kind(),
            WaitErrorKind::Timeout {
                last: None,
                last_acceptor: None,
                ..
            }
        ));
        assert!(err.to_string().ends_with("no poll completed"), "{err}");
    })
    .await;
}

#[tokio::test]
async fn an_error_no_acceptor_matches_ends_the_wait_with_it() {
    bounded(async {
        let server = ScriptedServer::start(vec![status("IN_PROGRESS"), not_found()]).await;
        let clock = FakeClock::new();
        let err = client(&server.endpoint())
            .wait_with::<ScanComplete>(input(), config(&clock, 300))
            .await
            .unwrap_err();
        assert_eq!(err.attempts(), 2);
        let WaitErrorKind::Error(call) = err.kind() else {
            panic!("expected the call error, got {err:?}");
        };
        assert!(matches!(
            call.as_service(),
            Some(PutThingError::ThingNotFound { .. })
        ));
        assert_eq!(
            err.to_string(),
            "waiter ScanComplete stopped after 2 attempts in 5s: the call failed and no \
             acceptor matched: service error: ThingNotFoundException: no such thing (HTTP 400)"
        );
        assert_eq!(server.requests().len(), 2);
    })
    .await;
}

#[tokio::test]
async fn an_error_type_acceptor_can_retry() {
    bounded(async {
        let server =
            ScriptedServer::start(vec![not_found(), not_found(), Reply::json(200, "{}")]).await;
        let clock = FakeClock::new();
        let waited = client(&server.endpoint())
            .wait_with::<ThingExists>(input(), config(&clock, 60))
            .await
            .unwrap();
        assert_eq!((waited.attempts(), waited.acceptor()), (3, 0));
        assert_eq!(
            waited.into_output(),
            Some(DescribeScanOutput {
                image_scan_status: None,
                names: None,
                states: None
            })
        );
        assert_eq!(server.requests().len(), 3);
    })
    .await;
}

#[tokio::test]
async fn an_error_type_acceptor_can_succeed_on_the_error() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::json(200, "{}"), not_found()]).await;
        let clock = FakeClock::new();
        let waited = client(&server.endpoint())
            .wait_with::<ThingDeleted>(input(), config(&clock, 60))
            .await
            .unwrap();
        assert_eq!(waited.attempts(), 2);
        assert!(waited.output().is_none());
        let code = waited
            .error()
            .and_then(|e| e.as_service())
            .and_then(|e| awsgen_types::OperationError::metadata(e).code.clone());
        assert_eq!(code.as_deref(), Some("ThingNotFoundException"));
    })
    .await;
}

#[tokio::test]
async fn list_comparators_and_success_false_work_end_to_end() {
    bounded(async {
        let states = |s: Value| Reply::json(200, &json!({ "states": s }).to_string());
        let server = ScriptedServer::start(vec![
            states(json!(["READY", "PENDING"])),
            states(json!([])),
            states(json!(["READY", "READY"])),
        ])
        .await;
        let clock = FakeClock::new();
        let waited = client(&server.endpoint())
            .wait_with::<AllReady>(input(), config(&clock, 60))
            .await
            .unwrap();
        assert_eq!((waited.attempts(), waited.acceptor()), (3, 1));

        // Any error matches `success: false`, whatever its code.
        let server = ScriptedServer::start(vec![Reply::json(
            400,
            r#"{"__type":"AccessDenied","message":"no"}"#,
        )])
        .await;
        let err = client(&server.endpoint())
            .wait_with::<AllReady>(input(), config(&FakeClock::new(), 60))
            .await
            .unwrap_err();
        assert!(matches!(
            err.kind(),
            WaitErrorKind::Failure {
                acceptor: 2,
                last: Err(_),
                ..
            }
        ));
        assert!(
            err.to_string().ends_with(
                "matched after 1 attempt in 0ns: service error: AccessDenied: no (HTTP 400)"
            ),
            "{err}"
        );
    })
    .await;
}

#[tokio::test]
async fn input_output_matchers_see_the_input() {
    bounded(async {
        let names = |n: Value| Reply::json(200, &json!({ "names": n }).to_string());
        let server = ScriptedServer::start(vec![
            names(json!(["other"])),
            names(json!(["other", "repo"])),
        ])
        .await;
        let clock = FakeClock::new();
        let waited = client(&server.endpoint())
            .wait_with::<NameListed>(input(), config(&clock, 60))
            .await
            .unwrap();
        assert_eq!(waited.attempts(), 2);
        assert_eq!(clock.sleeps(), [Duration::from_secs(3)]);
    })
    .await;
}

#[tokio::test]
async fn delay_overrides_replace_the_model_delays() {
    bounded(async {
        let server = ScriptedServer::start(vec![
            status("IN_PROGRESS"),
            status("IN_PROGRESS"),
            status("COMPLETE"),
        ])
        .await;
        let clock = FakeClock::new();
        let settings = config(&clock, 300)
            .with_min_delay(Duration::from_millis(1_500))
            .with_max_delay(Duration::from_millis(1_500));
        let waited = client(&server.endpoint())
            .wait_with::<ScanComplete>(input(), settings)
            .await
            .unwrap();
        assert_eq!(waited.attempts(), 3);
        assert_eq!(clock.sleeps(), [Duration::from_millis(1_500); 2]);
    })
    .await;
}

#[tokio::test]
async fn invalid_settings_are_refused_before_any_request() {
    bounded(async {
        let server = ScriptedServer::start(vec![status("COMPLETE")]).await;
        let client = client(&server.endpoint());
        let clock = FakeClock::new();
        let cases = [
            (
                WaiterConfig::new(Duration::ZERO),
                WaiterConfigError::ZeroMaxWait,
            ),
            (
                config(&clock, 60)
                    .with_min_delay(Duration::from_secs(9))
                    .with_max_delay(Duration::from_secs(8)),
                WaiterConfigError::Delays(ScheduleError::MinAboveMax {
                    min_delay: Duration::from_secs(9),
                    max_delay: Duration::from_secs(8),
                }),
            ),
            // Only the minimum overridden, above the model's maximum of 120 s.
            (
                config(&clock, 60).with_min_delay(Duration::from_secs(121)),
                WaiterConfigError::Delays(ScheduleError::MinAboveMax {
                    min_delay: Duration::from_secs(121),
                    max_delay: Duration::from_secs(120),
                }),
            ),
            (
                config(&clock, 60).with_min_delay(Duration::ZERO),
                WaiterConfigError::Delays(ScheduleError::ZeroMinDelay),
            ),
            (
                WaiterConfig::new(Duration::MAX).with_clock(clock.clone()),
                WaiterConfigError::MaxWaitTooLong(Duration::MAX),
            ),
        ];
        for (index, (settings, expected)) in cases.into_iter().enumerate() {
            let err = client
                .wait_with::<ScanComplete>(input(), settings)
                .await
                .unwrap_err();
            match err.kind() {
                WaitErrorKind::InvalidConfig(found) => assert_eq!(found, &expected),
                other => panic!("case {index}: expected invalid config, got {other:?}"),
            }
            assert_eq!(err.attempts(), 0);
            assert!(
                err.to_string()
                    .starts_with("waiter ScanComplete cannot start: "),
                "{err}"
            );
        }

        let err = client
            .wait_with::<BadPath>(input(), config(&clock, 60))
            .await
            .unwrap_err();
        let WaitErrorKind::InvalidConfig(WaiterConfigError::Acceptor(bad)) = err.kind() else {
            panic!("expected a bad acceptor, got {err:?}");
        };
        assert_eq!(bad.index, 0);
        assert!(matches!(
            bad.problem,
            AcceptorProblem::Path {
                path: "names[0:1]",
                ..
            }
        ));
        assert_eq!(
            err.to_string(),
            "waiter BadPath cannot start: invalid waiter definition: acceptors[0]: path \
             `names[0:1]`: slices (`[start:stop:step]`) are not supported at offset 5"
        );
        assert!(clock.sleeps().is_empty());
        assert!(server.requests().is_empty());
    })
    .await;
}

#[test]
fn wait_futures_can_cross_threads() {
    fn is_send<T: Send>(_: &T) {}
    let client = client("http://127.0.0.1:1");
    let wait = client.wait::<ScanComplete>(input(), Duration::from_secs(1));
    is_send(&wait);
}
