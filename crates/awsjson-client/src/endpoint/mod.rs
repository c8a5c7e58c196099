//! Where requests go: an explicit or configured endpoint URL used as it is,
//! else the service's endpoint rule set; resolved once per service per client.

mod configured;
mod rules;
mod url;

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use awsjson_types::ServiceMeta;
use http::HeaderMap;

use crate::config::ConfigError;
use crate::settings::SettingSource;

pub(crate) use url::{EndpointUrl, UrlProblem};

/// A resolved endpoint: the URL and any headers the rule set asks for.
#[derive(Debug, Clone)]
pub(crate) struct ResolvedEndpoint {
    pub(crate) url: EndpointUrl,
    pub(crate) headers: HeaderMap,
}

/// The endpoint settings of a client and its per-service cache.
pub(crate) struct EndpointResolver {
    /// An explicit endpoint URL from the builder, already checked.
    explicit: Option<(String, EndpointUrl)>,
    /// Environment and profile, for configured endpoint URLs (`from_env` only).
    settings: Option<Arc<dyn SettingSource>>,
    region: String,
    use_fips: bool,
    use_dual_stack: bool,
    allow_http: bool,
    /// Keyed by the service shape ID: every operation of a service shares one endpoint.
    cache: Mutex<HashMap<&'static str, Arc<ResolvedEndpoint>>>,
}

impl EndpointResolver {
    pub(crate) fn new(
        explicit: Option<(String, EndpointUrl)>,
        settings: Option<Arc<dyn SettingSource>>,
        region: String,
        use_fips: bool,
        use_dual_stack: bool,
        allow_http: bool,
    ) -> Self {
        EndpointResolver {
            explicit,
            settings,
            region,
            use_fips,
            use_dual_stack,
            allow_http,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The endpoint of `service`. Failures are not cached, so a fixed
    /// environment is picked up by the next call.
    pub(crate) fn resolve(
        &self,
        service: &'static ServiceMeta,
    ) -> Result<Arc<ResolvedEndpoint>, ConfigError> {
        if let Some(hit) = self
            .cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(service.shape_id)
        {
            return Ok(Arc::clone(hit));
        }
        let resolved = Arc::new(self.resolve_uncached(service)?);
        self.cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(service.shape_id, Arc::clone(&resolved));
        Ok(resolved)
    }

    fn resolve_uncached(
        &self,
        service: &'static ServiceMeta,
    ) -> Result<ResolvedEndpoint, ConfigError> {
        let custom = match &self.explicit {
            Some((raw, url)) => Some((raw.clone(), url.clone())),
            None => self.configured(service)?,
        };
        let rule_set = match service.endpoint_rule_set {
            Some(json) => Some(rules::parse(service, json)?),
            None => None,
        };
        match (custom, rule_set) {
            (Some((raw, url)), Some(rule_set)) => {
                // The rule set still runs, so conflicts it forbids (a custom
                // endpoint with FIPS or dual-stack) are reported; the URL is used
                // as given, keeping its path.
                let resolved = rules::resolve(service, &rule_set, &self.builtins(Some(&raw)))?;
                Ok(ResolvedEndpoint {
                    url,
                    headers: resolved.headers,
                })
            }
            (Some((_, url)), None) => Ok(ResolvedEndpoint {
                url,
                headers: HeaderMap::new(),
            }),
            (None, Some(rule_set)) => {
                let resolved = rules::resolve(service, &rule_set, &self.builtins(None))?;
                let url =
                    EndpointUrl::parse(&resolved.url, self.allow_http).map_err(|problem| {
                        ConfigError::invalid_endpoint(
                            format!("the endpoint rules of {}", service.sdk_id),
                            problem,
                        )
                    })?;
                Ok(ResolvedEndpoint {
                    url,
                    headers: resolved.headers,
                })
            }
            (None, None) => Err(ConfigError::NoEndpoint {
                service: service.sdk_id,
            }),
        }
    }

    fn configured(
        &self,
        service: &ServiceMeta,
    ) -> Result<Option<(String, EndpointUrl)>, ConfigError> {
        let Some(settings) = &self.settings else {
            return Ok(None);
        };
        let Some(found) = configured::configured_endpoint(settings.as_ref(), service.sdk_id)?
        else {
            return Ok(None);
        };
        let url = EndpointUrl::parse(&found.url, self.allow_http)
            .map_err(|problem| ConfigError::invalid_endpoint(found.origin, problem))?;
        Ok(Some((found.url, url)))
    }

    fn builtins<'a>(&'a self, endpoint: Option<&'a str>) -> rules::BuiltIns<'a> {
        rules::BuiltIns {
            region: &self.region,
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
            endpoint,
        }
    }
}

impl fmt::Debug for EndpointResolver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EndpointResolver")
            .field("explicit", &self.explicit.as_ref().map(|(raw, _)| raw))
            .field("from_environment", &self.settings.is_some())
            .field("region", &self.region)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("allow_http", &self.allow_http)
            .finish_non_exhaustive()
    }
}
