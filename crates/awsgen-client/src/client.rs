//! The client: runs an operation through endpoint resolution, request
//! building, signing, sending, response parsing and retries.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use awsgen_auth::{Credentials, Region, Signer, SigningSettings};
use awsgen_types::response::request_id;
use awsgen_types::{HttpResponse, Operation, OperationError};
use bytes::Bytes;
use http::HeaderValue;
use tracing::Span;

use crate::checksum;
use crate::clock_skew::{is_skew_code, ClockOffset};
use crate::compression::CompressionConfig;
use crate::connector::{ConnectorFuture, HttpConnector, StreamingFuture};
use crate::credentials::{CredentialsSource, Lookup};
use crate::endpoint::EndpointResolver;
use crate::error::{
    CallError, CallErrorKind, ConfigError, ConnectorError, ConnectorErrorKind, InvalidRequest,
    ResponseProblem, RetryStop, TimeoutKind, UnreadableResponse,
};
use crate::idempotency::IdempotencyTokens;
use crate::invocation::invocation_id;
use crate::keyed_cache::{Cached, KeyedCache};
use crate::metadata::ResponseMetadata;
use crate::observe::{self, Attempt, InSpan, RetryDecision};
use crate::operation_id::OperationId;
use crate::request::{
    prepare, Outgoing, PreparedRequest, SigningContext, Unprepared, S3_SIGNING_NAME,
};
use crate::retry::{
    classify_clock_skew, classify_connector_error, classify_service_error, full_jitter_delay,
    retry_after_hint, RateLimiter, RetryConfig, RetryKind, RetryMode, TokenBucket,
};
use crate::streaming::collect_capped;
use crate::timeouts::TimeoutConfig;
use crate::trace_id::TraceIdSource;
use crate::user_agent::user_agent;

/// A client for AWS services of any protocol the generator supports. Cheap to clone: clones share the connection
/// pool, the retry quota, cached credentials and resolved endpoints.
///
/// ```no_run
/// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
/// let client = awsgen_client::Client::from_env()?;
/// // let output = client.call::<ecr_types::StartImageScan>(input).await?;
/// # let _ = client;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

/// Everything a built client holds.
pub(crate) struct ClientParts {
    pub(crate) region: Region,
    pub(crate) credentials: CredentialsSource,
    pub(crate) endpoints: EndpointResolver,
    pub(crate) connector: Arc<dyn HttpConnector>,
    pub(crate) retry: RetryConfig,
    pub(crate) timeouts: TimeoutConfig,
    pub(crate) compression: CompressionConfig,
    pub(crate) max_response_bytes: usize,
    pub(crate) app_name: Option<String>,
    pub(crate) trace_id: TraceIdSource,
    pub(crate) idempotency_tokens: IdempotencyTokens,
}

struct Inner {
    parts: ClientParts,
    signing: SigningSettings,
    /// S3's: every request carries `x-amz-content-sha256` (S3 refuses a
    /// signed request without it), the hex SHA-256 of a body in memory or
    /// `UNSIGNED-PAYLOAD` for a stream over https (`request.rs`); the path
    /// is signed as sent.
    signing_s3: SigningSettings,
    /// Remembers the derived SigV4 key, which changes once a day.
    signer: Signer,
    quota: TokenBucket,
    /// The adaptive retry mode's rate limiter; `None` in standard mode,
    /// where nothing of it runs.
    rate_limiter: Option<RateLimiter>,
    /// The User-Agent per service `sdkId`, built on first use: building it
    /// on every call showed in the per-request profile.
    user_agents: KeyedCache<HeaderValue>,
    /// How far the service's clock is from the local one, learned from
    /// responses that refuse the signature's time.
    clock: ClockOffset,
}

/// A successful attempt's output, request ID and status.
struct Delivered<T> {
    output: T,
    request_id: Option<String>,
    status: u16,
}

/// When the whole call must have ended, and the limit it came from.
#[derive(Clone, Copy)]
struct OperationDeadline {
    at: tokio::time::Instant,
    limit: Duration,
}

impl OperationDeadline {
    /// When the call began.
    fn started(self) -> tokio::time::Instant {
        self.at - self.limit
    }

    fn elapsed<E>(self, attempts: u32) -> CallError<E> {
        CallError::new(
            CallErrorKind::Timeout {
                which: TimeoutKind::Operation(self.limit),
                source: None,
            },
            attempts,
        )
    }
}

