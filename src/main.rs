//! The `factlint` command line. Exit codes: 0 no conflict at the failing severity, 1 conflicts found (or rule
//! examples failed), 2 usage, configuration, rule or I/O errors.

mod cli;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() {
                cli::EXIT_ERROR
            } else {
                0
            });
        }
    };
    let code = match cli.command {
        Command::Check(args) => cli::check::run(args),
        Command::Test(args) => cli::test::run(args),
        Command::Rules(args) => cli::tables::rules(args),
        Command::Explain(args) => cli::tables::explain(args),
        Command::Report(args) => cli::report::run(args),
        Command::Schema => cli::tables::schema(),
        Command::Init(args) => cli::init::run(args),
        Command::Completions { shell } => cli::docs::completions(shell),
        Command::Man => cli::docs::man(),
        Command::Lsp => factlint::lsp::serve(),
    };
    ExitCode::from(code)
}
