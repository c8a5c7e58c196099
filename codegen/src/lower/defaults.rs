//! `@default` values: the model's node value checked against the member's
//! type and made a typed [`DefaultValue`]. A value of the wrong kind is an
//! error naming the shape or member that carries it, never a field quietly
//! left optional.

use serde_json::Value as J;

use crate::ir::{DefaultValue, DocumentNumber, DocumentValue, FloatValue, IntValue, RustType};
use crate::lower::structure::enum_value_of;
use crate::lower::Lowerer;
use crate::model::traits::{ids, LegacyEnumEntry};
use crate::model::{Member, ShapeKind, SimpleType};
use crate::naming;
use crate::shape_id::ShapeId;

/// The largest integer an `f64` holds exactly: a JSON AST number beyond
/// 64 bits reaches the generator as an `f64`, so only this much of it is exact.
const F64_EXACT_INTEGER: f64 = 9_007_199_254_740_992.0;

impl Lowerer<'_> {
    /// The member's effective default: its own `@default`, else its
    /// target's. `None` when there is none, when the member's is `null`
    /// (which opts out of the target's), for a `@streaming` blob (whose only
    /// default is the empty stream, which the field's `None` already is), and
    /// when the value is wrong for the type (reported against the shape or
    /// member carrying it). Checked whatever the member's role, so a wrong
    /// default is reported even where the field ends up optional.
    pub(super) fn member_default(
        &mut self,
        member: &Member,
        ty: &RustType,
    ) -> Option<DefaultValue> {
        let own = member.traits.get(ids::DEFAULT);
        // A root-level `null` is not valid Smithy; it gives no default either.
        let inherited = self
            .model
            .get(&member.target)
            .and_then(|target| target.traits.get(ids::DEFAULT))
            .filter(|value| !value.is_null());
        match (own, inherited) {
            (Some(J::Null), _) | (None, None) => None,
            (None, Some(value)) => self.checked_default(&member.target, member, ty, value),
            (Some(value), None) => self.checked_default(&member.id, member, ty, value),
            (Some(value), Some(target_value)) => {
                let typed = self.checked_default(&member.id, member, ty, value)?;
                let inherited = self.checked_default(&member.target, member, ty, target_value)?;
                if typed != inherited {
                    self.error(
                        &member.id,
                        format!(
                            "@default {value} differs from the @default {target_value} of its target `{}`; Smithy requires a member to repeat its target's default (or set null to have none)",
                            member.target
                        ),
                    );
                    return None;
                }
                Some(typed)
            }
        }
    }

    /// `value` as a default of the member's type, or an error about `carrier`.
    fn checked_default(
        &mut self,
        carrier: &ShapeId,
        member: &Member,
        ty: &RustType,
        value: &J,
    ) -> Option<DefaultValue> {
        match self.typed_default(member, ty, value) {
            Ok(typed) => typed,
            Err(reason) => {
                let kind = self
                    .model
                    .get(&member.target)
                    .map_or("unknown", |target| target.type_name());
                self.error(
                    carrier,
                    format!("@default {value} cannot be the default of a {kind}: {reason}"),
                );
                None
            }
        }
    }

    /// `Ok(None)` for a value that gives the field no default of its own
    /// (`null`, a stream's `""`); `Err` says what Smithy allows instead.
    fn typed_default(
        &self,
        member: &Member,
        ty: &RustType,
        value: &J,
    ) -> Result<Option<DefaultValue>, String> {
        if value.is_null() {
            return Ok(None);
        }
        let typed = match ty {
            RustType::Bool => DefaultValue::Bool(value.as_bool().ok_or("it must be a boolean")?),
            RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64 => {
                DefaultValue::Int(int_value(ty, value)?)
            }
            RustType::F32 | RustType::F64 => DefaultValue::Float(float_value(ty, value)?),
            RustType::String => DefaultValue::String(string(value)?.to_owned()),
            RustType::Blob => {
                let text = string(value).map_err(|_| "it must be base64 text")?;
                let blob: awsgen_types::Blob = serde_json::from_value(J::String(text.to_owned()))
                    .map_err(|e| format!("it is not base64 ({e})"))?;
                DefaultValue::Blob(blob.into_inner())
            }
            RustType::ByteStream => match value {
                J::String(text) if text.is_empty() => return Ok(None),
                _ => {
                    return Err(
                        "a @streaming blob can only default to the empty stream \"\"".to_owned(),
                    )
                }
            },
            RustType::DateTime => DefaultValue::Timestamp(timestamp(value)?),
            RustType::Document => DefaultValue::Document(document(value)?),
            RustType::BigInteger => DefaultValue::BigInteger(big_integer(value)?),
            RustType::BigDecimal => {
                let (unscaled, scale) = big_decimal(value)?;
                DefaultValue::BigDecimal { unscaled, scale }
            }
            RustType::List { .. } => match value {
                J::Array(items) if items.is_empty() => DefaultValue::Empty,
                _ => return Err("a list can only default to []".to_owned()),
            },
            RustType::Map { .. } => match value {
                J::Object(entries) if entries.is_empty() => DefaultValue::Empty,
                _ => return Err("a map can only default to {}".to_owned()),
            },
            RustType::Named(type_name) => {
                let variant = self.enum_variant(member, value)?;
                DefaultValue::EnumVariant {
                    type_name: type_name.clone(),
                    variant,
                }
            }
        };
        Ok(Some(typed))
    }

    /// The Rust variant of the enum, intEnum or Smithy 1.0 `@enum` string
    /// whose value `value` is.
    fn enum_variant(&self, member: &Member, value: &J) -> Result<String, String> {
        let target = self
            .model
            .get(&member.target)
            .ok_or("its target is missing")?;
        match &target.kind {
            ShapeKind::Enum(members) => {
                let text = string(value)?;
                members
                    .iter()
                    .find(|m| enum_value_of(m) == text)
                    .map(|m| naming::variant_name(&m.name))
                    .ok_or_else(|| {
                        not_a_value(members.iter().map(|m| format!("\"{}\"", enum_value_of(m))))
                    })
            }
            ShapeKind::IntEnum(members) => {
                let number = value.as_i64().ok_or("it must be an integer")?;
                members
                    .iter()
                    .find(|m| m.traits.get(ids::ENUM_VALUE).and_then(J::as_i64) == Some(number))
                    .map(|m| naming::variant_name(&m.name))
                    .ok_or_else(|| {
                        not_a_value(
                            members
                                .iter()
                                .filter_map(|m| m.traits.get(ids::ENUM_VALUE).map(J::to_string)),
                        )
                    })
            }
            ShapeKind::Simple(SimpleType::String) => {
                let text = string(value)?;
                let entries: Vec<LegacyEnumEntry> = target
                    .traits
                    .decode(ids::ENUM)
                    .ok()
                    .flatten()
                    .unwrap_or_default();
                entries
                    .iter()
                    .find(|entry| entry.value == text)
                    .map(|entry| {
                        naming::variant_name(entry.name.as_deref().unwrap_or(&entry.value))
                    })
                    .ok_or_else(|| not_a_value(entries.iter().map(|e| format!("\"{}\"", e.value))))
            }
            ShapeKind::Structure(_) | ShapeKind::Union(_) => {
                Err("structures and unions have no default".to_owned())
            }
            _ => Err("the type has no default".to_owned()),
        }
    }
}

