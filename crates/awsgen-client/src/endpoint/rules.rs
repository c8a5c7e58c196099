//! Running a service's endpoint rule set with the client's built-in values.

use awsgen_endpoints::{Params, RuleSet};
use awsgen_types::{EndpointParam, ServiceMeta};
use http::{HeaderMap, HeaderName, HeaderValue};

use crate::error::ConfigError;

/// Values of the built-in parameters this client knows.
pub(crate) struct BuiltIns<'a> {
    pub(crate) region: &'a str,
    pub(crate) use_fips: bool,
    pub(crate) use_dual_stack: bool,
    pub(crate) endpoint: Option<&'a str>,
    /// `AWS_ACCOUNT_ID` / profile `aws_account_id`.
    pub(crate) account_id: Option<&'a str>,
    /// `AWS_ACCOUNT_ID_ENDPOINT_MODE` / profile `account_id_endpoint_mode`.
    pub(crate) account_id_endpoint_mode: Option<&'a str>,
    /// S3's and STS's built-ins.
    pub(crate) options: &'a crate::EndpointOptions,
}

/// What a rule set resolved to.
pub(crate) struct RulesEndpoint {
    pub(crate) url: String,
    pub(crate) headers: HeaderMap,
}

/// Parses the service's rule set.
pub(crate) fn parse(service: &ServiceMeta, json: &str) -> Result<RuleSet, ConfigError> {
    RuleSet::from_json(json).map_err(|err| ConfigError::RuleSet {
        service: service.sdk_id,
        reason: err.to_string(),
    })
}

/// The parameters a resolution runs with: the built-ins the rule set
/// declares, then the operation's own parameters (which win). The one place
/// the client combines them, for calls and for [`Client::endpoint_rule_params`].
///
/// [`Client::endpoint_rule_params`]: crate::Client::endpoint_rule_params
pub(crate) fn params(
    rule_set: &RuleSet,
    builtins: &BuiltIns<'_>,
    operation_params: &[(&'static str, EndpointParam)],
) -> Params {
    let mut params = Params::new();
    for parameter in rule_set.parameters() {
        match parameter.built_in() {
            Some("AWS::Region") => params.set(parameter.name(), builtins.region),
            Some("AWS::UseFIPS") => params.set(parameter.name(), builtins.use_fips),
            Some("AWS::UseDualStack") => params.set(parameter.name(), builtins.use_dual_stack),
            Some("SDK::Endpoint") => {
                if let Some(endpoint) = builtins.endpoint {
                    params.set(parameter.name(), endpoint);
                }
            }
            Some("AWS::Auth::AccountId") => {
                if let Some(id) = builtins.account_id {
                    params.set(parameter.name(), id);
                }
            }
            Some("AWS::Auth::AccountIdEndpointMode") => {
                if let Some(mode) = builtins.account_id_endpoint_mode {
                    params.set(parameter.name(), mode);
                }
            }
            // S3's and STS's, when set; else (and for built-ins no client
            // setting gives) the rule set's default applies.
            Some(other) => {
                if let Some(value) = builtins.options.builtin(other) {
                    params.set(parameter.name(), value);
                }
            }
            None => {}
        }
    }
    for (name, value) in operation_params {
        // A parameter the rule set does not declare would be refused by the
        // engine; a model that names one is still usable, so it is skipped.
        if rule_set.parameters().all(|p| p.name() != *name) {
            continue;
        }
        match value {
            EndpointParam::String(s) => params.set(*name, s.as_str()),
            EndpointParam::Bool(b) => params.set(*name, *b),
            EndpointParam::StringArray(items) => params.set(*name, items.clone()),
            _ => {}
        }
    }
    params
}

/// Resolves `params` (from [`params`]). An error rule is a configuration
/// error, reported with the rule set's own message.
pub(crate) fn resolve(
    service: &ServiceMeta,
    rule_set: &RuleSet,
    params: &Params,
) -> Result<RulesEndpoint, ConfigError> {
    let endpoint = rule_set
        .resolve(params)
        .map_err(|err| ConfigError::EndpointResolution {
            service: service.sdk_id,
            reason: err.to_string(),
        })?;
    let mut headers = HeaderMap::new();
    for (name, values) in &endpoint.headers {
        let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
            ConfigError::EndpointResolution {
                service: service.sdk_id,
                reason: format!("the rule set returned an invalid header name `{name}`"),
            }
        })?;
        for value in values {
            let value =
                HeaderValue::from_str(value).map_err(|_| ConfigError::EndpointResolution {
                    service: service.sdk_id,
                    reason: format!("the rule set returned an invalid value for header `{name}`"),
                })?;
            headers.append(header.clone(), value);
        }
    }
    Ok(RulesEndpoint {
        url: endpoint.url.clone(),
        headers,
    })
}
