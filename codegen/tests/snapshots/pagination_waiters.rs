//! `@paginated` impls (token path through a nested, boxed-free structure,
//! page size, items) and `smithy.waiters#waitable` definitions.

use expect_test::expect;

use awsgen_codegen::{generate, load, GenerateConfig, ModelSource};

use crate::{file, generate_files, items, model};

const PAGINATED_AND_WAITABLE: &str = r#"
    "ex#Op": {
        "type": "operation",
        "input": {"target": "ex#OpInput"},
        "output": {"target": "ex#OpOutput"},
        "errors": [{"target": "ex#Gone"}],
        "traits": {
            "smithy.api#paginated": {"inputToken": "token", "outputToken": "page.next", "pageSize": "size", "items": "names"},
            "smithy.waiters#waitable": {
                "Ready": {
                    "documentation": "Waits for <code>READY</code>.",
                    "minDelay": 3,
                    "acceptors": [
                        {"state": "success", "matcher": {"output": {"path": "status", "expected": "READY", "comparator": "stringEquals"}}},
                        {"state": "failure", "matcher": {"inputOutput": {"path": "output.status", "expected": "BROKEN", "comparator": "stringEquals"}}},
                        {"state": "retry", "matcher": {"errorType": "Gone"}}
                    ]
                }
            }
        }
    },
    "ex#OpInput": {
        "type": "structure",
        "members": {"token": {"target": "smithy.api#String"}, "size": {"target": "smithy.api#Long"}},
        "traits": {"smithy.api#input": {}}
    },
    "ex#OpOutput": {
        "type": "structure",
        "members": {
            "page": {"target": "ex#Page", "traits": {"smithy.api#required": {}}},
            "names": {"target": "ex#Names"},
            "status": {"target": "smithy.api#String"}
        },
        "traits": {"smithy.api#output": {}}
    },
    "ex#Page": {"type": "structure", "members": {"next": {"target": "smithy.api#String"}}},
    "ex#Names": {"type": "list", "member": {"target": "smithy.api#String"}},
    "ex#Gone": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "client"}}"#;

