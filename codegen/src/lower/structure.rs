//! Structures and their fields: optionality, defaults, docs, codecs.

use crate::docs::to_markdown_lines;
use crate::ir::{
    Codec, DefaultValue, ErrorInfo, ErrorMessage, FieldDef, Presence, Protocol, RustType,
    StructDef, StructRole,
};
use crate::lower::checks::describe;
use crate::lower::types::is_plain;
use crate::lower::{Lowerer, Role};
use crate::model::traits::{ids, DeprecatedTrait, ErrorFault};
use crate::model::{Member, ShapeKind};
use crate::naming::{self, Scope};
use crate::shape_id::ShapeId;

/// The field an error structure keeps its `ErrorMetadata` in.
const METADATA_FIELD: &str = "metadata";

impl Lowerer<'_> {
    pub(super) fn lower_struct(&mut self, id: &ShapeId) -> StructDef {
        let model = self.model;
        let shape = model.get(id);
        let Some(shape) = shape else {
            return self.synthetic_struct(id, "Missing");
        };
        let ShapeKind::Structure(members) = &shape.kind else {
            return self.synthetic_struct(id, "Missing");
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
        let sensitive = shape.traits.has(ids::SENSITIVE);
        let deprecated = self.deprecation(id, &shape.traits);
        StructDef {
            shape_id: id.to_string(),
            rust_name,
            docs: shape
                .traits
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
    pub(super) fn synthetic_struct(&mut self, op: &ShapeId, suffix: &str) -> StructDef {
        let suffix: &'static str = if suffix == "Input" { "Input" } else { "Output" };
        let rust_name = self.generated_name(op, suffix);
        let role = if suffix == "Input" {
            StructRole::Input
        } else {
            StructRole::Output
        };
        StructDef {
            shape_id: format!("{op}$synthetic"),
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
        let (headers, prefix_headers) = if self.protocol() == Protocol::RestJson1 {
            self.error_headers(id)
        } else {
            (Vec::new(), None)
        };
        ErrorInfo {
            code: id.name().to_owned(),
            server_fault: fault == Some(ErrorFault::Server),
            http_status,
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
        let zero_on_missing = presence == Presence::Required && !is_aggregate;
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
    /// arguments, so a request missing one cannot be built.
    fn presence(&mut self, member: &Member, role: Role, ty: &RustType) -> Presence {
        if member.traits.has(ids::CLIENT_OPTIONAL) {
            return Presence::Optional;
        }
        if member.traits.has(ids::REQUIRED) {
            return Presence::Required;
        }
        if role == Role::Input || member.traits.has(ids::ADDED_DEFAULT) {
            return Presence::Optional;
        }
        let default = match member.traits.get(ids::DEFAULT) {
            Some(v) => Some(v.clone()),
            None => self
                .model
                .get(&member.target)
                .and_then(|t| t.traits.get(ids::DEFAULT))
                .cloned(),
        };
        match default {
            None | Some(serde_json::Value::Null) => Presence::Optional,
            Some(value) => match self.default_value(member, ty, &value) {
                Some(DefaultValue::Int(i)) if !int_fits(i, ty) => {
                    self.error(
                        &member.id,
                        format!("@default {value} does not fit the member's {ty:?} type"),
                    );
                    Presence::Optional
                }
                Some(d) => Presence::Defaulted(d),
                None => {
                    self.warn(&member.id, format!("@default {value} cannot be expressed for this type; the field is optional"));
                    Presence::Optional
                }
            },
        }
    }

    fn default_value(
        &self,
        member: &Member,
        ty: &RustType,
        value: &serde_json::Value,
    ) -> Option<DefaultValue> {
        use serde_json::Value as J;
        match (ty, value) {
            (RustType::Bool, J::Bool(b)) => Some(DefaultValue::Bool(*b)),
            (RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64, J::Number(n)) => {
                n.as_i64().map(DefaultValue::Int)
            }
            (RustType::F32 | RustType::F64, J::Number(n)) => n.as_f64().map(DefaultValue::Float),
            (RustType::String, J::String(s)) => Some(DefaultValue::String(s.clone())),
            (RustType::List { .. }, J::Array(a)) if a.is_empty() => Some(DefaultValue::Empty),
            (RustType::Map { .. }, J::Object(o)) if o.is_empty() => Some(DefaultValue::Empty),
            (RustType::Blob, J::String(s)) if s.is_empty() => Some(DefaultValue::Empty),
            // Text that is not base64 is no blob: reported as inexpressible.
            (RustType::Blob, J::String(s)) => {
                use awsgen_types::protocol::rest::text::FromHttpText as _;
                awsgen_types::Blob::from_http_text(s)
                    .ok()
                    .map(|blob| DefaultValue::Blob(blob.into_inner()))
            }
            (RustType::DateTime, J::Number(n)) if n.as_f64() == Some(0.0) => {
                Some(DefaultValue::Empty)
            }
            (RustType::Document, J::Null) => Some(DefaultValue::Empty),
            (RustType::Document, value) => Some(DefaultValue::Document(value.clone())),
            (RustType::Named(_), J::String(s)) => {
                let target = self.model.get(&member.target)?;
                let members = match &target.kind {
                    ShapeKind::Enum(m) => m,
                    _ => return None,
                };
                members
                    .iter()
                    .find(|m| enum_value_of(m) == *s)
                    .map(|m| DefaultValue::EnumVariant(naming::variant_name(&m.name)))
            }
            (RustType::Named(_), J::Number(n)) => n.as_i64().map(DefaultValue::IntEnum),
            _ => None,
        }
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
                if let Some(v) = member.traits.get(ids::DEFAULT) {
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

/// Whether an integer default fits the field's Rust type (a wrapped value
/// would be silently wrong).
fn int_fits(value: i64, ty: &RustType) -> bool {
    match ty {
        RustType::I8 => i8::try_from(value).is_ok(),
        RustType::I16 => i16::try_from(value).is_ok(),
        RustType::I32 => i32::try_from(value).is_ok(),
        _ => true,
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
