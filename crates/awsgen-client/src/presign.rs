//! Presigning: an operation's request signed in its URL (SigV4 query
//! signing) instead of sent, through the same endpoint resolution,
//! serialization, credentials and clock as a call.

use std::time::{Duration, SystemTime};

use awsgen_auth::{PresignExpiry, SigningParams, S3_SIGNING_NAME};
use awsgen_types::{Auth, Operation};
use http::header::HOST;

use crate::client::{within, Client};
use crate::credentials::Lookup;
use crate::error::{ConfigError, InvalidRequest, PresignError, TimeoutKind};
use crate::presigned_request::PresignedRequest;
use crate::request::Unprepared;

/// How to presign: for now, how long the request stays valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PresignOptions {
    expires_in: Duration,
}

impl PresignOptions {
    /// Valid for `expires_in` from the signing time. SigV4 allows whole
    /// seconds from 1 s to 7 days (604800 s); anything else makes
    /// [`Client::presign`] fail with an error naming the value and the
    /// bounds. Credentials expire too: a URL signed with temporary
    /// credentials stops working when they do, whatever its expiry.
    pub fn expires_in(expires_in: Duration) -> Self {
        Self { expires_in }
    }

    /// The expiry asked for.
    pub fn expiry(&self) -> Duration {
        self.expires_in
    }
}

impl From<Unprepared> for PresignError {
    fn from(unprepared: Unprepared) -> Self {
        match unprepared {
            Unprepared::Config(error) => PresignError::InvalidConfig(error),
            Unprepared::Request(error) => PresignError::InvalidRequest(error),
        }
    }
}

impl Client {
    /// Presigns operation `O` with `input` instead of calling it: the
    /// request a call would send first (same endpoint, serialization,
    /// idempotency token, credentials, and the clock corrected for the skew
    /// the client has learned), signed in its query for
    /// `options`' expiry, for someone else to send.
    ///
    /// Nothing is sent. See [`PresignedRequest`] for what its sender must
    /// send: the method and URI as they are, the listed headers, and the
    /// body the signature covers (any body for S3, whose presigned requests
    /// sign `UNSIGNED-PAYLOAD` as the SDKs do; for other services exactly
    /// the serialized body, since the signature covers its hash).
    ///
    /// ```no_run
    /// # async fn example(client: awsgen_client::Client, input: ecr_types::DescribeImageScanFindingsRequest) -> Result<(), Box<dyn std::error::Error>> {
    /// use std::time::Duration;
    /// use awsgen_client::PresignOptions;
    ///
    /// let presigned = client
    ///     .presign::<ecr_types::DescribeImageScanFindings>(input, PresignOptions::expires_in(Duration::from_secs(900)))
    ///     .await?;
    /// println!("{} {}", presigned.method(), presigned.uri());
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// Fails for an operation sent unsigned, an expiry outside 1 s to 7
    /// days, and whatever would stop a call before it sends (endpoint,
    /// input, credentials).
    pub async fn presign<O: Operation>(
        &self,
        input: O::Input,
        options: PresignOptions,
    ) -> Result<PresignedRequest, PresignError> {
        // Credential sources wait on Tokio's timers and blocking threads.
        if tokio::runtime::Handle::try_current().is_err() {
            return Err(PresignError::InvalidConfig(ConfigError::NoRuntime));
        }
        if O::AUTH != Auth::SigV4 {
            return Err(PresignError::Unsigned {
                service: O::SERVICE.sdk_id,
                operation: O::NAME,
            });
        }
        let expiry = PresignExpiry::new(options.expires_in)
            .map_err(|error| PresignError::InvalidRequest(InvalidRequest::Signing(error)))?;
        let parts = self.parts();
        let deadline = parts.timeouts.operation().and_then(|limit| {
            let at = tokio::time::Instant::now().checked_add(limit)?;
            Some((at, TimeoutKind::Operation(limit)))
        });
        let mut prepared = self.prepare_request::<O>(input)?;
        let service = O::SERVICE.signing_name;
        // S3 signs no payload here, so its stream is not read for a hash.
        if prepared.streams() && service != S3_SIGNING_NAME {
            Box::pin(prepared.settle_stream(O::CHECKSUM_REQUIRED, O::BODY_CHECKSUM))
                .await
                .map_err(PresignError::RequestPayload)?;
        }
        let now = SystemTime::now();
        let credentials = match parts.credentials.lookup(now) {
            Lookup::Hit(credentials) => credentials,
            Lookup::Refresh(refresh) => within(deadline, refresh)
                .await
                .map_err(PresignError::Timeout)?
                .map_err(PresignError::Credentials)?,
        };
        let (signer, settings) = self.signer();
        let signed_at = self.service_time(now);
        let params = SigningParams {
            credentials: &credentials,
            region: parts.region.as_str(),
            service,
            time: signed_at,
            settings,
        };
        let mut headers = prepared.presigned_headers();
        let presigned = signer
            .presign(
                prepared.method(),
                prepared.uri(),
                &headers,
                prepared.signed_payload(),
                &params,
                expiry,
            )
            .map_err(|error| PresignError::InvalidRequest(InvalidRequest::Signing(error)))?;
        // Signed, but the sender's HTTP stack writes it from the URI.
        headers.remove(HOST);
        Ok(PresignedRequest {
            method: prepared.method().clone(),
            uri: presigned.into_uri(),
            headers,
            body: prepared.body_bytes().cloned(),
            signed_at,
            expires_in: expiry.as_duration(),
        })
    }
}
