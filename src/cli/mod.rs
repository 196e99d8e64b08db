//! Command-line arguments, and what the subcommands share: settings from `factlint.yaml`, loading rules and
//! the corpus, and how diagnostics are drawn.

pub mod check;
pub mod docs;
pub mod init;
pub mod progress;
pub mod report;
pub mod tables;
pub mod test;
pub mod walk;

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use miette::Diagnostic;

use factlint::check::{check_with, CheckOptions, Checked};
use factlint::config::Config;
use factlint::report::human::{self, HumanOptions};
use factlint::rules::RuleSet;
use factlint::source::{nothing_read, Corpus, SourceProblem};
use progress::Progress;

/// Exit code when a conflict at the failing severity was found, or a rule example failed.
pub const EXIT_FAILED: u8 = 1;
/// Exit code for usage, configuration, rule and I/O errors.
pub const EXIT_ERROR: u8 = 2;

#[derive(Parser)]
#[command(
    name = "factlint",
    version,
    about = "Checks a corpus of reports for facts that agree or contradict each other"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Check sources against the rules and report conflicts and agreements.
    Check(check::CheckArgs),
    /// Run the examples and counterexamples of every claim.
    Test(test::TestArgs),
    /// List the claims the rules define.
    Rules(RulesArgs),
    /// Show what every source says about one claim.
    Explain(tables::ExplainArgs),
    /// Write one self-contained HTML page: summary, claims by sources, timelines, findings and sources.
    Report(report::ReportArgs),
    /// Print the JSON Schema of rule files (for editors' YAML language servers).
    Schema,
    /// Set up a folder: a commented factlint.yaml, starter rules with examples, and a manifest of the sources found.
    Init(init::InitArgs),
    /// Print the completion script of a shell (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page, in roff (`factlint man > factlint.1`).
    Man,
    /// Run a language server on standard input and output: editors show the contradictions of the document being
    /// written with the corpus.
    Lsp,
}

/// Where the rules come from.
#[derive(clap::Args)]
pub struct RulesArgs {
    /// Rule file or directory of rule files; may be given more than once. Default: from factlint.yaml, else rules/
    #[arg(long = "rules", value_name = "DIR_OR_FILE")]
    pub rules: Vec<PathBuf>,
    /// When to use colours.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// When to use colours.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Colour on a terminal unless NO_COLOR is set; the terminal's width, else a fixed 100 so that piped output is
/// the same everywhere.
pub fn human_options(choice: ColorChoice, terminal: bool) -> HumanOptions {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && !no_color,
    };
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    let width = if terminal {
        columns.unwrap_or(100)
    } else {
        100
    };
    HumanOptions { color, width }
}

/// Options for diagnostics on stderr.
pub fn stderr_options(choice: ColorChoice) -> HumanOptions {
    human_options(choice, std::io::stderr().is_terminal())
}

/// Prints a diagnostic on stderr.
pub fn report_error(error: &dyn Diagnostic, choice: ColorChoice) {
    eprint!(
        "{}",
        human::render_diagnostic(error, stderr_options(choice))
    );
}

/// The paths given, else those of the configuration, else `default`.
pub fn paths_or(
    given: Vec<PathBuf>,
    config: &Config,
    configured: &[PathBuf],
    default: &str,
) -> Vec<PathBuf> {
    if !given.is_empty() {
        given
    } else if !configured.is_empty() {
        configured.iter().map(|p| config.resolve(p)).collect()
    } else {
        vec![PathBuf::from(default)]
    }
}

/// Loads the configuration, printing its error (exit code 2) when it is broken.
pub fn load_config(choice: ColorChoice) -> Result<Config, u8> {
    Config::discover().map_err(|e| {
        report_error(&e, choice);
        EXIT_ERROR
    })
}

/// Loads the rules, printing every error (exit code 2) when some file is broken.
pub fn load_rules(paths: &[PathBuf], choice: ColorChoice) -> Result<RuleSet, u8> {
    RuleSet::load(paths).map_err(|errors| {
        for error in &errors {
            report_error(error, choice);
        }
        EXIT_ERROR
    })
}

