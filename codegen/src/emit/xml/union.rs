//! A union's impls: the one member set, written as its element (or form
//! pairs) inside the union's; read from the first child element it knows
//! (an unknown one is kept by name).

use proc_macro2::TokenStream;
use quote::quote;

use super::value;
use crate::emit::common::ident;
use crate::ir::{UnionDef, XmlMember, XmlValue, XmlWriterKind};

pub(super) fn union_impls(
    def: &UnionDef,
    members: &[XmlMember],
    writer: XmlWriterKind,
) -> TokenStream {
    let name = ident(&def.rust_name);
    let unknown = ident(&def.unknown_variant);
    let variants = || def.variants.iter().zip(members);
    // An unknown member cannot be sent (serde's path refuses it); the XML
    // and form writers have no error to return, so they leave it out.
    let write = match writer {
        XmlWriterKind::Xml => {
            let arms = variants().map(|(v, member)| {
                let variant = ident(&v.rust_name);
                let write = value::write_xml(
                    &member.value,
                    &quote!(value),
                    &member.name,
                    member.namespace.as_ref(),
                    0,
                );
                let unbox = v.boxed.then(|| quote!(let value = &**value;));
                match v.ty {
                    Some(_) => quote!(Self::#variant(value) => { #unbox #write }),
                    None => quote!(Self::#variant => { #write }),
                }
            });
            quote! {
                impl ::awsgen_types::xml::XmlWrite for #name {
                    fn write_xml(
                        &self,
                        writer: &mut ::awsgen_types::xml::XmlWriter,
                        name: &str,
                        namespace: ::std::option::Option<::awsgen_types::xml::Namespace>,
                    ) {
                        writer.start(name, namespace);
                        match self {
                            #(#arms)*
                            Self::#unknown(_) => {}
                        }
                        writer.end(name);
                    }
                }
            }
        }
        XmlWriterKind::Query => {
            let arms = variants().map(|(v, member)| {
                let variant = ident(&v.rust_name);
                let key_name = &member.query_name;
                let write = value::write_query(&member.value, &quote!(value), &quote!(&key), 0);
                let unbox = v.boxed.then(|| quote!(let value = &**value;));
                let body = quote! {
                    let key = ::awsgen_types::protocol::query::key(prefix, #key_name);
                    #write
                };
                match v.ty {
                    Some(_) => quote!(Self::#variant(value) => { #unbox #body }),
                    None => quote!(Self::#variant => { #body }),
                }
            });
            quote! {
                impl ::awsgen_types::protocol::query::QueryWrite for #name {
                    fn write_query(&self, writer: &mut ::awsgen_types::protocol::query::QueryWriter, prefix: &str) {
                        match self {
                            #(#arms)*
                            Self::#unknown(_) => {}
                        }
                    }
                }
            }
        }
    };
    let read_arms = variants().map(|(v, member)| {
        let variant = ident(&v.rust_name);
        let element_name = &member.name;
        let read = match &member.value {
            XmlValue::Unit => return quote!(#element_name => return ::std::result::Result::Ok(Self::#variant),),
            // A flattened collection is every child of its name.
            XmlValue::List(list) if list.flattened => {
                let item = value::read(&list.item, &quote!(child), 1);
                let item = if list.sparse { quote!(::std::option::Option::Some(#item)) } else { item };
                quote! {{
                    let mut items = ::std::vec::Vec::new();
                    for child in element.children.iter().filter(|c| c.local_name() == #element_name) {
                        items.push(#item);
                    }
                    items
                }}
            }
            XmlValue::Map(map) if map.flattened => {
                let insert = value::read_entry(&member.value, &quote!(child), &quote!(map), 1);
                quote! {{
                    let mut map = ::std::collections::BTreeMap::new();
                    for child in element.children.iter().filter(|c| c.local_name() == #element_name) {
                        #insert
                    }
                    map
                }}
            }
            other => value::read(other, &quote!(child), 1),
        };
        let read = if v.boxed { quote!(::std::boxed::Box::new(#read)) } else { read };
        quote!(#element_name => return ::std::result::Result::Ok(Self::#variant(#read)),)
    });
    quote! {
        #write

        impl ::awsgen_types::xml::XmlRead for #name {
            fn read_xml(
                element: &::awsgen_types::xml::Element,
            ) -> ::std::result::Result<Self, ::awsgen_types::xml::XmlError> {
                #[allow(clippy::never_loop)]
                for child in &element.children {
                    match child.local_name() {
                        #(#read_arms)*
                        other => return ::std::result::Result::Ok(Self::#unknown(::std::string::String::from(other))),
                    }
                }
                ::std::result::Result::Err(
                    ::awsgen_types::xml::XmlError::new("a union with no member set").in_element(&element.name),
                )
            }
        }
    }
}
