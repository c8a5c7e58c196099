//! HTTPS end to end: a rustls server on 127.0.0.1 with the test-only
//! certificates in `tests/tls/`, custom CA bundles (builder, file,
//! environment, profile), certificate failures, ALPN and HTTP/2.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use awsgen_client::{
    CallErrorKind, ClientBuilder, ConfigError, ConnectorError, ConnectorErrorKind, Environment,
    HyperConnector, RetryConfig,
};
use bytes::Bytes;
use http::{Method, Request, Response, Version};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::{CertificateError, RootCertStore, ServerConfig};
use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};
use tokio_rustls::TlsAcceptor;

use crate::operations::{PutThing, PutThingInput};
use crate::{bounded, builder, client};

pub(crate) const CA_PEM: &[u8] = include_bytes!("../tls/ca.pem");
const SERVER_PEM: &[u8] = include_bytes!("../tls/server.pem");
const SERVER_KEY: &[u8] = include_bytes!("../tls/server.key");

fn tls_file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/tls")
        .join(name)
}

fn input() -> PutThingInput {
    PutThingInput {
        name: "w".into(),
        count: None,
    }
}

/// What the server speaks after the handshake.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Protocol {
    /// HTTP/1.1; ALPN offers `http/1.1`.
    Http1,
    /// HTTP/2 only; ALPN offers only `h2`, and the connection is served as
    /// h2 even when the client negotiated nothing.
    Http2Only,
    /// ALPN offers only a protocol that is not HTTP (`acme-tls/1`): a
    /// client that offers ALPN is refused during the handshake.
    #[cfg_attr(not(feature = "http2"), allow(dead_code))]
    NotHttp,
}

/// One request as the TLS server received it.
#[derive(Debug, Clone)]
pub(crate) struct Seen {
    method: Method,
    path: String,
    target: Option<String>,
    version: Version,
    /// The protocol ALPN agreed on for the connection, if any.
    alpn: Option<Vec<u8>>,
    /// The key exchange group the handshake agreed on.
    key_exchange: Option<rustls::NamedGroup>,
}

/// The server's provider: the one the client is built with, so that a
/// `post-quantum` client meets a server that offers X25519MLKEM768 too.
#[cfg(feature = "post-quantum")]
fn server_provider() -> rustls::crypto::CryptoProvider {
    rustls::crypto::aws_lc_rs::default_provider()
}

/// The server's provider: ring, which rustls deprecates only for its lack
/// of post-quantum key exchange (see the client's `crypto_provider`).
#[cfg(not(feature = "post-quantum"))]
#[allow(deprecated)]
fn server_provider() -> rustls::crypto::CryptoProvider {
    rustls::crypto::ring::default_provider()
}

/// An HTTPS server on 127.0.0.1 answering every request with `{"id":"over-tls"}`.
/// Dropping it stops it.
pub(crate) struct TlsServer {
    port: u16,
    seen: Arc<Mutex<Vec<Seen>>>,
    task: JoinHandle<()>,
}

impl TlsServer {
    pub(crate) async fn start(protocol: Protocol) -> TlsServer {
        let certificates = CertificateDer::pem_slice_iter(SERVER_PEM)
            .collect::<Result<Vec<_>, _>>()
            .expect("tests/tls/server.pem parses");
        let key = PrivateKeyDer::from_pem_slice(SERVER_KEY).expect("tests/tls/server.key parses");
        let mut config = ServerConfig::builder_with_provider(Arc::new(server_provider()))
            .with_safe_default_protocol_versions()
            .expect("the provider supports the default versions")
            .with_no_client_auth()
            .with_single_cert(certificates, key)
            .expect("the test certificate and key match");
        config.alpn_protocols = match protocol {
            Protocol::Http1 => vec![b"http/1.1".to_vec()],
            Protocol::Http2Only => vec![b"h2".to_vec()],
            Protocol::NotHttp => vec![b"acme-tls/1".to_vec()],
        };
        let acceptor = TlsAcceptor::from(Arc::new(config));
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let port = listener.local_addr().expect("local addr").port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let task = tokio::spawn(accept_loop(listener, acceptor, protocol, Arc::clone(&seen)));
        TlsServer { port, seen, task }
    }