/// When attempt number `attempt` must end, and by which limit (the
/// attempt timeout, or the operation deadline when that comes first);
/// `None` when neither applies. One instant, so one timer per attempt
/// however many limits there are. The first attempt starts when the
/// deadline was set unless the call `started_late` (a payload read for its
/// hash, a wait for the rate limiter), so with the default timeouts a call
/// still reads the clock once.
fn attempt_limit(
    deadline: Option<OperationDeadline>,
    attempt_timeout: Option<Duration>,
    attempt: u32,
    started_late: bool,
) -> Option<(tokio::time::Instant, TimeoutKind)> {
    let attempt_end = attempt_timeout.and_then(|limit| {
        let started = match deadline {
            Some(deadline) if attempt == 1 && !started_late => deadline.started(),
            _ => tokio::time::Instant::now(),
        };
        Some((started.checked_add(limit)?, limit))
    });
    match (deadline, attempt_end) {
        (Some(deadline), Some((at, limit))) if at < deadline.at => {
            Some((at, TimeoutKind::Attempt(limit)))
        }
        (Some(deadline), _) => Some((deadline.at, TimeoutKind::Operation(deadline.limit))),
        (None, Some((at, limit))) => Some((at, TimeoutKind::Attempt(limit))),
        (None, None) => None,
    }
}

/// How one attempt failed, and whether it may be retried.
struct Failure<E> {
    kind: CallErrorKind<E>,
    retry: Option<RetryKind>,
    /// The server's `x-amz-retry-after` hint.
    retry_after: Option<Duration>,
}

impl<E> Failure<E> {
    fn terminal(kind: CallErrorKind<E>) -> Self {
        Failure {
            kind,
            retry: None,
            retry_after: None,
        }
    }
}

impl Client {
    // `Client::builder` and `Client::from_env` are in `config.rs`, beside
    // the builder, so that this module does not depend on that one.

    pub(crate) fn from_parts(parts: ClientParts) -> Client {
        let rate_limiter = (parts.retry.mode() == RetryMode::Adaptive).then(RateLimiter::new);
        Client {
            inner: Arc::new(Inner {
                parts,
                signing: SigningSettings::default(),
                signing_s3: s3_signing_settings(),
                signer: Signer::new(),
                quota: TokenBucket::new(),
                rate_limiter,
                user_agents: KeyedCache::default(),
                clock: ClockOffset::default(),
            }),
        }
    }

