//! A minimal HTTP/1.1 client over `TcpStream` for the few non-ECR requests
//! the end-to-end test makes (moto's IAM query API and its control API): one
//! request per connection, `Connection: close`, body read to the end.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// A response: status and body (headers are not needed by the tests).
pub struct Response {
    pub status: u16,
    pub body: String,
}

/// Sends one request. `headers` must include `Host` when the server needs it;
/// `Content-Length` and `Connection` are added here.
pub fn send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &http::HeaderMap,
    body: &[u8],
) -> io::Result<Response> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    stream.set_write_timeout(Some(Duration::from_secs(30)))?;

    let mut head = format!("{method} {path} HTTP/1.1\r\n");
    for (name, value) in headers {
        let value = value
            .to_str()
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "content-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    ));
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;

    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    parse(&raw)
}

fn parse(raw: &[u8]) -> io::Result<Response> {
    let bad = |what: &str| io::Error::new(io::ErrorKind::InvalidData, what.to_owned());
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| bad("the response has no end of headers"))?;
    let head = std::str::from_utf8(&raw[..split]).map_err(|_| bad("the head is not UTF-8"))?;
    if head.lines().any(|line| {
        line.to_ascii_lowercase()
            .starts_with("transfer-encoding: chunked")
    }) {
        return Err(bad(
            "chunked responses are not supported by this test client",
        ));
    }
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| bad("the status line has no status code"))?;
    let body = String::from_utf8_lossy(&raw[split + 4..]).into_owned();
    Ok(Response { status, body })
}
