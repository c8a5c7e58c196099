//! Text from outside (arguments, the environment, the shared config files,
//! the service) made safe to print. Control and invisible formatting
//! characters are shown as escapes, so no input can move the cursor, recolour
//! the terminal or hide text behind a bidirectional override; long text is
//! cut, so a megabyte of bad input cannot become a megabyte of stderr.

use std::fmt::Write as _;

/// Characters of an echoed value that are shown: enough to recognise a
/// region, tag or flag, short enough to keep the message on one line.
const ECHO_CHARS: usize = 64;

/// Longest line of a diagnostic. The messages' own text stays well below it
/// (the longest, "no region ... looked at: ...", runs to about 400 characters
/// with long paths); only a value echoed without `quoted` reaches it.
const LINE_CHARS: usize = 1000;

/// How a line over `LINE_CHARS` is kept: its start, which names the problem,
/// and its end, which usually says what is wrong with the value.
const LINE_HEAD_CHARS: usize = 700;
const LINE_TAIL_CHARS: usize = 200;

/// `value` as a message echoes it: in backticks, escaped, and cut after
/// `ECHO_CHARS` characters with its full length named.
pub(crate) fn quoted(value: &str) -> String {
    let length = value.chars().count();
    if length <= ECHO_CHARS {
        return format!("`{}`", escaped(value));
    }
    let start: String = value.chars().take(ECHO_CHARS).collect();
    format!("`{}...` ({length} characters)", escaped(&start))
}

/// `text` with every control or invisible formatting character written as an
/// escape (`\n`, `\u{1b}`, `\u{202e}`); everything else, non-ASCII letters
/// included, as it is.
pub(crate) fn escaped(text: &str) -> String {
    if !text.chars().any(is_hidden) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden(c) {
            let _ = write!(out, "{}", c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// One line of a diagnostic as it is written: escaped, and when still longer
/// than `LINE_CHARS`, cut in the middle with the number of characters left out.
pub(crate) fn printable_line(line: &str) -> String {
    let line = escaped(line);
    let length = line.chars().count();
    if length <= LINE_CHARS {
        return line;
    }
    let head: String = line.chars().take(LINE_HEAD_CHARS).collect();
    let tail: String = line.chars().skip(length - LINE_TAIL_CHARS).collect();
    let cut = length - LINE_HEAD_CHARS - LINE_TAIL_CHARS;
    format!("{head}[... {cut} characters cut ...]{tail}")
}

/// Characters a terminal does not show as themselves: C0 and C1 controls,
/// DEL, and the formatting characters that reorder or hide text (bidi
/// embeddings, overrides and isolates, zero-width characters, the BOM).
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}'
                | '\u{feff}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_become_visible() {
        assert_eq!(escaped("us-east-1"), "us-east-1");
        assert_eq!(escaped("ü-ß"), "ü-ß");
        assert_eq!(escaped("a\x1b[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escaped("a\nb\tc\r"), "a\\nb\\tc\\r");
        assert_eq!(
            escaped("x\u{202e}y\u{7f}\u{9b}"),
            "x\\u{202e}y\\u{7f}\\u{9b}"
        );
    }

    #[test]
    fn quoted_values_are_cut_with_their_length() {
        assert_eq!(quoted("us east 1"), "`us east 1`");
        let long = "a".repeat(1 << 20);
        let shown = quoted(&long);
        assert_eq!(
            shown,
            format!("`{}...` (1048576 characters)", "a".repeat(ECHO_CHARS))
        );
        // Cut by characters, never inside one.
        let wide = "é".repeat(100);
        assert!(quoted(&wide).starts_with(&format!("`{}...`", "é".repeat(ECHO_CHARS))));
    }

    #[test]
    fn long_lines_keep_their_start_and_end() {
        let line = format!("invalid value `{}`: it is too long", "x".repeat(5000));
        let shown = printable_line(&line);
        assert!(shown.chars().count() < LINE_CHARS + 40, "{}", shown.len());
        assert!(shown.starts_with("invalid value `xxx"), "{shown}");
        assert!(shown.ends_with("xxx`: it is too long"), "{shown}");
        assert!(shown.contains("[... 4132 characters cut ...]"), "{shown}");
        assert_eq!(printable_line("short"), "short");
    }
}
