//! `../shared`, the reference material the conformance, protocol-test and
//! endpoint-test commands read (the README's test command never needs it).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

use crate::cli::repo_root;

pub use crate::supported_folders::SUPPORTED_MODEL_FOLDERS;

/// `../shared`, which must exist for `command`.
pub fn shared_dir(command: &str) -> anyhow::Result<PathBuf> {
    let dir = repo_root().join("../shared");
    if !dir.is_dir() {
        bail!(
            "{command} needs {} (the shared reference material) and it is missing",
            dir.display()
        );
    }
    dir.canonicalize()
        .with_context(|| format!("cannot resolve {}", dir.display()))
}

/// Every model file (`*.json`) of the supported folders, sorted by path.
pub fn supported_models(shared: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut models = Vec::new();
    for folder in SUPPORTED_MODEL_FOLDERS {
        let dir = shared.join("models").join(folder);
        let entries =
            std::fs::read_dir(&dir).with_context(|| format!("cannot list {}", dir.display()))?;
        for entry in entries {
            let path = entry
                .with_context(|| format!("cannot list {}", dir.display()))?
                .path();
            if path.extension().is_some_and(|e| e == "json") {
                models.push(path);
            }
        }
    }
    models.sort();
    Ok(models)
}

/// A model's file name without `.json`, which names its generated crate.
pub fn model_stem(model: &Path) -> String {
    model
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("model")
        .to_owned()
}
