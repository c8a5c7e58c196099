//! EC2 instance metadata, IMDSv2 only: a session token (a `PUT` with its
//! time to live), then the instance's role name and that role's
//! credentials; and the instance's region, the region chain's last source.
//!
//! Each request ends within one second ([`FIRST`], [`LATER`]); the first,
//! the token, is not repeated when the address refuses or never answers,
//! so a machine that is not an EC2 instance pays one refused connection
//! (milliseconds) or one second. The token is kept for the chain's later
//! refreshes until shortly before its time to live ends, and fetched again
//! when the service says it is no longer valid (401).
//!
//! Settings: `AWS_EC2_METADATA_DISABLED=true` turns it off;
//! `AWS_EC2_METADATA_SERVICE_ENDPOINT` (profile
//! `ec2_metadata_service_endpoint`) replaces the address;
//! `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` (profile
//! `ec2_metadata_service_endpoint_mode`) `IPv6` picks `[fd00:ec2::254]`.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use awsgen_auth::{Credentials, CredentialsError, Environment, ProfileSet};
use bytes::Bytes;
use http::{HeaderValue, Method, StatusCode};

use super::chain::ProviderContext;
use super::fetch::{fetch, Failure, Limits};
use super::json;
use crate::connector::HttpConnector;

const ENDPOINT_IPV4: &str = "http://169.254.169.254";
const ENDPOINT_IPV6: &str = "http://[fd00:ec2::254]";
const TOKEN_PATH: &str = "/latest/api/token";
const TTL_HEADER: &str = "x-aws-ec2-metadata-token-ttl-seconds";
const TOKEN_HEADER: &str = "x-aws-ec2-metadata-token";
/// Six hours, what the SDKs ask for.
const TOKEN_TTL_SECONDS: u64 = 21_600;
const CREDENTIALS_PATH: &str = "/latest/meta-data/iam/security-credentials/";
const REGION_PATH: &str = "/latest/meta-data/placement/region";

/// The token request: one second (the SDKs' IMDS timeout), repeated only
/// for an answer that is an error of the service (5xx).
const FIRST: Limits = Limits {
    timeout: Duration::from_secs(1),
    attempts: 3,
    backoff: Duration::from_millis(100),
    retry_unreachable: false,
};

/// Requests after a token was given: the service is there, so a slow
/// answer is tried again too.
const LATER: Limits = Limits {
    retry_unreachable: true,
    ..FIRST
};

/// The session token, kept across refreshes.
#[derive(Default)]
pub(crate) struct ImdsTokens {
    cached: Mutex<Option<Token>>,
}

struct Token {
    endpoint: String,
    /// Sensitive: redacted wherever a header map is shown.
    value: HeaderValue,
    valid_until: Instant,
}

impl ImdsTokens {
    fn get(&self, endpoint: &str) -> Option<HeaderValue> {
        let cached = self.cached.lock().unwrap_or_else(PoisonError::into_inner);
        cached
            .as_ref()
            .filter(|token| token.endpoint == endpoint && Instant::now() < token.valid_until)
            .map(|token| token.value.clone())
    }

    fn put(&self, token: Option<Token>) {
        *self.cached.lock().unwrap_or_else(PoisonError::into_inner) = token;
    }
}

/// Where instance metadata is, unless it is turned off.
struct Endpoint {
    /// `scheme://authority`, no trailing slash.
    base: String,
}

/// Why instance metadata is not asked.
enum Skip {
    Disabled,
    Invalid(String),
}

fn endpoint(env: &Environment, profiles: Option<&ProfileSet>) -> Result<Endpoint, Skip> {
    if env
        .var("AWS_EC2_METADATA_DISABLED")
        .is_some_and(|value| value.trim().eq_ignore_ascii_case("true"))
    {
        return Err(Skip::Disabled);
    }
    let setting = |variable: &str, key: &str| {
        env.var(variable)
            .map(|value| (variable.to_owned(), value.trim().to_owned()))
            .or_else(|| {
                profiles
                    .and_then(|profiles| profiles.selected().non_blank(key))
                    .map(|value| (format!("profile key `{key}`"), value.to_owned()))
            })
    };
    if let Some((origin, url)) = setting(
        "AWS_EC2_METADATA_SERVICE_ENDPOINT",
        "ec2_metadata_service_endpoint",
    ) {
        let uri: http::Uri = url
            .parse()
            .map_err(|_| Skip::Invalid(format!("{origin} `{url}` is not a URL")))?;
        return match (uri.scheme_str(), uri.authority()) {
            (Some(scheme @ ("http" | "https")), Some(authority)) => Ok(Endpoint {
                base: format!("{scheme}://{authority}"),
            }),
            _ => Err(Skip::Invalid(format!(
                "{origin} `{url}` is not an http:// or https:// URL with a host"
            ))),
        };
    }
    match setting(
        "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
        "ec2_metadata_service_endpoint_mode",
    ) {
        None => Ok(Endpoint {
            base: ENDPOINT_IPV4.to_owned(),
        }),
        Some((_, mode)) if mode.eq_ignore_ascii_case("ipv4") => Ok(Endpoint {
            base: ENDPOINT_IPV4.to_owned(),
        }),
        Some((_, mode)) if mode.eq_ignore_ascii_case("ipv6") => Ok(Endpoint {
            base: ENDPOINT_IPV6.to_owned(),
        }),
        Some((origin, mode)) => Err(Skip::Invalid(format!(
            "{origin} `{mode}` is neither IPv4 nor IPv6"
        ))),
    }
}