#[test]
fn paginated_impls_walk_the_token_path() {
    let files = generate_files(&model(PAGINATED_AND_WAITABLE));
    let actual = items(
        file(&files, "src/operation.rs"),
        &[
            "impl ::awsgen_types::Paginated for Op ",
            "impl ::awsgen_types::PaginatedItems for Op ",
        ],
    );
    expect![[r#"
        impl ::awsgen_types::Paginated for Op {
            type Token = ::std::string::String;
            fn set_input_token(
                input: &mut Self::Input,
                token: ::std::option::Option<Self::Token>,
            ) {
                input.token = token;
            }
            fn input_token(input: &Self::Input) -> ::std::option::Option<&Self::Token> {
                input.token.as_ref()
            }
            fn output_token(output: &Self::Output) -> ::std::option::Option<&Self::Token> {
                let value = output;
                let value = &value.page;
                value.next.as_ref()
            }
            fn token_is_empty(token: &Self::Token) -> bool {
                token.is_empty()
            }
            const HAS_PAGE_SIZE: bool = true;
            fn set_page_size(input: &mut Self::Input, page_size: i32) {
                input.size = ::std::option::Option::Some(::std::primitive::i64::from(page_size));
            }
        }
        impl ::awsgen_types::PaginatedItems for Op {
            type Item = ::std::string::String;
            fn items(output: Self::Output) -> ::std::vec::Vec<Self::Item> {
                let value = output;
                let ::std::option::Option::Some(value) = value.names else {
                    return ::std::vec::Vec::new();
                };
                value
            }
        }
    "#]]
    .assert_eq(&actual);
}

#[test]
fn waiter_definition_and_client_methods() {
    let files = generate_files(&model(PAGINATED_AND_WAITABLE));
    let waiter = items(
        file(&files, "src/waiters.rs"),
        &["pub struct Ready", "impl "],
    );
    expect![[r#"
        /// Waits for `READY`.
        ///
        /// Polls [`Op`](super::Op) every 3 to 120 seconds (exponential backoff with jitter) until an acceptor decides:
        ///
        /// - success when the output's `status` is `"READY"`;
        /// - failure when the input and output's `output.status` is `"BROKEN"`;
        /// - poll again when the call fails with `Gone`;
        /// - otherwise an error ends the wait as a failure, and a successful response polls again.
        #[derive(
            ::std::fmt::Debug,
            ::std::clone::Clone,
            ::std::marker::Copy,
            ::std::default::Default
        )]
        pub struct Ready;
        impl ::awsgen_types::Waiter for Ready {
            type Operation = super::Op;
            const DEFINITION: &'static ::awsgen_types::WaiterDefinition = &::awsgen_types::WaiterDefinition::new(
                "Ready",
                "Op",
                3,
                120,
                &[
                    ::awsgen_types::Acceptor {
                        state: ::awsgen_types::AcceptorState::Success,
                        matcher: ::awsgen_types::Matcher::Output(::awsgen_types::PathMatcher {
                            path: "status",
                            expected: "READY",
                            comparator: ::awsgen_types::Comparator::StringEquals,
                        }),
                    },
                    ::awsgen_types::Acceptor {
                        state: ::awsgen_types::AcceptorState::Failure,
                        matcher: ::awsgen_types::Matcher::InputOutput(::awsgen_types::PathMatcher {
                            path: "output.status",
                            expected: "BROKEN",
                            comparator: ::awsgen_types::Comparator::StringEquals,
                        }),
                    },
                    ::awsgen_types::Acceptor {
                        state: ::awsgen_types::AcceptorState::Retry,
                        matcher: ::awsgen_types::Matcher::ErrorType("Gone"),
                    },
                ],
            );
        }
    "#]]
    .assert_eq(&waiter);
    let client = file(&files, "src/client.rs");
    for wanted in [
        "pub fn op_paginator(",
        "self.inner.paginate::<super::Op>(input)",
        "pub fn wait_until_ready(",
        "max_wait: ::std::time::Duration,",
        "self.inner.wait::<super::waiters::Ready>(input, max_wait)\n",
    ] {
        assert!(client.contains(wanted), "no `{wanted}` in:\n{client}");
    }
}

#[test]
fn endpoint_params_from_static_member_and_path_traits() {
    let files = generate_files(&model(
        r#""ex#Op": {
            "type": "operation",
            "input": {"target": "ex#OpInput"},
            "traits": {
                "smithy.rules#staticContextParams": {"OperationType": {"value": "control"}},
                "smithy.rules#operationContextParams": {"Keys": {"path": "keys(items)"}}
            }
        },
        "ex#OpInput": {
            "type": "structure",
            "members": {
                "arn": {"target": "smithy.api#String", "traits": {"smithy.rules#contextParam": {"name": "StreamARN"}}},
                "on": {"target": "smithy.api#Boolean", "traits": {"smithy.api#required": {}, "smithy.rules#contextParam": {"name": "Flag"}}},
                "items": {"target": "ex#Items"}
            },
            "traits": {"smithy.api#input": {}}
        },
        "ex#Items": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#String"}}"#,
    ));
    let operation = file(&files, "src/operation.rs");
    let start = operation
        .find("    fn endpoint_params(")
        .expect("endpoint_params is emitted");
    let end = operation[start..]
        .find("\n    }\n")
        .map_or(operation.len(), |e| start + e + 6);
    // One level of indentation off, as expect! compares dedented text.
    let actual: String = operation[start..end]
        .lines()
        .map(|l| format!("{}\n", l.strip_prefix("    ").unwrap_or(l)))
        .collect();
    expect![[r#"
        fn endpoint_params(
            input: &Self::Input,
        ) -> ::std::vec::Vec<(&'static str, ::awsgen_types::EndpointParam)> {
            let mut params = ::std::vec![
                ("OperationType",
                ::awsgen_types::EndpointParam::String(::std::string::String::from("control"))),
                ("Flag", ::awsgen_types::EndpointParam::Bool(input.on))
            ];
            if let ::std::option::Option::Some(value) = &input.arn {
                params
                    .push((
                        "StreamARN",
                        ::awsgen_types::EndpointParam::String(value.clone()),
                    ));
            }
            if let ::std::option::Option::Some(value) = ::awsgen_types::endpoint_param_at(
                input,
                "keys(items)",
            ) {
                params.push(("Keys", value));
            }
            params
        }
    "#]]
    .assert_eq(&actual);
}

/// Keys Smithy does not define (AWS models carry `maxResults` in
/// `@paginated` and `description` in a waiter) are warnings naming the
/// operation and the key; the paginator and waiter come from the other keys.
#[test]
fn unknown_trait_keys_are_warnings_and_generation_goes_on() {
    let with_unknown_keys = PAGINATED_AND_WAITABLE
        .replace(
            r#""items": "names"}"#,
            r#""items": "names", "maxResults": "size"}"#,
        )
        .replace(
            r#""minDelay": 3,"#,
            r#""minDelay": 3, "description": "Ready.","#,
        );
    assert_ne!(
        with_unknown_keys, PAGINATED_AND_WAITABLE,
        "the fixture text moved"
    );
    let model = load(&[ModelSource::new("fixture.json", model(&with_unknown_keys))])
        .unwrap_or_else(|d| panic!("the fixture does not load:\n{d}"));
    let generated = generate(&model, &GenerateConfig::default())
        .unwrap_or_else(|d| panic!("unknown keys stopped generation:\n{d}"));
    assert_eq!(generated.paginators, ["Op"]);
    assert_eq!(generated.waiters, ["Ready"]);
    let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    expect![[r#"
        [
            "warning: ex#Op: @paginated has keys Smithy does not define (`maxResults`); they are ignored and the paginator uses the others",
            "warning: ex#Op: waiter `Ready` has keys Smithy does not define (`description`); they are ignored and the waiter uses the others",
        ]
    "#]]
    .assert_debug_eq(&warnings);
}
