//! Building a client: explicit settings, or the environment and shared config
//! files (`from_env`), checked once so calls fail only for per-call reasons.

use std::borrow::Cow;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use awsgen_auth::{
    resolve_region, Credentials, CredentialsError, CredentialsFuture, Environment, ProfileSet,
    ProvideCredentials, Region, RegionError, StaticProvider,
};

use crate::client::{Client, ClientParts};
use crate::compression::CompressionConfig;
use crate::connector::HttpConnector;
use crate::credentials::CredentialsSource;
use crate::endpoint::{EndpointResolver, EndpointSettings, EndpointUrl};
use crate::endpoint_options::EndpointOptions;
use crate::error::ConfigError;
use crate::hyper_connector::{roots_from_pem, HyperConnector};
use crate::idempotency::IdempotencyTokens;
use crate::providers::{imds_region, DefaultChain, ImdsTokens, ProviderContext, ServiceClients};
use crate::proxy::{redact, NoProxy, ProxySettings, ProxyUrl};
use crate::retry::{RetryConfig, RetryMode};
use crate::settings::{flag, parse_bool, parse_u32, EnvSettings, SettingSource};
use crate::timeouts::TimeoutConfig;
use crate::trace_id::TraceIdSource;

/// Default cap on a response body: 10 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 10 * 1024 * 1024;

impl Client {
    /// A builder with nothing configured.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A client configured from the process environment and the shared config
    /// files: credentials chain, region, endpoint settings. Never panics; every
    /// problem is a [`ConfigError`].
    pub fn from_env() -> Result<Client, ConfigError> {
        ClientBuilder::from_env()?.build()
    }
}

/// Builds a [`Client`]. Start from [`Client::builder`] (nothing configured) or
/// [`ClientBuilder::from_env`] (environment and shared files), adjust, then
/// [`build`](Self::build).
#[must_use]
pub struct ClientBuilder {
    region: Option<String>,
    /// Why `from_environment` found no usable region. Reported by `build`
    /// only if no region is set by then, so `from_env()?.region(..)` works.
    region_lookup_error: Option<RegionError>,
    credentials: Option<Arc<dyn ProvideCredentials>>,
    environment: Option<Environment>,
    /// The shared files `from_environment` read (instance metadata's
    /// endpoint settings for the region come from them).
    profiles: Option<Arc<ProfileSet>>,
    settings: Option<Arc<dyn SettingSource>>,
    endpoint_url: Option<String>,
    use_fips: bool,
    use_dual_stack: bool,
    allow_http: bool,
    account_id: Option<String>,
    account_id_endpoint_mode: Option<String>,
    endpoint_options: EndpointOptions,
    retry: RetryConfig,
    timeouts: TimeoutConfig,
    compression: CompressionConfig,
    max_response_bytes: usize,
    connector: Option<Arc<dyn HttpConnector>>,
    ca_bundle: Option<CaBundle>,
    /// The builder's proxy settings, else the environment's.
    proxy: ProxySources,
    app_name: Option<String>,
    /// Lambda's `x-amzn-trace-id`, set only by `from_env`/`from_environment`.
    trace_id: TraceIdSource,
    idempotency_tokens: IdempotencyTokens,
}

/// A CA bundle for the built-in connector, loaded by `build`.
enum CaBundle {
    Pem(Vec<u8>),
    File { origin: String, path: PathBuf },
}

impl CaBundle {
    fn load(&self) -> Result<rustls::RootCertStore, ConfigError> {
        let (origin, path, pem) = match self {
            CaBundle::Pem(pem) => ("ca_bundle_pem(..)", None, Cow::Borrowed(pem.as_slice())),
            CaBundle::File { origin, path } => {
                let pem =
                    std::fs::read(path).map_err(|source| ConfigError::CaBundleUnreadable {
                        origin: origin.clone(),
                        path: path.clone(),
                        source,
                    })?;
                (origin.as_str(), Some(path), Cow::Owned(pem))
            }
        };
        roots_from_pem(&pem).map_err(|reason| ConfigError::InvalidCaBundle {
            origin: origin.to_owned(),
            path: path.cloned(),
            reason,
        })
    }
}

