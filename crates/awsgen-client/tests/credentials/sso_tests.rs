//! IAM Identity Center (SSO) against a fake portal and a fake SSO-OIDC
//! service on loopback: a cached token used, an expired one refreshed and
//! written back, an expired one without a refresh token giving the
//! `aws sso login` advice, the legacy form.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use awsgen_client::CredentialsError;
use serde_json::Value;

use crate::fake::{Answer, FakeServer, Seen};
use crate::support::*;

const ACCESS_TOKEN: &str = "SSOACCESSTOKENSECRET";
const NEW_ACCESS_TOKEN: &str = "NEWSSOACCESSTOKENSECRET";
const REFRESH_TOKEN: &str = "SSOREFRESHTOKENSECRET";
const CLIENT_SECRET: &str = "SSOCLIENTSECRET";
/// SHA-1 of "corp", the session name, as the AWS CLI names the file.
const SESSION_CACHE: &str = ".aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json";
const START_URL: &str = "https://corp.awsapps.com/start";

/// The portal: credentials for a known access token, 401 otherwise.
async fn portal() -> FakeServer {
    FakeServer::start(|seen: &Seen| {
        let token = seen.header("x-amz-sso_bearer_token").unwrap_or_default();
        if seen.path() != "/federation/credentials"
            || ![ACCESS_TOKEN, NEW_ACCESS_TOKEN].contains(&token)
        {
            return Answer::new(401, r#"{"message":"Session token not found or invalid"}"#)
                .header("x-amzn-errortype", "UnauthorizedException")
                .header("content-type", "application/json");
        }
        let expiration = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_millis()
            + 3_600_000;
        let key = if token == NEW_ACCESS_TOKEN { "AKIDSSONEW" } else { "AKIDSSO" };
        Answer::ok(format!(
            r#"{{"roleCredentials":{{"accessKeyId":"{key}","secretAccessKey":"{SECRET}","sessionToken":"{SESSION_TOKEN}","expiration":{expiration}}}}}"#
        ))
        .header("content-type", "application/json")
    })
    .await
}

/// SSO-OIDC: a new token for the known refresh token.
async fn oidc(calls: Arc<AtomicU32>) -> FakeServer {
    FakeServer::start(move |seen: &Seen| {
        calls.fetch_add(1, Ordering::SeqCst);
        let body: Value = serde_json::from_slice(&seen.body).unwrap_or_default();
        if seen.path() != "/token"
            || body["grantType"] != "refresh_token"
            || body["refreshToken"] != REFRESH_TOKEN
            || body["clientSecret"] != CLIENT_SECRET
        {
            return Answer::new(400, r#"{"error":"invalid_grant"}"#)
                .header("x-amzn-errortype", "InvalidGrantException")
                .header("content-type", "application/json");
        }
        Answer::ok(format!(
            r#"{{"accessToken":"{NEW_ACCESS_TOKEN}","tokenType":"Bearer","expiresIn":28800,"refreshToken":"{REFRESH_TOKEN}-2"}}"#
        ))
        .header("content-type", "application/json")
    })
    .await
}

fn session_config(home: &Home) {
    home.write(
        ".aws/config",
        &format!(
            "[profile work]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n\
             [sso-session corp]\nsso_start_url = {START_URL}\nsso_region = eu-west-1\n"
        ),
    );
}

fn token_document(expires: SystemTime, refresh: bool) -> String {
    let refresh = if refresh {
        format!(
            r#","clientId":"client-1","clientSecret":"{CLIENT_SECRET}","registrationExpiresAt":"{}","refreshToken":"{REFRESH_TOKEN}""#,
            rfc3339(SystemTime::now() + Duration::from_secs(86_400))
        )
    } else {
        String::new()
    };
    format!(
        r#"{{"startUrl":"{START_URL}","region":"eu-west-1","accessToken":"{ACCESS_TOKEN}","expiresAt":"{}"{refresh}}}"#,
        rfc3339(expires)
    )
}

fn env(home: &Home, portal: &FakeServer, oidc: &FakeServer) -> awsgen_client::Environment {
    home.env(&[
        ("AWS_PROFILE", "work"),
        ("AWS_ENDPOINT_URL_SSO", &portal.endpoint()),
        ("AWS_ENDPOINT_URL_SSO_OIDC", &oidc.endpoint()),
    ])
}

#[tokio::test]
async fn a_cached_token_is_exchanged_for_the_role_credentials() {
    bounded(Duration::from_secs(10), async {
        let (portal, calls) = (portal().await, Arc::new(AtomicU32::new(0)));
        let oidc = oidc(Arc::clone(&calls)).await;
        let home = Home::new();
        session_config(&home);
        home.write(
            SESSION_CACHE,
            &token_document(SystemTime::now() + Duration::from_secs(3600), true),
        );
        let credentials = resolve(&env(&home, &portal, &oidc)).await.unwrap();
        assert_eq!(credentials.access_key_id(), "AKIDSSO");
        assert_eq!(credentials.session_token(), Some(SESSION_TOKEN));
        assert_eq!(credentials.provider_name(), "sso");
        assert!(credentials.expiry().is_some());
        let seen = portal.requests();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].method, "GET");
        assert!(
            seen[0].target.contains("role_name=Dev"),
            "{}",
            seen[0].target
        );
        assert!(
            seen[0].target.contains("account_id=111122223333"),
            "{}",
            seen[0].target
        );
        // Unsigned: the token is the authorization.
        assert!(seen[0].header("authorization").is_none());
        assert_eq!(calls.load(Ordering::SeqCst), 0);
    })
    .await;
}