    /// `https://localhost:PORT`: the name the certificate is for.
    pub(crate) fn endpoint(&self) -> String {
        format!("https://localhost:{}", self.port)
    }

    pub(crate) fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        // Aborting the accept loop drops its JoinSet, which aborts every connection.
        self.task.abort();
    }
}

async fn accept_loop(
    listener: TcpListener,
    acceptor: TlsAcceptor,
    protocol: Protocol,
    seen: Arc<Mutex<Vec<Seen>>>,
) {
    let mut connections = JoinSet::new();
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            return;
        };
        let acceptor = acceptor.clone();
        let seen = Arc::clone(&seen);
        connections.spawn(async move {
            // A client that rejects the certificate ends the handshake here.
            let Ok(tls) = acceptor.accept(stream).await else {
                return;
            };
            let connection = tls.get_ref().1;
            let handshake = Handshake {
                alpn: connection.alpn_protocol().map(<[u8]>::to_vec),
                key_exchange: connection
                    .negotiated_key_exchange_group()
                    .map(|group| group.name()),
            };
            let service =
                service_fn(move |request| record(request, handshake.clone(), Arc::clone(&seen)));
            let io = TokioIo::new(tls);
            // Errors are expected when a client speaks the wrong protocol.
            let _ = match protocol {
                Protocol::Http1 | Protocol::NotHttp => {
                    hyper::server::conn::http1::Builder::new()
                        .serve_connection(io, service)
                        .await
                }
                Protocol::Http2Only => {
                    hyper::server::conn::http2::Builder::new(TokioExecutor::new())
                        .serve_connection(io, service)
                        .await
                }
            };
        });
        while connections.try_join_next().is_some() {}
    }
}

/// What the TLS handshake of a connection agreed on.
#[derive(Clone)]
struct Handshake {
    alpn: Option<Vec<u8>>,
    key_exchange: Option<rustls::NamedGroup>,
}

