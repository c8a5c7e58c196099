//! Structures and their fields: optionality, defaults, docs, codecs.

use crate::docs::to_markdown_lines;
use crate::ir::{
    Codec, DefaultValue, ErrorInfo, ErrorMessage, FieldDef, OperationPart, Presence, Protocol,
    RustType, StructDef, StructOrigin, StructRole,
};
use crate::lower::checks::describe;
use crate::lower::types::is_plain;
use crate::lower::{Lowerer, Role};
use crate::model::traits::{ids, DeprecatedTrait, ErrorFault};
use crate::model::{Member, Shape, ShapeKind, Traits};
use crate::naming::{self, Scope};
use crate::shape_id::ShapeId;

/// The field an error structure keeps its `ErrorMetadata` in.
const METADATA_FIELD: &str = "metadata";

impl Lowerer<'_> {
    pub(super) fn lower_struct(&mut self, id: &ShapeId) -> StructDef {
        let model = self.model;
        let no_traits = Traits::default();
        let (members, traits) = match model.get(id) {
            Some(
                shape @ Shape {
                    kind: ShapeKind::Structure(members),
                    ..
                },
            ) => (members.as_slice(), &shape.traits),
            // Validation refuses inputs and outputs that are not structures,
            // and only structures are lowered with this.
            _ => {
                self.error(id, "is used as a structure, but is not one");
                (&[][..], &no_traits)
            }
        };
        let role = self.roles.get(id).copied().unwrap_or(Role::Plain);
        let rust_name = self
            .type_names
            .get(id)
            .cloned()
            .unwrap_or_else(|| naming::type_name(id.name()));

        let mut scope = Scope::new("field");
        if role == Role::Error {
            scope.reserve(METADATA_FIELD, "the error metadata field");
        }
        let mut diagnostics = Vec::new();
        let mut fields = Vec::new();
        for member in members {
            let field = self.lower_field(member, role);
            scope.claim(&field.rust_name, &member.id, &mut diagnostics);
            fields.push(field);
        }
        self.diagnostics.extend(diagnostics);

        let struct_role = match role {
            Role::Plain => StructRole::Plain,
            Role::Input => StructRole::Input,
            Role::Output => StructRole::Output,
            Role::Error => StructRole::Error(self.error_info(id, &fields)),
        };
        let sensitive = traits.has(ids::SENSITIVE);
        let deprecated = self.deprecation(id, traits);
        StructDef {
            origin: StructOrigin::Shape(id.to_string()),
            rust_name,
            docs: traits
                .documentation()
                .map(to_markdown_lines)
                .unwrap_or_default(),
            deprecated,
            role: struct_role,
            derive_default: fields.iter().all(|f| f.presence != Presence::Required),
            redact_debug: sensitive || fields.iter().any(|f| f.sensitive),
            sensitive,
            fields,
            fast_read: false,
        }
    }

    /// The empty input or output of an operation that declares none.
    pub(super) fn synthetic_struct(&mut self, op: &ShapeId, part: OperationPart) -> StructDef {
        let (suffix, role) = match part {
            OperationPart::Input => ("Input", StructRole::Input),
            OperationPart::Output => ("Output", StructRole::Output),
        };
        let rust_name = self.generated_name(op, suffix);
        StructDef {
            origin: StructOrigin::Synthetic {
                operation: op.to_string(),
                part,
            },
            docs: vec![format!(
                "The {} of `{}`, which the model leaves empty.",
                suffix.to_lowercase(),
                op.name()
            )],
            rust_name,
            deprecated: None,
            role,
            fields: Vec::new(),
            derive_default: true,
            redact_debug: false,
            sensitive: false,
            fast_read: false,
        }
    }

    fn error_info(&mut self, id: &ShapeId, fields: &[FieldDef]) -> ErrorInfo {
        let traits = self
            .model
            .get(id)
            .map(|s| s.traits.clone())
            .unwrap_or_default();
        let fault: Option<ErrorFault> = self.decode(id, &traits, ids::ERROR);
        let http_status: Option<u16> = self.decode(id, &traits, ids::HTTP_ERROR);
        let (headers, prefix_headers) =
            if matches!(self.protocol(), Protocol::RestJson1 | Protocol::RestXml) {
                self.error_headers(id)
            } else {
                (Vec::new(), None)
            };
        // awsQuery names and answers an error as `@awsQueryError` says.
        let query_error = self.aws_query_error(id);
        let (code, _) = self.error_codes(id);
        ErrorInfo {
            code,
            server_fault: fault == Some(ErrorFault::Server),
            http_status: http_status.or(query_error.map(|e| e.http_response_code)),
            message: error_message(fields),
            metadata_field: METADATA_FIELD.to_owned(),
            headers,
            prefix_headers,
        }
    }

    pub(super) fn deprecation(
        &mut self,
        id: &ShapeId,
        traits: &crate::model::Traits,
    ) -> Option<String> {
        let deprecated: Option<DeprecatedTrait> = self.decode(id, traits, ids::DEPRECATED);
        deprecated.map(|d| match (d.message, d.since) {
            (Some(m), Some(s)) => format!("{m} (since {s})"),
            (Some(m), None) => m,
            (None, Some(s)) => format!("deprecated since {s}"),
            (None, None) => "deprecated".to_owned(),
        })
    }

    fn lower_field(&mut self, member: &Member, role: Role) -> FieldDef {
        let (ty, value_codec) = self.value_type(member);
        let presence = self.presence(member, role, &ty);
        let is_aggregate = matches!(ty, RustType::Named(_))
            && matches!(
                self.model.get(&member.target).map(|s| &s.kind),
                Some(ShapeKind::Structure(_) | ShapeKind::Union(_))
            );
        // Error correction is for a client reading what a service sent: an
        // operation input read from JSON must carry its required members, and
        // structures and unions have no zero value.
        let zero_on_missing =
            presence == Presence::Required && !is_aggregate && role != Role::Input;
        let codec = match &presence {
            Presence::Optional => Codec::Option(Box::new(value_codec)),
            Presence::Required if zero_on_missing => Codec::OrZero(Box::new(value_codec)),
            Presence::Required => value_codec,
            Presence::Defaulted(DefaultValue::Empty) => Codec::OrZero(Box::new(value_codec)),
            // The emitter reads `Option<value codec>` and fills in the default
            // for null as for a missing key; the codec here is how the value
            // itself is written.
            Presence::Defaulted(_) => value_codec,
        };
        let codec = match (&presence, is_plain(&codec)) {
            (Presence::Defaulted(d), _) if *d != DefaultValue::Empty => Some(codec),
            (_, true) => None,
            (_, false) => Some(codec),
        };
        let container = member.id.root();
        let boxed = self.needs_box(&container, member);
        let checks = self.member_checks(member, 0);
        let docs = self.field_docs(member, &presence, &checks);
        let deprecated = self.deprecation(&member.id, &member.traits);
        FieldDef {
            member_id: member.id.to_string(),
            setter: (presence != Presence::Required)
                .then(|| naming::setter_name(&naming::field_name(&member.name))),
            rust_name: naming::field_name(&member.name),
            wire_name: self.json_key(member),
            docs,
            deprecated,
            ty,
            presence,
            boxed,
            codec,
            zero_on_missing,
            sensitive: self.is_sensitive(member),
            checks,
        }
    }

    /// Smithy 2.0 client optionality (PROTOCOL §1.6), with one deliberate
    /// difference: `@required` members of an operation input are constructor
    /// arguments, so a request missing one cannot be built. A `@required`
    /// member with a default takes the default wherever it is: a request
    /// cannot lack it, and a response that leaves it out gets the default
    /// rather than a zero value.
    fn presence(&mut self, member: &Member, role: Role, ty: &RustType) -> Presence {
        let default = self.member_default(member, ty);
        if member.traits.has(ids::CLIENT_OPTIONAL) {
            return Presence::Optional;
        }
        if member.traits.has(ids::REQUIRED) {
            return default.map_or(Presence::Required, Presence::Defaulted);
        }
        if role == Role::Input || member.traits.has(ids::ADDED_DEFAULT) {
            return Presence::Optional;
        }
        default.map_or(Presence::Optional, Presence::Defaulted)
    }

    fn field_docs(
        &self,
        member: &Member,
        presence: &Presence,
        checks: &[crate::ir::Check],
    ) -> Vec<String> {
        let doc = member.traits.documentation().or_else(|| {
            self.model
                .get(&member.target)
                .and_then(|t| t.traits.documentation())
        });
        let mut lines = doc.map(to_markdown_lines).unwrap_or_default();
        let mut facts = Vec::new();
        match presence {
            Presence::Required => facts.push("Required.".to_owned()),
            Presence::Defaulted(_) => {
                if member.traits.has(ids::REQUIRED) {
                    facts.push(
                        "Required, with a default: always sent, and read as the default when left out."
                            .to_owned(),
                    );
                }
                let value = member.traits.get(ids::DEFAULT).or_else(|| {
                    self.model
                        .get(&member.target)
                        .and_then(|t| t.traits.get(ids::DEFAULT))
                });
                if let Some(v) = value {
                    facts.push(format!("Default: `{v}`."));
                }
            }
            Presence::Optional if member.traits.has(ids::REQUIRED) => facts
                .push("Required by the service, but optional here (`@clientOptional`).".to_owned()),
            Presence::Optional => {}
        }
        facts.extend(describe(checks));
        if !facts.is_empty() {
            if !lines.is_empty() {
                lines.push(String::new());
            }
            lines.extend(facts);
        }
        lines
    }
}

