//! A file as a streaming payload: opened afresh for each attempt, read in
//! chunks as it is sent, never held whole in memory.

use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::task::{Context, Poll};

use awsgen_types::byte_stream::BoxStream;
use awsgen_types::{ByteStream, StreamError};
use bytes::{Bytes, BytesMut};
use futures_core::Stream;
use tokio::io::{AsyncRead, ReadBuf};

/// How much is read at a time.
const CHUNK: usize = 64 * 1024;

/// The file at `path` as a payload of its current length. It is opened
/// again for each attempt (so a retried request sends it again) and read
/// as it is sent. A file that cannot be read now is an error naming it.
pub fn file_stream(path: impl AsRef<Path>) -> io::Result<ByteStream> {
    let path = path.as_ref().to_owned();
    let length = std::fs::metadata(&path)
        .map_err(|err| named(&path, err))?
        .len();
    Ok(ByteStream::from_reopenable(Some(length), move || {
        let file = std::fs::File::open(&path).map_err(|err| StreamError::new(named(&path, err)))?;
        let chunks: BoxStream = Box::pin(FileChunks {
            file: tokio::fs::File::from_std(file),
            buffer: BytesMut::new(),
        });
        Ok(chunks)
    }))
}

fn named(path: &Path, err: io::Error) -> io::Error {
    io::Error::new(
        err.kind(),
        format!("{}: {err}", PathBuf::from(path).display()),
    )
}

struct FileChunks {
    file: tokio::fs::File,
    buffer: BytesMut,
}

impl Stream for FileChunks {
    type Item = Result<Bytes, StreamError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        this.buffer.resize(CHUNK, 0);
        let mut read = ReadBuf::new(&mut this.buffer);
        match Pin::new(&mut this.file).poll_read(cx, &mut read) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Err(err)) => Poll::Ready(Some(Err(StreamError::new(err)))),
            Poll::Ready(Ok(())) => {
                let filled = read.filled().len();
                if filled == 0 {
                    return Poll::Ready(None);
                }
                this.buffer.truncate(filled);
                Poll::Ready(Some(Ok(this.buffer.split().freeze())))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_file_is_read_whole_each_time_it_is_opened() {
        let path = std::env::temp_dir().join(format!("awsgen-file-stream-{}", std::process::id()));
        let contents: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &contents).unwrap();
        let stream = file_stream(&path).unwrap();
        assert_eq!(stream.length(), Some(200_000));
        assert!(stream.is_replayable());
        assert_eq!(stream.collect().await.unwrap(), contents);
        assert_eq!(stream.collect().await.unwrap(), contents);
        std::fs::remove_file(&path).unwrap();
        let gone = stream.collect().await.unwrap_err().to_string();
        assert!(gone.contains("awsgen-file-stream"), "{gone}");
        let missing = file_stream(&path).unwrap_err().to_string();
        assert!(missing.contains("awsgen-file-stream"), "{missing}");
    }
}
