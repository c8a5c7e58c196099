//! Validating a response body against the checksum the service sent with
//! it, when the input asked (`requestValidationModeMember` = `ENABLED`).

use std::pin::Pin;
use std::task::{Context, Poll};

use awsgen_types::byte_stream::BoxStream;
use awsgen_types::{ByteStream, StreamError};
use bytes::Bytes;
use futures_core::Stream;
use http::HeaderMap;

use super::algorithm::{Algorithm, Hasher, VALIDATION_ORDER};
use crate::error::ChecksumMismatch;

/// What a response is checked against: the algorithm and the service's
/// value.
pub(crate) struct Expected {
    algorithm: Algorithm,
    value: String,
}

/// The checksum to validate: the first of the operation's response
/// algorithms, fastest first, that this build computes and the response
/// carries. `None` when there is none, or when the value is a checksum of
/// part checksums (`<base64>-<parts>`, an object uploaded in parts), which
/// no read of the body can reproduce.
pub(crate) fn expected(headers: &HeaderMap, response_algorithms: &[&str]) -> Option<Expected> {
    let algorithm = VALIDATION_ORDER.into_iter().find(|algorithm| {
        response_algorithms
            .iter()
            .any(|name| name.eq_ignore_ascii_case(algorithm.name()))
            && Algorithm::from_name(algorithm.name()).is_ok()
            && headers.contains_key(algorithm.header())
    })?;
    let value = headers.get(algorithm.header())?.to_str().ok()?.trim();
    if value.contains('-') {
        return None;
    }
    Some(Expected {
        algorithm,
        value: value.to_owned(),
    })
}

impl Expected {
    fn check(&self, hasher: Hasher) -> Result<(), ChecksumMismatch> {
        let actual = hasher.finish_base64();
        if actual == self.value {
            return Ok(());
        }
        Err(ChecksumMismatch {
            algorithm: self.algorithm.name(),
            header: self.algorithm.header(),
            expected: self.value.clone(),
            actual,
        })
    }

    /// Checks a body read whole.
    pub(crate) fn validate(&self, body: &[u8]) -> Result<(), ChecksumMismatch> {
        // `expected` only picks algorithms this build computes.
        let Ok(mut hasher) = self.algorithm.hasher() else {
            return Ok(());
        };
        hasher.update(body);
        self.check(hasher)
    }

    /// `body`, checked as it is read: a mismatch is the error of its last
    /// read, in place of the end of the stream.
    pub(crate) fn validating(self, body: ByteStream) -> ByteStream {
        let Ok(hasher) = self.algorithm.hasher() else {
            return body;
        };
        let length = body.length();
        match body.open() {
            Ok(inner) => ByteStream::from_stream(
                Validating {
                    inner,
                    hasher: Some(hasher),
                    expected: self,
                },
                length,
            ),
            // A response body is opened once, here; should it fail, the
            // caller's first read says so.
            Err(err) => ByteStream::from_stream(Failed(Some(err)), length),
        }
    }
}

struct Validating {
    inner: BoxStream,
    /// `None` once checked.
    hasher: Option<Hasher>,
    expected: Expected,
}

impl Stream for Validating {
    type Item = Result<Bytes, StreamError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.hasher.is_none() {
            return Poll::Ready(None);
        }
        match this.inner.as_mut().poll_next(cx) {
            Poll::Ready(Some(Ok(bytes))) => {
                if let Some(hasher) = &mut this.hasher {
                    hasher.update(&bytes);
                }
                Poll::Ready(Some(Ok(bytes)))
            }
            Poll::Ready(Some(Err(err))) => {
                // A broken body is not compared: its error is the answer.
                this.hasher = None;
                Poll::Ready(Some(Err(err)))
            }
            Poll::Ready(None) => match this.hasher.take().map(|h| this.expected.check(h)) {
                Some(Err(mismatch)) => Poll::Ready(Some(Err(StreamError::new(mismatch)))),
                _ => Poll::Ready(None),
            },
            Poll::Pending => Poll::Pending,
        }
    }
}

struct Failed(Option<StreamError>);

impl Stream for Failed {
    type Item = Result<Bytes, StreamError>;

    fn poll_next(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Poll::Ready(self.0.take().map(Err))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, http::HeaderValue::from_static(value));
        }
        map
    }

    const SHA256_HELLO: &str = "ZOyIygCyaOW6GjVnihtTFtIS9PNmskdyMlNKiuyjfzw=";
    const SHA1_HELLO: &str = "e1AsOh9IyGCa4hLN+2Od7jlnP14=";

    #[test]
    fn the_fastest_listed_and_present_algorithm_is_chosen() {
        let both = headers(&[
            ("x-amz-checksum-sha256", SHA256_HELLO),
            ("x-amz-checksum-sha1", SHA1_HELLO),
        ]);
        let chosen = expected(&both, &["SHA256", "SHA1"]).unwrap();
        assert_eq!(chosen.algorithm, Algorithm::Sha1);
        // Not listed by the operation: not validated.
        let chosen = expected(&both, &["SHA256"]).unwrap();
        assert_eq!(chosen.algorithm, Algorithm::Sha256);
        assert!(expected(&both, &["CRC32"]).is_none());
        assert!(expected(&HeaderMap::new(), &["SHA256"]).is_none());
    }

    #[test]
    fn a_checksum_of_parts_is_not_validated() {
        let parts = headers(&[(
            "x-amz-checksum-sha256",
            "ZOyIygCyaOW6GjVnihtTFtIS9PNmskdyMlNKiuyjfzw=-3",
        )]);
        assert!(expected(&parts, &["SHA256"]).is_none());
    }

    #[test]
    fn a_whole_body_matches_or_names_both_values() {
        let sent = headers(&[("x-amz-checksum-sha256", SHA256_HELLO)]);
        let expected = expected(&sent, &["SHA256"]).unwrap();
        assert_eq!(expected.validate(b"Hello world"), Ok(()));
        let mismatch = expected.validate(b"Hello World").unwrap_err();
        assert_eq!(mismatch.algorithm, "SHA256");
        assert_eq!(mismatch.expected, SHA256_HELLO);
        assert_ne!(mismatch.actual, SHA256_HELLO);
        let text = mismatch.to_string();
        assert!(
            text.contains("SHA256") && text.contains(SHA256_HELLO),
            "{text}"
        );
        assert!(text.contains(&mismatch.actual), "{text}");
    }

    #[tokio::test]
    async fn a_stream_fails_at_its_end_on_a_mismatch() {
        let sent = headers(&[("x-amz-checksum-sha1", SHA1_HELLO)]);
        let good = expected(&sent, &["SHA1"])
            .unwrap()
            .validating(ByteStream::from_bytes(&b"Hello world"[..]));
        assert_eq!(good.collect().await.unwrap(), &b"Hello world"[..]);

        let bad = expected(&sent, &["SHA1"])
            .unwrap()
            .validating(ByteStream::from_bytes(&b"Hello, world"[..]));
        let mut chunks = bad.open().unwrap();
        let first = awsgen_types::byte_stream::next(&mut chunks).await.unwrap();
        assert_eq!(first.unwrap(), &b"Hello, world"[..]);
        let last = awsgen_types::byte_stream::next(&mut chunks).await.unwrap();
        let err = last.unwrap_err();
        let mismatch = err.get_ref().downcast_ref::<ChecksumMismatch>().unwrap();
        assert_eq!(mismatch.algorithm, "SHA1");
        assert_eq!(mismatch.expected, SHA1_HELLO);
        assert!(awsgen_types::byte_stream::next(&mut chunks).await.is_none());
    }
}
