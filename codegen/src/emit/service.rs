//! The service metadata constant.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{CustomEndpoint, Protocol, ServiceIr};

pub fn emit_service(service: &ServiceIr) -> TokenStream {
    let ServiceIr {
        shape_id,
        target_prefix,
        sdk_id,
        endpoint_prefix,
        signing_name,
        version,
        ..
    } = service;
    let protocol = match service.protocol {
        Protocol::AwsJson1_0 => quote!(::awsgen_types::Protocol::AwsJson1_0),
        Protocol::AwsJson1_1 => quote!(::awsgen_types::Protocol::AwsJson1_1),
        Protocol::RestJson1 => quote!(::awsgen_types::Protocol::RestJson1),
        Protocol::RpcV2Cbor => quote!(::awsgen_types::Protocol::RpcV2Cbor),
        Protocol::RestXml => quote!(::awsgen_types::Protocol::RestXml),
        Protocol::AwsQuery => quote!(::awsgen_types::Protocol::AwsQuery),
        Protocol::Ec2Query => quote!(::awsgen_types::Protocol::Ec2Query),
    };
    let rules = match &service.endpoint_rule_set {
        Some(json) => quote!(::std::option::Option::Some(#json)),
        None => quote!(::std::option::Option::None),
    };
    let custom_endpoint = match service.quirks.custom_endpoint {
        CustomEndpoint::AsGiven => None,
        CustomEndpoint::ThroughRules => Some(quote!(.with_custom_endpoint_through_rules())),
    };
    let doc = format!(" `{shape_id}`: everything the transport needs to know about the service.");
    quote! {
        #[doc = #doc]
        pub const SERVICE: ::awsgen_types::ServiceMeta = ::awsgen_types::ServiceMeta::new(
            #shape_id,
            #target_prefix,
            #sdk_id,
            #endpoint_prefix,
            #signing_name,
            #version,
            #protocol,
            #rules,
        )#custom_endpoint;
    }
}
