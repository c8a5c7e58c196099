//! The typed client: `Client::start_image_scan(input).await`, a thin layer
//! over `awsjson_client::Client::call`. Compiled only with the generated
//! crate's `client` feature, so the types alone never pull in an HTTP stack.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::common::{deprecated_attr, doc_attrs, ident};
use crate::ir::CrateIr;

pub fn emit_client(ir: &CrateIr) -> TokenStream {
    let name = ident(&ir.client.rust_name);
    let title = format!(
        " A client for {}: one async method per operation.",
        ir.service.title
    );
    let methods = ir.client.methods.iter().filter_map(|method| {
        let op = ir.operations.get(method.operation)?;
        let fn_name = ident(&method.name);
        let marker = ident(&op.rust_name);
        let input = ident(&op.input.rust_name);
        let output = ident(&op.output.rust_name);
        let error = ident(&op.error.rust_name);
        let mut lines = op.docs.clone();
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(format!("Sends `{}`.", op.name));
        let docs = doc_attrs(&lines);
        let deprecated = deprecated_attr(&op.deprecated);
        Some(quote! {
            #docs
            #deprecated
            pub async fn #fn_name(
                &self,
                input: crate::#input,
            ) -> ::std::result::Result<crate::#output, ::awsjson_client::CallError<crate::#error>> {
                self.inner.call::<crate::#marker>(input).await
            }
        })
    });
    quote! {
        #[doc = #title]
        #[derive(::std::fmt::Debug, ::std::clone::Clone)]
        pub struct #name {
            inner: ::awsjson_client::Client,
        }

        impl #name {
            /// Wraps a configured transport client.
            pub fn new(inner: ::awsjson_client::Client) -> Self {
                Self { inner }
            }

            /// A client configured from the environment and shared config files
            /// (credentials, region, endpoint overrides), as the AWS SDKs do.
            pub fn from_env() -> ::std::result::Result<Self, ::awsjson_client::ConfigError> {
                ::awsjson_client::Client::from_env().map(Self::new)
            }

            /// The transport client, for `call_with_metadata` and the like.
            pub fn inner(&self) -> &::awsjson_client::Client {
                &self.inner
            }

            #(#methods)*
        }
    }
}
