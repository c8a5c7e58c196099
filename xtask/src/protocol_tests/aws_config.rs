//! The client configuration a case states in `vendorParams` of shape
//! `aws.protocoltests.config#AwsConfig` (`restXml.AmazonS3`): the region and
//! S3's settings, for the client and for the one operation. Typed and
//! closed: a setting the harness cannot apply is an error naming it, so the
//! case fails rather than running under the wrong configuration.

use anyhow::{bail, Context};
use proc_macro2::TokenStream;
use quote::quote;
use serde::Deserialize;
use serde_json::Value;

/// The vendor-params shape these settings come in.
pub const AWS_CONFIG_SHAPE: &str = "aws.protocoltests.config#AwsConfig";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct AwsConfig {
    #[serde(default)]
    scoped_config: Option<ScopedConfig>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScopedConfig {
    #[serde(default)]
    client: Option<ClientConfig>,
    #[serde(default)]
    operation: Option<OperationConfig>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClientConfig {
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    s3: Option<S3Config>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct OperationConfig {
    #[serde(default)]
    s3: Option<S3Config>,
}

/// S3's settings, named as the upstream shape (and botocore's `s3` config
/// section) names them.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct S3Config {
    #[serde(default)]
    addressing_style: Option<AddressingStyle>,
    #[serde(default)]
    use_accelerate_endpoint: Option<bool>,
    #[serde(default)]
    use_dualstack_endpoint: Option<bool>,
    #[serde(default)]
    use_arn_region: Option<bool>,
    #[serde(default)]
    disable_multiregion_access_points: Option<bool>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum AddressingStyle {
    Auto,
    Virtual,
    Path,
}

impl S3Config {
    /// `self` with every setting `over` makes taking its place: an
    /// operation's settings win over the client's.
    fn overridden_by(self, over: S3Config) -> S3Config {
        S3Config {
            addressing_style: over.addressing_style.or(self.addressing_style),
            use_accelerate_endpoint: over
                .use_accelerate_endpoint
                .or(self.use_accelerate_endpoint),
            use_dualstack_endpoint: over.use_dualstack_endpoint.or(self.use_dualstack_endpoint),
            use_arn_region: over.use_arn_region.or(self.use_arn_region),
            disable_multiregion_access_points: over
                .disable_multiregion_access_points
                .or(self.disable_multiregion_access_points),
        }
    }
}

/// The `crate::harness::CaseConfig` expression of a case's `AwsConfig`
/// (`vendor_params`), or `None` when the case states none.
pub fn case_config(vendor_params: Option<&Value>) -> anyhow::Result<Option<TokenStream>> {
    let Some(value) = vendor_params else {
        return Ok(None);
    };
    let config: AwsConfig = serde_json::from_value(value.clone())
        .with_context(|| format!("vendorParams ({AWS_CONFIG_SHAPE}) the harness cannot apply"))?;
    let scoped = config.scoped_config.unwrap_or_default();
    let client = scoped.client.unwrap_or_default();
    let Some(region) = client.region else {
        bail!("vendorParams ({AWS_CONFIG_SHAPE}) name no client region");
    };
    let operation_s3 = scoped.operation.and_then(|op| op.s3).unwrap_or_default();
    let s3 = client.s3.unwrap_or_default().overridden_by(operation_s3);
    let force_path_style = option_bool(s3.addressing_style.and_then(|style| match style {
        AddressingStyle::Auto => None,
        AddressingStyle::Virtual => Some(false),
        AddressingStyle::Path => Some(true),
    }));
    let accelerate = option_bool(s3.use_accelerate_endpoint);
    let dual_stack = s3.use_dualstack_endpoint.unwrap_or(false);
    let use_arn_region = option_bool(s3.use_arn_region);
    let disable_mrap = option_bool(s3.disable_multiregion_access_points);
    Ok(Some(quote! {
        crate::harness::CaseConfig {
            region: #region,
            dual_stack: #dual_stack,
            force_path_style: #force_path_style,
            accelerate: #accelerate,
            use_arn_region: #use_arn_region,
            disable_multi_region_access_points: #disable_mrap,
        }
    }))
}

fn option_bool(value: Option<bool>) -> TokenStream {
    match value {
        Some(b) => quote!(::std::option::Option::Some(#b)),
        None => quote!(::std::option::Option::None),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn text(tokens: TokenStream) -> String {
        tokens
            .to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn the_operations_addressing_style_wins_over_the_clients() {
        let config = case_config(Some(&json!({"scopedConfig": {
            "client": {"region": "us-west-2", "s3": {"addressing_style": "path", "use_dualstack_endpoint": true}},
            "operation": {"s3": {"addressing_style": "virtual"}}
        }})))
        .unwrap()
        .unwrap();
        let config = text(config);
        assert!(config.contains("region : \"us-west-2\""), "{config}");
        assert!(config.contains("dual_stack : true"), "{config}");
        assert!(
            config.contains("force_path_style : :: std :: option :: Option :: Some (false)"),
            "{config}"
        );
    }

    #[test]
    fn settings_the_harness_cannot_apply_are_errors() {
        assert!(case_config(None).unwrap().is_none());
        let unknown = case_config(Some(&json!({"scopedConfig": {
            "client": {"region": "us-west-2", "retryConfig": {}}
        }})));
        assert!(format!("{:#}", unknown.unwrap_err()).contains("retryConfig"));
        let no_region = case_config(Some(&json!({"scopedConfig": {"client": {}}})));
        assert!(no_region
            .unwrap_err()
            .to_string()
            .contains("no client region"));
        let style = case_config(Some(&json!({"scopedConfig": {
            "client": {"region": "r", "s3": {"addressing_style": "sideways"}}
        }})));
        assert!(style.is_err());
    }
}
