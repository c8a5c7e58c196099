//! How a run ends: its exit status and what it learned about the scan, and
//! the report made of them on stdout (the text report's closing lines, or
//! the JSON document).

use crate::findings::Summary;
use crate::gate::Verdict;
use crate::json_report;
use crate::output::{self, Format};
use crate::report::Exit;
use crate::scan_record::ScanRecord;

#[derive(Debug)]
pub(crate) struct Ending {
    pub(crate) exit: Exit,
    pub(crate) record: ScanRecord,
    /// The findings of a completed scan.
    pub(crate) summary: Option<Summary>,
    /// The `--fail-on` judgement of those findings.
    pub(crate) verdict: Option<Verdict>,
}

impl Ending {
    /// The findings (text) or the JSON document, then the `--fail-on` verdict.
    pub(crate) fn print(&self, format: Format) {
        match format {
            Format::Text => {
                if let Some(summary) = &self.summary {
                    output::report_text(&summary.render());
                }
            }
            Format::Json if self.has_document() => output::json_document(&json_report::document(
                &self.record,
                self.summary.as_ref(),
                self.verdict,
                self.exit,
            )),
            Format::Json => {}
        }
        match self.verdict {
            // On stderr, as the reason for the exit status; the findings say which.
            Some(verdict) if verdict.failed() => output::diagnostic(&verdict.describe()),
            Some(verdict) => output::progress(format, &verdict.describe()),
            None => {}
        }
    }

    /// Whether the run learned something to report about the scan: it
    /// completed (0, 5), failed (3) or was still running (0 with `--no-wait`,
    /// 4). With 1 or 2 a call or the configuration failed, stdout stays
    /// empty and stderr says why.
    fn has_document(&self) -> bool {
        matches!(
            self.exit,
            Exit::Success | Exit::ScanFailed | Exit::TimedOut | Exit::FindingsAtOrAbove
        )
    }
}
