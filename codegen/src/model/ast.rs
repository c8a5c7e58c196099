//! A faithful serde mirror of the Smithy JSON AST. Nothing is resolved here:
//! shape IDs are still strings and mixins are not applied.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde::Deserialize;

/// Trait ID (still a string) to its node value. Trait values are arbitrary
/// Smithy nodes; the traits codegen understands are decoded into typed structs
/// later (see `model::traits`).
pub type AstTraits = BTreeMap<String, serde_json::Value>;

/// A whole model file. Shapes are kept as raw JSON until each is decoded on
/// its own, so an error names the shape it is in.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AstDocument {
    pub smithy: String,
    #[serde(default)]
    pub metadata: BTreeMap<String, serde_json::Value>,
    /// Raw JSON per shape: decoding each from its own text keeps member
    /// order (serde_json's `Value` would sort keys) and scopes errors.
    #[serde(default)]
    pub shapes: IndexMap<String, Box<serde_json::value::RawValue>>,
}

/// `{ "target": "ns#Shape" }`
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AstRef {
    pub target: String,
}

/// A member: a target plus member traits.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AstMember {
    pub target: String,
    #[serde(default)]
    pub traits: AstTraits,
}

/// The shapes of the JSON AST, keyed by their `type` property.
// Shapes are decoded one at a time and resolved at once; boxing the larger
// variants would only add indirection.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum AstShape {
    Blob(AstSimple),
    Boolean(AstSimple),
    String(AstSimple),
    Byte(AstSimple),
    Short(AstSimple),
    Integer(AstSimple),
    Long(AstSimple),
    Float(AstSimple),
    Double(AstSimple),
    BigInteger(AstSimple),
    BigDecimal(AstSimple),
    Timestamp(AstSimple),
    Document(AstSimple),
    Enum(AstMembers),
    IntEnum(AstMembers),
    List(AstList),
    /// Smithy 1.0 only; read as a list with `@uniqueItems`.
    Set(AstList),
    Map(AstMap),
    Structure(AstMembers),
    Union(AstMembers),
    Operation(AstOperation),
    Service(AstService),
    Resource(AstResource),
    Apply(AstApply),
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AstSimple {
    #[serde(default)]
    pub traits: AstTraits,
    #[serde(default)]
    pub mixins: Vec<AstRef>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AstMembers {
    #[serde(default)]
    pub members: IndexMap<String, AstMember>,
    #[serde(default)]
    pub traits: AstTraits,
    #[serde(default)]
    pub mixins: Vec<AstRef>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AstList {
    pub member: AstMember,
    #[serde(default)]
    pub traits: AstTraits,
    #[serde(default)]
    pub mixins: Vec<AstRef>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AstMap {
    pub key: AstMember,
    pub value: AstMember,
    #[serde(default)]
    pub traits: AstTraits,
    #[serde(default)]
    pub mixins: Vec<AstRef>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AstOperation {
    pub input: Option<AstRef>,
    pub output: Option<AstRef>,
    #[serde(default)]
    pub errors: Vec<AstRef>,
    #[serde(default)]
    pub traits: AstTraits,
    #[serde(default)]
    pub mixins: Vec<AstRef>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AstService {
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub operations: Vec<AstRef>,
    #[serde(default)]
    pub resources: Vec<AstRef>,
    #[serde(default)]
    pub errors: Vec<AstRef>,
    #[serde(default)]
    pub rename: BTreeMap<String, String>,
    #[serde(default)]
    pub traits: AstTraits,
    #[serde(default)]
    pub mixins: Vec<AstRef>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AstResource {
    #[serde(default)]
    pub identifiers: IndexMap<String, AstRef>,
    #[serde(default)]
    pub properties: IndexMap<String, AstRef>,
    pub create: Option<AstRef>,
    pub put: Option<AstRef>,
    pub read: Option<AstRef>,
    pub update: Option<AstRef>,
    pub delete: Option<AstRef>,
    pub list: Option<AstRef>,
    #[serde(default)]
    pub operations: Vec<AstRef>,
    #[serde(default)]
    pub collection_operations: Vec<AstRef>,
    #[serde(default)]
    pub resources: Vec<AstRef>,
    #[serde(default)]
    pub traits: AstTraits,
    #[serde(default)]
    pub mixins: Vec<AstRef>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AstApply {
    #[serde(default)]
    pub traits: AstTraits,
}

impl AstShape {
    /// The shape's own traits (mutable, for `apply` and merging).
    pub fn traits_mut(&mut self) -> &mut AstTraits {
        match self {
            AstShape::Blob(s)
            | AstShape::Boolean(s)
            | AstShape::String(s)
            | AstShape::Byte(s)
            | AstShape::Short(s)
            | AstShape::Integer(s)
            | AstShape::Long(s)
            | AstShape::Float(s)
            | AstShape::Double(s)
            | AstShape::BigInteger(s)
            | AstShape::BigDecimal(s)
            | AstShape::Timestamp(s)
            | AstShape::Document(s) => &mut s.traits,
            AstShape::Enum(s)
            | AstShape::IntEnum(s)
            | AstShape::Structure(s)
            | AstShape::Union(s) => &mut s.traits,
            AstShape::List(s) | AstShape::Set(s) => &mut s.traits,
            AstShape::Map(s) => &mut s.traits,
            AstShape::Operation(s) => &mut s.traits,
            AstShape::Service(s) => &mut s.traits,
            AstShape::Resource(s) => &mut s.traits,
            AstShape::Apply(s) => &mut s.traits,
        }
    }

    /// The mixins the shape names.
    pub fn mixins(&self) -> &[AstRef] {
        match self {
            AstShape::Blob(s)
            | AstShape::Boolean(s)
            | AstShape::String(s)
            | AstShape::Byte(s)
            | AstShape::Short(s)
            | AstShape::Integer(s)
            | AstShape::Long(s)
            | AstShape::Float(s)
            | AstShape::Double(s)
            | AstShape::BigInteger(s)
            | AstShape::BigDecimal(s)
            | AstShape::Timestamp(s)
            | AstShape::Document(s) => &s.mixins,
            AstShape::Enum(s)
            | AstShape::IntEnum(s)
            | AstShape::Structure(s)
            | AstShape::Union(s) => &s.mixins,
            AstShape::List(s) | AstShape::Set(s) => &s.mixins,
            AstShape::Map(s) => &s.mixins,
            AstShape::Operation(s) => &s.mixins,
            AstShape::Service(s) => &s.mixins,
            AstShape::Resource(s) => &s.mixins,
            AstShape::Apply(_) => &[],
        }
    }

    /// The `type` keyword of the shape, as written in the AST.
    pub fn type_name(&self) -> &'static str {
        match self {
            AstShape::Blob(_) => "blob",
            AstShape::Boolean(_) => "boolean",
            AstShape::String(_) => "string",
            AstShape::Byte(_) => "byte",
            AstShape::Short(_) => "short",
            AstShape::Integer(_) => "integer",
            AstShape::Long(_) => "long",
            AstShape::Float(_) => "float",
            AstShape::Double(_) => "double",
            AstShape::BigInteger(_) => "bigInteger",
            AstShape::BigDecimal(_) => "bigDecimal",
            AstShape::Timestamp(_) => "timestamp",
            AstShape::Document(_) => "document",
            AstShape::Enum(_) => "enum",
            AstShape::IntEnum(_) => "intEnum",
            AstShape::List(_) => "list",
            AstShape::Set(_) => "set",
            AstShape::Map(_) => "map",
            AstShape::Structure(_) => "structure",
            AstShape::Union(_) => "union",
            AstShape::Operation(_) => "operation",
            AstShape::Service(_) => "service",
            AstShape::Resource(_) => "resource",
            AstShape::Apply(_) => "apply",
        }
    }
}
