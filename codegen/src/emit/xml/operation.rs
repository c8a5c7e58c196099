//! The protocol functions of awsQuery, ec2Query and restXml operations.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::rest::{deserialize_output_fn, serialize_request_fn, RestBody};
use crate::ir::{OperationIr, QueryOperation, QueryStyle, RestXmlBinding, XmlIr};

/// `serialize_request` and `deserialize_output` of an awsQuery or ec2Query
/// operation: the input as a form, the output from its XML element.
pub fn query_fns(op: &OperationIr, query: &QueryOperation) -> TokenStream {
    let (action, version) = (&query.action, &query.version);
    let read = match &query.style {
        QueryStyle::AwsQuery { result } => {
            quote!(::awsgen_types::protocol::aws_query::read_output(response, #result))
        }
        QueryStyle::Ec2Query => quote!(::awsgen_types::protocol::ec2_query::read_output(response)),
    };
    let headers = crate::emit::operation::constant_headers(op);
    let request = if op.customizations.constant_headers.is_empty() {
        quote!(let request = writer.into_request();)
    } else {
        quote! {
            let mut request = writer.into_request();
            #headers
        }
    };
    quote! {
        fn serialize_request(
            input: &Self::Input,
        ) -> ::std::result::Result<::awsgen_types::HttpRequest, ::awsgen_types::SerializeError> {
            let mut writer = ::awsgen_types::protocol::query::QueryWriter::new(#action, #version);
            ::awsgen_types::protocol::query::QueryWrite::write_query(input, &mut writer, "");
            #request
            ::std::result::Result::Ok(request)
        }

        fn deserialize_output(
            response: &::awsgen_types::HttpResponse<'_>,
        ) -> ::std::result::Result<Self::Output, ::awsgen_types::DeserializeError> {
            #read
        }
    }
}

/// `serialize_request` and `deserialize_output` of a restXml operation: the
/// HTTP bindings as restJson1 prints them, with XML bodies.
pub fn rest_xml_fns(
    op: &OperationIr,
    binding: &RestXmlBinding,
    xml: Option<&XmlIr>,
) -> TokenStream {
    let shape = |name: &str| {
        xml.and_then(|xml| xml.shapes.get(name))
            .map(Vec::as_slice)
            .unwrap_or_default()
    };
    let serialize = serialize_request_fn(
        op,
        &binding.rest,
        RestBody::Xml {
            members: shape(&op.input.rust_name),
            root: &binding.request_root,
            response_root: binding.response_root,
        },
    );
    let deserialize = deserialize_output_fn(
        &op.output,
        &binding.rest.response,
        RestBody::Xml {
            members: shape(&op.output.rust_name),
            root: &binding.request_root,
            response_root: binding.response_root,
        },
    );
    quote! {
        #serialize
        #deserialize
    }
}
