//! Query signing ("presigning"): the signature and what it covers travel in
//! the URL's query instead of in headers, so whoever holds the URL can make
//! the request until it expires, without credentials of their own.
//!
//! The steps are header signing's (`canonical_request`, `string_to_sign`,
//! the remembered key); what differs is where their inputs go. The
//! `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`,
//! `X-Amz-SignedHeaders` (and `X-Amz-Security-Token`) parameters are added
//! to the query before the canonical request is made from it, and
//! `X-Amz-Signature` after; no header is added.

use std::fmt;

use http::uri::PathAndQuery;
use http::{HeaderMap, HeaderName, Method, Uri};

use super::canonical_request::{canonical_request, SignedHeaders};
use super::redact::redact_presigned_uri;
use super::sign::{checked_scope, SigningOutput};
use super::signing_key::{KeyCache, KeyIdentity};
use super::string_to_sign::{credential_scope, sha256_hex, StringToSign, ALGORITHM};
use super::uri::push_query_parameter;
use super::{PresignExpiry, SessionTokenMode, SignedPayload, SigningError, SigningParams};

/// The signing name of Amazon S3. S3 presigned URLs sign the payload as
/// `UNSIGNED-PAYLOAD`, as the SDKs make them: the URL is handed to someone
/// who uploads a body the signer has not seen.
pub const S3_SIGNING_NAME: &str = "s3";

const X_AMZ_ALGORITHM: &str = "X-Amz-Algorithm";
const X_AMZ_CREDENTIAL: &str = "X-Amz-Credential";
const X_AMZ_DATE: &str = "X-Amz-Date";
const X_AMZ_SIGNED_HEADERS: &str = "X-Amz-SignedHeaders";
const X_AMZ_EXPIRES: &str = "X-Amz-Expires";
const X_AMZ_SECURITY_TOKEN: &str = "X-Amz-Security-Token";
const X_AMZ_SIGNATURE: &str = "X-Amz-Signature";

/// Every parameter query signing sets; a request whose query already has
/// one cannot be presigned (two values would make the signature ambiguous).
const ADDED_PARAMETERS: [&str; 7] = [
    X_AMZ_ALGORITHM,
    X_AMZ_CREDENTIAL,
    X_AMZ_DATE,
    X_AMZ_SIGNED_HEADERS,
    X_AMZ_EXPIRES,
    X_AMZ_SECURITY_TOKEN,
    X_AMZ_SIGNATURE,
];

/// Headers that query signing never signs: their values go in the query.
const QUERY_OWNED_HEADERS: [HeaderName; 2] = [
    HeaderName::from_static("x-amz-date"),
    HeaderName::from_static("x-amz-security-token"),
];

/// A presigned URI and what was signed to make it.
///
/// The URI is a credential until it expires: its `Debug` form shows it with
/// `X-Amz-Signature` and `X-Amz-Security-Token` redacted.
#[derive(Clone, PartialEq, Eq)]
pub struct PresignedUri {
    uri: Uri,
    expires_in: PresignExpiry,
    output: SigningOutput,
}

impl PresignedUri {
    /// The request URI with the signed query (scheme and authority as given).
    pub fn uri(&self) -> &Uri {
        &self.uri
    }

    /// The URI, leaving the rest.
    pub fn into_uri(self) -> Uri {
        self.uri
    }

    /// How long after the signing time the URI is valid.
    pub fn expires_in(&self) -> PresignExpiry {
        self.expires_in
    }

    /// The canonical request, string to sign and signature.
    pub fn output(&self) -> &SigningOutput {
        &self.output
    }
}

impl fmt::Debug for PresignedUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PresignedUri")
            .field("uri", &redact_presigned_uri(&self.uri.to_string()))
            .field("expires_in", &self.expires_in)
            .field("output", &self.output)
            .finish()
    }
}

