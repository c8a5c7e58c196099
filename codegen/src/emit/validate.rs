//! `impl Validate`: the opt-in constraint checks of structures and unions.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::common::ident;
use crate::ir::{Check, PatternCheck, Presence, RustType, StructDef, UnionDef};

/// `impl Validate for Struct`.
pub fn validate_impl(def: &StructDef) -> TokenStream {
    let name = ident(&def.rust_name);
    let bodies: Vec<TokenStream> = def
        .fields
        .iter()
        .filter(|f| !f.checks.is_empty())
        .map(|field| {
            let member = ident(&field.rust_name);
            let wire = &field.wire_name;
            let checks = checks_on(&field.ty, &field.checks, quote!(value));
            let body = quote! {
                let path = check::join(path, #wire);
                #checks
            };
            match field.presence {
                Presence::Optional => quote!(if let Some(value) = &self.#member { #body }),
                Presence::Required | Presence::Defaulted(_) => {
                    quote!({ let value = &self.#member; #body })
                }
            }
        })
        .collect();
    validate_block(&name, bodies)
}

/// `impl Validate for Union`.
pub fn validate_union_impl(def: &UnionDef) -> TokenStream {
    let name = ident(&def.rust_name);
    let arms: Vec<TokenStream> = def
        .variants
        .iter()
        .filter_map(|v| {
            let ty = v.ty.as_ref()?;
            if v.checks.is_empty() {
                return None;
            }
            let variant = ident(&v.rust_name);
            let wire = &v.wire_name;
            let checks = checks_on(ty, &v.checks, quote!(value));
            Some(quote! {
                Self::#variant(value) => {
                    let path = check::join(path, #wire);
                    #checks
                }
            })
        })
        .collect();
    let body = if arms.is_empty() {
        vec![]
    } else {
        vec![quote! {
            #[allow(clippy::single_match)]
            match self {
                #(#arms)*
                _ => {}
            }
        }]
    };
    validate_block(&name, body)
}

fn validate_block(name: &proc_macro2::Ident, bodies: Vec<TokenStream>) -> TokenStream {
    let (path, out) = if bodies.is_empty() {
        (quote!(_path), quote!(_out))
    } else {
        (quote!(path), quote!(out))
    };
    // Block-local imports of absolute paths: short, and no model type can shadow them.
    let imports = if bodies.is_empty() {
        quote!()
    } else {
        quote! {
            #[allow(unused_imports)]
            use ::std::option::Option::{None, Some};
            use ::awsgen_types::validate::check;
        }
    };
    quote! {
        impl ::awsgen_types::Validate for #name {
            fn collect_violations(
                &self,
                #path: &str,
                #out: &mut ::std::vec::Vec<::awsgen_types::ConstraintViolation>,
            ) {
                #imports
                #(#bodies)*
            }
        }
    }
}

/// Checks on `value` (a reference to a value of type `ty`), with `path` in scope.
fn checks_on(ty: &RustType, checks: &[Check], value: TokenStream) -> TokenStream {
    let items = checks.iter().map(|check| check_on(ty, check, &value));
    quote! { #(#items)* }
}

fn opt_u64(v: Option<u64>) -> TokenStream {
    match v {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

fn opt_f64(v: Option<f64>) -> TokenStream {
    match v {
        Some(v) => {
            let lit = proc_macro2::Literal::f64_suffixed(v);
            quote!(Some(#lit))
        }
        None => quote!(None),
    }
}

fn check_on(ty: &RustType, check: &Check, value: &TokenStream) -> TokenStream {
    let check_mod = quote!(check);
    let as_str = match ty {
        RustType::Named(_) => quote!(#value.as_str()),
        _ => quote!(#value),
    };
    match check {
        Check::StringLength { min, max } => {
            let (min, max) = (opt_u64(*min), opt_u64(*max));
            quote!(#check_mod::string_length(&path, #as_str, #min, #max, out);)
        }
        Check::Length { min, max } => {
            let (min, max) = (opt_u64(*min), opt_u64(*max));
            let len = match ty {
                RustType::Blob => quote!(#value.as_bytes().len()),
                _ => quote!(#value.len()),
            };
            quote!(#check_mod::length(&path, #len, #min, #max, out);)
        }
        Check::Pattern {
            pattern,
            checked: PatternCheck::Always | PatternCheck::WithFullPatterns,
        } => quote!(#check_mod::pattern(&path, #as_str, #pattern, out);),
        // Documented only; `prune_checks` removes these before emission.
        Check::Pattern {
            checked: PatternCheck::Never,
            ..
        } => quote!(),
        Check::Range { min, max } => {
            let (min, max) = (opt_f64(*min), opt_f64(*max));
            quote!(#check_mod::range(&path, *#value as f64, #min, #max, out);)
        }
        Check::UniqueItems => quote!(#check_mod::unique_items(&path, #value, out);),
        // `Validate` is also implemented for `Box`, so recursive members need no deref.
        Check::Nested => quote!(::awsgen_types::Validate::collect_violations(#value, &path, out);),
        Check::EachItem(inner) => {
            let RustType::List { item, sparse } = ty else {
                return quote!();
            };
            let body = checks_on(item, inner, quote!(item));
            let item_part = if *sparse {
                quote!(if let Some(item) = item { #body })
            } else {
                body
            };
            quote! {
                for (index, item) in #value.iter().enumerate() {
                    let path = #check_mod::index(&path, index);
                    #item_part
                }
            }
        }
        Check::EachEntry {
            key,
            value: value_checks,
        } => {
            let RustType::Map {
                value: value_ty,
                sparse,
            } = ty
            else {
                return quote!();
            };
            let key_body = checks_on(&RustType::String, key, quote!(key));
            let value_body = checks_on(value_ty, value_checks, quote!(entry));

            let value_part = match (value_checks.is_empty(), *sparse) {
                (true, _) => quote!(),
                (false, true) => quote!(if let Some(entry) = entry { #value_body }),
                (false, false) => value_body,
            };
            // The key always names the path; the entry only when it is checked.
            let entry_var = if value_checks.is_empty() {
                quote!(_)
            } else {
                quote!(entry)
            };
            quote! {
                for (key, #entry_var) in #value.iter() {
                    let path = #check_mod::key(&path, key);
                    #key_body
                    #value_part
                }
            }
        }
    }
}
