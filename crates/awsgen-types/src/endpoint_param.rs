//! Endpoint rule-set parameters an operation sets from the model:
//! `smithy.rules#staticContextParams` (fixed values), `contextParam` (input
//! members) and `operationContextParams` (JMESPath over the input).

use serde::Serialize;
use serde_json::Value;

use crate::waiter::jmespath;

/// A value for an endpoint rule-set parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EndpointParam {
    /// A `string` parameter.
    String(String),
    /// A `boolean` parameter.
    Bool(bool),
    /// A `stringArray` parameter.
    StringArray(Vec<String>),
}

/// Evaluates an `operationContextParams` path over the input, as its JSON
/// form keyed by wire names (the generator rewrites the model's member
/// names to them, `Expression::rename_fields`). A string, a boolean or a list of strings
/// becomes a value; anything else (null, a number, a mixed list, a path that
/// does not parse) leaves the parameter unset, as the SDKs do.
pub fn endpoint_param_at<T: Serialize>(input: &T, path: &str) -> Option<EndpointParam> {
    let expression = jmespath::parse(path).ok()?;
    let value = serde_json::to_value(input).ok()?;
    match expression.evaluate(&value) {
        Value::String(s) => Some(EndpointParam::String(s)),
        Value::Bool(b) => Some(EndpointParam::Bool(b)),
        Value::Array(items) => items
            .into_iter()
            .map(|item| match item {
                Value::String(s) => Some(s),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
            .map(EndpointParam::StringArray),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn paths_yield_strings_booleans_and_string_lists() {
        let input = json!({
            "TransactItems": [{"Get": {"TableName": "a"}}, {"Get": {"TableName": "b"}}],
            "Name": "t",
            "On": true,
            "Mixed": ["x", 1],
            "RequestItems": {"t2": {}, "t1": {}}
        });
        assert_eq!(
            endpoint_param_at(&input, "keys(RequestItems)"),
            Some(EndpointParam::StringArray(vec!["t1".into(), "t2".into()]))
        );
        assert_eq!(
            endpoint_param_at(&input, "TransactItems[*].Get.TableName"),
            Some(EndpointParam::StringArray(vec!["a".into(), "b".into()]))
        );
        assert_eq!(
            endpoint_param_at(&input, "Name"),
            Some(EndpointParam::String("t".into()))
        );
        assert_eq!(
            endpoint_param_at(&input, "On"),
            Some(EndpointParam::Bool(true))
        );
        assert_eq!(endpoint_param_at(&input, "Mixed"), None);
        assert_eq!(endpoint_param_at(&input, "Missing"), None);
        assert_eq!(endpoint_param_at(&input, "[["), None);
    }
}
