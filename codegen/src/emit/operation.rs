//! The operation marker types implementing `awsgen_types::Operation`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::common::{deprecated_attr, doc_attrs, ident};
use crate::emit::endpoint_params::endpoint_params_fn;
use crate::emit::error::emit_error_enum;
use crate::emit::paginator::emit_paginator;
use crate::emit::rest;
use crate::emit::rpc_v2_cbor;
use crate::emit::xml;
use crate::ir::{
    AuthIr, AwsJsonVersion, BodyChecksumIr, ErrorFormat, HostPrefixPart, HttpChecksumIr,
    HttpMethod, OperationBinding, OperationIr, PathPart, RestBinding, TextField, XmlIr,
};

pub fn emit_operation(op: &OperationIr, xml: Option<&XmlIr>) -> TokenStream {
    let marker = ident(&op.rust_name);
    let input = ident(&op.input.rust_name);
    let output = ident(&op.output.rust_name);
    let error = ident(&op.error.rust_name);
    let name = &op.name;
    let mut lines = op.docs.clone();
    let wire = match &op.binding {
        OperationBinding::AwsJson { target, .. } => format!("`X-Amz-Target: {target}`"),
        OperationBinding::RestJson(rest) => format!("`{}`", http_line(rest)),
        OperationBinding::RpcV2Cbor(cbor) => format!("`POST {}`", cbor.path),
        OperationBinding::RestXml(binding) => format!("`{}`", http_line(&binding.rest)),
        OperationBinding::Query(query) => format!("`Action={}`", query.action),
    };
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(wire);
    let docs = doc_attrs(&lines);
    let deprecated = deprecated_attr(&op.deprecated);
    let compression = match &op.request_compression {
        Some(encodings) => quote! {
            const REQUEST_COMPRESSION: ::std::option::Option<::awsgen_types::RequestCompression> =
                ::std::option::Option::Some(::awsgen_types::RequestCompression::new(&[#(#encodings),*]));
        },
        None => quote!(),
    };
    let host_prefix = op
        .host_prefix
        .as_deref()
        .map(host_prefix_fn)
        .unwrap_or_default();
    let endpoint_params = endpoint_params_fn(&op.endpoint_params);
    let protocol = protocol_fns(op, xml);
    let checksum = op.checksum_required.then(|| {
        quote!(
            const CHECKSUM_REQUIRED: bool = true;
        )
    });
    let auth = match op.auth {
        AuthIr::SigV4 => quote!(),
        AuthIr::None => quote!(
            const AUTH: ::awsgen_types::Auth = ::awsgen_types::Auth::None;
        ),
    };
    let unsigned_payload = op.unsigned_payload.then(|| {
        quote!(
            const UNSIGNED_PAYLOAD: bool = true;
        )
    });
    let fill_unset = fill_unset_fn(op);
    let body_checksum = op.customizations.body_checksum.map(|checksum| {
        let variant = match checksum {
            BodyChecksumIr::GlacierTreeHash => quote!(GlacierTreeHash),
        };
        quote! {
            const BODY_CHECKSUM: ::std::option::Option<::awsgen_types::BodyChecksum> =
                ::std::option::Option::Some(::awsgen_types::BodyChecksum::#variant);
        }
    });
    let error_in_ok_response = op.customizations.error_in_ok_response.then(|| {
        quote!(
            const ERROR_IN_OK_RESPONSE: bool = true;
        )
    });
    let http_checksum = op.http_checksum.as_ref().map(http_checksum_items);
    let error_enum = emit_error_enum(&op.error, &op.name);
    let paginator = emit_paginator(op);
    quote! {
        #docs
        #deprecated
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::marker::Copy, ::std::default::Default)]
        pub struct #marker;

        impl ::awsgen_types::Operation for #marker {
            type Input = super::#input;
            type Output = super::#output;
            type Error = super::#error;
            const SERVICE: &'static ::awsgen_types::ServiceMeta = &super::SERVICE;
            const NAME: &'static str = #name;
            #compression
            #checksum
            #body_checksum
            #error_in_ok_response
            #http_checksum
            #auth
            #unsigned_payload
            #endpoint_params
            #fill_unset
            #host_prefix
            #protocol
        }

        #error_enum

        #paginator
    }
}

/// `HTTP_CHECKSUM` and the functions that read the trait's input members.
fn http_checksum_items(checksum: &HttpChecksumIr) -> TokenStream {
    let required = checksum.request_checksum_required;
    let algorithms = &checksum.response_algorithms;
    let algorithm = checksum.request_algorithm.as_ref().map(|field| {
        let text = text_of(field);
        quote! {
            fn request_checksum_algorithm(input: &Self::Input) -> ::std::option::Option<&str> {
                #text
            }
        }
    });
    let validation = checksum.validation_mode.as_ref().map(|field| {
        let text = text_of(field);
        quote! {
            fn response_checksum_validation_mode(input: &Self::Input) -> ::std::option::Option<&str> {
                #text
            }
        }
    });
    quote! {
        const HTTP_CHECKSUM: ::std::option::Option<::awsgen_types::HttpChecksum> =
            ::std::option::Option::Some(::awsgen_types::HttpChecksum::new(#required, &[#(#algorithms),*]));
        #algorithm
        #validation
    }
}

/// A string or enum input field as `Option<&str>`.
fn text_of(field: &TextField) -> TokenStream {
    let name = ident(&field.field);
    if field.optional {
        quote!(input.#name.as_ref().map(|value| value.as_str()))
    } else {
        quote!(::std::option::Option::Some(input.#name.as_str()))
    }
}

/// `fill_unset`, when the operation has an `@idempotencyToken` member or a
/// customization's input defaults.
fn fill_unset_fn(op: &OperationIr) -> Option<TokenStream> {
    let defaults = &op.customizations.input_defaults;
    if op.idempotency_token.is_none() && defaults.is_empty() {
        return None;
    }
    let token = op.idempotency_token.as_deref().map(|field| {
        let field = ident(field);
        quote! {
            if input.#field.is_none() {
                input.#field = ::std::option::Option::Some(idempotency_token());
            }
        }
    });
    let token_param = if token.is_some() {
        quote!(idempotency_token)
    } else {
        quote!(_idempotency_token)
    };
    let defaults = defaults.iter().map(|default| {
        let field = ident(&default.field);
        let value = &default.value;
        if default.optional {
            quote! {
                if input.#field.as_deref().is_none_or(str::is_empty) {
                    input.#field = ::std::option::Option::Some(::std::string::String::from(#value));
                }
            }
        } else {
            quote! {
                if input.#field.is_empty() {
                    input.#field = ::std::string::String::from(#value);
                }
            }
        }
    });
    Some(quote! {
        fn fill_unset(input: &mut Self::Input, #token_param: &dyn ::std::ops::Fn() -> ::std::string::String) {
            #token
            #(#defaults)*
        }
    })
}

/// The customization's constant headers pushed onto `request.headers`.
pub(crate) fn constant_headers(op: &OperationIr) -> TokenStream {
    let pushes = op.customizations.constant_headers.iter().map(|header| {
        let (name, value) = (&header.name, &header.value);
        quote! {
            request.headers.to_mut().push((
                ::awsgen_types::http::HeaderName::from_static(#name),
                ::awsgen_types::http::HeaderValue::from_static(#value),
            ));
        }
    });
    quote!(#(#pushes)*)
}

/// `serialize_request`, `deserialize_output` and `deserialize_error`, by the
/// operation's protocol.
fn protocol_fns(op: &OperationIr, xml: Option<&XmlIr>) -> TokenStream {
    let read_error = match op.error.format {
        ErrorFormat::Json {
            query_compatible: false,
        } => {
            quote!(::awsgen_types::protocol::json_error::read_error(response))
        }
        ErrorFormat::Json {
            query_compatible: true,
        } => {
            quote!(::awsgen_types::protocol::json_error::read_query_compatible_error(response))
        }
        ErrorFormat::AwsQueryXml | ErrorFormat::Ec2QueryXml | ErrorFormat::RestXml => {
            let location = error_location(op.error.format);
            quote!(::awsgen_types::protocol::xml_error::read_error(response, #location))
        }
        ErrorFormat::Cbor { query_compatible } => {
            quote!(::awsgen_types::protocol::rpc_v2_cbor::read_error(response, #query_compatible))
        }
    };
    let deserialize_error = quote! {
        fn deserialize_error(response: &::awsgen_types::HttpResponse<'_>) -> Self::Error {
            #read_error
        }
    };
    match &op.binding {
        OperationBinding::AwsJson { version, target } => {
            let content_type = match version {
                AwsJsonVersion::V1_0 => quote!(CONTENT_TYPE_1_0),
                AwsJsonVersion::V1_1 => quote!(CONTENT_TYPE_1_1),
            };
            // Outputs with a direct reader try it before serde (it gives up,
            // and serde decides, on anything it does not read exactly as
            // serde would).
            let read = if op.output.fast_read {
                quote!(::awsgen_types::json::fast::read_or_fallback)
            } else {
                quote!(::awsgen_types::json::from_slice)
            };
            let serialize = quote! {
                ::awsgen_types::protocol::aws_json::serialize_request(input, &HEADERS)
            };
            // A customization's headers go onto the protocol's request.
            let serialize = if op.customizations.constant_headers.is_empty() {
                serialize
            } else {
                let headers = constant_headers(op);
                quote! {
                    let mut request = #serialize?;
                    #headers
                    ::std::result::Result::Ok(request)
                }
            };
            quote! {
                fn serialize_request(
                    input: &Self::Input,
                ) -> ::std::result::Result<::awsgen_types::HttpRequest, ::awsgen_types::SerializeError> {
                    static HEADERS: [(::awsgen_types::http::HeaderName, ::awsgen_types::http::HeaderValue); 2] =
                        ::awsgen_types::protocol::aws_json::headers(
                            ::awsgen_types::protocol::aws_json::#content_type,
                            ::awsgen_types::http::HeaderValue::from_static(#target),
                        );
                    #serialize
                }

                fn deserialize_output(
                    response: &::awsgen_types::HttpResponse<'_>,
                ) -> ::std::result::Result<Self::Output, ::awsgen_types::DeserializeError> {
                    ::awsgen_types::protocol::aws_json::deserialize_output(response, #read)
                }

                #deserialize_error
            }
        }
        OperationBinding::RpcV2Cbor(binding) => {
            let fns = rpc_v2_cbor::protocol_fns(op, binding);
            quote! {
                #fns
                #deserialize_error
            }
        }
        OperationBinding::RestJson(rest) => {
            let serialize = rest::serialize_request_fn(op, rest, rest::RestBody::Json);
            let deserialize =
                rest::deserialize_output_fn(&op.output, &rest.response, rest::RestBody::Json);
            quote! {
                #serialize
                #deserialize
                #deserialize_error
            }
        }
        OperationBinding::Query(query) => {
            let fns = xml::query_fns(op, query);
            quote! {
                #fns
                #deserialize_error
            }
        }
        OperationBinding::RestXml(binding) => {
            let fns = xml::rest_xml_fns(op, binding, xml);
            quote! {
                #fns
                #deserialize_error
            }
        }
    }
}

/// `xml_error::ErrorLocation` of an XML protocol's error format.
pub(crate) fn error_location(format: ErrorFormat) -> TokenStream {
    let location = quote!(::awsgen_types::protocol::xml_error::ErrorLocation);
    match format {
        ErrorFormat::AwsQueryXml => quote!(#location::AwsQuery),
        ErrorFormat::Ec2QueryXml => quote!(#location::Ec2Query),
        ErrorFormat::RestXml | ErrorFormat::Json { .. } | ErrorFormat::Cbor { .. } => {
            quote!(#location::RestXml)
        }
    }
}

/// `GET /things/{name}?x-id=Get` as the model's `@http` trait has it.
fn http_line(rest: &RestBinding) -> String {
    let method = match rest.method {
        HttpMethod::Get => "GET",
        HttpMethod::Put => "PUT",
        HttpMethod::Post => "POST",
        HttpMethod::Delete => "DELETE",
        HttpMethod::Patch => "PATCH",
        HttpMethod::Head => "HEAD",
        HttpMethod::Options => "OPTIONS",
    };
    let mut line = format!("{method} ");
    for part in &rest.path {
        match part {
            PathPart::Literal(text) => line.push_str(text),
            PathPart::Label(label) if label.greedy => {
                line.push_str(&format!("{{{}+}}", label.member.name))
            }
            PathPart::Label(label) => line.push_str(&format!("{{{}}}", label.member.name)),
        }
    }
    for (index, (key, value)) in rest.literal_query.iter().enumerate() {
        line.push(if index == 0 { '?' } else { '&' });
        line.push_str(key);
        if let Some(value) = value {
            line.push('=');
            line.push_str(value);
        }
    }
    line
}

fn host_prefix_fn(parts: &[HostPrefixPart]) -> TokenStream {
    let pushes = parts.iter().map(|part| match part {
        // clippy's `single_char_add_str` wants `push` for one character.
        HostPrefixPart::Literal(text) => match text.chars().collect::<Vec<_>>().as_slice() {
            [c] => quote!(host.push(#c);),
            _ => quote!(host.push_str(#text);),
        },
        HostPrefixPart::Label { member, field, optional } => {
            let field = ident(field);
            let get = if *optional {
                quote! {
                    let ::std::option::Option::Some(value) = input.#field.as_deref() else {
                        return ::std::result::Result::Err(::awsgen_types::HostPrefixError { member: #member, reason: "is not set" });
                    };
                }
            } else {
                quote!(let value: &str = &input.#field;)
            };
            quote! {
                #get
                if !::awsgen_types::operation::is_valid_host_label(value) {
                    return ::std::result::Result::Err(::awsgen_types::HostPrefixError {
                        member: #member,
                        reason: "is empty or not a valid host label",
                    });
                }
                host.push_str(value);
            }
        }
    });
    // A prefix without labels never reads the input; `_input` keeps it warning-free.
    let uses_input = parts
        .iter()
        .any(|part| matches!(part, HostPrefixPart::Label { .. }));
    let input = if uses_input {
        quote!(input)
    } else {
        quote!(_input)
    };
    quote! {
        fn host_prefix(
            #input: &Self::Input,
        ) -> ::std::result::Result<::std::option::Option<::std::string::String>, ::awsgen_types::HostPrefixError> {
            let mut host = ::std::string::String::new();
            #(#pushes)*
            ::std::result::Result::Ok(::std::option::Option::Some(host))
        }
    }
}
