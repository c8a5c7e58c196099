//! Required (non-`Option`) members: what a slot that
//! [`read_member`](super::read_member) filled, or left empty, becomes.
//!
//! A slot is `None` when the member was missing, `Some(None)` when it was
//! `null`, and `Some(Some(value))` otherwise.

use super::Unsupported;
use crate::serde_as::ZeroValue;

/// A required member the serde path error-corrects, or a member whose
/// `@default` is the empty value: missing or `null`, it reads as its zero
/// value. That is what the generated field's
/// `default = "zero_value"` (missing) and `OrZero` adapter (`null`) do, and
/// the value comes from the same [`ZeroValue`] impl.
pub fn or_zero<T: ZeroValue>(slot: Option<Option<T>>) -> T {
    slot.flatten().unwrap_or_else(T::zero_value)
}

/// A required member with no zero value (a structure): serde's derive
/// refuses it missing ("missing field") or `null`, so the reader gives up
/// and serde_json reports the error.
pub fn required<T>(slot: Option<Option<T>>) -> Result<T, Unsupported> {
    slot.flatten().ok_or(Unsupported)
}
