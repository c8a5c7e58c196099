//! Typed mocks: an operation answers with a given output or modeled error,
//! written as the service would send it, so the client reads it with the
//! operation's own response code.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::sync::{Arc, Mutex};

use awsgen_types::error::{modeled, ModeledError};
use awsgen_types::{ErrorMetadata, ErrorResponse, HttpResponse, Operation, Protocol};
use bytes::Bytes;
use http::header::CONTENT_TYPE;
use http::{HeaderName, HeaderValue, StatusCode};
use serde::Serialize;

use crate::connector::{ConnectorFuture, HttpConnector};
use crate::error::ConnectorError;
use crate::operation_id::OperationId;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-amzn-requestid");
const ERROR_TYPE: HeaderName = HeaderName::from_static("x-amzn-errortype");

/// An [`HttpConnector`] that answers each operation with the outputs and
/// modeled errors it was given, with no network.
///
/// The answer is written as the service would write it (for awsJson: the
/// output as the JSON body, an error as its body with `__type` and the
/// status of its `@httpError` or fault), and the client reads it with the
/// operation's own code: the real deserializer runs, an error gets its
/// code, status and request ID in [`metadata`](awsgen_types::OperationError::metadata),
/// retries happen as in production (a mocked `@retryable` or 5xx error is
/// retried), and waiters and paginators work unchanged.
///
/// Answers are given per operation and used in order; the last one stays,
/// so `.returns::<Op>(output)` answers every call of `Op`. An operation
/// without answers fails the call with an error naming it, kept for
/// [`finish`](Self::finish). Clones share the answers and the calls.
///
/// Writing an answer reads it back at once, and a value the operation's
/// reader does not return unchanged panics there, at the test's line (a
/// restJson1 output with members bound to headers or the status code, which
/// the mock does not write: use [`responds`](Self::responds) for those).
///
/// ```
/// use awsgen_client::testing::{self, Mock};
/// use ecr_types::{
///     ImageIdentifier, LimitExceededException, ScanStatus, StartImageScan, StartImageScanError,
///     StartImageScanRequest, StartImageScanResponse, ImageScanStatus,
/// };
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let mock = Mock::new()
///     .returns::<StartImageScan>(
///         StartImageScanResponse::new()
///             .with_image_scan_status(ImageScanStatus::new().with_status(ScanStatus::InProgress)),
///     )
///     .fails::<StartImageScan>(LimitExceededException::new().with_message("one scan a day"));
/// let client = ecr_types::Client::new(testing::client_builder(mock.clone()).build()?);
/// let request = || StartImageScanRequest::new("team/app", ImageIdentifier::new().with_image_tag("v1"));
///
/// let started = client.start_image_scan(request()).await?;
/// assert_eq!(started.image_scan_status.and_then(|s| s.status), Some(ScanStatus::InProgress));
/// let refused = client.start_image_scan(request()).await.unwrap_err();
/// assert!(matches!(refused.as_service(), Some(StartImageScanError::LimitExceededException(_))));
/// mock.finish()?;
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Default)]
pub struct Mock {
    state: Arc<Mutex<MockState>>,
}

#[derive(Default)]
struct MockState {
    answers: HashMap<OperationId, VecDeque<Answer>>,
    calls: Vec<OperationId>,
    failures: Vec<String>,
}

/// One answer: its description for messages, and the outcome. Kept as
/// parts, since `http::Response` cannot be cloned and the last answer
/// repeats.
struct Answer {
    label: String,
    outcome: AnswerOutcome,
}

enum AnswerOutcome {
    Response {
        status: StatusCode,
        headers: http::HeaderMap,
        body: Bytes,
    },
    /// Taken by the one call it answers (a `ConnectorError` cannot be cloned).
    Transport(Option<ConnectorError>),
}

/// An answer given to a [`Mock`] that was never used, or a call it could
/// not answer.
pub struct MockError {
    message: String,
}

impl fmt::Display for MockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The message itself, so `finish().unwrap()` reads well in a failed test.
impl fmt::Debug for MockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for MockError {}

