//! The signing entry point: adds the SigV4 headers to a request's header map.

use std::fmt;

use http::header::{AUTHORIZATION, HOST};
use http::{HeaderMap, HeaderName, HeaderValue, Method, Uri};

use super::amz_date::AmzDate;
use super::canonical_request::canonical_request;
use super::string_to_sign::{
    credential_scope, sha256_hex, signature, signing_key, string_to_sign, ALGORITHM,
};
use super::{SessionTokenMode, SigningError, SigningParams};
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
    signature: String,
}

impl SigningOutput {
    /// The lowercase hex signature placed in `Authorization`.
    pub fn signature(&self) -> &str {
        &self.signature
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
    let date = AmzDate::from_system_time(params.time)?;
    check_scope_part("region", params.region)?;
    check_scope_part("service", params.service)?;
    check_access_key_id(params.credentials.access_key_id())?;
    if !headers.contains_key(HOST) {
        return Err(SigningError::MissingHost);
    }
    let session_token = session_token_value(params.credentials.session_token())?;
    let payload_hash = sha256_hex(body);

    // Work on a copy so a request that fails to sign is left exactly as it was.
    let mut signed = headers.clone();
    signed.insert(X_AMZ_DATE, generated_value(&X_AMZ_DATE, &date.date_time)?);
    if params.settings.content_sha256_header {
        let value = generated_value(&X_AMZ_CONTENT_SHA256, &payload_hash)?;
        signed.insert(X_AMZ_CONTENT_SHA256, value);
    }
    signed.remove(X_AMZ_SECURITY_TOKEN);
    if let (Some(token), SessionTokenMode::Include) =
        (&session_token, params.settings.session_token)
    {
        signed.insert(X_AMZ_SECURITY_TOKEN, token.clone());
    }

    let canonical = canonical_request(method, uri, &signed, &payload_hash, params.settings)?;
    let scope = credential_scope(&date, params.region, params.service);
    let string_to_sign = string_to_sign(&date, &scope, &canonical.text);
    let key = signing_key(
        params.credentials.secret_access_key(),
        &date,
        params.region,
        params.service,
    );
    let signature = signature(&key, &string_to_sign);

    let authorization = format!(
        "{ALGORITHM} Credential={}/{scope}, SignedHeaders={}, Signature={signature}",
        params.credentials.access_key_id(),
        canonical.signed_headers,
    );
    let mut authorization =
        HeaderValue::try_from(authorization).map_err(|_| SigningError::InvalidAccessKeyId)?;
    authorization.set_sensitive(true);
    signed.insert(AUTHORIZATION, authorization);
    if let (Some(token), SessionTokenMode::AddAfterSigning) =
        (session_token, params.settings.session_token)
    {
        signed.insert(X_AMZ_SECURITY_TOKEN, token);
    }
    *headers = signed;

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

fn session_token_value(token: Option<&str>) -> Result<Option<HeaderValue>, SigningError> {
    let Some(token) = token else {
        return Ok(None);
    };
    let mut value = HeaderValue::from_str(token).map_err(|_| SigningError::InvalidSessionToken)?;
    value.set_sensitive(true);
    Ok(Some(value))
}

/// Converts text the signer produced itself (a date or a hex digest), which is always
/// a valid header value; the error names the header rather than panicking.
fn generated_value(name: &HeaderName, text: &str) -> Result<HeaderValue, SigningError> {
    HeaderValue::from_str(text).map_err(|_| SigningError::InvalidHeaderValue { name: name.clone() })
}
