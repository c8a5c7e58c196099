//! Reading a streamed response body whole, within the size limit (an error
//! response, or a connector's answer to an operation that streams only its
//! request).

use awsgen_types::byte_stream::next;
use awsgen_types::ByteStream;
use bytes::{Bytes, BytesMut};

use crate::error::ConnectorError;

/// The whole body, or an error once it passes `limit` bytes.
pub(crate) async fn collect_capped(
    body: ByteStream,
    limit: usize,
) -> Result<Bytes, ConnectorError> {
    if body.length().is_some_and(|length| length > limit as u64) {
        return Err(ConnectorError::response_too_large(limit));
    }
    let body = match body.into_bytes() {
        Ok(bytes) if bytes.len() > limit => return Err(ConnectorError::response_too_large(limit)),
        Ok(bytes) => return Ok(bytes),
        Err(stream) => stream,
    };
    let mut chunks = body.open().map_err(ConnectorError::io)?;
    let mut buffer = BytesMut::new();
    while let Some(chunk) = next(&mut chunks).await {
        let chunk = chunk.map_err(ConnectorError::io)?;
        if buffer.len() + chunk.len() > limit {
            return Err(ConnectorError::response_too_large(limit));
        }
        buffer.extend_from_slice(&chunk);
    }
    Ok(buffer.freeze())
}
