//! `awsgen_types::Paginated` (and `PaginatedItems`) for paginated operations:
//! how the transport moves the token from one page's output to the next input.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::common::{ident, rust_type};
use crate::ir::{IntWidth, ItemCollection, OperationIr, PageSize, PathStep};

pub fn emit_paginator(op: &OperationIr) -> TokenStream {
    let Some(p) = &op.paginator else {
        return TokenStream::new();
    };
    let marker = ident(&op.rust_name);
    let token_ty = rust_type(&p.token_ty);
    let input_token = ident(&p.input_token);
    let output_token = borrow_path(&p.output_token);
    let page_size = match &p.page_size {
        Some(PageSize { field, width }) => {
            let field = ident(field);
            let value = match width {
                IntWidth::I64 => quote!(::std::primitive::i64::from(page_size)),
                IntWidth::I32 => quote!(page_size),
            };
            quote! {
                const HAS_PAGE_SIZE: bool = true;

                fn set_page_size(input: &mut Self::Input, page_size: i32) {
                    input.#field = ::std::option::Option::Some(#value);
                }
            }
        }
        None => TokenStream::new(),
    };
    let items = p.items.as_ref().map(|items| {
        let (item_ty, collect) = match &items.collection {
            ItemCollection::List { item, sparse } => {
                let item = rust_type(item);
                let ty = if *sparse {
                    quote!(::std::option::Option<#item>)
                } else {
                    item
                };
                (ty, quote!(value))
            }
            ItemCollection::Map { value, sparse } => {
                let value = rust_type(value);
                let value = if *sparse {
                    quote!(::std::option::Option<#value>)
                } else {
                    value
                };
                (
                    quote!((::std::string::String, #value)),
                    quote!(value.into_iter().collect()),
                )
            }
        };
        let walk = owned_path(&items.path);
        quote! {
            impl ::awsgen_types::PaginatedItems for #marker {
                type Item = #item_ty;

                fn items(output: Self::Output) -> ::std::vec::Vec<Self::Item> {
                    let value = output;
                    #walk
                    #collect
                }
            }
        }
    });
    quote! {
        impl ::awsgen_types::Paginated for #marker {
            type Token = #token_ty;

            fn set_input_token(input: &mut Self::Input, token: ::std::option::Option<Self::Token>) {
                input.#input_token = token;
            }

            fn input_token(input: &Self::Input) -> ::std::option::Option<&Self::Token> {
                input.#input_token.as_ref()
            }

            fn output_token(output: &Self::Output) -> ::std::option::Option<&Self::Token> {
                let value = output;
                #output_token
            }

            fn token_is_empty(token: &Self::Token) -> bool {
                token.is_empty()
            }

            #page_size
        }

        #items
    }
}

/// Borrows along the path; the last step yields `Option<&Token>`.
fn borrow_path(steps: &[PathStep]) -> TokenStream {
    let Some((last, init)) = steps.split_last() else {
        return quote!(::std::option::Option::None);
    };
    let walk = init.iter().map(|step| {
        let field = ident(&step.field);
        match (step.optional, step.boxed) {
            (true, false) => quote!(let value = value.#field.as_ref()?;),
            (true, true) => quote!(let value = value.#field.as_deref()?;),
            (false, false) => quote!(let value = &value.#field;),
            (false, true) => quote!(let value = &*value.#field;),
        }
    });
    let field = ident(&last.field);
    let end = if last.optional {
        quote!(value.#field.as_ref())
    } else {
        quote!(::std::option::Option::Some(&value.#field))
    };
    quote! {
        #(#walk)*
        #end
    }
}

/// Moves along the path, returning an empty list when a step is unset.
fn owned_path(steps: &[PathStep]) -> TokenStream {
    let walk = steps.iter().map(|step| {
        let field = ident(&step.field);
        let take = if step.optional {
            quote! {
                let ::std::option::Option::Some(value) = value.#field else {
                    return ::std::vec::Vec::new();
                };
            }
        } else {
            quote!(let value = value.#field;)
        };
        let unbox = if step.boxed {
            quote!(let value = *value;)
        } else {
            TokenStream::new()
        };
        quote!(#take #unbox)
    });
    quote!(#(#walk)*)
}
