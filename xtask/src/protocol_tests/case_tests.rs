//! One test function per case, named after the case ID, in a module per kind
//! (`request::AwsJson11Enums`, `response::AwsJson11Enums`).

use std::collections::BTreeMap;

use anyhow::{anyhow, bail, Context};
use awsgen_codegen::ir::OperationIr;
use proc_macro2::TokenStream;
use quote::quote;

use super::cases::{Case, Kind};
use crate::test_crate::index::Index;
use crate::test_crate::tokens::{ident, is_plain_ident, CratePath};
use crate::test_crate::values::{Filler, Values};

/// Builds test functions from cases.
pub struct CaseTests<'a> {
    index: &'a Index<'a>,
    paths: &'a CratePath,
    /// Values the case states.
    values: Values<'a>,
    /// The inputs of response and error cases, which state none: they must
    /// still make a request that can be sent.
    inputs: Values<'a>,
}

impl<'a> CaseTests<'a> {
    pub fn new(index: &'a Index<'a>, paths: &'a CratePath) -> Self {
        CaseTests {
            index,
            paths,
            values: Values::new(index, paths),
            inputs: Values::new(index, paths).with_filler(Filler::Sendable),
        }
    }

    /// The test function of one case; an error says why the case cannot be
    /// turned into a test.
    pub fn test_fn(&self, case: &Case) -> anyhow::Result<TokenStream> {
        if !is_plain_ident(&case.id) {
            bail!("the case ID `{}` is not a Rust identifier", case.id);
        }
        let op = self.index.operation(&case.operation_name).ok_or_else(|| {
            anyhow!(
                "the generated crate has no operation `{}`",
                case.operation_name
            )
        })?;
        let body = match case.kind {
            Kind::Request => self.request_body(case, op)?,
            Kind::Response => self.response_body(case, op)?,
            Kind::ErrorResponse => self.error_body(case, op)?,
            Kind::EventStream | Kind::MalformedRequest => {
                bail!("a `{}` case is not run by a client", case.kind.label())
            }
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
        let expected_host = case.resolved_host.as_deref().or_else(|| {
            case.host
                .as_deref()
                .map(|h| h.split('/').next().unwrap_or(h))
        });
        let expected_host = option_str(expected_host);
        let method = case
            .method
            .as_deref()
            .context("a request case without a method")?;
        let uri = case
            .uri
            .as_deref()
            .context("a request case without a URI")?;
        let headers = header_pairs(case.headers.as_ref());
        let require = case.require_headers.iter().flatten();
        let forbid = case.forbid_headers.iter().flatten();
        let query = case.query_params.iter().flatten();
        let require_query = case.require_query_params.iter().flatten();
        let forbid_query = case.forbid_query_params.iter().flatten();
        let body = match &case.body {
            None => quote!(::std::option::Option::None),
            // `""` asserts an empty body, whatever the media type.
            Some(text) if text.is_empty() => {
                quote!(::std::option::Option::Some(
                    crate::harness::ExpectedBody::Bytes("")
                ))
            }
            Some(text) if case.body_is_json() => {
                quote!(::std::option::Option::Some(crate::harness::ExpectedBody::Json(#text)))
            }
            Some(_) if case.body_is_cbor() => {
                let bytes = byte_string(&case.body_bytes()?);
                quote!(::std::option::Option::Some(crate::harness::ExpectedBody::Cbor(#bytes)))
            }
            Some(text) if case.body_media_type.as_deref() == Some("application/xml") => {
                quote!(::std::option::Option::Some(crate::harness::ExpectedBody::Xml(#text)))
            }
            Some(text)
                if case.body_media_type.as_deref() == Some("application/x-www-form-urlencoded") =>
            {
                quote!(::std::option::Option::Some(crate::harness::ExpectedBody::Form(#text)))
            }
            Some(text) => {
                quote!(::std::option::Option::Some(crate::harness::ExpectedBody::Bytes(#text)))
            }
        };
        // A case that states the client's configuration (S3's region and
        // addressing) is resolved by the service's rule set: its `host` is
        // the regional endpoint the rules start from, not a custom URL.
        let capture = match super::aws_config::case_config(case.aws_config())? {
            Some(config) => {
                quote!(crate::harness::capture_configured_request::<#marker>(input, #config).await)
            }
            None => quote!(crate::harness::capture_request::<#marker>(input, #endpoint_host).await),
        };
        Ok(quote! {
            let input = #input;
            let request = #capture;
            crate::harness::ExpectedRequest {
                method: #method,
                path: #uri,
                query_params: &[#(#query),*],
                require_query_params: &[#(#require_query),*],
                forbid_query_params: &[#(#forbid_query),*],
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
        let expected =
            self.values
                .structure(&op.output, case.params.as_ref(), &op.output.rust_name)?;
        let marker = self.paths.item(&op.rust_name);
        let input = self
            .inputs
            .structure(&op.input, None, &op.input.rust_name)?;
        let response = canned_response(case)?;
        Ok(quote! {
            let expected = #expected;
            let output = crate::harness::output_of::<#marker>(#input, &#response).await;
            crate::harness::assert_same(&output, &expected);
        })
    }

    fn error_body(&self, case: &Case, op: &OperationIr) -> anyhow::Result<TokenStream> {
        let error_id = case
            .error
            .as_deref()
            .context("an error case without an `error` shape")?;
        let def = self.index.struct_by_shape(error_id).ok_or_else(|| {
            anyhow!("the generated crate has no error structure for `{error_id}`")
        })?;
        let variant = op
            .error
            .variants
            .iter()
            .find(|v| v.type_name == def.rust_name)
            .ok_or_else(|| anyhow!("`{}` is not an error of `{}`", def.rust_name, op.name))?;
        let expected = self
            .values
            .structure(def, case.params.as_ref(), &def.rust_name)?;
        let marker = self.paths.item(&op.rust_name);
        let input = self
            .inputs
            .structure(&op.input, None, &op.input.rust_name)?;
        let response = canned_response(case)?;
        let error_enum = self.paths.item(&op.error.rust_name);
        let variant_name = ident(&variant.rust_name);
        let wanted = format!(
            "expected the modeled error `{}`, got {{other:?}}",
            variant.rust_name
        );
        // The code the client reports, when the case states it (the
        // query-compatible services' `x-amzn-query-error` code).
        let code_check = case.expected_error_code().map(|code| {
            quote! {
                assert_eq!(actual.metadata().code.as_deref(), ::std::option::Option::Some(#code), "the error code");
            }
        });
        Ok(quote! {
            let expected = #expected;
            let error = crate::harness::error_of::<#marker>(#input, &#response).await;
            match error {
                #error_enum::#variant_name(actual) => {
                    #code_check
                    crate::harness::assert_same(&actual, &expected)
                }
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
    let pairs = headers
        .into_iter()
        .flatten()
        .map(|(name, value)| quote!((#name, #value)));
    quote!(#(#pairs),*)
}

fn canned_response(case: &Case) -> anyhow::Result<TokenStream> {
    let status = case.code.unwrap_or(200);
    let headers = header_pairs(case.headers.as_ref());
    let body = byte_string(&case.body_bytes()?);
    Ok(quote! {
        crate::harness::CannedResponse {
            status: #status,
            headers: &[#headers],
            body: #body,
        }
    })
}

/// `b"..."`.
fn byte_string(bytes: &[u8]) -> proc_macro2::Literal {
    proc_macro2::Literal::byte_string(bytes)
}

#[cfg(test)]
mod tests {
    use awsgen_codegen::{load, lower_model, GenerateConfig, ModelSource};
    use serde_json::json;

    use super::*;

    const MODEL: &str = r#"{"smithy": "2.0", "shapes": {
        "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Op"}],
                   "traits": {"aws.protocols#awsJson1_1": {}, "aws.auth#sigv4": {"name": "svc"}}},
        "ex#Op": {"type": "operation", "input": {"target": "ex#In"}, "output": {"target": "smithy.api#Unit"},
                  "errors": [{"target": "ex#Oops"}]},
        "ex#In": {"type": "structure", "members": {
            "name": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
            "tags": {"target": "ex#Sparse"},
            "choice": {"target": "ex#Choice"},
            "color": {"target": "ex#Color"},
            "at": {"target": "smithy.api#Timestamp"}}},
        "ex#Sparse": {"type": "list", "member": {"target": "smithy.api#String"}, "traits": {"smithy.api#sparse": {}}},
        "ex#Choice": {"type": "union", "members": {
            "n": {"target": "smithy.api#Float"}, "u": {"target": "smithy.api#Unit"}}},
        "ex#Color": {"type": "enum", "members": {
            "RED": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "red"}}}},
        "ex#Oops": {"type": "structure", "members": {"Message": {"target": "smithy.api#String"}},
                    "traits": {"smithy.api#error": "client"}}
    }}"#;

    fn with_ir(check: impl FnOnce(&Index<'_>, &CratePath)) {
        let model = load(&[ModelSource::new("fixture.json", MODEL)]).unwrap();
        let (ir, _) = lower_model(&model, &GenerateConfig::default()).unwrap();
        let index = Index::new(&ir);
        check(&index, &CratePath::new("ex-types"));
    }

    fn case(json: serde_json::Value) -> Case {
        serde_json::from_value(json).unwrap()
    }

    fn normalized(tokens: TokenStream) -> String {
        tokens
            .to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn params_become_constructor_setters_and_variants() {
        with_ir(|index, paths| {
            let op = index.operation("Op").unwrap();
            let params = json!({"name": "n", "tags": ["a", null], "choice": {"n": "NaN"},
                                "color": "blue", "at": 1.5});
            let expr = Values::new(index, paths)
                .structure(&op.input, Some(&params), "In")
                .unwrap();
            let text = normalized(expr);
            for part in [
                ":: ex_types :: In :: new (:: std :: string :: String :: from (\"n\"))",
                ". with_tags (:: std :: vec ! [:: std :: option :: Option :: Some (:: std :: string :: String :: from (\"a\")) , :: std :: option :: Option :: None])",
                ". with_choice (:: ex_types :: Choice :: N (f32 :: NAN))",
                ". with_color (:: ex_types :: Color :: from (\"blue\"))",
                "DateTime :: from_secs_f64 (1.5f64)",
            ] {
                assert!(text.contains(part), "{part}\nnot in\n{text}");
            }
        });
    }

    #[test]
    fn bad_params_name_the_member() {
        with_ir(|index, paths| {
            let op = index.operation("Op").unwrap();
            let values = Values::new(index, paths);
            let error = values
                .structure(&op.input, Some(&json!({"nope": 1})), "In")
                .unwrap_err();
            assert!(
                error.to_string().contains("has no member `nope`"),
                "{error}"
            );
            let error = values
                .structure(&op.input, Some(&json!({"choice": {"n": 1, "u": {}}})), "In")
                .unwrap_err();
            assert!(error.to_string().contains("In.choice: union"), "{error}");
            let error = values
                .structure(&op.input, Some(&json!({"at": "yesterday"})), "In")
                .unwrap_err();
            assert!(error.to_string().starts_with("In.at:"), "{error}");
        });
    }

    #[test]
    fn request_cases_check_the_query_and_an_empty_body() {
        with_ir(|index, paths| {
            let test = CaseTests::new(index, paths)
                .test_fn(&case(json!({
                    "id": "Q", "kind": "request", "operationName": "Op",
                    "params": {"name": "n"}, "method": "POST", "uri": "/q",
                    "queryParams": ["a=b%20c", "d"], "requireQueryParams": ["e"],
                    "forbidQueryParams": ["f"], "body": "",
                    "bodyMediaType": "application/json"
                })))
                .unwrap();
            let text = normalized(test);
            for part in [
                "path : \"/q\"",
                "query_params : & [\"a=b%20c\" , \"d\"]",
                "require_query_params : & [\"e\"]",
                "forbid_query_params : & [\"f\"]",
                // `""` is an empty body whatever the media type says.
                "ExpectedBody :: Bytes (\"\")",
            ] {
                assert!(text.contains(part), "{part}\nnot in\n{text}");
            }
        });
    }

    #[test]
    fn response_cases_send_an_input_whose_required_strings_are_not_empty() {
        with_ir(|index, paths| {
            let test = CaseTests::new(index, paths)
                .test_fn(&case(json!({
                    "id": "R", "kind": "response", "operationName": "Op",
                    "params": {}, "code": 200, "body": ""
                })))
                .unwrap();
            let text = normalized(test);
            assert!(
                text.contains(":: ex_types :: In :: new (:: std :: string :: String :: from (\"placeholder\"))"),
                "{text}"
            );
            // A request case states its input: a missing required member is
            // its zero value there.
            let op = index.operation("Op").unwrap();
            let zero = Values::new(index, paths)
                .structure(&op.input, None, "In")
                .unwrap();
            assert!(normalized(zero).contains("zero_value ()"));
        });
    }

    #[test]
    fn error_cases_match_the_modeled_variant() {
        with_ir(|index, paths| {
            let tests = CaseTests::new(index, paths);
            let test = tests
                .test_fn(&case(
                    json!({"id": "OopsCase", "kind": "error-response", "operationName": "Op",
                                      "error": "ex#Oops", "params": {"Message": "m"}, "code": 400}),
                ))
                .unwrap();
            let text = normalized(test);
            assert!(text.contains("async fn OopsCase"), "{text}");
            assert!(
                text.contains(":: ex_types :: OpError :: Oops (actual)"),
                "{text}"
            );
            assert!(text.contains("status : 400u16"), "{text}");
            let unknown = tests.test_fn(&case(
                json!({"id": "X", "kind": "request", "operationName": "Missing"}),
            ));
            assert!(unknown
                .unwrap_err()
                .to_string()
                .contains("no operation `Missing`"));
        });
    }
}
