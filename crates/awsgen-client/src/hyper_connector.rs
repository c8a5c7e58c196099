//! The default connector: hyper 1 with the pooling hyper-util client and
//! rustls (ring provider, or aws-lc-rs with the `post-quantum` feature; webpki roots, or the roots of a custom CA bundle),
//! speaking HTTP/1.1, or h2 when ALPN picks it and the crate is built with the
//! `http2` feature.

use std::error::Error as StdError;
use std::fmt;
use std::io;
use std::sync::Arc;
use std::time::Duration;

use awsgen_types::byte_stream::BoxStream;
use awsgen_types::{ByteStream, StreamError};
use bytes::{Bytes, BytesMut};
use futures_core::Stream;
use http::{HeaderMap, StatusCode};
use http_body::Body as _;
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper_rustls::{ConfigBuilderExt, HttpsConnector};
use hyper_util::client::legacy::connect::HttpConnector as TcpConnector;
use hyper_util::client::legacy::Client as PoolingClient;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use rustls::client::WantsClientCert;
use rustls::pki_types::pem::{self, PemObject};
use rustls::pki_types::CertificateDer;
use rustls::WantsVerifier;
use rustls::{ClientConfig, ConfigBuilder, RootCertStore};
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::causes::{causes, summarize};
use crate::connector::{ConnectorFuture, HttpConnector, StreamingFuture};
use crate::error::ConfigError;
use crate::error::ConnectorError;
use crate::proxy::{ProxyConnector, ProxyError, ProxySettings, ProxyUrl};

/// Connections idle longer than this are closed; below typical server and
/// load-balancer idle timeouts so a pooled connection is rarely already dead.
const POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(50);

/// The default [`HttpConnector`]: a pooled hyper client over rustls.
///
/// Cheap to clone (clones share the pool). Needs a Tokio runtime when used.
#[derive(Clone)]
pub struct HyperConnector {
    client: PoolingClient<HttpsConnector<ProxyConnector>, RequestBody>,
    connect_timeout: Duration,
    max_response_bytes: usize,
    /// The proxies of the client's configuration (`ClientBuilder::proxy`,
    /// `HTTPS_PROXY`, ...); `None` when there are none.
    proxies: Option<Arc<ProxySettings>>,
}

impl HyperConnector {
    /// Creates a connector with the given TCP connect timeout and response
    /// body limit that trusts the Mozilla root certificates (webpki-roots).
    pub fn new(connect_timeout: Duration, max_response_bytes: usize) -> Result<Self, ConfigError> {
        let tls = tls_config()?.with_webpki_roots();
        Ok(Self::from_tls(
            tls,
            connect_timeout,
            max_response_bytes,
            None,
        ))
    }

    /// Like [`new`](Self::new), but trusts exactly the certificates in `roots`
    /// (rustls 0.23) and not the Mozilla roots: what a custom CA bundle does
    /// (see [`ClientBuilder::ca_bundle_pem`](crate::ClientBuilder::ca_bundle_pem)).
    ///
    /// An empty `roots` is an error, since no server could then be trusted.
    pub fn with_roots(
        connect_timeout: Duration,
        max_response_bytes: usize,
        roots: RootCertStore,
    ) -> Result<Self, ConfigError> {
        Self::configured(connect_timeout, max_response_bytes, Some(roots), None)
    }

    /// The connector a client's settings describe: the Mozilla roots, or
    /// exactly `roots`; through `proxies` when there are any.
    pub(crate) fn configured(
        connect_timeout: Duration,
        max_response_bytes: usize,
        roots: Option<RootCertStore>,
        proxies: Option<ProxySettings>,
    ) -> Result<Self, ConfigError> {
        let proxies = proxies.map(Arc::new);
        let Some(roots) = roots else {
            let tls = tls_config()?.with_webpki_roots();
            return Ok(Self::from_tls(
                tls,
                connect_timeout,
                max_response_bytes,
                proxies,
            ));
        };
        if roots.is_empty() {
            return Err(ConfigError::Tls(
                "the root certificate store is empty, so no server could be trusted".to_owned(),
            ));
        }
        let tls = tls_config()?.with_root_certificates(roots);
        Ok(Self::from_tls(
            tls,
            connect_timeout,
            max_response_bytes,
            proxies,
        ))
    }

