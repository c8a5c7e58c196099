//! Everything `ecr-scan` writes: the report on stdout, diagnostics on stderr.
//! With `--format json` stdout holds the JSON document alone, so the
//! progress lines the text report shows there go to stderr.
//!
//! Each diagnostic line passes `escape::printable_line`, so text from the
//! environment or the service is shown, not obeyed, and cannot flood the
//! terminal; text report lines are escaped the same way (not cut: the report
//! is the point). The JSON document is written as serde_json made it, which
//! escapes control characters in JSON's own way.
//!
//! Write errors are ignored rather than panicking as `println!` does: with
//! stdout closed early (`ecr-scan ... | head -1`) the exit status still tells
//! the outcome.

use std::io::Write as _;

use crate::args::UsageError;
use crate::escape::{escaped, printable_line};

/// What stdout holds: `--format text` (the default) or `--format json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Json,
}

impl Format {
    /// The names `--format` takes.
    pub(crate) const NAMES: &'static str = "text, json";

    pub(crate) fn parse(name: &str) -> Option<Format> {
        match name.trim() {
            "text" => Some(Format::Text),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// A line about how the run is going (started, waiting, complete): part of
/// the text report, a diagnostic beside the JSON document.
pub(crate) fn progress(format: Format, line: &str) {
    match format {
        Format::Text => report_text(line),
        Format::Json => diagnostic(line),
    }
}

/// Prints `message` on stderr after `ecr-scan: `; its later lines (details,
/// indented by the caller) follow as they are.
pub(crate) fn diagnostic(message: &str) {
    let mut text = String::from("ecr-scan: ");
    for (index, line) in message.lines().enumerate() {
        if index > 0 {
            text.push('\n');
        }
        text.push_str(&printable_line(line));
    }
    text.push('\n');
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// A usage error: the problem on one line, then where the usage is, rather
/// than the whole help text burying the problem.
pub(crate) fn usage_error(error: &UsageError) {
    diagnostic(&error.to_string());
    let _ = std::io::stderr()
        .lock()
        .write_all(b"Try `ecr-scan --help` for the flags and image forms.\n");
}

/// Prints lines of the text report on stdout, each escaped.
pub(crate) fn report_text(text: &str) {
    let mut shown = String::with_capacity(text.len() + 1);
    for line in text.lines() {
        shown.push_str(&escaped(line));
        shown.push('\n');
    }
    write_stdout(&shown);
}

/// Prints the JSON document on stdout, on its own line.
pub(crate) fn json_document(document: &str) {
    write_stdout(&format!("{document}\n"));
}

fn write_stdout(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}
