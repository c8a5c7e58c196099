//! The environment provider and what profiles ask for (`resolve_profile`),
//! against temp files and `Environment::from_vars` (the real process
//! environment is never read). The chain that acts on them is
//! awsgen-client's (its `tests/credentials`).

#[path = "support/temp_dir.rs"]
mod temp_dir;

use std::future::Future;
use std::task::{Context, Poll, Waker};

use awsgen_auth::credentials::{BaseSource, CredentialSource, ProfileChain};
use awsgen_auth::{
    resolve_profile, Credentials, CredentialsError, Environment, EnvironmentProvider, ProfileError,
    ProfileSet, ProvideCredentials, StaticProvider,
};
use temp_dir::TempDir;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const TOKEN: &str = "IQoJb3JpZ2luX2VjEXAMPLETOKEN";

fn home_env(home: &TempDir, extra: &[(&str, &str)]) -> Environment {
    let home = home.path().to_string_lossy().into_owned();
    let mut vars = vec![("HOME".to_owned(), home)];
    vars.extend(
        extra
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    Environment::from_vars(vars)
}

/// Every way an error can be shown, for secret checks.
fn renderings(error: &CredentialsError) -> String {
    format!("{error} | {error:?} | {error:#?}")
}

/// The providers here do no I/O: their futures are ready when first polled.
fn now<T>(future: impl Future<Output = T>) -> T {
    let mut future = std::pin::pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(value) => value,
        Poll::Pending => panic!("the provider's future was not ready at once"),
    }
}

/// What the profile `AWS_PROFILE` (or `default`) of `env` asks for.
fn resolve(env: &Environment) -> Result<ProfileChain, CredentialsError> {
    resolve_profile(&ProfileSet::load(env)?)
}

/// The static keys the profile resolves to.
fn static_keys(env: &Environment) -> Result<Credentials, CredentialsError> {
    match resolve(env)? {
        ProfileChain {
            base: BaseSource::Static { credentials, .. },
            roles,
        } if roles.is_empty() => Ok(credentials),
        other => panic!("expected static keys, got {other:?}"),
    }
}

fn assert_no_secrets(text: &str) {
    assert!(!text.contains(SECRET), "secret key leaked: {text}");
    assert!(!text.contains(TOKEN), "session token leaked: {text}");
}

#[test]
fn environment_variables_provide_credentials() -> TestResult {
    let env = Environment::from_vars([
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", SECRET),
        ("AWS_SESSION_TOKEN", TOKEN),
    ]);
    let credentials = EnvironmentProvider::new().credentials(&env)?;
    assert_eq!(credentials.access_key_id(), "AKIDENV");
    assert_eq!(credentials.secret_access_key(), SECRET);
    assert_eq!(credentials.session_token(), Some(TOKEN));
    assert_eq!(credentials.provider_name(), "environment");
    assert_eq!(credentials.expiry(), None);
    assert_no_secrets(&format!("{credentials:?}"));
    Ok(())
}

#[test]
fn secret_access_key_falls_back_to_the_old_name() -> TestResult {
    let env = Environment::from_vars([
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("SECRET_ACCESS_KEY", SECRET),
    ]);
    let credentials = EnvironmentProvider::new().credentials(&env)?;
    assert_eq!(credentials.secret_access_key(), SECRET);
    assert_eq!(credentials.session_token(), None);
    Ok(())
}

#[test]
fn blank_environment_variables_count_as_unset() {
    let env = Environment::from_vars([
        ("AWS_ACCESS_KEY_ID", "  "),
        ("AWS_SECRET_ACCESS_KEY", SECRET),
    ]);
    match EnvironmentProvider::new().credentials(&env) {
        Err(error @ CredentialsError::NotLoaded { .. }) => {
            let message = error.to_string();
            assert!(message.contains("AWS_ACCESS_KEY_ID not set"), "{message}");
            assert_no_secrets(&renderings(&error));
        }
        other => panic!("expected NotLoaded, got {other:?}"),
    }
}

