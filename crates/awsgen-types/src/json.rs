//! Decoding response bodies: serde_json, except that a structure is read from
//! a JSON object only.
//!
//! serde's derive lets a struct be filled from a JSON array by position, so a
//! broken or hostile server answering `["123456789012","repo"]` where
//! `{"registryId":…,"repositoryName":…}` belongs would yield a silently wrong
//! value. [`from_slice`] reads like `serde_json::from_slice` but turns every
//! struct request, at any depth, into a map request, which serde_json refuses
//! for an array ("invalid type: sequence, expected struct Foo").
//!
//! The guard covers values read from the deserializer it wraps. A value first
//! parsed into a [`serde_json::Value`] and decoded from that later (union
//! members, for example) is covered only when that second decode is wrapped
//! in [`StructsFromObjects`] too.

pub mod fast;
mod structs_from_objects;
mod wrap;

pub use serde_json::Error;
pub use structs_from_objects::StructsFromObjects;

use serde::de::DeserializeOwned;

/// Deserializes `T` from JSON text, refusing a JSON array wherever a structure
/// is expected. Otherwise it behaves like `serde_json::from_slice`, errors
/// included: unknown object keys are ignored and trailing characters other
/// than whitespace are an error.
pub fn from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, serde_json::Error> {
    // UTF-8 is checked once for the whole text rather than string by string
    // (a fifth of the parse time for a typical response). Text that is not
    // UTF-8 goes the slow way, which reports where the bad bytes are.
    match std::str::from_utf8(bytes) {
        Ok(text) => from_text(text),
        Err(_) => read(serde_json::Deserializer::from_slice(bytes)),
    }
}

/// [`from_slice`] for text already known to be UTF-8.
fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    read(serde_json::Deserializer::from_str(text))
}

fn read<'de, R, T>(mut deserializer: serde_json::Deserializer<R>) -> Result<T, serde_json::Error>
where
    R: serde_json::de::Read<'de>,
    T: DeserializeOwned,
{
    let value = T::deserialize(StructsFromObjects::new(&mut deserializer))?;
    deserializer.end()?;
    Ok(value)
}

#[cfg(test)]
mod tests;
