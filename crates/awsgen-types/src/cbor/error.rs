//! What went wrong reading or writing CBOR, and where.

use std::fmt;

/// A CBOR body that could not be read (or a value that could not be
/// written), with the byte offset of the data item at fault when reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    message: String,
    offset: Option<usize>,
}

impl Error {
    pub(super) fn at(offset: usize, message: impl fmt::Display) -> Self {
        Error {
            message: message.to_string(),
            offset: Some(offset),
        }
    }

    /// Places an error raised without a position (by a visitor) at `offset`.
    pub(super) fn located(mut self, offset: usize) -> Self {
        self.offset.get_or_insert(offset);
        self
    }

    /// The byte offset of the data item at fault, when reading.
    pub fn offset(&self) -> Option<usize> {
        self.offset
    }

    /// What was wrong, without the position.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.offset {
            Some(offset) => write!(f, "CBOR at byte {offset}: {}", self.message),
            None => write!(f, "CBOR: {}", self.message),
        }
    }
}

impl std::error::Error for Error {}

impl serde::de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error {
            message: message.to_string(),
            offset: None,
        }
    }
}

impl serde::ser::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error {
            message: message.to_string(),
            offset: None,
        }
    }
}
