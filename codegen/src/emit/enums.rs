//! Open string enums and intEnums: known variants plus a catch-all that keeps
//! any value, so a value the service adds later round-trips unchanged.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::common::{deprecated_attr, doc_attrs, ident};
use crate::ir::{EnumDef, IntEnumDef};

pub fn emit_enum(def: &EnumDef) -> TokenStream {
    let name = ident(&def.rust_name);
    let wire_name = def.rust_name.as_str();
    let unknown = ident(&def.unknown_variant);
    let docs = doc_attrs(&def.docs);
    let deprecated = deprecated_attr(&def.deprecated);
    let variants = def.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let mut lines = v.docs.clone();
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(format!("Wire value: `{}`.", v.value));
        let docs = doc_attrs(&lines);
        let deprecated = deprecated_attr(&v.deprecated);
        quote!(#docs #deprecated #variant,)
    });
    let to_str = def.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let value = &v.value;
        quote!(Self::#variant => #value,)
    });
    let from_str = def.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let value = &v.value;
        quote!(#value => Self::#variant,)
    });
    let values = def.variants.iter().map(|v| &v.value);
    quote! {
        #docs
        #deprecated
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash, ::std::cmp::PartialOrd, ::std::cmp::Ord, ::std::fmt::Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the crate does not know. Build values with
            /// `From<&str>`, which maps known values to their variants.
            #unknown(::std::string::String),
        }

        impl #name {
            /// Every value this version knows, in model order.
            pub const VALUES: &'static [&'static str] = &[#(#values),*];

            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::#unknown(value) => value,
                }
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::#unknown(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for #name {
            fn from(value: ::std::string::String) -> Self {
                Self::from(value.as_str())
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                ::awsgen_types::string_enum::deserialize_string_enum(deserializer, #wire_name)
            }
        }

        impl ::awsgen_types::json::fast::FastRead for #name {
            fn fast_read(
                reader: &mut ::awsgen_types::json::fast::Reader<'_>,
            ) -> ::std::result::Result<Self, ::awsgen_types::json::fast::Unsupported> {
                reader.string().map(Self::from)
            }
        }

        impl ::awsgen_types::serde_as::ZeroValue for #name {
            /// Smithy's error correction for a missing required enum: an unknown, empty value.
            fn zero_value() -> Self {
                Self::#unknown(::std::string::String::new())
            }
        }
    }
}

pub fn emit_int_enum(def: &IntEnumDef) -> TokenStream {
    let name = ident(&def.rust_name);
    let unknown = ident(&def.unknown_variant);
    let docs = doc_attrs(&def.docs);
    let variants = def.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let mut lines = v.docs.clone();
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(format!("Wire value: `{}`.", v.value));
        let docs = doc_attrs(&lines);
        quote!(#docs #variant,)
    });
    let to_int = def.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let value = v.value;
        quote!(Self::#variant => #value,)
    });
    let from_int = def.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let value = v.value;
        quote!(#value => Self::#variant,)
    });
    quote! {
        #docs
        #[derive(::std::clone::Clone, ::std::marker::Copy, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash, ::std::cmp::PartialOrd, ::std::cmp::Ord, ::std::fmt::Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the crate does not know.
            #unknown(i32),
        }

        impl #name {
            /// The wire value.
            pub fn value(&self) -> i32 {
                match self {
                    #(#to_int)*
                    Self::#unknown(value) => *value,
                }
            }
        }

        impl ::std::convert::From<i32> for #name {
            fn from(value: i32) -> Self {
                match value {
                    #(#from_int)*
                    other => Self::#unknown(other),
                }
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i32(self.value())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <i32 as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::awsgen_types::serde_as::ZeroValue for #name {
            fn zero_value() -> Self {
                Self::from(0)
            }
        }
    }
}