/// Loads the corpus with the configuration's excludes and manifest, walking directories as `walk` says.
pub fn load_corpus(
    paths: &[PathBuf],
    config: &Config,
    walk: &walk::WalkArgs,
    choice: ColorChoice,
) -> Result<Corpus, u8> {
    let fail = |message: String| {
        eprintln!("error: {message}");
        EXIT_ERROR
    };
    let mut options = config.corpus_options().map_err(fail)?;
    options.walk = walk.options(config).map_err(fail)?;
    Corpus::load_with(paths, &options).map_err(|e| {
        report_error(&e, choice);
        EXIT_ERROR
    })
}

/// What a check of the corpus starts from: the settings, the rules, and the corpus with the paths it came from.
pub struct Inputs {
    /// `factlint.yaml`, or the defaults.
    pub config: Config,
    /// The rules given, else configured, else `rules/`.
    pub rules: RuleSet,
    /// The corpus paths given, else configured, else `seeds/`.
    pub paths: Vec<PathBuf>,
    /// The corpus found at those paths, not read yet.
    pub corpus: Corpus,
}

/// Where a check's corpus and rules come from: paths, rule files, and how directories are walked.
#[derive(clap::Args)]
pub struct InputArgs {
    /// Files or directories to check (directories are walked, honouring .gitignore).
    /// Default: from factlint.yaml, else seeds/
    pub paths: Vec<PathBuf>,
    /// Rule file or directory of rule files; may be given more than once. Default: from factlint.yaml, else rules/
    #[arg(long = "rules", value_name = "DIR_OR_FILE")]
    pub rules: Vec<PathBuf>,
    #[command(flatten)]
    pub walk: walk::WalkArgs,
}

/// Loads the configuration, the rules and the corpus, printing what is broken (exit code 2).
pub fn load_inputs(args: &InputArgs, choice: ColorChoice) -> Result<Inputs, u8> {
    let config = load_config(choice)?;
    let rules = load_rules(
        &paths_or(args.rules.clone(), &config, &config.rules, "rules"),
        choice,
    )?;
    let paths = paths_or(args.paths.clone(), &config, &config.paths, "seeds");
    let corpus = load_corpus(&paths, &config, &args.walk, choice)?;
    Ok(Inputs {
        config,
        rules,
        paths,
        corpus,
    })
}

/// How a check runs: on how many threads, with or without a progress bar, and how diagnostics are drawn.
#[derive(clap::Args)]
pub struct CheckRun {
    /// When to use colours in diagnostics (and in human output).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Threads to read and extract sources on. Default: one per available core.
    #[arg(long, value_name = "N", default_value_t = 0, hide_default_value = true)]
    pub threads: usize,
    /// No progress bar on long runs.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Checks the corpus, with a progress bar on long runs; an error (exit code 2) when no source could be read.
pub fn check_corpus(
    rules: &RuleSet,
    corpus: Corpus,
    paths: &[PathBuf],
    run: &CheckRun,
) -> Result<Checked, u8> {
    let progress = Progress::start(corpus.sources.len(), corpus.bytes(), !run.quiet);
    let report = |bytes| progress.source_done(bytes);
    let options = CheckOptions {
        threads: run.threads,
        progress: Some(&report),
    };
    let checked = check_with(rules, corpus, &options);
    drop(progress);
    if checked.sources.is_empty() {
        report_error(&nothing_read(paths, &skipped(&checked)), run.color);
        return Err(EXIT_ERROR);
    }
    Ok(checked)
}

/// The sources a check skipped, from its warnings.
fn skipped(checked: &Checked) -> Vec<SourceProblem> {
    checked
        .warnings
        .iter()
        .filter(|w| w.place.is_none())
        .map(|w| SourceProblem {
            path: w.path.clone(),
            reason: w
                .message
                .strip_prefix("skipped: ")
                .unwrap_or(&w.message)
                .to_string(),
        })
        .collect()
}