#[test]
fn a_blank_session_token_is_no_token() -> TestResult {
    let env = Environment::from_vars([
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", SECRET),
        ("AWS_SESSION_TOKEN", ""),
    ]);
    let credentials = EnvironmentProvider::new().credentials(&env)?;
    assert_eq!(credentials.session_token(), None);
    Ok(())
}

#[test]
fn profile_static_keys_provide_credentials() -> TestResult {
    let home = TempDir::new()?;
    home.write(
        ".aws/credentials",
        format!(
            "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = {SECRET}\n\
             aws_session_token = {TOKEN}\n"
        ),
    )?;
    let credentials = static_keys(&home_env(&home, &[]))?;
    assert_eq!(credentials.access_key_id(), "AKIDFILE");
    assert_eq!(credentials.secret_access_key(), SECRET);
    assert_eq!(credentials.session_token(), Some(TOKEN));
    assert_eq!(credentials.provider_name(), "profile");
    Ok(())
}

#[test]
fn aws_profile_selects_the_profile() -> TestResult {
    let home = TempDir::new()?;
    home.write(
        ".aws/config",
        format!("[profile ci]\naws_access_key_id = AKIDCI\naws_secret_access_key = {SECRET}\n"),
    )?;
    let credentials = static_keys(&home_env(&home, &[("AWS_PROFILE", "ci")]))?;
    assert_eq!(credentials.access_key_id(), "AKIDCI");
    Ok(())
}

/// Writes `config` as the config file and resolves profile `work`.
fn resolve_work(config: &str) -> Result<ProfileChain, CredentialsError> {
    let home = TempDir::new().expect("temp dir");
    home.write(".aws/config", config).expect("config file");
    resolve(&home_env(&home, &[("AWS_PROFILE", "work")]))
}

fn invalid_message(config: &str) -> String {
    match resolve_work(config) {
        Err(error @ CredentialsError::InvalidProfile { .. }) => {
            let message = error.to_string();
            assert_no_secrets(&renderings(&error));
            message
        }
        other => panic!("expected InvalidProfile, got {other:?}"),
    }
}

#[test]
fn sources_that_are_not_static_keys_win_over_them_in_a_profile() -> TestResult {
    let keys = format!("aws_access_key_id = AKID\naws_secret_access_key = {SECRET}\n");
    let chain = resolve_work(&format!(
        "[profile work]\ncredential_process = /bin/get-creds --token {TOKEN}\n{keys}"
    ))?;
    match &chain.base {
        BaseSource::Process(process) => {
            assert_eq!(process.profile, "work");
            assert_eq!(process.command, format!("/bin/get-creds --token {TOKEN}"));
            // The command line may hold a secret: Debug shows the profile only.
            assert_no_secrets(&format!("{chain:?}"));
        }
        other => panic!("expected a process, got {other:?}"),
    }
    let chain = resolve_work(&format!(
        "[profile work]\nweb_identity_token_file = /var/run/token\nrole_arn = arn:aws:iam::1:role/w\n{keys}"
    ))?;
    assert!(chain.roles.is_empty());
    match chain.base {
        BaseSource::WebIdentity(web) => {
            assert_eq!(web.role_arn, "arn:aws:iam::1:role/w");
            assert_eq!(web.token_file, std::path::Path::new("/var/run/token"));
            assert_eq!(web.profile.as_deref(), Some("work"));
        }
        other => panic!("expected web identity, got {other:?}"),
    }
    Ok(())
}

