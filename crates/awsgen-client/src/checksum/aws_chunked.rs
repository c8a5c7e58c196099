//! The `aws-chunked` content encoding with a trailing checksum, which lets
//! a streamed body carry its checksum without being read twice: the body
//! goes out in chunks (`<hex length>\r\n<bytes>\r\n`), then a zero-length
//! chunk, the trailer `<header>:<base64>\r\n` and a blank line. The
//! checksum is computed as the chunks pass.
//!
//! The chunks are a fixed 64 KiB (the last one shorter), whatever sizes
//! the caller's stream yields, so the encoded length, which is the
//! request's `Content-Length`, is known from the decoded length alone.

use std::pin::Pin;
use std::task::{Context, Poll};

use awsgen_types::byte_stream::BoxStream;
use awsgen_types::{ByteStream, StreamError};
use bytes::{Bytes, BytesMut};
use futures_core::Stream;

use super::algorithm::{Algorithm, Hasher};

/// The decoded bytes in each chunk but the last.
pub(crate) const CHUNK_SIZE: usize = 64 * 1024;

/// The encoded length of `decoded` bytes with `algorithm`'s trailer.
pub(crate) fn encoded_length(decoded: u64, algorithm: Algorithm) -> u64 {
    let chunk = CHUNK_SIZE as u64;
    let framed = |len: u64| hex_digits(len) + 2 + len + 2;
    let full = decoded / chunk;
    let rest = decoded % chunk;
    let body = full * framed(chunk) + if rest > 0 { framed(rest) } else { 0 };
    // "0\r\n", "<header>:<base64>\r\n", "\r\n".
    let last = 3 + algorithm.header().len() as u64 + 1 + algorithm.base64_len() as u64 + 2 + 2;
    body + last
}

fn hex_digits(value: u64) -> u64 {
    u64::from((64 - value.leading_zeros()).div_ceil(4).max(1))
}

/// `stream` encoded as aws-chunked with `algorithm`'s trailer; `length` is
/// its decoded length, which the encoded stream checks as it goes (a
/// stream that yields another number of bytes ends in an error, not in a
/// body that disagrees with its `Content-Length`).
pub(crate) fn encode(
    stream: &ByteStream,
    length: u64,
    algorithm: Algorithm,
) -> Result<ByteStream, StreamError> {
    let encoded = encoded_length(length, algorithm);
    let start = move |inner: BoxStream| -> Result<AwsChunked, StreamError> {
        let hasher = algorithm.hasher().map_err(StreamError::new)?;
        Ok(AwsChunked::new(inner, algorithm, hasher, length))
    };
    if stream.is_replayable() {
        let source = stream.clone();
        Ok(ByteStream::from_reopenable(Some(encoded), move || {
            Ok(Box::pin(start(source.open()?)?))
        }))
    } else {
        // One-shot: taken now, and sent once.
        Ok(ByteStream::from_stream(
            start(stream.open()?)?,
            Some(encoded),
        ))
    }
}

/// The encoder over the caller's stream.
pub(crate) struct AwsChunked {
    inner: BoxStream,
    algorithm: Algorithm,
    /// `None` once the trailer is written.
    hasher: Option<Hasher>,
    pending: BytesMut,
    inner_done: bool,
    declared: u64,
    seen: u64,
}

impl AwsChunked {
    fn new(inner: BoxStream, algorithm: Algorithm, hasher: Hasher, declared: u64) -> Self {
        AwsChunked {
            inner,
            algorithm,
            hasher: Some(hasher),
            pending: BytesMut::new(),
            inner_done: false,
            declared,
            seen: 0,
        }
    }

    fn chunk(data: &[u8]) -> Bytes {
        let mut out = BytesMut::with_capacity(data.len() + 24);
        out.extend_from_slice(format!("{:x}\r\n", data.len()).as_bytes());
        out.extend_from_slice(data);
        out.extend_from_slice(b"\r\n");
        out.freeze()
    }

    fn last_chunk(&self, checksum: &str) -> Bytes {
        Bytes::from(format!(
            "0\r\n{}:{checksum}\r\n\r\n",
            self.algorithm.header()
        ))
    }
}

