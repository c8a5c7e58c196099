//! The waiter loop (`smithy.waiters#waitable`): poll the operation, match
//! the acceptors, sleep per the retry schedule, stop at success, failure,
//! an unmatched error or the deadline.
//!
//! The pure parts (JMESPath, acceptor matching, the schedule) live in
//! `awsgen_types::waiter`; this module only drives them with real calls.

use std::time::Duration;

use awsgen_types::waiter::{AcceptorState, PollOutcome};
use awsgen_types::{Operation, OperationError, Waiter};
use serde::Serialize;
use serde_json::Value;

use crate::client::Client;
use crate::error::CallError;
use crate::wait_clock::before_deadline;
use crate::wait_config::{WaiterConfig, WaiterConfigError};
use crate::wait_outcome::{PollResult, WaitError, WaitErrorKind, Waited};

impl Client {
    /// Polls `W`'s operation with `input` until one of its acceptors ends
    /// the wait, giving up after `max_wait` in total; the model's delays
    /// apply. See [`wait_with`](Self::wait_with).
    pub async fn wait<W: Waiter>(
        &self,
        input: <W::Operation as Operation>::Input,
        max_wait: Duration,
    ) -> Result<Waited<W::Operation>, WaitError<W::Operation>>
    where
        <W::Operation as Operation>::Input: Clone,
        <W::Operation as Operation>::Output: Serialize,
    {
        self.wait_with::<W>(input, WaiterConfig::new(max_wait))
            .await
    }

    /// Polls `W`'s operation with `input` until one of its acceptors ends
    /// the wait, following the Smithy waiter workflow:
    ///
    /// - after each poll the acceptors are tried in model order and the
    ///   first match decides: `success` returns [`Waited`], `failure`
    ///   returns [`WaitErrorKind::Failure`], `retry` polls again;
    /// - a failed poll that no acceptor matches ends the wait with
    ///   [`WaitErrorKind::Error`]; a successful one is retried;
    /// - between polls the waiter sleeps per
    ///   [`RetrySchedule`](awsgen_types::waiter::RetrySchedule);
    /// - when no further poll fits before the deadline, or the deadline
    ///   comes while a poll is in flight (that request is cancelled), the
    ///   wait ends with [`WaitErrorKind::Timeout`].
    ///
    /// Settings are checked before anything is sent
    /// ([`WaitErrorKind::InvalidConfig`]). Each poll is an ordinary
    /// [`call`](Self::call), with the client's own retries and timeouts.
    pub async fn wait_with<W: Waiter>(
        &self,
        input: <W::Operation as Operation>::Input,
        config: WaiterConfig,
    ) -> Result<Waited<W::Operation>, WaitError<W::Operation>>
    where
        <W::Operation as Operation>::Input: Clone,
        <W::Operation as Operation>::Output: Serialize,
    {
        let definition = W::DEFINITION;
        let waiter = definition.name;
        let refuse = |kind| WaitError {
            waiter,
            kind,
            attempts: 0,
            elapsed: Duration::ZERO,
        };
        let (schedule, acceptors) = config
            .prepare(definition)
            .map_err(|err| refuse(WaitErrorKind::InvalidConfig(err)))?;
        let input_json = if acceptors.reads_input() {
            serde_json::to_value(&input).map_err(|source| {
                refuse(WaitErrorKind::Serialize {
                    what: "input",
                    source,
                })
            })?
        } else {
            Value::Null
        };
        let clock = config.clock();
        let start = clock.now();
        let max_wait = config.max_wait();
        let deadline = start.checked_add(max_wait).ok_or_else(|| {
            refuse(WaitErrorKind::InvalidConfig(
                WaiterConfigError::MaxWaitTooLong(max_wait),
            ))
        })?;
        let mut rng = config.rng();
        let mut attempts: u32 = 0;
        // The retry acceptor (if any) and the result of the last completed poll.
        let mut last: Option<(Option<usize>, PollResult<W::Operation>)> = None;
        loop {
            attempts = attempts.saturating_add(1);
            let poll = self.call::<W::Operation>(input.clone());
            let finished = before_deadline(poll, clock.deadline(deadline)).await;
            let elapsed = clock.now().saturating_duration_since(start);
            let ended = |kind| WaitError {
                waiter,
                kind,
                attempts,
                elapsed,
            };
            let Some(result) = finished else {
                return Err(ended(timeout(max_wait, last)));
            };
            let output_json = match &result {
                Ok(output) if acceptors.reads_output() => {
                    serde_json::to_value(output).map_err(|source| {
                        ended(WaitErrorKind::Serialize {
                            what: "output",
                            source,
                        })
                    })?
                }
                _ => Value::Null,
            };
            let outcome = match &result {
                Ok(_) => PollOutcome::Output(&output_json),
                Err(err) => PollOutcome::Error(error_code(err)),
            };
            let matched = acceptors.first_match(&input_json, outcome);
            match matched {
                Some(found) if found.state == AcceptorState::Success => {
                    return Ok(Waited {
                        last: result,
                        acceptor: found.index,
                        attempts,
                        elapsed,
                    });
                }
                Some(found) if found.state == AcceptorState::Failure => {
                    return Err(ended(WaitErrorKind::Failure {
                        acceptor: found.index,
                        matcher: found.matcher,
                        last: result,
                    }));
                }
                Some(found) => last = Some((Some(found.index), result)),
                None => match result {
                    Err(err) => return Err(ended(WaitErrorKind::Error(err))),
                    Ok(output) => last = Some((None, Ok(output))),
                },
            }
            let remaining = deadline.saturating_duration_since(clock.now());
            // `attempts` polls so far make this retry number `attempts`.
            let Some(delay) =
                schedule.next_delay(attempts, remaining, |low, high| rng.u64(low..=high))
            else {
                return Err(ended(timeout(max_wait, last)));
            };
            clock.sleep(delay).await;
        }
    }
}

fn timeout<O: Operation>(
    max_wait: Duration,
    last: Option<(Option<usize>, PollResult<O>)>,
) -> WaitErrorKind<O> {
    let (last_acceptor, last) = match last {
        Some((acceptor, result)) => (acceptor, Some(result)),
        None => (None, None),
    };
    WaitErrorKind::Timeout {
        max_wait,
        last_acceptor,
        last,
    }
}

/// The service's error code, which `errorType` acceptors match; `None` for
/// failures that never reached the service (connection, timeout, ...).
fn error_code<E: OperationError>(err: &CallError<E>) -> Option<&str> {
    err.as_service()
        .and_then(|service| service.metadata().code.as_deref())
}
