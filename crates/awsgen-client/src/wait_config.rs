//! How long a waiter may wait, and the overrides a caller may set.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use awsgen_types::waiter::{AcceptorError, AcceptorSet, RetrySchedule, ScheduleError};
use awsgen_types::WaiterDefinition;

use crate::wait_clock::{TokioClock, WaitClock};

/// The settings of one wait: the total time allowed (required by the Smithy
/// waiter spec), optional overrides of the model's delays, the clock and
/// the jitter seed.
///
/// ```
/// use std::time::Duration;
/// let config = awsgen_client::WaiterConfig::new(Duration::from_secs(300))
///     .with_max_delay(Duration::from_secs(30));
/// assert_eq!(config.max_wait(), Duration::from_secs(300));
/// ```
#[derive(Clone, Debug)]
pub struct WaiterConfig {
    max_wait: Duration,
    min_delay: Option<Duration>,
    max_delay: Option<Duration>,
    clock: Arc<dyn WaitClock>,
    rng_seed: Option<u64>,
}

impl WaiterConfig {
    /// Waits at most `max_wait` in total, with the model's delays, real time
    /// and a random jitter seed.
    pub fn new(max_wait: Duration) -> Self {
        WaiterConfig {
            max_wait,
            min_delay: None,
            max_delay: None,
            clock: Arc::new(TokioClock),
            rng_seed: None,
        }
    }

    /// Overrides the model's `minDelay` (checked against the maximum when the wait starts).
    pub fn with_min_delay(mut self, min_delay: Duration) -> Self {
        self.min_delay = Some(min_delay);
        self
    }

    /// Overrides the model's `maxDelay` (checked against the minimum when the wait starts).
    pub fn with_max_delay(mut self, max_delay: Duration) -> Self {
        self.max_delay = Some(max_delay);
        self
    }

    /// Uses `clock` for the time, the delays and the deadline.
    pub fn with_clock(mut self, clock: Arc<dyn WaitClock>) -> Self {
        self.clock = clock;
        self
    }

    /// Seeds the jitter, making the delays reproducible.
    pub fn with_rng_seed(mut self, seed: u64) -> Self {
        self.rng_seed = Some(seed);
        self
    }

    /// The total time allowed.
    pub fn max_wait(&self) -> Duration {
        self.max_wait
    }

    pub(crate) fn clock(&self) -> &dyn WaitClock {
        &*self.clock
    }

    pub(crate) fn rng(&self) -> fastrand::Rng {
        self.rng_seed
            .map_or_else(fastrand::Rng::new, fastrand::Rng::with_seed)
    }

    /// Checks the settings against `definition` and compiles its acceptors.
    pub(crate) fn prepare(
        &self,
        definition: &WaiterDefinition,
    ) -> Result<(RetrySchedule, AcceptorSet), WaiterConfigError> {
        if self.max_wait.is_zero() {
            return Err(WaiterConfigError::ZeroMaxWait);
        }
        let min_delay = self
            .min_delay
            .unwrap_or(Duration::from_secs(definition.min_delay_secs));
        let max_delay = self
            .max_delay
            .unwrap_or(Duration::from_secs(definition.max_delay_secs));
        let schedule =
            RetrySchedule::new(min_delay, max_delay).map_err(WaiterConfigError::Delays)?;
        let acceptors = AcceptorSet::compile(definition).map_err(WaiterConfigError::Acceptor)?;
        Ok((schedule, acceptors))
    }
}

/// Why a wait could not start. No request was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum WaiterConfigError {
    /// The total time allowed is zero.
    ZeroMaxWait,
    /// The total time allowed is too long to add to the clock's current instant.
    MaxWaitTooLong(Duration),
    /// The delays (the model's, or the overrides) do not make a schedule.
    Delays(ScheduleError),
    /// An acceptor of the waiter definition cannot be used.
    Acceptor(AcceptorError),
}

impl fmt::Display for WaiterConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaiterConfigError::ZeroMaxWait => f.write_str("the maximum wait time is zero"),
            WaiterConfigError::MaxWaitTooLong(max_wait) => {
                write!(
                    f,
                    "the maximum wait time {max_wait:?} is too long for the clock"
                )
            }
            WaiterConfigError::Delays(err) => fmt::Display::fmt(err, f),
            WaiterConfigError::Acceptor(err) => write!(f, "invalid waiter definition: {err}"),
        }
    }
}

impl std::error::Error for WaiterConfigError {}
