//! A scripted HTTP/1.1 server on 127.0.0.1 that records every request and
//! plays replies in order (the last one repeats), and a silent one that
//! never answers. Dropping either stops it.

use std::collections::VecDeque;
use std::future::Future;

use std::pin::Pin;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, Method, Request, Response, StatusCode};
use http_body_util::BodyExt;
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: Method,
    pub path: String,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Recorded {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("no header {name}"))
    }
}

/// What the server does with one request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A normal response.
    Respond {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: Vec<u8>,
        chunked: bool,
    },
    /// Waits, then does the inner reply.
    Delay(Duration, Box<Reply>),
    /// Closes the connection without answering.
    Close,
    /// Declares `declared` bytes, sends `sent`, then breaks the connection.
    Truncated {
        status: u16,
        declared: usize,
        sent: Vec<u8>,
    },
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Reply {
        Reply::Respond {
            status,
            headers: vec![("content-type", "application/x-amz-json-1.1".into())],
            body: body.as_bytes().to_vec(),
            chunked: false,
        }
    }

    pub fn with_header(self, name: &'static str, value: &str) -> Reply {
        match self {
            Reply::Respond {
                status,
                mut headers,
                body,
                chunked,
            } => {
                headers.push((name, value.to_owned()));
                Reply::Respond {
                    status,
                    headers,
                    body,
                    chunked,
                }
            }
            other => other,
        }
    }
}

pub struct ScriptedServer {
    port: u16,
    recorded: Arc<Mutex<Vec<Recorded>>>,
    task: JoinHandle<()>,
}

impl ScriptedServer {
    pub async fn start(replies: Vec<Reply>) -> ScriptedServer {
        assert!(!replies.is_empty(), "a script needs at least one reply");
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let port = listener.local_addr().expect("local addr").port();
        let recorded = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(Mutex::new(VecDeque::from(replies)));
        let task = tokio::spawn(accept_loop(listener, Arc::clone(&recorded), script));
        ScriptedServer {
            port,
            recorded,
            task,
        }
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.recorded.lock().unwrap().clone()
    }
}

impl Drop for ScriptedServer {
    fn drop(&mut self) {
        // Aborting the accept loop drops its JoinSet, which aborts every connection.
        self.task.abort();
    }
}

async fn accept_loop(
    listener: TcpListener,
    recorded: Arc<Mutex<Vec<Recorded>>>,
    script: Arc<Mutex<VecDeque<Reply>>>,
) {
    let mut connections = JoinSet::new();
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            return;
        };
        let recorded = Arc::clone(&recorded);
        let script = Arc::clone(&script);
        connections.spawn(async move {
            let service = service_fn(move |request| {
                handle(request, Arc::clone(&recorded), Arc::clone(&script))
            });
            // Errors are expected: `Close` and `Truncated` break connections on purpose.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
        while connections.try_join_next().is_some() {}
    }
}

async fn handle(
    request: Request<Incoming>,
    recorded: Arc<Mutex<Vec<Recorded>>>,
    script: Arc<Mutex<VecDeque<Reply>>>,
) -> Result<Response<ScriptBody>, std::io::Error> {
    let (parts, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map_err(std::io::Error::other)?
        .to_bytes();
    recorded.lock().unwrap().push(Recorded {
        method: parts.method,
        path: parts.uri.path().to_owned(),
        headers: parts.headers,
        body,
    });
    let reply = {
        let mut script = script.lock().unwrap();
        if script.len() > 1 {
            script.pop_front().unwrap()
        } else {
            script.front().unwrap().clone()
        }
    };
    play(reply).await
}

async fn play(mut reply: Reply) -> Result<Response<ScriptBody>, std::io::Error> {
    while let Reply::Delay(wait, inner) = reply {
        tokio::time::sleep(wait).await;
        reply = *inner;
    }
    match reply {
        Reply::Respond {
            status,
            headers,
            body,
            chunked,
        } => {
            let mut response = Response::new(ScriptBody::new(body, false, !chunked));
            *response.status_mut() = StatusCode::from_u16(status).unwrap();
            for (name, value) in headers {
                response.headers_mut().append(name, value.parse().unwrap());
            }
            Ok(response)
        }
        Reply::Close => Err(std::io::Error::other("scripted close")),
        Reply::Truncated {
            status,
            declared,
            sent,
        } => {
            let mut response = Response::new(ScriptBody::new(sent, true, false));
            *response.status_mut() = StatusCode::from_u16(status).unwrap();
            response
                .headers_mut()
                .insert("content-length", declared.into());
            Ok(response)
        }
        Reply::Delay(..) => unreachable!("delays are unwrapped above"),
    }
}

/// A body that sends its data in one frame, then ends or (after a pause that
/// lets the server flush what it has) fails, which breaks the connection.
pub struct ScriptBody {
    data: Option<Bytes>,
    len: u64,
    failure: Option<Pin<Box<tokio::time::Sleep>>>,
    exact_size: bool,
}

impl ScriptBody {
    fn new(data: Vec<u8>, fail_after: bool, exact_size: bool) -> Self {
        let failure = fail_after.then(|| Box::pin(tokio::time::sleep(Duration::from_millis(50))));
        ScriptBody {
            len: data.len() as u64,
            data: Some(Bytes::from(data)),
            failure,
            exact_size,
        }
    }
}

impl Body for ScriptBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        if let Some(data) = self.data.take() {
            return Poll::Ready(Some(Ok(Frame::data(data))));
        }
        if let Some(pause) = self.failure.as_mut() {
            if pause.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            self.failure = None;
            return Poll::Ready(Some(Err(std::io::Error::other("scripted truncation"))));
        }
        Poll::Ready(None)
    }

    fn size_hint(&self) -> SizeHint {
        if self.exact_size {
            SizeHint::with_exact(self.len)
        } else {
            SizeHint::default()
        }
    }
}

/// A TCP server on 127.0.0.1 that accepts connections and never answers:
/// it holds each one open, reading what the client sends. Counts
/// connections; dropping it stops it.
pub struct SilentServer {
    port: u16,
    connections: Arc<AtomicU32>,
    task: tokio::task::JoinHandle<()>,
}

impl SilentServer {
    pub async fn start() -> SilentServer {
        use tokio::io::AsyncReadExt;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let port = listener.local_addr().expect("local addr").port();
        let connections = Arc::new(AtomicU32::new(0));
        let counter = Arc::clone(&connections);
        let task = tokio::spawn(async move {
            let mut held = tokio::task::JoinSet::new();
            loop {
                let Ok((mut stream, _)) = listener.accept().await else {
                    return;
                };
                counter.fetch_add(1, Ordering::SeqCst);
                held.spawn(async move {
                    let mut sink = [0u8; 4096];
                    while matches!(stream.read(&mut sink).await, Ok(n) if n > 0) {}
                });
            }
        });
        SilentServer {
            port,
            connections,
            task,
        }
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn connections(&self) -> u32 {
        self.connections.load(Ordering::SeqCst)
    }
}

impl Drop for SilentServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