    fn from_tls(
        tls: ConfigBuilder<ClientConfig, WantsClientCert>,
        connect_timeout: Duration,
        max_response_bytes: usize,
        proxies: Option<Arc<ProxySettings>>,
    ) -> Self {
        let mut tcp = TcpConnector::new();
        tcp.enforce_http(false);
        tcp.set_connect_timeout(Some(connect_timeout));
        tcp.set_nodelay(true);
        let tcp = ProxyConnector::new(tcp, proxies.clone(), connect_timeout);
        // The config is handed over without ALPN protocols: the builder sets
        // them from the protocols enabled below.
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls.with_no_client_auth())
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
        HyperConnector {
            client,
            connect_timeout,
            max_response_bytes,
            proxies,
        }
    }

    /// A plain-http request that goes through a forwarding proxy with
    /// credentials carries them (HTTPS requests carry them in the tunnel's
    /// CONNECT instead, never to the endpoint). Added after signing, so
    /// never signed, and marked sensitive.
    fn authorize_for_proxy<B>(&self, request: &mut http::Request<B>) {
        let Some(proxies) = &self.proxies else {
            return;
        };
        if request.uri().scheme_str() != Some("http") {
            return;
        }
        if let Some(value) = proxies
            .for_uri(request.uri())
            .and_then(ProxyUrl::authorization)
        {
            request
                .headers_mut()
                .insert(http::header::PROXY_AUTHORIZATION, value.clone());
        }
    }

    async fn send(
        &self,
        mut request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, ConnectorError> {
        self.authorize_for_proxy(&mut request);
        let response = self
            .client
            .request(request.map(RequestBody::full))
            .await
            .map_err(classify_request_error)?;
        let (parts, body) = response.into_parts();
        let body = read_capped(body, &parts.headers, parts.status, self.max_response_bytes).await?;
        Ok(http::Response::from_parts(parts, body))
    }

    /// Sends a streamed body chunk by chunk and hands the response body on
    /// unread.
    async fn send_streaming(
        &self,
        mut request: http::Request<ByteStream>,
    ) -> Result<http::Response<ByteStream>, ConnectorError> {
        self.authorize_for_proxy(&mut request);
        let (parts, payload) = request.into_parts();
        let body = RequestBody::stream(&payload).map_err(ConnectorError::payload)?;
        let response = self
            .client
            .request(http::Request::from_parts(parts, body))
            .await
            .map_err(classify_request_error)?;
        let (parts, body) = response.into_parts();
        let length = parts
            .headers
            .get(http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        let status = parts.status;
        let stream = ByteStream::from_stream(IncomingStream { body, status }, length);
        Ok(http::Response::from_parts(parts, stream))
    }
}

impl fmt::Debug for HyperConnector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HyperConnector")
            .field("connect_timeout", &self.connect_timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("proxies", &self.proxies)
            .finish_non_exhaustive()
    }
}

impl HttpConnector for HyperConnector {
    fn call(&self, request: http::Request<Bytes>) -> ConnectorFuture<'_> {
        Box::pin(self.send(request))
    }

    fn call_streaming(&self, request: http::Request<ByteStream>) -> StreamingFuture<'_> {
        Box::pin(self.send_streaming(request))
    }
}

/// A request body: bytes in one frame, or a payload streamed as it is read.
enum RequestBody {
    Full(Option<Bytes>),
    Stream {
        chunks: BoxStream,
        length: Option<u64>,
    },
}

impl RequestBody {
    fn full(bytes: Bytes) -> Self {
        RequestBody::Full((!bytes.is_empty()).then_some(bytes))
    }

    fn stream(payload: &ByteStream) -> Result<Self, StreamError> {
        Ok(RequestBody::Stream {
            chunks: payload.open()?,
            length: payload.length(),
        })
    }
}

impl http_body::Body for RequestBody {
    type Data = Bytes;
    type Error = StreamError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, StreamError>>> {
        match self.get_mut() {
            RequestBody::Full(bytes) => {
                Poll::Ready(bytes.take().map(|b| Ok(http_body::Frame::data(b))))
            }
            RequestBody::Stream { chunks, .. } => chunks
                .as_mut()
                .poll_next(cx)
                .map(|item| item.map(|chunk| chunk.map(http_body::Frame::data))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, RequestBody::Full(None))
    }

    fn size_hint(&self) -> http_body::SizeHint {
        match self {
            RequestBody::Full(bytes) => {
                http_body::SizeHint::with_exact(bytes.as_ref().map_or(0, |b| b.len() as u64))
            }
            RequestBody::Stream {
                length: Some(length),
                ..
            } => http_body::SizeHint::with_exact(*length),
            RequestBody::Stream { length: None, .. } => http_body::SizeHint::default(),
        }
    }
}

/// A response body read frame by frame, as a stream of data chunks.
struct IncomingStream {
    body: Incoming,
    status: StatusCode,
}

impl Stream for IncomingStream {
    type Item = Result<Bytes, ConnectorError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            return match Pin::new(&mut this.body).poll_frame(cx) {
                Poll::Pending => Poll::Pending,
                Poll::Ready(None) => Poll::Ready(None),
                Poll::Ready(Some(Err(err))) => {
                    Poll::Ready(Some(Err(classify_body_error(err).with_status(this.status))))
                }
                // Trailers carry no payload.
                Poll::Ready(Some(Ok(frame))) => match frame.into_data() {
                    Ok(data) => Poll::Ready(Some(Ok(data))),
                    Err(_) => continue,
                },
            };
        }
    }
}

