//! The time source of a waiter: what "now" is, how it sleeps between polls,
//! and when a poll in flight must give up. Injectable so tests need not wait.

use std::fmt;
use std::future::{poll_fn, Future};
use std::pin::{pin, Pin};
use std::task::Poll;
use std::time::{Duration, Instant};

/// A future a [`WaitClock`] returns.
pub type ClockFuture = Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

/// The clock a waiter reads and sleeps on. The default, [`TokioClock`], is
/// the real time of the Tokio runtime; a test can pass a clock whose sleeps
/// only move a counter.
pub trait WaitClock: Send + Sync + 'static {
    /// The current instant on this clock.
    fn now(&self) -> Instant;

    /// Completes after `duration`: the delay between two polls.
    fn sleep(&self, duration: Duration) -> ClockFuture;

    /// Completes once [`now`](Self::now) reaches `deadline`: it bounds a poll
    /// in flight, which is dropped (cancelling the request) when this
    /// completes first. The default sleeps for the time left. A fake clock
    /// whose `sleep` advances time at once should override this with a
    /// future that stays pending until its time has actually come.
    fn deadline(&self, deadline: Instant) -> ClockFuture {
        self.sleep(deadline.saturating_duration_since(self.now()))
    }
}

/// Real time: `std::time::Instant` and Tokio's timer.
#[derive(Clone, Copy, Debug, Default)]
pub struct TokioClock;

impl WaitClock for TokioClock {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn sleep(&self, duration: Duration) -> ClockFuture {
        Box::pin(tokio::time::sleep(duration))
    }

    fn deadline(&self, deadline: Instant) -> ClockFuture {
        Box::pin(tokio::time::sleep_until(deadline.into()))
    }
}

impl fmt::Debug for dyn WaitClock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WaitClock")
    }
}

/// Runs `work` until it finishes (`Some`) or `deadline` completes first (`None`).
pub(crate) async fn before_deadline<F: Future>(
    work: F,
    deadline: ClockFuture,
) -> Option<F::Output> {
    let mut work = pin!(work);
    let mut deadline = deadline;
    poll_fn(|cx| {
        // The work is polled first, so a result that is ready wins a tie.
        if let Poll::Ready(output) = work.as_mut().poll(cx) {
            return Poll::Ready(Some(output));
        }
        if deadline.as_mut().poll(cx).is_ready() {
            return Poll::Ready(None);
        }
        Poll::Pending
    })
    .await
}
