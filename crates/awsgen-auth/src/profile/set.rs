//! One profile, merged from both shared files.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::PathBuf;

use super::files::{self, FileKind, FileState, SharedFile};
use super::parser::{RawProperty, RawSection};
use super::ProfileError;
use crate::env::Environment;

const DEFAULT_PROFILE: &str = "default";

/// The selected profile of the shared files, with the `[services ...]` sections of
/// the config file.
///
/// The config file is read first, then the credentials file; for a key set in both,
/// the credentials file wins. `[default]` does not supply values to other profiles.
/// `Debug` shows property names, never values.
#[derive(Clone)]
pub struct ProfileSet {
    profile_name: String,
    properties: BTreeMap<String, RawProperty>,
    services: BTreeMap<String, BTreeMap<String, RawProperty>>,
    /// Every profile of both files (the selected one too), merged the same
    /// way, by name: what a `source_profile` chain walks.
    others: BTreeMap<String, BTreeMap<String, RawProperty>>,
    /// The config file's `[sso-session name]` sections.
    sso_sessions: BTreeMap<String, BTreeMap<String, RawProperty>>,
    files: Vec<FileSummary>,
}

/// One profile's properties, or one `[sso-session]` section's: a view into a
/// [`ProfileSet`]. Keys are case-insensitive.
#[derive(Clone, Copy)]
pub struct Section<'a> {
    name: &'a str,
    properties: &'a BTreeMap<String, RawProperty>,
}

impl<'a> Section<'a> {
    /// The profile's (or session's) name.
    pub fn name(&self) -> &'a str {
        self.name
    }

    /// The value of `key`, or `None` when it is not set.
    pub fn get(&self, key: &str) -> Option<&'a str> {
        self.properties
            .get(&key.to_ascii_lowercase())
            .map(|property| property.value.as_str())
    }

    /// The value of `key` when it is set and not blank, trimmed.
    pub fn non_blank(&self, key: &str) -> Option<&'a str> {
        self.get(key)
            .map(str::trim)
            .filter(|value| !value.is_empty())
    }
}

