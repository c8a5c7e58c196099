//! A direct reader for the common shape of a response: objects of strings,
//! string enums, booleans, integers, floats (through the `Float` codec),
//! timestamps (epoch seconds), blobs, dense lists and string-keyed dense maps of those, and nested such
//! objects, with members optional, required or `@default`.
//!
//! Reading the output is on the client's hot path. For StartImageScan's
//! output this reader takes 270 ns where serde's derive over serde_json
//! takes 330 (BENCHMARKS.md); most of what remains is allocating the strings.
//! The generator emits a [`FastRead`] impl for every structure whose members
//! are all of those kinds; [`read_or_fallback`] tries it first.
//!
//! The reader is deliberately partial: anything it does not handle in the
//! simplest way (an escape in a string, a number with a fraction where an
//! integer belongs, a repeated member, deep nesting, any syntax error) makes
//! it give up with [`Unsupported`], and the text is then read again by
//! [`from_slice`](super::from_slice), serde_json's own reader. So whatever
//! this reader accepts it reads exactly as serde_json would, and everything
//! else, errors included, is serde_json's. The tests compare the two on
//! mutated documents.

mod blob;
mod defaulted;
mod float;
mod map;
mod required;
mod timestamp;

use serde::de::DeserializeOwned;

pub use defaulted::or_default;
pub use required::{or_zero, required};

/// The fast reader gave up on this text; read it with serde_json instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsupported;

/// How deep objects and arrays may nest, read or skipped, before the reader
/// gives up. serde_json refuses more than 128 levels, so this never accepts
/// what it would refuse (a structure can hold itself through a list), and
/// hostile nesting cannot exhaust the reader's stack.
const MAX_DEPTH: u32 = 64;

