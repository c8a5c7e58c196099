//! `substring` and `uriEncode`.

/// `substring(input, start, stop, reverse)`: the ASCII characters
/// `[start, stop)`, counted from the end when `reverse` is set.
///
/// None when the input has non-ASCII characters, the range is empty or
/// inverted, or the input is too short: the spec asks for an empty optional
/// rather than an error in all of these cases.
pub(crate) fn substring(input: &str, start: i64, stop: i64, reverse: bool) -> Option<&str> {
    if !input.is_ascii() {
        return None;
    }
    let start = usize::try_from(start).ok()?;
    let stop = usize::try_from(stop).ok()?;
    let len = input.len();
    if start >= stop || stop > len {
        return None;
    }
    let (from, to) = if reverse {
        (len - stop, len - start)
    } else {
        (start, stop)
    };
    input.get(from..to)
}

/// `uriEncode(value)`: RFC 3986 percent-encoding of every byte outside the
/// unreserved set, with uppercase hex digits.
pub(crate) fn uri_encode(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substring_counts_from_either_end() {
        assert_eq!(substring("abcdefg", 0, 4, false), Some("abcd"));
        assert_eq!(substring("abcdefg", 0, 4, true), Some("defg"));
        assert_eq!(substring("abcdefg", 1, 3, true), Some("ef"));
        assert_eq!(substring("abcdefg", 0, 7, false), Some("abcdefg"));
    }

    #[test]
    fn substring_is_empty_when_out_of_range_or_not_ascii() {
        assert_eq!(substring("abc", 0, 4, false), None);
        assert_eq!(substring("abc", 2, 2, false), None);
        assert_eq!(substring("abc", 2, 1, false), None);
        assert_eq!(substring("abc", -1, 2, false), None);
        assert_eq!(substring("abcé", 0, 1, false), None);
    }

    #[test]
    fn uri_encode_keeps_only_unreserved_characters() {
        assert_eq!(uri_encode("aZ09-_.~"), "aZ09-_.~");
        assert_eq!(uri_encode("a b/c:d"), "a%20b%2Fc%3Ad");
        assert_eq!(
            uri_encode("/:,?#[]{}|@! $&'()*+;=%<>\"^`\\"),
            "%2F%3A%2C%3F%23%5B%5D%7B%7D%7C%40%21%20%24%26%27%28%29%2A%2B%3B%3D%25%3C%3E%22%5E%60%5C"
        );
        assert_eq!(uri_encode("é"), "%C3%A9");
    }
}
