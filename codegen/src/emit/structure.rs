//! Structures: the type, its constructor and setters, `Default`, `Debug`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::emit::common::{codec_path, deprecated_attr, doc_attrs, ident, maybe_boxed, rust_type};
use crate::emit::validate::validate_impl;
use crate::ir::{
    DefaultValue, DocumentNumber, DocumentValue, FieldDef, FloatValue, IntValue, Presence,
    RustType, StructDef, StructRole,
};
use crate::naming::unraw;

/// The whole item set of one structure.
pub fn emit_struct(def: &StructDef) -> TokenStream {
    let name = ident(&def.rust_name);
    let docs = doc_attrs(&def.docs);
    let deprecated = deprecated_attr(&def.deprecated);
    let derive_debug = if def.redact_debug {
        quote!()
    } else {
        quote!(::std::fmt::Debug,)
    };
    let fields = def.fields.iter().map(|f| field_decl(&def.rust_name, f));
    let metadata = match &def.role {
        StructRole::Error(info) => {
            let field = ident(&info.metadata_field);
            quote! {
                #[serde(skip)]
                pub(crate) #field: ::awsgen_types::ErrorMetadata,
            }
        }
        _ => quote!(),
    };
    let constructor = constructor(def);
    let setters = def.fields.iter().filter_map(setter);
    let default_fns = def.fields.iter().filter_map(default_fn);
    let default_impl = if def.derive_default {
        default_impl(def)
    } else {
        quote!()
    };
    let debug_impl = if def.redact_debug {
        debug_impl(def)
    } else {
        quote!()
    };
    let validate = validate_impl(def);
    let fast_read = if def.fast_read {
        fast_read_impl(def)
    } else {
        quote!()
    };
    quote! {
        #docs
        #deprecated
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, #derive_debug ::serde::Serialize, ::serde::Deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #metadata
        }

        impl #name {
            #constructor
            #(#setters)*
            #(#default_fns)*
        }

        #default_impl
        #debug_impl
        #validate
        #fast_read
    }
}