impl Stream for AwsChunked {
    type Item = Result<Bytes, StreamError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if this.pending.len() >= CHUNK_SIZE {
                let data = this.pending.split_to(CHUNK_SIZE);
                return Poll::Ready(Some(Ok(Self::chunk(&data))));
            }
            if this.inner_done {
                if !this.pending.is_empty() {
                    let data = this.pending.split();
                    return Poll::Ready(Some(Ok(Self::chunk(&data))));
                }
                let Some(hasher) = this.hasher.take() else {
                    return Poll::Ready(None);
                };
                if this.seen != this.declared {
                    return Poll::Ready(Some(Err(StreamError::new(format!(
                        "the request body stream yielded {} bytes but declared {}",
                        this.seen, this.declared
                    )))));
                }
                let last = this.last_chunk(&hasher.finish_base64());
                return Poll::Ready(Some(Ok(last)));
            }
            match this.inner.as_mut().poll_next(cx) {
                Poll::Ready(Some(Ok(bytes))) => {
                    if let Some(hasher) = &mut this.hasher {
                        hasher.update(&bytes);
                    }
                    this.seen += bytes.len() as u64;
                    this.pending.extend_from_slice(&bytes);
                }
                Poll::Ready(Some(Err(err))) => {
                    this.hasher = None;
                    this.inner_done = true;
                    return Poll::Ready(Some(Err(err)));
                }
                Poll::Ready(None) => this.inner_done = true,
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn encoded(stream: &ByteStream, length: u64) -> Result<Bytes, StreamError> {
        encode(stream, length, Algorithm::Sha256)?.collect().await
    }

    #[tokio::test]
    async fn chunks_are_64_kib_and_the_trailer_carries_the_checksum() {
        let body = vec![b'x'; CHUNK_SIZE + 5];
        let stream = ByteStream::from_reopenable(Some(body.len() as u64), {
            let body = Bytes::from(body.clone());
            move || {
                // Yielded in pieces of 1000 bytes, re-chunked on the way.
                let pieces: Vec<Result<Bytes, StreamError>> = body
                    .chunks(1000)
                    .map(|piece| Ok(Bytes::copy_from_slice(piece)))
                    .collect();
                Ok(Box::pin(Pieces(pieces.into_iter())))
            }
        });
        let wire = encoded(&stream, body.len() as u64).await.unwrap();
        let mut expected = b"10000\r\n".to_vec();
        expected.extend(&body[..CHUNK_SIZE]);
        expected.extend(b"\r\n5\r\nxxxxx\r\n0\r\n");
        let sha = super::super::algorithm::checksum_of(Algorithm::Sha256, &body).unwrap();
        expected.extend(format!("x-amz-checksum-sha256:{sha}\r\n\r\n").as_bytes());
        assert_eq!(wire, expected);
        assert_eq!(
            wire.len() as u64,
            encoded_length(body.len() as u64, Algorithm::Sha256)
        );
    }

    #[tokio::test]
    async fn lengths_match_the_encoding_at_the_edges() {
        for length in [0, 1, 15, 16, CHUNK_SIZE - 1, CHUNK_SIZE, 2 * CHUNK_SIZE + 1] {
            let body = ByteStream::from_stream(
                Pieces(vec![Ok(Bytes::from(vec![7u8; length]))].into_iter()),
                None,
            );
            let wire = encoded(&body, length as u64).await.unwrap();
            assert_eq!(
                wire.len() as u64,
                encoded_length(length as u64, Algorithm::Sha256),
                "{length}"
            );
        }
        // Empty: only the last chunk and its trailer.
        let empty = encoded(&ByteStream::from_bytes(Bytes::new()), 0)
            .await
            .unwrap();
        assert_eq!(
            empty,
            "0\r\nx-amz-checksum-sha256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\r\n\r\n"
        );
    }

    #[tokio::test]
    async fn a_stream_shorter_than_declared_is_an_error() {
        let stream = ByteStream::from_bytes(Bytes::from_static(b"abc"));
        let err = encoded(&stream, 4).await.unwrap_err();
        assert_eq!(
            err.to_string(),
            "the request body stream yielded 3 bytes but declared 4"
        );
    }

    struct Pieces(std::vec::IntoIter<Result<Bytes, StreamError>>);

    impl Stream for Pieces {
        type Item = Result<Bytes, StreamError>;
        fn poll_next(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
            Poll::Ready(self.0.next())
        }
    }
}
