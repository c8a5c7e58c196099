//! Finding severities as ECR names them, their order, and the `--fail-on`
//! threshold over them.

use std::fmt;

/// Severities from worst to least, as ECR names them.
pub(crate) const ORDER: [&str; 6] = [
    "CRITICAL",
    "HIGH",
    "MEDIUM",
    "LOW",
    "INFORMATIONAL",
    "UNDEFINED",
];

/// Where a severity sorts in a report: its place in `ORDER`, and a name ECR
/// adds later after all of them.
pub(crate) fn rank(severity: &str) -> usize {
    ORDER
        .iter()
        .position(|known| *known == severity)
        .unwrap_or(ORDER.len())
}

/// `--fail-on SEVERITY`: a finding of this severity or a worse one fails the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Threshold {
    /// Index into `ORDER`.
    rank: usize,
}

impl Threshold {
    /// One of `ORDER`, in any case.
    pub(crate) fn parse(name: &str) -> Option<Threshold> {
        ORDER
            .iter()
            .position(|known| known.eq_ignore_ascii_case(name.trim()))
            .map(|rank| Threshold { rank })
    }

    /// The severity's name as ECR spells it.
    pub(crate) fn name(self) -> &'static str {
        ORDER[self.rank]
    }

    /// Whether findings of `severity` fail the run. A severity ECR adds
    /// later counts as UNDEFINED: `--fail-on UNDEFINED` means "any finding",
    /// and nothing unknown is taken to be worse than it says.
    pub(crate) fn includes(self, severity: &str) -> bool {
        rank(severity).min(ORDER.len() - 1) <= self.rank
    }
}

impl fmt::Display for Threshold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use ecr_types::FindingSeverity;

    use super::*;

    #[test]
    fn the_order_follows_the_models_severities() {
        let from_model: Vec<&str> = [
            FindingSeverity::Critical,
            FindingSeverity::High,
            FindingSeverity::Medium,
            FindingSeverity::Low,
            FindingSeverity::Informational,
            FindingSeverity::Undefined,
        ]
        .iter()
        .map(FindingSeverity::as_str)
        .collect();
        assert_eq!(from_model, ORDER);
    }

    #[test]
    fn a_threshold_includes_itself_and_everything_worse() {
        let high = Threshold::parse("high").unwrap();
        assert_eq!(high.name(), "HIGH");
        assert!(high.includes("CRITICAL") && high.includes("HIGH"));
        assert!(!high.includes("MEDIUM") && !high.includes("UNDEFINED"));
        assert!(!high.includes("SEVERE"), "unknown counts as UNDEFINED");
        let any = Threshold::parse("UNDEFINED").unwrap();
        assert!(ORDER.iter().all(|s| any.includes(s)) && any.includes("SEVERE"));
        assert_eq!(Threshold::parse("severe"), None);
        assert_eq!(Threshold::parse(""), None);
    }
}
