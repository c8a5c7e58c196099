use std::cell::RefCell;
use std::time::Duration;

use super::{RetrySchedule, ScheduleError, WaiterDefinition};

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

fn schedule(min: u64, max: u64) -> RetrySchedule {
    RetrySchedule::new(secs(min), secs(max)).expect("valid bounds")
}

/// Always picks the top of the range.
fn highest(_low: u64, high: u64) -> u64 {
    high
}

#[test]
fn the_ceiling_doubles_from_min_delay_up_to_max_delay() {
    let s = schedule(2, 120);
    let ceilings: Vec<u64> = (1..=9).map(|a| s.delay_ceiling(a).as_secs()).collect();
    assert_eq!(ceilings, [2, 4, 8, 16, 32, 64, 120, 120, 120]);
    let ecr = schedule(5, 120);
    let ceilings: Vec<u64> = (1..=7).map(|a| ecr.delay_ceiling(a).as_secs()).collect();
    assert_eq!(ceilings, [5, 10, 20, 40, 80, 120, 120]);
    // A power-of-two ratio reaches maxDelay exactly, with no float rounding.
    assert_eq!(schedule(3, 24).delay_ceiling(4), secs(24));
    assert_eq!(schedule(3, 24).delay_ceiling(3), secs(12));
    // Attempt 0 is treated as the first retry.
    assert_eq!(s.delay_ceiling(0), secs(2));
}

#[test]
fn huge_attempts_and_delays_do_not_overflow() {
    let s = schedule(2, 120);
    for attempt in [32, 33, 64, 1_000, u32::MAX] {
        assert_eq!(s.delay_ceiling(attempt), secs(120), "attempt {attempt}");
    }
    let enormous = RetrySchedule::new(Duration::MAX / 3, Duration::MAX).unwrap();
    assert_eq!(enormous.delay_ceiling(2), (Duration::MAX / 3) * 2);
    assert_eq!(enormous.delay_ceiling(3), Duration::MAX);
    let delay = enormous.next_delay(40, Duration::MAX, highest);
    assert!(delay.is_some_and(|d| d >= Duration::MAX / 3), "{delay:?}");
}

#[test]
fn the_random_draw_spans_min_delay_to_the_ceiling_in_milliseconds() {
    let s = schedule(2, 120);
    let asked = RefCell::new(Vec::new());
    let draw = |low, high| {
        asked.borrow_mut().push((low, high));
        low + 1_500
    };
    assert_eq!(
        s.next_delay(3, secs(300), draw),
        Some(Duration::from_millis(3_500))
    );
    assert_eq!(asked.borrow().as_slice(), [(2_000, 8_000)]);
    // The first retry has nothing to draw from: min and ceiling coincide.
    let never = |_: u64, _: u64| -> u64 { panic!("no draw needed") };
    assert_eq!(s.next_delay(1, secs(300), never), Some(secs(2)));
}

#[test]
fn a_draw_outside_the_range_is_clamped_into_it() {
    let s = schedule(2, 120);
    assert_eq!(s.next_delay(3, secs(300), |_, _| u64::MAX), Some(secs(8)));
    assert_eq!(s.next_delay(3, secs(300), |_, _| 0), Some(secs(2)));
}

#[test]
fn the_last_delay_leaves_min_delay_for_one_final_poll() {
    let s = schedule(2, 120);
    // 10 - 9 = 1 <= 2: wait 10 - 2 = 8 instead, then poll a last time.
    assert_eq!(s.next_delay(5, secs(10), |_, _| 9_000), Some(secs(8)));
    // 10 - 7 = 3 > 2: the drawn delay stands.
    assert_eq!(s.next_delay(5, secs(10), |_, _| 7_000), Some(secs(7)));
    // Sub-second remaining time is kept exactly.
    let remaining = Duration::from_millis(4_250);
    assert_eq!(
        s.next_delay(2, remaining, highest),
        Some(Duration::from_millis(2_250))
    );
}

#[test]
fn no_poll_fits_once_only_min_delay_or_less_remains() {
    let s = schedule(2, 120);
    assert_eq!(s.next_delay(1, secs(2), highest), None);
    assert_eq!(s.next_delay(1, Duration::from_millis(1_999), highest), None);
    assert_eq!(s.next_delay(1, Duration::ZERO, highest), None);
    assert_eq!(
        s.next_delay(1, Duration::from_millis(2_001), highest),
        Some(Duration::from_millis(1))
    );
}

#[test]
fn a_whole_wait_with_instant_polls_ends_min_delay_before_the_deadline() {
    // minDelay 2, maxDelay 120, 300 s allowed, the top of every range drawn.
    let s = schedule(2, 120);
    let mut remaining = secs(300);
    let mut delays = Vec::new();
    let mut attempt = 1;
    while let Some(delay) = s.next_delay(attempt, remaining, highest) {
        delays.push(delay.as_secs());
        remaining -= delay;
        attempt += 1;
    }
    assert_eq!(delays, [2, 4, 8, 16, 32, 64, 120, 52]);
    assert_eq!(remaining, secs(2));
}

#[test]
fn bounds_are_checked() {
    assert_eq!(
        RetrySchedule::new(Duration::ZERO, secs(5)),
        Err(ScheduleError::ZeroMinDelay)
    );
    let err = RetrySchedule::new(secs(6), secs(5)).unwrap_err();
    assert_eq!(
        err,
        ScheduleError::MinAboveMax {
            min_delay: secs(6),
            max_delay: secs(5)
        }
    );
    assert!(err.to_string().contains("6s"), "{err}");
    let linear = schedule(7, 7);
    assert_eq!(linear.next_delay(9, secs(100), highest), Some(secs(7)));
}

#[test]
fn a_definition_gives_its_schedule() {
    static DEFINITION: WaiterDefinition = WaiterDefinition::new("Ready", "Describe", 5, 120, &[]);
    let s = RetrySchedule::from_definition(&DEFINITION).unwrap();
    assert_eq!((s.min_delay(), s.max_delay()), (secs(5), secs(120)));
    static BROKEN: WaiterDefinition = WaiterDefinition::new("Broken", "Describe", 0, 120, &[]);
    assert_eq!(
        RetrySchedule::from_definition(&BROKEN),
        Err(ScheduleError::ZeroMinDelay)
    );
}
