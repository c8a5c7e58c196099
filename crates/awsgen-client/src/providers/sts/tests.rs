//! The chain around STS, with a fake [`AssumeRoles`] in place of the
//! generated client (tested against a fake STS in `tests/credentials` and
//! against moto end to end): which credentials sign each hop, in what
//! order, with which options, session name and region; the web identity
//! token read afresh each time.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use awsgen_auth::{Environment, ProvideCredentials};

use super::*;
use crate::connector::connector_fn;
use crate::error::{ConfigError, ConnectorError};
use crate::providers::chain::{DefaultChain, ProviderContext};
use crate::providers::ImdsTokens;

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const WEB_TOKEN: &str = "WEBIDENTITYTOKENSECRET";

/// Records each call; answers with `AKID-<role name>`.
#[derive(Debug, Default)]
struct FakeSts {
    calls: Mutex<Vec<String>>,
}

fn role_name(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}

impl AssumeRoles for FakeSts {
    fn assume_role<'a>(&'a self, request: AssumeRole<'a>) -> CredentialsFuture<'a> {
        self.calls.lock().unwrap().push(format!(
            "AssumeRole {} signed by {} session {} external {:?} duration {:?} region {:?}",
            request.hop.role_arn,
            request.source.access_key_id(),
            request.session_name,
            request.hop.external_id,
            request.hop.duration_seconds,
            request.region
        ));
        let key = format!("AKID-{}", role_name(&request.hop.role_arn));
        Box::pin(std::future::ready(Ok(Credentials::new(
            key, SECRET, None, "sts",
        ))))
    }

    fn assume_role_with_web_identity<'a>(
        &'a self,
        request: WebIdentity<'a>,
    ) -> CredentialsFuture<'a> {
        assert!(!format!("{:?}", request.token).contains(WEB_TOKEN));
        self.calls.lock().unwrap().push(format!(
            "AssumeRoleWithWebIdentity {} token {} session {} profile {:?} region {:?}",
            request.role_arn,
            request.token.0,
            request.session_name,
            request.profile,
            request.region
        ));
        let key = format!("AKID-{}", role_name(request.role_arn));
        Box::pin(std::future::ready(Ok(Credentials::new(
            key, SECRET, None, "sts",
        ))))
    }
}

/// A chain with `sts` and nothing reachable on the network.
fn chain(sts: &Arc<FakeSts>) -> DefaultChain {
    chain_with(Some(Arc::clone(sts) as Arc<dyn AssumeRoles>))
}

/// A chain with `sts`, or with none as the crate builds it without its
/// `sts` feature.
fn chain_with(sts: Option<Arc<dyn AssumeRoles>>) -> DefaultChain {
    DefaultChain::with_context(ProviderContext {
        connector: Arc::new(connector_fn(|_| async {
            Err::<http::Response<bytes::Bytes>, _>(ConnectorError::other("no network in this test"))
        })),
        service_clients: Arc::new(|_: &str, _| Err(ConfigError::MissingRegion)),
        imds_tokens: ImdsTokens::default(),
        sts,
    })
}

struct Home(PathBuf);

