//! Proxies end to end: a loopback HTTP proxy written here (CONNECT
//! tunnels for https endpoints, forwarding for http ones) that records
//! each request's target and `Proxy-Authorization`; the builder setting and
//! the environment variables; `NO_PROXY`; and the proxy's credentials
//! redacted in `Debug`, errors and logs.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use awsgen_client::{
    CallErrorKind, ClientBuilder, ConfigError, Environment, RetryConfig, TimeoutConfig,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

use crate::capture::Capture;
use crate::operations::{PutThing, PutThingInput};
use crate::server::{Reply, ScriptedServer};
use crate::tls_tests::{Protocol, TlsServer, CA_PEM};
use crate::{bounded, builder, credentials};

/// `alice:s3cret` as the URL gives it (`%3A` is a `:` in the password).
const PASSWORD: &str = "s3cret%3Apart";
/// `Basic base64("alice:s3cret:part")`.
const BASIC: &str = "Basic YWxpY2U6czNjcmV0OnBhcnQ=";

fn input() -> PutThingInput {
    PutThingInput {
        name: "w".into(),
        count: None,
    }
}

/// What the proxy does with a request.
#[derive(Clone, Copy)]
enum Mode {
    /// Tunnels or forwards it, and answers 407 unless `Proxy-Authorization` is this.
    RequireAuth(&'static str),
    /// Answers with this status.
    Refuse(u16),
    /// Reads the request and never answers.
    Silent,
}

/// One request as the proxy received it.
#[derive(Clone, Debug)]
struct ProxyRequest {
    method: String,
    target: String,
    authorization: Option<String>,
}

struct LoopbackProxy {
    port: u16,
    seen: Arc<Mutex<Vec<ProxyRequest>>>,
    task: JoinHandle<()>,
}

impl LoopbackProxy {
    async fn start(mode: Mode) -> LoopbackProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&seen);
        let task = tokio::spawn(async move {
            let mut connections = JoinSet::new();
            while let Ok((stream, _)) = listener.accept().await {
                connections.spawn(serve(stream, mode, Arc::clone(&recorded)));
                while connections.try_join_next().is_some() {}
            }
        });
        LoopbackProxy { port, seen, task }
    }

    /// The proxy URL, with credentials.
    fn url(&self) -> String {
        format!("http://alice:{PASSWORD}@127.0.0.1:{}", self.port)
    }

    fn url_without_credentials(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn seen(&self) -> Vec<ProxyRequest> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for LoopbackProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(mut client: TcpStream, mode: Mode, seen: Arc<Mutex<Vec<ProxyRequest>>>) {
    // The request head, and whatever of the body came with it.
    let mut buffer = Vec::new();
    let head_end = loop {
        let mut chunk = [0u8; 4096];
        let Ok(read) = client.read(&mut chunk).await else {
            return;
        };
        if read == 0 {
            return;
        }
        buffer.extend_from_slice(&chunk[..read]);
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default().to_owned();
    let mut parts = request_line.split(' ');
    let method = parts.next().unwrap_or_default().to_owned();
    let target = parts.next().unwrap_or_default().to_owned();
    let headers: Vec<&str> = lines.filter(|line| !line.is_empty()).collect();
    let authorization = headers.iter().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("proxy-authorization")
            .then(|| value.trim().to_owned())
    });
    seen.lock().unwrap().push(ProxyRequest {
        method: method.clone(),
        target: target.clone(),
        authorization: authorization.clone(),
    });
    match mode {
        Mode::RequireAuth(expected) if authorization.as_deref() != Some(expected) => {
            let _ = client
                .write_all(
                    b"HTTP/1.1 407 Proxy Authentication Required\r\n\
                      Proxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n",
                )
                .await;
            return;
        }
        Mode::Silent => {
            std::future::pending::<()>().await;
            return;
        }
        Mode::Refuse(status) => {
            let answer =
                format!("HTTP/1.1 {status} Refused By Policy\r\nContent-Length: 0\r\n\r\n");
            let _ = client.write_all(answer.as_bytes()).await;
            return;
        }
        _ => {}
    }
    if method == "CONNECT" {
        let Ok(mut upstream) = TcpStream::connect(target.as_str()).await else {
            let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\n\r\n").await;
            return;
        };
        let _ = client
            .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
            .await;
        let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
        return;
    }
    // Forwarding: `POST http://host:port/path HTTP/1.1` becomes
    // `POST /path HTTP/1.1` to host:port, without the proxy's header.
    let Some(rest) = target.strip_prefix("http://") else {
        let _ = client.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n").await;
        return;
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let Ok(mut upstream) = TcpStream::connect(authority).await else {
        let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\n\r\n").await;
        return;
    };
    let path = if path.is_empty() { "/" } else { path };
    let mut forwarded = format!("{method} {path} HTTP/1.1\r\n");
    for line in headers {
        if !line
            .to_ascii_lowercase()
            .starts_with("proxy-authorization:")
        {
            forwarded.push_str(line);
            forwarded.push_str("\r\n");
        }
    }
    forwarded.push_str("\r\n");
    let mut bytes = forwarded.into_bytes();
    bytes.extend_from_slice(&buffer[head_end..]);
    if upstream.write_all(&bytes).await.is_err() {
        return;
    }
    let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
}

#[tokio::test]
async fn an_https_endpoint_is_reached_through_a_connect_tunnel() {
    bounded(async {
        let tls = TlsServer::start(Protocol::Http1).await;
        let proxy = LoopbackProxy::start(Mode::RequireAuth(BASIC)).await;
        let client = builder(&tls.endpoint())
            .ca_bundle_pem(CA_PEM)
            .proxy(proxy.url())
            .build()
            .unwrap();
        let output = client.call::<PutThing>(input()).await.unwrap();
        assert_eq!(output.id.as_deref(), Some("over-tls"));
        let seen = proxy.seen();
        assert_eq!(seen.len(), 1, "{seen:?}");
        let port = tls.endpoint().rsplit(':').next().unwrap().to_owned();
        assert_eq!(seen[0].method, "CONNECT");
        assert_eq!(seen[0].target, format!("localhost:{port}"));
        assert_eq!(seen[0].authorization.as_deref(), Some(BASIC));
        assert_eq!(tls.seen().len(), 1, "the request went through the tunnel");
    })
    .await;
}

#[tokio::test]
async fn an_http_endpoint_is_reached_through_a_forwarding_proxy() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::json(200, r#"{"id":"forwarded"}"#)]).await;
        let proxy = LoopbackProxy::start(Mode::RequireAuth(BASIC)).await;
        let client = builder(&server.endpoint())
            .proxy(proxy.url())
            .build()
            .unwrap();
        let output = client.call::<PutThing>(input()).await.unwrap();
        assert_eq!(output.id.as_deref(), Some("forwarded"));
        let seen = proxy.seen();
        assert_eq!(seen.len(), 1, "{seen:?}");
        assert_eq!(seen[0].method, "POST");
        assert_eq!(seen[0].target, format!("{}/", server.endpoint()));
        assert_eq!(seen[0].authorization.as_deref(), Some(BASIC));
        let requests = server.requests();
        assert_eq!(requests.len(), 1);
        // Added after signing: the signature does not cover it.
        let signed = requests[0].header("authorization");
        assert!(!signed.contains("proxy-authorization"), "{signed}");
    })
    .await;
}

