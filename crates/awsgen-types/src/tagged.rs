//! How a value's serde impl asks a binary format for a CBOR tag.
//!
//! serde's data model has no tags, yet rpcv2Cbor carries a timestamp as
//! tag 1 around its epoch seconds. A value whose binary form is tagged
//! (`DateTime` and the timestamp adapters, when the serializer is not
//! human-readable) serializes as the tuple struct [`TAGGED`] of two fields,
//! the tag number and the content; [`crate::cbor`] recognises the name and
//! writes the tag. Reading asks for the same tuple struct, and the CBOR
//! deserializer hands over the tag it finds. A binary format that does not
//! know the name sees an ordinary pair, so nothing here depends on the
//! `cbor` feature.

use std::fmt;

use serde::de::{self, DeserializeSeed, SeqAccess, Visitor};
use serde::ser::SerializeTupleStruct;
use serde::{Deserializer, Serialize, Serializer};

/// The tuple struct name that stands for a CBOR tag (a name no model can
/// produce: it starts with a NUL).
pub(crate) const TAGGED: &str = "\0awsgen::cbor::Tagged";

/// CBOR tag 1: epoch-based date/time (RFC 8949 §3.4.2).
pub(crate) const EPOCH_TIME: u64 = 1;

/// Writes `content` under `tag`.
pub(crate) fn serialize<S: Serializer, T: Serialize + ?Sized>(
    serializer: S,
    tag: u64,
    content: &T,
) -> Result<S::Ok, S::Error> {
    let mut tuple = serializer.serialize_tuple_struct(TAGGED, 2)?;
    tuple.serialize_field(&tag)?;
    tuple.serialize_field(content)?;
    tuple.end()
}

/// Reads a value tagged `tag`, its content read by `seed`; `what` names the
/// value in errors ("a timestamp (CBOR tag 1 around epoch seconds)").
pub(crate) fn deserialize<'de, D, S>(
    deserializer: D,
    tag: u64,
    what: &'static str,
    seed: S,
) -> Result<S::Value, D::Error>
where
    D: Deserializer<'de>,
    S: DeserializeSeed<'de>,
{
    deserializer.deserialize_tuple_struct(TAGGED, 2, TaggedVisitor { tag, what, seed })
}

struct TaggedVisitor<S> {
    tag: u64,
    what: &'static str,
    seed: S,
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for TaggedVisitor<S> {
    type Value = S::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.what)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<S::Value, A::Error> {
        let found: u64 = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(0, &self))?;
        if found != self.tag {
            return Err(de::Error::custom(format_args!(
                "expected {}, found CBOR tag {found}",
                self.what
            )));
        }
        seq.next_element_seed(self.seed)?
            .ok_or_else(|| de::Error::invalid_length(1, &Expecting(self.what)))
    }
}

/// `Expected` for an error raised after the visitor was moved.
struct Expecting(&'static str);

impl de::Expected for Expecting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}