impl Home {
    fn new(name: &str) -> Home {
        let path =
            std::env::temp_dir().join(format!("awsgen-sts-seam-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(path.join(".aws")).unwrap();
        Home(path)
    }

    fn write(&self, relative: &str, text: &str) -> String {
        let path = self.0.join(relative);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }

    fn env(&self, vars: &[(&str, &str)]) -> Environment {
        let mut all = vec![
            ("HOME".to_owned(), self.0.display().to_string()),
            ("AWS_EC2_METADATA_DISABLED".to_owned(), "true".to_owned()),
        ];
        all.extend(vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
        Environment::from_vars(all)
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[tokio::test]
async fn each_hop_is_assumed_with_the_previous_hops_credentials() {
    let home = Home::new("hops");
    home.write(
        ".aws/config",
        &format!(
            "[profile ci]\nregion = eu-central-1\nrole_arn = arn:aws:iam::1:role/top\nsource_profile = middle\n\
             role_session_name = ci-run\nexternal_id = ext-1\nduration_seconds = 900\n\
             [profile middle]\nrole_arn = arn:aws:iam::1:role/middle\nsource_profile = base\n\
             [profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = {SECRET}\n"
        ),
    );
    let sts = Arc::new(FakeSts::default());
    let env = home.env(&[("AWS_PROFILE", "ci")]);
    let credentials = chain(&sts).provide_credentials(&env).await.unwrap();
    assert_eq!(credentials.access_key_id(), "AKID-top");
    let calls = sts.calls.lock().unwrap().clone();
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert!(
        calls[0].starts_with(
            "AssumeRole arn:aws:iam::1:role/middle signed by AKIDBASE session awsgen-"
        ),
        "{}",
        calls[0]
    );
    assert!(
        calls[0].ends_with("external None duration None region Some(\"eu-central-1\")"),
        "{}",
        calls[0]
    );
    assert_eq!(
        calls[1],
        "AssumeRole arn:aws:iam::1:role/top signed by AKID-middle session ci-run external Some(\"ext-1\") \
         duration Some(900) region Some(\"eu-central-1\")"
    );
}

#[tokio::test]
async fn a_credential_source_with_nothing_there_is_the_profiles_error() {
    let home = Home::new("named");
    home.write(
        ".aws/config",
        "[profile ci]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Environment\n",
    );
    let sts = Arc::new(FakeSts::default());
    // Keys in the environment would win as the chain's first source, so
    // `credential_source = Environment` is met here with none set.
    let env = home.env(&[("AWS_PROFILE", "ci")]);
    let error = chain(&sts).provide_credentials(&env).await.unwrap_err();
    assert!(
        error
            .to_string()
            .contains("credential_source is Environment, which has no credentials"),
        "{error}"
    );
    assert!(sts.calls.lock().unwrap().is_empty());
}

#[tokio::test]
async fn the_web_identity_token_file_is_read_on_every_call() {
    let home = Home::new("web");
    let file = home.write("token", &format!("{WEB_TOKEN}-1\n"));
    let sts = Arc::new(FakeSts::default());
    let env = home.env(&[
        ("AWS_WEB_IDENTITY_TOKEN_FILE", &file),
        ("AWS_ROLE_ARN", "arn:aws:iam::1:role/irsa"),
        ("AWS_ROLE_SESSION_NAME", "pod-1"),
        ("AWS_REGION", "ap-south-1"),
    ]);
    let chain = chain(&sts);
    assert_eq!(
        chain
            .provide_credentials(&env)
            .await
            .unwrap()
            .access_key_id(),
        "AKID-irsa"
    );
    home.write("token", &format!("{WEB_TOKEN}-2"));
    chain.provide_credentials(&env).await.unwrap();
    let calls = sts.calls.lock().unwrap().clone();
    assert_eq!(
        calls,
        [
            format!("AssumeRoleWithWebIdentity arn:aws:iam::1:role/irsa token {WEB_TOKEN}-1 session pod-1 profile None region Some(\"ap-south-1\")"),
            format!("AssumeRoleWithWebIdentity arn:aws:iam::1:role/irsa token {WEB_TOKEN}-2 session pod-1 profile None region Some(\"ap-south-1\")"),
        ]
    );

    // An empty or missing file names the file, never a token.
    home.write("token", "  \n");
    let error = chain
        .provide_credentials(&env)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        error.contains(&format!("the web identity token file {file}: is empty")),
        "{error}"
    );
    std::fs::remove_file(&file).unwrap();
    let error = chain
        .provide_credentials(&env)
        .await
        .unwrap_err()
        .to_string();
    assert!(error.contains("cannot be read"), "{error}");
}

#[tokio::test]
async fn a_profiles_web_identity_then_its_role_chain() {
    let home = Home::new("profile-web");
    let file = home.write("token", WEB_TOKEN);
    home.write(
        ".aws/config",
        &format!(
            "[profile top]\nrole_arn = arn:aws:iam::1:role/top\nsource_profile = web\n\
             [profile web]\nrole_arn = arn:aws:iam::1:role/web\nweb_identity_token_file = {file}\n"
        ),
    );
    let sts = Arc::new(FakeSts::default());
    let env = home.env(&[("AWS_PROFILE", "top")]);
    let credentials = chain(&sts).provide_credentials(&env).await.unwrap();
    assert_eq!(credentials.access_key_id(), "AKID-top");
    let calls = sts.calls.lock().unwrap().clone();
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert!(
        calls[0].starts_with(&format!(
            "AssumeRoleWithWebIdentity arn:aws:iam::1:role/web token {WEB_TOKEN} session awsgen-"
        )),
        "{}",
        calls[0]
    );
    assert!(
        calls[0].contains("profile Some(\"web\") region None"),
        "{}",
        calls[0]
    );
    assert!(
        calls[1].starts_with("AssumeRole arn:aws:iam::1:role/top signed by AKID-web"),
        "{}",
        calls[1]
    );
}

#[test]
fn session_names_are_the_configured_one_or_made_up() {
    assert_eq!(session_name(Some(" mine ")), "mine");
    let made = session_name(None);
    assert!(made.starts_with("awsgen-") && made.len() > 10, "{made}");
    assert_eq!(session_name(Some("")).get(..7), Some("awsgen-"));
}

#[tokio::test]
async fn without_sts_roles_and_web_identity_are_recognized_and_need_it() {
    let home = Home::new("needs-sts");
    home.write(
        ".aws/config",
        &format!(
            "[profile ci]\nrole_arn = arn:aws:iam::123456789012:role/ci\nsource_profile = middle\n\
             [profile middle]\nrole_arn = arn:aws:iam::123456789012:role/middle\nsource_profile = base\n\
             [profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = {SECRET}\n"
        ),
    );
    let chain = chain_with(None);
    let env = home.env(&[("AWS_PROFILE", "ci")]);
    let error = chain.provide_credentials(&env).await.unwrap_err();
    assert!(
        matches!(error, CredentialsError::NeedsSts { .. }),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "cannot load AWS credentials: profile `ci` (role arn:aws:iam::123456789012:role/ci, \
         from role arn:aws:iam::123456789012:role/middle of profile `middle`, from the static \
         keys of profile `base`) needs AWS STS AssumeRole, and awsgen-client was built without \
         its `sts` feature"
    );

    let token = home.write("token", WEB_TOKEN);
    let env = home.env(&[
        ("AWS_WEB_IDENTITY_TOKEN_FILE", &token),
        ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/irsa"),
    ]);
    let error = chain.provide_credentials(&env).await.unwrap_err();
    let message = error.to_string();
    assert!(message.contains("AssumeRoleWithWebIdentity"), "{message}");
    assert!(
        message.contains("role arn:aws:iam::123456789012:role/irsa"),
        "{message}"
    );
    assert!(!message.contains(WEB_TOKEN), "{message}");
}