#[tokio::test]
async fn no_proxy_sends_matching_hosts_directly() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::json(200, r#"{"id":"direct"}"#)]).await;
        let proxy = LoopbackProxy::start(Mode::Refuse(403)).await;
        let port = server.endpoint().rsplit(':').next().unwrap().to_owned();
        for no_proxy in [
            "127.0.0.1".to_owned(),
            format!("example.com, 127.0.0.1:{port}"),
            "127.0.0.0/8".to_owned(),
            "*".to_owned(),
        ] {
            let client = builder(&server.endpoint())
                .proxy(proxy.url())
                .no_proxy(&no_proxy)
                .build()
                .unwrap();
            let output = client.call::<PutThing>(input()).await.unwrap();
            assert_eq!(output.id.as_deref(), Some("direct"), "{no_proxy}");
        }
        assert!(proxy.seen().is_empty());
        // Another port, or another host: through the proxy (which refuses).
        for no_proxy in ["127.0.0.1:1", "localhost"] {
            let client = builder(&server.endpoint())
                .proxy(proxy.url())
                .no_proxy(no_proxy)
                .build()
                .unwrap();
            client.call::<PutThing>(input()).await.unwrap_err();
        }
        assert_eq!(proxy.seen().len(), 2);
    })
    .await;
}

/// An environment that cannot see the real home's AWS files, with `vars`.
fn environment(vars: &[(&str, &str)]) -> Environment {
    let isolated = [
        ("HOME", "/nonexistent-awsgen-proxy-test"),
        ("AWS_CONFIG_FILE", "/nonexistent-awsgen-proxy-test/config"),
        (
            "AWS_SHARED_CREDENTIALS_FILE",
            "/nonexistent-awsgen-proxy-test/credentials",
        ),
        ("AWS_REGION", "us-west-2"),
    ];
    Environment::from_vars(isolated.iter().chain(vars).copied())
}

fn from_environment(vars: &[(&str, &str)], endpoint: &str) -> ClientBuilder {
    ClientBuilder::from_environment(environment(vars))
        .unwrap()
        .credentials(credentials())
        .endpoint_url(endpoint)
}

