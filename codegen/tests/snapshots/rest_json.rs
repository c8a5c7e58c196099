//! restJson1 request serializers and the decisions the protocol tests led
//! to: a `Content-Type` header member over the payload's default, `@jsonName`
//! members named by their member name in `@paginated`, blob and document
//! defaults, a `@required` error message, and the service customizations
//! (Glacier, API Gateway).

use expect_test::expect;

use crate::{file, generate_files, items};

/// A restJson1 model whose service has shape ID `service_id` and the one
/// operation `ns#Op`; `shapes` define `ns#Op` and its closure.
fn rest_model(service_id: &str, shapes: &str) -> String {
    let namespace = service_id.split('#').next().unwrap_or("ex");
    format!(
        r#"{{"smithy": "2.0", "shapes": {{
            "{service_id}": {{
                "type": "service", "version": "2012-06-01",
                "operations": [{{"target": "{namespace}#Op"}}],
                "traits": {{"aws.protocols#restJson1": {{}}, "aws.auth#sigv4": {{"name": "ex"}}}}
            }},
            {shapes}
        }}}}"#
    )
}

fn operation_impl(model: &str) -> String {
    let files = generate_files(model);
    items(
        file(&files, "src/operation.rs"),
        &["impl ::awsgen_types::Operation for Op "],
    )
}

/// `fn name` within `item` (the lines from its signature to the closing
/// brace at its indentation), moved to column 0.
fn function(item: &str, name: &str) -> String {
    let mut lines = item.lines();
    let mut out = Vec::new();
    let mut indent = None;
    for line in lines.by_ref() {
        if line.trim_start().starts_with(&format!("fn {name}(")) {
            indent = Some(line.len() - line.trim_start().len());
            out.push(line);
            break;
        }
    }
    let indent = indent.unwrap_or_else(|| panic!("no fn {name} in:\n{item}"));
    for line in lines {
        out.push(line);
        if line.len() - line.trim_start().len() == indent && line.trim() == "}" {
            break;
        }
    }
    let dedented: Vec<&str> = out
        .iter()
        .map(|line| line.get(indent..).unwrap_or(line.trim_start()))
        .collect();
    dedented.join("\n") + "\n"
}

const BLOB_WITH_CONTENT_TYPE: &str = r#"
    "ex#Op": {
        "type": "operation",
        "input": {"target": "ex#OpInput"},
        "traits": {"smithy.api#http": {"method": "POST", "uri": "/blob"}}
    },
    "ex#OpInput": {
        "type": "structure",
        "members": {
            "contentType": {"target": "smithy.api#String", "traits": {"smithy.api#httpHeader": "Content-Type"}},
            "data": {"target": "smithy.api#Blob", "traits": {"smithy.api#httpPayload": {}}}
        },
        "traits": {"smithy.api#input": {}}
    }"#;

#[test]
fn a_content_type_header_member_wins_over_the_payload_default() {
    let actual = function(
        &operation_impl(&rest_model("ex#Svc", BLOB_WITH_CONTENT_TYPE)),
        "serialize_request",
    );
    expect![[r#"
        fn serialize_request(
            input: &Self::Input,
        ) -> ::std::result::Result<
            ::awsgen_types::HttpRequest,
            ::awsgen_types::SerializeError,
        > {
            let mut uri = ::awsgen_types::protocol::rest::Uri::new();
            uri.literal("/blob");
            let mut request = ::awsgen_types::HttpRequest::new(
                ::awsgen_types::http::Method::POST,
                uri.finish(),
            );
            if let ::std::option::Option::Some(value) = &input.content_type {
                ::awsgen_types::protocol::rest::headers::push(
                    request.headers.to_mut(),
                    ::awsgen_types::http::HeaderName::from_static("content-type"),
                    "contentType",
                    value.as_str(),
                )?;
            }
            if let ::std::option::Option::Some(value) = &input.data {
                if input.content_type.is_none() {
                    request
                        .headers
                        .to_mut()
                        .push((
                            ::awsgen_types::http::header::CONTENT_TYPE,
                            ::awsgen_types::http::HeaderValue::from_static(
                                "application/octet-stream",
                            ),
                        ));
                }
                request.body = ::awsgen_types::protocol::rest_json::bytes_body(
                    value.as_bytes(),
                );
            }
            ::std::result::Result::Ok(request)
        }
    "#]]
    .assert_eq(&actual);
}

const GLACIER: &str = r#"
    "com.amazonaws.glacier#Op": {
        "type": "operation",
        "input": {"target": "com.amazonaws.glacier#OpInput"},
        "traits": {"smithy.api#http": {"method": "POST", "uri": "/{accountId}/vaults/{vaultName}/archives"}}
    },
    "com.amazonaws.glacier#OpInput": {
        "type": "structure",
        "members": {
            "accountId": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}},
            "vaultName": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}}
        },
        "traits": {"smithy.api#input": {}}
    }"#;

