//! [`ByteStream`]: the value of a `@streaming` blob member. A request
//! payload can be bytes, a source that can be opened again for each attempt
//! (a file), or any one-shot stream; a response payload is handed to the
//! caller as the connection delivers it, never buffered whole.

use std::error::Error as StdError;
use std::fmt;
use std::future::poll_fn;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

use bytes::{Bytes, BytesMut};
use futures_core::Stream;

/// A stream of byte chunks, as a [`ByteStream`] yields them.
pub type BoxStream = Pin<Box<dyn Stream<Item = Result<Bytes, StreamError>> + Send>>;

/// Opens a fresh stream over a source that can be read again.
type Open = dyn Fn() -> Result<BoxStream, StreamError> + Send + Sync;

/// A streaming payload.
///
/// Cheap to clone: clones share the source. A one-shot stream
/// ([`from_stream`](Self::from_stream)) can be read once in all, so a request
/// carrying one is never retried after it has been sent.
#[derive(Clone)]
pub struct ByteStream {
    source: Source,
    length: Option<u64>,
}

#[derive(Clone)]
enum Source {
    Bytes(Bytes),
    Reopen(Arc<Open>),
    Once(Arc<Mutex<Option<BoxStream>>>),
}

impl ByteStream {
    /// A payload of these bytes (read as often as needed).
    pub fn from_bytes(bytes: impl Into<Bytes>) -> Self {
        let bytes = bytes.into();
        ByteStream {
            length: Some(bytes.len() as u64),
            source: Source::Bytes(bytes),
        }
    }

    /// A payload that `open` yields afresh for each attempt (a file,
    /// reopened); `length` is its size in bytes when known.
    pub fn from_reopenable(
        length: Option<u64>,
        open: impl Fn() -> Result<BoxStream, StreamError> + Send + Sync + 'static,
    ) -> Self {
        ByteStream {
            source: Source::Reopen(Arc::new(open)),
            length,
        }
    }

    /// A payload read once from `stream`; `length` is its size in bytes
    /// when known (a request without one is sent with chunked encoding).
    pub fn from_stream<S, E>(stream: S, length: Option<u64>) -> Self
    where
        S: Stream<Item = Result<Bytes, E>> + Send + 'static,
        E: Into<Box<dyn StdError + Send + Sync>>,
    {
        let stream: BoxStream = Box::pin(MapErr(Box::pin(stream)));
        ByteStream {
            source: Source::Once(Arc::new(Mutex::new(Some(stream)))),
            length,
        }
    }

    /// The size in bytes, when known.
    pub fn length(&self) -> Option<u64> {
        self.length
    }

    /// The bytes when the payload is held in memory, else the stream back.
    pub fn into_bytes(self) -> Result<Bytes, ByteStream> {
        match self.source {
            Source::Bytes(bytes) => Ok(bytes),
            source => Err(ByteStream {
                source,
                length: self.length,
            }),
        }
    }

    /// The bytes, when the payload is held in memory.
    pub fn as_bytes(&self) -> Option<&Bytes> {
        match &self.source {
            Source::Bytes(bytes) => Some(bytes),
            Source::Reopen(_) | Source::Once(_) => None,
        }
    }

    /// Whether the payload can be read more than once (bytes, or a source
    /// opened afresh), so a request carrying it can be signed over its hash
    /// and retried.
    pub fn is_replayable(&self) -> bool {
        !matches!(self.source, Source::Once(_))
    }

    /// A stream over the payload: the bytes in one chunk, a fresh stream
    /// from the source, or the one-shot stream (an error the second time).
    pub fn open(&self) -> Result<BoxStream, StreamError> {
        match &self.source {
            Source::Bytes(bytes) => {
                let chunk = (!bytes.is_empty()).then(|| Ok(bytes.clone()));
                Ok(Box::pin(Chunks(chunk)))
            }
            Source::Reopen(open) => open(),
            Source::Once(cell) => cell
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take()
                .ok_or_else(|| {
                    StreamError::new("the stream was already read (a one-shot stream is read once)")
                }),
        }
    }

