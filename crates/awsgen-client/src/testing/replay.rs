//! Replaying a recording: each request is answered by the first unused
//! recorded exchange that matches it.

use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http::HeaderName;

use super::exchange::{Exchange, FileHeader, FORMAT, VERSION};
use crate::connector::{ConnectorFuture, HttpConnector};
use crate::error::ConnectorError;
use crate::operation_id::OperationId;

/// Headers matched unless told otherwise: the ones that name the operation
/// and the body's format. Signatures, dates, invocation IDs and the
/// User-Agent change with every run and are never matched by default.
const DEFAULT_HEADERS: [&str; 2] = ["content-type", "x-amz-target"];

/// How much of a body a message shows.
const SHOWN_BODY: usize = 160;

/// Answers requests from a recording made by
/// [`RecordingConnector`](super::RecordingConnector) (or written by hand),
/// without any network.
///
/// A request is answered by the first recorded exchange not yet used whose
/// request matches it: the same method, path and query (parameters in any
/// order), the same values of the matched headers (`content-type` and
/// `x-amz-target` unless [`match_header`](Self::match_header) adds more), and
/// the same body (compared as JSON values when both sides are JSON, byte for
/// byte otherwise). Identical requests (a waiter's polls, say) are therefore
/// answered in recorded order.
///
/// A request that matches nothing fails the call with an error naming the
/// request and the closest unused exchange, and what differs; the failure
/// is also kept for [`finish`](Self::finish), so a test fails even when the
/// code under test swallows the error. Clones share what has been used.
#[derive(Clone)]
pub struct ReplayConnector {
    source: Arc<str>,
    exchanges: Arc<[Loaded]>,
    headers: Vec<HeaderName>,
    state: Arc<Mutex<State>>,
}

/// One exchange of the file, with what matching needs worked out once.
struct Loaded {
    line: usize,
    exchange: Exchange,
    request: Comparable,
}

#[derive(Default)]
struct State {
    used: Vec<bool>,
    requests: usize,
    failures: Vec<String>,
}

/// The parts of a request that matching looks at.
struct Comparable {
    method: String,
    path: String,
    /// Sorted pairs, so order does not matter.
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Bytes,
}

/// A recording that cannot be read, or a replay that did not go as recorded.
pub struct ReplayError {
    message: String,
}

impl ReplayError {
    fn new(message: String) -> Self {
        ReplayError { message }
    }
}

impl fmt::Display for ReplayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The message itself, so `finish().unwrap()` reads well in a failed test.
impl fmt::Debug for ReplayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ReplayError {}

