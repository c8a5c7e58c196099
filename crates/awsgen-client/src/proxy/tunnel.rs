//! The CONNECT handshake (RFC 9110 §9.3.6): ask the proxy for a tunnel
//! to `host:port`, read its answer's head, and hand back the connection
//! for TLS to run through.

use std::io;

use http::HeaderValue;
use tokio::net::TcpStream;

/// The longest answer head read; a proxy's is a few hundred bytes.
const MAX_HEAD: usize = 16 * 1024;

/// Why a tunnel was not opened.
#[derive(Debug)]
pub(crate) enum TunnelError {
    /// Reading or writing the connection to the proxy failed.
    Io(io::Error),
    /// The proxy closed the connection before answering in full.
    Closed,
    /// The answer is not an HTTP/1.x response head.
    Malformed,
    /// The answer head is longer than [`MAX_HEAD`].
    TooLong,
    /// The proxy sent bytes after its answer, before the client spoke:
    /// TLS would read them as the server's.
    EarlyData,
    /// 407: the proxy wants credentials (`sent` says whether some went).
    AuthenticationRequired { sent: bool },
    /// Any other answer but 2xx.
    Refused { status: u16, reason: String },
}

impl std::fmt::Display for TunnelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TunnelError::Io(err) => write!(f, "the CONNECT exchange failed: {err}"),
            TunnelError::Closed => {
                f.write_str("the proxy closed the connection before answering CONNECT")
            }
            TunnelError::Malformed => f.write_str("the proxy's answer to CONNECT is not HTTP/1.x"),
            TunnelError::TooLong => write!(
                f,
                "the proxy's answer to CONNECT is longer than {MAX_HEAD} bytes"
            ),
            TunnelError::EarlyData => {
                f.write_str("the proxy sent data after its answer to CONNECT, before TLS began")
            }
            TunnelError::AuthenticationRequired { sent: true } => f.write_str(
                "the proxy refused the credentials in the proxy URL (HTTP 407 Proxy Authentication Required)",
            ),
            TunnelError::AuthenticationRequired { sent: false } => f.write_str(
                "the proxy requires authentication (HTTP 407); give it as http://user:password@host:port",
            ),
            TunnelError::Refused { status, reason } => {
                write!(f, "the proxy refused the tunnel: HTTP {status}")?;
                if !reason.is_empty() {
                    write!(f, " {reason}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for TunnelError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            TunnelError::Io(err) => Some(err),
            _ => None,
        }
    }
}

impl TunnelError {
    /// Whether another attempt could go differently: a refusal in 4xx
    /// (credentials, a policy) is the proxy's answer every time.
    pub(crate) fn is_permanent(&self) -> bool {
        match self {
            TunnelError::AuthenticationRequired { .. } => true,
            TunnelError::Refused { status, .. } => (400..500).contains(status),
            _ => false,
        }
    }
}

/// Asks the proxy at the other end of `stream` for a tunnel to
/// `authority` (`host:port`, IPv6 in brackets).
pub(crate) async fn open(
    stream: &mut TcpStream,
    authority: &str,
    authorization: Option<&HeaderValue>,
) -> Result<(), TunnelError> {
    let mut request = format!("CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n").into_bytes();
    if let Some(value) = authorization {
        request.extend_from_slice(b"Proxy-Authorization: ");
        request.extend_from_slice(value.as_bytes());
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"\r\n");
    write_all(stream, &request).await.map_err(TunnelError::Io)?;
    let head = read_head(stream).await?;
    match status(&head)? {
        (200..=299, _) => Ok(()),
        (407, _) => Err(TunnelError::AuthenticationRequired {
            sent: authorization.is_some(),
        }),
        (status, reason) => Err(TunnelError::Refused {
            status,
            reason: reason.chars().take(100).collect(),
        }),
    }
}

async fn write_all(stream: &mut TcpStream, mut bytes: &[u8]) -> io::Result<()> {
    while !bytes.is_empty() {
        stream.writable().await?;
        match stream.try_write(bytes) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => bytes = &bytes[n..],
            Err(err) if err.kind() == io::ErrorKind::WouldBlock => {}
            Err(err) => return Err(err),
        }
    }
    Ok(())
}

/// The answer's head, up to and without its blank line. Reads no further
/// than the head: the proxy sends nothing more until the client speaks.
async fn read_head(stream: &mut TcpStream) -> Result<Vec<u8>, TunnelError> {
    let mut head = Vec::with_capacity(256);
    let mut chunk = [0u8; 1024];
    loop {
        stream.readable().await.map_err(TunnelError::Io)?;
        let read = match stream.try_read(&mut chunk) {
            Ok(0) => return Err(TunnelError::Closed),
            Ok(n) => n,
            Err(err) if err.kind() == io::ErrorKind::WouldBlock => continue,
            Err(err) => return Err(TunnelError::Io(err)),
        };
        // Look for the end from just before the new bytes.
        let from = head.len().saturating_sub(3);
        head.extend_from_slice(&chunk[..read]);
        if let Some(at) = head[from..].windows(4).position(|w| w == b"\r\n\r\n") {
            let end = from + at;
            if end + 4 < head.len() {
                return Err(TunnelError::EarlyData);
            }
            head.truncate(end);
            return Ok(head);
        }
        if head.len() > MAX_HEAD {
            return Err(TunnelError::TooLong);
        }
    }
}

