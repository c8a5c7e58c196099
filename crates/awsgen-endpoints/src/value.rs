//! Parameter values handed to [`RuleSet::resolve`](crate::RuleSet::resolve).

use std::collections::BTreeMap;
use std::fmt;

/// The value of one endpoint parameter.
///
/// The rules engine knows three parameter types: `string`, `boolean` and
/// `stringArray`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Value {
    /// A `string` parameter value.
    String(String),
    /// A `boolean` parameter value.
    Bool(bool),
    /// A `stringArray` parameter value.
    StringArray(Vec<String>),
}

impl Value {
    /// The rules-engine name of this value's type, as used in error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::String(_) => "string",
            Value::Bool(_) => "boolean",
            Value::StringArray(_) => "stringArray",
        }
    }
}

impl From<&str> for Value {
    fn from(value: &str) -> Self {
        Value::String(value.to_owned())
    }
}

impl From<String> for Value {
    fn from(value: String) -> Self {
        Value::String(value)
    }
}

impl From<bool> for Value {
    fn from(value: bool) -> Self {
        Value::Bool(value)
    }
}

impl From<Vec<String>> for Value {
    fn from(value: Vec<String>) -> Self {
        Value::StringArray(value)
    }
}

impl From<Vec<&str>> for Value {
    fn from(value: Vec<&str>) -> Self {
        Value::StringArray(value.into_iter().map(str::to_owned).collect())
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::String(s) => write!(f, "{s:?}"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::StringArray(items) => write!(f, "{items:?}"),
        }
    }
}

/// The parameter values for one resolution, by parameter name.
///
/// ```
/// use awsgen_endpoints::Params;
/// let params = Params::new().with("Region", "us-east-1").with("UseFIPS", true);
/// assert!(params.get("Region").is_some());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    values: BTreeMap<String, Value>,
}

impl Params {
    /// No parameters set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `name` to `value`, replacing any earlier value, and returns `self`.
    #[must_use]
    pub fn with(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.set(name, value);
        self
    }

    /// Sets `name` to `value`, replacing any earlier value.
    pub fn set(&mut self, name: impl Into<String>, value: impl Into<Value>) {
        self.values.insert(name.into(), value.into());
    }

    /// The value set for `name`, if any.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }

    /// All set parameters, ordered by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.values
            .iter()
            .map(|(name, value)| (name.as_str(), value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_converts_and_replaces() {
        let params = Params::new()
            .with("Region", "us-east-1")
            .with("UseFIPS", true)
            .with("Arns", vec!["a", "b"])
            .with("Region", String::from("eu-west-1"));
        assert_eq!(
            params.get("Region"),
            Some(&Value::String("eu-west-1".into()))
        );
        assert_eq!(params.get("UseFIPS"), Some(&Value::Bool(true)));
        assert_eq!(
            params.get("Arns"),
            Some(&Value::StringArray(vec!["a".into(), "b".into()]))
        );
        assert_eq!(params.iter().count(), 3);
        assert_eq!(params.get("Missing"), None);
    }

    #[test]
    fn type_names_match_the_rules_engine_spelling() {
        assert_eq!(Value::from("x").type_name(), "string");
        assert_eq!(Value::from(false).type_name(), "boolean");
        assert_eq!(Value::from(Vec::<String>::new()).type_name(), "stringArray");
    }
}
