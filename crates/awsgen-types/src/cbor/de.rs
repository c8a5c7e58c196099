//! Reading: CBOR to serde's data model, for bodies from the network (the
//! guarantees are listed in the module docs of `crate::cbor`).

use std::borrow::Cow;

use serde::de::{self, DeserializeSeed, Expected, IntoDeserializer, Visitor};

use super::head::{
    f16_to_f32, kind, Head, Reader, ARRAY, BREAK, BYTES, MAP, NEGATIVE, NULL, SIMPLE, TAG, TEXT,
    UNDEFINED, UNSIGNED,
};
use super::{Error, MAX_DEPTH};
use crate::tagged::TAGGED;

/// Reads one `T` from a body that holds exactly one data item.
pub fn from_slice<'de, T: de::Deserialize<'de>>(input: &'de [u8]) -> Result<T, Error> {
    let mut deserializer = Deserializer {
        reader: Reader::new(input),
        depth: 0,
        item: 0,
    };
    let value =
        T::deserialize(&mut deserializer).map_err(|error| error.located(deserializer.item))?;
    let rest = deserializer.reader.remaining();
    if rest > 0 {
        return Err(Error::at(
            deserializer.reader.position(),
            format_args!("{rest} bytes follow the body's data item"),
        ));
    }
    Ok(value)
}

pub(super) struct Deserializer<'de> {
    reader: Reader<'de>,
    /// Arrays and maps open around the current item.
    depth: usize,
    /// Where the item being read starts, for errors raised by visitors.
    item: usize,
}

impl<'de> Deserializer<'de> {
    fn head(&mut self) -> Result<Head, Error> {
        self.item = self.reader.position();
        self.reader.head()
    }

    fn enter(&mut self, offset: usize) -> Result<(), Error> {
        if self.depth >= MAX_DEPTH {
            return Err(Error::at(
                offset,
                format_args!("arrays and maps nest deeper than {MAX_DEPTH} levels"),
            ));
        }
        self.depth += 1;
        Ok(())
    }

