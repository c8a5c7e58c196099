//! The deserializer adapter: struct requests become map requests.

use serde::de::{Deserializer, Visitor};

use super::wrap::Wrap;

/// Wraps a deserializer so that every structure, at any depth, is read from
/// an object (a map) only, never from a sequence by position.
///
/// Every `deserialize_struct` call becomes `deserialize_map` on the inner
/// deserializer; all other calls are forwarded unchanged. The visitors, seeds
/// and `SeqAccess`/`MapAccess`/`EnumAccess`/`VariantAccess` values handed back
/// are wrapped in turn, so nested values (list elements, map values, struct
/// members, `Some`, newtypes, enum variants) get the same treatment. Errors
/// are the inner deserializer's own.
///
/// The refusal itself is the inner deserializer's: serde_json's
/// `Deserializer` and `Value` both refuse a sequence in `deserialize_map`.
/// A `Deserialize` impl that asks for a struct but legitimately reads a
/// sequence (`std::time::Duration` does) cannot read a JSON array through it.
#[derive(Debug)]
pub struct StructsFromObjects<D> {
    inner: D,
}

impl<D> StructsFromObjects<D> {
    /// Wraps `inner`.
    pub fn new(inner: D) -> Self {
        StructsFromObjects { inner }
    }

    /// The wrapped deserializer.
    pub fn into_inner(self) -> D {
        self.inner
    }
}

/// Forwards `deserialize_*` methods, wrapping the visitor.
macro_rules! forward_wrapped {
    ($($method:ident($($arg:ident: $ty:ty),*))*) => {$(
        #[inline]
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.inner.$method($($arg,)* Wrap::new(visitor))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for StructsFromObjects<D> {
    type Error = D::Error;

    #[inline]
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        // The one change: the inner deserializer's `deserialize_struct` would
        // also take a sequence; its `deserialize_map` takes an object only.
        // The visitor's `expecting` still names the struct in the error.
        self.inner.deserialize_map(Wrap::new(visitor))
    }

    #[inline]
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        // Nothing skipped is built, so there is nothing to guard.
        self.inner.deserialize_ignored_any(visitor)
    }

    #[inline]
    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }

    forward_wrapped! {
        deserialize_any()
        deserialize_bool()
        deserialize_i8()
        deserialize_i16()
        deserialize_i32()
        deserialize_i64()
        deserialize_i128()
        deserialize_u8()
        deserialize_u16()
        deserialize_u32()
        deserialize_u64()
        deserialize_u128()
        deserialize_f32()
        deserialize_f64()
        deserialize_char()
        deserialize_str()
        deserialize_string()
        deserialize_bytes()
        deserialize_byte_buf()
        deserialize_option()
        deserialize_unit()
        deserialize_unit_struct(name: &'static str)
        deserialize_newtype_struct(name: &'static str)
        deserialize_seq()
        deserialize_tuple(len: usize)
        deserialize_tuple_struct(name: &'static str, len: usize)
        deserialize_map()
        deserialize_enum(name: &'static str, variants: &'static [&'static str])
        deserialize_identifier()
    }
}
