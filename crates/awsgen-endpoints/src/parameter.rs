//! Endpoint parameter definitions, as declared by a rule set.

use crate::error::RuleSetError;
use crate::syntax::{DefaultDoc, ParameterDoc};
use crate::value::Value;

/// The declared type of an endpoint parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParameterType {
    /// `string`
    String,
    /// `boolean`
    Boolean,
    /// `stringArray`
    StringArray,
}

impl ParameterType {
    /// The rules-engine spelling of the type.
    pub fn name(self) -> &'static str {
        match self {
            ParameterType::String => "string",
            ParameterType::Boolean => "boolean",
            ParameterType::StringArray => "stringArray",
        }
    }

    /// Whether `value` has this type.
    pub fn admits(self, value: &Value) -> bool {
        matches!(
            (self, value),
            (ParameterType::String, Value::String(_))
                | (ParameterType::Boolean, Value::Bool(_))
                | (ParameterType::StringArray, Value::StringArray(_))
        )
    }

    /// Models spell the scalar types both `String` and `string`.
    fn parse(name: &str) -> Option<Self> {
        if name.eq_ignore_ascii_case("string") {
            Some(ParameterType::String)
        } else if name.eq_ignore_ascii_case("boolean") {
            Some(ParameterType::Boolean)
        } else if name.eq_ignore_ascii_case("stringArray") {
            Some(ParameterType::StringArray)
        } else {
            None
        }
    }
}

/// The `deprecated` note on a parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Deprecation {
    /// What to use instead, if the model says.
    pub message: Option<String>,
    /// When it was deprecated, if the model says.
    pub since: Option<String>,
}

/// One endpoint parameter of a rule set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter {
    name: String,
    parameter_type: ParameterType,
    built_in: Option<String>,
    required: bool,
    default: Option<Value>,
    documentation: Option<String>,
    deprecated: Option<Deprecation>,
}

impl Parameter {
    /// The parameter's name, as referenced by rules and set in [`Params`](crate::Params).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The declared type.
    pub fn parameter_type(&self) -> ParameterType {
        self.parameter_type
    }

    /// The built-in that supplies the value, such as `AWS::Region` (metadata only:
    /// the caller fills built-ins in).
    pub fn built_in(&self) -> Option<&str> {
        self.built_in.as_deref()
    }

    /// Whether resolution fails when the parameter has no value and no default.
    pub fn required(&self) -> bool {
        self.required
    }

    /// The value used when none is given.
    pub fn default(&self) -> Option<&Value> {
        self.default.as_ref()
    }

    /// The model's description of the parameter.
    pub fn documentation(&self) -> Option<&str> {
        self.documentation.as_deref()
    }

    /// Set when the model marks the parameter deprecated.
    pub fn deprecated(&self) -> Option<&Deprecation> {
        self.deprecated.as_ref()
    }

    pub(crate) fn from_doc(name: &str, doc: ParameterDoc) -> Result<Self, RuleSetError> {
        let invalid = |reason: String| RuleSetError::InvalidParameter {
            name: name.to_owned(),
            reason,
        };
        let parameter_type = ParameterType::parse(&doc.type_name).ok_or_else(|| {
            invalid(format!(
                "type `{}` is not one of string, boolean, stringArray",
                doc.type_name
            ))
        })?;
        let default = doc.default.map(|d| match d {
            DefaultDoc::Bool(b) => Value::Bool(b),
            DefaultDoc::String(s) => Value::String(s),
            DefaultDoc::StringArray(items) => Value::StringArray(items),
        });
        if let Some(value) = &default {
            if !parameter_type.admits(value) {
                return Err(invalid(format!(
                    "default {value} is a {}, but the parameter is a {}",
                    value.type_name(),
                    parameter_type.name()
                )));
            }
            // The spec requires this pairing so that "required" alone tells a
            // caller whether the value is always present.
            if !doc.required {
                return Err(invalid("has a default but is not marked required".into()));
            }
        }
        Ok(Parameter {
            name: name.to_owned(),
            parameter_type,
            built_in: doc.built_in,
            required: doc.required,
            default,
            documentation: doc.documentation,
            deprecated: doc.deprecated.map(|d| Deprecation {
                message: d.message,
                since: d.since,
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<Parameter, RuleSetError> {
        Parameter::from_doc("P", serde_json::from_str(json).unwrap())
    }

    #[test]
    fn reads_every_field() {
        let p = parse(
            r#"{"type": "Boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false,
                "documentation": "doc", "deprecated": {"message": "m", "since": "2020"}}"#,
        )
        .unwrap();
        assert_eq!(p.name(), "P");
        assert_eq!(p.parameter_type(), ParameterType::Boolean);
        assert_eq!(p.built_in(), Some("AWS::UseFIPS"));
        assert!(p.required());
        assert_eq!(p.default(), Some(&Value::Bool(false)));
        assert_eq!(p.documentation(), Some("doc"));
        assert_eq!(
            p.deprecated().and_then(|d| d.since.as_deref()),
            Some("2020")
        );
    }

    #[test]
    fn rejects_bad_definitions() {
        let err = parse(r#"{"type": "integer"}"#).unwrap_err();
        assert!(err.to_string().contains("`integer`"), "{err}");
        let err = parse(r#"{"type": "string", "required": true, "default": true}"#).unwrap_err();
        assert!(err.to_string().contains("is a boolean"), "{err}");
        let err = parse(r#"{"type": "string", "default": "x"}"#).unwrap_err();
        assert!(err.to_string().contains("not marked required"), "{err}");
    }

    #[test]
    fn string_array_defaults_are_accepted() {
        let p = parse(r#"{"type": "stringArray", "required": true, "default": ["a"]}"#).unwrap();
        assert_eq!(p.default(), Some(&Value::StringArray(vec!["a".into()])));
    }
}