    /// Calls operation `O` and returns its output.
    ///
    /// Not an `async fn` on purpose: the future is the retry loop's own, with
    /// no layer around it that would hold the input again (every layer keeps
    /// its arguments), and it skips reading the request ID nobody sees.
    pub fn call<O: Operation>(
        &self,
        input: O::Input,
    ) -> impl Future<Output = Result<O::Output, CallError<O::Error>>> + '_ {
        self.run::<O, _>(input, false, |output, _| output)
    }

    /// Calls operation `O` and returns its output with the request ID and the
    /// number of attempts made.
    pub fn call_with_metadata<O: Operation>(
        &self,
        input: O::Input,
    ) -> impl Future<Output = Result<(O::Output, ResponseMetadata), CallError<O::Error>>> + '_ {
        self.run::<O, _>(input, true, |output, metadata| (output, metadata))
    }

    /// The endpoint rule-set parameters a call of `O` with `input` resolves
    /// its endpoint with: this client's built-in values (region, FIPS,
    /// dual-stack, an explicit or configured endpoint URL, account ID and its
    /// endpoint mode) and the operation's own
    /// ([`Operation::endpoint_params`]), combined by the code a call runs.
    /// `None` when the service has no endpoint rule set.
    ///
    /// For checking a client against a model's `smithy.rules#endpointTests`
    /// (`cargo xtask endpoint-tests`); calls never need it.
    pub fn endpoint_rule_params<O: Operation>(
        &self,
        input: &O::Input,
    ) -> Result<Option<awsgen_endpoints::Params>, ConfigError> {
        self.inner
            .parts
            .endpoints
            .rule_params(O::SERVICE, &O::endpoint_params(input))
    }

    /// The retry loop, within the operation timeout.
    ///
    /// The operation deadline is read once, before anything else, and bounds
    /// each wait of the call (every attempt's response and every backoff):
    /// between those waits the call runs without yielding, so this is the
    /// same limit as a `timeout` around the whole loop, without that
    /// wrapper's extra copy of the loop's state. An attempt waits under one
    /// timer, set to the nearer of its attempt timeout and the operation
    /// deadline; the first attempt's start is the instant the deadline was
    /// read from, so with the defaults a call still reads the clock once and
    /// sets one timer.
    ///
    /// The call's span (`observe`) is made here, when the call is first
    /// polled: its events name it as their parent, and it is entered while
    /// the connector works, so what the HTTP stack logs sits under it too.
    /// (Held here, not by a wrapper around this future or as an argument:
    /// either made the future be copied once more per call, about 250
    /// instructions of the 1 KB state.)
    async fn run<O: Operation, R>(
        &self,
        input: O::Input,
        want_request_id: bool,
        finish: impl FnOnce(O::Output, ResponseMetadata) -> R,
    ) -> Result<R, CallError<O::Error>> {
        let parts = &self.inner.parts;
        let span = observe::call_span(O::SERVICE.sdk_id, O::NAME);
        // One exit, so the span records how the call ended: every early
        // end below is a `break 'call`.
        let ended = 'call: {
            // Tokio's timers and the connector would panic outside a runtime (on
            // another executor, say); a clear error is the better answer.
            if tokio::runtime::Handle::try_current().is_err() {
                break 'call Err(CallError::new(
                    CallErrorKind::InvalidConfig(ConfigError::NoRuntime),
                    0,
                ));
            }
            let deadline = parts.timeouts.operation().and_then(|limit| {
                let at = tokio::time::Instant::now().checked_add(limit)?;
                Some(OperationDeadline { at, limit })
            });
            let mut prepared = match self.prepare_request::<O>(input) {
                Ok(prepared) => prepared,
                Err(unprepared) => break 'call Err(CallError::new(unprepared.into(), 0)),
            };
            // A streamed payload that is signed is read once for its hash first
            // (checked first, so a body in memory pays no future for it).
            if prepared.streams() {
                if let Err(err) =
                    Box::pin(prepared.settle_stream(O::CHECKSUM_REQUIRED, O::BODY_CHECKSUM)).await
                {
                    break 'call Err(CallError::new(CallErrorKind::RequestPayload(err), 0));
                }
            }
            let validate_checksum = prepared.validates_response_checksum();
            let max_attempts = parts.retry.max_attempts();
            let mut attempts = 0;
            let mut retry_cost = None;
            loop {
                let attempt = attempts + 1;
                // A streamed payload may have been read for its hash since the
                // call began; in adaptive mode, once throttled, any attempt may
                // wait for a token of the rate limiter.
                let streamed = prepared.streams_payload();
                let mut started_late = streamed;
                if let Some(wait) = self
                    .inner
                    .rate_limiter
                    .as_ref()
                    .and_then(RateLimiter::acquire)
                {
                    started_late = true;
                    if let Err(deadline) = wait_within(deadline, wait).await {
                        break 'call Err(deadline.elapsed(attempts));
                    }
                }
                let limit = attempt_limit(
                    deadline,
                    parts.timeouts.attempt_for(streamed),
                    attempt,
                    started_late,
                );
                // The credentials first (the only step that may wait), then
                // the rest of the attempt's start, out of line. In a block of
                // its own: a local moved into a call keeps its place in this
                // future's state while an await follows in its scope.
                let (this_attempt, sent) = {
                    let signing = match self.signing_credentials(&prepared, deadline).await {
                        Ok(signing) => signing,
                        Err(kind) => break 'call Err(CallError::new(kind, attempts)),
                    };
                    match self.start_attempt::<O>(&span, &prepared, attempt, max_attempts, signing)
                    {
                        Ok(started) => started,
                        Err(kind) => break 'call Err(CallError::new(kind, attempts)),
                    }
                };
                attempts = attempt;
                // Read for the attempt's event too, when a subscriber records it.
                let want_request_id_now = want_request_id || this_attempt.observed();
                // A block, so the outcome's storage ends before the backoff wait
                // and is not kept in this future next to the wait's own state.
                let failure = {
                    let outcome = match sent {
                        Sent::Buffered(sent) => {
                            let sent =
                                self.send::<O>(&span, sent, want_request_id_now, validate_checksum);
                            within(limit, sent).await
                        }
                        // Boxed: a streamed exchange's larger state is not
                        // carried by every buffered call's future.
                        Sent::Streaming(sent) => {
                            let sent = self.send_streaming::<O>(
                                &span,
                                sent,
                                want_request_id_now,
                                validate_checksum,
                            );
                            Box::pin(within(limit, sent)).await
                        }
                    };
                    let outcome = match outcome {
                        Ok(outcome) => outcome,
                        Err(TimeoutKind::Attempt(limit)) => Err(attempt_timed_out(limit)),
                        Err(which) => {
                            let timed_out = CallErrorKind::Timeout {
                                which,
                                source: None,
                            };
                            this_attempt.failed(&timed_out, &RetryDecision::Stop(None));
                            break 'call Err(
                                CallError::new(timed_out, attempts).at_endpoint(prepared.uri())
                            );
                        }
                    };
                    match outcome {
                        Ok(Delivered {
                            output,
                            request_id,
                            status,
                        }) => {
                            self.record_for_rate_limiter(false);
                            self.settle_quota(retry_cost);
                            this_attempt.succeeded(status, request_id.as_deref());
                            let metadata = ResponseMetadata {
                                request_id,
                                attempts: attempt,
                            };
                            break 'call Ok((output, metadata));
                        }
                        Err(failure) => failure,
                    }
                };
                self.record_for_rate_limiter(failure.retry == Some(RetryKind::Throttling));
                let (delay, cost) = match self.plan_retry(
                    failure,
                    this_attempt,
                    max_attempts,
                    prepared.replayable(),
                ) {
                    Ok(planned) => planned,
                    Err(err) => break 'call Err(err),
                };
                retry_cost = Some(cost);
                // Boxed: only a retry pays for the wait's state. Held inline
                // here it made every call's future 1,344 bytes against 1,240
                // (the rate limiter's wait above shares its room with the
                // attempt's and costs nothing).
                if let Err(deadline) = Box::pin(wait_within(deadline, delay)).await {
                    break 'call Err(deadline.elapsed(attempts));
                }
            }
        };
        observe::call_ended(&span, &ended);
        ended.map(|(output, metadata)| finish(output, metadata))
    }

    /// Adaptive mode: an attempt's outcome sets the rate limiter's pace.
    fn record_for_rate_limiter(&self, throttled: bool) {
        if let Some(limiter) = &self.inner.rate_limiter {
            limiter.record(throttled);
        }
    }

    /// After failed attempt `attempt`: the wait before the next one and what
    /// that retry takes from the quota, or the error that ends the call. The
    /// failure is taken by value, so none of it stays in the loop's future
    /// during the wait. The attempt's event says which (`observe`).
    ///
    /// Never inlined, like the other failure paths below (`learn_clock`,
    /// `connector_failure`, `attempt_timed_out`): inlined, their code sat
    /// in the call's future between the hot steps, and a call that
    /// succeeds paid for it in instruction-cache misses (BENCHMARKS.md,
    /// "The failure paths out of line": 3.00 -> 2.88 µs a call).
    #[inline(never)]
    fn plan_retry<E: OperationError>(
        &self,
        failure: Failure<E>,
        attempt: Attempt<'_>,
        max_attempts: u32,
        replayable: bool,
    ) -> Result<(Duration, u32), CallError<E>> {
        let stop = |failure: Failure<E>, stop: Option<RetryStop>| {
            attempt.failed(&failure.kind, &RetryDecision::Stop(stop));
            let err = CallError::new(failure.kind, attempt.number);
            match stop {
                Some(stop) => err.with_stop(stop),
                None => err,
            }
            .at_endpoint(attempt.uri)
        };
        let Some(kind) = failure.retry else {
            return Err(stop(failure, None));
        };
        if !replayable {
            return Err(stop(failure, Some(RetryStop::PayloadNotReplayable)));
        }
        if attempt.number >= max_attempts {
            return Err(stop(failure, Some(RetryStop::MaxAttempts)));
        }
        if !self.inner.quota.try_acquire(kind.cost()) {
            return Err(stop(failure, Some(RetryStop::QuotaExhausted)));
        }
        let retry = &self.inner.parts.retry;
        let delay = failure.retry_after.unwrap_or_else(|| {
            full_jitter_delay(
                attempt.number,
                retry.initial_backoff(),
                retry.max_backoff(),
                fastrand::f64(),
            )
        });
        attempt.failed(&failure.kind, &RetryDecision::Retry { delay });
        Ok((delay, kind.cost()))
    }

    /// Everything before the first attempt: endpoint, User-Agent, body and
    /// headers. A function of its own so the input (and what borrows it) is
    /// gone before the loop first waits, instead of kept in its future.
    #[inline(never)]
    pub(crate) fn prepare_request<O: Operation>(
        &self,
        mut input: O::Input,
    ) -> Result<PreparedRequest, Unprepared> {
        let parts = &self.inner.parts;
        // Before anything reads the input (endpoint parameters included),
        // and once per call: every attempt resends the same token.
        O::fill_unset(&mut input, &|| parts.idempotency_tokens.next());
        let endpoint = parts
            .endpoints
            .resolve_with(O::SERVICE, &O::endpoint_params(&input))
            .map_err(Unprepared::Config)?;
        let ua = self
            .user_agent(O::SERVICE.sdk_id)
            .map_err(Unprepared::Request)?;
        let trace_id = parts.trace_id.current();
        prepare::<O>(
            &input,
            &endpoint,
            &parts.compression,
            invocation_id(),
            &ua,
            trace_id,
        )
        .map_err(Unprepared::Request)
    }

    /// What presigning (`presign.rs`) shares with calls: the settings
    /// (endpoints, credentials, timeouts), the signer with its remembered
    /// key, and the clock corrected by the offset learned from the service.
    pub(crate) fn parts(&self) -> &ClientParts {
        &self.inner.parts
    }

    pub(crate) fn signer(&self) -> (&Signer, &SigningSettings) {
        (&self.inner.signer, &self.inner.signing)
    }

    /// `now` as the service's clock reads it (the skew learned from refusals).
    pub(crate) fn service_time(&self, now: SystemTime) -> SystemTime {
        self.inner.clock.corrected(now)
    }

    /// The User-Agent for a service, from the cache.
    fn user_agent(&self, sdk_id: &'static str) -> Result<Cached<'_, HeaderValue>, InvalidRequest> {
        self.inner.user_agents.get_or_try_insert(sdk_id, || {
            let text = user_agent(sdk_id, self.inner.parts.app_name.as_deref());
            HeaderValue::try_from(text).map_err(|_| InvalidRequest::InvalidHeader {
                name: "User-Agent".to_owned(),
            })
        })
    }

    /// The credentials an attempt is signed with and the time they were
    /// read at; `None` for an operation sent unsigned (then none are looked
    /// up). Waits only when they must be fetched (first use, or near their
    /// expiry), and then no longer than the operation deadline.
    async fn signing_credentials<E>(
        &self,
        prepared: &PreparedRequest,
        deadline: Option<OperationDeadline>,
    ) -> Result<Option<(Cached<'_, Credentials>, SystemTime)>, CallErrorKind<E>> {
        if !prepared.signed() {
            return Ok(None);
        }
        let now = SystemTime::now();
        let credentials = match self.inner.parts.credentials.lookup(now) {
            Lookup::Hit(credentials) => credentials,
            Lookup::Refresh(refresh) => {
                let limit = deadline.map(|d| (d.at, TimeoutKind::Operation(d.limit)));
                // Boxed with its timer, so the call's future holds a pointer
                // across this wait rather than a timer that only a refresh
                // needs (the hit path has no await).
                let waited: Pin<Box<dyn Future<Output = _> + Send + '_>> =
                    Box::pin(within(limit, refresh));
                waited
                    .await
                    .map_err(|which| CallErrorKind::Timeout {
                        which,
                        source: None,
                    })?
                    .map_err(CallErrorKind::Credentials)?
            }
        };
        Ok(Some((credentials, now)))
    }

    /// Starts attempt `attempt` of `max_attempts`: its request built and
    /// signed afresh (a new X-Amz-Date and `amz-sdk-request`) with
    /// `signing`'s credentials at its time (`None` for an operation sent
    /// unsigned), its event begun, and the request handed to the connector.
    ///
    /// Never inlined: in the call's future, the request (moved three times
    /// on its way to the connector), the signing state and their error paths
    /// made the future's poll function twice the stack frame and half again
    /// the code of the tree before the protocol layer (BENCHMARKS.md, "The
    /// attempt started out of line"). Here they live only while it runs.
    #[inline(never)]
    fn start_attempt<'a, O: Operation>(
        &'a self,
        span: &'a Span,
        prepared: &'a PreparedRequest,
        attempt: u32,
        max_attempts: u32,
        signing: Option<(Cached<'_, Credentials>, SystemTime)>,
    ) -> Result<(Attempt<'a>, Sent<'a>), CallErrorKind<O::Error>> {
        let parts = &self.inner.parts;
        let signing = signing.as_ref().map(|(credentials, now)| SigningContext {
            signer: &self.inner.signer,
            credentials,
            region: parts.region.as_str(),
            settings: if O::SERVICE.signing_name == S3_SIGNING_NAME {
                &self.inner.signing_s3
            } else {
                &self.inner.signing
            },
            // Credentials expire by the local clock; the signature is judged
            // by the service's.
            time: self.inner.clock.corrected(*now),
        });
        let mut request = prepared
            .for_attempt(
                attempt,
                max_attempts,
                O::SERVICE.signing_name,
                signing.as_ref(),
                O::STREAMING_RESPONSE,
            )
            .map_err(CallErrorKind::InvalidRequest)?;
        // Only for a connector that reads it: an extension allocates a
        // map per request (1% of a call).
        if parts.connector.wants_operation_id() {
            request = request.for_operation(OperationId::of::<O>());
        }
        let attempt = Attempt::start(span, attempt, prepared.uri());
        let sent = Sent::start(&parts.connector, &attempt, request);
        Ok((attempt, sent))
    }

    /// Waits for one attempt's response and reads it (the caller bounds it
    /// in time). Takes the connector's future rather than the request, so
    /// the request is not kept in this future's state.
    ///
    /// The connector works inside the call's `span`, so that what it logs
    /// sits under the call.
    async fn send<O: Operation>(
        &self,
        span: &Span,
        sent: ConnectorFuture<'_>,
        want_request_id: bool,
        validate_checksum: bool,
    ) -> Result<Delivered<O::Output>, Failure<O::Error>> {
        let response = InSpan::new(span, sent)
            .await
            .map_err(|e| self.connector_failure(e))?;
        self.read_response::<O>(span, response, want_request_id, validate_checksum)
    }

    /// Like [`send`](Self::send), for an operation with a streaming payload:
    /// a success's streamed payload goes to the operation unread (so the
    /// caller's time limit covers only the response head), anything else is
    /// read whole (within the size limit) and handled as usual.
    async fn send_streaming<O: Operation>(
        &self,
        span: &Span,
        sent: StreamingFuture<'_>,
        want_request_id: bool,
        validate_checksum: bool,
    ) -> Result<Delivered<O::Output>, Failure<O::Error>> {
        let parts = &self.inner.parts;
        let response = InSpan::new(span, sent)
            .await
            .map_err(|e| self.connector_failure(e))?;
        let (head, body) = response.into_parts();
        if O::STREAMING_RESPONSE && head.status.is_success() {
            let view = HttpResponse {
                status: head.status.as_u16(),
                headers: &head.headers,
                body: &[],
            };
            observe::response_head(span, view.status, &head.headers, body.length());
            // Checked as the caller reads it: a mismatch is the error of
            // the stream's last read.
            let body = match expected_checksum::<O>(validate_checksum, &head.headers) {
                Some(expected) => expected.validating(body),
                None => body,
            };
            return match O::deserialize_streaming_output(&view, body) {
                Ok(output) => Ok(Delivered {
                    output,
                    request_id: want_request_id.then(|| request_id(&head.headers)).flatten(),
                    status: view.status,
                }),
                Err(err) => Err(Failure::terminal(CallErrorKind::UnreadableResponse(
                    UnreadableResponse {
                        status: head.status.as_u16(),
                        request_id: request_id(&head.headers),
                        problem: ResponseProblem::Output(err),
                    },
                ))),
            };
        }
        let limit = parts.max_response_bytes;
        let body = collect_capped(body, limit)
            .await
            .map_err(|err| self.connector_failure(err.with_status(head.status)))?;
        self.read_response::<O>(
            span,
            http::Response::from_parts(head, body),
            want_request_id,
            validate_checksum,
        )
    }

    /// Reads a response. The request ID is read for an error, and for a
    /// success only when `want_request_id` (a `String` per call otherwise
    /// made for nothing).
    fn read_response<O: Operation>(
        &self,
        span: &Span,
        response: http::Response<Bytes>,
        want_request_id: bool,
        validate_checksum: bool,
    ) -> Result<Delivered<O::Output>, Failure<O::Error>> {
        let limit = self.inner.parts.max_response_bytes;
        let status = response.status();
        observe::response_head(
            span,
            status.as_u16(),
            response.headers(),
            Some(response.body().len() as u64),
        );
        // Custom connectors may not enforce the limit themselves.
        if response.body().len() > limit {
            return Err(Failure::terminal(CallErrorKind::ResponseTooLarge {
                limit,
                status: Some(status.as_u16()),
            }));
        }
        let view = HttpResponse {
            status: status.as_u16(),
            headers: response.headers(),
            body: response.body(),
        };
        let error_in_ok = O::ERROR_IN_OK_RESPONSE
            && status.is_success()
            && crate::error_in_ok::root_is_error(response.body());
        if status.is_success() && !error_in_ok {
            if let Some(expected) = expected_checksum::<O>(validate_checksum, response.headers()) {
                // Not retried, as an unreadable answer is not: the
                // operation did run.
                if let Err(mismatch) = expected.validate(response.body()) {
                    return Err(Failure::terminal(CallErrorKind::UnreadableResponse(
                        UnreadableResponse {
                            status: status.as_u16(),
                            request_id: request_id(response.headers()),
                            problem: ResponseProblem::Checksum(Box::new(mismatch)),
                        },
                    )));
                }
            }
            return match O::deserialize_output(&view) {
                Ok(output) => Ok(Delivered {
                    output,
                    request_id: want_request_id
                        .then(|| request_id(response.headers()))
                        .flatten(),
                    status: status.as_u16(),
                }),
                // Not retried: the operation did run, and re-running a write
                // because its answer was unreadable could repeat it.
                Err(err) => Err(Failure::terminal(CallErrorKind::UnreadableResponse(
                    UnreadableResponse {
                        status: status.as_u16(),
                        request_id: request_id(response.headers()),
                        problem: ResponseProblem::Output(err),
                    },
                ))),
            };
        }
        let error = O::deserialize_error(&view);
        let metadata = error.metadata();
        let code = metadata.code.as_deref();
        let retry_config = &self.inner.parts.retry;
        // Learned whatever the retry decision, so later calls sign right.
        let clock_moved = self.learn_clock(code, response.headers());
        let classified_status = if error_in_ok {
            crate::error_in_ok::STANDS_FOR_STATUS
        } else {
            status.as_u16()
        };
        let retry =
            classify_service_error(error.retry_class(), retry_config, code, classified_status)
                .or_else(|| classify_clock_skew(retry_config, code, clock_moved));
        let retry_after = retry_after_hint(response.headers(), retry_config.max_backoff());
        Err(Failure {
            kind: CallErrorKind::Service(error),
            retry,
            retry_after,
        })
    }

    /// Whether an error response blamed the signature's time and moved the
    /// clock offset, so that another attempt would be signed differently.
    #[inline(never)]
    fn learn_clock(&self, code: Option<&str>, headers: &http::HeaderMap) -> bool {
        code.is_some_and(is_skew_code) && self.inner.clock.learn(headers, SystemTime::now())
    }

    #[inline(never)]
    fn connector_failure<E>(&self, err: ConnectorError) -> Failure<E> {
        let retry = classify_connector_error(&err);
        let kind = match (err.kind(), err.status()) {
            (ConnectorErrorKind::ResponseTooLarge, status) => CallErrorKind::ResponseTooLarge {
                limit: self.inner.parts.max_response_bytes,
                status: status.map(|s| s.as_u16()),
            },
            (ConnectorErrorKind::Connect, _) => CallErrorKind::Connect(err),
            (ConnectorErrorKind::Timeout, _) => CallErrorKind::Timeout {
                which: TimeoutKind::Connect,
                source: Some(err),
            },
            (_, Some(status)) => CallErrorKind::UnreadableResponse(UnreadableResponse {
                status: status.as_u16(),
                request_id: None,
                problem: ResponseProblem::Body(err),
            }),
            (_, None) => CallErrorKind::Io(err),
        };
        Failure {
            kind,
            retry,
            retry_after: None,
        }
    }

    /// A success returns what its retry took, or slowly refills the quota
    /// when it needed no retry.
    fn settle_quota(&self, retry_cost: Option<u32>) {
        let quota = &self.inner.quota;
        match retry_cost {
            Some(cost) => quota.refund(cost),
            None => quota.reward_first_try_success(),
        }
    }
}

