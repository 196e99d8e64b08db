//! The `factlint` command line. Exit codes: 0 no conflict at error level, 1 conflicts found, 2 usage, rule or
//! I/O errors.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use factlint::check::check;
use factlint::report::human::{self, HumanOptions};
use factlint::report::{json, Format};
use factlint::rules::{RuleSet, Severity};
use factlint::source::Corpus;

/// Exit code when a conflict at error level was found.
const EXIT_CONFLICT: u8 = 1;
/// Exit code for usage, rule and I/O errors.
const EXIT_ERROR: u8 = 2;

#[derive(Parser)]
#[command(
    name = "factlint",
    version,
    about = "Checks a corpus of reports for facts that agree or contradict each other"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check sources against the rules and report conflicts and agreements.
    Check(CheckArgs),
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or directories to check (directories are walked, honouring .gitignore). Default: seeds/
    paths: Vec<PathBuf>,
    /// Rule file or directory of rule files; may be given more than once. Default: rules/
    #[arg(long = "rules", value_name = "DIR_OR_FILE")]
    rules: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// When to use colours in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { EXIT_ERROR } else { 0 });
        }
    };
    match cli.command {
        Command::Check(args) => run_check(args),
    }
}

fn run_check(args: CheckArgs) -> ExitCode {
    let options = human_options(args.color);
    let paths = or_default(args.paths, "seeds");
    let rule_paths = or_default(args.rules, "rules");
    let rules = match RuleSet::load(&rule_paths) {
        Ok(rules) => rules,
        Err(errors) => {
            for error in errors {
                eprint!(
                    "{}",
                    human::render_diagnostic(&error, stderr_options(options))
                );
            }
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let corpus = match Corpus::load(&paths) {
        Ok(corpus) => corpus,
        Err(error) => {
            eprint!(
                "{}",
                human::render_diagnostic(&error, stderr_options(options))
            );
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let checked = check(&rules, corpus);
    eprint!(
        "{}",
        human::render_warnings(&checked, stderr_options(options))
    );
    let output = match args.format {
        Format::Human => human::render(&checked, &rules, options),
        Format::Json => json::render(&checked, &rules),
    };
    if std::io::stdout()
        .lock()
        .write_all(output.as_bytes())
        .is_err()
    {
        return ExitCode::from(EXIT_ERROR);
    }
    if checked.fails(Severity::Error) {
        ExitCode::from(EXIT_CONFLICT)
    } else {
        ExitCode::SUCCESS
    }
}

fn or_default(paths: Vec<PathBuf>, default: &str) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from(default)]
    } else {
        paths
    }
}

/// Colour on a terminal unless NO_COLOR is set; width of the terminal, else a fixed 100 so that piped output is
/// the same everywhere.
fn human_options(choice: ColorChoice) -> HumanOptions {
    let terminal = std::io::stdout().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && !no_color,
    };
    let width = if terminal {
        terminal_width().unwrap_or(100)
    } else {
        100
    };
    HumanOptions { color, width }
}

fn stderr_options(stdout: HumanOptions) -> HumanOptions {
    HumanOptions {
        color: stdout.color && std::io::stderr().is_terminal(),
        ..stdout
    }
}

fn terminal_width() -> Option<usize> {
    std::env::var("COLUMNS").ok()?.parse().ok()
}
