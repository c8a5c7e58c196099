//! Identifiers and type paths for the generated test code. Named types are
//! reached through the generated crate's name (`::json_protocol::KitchenSink`),
//! since the tests are a separate crate.

use awsgen_codegen::ir::RustType;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// An identifier; `r#type` style names become raw identifiers.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// Whether `name` can be a Rust function name as it is (test names are case IDs).
pub fn is_plain_ident(name: &str) -> bool {
    syn::parse_str::<Ident>(name).is_ok()
}

/// Paths into the generated crate.
pub struct CratePath {
    krate: Ident,
}

impl CratePath {
    /// For the package `json-protocol`: `::json_protocol`.
    pub fn new(package: &str) -> Self {
        CratePath {
            krate: ident(&package.replace('-', "_")),
        }
    }

    /// `::json_protocol::Name`.
    pub fn item(&self, rust_name: &str) -> TokenStream {
        let krate = &self.krate;
        let name = ident(rust_name);
        quote!(::#krate::#name)
    }

    /// The absolute path of a value type.
    pub fn ty(&self, ty: &RustType) -> TokenStream {
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
            RustType::Named(name) => self.item(name),
            RustType::List { item, sparse } => {
                let item = self.ty(item);
                if *sparse {
                    quote!(::std::vec::Vec<::std::option::Option<#item>>)
                } else {
                    quote!(::std::vec::Vec<#item>)
                }
            }
            RustType::Map { value, sparse } => {
                let value = self.ty(value);
                if *sparse {
                    quote!(::std::collections::BTreeMap<::std::string::String, ::std::option::Option<#value>>)
                } else {
                    quote!(::std::collections::BTreeMap<::std::string::String, #value>)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_go_through_the_crate_name() {
        let path = CratePath::new("json-protocol");
        let list = RustType::List {
            item: Box::new(RustType::Named("FooEnum".into())),
            sparse: true,
        };
        assert_eq!(
            path.ty(&list).to_string(),
            quote!(::std::vec::Vec<::std::option::Option<::json_protocol::FooEnum>>).to_string()
        );
        assert!(is_plain_ident("AwsJson11Enums"));
        assert!(!is_plain_ident("a-b"));
        assert!(!is_plain_ident("fn"));
    }
}