async fn record(
    request: Request<Incoming>,
    handshake: Handshake,
    seen: Arc<Mutex<Vec<Seen>>>,
) -> Result<Response<Full<Bytes>>, hyper::Error> {
    let (parts, body) = request.into_parts();
    body.collect().await?;
    seen.lock().unwrap().push(Seen {
        method: parts.method,
        path: parts.uri.path().to_owned(),
        target: parts
            .headers
            .get("x-amz-target")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        version: parts.version,
        alpn: handshake.alpn,
        key_exchange: handshake.key_exchange,
    });
    let mut response = Response::new(Full::new(Bytes::from_static(br#"{"id":"over-tls"}"#)));
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/x-amz-json-1.1"),
    );
    Ok(response)
}

/// The one request the server saw, checked to be `PutThing` as sent.
fn only_put_thing(server: &TlsServer) -> Seen {
    let seen = server.seen();
    assert_eq!(seen.len(), 1, "{seen:?}");
    let request = seen[0].clone();
    assert_eq!(request.method, Method::POST);
    assert_eq!(request.path, "/");
    assert_eq!(
        request.target.as_deref(),
        Some("TestService_20240101.PutThing")
    );
    request
}

/// What ALPN agrees on with an HTTP/1.1 server: nothing when the client
/// offers nothing (HTTP/1.1 only), `http/1.1` when it also offers h2.
fn expected_http1_alpn() -> Option<Vec<u8>> {
    cfg!(feature = "http2").then(|| b"http/1.1".to_vec())
}

#[tokio::test]
async fn https_over_http1_with_a_ca_bundle() {
    bounded(async {
        let server = TlsServer::start(Protocol::Http1).await;
        let output = builder(&server.endpoint())
            .ca_bundle_pem(CA_PEM)
            .build()
            .unwrap()
            .call::<PutThing>(input())
            .await
            .unwrap();
        assert_eq!(output.id.as_deref(), Some("over-tls"));
        let request = only_put_thing(&server);
        assert_eq!(request.version, Version::HTTP_11);
        assert_eq!(request.alpn, expected_http1_alpn());
    })
    .await;
}

/// ring has only classical groups (rustls 0.23.48 puts secp384r1 first);
/// with the `post-quantum` feature the client offers the hybrid
/// X25519MLKEM768 first, and a server that has it agrees.
#[tokio::test]
async fn the_key_exchange_is_post_quantum_only_with_the_feature() {
    use rustls::NamedGroup;
    bounded(async {
        let server = TlsServer::start(Protocol::Http1).await;
        builder(&server.endpoint())
            .ca_bundle_pem(CA_PEM)
            .build()
            .unwrap()
            .call::<PutThing>(input())
            .await
            .unwrap();
        let group = only_put_thing(&server).key_exchange;
        if cfg!(feature = "post-quantum") {
            assert_eq!(group, Some(NamedGroup::X25519MLKEM768));
        } else {
            let classical = [
                NamedGroup::secp384r1,
                NamedGroup::X25519,
                NamedGroup::secp256r1,
            ];
            assert!(group.is_some_and(|g| classical.contains(&g)), "{group:?}");
        }
    })
    .await;
}

#[tokio::test]
async fn the_certificate_is_checked_against_an_ip_address_too() {
    bounded(async {
        let server = TlsServer::start(Protocol::Http1).await;
        let endpoint = format!("https://127.0.0.1:{}", server.port);
        let output = builder(&endpoint)
            .ca_bundle_file(tls_file("ca.pem"))
            .build()
            .unwrap()
            .call::<PutThing>(input())
            .await
            .unwrap();
        assert_eq!(output.id.as_deref(), Some("over-tls"));
        only_put_thing(&server);
    })
    .await;
}

/// The rustls error under a connect failure of the hyper connector, found
/// the way the retry classification looks for it: hyper-util's error, then
/// hyper-rustls' `io::Error`, then tokio-rustls' `io::Error` around it.
fn handshake_error(cause: &ConnectorError) -> Option<&rustls::Error> {
    let hyper_rustls = cause.get_ref().source()?.downcast_ref::<io::Error>()?;
    let tokio_rustls = hyper_rustls.get_ref()?.downcast_ref::<io::Error>()?;
    tokio_rustls.get_ref()?.downcast_ref::<rustls::Error>()
}

#[tokio::test]
async fn without_the_bundle_the_certificate_is_rejected() {
    bounded(async {
        let server = TlsServer::start(Protocol::Http1).await;
        // The Mozilla roots alone do not trust the test CA.
        let err = client(&server.endpoint())
            .call::<PutThing>(input())
            .await
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "could not connect to {}: the TLS handshake failed: invalid peer certificate: \
                 UnknownIssuer",
                server.endpoint()
            )
        );
        let CallErrorKind::Connect(cause) = err.kind() else {
            panic!("expected a connect error, got {err:?}")
        };
        assert_eq!(cause.kind(), ConnectorErrorKind::Connect);
        assert!(
            matches!(
                handshake_error(cause),
                Some(rustls::Error::InvalidCertificate(
                    CertificateError::UnknownIssuer
                ))
            ),
            "{cause:?}"
        );
        // An untrusted certificate stays untrusted: no second attempt.
        assert_eq!(err.attempts(), 1);
        assert_eq!(err.retry_stop(), None);
        assert!(server.seen().is_empty());
    })
    .await;
}

