//! Where requests go: an explicit or configured endpoint URL used as it is,
//! else the service's endpoint rule set; resolved once per service per client.

mod configured;
mod rules;
mod url;

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use awsgen_endpoints::{Params, RuleSet};
use awsgen_types::{EndpointParam, ServiceMeta};
use http::{HeaderMap, HeaderValue, Uri};

use crate::error::ConfigError;
use crate::error::InvalidRequest;
use crate::keyed_cache::{Cached, KeyedCache};
use crate::settings::SettingSource;

pub(crate) use url::EndpointUrl;

/// A resolved endpoint: the URL and any headers the rule set asks for.
#[derive(Debug, Clone)]
pub(crate) struct ResolvedEndpoint {
    pub(crate) url: EndpointUrl,
    pub(crate) headers: HeaderMap,
    /// The URI and `Host` value of requests without a host prefix, built once:
    /// building them per request showed in the per-request profile.
    unprefixed: Option<(Uri, HeaderValue)>,
}

impl ResolvedEndpoint {
    pub(crate) fn new(url: EndpointUrl, headers: HeaderMap) -> Self {
        let unprefixed = url.request_uri("", "/").ok().zip(host_value(&url, "").ok());
        ResolvedEndpoint {
            url,
            headers,
            unprefixed,
        }
    }

    /// The request URI and `Host` header value of a request whose host
    /// prefix (`@endpoint` trait, already checked) is `host_prefix` and
    /// whose operation path (with its query) is `path_and_query`.
    pub(crate) fn target(
        &self,
        host_prefix: &str,
        path_and_query: &str,
    ) -> Result<(Uri, HeaderValue), InvalidRequest> {
        if let (true, "/", Some((uri, host))) =
            (host_prefix.is_empty(), path_and_query, &self.unprefixed)
        {
            return Ok((uri.clone(), host.clone()));
        }
        let uri = self
            .url
            .request_uri(host_prefix, path_and_query)
            .map_err(InvalidRequest::Uri)?;
        Ok((uri, host_value(&self.url, host_prefix)?))
    }
}

fn host_value(url: &EndpointUrl, host_prefix: &str) -> Result<HeaderValue, InvalidRequest> {
    HeaderValue::try_from(url.authority(host_prefix)).map_err(|_| InvalidRequest::InvalidHeader {
        name: "Host".to_owned(),
    })
}

/// A client's endpoint settings, as the builder resolved them.
pub(crate) struct EndpointSettings {
    /// An explicit endpoint URL from the builder, already checked.
    pub(crate) explicit: Option<(String, EndpointUrl)>,
    /// Environment and profile, for configured endpoint URLs (`from_env` only).
    pub(crate) settings: Option<Arc<dyn SettingSource>>,
    pub(crate) region: String,
    pub(crate) use_fips: bool,
    pub(crate) use_dual_stack: bool,
    pub(crate) allow_http: bool,
    /// `AccountId` for the rules, as given (an invalid one is the rule set's
    /// to report).
    pub(crate) account_id: Option<String>,
    /// `AccountIdEndpointMode` for the rules, as given.
    pub(crate) account_id_endpoint_mode: Option<String>,
    /// S3's and STS's built-ins.
    pub(crate) options: crate::EndpointOptions,
}

/// The endpoint settings of a client and its per-service cache.
pub(crate) struct EndpointResolver {
    settings: EndpointSettings,
    /// Keyed by the service shape ID: every operation of a service shares one
    /// endpoint. A list, since a client talks to one service or a few.
    cache: KeyedCache<ResolvedEndpoint>,
    /// Parsed rule sets, for resolutions that depend on the input.
    rule_sets: Mutex<Vec<(&'static str, Arc<RuleSet>)>>,
}

impl EndpointResolver {
    pub(crate) fn new(settings: EndpointSettings) -> Self {
        EndpointResolver {
            settings,
            cache: KeyedCache::default(),
            rule_sets: Mutex::new(Vec::new()),
        }
    }

    /// The endpoint of `service`. Failures are not cached, so a fixed
    /// environment is picked up by the next call.
    pub(crate) fn resolve(
        &self,
        service: &'static ServiceMeta,
    ) -> Result<Cached<'_, ResolvedEndpoint>, ConfigError> {
        self.cache
            .get_or_try_insert(service.shape_id, || self.resolve_uncached(service, &[]))
    }

