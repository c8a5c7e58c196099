//! Reading a restJson1 response: the output's body members, payload,
//! headers and status code; and the header members of error structures.

use proc_macro2::TokenStream;
use quote::quote;

use super::text::from_text;
use super::RestBody;
use crate::emit::common::{ident, rust_type};
use crate::emit::structure::{default_fn_name, field_decl};
use crate::ir::{
    BodyBinding, FieldDef, HeaderBinding, HttpScalar, HttpValue, MessageBinding, PayloadBinding,
    PayloadKind, PrefixHeadersBinding, Presence, ResponseRoot, RustType, StructDef,
    TimestampFormatIr,
};

pub fn deserialize_output_fn(
    output: &StructDef,
    message: &MessageBinding,
    format: RestBody<'_>,
) -> TokenStream {
    let type_path = format!("super::{}", output.rust_name);
    let output_type = ident(&output.rust_name);
    let output_path = quote!(super::#output_type);
    let rest_json = quote!(::awsgen_types::protocol::rest_json);
    let mut reads = Vec::new();
    let mut values: Vec<Option<TokenStream>> = vec![None; output.fields.len()];
    match (&message.body, format) {
        (BodyBinding::Empty, _) => {}
        (
            BodyBinding::Members(indices),
            RestBody::Xml {
                members,
                response_root,
                ..
            },
        ) => {
            let (read, read_values) =
                crate::emit::xml::read_members(output, members, indices, &quote!(element));
            let read_document = match response_root {
                ResponseRoot::Wrapper => quote!(read_document),
                ResponseRoot::Member => quote!(read_unwrapped_document),
            };
            reads.push(quote! {
                let document = ::awsgen_types::protocol::rest_xml::#read_document(response.body)?;
                let empty = ::awsgen_types::xml::Element::default();
                let element = document.as_ref().unwrap_or(&empty);
                #read
            });
            for (i, value) in read_values.into_iter().enumerate() {
                if value.is_some() {
                    values[i] = value;
                }
            }
        }
        (BodyBinding::Members(indices), RestBody::Json) => {
            let decls = indices
                .iter()
                .map(|&i| field_decl(&type_path, &output.fields[i]));
            reads.push(quote! {
                #[derive(::serde::Deserialize)]
                struct Body {
                    #(#decls)*
                }
                let body: Body = #rest_json::read_body(response.body)?;
            });
            for &i in indices {
                let name = ident(&output.fields[i].rust_name);
                values[i] = Some(quote!(body.#name));
            }
        }
        (BodyBinding::Payload(payload), _) => {
            let field = &output.fields[payload.member.field];
            let read = match payload.kind {
                PayloadKind::Structure | PayloadKind::Union
                    if matches!(format, RestBody::Xml { .. }) =>
                {
                    quote!(::awsgen_types::protocol::rest_xml::read_payload(
                        response.body
                    )?)
                }
                PayloadKind::Structure | PayloadKind::Union | PayloadKind::Document => {
                    quote!(#rest_json::read_payload(response.body)?)
                }
                PayloadKind::Blob => quote! {
                    (!response.body.is_empty()).then(|| ::awsgen_types::Blob::new(response.body))
                },
                PayloadKind::String => quote!(#rest_json::read_text_payload(response.body)?),
                PayloadKind::Enum => {
                    let ty = rust_type(&field.ty);
                    quote!(#rest_json::read_text_payload(response.body)?.map(|text| #ty::from(text.as_str())))
                }
                // `deserialize_streaming_output` is handed the body as it
                // arrives; one known to be empty is no payload, as for a blob.
                PayloadKind::Stream { .. } => {
                    quote!((body.length() != ::std::option::Option::Some(0)).then_some(body))
                }
            };
            let boxed = if field.boxed {
                quote!(.map(::std::boxed::Box::new))
            } else {
                quote!()
            };
            values[payload.member.field] =
                Some(present(&output_type, field, quote!((#read) #boxed)));
        }
    }
    for binding in &message.headers {
        let field = &output.fields[binding.member.field];
        let read = read_header(field, binding, &quote!(response.headers));
        values[binding.member.field] = Some(present(&output_type, field, read));
    }
    if let Some(binding) = &message.prefix_headers {
        let field = &output.fields[binding.member.field];
        let read = read_prefix_headers(binding, &quote!(response.headers));
        values[binding.member.field] = Some(always_present(field, read));
    }
    if let Some(member) = &message.status_code {
        let field = &output.fields[member.field];
        values[member.field] = Some(always_present(field, quote!(i32::from(response.status))));
    }
    let inits = output.fields.iter().zip(values).map(|(field, value)| {
        let name = ident(&field.rust_name);
        // Every field has a binding; a field with none would be a lowering bug,
        // and reads as unset rather than failing the response.
        let value = value
            .unwrap_or_else(|| present(&output_type, field, quote!(::std::option::Option::None)));
        quote!(#name: #value,)
    });
    let streams = matches!(
        &message.body,
        BodyBinding::Payload(PayloadBinding {
            kind: PayloadKind::Stream { .. },
            ..
        })
    );
    // A streamed payload is not in `response.body`, so reading it alone
    // does not use the response.
    let reads_response = !message.headers.is_empty()
        || message.prefix_headers.is_some()
        || message.status_code.is_some()
        || (message.body != BodyBinding::Empty && !streams);
    let response_param = if reads_response {
        quote!(response)
    } else {
        quote!(_response)
    };
    if streams {
        return quote! {
            const STREAMING_RESPONSE: bool = true;

            /// A response read whole (a connector that buffers) hands its
            /// body on as the stream.
            fn deserialize_output(
                response: &::awsgen_types::HttpResponse<'_>,
            ) -> ::std::result::Result<Self::Output, ::awsgen_types::DeserializeError> {
                let body = ::awsgen_types::ByteStream::from(response.body.to_vec());
                Self::deserialize_streaming_output(response, body)
            }

            fn deserialize_streaming_output(
                #response_param: &::awsgen_types::HttpResponse<'_>,
                body: ::awsgen_types::ByteStream,
            ) -> ::std::result::Result<Self::Output, ::awsgen_types::DeserializeError> {
                #(#reads)*
                ::std::result::Result::Ok(#output_path {
                    #(#inits)*
                })
            }
        };
    }
    quote! {
        fn deserialize_output(
            #response_param: &::awsgen_types::HttpResponse<'_>,
        ) -> ::std::result::Result<Self::Output, ::awsgen_types::DeserializeError> {
            #(#reads)*
            ::std::result::Result::Ok(#output_path {
                #(#inits)*
            })
        }
    }
}

/// `read_headers` of an error structure with header members: each header
/// that is present and reads as its member's type sets the member (a bad
/// one leaves it unset: the error is still the error the code names).
pub fn error_headers_fn(
    def: &StructDef,
    headers: &[HeaderBinding],
    prefix: Option<&PrefixHeadersBinding>,
) -> TokenStream {
    if headers.is_empty() && prefix.is_none() {
        return quote!();
    }
    let sets = headers.iter().map(|binding| {
        let field = &def.fields[binding.member.field];
        let name = ident(&field.rust_name);
        let read = read_header(field, binding, &quote!(headers));
        let set = set_from_option(field, &name);
        quote! {
            let read = || -> ::std::result::Result<_, ::awsgen_types::DeserializeError> {
                ::std::result::Result::Ok(#read)
            };
            if let ::std::result::Result::Ok(::std::option::Option::Some(value)) = read() {
                #set
            }
        }
    });
    let prefix = prefix.map(|binding| {
        let field = &def.fields[binding.member.field];
        let name = ident(&field.rust_name);
        let read = read_prefix_headers(binding, &quote!(headers));
        let set = set_from_option(field, &name);
        quote! {
            let value = #read;
            #set
        }
    });
    quote! {
        fn read_headers(&mut self, headers: &::awsgen_types::http::HeaderMap) {
            #(#sets)*
            #prefix
        }
    }
}

fn set_from_option(field: &FieldDef, name: &proc_macro2::Ident) -> TokenStream {
    match field.presence {
        Presence::Optional => quote!(self.#name = ::std::option::Option::Some(value);),
        Presence::Required | Presence::Defaulted(_) => quote!(self.#name = value;),
    }
}

/// An `Option<T>` expression (`?` on a bad header) for a header member,
/// reading from the header map `source`.
fn read_header(field: &FieldDef, binding: &HeaderBinding, source: &TokenStream) -> TokenStream {
    let headers = quote!(::awsgen_types::protocol::rest::headers);
    let name = &binding.name;
    let member = &binding.member.name;
    let parse = |scalar: HttpScalar, ty: &RustType, text: TokenStream| {
        let read = from_text(scalar, ty, &quote!(text));
        quote!(#headers::parse(#text, #name, #member, |text| #read)?)
    };
    let value = match (&binding.value, &field.ty) {
        (HttpValue::Scalar(scalar), ty) => parse(*scalar, ty, quote!(&text)),
        (HttpValue::List(scalar), RustType::List { item, sparse }) => {
            let split = match scalar {
                HttpScalar::Timestamp(TimestampFormatIr::HttpDate) => quote! {
                    #headers::split_http_dates(&text).into_iter().map(::std::string::String::from).collect::<::std::vec::Vec<_>>()
                },
                // Strings may be quoted; other items never hold a comma.
                HttpScalar::String
                | HttpScalar::Enum
                | HttpScalar::IntEnum
                | HttpScalar::Display
                | HttpScalar::Float
                | HttpScalar::Blob
                | HttpScalar::MediaTypeString
                | HttpScalar::Timestamp(
                    TimestampFormatIr::DateTime | TimestampFormatIr::EpochSeconds,
                ) => quote!(#headers::parse(&text, #name, #member, #headers::split_list)?),
            };
            let item_value = parse(*scalar, item, quote!(item));
            let wrap = if *sparse {
                quote!(::std::option::Option::Some(#item_value))
            } else {
                item_value
            };
            quote! {{
                let mut items = ::std::vec::Vec::new();
                for item in #split.iter() {
                    let item: &str = item;
                    items.push(#wrap);
                }
                items
            }}
        }
        // Lowering gives lists only to list fields.
        (HttpValue::List(_), ty) => {
            let ty = rust_type(ty);
            quote!(<#ty as ::std::default::Default>::default())
        }
    };
    quote! {
        match #headers::text(#source, #name, #member)? {
            ::std::option::Option::Some(text) => ::std::option::Option::Some(#value),
            ::std::option::Option::None => ::std::option::Option::None,
        }
    }
}

fn read_prefix_headers(binding: &PrefixHeadersBinding, source: &TokenStream) -> TokenStream {
    let prefix = &binding.prefix;
    quote!(::awsgen_types::protocol::rest::headers::prefixed(#source, #prefix))
}

/// The field's value from an expression that always has one (the status
/// code, the prefixed headers' map): wrapped for an optional field, as it is
/// otherwise (no `Some(..).unwrap_or_else(..)` for lints to flag in the
/// generated code).
fn always_present(field: &FieldDef, value: TokenStream) -> TokenStream {
    match &field.presence {
        Presence::Optional => quote!(::std::option::Option::Some(#value)),
        Presence::Required | Presence::Defaulted(_) => value,
    }
}

/// The field's value from an `Option<T>` expression: the option itself for
/// an optional field, else the value or its zero value or default.
fn present(type_name: &proc_macro2::Ident, field: &FieldDef, option: TokenStream) -> TokenStream {
    match &field.presence {
        Presence::Optional => option,
        // A required structure or union (a payload) has no zero value.
        Presence::Required if !field.zero_on_missing => {
            let member = field.member_name();
            quote! {
                (#option).ok_or_else(|| ::awsgen_types::DeserializeError::Body(
                    ::std::format!("the required member `{}` is missing", #member),
                ))?
            }
        }
        Presence::Required | Presence::Defaulted(crate::ir::DefaultValue::Empty) => {
            quote!((#option).unwrap_or_else(::awsgen_types::serde_as::zero_value))
        }
        Presence::Defaulted(_) => {
            let default = default_fn_name(field);
            quote!((#option).unwrap_or_else(super::#type_name::#default))
        }
    }
}