/// A value the fast reader can read. Generated for eligible structures and
/// string enums; implemented here for the scalars.
pub trait FastRead: Sized {
    /// Reads one value at the reader's position.
    fn fast_read(reader: &mut Reader<'_>) -> Result<Self, Unsupported>;
}

/// Reads `T` from `bytes` with its [`FastRead`] impl, or with serde_json
/// (through [`from_slice`](super::from_slice)) when that gives up.
pub fn read_or_fallback<T: FastRead + DeserializeOwned>(
    bytes: &[u8],
) -> Result<T, serde_json::Error> {
    // Checked once: the fallback reads the same, already checked text.
    let Ok(text) = std::str::from_utf8(bytes) else {
        return super::from_slice(bytes);
    };
    let mut reader = Reader::new(text);
    if let Ok(value) = T::fast_read(&mut reader) {
        if reader.at_end() {
            return Ok(value);
        }
    }
    super::from_text(text)
}

/// Reads a member's value into its slot: `null` leaves it unset, and a
/// member seen before makes the reader give up (serde's derive refuses a
/// repeated member, so serde_json reports it).
pub fn read_member<T: FastRead>(
    reader: &mut Reader<'_>,
    slot: &mut Option<Option<T>>,
) -> Result<(), Unsupported> {
    if slot.is_some() {
        return Err(Unsupported);
    }
    *slot = Some(if reader.null() {
        None
    } else {
        Some(T::fast_read(reader)?)
    });
    Ok(())
}

/// A position in JSON text that is known to be UTF-8. No `Debug`: the text
/// may hold `@sensitive` members.
pub struct Reader<'a> {
    text: &'a str,
    at: usize,
    /// Objects and arrays open at the current position.
    depth: u32,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            at: 0,
            depth: 0,
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.at).copied()
    }

    /// Skips JSON whitespace and returns the next byte, not consumed.
    fn next_token(&mut self) -> Option<u8> {
        while let Some(byte) = self.peek() {
            if !matches!(byte, b' ' | b'\t' | b'\n' | b'\r') {
                return Some(byte);
            }
            self.at += 1;
        }
        None
    }

    fn expect(&mut self, byte: u8) -> Result<(), Unsupported> {
        if self.next_token() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(Unsupported)
        }
    }

    fn literal(&mut self, word: &str) -> bool {
        let found = self
            .bytes()
            .get(self.at..)
            .is_some_and(|rest| rest.starts_with(word.as_bytes()));
        if found {
            self.at += word.len();
        }
        found
    }

    /// Whether only whitespace is left.
    pub fn at_end(&mut self) -> bool {
        self.next_token().is_none()
    }

    /// Consumes `null` if it comes next.
    pub fn null(&mut self) -> bool {
        self.next_token() == Some(b'n') && self.literal("null")
    }

    /// Runs `read` one nesting level deeper, giving up past [`MAX_DEPTH`].
    fn nested<T>(
        &mut self,
        read: impl FnOnce(&mut Self) -> Result<T, Unsupported>,
    ) -> Result<T, Unsupported> {
        if self.depth >= MAX_DEPTH {
            return Err(Unsupported);
        }
        self.depth += 1;
        let result = read(self);
        self.depth -= 1;
        result
    }

    /// Reads an object, handing each member's key to `member`, which must
    /// read or [`skip`](Self::skip) the value.
    pub fn object(
        &mut self,
        member: impl FnMut(&mut Self, &'a str) -> Result<(), Unsupported>,
    ) -> Result<(), Unsupported> {
        self.nested(|reader| reader.object_members(member))
    }

    fn object_members(
        &mut self,
        mut member: impl FnMut(&mut Self, &'a str) -> Result<(), Unsupported>,
    ) -> Result<(), Unsupported> {
        self.expect(b'{')?;
        if self.next_token() == Some(b'}') {
            self.at += 1;
            return Ok(());
        }
        loop {
            let key = self.string()?;
            self.expect(b':')?;
            member(self, key)?;
            match self.next_token() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(Unsupported),
            }
        }
    }

    /// Reads an array, calling `item` to read each element.
    pub fn array(
        &mut self,
        item: impl FnMut(&mut Self) -> Result<(), Unsupported>,
    ) -> Result<(), Unsupported> {
        self.nested(|reader| reader.array_items(item))
    }

    fn array_items(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Result<(), Unsupported>,
    ) -> Result<(), Unsupported> {
        self.expect(b'[')?;
        if self.next_token() == Some(b']') {
            self.at += 1;
            return Ok(());
        }
        loop {
            item(self)?;
            match self.next_token() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(Unsupported),
            }
        }
    }

    /// Reads a string that has no escapes (the reader gives up on a `\`) and
    /// no control characters (which JSON forbids unescaped).
    pub fn string(&mut self) -> Result<&'a str, Unsupported> {
        self.expect(b'"')?;
        let start = self.at;
        let rest = self.bytes().get(start..).unwrap_or_default();
        let length = string_end(rest).ok_or(Unsupported)?;
        if rest.get(length) != Some(&b'"') {
            return Err(Unsupported);
        }
        self.at = start + length + 1;
        // The text is UTF-8 and both ends sit next to an ASCII quote, so the
        // slice is whole characters.
        self.text.get(start..start + length).ok_or(Unsupported)
    }

    /// Reads `true` or `false`.
    pub fn bool(&mut self) -> Result<bool, Unsupported> {
        match self.next_token() {
            Some(b't') if self.literal("true") => Ok(true),
            Some(b'f') if self.literal("false") => Ok(false),
            _ => Err(Unsupported),
        }
    }

    /// Reads an integer written without fraction or exponent (serde_json
    /// refuses those for an integer member). `-0` is refused too: serde_json
    /// reads it as the float `-0.0`.
    pub fn integer(&mut self) -> Result<i64, Unsupported> {
        self.next_token();
        let (text, is_integer) = self.number_text()?;
        if !is_integer || text == "-0" {
            return Err(Unsupported);
        }
        text.parse().map_err(|_| Unsupported)
    }

    /// Reads one number or one string (without escapes) and returns its
    /// text as written, quotes included, for a kind whose reading is left
    /// to serde_json on just that text (timestamps, floats): anything else makes the
    /// reader give up.
    pub fn scalar_text(&mut self) -> Result<&'a str, Unsupported> {
        let start = match self.next_token() {
            Some(b'"') => {
                let start = self.at;
                self.string()?;
                start
            }
            Some(b'-' | b'0'..=b'9') => return self.number_text().map(|(text, _)| text),
            _ => return Err(Unsupported),
        };
        self.text.get(start..self.at).ok_or(Unsupported)
    }

    /// Scans a number by JSON's grammar, returning its text and whether it
    /// has neither fraction nor exponent.
    fn number_text(&mut self) -> Result<(&'a str, bool), Unsupported> {
        let start = self.at;
        let digits = |reader: &mut Self| {
            let from = reader.at;
            while reader.peek().is_some_and(|byte| byte.is_ascii_digit()) {
                reader.at += 1;
            }
            reader.at - from
        };
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => {
                digits(self);
            }
            _ => return Err(Unsupported),
        }
        let mut is_integer = true;
        if self.peek() == Some(b'.') {
            self.at += 1;
            if digits(self) == 0 {
                return Err(Unsupported);
            }
            is_integer = false;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if digits(self) == 0 {
                return Err(Unsupported);
            }
            is_integer = false;
        }
        // `01` or `1x`: a number must end at a delimiter.
        if self
            .peek()
            .is_some_and(|byte| byte.is_ascii_alphanumeric() || byte == b'.')
        {
            return Err(Unsupported);
        }
        let text = self.text.get(start..self.at).ok_or(Unsupported)?;
        Ok((text, is_integer))
    }

    /// Skips one value of any kind, checking its syntax as it goes.
    pub fn skip(&mut self) -> Result<(), Unsupported> {
        match self.next_token() {
            Some(b'"') => self.string().map(drop),
            Some(b'{') => self.object(|reader, _| reader.skip()),
            Some(b'[') => self.array(Self::skip),
            Some(b't' | b'f') => self.bool().map(drop),
            Some(b'n') if self.null() => Ok(()),
            Some(b'-' | b'0'..=b'9') => self.number_text().map(drop),
            _ => Err(Unsupported),
        }
    }
}

