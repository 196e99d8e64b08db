//! Errors in rule files, pointing at the line and column of the YAML they concern, with "did you mean" help for
//! misspelt fields and kinds.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::SourceSpan;

use super::{display, Origin};
use crate::text::excerpt::Excerpt;
use crate::text::{floor_char_boundary, LineIndex};
use crate::yaml::YamlError;

/// A rule file that cannot be used, pointing at the place in the YAML.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
#[diagnostic(code(factlint::rules))]
pub struct RuleError {
    message: String,
    #[source_code]
    source_code: Option<Arc<Excerpt>>,
    #[label("{label}")]
    span: Option<SourceSpan>,
    label: String,
    #[help]
    help: Option<String>,
}

impl RuleError {
    /// An error about a file as a whole (unreadable, or no rules at all).
    pub(super) fn file(path: &Path, message: String) -> RuleError {
        RuleError {
            message: format!("{}: {message}", display(path)),
            source_code: None,
            span: None,
            label: String::new(),
            help: None,
        }
    }

    /// The rule file the error points into, as its path was given or found; `None` for an error about the rule
    /// paths as a whole (a directory without rule files).
    pub fn path(&self) -> Option<&str> {
        Some(self.source_code.as_ref()?.name())
    }

    /// The 1-based line and column the error points at, when it points somewhere. Lines end at `\n`, `\r\n` or a
    /// lone `\r`, and columns count characters, as for sources.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        let (source, span) = (self.source_code.as_ref()?, self.span?);
        Some(source.line_column(span.offset()))
    }
}

/// A YAML file's text with its name, from which errors are built.
pub(super) struct RuleFileText {
    pub(super) path: PathBuf,
    pub(super) text: Arc<str>,
    excerpt: Arc<Excerpt>,
}

impl RuleError {
    /// An error pointing at `origin`, for problems found after loading (a failing rule example).
    pub fn at(origin: &Origin, message: String, label: &str, help: Option<String>) -> RuleError {
        RuleFileText::new(Path::new(&origin.path), origin.text.clone()).error(
            origin.offset,
            message,
            label,
            help,
        )
    }
}

impl RuleFileText {
    pub(super) fn new(path: &Path, text: Arc<str>) -> RuleFileText {
        let lines = Arc::new(LineIndex::new(&text));
        RuleFileText {
            path: path.to_path_buf(),
            excerpt: Arc::new(Excerpt::new(display(path), text.clone(), lines)),
            text,
        }
    }

    pub(super) fn origin(&self, offset: usize) -> Origin {
        Origin {
            path: display(&self.path),
            text: self.text.clone(),
            offset,
        }
    }

    pub(super) fn error(
        &self,
        offset: usize,
        message: String,
        label: &str,
        help: Option<String>,
    ) -> RuleError {
        let offset = floor_char_boundary(&self.text, offset);
        RuleError {
            message: format!("{}: {message}", display(&self.path)),
            source_code: Some(self.excerpt.clone()),
            span: Some(SourceSpan::from(offset..offset)),
            label: label.to_string(),
            help,
        }
    }

    /// The 1-based line of byte `offset`.
    pub(super) fn line_of(&self, offset: usize) -> usize {
        self.excerpt.line_column(offset).0
    }
}

/// Turns a YAML error into a located rule error (the label shows the place).
pub(super) fn yaml_error(file: &RuleFileText, error: &YamlError) -> RuleError {
    let help = did_you_mean(&error.message).or_else(|| limit_help(&error.message));
    file.error(
        error.offset.unwrap_or(0),
        error.message.clone(),
        "here",
        help,
    )
}

/// For serde's "unknown field `x`, expected one of `a`, `b`" (a misspelt field) and "unknown variant `x`, expected
/// ..." (a misspelt kind or severity): suggests the closest expected name.
pub(super) fn did_you_mean(message: &str) -> Option<String> {
    let unknown = ["unknown field `", "unknown variant `"]
        .iter()
        .find_map(|prefix| message.split(prefix).nth(1))?
        .split('`')
        .next()?;
    let expected = message.split("expected").nth(1)?;
    let candidates = expected.split('`').skip(1).step_by(2);
    let best = candidates.min_by_key(|c| edit_distance(unknown, c))?;
    (edit_distance(unknown, best) <= 3).then(|| format!("did you mean `{best}`?"))
}

/// What to do about the YAML parser's nesting limit, whose message does not say.
pub(super) fn limit_help(message: &str) -> Option<String> {
    message.contains("recursion limit exceeded").then(|| {
        "the YAML nests too deeply; a rule file needs only a few levels: `claims:`, a list, and each claim's fields"
            .to_string()
    })
}

/// Levenshtein distance, for "did you mean" suggestions on short field names.
pub(super) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(previous + 1).min(row[j] + 1);
        }
    }
    row[b.len()]
}
