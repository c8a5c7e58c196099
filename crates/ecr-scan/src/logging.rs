//! `-v` and `RUST_LOG`: the client's `tracing` spans and events on stderr,
//! one line each, through a small subscriber written here.
//!
//! Why not tracing-subscriber: its `EnvFilter` brings regex-automata and
//! regex-syntax for span and field filters this binary never needs; the
//! target-and-level directives below are what `RUST_LOG` is used for here.
//! Without `-v` or `RUST_LOG` no subscriber is installed at all, so the
//! client's instrumentation costs what it does with none.
//!
//! A line: `[  0.012s DEBUG awsgen_client] call{service=ECR
//! operation=StartImageScan}: attempt succeeded attempt=1 ...`; a span's
//! own line when it closes carries what was recorded on it since
//! (`attempts`, `outcome`). Each line passes `escape::printable_line`.

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::io::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use tracing::field::{Field, Visit};
use tracing::level_filters::LevelFilter;
use tracing::span::{Attributes, Id, Record};
use tracing::subscriber::Interest;
use tracing::{Event, Level, Metadata, Subscriber};

use crate::escape::printable_line;

/// `-v`: the client's spans and attempt events; `-vv`: with the request
/// and response heads (secrets redacted) and the HTTP stack's events.
const VERBOSE: &[&str] = &["awsgen_client=debug"];
const VERY_VERBOSE: &[&str] = &["awsgen_client=trace", "hyper_util=debug"];

/// One `target=level` directive; no target means every target.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Directive {
    target: Option<String>,
    level: LevelFilter,
}

/// Which events and spans are printed: the most specific directive whose
/// target is the event's module path or a parent of it (a later one wins
/// a tie); none means nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Filter {
    directives: Vec<Directive>,
}

impl Filter {
    /// `RUST_LOG`'s directives, then `-v`'s. Returns the directives that
    /// were skipped, for a warning.
    pub(crate) fn new(verbosity: u8, rust_log: Option<&str>) -> (Filter, Vec<String>) {
        let mut filter = Filter::default();
        let mut skipped = Vec::new();
        for text in rust_log
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|text| !text.is_empty())
        {
            match parse_directive(text) {
                Some(directive) => filter.directives.push(directive),
                None => skipped.push(text.to_owned()),
            }
        }
        let verbose = match verbosity {
            0 => &[][..],
            1 => VERBOSE,
            _ => VERY_VERBOSE,
        };
        for text in verbose {
            filter.directives.extend(parse_directive(text));
        }
        (filter, skipped)
    }

    /// Whether anything at all is printed.
    pub(crate) fn is_off(&self) -> bool {
        self.max_level() == LevelFilter::OFF
    }

    fn max_level(&self) -> LevelFilter {
        self.directives
            .iter()
            .map(|directive| directive.level)
            .max()
            .unwrap_or(LevelFilter::OFF)
    }

    fn enabled(&self, target: &str, level: &Level) -> bool {
        let mut best: Option<&Directive> = None;
        for directive in &self.directives {
            let matches = match &directive.target {
                None => true,
                Some(prefix) => {
                    target == prefix
                        || target
                            .strip_prefix(prefix.as_str())
                            .is_some_and(|rest| rest.starts_with("::"))
                }
            };
            let length = |d: &Directive| d.target.as_ref().map_or(0, String::len);
            if matches && best.is_none_or(|best| length(directive) >= length(best)) {
                best = Some(directive);
            }
        }
        best.is_some_and(|directive| directive.level >= *level)
    }
}

/// `level`, `target` (every level) or `target=level`. `None` for what
/// this filter does not read (span and field filters, unknown levels).
fn parse_directive(text: &str) -> Option<Directive> {
    if text.contains(['[', '{', ']', '}']) {
        return None;
    }
    let (target, level) = match text.split_once('=') {
        Some((target, level)) => (Some(target.trim()), parse_level(level.trim())?),
        None => match parse_level(text) {
            Some(level) => (None, level),
            None => (Some(text), LevelFilter::TRACE),
        },
    };
    let target = target.map(|target| target.replace('-', "_"));
    if target.as_deref().is_some_and(|t| {
        t.is_empty()
            || !t
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
    }) {
        return None;
    }
    Some(Directive { target, level })
}

