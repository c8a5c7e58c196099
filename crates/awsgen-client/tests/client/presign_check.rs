//! A loopback server that accepts a presigned request only when its query
//! signature checks out, the way a service does: it rebuilds the canonical
//! request by hand from what it received, has awsgen-auth's header signer
//! (not the query signer under test) sign that same canonical request, and
//! compares the signature with the URL's. It keeps a clock of its own, so a
//! test can move it past a URL's expiry. For S3 it expects the payload to
//! be signed as `UNSIGNED-PAYLOAD`, for any other service the body's hash.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use awsgen_auth::{
    Credentials, SessionTokenMode, SignedPayload, Signer, SigningParams, SigningSettings,
};
use bytes::Bytes;
use http::{HeaderMap, HeaderName, Method, Request, Response, StatusCode, Uri};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use crate::percent::percent_decode;
use crate::sigv4_check::parse_amz_date;
use crate::{ACCESS_KEY, SECRET_KEY, SESSION_TOKEN};

/// The region of the scope the server expects.
pub const REGION: &str = "us-west-2";

/// What the server decided about one request.
#[derive(Debug, Clone)]
pub struct Verdict {
    pub accepted: bool,
    /// Why it was refused, or `signature ok`.
    pub reason: String,
    /// The canonical request the server rebuilt (empty before it got that far).
    pub canonical_request: String,
}

pub struct CheckingServer {
    pub addr: SocketAddr,
    verdicts: Arc<Mutex<Vec<Verdict>>>,
    task: JoinHandle<()>,
}

impl Drop for CheckingServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl CheckingServer {
    /// Starts a server for `service` (its signing name) whose clock is this
    /// machine's plus `clock_ahead`.
    pub async fn start(service: &'static str, clock_ahead: Duration) -> CheckingServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let verdicts = Arc::new(Mutex::new(Vec::new()));
        let recorded = verdicts.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let recorded = recorded.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |request: Request<Incoming>| {
                        let recorded = recorded.clone();
                        async move {
                            let (head, body) = request.into_parts();
                            let body = body.collect().await?.to_bytes();
                            let now = SystemTime::now() + clock_ahead;
                            let verdict =
                                verify(service, &head.method, &head.uri, &head.headers, &body, now);
                            let status = if verdict.accepted {
                                StatusCode::OK
                            } else {
                                StatusCode::FORBIDDEN
                            };
                            let reason = verdict.reason.clone();
                            recorded.lock().unwrap().push(verdict);
                            let mut response = Response::new(Full::new(Bytes::from(reason)));
                            *response.status_mut() = status;
                            Ok::<_, hyper::Error>(response)
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        CheckingServer {
            addr,
            verdicts,
            task,
        }
    }

    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn verdicts(&self) -> Vec<Verdict> {
        self.verdicts.lock().unwrap().clone()
    }
}

/// Sends `request` as a plain HTTP/1.1 client would: origin-form target,
/// `Host` from the URI's authority, the given headers and body. Returns the
/// status and the server's reason.
pub async fn fetch(request: http::Request<Bytes>) -> (StatusCode, String) {
    let (mut head, body) = request.into_parts();
    let authority = head.uri.authority().expect("an absolute URI").clone();
    let stream = TcpStream::connect(authority.as_str()).await.unwrap();
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .unwrap();
    tokio::spawn(connection);
    head.uri = head
        .uri
        .path_and_query()
        .expect("a path")
        .as_str()
        .parse()
        .unwrap();
    head.headers
        .insert(http::header::HOST, authority.as_str().parse().unwrap());
    let response = sender
        .send_request(Request::from_parts(head, Full::new(body)))
        .await
        .unwrap();
    let status = response.status();
    let text = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&text).into_owned())
}

fn refused(reason: impl Into<String>, canonical_request: String) -> Verdict {
    Verdict {
        accepted: false,
        reason: reason.into(),
        canonical_request,
    }
}

/// The service's check of a presigned request received at `now`.
fn verify(
    service: &str,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
    now: SystemTime,
) -> Verdict {
    match check(service, method, uri, headers, body, now) {
        Ok(canonical_request) => Verdict {
            accepted: true,
            reason: "signature ok".into(),
            canonical_request,
        },
        Err((reason, canonical_request)) => refused(reason, canonical_request),
    }
}

