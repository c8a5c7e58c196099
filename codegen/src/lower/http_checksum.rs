//! `aws.protocols#httpChecksum`: the trait's members resolved to input
//! fields the client reads as text (the algorithm, the validation mode).

use serde::Deserialize;

use crate::ir::{HttpChecksumIr, Presence, StructDef, TextField};
use crate::lower::Lowerer;
use crate::model::{ShapeKind, SimpleType};
use crate::shape_id::ShapeId;

/// The trait id.
pub const HTTP_CHECKSUM: &str = "aws.protocols#httpChecksum";

/// The trait's value, as Smithy defines it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct HttpChecksumTrait {
    #[serde(default)]
    request_algorithm_member: Option<String>,
    #[serde(default)]
    request_checksum_required: bool,
    #[serde(default)]
    request_validation_mode_member: Option<String>,
    #[serde(default)]
    response_algorithms: Vec<String>,
}

impl Lowerer<'_> {
    /// The operation's `@httpChecksum`, when it has one; a member it names
    /// that the input lacks, or that is not a string or enum, is an error
    /// naming the operation and the member.
    pub(super) fn http_checksum(
        &mut self,
        op_id: &ShapeId,
        traits: &crate::model::Traits,
        input_id: Option<&ShapeId>,
        input: &StructDef,
    ) -> Option<HttpChecksumIr> {
        let value: HttpChecksumTrait = self.decode(op_id, traits, HTTP_CHECKSUM)?;
        let field = |lowerer: &mut Self, role: &str, member: &Option<String>| {
            let name = member.as_deref()?;
            lowerer.text_field(op_id, role, name, input_id, input)
        };
        let request_algorithm = field(
            self,
            "requestAlgorithmMember",
            &value.request_algorithm_member,
        );
        let validation_mode = field(
            self,
            "requestValidationModeMember",
            &value.request_validation_mode_member,
        );
        Some(HttpChecksumIr {
            request_algorithm,
            request_checksum_required: value.request_checksum_required,
            validation_mode,
            response_algorithms: value.response_algorithms,
        })
    }

    fn text_field(
        &mut self,
        op_id: &ShapeId,
        role: &str,
        member: &str,
        input_id: Option<&ShapeId>,
        input: &StructDef,
    ) -> Option<TextField> {
        let target = input_id
            .and_then(|id| self.model.get(id))
            .and_then(|shape| match &shape.kind {
                ShapeKind::Structure(members) => members
                    .iter()
                    .find(|m| m.name == member)
                    .map(|m| m.target.clone()),
                _ => None,
            });
        let Some(target) = target else {
            self.error(
                op_id,
                format!(
                    "@httpChecksum's {role} `{member}` is not a member of the operation's input"
                ),
            );
            return None;
        };
        let is_text = self.model.get(&target).is_some_and(|shape| {
            matches!(
                shape.kind,
                ShapeKind::Enum(_) | ShapeKind::Simple(SimpleType::String)
            )
        });
        let field = input.fields.iter().find(|f| f.member_name() == member);
        match field {
            Some(field) if is_text => Some(TextField {
                field: field.rust_name.clone(),
                optional: field.presence == Presence::Optional,
            }),
            _ => {
                self.error(
                    op_id,
                    format!("@httpChecksum's {role} `{member}` must be a string or enum member of the input"),
                );
                None
            }
        }
    }
}