/// What went wrong talking to instance metadata.
enum ImdsError {
    /// No instance metadata here: the token request was refused, never
    /// answered, or is not served (IMDSv1 only, or turned off).
    Absent(String),
    /// It answered, and not usefully.
    Failed(String),
}

/// One conversation with instance metadata.
struct Session<'a> {
    connector: &'a dyn HttpConnector,
    tokens: &'a ImdsTokens,
    endpoint: &'a Endpoint,
}

impl Session<'_> {
    async fn token(&self) -> Result<HeaderValue, ImdsError> {
        if let Some(token) = self.tokens.get(&self.endpoint.base) {
            return Ok(token);
        }
        let url = format!("{}{TOKEN_PATH}", self.endpoint.base);
        let answer = fetch(self.connector, FIRST, || {
            request(
                Method::PUT,
                &url,
                (TTL_HEADER, HeaderValue::from(TOKEN_TTL_SECONDS)),
            )
        })
        .await
        .map_err(|(failure, attempts)| token_failure(&failure, attempts))?;
        let response = answer.response;
        match response.status() {
            StatusCode::OK => {}
            status @ (StatusCode::FORBIDDEN
            | StatusCode::NOT_FOUND
            | StatusCode::METHOD_NOT_ALLOWED) => {
                return Err(ImdsError::Absent(format!(
                    "no IMDSv2 session token (HTTP {status}): instance metadata is turned off or \
                     offers only IMDSv1, which this client does not use"
                )))
            }
            status => {
                return Err(ImdsError::Failed(format!(
                    "the session token request was refused (HTTP {status})"
                )))
            }
        }
        let mut value = HeaderValue::from_maybe_shared(response.body().clone())
            .ok()
            .filter(|value| !value.is_empty())
            .ok_or_else(|| {
                ImdsError::Failed("the session token is not a header value".to_owned())
            })?;
        value.set_sensitive(true);
        // The service says how long it gives; keep it a little shorter.
        let ttl = response
            .headers()
            .get(TTL_HEADER)
            .and_then(|ttl| ttl.to_str().ok()?.trim().parse::<u64>().ok())
            .unwrap_or(TOKEN_TTL_SECONDS)
            .min(TOKEN_TTL_SECONDS);
        let ttl = Duration::from_secs(ttl);
        let margin = (ttl / 4).min(Duration::from_secs(60));
        self.tokens.put(Some(Token {
            endpoint: self.endpoint.base.clone(),
            value: value.clone(),
            valid_until: Instant::now() + (ttl - margin),
        }));
        Ok(value)
    }

    /// `GET path` with the session token; a token the service no longer
    /// accepts (401) is replaced once.
    async fn get(&self, path: &str) -> Result<(StatusCode, Bytes), ImdsError> {
        let url = format!("{}{path}", self.endpoint.base);
        let mut renewed = false;
        loop {
            let token = self.token().await?;
            let answer = fetch(self.connector, LATER, || {
                request(Method::GET, &url, (TOKEN_HEADER, token.clone()))
            })
            .await
            .map_err(|(failure, attempts)| {
                ImdsError::Failed(format!(
                    "GET {path}: {failure} (after {} attempt{})",
                    attempts,
                    plural(attempts)
                ))
            })?;
            let status = answer.response.status();
            if status == StatusCode::UNAUTHORIZED && !renewed {
                self.tokens.put(None);
                renewed = true;
                continue;
            }
            return Ok((status, answer.response.into_body()));
        }
    }
}

fn plural(count: u32) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}

fn token_failure(failure: &Failure, attempts: u32) -> ImdsError {
    let text = format!("{failure}, after {attempts} attempt{}", plural(attempts));
    if failure.unreachable() {
        ImdsError::Absent(text)
    } else {
        ImdsError::Failed(format!("the session token request failed: {text}"))
    }
}

