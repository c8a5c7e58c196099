//! Integration tests live beside this crate's manifest; this library is empty.
