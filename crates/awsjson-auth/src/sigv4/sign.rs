//! The signing entry point: adds the SigV4 headers to a request's header map.

use std::fmt;

use http::header::{AUTHORIZATION, HOST};
use http::{HeaderMap, HeaderName, HeaderValue, Method, Uri};

use super::amz_date::AmzDate;
use super::canonical_request::{canonical_request, AddedHeader};
use super::signing_key::{KeyCache, KeyIdentity};
use super::string_to_sign::{sha256_hex, signature, string_to_sign, ALGORITHM};
use super::{SessionTokenMode, SigningError, SigningParams};
use crate::hex::HexDigest;
use crate::REDACTED;

const X_AMZ_DATE: HeaderName = HeaderName::from_static("x-amz-date");
const X_AMZ_SECURITY_TOKEN: HeaderName = HeaderName::from_static("x-amz-security-token");
const X_AMZ_CONTENT_SHA256: HeaderName = HeaderName::from_static("x-amz-content-sha256");

/// The intermediate strings and the signature of one signing, for logging and tests.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SigningOutput {
    /// The canonical request that was signed. It holds the session token when one
    /// was signed, so treat it as secret; its `Debug` form redacts the token.
    pub canonical_request: String,
    /// The string to sign (holds no secret).
    pub string_to_sign: String,
    signature: HexDigest,
}

impl SigningOutput {
    /// The lowercase hex signature placed in `Authorization`.
    pub fn signature(&self) -> &str {
        self.signature.as_str()
    }
}

impl fmt::Debug for SigningOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningOutput")
            .field(
                "canonical_request",
                &redact_session_token(&self.canonical_request),
            )
            .field("string_to_sign", &self.string_to_sign)
            .field("signature", &REDACTED)
            .finish()
    }
}

