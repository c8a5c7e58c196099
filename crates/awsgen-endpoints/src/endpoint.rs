//! The resolved endpoint.

use std::collections::BTreeMap;

/// What a rule set resolved to: where to send the request, and with what.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Endpoint {
    /// The endpoint URL, possibly with a base path (a custom endpoint's path is
    /// kept as given).
    pub url: String,
    /// Headers the transport must add, by name.
    pub headers: BTreeMap<String, Vec<String>>,
    /// The endpoint's properties (for example `authSchemes`), always a JSON
    /// object, empty when the rule gives none.
    pub properties: serde_json::Value,
}
