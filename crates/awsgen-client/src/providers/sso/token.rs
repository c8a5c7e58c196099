//! The SSO token cache that `aws sso login` writes:
//! `~/.aws/sso/cache/<SHA-1 of the session name, or of the start URL for the
//! legacy form>.json`, a JSON object with `accessToken` and `expiresAt`, and
//! for sessions (`[sso-session]`) the registered client (`clientId`,
//! `clientSecret`, `registrationExpiresAt`) and a `refreshToken`.
//!
//! A token with more than [`REFRESH_WINDOW`] left is used as it is. Closer
//! to its expiry, a session's token is refreshed with SSO-OIDC `CreateToken`
//! (grant `refresh_token`) and the new one written back atomically (a
//! temporary file in the same directory, renamed over the old), keeping
//! every other member; if the refresh fails, a token not yet expired is
//! still used. An expired token that cannot be refreshed (the legacy form,
//! no refresh token, an expired client registration, a refused refresh)
//! asks the user to sign in again.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use awsgen_auth::credentials::SsoSource;
use awsgen_auth::{CredentialsError, Environment};
use awsgen_types::{DateTime, TimestampFormat};
use serde_json::{Map, Value};

use super::oidc_api::{CreateToken, CreateTokenRequest};
use super::Secret;
use crate::providers::blocking;
use crate::providers::chain::ProviderContext;
use crate::providers::json;

/// A token with less than this left is refreshed (aws-config's and
/// botocore's window).
const REFRESH_WINDOW: Duration = Duration::from_secs(5 * 60);

/// What the cache says of a token.
struct CachedToken {
    document: Map<String, Value>,
    access_token: Secret,
    expires_at: SystemTime,
    refresh: Option<Refresh>,
}

/// What a refresh needs.
struct Refresh {
    client_id: String,
    client_secret: Secret,
    refresh_token: Secret,
}

/// "session `corp`" or "start URL https://...": what the token belongs to.
pub(super) fn describe(source: &SsoSource) -> String {
    match &source.session {
        Some(session) => format!("SSO session `{session}`"),
        None => format!("SSO start URL {}", source.start_url),
    }
}

/// The cache file for a session name or start URL.
pub(super) fn cache_path(env: &Environment, key: &str) -> Option<PathBuf> {
    let digest = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, key.as_bytes());
    let name: String = digest
        .as_ref()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    Some(
        env.home_dir()?
            .join(".aws")
            .join("sso")
            .join("cache")
            .join(format!("{name}.json")),
    )
}

/// An access token to call the portal with.
pub(super) async fn access_token(
    context: &ProviderContext,
    env: &Environment,
    source: &SsoSource,
) -> Result<Secret, CredentialsError> {
    let login = |reason: String| CredentialsError::SsoLoginRequired {
        profile: source.profile.clone(),
        reason,
    };
    let what = describe(source);
    let Some(path) = cache_path(env, source.cache_key()) else {
        return Err(login(format!(
            "no cached SSO access token for {what}: no home directory (HOME) to find ~/.aws/sso/cache in"
        )));
    };
    let token = {
        let path = path.clone();
        blocking(move || read(&path)).await?
    };
    let token = match token {
        Ok(Some(token)) => token,
        Ok(None) => {
            return Err(login(format!(
                "no cached SSO access token for {what} ({} not found)",
                path.display()
            )))
        }
        Err(problem) => {
            return Err(login(format!(
                "the cached SSO token {} {problem}",
                path.display()
            )))
        }
    };
    let now = SystemTime::now();
    if now + REFRESH_WINDOW < token.expires_at {
        return Ok(token.access_token);
    }
    let expired_at = DateTime::from(token.expires_at).fmt(TimestampFormat::DateTime);
    let refresh = match (&source.session, &token.refresh) {
        (Some(_), Some(refresh)) => Some(refresh),
        _ => None,
    };
    let failure = match refresh {
        Some(refresh) => {
            match refreshed(context, source, refresh, token.document.clone(), &path).await {
                Ok(access_token) => return Ok(access_token),
                Err(failure) => Some(failure),
            }
        }
        None => None,
    };
    if now < token.expires_at {
        return Ok(token.access_token);
    }
    Err(login(match failure {
        Some(failure) => format!(
            "the cached SSO access token for {what} expired at {expired_at} and refreshing it failed: {failure}"
        ),
        None => format!("the cached SSO access token for {what} expired at {expired_at}"),
    }))
}

