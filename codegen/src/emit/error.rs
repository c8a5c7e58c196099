//! Error structures (`Display`, `Error`, metadata access) and the
//! per-operation error enums.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::common::{doc_attrs, ident};
use crate::emit::structure::emit_struct;
use crate::ir::{ErrorEnumDef, ErrorMessage, RetryClass, StructDef, StructRole};

/// An error structure plus its error impls.
pub fn emit_error_struct(def: &StructDef) -> TokenStream {
    let item = emit_struct(def);
    let StructRole::Error(info) = &def.role else {
        return item;
    };
    let name = ident(&def.rust_name);
    let metadata = ident(&info.metadata_field);
    let read_headers =
        crate::emit::rest_json::error_headers_fn(def, &info.headers, info.prefix_headers.as_ref());
    let code = &info.code;
    let http_status = info.http_status.map(|status| {
        quote!(const HTTP_STATUS: ::std::option::Option<u16> = ::std::option::Option::Some(#status);)
    });
    let server_fault = info.server_fault.then(|| {
        quote!(
            const SERVER_FAULT: bool = true;
        )
    });
    let message = match &info.message {
        ErrorMessage::Absent => quote!(::std::option::Option::None),
        ErrorMessage::Optional { field } => {
            let field = ident(field);
            quote!(self.#field.as_deref())
        }
        ErrorMessage::Always { field } => {
            let field = ident(field);
            quote!(::std::option::Option::Some(self.#field.as_str()))
        }
    };
    quote! {
        #item

        impl #name {
            /// Code, message, HTTP status and request ID of the response this error came from.
            pub fn metadata(&self) -> &::awsgen_types::ErrorMetadata {
                &self.#metadata
            }

            /// Attaches response metadata (used by the transport and by tests).
            #[must_use]
            pub fn with_metadata(mut self, metadata: ::awsgen_types::ErrorMetadata) -> Self {
                self.#metadata = metadata;
                self
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::awsgen_types::error::display_error(f, #code, #message, &self.#metadata)
            }
        }

        impl ::std::error::Error for #name {}

        impl ::awsgen_types::error::ModeledError for #name {
            const CODE: &'static str = #code;
            #http_status
            #server_fault

            fn set_metadata(&mut self, metadata: ::awsgen_types::ErrorMetadata) {
                self.#metadata = metadata;
            }
            #read_headers
        }
    }
}

/// `enum OpError { Modeled(..)..., Unhandled(UnhandledError) }` and its impls.
/// `modeled` is the runtime function that reads a modeled error's body in
/// the operation's protocol (`awsgen_types::error::modeled` for JSON).
pub fn emit_error_enum(def: &ErrorEnumDef, operation: &str, modeled: &TokenStream) -> TokenStream {
    let name = ident(&def.rust_name);
    let unhandled = ident(&def.unhandled_variant);
    let doc = format!(
        " Errors of `{operation}`: one variant per modeled error, plus `{}` for the rest.",
        def.unhandled_variant
    );
    let variants = def.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let ty = ident(&v.type_name);
        let mut lines = v.docs.clone();
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(format!("Error code `{}`.", v.code));
        let docs = doc_attrs(&lines);
        quote!(#docs #variant(super::#ty),)
    });
    // A modeled error converts into the enum of each operation that can
    // return it (tests build expected errors; mocks prove membership).
    let conversions = def.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let ty = ident(&v.type_name);
        quote! {
            impl ::std::convert::From<super::#ty> for #name {
                fn from(error: super::#ty) -> Self {
                    Self::#variant(error)
                }
            }
        }
    });
    let arms: Vec<_> = def.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let parse_arms = def.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let ty = ident(&v.type_name);
        let code = &v.code;
        quote! {
            ::std::option::Option::Some(#code) => #modeled::<super::#ty, _>(response, Self::#variant)
                .unwrap_or_else(Self::#unhandled),
        }
    });
    let unmatched = quote!(Self::#unhandled(::awsgen_types::UnhandledError::new(response)));
    // Without modeled errors a `match` would have only the catch-all arm.
    let from_response = if def.variants.is_empty() {
        unmatched
    } else {
        quote! {
            match response.metadata.code.as_deref() {
                #(#parse_arms)*
                _ => #unmatched,
            }
        }
    };
    let retry_arms = def.variants.iter().filter_map(|v| {
        let variant = ident(&v.rust_name);
        let class = match v.retry? {
            RetryClass::Throttling => quote!(Throttling),
            RetryClass::Transient => quote!(Transient),
            RetryClass::Never => quote!(Never),
        };
        Some(quote!(Self::#variant(_) => ::std::option::Option::Some(::awsgen_types::RetryClass::#class),))
    });
    quote! {
        #[doc = #doc]
        #[derive(::std::fmt::Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// An error the model does not describe; keeps code, message, status and request ID.
            #unhandled(::awsgen_types::UnhandledError),
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(Self::#arms(error) => ::std::fmt::Display::fmt(error, f),)*
                    Self::#unhandled(error) => ::std::fmt::Display::fmt(error, f),
                }
            }
        }

        impl ::std::error::Error for #name {}

        impl ::awsgen_types::OperationError for #name {
            fn from_response(response: ::awsgen_types::ErrorResponse<'_>) -> Self {
                #from_response
            }

            fn metadata(&self) -> &::awsgen_types::ErrorMetadata {
                match self {
                    #(Self::#arms(error) => error.metadata(),)*
                    Self::#unhandled(error) => error.metadata(),
                }
            }

            fn retry_class(&self) -> ::std::option::Option<::awsgen_types::RetryClass> {
                #[allow(clippy::match_single_binding)]
                match self {
                    #(#retry_arms)*
                    _ => ::std::option::Option::None,
                }
            }
        }

        #(#conversions)*
    }
}
