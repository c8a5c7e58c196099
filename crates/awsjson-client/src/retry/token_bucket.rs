//! The retry quota: a per-client bucket of tokens that retries spend and
//! successes refill, so a failing service is not hammered by every caller.

/// Tokens a new client starts with; the bucket never holds more.
pub(crate) const CAPACITY: u32 = 500;
/// What a first-try success adds back.
const FIRST_TRY_SUCCESS_REWARD: u32 = 1;

/// The retry quota of one client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TokenBucket {
    available: u32,
}

impl TokenBucket {
    /// A full bucket.
    pub(crate) fn new() -> Self {
        TokenBucket {
            available: CAPACITY,
        }
    }

    /// Takes `cost` tokens for a retry; `false` (and nothing taken) when there are too few.
    pub(crate) fn try_acquire(&mut self, cost: u32) -> bool {
        match self.available.checked_sub(cost) {
            Some(left) => {
                self.available = left;
                true
            }
            None => false,
        }
    }

    /// Gives back what the retry that just succeeded took.
    pub(crate) fn refund(&mut self, cost: u32) {
        self.available = self.available.saturating_add(cost).min(CAPACITY);
    }

    /// A success on the first attempt slowly refills the bucket.
    pub(crate) fn reward_first_try_success(&mut self) {
        self.refund(FIRST_TRY_SUCCESS_REWARD);
    }

    /// Tokens left.
    #[cfg(test)]
    pub(crate) fn available(&self) -> u32 {
        self.available
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::retry::RetryKind;

    #[test]
    fn starts_full_and_never_exceeds_capacity() {
        let mut bucket = TokenBucket::new();
        assert_eq!(bucket.available(), 500);
        bucket.reward_first_try_success();
        assert_eq!(bucket.available(), 500);
        bucket.refund(10);
        assert_eq!(bucket.available(), 500);
    }

    #[test]
    fn throttling_costs_five_and_transient_costs_ten() {
        let mut bucket = TokenBucket::new();
        assert!(bucket.try_acquire(RetryKind::Throttling.cost()));
        assert_eq!(bucket.available(), 495);
        assert!(bucket.try_acquire(RetryKind::Transient.cost()));
        assert_eq!(bucket.available(), 485);
    }

    #[test]
    fn refuses_when_empty_and_takes_nothing() {
        let mut bucket = TokenBucket::new();
        for _ in 0..50 {
            assert!(bucket.try_acquire(10));
        }
        assert_eq!(bucket.available(), 0);
        assert!(!bucket.try_acquire(5));
        assert_eq!(bucket.available(), 0);
        bucket.reward_first_try_success();
        assert_eq!(bucket.available(), 1);
        assert!(!bucket.try_acquire(5), "1 token is not enough for a retry");
        assert_eq!(bucket.available(), 1);
    }

    #[test]
    fn refund_returns_the_cost_of_a_successful_retry() {
        let mut bucket = TokenBucket::new();
        assert!(bucket.try_acquire(10));
        assert!(bucket.try_acquire(10));
        bucket.refund(10);
        assert_eq!(bucket.available(), 490);
    }
}
