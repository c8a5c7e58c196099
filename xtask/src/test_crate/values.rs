//! Rust construction expressions for `params` (model-form JSON), built from
//! the IR: `new(..)` with the required members, a `with_*` setter per other
//! member, `From<&str>` for enums, union variants, `Blob::from`,
//! `DateTime::from_secs_f64`, `f64::NAN`, ...
//!
//! The expression of a value has exactly the Rust type the IR gives it, so the
//! generated tests fail to compile when the generated API and the IR disagree.

use anyhow::{anyhow, bail, Context};
use awsgen_codegen::ir::{FieldDef, RustType, StructDef, UnionDef};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::{Map, Value};

use super::index::{Index, Named};
use super::tokens::{ident, CratePath};

/// Builds expressions for one generated crate.
pub struct Values<'a> {
    index: &'a Index<'a>,
    paths: &'a CratePath,
    filler: Filler,
}

/// What a required member the case leaves out gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filler {
    /// Its zero value (`""`, `0`, ...), as a deserializer would fill it.
    Zero,
    /// A value that can be sent: strings and string enums get
    /// [`SENDABLE_TEXT`], since an empty string bound to a URI label is
    /// refused before sending. For inputs whose content the case does not
    /// state (a response case still sends a request).
    Sendable,
}

/// The text [`Filler::Sendable`] gives required strings and enums.
pub const SENDABLE_TEXT: &str = "placeholder";

impl<'a> Values<'a> {
    pub fn new(index: &'a Index<'a>, paths: &'a CratePath) -> Self {
        Values {
            index,
            paths,
            filler: Filler::Zero,
        }
    }

    /// The same builder with another filler for left-out required members.
    pub fn with_filler(mut self, filler: Filler) -> Self {
        self.filler = filler;
        self
    }

