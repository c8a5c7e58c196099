//! The XML protocols' code: each structure's and union's `XmlRead` and
//! `XmlWrite` (restXml) or `QueryWrite` (awsQuery, ec2Query) impls, and
//! the operations' protocol functions. Every name and layout comes from
//! the IR (`ir/xml.rs`).

mod operation;
mod structure;
mod union;
mod value;

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::common::ident;
use crate::ir::{StructDef, StructRole, UnionDef, XmlIr, XmlWriterKind};

pub use operation::{query_fns, rest_xml_fns};
pub(crate) use structure::{read_members, write_xml_members};
pub(crate) use value::namespace;

/// The impls of a structure, when the crate speaks an XML protocol.
pub fn struct_impls(xml: Option<&XmlIr>, def: &StructDef) -> TokenStream {
    let Some((xml, members)) = xml.and_then(|xml| Some((xml, xml.shapes.get(&def.rust_name)?)))
    else {
        return quote!();
    };
    let name = ident(&def.rust_name);
    let all: Vec<usize> = (0..def.fields.len()).collect();
    let write = match xml.writer {
        XmlWriterKind::Xml => {
            let members = write_xml_members(def, members, &all, &quote!(self));
            quote! {
                impl ::awsgen_types::xml::XmlWrite for #name {
                    fn write_xml(
                        &self,
                        writer: &mut ::awsgen_types::xml::XmlWriter,
                        name: &str,
                        namespace: ::std::option::Option<::awsgen_types::xml::Namespace>,
                    ) {
                        writer.start(name, namespace);
                        #members
                        writer.end(name);
                    }
                }
            }
        }
        XmlWriterKind::Query => {
            let members = structure::write_query_members(def, members, &quote!(self));
            // A structure without members writes nothing under its prefix.
            let params = if def.fields.is_empty() {
                quote!(_writer: &mut ::awsgen_types::protocol::query::QueryWriter, _prefix: &str)
            } else {
                quote!(writer: &mut ::awsgen_types::protocol::query::QueryWriter, prefix: &str)
            };
            quote! {
                impl ::awsgen_types::protocol::query::QueryWrite for #name {
                    fn write_query(&self, #params) {
                        #members
                    }
                }
            }
        }
    };
    let (reads, values) = read_members(def, members, &all, &quote!(element));
    let inits = def.fields.iter().zip(values).map(|(field, value)| {
        let field_name = ident(&field.rust_name);
        let value = value.unwrap_or_else(|| quote!(::std::default::Default::default()));
        quote!(#field_name: #value,)
    });
    let metadata = match &def.role {
        StructRole::Error(info) => {
            let field = ident(&info.metadata_field);
            quote!(#field: ::std::default::Default::default(),)
        }
        _ => quote!(),
    };
    let element_param = if def.fields.is_empty() {
        quote!(_element)
    } else {
        quote!(element)
    };
    quote! {
        #write

        impl ::awsgen_types::xml::XmlRead for #name {
            fn read_xml(
                #element_param: &::awsgen_types::xml::Element,
            ) -> ::std::result::Result<Self, ::awsgen_types::xml::XmlError> {
                #reads
                ::std::result::Result::Ok(Self {
                    #(#inits)*
                    #metadata
                })
            }
        }
    }
}

/// The impls of a union, when the crate speaks an XML protocol.
pub fn union_impls(xml: Option<&XmlIr>, def: &UnionDef) -> TokenStream {
    match xml.and_then(|xml| Some((xml.writer, xml.shapes.get(&def.rust_name)?))) {
        Some((writer, members)) => union::union_impls(def, members, writer),
        None => quote!(),
    }
}
