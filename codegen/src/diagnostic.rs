//! Problems found in a model, each naming the shape (and member) it is about.

use std::fmt;

use crate::shape_id::ShapeId;

/// How bad a problem is: errors stop generation, warnings are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Generation went on; the output may lack something (e.g. an unchecked pattern).
    Warning,
    /// Generation cannot produce correct code.
    Error,
}

/// One problem in a model.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where: a shape or member ID when the problem is about one, else the file or
    /// configuration key.
    pub subject: String,
    /// What is wrong, in a sentence.
    pub message: String,
}

impl Diagnostic {
    /// An error about a shape or member.
    pub fn error(shape: &ShapeId, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            subject: shape.to_string(),
            message: message.into(),
        }
    }

    /// A warning about a shape or member.
    pub fn warning(shape: &ShapeId, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            subject: shape.to_string(),
            message: message.into(),
        }
    }

    /// An error about something that is not a shape (a file, a setting).
    pub fn error_at(subject: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            subject: subject.into(),
            message: message.into(),
        }
    }

    /// Whether this diagnostic stops generation.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{level}: {}: {}", self.subject, self.message)
    }
}

/// Every problem found, sorted and without duplicates; returned when generation fails.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Collects diagnostics, sorting them by severity, subject and message.
    pub fn new(mut items: Vec<Diagnostic>) -> Diagnostics {
        items.sort_by(|a, b| {
            b.severity
                .cmp(&a.severity)
                .then_with(|| a.subject.cmp(&b.subject))
                .then_with(|| a.message.cmp(&b.message))
        });
        items.dedup();
        Diagnostics(items)
    }

    /// All diagnostics, errors first.
    pub fn items(&self) -> &[Diagnostic] {
        &self.0
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Whether any diagnostic's subject or message mentions `needle` (for tests and tools).
    pub fn mentions(&self, needle: &str) -> bool {
        self.0
            .iter()
            .any(|d| d.subject.contains(needle) || d.message.contains(needle))
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.0.iter().filter(|d| d.is_error()).count();
        writeln!(
            f,
            "{errors} error(s), {} warning(s):",
            self.0.len() - errors
        )?;
        for d in &self.0 {
            writeln!(f, "  {d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}
