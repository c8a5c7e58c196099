//! Loading and merging `~/.aws/config` and `~/.aws/credentials`.

#[path = "support/temp_dir.rs"]
mod temp_dir;

use awsgen_auth::{Environment, ProfileError, ProfileSet};
use temp_dir::TempDir;

type TestResult = Result<(), Box<dyn std::error::Error>>;

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

#[test]
fn missing_files_give_an_empty_default_profile() -> TestResult {
    let home = TempDir::new()?;
    let profiles = ProfileSet::load(&home_env(&home, &[]))?;
    assert_eq!(profiles.profile_name(), "default");
    assert_eq!(profiles.get("region"), None);
    // Without a home directory there is simply nothing to read.
    let profiles = ProfileSet::load(&Environment::default())?;
    assert_eq!(profiles.get("region"), None);
    Ok(())
}

#[test]
fn credentials_file_wins_per_key() -> TestResult {
    let home = TempDir::new()?;
    home.write(
        ".aws/config",
        "[default]\nregion = us-west-2\naws_access_key_id = FROM_CONFIG\noutput = json\n",
    )?;
    home.write(
        ".aws/credentials",
        "[default]\naws_access_key_id = FROM_CREDENTIALS\n",
    )?;
    let profiles = ProfileSet::load(&home_env(&home, &[]))?;
    assert_eq!(profiles.get("aws_access_key_id"), Some("FROM_CREDENTIALS"));
    assert_eq!(profiles.get("region"), Some("us-west-2"));
    assert_eq!(
        profiles.get("OUTPUT"),
        Some("json"),
        "keys are case-insensitive"
    );
    Ok(())
}

#[test]
fn aws_profile_selects_a_prefixed_config_section() -> TestResult {
    let home = TempDir::new()?;
    home.write(
        ".aws/config",
        "[default]\nregion = us-east-1\n\n[profile dev]\nregion = eu-west-1\n\n[dev]\nregion = ignored\n",
    )?;
    home.write(".aws/credentials", "[dev]\naws_access_key_id = DEV\n")?;
    let profiles = ProfileSet::load(&home_env(&home, &[("AWS_PROFILE", "dev")]))?;
    assert_eq!(profiles.profile_name(), "dev");
    assert_eq!(profiles.get("region"), Some("eu-west-1"));
    assert_eq!(profiles.get("aws_access_key_id"), Some("DEV"));
    // `[default]` supplies nothing to other profiles.
    let profiles = ProfileSet::load_profile(&home_env(&home, &[]), "other")?;
    assert_eq!(profiles.get("region"), None);
    Ok(())
}

#[test]
fn profile_default_wins_over_bare_default_in_config() -> TestResult {
    let home = TempDir::new()?;
    home.write(
        ".aws/config",
        "[profile default]\nregion = from-profile-default\n[default]\nregion = from-bare\noutput = text\n",
    )?;
    let profiles = ProfileSet::load(&home_env(&home, &[]))?;
    assert_eq!(profiles.get("region"), Some("from-profile-default"));
    assert_eq!(
        profiles.get("output"),
        None,
        "the bare section is ignored entirely"
    );
    Ok(())
}

#[test]
fn credentials_file_ignores_a_profile_prefix() -> TestResult {
    let home = TempDir::new()?;
    home.write(
        ".aws/credentials",
        "[profile dev]\naws_access_key_id = DEV\n",
    )?;
    let profiles = ProfileSet::load_profile(&home_env(&home, &[]), "dev")?;
    assert_eq!(profiles.get("aws_access_key_id"), Some("DEV"));
    Ok(())
}

#[test]
fn override_variables_locate_the_files() -> TestResult {
    let dir = TempDir::new()?;
    let config = dir.write("elsewhere/cfg", "[default]\nregion = ap-south-1\n")?;
    let credentials = dir.write("elsewhere/creds", "[default]\naws_access_key_id = X\n")?;
    let env = Environment::from_vars([
        ("AWS_CONFIG_FILE", config.to_string_lossy().into_owned()),
        (
            "AWS_SHARED_CREDENTIALS_FILE",
            credentials.to_string_lossy().into_owned(),
        ),
    ]);
    let profiles = ProfileSet::load(&env)?;
    assert_eq!(profiles.get("region"), Some("ap-south-1"));
    assert_eq!(profiles.get("aws_access_key_id"), Some("X"));
    Ok(())
}