/// The size or the path, never the certificates.
impl fmt::Debug for CaBundle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CaBundle::Pem(pem) => f.debug_struct("Pem").field("bytes", &pem.len()).finish(),
            CaBundle::File { origin, path } => f
                .debug_struct("File")
                .field("origin", origin)
                .field("path", path)
                .finish(),
        }
    }
}

/// Where each proxy setting comes from and its text, parsed by `build`.
#[derive(Default)]
struct ProxySources {
    http: Option<Setting>,
    https: Option<Setting>,
    no_proxy: Option<Setting>,
}

/// A setting's text and where it came from.
struct Setting {
    origin: String,
    value: String,
}

impl Setting {
    fn new(origin: &str, value: impl Into<String>) -> Self {
        Setting {
            origin: origin.to_owned(),
            value: value.into(),
        }
    }
}

impl ProxySources {
    /// `https_proxy`/`HTTPS_PROXY`, `http_proxy`/`HTTP_PROXY` and
    /// `no_proxy`/`NO_PROXY`, the lowercase name first (as curl, botocore
    /// and the AWS CLI read them). Inside a CGI script (`REQUEST_METHOD`
    /// set) `HTTP_PROXY` is not read: a request's `Proxy:` header arrives
    /// under that name ("httpoxy").
    fn from_settings(settings: &dyn SettingSource) -> Self {
        let cgi = settings.env("REQUEST_METHOD").is_some();
        let read = |names: &[&str]| {
            names.iter().find_map(|&name| {
                if cgi && name == "HTTP_PROXY" {
                    return None;
                }
                settings.env(name).map(|value| Setting::new(name, value))
            })
        };
        ProxySources {
            http: read(&["http_proxy", "HTTP_PROXY"]),
            https: read(&["https_proxy", "HTTPS_PROXY"]),
            no_proxy: read(&["no_proxy", "NO_PROXY"]),
        }
    }

    /// The proxies, checked; `None` when no scheme has one.
    fn resolve(&self) -> Result<Option<ProxySettings>, ConfigError> {
        let parse = |setting: &Option<Setting>| {
            setting
                .as_ref()
                .map(|setting| ProxyUrl::parse(&setting.origin, &setting.value))
                .transpose()
        };
        let no_proxy = self
            .no_proxy
            .as_ref()
            .map_or_else(NoProxy::default, |setting| NoProxy::parse(&setting.value));
        Ok(ProxySettings::new(
            parse(&self.http)?,
            parse(&self.https)?,
            no_proxy,
        ))
    }
}

