//! A case's `expect` and how a resolution is judged against it: the URL
//! exactly; headers and properties when the case states them; an error by
//! the rule set's own message.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::endpoint::Endpoint;
use crate::error::ResolveError;

/// What a case's parameters must resolve to.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub enum Expectation {
    /// An endpoint.
    #[serde(rename = "endpoint")]
    Endpoint(ExpectedEndpoint),
    /// An error rule with this message.
    #[serde(rename = "error")]
    Error(String),
}

/// The expected endpoint. Headers and properties a case leaves out are not
/// checked.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedEndpoint {
    /// The URL.
    #[serde(rename = "url")]
    pub url: String,
    /// The headers, by name.
    #[serde(rename = "headers", default)]
    pub headers: Option<BTreeMap<String, Vec<String>>>,
    /// The properties (for example `authSchemes`).
    #[serde(rename = "properties", default)]
    pub properties: Option<serde_json::Value>,
}

/// How a resolution differs from the expectation.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Mismatch {
    /// An error was expected and an endpoint resolved.
    #[error("expected error {expected:?}, got {url}")]
    EndpointInsteadOfError {
        /// The expected message.
        expected: String,
        /// The URL resolved.
        url: String,
    },
    /// Another error than the one expected.
    #[error("expected error {expected:?}, got error {got:?}")]
    OtherError {
        /// The expected message.
        expected: String,
        /// The error resolution gave.
        got: ResolveError,
    },
    /// An endpoint was expected and resolution failed.
    #[error("expected an endpoint, got error: {0}")]
    ErrorInsteadOfEndpoint(ResolveError),
    /// The URL differs.
    #[error("url: expected {expected}, got {got}")]
    Url {
        /// The expected URL.
        expected: String,
        /// The URL resolved.
        got: String,
    },
    /// The headers differ.
    #[error("headers: expected {expected:?}, got {got:?}")]
    Headers {
        /// The expected headers.
        expected: BTreeMap<String, Vec<String>>,
        /// The headers resolved.
        got: BTreeMap<String, Vec<String>>,
    },
    /// The properties differ.
    #[error("properties: expected {expected}, got {got}")]
    Properties {
        /// The expected properties.
        expected: serde_json::Value,
        /// The properties resolved.
        got: serde_json::Value,
    },
}

impl Expectation {
    /// Whether `result` is what the case expects; the first difference if not.
    pub fn check(&self, result: &Result<Endpoint, ResolveError>) -> Result<(), Mismatch> {
        match (self, result) {
            (Expectation::Error(expected), Err(ResolveError::Rule(message)))
                if message == expected =>
            {
                Ok(())
            }
            (Expectation::Error(expected), Err(got)) => Err(Mismatch::OtherError {
                expected: expected.clone(),
                got: got.clone(),
            }),
            (Expectation::Error(expected), Ok(endpoint)) => Err(Mismatch::EndpointInsteadOfError {
                expected: expected.clone(),
                url: endpoint.url.clone(),
            }),
            (Expectation::Endpoint(_), Err(got)) => {
                Err(Mismatch::ErrorInsteadOfEndpoint(got.clone()))
            }
            (Expectation::Endpoint(expected), Ok(endpoint)) => expected.check(endpoint),
        }
    }
}

impl ExpectedEndpoint {
    fn check(&self, endpoint: &Endpoint) -> Result<(), Mismatch> {
        if endpoint.url != self.url {
            return Err(Mismatch::Url {
                expected: self.url.clone(),
                got: endpoint.url.clone(),
            });
        }
        if let Some(expected) = &self.headers {
            if *expected != endpoint.headers {
                return Err(Mismatch::Headers {
                    expected: expected.clone(),
                    got: endpoint.headers.clone(),
                });
            }
        }
        if let Some(expected) = &self.properties {
            if *expected != endpoint.properties {
                return Err(Mismatch::Properties {
                    expected: expected.clone(),
                    got: endpoint.properties.clone(),
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn endpoint(url: &str) -> Endpoint {
        Endpoint {
            url: url.to_owned(),
            headers: BTreeMap::from([("x-a".to_owned(), vec!["1".to_owned()])]),
            properties: json!({"authSchemes": [{"name": "sigv4"}]}),
        }
    }

    fn expect(value: serde_json::Value) -> Expectation {
        Expectation::deserialize(value).unwrap()
    }

    #[test]
    fn an_endpoint_matches_on_url_and_on_what_the_case_states() {
        let url_only = expect(json!({"endpoint": {"url": "https://a"}}));
        assert_eq!(url_only.check(&Ok(endpoint("https://a"))), Ok(()));
        assert!(matches!(
            url_only.check(&Ok(endpoint("https://b"))),
            Err(Mismatch::Url { .. })
        ));
        let full = expect(json!({"endpoint": {
            "url": "https://a",
            "headers": {"x-a": ["1"]},
            "properties": {"authSchemes": [{"name": "sigv4"}]}
        }}));
        assert_eq!(full.check(&Ok(endpoint("https://a"))), Ok(()));
        let other_headers = expect(json!({"endpoint": {"url": "https://a", "headers": {}}}));
        assert!(matches!(
            other_headers.check(&Ok(endpoint("https://a"))),
            Err(Mismatch::Headers { .. })
        ));
        let other_properties = expect(json!({"endpoint": {"url": "https://a", "properties": {}}}));
        assert!(matches!(
            other_properties.check(&Ok(endpoint("https://a"))),
            Err(Mismatch::Properties { .. })
        ));
    }

    #[test]
    fn an_error_matches_on_the_rule_sets_message() {
        let error = expect(json!({"error": "Invalid Configuration: Missing Region"}));
        let rule = |m: &str| Err(ResolveError::Rule(m.to_owned()));
        assert_eq!(
            error.check(&rule("Invalid Configuration: Missing Region")),
            Ok(())
        );
        assert!(matches!(
            error.check(&rule("something else")),
            Err(Mismatch::OtherError { .. })
        ));
        assert!(matches!(
            error.check(&Ok(endpoint("https://a"))),
            Err(Mismatch::EndpointInsteadOfError { .. })
        ));
        let wanted = expect(json!({"endpoint": {"url": "https://a"}}));
        let failed = wanted.check(&rule("no")).unwrap_err();
        assert_eq!(failed.to_string(), "expected an endpoint, got error: no");
    }
}