fn request(method: Method, url: &str, header: (&'static str, HeaderValue)) -> http::Request<Bytes> {
    let mut request = http::Request::new(Bytes::new());
    *request.method_mut() = method;
    // The URL was checked when the endpoint was read; a path is appended.
    if let Ok(uri) = url.parse() {
        *request.uri_mut() = uri;
    }
    request.headers_mut().insert(header.0, header.1);
    request
}

const SOURCE: &str = "EC2 instance metadata";

/// The instance role's credentials.
pub(super) async fn provide(
    context: &ProviderContext,
    env: &Environment,
    profiles: Option<&ProfileSet>,
) -> Result<Credentials, CredentialsError> {
    let endpoint = match endpoint(env, profiles) {
        Ok(endpoint) => endpoint,
        Err(Skip::Disabled) => {
            return Err(not_loaded(
                "turned off by AWS_EC2_METADATA_DISABLED".to_owned(),
            ))
        }
        Err(Skip::Invalid(problem)) => return Err(failed(SOURCE.to_owned(), problem)),
    };
    let source_name = format!("{SOURCE} at {}", endpoint.base);
    let session = Session {
        connector: context.connector.as_ref(),
        tokens: &context.imds_tokens,
        endpoint: &endpoint,
    };
    let result = async {
        let (status, body) = session.get(CREDENTIALS_PATH).await?;
        let role = match status {
            StatusCode::OK => String::from_utf8_lossy(&body)
                .lines()
                .next()
                .map(str::trim)
                .filter(|role| !role.is_empty())
                .map(str::to_owned),
            StatusCode::NOT_FOUND => None,
            status => {
                return Err(ImdsError::Failed(format!(
                    "listing the instance's role failed (HTTP {status})"
                )))
            }
        };
        let Some(role) = role else {
            return Err(ImdsError::Absent(
                "the instance has no IAM role (no instance profile)".to_owned(),
            ));
        };
        if role.contains(['/', '?', '#', '%']) {
            return Err(ImdsError::Failed(
                "the role name is not a path segment".to_owned(),
            ));
        }
        let (status, body) = session.get(&format!("{CREDENTIALS_PATH}{role}")).await?;
        if status != StatusCode::OK {
            return Err(ImdsError::Failed(format!(
                "the credentials of role {role} could not be read (HTTP {status})"
            )));
        }
        read_credentials(&body).map_err(|problem| {
            ImdsError::Failed(format!("the credentials of role {role} {problem}"))
        })
    }
    .await;
    result.map_err(|error| match error {
        ImdsError::Absent(why) => not_loaded(format!("at {}: {why}", endpoint.base)),
        ImdsError::Failed(message) => failed(source_name, message),
    })
}

fn not_loaded(why: String) -> CredentialsError {
    CredentialsError::NotLoaded {
        tried: vec![format!("{SOURCE} ({why})")],
    }
}

fn failed(source_name: String, message: String) -> CredentialsError {
    CredentialsError::Provider {
        source_name,
        message,
    }
}

fn read_credentials(body: &[u8]) -> Result<Credentials, String> {
    let doc = json::object(body).map_err(|problem| format!("answer {problem}"))?;
    match json::string(&doc, "Code")? {
        None | Some("Success") => {}
        Some(code) => return Err(format!("answer has `Code` {code}, not Success")),
    }
    json::credentials(&doc, &json::METADATA_FIELDS, true, "ec2-instance-metadata")
        .map_err(|problem| format!("answer has {problem}"))
}

/// The instance's region, for the region chain: `Ok` with the region, or
/// `Err` with what the "looked at" list of a missing region says.
pub(crate) async fn region(
    connector: &dyn HttpConnector,
    tokens: &ImdsTokens,
    env: &Environment,
    profiles: Option<&ProfileSet>,
) -> Result<String, String> {
    let endpoint = match endpoint(env, profiles) {
        Ok(endpoint) => endpoint,
        Err(Skip::Disabled) => {
            return Err(format!(
                "{SOURCE} (turned off by AWS_EC2_METADATA_DISABLED)"
            ))
        }
        Err(Skip::Invalid(problem)) => return Err(format!("{SOURCE} ({problem})")),
    };
    let session = Session {
        connector,
        tokens,
        endpoint: &endpoint,
    };
    let failed = |why: String| format!("{SOURCE} at {} ({why})", endpoint.base);
    match session.get(REGION_PATH).await {
        Ok((StatusCode::OK, body)) => {
            let region = String::from_utf8_lossy(&body).trim().to_owned();
            if region.is_empty() {
                Err(failed("an empty region".to_owned()))
            } else {
                Ok(region)
            }
        }
        Ok((status, _)) => Err(failed(format!("HTTP {status} for the region"))),
        Err(ImdsError::Absent(why) | ImdsError::Failed(why)) => Err(failed(why)),
    }
}
