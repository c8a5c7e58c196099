//! Region resolution against the shared config file.

#[path = "support/temp_dir.rs"]
mod temp_dir;

use awsgen_auth::{resolve_region, Environment, ProfileSet, RegionError};
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
fn the_profile_region_is_the_last_resort() -> TestResult {
    let home = TempDir::new()?;
    home.write(".aws/config", "[default]\nregion = eu-north-1\n")?;
    let env = home_env(&home, &[]);
    let profiles = ProfileSet::load(&env)?;
    let region = resolve_region(None, &env, Some(&profiles))?;
    assert_eq!(region.as_str(), "eu-north-1");

    let env = home_env(&home, &[("AWS_DEFAULT_REGION", "sa-east-1")]);
    let region = resolve_region(None, &env, Some(&profiles))?;
    assert_eq!(region.as_str(), "sa-east-1");
    Ok(())
}

#[test]
fn not_found_lists_the_files_looked_at() -> TestResult {
    let home = TempDir::new()?;
    let config = home.write(".aws/config", "[profile dev]\noutput = json\n")?;
    let env = home_env(&home, &[("AWS_PROFILE", "dev")]);
    let profiles = ProfileSet::load(&env)?;
    match resolve_region(None, &env, Some(&profiles)) {
        Err(error @ RegionError::NotFound { .. }) => {
            let message = error.to_string();
            assert!(
                message.contains("environment variable AWS_REGION (not set)"),
                "{message}"
            );
            assert!(
                message.contains(&format!(
                    "shared config file {} (profile `dev` has no region)",
                    config.display()
                )),
                "{message}"
            );
            assert!(message.contains("shared credentials file"), "{message}");
        }
        other => panic!("expected NotFound, got {other:?}"),
    }
    Ok(())
}

#[test]
fn an_invalid_profile_region_names_the_profile() -> TestResult {
    let home = TempDir::new()?;
    home.write(".aws/config", "[default]\nregion = us_east_1\n")?;
    let env = home_env(&home, &[]);
    let profiles = ProfileSet::load(&env)?;
    let message = resolve_region(None, &env, Some(&profiles))
        .map_err(|error| error.to_string())
        .err()
        .unwrap_or_default();
    assert!(message.contains("`us_east_1`"), "{message}");
    assert!(message.contains("profile `default`"), "{message}");
    Ok(())
}
