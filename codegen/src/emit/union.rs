//! Unions: exactly one member set; unknown members kept by name.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::common::{codec_type, deprecated_attr, doc_attrs, ident, maybe_boxed, rust_type};
use crate::emit::validate::validate_union_impl;
use crate::ir::UnionDef;

pub fn emit_union(def: &UnionDef) -> TokenStream {
    let name = ident(&def.rust_name);
    let label = &def.rust_name;
    let unknown = ident(&def.unknown_variant);
    let docs = doc_attrs(&def.docs);
    let deprecated = deprecated_attr(&def.deprecated);
    let variants = def.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let docs = doc_attrs(&v.docs);
        match &v.ty {
            Some(ty) => {
                let ty = maybe_boxed(ty, v.boxed);
                quote!(#docs #variant(#ty),)
            }
            None => quote!(#docs #variant,),
        }
    });
    let serialize_arms = def.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.wire_name;
        match &v.ty {
            Some(ty) => {
                let codec = codec_type(&v.codec);
                let ty = rust_type(ty);
                let value = if v.boxed { quote!(&**value) } else { quote!(value) };
                quote! {
                    Self::#variant(value) => map.serialize_entry(
                        #wire,
                        &::awsgen_types::serde_as::SerializeWith::<#codec, #ty>::new(#value),
                    )?,
                }
            }
            None => quote! {
                Self::#variant => map.serialize_entry(#wire, &::awsgen_types::serde_as::EmptyObject)?,
            },
        }
    });
    let deserialize_arms = def.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.wire_name;
        match &v.ty {
            Some(ty) => {
                let codec = codec_type(&v.codec);
                let ty = rust_type(ty);
                let wrap = if v.boxed { quote!(Self::#variant(::std::boxed::Box::new(value))) } else { quote!(Self::#variant(value)) };
                quote! {
                    #wire => {
                        let value = ::awsgen_types::serde_as::deserialize_value_as::<#codec, #ty>(value)
                            .map_err(<D::Error as ::serde::de::Error>::custom)?;
                        #wrap
                    }
                }
            }
            None => quote! {
                #wire => {
                    ::awsgen_types::serde_as::deserialize_value_as::<::awsgen_types::serde_as::Same, ::awsgen_types::serde_as::EmptyObject>(value)
                        .map_err(<D::Error as ::serde::de::Error>::custom)?;
                    Self::#variant
                }
            },
        }
    });
    let derive_debug = if def.sensitive {
        quote!()
    } else {
        quote!(::std::fmt::Debug,)
    };
    let debug_impl = if def.sensitive {
        quote! {
            impl ::std::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.debug_tuple(#label).field(&::awsgen_types::REDACTED).finish()
                }
            }
        }
    } else {
        quote!()
    };
    let validate = validate_union_impl(def);
    quote! {
        #docs
        #deprecated
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, #derive_debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A member this version of the crate does not know, by its wire name.
            /// It cannot be sent.
            #unknown(::std::string::String),
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(::std::option::Option::Some(1))?;
                match self {
                    #(#serialize_arms)*
                    Self::#unknown(member) => {
                        return ::std::result::Result::Err(<S::Error as ::serde::ser::Error>::custom(
                            ::std::format!("cannot send the unknown member `{member}` of union `{}`", #label),
                        ));
                    }
                }
                map.end()
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let (member, value) = ::awsgen_types::union::single_member(deserializer, #label)?;
                ::std::result::Result::Ok(match member.as_str() {
                    #(#deserialize_arms)*
                    _ => Self::#unknown(member),
                })
            }
        }

        #debug_impl
        #validate
    }
}
