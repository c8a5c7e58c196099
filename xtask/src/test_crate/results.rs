//! Reading libtest's plain output: which tests passed, which failed, and what
//! each failure printed.

use std::collections::BTreeMap;

/// Outcome of every test libtest reported, by test path (`request::X`).
#[derive(Debug, Default, PartialEq)]
pub struct TestRun {
    pub outcomes: BTreeMap<String, bool>,
    /// The captured output of failed tests.
    pub failure_output: BTreeMap<String, String>,
}

/// Parses `cargo test` stdout.
pub fn parse(stdout: &str) -> TestRun {
    let mut run = TestRun::default();
    let mut current: Option<(String, Vec<&str>)> = None;
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix("test ") {
            if let Some((name, status)) = rest.rsplit_once(" ... ") {
                match status.trim() {
                    "ok" => {
                        run.outcomes.insert(name.to_owned(), true);
                    }
                    "FAILED" => {
                        run.outcomes.insert(name.to_owned(), false);
                    }
                    _ => {}
                }
                continue;
            }
        }
        if let Some(name) = line
            .strip_prefix("---- ")
            .and_then(|rest| rest.strip_suffix(" stdout ----"))
        {
            if let Some((name, lines)) = current.take() {
                run.failure_output.insert(name, lines.join("\n"));
            }
            current = Some((name.to_owned(), Vec::new()));
            continue;
        }
        // The list of failures or the summary ends the last captured section.
        if line == "failures:" || line.starts_with("test result:") {
            if let Some((name, lines)) = current.take() {
                run.failure_output.insert(name, lines.join("\n"));
            }
            continue;
        }
        if let Some((_, lines)) = current.as_mut() {
            lines.push(line);
        }
    }
    if let Some((name, lines)) = current {
        run.failure_output.insert(name, lines.join("\n"));
    }
    for output in run.failure_output.values_mut() {
        *output = output.trim().to_owned();
    }
    run
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTPUT: &str = "\
running 3 tests
test request::a ... ok
test response::b ... FAILED
test error_response::c ... ok

failures:

---- response::b stdout ----

thread 'response::b' panicked at tests/protocol/response.rs:9:5:
the parsed value differs:
  value.x: expected 1, got 2


failures:
    response::b

test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out
";

    #[test]
    fn reads_outcomes_and_failure_output() {
        let run = parse(OUTPUT);
        assert_eq!(run.outcomes.len(), 3);
        assert_eq!(run.outcomes.get("request::a"), Some(&true));
        assert_eq!(run.outcomes.get("response::b"), Some(&false));
        let output = &run.failure_output["response::b"];
        assert!(
            output.starts_with("thread 'response::b' panicked"),
            "{output}"
        );
        assert!(output.ends_with("value.x: expected 1, got 2"), "{output}");
    }

    #[test]
    fn nothing_reported_is_empty() {
        assert_eq!(parse("error: could not compile"), TestRun::default());
    }
}
