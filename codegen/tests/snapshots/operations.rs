//! Operation markers, error structures, error enums and service metadata.

use expect_test::expect;

use crate::{file, generate_files, items, model};

const WITH_ERRORS: &str = r#"
    "ex#Op": {
        "type": "operation",
        "input": {"target": "ex#OpInput"},
        "errors": [{"target": "ex#Oops"}, {"target": "ex#SlowDown"}],
        "traits": {"smithy.api#endpoint": {"hostPrefix": "{account}.api."}}
    },
    "ex#OpInput": {
        "type": "structure",
        "members": {"account": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}, "smithy.api#hostLabel": {}}}},
        "traits": {"smithy.api#input": {}}
    },
    "ex#Oops": {
        "type": "structure",
        "members": {"message": {"target": "smithy.api#String"}, "reason": {"target": "smithy.api#String"}},
        "traits": {"smithy.api#error": "client", "smithy.api#httpError": 400, "smithy.api#documentation": "<p>Something went <b>wrong</b>.</p>"}
    },
    "ex#SlowDown": {
        "type": "structure",
        "members": {"Message": {"target": "smithy.api#String"}},
        "traits": {"smithy.api#error": "server", "smithy.api#retryable": {"throttling": true}}
    }"#;

#[test]
fn error_structure_with_metadata_and_display() {
    let files = generate_files(&model(WITH_ERRORS));
    let actual = items(
        file(&files, "src/error.rs"),
        &[
            "pub struct Oops ",
            "impl ::std::fmt::Display for Oops ",
            "impl ::awsgen_types::error::ModeledError for ",
        ],
    );
    expect![[r#"
        /// Something went **wrong**.
        #[derive(
            ::std::clone::Clone,
            ::std::cmp::PartialEq,
            ::std::fmt::Debug,
            ::serde::Serialize,
            ::serde::Deserialize
        )]
        #[non_exhaustive]
        pub struct Oops {
            #[serde(
                rename = "message",
                default,
                skip_serializing_if = "::std::option::Option::is_none"
            )]
            pub message: ::std::option::Option<::std::string::String>,
            #[serde(
                rename = "reason",
                default,
                skip_serializing_if = "::std::option::Option::is_none"
            )]
            pub reason: ::std::option::Option<::std::string::String>,
            #[serde(skip)]
            pub(crate) metadata: ::awsgen_types::ErrorMetadata,
        }
        impl ::std::fmt::Display for Oops {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::awsgen_types::error::display_error(
                    f,
                    "Oops",
                    self.message.as_deref(),
                    &self.metadata,
                )
            }
        }
        impl ::awsgen_types::error::ModeledError for Oops {
            const CODE: &'static str = "Oops";
            const HTTP_STATUS: ::std::option::Option<u16> = ::std::option::Option::Some(400u16);
            fn set_metadata(&mut self, metadata: ::awsgen_types::ErrorMetadata) {
                self.metadata = metadata;
            }
            fn fill_message(&mut self, message: &str) {
                if self.message.is_none() {
                    self.message = ::std::option::Option::Some(
                        ::std::string::String::from(message),
                    );
                }
            }
        }
        impl ::awsgen_types::error::ModeledError for SlowDown {
            const CODE: &'static str = "SlowDown";
            const SERVER_FAULT: bool = true;
            fn set_metadata(&mut self, metadata: ::awsgen_types::ErrorMetadata) {
                self.metadata = metadata;
            }
            fn fill_message(&mut self, message: &str) {
                if self.message.is_none() {
                    self.message = ::std::option::Option::Some(
                        ::std::string::String::from(message),
                    );
                }
            }
        }
    "#]]
    .assert_eq(&actual);
}

