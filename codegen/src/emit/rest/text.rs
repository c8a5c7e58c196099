//! A label, query or header value as text, and back.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::common::rust_type;
use crate::ir::{HttpScalar, RustType, TimestampFormatIr};

/// `::awsgen_types::TimestampFormat::X`
pub(crate) fn timestamp_format(format: TimestampFormatIr) -> TokenStream {
    match format {
        TimestampFormatIr::EpochSeconds => quote!(::awsgen_types::TimestampFormat::EpochSeconds),
        TimestampFormatIr::DateTime => quote!(::awsgen_types::TimestampFormat::DateTime),
        TimestampFormatIr::HttpDate => quote!(::awsgen_types::TimestampFormat::HttpDate),
    }
}

/// An expression of type `&str` for `value` (a reference to the scalar),
/// a call's argument. Text made for it is borrowed by name (`as_str()`):
/// `&*` is clippy's `explicit_auto_deref` wherever the parameter is `&str`.
pub(crate) fn to_text(scalar: HttpScalar, value: &TokenStream) -> TokenStream {
    let text = quote!(::awsgen_types::protocol::rest::text);
    match scalar {
        HttpScalar::String | HttpScalar::Enum => quote!(#value.as_str()),
        HttpScalar::IntEnum => quote!(#value.value().to_string().as_str()),
        HttpScalar::Display => quote!(#value.to_string().as_str()),
        // `float` gives a `Cow<str>`.
        HttpScalar::Float => quote!(::std::ops::Deref::deref(&#text::float(*#value))),
        HttpScalar::Timestamp(format) => {
            let format = timestamp_format(format);
            quote!(#text::timestamp(#value, #format).as_str())
        }
        HttpScalar::Blob | HttpScalar::MediaTypeString => {
            quote!(#text::base64(#value.as_bytes()).as_str())
        }
    }
}

/// An expression reading `text` (a `&str`) as the scalar of Rust type
/// `ty`, returning `Result<T, String>`.
pub(crate) fn from_text(scalar: HttpScalar, ty: &RustType, text_expr: &TokenStream) -> TokenStream {
    let text = quote!(::awsgen_types::protocol::rest::text);
    let ty_tokens = rust_type(ty);
    match scalar {
        HttpScalar::String => {
            quote!(::std::result::Result::<_, ::std::string::String>::Ok(::std::string::String::from(#text_expr)))
        }
        HttpScalar::Enum => {
            quote!(::std::result::Result::<_, ::std::string::String>::Ok(#ty_tokens::from(#text_expr)))
        }
        HttpScalar::IntEnum => quote! {
            <i32 as #text::FromHttpText>::from_http_text(#text_expr).map(#ty_tokens::from)
        },
        HttpScalar::Display | HttpScalar::Float | HttpScalar::Blob => {
            quote!(<#ty_tokens as #text::FromHttpText>::from_http_text(#text_expr))
        }
        HttpScalar::Timestamp(format) => {
            let format = timestamp_format(format);
            quote!(#text::parse_timestamp(#text_expr, #format))
        }
        HttpScalar::MediaTypeString => quote!(#text::parse_media_type_string(#text_expr)),
    }
}
