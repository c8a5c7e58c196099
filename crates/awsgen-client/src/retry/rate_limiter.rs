//! The adaptive retry mode's client-side rate limiter, as the AWS SDKs
//! specify it (SDK reference "Retry behavior"; botocore's
//! `retries/adaptive.py`, smithy-rs' `client_rate_limiter.rs`).
//!
//! Every attempt takes a token from a bucket before it is sent, waiting
//! when there is none. The bucket is off until the first throttling
//! response; from then on its fill rate follows the client's own sending
//! rate: a throttling response cuts it to `BETA` (70%) of the rate measured
//! when it came, and every other response lets it grow back along a CUBIC
//! curve, slowly near that rate and faster once past it, never above twice
//! the rate the client is actually sending at.
//!
//! The state machine takes the time as seconds since the limiter first ran
//! (`now`), so its tests drive it with a clock of their own; the client
//! passes Tokio's clock.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// The lowest fill rate, in tokens (attempts) per second.
const MIN_FILL_RATE: f64 = 0.5;
/// The bucket holds at least one token.
const MIN_CAPACITY: f64 = 1.0;
/// The weight of the newest measurement in the smoothed sending rate.
const SMOOTH: f64 = 0.8;
/// What a throttling response leaves of the sending rate.
const BETA: f64 = 0.7;
/// How fast the rate grows back after a throttling response.
const SCALE_CONSTANT: f64 = 0.4;
/// The sending rate is measured over half-second buckets.
const RATE_BUCKETS_PER_SECOND: f64 = 2.0;
/// What one attempt takes from the bucket.
const ATTEMPT_COST: f64 = 1.0;

/// The rate limiter of one client, shared by every call on it. Only a
/// client in adaptive mode has one.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    state: Mutex<(Option<tokio::time::Instant>, LimiterState)>,
}

impl RateLimiter {
    pub(crate) fn new() -> Self {
        RateLimiter {
            state: Mutex::new((None, LimiterState::new())),
        }
    }

    /// Takes a token for an attempt about to be sent; returns how long to
    /// wait before sending it, if at all.
    pub(crate) fn acquire(&self) -> Option<Duration> {
        self.with_state(LimiterState::acquire)
    }

    /// Records the outcome of an attempt: a throttling response or anything else.
    pub(crate) fn record(&self, throttled: bool) {
        self.with_state(|state, now| state.record(now, throttled));
    }

    /// Runs `f` on the state with the seconds since the limiter first ran.
    fn with_state<T>(&self, f: impl FnOnce(&mut LimiterState, f64) -> T) -> T {
        let mut guard = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let (origin, state) = &mut *guard;
        let now = tokio::time::Instant::now();
        let origin = *origin.get_or_insert(now);
        f(state, now.duration_since(origin).as_secs_f64())
    }
}

/// The bucket, the measured sending rate and the CUBIC curve's parameters.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LimiterState {
    /// Whether a throttling response has been seen: until then no attempt waits.
    enabled: bool,
    /// Tokens added per second.
    fill_rate: f64,
    /// The most tokens the bucket holds.
    max_capacity: f64,
    /// Tokens in the bucket; below zero when attempts have taken tokens
    /// still to come (they wait for them).
    capacity: f64,
    /// When the bucket was last filled.
    last_refill: Option<f64>,
    /// The smoothed rate at which the client sends attempts.
    measured_rate: f64,
    /// The start of the half-second bucket the rate is being counted in.
    rate_bucket: f64,
    /// Attempts counted in that bucket.
    attempts_in_bucket: u64,
    /// The rate the client was sending at when it was last throttled
    /// (CUBIC's `W_max`).
    rate_at_throttle: f64,
    /// When it was last throttled.
    last_throttle: f64,
}

impl LimiterState {
    /// A limiter starting at time 0.
    pub(crate) fn new() -> Self {
        LimiterState {
            enabled: false,
            fill_rate: MIN_FILL_RATE,
            max_capacity: MIN_CAPACITY,
            capacity: 0.0,
            last_refill: None,
            measured_rate: 0.0,
            rate_bucket: 0.0,
            attempts_in_bucket: 0,
            rate_at_throttle: 0.0,
            last_throttle: 0.0,
        }
    }

    /// Takes a token at `now`; the wait until it is there, if it is not.
    pub(crate) fn acquire(&mut self, now: f64) -> Option<Duration> {
        if !self.enabled {
            return None;
        }
        self.refill(now);
        let missing = ATTEMPT_COST - self.capacity;
        // Taken even when missing: later attempts queue behind this one.
        self.capacity -= ATTEMPT_COST;
        (missing > 0.0).then(|| Duration::from_secs_f64(missing / self.fill_rate))
    }

    /// Records an attempt's outcome at `now` and sets the new fill rate.
    pub(crate) fn record(&mut self, now: f64, throttled: bool) {
        self.measure_rate(now);
        let rate = if throttled {
            let rate_to_use = if self.enabled {
                self.measured_rate.min(self.fill_rate)
            } else {
                self.measured_rate
            };
            self.rate_at_throttle = rate_to_use;
            self.last_throttle = now;
            self.enabled = true;
            rate_to_use * BETA
        } else {
            self.cubic_rate(now)
        };
        self.set_fill_rate(now, rate.min(2.0 * self.measured_rate));
    }

    /// CUBIC: the rate `now`, growing from `BETA * W_max` at the last
    /// throttle, flat around `W_max` after `K` seconds, steeper past it.
    fn cubic_rate(&self, now: f64) -> f64 {
        let k = (self.rate_at_throttle * (1.0 - BETA) / SCALE_CONSTANT).cbrt();
        SCALE_CONSTANT * (now - self.last_throttle - k).powi(3) + self.rate_at_throttle
    }

