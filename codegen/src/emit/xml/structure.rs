//! A structure's members written as XML or form pairs and read from an
//! element, for its own impls and for the part of an operation's input or
//! output a restXml body holds.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::value;
use crate::emit::common::{ident, rust_type};
use crate::emit::structure::default_fn_name;
use crate::ir::{DefaultValue, FieldDef, Presence, StructDef, XmlMember, XmlValue};
use crate::naming::unraw;

/// `body` with `value` bound to a reference to the field of `source`, when
/// it is set (through its box, if boxed).
fn with_value(field: &FieldDef, source: &TokenStream, body: TokenStream) -> TokenStream {
    let name = ident(&field.rust_name);
    let unbox = field.boxed.then(|| quote!(let value = &**value;));
    match field.presence {
        Presence::Optional => quote! {
            if let ::std::option::Option::Some(value) = &#source.#name {
                #unbox
                #body
            }
        },
        Presence::Required | Presence::Defaulted(_) => quote! {{
            let value = &#source.#name;
            #unbox
            #body
        }},
    }
}

/// The attributes and the child elements of the fields `indices` of
/// `source` (a value of `def`'s type), written into an open start tag.
pub(crate) fn write_xml_members(
    def: &StructDef,
    members: &[XmlMember],
    indices: &[usize],
    source: &TokenStream,
) -> TokenStream {
    let mut attributes = Vec::new();
    let mut children = Vec::new();
    for &i in indices {
        let (Some(field), Some(member)) = (def.fields.get(i), members.get(i)) else {
            continue;
        };
        if member.value == XmlValue::Stream {
            continue;
        }
        if member.attribute {
            if let XmlValue::Scalar { scalar, .. } = &member.value {
                let text = crate::emit::rest::text::to_text(*scalar, &quote!(value));
                let name = &member.name;
                attributes.push(with_value(
                    field,
                    source,
                    quote!(writer.attribute(#name, #text);),
                ));
            }
        } else {
            let write = value::write_xml(
                &member.value,
                &quote!(value),
                &member.name,
                member.namespace.as_ref(),
                0,
            );
            children.push(with_value(field, source, write));
        }
    }
    quote!(#(#attributes)* #(#children)*)
}

/// Every field of `source` as form pairs under `prefix` (a `&str`).
pub(crate) fn write_query_members(
    def: &StructDef,
    members: &[XmlMember],
    source: &TokenStream,
) -> TokenStream {
    let writes = def
        .fields
        .iter()
        .zip(members)
        .filter(|(_, member)| member.value != XmlValue::Stream)
        .map(|(field, member)| {
            let name = &member.query_name;
            let write = value::write_query(&member.value, &quote!(value), &quote!(&key), 0);
            with_value(
                field,
                source,
                quote! {
                    let key = ::awsgen_types::protocol::query::key(prefix, #name);
                    #write
                },
            )
        });
    quote!(#(#writes)*)
}

/// Reading the fields `indices` from `element` (a `&Element`): the
/// statements that fill a slot per field, and each field's value made
/// from its slot (indexed like `def.fields`; `None` for fields not read).
pub(crate) fn read_members(
    def: &StructDef,
    members: &[XmlMember],
    indices: &[usize],
    element: &TokenStream,
) -> (TokenStream, Vec<Option<TokenStream>>) {
    let mut decls = Vec::new();
    let mut attributes = Vec::new();
    let mut arms = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut values = vec![None; def.fields.len()];
    for &i in indices {
        let (Some(field), Some(member)) = (def.fields.get(i), members.get(i)) else {
            continue;
        };
        // A streamed payload is never in the body's element: left unset.
        if member.value == XmlValue::Stream {
            continue;
        }
        let slot = format_ident!("slot_{}", unraw(&field.rust_name));
        let ty = rust_type(&field.ty);
        let name = &member.name;
        values[i] = Some(present(def, field, &member.name, &quote!(#slot), element));
        if member.attribute {
            let read = value::read_attribute(&member.value, element, name);
            attributes.push(quote!(let #slot: ::std::option::Option<#ty> = #read;));
            continue;
        }
        decls
            .push(quote!(let mut #slot: ::std::option::Option<#ty> = ::std::option::Option::None;));
        // Two members written with one name cannot both be read; the first wins.
        if !seen.insert(name.clone()) {
            continue;
        }
        let arm = match &member.value {
            XmlValue::List(list) if list.flattened => {
                let read = value::read(&list.item, &quote!(child), 1);
                let item = if list.sparse {
                    quote!(::std::option::Option::Some(#read))
                } else {
                    read
                };
                quote!(#name => #slot.get_or_insert_with(::std::vec::Vec::new).push(#item),)
            }
            XmlValue::Map(map) if map.flattened => {
                let insert = value::read_entry(&member.value, &quote!(child), &quote!(map), 1);
                quote!(#name => {
                    let map = #slot.get_or_insert_with(::std::collections::BTreeMap::new);
                    #insert
                })
            }
            other => {
                let read = value::read(other, &quote!(child), 1);
                quote!(#name => #slot = ::std::option::Option::Some(#read),)
            }
        };
        arms.push(arm);
    }
    let walk = if arms.is_empty() {
        quote!()
    } else {
        // A structure of one member is a match of one arm.
        quote! {
            #[allow(clippy::single_match)]
            for child in &(#element).children {
                match child.local_name() {
                    #(#arms)*
                    _ => {}
                }
            }
        }
    };
    (quote!(#(#decls)* #walk #(#attributes)*), values)
}

/// The field's value from its `Option` slot: the option itself when
/// optional, else the value, its zero value or default, or an error naming
/// the member when it has none.
fn present(
    def: &StructDef,
    field: &FieldDef,
    member: &str,
    slot: &TokenStream,
    element: &TokenStream,
) -> TokenStream {
    let boxed = field.boxed.then(|| quote!(.map(::std::boxed::Box::new)));
    let type_name = ident(&def.rust_name);
    match &field.presence {
        Presence::Optional => quote!(#slot #boxed),
        Presence::Required if field.zero_on_missing => {
            quote!(#slot #boxed .unwrap_or_else(::awsgen_types::serde_as::zero_value))
        }
        Presence::Defaulted(DefaultValue::Empty) => {
            quote!(#slot #boxed .unwrap_or_else(::awsgen_types::serde_as::zero_value))
        }
        Presence::Required => quote! {
            #slot #boxed .ok_or_else(|| ::awsgen_types::xml::missing(#element, #member))?
        },
        Presence::Defaulted(_) => {
            let default = default_fn_name(field);
            quote!(#slot #boxed .unwrap_or_else(super::#type_name::#default))
        }
    }
}
