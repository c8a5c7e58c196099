//! Why a timestamp could not be read or converted.

use std::fmt;

use super::{DateTime, TimestampFormat};
use crate::text::shorten;

/// A timestamp text (or number) that is malformed or outside years 0001-9999.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateTimeParseError {
    input: String,
    format: TimestampFormat,
    reason: String,
}

impl DateTimeParseError {
    pub(crate) fn new(input: &str, format: TimestampFormat, reason: impl Into<String>) -> Self {
        DateTimeParseError {
            input: shorten(input).into_owned(),
            format,
            reason: reason.into(),
        }
    }

    /// The offending input (cut short when long).
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The format the input was read as.
    pub fn format(&self) -> TimestampFormat {
        self.format
    }

    /// What is wrong with the input.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for DateTimeParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid {} timestamp `{}`: {}",
            self.format, self.input, self.reason
        )
    }
}

impl std::error::Error for DateTimeParseError {}

/// A [`DateTime`] outside the range `std::time::SystemTime` covers on this platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SystemTimeConversionError {
    time: DateTime,
}

impl SystemTimeConversionError {
    pub(super) fn new(time: DateTime) -> Self {
        SystemTimeConversionError { time }
    }

    /// The instant that could not be converted.
    pub fn time(&self) -> DateTime {
        self.time
    }
}

impl fmt::Display for SystemTimeConversionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "timestamp {} is outside the range std::time::SystemTime can represent",
            self.time.fmt(TimestampFormat::EpochSeconds)
        )
    }
}

impl std::error::Error for SystemTimeConversionError {}
