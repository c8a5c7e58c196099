//! The one place where a model's ECMA-262 `@pattern` text and the regex
//! engine's syntax differ in a way the models use: UTF-16 surrogate pairs.
//!
//! Models written for UTF-16 engines spell a character outside the Basic
//! Multilingual Plane as two escapes, a high and a low surrogate: Glue's
//! `[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\t]` means "every XML
//! character", with `\uD800\uDC00-\uDBFF\uDFFF` the range U+10000 to
//! U+10FFFF. Java, whose engine Smithy's own validator uses, and ECMAScript
//! with the `u` flag read it that way. The engine here works on Unicode
//! scalar values and refuses a lone surrogate, so each pair is rewritten
//! as the one character it encodes. Everything else is passed through as
//! written; a lone surrogate still makes the pattern unsupported.
//!
//! The other differences are left alone on purpose. ECMA-262's `\s` also
//! holds Unicode spaces (U+00A0, U+2028, ...), its `.` refuses `\r` and
//! U+2028/U+2029, and without the `u` flag it counts UTF-16 units. Here
//! `\s` is ASCII, as in Java's default, which is what servers checking the
//! same pattern are likely to run, and otherwise the engine is the more
//! lenient. Rewriting them to ECMA-262's letter could make `validate()`
//! refuse a value the service accepts (`^\S+$` with a no-break space),
//! which is worse than leaving a rare value for the service to refuse.
//!
//! With the `full-patterns` feature, fancy-regex checks what regex-lite
//! cannot (`\p{L}`, lookaround). There `\s`, `\d` and `\w` are Unicode-aware,
//! again the more lenient reading, except inside a negative lookaround.
//! Java's POSIX classes (`\p{Alpha}`, `\p{Punct}`, ...) are ASCII sets in
//! Java, while fancy-regex reads some of those names as Unicode properties
//! of another meaning (`Punct` as Unicode punctuation, without `$` or `+`),
//! so a pattern using one is left unchecked rather than checked against
//! the wrong set.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `pattern` in the engine's syntax: each `\uHHHH\uHHHH` surrogate pair
/// becomes `\u{HHHHH}`. Borrowed when there is none.
pub(crate) fn engine_syntax(pattern: &str) -> Cow<'_, str> {
    if !pattern.contains("\\u") {
        return Cow::Borrowed(pattern);
    }
    let bytes = pattern.as_bytes();
    let mut out = String::with_capacity(pattern.len());
    // Start of the text not yet copied to `out`.
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] != b'\\' {
            at += 1;
            continue;
        }
        // An escape: `\\` and `\u` followed by anything else are copied
        // whole, so an escaped backslash never starts a `\u`.
        if let Some(pair) = surrogate_pair(&bytes[at..]) {
            out.push_str(&pattern[copied..at]);
            // Writing to a `String` cannot fail.
            let _ = write!(out, "\\u{{{pair:X}}}");
            at += SURROGATE_PAIR_LEN;
            copied = at;
        } else {
            at += 2;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(pattern);
    }
    out.push_str(&pattern[copied..]);
    Cow::Owned(out)
}

/// `\uHHHH\uHHHH`.
const SURROGATE_PAIR_LEN: usize = 12;

/// Java's POSIX class names, ASCII sets in Java. `ASCII` is left out: it
/// means the same everywhere.
#[cfg(feature = "full-patterns")]
const JAVA_POSIX_CLASSES: [&str; 12] = [
    "Lower", "Upper", "Alpha", "Digit", "Alnum", "Punct", "Graph", "Print", "Blank", "Cntrl",
    "XDigit", "Space",
];

/// Whether `pattern` names one of Java's POSIX classes (`\p{Alnum}`,
/// `\P{Punct}`), which the full engine would read differently or refuse.
#[cfg(feature = "full-patterns")]
pub(crate) fn uses_java_posix_class(pattern: &str) -> bool {
    let bytes = pattern.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] != b'\\' {
            at += 1;
            continue;
        }
        // Escapes are read in pairs, so `\\p{Alpha}` (a literal backslash,
        // then text) names no class.
        if matches!(bytes.get(at + 1), Some(b'p' | b'P')) && bytes.get(at + 2) == Some(&b'{') {
            // The three bytes before are ASCII, so this is a char boundary.
            let rest = &pattern[at + 3..];
            if let Some(name) = rest.split('}').next().filter(|_| rest.contains('}')) {
                if JAVA_POSIX_CLASSES
                    .iter()
                    .any(|class| class.eq_ignore_ascii_case(name))
                {
                    return true;
                }
            }
        }
        at += 2;
    }
    false
}

/// The code point of the high-then-low surrogate escapes at the start of
/// `text`, if that is what starts it.
fn surrogate_pair(text: &[u8]) -> Option<u32> {
    let high = unicode_escape(text)?;
    let low = unicode_escape(text.get(6..)?)?;
    if (0xD800..=0xDBFF).contains(&high) && (0xDC00..=0xDFFF).contains(&low) {
        Some(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    } else {
        None
    }
}

/// The value of a `\uHHHH` escape (exactly four hex digits) at the start of `text`.
fn unicode_escape(text: &[u8]) -> Option<u32> {
    let digits = match text {
        [b'\\', b'u', digits @ ..] => digits.get(..4)?,
        _ => return None,
    };
    let digits = std::str::from_utf8(digits).ok()?;
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(digits, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surrogate_pairs_become_one_character() {
        assert_eq!(
            engine_syntax(r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\t]*$"),
            r"^[\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}\t]*$"
        );
        // U+1F600 is D83D DE00 in UTF-16; lowercase hex digits are escapes too.
        assert_eq!(engine_syntax(r"a\ud83d\ude00b"), r"a\u{1F600}b");
    }

    #[test]
    fn text_without_pairs_is_borrowed_unchanged() {
        for pattern in [
            r"^[a-z0-9]+$",
            r"^[\u0020-\u007E]*$",
            r"\uD800 lone high",
            r"\uDC00\uD800 low then high",
            r"\uD800\u0041 high then not low",
            r"\uD800\uDC0 too few digits",
            r"\uD80",
        ] {
            assert!(
                matches!(engine_syntax(pattern), Cow::Borrowed(p) if p == pattern),
                "{pattern}"
            );
        }
    }

    #[test]
    fn an_escaped_backslash_does_not_start_an_escape() {
        // `\\` is a literal backslash, then the text `uD800\uDC00` follows:
        // only the second escape is one, and alone it is not a pair.
        let pattern = r"\\uD800\uDC00";
        assert!(matches!(engine_syntax(pattern), Cow::Borrowed(_)));
        // A pair after an escaped backslash is still a pair.
        assert_eq!(engine_syntax(r"\\\uD800\uDC00"), r"\\\u{10000}");
    }

    #[cfg(feature = "full-patterns")]
    #[test]
    fn java_posix_classes_are_recognised() {
        for pattern in [
            r"^\p{Print}+$",
            r"^[\p{Alnum}_]+$",
            r"^[\P{Punct}]$",
            r"\p{xdigit}{8}",
        ] {
            assert!(uses_java_posix_class(pattern), "{pattern}");
        }
        for pattern in [
            r"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$",
            r"^\p{ASCII}+$",
            r"\\p{Alpha}",
            r"\p{Alpha",
            r"^(?!aws:).*$",
        ] {
            assert!(!uses_java_posix_class(pattern), "{pattern}");
        }
    }

    #[test]
    fn non_ascii_text_around_a_pair_is_kept() {
        assert_eq!(engine_syntax(r"é\uDBFF\uDFFFü"), r"é\u{10FFFF}ü");
    }
}