#[test]
fn error_enum_with_retry_classes() {
    let files = generate_files(&model(WITH_ERRORS));
    let actual = items(
        file(&files, "src/operation.rs"),
        &[
            "pub enum OpError ",
            "impl ::awsgen_types::OperationError for OpError ",
            "impl ::std::convert::From<crate::Oops> for OpError ",
        ],
    );
    expect![[r#"
        /// Errors of `Op`: one variant per modeled error, plus `Unhandled` for the rest.
        #[derive(::std::fmt::Debug)]
        #[non_exhaustive]
        pub enum OpError {
            /// Something went **wrong**.
            ///
            /// Error code `Oops`.
            Oops(super::Oops),
            /// Error code `SlowDown`.
            SlowDown(super::SlowDown),
            /// An error the model does not describe; keeps code, message, status and request ID.
            Unhandled(::awsgen_types::UnhandledError),
        }
        impl ::awsgen_types::OperationError for OpError {
            fn from_response(response: ::awsgen_types::ErrorResponse<'_>) -> Self {
                match response.metadata.code.as_deref() {
                    ::std::option::Option::Some("Oops") => {
                        ::awsgen_types::error::modeled::<super::Oops, _>(response, Self::Oops)
                            .unwrap_or_else(Self::Unhandled)
                    }
                    ::std::option::Option::Some("SlowDown") => {
                        ::awsgen_types::error::modeled::<
                            super::SlowDown,
                            _,
                        >(response, Self::SlowDown)
                            .unwrap_or_else(Self::Unhandled)
                    }
                    _ => Self::Unhandled(::awsgen_types::UnhandledError::new(response)),
                }
            }
            fn metadata(&self) -> &::awsgen_types::ErrorMetadata {
                match self {
                    Self::Oops(error) => error.metadata(),
                    Self::SlowDown(error) => error.metadata(),
                    Self::Unhandled(error) => error.metadata(),
                }
            }
            fn retry_class(&self) -> ::std::option::Option<::awsgen_types::RetryClass> {
                #[allow(clippy::match_single_binding)]
                match self {
                    Self::SlowDown(_) => {
                        ::std::option::Option::Some(::awsgen_types::RetryClass::Throttling)
                    }
                    _ => ::std::option::Option::None,
                }
            }
        }
    "#]]
    .assert_eq(&actual);
}

#[test]
fn operation_marker_with_host_prefix() {
    let files = generate_files(&model(WITH_ERRORS));
    let actual = items(
        file(&files, "src/operation.rs"),
        &["pub struct Op;", "impl ::awsgen_types::Operation for Op "],
    );
    expect![[r#"
        /// `X-Amz-Target: Svc.Op`
        #[derive(
            ::std::fmt::Debug,
            ::std::clone::Clone,
            ::std::marker::Copy,
            ::std::default::Default
        )]
        pub struct Op;
        impl ::awsgen_types::Operation for Op {
            type Input = super::OpInput;
            type Output = super::OpOutput;
            type Error = super::OpError;
            const SERVICE: &'static ::awsgen_types::ServiceMeta = &super::SERVICE;
            const NAME: &'static str = "Op";
            fn host_prefix(
                input: &Self::Input,
            ) -> ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::awsgen_types::HostPrefixError,
            > {
                let mut host = ::std::string::String::new();
                let value: &str = &input.account;
                if !::awsgen_types::operation::is_valid_host_label(value) {
                    return ::std::result::Result::Err(::awsgen_types::HostPrefixError {
                        member: "account",
                        reason: "is empty or not a valid host label",
                    });
                }
                host.push_str(value);
                host.push_str(".api.");
                ::std::result::Result::Ok(::std::option::Option::Some(host))
            }
            fn serialize_request(
                input: &Self::Input,
            ) -> ::std::result::Result<
                ::awsgen_types::HttpRequest,
                ::awsgen_types::SerializeError,
            > {
                static HEADERS: [(
                    ::awsgen_types::http::HeaderName,
                    ::awsgen_types::http::HeaderValue,
                ); 2] = ::awsgen_types::protocol::aws_json::headers(
                    ::awsgen_types::protocol::aws_json::CONTENT_TYPE_1_1,
                    ::awsgen_types::http::HeaderValue::from_static("Svc.Op"),
                );
                ::awsgen_types::protocol::aws_json::serialize_request(input, &HEADERS)
            }
            fn deserialize_output(
                response: &::awsgen_types::HttpResponse<'_>,
            ) -> ::std::result::Result<Self::Output, ::awsgen_types::DeserializeError> {
                ::awsgen_types::protocol::aws_json::deserialize_output(
                    response,
                    ::awsgen_types::json::fast::read_or_fallback,
                )
            }
            fn deserialize_error(response: &::awsgen_types::HttpResponse<'_>) -> Self::Error {
                ::awsgen_types::protocol::json_error::read_error(response)
            }
        }
    "#]]
    .assert_eq(&actual);
}

#[test]
fn operation_without_input_or_output_gets_empty_synthetic_types() {
    let files = generate_files(&model(
        r#""ex#Op": {"type": "operation", "traits": {"smithy.api#requestCompression": {"encodings": ["gzip"]}}}"#,
    ));
    let types = items(
        file(&files, "src/types.rs"),
        &["pub struct OpInput ", "pub struct OpOutput "],
    );
    let marker = items(
        file(&files, "src/operation.rs"),
        &["impl ::awsgen_types::Operation for Op "],
    );
    expect![[r#"
        /// The input of `Op`, which the model leaves empty.
        #[derive(
            ::std::clone::Clone,
            ::std::cmp::PartialEq,
            ::std::fmt::Debug,
            ::serde::Serialize,
            ::serde::Deserialize
        )]
        #[non_exhaustive]
        pub struct OpInput {}
        /// The output of `Op`, which the model leaves empty.
        #[derive(
            ::std::clone::Clone,
            ::std::cmp::PartialEq,
            ::std::fmt::Debug,
            ::serde::Serialize,
            ::serde::Deserialize
        )]
        #[non_exhaustive]
        pub struct OpOutput {}
        impl ::awsgen_types::Operation for Op {
            type Input = super::OpInput;
            type Output = super::OpOutput;
            type Error = super::OpError;
            const SERVICE: &'static ::awsgen_types::ServiceMeta = &super::SERVICE;
            const NAME: &'static str = "Op";
            const REQUEST_COMPRESSION: ::std::option::Option<
                ::awsgen_types::RequestCompression,
            > = ::std::option::Option::Some(::awsgen_types::RequestCompression::new(&["gzip"]));
            fn serialize_request(
                input: &Self::Input,
            ) -> ::std::result::Result<
                ::awsgen_types::HttpRequest,
                ::awsgen_types::SerializeError,
            > {
                static HEADERS: [(
                    ::awsgen_types::http::HeaderName,
                    ::awsgen_types::http::HeaderValue,
                ); 2] = ::awsgen_types::protocol::aws_json::headers(
                    ::awsgen_types::protocol::aws_json::CONTENT_TYPE_1_1,
                    ::awsgen_types::http::HeaderValue::from_static("Svc.Op"),
                );
                ::awsgen_types::protocol::aws_json::serialize_request(input, &HEADERS)
            }
            fn deserialize_output(
                response: &::awsgen_types::HttpResponse<'_>,
            ) -> ::std::result::Result<Self::Output, ::awsgen_types::DeserializeError> {
                ::awsgen_types::protocol::aws_json::deserialize_output(
                    response,
                    ::awsgen_types::json::fast::read_or_fallback,
                )
            }
            fn deserialize_error(response: &::awsgen_types::HttpResponse<'_>) -> Self::Error {
                ::awsgen_types::protocol::json_error::read_error(response)
            }
        }
    "#]]
    .assert_eq(&format!("{types}{marker}"));
}

