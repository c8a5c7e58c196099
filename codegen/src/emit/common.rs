//! Token helpers every emitter shares: identifiers, doc attributes, type
//! paths and serde codec paths.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, ToTokens};

use crate::ir::{Codec, RustType};

/// An identifier; `r#type` style names become raw identifiers.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// One `#[doc = "..."]` per line, so prettyplease prints clean `///` lines.
pub fn doc_attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote! { #( #[doc = #lines] )* }
}

/// `#[deprecated(note = "...")]` when the shape or member is deprecated.
pub fn deprecated_attr(note: &Option<String>) -> TokenStream {
    match note {
        Some(note) => quote! { #[deprecated(note = #note)] },
        None => TokenStream::new(),
    }
}

/// The path of a value type: absolute for std and the runtime crates,
/// `super::Name` for a generated type. Every generated item sits one module
/// below the generated root, so `super::` reaches the root whether it is a
/// crate's `lib.rs` or a module the code was `include!`d into.
pub fn rust_type(ty: &RustType) -> TokenStream {
    match ty {
        RustType::Bool => quote!(bool),
        RustType::I8 => quote!(i8),
        RustType::I16 => quote!(i16),
        RustType::I32 => quote!(i32),
        RustType::I64 => quote!(i64),
        RustType::F32 => quote!(f32),
        RustType::F64 => quote!(f64),
        RustType::String => quote!(::std::string::String),
        RustType::Blob => quote!(::awsgen_types::Blob),
        RustType::ByteStream => quote!(::awsgen_types::ByteStream),
        RustType::DateTime => quote!(::awsgen_types::DateTime),
        RustType::Document => quote!(::awsgen_types::Document),
        RustType::BigInteger => quote!(::awsgen_types::BigInteger),
        RustType::BigDecimal => quote!(::awsgen_types::BigDecimal),
        RustType::Named(name) => {
            let name = ident(name);
            quote!(super::#name)
        }
        RustType::List { item, sparse } => {
            let item = rust_type(item);
            if *sparse {
                quote!(::std::vec::Vec<::std::option::Option<#item>>)
            } else {
                quote!(::std::vec::Vec<#item>)
            }
        }
        RustType::Map { value, sparse } => {
            let value = rust_type(value);
            if *sparse {
                quote!(::std::collections::BTreeMap<::std::string::String, ::std::option::Option<#value>>)
            } else {
                quote!(::std::collections::BTreeMap<::std::string::String, #value>)
            }
        }
    }
}

/// The value type, boxed when it breaks a cycle.
pub fn maybe_boxed(ty: &RustType, boxed: bool) -> TokenStream {
    let inner = rust_type(ty);
    if boxed {
        quote!(::std::boxed::Box<#inner>)
    } else {
        inner
    }
}

/// The adapter type of a codec (see `awsgen_types::serde_as`).
pub fn codec_type(codec: &Codec) -> TokenStream {
    match codec {
        Codec::Same => quote!(::awsgen_types::serde_as::Same),
        Codec::Float => quote!(::awsgen_types::serde_as::Float),
        Codec::EpochSeconds => quote!(::awsgen_types::serde_as::EpochSeconds),
        Codec::DateTimeString => quote!(::awsgen_types::serde_as::DateTimeString),
        Codec::HttpDate => quote!(::awsgen_types::serde_as::HttpDate),
        Codec::Option(inner) => {
            let inner = codec_type(inner);
            quote!(::std::option::Option<#inner>)
        }
        Codec::Vec(inner) => {
            let inner = codec_type(inner);
            quote!(::std::vec::Vec<#inner>)
        }
        Codec::Map(inner) => {
            let inner = codec_type(inner);
            quote!(::std::collections::BTreeMap<::std::string::String, #inner>)
        }
        Codec::OrZero(inner) => {
            let inner = codec_type(inner);
            quote!(::awsgen_types::serde_as::OrZero<#inner>)
        }
    }
}

/// The string serde's `with = "..."` takes for a codec.
pub fn codec_path(codec: &Codec) -> String {
    let ty = codec_type(codec);
    quote!(::awsgen_types::serde_as::As::<#ty>)
        .to_token_stream()
        .to_string()
}
