//! Constraint traits (`length`, `pattern`, `range`, `uniqueItems`) to the
//! checks of `validate()`, and their description in field docs.

use awsgen_types::validate::PatternSupport;

use crate::ir::{Check, PatternCheck};
use crate::lower::Lowerer;
use crate::model::traits::{ids, LengthTrait, RangeTrait};
use crate::model::{Member, ShapeKind, SimpleType, Traits};

impl Lowerer<'_> {
    /// Checks for a member's value: the member's own constraint traits win
    /// over the target's, then nested and per-item checks.
    pub(super) fn member_checks(&mut self, member: &Member, depth: usize) -> Vec<Check> {
        // The model outlives `self`'s borrow, so shapes are read in place.
        let model = self.model;
        let Some(target) = model.get(&member.target) else {
            return Vec::new();
        };
        if depth > 32 {
            return Vec::new();
        }
        // A trait on the member wins over the same trait on the target.
        let traits_with = |id: &str| {
            if member.traits.has(id) {
                &member.traits
            } else {
                &target.traits
            }
        };
        let mut checks = Vec::new();
        let length: Option<LengthTrait> =
            self.decode(&member.id, traits_with(ids::LENGTH), ids::LENGTH);
        let range: Option<RangeTrait> =
            self.decode(&member.id, traits_with(ids::RANGE), ids::RANGE);
        let pattern = self.pattern(member, traits_with(ids::PATTERN));
        let unique = traits_with(ids::UNIQUE_ITEMS).has(ids::UNIQUE_ITEMS);
        match &target.kind {
            ShapeKind::Simple(SimpleType::String) | ShapeKind::Enum(_) => {
                if let Some(LengthTrait { min, max }) = length {
                    checks.push(Check::StringLength { min, max });
                }
                checks.extend(pattern);
            }
            // A stream's length is only known as it is read: the service checks it.
            ShapeKind::Simple(SimpleType::Blob) if target.traits.has(ids::STREAMING) => {}
            ShapeKind::Simple(SimpleType::Blob) => {
                if let Some(LengthTrait { min, max }) = length {
                    checks.push(Check::Length { min, max });
                }
            }
            ShapeKind::Simple(
                SimpleType::Byte
                | SimpleType::Short
                | SimpleType::Integer
                | SimpleType::Long
                | SimpleType::Float
                | SimpleType::Double,
            )
            | ShapeKind::IntEnum(_) => {
                if let Some(RangeTrait { min, max }) = range {
                    checks.push(Check::Range { min, max });
                }
            }
            ShapeKind::Simple(SimpleType::BigInteger | SimpleType::BigDecimal)
                if range.is_some() =>
            {
                self.warn(
                    &member.id,
                    "@range on bigInteger/bigDecimal is documented but not checked by validate()",
                );
            }
            ShapeKind::Structure(_) | ShapeKind::Union(_) => checks.push(Check::Nested),
            ShapeKind::List(item) => {
                if let Some(LengthTrait { min, max }) = length {
                    checks.push(Check::Length { min, max });
                }
                if unique {
                    checks.push(Check::UniqueItems);
                }
                let item_checks = self.member_checks(item, depth + 1);
                if !item_checks.is_empty() {
                    checks.push(Check::EachItem(item_checks));
                }
            }
            ShapeKind::Map([key, value]) => {
                if let Some(LengthTrait { min, max }) = length {
                    checks.push(Check::Length { min, max });
                }
                let key = self.member_checks(key, depth + 1);
                let value = self.member_checks(value, depth + 1);
                if !key.is_empty() || !value.is_empty() {
                    checks.push(Check::EachEntry { key, value });
                }
            }
            _ => {}
        }
        checks
    }

    fn pattern(&mut self, member: &Member, traits: &Traits) -> Option<Check> {
        let pattern: String = self.decode(&member.id, traits, ids::PATTERN)?;
        // The engines `validate()` runs decide, so docs and checks agree.
        let checked = match awsgen_types::validate::pattern_support(&pattern) {
            PatternSupport::Always => PatternCheck::Always,
            PatternSupport::WithFullPatterns => PatternCheck::WithFullPatterns,
            PatternSupport::Never => {
                // Name the shape that carries the trait, so one pattern shared
                // by many members is reported once.
                let owner = if member.traits.has(ids::PATTERN) {
                    member.id.clone()
                } else {
                    member.target.clone()
                };
                self.warn(
                    &owner,
                    format!("@pattern `{pattern}` uses regex features no engine here reads as the service does; validate() skips it and the docs say so"),
                );
                PatternCheck::Never
            }
        };
        Some(Check::Pattern { pattern, checked })
    }
}

/// Human-readable constraint lines for a field's documentation.
pub(super) fn describe(checks: &[Check]) -> Vec<String> {
    let mut out = Vec::new();
    for check in checks {
        match check {
            Check::StringLength { min, max } => {
                out.push(format!("Length (characters): {}.", bounds(*min, *max)))
            }
            Check::Length { min, max } => out.push(format!("Length: {}.", bounds(*min, *max))),
            Check::Pattern { pattern, checked } => {
                let pattern = pattern.replace('`', "\\`");
                out.push(match checked {
                    PatternCheck::Always => format!("Pattern: `{pattern}`."),
                    PatternCheck::WithFullPatterns => format!(
                        "Pattern: `{pattern}` (checked by `validate()` only with this crate's `full-patterns` feature)."
                    ),
                    PatternCheck::Never => format!(
                        "Pattern: `{pattern}` (not checked by `validate()`; the service checks it)."
                    ),
                });
            }
            Check::Range { min, max } => out.push(format!("Range: {}.", float_bounds(*min, *max))),
            Check::UniqueItems => out.push("Items must be unique.".to_owned()),
            Check::EachItem(inner) => out.extend(
                describe(inner)
                    .into_iter()
                    .map(|l| format!("Each item: {l}")),
            ),
            Check::EachEntry { key, value } => {
                out.extend(describe(key).into_iter().map(|l| format!("Each key: {l}")));
                out.extend(
                    describe(value)
                        .into_iter()
                        .map(|l| format!("Each value: {l}")),
                );
            }
            Check::Nested => {}
        }
    }
    out
}

fn bounds(min: Option<u64>, max: Option<u64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("{a} to {b}"),
        (Some(a), None) => format!("at least {a}"),
        (None, Some(b)) => format!("at most {b}"),
        (None, None) => "any".to_owned(),
    }
}

fn float_bounds(min: Option<f64>, max: Option<f64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("{a} to {b}"),
        (Some(a), None) => format!("at least {a}"),
        (None, Some(b)) => format!("at most {b}"),
        (None, None) => "any".to_owned(),
    }
}
