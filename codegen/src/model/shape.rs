//! The resolved model: shape IDs parsed, mixins flattened, `apply` merged,
//! the prelude included.

use std::collections::BTreeMap;

use crate::model::traits::Traits;
use crate::shape_id::ShapeId;

/// Every shape of the loaded model files plus the prelude, by ID.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub(crate) shapes: BTreeMap<ShapeId, Shape>,
}

impl Model {
    /// The shape with this (non-member) ID.
    pub fn get(&self, id: &ShapeId) -> Option<&Shape> {
        self.shapes.get(id)
    }

    /// All shapes, in shape-ID order.
    pub fn shapes(&self) -> impl Iterator<Item = &Shape> {
        self.shapes.values()
    }

    /// The member with this member ID, if both shape and member exist.
    pub fn member(&self, id: &ShapeId) -> Option<&Member> {
        let name = id.member()?;
        self.get(&id.root())?
            .members()
            .iter()
            .find(|m| m.name == name)
    }

    /// The service shapes of the model, in ID order.
    pub fn services(&self) -> impl Iterator<Item = &Shape> {
        self.shapes()
            .filter(|s| matches!(s.kind, ShapeKind::Service(_)))
    }
}

/// One shape.
#[derive(Debug, Clone)]
pub struct Shape {
    pub id: ShapeId,
    pub kind: ShapeKind,
    pub traits: Traits,
}

impl Shape {
    /// Members of a structure, union, enum or intEnum; the single member of a
    /// list; key and value of a map; empty for everything else.
    pub fn members(&self) -> &[Member] {
        match &self.kind {
            ShapeKind::Structure(m)
            | ShapeKind::Union(m)
            | ShapeKind::Enum(m)
            | ShapeKind::IntEnum(m) => m,
            ShapeKind::List(m) => std::slice::from_ref(m),
            ShapeKind::Map(kv) => kv.as_slice(),
            _ => &[],
        }
    }

    /// The Smithy type keyword, for messages.
    pub fn type_name(&self) -> &'static str {
        self.kind.type_name()
    }
}

/// The simple (scalar) shape types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SimpleType {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Document,
}

/// What kind of shape it is, with its references resolved to IDs.
#[derive(Debug, Clone)]
pub enum ShapeKind {
    Simple(SimpleType),
    Enum(Vec<Member>),
    IntEnum(Vec<Member>),
    List(Member),
    /// `[key, value]`
    Map([Member; 2]),
    Structure(Vec<Member>),
    Union(Vec<Member>),
    Operation(Operation),
    Service(Service),
    Resource(Resource),
}

impl ShapeKind {
    /// The Smithy type keyword.
    pub fn type_name(&self) -> &'static str {
        match self {
            ShapeKind::Simple(t) => match t {
                SimpleType::Blob => "blob",
                SimpleType::Boolean => "boolean",
                SimpleType::String => "string",
                SimpleType::Byte => "byte",
                SimpleType::Short => "short",
                SimpleType::Integer => "integer",
                SimpleType::Long => "long",
                SimpleType::Float => "float",
                SimpleType::Double => "double",
                SimpleType::BigInteger => "bigInteger",
                SimpleType::BigDecimal => "bigDecimal",
                SimpleType::Timestamp => "timestamp",
                SimpleType::Document => "document",
            },
            ShapeKind::Enum(_) => "enum",
            ShapeKind::IntEnum(_) => "intEnum",
            ShapeKind::List(_) => "list",
            ShapeKind::Map(_) => "map",
            ShapeKind::Structure(_) => "structure",
            ShapeKind::Union(_) => "union",
            ShapeKind::Operation(_) => "operation",
            ShapeKind::Service(_) => "service",
            ShapeKind::Resource(_) => "resource",
        }
    }
}

/// A member of an aggregate shape (or of an enum).
#[derive(Debug, Clone)]
pub struct Member {
    /// `ns#Shape$name`
    pub id: ShapeId,
    /// The member name as modeled: also its JSON key under awsJson.
    pub name: String,
    pub target: ShapeId,
    pub traits: Traits,
}

/// An operation shape.
#[derive(Debug, Clone)]
pub struct Operation {
    /// `None` means `smithy.api#Unit`.
    pub input: Option<ShapeId>,
    pub output: Option<ShapeId>,
    pub errors: Vec<ShapeId>,
}

/// A service shape.
#[derive(Debug, Clone)]
pub struct Service {
    pub version: String,
    pub operations: Vec<ShapeId>,
    pub resources: Vec<ShapeId>,
    pub errors: Vec<ShapeId>,
    pub rename: BTreeMap<ShapeId, String>,
}

/// A resource shape: only what leads to operations and nested resources matters here.
#[derive(Debug, Clone)]
pub struct Resource {
    /// Lifecycle operations, `operations` and `collectionOperations`, in model order.
    pub operations: Vec<ShapeId>,
    pub resources: Vec<ShapeId>,
}