/// The status code and reason of an `HTTP/1.x NNN reason` head.
fn status(head: &[u8]) -> Result<(u16, String), TunnelError> {
    let line = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let line = std::str::from_utf8(line)
        .map_err(|_| TunnelError::Malformed)?
        .trim_end_matches('\r');
    let mut parts = line.splitn(3, ' ');
    let version = parts.next().unwrap_or_default();
    let code = parts.next().unwrap_or_default();
    if !version.starts_with("HTTP/1.") || code.len() != 3 {
        return Err(TunnelError::Malformed);
    }
    let code = code.parse().map_err(|_| TunnelError::Malformed)?;
    let reason = parts
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    Ok((code, reason))
}

#[cfg(test)]
mod tests {
    use tokio::net::TcpListener;

    use super::*;

    /// A proxy that reads the CONNECT head and answers `answer`; returns
    /// what it read.
    async fn handshake(
        answer: &'static [u8],
        authorization: Option<&HeaderValue>,
    ) -> (Result<(), TunnelError>, String) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let proxy = tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.unwrap();
            let head = read_head(&mut stream).await.unwrap();
            let _ = write_all(&mut stream, answer).await;
            String::from_utf8(head).unwrap()
        });
        let mut stream = TcpStream::connect(address).await.unwrap();
        let result = open(&mut stream, "example.com:443", authorization).await;
        drop(stream);
        (result, proxy.await.unwrap())
    }

    #[tokio::test]
    async fn a_2xx_opens_the_tunnel() {
        let (result, sent) = handshake(b"HTTP/1.1 200 Connection established\r\n\r\n", None).await;
        result.unwrap();
        assert_eq!(
            sent,
            "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443"
        );
        let (result, _) = handshake(b"HTTP/1.0 200 OK\r\nVia: x\r\n\r\n", None).await;
        result.unwrap();
    }

    #[tokio::test]
    async fn credentials_go_in_proxy_authorization() {
        let value = HeaderValue::from_static("Basic dTpw");
        let (result, sent) = handshake(b"HTTP/1.1 200 OK\r\n\r\n", Some(&value)).await;
        result.unwrap();
        assert!(
            sent.ends_with("\r\nProxy-Authorization: Basic dTpw"),
            "{sent}"
        );
    }

    #[tokio::test]
    async fn refusals_name_the_status() {
        let (result, _) = handshake(b"HTTP/1.1 403 Forbidden\r\n\r\n", None).await;
        let err = result.unwrap_err();
        assert_eq!(
            err.to_string(),
            "the proxy refused the tunnel: HTTP 403 Forbidden"
        );
        assert!(err.is_permanent());
        let (result, _) = handshake(b"HTTP/1.1 502 Bad Gateway\r\n\r\n", None).await;
        let err = result.unwrap_err();
        assert_eq!(
            err.to_string(),
            "the proxy refused the tunnel: HTTP 502 Bad Gateway"
        );
        assert!(!err.is_permanent());
        let value = HeaderValue::from_static("Basic dTpw");
        let answer = b"HTTP/1.1 407 Proxy Authentication Required\r\n\r\n";
        let (result, _) = handshake(answer, Some(&value)).await;
        assert!(matches!(
            result,
            Err(TunnelError::AuthenticationRequired { sent: true })
        ));
        let (result, _) = handshake(answer, None).await;
        assert!(result
            .unwrap_err()
            .to_string()
            .contains("requires authentication"));
    }

    #[tokio::test]
    async fn broken_answers() {
        let (result, _) = handshake(b"SSH-2.0-OpenSSH\r\n\r\n", None).await;
        assert!(matches!(result, Err(TunnelError::Malformed)));
        let (result, _) = handshake(b"HTTP/1.1 200 OK\r\n\r\nhello", None).await;
        assert!(matches!(result, Err(TunnelError::EarlyData)));
        let (result, _) = handshake(b"HTTP/1.1 200 OK\r\n", None).await;
        assert!(matches!(result, Err(TunnelError::Closed)), "{result:?}");
        let long: &'static [u8] = Box::leak(
            [b"HTTP/1.1 200 OK\r\nX: ".as_slice(), &[b'a'; 20_000]]
                .concat()
                .into_boxed_slice(),
        );
        let (result, _) = handshake(long, None).await;
        assert!(matches!(result, Err(TunnelError::TooLong)), "{result:?}");
    }
}
