//! Which wire protocol a service speaks, from its protocol trait.

use crate::model::traits::{ids, Traits};

/// A protocol the generator supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceProtocol {
    AwsJson1_0,
    AwsJson1_1,
    RestJson1,
    RpcV2Cbor,
}

/// Protocol traits AWS models carry that the generator does not support yet.
const NOT_YET: [&str; 4] = [
    "aws.protocols#awsQuery",
    "aws.protocols#ec2Query",
    "aws.protocols#restXml",
    "smithy.protocols#rpcv2Json",
];

/// The service's protocol. A service with several supported protocol
/// traits speaks the first of awsJson1_1, awsJson1_0, restJson1, rpcv2Cbor
/// (JSON first, so no service that generated before rpcv2Cbor changes
/// protocol); `Err` says what the service has instead.
pub fn service_protocol(traits: &Traits) -> Result<ServiceProtocol, String> {
    if traits.has(ids::AWS_JSON_1_1) {
        return Ok(ServiceProtocol::AwsJson1_1);
    }
    if traits.has(ids::AWS_JSON_1_0) {
        return Ok(ServiceProtocol::AwsJson1_0);
    }
    if traits.has(ids::REST_JSON_1) {
        return Ok(ServiceProtocol::RestJson1);
    }
    if traits.has(ids::RPC_V2_CBOR) {
        return Ok(ServiceProtocol::RpcV2Cbor);
    }
    let unsupported: Vec<&str> = NOT_YET.into_iter().filter(|id| traits.has(id)).collect();
    Err(if unsupported.is_empty() {
        "the service has no protocol trait the generator supports \
         (aws.protocols#awsJson1_0, awsJson1_1, restJson1 or smithy.protocols#rpcv2Cbor)"
            .to_owned()
    } else {
        format!(
            "the service speaks {}, which the generator does not support yet \
             (supported: aws.protocols#awsJson1_0, awsJson1_1, restJson1, smithy.protocols#rpcv2Cbor)",
            unsupported.join(", ")
        )
    })
}