#[test]
fn role_chains_of_any_depth_end_in_static_keys_or_a_named_source() -> TestResult {
    let chain = resolve_work(&format!(
        "[profile work]\nrole_arn = arn:aws:iam::1:role/top\nsource_profile = middle\n\
         external_id = ext\nrole_session_name = me\nduration_seconds = 900\n\
         [profile middle]\nrole_arn = arn:aws:iam::1:role/middle\nsource_profile = base\n\
         [profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = {SECRET}\n\
         role_arn = arn:aws:iam::1:role/ignored\nsource_profile = elsewhere\n"
    ))?;
    let roles: Vec<(&str, &str)> = chain
        .roles
        .iter()
        .map(|hop| (hop.profile.as_str(), hop.role_arn.as_str()))
        .collect();
    // The hop nearest the base first; a source profile with keys ends the chain.
    assert_eq!(
        roles,
        [
            ("middle", "arn:aws:iam::1:role/middle"),
            ("work", "arn:aws:iam::1:role/top")
        ]
    );
    let top = &chain.roles[1];
    assert_eq!(top.external_id.as_deref(), Some("ext"));
    assert_eq!(top.session_name.as_deref(), Some("me"));
    assert_eq!(top.duration_seconds, Some(900));
    assert!(matches!(&chain.base, BaseSource::Static { profile, .. } if profile == "base"));

    let chain = resolve_work(
        "[profile work]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Ec2InstanceMetadata\n",
    )?;
    assert_eq!(chain.roles.len(), 1);
    assert!(matches!(
        chain.base,
        BaseSource::Named {
            source: CredentialSource::Ec2InstanceMetadata,
            ..
        }
    ));
    // A profile may take its role from its own keys.
    let chain = resolve_work(&format!(
        "[profile work]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = work\n\
         aws_access_key_id = AKIDSELF\naws_secret_access_key = {SECRET}\n"
    ))?;
    assert_eq!(chain.roles.len(), 1);
    assert!(
        matches!(&chain.base, BaseSource::Static { credentials, .. } if credentials.access_key_id() == "AKIDSELF")
    );
    Ok(())
}

#[test]
fn broken_role_settings_are_errors_naming_the_profile() {
    let loop_message = invalid_message(
        "[profile work]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n\
         [profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = work\n",
    );
    assert!(loop_message.contains("work -> b -> work"), "{loop_message}");
    for (config, expected) in [
        (
            "[profile work]\nrole_arn = arn:aws:iam::1:role/a\n",
            "without source_profile or credential_source",
        ),
        (
            "[profile work]\nrole_arn = r\nsource_profile = b\ncredential_source = Environment\n",
            "both source_profile and credential_source",
        ),
        (
            "[profile work]\nrole_arn = r\ncredential_source = Laptop\n",
            "credential_source `Laptop` is not one of",
        ),
        (
            "[profile work]\nrole_arn = r\nsource_profile = nowhere\n",
            "source_profile `nowhere` is not defined",
        ),
        (
            "[profile work]\nrole_arn = r\nsource_profile = empty\n[profile empty]\nregion = x\n",
            "has no credentials",
        ),
        (
            "[profile work]\nrole_arn = r\nsource_profile = b\nduration_seconds = soon\n",
            "duration_seconds `soon`",
        ),
    ] {
        let message = invalid_message(config);
        assert!(message.contains(expected), "{expected} in {message}");
        assert!(message.contains("profile `"), "{message}");
    }
}

#[test]
fn sso_sessions_and_the_legacy_form() -> TestResult {
    let chain = resolve_work(
        "[profile work]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n\
         [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n",
    )?;
    match chain.base {
        BaseSource::Sso(sso) => {
            assert_eq!(sso.session.as_deref(), Some("corp"));
            assert_eq!(sso.cache_key(), "corp");
            assert_eq!(sso.start_url, "https://corp.awsapps.com/start");
            assert_eq!(sso.region, "eu-west-1");
            assert_eq!(sso.account_id, "111122223333");
            assert_eq!(sso.role_name, "Dev");
        }
        other => panic!("expected SSO, got {other:?}"),
    }
    let chain = resolve_work(
        "[profile work]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n\
         sso_account_id = 111122223333\nsso_role_name = Dev\n",
    )?;
    match chain.base {
        BaseSource::Sso(sso) => {
            assert_eq!(sso.session, None);
            assert_eq!(sso.cache_key(), "https://corp.awsapps.com/start");
        }
        other => panic!("expected SSO, got {other:?}"),
    }
    for (config, expected) in [
        (
            "[profile work]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = R\n",
            "no [sso-session corp] section",
        ),
        (
            "[profile work]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = R\n\
             [sso-session corp]\nsso_region = us-east-1\n",
            "lacks sso_start_url",
        ),
        (
            "[profile work]\nsso_session = corp\nsso_region = us-west-2\nsso_account_id = 1\nsso_role_name = R\n\
             [sso-session corp]\nsso_start_url = https://x/start\nsso_region = us-east-1\n",
            "sso_region `us-west-2` differs",
        ),
        (
            "[profile work]\nsso_session = corp\n[sso-session corp]\nsso_start_url = https://x/start\nsso_region = us-east-1\n",
            "sso_account_id, sso_role_name",
        ),
        (
            "[profile work]\nsso_start_url = https://x/start\nsso_account_id = 1\n",
            "sso_region, sso_role_name",
        ),
    ] {
        let message = invalid_message(config);
        assert!(message.contains(expected), "{expected} in {message}");
        assert!(message.contains("profile `work`"), "{message}");
    }
    Ok(())
}