#[test]
fn glacier_gets_its_version_header_and_account_id_default() {
    let model = rest_model("com.amazonaws.glacier#Glacier", GLACIER);
    let op = operation_impl(&model);
    let actual = function(&op, "fill_unset") + &function(&op, "serialize_request");
    expect![[r#"
        fn fill_unset(
            input: &mut Self::Input,
            _idempotency_token: &dyn ::std::ops::Fn() -> ::std::string::String,
        ) {
            if input.account_id.is_empty() {
                input.account_id = ::std::string::String::from("-");
            }
        }
        fn serialize_request(
            input: &Self::Input,
        ) -> ::std::result::Result<
            ::awsgen_types::HttpRequest,
            ::awsgen_types::SerializeError,
        > {
            let mut uri = ::awsgen_types::protocol::rest::Uri::new();
            uri.literal("/");
            {
                let value = &input.account_id;
                uri.label("accountId", value.as_str())?;
            }
            uri.literal("/vaults/");
            {
                let value = &input.vault_name;
                uri.label("vaultName", value.as_str())?;
            }
            uri.literal("/archives");
            let mut request = ::awsgen_types::HttpRequest::new(
                ::awsgen_types::http::Method::POST,
                uri.finish(),
            );
            request
                .headers
                .to_mut()
                .push((
                    ::awsgen_types::http::HeaderName::from_static("x-amz-glacier-version"),
                    ::awsgen_types::http::HeaderValue::from_static("2012-06-01"),
                ));
            ::std::result::Result::Ok(request)
        }
    "#]]
    .assert_eq(&actual);
    assert!(
        !op.contains("BODY_CHECKSUM"),
        "only UploadArchive and UploadMultipartPart hash their bodies:\n{op}"
    );
    let upload = model.replace("glacier#Op\"", "glacier#UploadArchive\"");
    let upload = upload.replace("#Op\"}", "#UploadArchive\"}");
    let files = generate_files(&upload);
    let upload = items(
        file(&files, "src/operation.rs"),
        &["impl ::awsgen_types::Operation for UploadArchive "],
    );
    assert!(
        upload.contains(
            "const BODY_CHECKSUM: ::std::option::Option<::awsgen_types::BodyChecksum> = ::std::option::Option::Some(\n        ::awsgen_types::BodyChecksum::GlacierTreeHash,\n    );"
        ),
        "{upload}"
    );
}

const PAGINATED_WITH_JSON_NAME: &str = r#"
    "com.amazonaws.apigateway#Op": {
        "type": "operation",
        "input": {"target": "com.amazonaws.apigateway#OpInput"},
        "output": {"target": "com.amazonaws.apigateway#OpOutput"},
        "traits": {
            "smithy.api#http": {"method": "GET", "uri": "/restapis"},
            "smithy.api#paginated": {"inputToken": "position", "outputToken": "position", "items": "items", "pageSize": "limit"}
        }
    },
    "com.amazonaws.apigateway#OpInput": {
        "type": "structure",
        "members": {
            "position": {"target": "smithy.api#String", "traits": {"smithy.api#httpQuery": "position"}},
            "limit": {"target": "smithy.api#Integer", "traits": {"smithy.api#httpQuery": "limit"}}
        },
        "traits": {"smithy.api#input": {}}
    },
    "com.amazonaws.apigateway#OpOutput": {
        "type": "structure",
        "members": {
            "items": {"target": "com.amazonaws.apigateway#Names", "traits": {"smithy.api#jsonName": "item"}},
            "position": {"target": "smithy.api#String"}
        }
    },
    "com.amazonaws.apigateway#Names": {"type": "list", "member": {"target": "smithy.api#String"}}"#;

#[test]
fn api_gateway_accepts_json_and_paginates_by_member_name() {
    let model = rest_model(
        "com.amazonaws.apigateway#BackplaneControlService",
        PAGINATED_WITH_JSON_NAME,
    );
    let actual = function(&operation_impl(&model), "serialize_request");
    expect![[r#"
        fn serialize_request(
            input: &Self::Input,
        ) -> ::std::result::Result<
            ::awsgen_types::HttpRequest,
            ::awsgen_types::SerializeError,
        > {
            let mut uri = ::awsgen_types::protocol::rest::Uri::new();
            uri.literal("/restapis");
            if let ::std::option::Option::Some(value) = &input.position {
                uri.query("position", value.as_str());
            }
            if let ::std::option::Option::Some(value) = &input.limit {
                uri.query("limit", value.to_string().as_str());
            }
            let mut request = ::awsgen_types::HttpRequest::new(
                ::awsgen_types::http::Method::GET,
                uri.finish(),
            );
            request
                .headers
                .to_mut()
                .push((
                    ::awsgen_types::http::HeaderName::from_static("accept"),
                    ::awsgen_types::http::HeaderValue::from_static("application/json"),
                ));
            ::std::result::Result::Ok(request)
        }
    "#]]
    .assert_eq(&actual);
    let files = generate_files(&model);
    let items_impl = items(
        file(&files, "src/operation.rs"),
        &["impl ::awsgen_types::PaginatedItems for Op "],
    );
    assert!(items_impl.contains("value.items else"), "{items_impl}");
}

const DEFAULTS_AND_REQUIRED_MESSAGE: &str = r#"
    "ex#Op": {
        "type": "operation",
        "output": {"target": "ex#OpOutput"},
        "errors": [{"target": "ex#Invalid"}],
        "traits": {"smithy.api#http": {"method": "GET", "uri": "/defaults"}}
    },
    "ex#OpOutput": {
        "type": "structure",
        "members": {
            "blob": {"target": "smithy.api#Blob", "traits": {"smithy.api#default": "YWJj"}},
            "doc": {"target": "smithy.api#Document", "traits": {"smithy.api#default": {"list": [1, 2.5, "x", true, null], "empty": {}}}}
        }
    },
    "ex#Invalid": {
        "type": "structure",
        "members": {"message": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}}},
        "traits": {"smithy.api#error": "client"}
    }"#;

#[test]
fn blob_and_document_defaults_and_a_required_error_message() {
    let files = generate_files(&rest_model("ex#Svc", DEFAULTS_AND_REQUIRED_MESSAGE));
    let defaults = items(file(&files, "src/types.rs"), &["impl OpOutput "]);
    let display = items(
        file(&files, "src/error.rs"),
        &["impl ::std::fmt::Display for Invalid "],
    );
    expect![[r#"
        impl OpOutput {
            /// Creates a value with every member unset (or at its default).
            #[must_use]
            pub fn new() -> Self {
                Self {
                    blob: ::awsgen_types::Blob::from(&b"abc"[..]),
                    doc: ::awsgen_types::Document::Object(
                        ::std::iter::FromIterator::from_iter([
                            (
                                ::std::string::String::from("empty"),
                                ::awsgen_types::Document::Object(
                                    ::std::default::Default::default(),
                                ),
                            ),
                            (
                                ::std::string::String::from("list"),
                                ::awsgen_types::Document::Array(
                                    ::std::vec![
                                        ::awsgen_types::Document::from(1i64),
                                        ::awsgen_types::Document::from(2.5f64),
                                        ::awsgen_types::Document::String(::std::string::String::from("x")),
                                        ::awsgen_types::Document::Bool(true),
                                        ::awsgen_types::Document::Null
                                    ],
                                ),
                            ),
                        ]),
                    ),
                }
            }
            /// Sets `blob`.
            #[must_use]
            pub fn with_blob(mut self, value: ::awsgen_types::Blob) -> Self {
                self.blob = value;
                self
            }
            /// Sets `doc`.
            #[must_use]
            pub fn with_doc(mut self, value: ::awsgen_types::Document) -> Self {
                self.doc = value;
                self
            }
            pub(crate) fn default_blob() -> ::awsgen_types::Blob {
                ::awsgen_types::Blob::from(&b"abc"[..])
            }
            /// `null` reads as the default, like a missing member.
            pub(crate) fn deserialize_blob<'de, D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<::awsgen_types::Blob, D::Error> {
                let value: ::std::option::Option<::awsgen_types::Blob> = ::awsgen_types::serde_as::As::<
                    ::std::option::Option<::awsgen_types::serde_as::Same>,
                >::deserialize(deserializer)?;
                ::std::result::Result::Ok(value.unwrap_or_else(Self::default_blob))
            }
            pub(crate) fn default_doc() -> ::awsgen_types::Document {
                ::awsgen_types::Document::Object(
                    ::std::iter::FromIterator::from_iter([
                        (
                            ::std::string::String::from("empty"),
                            ::awsgen_types::Document::Object(::std::default::Default::default()),
                        ),
                        (
                            ::std::string::String::from("list"),
                            ::awsgen_types::Document::Array(
                                ::std::vec![
                                    ::awsgen_types::Document::from(1i64),
                                    ::awsgen_types::Document::from(2.5f64),
                                    ::awsgen_types::Document::String(::std::string::String::from("x")),
                                    ::awsgen_types::Document::Bool(true),
                                    ::awsgen_types::Document::Null
                                ],
                            ),
                        ),
                    ]),
                )
            }
            /// `null` reads as the default, like a missing member.
            pub(crate) fn deserialize_doc<'de, D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<::awsgen_types::Document, D::Error> {
                let value: ::std::option::Option<::awsgen_types::Document> = ::awsgen_types::serde_as::As::<
                    ::std::option::Option<::awsgen_types::serde_as::Same>,
                >::deserialize(deserializer)?;
                ::std::result::Result::Ok(value.unwrap_or_else(Self::default_doc))
            }
        }
        impl ::std::fmt::Display for Invalid {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::awsgen_types::error::display_error(
                    f,
                    "Invalid",
                    ::std::option::Option::Some(self.message.as_str()),
                    &self.metadata,
                )
            }
        }
    "#]].assert_eq(&(defaults + &display));
}