impl Mock {
    /// A mock with no answers.
    pub fn new() -> Self {
        Self::default()
    }

    /// Answers a call of `O` with `output`.
    ///
    /// # Panics
    /// If the protocol's response for `output` does not read back as
    /// `output` (see the type's docs), or the protocol is not one the mock
    /// writes.
    #[track_caller]
    pub fn returns<O: Operation>(self, output: O::Output) -> Self
    where
        O::Output: Serialize + PartialEq + fmt::Debug,
    {
        let (status, headers, body) = match write_output::<O>(&output) {
            Ok(parts) => parts,
            Err(why) => panic!("Mock::returns::<{}>: {why}", O::NAME),
        };
        let view = HttpResponse {
            status: status.as_u16(),
            headers: &headers,
            body: &body,
        };
        match O::deserialize_output(&view) {
            Ok(read) if read == output => {}
            Ok(read) => panic!(
                "Mock::returns::<{}>: the output does not survive the response the mock writes \
                 (for restJson1, members bound to headers, the status code or a payload are not \
                 written; answer with Mock::responds instead).\n given: {output:?}\n read:  {read:?}",
                O::NAME
            ),
            Err(err) => panic!(
                "Mock::returns::<{}>: the response written for the output does not read back: {err}",
                O::NAME
            ),
        }
        self.push::<O>(Answer {
            label: "an output".to_owned(),
            outcome: AnswerOutcome::Response {
                status,
                headers,
                body,
            },
        })
    }

    /// Answers a call of `O` with the modeled error `error`, one of `O`'s
    /// errors (the compiler checks it: `O::Error: From<E>`).
    ///
    /// # Panics
    /// If the protocol's response for `error` does not read back as
    /// `error`, or the protocol is not one the mock writes.
    #[track_caller]
    pub fn fails<O: Operation>(self, error: impl ErrorOf<O>) -> Self {
        let parts = match write_error(O::SERVICE.protocol, &error) {
            Ok(parts) => parts,
            Err(why) => panic!("Mock::fails::<{}>: {why}", O::NAME),
        };
        let mut expected = error.clone();
        expected.set_metadata(ErrorMetadata::default());
        match read_error_back::<_>(&parts, &error) {
            Some(mut read) => {
                read.set_metadata(ErrorMetadata::default());
                if read != expected {
                    panic!(
                        "Mock::fails::<{}>: the error does not survive the response the mock \
                         writes (members bound to headers are not written; answer with \
                         Mock::responds instead).\n given: {expected:?}\n read:  {read:?}",
                        O::NAME
                    );
                }
            }
            None => panic!(
                "Mock::fails::<{}>: the response written for the error does not read back",
                O::NAME
            ),
        }
        let (status, headers, body) = parts;
        self.push::<O>(Answer {
            label: format!("{} (HTTP {})", error_code(&error), status.as_u16()),
            outcome: AnswerOutcome::Response {
                status,
                headers,
                body,
            },
        })
    }

    /// Answers a call of `O` with `response`, as it is: for what the mock
    /// cannot write (an unmodeled error, a malformed body, a restJson1
    /// output with members in headers).
    pub fn responds<O: Operation>(self, response: http::Response<Bytes>) -> Self {
        let (parts, body) = response.into_parts();
        self.push::<O>(Answer {
            label: format!("a raw HTTP {} response", parts.status.as_u16()),
            outcome: AnswerOutcome::Response {
                status: parts.status,
                headers: parts.headers,
                body,
            },
        })
    }

    /// Fails a call of `O` in the transport (a refused connection, a
    /// timeout), before any response: the client classifies and retries it
    /// as it would a real one. Used by one call; a later answer (or a
    /// repeat of this one) must follow for the retry.
    pub fn transport_error<O: Operation>(self, error: ConnectorError) -> Self {
        self.push::<O>(Answer {
            label: format!("a transport error ({error})"),
            outcome: AnswerOutcome::Transport(Some(error)),
        })
    }

    /// The operations called so far, in order (retries included).
    pub fn calls(&self) -> Vec<OperationId> {
        self.lock().calls.clone()
    }