    /// A structure value from `params` (`None` or `{}` for "nothing set").
    /// `at` names the value in errors.
    pub fn structure(
        &self,
        def: &StructDef,
        params: Option<&Value>,
        at: &str,
    ) -> anyhow::Result<TokenStream> {
        let empty = Map::new();
        let members = match params {
            None | Some(Value::Null) => &empty,
            Some(Value::Object(members)) => members,
            Some(other) => bail!(
                "{at}: expected an object for `{}`, found {other}",
                def.rust_name
            ),
        };
        // Model form names members as the model does, whatever key
        // (`@jsonName`) the wire uses.
        for key in members.keys() {
            if !def.fields.iter().any(|f| f.member_name() == key) {
                bail!("{at}: `{}` has no member `{key}`", def.rust_name);
            }
        }
        let value_of = |field: &FieldDef| members.get(field.member_name()).filter(|v| !v.is_null());
        let mut args = Vec::new();
        for field in def.required_fields() {
            let member_at = format!("{at}.{}", field.member_name());
            args.push(match value_of(field) {
                Some(value) => self.value(&field.ty, value, &member_at)?,
                None => self.placeholder(&field.ty, &member_at)?,
            });
        }
        let mut setters = Vec::new();
        for field in &def.fields {
            let Some(setter) = &field.setter else {
                continue;
            };
            if let Some(value) = value_of(field) {
                let member_at = format!("{at}.{}", field.member_name());
                let value = self.value(&field.ty, value, &member_at)?;
                let setter = ident(setter);
                setters.push(quote!(.#setter(#value)));
            }
        }
        let ty = self.paths.item(&def.rust_name);
        Ok(quote!(#ty::new(#(#args),*) #(#setters)*))
    }

    /// An expression of type `ty` holding `value`.
    pub fn value(&self, ty: &RustType, value: &Value, at: &str) -> anyhow::Result<TokenStream> {
        let mismatch = || anyhow!("{at}: {value} is not a valid {}", describe(ty));
        Ok(match ty {
            RustType::Bool => {
                let b = value.as_bool().ok_or_else(mismatch)?;
                quote!(#b)
            }
            RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64 => {
                let n = value.as_i64().ok_or_else(mismatch)?;
                integer(n, ty)
                    .ok_or_else(|| anyhow!("{at}: {n} is out of range for {}", describe(ty)))?
            }
            RustType::F32 | RustType::F64 => {
                float(value, *ty == RustType::F32).ok_or_else(mismatch)?
            }
            RustType::String => {
                let s = value.as_str().ok_or_else(mismatch)?;
                quote!(::std::string::String::from(#s))
            }
            // Model form carries the raw bytes as a string; the wire carries base64.
            RustType::Blob => {
                let s = value.as_str().ok_or_else(mismatch)?;
                quote!(::awsgen_types::Blob::from(#s))
            }
            // A streaming payload the case gives as its raw bytes.
            RustType::ByteStream => {
                let s = value.as_str().ok_or_else(mismatch)?;
                quote!(::awsgen_types::ByteStream::from(::std::string::String::from(#s)))
            }
            RustType::DateTime => timestamp(value).ok_or_else(mismatch)?,
            // The test crates depend on serde_json, which reads a document
            // as its `Deserialize` does.
            RustType::Document => {
                let text = value.to_string();
                quote!(::serde_json::from_str::<::awsgen_types::Document>(#text).expect("the case's document is valid JSON"))
            }
            RustType::BigInteger | RustType::BigDecimal => {
                let text = match value {
                    Value::Number(n) => n.to_string(),
                    Value::String(s) => s.clone(),
                    _ => return Err(mismatch()),
                };
                let ty = self.paths.ty(ty);
                quote!(<#ty as ::std::str::FromStr>::from_str(#text).expect("a valid big number"))
            }
            RustType::Named(name) => self.named(name, value, at)?,
            RustType::List { item, sparse } => {
                let items = value.as_array().ok_or_else(mismatch)?;
                let mut exprs = Vec::new();
                for (i, element) in items.iter().enumerate() {
                    exprs.push(self.element(item, *sparse, element, &format!("{at}[{i}]"))?);
                }
                quote!(::std::vec![#(#exprs),*])
            }
            RustType::Map {
                value: value_ty,
                sparse,
            } => {
                let entries = value.as_object().ok_or_else(mismatch)?;
                let mut exprs = Vec::new();
                for (key, element) in entries {
                    let element =
                        self.element(value_ty, *sparse, element, &format!("{at}[{key:?}]"))?;
                    exprs.push(quote!((::std::string::String::from(#key), #element)));
                }
                quote!(::std::collections::BTreeMap::from([#(#exprs),*]))
            }
        })
    }

    /// A list item or map value: `Some(..)`/`None` when sparse; null is not
    /// allowed in a dense collection.
    fn element(
        &self,
        ty: &RustType,
        sparse: bool,
        value: &Value,
        at: &str,
    ) -> anyhow::Result<TokenStream> {
        match (sparse, value) {
            (true, Value::Null) => Ok(quote!(::std::option::Option::None)),
            (true, value) => {
                let inner = self.value(ty, value, at)?;
                Ok(quote!(::std::option::Option::Some(#inner)))
            }
            (false, Value::Null) => bail!("{at}: null in a dense collection"),
            (false, value) => self.value(ty, value, at),
        }
    }

    fn named(&self, name: &str, value: &Value, at: &str) -> anyhow::Result<TokenStream> {
        let named = self
            .index
            .named(name)
            .ok_or_else(|| anyhow!("{at}: the IR has no type named `{name}`"))?;
        let path = self.paths.item(name);
        Ok(match named {
            Named::Struct(def) => self.structure(def, Some(value), at)?,
            Named::Enum(_) => {
                let s = value
                    .as_str()
                    .ok_or_else(|| anyhow!("{at}: {value} is not a value of enum `{name}`"))?;
                quote!(#path::from(#s))
            }
            Named::IntEnum(_) => {
                let n = value
                    .as_i64()
                    .and_then(|n| i32::try_from(n).ok())
                    .ok_or_else(|| anyhow!("{at}: {value} is not a value of intEnum `{name}`"))?;
                quote!(#path::from(#n))
            }
            Named::Union(def) => self.union(def, value, at)?,
        })
    }

    /// A union from a single-key object.
    fn union(&self, def: &UnionDef, value: &Value, at: &str) -> anyhow::Result<TokenStream> {
        let members = value.as_object().ok_or_else(|| {
            anyhow!(
                "{at}: union `{}` needs an object, found {value}",
                def.rust_name
            )
        })?;
        let set: Vec<(&String, &Value)> = members.iter().filter(|(_, v)| !v.is_null()).collect();
        let [(key, member)] = set.as_slice() else {
            bail!(
                "{at}: union `{}` needs exactly one member set, found {}",
                def.rust_name,
                set.len()
            );
        };
        let variant = def
            .variants
            .iter()
            .find(|v| &v.member_name == *key)
            .ok_or_else(|| anyhow!("{at}: union `{}` has no member `{key}`", def.rust_name))?;
        let path = self.paths.item(&def.rust_name);
        let name = ident(&variant.rust_name);
        let Some(ty) = &variant.ty else {
            return Ok(quote!(#path::#name));
        };
        let inner = self.value(ty, member, &format!("{at}.{key}"))?;
        Ok(if variant.boxed {
            quote!(#path::#name(::std::boxed::Box::new(#inner)))
        } else {
            quote!(#path::#name(#inner))
        })
    }

    /// Some value of type `ty`, for required members a case leaves out (an
    /// input the response cases must still send).
    pub fn placeholder(&self, ty: &RustType, at: &str) -> anyhow::Result<TokenStream> {
        let sendable = self.filler == Filler::Sendable;
        let RustType::Named(name) = ty else {
            return Ok(if sendable && *ty == RustType::String {
                quote!(::std::string::String::from(#SENDABLE_TEXT))
            } else {
                quote!(::awsgen_types::serde_as::zero_value())
            });
        };
        match self.index.named(name) {
            Some(Named::Struct(def)) => self.structure(def, None, at),
            Some(Named::Enum(_)) if sendable => {
                let path = self.paths.item(name);
                Ok(quote!(#path::from(#SENDABLE_TEXT)))
            }
            Some(Named::Enum(_) | Named::IntEnum(_)) => {
                Ok(quote!(::awsgen_types::serde_as::zero_value()))
            }
            Some(Named::Union(def)) => {
                let variant = def
                    .variants
                    .first()
                    .with_context(|| format!("{at}: union `{name}` has no members to pick from"))?;
                let path = self.paths.item(&def.rust_name);
                let variant_name = ident(&variant.rust_name);
                match &variant.ty {
                    None => Ok(quote!(#path::#variant_name)),
                    Some(ty) => {
                        let inner = self.placeholder(ty, at)?;
                        let inner = if variant.boxed {
                            quote!(::std::boxed::Box::new(#inner))
                        } else {
                            inner
                        };
                        Ok(quote!(#path::#variant_name(#inner)))
                    }
                }
            }
            None => bail!("{at}: the IR has no type named `{name}`"),
        }
    }
}

fn describe(ty: &RustType) -> &'static str {
    match ty {
        RustType::Bool => "boolean",
        RustType::I8 => "byte",
        RustType::I16 => "short",
        RustType::I32 => "integer",
        RustType::I64 => "long",
        RustType::F32 => "float",
        RustType::F64 => "double",
        RustType::String => "string",
        RustType::Blob => "blob (a string in model form)",
        RustType::ByteStream => "streaming blob (a string in model form)",
        RustType::DateTime => "timestamp (epoch seconds in model form)",
        RustType::Document => "document",
        RustType::BigInteger => "bigInteger",
        RustType::BigDecimal => "bigDecimal",
        RustType::Named(_) => "named type",
        RustType::List { .. } => "list (an array)",
        RustType::Map { .. } => "map (an object)",
    }
}

fn integer(n: i64, ty: &RustType) -> Option<TokenStream> {
    let literal = match ty {
        RustType::I8 => Literal::i8_suffixed(i8::try_from(n).ok()?),
        RustType::I16 => Literal::i16_suffixed(i16::try_from(n).ok()?),
        RustType::I32 => Literal::i32_suffixed(i32::try_from(n).ok()?),
        _ => Literal::i64_suffixed(n),
    };
    Some(quote!(#literal))
}

/// A float from a JSON number or `"NaN"`, `"Infinity"`, `"-Infinity"`.
fn float(value: &Value, single: bool) -> Option<TokenStream> {
    let ty = if single { quote!(f32) } else { quote!(f64) };
    match value {
        Value::String(s) => match s.as_str() {
            "NaN" => Some(quote!(#ty::NAN)),
            "Infinity" => Some(quote!(#ty::INFINITY)),
            "-Infinity" => Some(quote!(#ty::NEG_INFINITY)),
            _ => None,
        },
        Value::Number(n) => {
            let x = n.as_f64().filter(|x| x.is_finite())?;
            // Checked first: `Literal` panics on a non-finite value, and a
            // finite double can still overflow a float.
            let literal = if single {
                let x = x as f32;
                x.is_finite().then(|| Literal::f32_suffixed(x))?
            } else {
                Literal::f64_suffixed(x)
            };
            Some(quote!(#literal))
        }
        _ => None,
    }
}

/// Epoch seconds (integer or fractional) as a `DateTime`.
fn timestamp(value: &Value) -> Option<TokenStream> {
    let Value::Number(n) = value else {
        return None;
    };
    if let Some(seconds) = n.as_i64() {
        return Some(quote!(::awsgen_types::DateTime::from_secs(#seconds)));
    }
    let seconds = n.as_f64().filter(|x| x.is_finite())?;
    let literal = Literal::f64_suffixed(seconds);
    Some(quote!(::awsgen_types::DateTime::from_secs_f64(#literal).expect("a valid timestamp")))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn floats_cover_the_non_numeric_strings() {
        assert_eq!(
            float(&json!("NaN"), true).unwrap().to_string(),
            quote!(f32::NAN).to_string()
        );
        assert_eq!(
            float(&json!("-Infinity"), false).unwrap().to_string(),
            quote!(f64::NEG_INFINITY).to_string()
        );
        assert_eq!(
            float(&json!(1234.5), true).unwrap().to_string(),
            "1234.5f32"
        );
        assert!(float(&json!("nan"), true).is_none());
        assert!(float(&json!(true), false).is_none());
        assert!(float(&json!(1e300), true).is_none(), "overflows f32");
        assert!(float(&json!(1e300), false).is_some());
    }

    #[test]
    fn integers_are_range_checked() {
        assert_eq!(integer(7, &RustType::I8).unwrap().to_string(), "7i8");
        assert!(integer(300, &RustType::I8).is_none());
        assert_eq!(
            integer(999_999_999_999, &RustType::I64)
                .unwrap()
                .to_string(),
            "999999999999i64"
        );
    }

    #[test]
    fn timestamps_keep_fractions() {
        assert_eq!(
            timestamp(&json!(946845296)).unwrap().to_string(),
            quote!(::awsgen_types::DateTime::from_secs(946845296i64)).to_string()
        );
        assert!(timestamp(&json!(1.5))
            .unwrap()
            .to_string()
            .contains("from_secs_f64"));
        assert!(timestamp(&json!("2000-01-01")).is_none());
    }
}
