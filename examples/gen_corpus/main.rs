//! Writes a deterministic, news-like corpus for benchmarks and scale tests.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --docs 200 --seed 7 --out target/corpus
//! cargo run --release --example gen_corpus -- --mb 100 --seed 7 --out target/corpus-100mb
//! ```
//!
//! The directory gets the documents, a `sources.yaml` manifest with publication dates, and `planted.json` with the
//! number of planted mentions per claim (which `factlint check` must find, no more and no fewer).

mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: gen_corpus [--docs N] [--mb SIZE] [--seed S] --out DIR";

fn main() -> ExitCode {
    match parse(std::env::args().skip(1).collect()) {
        Ok((plan, out)) => match corpus::generate(plan, &out) {
            Ok(planted) => {
                let total: usize = planted.mentions.values().sum();
                println!(
                    "wrote {} documents, {:.1} MB, {total} planted mentions to {}",
                    planted.docs,
                    planted.bytes as f64 / 1e6,
                    out.display()
                );
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("gen_corpus: {}: {error}", out.display());
                ExitCode::FAILURE
            }
        },
        Err(message) => {
            eprintln!("gen_corpus: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn parse(args: Vec<String>) -> Result<(corpus::Plan, PathBuf), String> {
    let mut plan = corpus::Plan {
        docs: None,
        bytes: None,
        seed: 1,
    };
    let mut out = None;
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--docs" => plan.docs = Some(number(&value()?)?),
            "--mb" => plan.bytes = Some(number::<u64>(&value()?)? * 1_000_000),
            "--seed" => plan.seed = number(&value()?)?,
            "--out" => out = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok((plan, out.ok_or("--out is required")?))
}

fn number<T: std::str::FromStr>(text: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("{text:?} is not a number"))
}