fn parse_level(text: &str) -> Option<LevelFilter> {
    Some(match text.to_ascii_lowercase().as_str() {
        "off" => LevelFilter::OFF,
        "error" => LevelFilter::ERROR,
        "warn" => LevelFilter::WARN,
        "info" => LevelFilter::INFO,
        "debug" => LevelFilter::DEBUG,
        "trace" => LevelFilter::TRACE,
        _ => return None,
    })
}

/// Installs the subscriber for `filter` (nothing when it prints nothing).
pub(crate) fn install(filter: Filter) {
    if filter.is_off() {
        return;
    }
    let logger = Logger {
        filter,
        started: Instant::now(),
        next_id: AtomicU64::new(1),
        state: Mutex::new(State::default()),
    };
    // Fails only when one is installed already, which main never does.
    let _ = tracing::subscriber::set_global_default(logger);
}

struct Logger {
    filter: Filter,
    started: Instant,
    next_id: AtomicU64,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    spans: HashMap<u64, SpanData>,
    /// Entered spans, innermost last (the runtime is single-threaded).
    stack: Vec<u64>,
}

struct SpanData {
    name: &'static str,
    target: &'static str,
    level: Level,
    /// `key=value` pairs, space-separated.
    fields: String,
    parent: Option<u64>,
    references: usize,
}

impl Logger {
    /// `outer{fields}:inner{fields}` from the root down to `id`.
    fn context(state: &State, mut id: Option<u64>) -> String {
        let mut chain = Vec::new();
        while let Some(current) = id {
            let Some(span) = state.spans.get(&current) else {
                break;
            };
            chain.push(format!("{}{{{}}}", span.name, span.fields));
            id = span.parent;
        }
        chain.reverse();
        chain.join(":")
    }

    fn write(&self, level: &Level, target: &str, context: &str, text: &str) {
        let elapsed = self.started.elapsed().as_secs_f64();
        let mut line = format!("[{elapsed:7.3}s {level:>5} {target}] ");
        if !context.is_empty() {
            line.push_str(context);
            line.push_str(": ");
        }
        line.push_str(text);
        let mut shown = printable_line(&line);
        shown.push('\n');
        let _ = std::io::stderr().lock().write_all(shown.as_bytes());
    }
}

impl Subscriber for Logger {
    fn register_callsite(&self, metadata: &'static Metadata<'static>) -> Interest {
        if self.enabled(metadata) {
            Interest::always()
        } else {
            Interest::never()
        }
    }

    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        self.filter.enabled(metadata.target(), metadata.level())
    }

    fn max_level_hint(&self) -> Option<LevelFilter> {
        Some(self.filter.max_level())
    }

    fn new_span(&self, attributes: &Attributes<'_>) -> Id {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let mut fields = Fields::default();
        attributes.record(&mut fields);
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let parent = match attributes.parent() {
            Some(parent) => Some(parent.into_u64()),
            None if attributes.is_contextual() => state.stack.last().copied(),
            None => None,
        };
        let metadata = attributes.metadata();
        state.spans.insert(
            id,
            SpanData {
                name: metadata.name(),
                target: metadata.target(),
                level: *metadata.level(),
                fields: fields.text,
                parent,
                references: 1,
            },
        );
        Id::from_u64(id)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(span) = state.spans.get_mut(&span.into_u64()) {
            let mut fields = Fields {
                text: std::mem::take(&mut span.fields),
                message: None,
            };
            values.record(&mut fields);
            span.fields = fields.text;
        }
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields::default();
        event.record(&mut fields);
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let parent = match event.parent() {
            Some(parent) => Some(parent.into_u64()),
            None if event.is_contextual() => state.stack.last().copied(),
            None => None,
        };
        let context = Self::context(&state, parent);
        drop(state);
        let mut text = fields.message.unwrap_or_default();
        if !fields.text.is_empty() {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&fields.text);
        }
        let metadata = event.metadata();
        self.write(metadata.level(), metadata.target(), &context, &text);
    }

    fn enter(&self, span: &Id) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.stack.push(span.into_u64());
    }

    fn exit(&self, span: &Id) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let id = span.into_u64();
        if let Some(at) = state.stack.iter().rposition(|&entered| entered == id) {
            state.stack.remove(at);
        }
    }

    fn clone_span(&self, span: &Id) -> Id {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(data) = state.spans.get_mut(&span.into_u64()) {
            data.references += 1;
        }
        span.clone()
    }

    fn try_close(&self, span: Id) -> bool {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let id = span.into_u64();
        let Some(data) = state.spans.get_mut(&id) else {
            return false;
        };
        data.references -= 1;
        if data.references > 0 {
            return false;
        }
        let context = Self::context(&state, Some(id));
        let Some(data) = state.spans.remove(&id) else {
            return false;
        };
        drop(state);
        self.write(&data.level, data.target, &context, "end");
        true
    }
}