/// Presigns a request with SigV4 query signing: the URI it returns carries
/// the signature, valid for `expires_in` from `params.time`.
///
/// `headers` are the headers the request will be sent with, `Host` included
/// (see [`host_header_value`](super::host_header_value())); every one of
/// them is signed except `authorization` and
/// [`SigningSettings::excluded_headers`](super::SigningSettings::excluded_headers),
/// so whoever sends the request must send the signed ones with the same
/// values. `x-amz-date` and `x-amz-security-token` are not signed as headers:
/// query signing puts them in the query. Nothing is added to the headers.
///
/// The payload is signed as given (its SHA-256, as the SigV4 suite's query
/// vectors expect), except for S3 ([`S3_SIGNING_NAME`]), whose presigned
/// requests are always `UNSIGNED-PAYLOAD`. A session token is signed in the
/// query unless the settings say
/// [`AddAfterSigning`](super::SessionTokenMode::AddAfterSigning), which
/// adds it to the query unsigned.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use awsgen_auth::{presign, Credentials, PresignExpiry, SignedPayload, SigningParams, SigningSettings};
/// use http::{HeaderMap, HeaderValue, Method, Uri};
///
/// let uri = Uri::from_static("https://examplebucket.s3.amazonaws.com/test.txt");
/// let mut headers = HeaderMap::new();
/// headers.insert(http::header::HOST, HeaderValue::from_static("examplebucket.s3.amazonaws.com"));
/// let credentials = Credentials::new("AKIDEXAMPLE", "secret", None, "example");
/// let settings = SigningSettings::default();
/// let params = SigningParams {
///     credentials: &credentials,
///     region: "us-east-1",
///     service: "s3",
///     time: SystemTime::now(),
///     settings: &settings,
/// };
/// let expiry = PresignExpiry::new(Duration::from_secs(3600))?;
/// let presigned = presign(&Method::GET, &uri, &headers, SignedPayload::Unsigned, &params, expiry)?;
/// let query = presigned.uri().query().unwrap_or_default();
/// assert!(query.starts_with("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F"));
/// assert!(query.contains("&X-Amz-Expires=3600&X-Amz-Signature="));
/// // Eight days is more than SigV4 allows.
/// assert!(PresignExpiry::new(Duration::from_secs(8 * 86_400)).is_err());
/// # Ok::<(), awsgen_auth::SigningError>(())
/// ```
pub fn presign(
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    payload: SignedPayload<'_>,
    params: &SigningParams<'_>,
    expires_in: PresignExpiry,
) -> Result<PresignedUri, SigningError> {
    let listed = headers.iter().map(|(name, value)| (name, value.as_bytes()));
    presign_listed(
        method,
        uri,
        listed,
        payload,
        params,
        expires_in,
        &KeyCache::default(),
    )
}

