//! XML for the protocols that speak it (awsQuery and ec2Query responses,
//! restXml bodies), behind the `xml` feature: a generated crate of such a
//! service turns it on, so a crate of a JSON service compiles no XML code.
//!
//! Reading parses the whole body once into a small tree ([`Element`]) with
//! quick-xml's tokenizer, then generated code walks it. The parse refuses
//! what a service never sends and an attacker might: a document type
//! declaration (so no entity is ever defined, let alone expanded: no billion
//! laughs, no external entities), a reference to any entity but the five
//! XML predefines, and nesting deeper than [`MAX_DEPTH`]. The response size
//! cap of the client bounds the rest.
//!
//! Writing is [`XmlWriter`], which only escapes: restXml request bodies are
//! small, and their element names and namespaces are decided when the code
//! is generated.

mod read;
mod tree;
mod write;

#[cfg(test)]
mod tests;

pub use read::{
    attribute, missing, read_blob, read_bool, read_float, read_number, read_text, read_timestamp,
    XmlRead,
};
pub use tree::{parse, Element};
pub use write::{Namespace, XmlWrite, XmlWriter};

use std::fmt;

/// How deep elements may nest in a document read: deeper than any AWS
/// response (the deepest AWS models nest structures a dozen levels), as
/// deep as serde_json's own recursion limit for JSON.
pub const MAX_DEPTH: usize = 128;

/// Why an XML body could not be read, naming where when it can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    message: String,
}

impl XmlError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        XmlError {
            message: message.into(),
        }
    }

    /// The same error, said to be in element `name` (outermost last).
    #[must_use]
    pub fn in_element(mut self, name: &str) -> Self {
        self.message = format!("in <{name}>: {}", self.message);
        self
    }
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "XML body: {}", self.message)
    }
}

impl std::error::Error for XmlError {}

impl From<XmlError> for crate::response::DeserializeError {
    fn from(error: XmlError) -> Self {
        crate::response::DeserializeError::Body(error.to_string())
    }
}