/// Proxy URLs with their credentials redacted.
impl fmt::Debug for ProxySources {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |setting: &Option<Setting>| {
            setting
                .as_ref()
                .map(|setting| format!("{} (from {})", redact(&setting.value), setting.origin))
        };
        f.debug_struct("ProxySources")
            .field("http", &shown(&self.http))
            .field("https", &shown(&self.https))
            .field(
                "no_proxy",
                &self.no_proxy.as_ref().map(|setting| &setting.value),
            )
            .finish()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl ClientBuilder {
    /// A builder with nothing configured: a region must be set; credentials
    /// default to the default chain ([`DefaultChain`]: environment, profile,
    /// web identity, container, EC2 instance metadata).
    pub fn new() -> Self {
        ClientBuilder {
            region: None,
            region_lookup_error: None,
            credentials: None,
            environment: None,
            profiles: None,
            settings: None,
            endpoint_url: None,
            use_fips: false,
            use_dual_stack: false,
            allow_http: false,
            account_id: None,
            account_id_endpoint_mode: None,
            endpoint_options: EndpointOptions::new(),
            retry: RetryConfig::standard(),
            timeouts: TimeoutConfig::new(),
            compression: CompressionConfig::new(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            connector: None,
            ca_bundle: None,
            proxy: ProxySources::default(),
            app_name: None,
            trace_id: TraceIdSource::Off,
            idempotency_tokens: IdempotencyTokens::Random,
        }
    }

    /// A builder filled from the process environment and shared config files,
    /// as [`from_environment`](Self::from_environment) describes; inside AWS
    /// Lambda the trace ID is read afresh for every call.
    pub fn from_env() -> Result<Self, ConfigError> {
        let mut builder = Self::from_environment(Environment::from_process())?;
        // Inside Lambda the trace ID changes with every invocation, so it is
        // read from the process at each call rather than from the snapshot.
        if let Some(env) = &builder.environment {
            builder.trace_id = TraceIdSource::for_process(env);
        }
        Ok(builder)
    }

    /// A builder filled from `env` (and the shared files it points at):
    /// credentials chain, region, FIPS/dual-stack, configured endpoint URLs,
    /// max attempts, request compression, app ID, S3's and STS's endpoint
    /// options ([`EndpointOptions`](crate::EndpointOptions)) and CA bundle
    /// (`AWS_CA_BUNDLE`, else the profile's `ca_bundle`: a PEM file read by
    /// [`build`](Self::build); see [`ca_bundle_file`](Self::ca_bundle_file)),
    /// and inside AWS Lambda (`AWS_LAMBDA_FUNCTION_NAME` set) the trace ID
    /// `_X_AMZN_TRACE_ID`, sent unsigned as `x-amzn-trace-id`.
    ///
    /// A region missing from (or invalid in) the environment is not an error
    /// here: [`region`](Self::region) may still set one. [`build`](Self::build)
    /// reports it, naming every place looked at, if none was set.
    pub fn from_environment(env: Environment) -> Result<Self, ConfigError> {
        let profile = ProfileSet::load(&env)?;
        let region = resolve_region(None, &env, Some(&profile));
        let profiles = Arc::new(profile.clone());
        let settings = EnvSettings::new(env.clone(), profile);

        // Credentials: the default chain, made by `build` with its connector.
        let mut builder = Self::new()
            .use_fips(flag(
                &settings,
                "AWS_USE_FIPS_ENDPOINT",
                "use_fips_endpoint",
            )?)
            .use_dual_stack(flag(
                &settings,
                "AWS_USE_DUALSTACK_ENDPOINT",
                "use_dualstack_endpoint",
            )?);
        builder.trace_id = TraceIdSource::for_environment(&env);
        builder.environment = Some(env);
        builder.profiles = Some(profiles);
        match region {
            Ok(region) => builder.region = Some(region.to_string()),
            Err(error) => builder.region_lookup_error = Some(error),
        }

        if let Some((origin, mode)) = settings.env_or_profile("AWS_RETRY_MODE", "retry_mode") {
            let mode = mode.trim();
            if mode.eq_ignore_ascii_case("adaptive") {
                builder.retry = builder.retry.with_mode(RetryMode::Adaptive);
            } else if mode.eq_ignore_ascii_case("standard") || mode.eq_ignore_ascii_case("legacy") {
                // `legacy` (each SDK's own older rules) is read as
                // standard, rather than failing a profile shared with them.
                builder.retry = builder.retry.with_mode(RetryMode::Standard);
            } else {
                return Err(ConfigError::invalid_setting(
                    &origin,
                    mode,
                    "expected standard, adaptive or legacy",
                ));
            }
        }
        if let Some((origin, value)) = settings.env_or_profile("AWS_MAX_ATTEMPTS", "max_attempts") {
            let attempts = parse_u32(&origin, &value)?;
            if attempts == 0 {
                return Err(ConfigError::invalid_setting(
                    &origin,
                    value,
                    "must be at least 1",
                ));
            }
            builder.retry = builder.retry.with_max_attempts(attempts);
        }
        let mut compression = CompressionConfig::new();
        if let Some((origin, value)) = settings.env_or_profile(
            "AWS_DISABLE_REQUEST_COMPRESSION",
            "disable_request_compression",
        ) {
            compression = compression.with_disabled(parse_bool(&origin, &value)?);
        }
        if let Some((origin, value)) = settings.env_or_profile(
            "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES",
            "request_min_compression_size_bytes",
        ) {
            compression = compression.with_min_size(parse_u32(&origin, &value)?);
        }
        builder.compression = compression;
        // Blank values count as unset here, as for every setting read from
        // the environment or a profile.
        builder.account_id = settings
            .env_or_profile("AWS_ACCOUNT_ID", "aws_account_id")
            .map(|(_, id)| id);
        builder.account_id_endpoint_mode = settings
            .env_or_profile("AWS_ACCOUNT_ID_ENDPOINT_MODE", "account_id_endpoint_mode")
            .map(|(_, mode)| mode);
        builder.endpoint_options = EndpointOptions::from_settings(&settings)?;
        if let Some((_, app)) = settings.env_or_profile("AWS_SDK_UA_APP_ID", "sdk_ua_app_id") {
            builder.app_name = Some(app);
        }
        if let Some((origin, path)) = settings.env_or_profile("AWS_CA_BUNDLE", "ca_bundle") {
            builder.ca_bundle = Some(CaBundle::File {
                origin,
                path: PathBuf::from(path),
            });
        }
        builder.proxy = ProxySources::from_settings(&settings);
        builder.settings = Some(Arc::new(settings));
        Ok(builder)
    }

    /// The region requests are signed for and endpoints resolved in. Takes
    /// precedence over the region [`from_env`](Self::from_env) found.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Signs with these credentials.
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.credentials_provider(StaticProvider::new(credentials))
    }

    /// Gets credentials from `provider` instead of the default chain. The
    /// client asks it once, and again when the credentials it gave near
    /// their expiry (five minutes ahead), one request at a time.
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// The region chain's last source: when no region is set yet (neither
    /// here nor by the environment or the profile), asks EC2 instance
    /// metadata for the instance's region (IMDSv2, with the same endpoint
    /// settings and bounds as the credentials: about a second when nothing
    /// answers, milliseconds when the address refuses). Does nothing when a
    /// region is set or the one configured is invalid. If instance metadata
    /// has none either, [`build`](Self::build)'s error lists it with the
    /// other places looked at.
    ///
    /// Asynchronous, unlike the rest of the builder, because it waits on the
    /// network; [`Client::from_env`] does not call it.
    pub async fn imds_region(mut self) -> Result<Self, ConfigError> {
        if self.region.is_some()
            || !matches!(self.region_lookup_error, Some(RegionError::NotFound { .. }))
        {
            // A region, or one configured and invalid, which `build` reports.
            return Ok(self);
        }
        let Some(RegionError::NotFound { mut tried }) = self.region_lookup_error.take() else {
            return Ok(self);
        };
        let env = self
            .environment
            .clone()
            .unwrap_or_else(Environment::from_process);
        // The connector `build` would make (proxies and CA bundle included),
        // so the region comes the way the credentials would.
        let connector = self.make_connector()?;
        let tokens = ImdsTokens::default();
        match imds_region(connector.as_ref(), &tokens, &env, self.profiles.as_deref()).await {
            Ok(region) => self.region = Some(region),
            Err(looked_at) => {
                tried.push(looked_at);
                self.region_lookup_error = Some(RegionError::NotFound { tried });
            }
        }
        Ok(self)
    }

    /// Sends every request to this URL (its path is kept), instead of the
    /// endpoint the service's rule set gives.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }

    /// Uses FIPS endpoints.
    pub fn use_fips(mut self, enabled: bool) -> Self {
        self.use_fips = enabled;
        self
    }

    /// Uses dual-stack (IPv4 and IPv6) endpoints.
    pub fn use_dual_stack(mut self, enabled: bool) -> Self {
        self.use_dual_stack = enabled;
        self
    }

    /// The account ID for endpoint rules that route by it (DynamoDB's
    /// account-based endpoints). Takes precedence over `AWS_ACCOUNT_ID` and
    /// the profile's `aws_account_id`, which [`from_env`](Self::from_env)
    /// reads. Passed to the rules as given: one that is not a valid host
    /// label (an empty one included) fails resolution with the rule set's
    /// own message, as in the AWS SDKs.
    pub fn account_id(mut self, account_id: impl Into<String>) -> Self {
        self.account_id = Some(account_id.into());
        self
    }

    /// Whether endpoint rules use the account ID: `preferred`, `disabled` or
    /// `required` (the rule set checks the value). Takes precedence over
    /// `AWS_ACCOUNT_ID_ENDPOINT_MODE` and the profile's
    /// `account_id_endpoint_mode`.
    pub fn account_id_endpoint_mode(mut self, mode: impl Into<String>) -> Self {
        self.account_id_endpoint_mode = Some(mode.into());
        self
    }

    /// S3's and STS's endpoint built-ins (path style, acceleration, the
    /// global endpoints, ARN regions): each option set here wins over what
    /// [`from_env`](Self::from_env) read.
    pub fn endpoint_options(mut self, options: EndpointOptions) -> Self {
        self.endpoint_options = self.endpoint_options.overridden_by(options);
        self
    }

    /// Permits plain `http://` endpoints on non-loopback hosts. Loopback hosts
    /// (127.0.0.0/8, ::1, localhost) are always permitted.
    pub fn allow_http(mut self, allowed: bool) -> Self {
        self.allow_http = allowed;
        self
    }

    /// Retry settings.
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// Timeout settings.
    pub fn timeouts(mut self, timeouts: TimeoutConfig) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// Request compression settings.
    pub fn compression(mut self, compression: CompressionConfig) -> Self {
        self.compression = compression;
        self
    }

    /// The largest response body read (default 10 MiB); larger ones fail the call.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Sends requests through `connector` instead of the built-in hyper client.
    /// A CA bundle is then ignored: the connector decides what it trusts.
    pub fn connector(mut self, connector: impl HttpConnector + 'static) -> Self {
        self.connector = Some(Arc::new(connector));
        self
    }

    /// Trusts only the certificate authorities in `pem` (one or more
    /// `-----BEGIN CERTIFICATE-----` sections; other sections are skipped).
    ///
    /// Like `AWS_CA_BUNDLE` in the AWS CLI and SDKs, the bundle *replaces*
    /// the built-in Mozilla roots rather than adding to them: for a
    /// TLS-inspecting proxy or a local HTTPS endpoint, the bundle must hold
    /// every CA that is to be trusted. Parsed by [`build`](Self::build),
    /// which reports a bundle with no certificate or a malformed one.
    /// Replaces an earlier [`ca_bundle_file`](Self::ca_bundle_file) or
    /// `AWS_CA_BUNDLE`. Has no effect with a custom [`connector`](Self::connector).
    pub fn ca_bundle_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.ca_bundle = Some(CaBundle::Pem(pem.into()));
        self
    }

