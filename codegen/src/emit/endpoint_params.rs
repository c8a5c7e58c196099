//! `Operation::endpoint_params`: the endpoint rule-set parameters an
//! operation sets, in precedence order (a later entry of the same name wins).

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::common::ident;
use crate::ir::{EndpointParamIr, StaticParamKind, StaticParamValue};

pub fn endpoint_params_fn(params: &[EndpointParamIr]) -> TokenStream {
    if params.is_empty() {
        return TokenStream::new();
    }
    // Unconditional entries initialise the list; the rest are pushed when set,
    // so the list is never built by a push straight after `new`.
    let mut fixed = Vec::new();
    let mut pushes = Vec::new();
    for param in params {
        match param {
            EndpointParamIr::Static { name, value } => {
                let value = match value {
                    StaticParamValue::String(s) => {
                        quote!(::awsgen_types::EndpointParam::String(::std::string::String::from(#s)))
                    }
                    StaticParamValue::Bool(b) => quote!(::awsgen_types::EndpointParam::Bool(#b)),
                    StaticParamValue::StringArray(items) => quote! {
                        ::awsgen_types::EndpointParam::StringArray(::std::vec![#(::std::string::String::from(#items)),*])
                    },
                };
                fixed.push(quote!((#name, #value)));
            }
            EndpointParamIr::Member {
                name,
                field,
                optional,
                kind,
            } => {
                let field = ident(field);
                // `v` is a place of the member's type, or a reference to one.
                let wrap = |v: TokenStream, by_ref: bool| {
                    let copied = if by_ref { quote!(*#v) } else { v.clone() };
                    match kind {
                        StaticParamKind::String => {
                            quote!(::awsgen_types::EndpointParam::String(#v.clone()))
                        }
                        StaticParamKind::Bool => {
                            quote!(::awsgen_types::EndpointParam::Bool(#copied))
                        }
                        StaticParamKind::StringArray => {
                            quote!(::awsgen_types::EndpointParam::StringArray(#v.clone()))
                        }
                    }
                };
                if *optional {
                    let value = wrap(quote!(value), true);
                    pushes.push(quote! {
                        if let ::std::option::Option::Some(value) = &input.#field {
                            params.push((#name, #value));
                        }
                    });
                } else {
                    let value = wrap(quote!(input.#field), false);
                    fixed.push(quote!((#name, #value)));
                }
            }
            EndpointParamIr::Path { name, path } => pushes.push(quote! {
                if let ::std::option::Option::Some(value) = ::awsgen_types::endpoint_param_at(input, #path) {
                    params.push((#name, value));
                }
            }),
        }
    }
    let uses_input = params
        .iter()
        .any(|p| !matches!(p, EndpointParamIr::Static { .. }));
    let input = if uses_input {
        quote!(input)
    } else {
        quote!(_input)
    };
    let body = if pushes.is_empty() {
        quote!(::std::vec![#(#fixed),*])
    } else {
        quote! {
            let mut params = ::std::vec![#(#fixed),*];
            #(#pushes)*
            params
        }
    };
    quote! {
        fn endpoint_params(
            #input: &Self::Input,
        ) -> ::std::vec::Vec<(&'static str, ::awsgen_types::EndpointParam)> {
            #body
        }
    }
}
