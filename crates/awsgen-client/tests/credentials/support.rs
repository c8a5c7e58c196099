//! What the tests share: a temporary home directory, an environment that
//! sees only it, the secrets no output may show, and a client that calls a
//! fake service with the chain's credentials.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime};

use awsgen_client::{Credentials, CredentialsError, DefaultChain, Environment, ProvideCredentials};
use awsgen_types::{DateTime, TimestampFormat};

use crate::fake::{Answer, FakeServer};

pub const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
pub const SESSION_TOKEN: &str = "SESSIONTOKENSECRET0123456789";

/// Every secret a test hands out; none may appear in any output.
pub const SECRETS: &[&str] = &[
    SECRET,
    SESSION_TOKEN,
    "SSOACCESSTOKENSECRET",
    "SSOREFRESHTOKENSECRET",
    "SSOCLIENTSECRET",
    "NEWSSOACCESSTOKENSECRET",
    "CONTAINERAUTHTOKENSECRET",
    "IMDSTOKENSECRET",
    "WEBIDENTITYTOKENSECRET",
];

pub fn assert_no_secrets(text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "a secret ({secret}) in: {text}");
    }
}

/// Display, Debug and the source chain of an error.
pub fn renderings(error: &CredentialsError) -> String {
    let mut text = format!("{error}\n{error:?}");
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(&format!("\n{cause}"));
        source = cause.source();
    }
    text
}

/// A directory deleted when dropped: the home directory of one test.
pub struct Home(PathBuf);

static NEXT: AtomicU32 = AtomicU32::new(0);

impl Home {
    pub fn new() -> Home {
        let path = std::env::temp_dir().join(format!(
            "awsgen-credentials-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Home(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn write(&self, relative: &str, contents: &str) -> PathBuf {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// An environment that sees this home and `vars`, nothing of the
    /// machine's (instance metadata pointed at a refused port unless `vars`
    /// say otherwise).
    pub fn env(&self, vars: &[(&str, &str)]) -> Environment {
        let home = self.0.display().to_string();
        let mut all: Vec<(String, String)> = vec![("HOME".into(), home)];
        if !vars
            .iter()
            .any(|(name, _)| name.starts_with("AWS_EC2_METADATA"))
        {
            all.push((
                "AWS_EC2_METADATA_SERVICE_ENDPOINT".into(),
                crate::fake::refused_endpoint(),
            ));
        }
        all.extend(vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
        Environment::from_vars(all)
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `test` within `limit`, so a hang fails instead of blocking.
pub async fn bounded<T>(limit: Duration, test: impl Future<Output = T>) -> T {
    tokio::time::timeout(limit, test)
        .await
        .expect("the test took longer than its bound")
}

/// The default chain's answer for `env`.
pub async fn resolve(env: &Environment) -> Result<Credentials, CredentialsError> {
    let chain = DefaultChain::from_environment(env).expect("chain");
    let result = chain.provide_credentials(env).await;
    assert_no_secrets(&format!("{chain:?}"));
    if let Err(error) = &result {
        assert_no_secrets(&renderings(error));
    }
    result
}

pub fn rfc3339(time: SystemTime) -> String {
    DateTime::from(time).fmt(TimestampFormat::DateTime)
}

/// The credentials document of instance metadata and the container endpoint.
pub fn metadata_credentials(key_id: &str, expires: SystemTime) -> String {
    format!(
        r#"{{"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"{key_id}","SecretAccessKey":"{SECRET}","Token":"{SESSION_TOKEN}","Expiration":"{}"}}"#,
        rfc3339(expires)
    )
}

/// A fake ECR that answers every StartImageScan, for calls that show which
/// credentials signed them.
pub async fn fake_service() -> FakeServer {
    FakeServer::start(|_| {
        Answer::ok(r#"{"registryId":"123456789012","repositoryName":"app","imageScanStatus":{"status":"IN_PROGRESS"}}"#)
            .header("content-type", "application/x-amz-json-1.1")
    })
    .await
}

/// A client built from `env` (default chain), sending to `service`.
pub fn client(env: Environment, service: &FakeServer) -> ecr_types::Client {
    let builder = awsgen_client::ClientBuilder::from_environment(env)
        .expect("builder")
        .region("us-east-1")
        .endpoint_url(service.endpoint());
    ecr_types::Client::new(builder.build().expect("client"))
}

/// Sends one StartImageScan.
pub async fn call(client: &ecr_types::Client) -> Result<(), String> {
    let request = ecr_types::StartImageScanRequest::new(
        "app",
        ecr_types::ImageIdentifier::new().with_image_tag("v1"),
    );
    client
        .start_image_scan(request)
        .await
        .map(|_| ())
        .map_err(|error| error.to_string())
}

/// The access key IDs that signed the service's requests, in order.
pub fn signing_keys(service: &FakeServer) -> Vec<String> {
    service
        .requests()
        .iter()
        .map(|seen| {
            let authorization = seen.header("authorization").unwrap_or_default();
            authorization
                .split("Credential=")
                .nth(1)
                .and_then(|rest| rest.split('/').next())
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}