/// The crypto provider and rustls' safe default protocol versions (TLS 1.2 and 1.3).
fn tls_config() -> Result<ConfigBuilder<ClientConfig, WantsVerifier>, ConfigError> {
    ClientConfig::builder_with_provider(Arc::new(crypto_provider()))
        .with_safe_default_protocol_versions()
        .map_err(|err| ConfigError::Tls(err.to_string()))
}

/// With the `post-quantum` feature: aws-lc-rs, whose key exchange offers the
/// hybrid X25519MLKEM768 first (the group AWS endpoints accept), at the cost
/// of building AWS-LC's C sources (ARCHITECTURE.md, "TLS").
#[cfg(feature = "post-quantum")]
pub(crate) fn crypto_provider() -> rustls::crypto::CryptoProvider {
    rustls::crypto::aws_lc_rs::default_provider()
}

/// By default: ring, which rustls 0.23.48 deprecates only because it offers
/// no post-quantum key exchange. Kept on purpose (ARCHITECTURE.md, "TLS"):
/// it builds without a C toolchain beyond `cc`, SigV4 already uses it, and
/// X25519 with the classical groups is what TLS 1.3 endpoints still accept.
#[cfg(not(feature = "post-quantum"))]
#[allow(deprecated)]
pub(crate) fn crypto_provider() -> rustls::crypto::CryptoProvider {
    rustls::crypto::ring::default_provider()
}

/// The certificates of a PEM CA bundle as trust anchors. Other sections
/// (keys, CRLs) are skipped, as OpenSSL does with a CA file; the error says
/// what is wrong with the bundle, for the caller to say where it came from.
pub(crate) fn roots_from_pem(bundle: &[u8]) -> Result<RootCertStore, String> {
    let mut roots = RootCertStore::empty();
    for (index, certificate) in CertificateDer::pem_slice_iter(bundle).enumerate() {
        let certificate = certificate.map_err(describe_pem_error)?;
        roots.add(certificate).map_err(|err| {
            // rustls words these for a server's certificate ("invalid peer certificate").
            let reason = match err {
                rustls::Error::InvalidCertificate(reason) => reason.to_string(),
                other => other.to_string(),
            };
            format!("certificate {} in it is rejected: {reason}", index + 1)
        })?;
    }
    if roots.is_empty() {
        return Err(
            "it holds no PEM certificate (no `-----BEGIN CERTIFICATE-----` section)".to_owned(),
        );
    }
    Ok(roots)
}

/// pki-types prints the offending line as a list of byte values; show it as text.
fn describe_pem_error(err: pem::Error) -> String {
    match err {
        pem::Error::MissingSectionEnd { end_marker } => format!(
            "it is not valid PEM: a section has no `-----END {}-----` line",
            String::from_utf8_lossy(&end_marker).trim()
        ),
        pem::Error::IllegalSectionStart { line } => {
            // The line is the start of a file that may not be PEM at all: keep it short.
            let line: String = String::from_utf8_lossy(&line)
                .trim()
                .chars()
                .take(80)
                .collect();
            format!("it is not valid PEM: malformed section start `{line}`")
        }
        pem::Error::Base64Decode(reason) => {
            format!("it is not valid PEM: a section's base64 cannot be decoded ({reason})")
        }
        other => format!("it is not valid PEM: {other}"),
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

/// The kind of a failed request, and its cause in one clause (the
/// hyper-util error stays reachable as the connector error's source).
fn classify_request_error(err: hyper_util::client::legacy::Error) -> ConnectorError {
    let summary = match causes(&err).find_map(|cause| cause.downcast_ref::<ProxyError>()) {
        Some(proxy) => proxy.summary(),
        None => summarize(&err, err.is_connect()),
    };
    if chain_has_timeout(&err) {
        ConnectorError::timeout(err)
    } else if err.is_connect() {
        ConnectorError::connect(err)
    } else if chain_is_io(&err) {
        ConnectorError::io(err)
    } else {
        ConnectorError::other(err)
    }
    .with_summary(summary)
}

fn classify_body_error(err: hyper::Error) -> ConnectorError {
    let summary = summarize(&err, false);
    if err.is_timeout() {
        ConnectorError::timeout(err)
    } else if err.is_parse() || err.is_user() {
        ConnectorError::other(err)
    } else {
        // Truncated bodies, resets and early closes all land here.
        ConnectorError::io(err)
    }
    .with_summary(summary)
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
