//! Connections that cannot be made: what the error says (the endpoint and
//! the cause in one clause, the HTTP library's chain kept as the source)
//! and which of them are retried. Raw TCP servers on 127.0.0.1 play the
//! part of a closed port, a plain-http server and TLS servers that refuse
//! the protocol; the DNS case uses a `.invalid` name (RFC 6761), which never
//! resolves, online or off.

use std::error::Error as StdError;
use std::io;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use awsgen_client::{CallErrorKind, ConnectorErrorKind, RetryConfig, RetryStop};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::operations::{PutThing, PutThingInput};
use crate::{bounded, builder, client};

fn input() -> PutThingInput {
    PutThingInput {
        name: "w".into(),
        count: None,
    }
}

/// The errors below `err`, opening `io::Error` wrappers (whose `source()`
/// skips the error they wrap).
fn chain<'a>(err: &'a (dyn StdError + 'static)) -> Vec<&'a (dyn StdError + 'static)> {
    std::iter::successors(Some(err), |&err| match err.downcast_ref::<io::Error>() {
        Some(io) => io.get_ref().map(|inner| inner as &(dyn StdError + 'static)),
        None => err.source(),
    })
    .collect()
}

/// A TCP server on 127.0.0.1 that reads what a connection sends first (a
/// TLS ClientHello, or an HTTP request) and answers every connection with
/// `answer`, then closes it. Counts connections; dropping it stops it.
struct RawServer {
    port: u16,
    connections: Arc<AtomicU32>,
    task: JoinHandle<()>,
}

impl RawServer {
    async fn start(answer: &'static [u8]) -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let port = listener.local_addr().expect("local addr").port();
        let connections = Arc::new(AtomicU32::new(0));
        let counter = Arc::clone(&connections);
        let task = tokio::spawn(async move {
            loop {
                let Ok((mut stream, _)) = listener.accept().await else {
                    return;
                };
                counter.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(async move {
                    let mut first = [0u8; 4096];
                    let _ = stream.read(&mut first).await;
                    let _ = stream.write_all(answer).await;
                    let _ = stream.shutdown().await;
                });
            }
        });
        RawServer {
            port,
            connections,
            task,
        }
    }

    fn https(&self) -> String {
        format!("https://127.0.0.1:{}", self.port)
    }

    fn connections(&self) -> u32 {
        self.connections.load(Ordering::SeqCst)
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// What a plain-http server says to bytes that are not HTTP.
const PLAIN_HTTP_400: &[u8] =
    b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n";

/// A fatal TLS alert record (TLS 1.2 record version) with this description.
macro_rules! fatal_alert {
    ($description:expr) => {
        &[0x15, 0x03, 0x03, 0x00, 0x02, 0x02, $description]
    };
}
const ALERT_PROTOCOL_VERSION: u8 = 70;
const ALERT_INTERNAL_ERROR: u8 = 80;
const ALERT_NO_APPLICATION_PROTOCOL: u8 = 120;

/// A TLS 1.0 ServerHello (TLS_RSA_WITH_AES_128_CBC_SHA, no extensions): what
/// a server that speaks nothing newer answers to the client's hello.
const TLS10_SERVER_HELLO: &[u8] = &[
    0x16, 0x03, 0x01, 0x00, 0x2a, // handshake record, 42 bytes
    0x02, 0x00, 0x00, 0x26, // ServerHello, 38 bytes
    0x03, 0x01, // TLS 1.0
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, // random
    17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,   //
    0x00, // no session ID
    0x00, 0x2f, // cipher suite
    0x00, // no compression
];

#[tokio::test]
async fn a_refused_connection_names_the_endpoint_and_the_cause() {
    bounded(async {
        let port = {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            listener.local_addr().unwrap().port()
        };
        let endpoint = format!("http://127.0.0.1:{port}");
        let err = builder(&endpoint)
            .retry(RetryConfig::disabled())
            .build()
            .unwrap()
            .call::<PutThing>(input())
            .await
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("could not connect to {endpoint}: connection refused; gave up after 1 attempt")
        );
        assert_eq!(err.endpoint(), Some(endpoint.as_str()));
        // Programs still reach the HTTP library's error and the OS error.
        let CallErrorKind::Connect(cause) = err.kind() else {
            panic!("expected a connect error, got {err:?}")
        };
        assert_eq!(cause.kind(), ConnectorErrorKind::Connect);
        assert!(cause.get_ref().is::<hyper_util::client::legacy::Error>());
        let source = err.source().expect("the HTTP library's error");
        assert_eq!(source.to_string(), "client error (Connect)");
        assert!(
            chain(source).iter().any(|e| e
                .downcast_ref::<io::Error>()
                .is_some_and(|io| io.kind() == io::ErrorKind::ConnectionRefused)),
            "{source:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn https_to_a_plain_http_server_says_so_and_is_not_retried() {
    bounded(async {
        let server = RawServer::start(PLAIN_HTTP_400).await;
        let endpoint = server.https();
        let err = client(&endpoint)
            .call::<PutThing>(input())
            .await
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "could not connect to {endpoint}: the server answered TLS with something else: \
                 it may speak plain http (try http://127.0.0.1:{})",
                server.port
            )
        );
        // The port answers plain http every time: one attempt.
        assert_eq!((err.attempts(), err.retry_stop()), (1, None));
        assert_eq!(server.connections(), 1);
        let source = err.source().expect("the HTTP library's error");
        assert!(
            chain(source).iter().any(|e| matches!(
                e.downcast_ref::<rustls::Error>(),
                Some(rustls::Error::InvalidMessage(
                    rustls::InvalidMessage::InvalidContentType
                ))
            )),
            "{source:?}"
        );
    })
    .await;
}

/// A custom connector's error has no summary: it is said as it is, after
/// the endpoint.
#[tokio::test]
async fn a_custom_connector_error_is_said_as_it_is() {
    bounded(async {
        let connector = awsgen_client::connector_fn(|_request: http::Request<bytes::Bytes>| async {
            Err::<http::Response<bytes::Bytes>, _>(awsgen_client::ConnectorError::connect("x"))
        });
        let err = builder("https://example.com")
            .connector(connector)
            .retry(RetryConfig::disabled())
            .build()
            .unwrap()
            .call::<PutThing>(input())
            .await
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "could not connect to https://example.com: connection failed: x; gave up after 1 attempt"
        );
        assert!(err.source().is_none(), "the message is already whole");
    })
    .await;
}

#[tokio::test]
async fn an_unresolvable_host_is_named_and_fails_fast() {
    bounded(async {
        let endpoint = "https://ecr.awsgen-test.invalid";
        let started = Instant::now();
        let err = builder(endpoint)
            .retry(RetryConfig::disabled())
            .build()
            .unwrap()
            .call::<PutThing>(input())
            .await
            .unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with(&format!(
                "could not resolve host ecr.awsgen-test.invalid (endpoint {endpoint}): "
            )),
            "{text}"
        );
        // The resolver's reason follows, without hyper's or std's wrapping.
        assert!(
            !text.contains("dns error") && !text.contains("failed to lookup"),
            "{text}"
        );
        assert!(matches!(err.kind(), CallErrorKind::Connect(_)), "{err:?}");
        assert!(err.source().is_some());
        // A lookup of a `.invalid` name is refused at once, here and offline.
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{:?}",
            started.elapsed()
        );
    })
    .await;
}

/// A handshake that fails over the protocol fails the same way with the
/// same two ends: one attempt, whichever end notices.
#[tokio::test]
async fn a_handshake_refused_over_the_protocol_is_not_retried() {
    bounded(async {
        let cases: [(&'static [u8], &str); 3] = [
            // The server speaks no TLS version the client offers.
            (
                fatal_alert!(ALERT_PROTOCOL_VERSION),
                "the TLS handshake failed: received fatal alert: ProtocolVersion",
            ),
            // The server picks TLS 1.0, which the client does not speak.
            (
                TLS10_SERVER_HELLO,
                "the TLS handshake failed: peer is incompatible: ServerDoesNotSupportTls12Or13",
            ),
            // The server supports none of the application protocols offered.
            (
                fatal_alert!(ALERT_NO_APPLICATION_PROTOCOL),
                "the TLS handshake failed: received fatal alert: NoApplicationProtocol",
            ),
        ];
        for (answer, cause) in cases {
            let server = RawServer::start(answer).await;
            let endpoint = server.https();
            let err = client(&endpoint)
                .call::<PutThing>(input())
                .await
                .unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("could not connect to {endpoint}: {cause}")
            );
            assert_eq!((err.attempts(), err.retry_stop()), (1, None), "{err}");
            assert_eq!(server.connections(), 1, "{err}");
        }
    })
    .await;
}

/// A server's `internal_error` alert says nothing about the two ends: it
/// is retried like any failed connection.
#[tokio::test]
async fn a_handshake_failing_for_other_reasons_is_retried() {
    bounded(async {
        let server = RawServer::start(fatal_alert!(ALERT_INTERNAL_ERROR)).await;
        let err = client(&server.https())
            .call::<PutThing>(input())
            .await
            .unwrap_err();
        assert_eq!(err.attempts(), 3, "{err}");
        assert_eq!(err.retry_stop(), Some(RetryStop::MaxAttempts));
        assert_eq!(server.connections(), 3);
        assert!(
            err.to_string()
                .ends_with("received fatal alert: InternalError; gave up after 3 attempts"),
            "{err}"
        );
    })
    .await;
}
