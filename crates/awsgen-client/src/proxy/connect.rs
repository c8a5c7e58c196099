//! The TCP side of the built-in connector, proxy-aware: a connection goes
//! straight to the endpoint, or to the proxy, through a CONNECT tunnel for
//! https (TLS then runs end to end through it) or as a forwarding proxy
//! for plain http (hyper then writes absolute-form request targets, and the
//! connector adds `Proxy-Authorization` to each request).
//!
//! Per connection, not per request: with no proxy configured a new
//! connection pays one `Option` check, and pooled ones nothing.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use http::Uri;
use hyper::rt::{Read, ReadBufCursor, Write};
use hyper_util::client::legacy::connect::{Connected, Connection, HttpConnector as TcpConnector};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tower_service::Service;

use super::tunnel::{self, TunnelError};
use super::{ProxySettings, ProxyUrl};
use crate::causes::summarize;
use crate::error::{ProxyFailure, Summary};

type BoxError = Box<dyn StdError + Send + Sync>;

/// Connects to an endpoint directly or through its proxy.
#[derive(Clone)]
pub(crate) struct ProxyConnector {
    tcp: TcpConnector,
    proxies: Option<Arc<ProxySettings>>,
    /// How long a proxy may take to answer CONNECT (the connect timeout).
    handshake_timeout: Duration,
}

impl ProxyConnector {
    pub(crate) fn new(
        tcp: TcpConnector,
        proxies: Option<Arc<ProxySettings>>,
        handshake_timeout: Duration,
    ) -> Self {
        ProxyConnector {
            tcp,
            proxies,
            handshake_timeout,
        }
    }
}

/// A connection to an endpoint, or to a proxy that forwards to it.
pub(crate) struct ProxyStream {
    io: TokioIo<TcpStream>,
    /// Whether the connection goes to a forwarding proxy (plain http), so
    /// that requests carry absolute-form targets.
    forwarding: bool,
}

impl Service<Uri> for ProxyConnector {
    type Response = ProxyStream;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<ProxyStream, BoxError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.tcp.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, destination: Uri) -> Self::Future {
        let proxy = self
            .proxies
            .as_ref()
            .and_then(|proxies| proxies.for_uri(&destination))
            .cloned();
        let Some(proxy) = proxy else {
            let connecting = self.tcp.call(destination);
            return Box::pin(async move {
                Ok(ProxyStream {
                    io: connecting.await?,
                    forwarding: false,
                })
            });
        };
        let connecting = self.tcp.call(proxy.target().clone());
        let handshake_timeout = self.handshake_timeout;
        Box::pin(async move {
            let mut io = connecting
                .await
                .map_err(|err| ProxyError::new(&proxy, ProxyProblem::Connect(err.into())))?;
            if destination.scheme_str() != Some("https") {
                return Ok(ProxyStream {
                    io,
                    forwarding: true,
                });
            }
            let authority = tunnel_authority(&destination);
            let handshake = tunnel::open(io.inner_mut(), &authority, proxy.authorization());
            match tokio::time::timeout(handshake_timeout, handshake).await {
                Ok(Ok(())) => Ok(ProxyStream {
                    io,
                    forwarding: false,
                }),
                Ok(Err(err)) => Err(ProxyError::new(&proxy, ProxyProblem::Tunnel(err)).into()),
                Err(_) => Err(ProxyError::new(
                    &proxy,
                    ProxyProblem::TimedOut(io::ErrorKind::TimedOut.into()),
                )
                .into()),
            }
        })
    }
}

/// `host:port` of the endpoint, its port explicit.
fn tunnel_authority(destination: &Uri) -> String {
    let host = destination.host().unwrap_or_default();
    let port = destination.port_u16().unwrap_or(443);
    format!("{host}:{port}")
}

impl Connection for ProxyStream {
    fn connected(&self) -> Connected {
        self.io.connected().proxy(self.forwarding)
    }
}

impl Read for ProxyStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: ReadBufCursor<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_read(cx, buf)
    }
}

impl Write for ProxyStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().io).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_shutdown(cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().io).poll_write_vectored(cx, bufs)
    }
}

/// A connection through a proxy failed. Names the proxy, redacted.
#[derive(Debug)]
pub(crate) struct ProxyError {
    proxy: Arc<str>,
    problem: ProxyProblem,
}

#[derive(Debug)]
enum ProxyProblem {
    /// No TCP connection to the proxy (its `ConnectError`).
    Connect(BoxError),
    /// The proxy did not open the tunnel.
    Tunnel(TunnelError),
    /// The proxy did not answer CONNECT within the connect timeout; the
    /// `io::Error` (`TimedOut`) makes the failure a timeout for retries.
    TimedOut(io::Error),
}

impl ProxyError {
    fn new(proxy: &ProxyUrl, problem: ProxyProblem) -> Self {
        ProxyError {
            proxy: Arc::clone(proxy.shown()),
            problem,
        }
    }

    /// The failure in one clause, naming the proxy.
    pub(crate) fn summary(&self) -> Summary {
        let reason = match &self.problem {
            ProxyProblem::Connect(err) => match summarize(&**err, true) {
                Summary::HostNotFound(reason) => {
                    format!("its host name could not be resolved: {reason}")
                }
                other => other.to_string(),
            },
            other => other.to_string(),
        };
        Summary::Proxy(Box::new(ProxyFailure {
            proxy: self.proxy.to_string(),
            reason,
        }))
    }

    /// Whether another attempt would meet the same answer (a 4xx refusal).
    pub(crate) fn is_permanent(&self) -> bool {
        matches!(&self.problem, ProxyProblem::Tunnel(err) if err.is_permanent())
    }
}

impl fmt::Display for ProxyProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProxyProblem::Connect(_) => f.write_str("could not connect to the proxy"),
            ProxyProblem::Tunnel(err) => err.fmt(f),
            ProxyProblem::TimedOut(_) => {
                f.write_str("the proxy did not answer CONNECT within the connect timeout")
            }
        }
    }
}

impl fmt::Display for ProxyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "proxy {}: {}", self.proxy, self.problem)
    }
}

impl StdError for ProxyError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match &self.problem {
            ProxyProblem::Connect(err) => Some(&**err),
            ProxyProblem::Tunnel(err) => err.source(),
            ProxyProblem::TimedOut(err) => Some(err),
        }
    }
}
