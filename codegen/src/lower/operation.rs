//! The service metadata and each operation: marker, error enum, target,
//! host prefix, compression, retry decisions.

use crate::docs::to_markdown_lines;
use crate::ir::{
    AuthIr, AwsJsonVersion, ErrorEnumDef, ErrorVariant, HostPrefixPart, OperationBinding,
    OperationIr, OperationPart, Presence, Protocol, RetryClass, ServiceIr, StructDef,
};
use crate::lower::Lowerer;
use crate::model::protocol::{service_protocol, ServiceProtocol};
use crate::model::traits::{
    ids, AwsServiceTrait, EndpointTrait, RequestCompressionTrait, RetryableTrait, Sigv4Trait,
};
use crate::model::ShapeKind;
use crate::naming::{self, Scope};
use crate::shape_id::ShapeId;

impl Lowerer<'_> {
    pub(super) fn lower_service(&mut self) -> ServiceIr {
        let id = self.selection.service.clone();
        let traits = self
            .model
            .get(&id)
            .map(|s| s.traits.clone())
            .unwrap_or_default();
        let version = match self.model.get(&id).map(|s| &s.kind) {
            Some(ShapeKind::Service(s)) => s.version.clone(),
            _ => String::new(),
        };
        let aws: Option<AwsServiceTrait> = self.decode(&id, &traits, ids::AWS_SERVICE);
        let sigv4: Option<Sigv4Trait> = self.decode(&id, &traits, ids::SIGV4);
        let sdk_id = aws
            .as_ref()
            .map(|a| a.sdk_id.clone())
            .unwrap_or_else(|| id.name().to_owned());
        let endpoint_prefix = aws
            .as_ref()
            .and_then(|a| a.endpoint_prefix.clone())
            .unwrap_or_else(|| sdk_id.to_ascii_lowercase().replace(' ', "-"));
        let signing_name = match sigv4 {
            Some(s) => s.name,
            None => {
                self.warn(
                    &id,
                    format!("no aws.auth#sigv4 trait; signing as `{endpoint_prefix}`"),
                );
                endpoint_prefix.clone()
            }
        };
        let protocol = self.protocol();
        let endpoint_rule_set = traits.get(ids::ENDPOINT_RULE_SET).map(|v| v.to_string());
        let title = traits
            .get(ids::TITLE)
            .and_then(|v| v.as_str())
            .unwrap_or(&sdk_id)
            .to_owned();
        ServiceIr {
            shape_id: id.to_string(),
            title,
            docs: traits
                .documentation()
                .map(to_markdown_lines)
                .unwrap_or_default(),
            target_prefix: id.name().to_owned(),
            sdk_id,
            endpoint_prefix,
            signing_name,
            version,
            protocol,
            endpoint_rule_set,
            quirks: self.service_quirks(),
        }
    }

    pub(super) fn lower_operation(&mut self, op_id: &ShapeId) -> Option<OperationIr> {
        let shape = self.model.get(op_id)?.clone();
        let ShapeKind::Operation(op) = &shape.kind else {
            return None;
        };
        let input = match &op.input {
            Some(id) => self.lower_struct(id),
            None => self.synthetic_struct(op_id, OperationPart::Input),
        };
        let output = match &op.output {
            Some(id) => self.lower_struct(id),
            None => self.synthetic_struct(op_id, OperationPart::Output),
        };
        let rust_name = naming::type_name(op_id.name());
        let error = self.error_enum(op_id, &op.errors);
        let compression: Option<RequestCompressionTrait> =
            self.decode(op_id, &shape.traits, ids::REQUEST_COMPRESSION);
        let endpoint: Option<EndpointTrait> = self.decode(op_id, &shape.traits, ids::ENDPOINT);
        let host_prefix = endpoint.and_then(|e| self.host_prefix(op_id, &e.host_prefix, &input));
        let mut binding = self.operation_binding(op_id, &shape.traits, op)?;
        let idempotency_token = self.idempotency_token(op.input.as_ref(), &input);
        let customizations = self.customizations(op_id, &input, &mut binding);
        let http_checksum = self.http_checksum(op_id, &shape.traits, op.input.as_ref(), &input);
        Some(OperationIr {
            shape_id: op_id.to_string(),
            name: op_id.name().to_owned(),
            module: naming::field_name(op_id.name()),
            docs: shape
                .traits
                .documentation()
                .map(to_markdown_lines)
                .unwrap_or_default(),
            deprecated: self.deprecation(op_id, &shape.traits),
            binding,
            rust_name,
            input,
            output,
            error,
            request_compression: compression.map(|c| c.encodings),
            checksum_required: shape.traits.has(ids::HTTP_CHECKSUM_REQUIRED),
            auth: if self
                .config
                .unsigned_operations
                .iter()
                .any(|name| name == op_id.name())
            {
                // The project's decision (`unsigned_operations`), over the model's.
                AuthIr::None
            } else {
                auth(&shape.traits)
            },
            unsigned_payload: shape.traits.has(ids::UNSIGNED_PAYLOAD),
            idempotency_token,
            host_prefix,
            paginator: None,
            endpoint_params: Vec::new(),
            customizations,
            http_checksum,
        })
    }

    /// The protocol's decisions for one operation; `None` after reporting
    /// why they cannot be made.
    fn operation_binding(
        &mut self,
        op_id: &ShapeId,
        traits: &crate::model::Traits,
        op: &crate::model::Operation,
    ) -> Option<OperationBinding> {
        let version = match self.protocol() {
            Protocol::AwsJson1_0 => AwsJsonVersion::V1_0,
            Protocol::AwsJson1_1 => AwsJsonVersion::V1_1,
            Protocol::RestJson1 => {
                let binding =
                    self.rest_binding(op_id, traits, op.input.as_ref(), op.output.as_ref())?;
                return Some(OperationBinding::RestJson(Box::new(binding)));
            }
            Protocol::RpcV2Cbor => {
                return Some(OperationBinding::RpcV2Cbor(
                    self.rpc_v2_cbor_binding(op_id, op),
                ))
            }
            Protocol::RestXml | Protocol::AwsQuery | Protocol::Ec2Query => {
                return self.xml_operation_binding(op_id, traits, op);
            }
        };
        Some(OperationBinding::AwsJson {
            version,
            target: format!("{}.{}", self.selection.service.name(), op_id.name()),
        })
    }

    /// The input field `@idempotencyToken` marks (an optional string).
    fn idempotency_token(&mut self, input: Option<&ShapeId>, def: &StructDef) -> Option<String> {
        let members = match input.and_then(|id| self.model.get(id)).map(|s| &s.kind) {
            Some(ShapeKind::Structure(members)) => members.clone(),
            _ => return None,
        };
        let (index, member) = members
            .iter()
            .enumerate()
            .find(|(_, m)| m.traits.has(ids::IDEMPOTENCY_TOKEN))?;
        let field = def.fields.get(index)?;
        if field.ty != crate::ir::RustType::String || field.presence != Presence::Optional {
            self.warn(
                &member.id,
                "@idempotencyToken on a member that is not an optional string is not filled in",
            );
            return None;
        }
        Some(field.rust_name.clone())
    }

    /// The service's protocol (validation refused a service without one).
    pub(super) fn protocol(&self) -> Protocol {
        let traits = self.model.get(&self.selection.service).map(|s| &s.traits);
        match traits.map(service_protocol) {
            Some(Ok(ServiceProtocol::AwsJson1_1)) => Protocol::AwsJson1_1,
            Some(Ok(ServiceProtocol::RestJson1)) => Protocol::RestJson1,
            Some(Ok(ServiceProtocol::RpcV2Cbor)) => Protocol::RpcV2Cbor,
            Some(Ok(ServiceProtocol::RestXml)) => Protocol::RestXml,
            Some(Ok(ServiceProtocol::AwsQuery)) => Protocol::AwsQuery,
            Some(Ok(ServiceProtocol::Ec2Query)) => Protocol::Ec2Query,
            Some(Ok(ServiceProtocol::AwsJson1_0) | Err(_)) | None => Protocol::AwsJson1_0,
        }
    }

    fn error_enum(&mut self, op_id: &ShapeId, errors: &[ShapeId]) -> ErrorEnumDef {
        let mut all: Vec<ShapeId> = errors
            .iter()
            .chain(self.selection.service_errors.iter())
            .cloned()
            .collect();
        all.sort_by(|a, b| a.name().cmp(b.name()).then_with(|| a.cmp(b)));
        all.dedup();
        let mut scope = Scope::new("variant");
        let mut diagnostics = Vec::new();
        let mut variants = Vec::new();
        for error in all {
            let Some(type_name) = self.type_names.get(&error).cloned() else {
                continue;
            };
            scope.claim(&type_name, &error, &mut diagnostics);
            let retry = self.retry_class(op_id, &error);
            let docs = self
                .model
                .get(&error)
                .and_then(|shape| shape.traits.documentation())
                .map(to_markdown_lines)
                .unwrap_or_default();
            let (code, query_code) = self.error_codes(&error);
            variants.push(ErrorVariant {
                rust_name: type_name.clone(),
                type_name,
                code,
                shape_name: error.name().to_owned(),
                query_code,
                retry,
                docs,
            });
        }
        self.diagnostics.extend(diagnostics);
        let unhandled = scope.catch_all("Unhandled", "UnhandledError");
        ErrorEnumDef {
            rust_name: self.generated_name(op_id, "Error"),
            variants,
            unhandled_variant: unhandled,
            format: self.error_format(),
        }
    }

    /// The override table first, then `@retryable`.
    fn retry_class(&mut self, op_id: &ShapeId, error: &ShapeId) -> Option<RetryClass> {
        if let Some(o) = self
            .config
            .retry_overrides
            .iter()
            .find(|o| o.operation == op_id.name() && o.error == error.name())
        {
            return Some(o.class);
        }
        let traits = self
            .model
            .get(error)
            .map(|s| s.traits.clone())
            .unwrap_or_default();
        let retryable: Option<RetryableTrait> = self.decode(error, &traits, ids::RETRYABLE);
        retryable.map(|r| {
            if r.throttling {
                RetryClass::Throttling
            } else {
                RetryClass::Transient
            }
        })
    }

    /// Splits `foo.{label}.` into literals and labels bound to input fields.
    fn host_prefix(
        &mut self,
        op_id: &ShapeId,
        template: &str,
        input: &StructDef,
    ) -> Option<Vec<HostPrefixPart>> {
        let mut parts = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                parts.push(HostPrefixPart::Literal(rest[..open].to_owned()));
            }
            let Some(close) = rest[open..].find('}') else {
                self.error(
                    op_id,
                    format!("@endpoint hostPrefix `{template}` has an unclosed `{{`"),
                );
                return None;
            };
            let label = &rest[open + 1..open + close];
            let Some(field) = input.fields.iter().find(|f| f.member_name() == label) else {
                self.error(
                    op_id,
                    format!("@endpoint hostPrefix label `{label}` is not a member of the input"),
                );
                return None;
            };
            let is_label = self
                .model
                .member(&field.member_id.parse().ok()?)
                .is_some_and(|m| m.traits.has(ids::HOST_LABEL));
            if !is_label || field.ty != crate::ir::RustType::String {
                self.error(op_id, format!("@endpoint hostPrefix label `{label}` must be a string member with @hostLabel"));
                return None;
            }
            parts.push(HostPrefixPart::Label {
                member: label.to_owned(),
                field: field.rust_name.clone(),
                optional: field.presence == Presence::Optional,
            });
            rest = &rest[open + close + 1..];
        }
        if !rest.is_empty() {
            parts.push(HostPrefixPart::Literal(rest.to_owned()));
        }
        Some(parts)
    }
}

/// `@auth([])` or `@optionalAuth` on the operation: sent unsigned.
fn auth(traits: &crate::model::Traits) -> AuthIr {
    let no_schemes = traits
        .get(ids::AUTH)
        .and_then(|v| v.as_array())
        .is_some_and(Vec::is_empty);
    if no_schemes || traits.has(ids::OPTIONAL_AUTH) {
        AuthIr::None
    } else {
        AuthIr::SigV4
    }
}