/// [`presign`] over listed headers, taking the derived key from `keys`.
pub(crate) fn presign_listed<'a>(
    method: &Method,
    uri: &Uri,
    headers: impl IntoIterator<Item = (&'a HeaderName, &'a [u8])>,
    payload: SignedPayload<'_>,
    params: &SigningParams<'_>,
    expires_in: PresignExpiry,
    keys: &KeyCache,
) -> Result<PresignedUri, SigningError> {
    let (date, access_key_id) = checked_scope(params)?;
    check_query_is_free(uri.query())?;
    let payload = if params.service == S3_SIGNING_NAME {
        SignedPayload::Unsigned
    } else {
        payload
    };
    let payload_hash = payload.hash();
    let settings = params.settings;
    let owned: [&HeaderName; 2] = [&QUERY_OWNED_HEADERS[0], &QUERY_OWNED_HEADERS[1]];
    let signed = SignedHeaders::select(headers, &owned, 0, settings)?;

    let scope = credential_scope(date.date(), params.region, params.service);
    let mut query = uri.query().unwrap_or_default().to_owned();
    push_query_parameter(&mut query, X_AMZ_ALGORITHM, ALGORITHM);
    push_query_parameter(
        &mut query,
        X_AMZ_CREDENTIAL,
        &format!("{access_key_id}/{scope}"),
    );
    push_query_parameter(&mut query, X_AMZ_DATE, &date.date_time);
    push_query_parameter(&mut query, X_AMZ_SIGNED_HEADERS, &signed.names());
    push_query_parameter(&mut query, X_AMZ_EXPIRES, &expires_in.as_secs().to_string());
    let before_token = query.len();
    if let Some((token, _)) = params.credentials.session_token_parts() {
        push_query_parameter(&mut query, X_AMZ_SECURITY_TOKEN, token);
    }
    let signed_query = match settings.session_token {
        SessionTokenMode::Include => query.as_str(),
        SessionTokenMode::AddAfterSigning => query.get(..before_token).unwrap_or_default(),
    };
    let canonical = canonical_request(
        method,
        uri.path(),
        Some(signed_query),
        &signed,
        payload_hash.as_str(),
        settings,
    )?;
    drop(signed);

    let canonical_hash = sha256_hex(canonical.text.as_bytes());
    let identity = KeyIdentity {
        secret: params.credentials.secret_access_key(),
        access_key_id,
        date: date.date(),
        region: params.region,
        service: params.service,
    };
    let (string_to_sign, signature) = keys.with_key(&identity, |key| {
        let string_to_sign = StringToSign::new(&date.date_time, &key.scope, canonical_hash);
        (string_to_sign.text(), string_to_sign.signature(&key.key))
    });
    push_query_parameter(&mut query, X_AMZ_SIGNATURE, signature.as_str());
    let uri = with_query(uri, &query)?;
    Ok(PresignedUri {
        uri,
        expires_in,
        output: SigningOutput::new(canonical.text, string_to_sign, signature),
    })
}

/// Refuses a query that already names a parameter query signing adds
/// (compared without regard to case, as the services read them).
fn check_query_is_free(query: Option<&str>) -> Result<(), SigningError> {
    let Some(query) = query else {
        return Ok(());
    };
    for pair in query.split('&') {
        let name = pair.split_once('=').map_or(pair, |(name, _)| name);
        if let Some(taken) = ADDED_PARAMETERS
            .iter()
            .find(|added| added.eq_ignore_ascii_case(name))
        {
            return Err(SigningError::QueryParameterTaken { name: taken });
        }
    }
    Ok(())
}