    fn refill(&mut self, now: f64) {
        if let Some(last) = self.last_refill {
            let added = (now - last).max(0.0) * self.fill_rate;
            self.capacity = (self.capacity + added).min(self.max_capacity);
        }
        self.last_refill = Some(now);
    }

    fn set_fill_rate(&mut self, now: f64, rate: f64) {
        // Tokens earned at the old rate first.
        self.refill(now);
        self.fill_rate = rate.max(MIN_FILL_RATE);
        self.max_capacity = rate.max(MIN_CAPACITY);
        self.capacity = self.capacity.min(self.max_capacity);
    }

    /// Counts an attempt; at the end of each half-second bucket, folds the
    /// bucket's rate into the smoothed one.
    fn measure_rate(&mut self, now: f64) {
        let bucket = (now * RATE_BUCKETS_PER_SECOND).floor() / RATE_BUCKETS_PER_SECOND;
        self.attempts_in_bucket += 1;
        if bucket > self.rate_bucket {
            let rate = self.attempts_in_bucket as f64 / (bucket - self.rate_bucket);
            self.measured_rate = rate * SMOOTH + self.measured_rate * (1.0 - SMOOTH);
            self.attempts_in_bucket = 0;
            self.rate_bucket = bucket;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_close(actual: f64, expected: f64, what: &str) {
        assert!(
            (actual - expected).abs() <= 1e-9 * expected.abs().max(1.0),
            "{what}: {actual} != {expected}"
        );
    }

    #[test]
    fn off_until_the_first_throttling_response() {
        let mut state = LimiterState::new();
        for step in 0..100 {
            let now = f64::from(step) * 0.01;
            assert_eq!(state.acquire(now), None);
            state.record(now, false);
        }
        assert!(!state.enabled);
        state.record(1.0, true);
        assert!(state.enabled);
    }

    /// The CUBIC curve after a throttle at 5 s while sending at 10/s: back
    /// to 7 (70%) at once, flat near 10 after K = 1.96 s, then steeper.
    /// The figures are the cross-SDK test vector (aws-sdk-go-v2's
    /// `adaptive_ratelimit_test.go`, also in smithy-rs).
    #[test]
    fn the_rate_follows_the_cubic_curve_after_a_throttle() {
        let mut state = LimiterState::new();
        state.rate_at_throttle = 10.0;
        state.last_throttle = 5.0;
        for (now, expected) in [
            (5.0, 7.0),
            (6.0, 9.64893600966),
            (7.0, 10.000030849917364),
            (8.0, 10.453284520772092),
            (9.0, 13.408697022224185),
            (10.0, 21.26626835427364),
            (11.0, 36.425998516920465),
        ] {
            assert_close(state.cubic_rate(now), expected, &format!("t={now}"));
        }
    }

    /// A client sending every 200 ms, throttled at 2.0 s and 3.2 s: the
    /// measured sending rate and the fill rate at each step, as in the
    /// cross-SDK test vector (aws-sdk-go-v2's `TestClientSendingRates`,
    /// smithy-rs' `test_client_sending_rates`).
    #[test]
    fn measured_and_fill_rates_match_the_sdk_test_vector() {
        let mut state = LimiterState::new();
        let steps = [
            (false, 0.000000, 0.500000),
            (false, 0.000000, 0.500000),
            (false, 4.800000000000001, 0.500000),
            (false, 4.800000000000001, 0.500000),
            (false, 4.160000, 0.500000),
            (false, 4.160000, 0.691200),
            (false, 4.160000, 1.0975999999999997),
            (false, 5.632000000000001, 1.6384000000000005),
            (false, 5.632000000000001, 2.332800),
            (true, 4.326400, 3.0284799999999996),
            (false, 4.326400, 3.48663917347026),
            (false, 4.326400, 3.821874416040255),
            (false, 5.665280, 4.053385727709987),
            (false, 5.665280, 4.200373108479454),
            (false, 4.333056, 4.282036558348658),
            (true, 4.333056, 2.99742559084406),
            (false, 4.333056, 3.4522263943863463),
        ];
        for (index, (throttled, measured, fill)) in steps.into_iter().enumerate() {
            let now = 0.2 * (index + 1) as f64;
            state.record(now, throttled);
            assert_close(state.measured_rate, measured, &format!("measured at {now}"));
            assert_close(state.fill_rate, fill, &format!("fill at {now}"));
        }
    }

    /// Once on, an attempt waits for its token: at a fill rate of 0.5/s the
    /// first attempt after a throttle waits 2 s, and two more attempts at
    /// the same moment queue behind it (4 s, 6 s).
    #[test]
    fn attempts_wait_for_their_tokens_in_turn() {
        let mut state = LimiterState::new();
        state.record(0.0, true);
        assert_eq!(state.fill_rate, MIN_FILL_RATE);
        assert_eq!(state.acquire(0.0), Some(Duration::from_secs(2)));
        assert_eq!(state.acquire(0.0), Some(Duration::from_secs(4)));
        assert_eq!(state.acquire(0.0), Some(Duration::from_secs(6)));
        // Six seconds later the three tokens have been earned.
        assert_eq!(state.acquire(6.0), Some(Duration::from_secs(2)));
    }

    #[test]
    fn a_full_bucket_lets_attempts_through_without_waiting() {
        let mut state = LimiterState::new();
        state.record(0.0, true);
        state.fill_rate = 10.0;
        state.max_capacity = 10.0;
        state.last_refill = Some(0.0);
        // One second fills the bucket: ten attempts go at once, the eleventh waits 0.1 s.
        for _ in 0..10 {
            assert_eq!(state.acquire(1.0), None);
        }
        let wait = state.acquire(1.0).expect("the bucket is empty");
        assert_close(wait.as_secs_f64(), 0.1, "wait");
    }
}
