//! What `smithy.protocols#rpcv2Cbor` decides: each operation's path, whether
//! its request has a body, and the query-compatible variant (which also
//! decides the codes errors are matched by).

use serde::Deserialize;

use crate::ir::{Protocol, RpcV2CborBinding};
use crate::lower::Lowerer;
use crate::model::traits::ids;
use crate::model::Operation;
use crate::shape_id::ShapeId;

/// `aws.protocols#awsQueryError`: the code (and status) an error has in the
/// awsQuery protocol, which a query-compatible service's clients match on.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AwsQueryErrorTrait {
    code: String,
    #[allow(dead_code)]
    http_response_code: Option<u16>,
}

impl Lowerer<'_> {
    pub(super) fn rpc_v2_cbor_binding(&self, op_id: &ShapeId, op: &Operation) -> RpcV2CborBinding {
        RpcV2CborBinding {
            // Shape names, never namespaces (the spec forbids them here).
            path: format!(
                "/service/{}/operation/{}",
                self.selection.service.name(),
                op_id.name()
            ),
            input_body: op.input.is_some(),
            query_compatible: self.query_compatible(),
        }
    }

    /// `@awsQueryCompatible` on the service.
    fn query_compatible(&self) -> bool {
        self.model
            .get(&self.selection.service)
            .is_some_and(|service| service.traits.has(ids::AWS_QUERY_COMPATIBLE))
    }

    /// The code an operation's error enum matches `error` by: its shape
    /// name, or for a query-compatible rpcv2Cbor service its
    /// `@awsQueryError` code, which the response's `x-amzn-query-error`
    /// header carries. (awsJson's query-compatible services read that
    /// header too, but that belongs with the awsQuery work; until then they
    /// keep matching shape names.)
    pub(super) fn error_code(&mut self, error: &ShapeId) -> String {
        if self.protocol() != Protocol::RpcV2Cbor || !self.query_compatible() {
            return error.name().to_owned();
        }
        let traits = self
            .model
            .get(error)
            .map(|shape| shape.traits.clone())
            .unwrap_or_default();
        let query: Option<AwsQueryErrorTrait> = self.decode(error, &traits, ids::AWS_QUERY_ERROR);
        query.map_or_else(|| error.name().to_owned(), |q| q.code)
    }
}

/// The `awsgen-types` features a crate of `protocol` needs.
pub(super) fn runtime_features(protocol: Protocol) -> Vec<String> {
    match protocol {
        Protocol::RpcV2Cbor => vec!["cbor".to_owned()],
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 | Protocol::RestJson1 => Vec::new(),
    }
}