#[tokio::test]
async fn a_bundle_without_the_issuing_ca_is_not_trusted() {
    bounded(async {
        let server = TlsServer::start(Protocol::Http1).await;
        // The leaf alone as the bundle: trust needs the CA that issued it.
        let err = builder(&server.endpoint())
            .ca_bundle_pem(SERVER_PEM)
            .retry(RetryConfig::standard().with_max_attempts(1))
            .build()
            .unwrap()
            .call::<PutThing>(input())
            .await
            .unwrap_err();
        let CallErrorKind::Connect(cause) = err.kind() else {
            panic!("expected a connect error, got {err:?}")
        };
        assert!(
            matches!(
                handshake_error(cause),
                Some(rustls::Error::InvalidCertificate(
                    CertificateError::UnknownIssuer
                ))
            ),
            "{err}"
        );
        assert!(server.seen().is_empty());
    })
    .await;
}

#[cfg(feature = "http2")]
#[tokio::test]
async fn http2_is_negotiated_by_alpn() {
    bounded(async {
        let server = TlsServer::start(Protocol::Http2Only).await;
        let output = builder(&server.endpoint())
            .ca_bundle_pem(CA_PEM)
            .build()
            .unwrap()
            .call::<PutThing>(input())
            .await
            .unwrap();
        assert_eq!(output.id.as_deref(), Some("over-tls"));
        let request = only_put_thing(&server);
        assert_eq!(request.version, Version::HTTP_2);
        assert_eq!(request.alpn.as_deref(), Some(&b"h2"[..]));
    })
    .await;
}

/// With `http2` the client offers h2 and http/1.1 by ALPN; a server that
/// speaks neither refuses the handshake (`no_application_protocol`), and
/// the same two ends would refuse it again: one attempt. (Without the
/// feature the client offers no ALPN, so no server refuses it over ALPN;
/// connect_error_tests.rs plays the alert against the default build.)
#[cfg(feature = "http2")]
#[tokio::test]
async fn a_server_with_no_protocol_in_common_is_not_retried() {
    bounded(async {
        let server = TlsServer::start(Protocol::NotHttp).await;
        let err = builder(&server.endpoint())
            .ca_bundle_pem(CA_PEM)
            .build()
            .unwrap()
            .call::<PutThing>(input())
            .await
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "could not connect to {}: the TLS handshake failed: received fatal alert: \
                 NoApplicationProtocol",
                server.endpoint()
            )
        );
        assert_eq!((err.attempts(), err.retry_stop()), (1, None));
        assert!(server.seen().is_empty());
    })
    .await;
}

#[cfg(not(feature = "http2"))]
#[tokio::test]
async fn without_http2_an_h2_only_server_fails_cleanly() {
    bounded(async {
        let server = TlsServer::start(Protocol::Http2Only).await;
        // Offering no ALPN, the client completes the handshake and speaks
        // HTTP/1.1; the h2 server answers with frames, which are not HTTP/1.1.
        let err = builder(&server.endpoint())
            .ca_bundle_pem(CA_PEM)
            .build()
            .unwrap()
            .call::<PutThing>(input())
            .await
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "request to {} failed in flight: invalid HTTP version parsed",
                server.endpoint()
            )
        );
        let CallErrorKind::Io(cause) = err.kind() else {
            panic!("expected an I/O error, got {err:?}")
        };
        assert_eq!(cause.kind(), ConnectorErrorKind::Other);
        assert_eq!(err.attempts(), 1, "a malformed response is not retried");
        assert!(server.seen().is_empty());
    })
    .await;
}

// ---- configuration errors ----