/// Names only: values may be secrets.
impl fmt::Debug for Section<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Section")
            .field("name", &self.name)
            .field("keys", &self.properties.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// What one file contributed, kept for diagnostics.
#[derive(Debug, Clone)]
struct FileSummary {
    kind: FileKind,
    path: Option<PathBuf>,
    state: SummaryState,
}

#[derive(Debug, Clone)]
enum SummaryState {
    NoPath,
    NotFound,
    /// The file exists; `keys` are the selected profile's keys in it, `None` when
    /// the file does not define the profile.
    Loaded {
        keys: Option<BTreeSet<String>>,
    },
}

impl ProfileSet {
    /// Loads the profile named by `AWS_PROFILE`, or `default`.
    pub fn load(env: &Environment) -> Result<Self, ProfileError> {
        let name = env.var("AWS_PROFILE").map_or(DEFAULT_PROFILE, str::trim);
        Self::load_profile(env, name)
    }

    /// Loads the profile `profile_name`, whatever `AWS_PROFILE` says. Missing files
    /// and an undefined profile give an empty set, not an error.
    pub fn load_profile(env: &Environment, profile_name: &str) -> Result<Self, ProfileError> {
        let config = files::load(FileKind::Config, env)?;
        let credentials = files::load(FileKind::Credentials, env)?;
        let mut set = Self {
            profile_name: profile_name.to_owned(),
            properties: BTreeMap::new(),
            services: BTreeMap::new(),
            others: BTreeMap::new(),
            sso_sessions: BTreeMap::new(),
            files: Vec::with_capacity(2),
        };
        // Order matters: later files override earlier ones key by key.
        for file in [config, credentials] {
            set.merge(file);
        }
        Ok(set)
    }

    fn merge(&mut self, file: SharedFile) {
        let state = match file.state {
            FileState::NoPath => SummaryState::NoPath,
            FileState::NotFound => SummaryState::NotFound,
            FileState::Parsed(sections) => {
                let profile = profile_properties(file.kind, &sections, &self.profile_name);
                let keys = profile
                    .as_ref()
                    .map(|properties| properties.keys().cloned().collect());
                self.properties.extend(profile.unwrap_or_default());
                for name in profile_names(file.kind, &sections) {
                    if let Some(properties) = profile_properties(file.kind, &sections, &name) {
                        self.others.entry(name).or_default().extend(properties);
                    }
                }
                if file.kind == FileKind::Config {
                    for (kind, name, properties) in named_sections(sections) {
                        let map = match kind {
                            NamedKind::Services => &mut self.services,
                            NamedKind::SsoSession => &mut self.sso_sessions,
                        };
                        map.entry(name).or_default().extend(properties);
                    }
                }
                SummaryState::Loaded { keys }
            }
        };
        self.files.push(FileSummary {
            kind: file.kind,
            path: file.path,
            state,
        });
    }

    /// The selected profile's name.
    pub fn profile_name(&self) -> &str {
        &self.profile_name
    }

    /// The value of `key` (case-insensitive) in the selected profile.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.properties
            .get(&key.to_ascii_lowercase())
            .map(|property| property.value.as_str())
    }

    /// The selected profile as a [`Section`] (empty when no file defines it).
    pub fn selected(&self) -> Section<'_> {
        Section {
            name: &self.profile_name,
            properties: &self.properties,
        }
    }

    /// Any profile of the two files by name (`source_profile` chains name
    /// others), merged as the selected one is; `None` when neither file
    /// defines it.
    pub fn profile(&self, name: &str) -> Option<Section<'_>> {
        self.others
            .get_key_value(name)
            .map(|(name, properties)| Section { name, properties })
    }

    /// The config file's `[sso-session name]` section.
    pub fn sso_session(&self, name: &str) -> Option<Section<'_>> {
        self.sso_sessions
            .get_key_value(name)
            .map(|(name, properties)| Section { name, properties })
    }

    /// Where the shared files are, for messages: the paths looked at.
    pub fn file_paths(&self) -> Vec<&std::path::Path> {
        self.files
            .iter()
            .filter_map(|file| file.path.as_deref())
            .collect()
    }

    /// A nested setting of the selected profile: `key` with indented
    /// `sub = value` lines under it, as the SDKs read S3's settings:
    ///
    /// ```ini
    /// [default]
    /// s3 =
    ///   addressing_style = path
    /// ```
    ///
    /// gives `sub_property("s3", "addressing_style")`. Both keys are
    /// case-insensitive.
    pub fn sub_property(&self, key: &str, sub: &str) -> Option<&str> {
        self.properties
            .get(&key.to_ascii_lowercase())?
            .sub_properties
            .get(&sub.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// A per-service setting: the profile's `services = <name>` points at a
    /// `[services <name>]` section of the config file, where
    ///
    /// ```ini
    /// ecr =
    ///   endpoint_url = http://localhost:4566
    /// ```
    ///
    /// gives `service_setting("ecr", "endpoint_url")`. Both keys are
    /// case-insensitive.
    pub fn service_setting(&self, service_key: &str, key: &str) -> Option<&str> {
        let section = self.services.get(self.get("services")?.trim())?;
        section
            .get(&service_key.to_ascii_lowercase())?
            .sub_properties
            .get(&key.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// One line per file saying what it holds for `key` in the selected profile,
    /// the file that wins first; used in "looked at" error messages.
    pub(crate) fn describe_lookup(&self, key: &str) -> Vec<String> {
        let profile = &self.profile_name;
        self.files
            .iter()
            .rev()
            .map(|file| {
                let what = file.kind.description();
                let Some(path) = &file.path else {
                    return format!(
                        "{what} (no path: neither {} nor a home directory is set)",
                        file.kind.path_variable()
                    );
                };
                let path = path.display();
                match &file.state {
                    SummaryState::NoPath | SummaryState::NotFound => {
                        format!("{what} {path} (not found)")
                    }
                    SummaryState::Loaded { keys: None } => {
                        format!("{what} {path} (no profile `{profile}`)")
                    }
                    SummaryState::Loaded { keys: Some(keys) } if keys.contains(key) => {
                        format!("{what} {path} (profile `{profile}` sets {key})")
                    }
                    SummaryState::Loaded { keys: Some(_) } => {
                        format!("{what} {path} (profile `{profile}` has no {key})")
                    }
                }
            })
            .collect()
    }
}

impl fmt::Debug for ProfileSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProfileSet")
            .field("profile_name", &self.profile_name)
            .field("keys", &self.properties.keys().collect::<Vec<_>>())
            .field("services", &self.services.keys().collect::<Vec<_>>())
            .field("profiles", &self.others.keys().collect::<Vec<_>>())
            .field(
                "sso_sessions",
                &self.sso_sessions.keys().collect::<Vec<_>>(),
            )
            .field(
                "files",
                &self.files.iter().map(|file| &file.path).collect::<Vec<_>>(),
            )
            .finish()
    }
}

/// What a section header means in one of the files.
#[derive(Debug, PartialEq, Eq)]
enum SectionKind<'a> {
    /// `[profile name]` in the config file, `[name]` in the credentials file.
    Profile(&'a str),
    /// `[default]` in the config file, which `[profile default]` overrides.
    BareDefault,
    /// `[services name]` in the config file.
    Services(&'a str),
    /// `[sso-session name]` in the config file.
    SsoSession(&'a str),
    /// Anything else (a config `[name]` without `profile`).
    Other,
}

fn classify(kind: FileKind, header: &str) -> SectionKind<'_> {
    let (word, rest) = match header.split_once(char::is_whitespace) {
        Some((word, rest)) => (word, Some(rest.trim())),
        None => (header, None),
    };
    match (kind, word, rest) {
        (FileKind::Config, "profile", Some(name)) => SectionKind::Profile(name),
        (FileKind::Config, "services", Some(name)) => SectionKind::Services(name),
        (FileKind::Config, "sso-session", Some(name)) => SectionKind::SsoSession(name),
        (FileKind::Config, DEFAULT_PROFILE, None) => SectionKind::BareDefault,
        (FileKind::Config, _, _) => SectionKind::Other,
        // The credentials file names profiles bare; a `profile ` prefix is dropped.
        (FileKind::Credentials, "profile", Some(name)) => SectionKind::Profile(name),
        (FileKind::Credentials, _, _) => SectionKind::Profile(header),
    }
}

/// The merged properties of every section naming `profile` in one file, or `None`
/// when the file does not define it.
fn profile_properties(
    kind: FileKind,
    sections: &[RawSection],
    profile: &str,
) -> Option<BTreeMap<String, RawProperty>> {
    let prefixed: Vec<&RawSection> = sections
        .iter()
        .filter(|section| classify(kind, &section.header) == SectionKind::Profile(profile))
        .collect();
    let matching = if prefixed.is_empty() && profile == DEFAULT_PROFILE {
        sections
            .iter()
            .filter(|section| classify(kind, &section.header) == SectionKind::BareDefault)
            .collect()
    } else {
        prefixed
    };
    if matching.is_empty() {
        return None;
    }
    let mut properties = BTreeMap::new();
    for section in matching {
        properties.extend(section.properties.clone());
    }
    Some(properties)
}

/// The names of the profiles a file defines (`default` once, whether as
/// `[default]` or `[profile default]`).
fn profile_names(kind: FileKind, sections: &[RawSection]) -> BTreeSet<String> {
    sections
        .iter()
        .filter_map(|section| match classify(kind, &section.header) {
            SectionKind::Profile(name) => Some(name.to_owned()),
            SectionKind::BareDefault => Some(DEFAULT_PROFILE.to_owned()),
            _ => None,
        })
        .collect()
}

/// Config-file sections with a kind and a name besides profiles.
enum NamedKind {
    Services,
    SsoSession,
}

fn named_sections(
    sections: Vec<RawSection>,
) -> impl Iterator<Item = (NamedKind, String, BTreeMap<String, RawProperty>)> {
    sections.into_iter().filter_map(|section| {
        let (kind, name) = match classify(FileKind::Config, &section.header) {
            SectionKind::Services(name) => (NamedKind::Services, name.to_owned()),
            SectionKind::SsoSession(name) => (NamedKind::SsoSession, name.to_owned()),
            _ => return None,
        };
        Some((kind, name, section.properties))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_headers_need_the_profile_prefix() {
        assert_eq!(
            classify(FileKind::Config, "profile dev"),
            SectionKind::Profile("dev")
        );
        assert_eq!(
            classify(FileKind::Config, "profile \t dev "),
            SectionKind::Profile("dev")
        );
        assert_eq!(
            classify(FileKind::Config, "default"),
            SectionKind::BareDefault
        );
        assert_eq!(
            classify(FileKind::Config, "services local"),
            SectionKind::Services("local")
        );
        assert_eq!(classify(FileKind::Config, "dev"), SectionKind::Other);
        assert_eq!(
            classify(FileKind::Config, "sso-session corp"),
            SectionKind::SsoSession("corp")
        );
    }

    #[test]
    fn credentials_headers_are_bare_names() {
        assert_eq!(
            classify(FileKind::Credentials, "dev"),
            SectionKind::Profile("dev")
        );
        assert_eq!(
            classify(FileKind::Credentials, "profile dev"),
            SectionKind::Profile("dev")
        );
        assert_eq!(
            classify(FileKind::Credentials, "default"),
            SectionKind::Profile("default")
        );
    }
}
