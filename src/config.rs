//! `factlint.yaml`: the project's settings, found by walking up from the working directory, so that
//! `factlint check` run anywhere in a corpus repository checks that corpus with its rules.
//!
//! Paths in the file are relative to the file's directory. Command-line flags override every setting.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{NamedSource, SourceSpan};
use serde::Deserialize;

use crate::model::Severity;
use crate::report::Format;
use crate::source::CorpusOptions;
use crate::walk::types::TypeFilter;
use crate::walk::WalkOptions;

/// The name of the configuration file.
pub const CONFIG_FILE_NAME: &str = "factlint.yaml";

/// The settings of `factlint.yaml`. Every field is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Rule files or directories.
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    /// Corpus files or directories.
    #[serde(default)]
    pub paths: Vec<PathBuf>,
    /// Glob patterns of corpus files to skip, matched against paths relative to the configuration file's
    /// directory (`drafts/**`, `**/*.draft.md`).
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Walk the files that ignore files (.gitignore, .ignore) exclude, as `--no-ignore` does.
    #[serde(default)]
    pub no_ignore: bool,
    /// Walk hidden files and directories, as `--hidden` does.
    #[serde(default)]
    pub hidden: bool,
    /// A manifest of sources (see README, "Sources and publication dates") besides those found in the corpus.
    pub manifest: Option<PathBuf>,
    /// Default output format.
    pub format: Option<Format>,
    /// Lowest severity of a conflict that fails the check.
    pub fail_on: Option<Severity>,
    /// A baseline of accepted findings.
    pub baseline: Option<PathBuf>,
    /// The directory of the configuration file, as a path relative to the working directory ("" or "../..").
    #[serde(skip)]
    pub dir: PathBuf,
}

/// A configuration file that cannot be used.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{path}: {message}")]
#[diagnostic(code(factlint::config))]
pub struct ConfigError {
    path: String,
    message: String,
    #[source_code]
    source_code: Arc<NamedSource<Arc<str>>>,
    #[label("here")]
    span: Option<SourceSpan>,
}

impl Config {
    /// Finds `factlint.yaml` in the working directory or the nearest parent and loads it; no file, no settings.
    pub fn discover() -> Result<Config, ConfigError> {
        match find_upwards(Path::new(".")) {
            Some(path) => Config::load(&path),
            None => Ok(Config::default()),
        }
    }

    /// Loads a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let display = path.to_string_lossy().trim_start_matches("./").to_string();
        let text: Arc<str> = std::fs::read_to_string(path).unwrap_or_default().into();
        let mut config: Config = serde_yaml::from_str::<Option<Config>>(&text)
            .map(Option::unwrap_or_default)
            .map_err(|e| ConfigError {
                path: display.clone(),
                message: e
                    .to_string()
                    .split(" at line ")
                    .next()
                    .unwrap_or_default()
                    .to_string(),
                source_code: Arc::new(NamedSource::new(display.clone(), text.clone())),
                span: e.location().map(|l| SourceSpan::from(l.index()..l.index())),
            })?;
        config.dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(config)
    }

    /// How to walk the corpus under these settings: the `exclude` globs (relative to the file's directory) and the
    /// manifest. An exclude pattern that is not a glob is an error naming it.
    pub fn corpus_options(&self) -> Result<CorpusOptions, String> {
        let mut exclude = globset::GlobSetBuilder::new();
        for pattern in &self.exclude {
            let glob = globset::Glob::new(pattern)
                .map_err(|e| format!("{CONFIG_FILE_NAME}: exclude {pattern:?}: {e}"))?;
            exclude.add(glob);
        }
        Ok(CorpusOptions {
            exclude: Some(exclude.build().map_err(|e| e.to_string())?),
            exclude_root: self.dir.clone(),
            manifest: self.manifest.as_ref().map(|m| self.resolve(m)),
            walk: WalkOptions::new(self.no_ignore, self.hidden, &[], TypeFilter::default())?,
        })
    }

    /// A path from the file, made relative to the working directory.
    pub fn resolve(&self, path: &Path) -> PathBuf {
        if path.is_absolute() || self.dir.as_os_str().is_empty() || self.dir == Path::new(".") {
            path.to_path_buf()
        } else {
            self.dir.join(path)
        }
    }
}

/// The nearest `factlint.yaml` at or above `start`, as a relative path ("factlint.yaml", "../factlint.yaml").
fn find_upwards(start: &Path) -> Option<PathBuf> {
    let absolute = std::fs::canonicalize(start).ok()?;
    let mut relative = PathBuf::new();
    for dir in absolute.ancestors() {
        if dir.join(CONFIG_FILE_NAME).is_file() {
            return Some(relative.join(CONFIG_FILE_NAME));
        }
        relative.push("..");
    }
    None
}
