//! Endpoint rule-set parameters an operation sets: `staticContextParams`,
//! `contextParam` input members and `operationContextParams` paths.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::ir::{
    EndpointParamIr, OperationIr, Presence, RustType, StaticParamKind, StaticParamValue, TypeDef,
};
use crate::lower::json_scope::{JsonScope, TypeIndex};
use crate::lower::Lowerer;
use crate::model::traits::ids;
use crate::shape_id::ShapeId;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StaticParam {
    value: serde_json::Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PathParam {
    path: String,
}

#[derive(Deserialize)]
struct ContextParam {
    name: String,
}

impl Lowerer<'_> {
    /// Fills `OperationIr::endpoint_params` from the operation's traits and
    /// its input members' `contextParam`.
    pub(super) fn lower_endpoint_params(&mut self, op: &mut OperationIr, types: &[TypeDef]) {
        let Ok(op_id) = op.shape_id.parse::<ShapeId>() else {
            return;
        };
        let traits = self
            .model
            .get(&op_id)
            .map(|s| s.traits.clone())
            .unwrap_or_default();
        let mut params = Vec::new();
        let statics: Option<BTreeMap<String, StaticParam>> =
            self.decode(&op_id, &traits, ids::STATIC_CONTEXT_PARAMS);
        for (name, param) in statics.unwrap_or_default() {
            match static_value(&param.value) {
                Some(value) => params.push(EndpointParamIr::Static { name, value }),
                None => self.error(
                    &op_id,
                    format!("staticContextParams `{name}`: {} is not a string, a boolean or a list of strings", param.value),
                ),
            }
        }
        for field in &op.input.fields {
            let Ok(member_id) = field.member_id.parse::<ShapeId>() else {
                continue;
            };
            let member_traits = self
                .model
                .member(&member_id)
                .map(|m| m.traits.clone())
                .unwrap_or_default();
            let Some(context) =
                self.decode::<ContextParam>(&member_id, &member_traits, ids::CONTEXT_PARAM)
            else {
                continue;
            };
            let kind = match &field.ty {
                RustType::String => StaticParamKind::String,
                RustType::Bool => StaticParamKind::Bool,
                RustType::List {
                    item,
                    sparse: false,
                } if **item == RustType::String => StaticParamKind::StringArray,
                _ => {
                    self.warn(
                        &member_id,
                        format!(
                            "contextParam `{}` targets a type endpoint rules cannot take; it is not sent to the rules",
                            context.name
                        ),
                    );
                    continue;
                }
            };
            params.push(EndpointParamIr::Member {
                name: context.name,
                field: field.rust_name.clone(),
                optional: field.presence == Presence::Optional,
                kind,
            });
        }
        let paths: Option<BTreeMap<String, PathParam>> =
            self.decode(&op_id, &traits, ids::OPERATION_CONTEXT_PARAMS);
        let index = TypeIndex::new(types);
        for (name, param) in paths.unwrap_or_default() {
            let expression = match awsgen_types::waiter::jmespath::parse(&param.path) {
                Ok(expression) => expression,
                Err(e) => {
                    self.error(
                        &op_id,
                        format!(
                            "operationContextParams `{name}`: the path `{}` is not supported JMESPath: {e}",
                            param.path
                        ),
                    );
                    continue;
                }
            };
            // Evaluated over the input's JSON, whose keys are wire names.
            let scope = JsonScope::Struct(index.for_path(&param.path), &op.input);
            match expression.rename_fields(&scope) {
                Ok(path) => params.push(EndpointParamIr::Path { name, path }),
                Err(e) => self.error(&op_id, format!("operationContextParams `{name}`: {e}")),
            }
        }
        op.endpoint_params = params;
    }
}

fn static_value(value: &serde_json::Value) -> Option<StaticParamValue> {
    match value {
        serde_json::Value::String(s) => Some(StaticParamValue::String(s.clone())),
        serde_json::Value::Bool(b) => Some(StaticParamValue::Bool(*b)),
        serde_json::Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>()
            .map(StaticParamValue::StringArray),
        _ => None,
    }
}