    /// Like [`ca_bundle_pem`](Self::ca_bundle_pem), with the PEM read from
    /// `path` by [`build`](Self::build) (which reports an unreadable file).
    /// Takes precedence over `AWS_CA_BUNDLE` and the profile's `ca_bundle`.
    pub fn ca_bundle_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.ca_bundle = Some(CaBundle::File {
            origin: "ca_bundle_file(..)".to_owned(),
            path: path.into(),
        });
        self
    }

    /// Sends every request of the built-in connector through the HTTP
    /// proxy at `url` (`http://[user:password@]host[:port]`; no scheme
    /// means `http://`, no port 80), instead of the environment's
    /// `HTTPS_PROXY`/`HTTP_PROXY`. Requests to https endpoints go through a
    /// CONNECT tunnel, so TLS stays end to end; requests to plain-http
    /// endpoints are forwarded. A user and password in the URL are sent as
    /// `Proxy-Authorization: Basic` (to the proxy only) and shown as
    /// `user:***` in `Debug`, errors and logs. Checked by
    /// [`build`](Self::build); `https://` and SOCKS proxies are refused.
    /// Has no effect with a custom [`connector`](Self::connector).
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        let url = url.into();
        self.proxy.http = Some(Setting::new("proxy(..)", url.clone()));
        self.proxy.https = Some(Setting::new("proxy(..)", url));
        self
    }

    /// The hosts reached without the proxy, as `NO_PROXY` lists them
    /// (replacing the environment's): comma-separated names (each matching
    /// its subdomains too: `example.com`, `.example.com`), IP addresses,
    /// CIDR blocks (`10.0.0.0/8`), each optionally with `:port`, or `*` for
    /// every host. Nothing is bypassed implicitly, loopback hosts included.
    /// `no_proxy("*")` turns the environment's proxies off.
    pub fn no_proxy(mut self, hosts: impl Into<String>) -> Self {
        self.proxy.no_proxy = Some(Setting::new("no_proxy(..)", hosts));
        self
    }

    /// An application name for the User-Agent (`app/<name>`).
    pub fn app_name(mut self, name: impl Into<String>) -> Self {
        self.app_name = Some(name.into());
        self
    }

    /// Where `@idempotencyToken` members the caller leaves unset get their
    /// value: `provider` is called once per call of such an operation
    /// (retries resend the same token). The default is a random UUID v4
    /// per call, as in the AWS SDKs; a fixed source is for tests.
    pub fn idempotency_token_provider(
        mut self,
        provider: impl Fn() -> String + Send + Sync + 'static,
    ) -> Self {
        self.idempotency_tokens = IdempotencyTokens::Custom(Arc::new(provider));
        self
    }

    /// Checks every setting and builds the client. Needs no runtime; the
    /// built-in connector needs a Tokio runtime only when calls are made.
    pub fn build(mut self) -> Result<Client, ConfigError> {
        let region = match (self.region.take(), self.region_lookup_error.take()) {
            (Some(region), _) => Region::new(region)?,
            (None, Some(lookup_error)) => return Err(ConfigError::Region(lookup_error)),
            (None, None) => return Err(ConfigError::MissingRegion),
        };
        check_settings(
            &self.retry,
            &self.timeouts,
            &self.compression,
            self.max_response_bytes,
        )?;
        let explicit = match self.endpoint_url.take() {
            Some(raw) => {
                let url = EndpointUrl::parse(&raw, self.allow_http).map_err(|problem| {
                    ConfigError::invalid_endpoint("endpoint_url(..)", problem)
                })?;
                Some((raw, url))
            }
            None => None,
        };
        let connector = self.make_connector()?;
        let provider = match self.credentials.take() {
            Some(provider) => provider,
            None => Arc::new(self.default_chain(Arc::clone(&connector))),
        };
        let credentials = CredentialsSource::new(
            provider,
            self.environment.unwrap_or_else(Environment::from_process),
        );
        let endpoints = EndpointResolver::new(EndpointSettings {
            explicit,
            settings: self.settings,
            region: region.as_str().to_owned(),
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
            allow_http: self.allow_http,
            account_id: self.account_id,
            account_id_endpoint_mode: self.account_id_endpoint_mode,
            options: self.endpoint_options,
        });
        Ok(Client::from_parts(ClientParts {
            region,
            credentials,
            endpoints,
            connector,
            retry: self.retry,
            timeouts: self.timeouts,
            compression: self.compression,
            max_response_bytes: self.max_response_bytes,
            app_name: self.app_name,
            trace_id: self.trace_id,
            idempotency_tokens: self.idempotency_tokens,
        }))
    }
}