/// The direct JSON reader of a structure the IR marks `fast_read` (every
/// member of a kind `awsgen_types::json::fast` reads): each member read
/// once into its slot, unknown members skipped, then each slot made the
/// field's value as the field's serde attributes would.
fn fast_read_impl(def: &StructDef) -> TokenStream {
    let name = ident(&def.rust_name);
    let slots: Vec<_> = def
        .fields
        .iter()
        .map(|f| format_ident!("member_{}", unraw(&f.rust_name)))
        .collect();
    let types = def.fields.iter().map(|f| rust_type(&f.ty));
    let wire_names = def.fields.iter().map(|f| f.wire_name.as_str());
    let fields = def.fields.iter().map(|f| ident(&f.rust_name));
    let values =
        def.fields
            .iter()
            .zip(&slots)
            .map(|(f, slot)| match (&f.presence, f.zero_on_missing) {
                (Presence::Required, true) => quote!(::awsgen_types::json::fast::or_zero(#slot)),
                (Presence::Required, false) => {
                    quote!(::awsgen_types::json::fast::required(#slot)?)
                }
                (Presence::Defaulted(DefaultValue::Empty), _) => {
                    quote!(::awsgen_types::json::fast::or_zero(#slot))
                }
                // The same function serde's `default` and `deserialize_with` call.
                (Presence::Defaulted(_), _) => {
                    let default = default_fn_name(f);
                    quote!(::awsgen_types::json::fast::or_default(#slot, Self::#default))
                }
                (Presence::Optional, _) => quote!(#slot.flatten()),
            });
    let member = if def.fields.is_empty() {
        quote!(|reader, _| reader.skip())
    } else {
        quote! {
            |reader, key| match key {
                #(#wire_names => ::awsgen_types::json::fast::read_member(reader, &mut #slots),)*
                _ => reader.skip(),
            }
        }
    };
    quote! {
        impl ::awsgen_types::json::fast::FastRead for #name {
            fn fast_read(
                reader: &mut ::awsgen_types::json::fast::Reader<'_>,
            ) -> ::std::result::Result<Self, ::awsgen_types::json::fast::Unsupported> {
                #(let mut #slots: ::std::option::Option<::std::option::Option<#types>> = ::std::option::Option::None;)*
                reader.object(#member)?;
                ::std::result::Result::Ok(Self {
                    #(#fields: #values,)*
                })
            }
        }
    }
}

fn field_type(field: &FieldDef) -> TokenStream {
    let inner = maybe_boxed(&field.ty, field.boxed);
    match field.presence {
        Presence::Optional => quote!(::std::option::Option<#inner>),
        _ => inner,
    }
}

pub(crate) fn field_decl(type_name: &str, field: &FieldDef) -> TokenStream {
    let name = ident(&field.rust_name);
    let docs = doc_attrs(&field.docs);
    let deprecated = deprecated_attr(&field.deprecated);
    let ty = field_type(field);
    let wire = &field.wire_name;
    let mut serde_args = vec![quote!(rename = #wire)];
    match &field.presence {
        Presence::Optional => {
            serde_args.push(quote!(default));
            serde_args.push(quote!(
                skip_serializing_if = "::std::option::Option::is_none"
            ));
        }
        Presence::Required if field.zero_on_missing => {
            serde_args.push(quote!(default = "::awsgen_types::serde_as::zero_value"));
        }
        Presence::Required => {}
        Presence::Defaulted(DefaultValue::Empty) => {
            serde_args.push(quote!(default = "::awsgen_types::serde_as::zero_value"));
        }
        Presence::Defaulted(_) => {
            // serde calls these from its own visitor type, so `Self` would not name us.
            let default = format!("{type_name}::{}", default_fn_name(field));
            let deserialize = format!("{type_name}::{}", deserialize_fn_name(field));
            serde_args.push(quote!(default = #default));
            serde_args.push(quote!(deserialize_with = #deserialize));
            if let Some(codec) = &field.codec {
                let path = format!("{}::serialize", codec_path(codec));
                serde_args.push(quote!(serialize_with = #path));
            }
        }
    }
    if let (Some(codec), false) = (
        &field.codec,
        matches!(&field.presence, Presence::Defaulted(d) if *d != DefaultValue::Empty),
    ) {
        let path = codec_path(codec);
        serde_args.push(quote!(with = #path));
    }
    quote! {
        #docs
        #deprecated
        #[serde(#(#serde_args),*)]
        pub #name: #ty,
    }
}

pub(crate) fn default_fn_name(field: &FieldDef) -> proc_macro2::Ident {
    format_ident!("default_{}", unraw(&field.rust_name))
}

fn deserialize_fn_name(field: &FieldDef) -> proc_macro2::Ident {
    format_ident!("deserialize_{}", unraw(&field.rust_name))
}

/// The value a field starts with in `new()` (and so `Default`) other than
/// a constructor argument: `None`, or the `@default` value.
fn initial_value(field: &FieldDef) -> TokenStream {
    match &field.presence {
        Presence::Optional => quote!(::std::option::Option::None),
        Presence::Required => quote!(::awsgen_types::serde_as::zero_value()),
        Presence::Defaulted(value) => default_value(value),
    }
}

/// A `@default` value as an expression of the field's type.
fn default_value(value: &DefaultValue) -> TokenStream {
    match value {
        DefaultValue::Bool(b) => quote!(#b),
        DefaultValue::Int(int) => {
            let lit = match *int {
                IntValue::I8(i) => Literal::i8_suffixed(i),
                IntValue::I16(i) => Literal::i16_suffixed(i),
                IntValue::I32(i) => Literal::i32_suffixed(i),
                IntValue::I64(i) => Literal::i64_suffixed(i),
            };
            quote!(#lit)
        }
        DefaultValue::Float(float) => float_value(*float),
        DefaultValue::String(s) => quote!(::std::string::String::from(#s)),
        DefaultValue::EnumVariant { type_name, variant } => {
            let (ty, variant) = (ident(type_name), ident(variant));
            quote!(super::#ty::#variant)
        }
        DefaultValue::Blob(bytes) => {
            let bytes = Literal::byte_string(bytes);
            quote!(::awsgen_types::Blob::from(&#bytes[..]))
        }
        DefaultValue::Timestamp(time) => {
            let seconds = Literal::i64_suffixed(time.secs());
            let nanos = Literal::u32_suffixed(time.subsec_nanos());
            quote!(::awsgen_types::DateTime::from_secs_and_nanos(#seconds, #nanos))
        }
        DefaultValue::Document(document) => document_value(document),
        DefaultValue::BigInteger(i) => {
            let lit = Literal::i128_suffixed(*i);
            quote!(::awsgen_types::BigInteger::from(#lit))
        }
        DefaultValue::BigDecimal { unscaled, scale } => {
            let (unscaled, scale) = (
                Literal::i128_suffixed(*unscaled),
                Literal::u32_suffixed(*scale),
            );
            quote!(::awsgen_types::BigDecimal::from_scaled(#unscaled, #scale))
        }
        DefaultValue::Empty => quote!(::awsgen_types::serde_as::zero_value()),
    }
}

/// A float literal, or the constant for NaN and the infinities (which have none).
fn float_value(value: FloatValue) -> TokenStream {
    let (ty, literal, nan, negative) = match value {
        FloatValue::F32(f) => (
            quote!(f32),
            f.is_finite().then(|| Literal::f32_suffixed(f)),
            f.is_nan(),
            f.is_sign_negative(),
        ),
        FloatValue::F64(f) => (
            quote!(f64),
            f.is_finite().then(|| Literal::f64_suffixed(f)),
            f.is_nan(),
            f.is_sign_negative(),
        ),
    };
    match (literal, nan, negative) {
        (Some(literal), _, _) => quote!(#literal),
        (None, true, _) => quote!(::std::primitive::#ty::NAN),
        (None, false, true) => quote!(::std::primitive::#ty::NEG_INFINITY),
        (None, false, false) => quote!(::std::primitive::#ty::INFINITY),
    }
}

/// A `Document` (a `serde_json::Value`) built from its variants, so the
/// generated crate parses no JSON text at run time.
fn document_value(value: &DocumentValue) -> TokenStream {
    let document = quote!(::awsgen_types::Document);
    match value {
        DocumentValue::Null => quote!(#document::Null),
        DocumentValue::Bool(b) => quote!(#document::Bool(#b)),
        DocumentValue::String(s) => quote!(#document::String(::std::string::String::from(#s))),
        DocumentValue::Number(number) => {
            let lit = match *number {
                DocumentNumber::Int(i) => Literal::i64_suffixed(i),
                DocumentNumber::UInt(u) => Literal::u64_suffixed(u),
                DocumentNumber::Float(f) => Literal::f64_suffixed(f),
            };
            quote!(#document::from(#lit))
        }
        DocumentValue::List(items) => {
            let items = items.iter().map(document_value);
            quote!(#document::Array(::std::vec![#(#items),*]))
        }
        DocumentValue::Map(entries) if entries.is_empty() => {
            quote!(#document::Object(::std::default::Default::default()))
        }
        DocumentValue::Map(entries) => {
            let entries = entries.iter().map(|(key, value)| {
                let value = document_value(value);
                quote!((::std::string::String::from(#key), #value))
            });
            quote!(#document::Object(::std::iter::FromIterator::from_iter([#(#entries),*])))
        }
    }
}

fn default_fn(field: &FieldDef) -> Option<TokenStream> {
    match &field.presence {
        Presence::Defaulted(DefaultValue::Empty) | Presence::Optional | Presence::Required => None,
        Presence::Defaulted(_) => {
            let name = default_fn_name(field);
            let deserialize = deserialize_fn_name(field);
            let ty = field_type(field);
            let expr = initial_value(field);
            let codec = crate::emit::common::codec_type(&crate::ir::Codec::Option(Box::new(
                field.codec.clone().unwrap_or(crate::ir::Codec::Same),
            )));
            Some(quote! {
                pub(crate) fn #name() -> #ty {
                    #expr
                }

                /// `null` reads as the default, like a missing member.
                pub(crate) fn #deserialize<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<#ty, D::Error> {
                    let value: ::std::option::Option<#ty> = ::awsgen_types::serde_as::As::<#codec>::deserialize(deserializer)?;
                    ::std::result::Result::Ok(value.unwrap_or_else(Self::#name))
                }
            })
        }
    }
}

/// `new` takes the required members; for `String` fields any `Into<String>`.
fn constructor(def: &StructDef) -> TokenStream {
    let required: Vec<&FieldDef> = def.required_fields().collect();
    let params = required.iter().map(|f| {
        let name = ident(&f.rust_name);
        match f.ty {
            RustType::String => quote!(#name: impl ::std::convert::Into<::std::string::String>),
            _ => {
                let ty = crate::emit::common::rust_type(&f.ty);
                quote!(#name: #ty)
            }
        }
    });
    let inits = def.fields.iter().map(|f| {
        let name = ident(&f.rust_name);
        match f.presence {
            Presence::Required => match (&f.ty, f.boxed) {
                (RustType::String, false) => quote!(#name: #name.into()),
                (RustType::String, true) => quote!(#name: ::std::boxed::Box::new(#name.into())),
                (_, true) => quote!(#name: ::std::boxed::Box::new(#name)),
                (_, false) => quote!(#name),
            },
            _ => {
                let expr = initial_value(f);
                quote!(#name: #expr)
            }
        }
    });
    let metadata = match &def.role {
        StructRole::Error(info) => {
            let field = ident(&info.metadata_field);
            quote!(#field: ::std::default::Default::default(),)
        }
        _ => quote!(),
    };
    let doc = if required.is_empty() {
        " Creates a value with every member unset (or at its default).".to_owned()
    } else {
        let names: Vec<String> = required
            .iter()
            .map(|f| format!("`{}`", f.wire_name))
            .collect();
        format!(" Creates a value from its required members ({}); set the others with the `with_` methods.", names.join(", "))
    };
    let must_use = quote!(#[must_use]);
    quote! {
        #[doc = #doc]
        #must_use
        pub fn new(#(#params),*) -> Self {
            Self {
                #(#inits,)*
                #metadata
            }
        }
    }
}

fn setter(field: &FieldDef) -> Option<TokenStream> {
    let name = ident(&field.rust_name);
    let setter = ident(field.setter.as_deref()?);
    let doc = format!(" Sets `{}`.", field.wire_name);
    let (param, value) = match field.ty {
        RustType::String => (
            quote!(impl ::std::convert::Into<::std::string::String>),
            quote!(value.into()),
        ),
        _ => (rust_type(&field.ty), quote!(value)),
    };
    let value = if field.boxed {
        quote!(::std::boxed::Box::new(#value))
    } else {
        value
    };
    let value = match field.presence {
        Presence::Optional => quote!(::std::option::Option::Some(#value)),
        _ => value,
    };
    let deprecated = deprecated_attr(&field.deprecated);
    Some(quote! {
        #[doc = #doc]
        #deprecated
        #[must_use]
        pub fn #setter(mut self, value: #param) -> Self {
            self.#name = #value;
            self
        }
    })
}

fn default_impl(def: &StructDef) -> TokenStream {
    let name = ident(&def.rust_name);
    quote! {
        impl ::std::default::Default for #name {
            fn default() -> Self {
                Self::new()
            }
        }
    }
}

fn debug_impl(def: &StructDef) -> TokenStream {
    let name = ident(&def.rust_name);
    let label = &def.rust_name;
    if def.sensitive {
        return quote! {
            impl ::std::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.debug_tuple(#label).field(&::awsgen_types::REDACTED).finish()
                }
            }
        };
    }
    let fields = def.fields.iter().map(|field| {
        let name = ident(&field.rust_name);
        let label = &field.rust_name;
        if field.sensitive {
            quote!(.field(#label, &::awsgen_types::REDACTED))
        } else {
            quote!(.field(#label, &self.#name))
        }
    });
    let metadata = match &def.role {
        StructRole::Error(info) => {
            let field = ident(&info.metadata_field);
            let label = &info.metadata_field;
            quote!(.field(#label, &self.#field))
        }
        _ => quote!(),
    };
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#label) #(#fields)* #metadata .finish()
            }
        }
    }
}