fn string(value: &J) -> Result<&str, String> {
    value
        .as_str()
        .ok_or_else(|| "it must be a string".to_owned())
}

fn not_a_value(values: impl Iterator<Item = String>) -> String {
    let values: Vec<String> = values.collect();
    format!("it must be one of the values {}", values.join(", "))
}

/// An integer of the field's width.
fn int_value(ty: &RustType, value: &J) -> Result<IntValue, String> {
    let number = value.as_i64().ok_or_else(|| match value.as_f64() {
        Some(_) => "it must be an integer that fits in 64 bits".to_owned(),
        None => "it must be an integer".to_owned(),
    })?;
    let too_wide = |bits: u8| format!("it does not fit in {bits} bits");
    Ok(match ty {
        RustType::I8 => IntValue::I8(i8::try_from(number).map_err(|_| too_wide(8))?),
        RustType::I16 => IntValue::I16(i16::try_from(number).map_err(|_| too_wide(16))?),
        RustType::I32 => IntValue::I32(i32::try_from(number).map_err(|_| too_wide(32))?),
        _ => IntValue::I64(number),
    })
}

/// A float of the field's width: a number, or `"NaN"`, `"Infinity"` or
/// `"-Infinity"` (how Smithy writes the floats JSON has no number for).
fn float_value(ty: &RustType, value: &J) -> Result<FloatValue, String> {
    let number = match value {
        J::Number(n) => n.as_f64().ok_or("it must be a number")?,
        J::String(text) => match text.as_str() {
            "NaN" => f64::NAN,
            "Infinity" => f64::INFINITY,
            "-Infinity" => f64::NEG_INFINITY,
            _ => {
                return Err(
                    "it must be a number, \"NaN\", \"Infinity\" or \"-Infinity\"".to_owned(),
                )
            }
        },
        _ => return Err("it must be a number".to_owned()),
    };
    match ty {
        RustType::F32 => {
            // Rounding to the nearest `f32` is what reading the value from
            // JSON does; a finite number beyond `f32`'s range does not fit.
            let narrow = number as f32;
            if narrow.is_infinite() && number.is_finite() {
                return Err("it does not fit in a 32-bit float".to_owned());
            }
            Ok(FloatValue::F32(narrow))
        }
        _ => Ok(FloatValue::F64(number)),
    }
}