    /// The content of a byte or text string: borrowed when definite, the
    /// chunks joined when indefinite (each chunk a definite string of the
    /// same type, RFC 8949 §3.2.3).
    fn string(&mut self, head: Head) -> Result<Cow<'de, [u8]>, Error> {
        if let Some(len) = head.arg {
            return self.reader.take(head.offset, len).map(Cow::Borrowed);
        }
        let mut joined = Vec::new();
        loop {
            if self.reader.peek()? == BREAK {
                self.reader.skip_byte();
                return Ok(Cow::Owned(joined));
            }
            let chunk = self.reader.head()?;
            match chunk.arg {
                Some(len) if chunk.major == head.major => {
                    joined.extend_from_slice(self.reader.take(chunk.offset, len)?)
                }
                _ => {
                    return Err(Error::at(
                        chunk.offset,
                        "a chunk of an indefinite-length string is not a definite string of the same type",
                    ))
                }
            }
        }
    }

    fn text(&mut self, head: Head) -> Result<Cow<'de, str>, Error> {
        let invalid = |_| Error::at(head.offset, "a text string is not valid UTF-8");
        Ok(match self.string(head)? {
            Cow::Borrowed(bytes) => Cow::Borrowed(std::str::from_utf8(bytes).map_err(invalid)?),
            Cow::Owned(bytes) => {
                Cow::Owned(String::from_utf8(bytes).map_err(|e| invalid(e.utf8_error()))?)
            }
        })
    }

    /// The next item, whatever it is; tags other than those asked for
    /// (`deserialize_tuple_struct`) are read through.
    fn any<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        let mut head = self.head()?;
        while head.major == TAG {
            head = self.head()?;
        }
        let arg = head.arg.unwrap_or(0);
        match head.major {
            UNSIGNED => visitor.visit_u64(arg),
            NEGATIVE => match i64::try_from(arg) {
                Ok(n) => visitor.visit_i64(-1 - n),
                Err(_) => visitor.visit_i128(-1 - i128::from(arg)),
            },
            BYTES => match self.string(head)? {
                Cow::Borrowed(bytes) => visitor.visit_borrowed_bytes(bytes),
                Cow::Owned(bytes) => visitor.visit_byte_buf(bytes),
            },
            TEXT => match self.text(head)? {
                Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
                Cow::Owned(text) => visitor.visit_string(text),
            },
            ARRAY => self.array(head, visitor),
            MAP => self.map(head, visitor),
            _ => match head.info {
                20 => visitor.visit_bool(false),
                21 => visitor.visit_bool(true),
                22 | 23 => visitor.visit_unit(),
                25 => visitor.visit_f32(f16_to_f32(arg as u16)),
                26 => visitor.visit_f32(f32::from_bits(arg as u32)),
                27 => visitor.visit_f64(f64::from_bits(arg)),
                31 => Err(Error::at(
                    head.offset,
                    "a break code where no indefinite-length item is open",
                )),
                _ => Err(Error::at(
                    head.offset,
                    format_args!("simple value {arg} is not a Smithy value"),
                )),
            },
        }
    }

    fn array<V: Visitor<'de>>(&mut self, head: Head, visitor: V) -> Result<V::Value, Error> {
        self.open(head, 1)?;
        let mut access = Items {
            de: self,
            left: head.arg,
            done: false,
        };
        let value = visitor.visit_seq(&mut access)?;
        access.close(head.offset, "array")?;
        Ok(value)
    }

    fn map<V: Visitor<'de>>(&mut self, head: Head, visitor: V) -> Result<V::Value, Error> {
        self.open(head, 2)?;
        let mut access = Items {
            de: self,
            left: head.arg.map(|pairs| pairs.saturating_mul(2)),
            done: false,
        };
        let value = visitor.visit_map(&mut access)?;
        access.close(head.offset, "map")?;
        Ok(value)
    }

    /// Checks depth, and that a definite length can fit in what is left
    /// (every item takes at least one byte).
    fn open(&mut self, head: Head, bytes_per_entry: u64) -> Result<(), Error> {
        self.enter(head.offset)?;
        if let Some(len) = head.arg {
            let remaining = self.reader.remaining() as u64;
            if len.saturating_mul(bytes_per_entry) > remaining {
                return Err(Error::at(
                    head.offset,
                    format_args!(
                        "{} declares {len} entries but only {remaining} bytes remain in the body",
                        kind(((head.major) << 5) | head.info)
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Reads past one item.
    fn skip(&mut self) -> Result<(), Error> {
        let head = self.head()?;
        match head.major {
            BYTES | TEXT => self.string(head).map(drop),
            ARRAY | MAP => {
                self.open(head, 1)?;
                let per_entry = if head.major == MAP { 2 } else { 1 };
                match head.arg {
                    Some(len) => {
                        for _ in 0..len.saturating_mul(per_entry) {
                            self.skip()?;
                        }
                    }
                    None => {
                        while self.reader.peek()? != BREAK {
                            self.skip()?;
                        }
                        self.reader.skip_byte();
                    }
                }
                self.depth -= 1;
                Ok(())
            }
            TAG => self.skip(),
            SIMPLE if head.info == 31 => Err(Error::at(
                head.offset,
                "a break code where no indefinite-length item is open",
            )),
            _ => Ok(()),
        }
    }

    fn found(&self) -> &'static str {
        self.reader.peek().map_or("the end of the body", kind)
    }
}

/// The entries of an array, or the keys and values of a map, in order.
struct Items<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    /// Items left of a definite-length container; `None` when indefinite.
    left: Option<u64>,
    /// An indefinite container's break code was read.
    done: bool,
}

impl<'de> Items<'_, 'de> {
    fn has_next(&mut self) -> Result<bool, Error> {
        match &mut self.left {
            Some(0) => Ok(false),
            Some(n) => {
                *n -= 1;
                Ok(true)
            }
            None if self.done => Ok(false),
            None if self.de.reader.peek()? == BREAK => {
                self.de.reader.skip_byte();
                self.done = true;
                Ok(false)
            }
            None => Ok(true),
        }
    }

    /// After the visitor: every entry must have been read.
    fn close(self, offset: usize, what: &str) -> Result<(), Error> {
        let finished = match self.left {
            Some(left) => left == 0,
            None => self.done,
        };
        if !finished {
            return Err(Error::at(
                offset,
                format_args!("the {what} has more entries than expected"),
            ));
        }
        self.de.depth -= 1;
        Ok(())
    }

    fn size_hint(&self) -> Option<usize> {
        // Never more than the bytes left, so a declared length cannot make
        // the visitor reserve more than the body could hold.
        self.left.map(|n| {
            usize::try_from(n)
                .unwrap_or(usize::MAX)
                .min(self.de.reader.remaining())
        })
    }
}

impl<'de> de::SeqAccess<'de> for &mut Items<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if !self.has_next()? {
            return Ok(None);
        }
        seed.deserialize(&mut *self.de).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Items::size_hint(self)
    }
}

