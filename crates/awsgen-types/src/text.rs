//! Keeping untrusted text short enough to quote in an error message.

use std::borrow::Cow;

/// How many characters of an offending input an error message quotes.
const QUOTE_LIMIT: usize = 64;

/// The input itself when short, else its first [`QUOTE_LIMIT`] characters and an
/// ellipsis, so a hostile multi-megabyte value cannot flood an error message.
pub(crate) fn shorten(input: &str) -> Cow<'_, str> {
    match input.char_indices().nth(QUOTE_LIMIT) {
        None => Cow::Borrowed(input),
        Some((cut, _)) => Cow::Owned(format!("{}…", input.get(..cut).unwrap_or(input))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_input_is_quoted_whole() {
        assert_eq!(shorten("NaNa"), "NaNa");
    }

    #[test]
    fn long_input_is_cut_on_a_character_boundary() {
        let long = "é".repeat(100);
        let quoted = shorten(&long);
        assert_eq!(quoted.chars().count(), QUOTE_LIMIT + 1);
        assert!(quoted.ends_with('…'));
    }
}
