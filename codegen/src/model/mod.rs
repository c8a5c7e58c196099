//! The Smithy model: the JSON AST mirror, the loader, and the resolved shapes.

pub mod ast;
pub mod load;
pub mod protocol;
pub mod shape;
pub mod traits;
pub mod xml_traits;

pub use load::{load, ModelSource};
pub use shape::{Member, Model, Operation, Resource, Service, Shape, ShapeKind, SimpleType};
pub use traits::Traits;
