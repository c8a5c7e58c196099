//! [`AssumeRoles`] over the client: `AssumeRole` and
//! `AssumeRoleWithWebIdentity`, generated into `api.rs` from this crate's
//! `models/sts/`, sent to STS's regional endpoint through the chain's
//! connector and endpoint settings (`AWS_ENDPOINT_URL_STS` applies).
//! `AssumeRole` is signed with the hop's source credentials;
//! `AssumeRoleWithWebIdentity` is generated unsigned (`unsigned_operations`
//! in `codegen.json`), since its caller has no credentials yet.

use std::fmt;
use std::time::SystemTime;

use awsgen_auth::{Credentials, CredentialsError, CredentialsFuture};
use awsgen_types::DateTime;

use super::api::{
    self, AssumeRoleRequest, AssumeRoleWithWebIdentityError, AssumeRoleWithWebIdentityRequest,
};
use super::{AssumeRole, AssumeRoles, WebIdentity};
use crate::providers::ServiceClients;

/// The region whose endpoint is called when neither the environment nor
/// the profile names one: STS's first region, as the SDKs fall back to.
const FALLBACK_REGION: &str = "us-east-1";

/// STS through the client; `clients` makes one per call, for the region
/// and the credentials the call is signed with.
pub(crate) struct StsService {
    clients: ServiceClients,
}

impl StsService {
    pub(crate) fn new(clients: ServiceClients) -> Self {
        StsService { clients }
    }
}

impl fmt::Debug for StsService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StsService")
    }
}

impl AssumeRoles for StsService {
    fn assume_role<'a>(&'a self, request: AssumeRole<'a>) -> CredentialsFuture<'a> {
        Box::pin(async move {
            let region = request.region.unwrap_or(FALLBACK_REGION);
            let role = format!(
                "{} (role_arn of profile `{}`)",
                request.hop.role_arn, request.hop.profile
            );
            let fail = failure("AssumeRole", &role, region);
            let client = (self.clients)(region, Some(request.source.clone()))
                .map_err(|error| fail(format!("no client for it: {error}")))?;
            let mut input =
                AssumeRoleRequest::new(request.hop.role_arn.as_str(), request.session_name);
            input.external_id = request.hop.external_id.clone();
            input.duration_seconds = request
                .hop
                .duration_seconds
                .map(|seconds| i32::try_from(seconds).unwrap_or(i32::MAX));
            let output = client
                .call::<api::AssumeRole>(input)
                .await
                .map_err(|error| fail(error.to_string()))?;
            credentials(output.credentials, "assume-role").map_err(fail)
        })
    }

    fn assume_role_with_web_identity<'a>(
        &'a self,
        request: WebIdentity<'a>,
    ) -> CredentialsFuture<'a> {
        Box::pin(async move {
            let region = request.region.unwrap_or(FALLBACK_REGION);
            let role = match request.profile {
                Some(profile) => format!(
                    "{} (web_identity_token_file of profile `{profile}`)",
                    request.role_arn
                ),
                None => format!("{} (AWS_ROLE_ARN)", request.role_arn),
            };
            let fail = failure("AssumeRoleWithWebIdentity", &role, region);
            let client = (self.clients)(region, None)
                .map_err(|error| fail(format!("no client for it: {error}")))?;
            let input = AssumeRoleWithWebIdentityRequest::new(
                request.role_arn,
                request.session_name,
                request.token.0,
            );
            let output = match client.call::<api::AssumeRoleWithWebIdentity>(input).await {
                Ok(output) => output,
                Err(error) => {
                    let hint = match error.as_service() {
                        Some(AssumeRoleWithWebIdentityError::ExpiredTokenException(_)) => {
                            " (the token in the file has expired; whoever writes it has not renewed it)"
                        }
                        _ => "",
                    };
                    return Err(fail(format!("{error}{hint}")));
                }
            };
            credentials(output.credentials, "web-identity").map_err(fail)
        })
    }
}

/// How a failed call reads: the operation, the role and the endpoint's
/// region, then what went wrong (the service's code and message, or the
/// transport's error). Never a key or token: the client's errors carry
/// neither.
fn failure<'a>(
    operation: &'a str,
    role_arn: &'a str,
    region: &'a str,
) -> impl Fn(String) -> CredentialsError + 'a {
    move |message| CredentialsError::Provider {
        source_name: format!("AWS STS {operation} of role {role_arn} (STS in {region})"),
        message,
    }
}

/// The answer's credentials, with their expiry.
fn credentials(
    answer: Option<api::Credentials>,
    provider: &'static str,
) -> Result<Credentials, String> {
    let answer = answer.ok_or_else(|| "its answer has no Credentials".to_owned())?;
    if answer.access_key_id.is_empty() || answer.secret_access_key.is_empty() {
        return Err("its answer lacks the access key ID or the secret access key".to_owned());
    }
    let expiry =
        expiry(answer.expiration).ok_or_else(|| "its answer has no valid Expiration".to_owned())?;
    let session_token = Some(answer.session_token).filter(|token| !token.is_empty());
    Ok(Credentials::new(
        answer.access_key_id,
        answer.secret_access_key,
        session_token,
        provider,
    )
    .with_expiry(expiry))
}

/// `Expiration` as a point in time; the zero a missing one reads as is none.
fn expiry(expiration: DateTime) -> Option<SystemTime> {
    (expiration.secs() > 0)
        .then(|| SystemTime::try_from(expiration).ok())
        .flatten()
}
