//! Service customizations: what the AWS SDKs add by hand for a few
//! services, which no Smithy trait states. Keyed by the service shape ID and
//! decided here, as IR (`CustomizationsIr`: constant headers, input
//! defaults, body checksums), so emitters and the client stay generic.
//!
//! - Glacier (`com.amazonaws.glacier#Glacier`): every request carries
//!   `X-Amz-Glacier-Version` with the service's version; an `accountId`
//!   left unset or empty is sent as `-` (the caller's own account);
//!   `UploadArchive` and `UploadMultipartPart` carry the body's SHA-256
//!   (`x-amz-content-sha256`) and SHA-256 tree hash
//!   (`x-amz-sha256-tree-hash`), unless the input sets them.
//! - API Gateway (`com.amazonaws.apigateway#BackplaneControlService`):
//!   every request carries `Accept: application/json`, which the service
//!   requires.
//! - S3 (`com.amazonaws.s3#AmazonS3`): addressing from the rule set, object
//!   keys with dot segments, errors inside a `200` (`s3.rs`).

use crate::ir::{BodyChecksumIr, ConstantHeader, CustomizationsIr, InputDefault, Presence};
use crate::ir::{OperationBinding, RustType, ServiceQuirks, StructDef};
use crate::lower::{s3, Lowerer};
use crate::shape_id::ShapeId;

const GLACIER: &str = "com.amazonaws.glacier#Glacier";
const API_GATEWAY: &str = "com.amazonaws.apigateway#BackplaneControlService";

/// Glacier operations whose body gets the SHA-256 and tree-hash headers.
const GLACIER_TREE_HASH_OPERATIONS: [&str; 2] = ["UploadArchive", "UploadMultipartPart"];

impl Lowerer<'_> {
    /// The customization of operation `op_id` (input `input`) of the
    /// selected service; empty for services without one.
    pub(super) fn customizations(
        &mut self,
        op_id: &ShapeId,
        input: &StructDef,
        binding: &mut OperationBinding,
    ) -> CustomizationsIr {
        let service = self.selection.service.clone();
        let mut custom = CustomizationsIr::default();
        match service.to_string().as_str() {
            GLACIER => {
                let version = self.service_version();
                self.constant_header(&service, &mut custom, "x-amz-glacier-version", &version);
                if let Some(field) = input
                    .fields
                    .iter()
                    .find(|f| f.member_name() == "accountId" && f.ty == RustType::String)
                {
                    custom.input_defaults.push(InputDefault {
                        field: field.rust_name.clone(),
                        optional: field.presence == Presence::Optional,
                        value: "-".to_owned(),
                    });
                }
                if GLACIER_TREE_HASH_OPERATIONS.contains(&op_id.name()) {
                    custom.body_checksum = Some(BodyChecksumIr::GlacierTreeHash);
                }
            }
            API_GATEWAY => {
                self.constant_header(&service, &mut custom, "accept", "application/json");
            }
            s3::S3 => {
                self.s3_path(op_id, input, binding);
                custom.error_in_ok_response = s3::error_in_ok_response(op_id);
            }
            _ => {}
        }
        custom
    }

    /// The client-side quirks of the selected service.
    pub(super) fn service_quirks(&self) -> ServiceQuirks {
        match self.selection.service.to_string().as_str() {
            s3::S3 => s3::service_quirks(),
            _ => ServiceQuirks::default(),
        }
    }

    /// The service shape's `version`.
    fn service_version(&self) -> String {
        match self.model.get(&self.selection.service).map(|s| &s.kind) {
            Some(crate::model::ShapeKind::Service(service)) => service.version.clone(),
            _ => String::new(),
        }
    }

    /// Adds `name: value`, or reports a value that cannot be a header (a
    /// model's version with a line break, say).
    fn constant_header(
        &mut self,
        service: &ShapeId,
        custom: &mut CustomizationsIr,
        name: &str,
        value: &str,
    ) {
        if awsgen_types::http::HeaderValue::from_str(value).is_err() || value.is_empty() {
            self.error(
                service,
                format!("the service customization's `{name}` header cannot carry `{value}`"),
            );
            return;
        }
        custom.constant_headers.push(ConstantHeader {
            name: name.to_owned(),
            value: value.to_owned(),
        });
        custom.constant_headers.sort_by(|a, b| a.name.cmp(&b.name));
    }
}