    /// How many times `O` was called (retries included).
    pub fn call_count<O: Operation>(&self) -> usize {
        self.lock().calls.iter().filter(|op| op.is::<O>()).count()
    }

    /// Ok when every answer was used and every call had one.
    pub fn finish(&self) -> Result<(), MockError> {
        let state = self.lock();
        let mut problems = state.failures.clone();
        let mut unused: Vec<String> = state
            .answers
            .iter()
            .filter(|(_, answers)| answers.len() > 1)
            .map(|(op, answers)| {
                let labels: Vec<&str> = answers
                    .iter()
                    .take(answers.len() - 1)
                    .map(|a| a.label.as_str())
                    .collect();
                format!(
                    "{op}: {} answer(s) never used ({})",
                    labels.len(),
                    labels.join(", ")
                )
            })
            .collect();
        // The last answer of an operation never called was never used either.
        unused.extend(
            state
                .answers
                .iter()
                .filter(|(op, _)| !state.calls.contains(op))
                .map(|(op, _)| format!("{op}: given answers but never called")),
        );
        unused.sort();
        problems.extend(unused);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(MockError {
                message: problems.join("\n"),
            })
        }
    }

    fn push<O: Operation>(self, answer: Answer) -> Self {
        self.lock()
            .answers
            .entry(OperationId::of::<O>())
            .or_default()
            .push_back(answer);
        self
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, MockState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn answer(
        &self,
        request: &http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, ConnectorError> {
        let mut state = self.lock();
        let Some(operation) = OperationId::of_request(request).copied() else {
            let message = format!(
                "mock: {} {} carries no operation; only requests made by awsgen_client::Client can be answered",
                request.method(),
                request.uri()
            );
            state.failures.push(message.clone());
            return Err(ConnectorError::other(message));
        };
        state.calls.push(operation);
        let call = state.calls.iter().filter(|op| **op == operation).count();
        let Some(answers) = state.answers.get_mut(&operation) else {
            let message =
                format!("mock: {operation} was called, but the mock has no answer for it");
            state.failures.push(message.clone());
            return Err(ConnectorError::other(message));
        };
        // The last answer stays for every later call.
        let mut popped = if answers.len() > 1 {
            answers.pop_front()
        } else {
            None
        };
        let answer = match popped.as_mut() {
            Some(answer) => answer,
            None => answers
                .front_mut()
                .expect("an operation's entry holds at least one answer"),
        };
        match &mut answer.outcome {
            AnswerOutcome::Response {
                status,
                headers,
                body,
            } => {
                let mut response = http::Response::new(body.clone());
                *response.status_mut() = *status;
                *response.headers_mut() = headers.clone();
                if !response.headers().contains_key(REQUEST_ID) {
                    let id = format!("mock-{}-{call}", operation.name());
                    if let Ok(value) = HeaderValue::try_from(id) {
                        response.headers_mut().insert(REQUEST_ID, value);
                    }
                }
                Ok(response)
            }
            AnswerOutcome::Transport(error) => Err(error.take().unwrap_or_else(|| {
                ConnectorError::other(format!(
                    "mock: the transport error given for {operation} was used by an earlier call"
                ))
            })),
        }
    }
}

impl HttpConnector for Mock {
    fn wants_operation_id(&self) -> bool {
        true
    }

    fn call(&self, request: http::Request<Bytes>) -> ConnectorFuture<'_> {
        let answer = self.answer(&request);
        Box::pin(async move { answer })
    }
}

impl fmt::Debug for Mock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.lock();
        let mut operations: Vec<String> = state.answers.keys().map(ToString::to_string).collect();
        operations.sort();
        f.debug_struct("Mock")
            .field("operations", &operations)
            .field("calls", &state.calls.len())
            .finish()
    }
}

type Parts = (StatusCode, http::HeaderMap, Bytes);