fn check(
    service: &str,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
    now: SystemTime,
) -> Result<String, (String, String)> {
    let fail = |reason: String| (reason, String::new());
    let query = uri.query().unwrap_or_default();
    let pairs: Vec<(&str, &str)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
        .collect();
    let mut params: BTreeMap<&str, String> = BTreeMap::new();
    for (name, value) in &pairs {
        if params.insert(name, percent_decode(value)).is_some() {
            return Err(fail(format!("{name} given twice")));
        }
    }
    let param = |name: &str| {
        params
            .get(name)
            .cloned()
            .ok_or_else(|| fail(format!("no {name}")))
    };
    if param("X-Amz-Algorithm")? != "AWS4-HMAC-SHA256" {
        return Err(fail("wrong algorithm".into()));
    }
    let date = param("X-Amz-Date")?;
    let expected_credential = format!(
        "{ACCESS_KEY}/{}/{REGION}/{service}/aws4_request",
        &date[..8]
    );
    if param("X-Amz-Credential")? != expected_credential {
        return Err(fail(format!("credential is not {expected_credential}")));
    }
    if param("X-Amz-Security-Token")? != SESSION_TOKEN {
        return Err(fail("wrong session token".into()));
    }
    let expires: u64 = param("X-Amz-Expires")?
        .parse()
        .map_err(|_| fail("X-Amz-Expires is not a number".into()))?;
    if !(1..=604_800).contains(&expires) {
        return Err(fail("X-Amz-Expires out of range".into()));
    }
    let signed_at = parse_amz_date(&date);
    if now > signed_at + Duration::from_secs(expires) {
        return Err(fail("Request has expired".into()));
    }
    if signed_at > now + Duration::from_secs(300) {
        return Err(fail("Request is signed in the future".into()));
    }
    let signed_names = param("X-Amz-SignedHeaders")?;
    let signature = param("X-Amz-Signature")?;

    // The canonical request, rebuilt from what arrived.
    let unsigned_query: Vec<(&str, &str)> = pairs
        .iter()
        .copied()
        .filter(|(name, _)| *name != "X-Amz-Signature")
        .collect();
    let mut canonical_query: Vec<(String, String)> = unsigned_query
        .iter()
        .map(|(name, value)| {
            (
                encode(&percent_decode(name)),
                encode(&percent_decode(value)),
            )
        })
        .collect();
    canonical_query.sort();
    let canonical_query = canonical_query
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect::<Vec<_>>()
        .join("&");
    let mut canonical_headers = String::new();
    let mut signed_headers = HeaderMap::new();
    for name in signed_names.split(';') {
        let values: Vec<&str> = headers
            .get_all(name)
            .iter()
            .map(|value| value.to_str().unwrap().trim())
            .collect();
        if values.is_empty() {
            return Err(fail(format!("signed header {name} was not sent")));
        }
        canonical_headers.push_str(&format!("{name}:{}\n", values.join(",")));
        for value in headers.get_all(name) {
            signed_headers.append(
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                value.clone(),
            );
        }
    }
    let unsigned_payload = service == "s3";
    let body_hash = if unsigned_payload {
        "UNSIGNED-PAYLOAD".to_owned()
    } else {
        lower_hex(ring::digest::digest(&ring::digest::SHA256, body).as_ref())
    };
    let canonical_path = uri
        .path()
        .bytes()
        .map(|byte| {
            if byte == b'/' || is_unreserved(byte) {
                char::from(byte).to_string()
            } else {
                format!("%{byte:02X}")
            }
        })
        .collect::<String>();
    let rebuilt = format!(
        "{method}\n{canonical_path}\n{canonical_query}\n{canonical_headers}\n{signed_names}\n{body_hash}"
    );

    // The same canonical request through the header signer: `x-amz-date`
    // (and the `x-amz-content-sha256` an unsigned payload adds) kept out of
    // the signed headers and no session token added, so what it signs is
    // the query signature's canonical request.
    let mut settings = SigningSettings::default();
    settings
        .excluded_headers
        .push(HeaderName::from_static("x-amz-date"));
    settings
        .excluded_headers
        .push(HeaderName::from_static("x-amz-content-sha256"));
    settings.session_token = SessionTokenMode::AddAfterSigning;
    let credentials = Credentials::new(ACCESS_KEY, SECRET_KEY, None, "server");
    let params = SigningParams {
        credentials: &credentials,
        region: REGION,
        service,
        time: signed_at,
        settings: &settings,
    };
    let unsigned_uri: Uri = format!(
        "{}?{}",
        uri.path(),
        unsigned_query
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("&")
    )
    .parse()
    .map_err(|_| fail("unparsable URI".into()))?;
    let payload = if unsigned_payload {
        SignedPayload::Unsigned
    } else {
        SignedPayload::Bytes(body)
    };
    let added = Signer::new()
        .sign_headers(method, &unsigned_uri, &signed_headers, payload, &params)
        .map_err(|error| fail(format!("cannot sign: {error}")))?;
    let authorization = added
        .into_iter()
        .find(|(name, _)| name == http::header::AUTHORIZATION)
        .map(|(_, value)| value.to_str().unwrap().to_owned())
        .ok_or_else(|| fail("no Authorization from the signer".into()))?;
    let expected_signed = format!("SignedHeaders={signed_names}, ");
    if !authorization.contains(&expected_signed) {
        return Err((
            format!("the signer signed other headers: {authorization}"),
            rebuilt,
        ));
    }
    let expected = authorization
        .rsplit("Signature=")
        .next()
        .unwrap_or_default();
    if expected != signature {
        return Err(("SignatureDoesNotMatch".into(), rebuilt));
    }
    // The rebuilt text is what was signed: its own signature, through the
    // same key, matches too (checked with the string to sign's parts).
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{date}\n{}/{REGION}/{service}/aws4_request\n{}",
        &date[..8],
        lower_hex(ring::digest::digest(&ring::digest::SHA256, rebuilt.as_bytes()).as_ref())
    );
    if hmac_signature(&date[..8], service, &string_to_sign) != signature {
        return Err((
            "the rebuilt canonical request was not what was signed".into(),
            rebuilt,
        ));
    }
    Ok(rebuilt)
}

/// HMAC-SHA256 of `string_to_sign` under the key derived from the secret,
/// date, region and service (SigV4's key derivation, with ring directly).
fn hmac_signature(date: &str, service: &str, string_to_sign: &str) -> String {
    use ring::hmac;
    let step = |key: &[u8], data: &str| {
        hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, key), data.as_bytes())
            .as_ref()
            .to_vec()
    };
    let key = step(format!("AWS4{SECRET_KEY}").as_bytes(), date);
    let key = step(&key, REGION);
    let key = step(&key, service);
    let key = step(&key, "aws4_request");
    lower_hex(&step(&key, string_to_sign))
}

fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|byte| {
            if is_unreserved(byte) {
                char::from(byte).to_string()
            } else {
                format!("%{byte:02X}")
            }
        })
        .collect()
}

fn lower_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}