    /// Resolves with parameters an operation set from its input
    /// (`contextParam`, `staticContextParams`, `operationContextParams`).
    /// Without any, this is [`resolve`](Self::resolve) and its cache; with
    /// some, the rule set is run for this call (its parse is cached).
    pub(crate) fn resolve_with(
        &self,
        service: &'static ServiceMeta,
        params: &[(&'static str, EndpointParam)],
    ) -> Result<Cached<'_, ResolvedEndpoint>, ConfigError> {
        if params.is_empty() || service.endpoint_rule_set.is_none() {
            return self.resolve(service);
        }
        Ok(Cached::Shared(Arc::new(
            self.resolve_uncached(service, params)?,
        )))
    }

    fn rule_set(&self, service: &'static ServiceMeta) -> Result<Option<Arc<RuleSet>>, ConfigError> {
        let Some(json) = service.endpoint_rule_set else {
            return Ok(None);
        };
        let mut parsed = self
            .rule_sets
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some((_, hit)) = parsed.iter().find(|(id, _)| *id == service.shape_id) {
            return Ok(Some(Arc::clone(hit)));
        }
        let rule_set = Arc::new(rules::parse(service, json)?);
        parsed.push((service.shape_id, Arc::clone(&rule_set)));
        Ok(Some(rule_set))
    }

    /// The rule-set parameters a call with `params` (the operation's own)
    /// resolves with; `None` when the service has no rule set.
    pub(crate) fn rule_params(
        &self,
        service: &'static ServiceMeta,
        params: &[(&'static str, EndpointParam)],
    ) -> Result<Option<Params>, ConfigError> {
        Ok(self
            .prepare(service, params)?
            .rules
            .map(|(_, params)| params))
    }

    /// What a resolution starts from, found the same way for a call and for
    /// [`rule_params`](Self::rule_params).
    fn prepare(
        &self,
        service: &'static ServiceMeta,
        params: &[(&'static str, EndpointParam)],
    ) -> Result<Prepared, ConfigError> {
        let custom = match &self.settings.explicit {
            Some((raw, url)) => Some((raw.clone(), url.clone())),
            None => self.configured(service)?,
        };
        let rules = self.rule_set(service)?.map(|rule_set| {
            let builtins = self.builtins(custom.as_ref().map(|(raw, _)| raw.as_str()));
            let params = rules::params(&rule_set, &builtins, params);
            (rule_set, params)
        });
        Ok(Prepared { custom, rules })
    }

    fn resolve_uncached(
        &self,
        service: &'static ServiceMeta,
        params: &[(&'static str, EndpointParam)],
    ) -> Result<ResolvedEndpoint, ConfigError> {
        match self.prepare(service, params)? {
            Prepared {
                custom: Some((_, url)),
                rules: Some((rule_set, params)),
            } => {
                // The rule set still runs, so conflicts it forbids (a custom
                // endpoint with FIPS or dual-stack) are reported; the URL is used
                // as given, keeping its path, unless the service's rules must
                // shape it (S3 adds the bucket to its host or path).
                let resolved = rules::resolve(service, &rule_set, &params)?;
                if service.custom_endpoint_through_rules {
                    let url = self.parse_resolved(service, &resolved.url)?;
                    return Ok(ResolvedEndpoint::new(url, resolved.headers));
                }
                Ok(ResolvedEndpoint::new(url, resolved.headers))
            }
            Prepared {
                custom: Some((_, url)),
                rules: None,
            } => Ok(ResolvedEndpoint::new(url, HeaderMap::new())),
            Prepared {
                custom: None,
                rules: Some((rule_set, params)),
            } => {
                let resolved = rules::resolve(service, &rule_set, &params)?;
                let url = self.parse_resolved(service, &resolved.url)?;
                Ok(ResolvedEndpoint::new(url, resolved.headers))
            }
            Prepared {
                custom: None,
                rules: None,
            } => Err(ConfigError::NoEndpoint {
                service: service.sdk_id,
            }),
        }
    }

    /// The URL a rule set resolved to, checked.
    fn parse_resolved(&self, service: &ServiceMeta, url: &str) -> Result<EndpointUrl, ConfigError> {
        EndpointUrl::parse(url, self.settings.allow_http).map_err(|problem| {
            ConfigError::invalid_endpoint(
                format!("the endpoint rules of {}", service.sdk_id),
                problem,
            )
        })
    }

    fn configured(
        &self,
        service: &ServiceMeta,
    ) -> Result<Option<(String, EndpointUrl)>, ConfigError> {
        let Some(settings) = &self.settings.settings else {
            return Ok(None);
        };
        let Some(found) = configured::configured_endpoint(settings.as_ref(), service.sdk_id)?
        else {
            return Ok(None);
        };
        let url = EndpointUrl::parse(&found.url, self.settings.allow_http)
            .map_err(|problem| ConfigError::invalid_endpoint(found.origin, problem))?;
        Ok(Some((found.url, url)))
    }

    fn builtins<'a>(&'a self, endpoint: Option<&'a str>) -> rules::BuiltIns<'a> {
        let settings = &self.settings;
        rules::BuiltIns {
            region: &settings.region,
            use_fips: settings.use_fips,
            use_dual_stack: settings.use_dual_stack,
            endpoint,
            account_id: settings.account_id.as_deref(),
            account_id_endpoint_mode: settings.account_id_endpoint_mode.as_deref(),
            options: &settings.options,
        }
    }
}

/// A custom endpoint URL (explicit or configured; raw and checked), and the
/// service's rule set with the parameters it runs with.
struct Prepared {
    custom: Option<(String, EndpointUrl)>,
    rules: Option<(Arc<RuleSet>, Params)>,
}

impl fmt::Debug for EndpointResolver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let settings = &self.settings;
        f.debug_struct("EndpointResolver")
            .field("explicit", &settings.explicit.as_ref().map(|(raw, _)| raw))
            .field("from_environment", &settings.settings.is_some())
            .field("region", &settings.region)
            .field("use_fips", &settings.use_fips)
            .field("use_dual_stack", &settings.use_dual_stack)
            .field("allow_http", &settings.allow_http)
            .field("account_id", &settings.account_id)
            .field(
                "account_id_endpoint_mode",
                &settings.account_id_endpoint_mode,
            )
            .finish_non_exhaustive()
    }
}
