//! The default connector: hyper 1 with the pooling hyper-util client and
//! rustls (ring provider, webpki roots), speaking HTTP/1.1, or h2 when ALPN
//! picks it and the crate is built with the `http2` feature.

use std::error::Error as StdError;
use std::fmt;
use std::io;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use http::{HeaderMap, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector as TcpConnector;
use hyper_util::client::legacy::Client as PoolingClient;
use hyper_util::rt::{TokioExecutor, TokioTimer};

use crate::config::ConfigError;
use crate::connector::{ConnectorError, ConnectorFuture, HttpConnector};

/// Connections idle longer than this are closed; below typical server and
/// load-balancer idle timeouts so a pooled connection is rarely already dead.
const POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(50);

/// The default [`HttpConnector`]: a pooled hyper client over rustls.
///
/// Cheap to clone (clones share the pool). Needs a Tokio runtime when used.
#[derive(Clone)]
pub struct HyperConnector {
    client: PoolingClient<HttpsConnector<TcpConnector>, Full<Bytes>>,
    connect_timeout: Duration,
    max_response_bytes: usize,
}

impl HyperConnector {
    /// Creates a connector with the given TCP connect timeout and response body limit.
    pub fn new(connect_timeout: Duration, max_response_bytes: usize) -> Result<Self, ConfigError> {
        let mut tcp = TcpConnector::new();
        tcp.enforce_http(false);
        tcp.set_connect_timeout(Some(connect_timeout));
        tcp.set_nodelay(true);
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
            .map_err(|err| ConfigError::Tls(err.to_string()))?
            .https_or_http()
            .enable_http1();
        // h2 is offered by ALPN only when built in; HTTP/1.1 sends no ALPN at all.
        #[cfg(feature = "http2")]
        let https = https.enable_http2();
        let https = https.wrap_connector(tcp);
        let client = PoolingClient::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .pool_idle_timeout(POOL_IDLE_TIMEOUT)
            .build(https);
        Ok(HyperConnector {
            client,
            connect_timeout,
            max_response_bytes,
        })
    }

    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, ConnectorError> {
        let response = self
            .client
            .request(request.map(Full::new))
            .await
            .map_err(classify_request_error)?;
        let (parts, body) = response.into_parts();
        let body = read_capped(body, &parts.headers, parts.status, self.max_response_bytes).await?;
        Ok(http::Response::from_parts(parts, body))
    }
}

impl fmt::Debug for HyperConnector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HyperConnector")
            .field("connect_timeout", &self.connect_timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish_non_exhaustive()
    }
}

impl HttpConnector for HyperConnector {
    fn call(&self, request: http::Request<Bytes>) -> ConnectorFuture<'_> {
        Box::pin(self.send(request))
    }
}

/// Reads the whole body, refusing to buffer more than `limit` bytes.
async fn read_capped(
    mut body: Incoming,
    headers: &HeaderMap,
    status: StatusCode,
    limit: usize,
) -> Result<Bytes, ConnectorError> {
    let declared = headers
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > limit as u64) {
        return Err(ConnectorError::response_too_large(limit).with_status(status));
    }
    // Trust the declared length only as a capacity hint, never beyond the limit.
    let hint = declared.map_or(0, |len| len.min(limit as u64) as usize);
    // A small body usually comes in one frame: kept as it is, with no copy.
    // A second frame starts a buffer holding both.
    let mut first: Option<Bytes> = None;
    let mut buffer = BytesMut::new();
    let mut received = 0usize;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| classify_body_error(e).with_status(status))?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        received = received.saturating_add(data.len());
        if received > limit {
            return Err(ConnectorError::response_too_large(limit).with_status(status));
        }
        match first.take() {
            None if buffer.is_empty() => first = Some(data),
            None => buffer.extend_from_slice(&data),
            Some(earlier) => {
                buffer.reserve(hint.max(received));
                buffer.extend_from_slice(&earlier);
                buffer.extend_from_slice(&data);
            }
        }
    }
    Ok(first.unwrap_or_else(|| buffer.freeze()))
}

fn classify_request_error(err: hyper_util::client::legacy::Error) -> ConnectorError {
    if chain_has_timeout(&err) {
        ConnectorError::timeout(err)
    } else if err.is_connect() {
        ConnectorError::connect(err)
    } else if chain_is_io(&err) {
        ConnectorError::io(err)
    } else {
        ConnectorError::other(err)
    }
}

fn classify_body_error(err: hyper::Error) -> ConnectorError {
    if err.is_timeout() {
        ConnectorError::timeout(err)
    } else if err.is_parse() || err.is_user() {
        ConnectorError::other(err)
    } else {
        // Truncated bodies, resets and early closes all land here.
        ConnectorError::io(err)
    }
}

fn causes<'a>(
    err: &'a (dyn StdError + 'static),
) -> impl Iterator<Item = &'a (dyn StdError + 'static)> {
    std::iter::successors(Some(err), |e| {
        let e: &'a (dyn StdError + 'static) = *e;
        e.source()
    })
}

fn chain_has_timeout(err: &(dyn StdError + 'static)) -> bool {
    causes(err).any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::TimedOut)
            || e.downcast_ref::<hyper::Error>()
                .is_some_and(hyper::Error::is_timeout)
    })
}

fn chain_is_io(err: &(dyn StdError + 'static)) -> bool {
    causes(err).any(|e| {
        e.is::<io::Error>()
            || e.downcast_ref::<hyper::Error>().is_some_and(|h| {
                h.is_incomplete_message()
                    || h.is_closed()
                    || h.is_canceled()
                    || h.is_body_write_aborted()
            })
    })
}
