//! How long to wait before the next attempt.

use std::time::Duration;

use http::HeaderMap;

/// Full-jitter exponential backoff: `unit × min(base × 2^(retry−1), cap)`.
///
/// `retry` counts retries from 1 (the wait before the second attempt);
/// `unit` is the random draw in `[0, 1)`, injected so tests can pin it. A
/// draw outside `[0, 1]` (or NaN) is treated as 1, the most conservative wait.
pub(crate) fn full_jitter_delay(retry: u32, base: Duration, cap: Duration, unit: f64) -> Duration {
    let exponent = retry.saturating_sub(1);
    let ceiling = 2u32
        .checked_pow(exponent)
        .and_then(|factor| base.checked_mul(factor))
        .map_or(cap, |delay| delay.min(cap));
    let unit = if (0.0..=1.0).contains(&unit) {
        unit
    } else {
        1.0
    };
    ceiling.mul_f64(unit)
}

/// The server's `x-amz-retry-after` hint (milliseconds), capped at `cap`.
pub(crate) fn retry_after_hint(headers: &HeaderMap, cap: Duration) -> Option<Duration> {
    let millis = headers
        .get("x-amz-retry-after")?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()?;
    Some(Duration::from_millis(millis).min(cap))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: Duration = Duration::from_secs(1);
    const CAP: Duration = Duration::from_secs(20);

    #[test]
    fn ceiling_doubles_per_retry_until_the_cap() {
        let ceilings: Vec<u64> = (1..=7)
            .map(|retry| full_jitter_delay(retry, BASE, CAP, 1.0).as_secs())
            .collect();
        assert_eq!(ceilings, [1, 2, 4, 8, 16, 20, 20]);
    }

    #[test]
    fn jitter_scales_the_ceiling() {
        assert_eq!(full_jitter_delay(3, BASE, CAP, 0.0), Duration::ZERO);
        assert_eq!(full_jitter_delay(3, BASE, CAP, 0.5), Duration::from_secs(2));
        assert_eq!(
            full_jitter_delay(2, BASE, CAP, 0.25),
            Duration::from_millis(500)
        );
    }

    #[test]
    fn every_draw_stays_within_bounds() {
        for retry in 1..=40 {
            let ceiling = BASE.saturating_mul(1u32 << (retry - 1).min(31)).min(CAP);
            for unit in [0.0, 0.1, 0.5, 0.999_999, fastrand::f64()] {
                let delay = full_jitter_delay(retry, BASE, CAP, unit);
                assert!(
                    delay <= ceiling,
                    "retry {retry} unit {unit}: {delay:?} > {ceiling:?}"
                );
            }
        }
    }

    #[test]
    fn huge_retry_counts_and_bad_draws_do_not_overflow() {
        assert_eq!(full_jitter_delay(u32::MAX, BASE, CAP, 1.0), CAP);
        assert_eq!(full_jitter_delay(64, Duration::MAX, CAP, 1.0), CAP);
        assert_eq!(
            full_jitter_delay(2, BASE, CAP, f64::NAN),
            Duration::from_secs(2)
        );
        assert_eq!(
            full_jitter_delay(2, BASE, CAP, -3.0),
            Duration::from_secs(2)
        );
    }

    #[test]
    fn retry_after_is_read_in_milliseconds_and_capped() {
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after_hint(&headers, CAP), None);
        headers.insert("x-amz-retry-after", "1500".parse().unwrap());
        assert_eq!(
            retry_after_hint(&headers, CAP),
            Some(Duration::from_millis(1500))
        );
        headers.insert("x-amz-retry-after", "999999999".parse().unwrap());
        assert_eq!(retry_after_hint(&headers, CAP), Some(CAP));
        headers.insert("x-amz-retry-after", "soon".parse().unwrap());
        assert_eq!(retry_after_hint(&headers, CAP), None);
    }
}
