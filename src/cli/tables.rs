//! `factlint rules`, `factlint explain` and `factlint schema`: what the rules define and what the corpus says.

use std::path::PathBuf;

use factlint::check::check;
use factlint::extract::considered;
use factlint::kinds::date::parse_publication_date;
use factlint::report::table;
use factlint::rules::rules_schema;
use factlint::rules::RuleSet;
use factlint::source::Source;

use super::{load_config, load_corpus, load_rules, paths_or, ColorChoice, RulesArgs, EXIT_ERROR};

/// Arguments of `factlint explain`.
#[derive(clap::Args)]
pub struct ExplainArgs {
    /// The claim id.
    claim: String,
    /// Files or directories to read. Default: from factlint.yaml, else seeds/
    paths: Vec<PathBuf>,
    /// Rule file or directory of rule files. Default: from factlint.yaml, else rules/
    #[arg(long = "rules", value_name = "DIR_OR_FILE")]
    rules: Vec<PathBuf>,
    /// When to use colours in diagnostics.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Explain one text instead of the corpus: every candidate the engine considered, and why it was kept or
    /// refused.
    #[arg(long, value_name = "TEXT")]
    text: Option<String>,
    /// With --text: the text's publication date, which anchors relative dates ("2024-05-20").
    #[arg(long, value_name = "DATE", requires = "text")]
    published: Option<String>,
    #[command(flatten)]
    walk: super::walk::WalkArgs,
}

/// Lists the claims.
pub fn rules(args: RulesArgs) -> u8 {
    let loaded = load_config(args.color).and_then(|config| {
        load_rules(
            &paths_or(args.rules, &config, &config.rules, "rules"),
            args.color,
        )
    });
    match loaded {
        Ok(rules) => {
            print!("{}", table::claims(&rules));
            0
        }
        Err(code) => code,
    }
}

/// Prints what every source says about one claim.
pub fn explain(args: ExplainArgs) -> u8 {
    let run = || -> Result<u8, u8> {
        let config = load_config(args.color)?;
        let rules = load_rules(
            &paths_or(args.rules.clone(), &config, &config.rules, "rules"),
            args.color,
        )?;
        let Some(index) = rules.claims.iter().position(|c| c.id == args.claim) else {
            let ids: Vec<&str> = rules.claims.iter().map(|c| c.id.as_str()).collect();
            eprintln!(
                "error: no claim `{}`; the rules define: {}",
                args.claim,
                ids.join(", ")
            );
            return Err(EXIT_ERROR);
        };
        if let Some(text) = &args.text {
            return explain_text(&rules, index, text, args.published.as_deref());
        }
        let corpus = load_corpus(
            &paths_or(args.paths.clone(), &config, &config.paths, "seeds"),
            &config,
            &args.walk,
            args.color,
        )?;
        let checked = check(&rules, corpus);
        print!("{}", table::explain(&checked, &rules, index));
        Ok(0)
    };
    run().unwrap_or_else(|code| code)
}

/// Prints every candidate of claim `index` in `text`, kept or refused, and why.
fn explain_text(
    rules: &RuleSet,
    index: usize,
    text: &str,
    published: Option<&str>,
) -> Result<u8, u8> {
    let mut source = Source::in_memory("text", text).map_err(|e| {
        eprintln!("error: {e}");
        EXIT_ERROR
    })?;
    if let Some(date) = published {
        source.published = Some(parse_publication_date(date).ok_or_else(|| {
            eprintln!("error: --published {date:?} is not a date such as 2024-05-20");
            EXIT_ERROR
        })?);
    }
    let candidates = considered(&rules.claims[index], &source);
    print!(
        "{}",
        table::considered(rules, index, &source.text, &candidates)
    );
    Ok(0)
}

/// Prints the JSON Schema of rule files.
pub fn schema() -> u8 {
    print!("{}", rules_schema());
    0
}