    /// Reads the whole payload into memory.
    pub async fn collect(&self) -> Result<Bytes, StreamError> {
        if let Source::Bytes(bytes) = &self.source {
            return Ok(bytes.clone());
        }
        let mut stream = self.open()?;
        let capacity = self.length.map_or(0, |length| {
            usize::try_from(length).unwrap_or(0).min(1 << 20)
        });
        let mut buffer = BytesMut::with_capacity(capacity);
        while let Some(chunk) = next(&mut stream).await {
            buffer.extend_from_slice(&chunk?);
        }
        Ok(buffer.freeze())
    }
}

/// The next chunk of a [`BoxStream`].
pub async fn next(stream: &mut BoxStream) -> Option<Result<Bytes, StreamError>> {
    poll_fn(|cx| stream.as_mut().poll_next(cx)).await
}

impl Default for ByteStream {
    /// An empty payload.
    fn default() -> Self {
        ByteStream::from_bytes(Bytes::new())
    }
}

impl From<Bytes> for ByteStream {
    fn from(bytes: Bytes) -> Self {
        ByteStream::from_bytes(bytes)
    }
}

impl From<Vec<u8>> for ByteStream {
    fn from(bytes: Vec<u8>) -> Self {
        ByteStream::from_bytes(bytes)
    }
}

impl From<&'static [u8]> for ByteStream {
    fn from(bytes: &'static [u8]) -> Self {
        ByteStream::from_bytes(Bytes::from_static(bytes))
    }
}

impl From<String> for ByteStream {
    fn from(text: String) -> Self {
        ByteStream::from_bytes(text)
    }
}

impl From<&'static str> for ByteStream {
    fn from(text: &'static str) -> Self {
        ByteStream::from_bytes(Bytes::from_static(text.as_bytes()))
    }
}

impl PartialEq for ByteStream {
    /// Payloads in memory are equal when their bytes are; others only when
    /// they share one source (a stream's contents are not read to compare).
    fn eq(&self, other: &Self) -> bool {
        match (&self.source, &other.source) {
            (Source::Bytes(a), Source::Bytes(b)) => a == b,
            (Source::Reopen(a), Source::Reopen(b)) => Arc::ptr_eq(a, b),
            (Source::Once(a), Source::Once(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl fmt::Debug for ByteStream {
    /// The kind and length, never the contents (a payload may be secret).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.source {
            Source::Bytes(_) => "bytes",
            Source::Reopen(_) => "reopenable stream",
            Source::Once(_) => "one-shot stream",
        };
        f.debug_struct("ByteStream")
            .field("kind", &kind)
            .field("length", &self.length)
            .finish()
    }
}

impl serde::Serialize for ByteStream {
    /// As a blob (base64) when held in memory; a stream has no JSON form.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.source {
            Source::Bytes(bytes) => crate::Blob::new(bytes.to_vec()).serialize(serializer),
            Source::Reopen(_) | Source::Once(_) => Err(serde::ser::Error::custom(
                "a streaming payload has no JSON form (read it into memory first)",
            )),
        }
    }
}

impl<'de> serde::Deserialize<'de> for ByteStream {
    /// From a blob's base64 text.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::Blob::deserialize(deserializer).map(|blob| ByteStream::from_bytes(blob.into_inner()))
    }
}

impl crate::serde_as::ZeroValue for ByteStream {
    fn zero_value() -> Self {
        ByteStream::default()
    }
}

/// Why a payload could not be read.
#[derive(Debug)]
pub struct StreamError(Box<dyn StdError + Send + Sync>);

impl StreamError {
    /// Wraps the cause; a cause that is itself a `StreamError` is kept as
    /// it is rather than nested, so `get_ref` reaches the real cause (a
    /// stream built with [`ByteStream::from_stream`] over a stream of
    /// `StreamError`s, say).
    pub fn new(cause: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        match cause.into().downcast::<StreamError>() {
            Ok(already) => *already,
            Err(cause) => StreamError(cause),
        }
    }

