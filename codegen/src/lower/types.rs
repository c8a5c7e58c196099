//! Rust value types of members and the serde codecs that carry them.

use crate::ir::{Codec, RustType};
use crate::lower::Lowerer;
use crate::model::traits::{ids, TimestampFormatTrait};
use crate::model::{Member, ShapeKind, SimpleType};
use crate::shape_id::ShapeId;

impl Lowerer<'_> {
    /// The Rust type of a member's value and how serde reads and writes it.
    pub(super) fn value_type(&mut self, member: &Member) -> (RustType, Codec) {
        self.value_type_depth(member, 0)
    }

    fn value_type_depth(&mut self, member: &Member, depth: usize) -> (RustType, Codec) {
        // Collections of collections nest at most a few levels in practice; a
        // guard keeps a pathological model from recursing without end.
        if depth > 32 {
            self.error(&member.id, "collections nest more than 32 levels deep");
            return (RustType::Document, Codec::Same);
        }
        let Some(target) = self.model.get(&member.target) else {
            return (RustType::Document, Codec::Same);
        };
        match &target.kind {
            ShapeKind::Simple(simple) => match simple {
                SimpleType::Blob if target.traits.has(ids::STREAMING) => {
                    (RustType::ByteStream, Codec::Same)
                }
                SimpleType::Blob => (RustType::Blob, Codec::Same),
                SimpleType::Boolean => (RustType::Bool, Codec::Same),
                SimpleType::String if target.traits.has(ids::ENUM) => self.named(&member.target),
                SimpleType::String => (RustType::String, Codec::Same),
                SimpleType::Byte => (RustType::I8, Codec::Same),
                SimpleType::Short => (RustType::I16, Codec::Same),
                SimpleType::Integer => (RustType::I32, Codec::Same),
                SimpleType::Long => (RustType::I64, Codec::Same),
                SimpleType::Float => (RustType::F32, Codec::Float),
                SimpleType::Double => (RustType::F64, Codec::Float),
                SimpleType::BigInteger => (RustType::BigInteger, Codec::Same),
                SimpleType::BigDecimal => (RustType::BigDecimal, Codec::Same),
                SimpleType::Document => (RustType::Document, Codec::Same),
                SimpleType::Timestamp => (RustType::DateTime, self.timestamp_codec(member)),
            },
            ShapeKind::Enum(_)
            | ShapeKind::IntEnum(_)
            | ShapeKind::Structure(_)
            | ShapeKind::Union(_) => self.named(&member.target),
            ShapeKind::List(item) => {
                let sparse = target.traits.has(ids::SPARSE);
                let item = item.clone();
                let (ty, codec) = self.value_type_depth(&item, depth + 1);
                let codec = if sparse {
                    Codec::Option(Box::new(codec))
                } else {
                    codec
                };
                (
                    RustType::List {
                        item: Box::new(ty),
                        sparse,
                    },
                    Codec::Vec(Box::new(codec)),
                )
            }
            ShapeKind::Map([_, value]) => {
                let sparse = target.traits.has(ids::SPARSE);
                let value = value.clone();
                let (ty, codec) = self.value_type_depth(&value, depth + 1);
                let codec = if sparse {
                    Codec::Option(Box::new(codec))
                } else {
                    codec
                };
                (
                    RustType::Map {
                        value: Box::new(ty),
                        sparse,
                    },
                    Codec::Map(Box::new(codec)),
                )
            }
            ShapeKind::Operation(_) | ShapeKind::Service(_) | ShapeKind::Resource(_) => {
                (RustType::Document, Codec::Same)
            }
        }
    }

    fn named(&self, id: &ShapeId) -> (RustType, Codec) {
        let name = self
            .type_names
            .get(id)
            .cloned()
            .unwrap_or_else(|| crate::naming::type_name(id.name()));
        (RustType::Named(name), Codec::Same)
    }

    /// `@timestampFormat` on the member, else on the target, else epoch seconds.
    fn timestamp_codec(&mut self, member: &Member) -> Codec {
        let on_member: Option<TimestampFormatTrait> =
            self.decode(&member.id, &member.traits, ids::TIMESTAMP_FORMAT);
        let format = match on_member {
            Some(f) => Some(f),
            None => match self.model.get(&member.target) {
                Some(target) => {
                    let traits = target.traits.clone();
                    self.decode(&member.target, &traits, ids::TIMESTAMP_FORMAT)
                }
                None => None,
            },
        };
        match format {
            None | Some(TimestampFormatTrait::EpochSeconds) => Codec::EpochSeconds,
            Some(TimestampFormatTrait::DateTime) => Codec::DateTimeString,
            Some(TimestampFormatTrait::HttpDate) => Codec::HttpDate,
        }
    }

    /// Whether a member's value must be redacted: the target (or, for
    /// collections, an item) is `@sensitive`, or the configuration says so.
    pub(super) fn is_sensitive(&self, member: &Member) -> bool {
        if self.config.sensitive_members.contains(&member.id) {
            return true;
        }
        let mut pending = vec![member.target.clone()];
        let mut seen = std::collections::BTreeSet::new();
        while let Some(id) = pending.pop() {
            if !seen.insert(id.clone()) {
                continue;
            }
            let Some(shape) = self.model.get(&id) else {
                continue;
            };
            if shape.traits.has(ids::SENSITIVE) {
                return true;
            }
            match &shape.kind {
                ShapeKind::List(item) => pending.push(item.target.clone()),
                ShapeKind::Map([key, value]) => {
                    pending.push(key.target.clone());
                    pending.push(value.target.clone());
                }
                _ => {}
            }
        }
        false
    }
}

/// Whether serde's derive handles the codec without an adapter.
pub(super) fn is_plain(codec: &Codec) -> bool {
    match codec {
        Codec::Same | Codec::EpochSeconds => true,
        Codec::Option(inner) | Codec::Vec(inner) | Codec::Map(inner) => is_plain(inner),
        Codec::Float | Codec::DateTimeString | Codec::HttpDate | Codec::OrZero(_) => false,
    }
}