/// Epoch seconds (read as a response's number is: to the millisecond) or
/// a date-time string, within years 0001-9999.
fn timestamp(value: &J) -> Result<awsgen_types::DateTime, String> {
    let time = match value {
        J::Number(_) => serde_json::from_value::<awsgen_types::DateTime>(value.clone())
            .map_err(|e| e.to_string())?,
        J::String(text) => {
            awsgen_types::DateTime::parse(text, awsgen_types::TimestampFormat::DateTime)
                .map_err(|e| e.to_string())?
        }
        _ => return Err("it must be epoch seconds or a date-time string".to_owned()),
    };
    let millis = time.subsec_nanos() / 1_000_000;
    Ok(awsgen_types::DateTime::from_secs_and_nanos(
        time.secs(),
        millis * 1_000_000,
    ))
}

/// Any JSON value, as written. Smithy allows a document only `null`, a
/// boolean, a string, a number, `[]` or `{}`; the generator expresses more
/// rather than refuse a value it can build exactly.
fn document(value: &J) -> Result<DocumentValue, String> {
    Ok(match value {
        J::Null => DocumentValue::Null,
        J::Bool(b) => DocumentValue::Bool(*b),
        J::String(s) => DocumentValue::String(s.clone()),
        J::Number(n) => DocumentValue::Number(match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => DocumentNumber::Int(i),
            (None, Some(u), _) => DocumentNumber::UInt(u),
            (None, None, Some(f)) => DocumentNumber::Float(f),
            (None, None, None) => return Err(format!("{n} is not a number the generator holds")),
        }),
        J::Array(items) => {
            DocumentValue::List(items.iter().map(document).collect::<Result<_, _>>()?)
        }
        J::Object(entries) => DocumentValue::Map(
            entries
                .iter()
                .map(|(key, value)| Ok((key.clone(), document(value)?)))
                .collect::<Result<_, String>>()?,
        ),
    })
}

/// An integer, exactly as the model wrote it: beyond 64 bits serde_json
/// reads a number as an `f64`, exact only up to 2^53.
fn big_integer(value: &J) -> Result<i128, String> {
    let J::Number(n) = value else {
        return Err("it must be an integer".to_owned());
    };
    if let Some(i) = n.as_i64() {
        return Ok(i128::from(i));
    }
    if let Some(u) = n.as_u64() {
        return Ok(i128::from(u));
    }
    match n.as_f64() {
        Some(f) if f.fract() != 0.0 => Err("it must be an integer".to_owned()),
        // Exact, so the conversion loses nothing.
        Some(f) if f.abs() <= F64_EXACT_INTEGER => Ok(f as i128),
        _ => Err("beyond 64 bits, a JSON AST number is not read exactly".to_owned()),
    }
}

/// `unscaled × 10^-scale`, read from the number's shortest decimal text.
fn big_decimal(value: &J) -> Result<(i128, u32), String> {
    let J::Number(n) = value else {
        return Err("it must be a number".to_owned());
    };
    decimal_parts(&n.to_string())
        .ok_or_else(|| "it has more digits than the generator holds exactly".to_owned())
}

/// `-12.5e3` to `(-12500, 0)`, `1e-7` to `(1, 7)`; `None` beyond `i128`.
fn decimal_parts(text: &str) -> Option<(i128, u32)> {
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, exponent.parse::<i64>().ok()?),
        None => (text, 0),
    };
    let (negative, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, mantissa),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut unscaled: i128 = format!("{whole}{fraction}").parse().ok()?;
    let mut scale = i64::try_from(fraction.len()).ok()?.checked_sub(exponent)?;
    while scale < 0 {
        unscaled = unscaled.checked_mul(10)?;
        scale += 1;
    }
    let scale = u32::try_from(scale).ok()?;
    Some((if negative { -unscaled } else { unscaled }, scale))
}

#[cfg(test)]
mod tests {
    use super::decimal_parts;

    #[test]
    fn decimal_parts_of_shortest_float_texts() {
        assert_eq!(decimal_parts("100.01"), Some((10001, 2)));
        assert_eq!(decimal_parts("1e-7"), Some((1, 7)));
        assert_eq!(decimal_parts("-2.25"), Some((-225, 2)));
        assert_eq!(decimal_parts("1.5e3"), Some((1500, 0)));
        assert_eq!(decimal_parts("0.0"), Some((0, 1)));
        assert_eq!(decimal_parts("1e300"), None);
        assert_eq!(decimal_parts("x"), None);
    }
}
