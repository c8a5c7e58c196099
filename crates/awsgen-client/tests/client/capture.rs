//! A `tracing` subscriber that records every span and event at every
//! level, with every field as text, for tests to read back.

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

/// A span: its name, its fields as recorded (later records appended).
#[derive(Clone, Debug)]
pub struct SpanRecord {
    pub name: &'static str,
    pub fields: Vec<(String, String)>,
}

/// An event: its level, target, message and fields, and its parent span
/// (explicit, or the innermost entered one).
#[derive(Clone, Debug)]
pub struct EventRecord {
    pub level: Level,
    pub target: String,
    pub fields: Vec<(String, String)>,
    pub parent: Option<Id>,
}

impl EventRecord {
    pub fn field(&self, name: &str) -> Option<&str> {
        field(&self.fields, name)
    }

    pub fn message(&self) -> &str {
        self.field("message").unwrap_or("")
    }
}

impl SpanRecord {
    pub fn field(&self, name: &str) -> Option<&str> {
        field(&self.fields, name)
    }
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .rev()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

#[derive(Default)]
struct State {
    spans: HashMap<u64, SpanRecord>,
    events: Vec<EventRecord>,
    /// The entered spans, innermost last. Tests run on one thread.
    stack: Vec<Id>,
}

/// The recording subscriber; clones share what was recorded.
#[derive(Clone, Default)]
pub struct Capture {
    state: Arc<Mutex<State>>,
    next: Arc<AtomicU64>,
}

impl Capture {
    pub fn events(&self) -> Vec<EventRecord> {
        self.state.lock().unwrap().events.clone()
    }

    pub fn span(&self, id: &Id) -> SpanRecord {
        self.state.lock().unwrap().spans[&id.into_u64()].clone()
    }

    pub fn spans_named(&self, name: &str) -> Vec<SpanRecord> {
        let state = self.state.lock().unwrap();
        let mut spans: Vec<(u64, SpanRecord)> = state
            .spans
            .iter()
            .filter(|(_, span)| span.name == name)
            .map(|(id, span)| (*id, span.clone()))
            .collect();
        spans.sort_by_key(|(id, _)| *id);
        spans.into_iter().map(|(_, span)| span).collect()
    }

    /// Every field value of every span and event, one per line.
    pub fn all_text(&self) -> String {
        let state = self.state.lock().unwrap();
        let spans = state.spans.values().flat_map(|span| span.fields.iter());
        let events = state.events.iter().flat_map(|event| event.fields.iter());
        spans
            .chain(events)
            .map(|(key, value)| format!("{key}={value}\n"))
            .collect()
    }
}

struct Fields<'a>(&'a mut Vec<(String, String)>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, attributes: &Attributes<'_>) -> Id {
        let id = Id::from_u64(self.next.fetch_add(1, Ordering::Relaxed) + 1);
        let mut fields = Vec::new();
        attributes.record(&mut Fields(&mut fields));
        self.state.lock().unwrap().spans.insert(
            id.into_u64(),
            SpanRecord {
                name: attributes.metadata().name(),
                fields,
            },
        );
        id
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut state = self.state.lock().unwrap();
        if let Some(span) = state.spans.get_mut(&span.into_u64()) {
            values.record(&mut Fields(&mut span.fields));
        }
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Vec::new();
        event.record(&mut Fields(&mut fields));
        let mut state = self.state.lock().unwrap();
        let parent = match event.parent() {
            Some(parent) => Some(parent.clone()),
            None if event.is_contextual() => state.stack.last().cloned(),
            None => None,
        };
        state.events.push(EventRecord {
            level: *event.metadata().level(),
            target: event.metadata().target().to_owned(),
            fields,
            parent,
        });
    }

    fn enter(&self, span: &Id) {
        self.state.lock().unwrap().stack.push(span.clone());
    }

    fn exit(&self, span: &Id) {
        let mut state = self.state.lock().unwrap();
        if let Some(at) = state.stack.iter().rposition(|entered| entered == span) {
            state.stack.remove(at);
        }
    }
}