impl ReplayConnector {
    /// Reads the recording at `path`. Every line is checked now, so a
    /// broken file fails here, naming the line.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, ReplayError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| {
            ReplayError::new(format!("cannot read the recording {}: {e}", path.display()))
        })?;
        Self::from_text(&path.display().to_string(), &text)
    }

    /// Reads a recording from `text`; `source` names it in messages.
    pub fn from_text(source: &str, text: &str) -> Result<Self, ReplayError> {
        let bad =
            |line: usize, what: String| ReplayError::new(format!("{source}, line {line}: {what}"));
        let mut lines = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l))
            .filter(|(_, l)| !l.trim().is_empty());
        let Some((first, header)) = lines.next() else {
            return Err(bad(
                1,
                "empty; a recording starts with its format line".to_owned(),
            ));
        };
        let header: FileHeader = serde_json::from_str(header).map_err(|e| {
            bad(
                first,
                format!(
                    "not the format line {{\"format\":\"{FORMAT}\",\"version\":{VERSION}}}: {e}"
                ),
            )
        })?;
        if header.format != FORMAT || header.version != VERSION {
            return Err(bad(
                first,
                format!(
                    "format {:?} version {} is not {FORMAT:?} version {VERSION}",
                    header.format, header.version
                ),
            ));
        }
        let mut exchanges = Vec::new();
        for (line, text) in lines {
            let exchange: Exchange =
                serde_json::from_str(text).map_err(|e| bad(line, e.to_string()))?;
            // Checked now (a bad status or header fails here, naming the
            // line); built again for each replay, since a response is not `Clone`.
            let _ = exchange.replay().map_err(|what| bad(line, what))?;
            let request = Comparable::recorded(&exchange).map_err(|what| bad(line, what))?;
            exchanges.push(Loaded {
                line,
                exchange,
                request,
            });
        }
        Ok(ReplayConnector {
            source: source.into(),
            state: Arc::new(Mutex::new(State {
                used: vec![false; exchanges.len()],
                ..State::default()
            })),
            exchanges: exchanges.into(),
            headers: DEFAULT_HEADERS
                .iter()
                .map(|name| HeaderName::from_static(name))
                .collect(),
        })
    }

    /// Also matches the values of header `name` (for example a header an
    /// operation binds an input member to).
    ///
    /// # Panics
    /// If `name` is not a valid header name.
    #[track_caller]
    pub fn match_header(mut self, name: &str) -> Self {
        let name = HeaderName::try_from(name)
            .unwrap_or_else(|_| panic!("`{name}` is not a valid header name"));
        if !self.headers.contains(&name) {
            self.headers.push(name);
        }
        self
    }

    /// Stops matching header `name` (one of the defaults, say).
    pub fn ignore_header(mut self, name: &str) -> Self {
        self.headers
            .retain(|h| !h.as_str().eq_ignore_ascii_case(name));
        self
    }

    /// Ok when every recorded exchange was replayed and every request
    /// matched one; otherwise an error listing what went otherwise.
    pub fn finish(&self) -> Result<(), ReplayError> {
        let state = self.lock();
        let unused: Vec<String> = self
            .exchanges
            .iter()
            .zip(&state.used)
            .filter(|(_, used)| !**used)
            .map(|(loaded, _)| format!("  line {}: {}", loaded.line, loaded.exchange))
            .collect();
        let mut problems = Vec::new();
        if !state.failures.is_empty() {
            problems.push(state.failures.join("\n"));
        }
        if !unused.is_empty() {
            problems.push(format!(
                "{} recorded exchange(s) of {} were never requested:\n{}",
                unused.len(),
                self.source,
                unused.join("\n")
            ));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(ReplayError::new(problems.join("\n")))
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The response for `request`, or the message saying why there is none.
    fn answer(
        &self,
        request: &http::Request<Bytes>,
    ) -> Result<Result<http::Response<Bytes>, ConnectorError>, String> {
        let sent = Comparable::sent(request, &self.headers);
        let mut state = self.lock();
        state.requests += 1;
        let number = state.requests;
        let mut closest: Option<(usize, Vec<String>)> = None;
        let mut used_match = None;
        for (index, loaded) in self.exchanges.iter().enumerate() {
            let differences = loaded.request.differences(&sent, &self.headers);
            if state.used[index] {
                if differences.is_empty() && used_match.is_none() {
                    used_match = Some(loaded.line);
                }
                continue;
            }
            if differences.is_empty() {
                state.used[index] = true;
                return loaded.exchange.replay();
            }
            if closest
                .as_ref()
                .is_none_or(|(_, best)| differences.len() < best.len())
            {
                closest = Some((index, differences));
            }
        }
        let operation = OperationId::of_request(request)
            .map(|op| format!("{op}: "))
            .unwrap_or_default();
        let mut message =
            format!(
            "replay of {}: request {number} ({operation}{} {}) matches no recorded exchange left",
            self.source, sent.method, sent.path_and_query()
        );
        for (name, value) in &sent.headers {
            message.push_str(&format!("\n  {name}: {value}"));
        }
        if !sent.body.is_empty() {
            message.push_str(&format!("\n  body: {}", shown(&sent.body)));
        }
        if let Some(line) = used_match {
            message.push_str(&format!(
                "\nline {line} matches it but was replayed already: this run makes more requests than were recorded"
            ));
        }
        match closest {
            Some((index, differences)) => {
                let loaded = &self.exchanges[index];
                message.push_str(&format!(
                    "\nthe closest unused exchange is line {} ({}), which differs in:",
                    loaded.line, loaded.exchange
                ));
                for difference in differences {
                    message.push_str(&format!("\n  {difference}"));
                }
            }
            None => message.push_str(&format!(
                "\nall {} recorded exchange(s) have been replayed",
                self.exchanges.len()
            )),
        }
        state.failures.push(message.clone());
        Err(message)
    }
}

impl HttpConnector for ReplayConnector {
    fn wants_operation_id(&self) -> bool {
        true
    }

    fn call(&self, request: http::Request<Bytes>) -> ConnectorFuture<'_> {
        let answer = self.answer(&request);
        Box::pin(async move {
            match answer {
                Ok(outcome) => outcome,
                Err(message) => Err(ConnectorError::other(message)),
            }
        })
    }
}

