//! Where `@idempotencyToken` members the caller left unset get their value
//! (`Operation::fill_unset`): a random UUID v4 per call, as the AWS SDKs
//! do, unless the client was given another source (a test that needs a
//! fixed token, say).

use std::fmt;
use std::sync::Arc;

use crate::invocation::invocation_id;

/// The source of idempotency tokens.
#[derive(Clone, Default)]
pub(crate) enum IdempotencyTokens {
    /// A fresh random UUID v4 per call.
    #[default]
    Random,
    /// The caller's function (`ClientBuilder::idempotency_token_provider`).
    Custom(Arc<dyn Fn() -> String + Send + Sync>),
}

impl IdempotencyTokens {
    /// The next token.
    pub(crate) fn next(&self) -> String {
        match self {
            IdempotencyTokens::Random => {
                // A UUID is ASCII hex digits and hyphens.
                String::from_utf8_lossy(invocation_id().as_bytes()).into_owned()
            }
            IdempotencyTokens::Custom(provider) => provider(),
        }
    }
}

/// Says which source, never calls it.
impl fmt::Debug for IdempotencyTokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            IdempotencyTokens::Random => "Random",
            IdempotencyTokens::Custom(_) => "Custom",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_tokens_are_fresh_uuids_and_custom_ones_come_from_the_provider() {
        let random = IdempotencyTokens::Random;
        let (a, b) = (random.next(), random.next());
        assert_eq!(a.len(), 36, "{a}");
        assert_eq!(a.as_bytes()[14], b'4', "version 4: {a}");
        assert_ne!(a, b);
        let fixed = IdempotencyTokens::Custom(Arc::new(|| "token".to_owned()));
        assert_eq!(fixed.next(), "token");
        assert_eq!(format!("{fixed:?}"), "Custom");
    }
}
