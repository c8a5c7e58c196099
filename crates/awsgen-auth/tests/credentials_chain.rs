//! The credential providers and the default chain, against temp files and
//! `Environment::from_vars` (the real process environment is never read).

#[path = "support/temp_dir.rs"]
mod temp_dir;

use awsgen_auth::{
    Credentials, CredentialsError, DefaultChain, Environment, EnvironmentProvider, ProfileError,
    ProfileProvider, ProvideCredentials, StaticProvider,
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
    let credentials = EnvironmentProvider::new().provide_credentials(&env)?;
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
    let credentials = EnvironmentProvider::new().provide_credentials(&env)?;
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
    match EnvironmentProvider::new().provide_credentials(&env) {
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
    let credentials = EnvironmentProvider::new().provide_credentials(&env)?;
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
    let credentials = ProfileProvider::new().provide_credentials(&home_env(&home, &[]))?;
    assert_eq!(credentials.access_key_id(), "AKIDFILE");
    assert_eq!(credentials.secret_access_key(), SECRET);
    assert_eq!(credentials.session_token(), Some(TOKEN));
    assert_eq!(credentials.provider_name(), "profile");
    Ok(())
}

#[test]
fn a_named_profile_provider_ignores_aws_profile() -> TestResult {
    let home = TempDir::new()?;
    home.write(
        ".aws/config",
        format!("[profile ci]\naws_access_key_id = AKIDCI\naws_secret_access_key = {SECRET}\n"),
    )?;
    let env = home_env(&home, &[("AWS_PROFILE", "somebody-else")]);
    let credentials = ProfileProvider::for_profile("ci").provide_credentials(&env)?;
    assert_eq!(credentials.access_key_id(), "AKIDCI");
    Ok(())
}

#[test]
fn unsupported_profile_sources_are_named() -> TestResult {
    let cases = [
        (
            "role_arn = arn:aws:iam::123456789012:role/r\nsource_profile = base\n",
            "role_arn",
        ),
        ("sso_session = corp\nsso_account_id = 1\n", "sso_session"),
        (
            "credential_process = /bin/get-creds\n",
            "credential_process",
        ),
        (
            "web_identity_token_file = /tmp/t\nrole_arn = r\n",
            "role_arn",
        ),
    ];
    for (properties, key) in cases {
        let home = TempDir::new()?;
        home.write(
            ".aws/config",
            format!(
                "[profile work]\n{properties}aws_access_key_id = AKID\naws_secret_access_key = {SECRET}\n"
            ),
        )?;
        let env = home_env(&home, &[("AWS_PROFILE", "work")]);
        match ProfileProvider::new().provide_credentials(&env) {
            Err(error @ CredentialsError::Unsupported { .. }) => {
                let message = error.to_string();
                assert!(message.contains("profile `work`"), "{message}");
                assert!(message.contains(&format!("`{key}`")), "{message}");
                assert!(
                    message.contains("not supported by this client"),
                    "{message}"
                );
                assert_no_secrets(&renderings(&error));
            }
            other => panic!("{key}: expected Unsupported, got {other:?}"),
        }
    }
    Ok(())
}

#[test]
fn a_profile_without_a_secret_is_incomplete() -> TestResult {
    let home = TempDir::new()?;
    home.write(".aws/credentials", "[default]\naws_access_key_id = AKID\n")?;
    let result = ProfileProvider::new().provide_credentials(&home_env(&home, &[]));
    match result {
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
fn the_chain_prefers_the_environment() -> TestResult {
    let home = TempDir::new()?;
    home.write(
        ".aws/credentials",
        format!("[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = {SECRET}\n"),
    )?;
    let env = home_env(
        &home,
        &[
            ("AWS_ACCESS_KEY_ID", "AKIDENV"),
            ("AWS_SECRET_ACCESS_KEY", "env-secret"),
        ],
    );
    let credentials = DefaultChain::new().provide_credentials(&env)?;
    assert_eq!(credentials.access_key_id(), "AKIDENV");
    assert_eq!(credentials.provider_name(), "environment");

    let credentials = DefaultChain::new().provide_credentials(&home_env(&home, &[]))?;
    assert_eq!(credentials.access_key_id(), "AKIDFILE");
    assert_eq!(credentials.provider_name(), "profile");
    Ok(())
}

#[test]
fn not_loaded_lists_every_place_looked_at() -> TestResult {
    let home = TempDir::new()?;
    let config = home.write(".aws/config", "[default]\nregion = us-east-1\n")?;
    let credentials_path = home.path().join(".aws").join("credentials");
    let result = DefaultChain::new().provide_credentials(&home_env(&home, &[]));
    let error = match result {
        Err(error @ CredentialsError::NotLoaded { .. }) => error,
        other => panic!("expected NotLoaded, got {other:?}"),
    };
    assert_eq!(
        error.to_string(),
        format!(
            "no AWS credentials found; looked at: environment variables \
             AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (not set), shared credentials file {} \
             (not found), shared config file {} (profile `default` has no aws_access_key_id)",
            credentials_path.display(),
            config.display()
        )
    );

    let env = home_env(&home, &[("AWS_PROFILE", "missing")]);
    let message = DefaultChain::new()
        .provide_credentials(&env)
        .map(|_| ())
        .map_err(|error| error.to_string())
        .err()
        .unwrap_or_default();
    assert!(message.contains("(no profile `missing`)"), "{message}");

    let message = DefaultChain::new()
        .provide_credentials(&Environment::default())
        .map(|_| ())
        .map_err(|error| error.to_string())
        .err()
        .unwrap_or_default();
    assert!(
        message.contains(
            "shared config file (no path: neither AWS_CONFIG_FILE nor a home directory is set)"
        ),
        "{message}"
    );
    Ok(())
}

#[test]
fn a_malformed_file_stops_the_chain_with_file_and_line() -> TestResult {
    let home = TempDir::new()?;
    let path = home.write(
        ".aws/credentials",
        format!("[default]\naws_access_key_id = AKID\n{SECRET}\n"),
    )?;
    match DefaultChain::new().provide_credentials(&home_env(&home, &[])) {
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
fn static_provider_returns_its_credentials() -> TestResult {
    let provider = StaticProvider::new(Credentials::new(
        "AKIDSTATIC",
        SECRET,
        Some(TOKEN.into()),
        "static",
    ));
    let credentials = provider.provide_credentials(&Environment::default())?;
    assert_eq!(credentials.access_key_id(), "AKIDSTATIC");
    assert_no_secrets(&format!("{provider:?}"));
    assert_no_secrets(&format!("{:?}", DefaultChain::new()));
    Ok(())
}
