//! CBOR bodies compared as data items, as the rpcv2Cbor cases require:
//! maps unordered, definite and indefinite lengths alike, numbers by value
//! (an integer equals the float of the same value, NaN equals NaN, a
//! half-precision float its wider form).
//!
//! This file is not part of xtask's code: `cargo xtask protocol-tests`
//! copies it into each generated test crate beside `harness.rs`, which
//! calls it. It needs nothing but std. xtask compiles it only for its unit
//! tests (`cbor_items_tests.rs`).

use std::fmt;

/// How deep a case body may nest; the cases' bodies nest a few levels.
const MAX_DEPTH: usize = 64;

/// One data item, with indefinite-length strings joined and lengths gone.
#[derive(Debug, Clone)]
pub enum Item {
    /// An integer of either major type, as its value.
    Int(i128),
    Bytes(Vec<u8>),
    Text(String),
    Array(Vec<Item>),
    Map(Vec<(Item, Item)>),
    Tag(u64, Box<Item>),
    Bool(bool),
    Null,
    Undefined,
    Float(f64),
    Simple(u8),
}

impl fmt::Display for Item {
    /// RFC 8949's diagnostic notation, roughly.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Item::Int(n) => write!(f, "{n}"),
            Item::Bytes(b) => {
                f.write_str("h'")?;
                for byte in b {
                    write!(f, "{byte:02x}")?;
                }
                f.write_str("'")
            }
            Item::Text(t) => write!(f, "{t:?}"),
            Item::Array(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Item::Map(pairs) => {
                f.write_str("{")?;
                for (i, (k, v)) in pairs.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k}: {v}")?;
                }
                f.write_str("}")
            }
            Item::Tag(tag, item) => write!(f, "{tag}({item})"),
            Item::Bool(b) => write!(f, "{b}"),
            Item::Null => f.write_str("null"),
            Item::Undefined => f.write_str("undefined"),
            Item::Float(x) => write!(f, "{x:?}"),
            Item::Simple(n) => write!(f, "simple({n})"),
        }
    }
}

/// Parses a body that is exactly one data item.
pub fn parse(bytes: &[u8]) -> Result<Item, String> {
    let mut pos = 0;
    let item = read(bytes, &mut pos, 0)?;
    if pos != bytes.len() {
        return Err(format!("{} bytes follow the data item", bytes.len() - pos));
    }
    Ok(item)
}

fn byte(bytes: &[u8], pos: &mut usize) -> Result<u8, String> {
    let b = *bytes.get(*pos).ok_or("the body ends inside a data item")?;
    *pos += 1;
    Ok(b)
}

/// The argument of a head; `None` for an indefinite length.
fn argument(bytes: &[u8], pos: &mut usize, info: u8) -> Result<Option<u64>, String> {
    let width = match info {
        0..=23 => return Ok(Some(u64::from(info))),
        24 => 1,
        25 => 2,
        26 => 4,
        27 => 8,
        31 => return Ok(None),
        _ => return Err(format!("reserved additional information {info}")),
    };
    let mut n = 0u64;
    for _ in 0..width {
        n = (n << 8) | u64::from(byte(bytes, pos)?);
    }
    Ok(Some(n))
}

fn take<'a>(bytes: &'a [u8], pos: &mut usize, len: u64) -> Result<&'a [u8], String> {
    let end = usize::try_from(len)
        .ok()
        .and_then(|len| pos.checked_add(len))
        .filter(|end| *end <= bytes.len())
        .ok_or_else(|| format!("a string of {len} bytes runs past the body"))?;
    let slice = &bytes[*pos..end];
    *pos = end;
    Ok(slice)
}

fn is_break(bytes: &[u8], pos: &mut usize) -> bool {
    if bytes.get(*pos) == Some(&0xff) {
        *pos += 1;
        true
    } else {
        false
    }
}

