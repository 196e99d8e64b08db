//! `factlint check`: the main job, over a corpus or for one draft against it.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;

use factlint::baseline::Baseline;
use factlint::check::Checked;
use factlint::draft::{date_draft, keep_draft_findings};
use factlint::model::{Severity, WarningKind};
use factlint::reconcile::counted;
use factlint::report::human::{self, HumanOptions};
use factlint::report::{github, json, sarif, Format};
use factlint::rules::RuleSet;
use factlint::source::{type_list, Corpus, Source};

use super::{
    check_corpus, load_inputs, report_error, stderr_options, CheckRun, ColorChoice, InputArgs,
    Inputs,
};
use super::{EXIT_ERROR, EXIT_FAILED};

/// Arguments of `factlint check`.
#[derive(clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    inputs: InputArgs,
    /// Output format. Default: from factlint.yaml, else human.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write the report to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Check one draft against the corpus and report only what concerns the draft ("-" reads standard input).
    #[arg(long, value_name = "FILE")]
    draft: Option<PathBuf>,
    /// When the draft is published ("2025-06-09", "2025-06-09T18:00"), in place of its front matter's
    /// `published:`. A draft with neither is as of the corpus's latest figures for claims that follow time.
    #[arg(long, value_name = "DATE", requires = "draft")]
    draft_date: Option<String>,
    /// The path to report for a draft read from standard input.
    #[arg(long, value_name = "NAME", requires = "draft")]
    stdin_filename: Option<String>,
    /// Lowest severity of a conflict that fails the check (exit 1). Default: from factlint.yaml, else error.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Report only findings that this baseline does not accept. Default: from factlint.yaml.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record this run's conflicts and changes as the accepted baseline, then exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    #[command(flatten)]
    run: CheckRun,
    /// Every warning as a diagnostic on stderr, not only the first few and a count by kind.
    #[arg(long, short)]
    verbose: bool,
    /// Print the file types that --type and --type-not name, with their extensions, then exit.
    #[arg(long)]
    type_list: bool,
}

/// What stderr says of the check's warnings. The JSON report holds them all, so stderr names only the sources that
/// were skipped (they were not checked at all) and counts the rest by kind; the other formats do not hold warnings,
/// so stderr gets the human rendering (the first few and a count, or all with `--verbose`).
fn warnings_on_stderr(checked: &Checked, format: Format, args: &CheckArgs) -> String {
    if !matches!(format, Format::Json) {
        return human::render_warnings(checked, stderr_options(args.run.color), args.verbose);
    }
    let mut out = String::new();
    for warning in checked
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::Skipped)
    {
        out.push_str(&format!(
            "factlint: {}: {}\n",
            warning.path, warning.message
        ));
    }
    if !checked.warnings.is_empty() {
        out.push_str(&format!(
            "factlint: {} in the JSON report: {}\n",
            counted(checked.warnings.len(), "warning"),
            human::warnings_by_kind(&checked.warnings)
        ));
    }
    out
}

/// `--fail-on` values.
#[derive(Clone, Copy, clap::ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Note,
}

impl From<FailOn> for Severity {
    fn from(value: FailOn) -> Severity {
        match value {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Note => Severity::Note,
        }
    }
}

/// Runs the check; returns the exit code.
pub fn run(args: CheckArgs) -> u8 {
    match run_checked(args) {
        Ok(code) | Err(code) => code,
    }
}