impl ClientBuilder {
    /// The connector given, or the one the settings describe (CA bundle,
    /// proxies).
    fn make_connector(&self) -> Result<Arc<dyn HttpConnector>, ConfigError> {
        Ok(match &self.connector {
            Some(connector) => Arc::clone(connector),
            None => Arc::new(HyperConnector::configured(
                self.timeouts.connect(),
                self.max_response_bytes,
                self.ca_bundle.as_ref().map(CaBundle::load).transpose()?,
                self.proxy.resolve()?,
            )?),
        })
    }

    /// The default chain over `connector`, with this builder's endpoint
    /// settings for the SSO and STS clients.
    fn default_chain(&self, connector: Arc<dyn HttpConnector>) -> DefaultChain {
        let clients = service_clients(
            Arc::clone(&connector),
            self.settings.clone(),
            self.use_fips,
            self.use_dual_stack,
        );
        DefaultChain::with_context(ProviderContext {
            #[cfg(feature = "sts")]
            sts: Some(crate::providers::sts_service(Arc::clone(&clients))),
            // Built without STS: role and web identity sources end the chain
            // with `NeedsSts`, which says so.
            #[cfg(not(feature = "sts"))]
            sts: None,
            service_clients: clients,
            connector,
            imds_tokens: ImdsTokens::default(),
        })
    }
}

