//! The public entry point: load a rule set once, resolve many times.

use serde::Deserialize;

use crate::compile::{compile, Compiled};
use crate::endpoint::Endpoint;
use crate::error::{ResolveError, RuleSetError};
use crate::eval::resolve;
use crate::parameter::Parameter;
use crate::syntax::RuleSetDoc;
use crate::value::Params;

/// A checked `smithy.rules#endpointRuleSet`, ready to resolve endpoints.
///
/// ```
/// use awsgen_endpoints::{Params, RuleSet};
/// let rules = RuleSet::from_json(r#"{
///     "version": "1.0",
///     "parameters": {"Region": {"type": "String", "required": true}},
///     "rules": [{"type": "endpoint", "conditions": [],
///                "endpoint": {"url": "https://svc.{Region}.example.com"}}]
/// }"#)?;
/// let endpoint = rules.resolve(&Params::new().with("Region", "eu-west-1"))?;
/// assert_eq!(endpoint.url, "https://svc.eu-west-1.example.com");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct RuleSet {
    compiled: Compiled,
}

impl RuleSet {
    /// Parses and checks a rule set from its JSON text.
    pub fn from_json(json: &str) -> Result<RuleSet, RuleSetError> {
        Self::from_doc(serde_json::from_str(json)?)
    }

    /// Parses and checks a rule set from an already-parsed trait value.
    pub fn from_value(value: &serde_json::Value) -> Result<RuleSet, RuleSetError> {
        Self::from_doc(RuleSetDoc::deserialize(value)?)
    }

    fn from_doc(doc: RuleSetDoc) -> Result<RuleSet, RuleSetError> {
        Ok(RuleSet {
            compiled: compile(doc)?,
        })
    }

    /// The rule set's parameters, ordered by name.
    pub fn parameters(&self) -> impl Iterator<Item = &Parameter> {
        self.compiled.parameters.iter()
    }

    /// The parameter called `name`, if the rule set has one.
    pub fn parameter(&self, name: &str) -> Option<&Parameter> {
        self.parameters().find(|parameter| parameter.name() == name)
    }

    /// Resolves the endpoint for `params`. Parameters not given take their
    /// defaults; giving a name the rule set does not define is an error.
    pub fn resolve(&self, params: &Params) -> Result<Endpoint, ResolveError> {
        resolve(&self.compiled, params)
    }
}
