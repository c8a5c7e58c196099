//! Writing: serde's data model to CBOR. Structures are definite-length maps
//! (serde's derive states how many members it will write, skipped ones
//! excluded, and the count is checked), floats keep their width (never
//! half precision, which rpcv2Cbor asks clients not to send), integers take
//! the shortest head.

use serde::ser::{self, Serialize};

use super::head::{
    self, write_head, ARRAY, BREAK, BYTES, MAP, NEGATIVE, NULL, TAG, TEXT, UNSIGNED,
};
use super::Error;
use crate::tagged::TAGGED;

/// Serializes `value` as one CBOR data item.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, Error> {
    let mut serializer = Serializer { out: Vec::new() };
    value.serialize(&mut serializer)?;
    Ok(serializer.out)
}

struct Serializer {
    out: Vec<u8>,
}

impl Serializer {
    fn text(&mut self, text: &str) {
        write_head(&mut self.out, TEXT, text.len() as u64);
        self.out.extend_from_slice(text.as_bytes());
    }

    fn int(&mut self, value: i64) {
        if value >= 0 {
            write_head(&mut self.out, UNSIGNED, value as u64);
        } else {
            // -1 - n for n = !value.
            write_head(&mut self.out, NEGATIVE, !value as u64);
        }
    }

    /// A map or array head: definite when the length is known.
    fn container(&mut self, major: u8, len: Option<usize>, what: &'static str) -> Compound<'_> {
        match len {
            Some(len) => {
                write_head(&mut self.out, major, len as u64);
                Compound::Definite {
                    ser: self,
                    declared: len,
                    written: 0,
                    what,
                }
            }
            None => {
                self.out.push(head::indefinite(major));
                Compound::Indefinite { ser: self }
            }
        }
    }

    /// `{variant: ...}`, the form of enum variants with content.
    fn variant_key(&mut self, variant: &str) {
        write_head(&mut self.out, MAP, 1);
        self.text(variant);
    }
}

/// An array or map being written.
enum Compound<'a> {
    Definite {
        ser: &'a mut Serializer,
        declared: usize,
        written: usize,
        what: &'static str,
    },
    Indefinite {
        ser: &'a mut Serializer,
    },
    /// A value under a tag (`crate::tagged`): the first field is the tag
    /// number, the second the content.
    Tagged {
        ser: &'a mut Serializer,
        fields: usize,
    },
}

impl Compound<'_> {
    fn ser(&mut self) -> &mut Serializer {
        match self {
            Compound::Definite { ser, .. }
            | Compound::Indefinite { ser }
            | Compound::Tagged { ser, .. } => ser,
        }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        if let Compound::Tagged { ser, fields } = self {
            let start = ser.out.len();
            value.serialize(&mut **ser)?;
            if *fields == 0 {
                // The tag number was written as an unsigned integer; the
                // same head with major type 6 is the tag.
                let one_head = ser.out.len() - start <= 9;
                match ser.out.get_mut(start) {
                    Some(initial) if *initial >> 5 == UNSIGNED && one_head => {
                        *initial |= TAG << 5;
                    }
                    _ => {
                        return Err(ser::Error::custom(
                            "a CBOR tag number must be an unsigned integer",
                        ))
                    }
                }
            }
            *fields += 1;
            return Ok(());
        }
        if let Compound::Definite { written, .. } = self {
            *written += 1;
        }
        value.serialize(&mut *self.ser())
    }

    fn finish(self) -> Result<(), Error> {
        match self {
            Compound::Definite {
                declared,
                written,
                what,
                ..
            } if declared != written => Err(ser::Error::custom(format_args!(
                "{what} declared {declared} entries but wrote {written}"
            ))),
            Compound::Definite { .. } => Ok(()),
            Compound::Indefinite { ser } => {
                ser.out.push(BREAK);
                Ok(())
            }
            Compound::Tagged { fields: 2, .. } => Ok(()),
            Compound::Tagged { fields, .. } => Err(ser::Error::custom(format_args!(
                "a tagged value has {fields} fields, not the tag and its content"
            ))),
        }
    }
}

impl<'a> ser::Serializer for &'a mut Serializer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn is_human_readable(&self) -> bool {
        false
    }

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.push(if v { 0xf5 } else { 0xf4 });
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.int(v.into());
        Ok(())
    }

    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.int(v.into());
        Ok(())
    }

    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.int(v.into());
        Ok(())
    }

    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.int(v);
        Ok(())
    }

    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        match (u64::try_from(v), u64::try_from(-1 - v)) {
            (Ok(n), _) => write_head(&mut self.out, UNSIGNED, n),
            (_, Ok(n)) => write_head(&mut self.out, NEGATIVE, n),
            _ => {
                return Err(ser::Error::custom(format_args!(
                    "integer {v} does not fit CBOR's 64-bit integers"
                )))
            }
        }
        Ok(())
    }

    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }

    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }

    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }

    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        write_head(&mut self.out, UNSIGNED, v);
        Ok(())
    }

    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        let v = u64::try_from(v).map_err(|_| {
            <Error as ser::Error>::custom(format_args!(
                "integer {v} does not fit CBOR's 64-bit integers"
            ))
        })?;
        self.serialize_u64(v)
    }

    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.out.push(0xfa);
        self.out.extend_from_slice(&v.to_bits().to_be_bytes());
        Ok(())
    }

    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.out.push(0xfb);
        self.out.extend_from_slice(&v.to_bits().to_be_bytes());
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.text(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.text(v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        write_head(&mut self.out, BYTES, v.len() as u64);
        self.out.extend_from_slice(v);
        Ok(())
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.out.push(NULL);
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.serialize_none()
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_none()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.variant_key(variant);
        value.serialize(self)
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.container(ARRAY, len, "a list"))
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Error> {
        Ok(self.container(ARRAY, Some(len), "a tuple"))
    }

    fn serialize_tuple_struct(self, name: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        if name == TAGGED {
            return Ok(Compound::Tagged {
                ser: self,
                fields: 0,
            });
        }
        Ok(self.container(ARRAY, Some(len), "a tuple struct"))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.variant_key(variant);
        Ok(self.container(ARRAY, Some(len), "a tuple variant"))
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.container(MAP, len, "a map"))
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        Ok(self.container(MAP, Some(len), "a structure"))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.variant_key(variant);
        Ok(self.container(MAP, Some(len), "a structure variant"))
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }

    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }

    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }

    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }

    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        // A pair counts once, at its key.
        self.element(key)
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.ser())
    }

    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.element(key)?;
        value.serialize(&mut *self.ser())
    }

    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.element(key)?;
        value.serialize(&mut *self.ser())
    }

    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}
