//! The walking flags of `check` and `explain`, as ripgrep names them.

use clap::builder::PossibleValuesParser;

use factlint::config::Config;
use factlint::walk::types::{TypeFilter, FILE_TYPES};
use factlint::walk::WalkOptions;

/// How directories are walked. Files named on the command line are always read.
#[derive(clap::Args, Default)]
pub struct WalkArgs {
    /// Also walk files that .gitignore, .ignore, .git/info/exclude or the global git ignore file exclude.
    #[arg(long)]
    no_ignore: bool,
    /// Also walk hidden files and directories (names that start with a dot).
    #[arg(long)]
    hidden: bool,
    /// Take only walked files that match GLOB, or leave out those that match !GLOB; relative to the working
    /// directory, as in .gitignore; may be repeated. Overrides ignore files.
    #[arg(
        long = "glob",
        short = 'g',
        value_name = "GLOB",
        allow_hyphen_values = true
    )]
    globs: Vec<String>,
    /// Take only files of this type (see --type-list); may be repeated.
    #[arg(long = "type", short = 't', value_name = "TYPE", value_parser = type_names())]
    types: Vec<String>,
    /// Leave out files of this type; may be repeated.
    #[arg(long = "type-not", short = 'T', value_name = "TYPE", value_parser = type_names())]
    types_not: Vec<String>,
}

/// The names of the file types, so that clap refuses others and completions offer them.
fn type_names() -> PossibleValuesParser {
    PossibleValuesParser::new(FILE_TYPES.iter().map(|t| t.name))
}

impl WalkArgs {
    /// The walk options of these flags, with `no_ignore` and `hidden` of the configuration; a bad glob is an error
    /// in words.
    pub fn options(&self, config: &Config) -> Result<WalkOptions, String> {
        WalkOptions::new(
            self.no_ignore || config.no_ignore,
            self.hidden || config.hidden,
            &self.globs,
            TypeFilter::new(&self.types, &self.types_not)?,
        )
    }
}
