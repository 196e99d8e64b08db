//! Writes a deterministic, news-like corpus for benchmarks and scale tests.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --docs 200 --seed 7 --out target/corpus
//! cargo run --release --example gen_corpus -- --mb 100 --seed 7 --out target/corpus-100mb
//! cargo run --release --example gen_corpus -- --profile dense --mb 100 --seed 7 --out target/dense-100mb
//! ```
//!
//! Two profiles: `sparse` (the default) writes news digests of 1 KB to 4 MB with a planted mention in about one
//! sentence in thirty and a `sources.yaml` manifest with publication dates; `dense` writes short reports of one
//! story as real coverage reads, about a quarter of their sentences planted mentions, with front matter that most
//! often gives no date (see `dense.rs`). Either way the directory gets `planted.json` with the number of planted
//! mentions per claim (which `factlint check` must find, no more and no fewer), and the same arguments give the
//! same bytes.

mod corpus;
mod dense;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str =
    "usage: gen_corpus [--profile sparse|dense] [--docs N] [--mb SIZE] [--seed S] --out DIR";

/// The shape of the corpus to write.
enum Profile {
    /// News digests with a planted mention in about one sentence in thirty (`corpus.rs`), the default.
    Sparse,
    /// Short reports of one story, about a quarter of their sentences planted mentions (`dense.rs`).
    Dense,
}

fn main() -> ExitCode {
    let (profile, plan, out) = match parse(std::env::args().skip(1).collect()) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("gen_corpus: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let written = match profile {
        Profile::Sparse => corpus::generate(plan, &out),
        Profile::Dense => dense::generate(plan, &out),
    };
    match written {
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
    }
}

fn parse(args: Vec<String>) -> Result<(Profile, corpus::Plan, PathBuf), String> {
    let mut profile = Profile::Sparse;
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
            "--profile" => {
                profile = match value()?.as_str() {
                    "sparse" => Profile::Sparse,
                    "dense" => Profile::Dense,
                    other => return Err(format!("unknown profile {other:?}: sparse or dense")),
                }
            }
            "--docs" => plan.docs = Some(number(&value()?)?),
            "--mb" => plan.bytes = Some(number::<u64>(&value()?)? * 1_000_000),
            "--seed" => plan.seed = number(&value()?)?,
            "--out" => out = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok((profile, plan, out.ok_or("--out is required")?))
}

fn number<T: std::str::FromStr>(text: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("{text:?} is not a number"))
}