impl fmt::Debug for ReplayConnector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReplayConnector")
            .field("source", &self.source)
            .field("exchanges", &self.exchanges.len())
            .field("headers", &self.headers)
            .finish_non_exhaustive()
    }
}

impl Comparable {
    fn recorded(exchange: &Exchange) -> Result<Self, String> {
        let request = &exchange.request;
        let (path, query) = split_uri(&request.uri);
        Ok(Comparable {
            method: request.method.clone(),
            path,
            query,
            headers: request
                .headers
                .iter()
                .map(|(name, value)| (name.to_ascii_lowercase(), value.clone()))
                .collect(),
            body: request.body.to_bytes()?,
        })
    }

    /// A sent request, keeping only the matched headers.
    fn sent(request: &http::Request<Bytes>, matched: &[HeaderName]) -> Self {
        let uri = request.uri().path_and_query().map_or("/", |p| p.as_str());
        let (path, query) = split_uri(uri);
        Comparable {
            method: request.method().as_str().to_owned(),
            path,
            query,
            headers: matched
                .iter()
                .flat_map(|name| {
                    request.headers().get_all(name).iter().map(move |value| {
                        (
                            name.as_str().to_owned(),
                            String::from_utf8_lossy(value.as_bytes()).into_owned(),
                        )
                    })
                })
                .collect(),
            body: request.body().clone(),
        }
    }

    fn path_and_query(&self) -> String {
        if self.query.is_empty() {
            return self.path.clone();
        }
        format!("{}?{}", self.path, query_text(&self.query))
    }

    fn header_values(&self, name: &HeaderName) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n == name.as_str())
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// What differs between this recorded request and the sent one, in
    /// the words of a message; empty when they match.
    fn differences(&self, sent: &Comparable, matched: &[HeaderName]) -> Vec<String> {
        let mut out = Vec::new();
        if self.method != sent.method {
            out.push(format!(
                "method: recorded {}, sent {}",
                self.method, sent.method
            ));
        }
        if self.path != sent.path {
            out.push(format!("path: recorded {}, sent {}", self.path, sent.path));
        }
        if self.query != sent.query {
            out.push(format!(
                "query: recorded `{}`, sent `{}`",
                query_text(&self.query),
                query_text(&sent.query)
            ));
        }
        for name in matched {
            let (recorded, sent) = (self.header_values(name), sent.header_values(name));
            if recorded != sent {
                let show = |values: &[&str]| {
                    if values.is_empty() {
                        "(none)".to_owned()
                    } else {
                        values.join(", ")
                    }
                };
                out.push(format!(
                    "header {name}: recorded {}, sent {}",
                    show(&recorded),
                    show(&sent)
                ));
            }
        }
        if !same_body(&self.body, &sent.body) {
            out.push(format!(
                "body: recorded {}, sent {}",
                shown(&self.body),
                shown(&sent.body)
            ));
        }
        out
    }
}

fn split_uri(uri: &str) -> (String, Vec<(String, String)>) {
    let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (key.to_owned(), value.to_owned())
        })
        .collect();
    pairs.sort();
    (path.to_owned(), pairs)
}

fn query_text(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// JSON bodies are equal when their values are (key order and spacing
/// aside); anything else byte for byte.
fn same_body(a: &[u8], b: &[u8]) -> bool {
    if a == b {
        return true;
    }
    match (
        serde_json::from_slice::<serde_json::Value>(a),
        serde_json::from_slice::<serde_json::Value>(b),
    ) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// A body for a message: text cut to a readable length, or its size.
fn shown(body: &[u8]) -> String {
    if body.is_empty() {
        return "(empty)".to_owned();
    }
    match std::str::from_utf8(body) {
        Ok(text) if text.chars().count() > SHOWN_BODY => {
            let cut: String = text.chars().take(SHOWN_BODY).collect();
            format!("{cut}... ({} bytes)", body.len())
        }
        Ok(text) => text.to_owned(),
        Err(_) => format!("({} bytes, not UTF-8)", body.len()),
    }
}
