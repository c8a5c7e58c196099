//! Signing with the service's idea of the time when the local clock is off
//! (PROTOCOL §4.4).
//!
//! A signature carries its time, and services refuse one more than five
//! minutes from their own clock. A machine whose clock is wrong (a VM back
//! from suspend, a container without time sync) would otherwise fail every
//! call. The client keeps an offset to add to the local time when it signs.
//! The offset is learned only from an error response that blames the
//! signature's time and carries a `Date` header: successful responses are not
//! read for it, so the hot path pays one atomic load per attempt. When the
//! offset changes, the failed attempt is retried once with the corrected
//! time.

use std::fmt;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime};

use awsgen_types::{DateTime, TimestampFormat};
use http::HeaderMap;

/// The codes services use for a signature whose time they refuse (the list
/// the AWS SDKs share). `SignatureDoesNotMatch` is among them because some
/// services answer a skewed time with it; a wrong key gives it too, but
/// then the `Date` header agrees with the local clock and nothing changes.
const SKEW_CODES: &[&str] = &[
    "AuthFailure",
    "InvalidSignatureException",
    "RequestExpired",
    "RequestInTheFuture",
    "RequestTimeTooSkewed",
    "SignatureDoesNotMatch",
];

/// Differences below this are left alone: services accept five minutes
/// either way, and a server's `Date` is only exact to the second.
const TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// The service times an offset may be learned from: SigV4 cannot sign a
/// time before 1970 or after 9999, so a `Date` outside 1970 to 9998 (a
/// broken server or proxy) would leave the client unable to sign at all,
/// and then no later refusal could correct it.
const SIGNABLE_MILLIS: std::ops::RangeInclusive<i64> = 0..=253_370_764_799_999;

/// Whether `code` says the signature's time was refused.
pub(crate) fn is_skew_code(code: &str) -> bool {
    SKEW_CODES.contains(&code)
}

/// How far the service's clock is ahead of the local one, shared by every
/// call of a client.
#[derive(Default)]
pub(crate) struct ClockOffset {
    /// Milliseconds to add to the local time; negative when the local clock
    /// is ahead.
    millis: AtomicI64,
}

impl ClockOffset {
    /// The local time moved by the offset, for signing.
    pub(crate) fn corrected(&self, local: SystemTime) -> SystemTime {
        shift(local, self.millis.load(Ordering::Relaxed))
    }

    /// Learns the offset from a response's `Date` header, read at `local`.
    /// Returns whether it changed, that is whether the service's time is
    /// at least [`TOLERANCE`] away from the corrected local time. A missing
    /// or unreadable header changes nothing.
    pub(crate) fn learn(&self, headers: &HeaderMap, local: SystemTime) -> bool {
        let Some(server) = server_time(headers)
            .and_then(millis)
            .filter(|t| SIGNABLE_MILLIS.contains(t))
        else {
            return false;
        };
        let Some(local) = millis(DateTime::from(local)) else {
            return false;
        };
        let current = self.millis.load(Ordering::Relaxed);
        let offset = server.saturating_sub(local);
        if offset.abs_diff(current) < TOLERANCE.as_millis() as u64 {
            return false;
        }
        self.millis.store(offset, Ordering::Relaxed);
        true
    }

    /// The offset now in use.
    pub(crate) fn millis(&self) -> i64 {
        self.millis.load(Ordering::Relaxed)
    }
}

impl fmt::Debug for ClockOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ms", self.millis())
    }
}

/// The `Date` header (IMF-fixdate).
fn server_time(headers: &HeaderMap) -> Option<DateTime> {
    let text = headers.get(http::header::DATE)?.to_str().ok()?;
    DateTime::parse(text.trim(), TimestampFormat::HttpDate).ok()
}

/// Milliseconds since the epoch (negative before it), `None` past `i64`.
fn millis(time: DateTime) -> Option<i64> {
    let millis = i64::from(time.subsec_nanos() / 1_000_000);
    time.secs().checked_mul(1000)?.checked_add(millis)
}

/// `time` moved by `millis`, left as it is where that would overflow.
fn shift(time: SystemTime, millis: i64) -> SystemTime {
    let by = Duration::from_millis(millis.unsigned_abs());
    let shifted = if millis >= 0 {
        time.checked_add(by)
    } else {
        time.checked_sub(by)
    };
    shifted.unwrap_or(time)
}

#[cfg(test)]
mod tests {
    use std::time::UNIX_EPOCH;

    use super::*;

    fn date_header(text: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(http::header::DATE, text.parse().unwrap());
        headers
    }

    /// Sun, 02 Jan 2000 20:34:56 GMT.
    const SERVER_SECS: u64 = 946_845_296;
    const SERVER_DATE: &str = "Sun, 02 Jan 2000 20:34:56 GMT";

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn a_local_clock_behind_or_ahead_is_corrected() {
        for local_secs in [SERVER_SECS - 3600, SERVER_SECS + 86_400] {
            let offset = ClockOffset::default();
            assert!(offset.learn(&date_header(SERVER_DATE), at(local_secs)));
            assert_eq!(offset.corrected(at(local_secs)), at(SERVER_SECS));
            // Ten seconds later, the corrected clock has moved ten seconds.
            assert_eq!(offset.corrected(at(local_secs + 10)), at(SERVER_SECS + 10));
        }
    }

    #[test]
    fn small_differences_and_bad_headers_change_nothing() {
        let offset = ClockOffset::default();
        // Four minutes off: within what services accept.
        assert!(!offset.learn(&date_header(SERVER_DATE), at(SERVER_SECS - 240)));
        assert!(!offset.learn(&HeaderMap::new(), at(SERVER_SECS - 3600)));
        for bad in [
            "yesterday",
            "Sun, 02 Jan 2000 20:34:56",
            "2000-01-02T20:34:56Z",
            // Real dates, but not ones a signature can carry.
            "Mon, 01 Jan 1900 00:00:00 GMT",
            "Fri, 31 Dec 9999 23:59:59 GMT",
        ] {
            assert!(
                !offset.learn(&date_header(bad), at(SERVER_SECS - 3600)),
                "{bad}"
            );
        }
        assert_eq!(offset.millis(), 0);
        assert_eq!(offset.corrected(at(SERVER_SECS)), at(SERVER_SECS));
    }

    #[test]
    fn a_corrected_clock_is_not_corrected_again() {
        let offset = ClockOffset::default();
        assert!(offset.learn(&date_header(SERVER_DATE), at(SERVER_SECS - 3600)));
        // The same answer a second later: the corrected clock agrees.
        assert!(!offset.learn(&date_header(SERVER_DATE), at(SERVER_SECS - 3599)));
        assert_eq!(offset.millis(), 3_600_000);
    }

    #[test]
    fn skew_codes_are_recognized_exactly() {
        assert!(is_skew_code("InvalidSignatureException"));
        assert!(is_skew_code("RequestTimeTooSkewed"));
        assert!(!is_skew_code("invalidsignatureexception"));
        assert!(!is_skew_code("AccessDeniedException"));
    }

    #[test]
    fn shifting_moves_both_ways_and_never_panics() {
        assert_eq!(shift(at(100), -100_000), at(0));
        assert_eq!(shift(at(100), 5_000), at(105));
        let _ = shift(at(0), i64::MIN);
        let _ = shift(at(0), i64::MAX);
    }
}
