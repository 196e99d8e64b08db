//! Prints the expanded pattern of every claim, one a line, for a plain regex search of the same wordings:
//!
//! ```sh
//! cargo run --release --example dump_patterns -- rules > patterns.txt
//! rg -c -f patterns.txt corpus/
//! ```
//!
//! Named groups are made plain groups, since a search tool joins the lines into one regex where the same name
//! cannot appear twice; what the patterns match is unchanged.

use std::path::PathBuf;
use std::process::ExitCode;

use factlint::rules::RuleSet;

fn main() -> ExitCode {
    let mut paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        paths.push(PathBuf::from("rules"));
    }
    match RuleSet::load(&paths) {
        Ok(rules) => {
            for pattern in rules.expanded_patterns() {
                println!("{}", pattern.replace("(?P<value>", "(?:"));
            }
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for error in errors {
                eprintln!("{error}");
            }
            ExitCode::from(2)
        }
    }
}