#[tokio::test]
async fn the_environment_names_the_proxy_lowercase_first() {
    bounded(async {
        let tls = TlsServer::start(Protocol::Http1).await;
        let server = ScriptedServer::start(vec![Reply::json(200, r#"{"id":"plain"}"#)]).await;
        let proxy = LoopbackProxy::start(Mode::RequireAuth(BASIC)).await;
        let url = proxy.url();
        let dead = "http://127.0.0.1:1";
        // https endpoints: https_proxy over HTTPS_PROXY, either alone.
        for vars in [
            vec![("https_proxy", url.as_str()), ("HTTPS_PROXY", dead)],
            vec![("HTTPS_PROXY", url.as_str())],
            vec![("https_proxy", url.as_str()), ("HTTP_PROXY", dead)],
        ] {
            let client = from_environment(&vars, &tls.endpoint())
                .ca_bundle_pem(CA_PEM)
                .build()
                .unwrap();
            client.call::<PutThing>(input()).await.unwrap();
        }
        // http endpoints: http_proxy over HTTP_PROXY.
        for vars in [
            vec![("http_proxy", url.as_str()), ("HTTP_PROXY", dead)],
            vec![("HTTP_PROXY", url.as_str()), ("HTTPS_PROXY", dead)],
        ] {
            let client = from_environment(&vars, &server.endpoint()).build().unwrap();
            client.call::<PutThing>(input()).await.unwrap();
        }
        assert_eq!(proxy.seen().len(), 5);
        // no_proxy over NO_PROXY; the builder over both.
        let vars = [
            ("HTTP_PROXY", dead),
            ("no_proxy", "127.0.0.1"),
            ("NO_PROXY", "nothing.example"),
        ];
        let client = from_environment(&vars, &server.endpoint()).build().unwrap();
        client.call::<PutThing>(input()).await.unwrap();
        let client = from_environment(&[("HTTP_PROXY", dead)], &server.endpoint())
            .proxy(&url)
            .build()
            .unwrap();
        client.call::<PutThing>(input()).await.unwrap();
        assert_eq!(proxy.seen().len(), 6);
        let client = from_environment(&[("HTTP_PROXY", &url)], &server.endpoint())
            .no_proxy("*")
            .build()
            .unwrap();
        client.call::<PutThing>(input()).await.unwrap();
        assert_eq!(proxy.seen().len(), 6);
    })
    .await;
}

#[tokio::test]
async fn inside_cgi_http_proxy_in_capitals_is_not_read() {
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::json(200, r#"{"id":"direct"}"#)]).await;
        let vars = [
            ("REQUEST_METHOD", "GET"),
            ("HTTP_PROXY", "http://127.0.0.1:1"),
        ];
        let client = from_environment(&vars, &server.endpoint()).build().unwrap();
        client.call::<PutThing>(input()).await.unwrap();
    })
    .await;
}

#[tokio::test]
async fn a_refused_tunnel_names_the_proxy_redacted_and_is_not_retried() {
    bounded(async {
        let tls = TlsServer::start(Protocol::Http1).await;
        let proxy = LoopbackProxy::start(Mode::Refuse(403)).await;
        let client = builder(&tls.endpoint())
            .ca_bundle_pem(CA_PEM)
            .proxy(proxy.url())
            .build()
            .unwrap();
        let err = client.call::<PutThing>(input()).await.unwrap_err();
        assert!(matches!(err.kind(), CallErrorKind::Connect(_)), "{err:?}");
        assert_eq!(err.attempts(), 1, "a 403 from the proxy is not retried");
        assert_eq!(
            err.to_string(),
            format!(
                "could not connect to {} through proxy http://alice:***@127.0.0.1:{}: \
                 the proxy refused the tunnel: HTTP 403 Refused By Policy",
                tls.endpoint(),
                proxy.port
            )
        );
        let debug = format!("{err:?}");
        assert!(
            !debug.contains("s3cret") && !debug.contains(BASIC),
            "{debug}"
        );
        assert!(tls.seen().is_empty());
    })
    .await;
}

#[tokio::test]
async fn credentials_the_proxy_wants_but_lacks() {
    bounded(async {
        let tls = TlsServer::start(Protocol::Http1).await;
        let proxy = LoopbackProxy::start(Mode::RequireAuth(BASIC)).await;
        let client = builder(&tls.endpoint())
            .ca_bundle_pem(CA_PEM)
            .proxy(proxy.url_without_credentials())
            .build()
            .unwrap();
        let err = client.call::<PutThing>(input()).await.unwrap_err();
        assert_eq!(err.attempts(), 1);
        assert!(
            err.to_string().ends_with(
                "the proxy requires authentication (HTTP 407); \
                 give it as http://user:password@host:port"
            ),
            "{err}"
        );
        let wrong = format!("http://alice:wrong@127.0.0.1:{}", proxy.port);
        let client = builder(&tls.endpoint())
            .ca_bundle_pem(CA_PEM)
            .proxy(wrong)
            .build()
            .unwrap();
        let err = client.call::<PutThing>(input()).await.unwrap_err();
        assert!(err.to_string().contains("alice:***@"), "{err}");
        assert!(!err.to_string().contains("wrong"), "{err}");
        assert!(err.to_string().contains("refused the credentials"), "{err}");
    })
    .await;
}

#[tokio::test]
async fn an_unreachable_proxy_is_named_and_retried() {
    bounded(async {
        // A port nothing listens on: bind, read the port, close.
        let port = TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let client = builder("https://localhost:4443")
            .proxy(format!("http://alice:{PASSWORD}@127.0.0.1:{port}"))
            .build()
            .unwrap();
        let err = client.call::<PutThing>(input()).await.unwrap_err();
        assert_eq!(err.attempts(), 3, "a refused connection is retried");
        assert_eq!(
            err.to_string(),
            format!(
                "could not connect to https://localhost:4443 through proxy \
                 http://alice:***@127.0.0.1:{port}: connection refused; gave up after 3 attempts"
            )
        );
    })
    .await;
}

#[tokio::test]
async fn a_proxy_that_never_answers_connect_times_out_within_the_connect_timeout() {
    bounded(async {
        let proxy = LoopbackProxy::start(Mode::Silent).await;
        let client = builder("https://localhost:4443")
            .proxy(proxy.url())
            .timeouts(
                TimeoutConfig::new()
                    .with_connect(Duration::from_millis(200))
                    .with_operation(Some(Duration::from_secs(10))),
            )
            .retry(RetryConfig::standard().with_max_attempts(1))
            .build()
            .unwrap();
        let started = std::time::Instant::now();
        let err = client.call::<PutThing>(input()).await.unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(5), "{err}");
        assert!(err.is_timeout(), "{err:?}");
        assert_eq!(
            err.to_string(),
            format!(
                "timed out connecting to https://localhost:4443 through proxy \
                 http://alice:***@127.0.0.1:{}: the connect timeout elapsed; gave up after 1 attempt",
                proxy.port
            )
        );
    })
    .await;
}

#[test]
fn unusable_proxy_urls_are_refused_when_building_redacted() {
    let err = builder("https://localhost:1")
        .proxy("socks5://alice:hunter2@proxy:1080")
        .build()
        .unwrap_err();
    assert!(matches!(err, ConfigError::InvalidProxy { .. }));
    assert_eq!(
        err.to_string(),
        "the proxy URL `socks5://alice:***@proxy:1080` from proxy(..) cannot be used: \
         the scheme `socks5` is not supported: only http:// proxies are"
    );
    let err = ClientBuilder::from_environment(environment(&[(
        "HTTPS_PROXY",
        "http://alice:hunter2@:3128",
    )]))
    .unwrap()
    .build()
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the proxy URL `http://alice:***@:3128` from HTTPS_PROXY cannot be used: \
         it has no host"
    );
    assert!(!format!("{err:?}").contains("hunter2"));
}