/// A span's or event's fields as `key=value` text; an event's message
/// apart.
#[derive(Default)]
struct Fields {
    text: String,
    message: Option<String>,
}

impl Fields {
    fn push(&mut self, field: &Field, value: fmt::Arguments<'_>) {
        if field.name() == "message" {
            self.message = Some(value.to_string());
            return;
        }
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        let _ = write!(self.text, "{}={}", field.name(), value);
    }
}

impl Visit for Fields {
    /// Display values (`%field`) arrive here too, unquoted: a value with
    /// spaces is quoted so that the line still reads as `key=value` pairs.
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        let text = format!("{value:?}");
        if field.name() != "message" && text.contains(char::is_whitespace) && !text.starts_with('"')
        {
            self.push(field, format_args!("{text:?}"));
        } else {
            self.push(field, format_args!("{text}"));
        }
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() != "message" && value.contains(char::is_whitespace) {
            self.push(field, format_args!("{value:?}"));
        } else {
            self.push(field, format_args!("{value}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(verbosity: u8, rust_log: Option<&str>) -> Filter {
        let (filter, skipped) = Filter::new(verbosity, rust_log);
        assert!(skipped.is_empty(), "{skipped:?}");
        filter
    }

    #[test]
    fn nothing_without_v_or_rust_log() {
        assert!(filter(0, None).is_off());
        assert!(filter(0, Some("")).is_off());
        assert!(filter(0, Some("off")).is_off());
    }

    #[test]
    fn v_shows_the_clients_debug_and_vv_its_trace() {
        let v = filter(1, None);
        assert!(v.enabled("awsgen_client", &Level::DEBUG));
        assert!(v.enabled("awsgen_client::observe", &Level::DEBUG));
        assert!(!v.enabled("awsgen_client", &Level::TRACE));
        assert!(!v.enabled("awsgen_client_other", &Level::ERROR));
        assert!(!v.enabled("hyper_util::client", &Level::DEBUG));
        let vv = filter(2, None);
        assert!(vv.enabled("awsgen_client", &Level::TRACE));
        assert!(vv.enabled("hyper_util::client::legacy", &Level::DEBUG));
        assert!(!vv.enabled("hyper_util::client::legacy", &Level::TRACE));
    }

    #[test]
    fn rust_log_directives_the_most_specific_winning() {
        let f = filter(0, Some("warn, awsgen_client=debug,awsgen_client::pool=off"));
        assert!(f.enabled("tokio", &Level::WARN));
        assert!(!f.enabled("tokio", &Level::INFO));
        assert!(f.enabled("awsgen_client", &Level::DEBUG));
        assert!(!f.enabled("awsgen_client::pool", &Level::ERROR));
        let f = filter(0, Some("awsgen-client"));
        assert!(f.enabled("awsgen_client", &Level::TRACE));
        assert!(!f.enabled("other", &Level::ERROR));
        // -v on top of RUST_LOG: the later directive wins a tie.
        let f = filter(1, Some("awsgen_client=error"));
        assert!(f.enabled("awsgen_client", &Level::DEBUG));
    }

    #[test]
    fn directives_it_cannot_read_are_skipped_and_named() {
        let (f, skipped) = Filter::new(0, Some("info,[call]=trace,x=loud,a b"));
        assert_eq!(skipped, ["[call]=trace", "x=loud", "a b"]);
        assert!(f.enabled("anything", &Level::INFO));
    }
}
