//! The initial byte and argument of a data item (RFC 8949 §3), read with
//! every length checked against the input that is left, and written in
//! the shortest form.

use super::Error;

/// The "break" stop code that ends an indefinite-length item.
pub(super) const BREAK: u8 = 0xff;
/// `null` and `undefined` (which rpcv2Cbor reads as null).
pub(super) const NULL: u8 = 0xf6;
pub(super) const UNDEFINED: u8 = 0xf7;

pub(super) const UNSIGNED: u8 = 0;
pub(super) const NEGATIVE: u8 = 1;
pub(super) const BYTES: u8 = 2;
pub(super) const TEXT: u8 = 3;
pub(super) const ARRAY: u8 = 4;
pub(super) const MAP: u8 = 5;
pub(super) const TAG: u8 = 6;
pub(super) const SIMPLE: u8 = 7;

/// One data item's head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Head {
    pub major: u8,
    /// The low five bits of the initial byte.
    pub info: u8,
    /// The argument (a length, a value, a tag number, a float's bits);
    /// `None` for an indefinite length or the break code.
    pub arg: Option<u64>,
    /// Where the item starts.
    pub offset: usize,
}

/// A cursor over a body.
pub(super) struct Reader<'de> {
    input: &'de [u8],
    pos: usize,
}

impl<'de> Reader<'de> {
    pub fn new(input: &'de [u8]) -> Self {
        Reader { input, pos: 0 }
    }

    pub fn position(&self) -> usize {
        self.pos
    }

    pub fn remaining(&self) -> usize {
        self.input.len() - self.pos
    }

    /// The next initial byte, not consumed.
    pub fn peek(&self) -> Result<u8, Error> {
        self.input
            .get(self.pos)
            .copied()
            .ok_or_else(|| Error::at(self.pos, "the body ends where a data item was expected"))
    }

    /// Consumes one byte already seen with [`peek`](Self::peek).
    pub fn skip_byte(&mut self) {
        self.pos += 1;
    }

    pub fn head(&mut self) -> Result<Head, Error> {
        let offset = self.pos;
        let initial = self.peek()?;
        self.pos += 1;
        let (major, info) = (initial >> 5, initial & 0x1f);
        let arg = match info {
            0..=23 => Some(u64::from(info)),
            24 => Some(self.uint(offset, 1)?),
            25 => Some(self.uint(offset, 2)?),
            26 => Some(self.uint(offset, 4)?),
            27 => Some(self.uint(offset, 8)?),
            28..=30 => {
                return Err(Error::at(
                    offset,
                    format_args!(
                        "initial byte 0x{initial:02x} uses reserved additional information {info}"
                    ),
                ))
            }
            _ => match major {
                BYTES | TEXT | ARRAY | MAP | SIMPLE => None,
                _ => {
                    return Err(Error::at(
                        offset,
                        format_args!("{} cannot have an indefinite length", kind(initial)),
                    ))
                }
            },
        };
        Ok(Head {
            major,
            info,
            arg,
            offset,
        })
    }

    fn uint(&mut self, offset: usize, width: usize) -> Result<u64, Error> {
        let bytes = self
            .input
            .get(self.pos..self.pos + width)
            .ok_or_else(|| Error::at(offset, "the body ends inside a data item's head"))?;
        self.pos += width;
        Ok(bytes.iter().fold(0, |n, b| (n << 8) | u64::from(*b)))
    }

    /// The next `len` bytes, the content of the item at `offset`; a length
    /// beyond the input is refused before anything is read or reserved.
    pub fn take(&mut self, offset: usize, len: u64) -> Result<&'de [u8], Error> {
        let remaining = self.remaining();
        match usize::try_from(len) {
            Ok(len) if len <= remaining => {
                let bytes = &self.input[self.pos..self.pos + len];
                self.pos += len;
                Ok(bytes)
            }
            _ => Err(Error::at(
                offset,
                format_args!(
                    "a string declares {len} bytes but only {remaining} remain in the body"
                ),
            )),
        }
    }
}

/// What kind of item an initial byte starts, for error messages.
pub(super) fn kind(initial: u8) -> &'static str {
    match (initial >> 5, initial & 0x1f) {
        (UNSIGNED, _) => "an unsigned integer",
        (NEGATIVE, _) => "a negative integer",
        (BYTES, _) => "a byte string",
        (TEXT, _) => "a text string",
        (ARRAY, _) => "an array",
        (MAP, _) => "a map",
        (TAG, _) => "a tagged item",
        (_, 20 | 21) => "a boolean",
        (_, 22) => "null",
        (_, 23) => "undefined",
        (_, 25..=27) => "a float",
        (_, 31) => "a break code",
        _ => "a simple value",
    }
}

/// A half-precision float's value (RFC 8949 Appendix D).
pub(super) fn f16_to_f32(bits: u16) -> f32 {
    let sign = if bits & 0x8000 == 0 { 1.0 } else { -1.0 };
    let exponent = i32::from((bits >> 10) & 0x1f);
    let mantissa = f32::from(bits & 0x3ff);
    let magnitude = match exponent {
        0 => mantissa * 2f32.powi(-24),
        31 if mantissa == 0.0 => f32::INFINITY,
        31 => f32::NAN,
        _ => (1024.0 + mantissa) * 2f32.powi(exponent - 25),
    };
    sign * magnitude
}

/// Writes a head with `value` in the shortest form.
pub(super) fn write_head(out: &mut Vec<u8>, major: u8, value: u64) {
    let major = major << 5;
    if value < 24 {
        out.push(major | value as u8);
    } else if let Ok(v) = u8::try_from(value) {
        out.extend_from_slice(&[major | 24, v]);
    } else if let Ok(v) = u16::try_from(value) {
        out.push(major | 25);
        out.extend_from_slice(&v.to_be_bytes());
    } else if let Ok(v) = u32::try_from(value) {
        out.push(major | 26);
        out.extend_from_slice(&v.to_be_bytes());
    } else {
        out.push(major | 27);
        out.extend_from_slice(&value.to_be_bytes());
    }
}

/// The initial byte of an indefinite-length item of `major`.
pub(super) fn indefinite(major: u8) -> u8 {
    (major << 5) | 31
}
