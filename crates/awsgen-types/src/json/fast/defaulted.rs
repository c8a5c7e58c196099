//! `@default` members with a default other than the empty one: what a slot
//! that [`read_member`](super::read_member) filled, or left empty, becomes.
//! (An empty default, `[]`, `{}`, `""` for a blob or `0` for a timestamp, is
//! the zero value and read with [`or_zero`](super::or_zero), as serde reads
//! it through `OrZero`.)

/// A defaulted member: missing or `null`, it is `default()`; otherwise the
/// value read. The generated field has `default = "T::default_x"` (missing)
/// and `deserialize_with = "T::deserialize_x"`, which reads an `Option` and
/// turns `None` (`null`) into `T::default_x()` too; the generated reader
/// passes that same `T::default_x`, so both paths get one value.
pub fn or_default<T>(slot: Option<Option<T>>, default: impl FnOnce() -> T) -> T {
    slot.flatten().unwrap_or_else(default)
}
