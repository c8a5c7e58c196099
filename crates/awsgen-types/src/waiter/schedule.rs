//! The delay between polls: exponential backoff with jitter, capped by the
//! time the caller is still willing to wait.

use std::fmt;
use std::time::Duration;

use super::WaiterDefinition;

/// A waiter's delay bounds, checked: `0 < min_delay <= max_delay`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetrySchedule {
    min_delay: Duration,
    max_delay: Duration,
}

impl RetrySchedule {
    /// A schedule with these bounds.
    pub fn new(min_delay: Duration, max_delay: Duration) -> Result<Self, ScheduleError> {
        if min_delay.is_zero() {
            return Err(ScheduleError::ZeroMinDelay);
        }
        if min_delay > max_delay {
            return Err(ScheduleError::MinAboveMax {
                min_delay,
                max_delay,
            });
        }
        Ok(RetrySchedule {
            min_delay,
            max_delay,
        })
    }

    /// The schedule of a model's waiter (`minDelay`, `maxDelay` in seconds).
    pub fn from_definition(definition: &WaiterDefinition) -> Result<Self, ScheduleError> {
        RetrySchedule::new(
            Duration::from_secs(definition.min_delay_secs),
            Duration::from_secs(definition.max_delay_secs),
        )
    }

    /// The shortest delay between polls.
    pub fn min_delay(&self) -> Duration {
        self.min_delay
    }

    /// The longest delay between polls.
    pub fn max_delay(&self) -> Duration {
        self.max_delay
    }

    /// The upper end of the jitter range before retry `attempt` (1 for the
    /// first retry): `minDelay * 2^(attempt - 1)`, or `maxDelay` once that
    /// passes it.
    ///
    /// The spec writes the switch as `attempt > attemptCeiling` with
    /// `attemptCeiling = log2(maxDelay / minDelay) + 1`; for whole attempts
    /// that is exactly "the doubled delay would pass `maxDelay`", which is
    /// computed here in integers, so there is no float rounding at powers of
    /// two and no overflow however large `attempt` grows.
    pub fn delay_ceiling(&self, attempt: u32) -> Duration {
        let doublings = attempt.saturating_sub(1);
        1u32.checked_shl(doublings)
            .and_then(|factor| self.min_delay.checked_mul(factor))
            .map_or(self.max_delay, |delay| delay.min(self.max_delay))
    }

    /// The delay before retry `attempt` (1 for the first retry), given the
    /// time `remaining` before the caller's deadline; `None` when no further
    /// poll fits, which ends the wait as a timeout.
    ///
    /// `random(low, high)` returns a whole number of milliseconds in
    /// `low..=high` (a value outside is clamped into it). The Smithy
    /// "Waiter retries" algorithm draws whole seconds; with the model's
    /// whole-second delays the range has the same ends, and milliseconds let
    /// a caller's sub-second overrides work.
    ///
    /// When the drawn delay would leave `minDelay` or less before the
    /// deadline, the delay becomes `remaining - minDelay`: the last poll is
    /// sent early enough to finish before the deadline. The Smithy spec text
    /// (and PROTOCOL.md 3.4) say `delay = remaining`, which would send the
    /// last request exactly at the deadline, when the waiter must already
    /// have given up; this follows smithy-go's `ComputeDelay` instead.
    ///
    /// No poll fits once `remaining <= minDelay`. Since the last delay
    /// leaves exactly `minDelay`, a `<` test here would, with polls that
    /// take no time (a fake clock, a fast local server), retry forever with
    /// zero delays.
    pub fn next_delay(
        &self,
        attempt: u32,
        remaining: Duration,
        random: impl FnOnce(u64, u64) -> u64,
    ) -> Option<Duration> {
        if remaining <= self.min_delay {
            return None;
        }
        let low = whole_millis(self.min_delay);
        let high = whole_millis(self.delay_ceiling(attempt)).max(low);
        let drawn = if low == high {
            low
        } else {
            random(low, high).clamp(low, high)
        };
        let delay = Duration::from_millis(drawn).max(self.min_delay);
        if remaining.saturating_sub(delay) <= self.min_delay {
            return Some(remaining - self.min_delay);
        }
        Some(delay)
    }
}

fn whole_millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// Delay bounds that cannot make a schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ScheduleError {
    /// `minDelay` is zero: the waiter would poll in a tight loop.
    ZeroMinDelay,
    /// `minDelay` is above `maxDelay`.
    MinAboveMax {
        /// The minimum delay.
        min_delay: Duration,
        /// The maximum delay.
        max_delay: Duration,
    },
}

impl fmt::Display for ScheduleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScheduleError::ZeroMinDelay => f.write_str("the minimum delay must be above zero"),
            ScheduleError::MinAboveMax {
                min_delay,
                max_delay,
            } => write!(
                f,
                "the minimum delay ({min_delay:?}) is above the maximum delay ({max_delay:?})"
            ),
        }
    }
}

impl std::error::Error for ScheduleError {}
