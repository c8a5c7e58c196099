//! A case's `builtInParams` as client settings: each built-in the client
//! supports is set with the `ClientBuilder` method a user calls for it, so
//! the generated test configures the client the way a user does and the
//! value reaches the rules through the client's own built-in handling.

use std::collections::BTreeMap;

use anyhow::bail;
use awsgen_endpoints::Value;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// What a builder method takes.
#[derive(Clone, Copy)]
enum Takes {
    Text,
    Flag,
    /// A flag set through `endpoint_options(EndpointOptions::new().<method>(..))`.
    Option,
}

/// Built-in ID, the `ClientBuilder` method that sets it, and what that
/// method takes. A built-in missing here has no client setting, and a case
/// that sets it fails by name.
const BUILDER_METHODS: &[(&str, &str, Takes)] = &[
    ("AWS::Region", "region", Takes::Text),
    ("AWS::UseFIPS", "use_fips", Takes::Flag),
    ("AWS::UseDualStack", "use_dual_stack", Takes::Flag),
    ("SDK::Endpoint", "endpoint_url", Takes::Text),
    ("AWS::Auth::AccountId", "account_id", Takes::Text),
    (
        "AWS::Auth::AccountIdEndpointMode",
        "account_id_endpoint_mode",
        Takes::Text,
    ),
    (
        "AWS::STS::UseGlobalEndpoint",
        "sts_use_global_endpoint",
        Takes::Option,
    ),
    (
        "AWS::S3::UseGlobalEndpoint",
        "s3_use_global_endpoint",
        Takes::Option,
    ),
    (
        "AWS::S3::ForcePathStyle",
        "s3_force_path_style",
        Takes::Option,
    ),
    ("AWS::S3::Accelerate", "s3_accelerate", Takes::Option),
    ("AWS::S3::UseArnRegion", "s3_use_arn_region", Takes::Option),
    (
        "AWS::S3::DisableMultiRegionAccessPoints",
        "s3_disable_multi_region_access_points",
        Takes::Option,
    ),
];

/// The builder method calls (`.region("us-east-1").use_fips(true)`) that
/// configure these built-ins.
pub fn builder_calls(built_ins: &BTreeMap<String, Value>) -> anyhow::Result<TokenStream> {
    let mut calls = Vec::new();
    for (id, value) in built_ins {
        let Some((_, method, takes)) = BUILDER_METHODS.iter().find(|(known, ..)| known == id)
        else {
            bail!("the client has no setting for the built-in `{id}`");
        };
        let method = format_ident!("{method}");
        let argument = match (takes, value) {
            (Takes::Option, Value::Bool(b)) => {
                calls.push(
                    quote!(.endpoint_options(::awsgen_client::EndpointOptions::new().#method(#b))),
                );
                continue;
            }
            // A user who points the client at plain http says so.
            (Takes::Text, Value::String(s))
                if id == "SDK::Endpoint" && s.starts_with("http://") =>
            {
                calls.push(quote!(.allow_http(true)));
                quote!(#s)
            }
            (Takes::Text, Value::String(s)) => quote!(#s),
            (Takes::Flag, Value::Bool(b)) => quote!(#b),
            (Takes::Text, other) => bail!(
                "built-in `{id}`: expected a string, found a {}",
                other.type_name()
            ),
            (Takes::Flag | Takes::Option, other) => bail!(
                "built-in `{id}`: expected a boolean, found a {}",
                other.type_name()
            ),
        };
        calls.push(quote!(.#method(#argument)));
    }
    Ok(quote!(#(#calls)*))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_ins_become_the_builder_calls_a_user_makes() {
        let built_ins = BTreeMap::from([
            ("AWS::Region".to_owned(), Value::from("eu-west-1")),
            ("AWS::UseFIPS".to_owned(), Value::from(true)),
            ("AWS::Auth::AccountId".to_owned(), Value::from("")),
        ]);
        assert_eq!(
            builder_calls(&built_ins).unwrap().to_string(),
            quote!(.account_id("").region("eu-west-1").use_fips(true)).to_string()
        );
    }

    #[test]
    fn s3_and_sts_built_ins_are_endpoint_options_and_a_plain_http_endpoint_is_allowed() {
        let built_ins = BTreeMap::from([
            ("AWS::S3::ForcePathStyle".to_owned(), Value::from(true)),
            ("AWS::STS::UseGlobalEndpoint".to_owned(), Value::from(false)),
            (
                "SDK::Endpoint".to_owned(),
                Value::from("http://localhost:9000"),
            ),
        ]);
        assert_eq!(
            builder_calls(&built_ins).unwrap().to_string(),
            quote!(
                .endpoint_options(::awsgen_client::EndpointOptions::new().s3_force_path_style(true))
                .endpoint_options(::awsgen_client::EndpointOptions::new().sts_use_global_endpoint(false))
                .allow_http(true)
                .endpoint_url("http://localhost:9000")
            )
            .to_string()
        );
    }

    #[test]
    fn a_built_in_without_a_client_setting_or_of_the_wrong_type_is_named() {
        let unknown =
            BTreeMap::from([("AWS::S3Control::UseArnRegion".to_owned(), Value::from(true))]);
        let error = builder_calls(&unknown).unwrap_err();
        assert!(
            error.to_string().contains("`AWS::S3Control::UseArnRegion`"),
            "{error}"
        );
        let mistyped = BTreeMap::from([("AWS::S3::ForcePathStyle".to_owned(), Value::from("on"))]);
        let error = builder_calls(&mistyped).unwrap_err();
        assert!(error.to_string().contains("expected a boolean"), "{error}");
        let mistyped = BTreeMap::from([("AWS::UseFIPS".to_owned(), Value::from("yes"))]);
        let error = builder_calls(&mistyped).unwrap_err();
        assert!(error.to_string().contains("expected a boolean"), "{error}");
    }
}