#[test]
fn debug_shows_proxies_redacted() {
    let builder = builder("https://localhost:1").proxy("http://alice:hunter2@proxy:3128");
    let shown = format!("{builder:?}");
    assert!(shown.contains("http://alice:***@proxy:3128"), "{shown}");
    assert!(!shown.contains("hunter2"), "{shown}");
    let client = builder.build().unwrap();
    let shown = format!("{client:?}");
    assert!(shown.contains("http://alice:***@proxy:3128"), "{shown}");
    assert!(
        !shown.contains("hunter2") && !shown.contains("aHVudGVyMg"),
        "{shown}"
    );
}

#[tokio::test]
async fn no_log_records_the_proxy_credentials() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    bounded(async {
        let server = ScriptedServer::start(vec![Reply::json(200, r#"{"id":"plain"}"#)]).await;
        let proxy = LoopbackProxy::start(Mode::Refuse(403)).await;
        let client = builder(&server.endpoint())
            .proxy(proxy.url())
            .build()
            .unwrap();
        // Forwarded, refused by the proxy with a 403 the client reads as
        // the service's answer; then a refused tunnel.
        let _ = client.call::<PutThing>(input()).await;
        let tls = TlsServer::start(Protocol::Http1).await;
        let client = builder(&tls.endpoint())
            .ca_bundle_pem(CA_PEM)
            .proxy(proxy.url())
            .build()
            .unwrap();
        let _ = client.call::<PutThing>(input()).await;
        let text = capture.all_text();
        assert!(text.contains("through proxy http://alice:***@"), "{text}");
        for secret in ["s3cret", BASIC, "YWxpY2U6czNjcmV0OnBhcnQ"] {
            assert!(!text.contains(secret), "{secret} recorded:\n{text}");
        }
    })
    .await;
}