#[test]
fn a_profile_without_a_secret_is_incomplete() -> TestResult {
    let home = TempDir::new()?;
    home.write(".aws/credentials", "[default]\naws_access_key_id = AKID\n")?;
    match resolve(&home_env(&home, &[])) {
        Err(error @ CredentialsError::IncompleteProfile { .. }) => {
            let message = error.to_string();
            assert!(message.contains("`default`"), "{message}");
            assert!(message.contains("aws_secret_access_key"), "{message}");
        }
        other => panic!("expected IncompleteProfile, got {other:?}"),
    }
    Ok(())
}

#[test]
fn a_profile_without_credentials_says_where_it_looked() -> TestResult {
    let home = TempDir::new()?;
    let config = home.write(".aws/config", "[default]\nregion = us-east-1\n")?;
    let credentials_path = home.path().join(".aws").join("credentials");
    let error = match resolve(&home_env(&home, &[])) {
        Err(error @ CredentialsError::NotLoaded { .. }) => error,
        other => panic!("expected NotLoaded, got {other:?}"),
    };
    assert_eq!(
        error.to_string(),
        format!(
            "no AWS credentials found; looked at: shared credentials file {} \
             (not found), shared config file {} (profile `default` has no aws_access_key_id)",
            credentials_path.display(),
            config.display()
        )
    );
    let message = resolve(&home_env(&home, &[("AWS_PROFILE", "missing")]))
        .map(|_| ())
        .map_err(|error| error.to_string())
        .err()
        .unwrap_or_default();
    assert!(message.contains("(no profile `missing`)"), "{message}");
    Ok(())
}

#[test]
fn a_malformed_file_is_an_error_with_file_and_line() -> TestResult {
    let home = TempDir::new()?;
    let path = home.write(
        ".aws/credentials",
        format!("[default]\naws_access_key_id = AKID\n{SECRET}\n"),
    )?;
    match resolve(&home_env(&home, &[])) {
        Err(error @ CredentialsError::InvalidConfig(ProfileError::Syntax { line: 3, .. })) => {
            let message = error.to_string();
            assert!(
                message.contains(&format!("{}:3:", path.display())),
                "{message}"
            );
            assert_no_secrets(&renderings(&error));
        }
        other => panic!("expected InvalidConfig on line 3, got {other:?}"),
    }
    Ok(())
}

#[test]
fn static_and_environment_providers_are_ready_at_once() -> TestResult {
    let provider = StaticProvider::new(Credentials::new(
        "AKIDSTATIC",
        SECRET,
        Some(TOKEN.into()),
        "static",
    ));
    let credentials = now(provider.provide_credentials(&Environment::default()))?;
    assert_eq!(credentials.access_key_id(), "AKIDSTATIC");
    assert_no_secrets(&format!("{provider:?}"));
    let env = Environment::from_vars([
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", SECRET),
    ]);
    let credentials = now(EnvironmentProvider::new().provide_credentials(&env))?;
    assert_eq!(credentials.access_key_id(), "AKIDENV");
    Ok(())
}
