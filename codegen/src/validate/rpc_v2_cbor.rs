//! Shapes rpcv2Cbor cannot carry here. The spec says document types are
//! not supported in the protocol, and that an implementation without
//! arbitrary precision should refuse `bigInteger` and `bigDecimal` when
//! generating code; this one writes neither CBOR bignums (tags 2 and 3)
//! nor decimal fractions (tag 4) yet. Each member that targets one is an
//! error naming it.

use crate::diagnostic::Diagnostic;
use crate::model::{Model, ShapeKind, SimpleType};
use crate::select::Selection;

pub(super) fn check_members(model: &Model, selection: &Selection, out: &mut Vec<Diagnostic>) {
    for id in &selection.closure {
        let Some(shape) = model.get(id) else { continue };
        if matches!(shape.kind, ShapeKind::Enum(_) | ShapeKind::IntEnum(_)) {
            continue;
        }
        for member in shape.members() {
            let why = match model.get(&member.target).map(|t| &t.kind) {
                Some(ShapeKind::Simple(SimpleType::Document)) => {
                    "documents are not supported by smithy.protocols#rpcv2Cbor"
                }
                Some(ShapeKind::Simple(SimpleType::BigInteger | SimpleType::BigDecimal)) => {
                    "bigInteger and bigDecimal (CBOR tags 2, 3 and 4) are not supported \
                     under smithy.protocols#rpcv2Cbor yet"
                }
                _ => continue,
            };
            out.push(Diagnostic::error(
                &member.id,
                format!("targets `{}`: {why}", member.target),
            ));
        }
    }
}