/// Where the first `"`, `\\` or control character of `bytes` is, looking at
/// eight bytes at a time: strings are most of a response, and a byte loop
/// was the fast reader's largest cost.
fn string_end(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    // The high bit of each byte of the result is set where `word` has a byte
    // below `n`, and wrongly at most above such a byte (borrows only run
    // upwards), so the lowest set bit is always a true one.
    let below = |word: u64, n: u8| word.wrapping_sub(ONES * u64::from(n)) & !word & HIGH;
    let equal = |word: u64, byte: u8| below(word ^ (ONES * u64::from(byte)), 1);
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let found = equal(word, b'"') | equal(word, b'\\') | below(word, 0x20);
        if found != 0 {
            return Some(offset + (found.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&byte| byte == b'"' || byte == b'\\' || byte < 0x20)
        .map(|at| offset + at)
}

/// A dense list: a `null` element is not a `T`, so the reader gives up on it
/// as serde refuses it.
impl<T: FastRead> FastRead for Vec<T> {
    fn fast_read(reader: &mut Reader<'_>) -> Result<Self, Unsupported> {
        let mut items = Vec::new();
        reader.array(|reader| {
            items.push(T::fast_read(reader)?);
            Ok(())
        })?;
        Ok(items)
    }
}

impl FastRead for String {
    fn fast_read(reader: &mut Reader<'_>) -> Result<Self, Unsupported> {
        reader.string().map(str::to_owned)
    }
}

impl FastRead for bool {
    fn fast_read(reader: &mut Reader<'_>) -> Result<Self, Unsupported> {
        reader.bool()
    }
}

impl FastRead for i64 {
    fn fast_read(reader: &mut Reader<'_>) -> Result<Self, Unsupported> {
        reader.integer()
    }
}

impl FastRead for i32 {
    fn fast_read(reader: &mut Reader<'_>) -> Result<Self, Unsupported> {
        i32::try_from(reader.integer()?).map_err(|_| Unsupported)
    }
}

#[cfg(test)]
#[path = "fast_tests/mod.rs"]
mod tests;
