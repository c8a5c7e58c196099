//! Running a generated test crate and counting its cases: every case is a
//! pass, a failure with its output, or a failure because it could not be
//! turned into a test or did not run; none is skipped silently.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Stdio;

use anyhow::Context;

use super::results::TestRun;

/// Runs the integration test `test` of the crate at `crate_dir` in the
/// workspace's target directory (shared, so common dependencies compile
/// once) with the workspace's versions; build progress goes to the
/// terminal, test output is returned.
pub fn cargo_test(root: &Path, crate_dir: &Path, test: &str) -> anyhow::Result<String> {
    let result = crate::locked::cargo_command()
        .args(["test", "--locked", "--test", test, "--manifest-path"])
        .arg(crate_dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", root.join("target"))
        // Failures are reported by their messages; backtraces would bury them.
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .context("cannot run cargo")?;
    Ok(String::from_utf8_lossy(&result.stdout).into_owned())
}

/// How the cases of one run came out.
#[derive(Debug, Default, PartialEq)]
pub struct Tally {
    pub passed: usize,
    /// Case key and why, sorted by key.
    pub failed: Vec<(String, String)>,
}

impl Tally {
    /// Counts `tests` (test path to case key) against `run`; `broken` cases
    /// (key and reason) had no test and count as failures.
    pub fn count(
        tests: &BTreeMap<String, String>,
        broken: &[(String, String)],
        run: &TestRun,
    ) -> Tally {
        let mut tally = Tally {
            passed: 0,
            failed: broken.to_vec(),
        };
        for (test, key) in tests {
            match run.outcomes.get(test) {
                Some(true) => tally.passed += 1,
                Some(false) => {
                    let output = run
                        .failure_output
                        .get(test)
                        .map_or("(no output captured)", String::as_str);
                    tally.failed.push((key.clone(), output.to_owned()));
                }
                None => tally.failed.push((
                    key.clone(),
                    "did not run (the test crate failed to build, or the test is missing)"
                        .to_owned(),
                )),
            }
        }
        tally.failed.sort();
        tally
    }

    /// Prints each failure with its reason, indented.
    pub fn print_failures(&self) {
        for (key, why) in &self.failed {
            println!("\nFAILED {key}\n{}", indent(why));
        }
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|line| format!("    {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_case_is_passed_failed_broken_or_missing() {
        let tests = BTreeMap::from([
            ("m::a".to_owned(), "case:a".to_owned()),
            ("m::b".to_owned(), "case:b".to_owned()),
            ("m::c".to_owned(), "case:c".to_owned()),
        ]);
        let run = TestRun {
            outcomes: BTreeMap::from([("m::a".to_owned(), true), ("m::b".to_owned(), false)]),
            failure_output: BTreeMap::from([("m::b".to_owned(), "boom".to_owned())]),
        };
        let broken = [("case:d".to_owned(), "no such operation".to_owned())];
        let tally = Tally::count(&tests, &broken, &run);
        assert_eq!(tally.passed, 1);
        let keys: Vec<&str> = tally.failed.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["case:b", "case:c", "case:d"]);
        assert_eq!(tally.failed[0].1, "boom");
        assert!(tally.failed[1].1.starts_with("did not run"));
    }
}