#[test]
fn service_metadata_constant() {
    let files = generate_files(&model(r#""ex#Op": {"type": "operation"}"#));
    expect![[r#"
        // @generated by `cargo xtask regenerate` from the Smithy model. Do not edit by hand.

        //! Service metadata.
        /// `ex#Svc`: everything the transport needs to know about the service.
        pub const SERVICE: ::awsgen_types::ServiceMeta = ::awsgen_types::ServiceMeta::new(
            "ex#Svc",
            "Svc",
            "Svc",
            "svc",
            "ex",
            "1",
            ::awsgen_types::Protocol::AwsJson1_1,
            ::std::option::Option::None,
        );
    "#]]
    .assert_eq(file(&files, "src/service.rs"));
}

/// A `@required` message is a `String` field, which `Display` borrows as
/// always present (`.as_deref()` would not compile on a `String`).
#[test]
fn error_display_borrows_a_required_message() {
    let required_message = WITH_ERRORS.replace(
        r#""members": {"Message": {"target": "smithy.api#String"}}"#,
        r#""members": {"Message": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}}}"#,
    );
    assert_ne!(required_message, WITH_ERRORS, "the fixture text moved");
    let files = generate_files(&model(&required_message));
    let actual = items(
        file(&files, "src/error.rs"),
        &["impl ::std::fmt::Display for SlowDown "],
    );
    expect![[r#"
        impl ::std::fmt::Display for SlowDown {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::awsgen_types::error::display_error(
                    f,
                    "SlowDown",
                    ::std::option::Option::Some(self.message.as_str()),
                    &self.metadata,
                )
            }
        }
    "#]]
    .assert_eq(&actual);
}
