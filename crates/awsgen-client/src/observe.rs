//! What a call tells a `tracing` subscriber: a DEBUG `call` span per call
//! (service, operation, then attempts and outcome), a DEBUG event per
//! attempt (endpoint, status, request ID, duration, the retry decision and
//! its delay) and, at TRACE, the request and response heads with every
//! secret header redacted. Target `awsgen_client`.
//!
//! With no subscriber listening (or one that filters these out) each site
//! costs a check of tracing's level and callsite interest: fields are
//! values or references read only by a subscriber that records them, the
//! clock is read for an attempt's duration only when its event is enabled,
//! and nothing here allocates. Bodies, query strings and secret headers
//! are never recorded (see [`Redacted`]).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use awsgen_types::OperationError;
use http::{HeaderMap, HeaderName, Method, Uri};
use tracing::{field, Level, Span};

use crate::error::{CallError, CallErrorKind, RetryStop, Summary};
use crate::metadata::ResponseMetadata;

/// The span of one call. Its `attempts` and `outcome` are recorded when
/// the call ends ([`call_ended`]).
pub(crate) fn call_span(service: &'static str, operation: &'static str) -> Span {
    tracing::debug_span!(
        target: "awsgen_client",
        "call",
        service,
        operation,
        attempts = field::Empty,
        outcome = field::Empty,
    )
}

pin_project_lite::pin_project! {
    /// A future polled inside a span: the connector's work for an
    /// attempt, so that what the HTTP stack logs sits under the call.
    pub(crate) struct InSpan<'a, F> {
        span: &'a Span,
        #[pin]
        inner: F,
    }
}

impl<'a, F> InSpan<'a, F> {
    pub(crate) fn new(span: &'a Span, inner: F) -> Self {
        InSpan { span, inner }
    }
}

impl<F: Future> Future for InSpan<'_, F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let _entered = this.span.enter();
        this.inner.poll(cx)
    }
}

/// Records how the call ended on its span: attempts and outcome (`ok`,
/// or the error as the caller will see it).
pub(crate) fn call_ended<T, E: OperationError>(
    span: &Span,
    result: &Result<(T, ResponseMetadata), CallError<E>>,
) {
    if span.is_disabled() {
        return;
    }
    match result {
        Ok((_, metadata)) => {
            span.record("attempts", metadata.attempts);
            span.record("outcome", "ok");
        }
        Err(err) => {
            span.record("attempts", err.attempts());
            span.record("outcome", field::display(err));
        }
    }
}

/// One attempt, for its event: its number, where it went, and when it
/// started (read only when the event will be recorded).
/// Its events name the call's span as their parent.
#[derive(Clone, Copy)]
pub(crate) struct Attempt<'a> {
    span: &'a Span,
    pub(crate) number: u32,
    pub(crate) uri: &'a Uri,
    started: Option<Instant>,
}

impl<'a> Attempt<'a> {
    pub(crate) fn start(span: &'a Span, number: u32, uri: &'a Uri) -> Self {
        let started = tracing::enabled!(target: "awsgen_client", Level::DEBUG).then(Instant::now);
        Attempt {
            span,
            number,
            uri,
            started,
        }
    }

    /// TRACE: the head of the attempt's request as it goes to the connector.
    pub(crate) fn request_head(
        &self,
        method: &Method,
        uri: &Uri,
        headers: &HeaderMap,
        body: Option<u64>,
    ) {
        tracing::trace!(
            target: "awsgen_client",
            parent: self.span,
            %method,
            endpoint = %Endpoint(uri),
            path = uri.path(),
            headers = %Redacted(headers),
            body_bytes = body,
            "request",
        );
    }

    /// Whether the attempt's event will be recorded (so the request ID is
    /// worth reading).
    pub(crate) fn observed(&self) -> bool {
        self.started.is_some()
    }

    /// The attempt ended with the operation's output.
    pub(crate) fn succeeded(&self, status: u16, request_id: Option<&str>) {
        tracing::debug!(
            target: "awsgen_client",
            parent: self.span,
            attempt = self.number,
            endpoint = %Endpoint(self.uri),
            status,
            request_id,
            duration_ms = self.started.map(millis_since),
            "attempt succeeded",
        );
    }

    /// The attempt failed; `decision` says what comes next.
    pub(crate) fn failed<E: OperationError>(
        &self,
        kind: &CallErrorKind<E>,
        decision: &RetryDecision,
    ) {
        if self.started.is_none() {
            return;
        }
        let (status, request_id) = match kind {
            CallErrorKind::Service(err) => {
                let metadata = err.metadata();
                (Some(metadata.status), metadata.request_id.as_deref())
            }
            CallErrorKind::UnreadableResponse(err) => (Some(err.status), err.request_id.as_deref()),
            CallErrorKind::ResponseTooLarge { status, .. } => (*status, None),
            _ => (None, None),
        };
        let delay_ms = match decision {
            RetryDecision::Retry { delay } => Some(millis(*delay)),
            RetryDecision::Stop(_) => None,
        };
        tracing::debug!(
            target: "awsgen_client",
            parent: self.span,
            attempt = self.number,
            endpoint = %Endpoint(self.uri),
            status,
            request_id,
            duration_ms = self.started.map(millis_since),
            error = %Failure(kind),
            retry = %decision,
            delay_ms,
            "attempt failed",
        );
    }
}

/// What follows a failed attempt.
pub(crate) enum RetryDecision {
    /// Another attempt after `delay`.
    Retry { delay: Duration },
    /// The failure is not retried (`None`: it is not retryable).
    Stop(Option<RetryStop>),
}

