//! The operations of the XML protocols: an awsQuery or ec2Query operation's
//! `Action`, `Version` and result element; a restXml operation's HTTP
//! bindings (`http_binding.rs`, shared with restJson1) and the root
//! elements of its bodies. (How each protocol's errors are read and named
//! is `error_codes.rs`'s.)

use crate::ir::{
    BodyBinding, MessageBinding, OperationBinding, PayloadKind, Protocol, QueryOperation,
    QueryStyle, ResponseRoot, RestXmlBinding, XmlNamespaceIr, XmlRoot,
};
use crate::lower::xml::{namespace_ir, xml_name};
use crate::lower::Lowerer;
use crate::model::xml_traits::{ids, XmlNamespaceTrait};
use crate::model::{Operation, ShapeKind, Traits};
use crate::shape_id::ShapeId;

impl Lowerer<'_> {
    /// The binding of an operation of an XML protocol; `None` for the
    /// other protocols, or after reporting why it cannot be made.
    pub(super) fn xml_operation_binding(
        &mut self,
        op_id: &ShapeId,
        traits: &Traits,
        op: &Operation,
    ) -> Option<OperationBinding> {
        let version = match self.model.get(&self.selection.service).map(|s| &s.kind) {
            Some(ShapeKind::Service(service)) => service.version.clone(),
            _ => String::new(),
        };
        let query = |style| {
            OperationBinding::Query(QueryOperation {
                style,
                action: op_id.name().to_owned(),
                version: version.clone(),
            })
        };
        match self.protocol() {
            Protocol::AwsQuery => Some(query(QueryStyle::AwsQuery {
                result: format!("{}Result", op_id.name()),
            })),
            Protocol::Ec2Query => Some(query(QueryStyle::Ec2Query)),
            Protocol::RestXml => {
                let mut rest =
                    self.rest_binding(op_id, traits, op.input.as_ref(), op.output.as_ref())?;
                xml_payloads(&mut rest.request.message);
                xml_payloads(&mut rest.response);
                let request_root = self.request_root(op, &rest.request.message);
                let response_root =
                    if traits.has(crate::model::traits::ids::S3_UNWRAPPED_XML_OUTPUT) {
                        ResponseRoot::Member
                    } else {
                        ResponseRoot::Wrapper
                    };
                Some(OperationBinding::RestXml(Box::new(RestXmlBinding {
                    rest,
                    request_root,
                    response_root,
                })))
            }
            Protocol::AwsJson1_0
            | Protocol::AwsJson1_1
            | Protocol::RestJson1
            | Protocol::RpcV2Cbor => None,
        }
    }

    fn service_traits(&self) -> Traits {
        self.model
            .get(&self.selection.service)
            .map(|s| s.traits.clone())
            .unwrap_or_default()
    }

    /// The service's `@xmlNamespace`, which a body's root takes when its
    /// structure has none.
    fn service_namespace(&mut self) -> Option<XmlNamespaceIr> {
        let id = self.selection.service.clone();
        let traits = self.service_traits();
        let ns: Option<XmlNamespaceTrait> = self.decode(&id, &traits, ids::XML_NAMESPACE);
        ns.map(namespace_ir)
    }

    /// The root of a restXml request body: the input structure's (its
    /// `@xmlName` or shape name), or a structure or union payload's (the
    /// member's `@xmlName`, else the target's, else the target's name); its
    /// namespace the member's, else the structure's, else the service's.
    fn request_root(&mut self, op: &Operation, message: &MessageBinding) -> XmlRoot {
        let Some(input) = op.input.clone() else {
            return XmlRoot::default();
        };
        let (shape_id, member) = match &message.body {
            BodyBinding::Payload(payload) => {
                let member = match self.model.get(&input).map(|s| &s.kind) {
                    Some(ShapeKind::Structure(members)) => {
                        members.get(payload.member.field).cloned()
                    }
                    _ => None,
                };
                match member {
                    Some(member) => (member.target.clone(), Some(member)),
                    None => return XmlRoot::default(),
                }
            }
            BodyBinding::Members(_) | BodyBinding::Empty => (input, None),
        };
        let traits = self
            .model
            .get(&shape_id)
            .map(|s| s.traits.clone())
            .unwrap_or_default();
        let name = member
            .as_ref()
            .and_then(|m| xml_name(&m.traits))
            .or_else(|| xml_name(&traits))
            .unwrap_or(shape_id.name())
            .to_owned();
        let member_ns = member.as_ref().and_then(|m| self.xml_namespace(m));
        let shape_ns: Option<XmlNamespaceTrait> =
            self.decode(&shape_id, &traits, ids::XML_NAMESPACE);
        let namespace = member_ns
            .or_else(|| shape_ns.map(namespace_ir))
            .or_else(|| self.service_namespace());
        XmlRoot { name, namespace }
    }
}

/// A structure or union payload is an XML document, whatever the JSON
/// default the shared HTTP binding lowering chose.
fn xml_payloads(message: &mut MessageBinding) {
    if let BodyBinding::Payload(payload) = &mut message.body {
        if matches!(payload.kind, PayloadKind::Structure | PayloadKind::Union)
            && payload.content_type == "application/json"
        {
            payload.content_type = "application/xml".to_owned();
        }
    }
}
