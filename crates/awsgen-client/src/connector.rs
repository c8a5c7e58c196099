//! The seam between the client and the HTTP stack: anything that turns a
//! finished request into a fully read response.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use awsgen_types::ByteStream;
use bytes::Bytes;

use crate::error::ConnectorError;

/// The future an [`HttpConnector`] returns.
pub type ConnectorFuture<'a> =
    Pin<Box<dyn Future<Output = Result<http::Response<Bytes>, ConnectorError>> + Send + 'a>>;

/// The future of [`HttpConnector::call_streaming`]: the response head, with
/// its body still to be read.
pub type StreamingFuture<'a> =
    Pin<Box<dyn Future<Output = Result<http::Response<ByteStream>, ConnectorError>> + Send + 'a>>;

/// Sends one HTTP request and reads the whole response.
///
/// The default is [`HyperConnector`](crate::HyperConnector); tests and users can
/// plug in replay or closure transports (see [`connector_fn`]). The request is
/// complete and signed: a connector must send it as it is (signed headers must
/// reach the wire byte for byte) and must not retry it on its own.
pub trait HttpConnector: Send + Sync + fmt::Debug {
    /// Sends `request` and returns the response with its body read in full.
    fn call(&self, request: http::Request<Bytes>) -> ConnectorFuture<'_>;

    /// Whether the client should put an [`OperationId`](crate::OperationId)
    /// in each request's extensions for this connector. Off by default: it
    /// costs an allocation per request, and only connectors that route by
    /// operation (mocks, recording, replay) read it.
    fn wants_operation_id(&self) -> bool {
        false
    }

    /// Sends a request whose body may be a stream (a `@streaming` payload),
    /// and returns the response with its body as a stream, not yet read.
    /// The client uses it only for operations with a streaming payload.
    ///
    /// The default reads the request body whole, calls [`call`](Self::call)
    /// and hands the response body on in one piece: right for test and
    /// replay connectors, which hold whole bodies anyway.
    /// [`HyperConnector`](crate::HyperConnector) streams both ways.
    fn call_streaming(&self, request: http::Request<ByteStream>) -> StreamingFuture<'_> {
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let body = body.collect().await.map_err(ConnectorError::payload)?;
            let response = self.call(http::Request::from_parts(parts, body)).await?;
            Ok(response.map(ByteStream::from_bytes))
        })
    }
}

/// Wraps a closure as an [`HttpConnector`].
///
/// ```
/// use awsgen_client::{connector_fn, ConnectorError};
/// let connector = connector_fn(|_request| async {
///     Ok::<_, ConnectorError>(http::Response::new(bytes::Bytes::from_static(b"{}")))
/// });
/// # let _ = connector;
/// ```
pub fn connector_fn<F, Fut>(f: F) -> FnConnector<F>
where
    F: Fn(http::Request<Bytes>) -> Fut + Send + Sync,
    Fut: Future<Output = Result<http::Response<Bytes>, ConnectorError>> + Send + 'static,
{
    FnConnector { f }
}

/// An [`HttpConnector`] made from a closure by [`connector_fn`].
pub struct FnConnector<F> {
    f: F,
}

impl<F> fmt::Debug for FnConnector<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FnConnector")
    }
}

impl<F, Fut> HttpConnector for FnConnector<F>
where
    F: Fn(http::Request<Bytes>) -> Fut + Send + Sync,
    Fut: Future<Output = Result<http::Response<Bytes>, ConnectorError>> + Send + 'static,
{
    fn call(&self, request: http::Request<Bytes>) -> ConnectorFuture<'_> {
        Box::pin((self.f)(request))
    }
}