impl<E> From<Unprepared> for CallErrorKind<E> {
    fn from(unprepared: Unprepared) -> Self {
        match unprepared {
            Unprepared::Config(error) => CallErrorKind::InvalidConfig(error),
            Unprepared::Request(error) => CallErrorKind::InvalidRequest(error),
        }
    }
}

/// An attempt's exchange, handed to the connector and not yet answered.
enum Sent<'a> {
    Buffered(ConnectorFuture<'a>),
    Streaming(StreamingFuture<'a>),
}

impl<'a> Sent<'a> {
    /// Logs the request's head (when a subscriber records it) and hands the
    /// request to the connector.
    fn start(
        connector: &'a Arc<dyn HttpConnector>,
        attempt: &Attempt,
        request: Outgoing,
    ) -> Sent<'a> {
        match request {
            Outgoing::Buffered(request) => {
                attempt.request_head(
                    request.method(),
                    request.uri(),
                    request.headers(),
                    Some(request.body().len() as u64),
                );
                Sent::Buffered(connector.call(request))
            }
            Outgoing::Streaming(request) => {
                attempt.request_head(
                    request.method(),
                    request.uri(),
                    request.headers(),
                    request.body().length(),
                );
                Sent::Streaming(connector.call_streaming(request))
            }
        }
    }
}

