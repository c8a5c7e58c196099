//! One test function per case, named after the case ID, in a module per kind
//! (`request::AwsJson11Enums`, `response::AwsJson11Enums`).

use std::collections::BTreeMap;

use anyhow::{anyhow, bail, Context};
use awsjson_codegen::ir::OperationIr;
use proc_macro2::TokenStream;
use quote::quote;

use super::cases::{Case, Kind};
use super::index::Index;
use super::tokens::{ident, is_plain_ident, CratePath};
use super::values::Values;

/// Builds test functions from cases.
pub struct CaseTests<'a> {
    index: &'a Index<'a>,
    paths: &'a CratePath,
    values: Values<'a>,
}

impl<'a> CaseTests<'a> {
    pub fn new(index: &'a Index<'a>, paths: &'a CratePath) -> Self {
        CaseTests {
            index,
            paths,
            values: Values::new(index, paths),
        }
    }

    /// The test function of one case; an error says why the case cannot be
    /// turned into a test.
    pub fn test_fn(&self, case: &Case) -> anyhow::Result<TokenStream> {
        if !is_plain_ident(&case.id) {
            bail!("the case ID `{}` is not a Rust identifier", case.id);
        }
        let op = self
            .index
            .operation(&case.operation_name)
            .ok_or_else(|| anyhow!("the generated crate has no operation `{}`", case.operation_name))?;
        let body = match case.kind {
            Kind::Request => self.request_body(case, op)?,
            Kind::Response => self.response_body(case, op)?,
            Kind::ErrorResponse => self.error_body(case, op)?,
        };
        let name = ident(&case.id);
        Ok(quote! {
            #[tokio::test]
            async fn #name() {
                #body
            }
        })
    }

    fn request_body(&self, case: &Case, op: &OperationIr) -> anyhow::Result<TokenStream> {
        let input = self
            .values
            .structure(&op.input, case.params.as_ref(), &op.input.rust_name)?;
        let marker = self.paths.item(&op.rust_name);
        let endpoint_host = option_str(case.host.as_deref());
        // The host the request must reach: the resolved one (with any host
        // prefix), else the configured host without its path.
        let expected_host = case
            .resolved_host
            .as_deref()
            .or_else(|| case.host.as_deref().map(|h| h.split('/').next().unwrap_or(h)));
        let expected_host = option_str(expected_host);
        let method = case.method.as_deref().context("a request case without a method")?;
        let uri = case.uri.as_deref().context("a request case without a URI")?;
        let headers = header_pairs(case.headers.as_ref());
        let require = case.require_headers.iter().flatten();
        let forbid = case.forbid_headers.iter().flatten();
        let body = match &case.body {
            None => quote!(::std::option::Option::None),
            Some(text) if case.body_is_json() => {
                quote!(::std::option::Option::Some(crate::harness::ExpectedBody::Json(#text)))
            }
            Some(text) => quote!(::std::option::Option::Some(crate::harness::ExpectedBody::Bytes(#text))),
        };
        Ok(quote! {
            let input = #input;
            let request = crate::harness::capture_request::<#marker>(input, #endpoint_host).await;
            crate::harness::ExpectedRequest {
                method: #method,
                uri: #uri,
                host: #expected_host,
                headers: &[#headers],
                require_headers: &[#(#require),*],
                forbid_headers: &[#(#forbid),*],
                body: #body,
            }
            .check(&request);
        })
    }

    fn response_body(&self, case: &Case, op: &OperationIr) -> anyhow::Result<TokenStream> {
        let expected = self
            .values
            .structure(&op.output, case.params.as_ref(), &op.output.rust_name)?;
        let marker = self.paths.item(&op.rust_name);
        let input = self.values.structure(&op.input, None, &op.input.rust_name)?;
        let response = canned_response(case);
        Ok(quote! {
            let expected = #expected;
            let output = crate::harness::output_of::<#marker>(#input, &#response).await;
            crate::harness::assert_same(&output, &expected);
        })
    }

    fn error_body(&self, case: &Case, op: &OperationIr) -> anyhow::Result<TokenStream> {
        let error_id = case.error.as_deref().context("an error case without an `error` shape")?;
        let def = self
            .index
            .struct_by_shape(error_id)
            .ok_or_else(|| anyhow!("the generated crate has no error structure for `{error_id}`"))?;
        let variant = op
            .error
            .variants
            .iter()
            .find(|v| v.type_name == def.rust_name)
            .ok_or_else(|| anyhow!("`{}` is not an error of `{}`", def.rust_name, op.name))?;
        let expected = self.values.structure(def, case.params.as_ref(), &def.rust_name)?;
        let marker = self.paths.item(&op.rust_name);
        let input = self.values.structure(&op.input, None, &op.input.rust_name)?;
        let response = canned_response(case);
        let error_enum = self.paths.item(&op.error.rust_name);
        let variant_name = ident(&variant.rust_name);
        let wanted = format!("expected the modeled error `{}`, got {{other:?}}", variant.rust_name);
        Ok(quote! {
            let expected = #expected;
            let error = crate::harness::error_of::<#marker>(#input, &#response).await;
            match error {
                #error_enum::#variant_name(actual) => crate::harness::assert_same(&actual, &expected),
                other => panic!(#wanted),
            }
        })
    }
}

fn option_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(s) => quote!(::std::option::Option::Some(#s)),
        None => quote!(::std::option::Option::None),
    }
}

fn header_pairs(headers: Option<&BTreeMap<String, String>>) -> TokenStream {
    let pairs = headers.into_iter().flatten().map(|(name, value)| quote!((#name, #value)));
    quote!(#(#pairs),*)
}

fn canned_response(case: &Case) -> TokenStream {
    let status = case.code.unwrap_or(200);
    let headers = header_pairs(case.headers.as_ref());
    let body = case.body.as_deref().unwrap_or("");
    quote! {
        crate::harness::CannedResponse {
            status: #status,
            headers: &[#headers],
            body: #body,
        }
    }
}