#[test]
fn service_settings_come_from_services_sections() -> TestResult {
    let home = TempDir::new()?;
    home.write(
        ".aws/config",
        "[profile local]\nservices = localstack\n\n\
         [services localstack]\n\
         ecr =\n  endpoint_url = http://localhost:4566\n\
         s3 =\n  endpoint_url = http://localhost:9000\n",
    )?;
    let env = home_env(&home, &[("AWS_PROFILE", "local")]);
    let profiles = ProfileSet::load(&env)?;
    assert_eq!(
        profiles.service_setting("ecr", "endpoint_url"),
        Some("http://localhost:4566")
    );
    assert_eq!(
        profiles.service_setting("ECR", "ENDPOINT_URL"),
        Some("http://localhost:4566")
    );
    assert_eq!(profiles.service_setting("kms", "endpoint_url"), None);
    // A profile without `services` has no service settings.
    let profiles = ProfileSet::load(&home_env(&home, &[]))?;
    assert_eq!(profiles.service_setting("ecr", "endpoint_url"), None);
    Ok(())
}

#[test]
fn nested_settings_are_sub_properties_of_the_selected_profile() -> TestResult {
    let home = TempDir::new()?;
    home.write(
        ".aws/config",
        "[default]\ns3 =\n  addressing_style = path\n  Use_Accelerate_Endpoint = true\n\n\
         [profile other]\ns3 =\n  addressing_style = virtual\n",
    )?;
    let profiles = ProfileSet::load(&home_env(&home, &[]))?;
    assert_eq!(
        profiles.sub_property("s3", "addressing_style"),
        Some("path")
    );
    assert_eq!(
        profiles.sub_property("S3", "use_accelerate_endpoint"),
        Some("true")
    );
    assert_eq!(profiles.sub_property("s3", "use_dualstack_endpoint"), None);
    assert_eq!(profiles.sub_property("region", "x"), None);
    let other = ProfileSet::load(&home_env(&home, &[("AWS_PROFILE", "other")]))?;
    assert_eq!(
        other.sub_property("s3", "addressing_style"),
        Some("virtual")
    );
    Ok(())
}

#[test]
fn malformed_files_name_the_file_and_line() -> TestResult {
    let home = TempDir::new()?;
    let path = home.write(
        ".aws/credentials",
        "[default]\naws_access_key_id = AKID\naws_secret_access_key wJalrXUtnFEMI\n",
    )?;
    match ProfileSet::load(&home_env(&home, &[])) {
        Err(error @ ProfileError::Syntax { line: 3, .. }) => {
            let message = error.to_string();
            assert!(message.contains(&path.display().to_string()), "{message}");
            assert!(message.contains(":3:"), "{message}");
            assert!(!message.contains("wJalrXUtnFEMI"), "{message}");
        }
        other => panic!("expected a syntax error on line 3, got {other:?}"),
    }
    Ok(())
}

#[test]
fn a_file_that_is_not_utf8_is_a_syntax_error() -> TestResult {
    let home = TempDir::new()?;
    home.write(".aws/config", b"[default]\nregion = \xff\n")?;
    let result = ProfileSet::load(&home_env(&home, &[]));
    assert!(
        matches!(result, Err(ProfileError::Syntax { line: 2, .. })),
        "{result:?}"
    );
    Ok(())
}

#[test]
fn an_unreadable_path_is_a_read_error() -> TestResult {
    let home = TempDir::new()?;
    // A directory where the file should be.
    std::fs::create_dir_all(home.path().join(".aws/config"))?;
    let result = ProfileSet::load(&home_env(&home, &[]));
    assert!(
        matches!(result, Err(ProfileError::Read { .. })),
        "{result:?}"
    );
    Ok(())
}

#[test]
fn debug_shows_keys_but_not_values() -> TestResult {
    let home = TempDir::new()?;
    home.write(
        ".aws/credentials",
        "[default]\naws_access_key_id = AKID\naws_secret_access_key = very-secret-value\n",
    )?;
    let profiles = ProfileSet::load(&home_env(&home, &[]))?;
    let debug = format!("{profiles:?}");
    assert!(debug.contains("aws_secret_access_key"), "{debug}");
    assert!(!debug.contains("very-secret-value"), "{debug}");
    Ok(())
}
