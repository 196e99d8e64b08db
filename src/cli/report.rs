//! `factlint report`: the check of a corpus as one self-contained HTML page, for a curator to look at rather
//! than read.

use std::path::PathBuf;

use factlint::report::html::{self, HtmlOptions};
use factlint::report::human;

use super::{
    check_corpus, load_inputs, report_error, stderr_options, CheckRun, ColorChoice, InputArgs,
    Inputs, EXIT_ERROR,
};

/// Arguments of `factlint report`.
#[derive(clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    inputs: InputArgs,
    /// Write the page to this file.
    #[arg(long, value_name = "FILE")]
    html: PathBuf,
    /// The time the page states as the check's, in RFC 3339 ("2025-03-15T08:00:00Z").
    /// Default: SOURCE_DATE_EPOCH (seconds) when set, else now.
    #[arg(long, value_name = "TIME")]
    now: Option<jiff::Timestamp>,
    #[command(flatten)]
    run: CheckRun,
}

/// Checks the corpus and writes the page; returns the exit code: 0 once the page is written, whatever it shows, 2
/// on a usage, configuration, rule or I/O error.
pub fn run(args: ReportArgs) -> u8 {
    match write_report(args) {
        Ok(()) => 0,
        Err(code) => code,
    }
}

fn write_report(args: ReportArgs) -> Result<(), u8> {
    let checked_at = checked_at(args.now).map_err(|message| fail(&message, args.run.color))?;
    let Inputs {
        rules,
        paths,
        corpus,
        ..
    } = load_inputs(&args.inputs, args.run.color)?;
    let checked = check_corpus(&rules, corpus, &paths, &args.run)?;
    eprint!(
        "{}",
        human::render_warnings(&checked, stderr_options(args.run.color), false)
    );
    let page = html::render(&checked, &rules, &HtmlOptions { checked_at });
    checked
        .mentions
        .read_back()
        .map_err(|e| fail(&e.to_string(), args.run.color))?;
    std::fs::write(&args.html, page).map_err(|e| {
        fail(
            &format!("cannot write {}: {e}", args.html.display()),
            args.run.color,
        )
    })?;
    eprintln!(
        "factlint: wrote {} ({} sources, {} findings)",
        args.html.display(),
        checked.sources.len(),
        checked.findings.len()
    );
    Ok(())
}

/// The time the page states: `--now`, else `SOURCE_DATE_EPOCH` (for reproducible builds), else the clock.
fn checked_at(now: Option<jiff::Timestamp>) -> Result<jiff::Timestamp, String> {
    if let Some(now) = now {
        return Ok(now);
    }
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(epoch) if !epoch.trim().is_empty() => epoch
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|seconds| jiff::Timestamp::from_second(seconds).ok())
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH {epoch:?} is not a number of seconds")),
        _ => Ok(jiff::Timestamp::now()),
    }
}

/// Prints a usage or I/O error; exit code 2.
fn fail(message: &str, color: ColorChoice) -> u8 {
    report_error(&miette::MietteDiagnostic::new(message.to_string()), color);
    EXIT_ERROR
}