impl Lowerer<'_> {
    /// A member's key in a JSON body: `@jsonName` in restJson1 (awsJson
    /// ignores it, as its specification says), else the member name.
    pub(super) fn json_key(&self, member: &Member) -> String {
        let json_name = member.traits.get(ids::JSON_NAME).and_then(|v| v.as_str());
        match (self.protocol(), json_name) {
            (Protocol::RestJson1, Some(name)) => name.to_owned(),
            _ => member.name.clone(),
        }
    }
}

/// The error's string member named `message` (in any case), and whether the
/// field holding it is an `Option`.
fn error_message(fields: &[FieldDef]) -> ErrorMessage {
    let Some(field) = fields
        .iter()
        .find(|f| f.member_name().eq_ignore_ascii_case("message") && f.ty == RustType::String)
    else {
        return ErrorMessage::Absent;
    };
    let name = field.rust_name.clone();
    match field.presence {
        Presence::Optional => ErrorMessage::Optional { field: name },
        Presence::Required | Presence::Defaulted(_) => ErrorMessage::Always { field: name },
    }
}

/// The wire value of an enum member: `@enumValue`, else the member name.
pub(super) fn enum_value_of(member: &Member) -> String {
    member
        .traits
        .get(ids::ENUM_VALUE)
        .and_then(|v| v.as_str())
        .map(str::to_owned)
        .unwrap_or_else(|| member.name.clone())
}