fn run_checked(args: CheckArgs) -> Result<u8, u8> {
    if args.type_list {
        print!("{}", type_list());
        return Ok(0);
    }
    let Inputs {
        config,
        rules,
        paths,
        mut corpus,
    } = load_inputs(&args.inputs, args.run.color)?;
    if let Some(path) = &args.draft {
        add_draft(&mut corpus, path, &args)?;
    }
    let mut checked = check_corpus(&rules, corpus, &paths, &args.run)?;
    if let Some(index) = checked.sources.iter().position(|s| s.draft) {
        keep_draft_findings(&mut checked, &rules, index);
    }
    if let Some(path) = &args.write_baseline {
        let baseline = Baseline::record(&checked, &rules);
        read_back(&checked)?;
        write_file(path, &baseline.to_json())?;
        let count = baseline.findings.len();
        eprintln!(
            "factlint: wrote {count} accepted findings to {}",
            path.display()
        );
    }
    let baseline = args
        .baseline
        .clone()
        .or_else(|| config.baseline.as_ref().map(|b| config.resolve(b)));
    let hidden = match (&baseline, &args.write_baseline) {
        (Some(path), None) => apply_baseline(path, &mut checked, &rules)?,
        _ => 0,
    };
    let format = args.format.or(config.format).unwrap_or(Format::Human);
    eprint!("{}", warnings_on_stderr(&checked, format, &args));
    match &args.output {
        Some(path) => {
            let mut file = std::fs::File::create(path)
                .map_err(|e| fail(&format!("cannot write {}: {e}", path.display())))?;
            let written = render(&checked, &rules, format, &args, hidden, &mut file);
            read_back(&checked)?;
            written.map_err(|e| fail(&format!("cannot write {}: {e}", path.display())))?;
        }
        None => {
            let written = render(
                &checked,
                &rules,
                format,
                &args,
                hidden,
                &mut std::io::stdout().lock(),
            );
            read_back(&checked)?;
            written.map_err(|_| EXIT_ERROR)?;
        }
    }
    let threshold = args
        .fail_on
        .map(Severity::from)
        .or(config.fail_on)
        .unwrap_or(Severity::Error);
    let failed = args.write_baseline.is_none() && checked.fails(threshold);
    // The process ends with the check: freeing the compiled rules (their syntax trees, automata and per-thread
    // caches) piece by piece would cost as much as checking a few megabytes, for memory the exit gives back anyway.
    std::mem::forget(rules);
    Ok(if failed { EXIT_FAILED } else { 0 })
}

/// Writes the report; JSON is written as it is produced, the other formats once rendered, and not at all when the
/// mentions' places could not be read back.
fn render(
    checked: &Checked,
    rules: &RuleSet,
    format: Format,
    args: &CheckArgs,
    hidden: usize,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let text = match format {
        Format::Human => {
            let terminal = args.output.is_none() && std::io::stdout().is_terminal();
            let options: HumanOptions = super::human_options(args.run.color, terminal);
            let mut text = human::render(checked, rules, options);
            if hidden > 0 {
                text.push_str(&format!("{hidden} known findings hidden by the baseline\n"));
            }
            text
        }
        Format::Json => return json::write(checked, rules, out),
        Format::Sarif => sarif::render(checked, rules),
        Format::Github => github::render(checked, rules),
    };
    checked.mentions.read_back()?;
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Reads the draft and adds it to the corpus as its last source (dropping the corpus's copy of the same file, so
/// that the draft is not compared with itself), dated by `--draft-date` when given.
fn add_draft(corpus: &mut Corpus, path: &std::path::Path, args: &CheckArgs) -> Result<(), u8> {
    let stdin_name = args.stdin_filename.as_deref();
    let (name, bytes) = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| fail(&format!("cannot read the draft from standard input: {e}")))?;
        (stdin_name.unwrap_or("<stdin>").to_string(), bytes)
    } else {
        let bytes = std::fs::read(path)
            .map_err(|e| fail(&format!("cannot read the draft {}: {e}", path.display())))?;
        (
            path.to_string_lossy().trim_start_matches("./").to_string(),
            bytes,
        )
    };
    let mut draft = Source::from_bytes(&name, bytes).map_err(|e| fail(&format!("{name}: {e}")))?;
    draft.draft = true;
    if let Some(stamp) = &args.draft_date {
        date_draft(&mut draft, stamp).map_err(|e| fail(&format!("--draft-date: {e}")))?;
    }
    corpus.add(draft);
    Ok(())
}

fn apply_baseline(
    path: &std::path::Path,
    checked: &mut Checked,
    rules: &RuleSet,
) -> Result<usize, u8> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| fail(&format!("cannot read the baseline {}: {e}", path.display())))?;
    let baseline = Baseline::parse(&text)
        .map_err(|e| fail(&format!("invalid baseline {}: {e}", path.display())))?;
    Ok(baseline.filter(checked, rules))
}

/// An I/O error (exit code 2) when the temporary file of mention places failed to give some back: what was made
/// of them is wrong.
fn read_back(checked: &Checked) -> Result<(), u8> {
    checked
        .mentions
        .read_back()
        .map_err(|e| fail(&e.to_string()))
}

fn write_file(path: &std::path::Path, text: &str) -> Result<(), u8> {
    std::fs::write(path, text).map_err(|e| fail(&format!("cannot write {}: {e}", path.display())))
}

/// Prints an I/O or usage error; exit code 2.
fn fail(message: &str) -> u8 {
    report_error(
        &miette::MietteDiagnostic::new(message.to_string()),
        ColorChoice::Auto,
    );
    EXIT_ERROR
}
