//! Generated crates built outside the workspace (conformance, protocol
//! tests) resolve their dependencies from the workspace's `Cargo.lock`, so
//! that they build with the versions the workspace was tested with and a
//! new upstream release cannot turn them red. Building at the newest
//! versions is a separate, deliberate CI step (`.ci/newest-versions`).

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context};

/// Starts `crate_dir`'s lockfile from the workspace's and lets cargo add the
/// generated crate itself and drop what it does not use; then checks that
/// every registry package kept its workspace version. Later builds pass
/// `--locked`, so nothing changes after this.
pub fn seed_lockfile(root: &Path, crate_dir: &Path) -> anyhow::Result<()> {
    let workspace_lock = root.join("Cargo.lock");
    let lock = crate_dir.join("Cargo.lock");
    std::fs::copy(&workspace_lock, &lock)
        .with_context(|| format!("cannot write {}", lock.display()))?;
    // `--workspace` unlocks only the generated crate, never a dependency.
    let status = cargo_command()
        .args(["update", "--quiet", "--workspace", "--manifest-path"])
        .arg(crate_dir.join("Cargo.toml"))
        .status()
        .context("cannot run cargo")?;
    if !status.success() {
        bail!(
            "cargo could not fit {} to the workspace lockfile",
            crate_dir.display()
        );
    }
    let workspace = registry_packages(&read(&workspace_lock)?);
    let changed: Vec<_> = registry_packages(&read(&lock)?)
        .difference(&workspace)
        .map(|(name, version)| format!("{name} {version}"))
        .collect();
    if !changed.is_empty() {
        bail!(
            "{} resolved packages the workspace lockfile does not pin: {}",
            crate_dir.display(),
            changed.join(", ")
        );
    }
    Ok(())
}

/// `cargo`, without the package variables `cargo xtask` runs us with: build
/// scripts (ring's) watch some of them, so passing them on would make shared
/// dependencies rebuild here and again in every workspace build.
pub fn cargo_command() -> Command {
    let mut command = Command::new(env!("CARGO"));
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("CARGO_PKG_")
            || [
                "CARGO_MANIFEST_DIR",
                "CARGO_MANIFEST_PATH",
                "CARGO_CRATE_NAME",
                "CARGO_BIN_NAME",
                "CARGO_PRIMARY_PACKAGE",
            ]
            .contains(&name.as_ref())
        {
            command.env_remove(name.as_ref());
        }
    }
    command
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// `(name, version)` of every package in a lockfile that comes from a
/// registry or git (path packages have no `source`).
fn registry_packages(lock: &str) -> BTreeSet<(String, String)> {
    lock.split("[[package]]")
        .filter_map(|block| {
            let field = |key: &str| {
                block.lines().find_map(|line| {
                    let value = line.strip_prefix(key)?.trim_start().strip_prefix('=')?;
                    Some(value.trim().trim_matches('"').to_owned())
                })
            };
            field("source")?;
            Some((field("name")?, field("version")?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::registry_packages;

    #[test]
    fn path_packages_are_left_out_and_versions_kept() {
        let lock = r#"
version = 4

[[package]]
name = "serde"
version = "1.0.228"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "awsgen-types"
version = "0.1.0"
dependencies = ["serde"]
"#;
        let packages: Vec<_> = registry_packages(lock).into_iter().collect();
        assert_eq!(packages, [("serde".to_owned(), "1.0.228".to_owned())]);
    }
}
