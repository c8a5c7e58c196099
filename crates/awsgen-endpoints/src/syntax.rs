//! A faithful serde mirror of the `smithy.rules#endpointRuleSet` document.
//!
//! Nothing here is checked beyond its JSON shape; `compile` turns it into the
//! checked form that evaluation runs on.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// The whole trait value.
#[derive(Debug, Deserialize)]
pub(crate) struct RuleSetDoc {
    pub version: String,
    #[serde(default)]
    pub parameters: BTreeMap<String, ParameterDoc>,
    pub rules: Vec<RuleDoc>,
}

/// One entry of `parameters`.
#[derive(Debug, Deserialize)]
pub(crate) struct ParameterDoc {
    #[serde(rename = "type")]
    pub type_name: String,
    #[serde(rename = "builtIn", default)]
    pub built_in: Option<String>,
    #[serde(rename = "required", default)]
    pub required: bool,
    #[serde(rename = "default", default)]
    pub default: Option<DefaultDoc>,
    #[serde(rename = "documentation", default)]
    pub documentation: Option<String>,
    #[serde(rename = "deprecated", default)]
    pub deprecated: Option<DeprecatedDoc>,
}

/// A parameter's `default`: one of the three parameter value types.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum DefaultDoc {
    Bool(bool),
    String(String),
    StringArray(Vec<String>),
}

/// A parameter's `deprecated` object.
#[derive(Debug, Deserialize)]
pub(crate) struct DeprecatedDoc {
    #[serde(rename = "message", default)]
    pub message: Option<String>,
    #[serde(rename = "since", default)]
    pub since: Option<String>,
}

/// A rule, tagged by its `type`.
#[derive(Debug, Deserialize)]
#[serde(tag = "type")]
pub(crate) enum RuleDoc {
    #[serde(rename = "endpoint")]
    Endpoint {
        #[serde(rename = "conditions", default)]
        conditions: Vec<ConditionDoc>,
        #[serde(rename = "endpoint")]
        endpoint: EndpointDoc,
    },
    #[serde(rename = "error")]
    Error {
        #[serde(rename = "conditions", default)]
        conditions: Vec<ConditionDoc>,
        #[serde(rename = "error")]
        error: ExprDoc,
    },
    #[serde(rename = "tree")]
    Tree {
        #[serde(rename = "conditions", default)]
        conditions: Vec<ConditionDoc>,
        #[serde(rename = "rules")]
        rules: Vec<RuleDoc>,
    },
}

/// The `endpoint` object of an endpoint rule.
#[derive(Debug, Deserialize)]
pub(crate) struct EndpointDoc {
    #[serde(rename = "url")]
    pub url: ExprDoc,
    /// Properties are an open document by definition, so they stay untyped.
    #[serde(rename = "properties", default)]
    pub properties: BTreeMap<String, serde_json::Value>,
    #[serde(rename = "headers", default)]
    pub headers: BTreeMap<String, Vec<ExprDoc>>,
}

/// A condition: a function call whose result may be bound to a name.
#[derive(Debug, Deserialize)]
pub(crate) struct ConditionDoc {
    #[serde(rename = "fn")]
    pub function: String,
    #[serde(rename = "argv")]
    pub argv: Vec<ExprDoc>,
    #[serde(rename = "assign", default)]
    pub assign: Option<String>,
}

/// A function call inside an expression.
#[derive(Debug)]
pub(crate) struct CallDoc {
    pub function: String,
    pub argv: Vec<ExprDoc>,
}

/// Anything that can appear in `argv`, a URL, a header value or an error.
#[derive(Debug)]
pub(crate) enum ExprDoc {
    /// A string literal, which is a template.
    String(String),
    Bool(bool),
    Int(i64),
    Array(Vec<ExprDoc>),
    Ref(String),
    Call(CallDoc),
}

impl<'de> Deserialize<'de> for ExprDoc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ExprVisitor)
    }
}

/// Hand-written so a bad expression gets a message naming the keys it needs,
/// where an untagged enum could only say "did not match any variant".
struct ExprVisitor;

impl<'de> Visitor<'de> for ExprVisitor {
    type Value = ExprDoc;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, boolean, integer, array, `{\"ref\": ...}` or `{\"fn\": ..., \"argv\": [...]}`")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<ExprDoc, E> {
        Ok(ExprDoc::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<ExprDoc, E> {
        Ok(ExprDoc::Int(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<ExprDoc, E> {
        i64::try_from(v)
            .map(ExprDoc::Int)
            .map_err(|_| E::custom(format!("integer {v} is too large")))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<ExprDoc, E> {
        Ok(ExprDoc::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<ExprDoc, E> {
        Ok(ExprDoc::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ExprDoc, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(ExprDoc::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ExprDoc, A::Error> {
        let mut reference: Option<String> = None;
        let mut function: Option<String> = None;
        let mut argv: Option<Vec<ExprDoc>> = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "ref" => reference = Some(map.next_value()?),
                "fn" => function = Some(map.next_value()?),
                "argv" => argv = Some(map.next_value()?),
                // `documentation` and any future annotation keys carry no semantics.
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        match (reference, function, argv) {
            (Some(name), None, None) => Ok(ExprDoc::Ref(name)),
            (None, Some(function), Some(argv)) => Ok(ExprDoc::Call(CallDoc { function, argv })),
            (None, Some(function), None) => Err(de::Error::custom(format!(
                "call of `{function}` has no `argv`"
            ))),
            (Some(_), _, _) => Err(de::Error::custom(
                "an expression object has either `ref` or `fn`/`argv`, not both",
            )),
            (None, None, _) => Err(de::Error::custom(
                "an expression object needs a `ref` or an `fn` key",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions_of_every_kind_parse() {
        let doc: Vec<ExprDoc> = serde_json::from_str(
            r#"["a{B}", true, 3, ["x"], {"ref": "R"}, {"fn": "not", "argv": [false], "documentation": "d"}]"#,
        )
        .unwrap();
        assert!(matches!(&doc[0], ExprDoc::String(s) if s == "a{B}"));
        assert!(matches!(doc[1], ExprDoc::Bool(true)));
        assert!(matches!(doc[2], ExprDoc::Int(3)));
        assert!(matches!(&doc[3], ExprDoc::Array(items) if items.len() == 1));
        assert!(matches!(&doc[4], ExprDoc::Ref(r) if r == "R"));
        assert!(matches!(&doc[5], ExprDoc::Call(c) if c.function == "not" && c.argv.len() == 1));
    }

    #[test]
    fn malformed_expression_objects_say_what_is_missing() {
        let err = serde_json::from_str::<ExprDoc>(r#"{"fn": "isSet"}"#).unwrap_err();
        assert!(err.to_string().contains("has no `argv`"), "{err}");
        let err = serde_json::from_str::<ExprDoc>(r#"{"x": 1}"#).unwrap_err();
        assert!(
            err.to_string().contains("needs a `ref` or an `fn`"),
            "{err}"
        );
        let err = serde_json::from_str::<ExprDoc>(r#"{"ref": "A", "fn": "not", "argv": []}"#)
            .unwrap_err();
        assert!(err.to_string().contains("not both"), "{err}");
        assert!(serde_json::from_str::<ExprDoc>("null").is_err());
        assert!(serde_json::from_str::<ExprDoc>("1.5").is_err());
    }

    #[test]
    fn unknown_rule_type_is_named() {
        let err =
            serde_json::from_str::<RuleDoc>(r#"{"type": "bogus", "conditions": []}"#).unwrap_err();
        assert!(err.to_string().contains("bogus"), "{err}");
    }
}