impl fmt::Display for RetryDecision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RetryDecision::Retry { .. } => "retry",
            RetryDecision::Stop(None) => "not retryable",
            RetryDecision::Stop(Some(RetryStop::MaxAttempts)) => "stop: max attempts reached",
            RetryDecision::Stop(Some(RetryStop::QuotaExhausted)) => "stop: retry quota exhausted",
            RetryDecision::Stop(Some(RetryStop::PayloadNotReplayable)) => {
                "stop: one-shot payload already sent"
            }
        })
    }
}

/// TRACE: the head of a response as the connector handed it over.
pub(crate) fn response_head(span: &Span, status: u16, headers: &HeaderMap, body: Option<u64>) {
    tracing::trace!(
        target: "awsgen_client",
        parent: span,
        status,
        headers = %Redacted(headers),
        body_bytes = body,
        "response",
    );
}

fn millis_since(started: Instant) -> f64 {
    millis(started.elapsed())
}

/// Milliseconds to the microsecond.
fn millis(duration: Duration) -> f64 {
    duration.as_micros() as f64 / 1000.0
}

/// `scheme://host[:port]` of a URI, written when recorded.
struct Endpoint<'a>(&'a Uri);

impl fmt::Display for Endpoint<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = self.0.scheme_str().unwrap_or("");
        match self.0.authority() {
            Some(authority) => write!(f, "{scheme}://{}", authority.host_port()),
            None => f.write_str(scheme),
        }
    }
}

/// The `host[:port]` of an authority, without any `user:password@`.
trait HostPort {
    fn host_port(&self) -> &str;
}

impl HostPort for http::uri::Authority {
    fn host_port(&self) -> &str {
        let text = self.as_str();
        text.rsplit_once('@').map_or(text, |(_, host)| host)
    }
}

/// A failed attempt in one clause.
struct Failure<'a, E>(&'a CallErrorKind<E>);

impl<E: OperationError> fmt::Display for Failure<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            CallErrorKind::Service(err) => write!(f, "service error: {}", err.metadata()),
            // `through proxy P: reason`
            CallErrorKind::Connect(err) if matches!(err.summary(), Some(Summary::Proxy(_))) => {
                write!(f, "could not connect {err}")
            }
            CallErrorKind::Connect(err) => write!(f, "could not connect: {err}"),
            CallErrorKind::Timeout { which, .. } => write!(f, "timed out: {which}"),
            CallErrorKind::Io(err) => write!(f, "failed in flight: {err}"),
            CallErrorKind::UnreadableResponse(err) => write!(f, "unreadable response: {err}"),
            CallErrorKind::ResponseTooLarge { limit, .. } => {
                write!(f, "response larger than {limit} bytes")
            }
            CallErrorKind::InvalidConfig(err) => write!(f, "invalid configuration: {err}"),
            CallErrorKind::InvalidRequest(err) => write!(f, "invalid request: {err}"),
            CallErrorKind::Credentials(err) => write!(f, "no usable credentials: {err}"),
            CallErrorKind::RequestPayload(err) => write!(f, "the request payload: {err}"),
        }
    }
}

/// Headers as `name: value` pairs, with the value of every header that may
/// carry a secret replaced by `<redacted>`: `authorization`,
/// `proxy-authorization`, `x-amz-security-token`, cookies, any value marked
/// sensitive, and any header whose name speaks of a key, token, secret,
/// password, credential, signature or auth (S3's customer-provided
/// encryption keys among them).
pub(crate) struct Redacted<'a>(pub(crate) &'a HeaderMap);

impl fmt::Display for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("{")?;
        for (index, (name, value)) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{name}: ")?;
            if value.is_sensitive() || is_secret_header(name) {
                f.write_str("<redacted>")?;
            } else {
                match value.to_str() {
                    Ok(text) => f.write_str(text)?,
                    Err(_) => write!(f, "<{} bytes>", value.len())?,
                }
            }
        }
        f.write_str("}")
    }
}

/// Whether a header's value is never recorded.
pub(crate) fn is_secret_header(name: &HeaderName) -> bool {
    const WORDS: [&str; 8] = [
        "auth",
        "token",
        "secret",
        "password",
        "credential",
        "signature",
        "key",
        "cookie",
    ];
    let name = name.as_str();
    WORDS.iter().any(|word| name.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_headers_are_redacted_and_others_shown() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "authorization",
            "AWS4-HMAC-SHA256 Signature=abc".parse().unwrap(),
        );
        headers.insert("x-amz-security-token", "TOKEN".parse().unwrap());
        headers.insert("proxy-authorization", "Basic dTpw".parse().unwrap());
        headers.insert(
            "x-amz-server-side-encryption-customer-key",
            "KEY".parse().unwrap(),
        );
        let mut sensitive = http::HeaderValue::from_static("hidden");
        sensitive.set_sensitive(true);
        headers.insert("x-custom", sensitive);
        headers.insert("x-amz-target", "Svc.Op".parse().unwrap());
        let shown = Redacted(&headers).to_string();
        for secret in ["Signature=abc", "TOKEN", "dTpw", "KEY", "hidden"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(shown.contains("x-amz-target: Svc.Op"), "{shown}");
        assert!(shown.contains("authorization: <redacted>"), "{shown}");
    }

    #[test]
    fn endpoints_leave_out_user_information_and_paths() {
        let uri: Uri = "https://user:pw@example.com:8443/a?b=c".parse().unwrap();
        assert_eq!(Endpoint(&uri).to_string(), "https://example.com:8443");
    }

    #[test]
    fn decisions_read_as_words() {
        let retry = RetryDecision::Retry {
            delay: Duration::from_millis(5),
        };
        assert_eq!(retry.to_string(), "retry");
        assert_eq!(
            RetryDecision::Stop(Some(RetryStop::MaxAttempts)).to_string(),
            "stop: max attempts reached"
        );
    }
}
