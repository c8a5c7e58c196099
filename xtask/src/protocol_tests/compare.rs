//! `Compare` impls for every generated structure, union and enum: member by
//! member, so a failure names the member (`KitchenSink.ListOfStructs[1].Value`)
//! and floats compare NaN equal to NaN (the harness's leaf impls do that).

use proc_macro2::TokenStream;
use quote::quote;

use crate::test_crate::index::{Index, Named};
use crate::test_crate::tokens::{ident, CratePath};

/// One impl per named type of the generated crate, in Rust-name order.
pub fn compare_impls(index: &Index<'_>, paths: &CratePath) -> TokenStream {
    let impls = index.all().map(|named| compare_impl(named, paths));
    quote! {
        //! `Compare` for the generated types: member by member.
        #(#impls)*
    }
}

fn compare_impl(named: Named<'_>, paths: &CratePath) -> TokenStream {
    let (rust_name, body) = match named {
        Named::Struct(def) => {
            let fields = def.fields.iter().map(|field| {
                let name = ident(&field.rust_name);
                let wire = format!(".{}", field.member_name());
                quote! {
                    crate::harness::Compare::compare(&self.#name, &expected.#name, &::std::format!("{at}{}", #wire), problems);
                }
            });
            let body = if def.fields.is_empty() {
                quote!(let _ = (expected, at, problems);)
            } else {
                quote!(#(#fields)*)
            };
            (&def.rust_name, body)
        }
        Named::Enum(def) => (
            &def.rust_name,
            quote!(crate::harness::compare_eq(self, expected, at, problems);),
        ),
        Named::IntEnum(def) => (
            &def.rust_name,
            quote!(crate::harness::compare_eq(self, expected, at, problems);),
        ),
        Named::Union(def) => {
            let path = paths.item(&def.rust_name);
            let arms = def.variants.iter().map(|variant| {
                let name = ident(&variant.rust_name);
                let wire = format!(".{}", variant.member_name);
                match variant.ty {
                    Some(_) => quote! {
                        (#path::#name(actual), #path::#name(wanted)) => {
                            crate::harness::Compare::compare(actual, wanted, &::std::format!("{at}{}", #wire), problems);
                        }
                    },
                    None => quote!((#path::#name, #path::#name) => {}),
                }
            });
            let unknown = ident(&def.unknown_variant);
            let body = quote! {
                match (self, expected) {
                    #(#arms)*
                    (#path::#unknown(actual), #path::#unknown(wanted)) => {
                        crate::harness::compare_eq(actual, wanted, at, problems);
                    }
                    _ => crate::harness::mismatch(self, expected, at, problems),
                }
            };
            (&def.rust_name, body)
        }
    };
    let ty = paths.item(rust_name);
    quote! {
        impl crate::harness::Compare for #ty {
            fn compare(&self, expected: &Self, at: &str, problems: &mut ::std::vec::Vec<::std::string::String>) {
                #body
            }
        }
    }
}
