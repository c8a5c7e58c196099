//! Recording real exchanges to a file.

use std::fmt;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bytes::Bytes;

use super::exchange::{Exchange, FileHeader, FORMAT, VERSION};
use crate::connector::{ConnectorFuture, HttpConnector};
use crate::error::ConnectorError;

type Scrub = Arc<dyn Fn(&mut Exchange) + Send + Sync>;

/// Wraps any [`HttpConnector`] and appends every exchange through it to a
/// recording file, for a [`ReplayConnector`](super::ReplayConnector) to
/// replay later.
///
/// Each exchange is written (and flushed) as soon as its response arrives,
/// so a run that fails half-way still leaves what it did. Signing headers,
/// session tokens and cookies are written as `<redacted>`; bodies are
/// written as they are, so a response that carries a secret (ECR's
/// `GetAuthorizationToken`) needs a [`scrub`](Self::scrub) function.
/// Requests with a streamed body are recorded whole.
///
/// ```no_run
/// use std::time::Duration;
/// use awsgen_client::testing::RecordingConnector;
/// use awsgen_client::{Client, HyperConnector, DEFAULT_MAX_RESPONSE_BYTES};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let real = HyperConnector::new(Duration::from_secs(3), DEFAULT_MAX_RESPONSE_BYTES)?;
/// let recorder = RecordingConnector::create("tests/recordings/scan.jsonl", real)?;
/// let client = Client::builder().region("eu-west-1").connector(recorder).build()?;
/// // ... make the calls the test will replay ...
/// # let _ = client;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct RecordingConnector {
    inner: Arc<dyn HttpConnector>,
    path: Arc<PathBuf>,
    file: Arc<Mutex<File>>,
    scrub: Option<Scrub>,
}

impl RecordingConnector {
    /// Creates (or truncates) the recording at `path` and records what
    /// goes through `inner`.
    pub fn create(path: impl AsRef<Path>, inner: impl HttpConnector + 'static) -> io::Result<Self> {
        let path = path.as_ref().to_path_buf();
        let mut file = File::create(&path)?;
        let header = FileHeader {
            format: FORMAT.to_owned(),
            version: VERSION,
        };
        let line = serde_json::to_string(&header).map_err(io::Error::other)?;
        writeln!(file, "{line}")?;
        file.flush()?;
        Ok(RecordingConnector {
            inner: Arc::new(inner),
            path: Arc::new(path),
            file: Arc::new(Mutex::new(file)),
            scrub: None,
        })
    }

    /// Calls `scrub` on each exchange before it is written, to take out
    /// what must not be kept (a token in a response body, an account ID).
    ///
    /// ```no_run
    /// # use awsgen_client::testing::RecordingConnector;
    /// # fn wrap(recorder: RecordingConnector) -> RecordingConnector {
    /// recorder.scrub(|exchange| {
    ///     if exchange.operation.as_deref() == Some("ECR GetAuthorizationToken") {
    ///         if let Some(response) = exchange.response.as_mut() {
    ///             response.body.body = Some(r#"{"authorizationData":[]}"#.to_owned());
    ///         }
    ///     }
    /// })
    /// # }
    /// ```
    pub fn scrub(mut self, scrub: impl Fn(&mut Exchange) + Send + Sync + 'static) -> Self {
        self.scrub = Some(Arc::new(scrub));
        self
    }

    /// The recording's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn write(&self, mut exchange: Exchange) -> Result<(), ConnectorError> {
        if let Some(scrub) = &self.scrub {
            scrub(&mut exchange);
        }
        let failed = |e: &dyn fmt::Display| {
            ConnectorError::other(format!("recording to {} failed: {e}", self.path.display()))
        };
        let line = serde_json::to_string(&exchange).map_err(|e| failed(&e))?;
        // A poisoned lock only means another recording call panicked; the
        // file itself is still whole lines.
        let mut file = self.file.lock().unwrap_or_else(|p| p.into_inner());
        writeln!(file, "{line}")
            .and_then(|()| file.flush())
            .map_err(|e| failed(&e))
    }
}

impl HttpConnector for RecordingConnector {
    fn wants_operation_id(&self) -> bool {
        true
    }

    fn call(&self, request: http::Request<Bytes>) -> ConnectorFuture<'_> {
        Box::pin(async move {
            // The request is sent as it is; a copy of its head and body
            // (a cheap `Bytes` clone) stays for the recording.
            let mut copy = http::Request::new(request.body().clone());
            *copy.method_mut() = request.method().clone();
            *copy.uri_mut() = request.uri().clone();
            *copy.headers_mut() = request.headers().clone();
            if let Some(operation) = crate::OperationId::of_request(&request) {
                copy.extensions_mut().insert(*operation);
            }
            let outcome = self.inner.call(request).await;
            self.write(Exchange::new(&copy, &outcome))?;
            outcome
        })
    }
}

impl fmt::Debug for RecordingConnector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecordingConnector")
            .field("path", &self.path)
            .field("inner", &self.inner)
            .finish_non_exhaustive()
    }
}
