//! One value's code in each direction, by its layout (`XmlValue`): written
//! as an element, written as form pairs, read from an element. Lists and
//! maps recurse into their items; structures and unions call their own
//! impls.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::emit::common::{ident, rust_type};
use crate::emit::rest::text::{timestamp_format, to_text};
use crate::ir::{HttpScalar, RustType, XmlNamespaceIr, XmlValue};

/// `Option<Namespace>` for a declaration.
pub(crate) fn namespace(ns: Option<&XmlNamespaceIr>) -> TokenStream {
    match ns {
        Some(ns) => {
            let (attribute, uri) = (&ns.attribute, &ns.uri);
            quote!(::std::option::Option::Some(::awsgen_types::xml::Namespace { attribute: #attribute, uri: #uri }))
        }
        None => quote!(::std::option::Option::None),
    }
}

/// A name for a nested loop's variable that no outer one shadows.
fn var(base: &str, depth: usize) -> Ident {
    format_ident!("{}{}", base, depth)
}

/// Writes `value` (an expression of type `&T`) as the element `name`.
pub(crate) fn write_xml(
    value: &XmlValue,
    expr: &TokenStream,
    name: &str,
    ns: Option<&XmlNamespaceIr>,
    depth: usize,
) -> TokenStream {
    let ns_tokens = namespace(ns);
    match value {
        XmlValue::Scalar { scalar, .. } => {
            let text = to_text(*scalar, expr);
            quote!(writer.text_element(#name, #ns_tokens, #text);)
        }
        XmlValue::Named(_) => {
            quote!(::awsgen_types::xml::XmlWrite::write_xml(#expr, writer, #name, #ns_tokens);)
        }
        XmlValue::Unit => quote! {
            writer.start(#name, #ns_tokens);
            writer.end(#name);
        },
        XmlValue::Stream => quote!(),
        XmlValue::List(list) => {
            let item = var("item", depth);
            let item_expr = quote!(#item);
            // A flattened list's items are the member's elements.
            let (item_name, item_ns) = if list.flattened {
                (name, ns.or(list.item_namespace.as_ref()))
            } else {
                (list.item_name.as_str(), list.item_namespace.as_ref())
            };
            let write_item = write_xml(&list.item, &item_expr, item_name, item_ns, depth + 1);
            let each = if list.sparse {
                quote!(for #item in (#expr).iter().flatten() { #write_item })
            } else {
                quote!(for #item in (#expr).iter() { #write_item })
            };
            if list.flattened {
                each
            } else {
                quote! {
                    writer.start(#name, #ns_tokens);
                    #each
                    writer.end(#name);
                }
            }
        }
        XmlValue::Map(map) => {
            let (key, entry_value) = (var("key", depth), var("value", depth));
            let key_expr = quote!(#key);
            let value_expr = quote!(#entry_value);
            let write_key = write_xml(
                &map.key,
                &key_expr,
                &map.key_name,
                map.key_namespace.as_ref(),
                depth + 1,
            );
            let write_value = write_xml(
                &map.value,
                &value_expr,
                &map.value_name,
                map.value_namespace.as_ref(),
                depth + 1,
            );
            let write_value = if map.sparse {
                quote!(if let ::std::option::Option::Some(#entry_value) = #entry_value { #write_value })
            } else {
                write_value
            };
            let (entry_name, entry_ns) = if map.flattened {
                (name, ns_tokens.clone())
            } else {
                ("entry", quote!(::std::option::Option::None))
            };
            let each = quote! {
                for (#key, #entry_value) in (#expr).iter() {
                    writer.start(#entry_name, #entry_ns);
                    #write_key
                    #write_value
                    writer.end(#entry_name);
                }
            };
            if map.flattened {
                each
            } else {
                quote! {
                    writer.start(#name, #ns_tokens);
                    #each
                    writer.end(#name);
                }
            }
        }
    }
}

/// Writes `value` (an expression of type `&T`) as form pairs under the
/// key `key` (an expression of type `&str`).
pub(crate) fn write_query(
    value: &XmlValue,
    expr: &TokenStream,
    key: &TokenStream,
    depth: usize,
) -> TokenStream {
    match value {
        XmlValue::Scalar { scalar, .. } => {
            let text = to_text(*scalar, expr);
            quote!(writer.push(#key, #text);)
        }
        XmlValue::Named(_) => {
            quote!(::awsgen_types::protocol::query::QueryWrite::write_query(#expr, writer, #key);)
        }
        XmlValue::Unit => quote!(writer.push(#key, "");),
        XmlValue::Stream => quote!(),
        XmlValue::List(list) => {
            let (item, index) = (var("item", depth), var("index", depth));
            let item_key = var("item_key", depth);
            let key_text = match &list.item_query_name {
                Some(segment) => quote!(::std::format!("{}.{}.{}", #key, #segment, #index + 1)),
                None => quote!(::std::format!("{}.{}", #key, #index + 1)),
            };
            let write_item =
                write_query(&list.item, &quote!(#item), &quote!(&#item_key), depth + 1);
            let write_item = if list.sparse {
                quote!(if let ::std::option::Option::Some(#item) = #item { #write_item })
            } else {
                write_item
            };
            let empty = list.empty_writes_key.then(|| {
                quote! {
                    if (#expr).is_empty() {
                        writer.push(#key, "");
                    }
                }
            });
            quote! {
                #empty
                for (#index, #item) in (#expr).iter().enumerate() {
                    let #item_key = #key_text;
                    #write_item
                }
            }
        }
        XmlValue::Map(map) => {
            let (key_var, value_var, index) =
                (var("key", depth), var("value", depth), var("index", depth));
            let entry = var("entry", depth);
            let entry_text = if map.flattened {
                quote!(::std::format!("{}.{}", #key, #index + 1))
            } else {
                quote!(::std::format!("{}.entry.{}", #key, #index + 1))
            };
            let (key_name, value_name) = (&map.key_name, &map.value_name);
            let value_key = var("value_key", depth);
            let write_key = write_query(
                &map.key,
                &quote!(#key_var),
                &quote!(&::std::format!("{}.{}", #entry, #key_name)),
                depth + 1,
            );
            let write_value = write_query(
                &map.value,
                &quote!(#value_var),
                &quote!(&#value_key),
                depth + 1,
            );
            let write_value = if map.sparse {
                quote!(if let ::std::option::Option::Some(#value_var) = #value_var { #write_value })
            } else {
                write_value
            };
            quote! {
                for (#index, (#key_var, #value_var)) in (#expr).iter().enumerate() {
                    let #entry = #entry_text;
                    #write_key
                    let #value_key = ::std::format!("{}.{}", #entry, #value_name);
                    #write_value
                }
            }
        }
    }
}

/// An expression of type `T` reading `value` from the element `element`
/// (a `&Element`); it may return early with `?`.
pub(crate) fn read(value: &XmlValue, element: &TokenStream, depth: usize) -> TokenStream {
    let xml = quote!(::awsgen_types::xml);
    match value {
        XmlValue::Scalar { scalar, ty } => read_scalar(*scalar, ty, element),
        XmlValue::Named(name) => {
            let name = ident(name);
            quote!(<super::#name as #xml::XmlRead>::read_xml(#element)?)
        }
        // Only a union variant is a unit, and it reads nothing; a stream is
        // never in an element (`read_members` leaves it out).
        XmlValue::Unit => quote!(()),
        XmlValue::Stream => quote!(::std::default::Default::default()),
        XmlValue::List(list) => {
            let child = var("child", depth);
            let item_name = &list.item_name;
            let read_item = read(&list.item, &quote!(#child), depth + 1);
            let item = if list.sparse {
                quote!(::std::option::Option::Some(#read_item))
            } else {
                read_item
            };
            quote! {{
                let mut items = ::std::vec::Vec::new();
                for #child in &(#element).children {
                    if #child.local_name() == #item_name {
                        items.push(#item);
                    }
                }
                items
            }}
        }
        XmlValue::Map(_) => {
            let entry = var("entry", depth);
            let insert = read_entry(value, &quote!(#entry), &quote!(map), depth);
            quote! {{
                let mut map = ::std::collections::BTreeMap::new();
                for #entry in &(#element).children {
                    if #entry.local_name() == "entry" {
                        #insert
                    }
                }
                map
            }}
        }
    }
}

/// Statements reading one map entry (`<key/><value/>` in `entry`) into
/// `map`; an entry without its key or value is skipped.
pub(crate) fn read_entry(
    value: &XmlValue,
    entry: &TokenStream,
    map: &TokenStream,
    depth: usize,
) -> TokenStream {
    let XmlValue::Map(spec) = value else {
        return quote!();
    };
    let (key_el, value_el) = (var("key_element", depth), var("value_element", depth));
    let (key_name, value_name) = (&spec.key_name, &spec.value_name);
    let read_key = read(&spec.key, &quote!(#key_el), depth + 1);
    let read_value = read(&spec.value, &quote!(#value_el), depth + 1);
    if spec.sparse {
        quote! {
            if let ::std::option::Option::Some(#key_el) = (#entry).child(#key_name) {
                let value = match (#entry).child(#value_name) {
                    ::std::option::Option::Some(#value_el) => ::std::option::Option::Some(#read_value),
                    ::std::option::Option::None => ::std::option::Option::None,
                };
                #map.insert(#read_key, value);
            }
        }
    } else {
        quote! {
            if let (::std::option::Option::Some(#key_el), ::std::option::Option::Some(#value_el)) =
                ((#entry).child(#key_name), (#entry).child(#value_name))
            {
                #map.insert(#read_key, #read_value);
            }
        }
    }
}

/// A scalar of Rust type `ty` from its element's text.
fn read_scalar(scalar: HttpScalar, ty: &RustType, element: &TokenStream) -> TokenStream {
    let xml = quote!(::awsgen_types::xml);
    let ty_tokens = rust_type(ty);
    match scalar {
        HttpScalar::String | HttpScalar::MediaTypeString => quote!(#xml::read_text(#element)),
        HttpScalar::Enum => quote!(#ty_tokens::from((#element).text.as_str())),
        HttpScalar::IntEnum => quote!(#ty_tokens::from(#xml::read_number::<i32>(#element)?)),
        HttpScalar::Display | HttpScalar::Float | HttpScalar::Blob => {
            quote!(#xml::read_number::<#ty_tokens>(#element)?)
        }
        HttpScalar::Timestamp(format) => {
            let format = timestamp_format(format);
            quote!(#xml::read_timestamp(#element, #format)?)
        }
    }
}

/// An attribute's value of Rust type `ty`, as `Option<T>` (`?` on a bad one).
pub(crate) fn read_attribute(value: &XmlValue, element: &TokenStream, name: &str) -> TokenStream {
    let XmlValue::Scalar { scalar, ty } = value else {
        return quote!(::std::option::Option::None);
    };
    let parse = crate::emit::rest::text::from_text(*scalar, ty, &quote!(text));
    quote!(::awsgen_types::xml::attribute(#element, #name, |text| #parse)?)
}
