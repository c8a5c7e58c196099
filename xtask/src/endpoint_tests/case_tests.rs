//! One test function per case (`case_<index>`): for each of its operation
//! inputs, a client configured from `builtInParams` (`builtins`), the input
//! built from `operationParams` as a typed construction expression (model
//! form, every member checked against the IR here), and a check that the
//! parameters the client resolves with give the case's `expect`.

use anyhow::{anyhow, bail};
use awsgen_endpoints::test_case::OperationInput;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::builtins::builder_calls;
use super::cases::InputCase;
use crate::test_crate::index::Index;
use crate::test_crate::tokens::CratePath;
use crate::test_crate::values::Values;

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

    /// The test's name (its path in libtest's output is `cases::<name>`).
    pub fn name(case: &InputCase) -> String {
        format!("case_{}", case.index)
    }

    /// The test function of one case; an error says why the case cannot be
    /// turned into a test.
    pub fn test_fn(&self, case: &InputCase) -> anyhow::Result<TokenStream> {
        let mut calls = Vec::new();
        for (position, input) in case.case.operation_inputs.iter().enumerate() {
            let label = format!("operationInputs[{position}] ({})", input.operation_name);
            let call = self
                .call(input, &label)
                .map_err(|e| anyhow!("{label}: {e:#}"))?;
            calls.push(call);
        }
        let name = format_ident!("{}", Self::name(case));
        let docs = case
            .case
            .documentation
            .iter()
            .flat_map(|d| d.lines())
            .map(|line| format!(" {line}"));
        let expect = &case.expect_json;
        Ok(quote! {
            #(#[doc = #docs])*
            #[test]
            fn #name() {
                const EXPECT: &str = #expect;
                #(#calls)*
            }
        })
    }

    fn call(&self, input: &OperationInput, label: &str) -> anyhow::Result<TokenStream> {
        if let Some(name) = input.client_params.keys().next() {
            bail!("`clientParams` (`{name}`): the client has no setting for client context parameters yet");
        }
        let op = self.index.operation(&input.operation_name).ok_or_else(|| {
            anyhow!(
                "the generated crate has no operation `{}`",
                input.operation_name
            )
        })?;
        let value = self.values.structure(
            &op.input,
            input.operation_params.as_ref(),
            &op.input.rust_name,
        )?;
        let settings = builder_calls(&input.built_in_params)?;
        let marker = self.paths.item(&op.rust_name);
        Ok(quote! {
            {
                let client = crate::harness::client(::awsgen_client::ClientBuilder::new() #settings);
                let input = #value;
                crate::harness::check::<#marker>(&client, &input, EXPECT, #label);
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use awsgen_codegen::{load, lower_model, GenerateConfig, ModelSource};
    use awsgen_endpoints::test_case::TestCase;
    use serde_json::json;

    use super::*;

    const MODEL: &str = r#"{"smithy": "2.0", "shapes": {
        "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Describe"}],
                   "traits": {"aws.protocols#awsJson1_0": {}, "aws.auth#sigv4": {"name": "svc"}}},
        "ex#Describe": {"type": "operation", "input": {"target": "ex#In"},
                        "output": {"target": "smithy.api#Unit"}},
        "ex#In": {"type": "structure", "members": {
            "Table": {"target": "smithy.api#String",
                      "traits": {"smithy.api#required": {}, "smithy.rules#contextParam": {"name": "ResourceArn"}}}}}
    }}"#;

    fn with_tests(check: impl FnOnce(&CaseTests<'_>)) {
        let model = load(&[ModelSource::new("fixture.json", MODEL)]).unwrap();
        let (ir, _) = lower_model(&model, &GenerateConfig::default()).unwrap();
        let index = Index::new(&ir);
        let paths = CratePath::new("endpoint-tests-ex");
        check(&CaseTests::new(&index, &paths));
    }

    fn case(index: usize, inputs: serde_json::Value) -> InputCase {
        let expect = json!({"endpoint": {"url": "https://a"}});
        let raw = json!({"documentation": "first line\nsecond", "expect": expect,
                         "operationInputs": inputs});
        InputCase {
            index,
            case: TestCase::from_value(&raw).unwrap(),
            expect_json: expect.to_string(),
        }
    }

    fn normalized(tokens: TokenStream) -> String {
        tokens
            .to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn each_input_configures_a_client_builds_the_input_and_checks() {
        with_tests(|tests| {
            let test = tests
                .test_fn(&case(
                    7,
                    json!([{"operationName": "Describe",
                            "operationParams": {"Table": "arn:aws:dynamodb:us-east-1:1:table/t"},
                            "builtInParams": {"AWS::Region": "us-east-1", "AWS::UseFIPS": false}}]),
                ))
                .unwrap();
            let text = normalized(test);
            for part in [
                "# [doc = \" first line\"] # [doc = \" second\"] # [test] fn case_7 ()",
                ":: awsgen_client :: ClientBuilder :: new () . region (\"us-east-1\") . use_fips (false)",
                ":: endpoint_tests_ex :: In :: new (:: std :: string :: String :: from (\"arn:aws:dynamodb:us-east-1:1:table/t\"))",
                "crate :: harness :: check :: < :: endpoint_tests_ex :: Describe > (& client , & input , EXPECT , \"operationInputs[0] (Describe)\")",
            ] {
                assert!(text.contains(part), "{part}\nnot in\n{text}");
            }
        });
    }

    #[test]
    fn a_case_whose_input_or_client_cannot_be_built_names_why() {
        with_tests(|tests| {
            let why = |inputs: serde_json::Value| {
                format!("{:#}", tests.test_fn(&case(1, inputs)).unwrap_err())
            };
            let unknown_op = why(json!([{"operationName": "Missing", "builtInParams": {}}]));
            assert!(
                unknown_op.contains("no operation `Missing`"),
                "{unknown_op}"
            );
            let bad_member = why(json!([{"operationName": "Describe",
                                         "operationParams": {"Tabel": "t"}, "builtInParams": {}}]));
            assert!(bad_member.contains("has no member `Tabel`"), "{bad_member}");
            let built_in = why(json!([{"operationName": "Describe",
                                       "builtInParams": {"AWS::S3Control::UseArnRegion": true}}]));
            assert!(
                built_in.contains("`AWS::S3Control::UseArnRegion`"),
                "{built_in}"
            );
            let client_params = why(json!([{"operationName": "Describe", "builtInParams": {},
                                            "clientParams": {"Mode": "x"}}]));
            assert!(
                client_params.contains("`clientParams` (`Mode`)"),
                "{client_params}"
            );
            assert!(
                client_params.starts_with("operationInputs[0] (Describe)"),
                "{client_params}"
            );
        });
    }
}
