//! rpcv2Cbor's protocol functions of an operation: calls into
//! `awsgen_types::protocol::rpc_v2_cbor` with what the binding decided.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::operation::constant_headers;
use crate::ir::{OperationIr, RpcV2CborBinding};

/// The path the runtime reads a modeled error's CBOR body with.
pub(crate) fn modeled_error_reader() -> TokenStream {
    quote!(::awsgen_types::protocol::rpc_v2_cbor::modeled)
}

/// `serialize_request`, `deserialize_output` and `deserialize_error`.
pub(crate) fn protocol_fns(op: &OperationIr, binding: &RpcV2CborBinding) -> TokenStream {
    let path = &binding.path;
    let query = binding.query_compatible;
    // A `Unit` input is sent without a body, so the input is not read.
    let (input, request) = if binding.input_body {
        (
            quote!(input),
            quote!(::awsgen_types::protocol::rpc_v2_cbor::serialize_request(input, #path, #query)),
        )
    } else {
        (
            quote!(_input),
            quote!(::std::result::Result::Ok(
                ::awsgen_types::protocol::rpc_v2_cbor::request_without_body(#path, #query)
            )),
        )
    };
    // A customization's headers go onto the protocol's request.
    let request = if op.customizations.constant_headers.is_empty() {
        request
    } else {
        let headers = constant_headers(op);
        quote! {
            let mut request = #request?;
            #headers
            ::std::result::Result::Ok(request)
        }
    };
    quote! {
        fn serialize_request(
            #input: &Self::Input,
        ) -> ::std::result::Result<::awsgen_types::HttpRequest, ::awsgen_types::SerializeError> {
            #request
        }

        fn deserialize_output(
            response: &::awsgen_types::HttpResponse<'_>,
        ) -> ::std::result::Result<Self::Output, ::awsgen_types::DeserializeError> {
            ::awsgen_types::protocol::rpc_v2_cbor::deserialize_output(response)
        }

        fn deserialize_error(response: &::awsgen_types::HttpResponse<'_>) -> Self::Error {
            ::awsgen_types::protocol::rpc_v2_cbor::read_error(response, #query)
        }
    }
}
