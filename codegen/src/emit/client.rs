//! The typed client: `Client::start_image_scan(input).await`, a thin layer
//! over `awsgen_client::Client::call`. Compiled only with the generated
//! crate's `client` feature, so the types alone never pull in an HTTP stack.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::common::{deprecated_attr, doc_attrs, ident};
use crate::ir::{ClientMethodKind, CrateIr, OperationIr, WaiterIr};

/// The client type; `example` is its doc example's lines (none when the
/// crate has no examples).
pub fn emit_client(ir: &CrateIr, example: &[String]) -> TokenStream {
    let name = ident(&ir.client.rust_name);
    let mut title = vec![format!(
        "A client for {}: one async method per operation.",
        ir.service.title
    )];
    if !example.is_empty() {
        title.push(String::new());
        title.extend(example.iter().cloned());
    }
    let title = doc_attrs(&title);
    let methods = ir
        .client
        .methods
        .iter()
        .filter_map(|method| match method.kind {
            ClientMethodKind::Call(op) => call_method(&method.name, ir.operations.get(op)?),
            ClientMethodKind::Paginate(op) => paginate_method(&method.name, ir.operations.get(op)?),
            ClientMethodKind::Wait(w) => {
                let waiter = ir.waiters.get(w)?;
                wait_method(&method.name, waiter, ir.operations.get(waiter.operation)?)
            }
        });
    quote! {
        #title
        #[derive(::std::fmt::Debug, ::std::clone::Clone)]
        pub struct #name {
            inner: ::awsgen_client::Client,
        }

        impl #name {
            /// Wraps a configured transport client.
            pub fn new(inner: ::awsgen_client::Client) -> Self {
                Self { inner }
            }

            /// A client configured from the environment and shared config files
            /// (credentials, region, endpoint overrides), as the AWS SDKs do.
            pub fn from_env() -> ::std::result::Result<Self, ::awsgen_client::ConfigError> {
                ::awsgen_client::Client::from_env().map(Self::new)
            }

            /// The transport client, for `call_with_metadata` and the like.
            pub fn inner(&self) -> &::awsgen_client::Client {
                &self.inner
            }

            #(#methods)*
        }
    }
}

fn call_method(name: &str, op: &OperationIr) -> Option<TokenStream> {
    let fn_name = ident(name);
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
    // Not an `async fn`: the caller gets the client's own future, with no
    // layer around it. An `async fn` wrapping `call(input).await` moved that
    // future (1.1 KB) into its own state and polled it through one more
    // frame, each call (BENCHMARKS.md, "The attempt started out of line").
    // Nothing runs before the first poll either way.
    Some(quote! {
        #docs
        #deprecated
        pub fn #fn_name(
            &self,
            input: super::#input,
        ) -> impl ::std::future::Future<
            Output = ::std::result::Result<super::#output, ::awsgen_client::CallError<super::#error>>,
        > + '_ {
            self.inner.call::<super::#marker>(input)
        }
    })
}

fn paginate_method(name: &str, op: &OperationIr) -> Option<TokenStream> {
    let paginator = op.paginator.as_ref()?;
    let fn_name = ident(name);
    let marker = ident(&op.rust_name);
    let input = ident(&op.input.rust_name);
    let mut lines = vec![format!(
        "Pages of `{}`: sends the input, then again with each page's token, until the token is missing, empty or repeated.",
        op.name
    )];
    lines.push(String::new());
    lines.push(
        "Nothing is sent until the paginator is polled (`next_page().await`, or as a `Stream`)."
            .to_owned(),
    );
    if paginator.items.is_some() {
        lines.push("`.items()` flattens the pages into their items.".to_owned());
    }
    if paginator.page_size.is_some() {
        lines.push("`.page_size(n)` sets the page size of every request.".to_owned());
    }
    let docs = doc_attrs(&lines);
    let deprecated = deprecated_attr(&op.deprecated);
    Some(quote! {
        #docs
        #deprecated
        pub fn #fn_name(
            &self,
            input: super::#input,
        ) -> ::awsgen_client::Paginator<super::#marker> {
            self.inner.paginate::<super::#marker>(input)
        }
    })
}

fn wait_method(name: &str, waiter: &WaiterIr, op: &OperationIr) -> Option<TokenStream> {
    let fn_name = ident(name);
    let marker = ident(&op.rust_name);
    let input = ident(&op.input.rust_name);
    let waiter_marker = ident(&waiter.rust_name);
    let lines = [
        format!(
            "Waits until [`{}`](super::waiters::{}) settles: polls `{}` with this input until an acceptor decides or `max_wait` has passed.",
            waiter.name, waiter.rust_name, op.name
        ),
        String::new(),
        "Returns the final poll on success; a matched failure acceptor, an error, or the deadline is a `WaitError`."
            .to_owned(),
    ];
    let docs = doc_attrs(&lines);
    let deprecated = deprecated_attr(&waiter.deprecated);
    // The waiter's own future, as for `call_method`.
    Some(quote! {
        #docs
        #deprecated
        pub fn #fn_name(
            &self,
            input: super::#input,
            max_wait: ::std::time::Duration,
        ) -> impl ::std::future::Future<
            Output = ::std::result::Result<
                ::awsgen_client::Waited<super::#marker>,
                ::awsgen_client::WaitError<super::#marker>,
            >,
        > + '_ {
            self.inner.wait::<super::waiters::#waiter_marker>(input, max_wait)
        }
    })
}
