//! `serialize_request` of a restJson1 operation: the path with its labels,
//! the query, the headers and the body, each as the IR binds it.

use proc_macro2::TokenStream;
use quote::quote;

use super::text::to_text;
use super::RestBody;
use crate::emit::common::{codec_type, ident};
use crate::ir::{
    BodyBinding, DotSegments, FieldDef, HeaderBinding, HttpMethod, HttpScalar, HttpValue,
    MemberRef, OperationIr, PathPart, PayloadBinding, PayloadKind, Presence, QueryBinding,
    RestBinding, RustType, StructDef,
};

pub fn serialize_request_fn(
    op: &OperationIr,
    rest: &RestBinding,
    format: RestBody<'_>,
) -> TokenStream {
    let input = &op.input;
    let path = rest.path.iter().map(|part| match part {
        PathPart::Literal(text) => quote!(uri.literal(#text);),
        PathPart::Label(label) => {
            let (field, member) = field(input, &label.member);
            let bind = bind_required(field, member);
            let text = to_text(label.value, &quote!(value));
            let call = match (label.greedy, label.dot_segments) {
                (true, DotSegments::Refused) => quote!(greedy_label),
                (true, DotSegments::Sent) => quote!(greedy_label_with_dot_segments),
                (false, _) => quote!(label),
            };
            quote! {{
                #bind
                uri.#call(#member, #text)?;
            }}
        }
    });
    let literal_query = rest.literal_query.iter().map(|(key, value)| match value {
        Some(value) => quote!(uri.query(#key, #value);),
        None => quote!(uri.query_key(#key);),
    });
    let query = rest
        .request
        .query
        .iter()
        .map(|binding| query_member(input, binding));
    let query_params = rest.request.query_params.as_ref().map(|params| {
        let (field, _) = field(input, &params.member);
        // `@httpQuery` members win over map keys of the same name.
        let named: Vec<&str> = rest.request.query.iter().map(|q| q.name.as_str()).collect();
        let skip_unset = sparse_map(field)
            .then(|| quote!(let ::std::option::Option::Some(value) = value else { continue; };));
        let write = if params.list_values {
            quote!(for item in value {
                uri.query(key, item.as_str());
            })
        } else {
            quote!(uri.query(key, value.as_str());)
        };
        with_value(
            field,
            quote! {
                for (key, value) in value {
                    if [#(#named),*].contains(&key.as_str()) {
                        continue;
                    }
                    #skip_unset
                    #write
                }
            },
        )
    });
    let message = &rest.request.message;
    let bound: Vec<&str> = message.headers.iter().map(|h| h.name.as_str()).collect();
    let headers = message
        .headers
        .iter()
        .map(|binding| header_member(input, binding));
    let prefix_headers = message.prefix_headers.as_ref().map(|binding| {
        let (field, member) = field(input, &binding.member);
        let prefix = &binding.prefix;
        with_value(
            field,
            quote! {
                ::awsgen_types::protocol::rest::headers::push_prefixed(
                    request.headers.to_mut(), #prefix, #member, value, &[#(#bound),*],
                )?;
            },
        )
    });
    let body = match format {
        RestBody::Json => body(input, &message.body, message.content_type_member.as_ref()),
        RestBody::Xml { members, root, .. } => xml_body(
            input,
            &message.body,
            message.content_type_member.as_ref(),
            members,
            root,
        ),
    };
    let constant_headers = crate::emit::operation::constant_headers(op);
    let method = method(rest.method);
    // Only what the operation binds is written, so an operation with no
    // input members or no headers and body names neither.
    let writes_members = !message.headers.is_empty()
        || message.prefix_headers.is_some()
        || message.body != BodyBinding::Empty;
    let adds_to_request = writes_members || !op.customizations.constant_headers.is_empty();
    let reads_input = writes_members
        || rest.path.iter().any(|p| matches!(p, PathPart::Label(_)))
        || !rest.request.query.is_empty()
        || rest.request.query_params.is_some();
    let input_param = if reads_input {
        quote!(input)
    } else {
        quote!(_input)
    };
    let request_binding = if adds_to_request {
        quote!(let mut request)
    } else {
        quote!(let request)
    };
    let uri_binding = if rest.path.iter().any(|p| matches!(p, PathPart::Label(_)))
        || !rest.literal_query.is_empty()
        || !rest.request.query.is_empty()
        || rest.request.query_params.is_some()
        || rest.path.iter().any(|p| matches!(p, PathPart::Literal(_)))
    {
        quote!(let mut uri)
    } else {
        quote!(let uri)
    };
    quote! {
        fn serialize_request(
            #input_param: &Self::Input,
        ) -> ::std::result::Result<::awsgen_types::HttpRequest, ::awsgen_types::SerializeError> {
            #uri_binding = ::awsgen_types::protocol::rest::Uri::new();
            #(#path)*
            #(#literal_query)*
            #(#query)*
            #query_params
            #request_binding = ::awsgen_types::HttpRequest::new(#method, uri.finish());
            #(#headers)*
            #prefix_headers
            #constant_headers
            #body
            ::std::result::Result::Ok(request)
        }
    }
}

fn method(method: HttpMethod) -> TokenStream {
    let name = match method {
        HttpMethod::Get => quote!(GET),
        HttpMethod::Put => quote!(PUT),
        HttpMethod::Post => quote!(POST),
        HttpMethod::Delete => quote!(DELETE),
        HttpMethod::Patch => quote!(PATCH),
        HttpMethod::Head => quote!(HEAD),
        HttpMethod::Options => quote!(OPTIONS),
    };
    quote!(::awsgen_types::http::Method::#name)
}

/// The field a binding names, and the member name for messages.
fn field<'a>(def: &'a StructDef, member: &'a MemberRef) -> (&'a FieldDef, &'a str) {
    (&def.fields[member.field], member.name.as_str())
}

/// `let value = &input.x;`, or for an optional field the value or an error
/// saying the member is required where it is bound.
fn bind_required(field: &FieldDef, member: &str) -> TokenStream {
    let name = ident(&field.rust_name);
    match field.presence {
        Presence::Optional => quote! {
            let ::std::option::Option::Some(value) = &input.#name else {
                return ::std::result::Result::Err(::awsgen_types::SerializeError::Member {
                    member: #member,
                    problem: ::awsgen_types::MemberProblem::Missing,
                });
            };
        },
        Presence::Required | Presence::Defaulted(_) => quote!(let value = &input.#name;),
    }
}

/// `body` run with `value` bound to the field's value, when it is set.
fn with_value(field: &FieldDef, body: TokenStream) -> TokenStream {
    let name = ident(&field.rust_name);
    match field.presence {
        Presence::Optional => quote! {
            if let ::std::option::Option::Some(value) = &input.#name {
                #body
            }
        },
        Presence::Required | Presence::Defaulted(_) => quote! {{
            let value = &input.#name;
            #body
        }},
    }
}

fn sparse_map(field: &FieldDef) -> bool {
    matches!(field.ty, RustType::Map { sparse: true, .. })
}

fn sparse_list(field: &FieldDef) -> bool {
    matches!(field.ty, RustType::List { sparse: true, .. })
}

/// The items of a list field as an iterator of references.
fn items(field: &FieldDef) -> TokenStream {
    if sparse_list(field) {
        quote!(value.iter().flatten())
    } else {
        quote!(value.iter())
    }
}

fn query_member(input: &StructDef, binding: &QueryBinding) -> TokenStream {
    let (field, _) = field(input, &binding.member);
    let name = &binding.name;
    let write = match binding.value {
        HttpValue::Scalar(scalar) => {
            let text = to_text(scalar, &quote!(value));
            quote!(uri.query(#name, #text);)
        }
        HttpValue::List(scalar) => {
            let text = to_text(scalar, &quote!(item));
            let items = items(field);
            quote!(for item in #items { uri.query(#name, #text); })
        }
    };
    with_value(field, write)
}

fn header_member(input: &StructDef, binding: &HeaderBinding) -> TokenStream {
    let (field, member) = field(input, &binding.member);
    let name = &binding.name;
    let header = quote!(::awsgen_types::http::HeaderName::from_static(#name));
    let headers = quote!(::awsgen_types::protocol::rest::headers);
    let write = match binding.value {
        HttpValue::Scalar(scalar) => {
            let text = to_text(scalar, &quote!(value));
            quote!(#headers::push(request.headers.to_mut(), #header, #member, #text)?;)
        }
        HttpValue::List(scalar) => {
            let text = to_text(scalar, &quote!(item));
            let items = items(field);
            // Strings are quoted when they hold a comma or a quote;
            // timestamps never are (their http-date form has commas).
            let quote_items = matches!(scalar, HttpScalar::String | HttpScalar::Enum);
            quote! {
                #headers::push_list(
                    request.headers.to_mut(),
                    #header,
                    #member,
                    #items.map(|item| ::std::string::String::from(#text)),
                    #quote_items,
                )?;
            }
        }
    };
    with_value(field, write)
}

/// `push`, which adds the body's default `Content-Type`, unless a
/// `Content-Type` header member sets the header: then only when that
/// member is unset.
fn default_content_type(
    input: &StructDef,
    header_member: Option<&MemberRef>,
    push: TokenStream,
) -> TokenStream {
    let Some(member) = header_member else {
        return push;
    };
    let (field, _) = field(input, member);
    let name = ident(&field.rust_name);
    match field.presence {
        Presence::Optional => quote! {
            if input.#name.is_none() {
                #push
            }
        },
        Presence::Required | Presence::Defaulted(_) => quote!(),
    }
}

/// The body and its `Content-Type`.
fn body(
    input: &StructDef,
    body: &BodyBinding,
    content_type_member: Option<&MemberRef>,
) -> TokenStream {
    let rest_json = quote!(::awsgen_types::protocol::rest_json);
    let content_type = quote!(::awsgen_types::http::header::CONTENT_TYPE);
    match body {
        BodyBinding::Empty => quote!(),
        BodyBinding::Members(indices) => {
            let entries = indices.iter().map(|&i| body_entry(&input.fields[i]));
            let input_type = ident(&input.rust_name);
            let set_type = default_content_type(
                input,
                content_type_member,
                quote!(request.headers.to_mut().push((#content_type, #rest_json::CONTENT_TYPE));),
            );
            quote! {
                // `Self` would name this struct here, not the operation.
                struct Body<'a>(&'a super::#input_type);
                impl ::serde::Serialize for Body<'_> {
                    fn serialize<S: ::serde::Serializer>(
                        &self,
                        serializer: S,
                    ) -> ::std::result::Result<S::Ok, S::Error> {
                        use ::serde::ser::SerializeMap as _;
                        let input = self.0;
                        let mut map = serializer.serialize_map(::std::option::Option::None)?;
                        #(#entries)*
                        map.end()
                    }
                }
                #set_type
                request.body = #rest_json::body(&Body(input))?;
            }
        }
        BodyBinding::Payload(payload) => payload_body(input, payload, content_type_member),
    }
}

/// The body of a restXml request: the body members inside the input's
/// root element, or a structure or union payload as the root element; a
/// blob or text payload as for restJson1.
fn xml_body(
    input: &StructDef,
    body_binding: &BodyBinding,
    content_type_member: Option<&MemberRef>,
    members: &[crate::ir::XmlMember],
    root: &crate::ir::XmlRoot,
) -> TokenStream {
    let rest_xml = quote!(::awsgen_types::protocol::rest_xml);
    let content_type = quote!(::awsgen_types::http::header::CONTENT_TYPE);
    let root_name = &root.name;
    let namespace = crate::emit::xml::namespace(root.namespace.as_ref());
    match body_binding {
        BodyBinding::Members(indices) => {
            let writes =
                crate::emit::xml::write_xml_members(input, members, indices, &quote!(input));
            let set_type = default_content_type(
                input,
                content_type_member,
                quote!(request.headers.to_mut().push((#content_type, #rest_xml::CONTENT_TYPE));),
            );
            quote! {
                #set_type
                request.body = #rest_xml::body(|writer| {
                    writer.start(#root_name, #namespace);
                    #writes
                    writer.end(#root_name);
                });
            }
        }
        BodyBinding::Payload(payload)
            if matches!(payload.kind, PayloadKind::Structure | PayloadKind::Union) =>
        {
            let (field, _) = field(input, &payload.member);
            let name = ident(&field.rust_name);
            let content_type = &payload.content_type;
            let set_type = default_content_type(
                input,
                content_type_member,
                quote! {
                    request.headers.to_mut().push((
                        ::awsgen_types::http::header::CONTENT_TYPE,
                        ::awsgen_types::http::HeaderValue::from_static(#content_type),
                    ));
                },
            );
            let unbox = field.boxed.then(|| quote!(let value = &**value;));
            // An unset structure or union payload is no body.
            payload_when_set(
                field.presence == Presence::Optional,
                &quote!(&input.#name),
                quote! {{
                    #unbox
                    #rest_xml::body(|writer| ::awsgen_types::xml::XmlWrite::write_xml(value, writer, #root_name, #namespace))
                }},
                &set_type,
            )
        }
        other => body(input, other, content_type_member),
    }
}

/// One body member as a map entry, through its codec; an unset optional
/// member is left out.
fn body_entry(field: &FieldDef) -> TokenStream {
    let name = ident(&field.rust_name);
    let wire = &field.wire_name;
    let value = if field.boxed {
        quote!(&**value)
    } else {
        quote!(value)
    };
    let write = match value_codec(field) {
        Some(codec) => {
            let codec = codec_type(&codec);
            quote!(map.serialize_entry(#wire, &::awsgen_types::serde_as::SerializeWith::<#codec, _>::new(#value))?;)
        }
        None => quote!(map.serialize_entry(#wire, #value)?;),
    };
    match field.presence {
        Presence::Optional => quote! {
            if let ::std::option::Option::Some(value) = &input.#name {
                #write
            }
        },
        Presence::Required | Presence::Defaulted(_) => quote! {{
            let value = &input.#name;
            #write
        }},
    }
}

/// The codec of the field's value itself (without `Option` or the
/// zero-value fallback, which only matter when reading); `None` when serde's
/// own `Serialize` writes it.
pub(super) fn value_codec(field: &FieldDef) -> Option<crate::ir::Codec> {
    use crate::ir::Codec;
    let codec = match field.codec.clone()? {
        Codec::Option(inner) if field.presence == Presence::Optional => *inner,
        Codec::OrZero(inner) => *inner,
        codec => codec,
    };
    (codec != Codec::Same).then_some(codec)
}

/// An `@httpPayload` member as the whole body.
fn payload_body(
    input: &StructDef,
    payload: &PayloadBinding,
    content_type_member: Option<&MemberRef>,
) -> TokenStream {
    let (field, _) = field(input, &payload.member);
    let name = ident(&field.rust_name);
    let content_type = &payload.content_type;
    let set_type = default_content_type(
        input,
        content_type_member,
        quote! {
            request.headers.to_mut().push((
                ::awsgen_types::http::header::CONTENT_TYPE,
                ::awsgen_types::http::HeaderValue::from_static(#content_type),
            ));
        },
    );
    let rest_json = quote!(::awsgen_types::protocol::rest_json);
    let value = quote!(&input.#name);
    let optional = field.presence == Presence::Optional;
    match payload.kind {
        // An unset structure is sent as `{}` (RestJsonHttpWithEmptyStructurePayload).
        PayloadKind::Structure => {
            let body = if optional {
                quote! {
                    match #value {
                        ::std::option::Option::Some(value) => #rest_json::body(value)?,
                        ::std::option::Option::None => ::awsgen_types::ByteStream::from(&b"{}"[..]),
                    }
                }
            } else {
                quote!(#rest_json::body(#value)?)
            };
            quote! {
                #set_type
                request.body = #body;
            }
        }
        // An unset union, document, blob or text is no body at all.
        PayloadKind::Union | PayloadKind::Document => payload_when_set(
            optional,
            &value,
            quote!(#rest_json::body(value)?),
            &set_type,
        ),
        PayloadKind::Blob | PayloadKind::String => payload_when_set(
            optional,
            &value,
            quote!(#rest_json::bytes_body(value.as_bytes())),
            &set_type,
        ),
        PayloadKind::Enum => payload_when_set(
            optional,
            &value,
            quote!(#rest_json::bytes_body(value.as_str().as_bytes())),
            &set_type,
        ),
        // The caller's stream itself (clones share it), checked for a
        // length when the operation needs one.
        PayloadKind::Stream { requires_length } => {
            let member = &payload.member.name;
            let check = requires_length.then(|| {
                quote! {
                    if value.length().is_none() {
                        return ::std::result::Result::Err(::awsgen_types::SerializeError::Member {
                            member: #member,
                            problem: ::awsgen_types::MemberProblem::LengthRequired,
                        });
                    }
                }
            });
            let body = match check {
                Some(check) => quote! {{
                    #check
                    value.clone()
                }},
                None => quote!(value.clone()),
            };
            payload_when_set(optional, &value, body, &set_type)
        }
    }
}

fn payload_when_set(
    optional: bool,
    value: &TokenStream,
    body: TokenStream,
    set_type: &TokenStream,
) -> TokenStream {
    if optional {
        quote! {
            if let ::std::option::Option::Some(value) = #value {
                #set_type
                request.body = #body;
            }
        }
    } else {
        quote! {{
            let value = #value;
            #set_type
            request.body = #body;
        }}
    }
}
