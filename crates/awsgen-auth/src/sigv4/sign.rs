//! The signing entry point: adds the SigV4 headers to a request's header map.

use std::fmt;

use http::header::AUTHORIZATION;
use http::{HeaderMap, HeaderName, HeaderValue, Method, Uri};

use super::amz_date::AmzDate;
use super::canonical_request::{canonical_request, SignedHeader, SignedHeaders};
use super::redact::redact_canonical_request;
use super::signing_key::{KeyCache, KeyIdentity};
use super::string_to_sign::{sha256_hex, StringToSign, ALGORITHM};
use super::{SessionTokenMode, SigningError, SigningParams, SigningSettings};
use crate::hex::HexDigest;
use crate::sigv4::payload::SignedPayload;
use crate::Credentials;
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
    pub(super) fn new(
        canonical_request: String,
        string_to_sign: String,
        signature: HexDigest,
    ) -> Self {
        Self {
            canonical_request,
            string_to_sign,
            signature,
        }
    }

    /// The lowercase hex signature (placed in `Authorization`, or in
    /// `X-Amz-Signature` by query signing).
    pub fn signature(&self) -> &str {
        self.signature.as_str()
    }
}

impl fmt::Debug for SigningOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningOutput")
            .field(
                "canonical_request",
                &redact_canonical_request(&self.canonical_request),
            )
            .field("string_to_sign", &self.string_to_sign)
            .field("signature", &REDACTED)
            .finish()
    }
}

/// The headers a signature adds to a request: `X-Amz-Date`, `Authorization`,
/// and `X-Amz-Security-Token` or `X-Amz-Content-Sha256` when they apply.
///
/// `Debug` shows the date only; the token and `Authorization` are redacted.
#[derive(Clone)]
pub struct SignatureHeaders {
    date: HeaderValue,
    content_sha256: Option<HeaderValue>,
    session_token: Option<HeaderValue>,
    authorization: HeaderValue,
}

impl SignatureHeaders {
    /// How many headers these are (two to four).
    pub fn len(&self) -> usize {
        2 + usize::from(self.content_sha256.is_some()) + usize::from(self.session_token.is_some())
    }

    /// Never: there are always at least two.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// How many headers a signature of `payload` with `params` adds (the
    /// [`len`](Self::len) of what signing returns), for a caller that sizes
    /// its header map before it signs.
    pub fn count(payload: &SignedPayload<'_>, params: &SigningParams<'_>) -> usize {
        2 + usize::from(adds_content_sha256(payload, params.settings))
            + usize::from(params.credentials.session_token_parts().is_some())
    }

    /// Puts the headers into `headers`, replacing any earlier values, and
    /// removes a stale `X-Amz-Security-Token` when these credentials have none.
    pub fn insert_into(self, headers: &mut HeaderMap) {
        if self.session_token.is_none() {
            headers.remove(X_AMZ_SECURITY_TOKEN);
        }
        for (name, value) in self {
            headers.insert(name, value);
        }
    }
}

impl IntoIterator for SignatureHeaders {
    type Item = (HeaderName, HeaderValue);
    type IntoIter = std::iter::Flatten<std::array::IntoIter<Option<(HeaderName, HeaderValue)>, 4>>;

    /// The headers by name, for a request being built: date, payload hash,
    /// session token, authorization.
    fn into_iter(self) -> Self::IntoIter {
        [
            Some((X_AMZ_DATE, self.date)),
            self.content_sha256
                .map(|value| (X_AMZ_CONTENT_SHA256, value)),
            self.session_token
                .map(|value| (X_AMZ_SECURITY_TOKEN, value)),
            Some((AUTHORIZATION, self.authorization)),
        ]
        .into_iter()
        .flatten()
    }
}

impl fmt::Debug for SignatureHeaders {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignatureHeaders")
            .field("x_amz_date", &self.date)
            .field("x_amz_content_sha256", &self.content_sha256)
            .field(
                "x_amz_security_token",
                &self.session_token.as_ref().map(|_| REDACTED),
            )
            .field("authorization", &REDACTED)
            .finish()
    }
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
    let listed = headers.iter().map(|(name, value)| (name, value.as_bytes()));
    let (added, output) = sign_listed(
        method,
        uri,
        listed,
        SignedPayload::Bytes(body),
        params,
        keys,
        Texts::Keep,
    )?;
    added.insert_into(headers);
    Ok(output)
}

/// Whether [`sign_listed`] writes out the string to sign for its output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Texts {
    /// Yes, for callers that return it.
    Keep,
    /// No: the output's `string_to_sign` is left empty.
    Skip,
}