    /// The cause.
    pub fn get_ref(&self) -> &(dyn StdError + Send + Sync + 'static) {
        &*self.0
    }
}

impl fmt::Display for StreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl StdError for StreamError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.0.source()
    }
}

/// At most one chunk.
struct Chunks(Option<Result<Bytes, StreamError>>);

impl Stream for Chunks {
    type Item = Result<Bytes, StreamError>;

    fn poll_next(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Poll::Ready(self.0.take())
    }
}

/// A stream whose errors become [`StreamError`]s (boxed, so it can be
/// polled without unsafe pin projection).
struct MapErr<S>(Pin<Box<S>>);

impl<S, E> Stream for MapErr<S>
where
    S: Stream<Item = Result<Bytes, E>>,
    E: Into<Box<dyn StdError + Send + Sync>>,
{
    type Item = Result<Bytes, StreamError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut()
            .0
            .as_mut()
            .poll_next(cx)
            .map(|item| item.map(|result| result.map_err(StreamError::new)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        // These futures never wait on anything: one poll with a no-op waker ends them.
        let mut future = std::pin::pin!(future);
        let mut cx = Context::from_waker(std::task::Waker::noop());
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(value) => value,
            Poll::Pending => panic!("the future waited"),
        }
    }

    struct Parts(Vec<&'static [u8]>);

    impl Stream for Parts {
        type Item = Result<Bytes, std::io::Error>;
        fn poll_next(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
            let next = (!self.0.is_empty()).then(|| Ok(Bytes::from_static(self.0.remove(0))));
            Poll::Ready(next)
        }
    }

    #[test]
    fn bytes_read_as_often_as_needed() {
        let stream = ByteStream::from("payload");
        assert_eq!(stream.length(), Some(7));
        assert!(stream.is_replayable());
        assert_eq!(block_on(stream.collect()).unwrap(), "payload");
        assert_eq!(block_on(stream.collect()).unwrap(), "payload");
        assert!(block_on(next(&mut ByteStream::default().open().unwrap())).is_none());
    }

    #[test]
    fn a_one_shot_stream_reads_once_and_then_says_so() {
        let stream = ByteStream::from_stream(Parts(vec![b"ab", b"cd"]), None);
        assert!(!stream.is_replayable());
        let copy = stream.clone();
        assert_eq!(block_on(stream.collect()).unwrap(), "abcd");
        let again = block_on(copy.collect()).unwrap_err();
        assert!(again.to_string().contains("already read"), "{again}");
    }

    #[test]
    fn a_reopenable_source_opens_afresh() {
        let stream = ByteStream::from_reopenable(Some(4), || {
            Ok(Box::pin(MapErr(Box::pin(Parts(vec![b"ab", b"cd"])))))
        });
        assert_eq!(block_on(stream.collect()).unwrap(), "abcd");
        assert_eq!(block_on(stream.collect()).unwrap(), "abcd");
    }

    #[test]
    fn debug_shows_no_contents_and_json_is_base64_or_refused() {
        let stream = ByteStream::from("secret");
        assert!(!format!("{stream:?}").contains("secret"));
        assert_eq!(serde_json::to_string(&stream).unwrap(), r#""c2VjcmV0""#);
        let back: ByteStream = serde_json::from_str(r#""c2VjcmV0""#).unwrap();
        assert_eq!(back, stream);
        let once = ByteStream::from_stream(Parts(vec![]), None);
        assert!(serde_json::to_string(&once).is_err());
    }

    #[test]
    fn a_stream_error_is_not_wrapped_twice() {
        let inner = StreamError::new(std::io::Error::other("disk gone"));
        let outer = StreamError::new(inner);
        assert!(outer.get_ref().downcast_ref::<std::io::Error>().is_some());
    }
}