fn redact_session_token(canonical_request: &str) -> String {
    let prefix = "x-amz-security-token:";
    canonical_request
        .split('\n')
        .map(|line| {
            if line.starts_with(prefix) {
                format!("{prefix}{REDACTED}")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Signs a request with SigV4, adding `X-Amz-Date`, `X-Amz-Security-Token` (when the
/// credentials have a session token) and `Authorization` to `headers`.
///
/// `headers` must already hold every header to be sent, including `Host` (the
/// authority actually sent, without a default port; see [`host_header_value`]):
/// every header present is signed except `authorization` and
/// [`SigningSettings::excluded_headers`](super::SigningSettings::excluded_headers).
/// `uri` supplies the path and query; its authority is ignored. `body` is the exact
/// payload sent.
///
/// The signer owns `X-Amz-Date`, `X-Amz-Security-Token` and `Authorization` (and
/// `X-Amz-Content-Sha256` when enabled): values already present are replaced, and a
/// stale session token is removed, so a retry can sign the same map again with a
/// fresh time. On error `headers` is left unchanged.
pub fn sign(
    method: &Method,
    uri: &Uri,
    headers: &mut HeaderMap,
    body: &[u8],
    params: &SigningParams<'_>,
) -> Result<SigningOutput, SigningError> {
    sign_with_cache(method, uri, headers, body, params, &KeyCache::default())
}

/// [`sign`], taking the derived signing key from `keys`.
pub(crate) fn sign_with_cache(
    method: &Method,
    uri: &Uri,
    headers: &mut HeaderMap,
    body: &[u8],
    params: &SigningParams<'_>,
    keys: &KeyCache,
) -> Result<SigningOutput, SigningError> {
    let date = AmzDate::from_system_time(params.time)?;
    check_scope_part("region", params.region)?;
    check_scope_part("service", params.service)?;
    let access_key_id = params.credentials.access_key_id();
    check_access_key_id(access_key_id)?;
    if !headers.contains_key(HOST) {
        return Err(SigningError::MissingHost);
    }
    let session_token = session_token_value(params.credentials.session_token())?;
    let payload_hash = sha256_hex(body);
    let settings = params.settings;

    // The headers this function sets are signed as if already in the map, and
    // the map is changed only after everything that can fail, so a request
    // that fails to sign is left exactly as it was (without copying the map).
    let (date_name, token_name, sha256_name) =
        (X_AMZ_DATE, X_AMZ_SECURITY_TOKEN, X_AMZ_CONTENT_SHA256);
    let replaced = [&date_name, &token_name, &sha256_name];
    let added = [
        Some(AddedHeader {
            name: &date_name,
            value: &date.date_time,
        }),
        settings.content_sha256_header.then_some(AddedHeader {
            name: &sha256_name,
            value: payload_hash.as_str(),
        }),
        match (&session_token, settings.session_token) {
            (Some((_, text)), SessionTokenMode::Include) => Some(AddedHeader {
                name: &token_name,
                value: text,
            }),
            _ => None,
        },
    ];
    // `x-amz-content-sha256` already in the map is kept (and signed) unless
    // this function sets it.
    let replaced = if settings.content_sha256_header {
        &replaced[..]
    } else {
        &replaced[..2]
    };
    let canonical = canonical_request(
        method,
        uri,
        headers,
        replaced,
        &added,
        payload_hash.as_str(),
        settings,
    )?;

    let identity = KeyIdentity {
        secret: params.credentials.secret_access_key(),
        access_key_id,
        date: date.date(),
        region: params.region,
        service: params.service,
    };
    let (string_to_sign, signature, authorization) = keys.with_key(&identity, |key| {
        let string_to_sign = string_to_sign(&date.date_time, &key.scope, &canonical.text);
        let signature = signature(&key.key, &string_to_sign);
        let mut authorization = String::with_capacity(
            ALGORITHM.len()
                + access_key_id.len()
                + key.scope.len()
                + canonical.signed_headers.len()
                + signature.as_str().len()
                + 48,
        );
        for part in [
            ALGORITHM,
            " Credential=",
            access_key_id,
            "/",
            &key.scope,
            ", SignedHeaders=",
            &canonical.signed_headers,
            ", Signature=",
            signature.as_str(),
        ] {
            authorization.push_str(part);
        }
        (string_to_sign, signature, authorization)
    });
    let mut authorization =
        HeaderValue::try_from(authorization).map_err(|_| SigningError::InvalidAccessKeyId)?;
    authorization.set_sensitive(true);
    let sha256_value = if settings.content_sha256_header {
        Some(generated_value(
            &X_AMZ_CONTENT_SHA256,
            payload_hash.as_str(),
        )?)
    } else {
        None
    };
    // Last use of the date text: moved into the header value, not copied.
    let date_value = HeaderValue::try_from(date.date_time)
        .map_err(|_| SigningError::InvalidHeaderValue { name: X_AMZ_DATE })?;

    // Nothing below can fail.
    headers.insert(date_name, date_value);
    if let Some(value) = sha256_value {
        headers.insert(sha256_name, value);
    }
    match session_token {
        Some((value, _)) => {
            headers.insert(token_name, value);
        }
        None => {
            headers.remove(token_name);
        }
    }
    headers.insert(AUTHORIZATION, authorization);

    Ok(SigningOutput {
        canonical_request: canonical.text,
        string_to_sign,
        signature,
    })
}

/// The `Host` header value for a request to `uri`: its host, plus the port only when
/// it is not the scheme's default (443 for https, 80 for http). `None` when `uri`
/// has no authority.
pub fn host_header_value(uri: &Uri) -> Option<HeaderValue> {
    let host = uri.host()?;
    let default_port = match uri.scheme_str() {
        Some("https") => Some(443),
        Some("http") => Some(80),
        _ => None,
    };
    let text = match uri.port_u16() {
        Some(port) if Some(port) != default_port => format!("{host}:{port}"),
        _ => host.to_owned(),
    };
    HeaderValue::try_from(text).ok()
}

/// Region and service become part of `Credential=date/region/service/aws4_request`,
/// so a `/`, whitespace or a control character would corrupt the header.
fn check_scope_part(what: &'static str, value: &str) -> Result<(), SigningError> {
    let invalid = |reason| SigningError::InvalidScope {
        what,
        value: value.to_owned(),
        reason,
    };
    if value.is_empty() {
        return Err(invalid("it is empty"));
    }
    if !value
        .bytes()
        .all(|byte| byte.is_ascii_graphic() && byte != b'/')
    {
        return Err(invalid(
            "only visible ASCII characters other than `/` are allowed",
        ));
    }
    Ok(())
}

fn check_access_key_id(access_key_id: &str) -> Result<(), SigningError> {
    let valid = !access_key_id.is_empty()
        && access_key_id
            .bytes()
            .all(|byte| byte.is_ascii_graphic() && byte != b'/' && byte != b',');
    if valid {
        Ok(())
    } else {
        Err(SigningError::InvalidAccessKeyId)
    }
}

/// The session token as a header value, and as the text that is signed.
fn session_token_value(token: Option<&str>) -> Result<Option<(HeaderValue, &str)>, SigningError> {
    let Some(token) = token else {
        return Ok(None);
    };
    let mut value = HeaderValue::from_str(token).map_err(|_| SigningError::InvalidSessionToken)?;
    value.set_sensitive(true);
    Ok(Some((value, token)))
}

/// Converts text the signer produced itself (a date or a hex digest), which is always
/// a valid header value; the error names the header rather than panicking.
fn generated_value(name: &HeaderName, text: &str) -> Result<HeaderValue, SigningError> {
    HeaderValue::from_str(text).map_err(|_| SigningError::InvalidHeaderValue { name: name.clone() })
}