/// A directory of its own for one test's files; removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("awsgen-client-tls-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn file(&self, name: &str, contents: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }

    fn missing(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// An environment with a region and keys that never reads the real home directory.
fn env(dir: &TempDir, config: Option<&Path>, vars: &[(&str, &str)]) -> Environment {
    let config = config.map_or_else(|| dir.missing("config"), Path::to_path_buf);
    let mut all = vec![
        (
            "AWS_CONFIG_FILE".to_owned(),
            config.to_string_lossy().into_owned(),
        ),
        (
            "AWS_SHARED_CREDENTIALS_FILE".to_owned(),
            dir.missing("credentials").to_string_lossy().into_owned(),
        ),
        ("AWS_REGION".to_owned(), "eu-west-1".to_owned()),
        ("AWS_ACCESS_KEY_ID".to_owned(), "AKIDFROMENV".to_owned()),
        ("AWS_SECRET_ACCESS_KEY".to_owned(), "envsecret".to_owned()),
    ];
    all.extend(vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
    Environment::from_vars(all)
}

fn build_error(builder: ClientBuilder) -> ConfigError {
    builder.build().expect_err("the CA bundle must be refused")
}

#[test]
fn a_missing_file_is_named_with_its_origin() {
    let dir = TempDir::new("missing");
    let path = dir.missing("nowhere.pem");
    let err = build_error(builder("https://localhost:1").ca_bundle_file(&path));
    let ConfigError::CaBundleUnreadable {
        origin,
        path: reported,
        source,
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(origin, "ca_bundle_file(..)");
    assert_eq!(reported, &path);
    assert_eq!(source.kind(), io::ErrorKind::NotFound);
    let text = err.to_string();
    assert!(
        text.starts_with(&format!(
            "the CA bundle file `{}` (from ca_bundle_file(..)) cannot be read: ",
            path.display()
        )),
        "{text}"
    );
}

#[test]
fn a_file_without_certificates_is_refused() {
    let dir = TempDir::new("no-certificates");
    // A key is PEM too, but not a certificate.
    for (name, contents) in [
        ("key.pem", SERVER_KEY),
        ("text.pem", b"just some text\n".as_slice()),
        ("empty.pem", b"".as_slice()),
    ] {
        let path = dir.file(name, contents);
        let err = build_error(builder("https://localhost:1").ca_bundle_file(&path));
        assert!(
            matches!(&err, ConfigError::InvalidCaBundle { path: Some(p), .. } if *p == path),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            format!(
                "the CA bundle file `{}` (from ca_bundle_file(..)) cannot be used: it holds no PEM certificate (no `-----BEGIN CERTIFICATE-----` section)",
                path.display()
            )
        );
    }
}

#[test]
fn garbage_pem_is_refused_with_the_reason() {
    let cases: [(&[u8], &str); 4] = [
        (
            b"-----BEGIN CERTIFICATE\nMIIB\n",
            "it is not valid PEM: malformed section start `-----BEGIN CERTIFICATE`",
        ),
        (
            b"-----BEGIN CERTIFICATE-----\n!!not base64!!\n-----END CERTIFICATE-----\n",
            "it is not valid PEM: a section's base64 cannot be decoded",
        ),
        (
            b"-----BEGIN CERTIFICATE-----\nMIIB\n",
            "it is not valid PEM: a section has no `-----END CERTIFICATE-----` line",
        ),
        // Valid base64 of bytes that are not a DER certificate.
        (
            b"-----BEGIN CERTIFICATE-----\naGVsbG8gd29ybGQ=\n-----END CERTIFICATE-----\n",
            "certificate 1 in it is rejected: BadEncoding",
        ),
    ];
    for (pem, reason) in cases {
        let err = build_error(builder("https://localhost:1").ca_bundle_pem(pem));
        assert!(
            matches!(&err, ConfigError::InvalidCaBundle { path: None, .. }),
            "{err:?}"
        );
        let text = err.to_string();
        assert!(
            text.starts_with("the CA bundle from ca_bundle_pem(..) cannot be used: ")
                && text.contains(reason),
            "{text}"
        );
    }
    // The second certificate of a bundle is the one named.
    let mut bundle = CA_PEM.to_vec();
    bundle.extend_from_slice(
        b"-----BEGIN CERTIFICATE-----\naGVsbG8gd29ybGQ=\n-----END CERTIFICATE-----\n",
    );
    let text = build_error(builder("https://localhost:1").ca_bundle_pem(bundle)).to_string();
    assert!(text.contains("certificate 2 in it is rejected"), "{text}");
}

#[test]
fn aws_ca_bundle_and_the_profile_key_are_named_in_errors() {
    let dir = TempDir::new("env-origin");
    let missing = dir.missing("ca.pem");
    let missing_text = missing.to_string_lossy().into_owned();
    let from_env = ClientBuilder::from_environment(env(
        &dir,
        None,
        &[("AWS_CA_BUNDLE", missing_text.as_str())],
    ))
    .unwrap();
    let text = build_error(from_env).to_string();
    assert!(
        text.starts_with(&format!(
            "the CA bundle file `{missing_text}` (from AWS_CA_BUNDLE) cannot be read: "
        )),
        "{text}"
    );

    let not_pem = dir.file("not.pem", b"not a certificate");
    let config = dir.file(
        "config",
        format!("[default]\nca_bundle = {}\n", not_pem.display()).as_bytes(),
    );
    let from_profile = ClientBuilder::from_environment(env(&dir, Some(&config), &[])).unwrap();
    let err = build_error(from_profile);
    let ConfigError::InvalidCaBundle { origin, path, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(origin, "profile key `ca_bundle`");
    assert_eq!(path.as_deref(), Some(not_pem.as_path()));
}

#[test]
fn a_blank_aws_ca_bundle_is_unset_and_the_builder_wins() {
    let dir = TempDir::new("env-precedence");
    let blank = env(&dir, None, &[("AWS_CA_BUNDLE", "  ")]);
    assert!(ClientBuilder::from_environment(blank)
        .unwrap()
        .build()
        .is_ok());
    let missing = dir.missing("ca.pem").to_string_lossy().into_owned();
    let broken = env(&dir, None, &[("AWS_CA_BUNDLE", missing.as_str())]);
    assert!(ClientBuilder::from_environment(broken)
        .unwrap()
        .ca_bundle_pem(CA_PEM)
        .build()
        .is_ok());
}

#[tokio::test]
async fn aws_ca_bundle_is_trusted_end_to_end() {
    bounded(async {
        let server = TlsServer::start(Protocol::Http1).await;
        let dir = TempDir::new("env-trusted");
        let ca = tls_file("ca.pem").to_string_lossy().into_owned();
        let endpoint = server.endpoint();
        let env = env(
            &dir,
            None,
            &[
                ("AWS_CA_BUNDLE", ca.as_str()),
                ("AWS_ENDPOINT_URL", endpoint.as_str()),
            ],
        );
        let output = ClientBuilder::from_environment(env)
            .unwrap()
            .build()
            .unwrap()
            .call::<PutThing>(input())
            .await
            .unwrap();
        assert_eq!(output.id.as_deref(), Some("over-tls"));
        only_put_thing(&server);
    })
    .await;
}

#[test]
fn debug_output_shows_no_certificate_bytes() {
    let text = format!("{:?}", builder("https://localhost:1").ca_bundle_pem(CA_PEM));
    assert!(
        text.contains(&format!(
            "ca_bundle: Some(Pem {{ bytes: {} }})",
            CA_PEM.len()
        )),
        "{text}"
    );
    assert!(!text.contains("BEGIN CERTIFICATE"), "{text}");
    // A line of the certificate's base64.
    let base64_line = std::str::from_utf8(CA_PEM).unwrap().lines().nth(1).unwrap();
    assert!(!text.contains(base64_line), "{text}");
    let text = format!(
        "{:?}",
        builder("https://localhost:1").ca_bundle_file("/etc/ca.pem")
    );
    assert!(
        text.contains(
            r#"ca_bundle: Some(File { origin: "ca_bundle_file(..)", path: "/etc/ca.pem" })"#
        ),
        "{text}"
    );
}

#[test]
fn the_connector_refuses_an_empty_root_store() {
    let err = HyperConnector::with_roots(Duration::from_secs(1), 1024, RootCertStore::empty())
        .unwrap_err();
    assert!(matches!(err, ConfigError::Tls(_)), "{err:?}");
    assert!(err.to_string().contains("empty"), "{err}");
}