impl<'de> de::MapAccess<'de> for &mut Items<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if !self.has_next()? {
            return Ok(None);
        }
        seed.deserialize(&mut *self.de).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        // A value always follows its key: a definite count was taken for
        // both, and an indefinite map cannot break between them.
        if let Some(n) = &mut self.left {
            *n = n.saturating_sub(1);
        } else if self.de.reader.peek()? == BREAK {
            return Err(Error::at(
                self.de.reader.position(),
                "a map key has no value",
            ));
        }
        seed.deserialize(&mut *self.de)
    }

    fn size_hint(&self) -> Option<usize> {
        Items::size_hint(self).map(|n| n / 2)
    }
}

/// A tag asked for by `crate::tagged`: its number, then its content.
struct Tagged<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    tag: Option<u64>,
    content: bool,
}

impl<'de> de::SeqAccess<'de> for Tagged<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if let Some(tag) = self.tag.take() {
            return seed.deserialize(tag.into_deserializer()).map(Some);
        }
        if std::mem::take(&mut self.content) {
            return seed.deserialize(&mut *self.de).map(Some);
        }
        Ok(None)
    }
}

/// Forwards to [`Deserializer::any`].
macro_rules! forward_to_any {
    ($($method:ident($($arg:ident: $ty:ty),*))*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, Error> {
            self.any(visitor)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Deserializer<'de> {
    type Error = Error;

    fn is_human_readable(&self) -> bool {
        false
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.reader.peek()? {
            NULL | UNDEFINED => {
                self.reader.skip_byte();
                visitor.visit_none()
            }
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    /// Maps only: a structure is never filled from an array by position.
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.reader.peek()? >> 5 != MAP {
            let offset = self.reader.position();
            return Err(Error::at(
                offset,
                format_args!(
                    "expected {}, found {}",
                    &visitor as &dyn Expected,
                    self.found()
                ),
            ));
        }
        let head = self.head()?;
        self.map(head, visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        if name != TAGGED {
            return self.any(visitor);
        }
        if self.reader.peek()? >> 5 != TAG {
            let offset = self.reader.position();
            return Err(Error::at(
                offset,
                format_args!(
                    "expected {}, found {}",
                    &visitor as &dyn Expected,
                    self.found()
                ),
            ));
        }
        let tag = self.head()?.arg;
        visitor.visit_seq(Tagged {
            de: self,
            tag,
            content: true,
        })
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    /// Unit variants, as text.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if self.reader.peek()? >> 5 != TEXT {
            let offset = self.reader.position();
            return Err(Error::at(
                offset,
                format_args!(
                    "expected {}, found {}",
                    &visitor as &dyn Expected,
                    self.found()
                ),
            ));
        }
        let head = self.head()?;
        let text = self.text(head)?;
        visitor.visit_enum(IntoDeserializer::<Error>::into_deserializer(text.as_ref()))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.skip()?;
        visitor.visit_unit()
    }

    forward_to_any! {
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
        deserialize_unit()
        deserialize_unit_struct(_name: &'static str)
        deserialize_seq()
        deserialize_tuple(_len: usize)
        deserialize_identifier()
    }
}
