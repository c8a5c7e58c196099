//! S3's customizations, which no Smithy trait states and every AWS SDK
//! applies by hand (`com.amazonaws.s3#AmazonS3` only):
//!
//! - **Addressing from the rule set.** The bucket is the endpoint rule
//!   set's `Bucket` parameter (`@contextParam`), and the rules put it in the
//!   host (virtual-hosted style, `mybucket.s3.us-west-2.amazonaws.com`), in
//!   the endpoint's path (path style, `s3.us-west-2.amazonaws.com/mybucket`)
//!   or nowhere (an access point ARN names its own host). So the
//!   operation's path leaves out a leading `/{Bucket}` label, and the
//!   client builds a custom endpoint through the rules too
//!   (`CustomEndpoint::ThroughRules`) so it gets the bucket as well.
//! - **Object keys are names.** A greedy label sends `.` and `..` segments
//!   as they are (`DotSegments::Sent`); the client signs S3's path as sent,
//!   neither normalized nor encoded a second time (by its signing name,
//!   `s3`, as it adds `x-amz-content-sha256`).
//! - **Errors inside a `200`.** `CopyObject`, `CompleteMultipartUpload`
//!   and `UploadPartCopy` can fail after S3 has sent `200 OK`; a body whose
//!   root is `<Error>` is then the operation's error.

use crate::ir::{
    CustomEndpoint, DotSegments, OperationBinding, PathPart, ServiceQuirks, StructDef,
};
use crate::lower::Lowerer;
use crate::model::traits::ids;
use crate::shape_id::ShapeId;

/// The S3 service shape.
pub(super) const S3: &str = "com.amazonaws.s3#AmazonS3";

/// The endpoint rule-set parameter that carries the bucket.
const BUCKET_PARAM: &str = "Bucket";

/// Operations that can answer `200` with an `<Error>` body.
const ERROR_IN_OK_RESPONSE: [&str; 3] = ["CopyObject", "CompleteMultipartUpload", "UploadPartCopy"];

/// S3's service-wide quirks.
pub(super) fn service_quirks() -> ServiceQuirks {
    ServiceQuirks {
        custom_endpoint: CustomEndpoint::ThroughRules,
    }
}

/// Whether S3's operation `op_id` can put its error in a `200`.
pub(super) fn error_in_ok_response(op_id: &ShapeId) -> bool {
    ERROR_IN_OK_RESPONSE.contains(&op_id.name())
}

#[derive(serde::Deserialize)]
struct ContextParam {
    name: String,
}

impl Lowerer<'_> {
    /// S3's path rules applied to the REST binding of operation `op_id`
    /// (input `input`): the leading `/{Bucket}` goes to the rule set, and
    /// greedy labels (object keys) send dot segments.
    pub(super) fn s3_path(
        &mut self,
        op_id: &ShapeId,
        input: &StructDef,
        binding: &mut OperationBinding,
    ) {
        let OperationBinding::RestXml(xml) = binding else {
            return;
        };
        let path = &mut xml.rest.path;
        for part in path.iter_mut() {
            if let PathPart::Label(label) = part {
                if label.greedy {
                    label.dot_segments = DotSegments::Sent;
                }
            }
        }
        let leading_bucket = match path.as_slice() {
            [PathPart::Literal(slash), PathPart::Label(label), ..] if slash == "/" => {
                self.is_bucket_param(input, label.member.field)
            }
            _ => false,
        };
        if !leading_bucket {
            return;
        }
        path.drain(..2);
        // `/{Bucket}/{Key+}` keeps `/` before the key; `/{Bucket}` is `/`
        // once the bucket is gone (`Uri::finish`).
        if let Some(PathPart::Literal(rest)) = path.first() {
            if !rest.starts_with('/') {
                self.error(
                    op_id,
                    format!("S3: the path after `/{{Bucket}}` starts with `{rest}`, not `/`"),
                );
            }
        }
    }

    /// Whether input field `field` is the rule set's `Bucket` parameter (and
    /// the service has a rule set to place it).
    fn is_bucket_param(&mut self, input: &StructDef, field: usize) -> bool {
        let has_rules = self
            .model
            .get(&self.selection.service)
            .is_some_and(|service| service.traits.has(ids::ENDPOINT_RULE_SET));
        if !has_rules {
            return false;
        }
        let Some(member_id) = input
            .fields
            .get(field)
            .and_then(|f| f.member_id.parse::<ShapeId>().ok())
        else {
            return false;
        };
        let traits = self
            .model
            .member(&member_id)
            .map(|m| m.traits.clone())
            .unwrap_or_default();
        self.decode::<ContextParam>(&member_id, &traits, ids::CONTEXT_PARAM)
            .is_some_and(|context| context.name == BUCKET_PARAM)
    }
}
