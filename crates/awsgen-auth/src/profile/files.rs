//! Finding and reading the two shared files.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::parser::{parse, RawSection};
use super::ProfileError;
use crate::env::Environment;

/// Real shared files are a few kilobytes; the cap keeps a path pointing at a device
/// or a huge file from hanging or exhausting memory.
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Which of the two shared files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    Config,
    Credentials,
}

impl FileKind {
    /// The variable that overrides the file's location.
    pub(crate) fn path_variable(self) -> &'static str {
        match self {
            Self::Config => "AWS_CONFIG_FILE",
            Self::Credentials => "AWS_SHARED_CREDENTIALS_FILE",
        }
    }

    /// How diagnostics name the file.
    pub(crate) fn description(self) -> &'static str {
        match self {
            Self::Config => "shared config file",
            Self::Credentials => "shared credentials file",
        }
    }

    fn file_name(self) -> &'static str {
        match self {
            Self::Config => "config",
            Self::Credentials => "credentials",
        }
    }
}

/// What was found where a shared file should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FileState {
    /// No override variable and no home directory, so there is no path to look at.
    NoPath,
    /// Nothing at the path; that is normal.
    NotFound,
    Parsed(Vec<RawSection>),
}

/// One shared file: where it is and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SharedFile {
    pub(crate) kind: FileKind,
    pub(crate) path: Option<PathBuf>,
    pub(crate) state: FileState,
}

/// Locates, reads and parses one shared file. A missing file is not an error.
pub(crate) fn load(kind: FileKind, env: &Environment) -> Result<SharedFile, ProfileError> {
    let Some(path) = locate(kind, env) else {
        return Ok(SharedFile {
            kind,
            path: None,
            state: FileState::NoPath,
        });
    };
    let state = match read_capped(&path) {
        Ok(bytes) => FileState::Parsed(parse_bytes(&path, bytes)?),
        Err(error) if error.kind() == io::ErrorKind::NotFound => FileState::NotFound,
        Err(source) => return Err(ProfileError::Read { path, source }),
    };
    Ok(SharedFile {
        kind,
        path: Some(path),
        state,
    })
}

/// The override variable (with `~` expanded), else `~/.aws/<file>`.
fn locate(kind: FileKind, env: &Environment) -> Option<PathBuf> {
    match env.var(kind.path_variable()) {
        Some(path) => Some(expand_home(path, env)),
        None => Some(env.home_dir()?.join(".aws").join(kind.file_name())),
    }
}

/// Expands a leading `~` (alone, or followed by `/` or `\`). Without a home
/// directory the path is used as written.
fn expand_home(path: &str, env: &Environment) -> PathBuf {
    let rest = match path.strip_prefix('~') {
        Some("") => Some(""),
        Some(rest) => rest.strip_prefix(['/', '\\']),
        None => None,
    };
    match (rest, env.home_dir()) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(path),
    }
}

fn read_capped(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    File::open(path)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if u64::try_from(bytes.len()).map_or(true, |len| len > MAX_FILE_BYTES) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "larger than the {} MiB limit for shared files",
                MAX_FILE_BYTES >> 20
            ),
        ));
    }
    Ok(bytes)
}

fn parse_bytes(path: &Path, bytes: Vec<u8>) -> Result<Vec<RawSection>, ProfileError> {
    let text = String::from_utf8(bytes).map_err(|error| {
        let valid = error.as_bytes().get(..error.utf8_error().valid_up_to());
        let newlines = valid.map_or(0, |valid| valid.iter().filter(|&&b| b == b'\n').count());
        ProfileError::Syntax {
            path: path.to_path_buf(),
            line: newlines + 1,
            message: "the file is not UTF-8 text",
        }
    })?;
    parse(&text).map_err(|error| ProfileError::Syntax {
        path: path.to_path_buf(),
        line: error.line,
        message: error.message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn override_variables_win_and_expand_the_home_directory() {
        let env = Environment::from_vars([
            ("HOME", "/home/me"),
            ("AWS_CONFIG_FILE", "~/custom/config"),
            ("AWS_SHARED_CREDENTIALS_FILE", "/etc/creds"),
        ]);
        assert_eq!(
            locate(FileKind::Config, &env).as_deref(),
            Some(Path::new("/home/me/custom/config"))
        );
        assert_eq!(
            locate(FileKind::Credentials, &env).as_deref(),
            Some(Path::new("/etc/creds"))
        );
    }

    #[test]
    fn default_locations_are_under_dot_aws() {
        let env = Environment::from_vars([("HOME", "/home/me")]);
        assert_eq!(
            locate(FileKind::Config, &env).as_deref(),
            Some(Path::new("/home/me/.aws/config"))
        );
        assert_eq!(
            locate(FileKind::Credentials, &env).as_deref(),
            Some(Path::new("/home/me/.aws/credentials"))
        );
        assert_eq!(locate(FileKind::Config, &Environment::default()), None);
    }

    #[test]
    fn only_a_leading_tilde_segment_is_expanded() {
        let env = Environment::from_vars([("HOME", "/h")]);
        assert_eq!(expand_home("~", &env), PathBuf::from("/h"));
        assert_eq!(expand_home("~/a", &env), PathBuf::from("/h/a"));
        assert_eq!(expand_home("~user/a", &env), PathBuf::from("~user/a"));
        assert_eq!(expand_home("/a/~/b", &env), PathBuf::from("/a/~/b"));
        assert_eq!(
            expand_home("~/a", &Environment::default()),
            PathBuf::from("~/a")
        );
    }
}
