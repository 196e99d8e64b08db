//! `factlint test`: runs every claim's examples and counterexamples.

use std::path::PathBuf;

use factlint::report::human;
use factlint::rule_examples::{explain_examples, run_examples};

use super::{load_config, load_rules, paths_or, stderr_options, ColorChoice, EXIT_FAILED};

/// Arguments of `factlint test`.
#[derive(clap::Args)]
pub struct TestArgs {
    /// Rule files or directories. Default: from factlint.yaml, else rules/
    rules: Vec<PathBuf>,
    /// When to use colours.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Show, for every example, each candidate the engine considered and why it was kept or refused.
    #[arg(long)]
    verbose: bool,
}

/// Runs the examples; returns the exit code (1 when any fails).
pub fn run(args: TestArgs) -> u8 {
    let rules = match load_config(args.color).and_then(|config| {
        load_rules(
            &paths_or(args.rules, &config, &config.rules, "rules"),
            args.color,
        )
    }) {
        Ok(rules) => rules,
        Err(code) => return code,
    };
    if args.verbose {
        print!("{}", explain_examples(&rules));
    }
    let report = run_examples(&rules);
    let options = stderr_options(args.color);
    for failure in &report.failures {
        eprint!("{}", human::render_diagnostic(failure, options));
    }
    if !report.untested.is_empty() {
        eprintln!(
            "warning: claims without examples: {}",
            report.untested.join(", ")
        );
    }
    println!(
        "{} examples of {} claims: {} passed, {} failed",
        report.run,
        rules.claims.len(),
        report.run - report.failures.len(),
        report.failures.len()
    );
    if report.failures.is_empty() {
        0
    } else {
        EXIT_FAILED
    }
}
