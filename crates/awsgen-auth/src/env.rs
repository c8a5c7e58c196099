//! A snapshot of the environment variables that configure AWS clients.
//!
//! Providers read this snapshot rather than the live process environment, so tests
//! can describe any environment without touching (and racing on) the real one.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

/// Environment variables captured at one moment, plus the home directory they imply.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Environment {
    vars: BTreeMap<String, String>,
}

impl Environment {
    /// Captures the current process environment. Variables whose name or value is
    /// not valid Unicode are left out (no AWS setting can use them).
    pub fn from_process() -> Self {
        Self::from_vars(std::env::vars_os().filter_map(|(name, value)| {
            Some((name.into_string().ok()?, value.into_string().ok()?))
        }))
    }

    /// Builds an environment from explicit `(name, value)` pairs; a later pair
    /// replaces an earlier one with the same name.
    pub fn from_vars<K, V>(vars: impl IntoIterator<Item = (K, V)>) -> Self
    where
        K: Into<String>,
        V: Into<String>,
    {
        Self {
            vars: vars
                .into_iter()
                .map(|(name, value)| (name.into(), value.into()))
                .collect(),
        }
    }

    /// The value of `name`, or `None` when it is unset, empty or only whitespace
    /// (the AWS SDKs treat a blank variable as not set).
    pub fn var(&self, name: &str) -> Option<&str> {
        self.vars
            .get(name)
            .map(String::as_str)
            .filter(|value| !value.trim().is_empty())
    }

    /// The home directory `~` expands to: `HOME`, else `USERPROFILE`, else
    /// `HOMEDRIVE` + `HOMEPATH` (the Windows variables are consulted on every
    /// platform, after `HOME`).
    pub fn home_dir(&self) -> Option<PathBuf> {
        if let Some(home) = self.var("HOME").or_else(|| self.var("USERPROFILE")) {
            return Some(PathBuf::from(home));
        }
        match (self.var("HOMEDRIVE"), self.var("HOMEPATH")) {
            (Some(drive), Some(path)) => Some(PathBuf::from(format!("{drive}{path}"))),
            _ => None,
        }
    }
}

/// Lists variable names only: values include secrets such as
/// `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.
impl fmt::Debug for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Environment")
            .field("var_names", &self.vars.keys().collect::<Vec<_>>())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_values_count_as_unset() {
        let env = Environment::from_vars([("A", "x"), ("B", ""), ("C", " \t ")]);
        assert_eq!(env.var("A"), Some("x"));
        assert_eq!(env.var("B"), None);
        assert_eq!(env.var("C"), None);
        assert_eq!(env.var("D"), None);
    }

    #[test]
    fn later_pairs_replace_earlier_ones() {
        let env = Environment::from_vars([("A", "1"), ("A", "2")]);
        assert_eq!(env.var("A"), Some("2"));
    }

    #[test]
    fn home_dir_prefers_home_then_windows_variables() {
        let env = Environment::from_vars([("HOME", "/h"), ("USERPROFILE", "C:\\u")]);
        assert_eq!(env.home_dir(), Some(PathBuf::from("/h")));
        let env = Environment::from_vars([("USERPROFILE", "C:\\u")]);
        assert_eq!(env.home_dir(), Some(PathBuf::from("C:\\u")));
        let env = Environment::from_vars([("HOMEDRIVE", "D:"), ("HOMEPATH", "\\me")]);
        assert_eq!(env.home_dir(), Some(PathBuf::from("D:\\me")));
        assert_eq!(Environment::default().home_dir(), None);
    }

    #[test]
    fn debug_shows_names_but_no_values() {
        let env = Environment::from_vars([("AWS_SECRET_ACCESS_KEY", "very-secret-value")]);
        let debug = format!("{env:?}");
        assert!(debug.contains("AWS_SECRET_ACCESS_KEY"), "{debug}");
        assert!(!debug.contains("very-secret-value"), "{debug}");
    }

    #[test]
    fn process_snapshot_includes_path() {
        // PATH is set in any environment cargo runs tests in; this checks that the
        // snapshot really reads the process environment.
        let env = Environment::from_process();
        assert_eq!(env.var("PATH"), std::env::var("PATH").ok().as_deref());
    }
}
