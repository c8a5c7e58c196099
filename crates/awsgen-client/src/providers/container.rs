//! Container credentials: the ECS agent's endpoint
//! (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`, on 169.254.170.2) or a full
//! URL (`AWS_CONTAINER_CREDENTIALS_FULL_URI`: EKS Pod Identity's agent,
//! Greengrass, a local helper), with the `Authorization` value from
//! `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read on every fetch: EKS
//! rotates it) or `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
//!
//! A full URL over plain http must name a host the SDKs allow: a loopback
//! address, the ECS address 169.254.170.2, or EKS Pod Identity's
//! 169.254.170.23 and fd00:ec2::23. Over https any host is allowed.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::Duration;

use awsgen_auth::{Credentials, CredentialsError, Environment};
use bytes::Bytes;
use http::{HeaderValue, StatusCode};

use super::chain::ProviderContext;
use super::fetch::{fetch, Limits};
use super::{blocking, json};

const RELATIVE_URI: &str = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
const FULL_URI: &str = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
const TOKEN: &str = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
const TOKEN_FILE: &str = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";
const ECS_HOST: &str = "http://169.254.170.2";
const ECS_ADDRESS: Ipv4Addr = Ipv4Addr::new(169, 254, 170, 2);
const EKS_ADDRESS: Ipv4Addr = Ipv4Addr::new(169, 254, 170, 23);
const EKS_ADDRESS_V6: Ipv6Addr = Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x23);

/// botocore's container fetcher: two seconds an attempt, three attempts. The
/// endpoint is configured, so an unreachable one is tried again too (an
/// agent may be starting).
const LIMITS: Limits = Limits {
    timeout: Duration::from_secs(2),
    attempts: 3,
    backoff: Duration::from_millis(100),
    retry_unreachable: true,
};

const SOURCE: &str = "the container credentials endpoint";

pub(super) async fn provide(
    context: &ProviderContext,
    env: &Environment,
) -> Result<Credentials, CredentialsError> {
    let url = match (env.var(RELATIVE_URI), env.var(FULL_URI)) {
        (Some(relative), _) => format!("{ECS_HOST}{}", relative.trim()),
        (None, Some(full)) => allowed_full_uri(full.trim())?,
        (None, None) => {
            return Err(CredentialsError::NotLoaded {
                tried: vec![format!(
                "container credentials environment variables {RELATIVE_URI}/{FULL_URI} (not set)"
            )],
            })
        }
    };
    let fail = |message: String| CredentialsError::Provider {
        source_name: format!("{SOURCE} {url}"),
        message,
    };
    let uri: http::Uri = url
        .parse()
        .map_err(|_| fail("the address is not a URL".to_owned()))?;
    let authorization = authorization(env).await?;
    let answer = fetch(context.connector.as_ref(), LIMITS, || {
        let mut request = http::Request::new(Bytes::new());
        *request.uri_mut() = uri.clone();
        request.headers_mut().insert(
            http::header::ACCEPT,
            HeaderValue::from_static("application/json"),
        );
        if let Some(value) = &authorization {
            request
                .headers_mut()
                .insert(http::header::AUTHORIZATION, value.clone());
        }
        request
    })
    .await
    .map_err(|(failure, attempts)| {
        fail(format!(
            "{failure} (after {attempts} attempt{})",
            if attempts == 1 { "" } else { "s" }
        ))
    })?;
    let status = answer.response.status();
    if status != StatusCode::OK {
        return Err(fail(format!("HTTP {status}")));
    }
    let doc = json::object(answer.response.body())
        .map_err(|problem| fail(format!("its answer {problem}")))?;
    json::credentials(&doc, &json::METADATA_FIELDS, false, "container")
        .map_err(|problem| fail(format!("its answer has {problem}")))
}

/// The full URI, if its host is one the SDKs let credentials come from.
fn allowed_full_uri(full: &str) -> Result<String, CredentialsError> {
    let refuse = |why: &str| CredentialsError::Provider {
        source_name: SOURCE.to_owned(),
        message: format!("{FULL_URI} `{full}` {why}"),
    };
    let uri: http::Uri = full.parse().map_err(|_| refuse("is not a URL"))?;
    let host = uri.host().ok_or_else(|| refuse("has no host"))?;
    match uri.scheme_str() {
        Some("https") => Ok(full.to_owned()),
        Some("http") if allowed_http_host(host) => Ok(full.to_owned()),
        Some("http") => Err(refuse(
            "may use plain http only with a loopback address, 169.254.170.2, \
             169.254.170.23 or fd00:ec2::23",
        )),
        _ => Err(refuse("is not an http:// or https:// URL")),
    }
}

fn allowed_http_host(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let literal = host.trim_start_matches('[').trim_end_matches(']');
    match literal.parse::<IpAddr>() {
        Ok(IpAddr::V4(ip)) => ip.is_loopback() || ip == ECS_ADDRESS || ip == EKS_ADDRESS,
        Ok(IpAddr::V6(ip)) => {
            ip.is_loopback()
                || ip == EKS_ADDRESS_V6
                || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        Err(_) => false,
    }
}

/// The `Authorization` value: the token file's contents (read now, since it
/// rotates), else the variable. Never shown: an error says where it came
/// from and what is wrong.
async fn authorization(env: &Environment) -> Result<Option<HeaderValue>, CredentialsError> {
    let fail = |message: String| CredentialsError::Provider {
        source_name: SOURCE.to_owned(),
        message,
    };
    let (origin, token) = if let Some(path) = env.var(TOKEN_FILE) {
        let path = path.trim().to_owned();
        let read = {
            let path = path.clone();
            blocking(move || std::fs::read_to_string(path)).await?
        };
        let text = read.map_err(|error| {
            fail(format!(
                "the authorization token file {path} ({TOKEN_FILE}) cannot be read: {error}"
            ))
        })?;
        (format!("the file {path} ({TOKEN_FILE})"), text)
    } else if let Some(token) = env.var(TOKEN) {
        (TOKEN.to_owned(), token.to_owned())
    } else {
        return Ok(None);
    };
    let token = token.trim();
    let mut value = HeaderValue::from_str(token)
        .ok()
        .filter(|_| !token.is_empty())
        .ok_or_else(|| {
            fail(format!(
                "the authorization token from {origin} is empty or not a valid header value"
            ))
        })?;
    value.set_sensitive(true);
    Ok(Some(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_to_the_hosts_the_sdks_allow() {
        for allowed in [
            "http://127.0.0.1:8080/creds",
            "http://127.0.0.2/creds",
            "http://localhost/creds",
            "http://[::1]:80/creds",
            "http://169.254.170.2/v2/credentials/x",
            "http://169.254.170.23/v1/credentials",
            "http://[fd00:ec2::23]/v1/credentials",
            "https://example.com/creds",
        ] {
            assert!(allowed_full_uri(allowed).is_ok(), "{allowed}");
        }
        for refused in [
            "http://example.com/creds",
            "http://169.254.169.254/latest",
            "http://10.0.0.1/creds",
            "http://[fd00:ec2::254]/creds",
            "ftp://127.0.0.1/creds",
            "not a url",
        ] {
            let error = allowed_full_uri(refused).unwrap_err().to_string();
            assert!(error.contains(FULL_URI), "{error}");
        }
    }
}