/// `uri` with its query replaced by `query`.
fn with_query(uri: &Uri, query: &str) -> Result<Uri, SigningError> {
    let invalid = |reason: String| SigningError::PresignedUri { reason };
    let path_and_query = PathAndQuery::try_from(format!("{}?{query}", uri.path()))
        .map_err(|error| invalid(error.to_string()))?;
    let mut parts = uri.clone().into_parts();
    parts.path_and_query = Some(path_and_query);
    Uri::from_parts(parts).map_err(|error| invalid(error.to_string()))
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    use http::header::HOST;
    use http::HeaderValue;

    use super::*;
    use crate::{Credentials, SigningSettings, REDACTED};

    const AUGUST_30_2015: u64 = 1_440_938_160; // 2015-08-30T12:36:00Z

    fn presigned(
        uri: &str,
        service: &str,
        credentials: &Credentials,
        payload: SignedPayload<'_>,
    ) -> Result<PresignedUri, SigningError> {
        let mut headers = HeaderMap::new();
        headers.insert(HOST, HeaderValue::from_static("example.amazonaws.com"));
        let settings = SigningSettings::default();
        let params = SigningParams {
            credentials,
            region: "us-east-1",
            service,
            time: UNIX_EPOCH + Duration::from_secs(AUGUST_30_2015),
            settings: &settings,
        };
        let uri: Uri = uri.parse().map_err(|_| SigningError::MissingHost)?;
        presign(
            &Method::PUT,
            &uri,
            &headers,
            payload,
            &params,
            PresignExpiry::new(Duration::from_secs(900))?,
        )
    }

    fn credentials(token: Option<&str>) -> Credentials {
        Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            token.map(str::to_owned),
            "test",
        )
    }

    #[test]
    fn s3_signs_an_unsigned_payload_and_others_the_body() -> Result<(), SigningError> {
        let body: &[u8] = b"some upload";
        let s3 = presigned(
            "https://b.s3.amazonaws.com/k",
            "s3",
            &credentials(None),
            body.into(),
        )?;
        assert!(
            s3.output()
                .canonical_request
                .ends_with("\nUNSIGNED-PAYLOAD"),
            "{}",
            s3.output().canonical_request
        );
        let other = presigned(
            "https://example.amazonaws.com/",
            "service",
            &credentials(None),
            body.into(),
        )?;
        let body_hash = sha256_hex(body);
        assert!(other
            .output()
            .canonical_request
            .ends_with(&format!("\n{}", body_hash.as_str())));
        Ok(())
    }

    #[test]
    fn the_uri_keeps_its_query_and_ends_with_the_signature() -> Result<(), SigningError> {
        let signed = presigned(
            "https://example.amazonaws.com/a/b?x=1",
            "service",
            &credentials(None),
            SignedPayload::Unsigned,
        )?;
        let query = signed.uri().query().unwrap_or_default();
        assert!(
            query.starts_with("x=1&X-Amz-Algorithm=AWS4-HMAC-SHA256&"),
            "{query}"
        );
        assert!(query.contains("&X-Amz-Expires=900&"), "{query}");
        assert!(
            query.ends_with(&format!("&X-Amz-Signature={}", signed.output().signature())),
            "{query}"
        );
        assert_eq!(signed.uri().host(), Some("example.amazonaws.com"));
        assert_eq!(signed.uri().path(), "/a/b");
        Ok(())
    }

    #[test]
    fn debug_redacts_signature_and_session_token() -> Result<(), SigningError> {
        let signed = presigned(
            "https://example.amazonaws.com/",
            "service",
            &credentials(Some("SESSION-TOKEN-VALUE")),
            SignedPayload::Unsigned,
        )?;
        assert!(signed
            .uri()
            .query()
            .unwrap_or_default()
            .contains("SESSION-TOKEN-VALUE"));
        let debug = format!("{signed:?}");
        assert!(!debug.contains("SESSION-TOKEN-VALUE"), "{debug}");
        assert!(!debug.contains(signed.output().signature()), "{debug}");
        assert!(debug.contains(REDACTED), "{debug}");
        assert!(debug.contains("X-Amz-Expires=900"), "{debug}");
        Ok(())
    }

    #[test]
    fn a_query_with_a_signing_parameter_is_refused_by_name() {
        match presigned(
            "https://example.amazonaws.com/?x-amz-signature=old",
            "service",
            &credentials(None),
            SignedPayload::Unsigned,
        ) {
            Err(SigningError::QueryParameterTaken { name }) => assert_eq!(name, "X-Amz-Signature"),
            other => panic!("expected QueryParameterTaken, got {other:?}"),
        }
    }

    #[test]
    fn the_signing_time_must_be_after_1970() {
        let settings = SigningSettings::default();
        let credentials = credentials(None);
        let params = SigningParams {
            credentials: &credentials,
            region: "us-east-1",
            service: "service",
            time: SystemTime::UNIX_EPOCH - Duration::from_secs(1),
            settings: &settings,
        };
        let mut headers = HeaderMap::new();
        headers.insert(HOST, HeaderValue::from_static("h"));
        let result = PresignExpiry::new(Duration::from_secs(60)).and_then(|expiry| {
            presign(
                &Method::GET,
                &Uri::from_static("/"),
                &headers,
                SignedPayload::Unsigned,
                &params,
                expiry,
            )
        });
        assert!(
            matches!(result, Err(SigningError::TimeOutOfRange { .. })),
            "{result:?}"
        );
    }
}