/// The content type of a JSON body in `protocol`, or why the mock cannot
/// write that protocol.
fn json_content_type(protocol: Protocol) -> Result<HeaderValue, String> {
    match protocol {
        Protocol::AwsJson1_0 => Ok(awsgen_types::protocol::aws_json::CONTENT_TYPE_1_0),
        Protocol::AwsJson1_1 => Ok(awsgen_types::protocol::aws_json::CONTENT_TYPE_1_1),
        Protocol::RestJson1 => Ok(awsgen_types::protocol::rest_json::CONTENT_TYPE),
        other => Err(format!(
            "the mock does not write responses of {other:?}; answer with Mock::responds"
        )),
    }
}

/// A success response for `output`: 200 and the output as a JSON body.
fn write_output<O: Operation>(output: &O::Output) -> Result<Parts, String>
where
    O::Output: Serialize,
{
    let content_type = json_content_type(O::SERVICE.protocol)?;
    let body = serde_json::to_vec(output).map_err(|e| format!("the output is not JSON: {e}"))?;
    let mut headers = http::HeaderMap::new();
    headers.insert(CONTENT_TYPE, content_type);
    Ok((StatusCode::OK, headers, Bytes::from(body)))
}

/// An error response for `error`: its status, its code (in `__type` for
/// awsJson, `X-Amzn-Errortype` for restJson1), its members as the body.
fn write_error<E: ModeledError + Serialize>(
    protocol: Protocol,
    error: &E,
) -> Result<Parts, String> {
    #[derive(Serialize)]
    struct Typed<'a, E> {
        #[serde(rename = "__type")]
        code: &'static str,
        #[serde(flatten)]
        error: &'a E,
    }
    let content_type = json_content_type(protocol)?;
    let status = StatusCode::from_u16(E::http_status())
        .map_err(|_| format!("{} is not an HTTP status", E::http_status()))?;
    let mut headers = http::HeaderMap::new();
    headers.insert(CONTENT_TYPE, content_type);
    let body = match protocol {
        Protocol::RestJson1 => {
            headers.insert(ERROR_TYPE, HeaderValue::from_static(E::CODE));
            serde_json::to_vec(error)
        }
        _ => serde_json::to_vec(&Typed {
            code: E::CODE,
            error,
        }),
    }
    .map_err(|e| format!("the error is not JSON: {e}"))?;
    Ok((status, headers, Bytes::from(body)))
}

/// A modeled error of operation `O`: what [`Mock::fails`] takes.
///
/// An error the operation does not model is refused by the compiler:
///
/// ```compile_fail,E0277
/// use awsgen_client::testing::Mock;
/// // ScanNotFoundException is an error of DescribeImageScanFindings, not StartImageScan.
/// let _ = Mock::new().fails::<ecr_types::StartImageScan>(ecr_types::ScanNotFoundException::new());
/// ```
///
/// ```
/// use awsgen_client::testing::Mock;
/// let _ = Mock::new().fails::<ecr_types::DescribeImageScanFindings>(ecr_types::ScanNotFoundException::new());
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a modeled error of operation `{O}`",
    label = "not one of this operation's errors",
    note = "an operation's errors are the variants of its error enum (`O::Error: From<{Self}>`)"
)]
pub trait ErrorOf<O: Operation>: ModeledError + Serialize + Clone + PartialEq + fmt::Debug {}

impl<O, E> ErrorOf<O> for E
where
    O: Operation,
    O::Error: From<E>,
    E: ModeledError + Serialize + Clone + PartialEq + fmt::Debug,
{
}

fn error_code<E: ModeledError>(_: &E) -> &'static str {
    E::CODE
}

/// The error as the client reads it from `parts`, by the same rules (the
/// protocol's code and message, then the modeled shape).
fn read_error_back<E: ModeledError>(parts: &Parts, _: &E) -> Option<E> {
    let (status, headers, body) = parts;
    let view = HttpResponse {
        status: status.as_u16(),
        headers,
        body,
    };
    let metadata = awsgen_types::protocol::json_error::error_metadata(&view);
    if metadata.code.as_deref() != Some(E::CODE) {
        return None;
    }
    modeled::<E, E>(
        ErrorResponse {
            body,
            headers,
            metadata: &metadata,
        },
        |error| error,
    )
    .ok()
}