/// Waits `delay`, or until the operation deadline when that comes first.
async fn wait_within(
    deadline: Option<OperationDeadline>,
    delay: Duration,
) -> Result<(), OperationDeadline> {
    let wait = tokio::time::sleep(delay);
    match deadline {
        Some(deadline) => tokio::time::timeout_at(deadline.at, wait)
            .await
            .map_err(|_| deadline),
        None => {
            wait.await;
            Ok(())
        }
    }
}

/// `future`, or the limit that passes first.
pub(crate) async fn within<F: Future>(
    limit: Option<(tokio::time::Instant, TimeoutKind)>,
    future: F,
) -> Result<F::Output, TimeoutKind> {
    match limit {
        Some((at, which)) => tokio::time::timeout_at(at, future).await.map_err(|_| which),
        None => Ok(future.await),
    }
}

/// The attempt timeout elapsed before the attempt ended: retried.
#[cold]
#[inline(never)]
fn attempt_timed_out<E>(limit: Duration) -> Failure<E> {
    Failure {
        kind: CallErrorKind::Timeout {
            which: TimeoutKind::Attempt(limit),
            source: None,
        },
        retry: Some(RetryKind::Transient),
        retry_after: None,
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts = &self.inner.parts;
        f.debug_struct("Client")
            .field("region", &parts.region)
            .field("credentials", &parts.credentials)
            .field("endpoints", &parts.endpoints)
            .field("connector", &parts.connector)
            .field("retry", &parts.retry)
            .field("timeouts", &parts.timeouts)
            .field("compression", &parts.compression)
            .field("max_response_bytes", &parts.max_response_bytes)
            .field("app_name", &parts.app_name)
            .field("idempotency_tokens", &parts.idempotency_tokens)
            .field("clock_offset", &self.inner.clock)
            .finish_non_exhaustive()
    }
}

/// The checksum a success's body is validated against, when the input
/// asked for validation and the response carries one of the operation's
/// response algorithms.
fn expected_checksum<O: Operation>(
    validate: bool,
    headers: &http::HeaderMap,
) -> Option<checksum::response::Expected> {
    let algorithms = O::HTTP_CHECKSUM?.response_algorithms;
    if !validate {
        return None;
    }
    checksum::response::expected(headers, algorithms)
}

/// S3's signing settings: `x-amz-content-sha256` on every request, and
/// the path signed as it is sent (an object key is a name: S3 neither
/// removes its `..` segments nor decodes its `%2F`, so the signature must
/// not either).
fn s3_signing_settings() -> SigningSettings {
    let mut settings = SigningSettings::default();
    settings.content_sha256_header = true;
    settings.normalize_path = false;
    settings.double_encode_path = false;
    settings
}
