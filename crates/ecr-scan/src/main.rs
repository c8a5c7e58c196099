//! `ecr-scan IMAGE`: starts an Amazon ECR basic image scan with the
//! generated client (`ecr_types::Client`), waits for it with the model's
//! `ImageScanComplete` waiter and reports the findings by severity, as text
//! or as a JSON document (`--format json`), failing on `--fail-on`.
//!
//! Module map: `args` (the command line), `client` (configuration from the
//! environment plus flags), `journey` (start, wait, read every findings
//! page), `findings` (the summary), `severity` and `gate` (`--fail-on`),
//! `scan_record` and `ending` (what the run learned), `json_report` (the
//! document), `report`, `wait_report` and `config_report` (messages and exit
//! statuses), `output` (what is written where), `escape` (outside text
//! made safe to print) and `logging` (`-v` and `RUST_LOG`: the client's
//! spans and events on stderr).

mod args;
mod client;
mod config_report;
mod ending;
mod escape;
mod findings;
mod gate;
mod journey;
mod json_report;
mod logging;
mod output;
mod report;
mod scan_record;
mod severity;
mod wait_report;

use std::process::ExitCode;

use awsgen_types::Validate;

use crate::args::Command;
use crate::report::Exit;

fn main() -> ExitCode {
    // A few sequential calls need no worker threads; the timer serves the
    // client's timeouts and the waiter's delays.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            output::diagnostic(&format!("cannot start the async runtime: {err}"));
            return Exit::CallFailed.into();
        }
    };
    runtime.block_on(scan())
}

async fn scan() -> ExitCode {
    let scan = match args::parse(std::env::args_os().skip(1)) {
        Ok(Command::Help) => {
            output::report_text(args::USAGE);
            return Exit::Success.into();
        }
        Ok(Command::Scan(scan)) => scan,
        Err(err) => {
            output::usage_error(&err);
            return Exit::UsageOrConfig.into();
        }
    };

    let rust_log = std::env::var("RUST_LOG").ok();
    let (filter, skipped) = logging::Filter::new(scan.verbosity, rust_log.as_deref());
    for directive in skipped {
        output::diagnostic(&format!(
            "RUST_LOG: ignoring {} (only `level`, `target` and `target=level` are read)",
            escape::quoted(&directive)
        ));
    }
    logging::install(filter);

    // Checked here so a malformed name is a usage error, not a round trip.
    if let Err(violations) = scan.request().validate() {
        let violations: Vec<String> = violations.into_iter().map(|v| v.to_string()).collect();
        output::diagnostic(&format!(
            "the request for {} is not valid: {}",
            escape::quoted(&scan.image.to_string()),
            violations.join("; ")
        ));
        return Exit::UsageOrConfig.into();
    }

    let vars = std::env::vars_os()
        .filter_map(|(name, value)| Some((name.into_string().ok()?, value.into_string().ok()?)));
    let client = match client::build(&scan, vars).await {
        Ok(client) => client,
        Err(err) => {
            output::diagnostic(&config_report::config_failed(&err, &scan));
            return Exit::UsageOrConfig.into();
        }
    };

    let ending = journey::run(&client, &scan).await;
    ending.print(scan.format);
    ending.exit.into()
}
