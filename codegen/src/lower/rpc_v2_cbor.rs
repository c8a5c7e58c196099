//! What `smithy.protocols#rpcv2Cbor` decides: each operation's path, whether
//! its request has a body, and the query-compatible variant. (The codes a
//! query-compatible service's errors are matched by are decided with the
//! awsQuery ones, in `error_codes.rs`.)

use crate::ir::RpcV2CborBinding;
use crate::lower::Lowerer;
use crate::model::traits::ids;
use crate::model::Operation;
use crate::shape_id::ShapeId;

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
    pub(super) fn query_compatible(&self) -> bool {
        self.model
            .get(&self.selection.service)
            .is_some_and(|service| service.traits.has(ids::AWS_QUERY_COMPATIBLE))
    }
}