/// How the default chain makes the client for the SSO, SSO-OIDC and STS
/// operations: this client's connector, endpoint settings (so
/// `AWS_ENDPOINT_URL_SSO`, `AWS_ENDPOINT_URL_STS` and the profile's
/// `services` apply), FIPS and dual-stack, in the given region; signed with
/// the given credentials (an `AssumeRole` hop's source), or with none for
/// the unsigned operations.
fn service_clients(
    connector: Arc<dyn HttpConnector>,
    settings: Option<Arc<dyn SettingSource>>,
    use_fips: bool,
    use_dual_stack: bool,
) -> ServiceClients {
    Arc::new(move |region: &str, credentials: Option<Credentials>| {
        let builder = ClientBuilder::new()
            .region(region)
            .use_fips(use_fips)
            .use_dual_stack(use_dual_stack);
        let mut builder = match credentials {
            Some(credentials) => builder.credentials(credentials),
            None => builder.credentials_provider(Unsigned),
        };
        builder.connector = Some(Arc::clone(&connector));
        builder.settings = settings.clone();
        builder.build()
    })
}

/// The credentials of a client that sends only unsigned operations.
#[derive(Debug)]
struct Unsigned;

impl ProvideCredentials for Unsigned {
    fn provide_credentials<'a>(&'a self, _env: &'a Environment) -> CredentialsFuture<'a> {
        Box::pin(std::future::ready(Err(CredentialsError::NotLoaded {
            tried: vec!["none (a client for unsigned operations)".to_owned()],
        })))
    }
}

