//! `factlint init`: writes the files of a first run, then says what to do next.

use std::path::PathBuf;

use factlint::init::{plan, write, Found, Init, Outcome};

use super::{report_error, ColorChoice, EXIT_ERROR};

/// Arguments of `factlint init`.
#[derive(clap::Args)]
pub struct InitArgs {
    /// The folder to set up: the one that holds the reports, or their folders.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Overwrite files that exist (by default they are kept).
    #[arg(long)]
    force: bool,
}

/// Plans and writes the files; returns the exit code (2 when the folder cannot be read or written).
pub fn run(args: InitArgs) -> u8 {
    if !args.dir.is_dir() {
        eprintln!("error: {} is not a folder", args.dir.display());
        return EXIT_ERROR;
    }
    let init = match plan(&args.dir) {
        Ok(init) => init,
        Err(error) => {
            report_error(&error, ColorChoice::Auto);
            return EXIT_ERROR;
        }
    };
    match write(&args.dir, &init, args.force) {
        Ok(outcomes) => {
            print!("{}", summary(&init, &outcomes));
            0
        }
        Err(message) => {
            eprintln!("error: {message}");
            EXIT_ERROR
        }
    }
}

/// What was found and written, and the next steps.
fn summary(init: &Init, outcomes: &[(PathBuf, Outcome)]) -> String {
    let mut text = format!("{}\n", found_line(&init.sources));
    if init.needs_no_ignore {
        text.push_str(
            "some are in files that .gitignore or .ignore excludes: factlint.yaml sets no_ignore\n",
        );
    }
    for (path, outcome) in outcomes {
        let path = path.to_string_lossy().replace('\\', "/");
        text.push_str(&match outcome {
            Outcome::Written => format!("  wrote {path}\n"),
            Outcome::Kept => format!("  kept {path}: it exists (--force overwrites it)\n"),
        });
    }
    let starter = outcomes
        .iter()
        .any(|(path, outcome)| path.ends_with("starter.yaml") && *outcome == Outcome::Written);
    let rules = if starter {
        ", rewrite the claims of rules/starter.yaml for your story"
    } else {
        ""
    };
    text.push_str(&format!(
        "next: fill in the empty fields of sources.yaml{rules},\nthen run `factlint test` (the rules' examples) \
         and `factlint check` (the corpus)\n"
    ));
    text
}

/// "3 sources found: 1 date stated, 1 inferred, 1 to fill in".
fn found_line(sources: &[Found]) -> String {
    if sources.is_empty() {
        return "no source found: factlint.yaml names the folder itself; name the corpus folders there".to_string();
    }
    let count = |f: &dyn Fn(&Found) -> bool| sources.iter().filter(|s| f(s)).count();
    let stated = count(&|s| s.published.is_some() && s.inferred.is_none());
    let inferred = count(&|s| s.inferred.is_some());
    let missing = sources.len() - stated - inferred;
    let plural = if sources.len() == 1 { "" } else { "s" };
    format!(
        "{} source{plural} found: publication date stated by {stated}, inferred for {inferred}, to fill in for {missing}",
        sources.len()
    )
}
