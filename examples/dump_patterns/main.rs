//! Prints the expanded pattern of every claim, one a line, for a plain regex search of the same wordings:
//!
//! ```sh
//! cargo run --release --example dump_patterns -- rules > patterns.txt
//! cargo run --release --example dump_patterns -- --ascii-word-boundaries rules > patterns-ascii.txt
//! rg -c -f patterns.txt corpus/
//! ```
//!
//! Named groups are made plain groups, since a search tool joins the lines into one regex where the same name
//! cannot appear twice; what the patterns match is unchanged. `--ascii-word-boundaries` also makes every Unicode
//! word boundary (`\b` and its kin) an ASCII one, `(?-u:\b)`: the same matches on ASCII text, and a search that a
//! DFA can run on text with non-ASCII characters, so that the benchmark can compare factlint with ripgrep at its
//! fastest as well as with the patterns as written (see BENCHMARKS.md).

mod search_pattern;

use std::path::PathBuf;
use std::process::ExitCode;

use factlint::rules::RuleSet;
use search_pattern::search_pattern;

const USAGE: &str = "usage: dump_patterns [--ascii-word-boundaries] [RULES...]";

fn main() -> ExitCode {
    let mut ascii_word_boundaries = false;
    let mut paths = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--ascii-word-boundaries" => ascii_word_boundaries = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            flag if flag.starts_with('-') => {
                eprintln!("dump_patterns: unknown argument {flag:?}\n{USAGE}");
                return ExitCode::from(2);
            }
            path => paths.push(PathBuf::from(path)),
        }
    }
    if paths.is_empty() {
        paths.push(PathBuf::from("rules"));
    }
    let rules = match RuleSet::load(&paths) {
        Ok(rules) => rules,
        Err(errors) => {
            for error in errors {
                eprintln!("{error}");
            }
            return ExitCode::from(2);
        }
    };
    for pattern in rules.expanded_patterns() {
        match search_pattern(pattern, ascii_word_boundaries) {
            Ok(rewritten) => println!("{rewritten}"),
            Err(message) => {
                eprintln!("dump_patterns: cannot rewrite the pattern {pattern:?}: {message}");
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}