fn read(bytes: &[u8], pos: &mut usize, depth: usize) -> Result<Item, String> {
    if depth > MAX_DEPTH {
        return Err("the body nests too deep".to_owned());
    }
    let initial = byte(bytes, pos)?;
    let (major, info) = (initial >> 5, initial & 0x1f);
    let arg = argument(bytes, pos, info)?;
    Ok(match (major, arg) {
        (0, Some(n)) => Item::Int(i128::from(n)),
        (1, Some(n)) => Item::Int(-1 - i128::from(n)),
        (2 | 3, Some(len)) => string(major, take(bytes, pos, len)?.to_vec())?,
        (2 | 3, None) => {
            let mut joined = Vec::new();
            while !is_break(bytes, pos) {
                let chunk = byte(bytes, pos)?;
                match (chunk >> 5 == major, argument(bytes, pos, chunk & 0x1f)?) {
                    (true, Some(len)) => joined.extend_from_slice(take(bytes, pos, len)?),
                    _ => return Err("a bad chunk in an indefinite-length string".to_owned()),
                }
            }
            string(major, joined)?
        }
        (4, len) => {
            let mut items = Vec::new();
            match len {
                Some(n) => {
                    for _ in 0..n {
                        items.push(read(bytes, pos, depth + 1)?);
                    }
                }
                None => {
                    while !is_break(bytes, pos) {
                        items.push(read(bytes, pos, depth + 1)?);
                    }
                }
            }
            Item::Array(items)
        }
        (5, len) => {
            let mut pairs = Vec::new();
            let mut pair = |pos: &mut usize| -> Result<(), String> {
                let key = read(bytes, pos, depth + 1)?;
                let value = read(bytes, pos, depth + 1)?;
                pairs.push((key, value));
                Ok(())
            };
            match len {
                Some(n) => {
                    for _ in 0..n {
                        pair(pos)?;
                    }
                }
                None => {
                    while !is_break(bytes, pos) {
                        pair(pos)?;
                    }
                }
            }
            Item::Map(pairs)
        }
        (6, Some(tag)) => Item::Tag(tag, Box::new(read(bytes, pos, depth + 1)?)),
        (7, Some(n)) => match info {
            20 => Item::Bool(false),
            21 => Item::Bool(true),
            22 => Item::Null,
            23 => Item::Undefined,
            25 => Item::Float(f16(n as u16)),
            26 => Item::Float(f64::from(f32::from_bits(n as u32))),
            27 => Item::Float(f64::from_bits(n)),
            _ => Item::Simple(n as u8),
        },
        _ => return Err(format!("initial byte 0x{initial:02x} is not a data item")),
    })
}

fn string(major: u8, bytes: Vec<u8>) -> Result<Item, String> {
    if major == 2 {
        return Ok(Item::Bytes(bytes));
    }
    String::from_utf8(bytes)
        .map(Item::Text)
        .map_err(|_| "a text string is not UTF-8".to_owned())
}

fn f16(bits: u16) -> f64 {
    let sign = if bits & 0x8000 == 0 { 1.0 } else { -1.0 };
    let exponent = i32::from((bits >> 10) & 0x1f);
    let mantissa = f64::from(bits & 0x3ff);
    sign * match exponent {
        0 => mantissa * 2f64.powi(-24),
        31 if mantissa == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        _ => (1024.0 + mantissa) * 2f64.powi(exponent - 25),
    }
}

/// A number's value as a float, for comparing across kinds.
fn number(item: &Item) -> Option<f64> {
    match item {
        Item::Int(n) => Some(*n as f64),
        Item::Float(x) => Some(*x),
        _ => None,
    }
}

/// Whether two items are the same data.
pub fn same(actual: &Item, expected: &Item) -> bool {
    let mut problems = Vec::new();
    compare(actual, expected, "", &mut problems);
    problems.is_empty()
}

/// Pushes a line per difference between `actual` and `expected`, each
/// named by its path (`body.listOfStrings[1]`).
pub fn compare(actual: &Item, expected: &Item, at: &str, problems: &mut Vec<String>) {
    match (actual, expected) {
        (Item::Map(got), Item::Map(wanted)) => {
            for (key, value) in wanted {
                match got.iter().find(|(k, _)| same(k, key)) {
                    Some((_, v)) => compare(v, value, &format!("{at}.{key}"), problems),
                    None => problems.push(format!("{at}.{key}: missing, expected {value}")),
                }
            }
            for (key, value) in got {
                if !wanted.iter().any(|(k, _)| same(key, k)) {
                    problems.push(format!("{at}.{key}: not expected, got {value}"));
                }
            }
        }
        (Item::Array(got), Item::Array(wanted)) if got.len() == wanted.len() => {
            for (i, (g, w)) in got.iter().zip(wanted).enumerate() {
                compare(g, w, &format!("{at}[{i}]"), problems);
            }
        }
        (Item::Tag(a, got), Item::Tag(b, wanted)) if a == b => {
            compare(got, wanted, &format!("{at}<tag {a}>"), problems)
        }
        (Item::Int(a), Item::Int(b)) if a == b => {}
        (Item::Bytes(a), Item::Bytes(b)) if a == b => {}
        (Item::Text(a), Item::Text(b)) if a == b => {}
        (Item::Bool(a), Item::Bool(b)) if a == b => {}
        (Item::Null, Item::Null) | (Item::Undefined, Item::Undefined) => {}
        (Item::Simple(a), Item::Simple(b)) if a == b => {}
        _ => match (number(actual), number(expected)) {
            (Some(a), Some(b)) if a == b || (a.is_nan() && b.is_nan()) => {}
            _ => problems.push(format!("{at}: expected {expected}, got {actual}")),
        },
    }
}