impl DefaultChain {
    /// The default chain as a client built from `env` uses it: the shared
    /// files `env` points at for endpoint settings, and a connector of its
    /// own (the default connect timeout, the Mozilla roots). To resolve
    /// credentials without a client: `chain.provide_credentials(&env).await`.
    pub fn from_environment(env: &Environment) -> Result<Self, ConfigError> {
        let builder = ClientBuilder::from_environment(env.clone())?;
        let connector = builder.make_connector()?;
        Ok(builder.default_chain(connector))
    }
}

fn check_settings(
    retry: &RetryConfig,
    timeouts: &TimeoutConfig,
    compression: &CompressionConfig,
    max_response_bytes: usize,
) -> Result<(), ConfigError> {
    if retry.max_attempts() == 0 {
        return Err(ConfigError::invalid_setting(
            "max_attempts",
            0,
            "must be at least 1",
        ));
    }
    if compression.min_size() > CompressionConfig::MAX_MIN_SIZE {
        return Err(ConfigError::invalid_setting(
            "min_compression_size",
            compression.min_size(),
            "must be between 0 and 10485760 bytes",
        ));
    }
    if max_response_bytes == 0 {
        return Err(ConfigError::invalid_setting(
            "max_response_bytes",
            0,
            "must be at least 1",
        ));
    }
    if timeouts.connect().is_zero() {
        return Err(ConfigError::invalid_setting(
            "connect timeout",
            "0s",
            "must be longer than zero",
        ));
    }
    for (name, limit) in [
        ("operation timeout", timeouts.operation()),
        ("attempt timeout", timeouts.attempt()),
    ] {
        if limit.is_some_and(|limit| limit.is_zero()) {
            return Err(ConfigError::invalid_setting(
                name,
                "0s",
                "must be longer than zero (use None for no limit)",
            ));
        }
    }
    Ok(())
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("region", &self.region)
            .field("region_lookup_error", &self.region_lookup_error)
            .field("credentials", &self.credentials)
            .field("endpoint_url", &self.endpoint_url)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("allow_http", &self.allow_http)
            .field("account_id", &self.account_id)
            .field("account_id_endpoint_mode", &self.account_id_endpoint_mode)
            .field("endpoint_options", &self.endpoint_options)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .field("compression", &self.compression)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("connector", &self.connector)
            .field("ca_bundle", &self.ca_bundle)
            .field("proxy", &self.proxy)
            .field("app_name", &self.app_name)
            .finish_non_exhaustive()
    }
}