/// Signs a request whose headers are listed rather than kept in a map, and
/// returns the headers the signature adds along with what was signed.
///
/// Every listed header is signed except `authorization`, the excluded ones
/// and those the signer sets itself (`x-amz-date`, `x-amz-security-token`,
/// and `x-amz-content-sha256` when it adds that), which are left out. A list
/// already in name order is not sorted again.
pub(crate) fn sign_listed<'a>(
    method: &Method,
    uri: &Uri,
    headers: impl IntoIterator<Item = (&'a HeaderName, &'a [u8])>,
    payload: SignedPayload<'_>,
    params: &SigningParams<'_>,
    keys: &KeyCache,
    texts: Texts,
) -> Result<(SignatureHeaders, SigningOutput), SigningError> {
    let (date, access_key_id) = checked_scope(params)?;
    let session_token = session_token_value(params.credentials)?;
    let hashed = payload.hash();
    let payload_hash = hashed.as_str();
    let settings = params.settings;
    let add_sha256 = adds_content_sha256(&payload, settings);

    let (date_name, token_name, sha256_name) =
        (X_AMZ_DATE, X_AMZ_SECURITY_TOKEN, X_AMZ_CONTENT_SHA256);
    let owned = [&date_name, &token_name, &sha256_name];
    // `x-amz-content-sha256` given by the caller is kept (and signed) unless
    // the signer sets it.
    let owned = if add_sha256 { &owned[..] } else { &owned[..2] };
    let mut signed = SignedHeaders::select(headers, owned, 3, settings)?;
    signed.add(
        SignedHeader {
            name: &date_name,
            value: date.date_time.as_bytes(),
        },
        settings,
    );
    if add_sha256 {
        signed.add(
            SignedHeader {
                name: &sha256_name,
                value: payload_hash.as_bytes(),
            },
            settings,
        );
    }
    if let (Some((_, text)), SessionTokenMode::Include) = (&session_token, settings.session_token) {
        signed.add(
            SignedHeader {
                name: &token_name,
                value: text.as_bytes(),
            },
            settings,
        );
    }
    let canonical = canonical_request(
        method,
        uri.path(),
        uri.query(),
        &signed,
        payload_hash,
        settings,
    )?;
    drop(signed);

    // Hashed before the key is looked up: it does not depend on the key.
    let canonical_hash = sha256_hex(canonical.text.as_bytes());
    let identity = KeyIdentity {
        secret: params.credentials.secret_access_key(),
        access_key_id,
        date: date.date(),
        region: params.region,
        service: params.service,
    };
    let (string_to_sign, signature, authorization) = keys.with_key(&identity, |key| {
        let string_to_sign = StringToSign::new(&date.date_time, &key.scope, canonical_hash);
        let signature = string_to_sign.signature(&key.key);
        // Written out only for callers that return it.
        let text = match texts {
            Texts::Keep => string_to_sign.text(),
            Texts::Skip => String::new(),
        };
        let parts = [
            ALGORITHM,
            " Credential=",
            access_key_id,
            "/",
            &key.scope,
            ", SignedHeaders=",
            canonical.signed_headers(),
            ", Signature=",
            signature.as_str(),
        ];
        // Exactly as long as needed: a header value made from a `String`
        // with spare capacity costs a second allocation.
        let mut authorization = String::with_capacity(parts.iter().map(|part| part.len()).sum());
        for part in parts {
            authorization.push_str(part);
        }
        (text, signature, authorization)
    });
    let mut authorization =
        HeaderValue::try_from(authorization).map_err(|_| SigningError::InvalidAccessKeyId)?;
    authorization.set_sensitive(true);
    let content_sha256 = if add_sha256 {
        Some(generated_value(&X_AMZ_CONTENT_SHA256, payload_hash)?)
    } else {
        None
    };
    // Last use of the date text: moved into the header value, not copied.
    let date = HeaderValue::try_from(date.date_time)
        .map_err(|_| SigningError::InvalidHeaderValue { name: X_AMZ_DATE })?;
    let added = SignatureHeaders {
        date,
        content_sha256,
        session_token: session_token.map(|(value, _)| value),
        authorization,
    };
    let output = SigningOutput {
        canonical_request: canonical.text,
        string_to_sign,
        signature,
    };
    Ok((added, output))
}

/// Whether the signature adds `x-amz-content-sha256`: when the settings ask,
/// and for an unsigned payload, which is announced there whatever the
/// service's settings (without it the service expects the hash).
fn adds_content_sha256(payload: &SignedPayload<'_>, settings: &SigningSettings) -> bool {
    settings.content_sha256_header || payload.literal().is_some()
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

/// The signing time formatted, and the access key id, once the parts of the
/// credential scope (`key-id/date/region/service/aws4_request`) are checked:
/// the first step of header and query signing alike.
pub(super) fn checked_scope<'p>(
    params: &SigningParams<'p>,
) -> Result<(AmzDate, &'p str), SigningError> {
    let date = AmzDate::from_system_time(params.time)?;
    check_scope_part("region", params.region)?;
    check_scope_part("service", params.service)?;
    let access_key_id = params.credentials.access_key_id();
    check_access_key_id(access_key_id)?;
    Ok((date, access_key_id))
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

/// The session token as a header value (made with the credentials, so a
/// signature only clones it), and as the text that is signed.
fn session_token_value(
    credentials: &Credentials,
) -> Result<Option<(HeaderValue, &str)>, SigningError> {
    match credentials.session_token_parts() {
        None => Ok(None),
        Some((text, Some(value))) => Ok(Some((value.clone(), text))),
        Some((_, None)) => Err(SigningError::InvalidSessionToken),
    }
}

/// Converts text the signer produced itself (a date or a hex digest), which is always
/// a valid header value; the error names the header rather than panicking.
fn generated_value(name: &HeaderName, text: &str) -> Result<HeaderValue, SigningError> {
    HeaderValue::from_str(text).map_err(|_| SigningError::InvalidHeaderValue { name: name.clone() })
}