#[tokio::test]
async fn an_expired_token_is_refreshed_and_written_back() {
    bounded(Duration::from_secs(10), async {
        let (portal, calls) = (portal().await, Arc::new(AtomicU32::new(0)));
        let oidc = oidc(Arc::clone(&calls)).await;
        let home = Home::new();
        session_config(&home);
        let cache = home.write(
            SESSION_CACHE,
            &token_document(SystemTime::now() - Duration::from_secs(60), true),
        );
        let credentials = resolve(&env(&home, &portal, &oidc)).await.unwrap();
        assert_eq!(credentials.access_key_id(), "AKIDSSONEW");
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        let written: Value =
            serde_json::from_str(&std::fs::read_to_string(&cache).unwrap()).unwrap();
        assert_eq!(written["accessToken"], NEW_ACCESS_TOKEN);
        assert_eq!(written["refreshToken"], format!("{REFRESH_TOKEN}-2"));
        // The other members are kept.
        assert_eq!(written["startUrl"], START_URL);
        assert_eq!(written["clientId"], "client-1");
        let expires = written["expiresAt"].as_str().unwrap();
        assert!(
            expires > rfc3339(SystemTime::now() + Duration::from_secs(28_000)).as_str(),
            "{expires}"
        );
        // Nothing left over from the atomic write.
        let leftovers: Vec<_> = std::fs::read_dir(cache.parent().unwrap())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&cache).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let oidc_body = String::from_utf8(oidc.requests()[0].body.to_vec()).unwrap();
        assert!(
            oidc_body.contains(r#""grantType":"refresh_token""#),
            "{oidc_body}"
        );
    })
    .await;
}

#[tokio::test]
async fn an_expired_token_without_a_refresh_token_asks_to_sign_in_again() {
    bounded(Duration::from_secs(10), async {
        let (portal, calls) = (portal().await, Arc::new(AtomicU32::new(0)));
        let oidc = oidc(Arc::clone(&calls)).await;
        let home = Home::new();
        session_config(&home);
        home.write(
            SESSION_CACHE,
            &token_document(SystemTime::now() - Duration::from_secs(60), false),
        );
        let error = resolve(&env(&home, &portal, &oidc)).await.unwrap_err();
        assert!(
            matches!(error, CredentialsError::SsoLoginRequired { .. }),
            "{error:?}"
        );
        let message = error.to_string();
        assert!(
            message.contains("the cached SSO access token for SSO session `corp` expired at"),
            "{message}"
        );
        assert!(
            message.ends_with("run `aws sso login --profile work` to sign in again"),
            "{message}"
        );
        assert_eq!(calls.load(Ordering::SeqCst), 0);
        assert!(portal.requests().is_empty());
    })
    .await;
}