/// Reads the cache file: `None` when there is none, `Err` with what is wrong
/// (never a value).
fn read(path: &Path) -> Result<Option<CachedToken>, String> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(format!("cannot be read: {error}")),
    };
    let document = json::object(&bytes)?;
    let required = |key: &str| {
        json::string(&document, key)?
            .filter(|text| !text.trim().is_empty())
            .map(str::to_owned)
            .ok_or_else(|| format!("has no `{key}`"))
    };
    let access_token = Secret(required("accessToken")?);
    let expires_at = json::time(&required("expiresAt")?, "expiresAt")?;
    let optional = |key: &str| -> Result<Option<String>, String> {
        Ok(json::string(&document, key)?
            .filter(|text| !text.trim().is_empty())
            .map(str::to_owned))
    };
    let registration_valid = match optional("registrationExpiresAt")? {
        Some(text) => SystemTime::now() < json::time(&text, "registrationExpiresAt")?,
        None => true,
    };
    let refresh = match (
        optional("clientId")?,
        optional("clientSecret")?,
        optional("refreshToken")?,
    ) {
        (Some(client_id), Some(client_secret), Some(refresh_token)) if registration_valid => {
            Some(Refresh {
                client_id,
                client_secret: Secret(client_secret),
                refresh_token: Secret(refresh_token),
            })
        }
        _ => None,
    };
    Ok(Some(CachedToken {
        document,
        access_token,
        expires_at,
        refresh,
    }))
}

/// `CreateToken` with the refresh token; the new token is written back.
async fn refreshed(
    context: &ProviderContext,
    source: &SsoSource,
    refresh: &Refresh,
    mut document: Map<String, Value>,
    path: &Path,
) -> Result<Secret, String> {
    let client = (context.service_clients)(&source.region, None)
        .map_err(|error| format!("no client for SSO-OIDC: {error}"))?;
    let request = CreateTokenRequest::new(
        refresh.client_id.as_str(),
        refresh.client_secret.0.as_str(),
        "refresh_token",
    )
    .with_refresh_token(refresh.refresh_token.0.as_str());
    let output = client
        .call::<CreateToken>(request)
        .await
        .map_err(|error| format!("SSO-OIDC CreateToken in {}: {error}", source.region))?;
    let access_token = output
        .access_token
        .filter(|token| !token.is_empty())
        .ok_or("SSO-OIDC CreateToken gave no access token")?;
    let lifetime = u64::try_from(output.expires_in)
        .ok()
        .filter(|&seconds| seconds > 0)
        .ok_or("SSO-OIDC CreateToken gave no expiry")?;
    let expires_at = SystemTime::now() + Duration::from_secs(lifetime);
    document.insert(
        "accessToken".to_owned(),
        Value::String(access_token.clone()),
    );
    document.insert(
        "expiresAt".to_owned(),
        Value::String(DateTime::from(expires_at).fmt(TimestampFormat::DateTime)),
    );
    if let Some(refresh_token) = output.refresh_token.filter(|token| !token.is_empty()) {
        document.insert("refreshToken".to_owned(), Value::String(refresh_token));
    }
    let path = path.to_path_buf();
    // A token that cannot be written back still serves this refresh; the
    // next one refreshes again.
    let _ = blocking(move || write_atomically(&path, &Value::Object(document))).await;
    Ok(Secret(access_token))
}

/// Writes `document` to `path` through a temporary file in the same
/// directory, renamed over it, so a reader never sees half a token (and on
/// Unix readable by the owner only, as the CLI writes it).
fn write_atomically(path: &Path, document: &Value) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let temporary = dir.join(format!(
        ".{}.{}.{}.tmp",
        path.file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("token"),
        std::process::id(),
        fastrand::u64(..)
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let written = (|| {
        let mut file = options.open(&temporary)?;
        file.write_all(&serde_json::to_vec_pretty(document).map_err(std::io::Error::other)?)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_file_is_named_by_the_sha1_of_the_session_or_start_url() {
        let env = Environment::from_vars([("HOME", "/home/me")]);
        // The AWS CLI's names: the SHA-1 of the session name or start URL in hex.
        assert_eq!(
            cache_path(&env, "my-sso").unwrap(),
            Path::new("/home/me/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json")
        );
        assert_eq!(
            cache_path(&env, "https://d-abc123.awsapps.com/start").unwrap(),
            Path::new("/home/me/.aws/sso/cache/40a89917e3175433e361b710a9d43528d7f1890a.json")
        );
        assert!(cache_path(&Environment::default(), "x").is_none());
    }
}
