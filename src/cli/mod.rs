//! Command-line arguments, and what the subcommands share: settings from `factlint.yaml`, loading rules and
//! the corpus, and how diagnostics are drawn.

pub mod check;
pub mod progress;
pub mod tables;
pub mod test;

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use miette::Diagnostic;

use factlint::config::Config;
use factlint::report::human::{self, HumanOptions};
use factlint::rules::RuleSet;
use factlint::source::Corpus;

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
    /// Print the JSON Schema of rule files (for editors' YAML language servers).
    Schema,
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

/// Loads the corpus with the configuration's excludes and manifest.
pub fn load_corpus(paths: &[PathBuf], config: &Config, choice: ColorChoice) -> Result<Corpus, u8> {
    let options = config.corpus_options().map_err(|message| {
        eprintln!("error: {message}");
        EXIT_ERROR
    })?;
    Corpus::load_with(paths, &options).map_err(|e| {
        report_error(&e, choice);
        EXIT_ERROR
    })
}
