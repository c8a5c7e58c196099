//! Loopback fakes for the credential endpoints: an HTTP/1.1 server on
//! 127.0.0.1 whose answers a function of the request decides (routes,
//! counters, delays), a port that refuses connections, and a server that
//! accepts connections and never answers. Dropping a server stops it.

use std::net::TcpListener as StdListener;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: Method,
    /// Path and query.
    pub target: String,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }
}

/// An answer: status, headers, body, and how long to wait first.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
    pub delay: Duration,
}

impl Answer {
    pub fn new(status: u16, body: impl Into<String>) -> Answer {
        Answer {
            status,
            headers: Vec::new(),
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    pub fn ok(body: impl Into<String>) -> Answer {
        Answer::new(200, body)
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Answer {
        self.headers.push((name, value.into()));
        self
    }

    pub fn after(mut self, delay: Duration) -> Answer {
        self.delay = delay;
        self
    }
}

type Handler = dyn Fn(&Seen) -> Answer + Send + Sync;

pub struct FakeServer {
    port: u16,
    seen: Arc<Mutex<Vec<Seen>>>,
    task: JoinHandle<()>,
}

impl FakeServer {
    pub async fn start(handler: impl Fn(&Seen) -> Answer + Send + Sync + 'static) -> FakeServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("address").port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let task = tokio::spawn(serve(listener, Arc::clone(&seen), handler));
        FakeServer { port, seen, task }
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// How many requests had this method and path.
    pub fn count(&self, method: &str, path: &str) -> usize {
        self.requests()
            .iter()
            .filter(|seen| seen.method == method && seen.path() == path)
            .count()
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(listener: TcpListener, seen: Arc<Mutex<Vec<Seen>>>, handler: Arc<Handler>) {
    let mut connections = JoinSet::new();
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            return;
        };
        let seen = Arc::clone(&seen);
        let handler = Arc::clone(&handler);
        connections.spawn(async move {
            let service =
                service_fn(move |request| answer(request, Arc::clone(&seen), Arc::clone(&handler)));
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
        while connections.try_join_next().is_some() {}
    }
}

async fn answer(
    request: Request<Incoming>,
    seen: Arc<Mutex<Vec<Seen>>>,
    handler: Arc<Handler>,
) -> Result<Response<Full<Bytes>>, std::io::Error> {
    let (parts, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map_err(std::io::Error::other)?
        .to_bytes();
    let request = Seen {
        method: parts.method,
        target: parts
            .uri
            .path_and_query()
            .map(|target| target.as_str().to_owned())
            .unwrap_or_default(),
        headers: parts.headers,
        body,
    };
    seen.lock().unwrap().push(request.clone());
    let answer = handler(&request);
    if !answer.delay.is_zero() {
        tokio::time::sleep(answer.delay).await;
    }
    let mut response = Response::new(Full::new(Bytes::from(answer.body)));
    *response.status_mut() = StatusCode::from_u16(answer.status).unwrap();
    for (name, value) in answer.headers {
        response.headers_mut().append(name, value.parse().unwrap());
    }
    Ok(response)
}

/// `http://127.0.0.1:PORT` of a port nothing listens on (bound, then
/// released): connections are refused.
pub fn refused_endpoint() -> String {
    let listener = StdListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

/// Accepts connections and never answers (as an address that swallows
/// packets would, past the handshake). Counts connections.
pub struct SilentServer {
    port: u16,
    connections: Arc<AtomicU32>,
    task: JoinHandle<()>,
}

impl SilentServer {
    pub async fn start() -> SilentServer {
        use tokio::io::AsyncReadExt;
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("address").port();
        let connections = Arc::new(AtomicU32::new(0));
        let counter = Arc::clone(&connections);
        let task = tokio::spawn(async move {
            let mut held = JoinSet::new();
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