#[tokio::test]
async fn a_refused_refresh_or_a_missing_cache_asks_to_sign_in_again() {
    bounded(Duration::from_secs(10), async {
        let (portal, calls) = (portal().await, Arc::new(AtomicU32::new(0)));
        let oidc = oidc(Arc::clone(&calls)).await;
        let home = Home::new();
        session_config(&home);
        let message = resolve(&env(&home, &portal, &oidc))
            .await
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("no cached SSO access token for SSO session `corp`"),
            "{message}"
        );
        assert!(
            message.contains("aws sso login --profile work"),
            "{message}"
        );

        let stale = token_document(SystemTime::now() - Duration::from_secs(60), true)
            .replace(REFRESH_TOKEN, "REVOKED");
        home.write(SESSION_CACHE, &stale);
        let error = resolve(&env(&home, &portal, &oidc)).await.unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains("refreshing it failed: SSO-OIDC CreateToken in eu-west-1"),
            "{message}"
        );
        assert!(
            message.contains("aws sso login --profile work"),
            "{message}"
        );
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    })
    .await;
}

#[tokio::test]
async fn the_legacy_form_reads_the_cache_by_start_url() {
    bounded(Duration::from_secs(10), async {
        let (portal, calls) = (portal().await, Arc::new(AtomicU32::new(0)));
        let oidc = oidc(Arc::clone(&calls)).await;
        let home = Home::new();
        home.write(
            ".aws/config",
            &format!(
                "[profile work]\nsso_start_url = {START_URL}\nsso_region = eu-west-1\n\
                 sso_account_id = 111122223333\nsso_role_name = Dev\n"
            ),
        );
        let cache = sha1_name(START_URL);
        home.write(
            &format!(".aws/sso/cache/{cache}.json"),
            &token_document(SystemTime::now() + Duration::from_secs(3600), false),
        );
        let credentials = resolve(&env(&home, &portal, &oidc)).await.unwrap();
        assert_eq!(credentials.access_key_id(), "AKIDSSO");

        // Expired: no refresh in the legacy form, the advice instead.
        home.write(
            &format!(".aws/sso/cache/{cache}.json"),
            &token_document(SystemTime::now() - Duration::from_secs(1), true),
        );
        let message = resolve(&env(&home, &portal, &oidc))
            .await
            .unwrap_err()
            .to_string();
        assert!(
            message.contains(&format!("SSO start URL {START_URL}")),
            "{message}"
        );
        assert!(
            message.contains("aws sso login --profile work"),
            "{message}"
        );
        assert_eq!(calls.load(Ordering::SeqCst), 0);
    })
    .await;
}

#[tokio::test]
async fn a_token_the_portal_refuses_asks_to_sign_in_again() {
    bounded(Duration::from_secs(10), async {
        let (portal, calls) = (portal().await, Arc::new(AtomicU32::new(0)));
        let oidc = oidc(calls).await;
        let home = Home::new();
        session_config(&home);
        let document = token_document(SystemTime::now() + Duration::from_secs(3600), true)
            .replace(ACCESS_TOKEN, "SSOACCESSTOKENSECRET-REVOKED");
        home.write(SESSION_CACHE, &document);
        let error = resolve(&env(&home, &portal, &oidc)).await.unwrap_err();
        assert!(
            matches!(error, CredentialsError::SsoLoginRequired { .. }),
            "{error:?}"
        );
        assert!(
            error
                .to_string()
                .contains("refused the cached access token"),
            "{error}"
        );
    })
    .await;
}

/// The cache file name of a key: the SHA-1 in hex, as the AWS CLI writes it.
fn sha1_name(key: &str) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, key.as_bytes());
    digest
        .as_ref()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}
