//! `factlint rules`, `factlint explain` and `factlint schema`: what the rules define and what the corpus says.

use std::path::PathBuf;

use factlint::check::check;
use factlint::report::table;
use factlint::rules::rules_schema;

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
        let corpus = load_corpus(
            &paths_or(args.paths.clone(), &config, &config.paths, "seeds"),
            &config,
            args.color,
        )?;
        let checked = check(&rules, corpus);
        print!("{}", table::explain(&checked, &rules, index));
        Ok(0)
    };
    run().unwrap_or_else(|code| code)
}

/// Prints the JSON Schema of rule files.
pub fn schema() -> u8 {
    print!("{}", rules_schema());
    0
}
