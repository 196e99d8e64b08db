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
    let line = error.offset.map(|offset| line_at(&file.text, offset));
    let help = did_you_mean(&error.message)
        .or_else(|| limit_help(&error.message))
        .or_else(|| escape_help(&error.message))
        .or_else(|| line.and_then(quoting_help));
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

/// The line of `text` that holds byte `offset`.
fn line_at(text: &str, offset: usize) -> &str {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    &text[start..end]
}

/// What to do about a backslash in double quotes, which YAML reads as an escape ("\s" is none).
fn escape_help(message: &str) -> Option<String> {
    message.contains("unknown escape character").then(|| {
        "in double quotes YAML reads a backslash as an escape: put the pattern in single quotes ('\\s+troops'), \
         where a backslash stays as written, or double it (\"\\\\s+troops\")"
            .to_string()
    })
}

/// When `line` holds a quoted value followed by more text (`- '\s+US' troops'`), the YAML quoting is the likely
/// cause of the error: a quote inside the value ended it early.
fn quoting_help(line: &str) -> Option<String> {
    let value = line.trim_start().trim_start_matches("- ");
    let value = match value.split_once(": ") {
        Some((key, rest)) if !key.contains(['\'', '"']) => rest,
        _ => value,
    };
    let quote = value.chars().next().filter(|c| ['\'', '"'].contains(c))?;
    let end = closing_quote(value, quote)?;
    let rest = value[end + 1..].trim();
    let harmless = rest.is_empty() || rest.starts_with('#') || rest.starts_with([',', ']', '}']);
    (!harmless).then(|| {
        let inside = match quote {
            '\'' => "inside single quotes write a quote twice ('')",
            _ => "inside double quotes write it as \\\"",
        };
        format!(
            "the YAML quoting is the likely cause: the quoted value ends before `{rest}`, so a quote inside the \
             pattern ended it early; {inside}"
        )
    })
}

/// The byte index in `value` of the quote that closes the value opened by `quote` at its start.
fn closing_quote(value: &str, quote: char) -> Option<usize> {
    let mut chars = value.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            ('"', '\\') => {
                chars.next();
            }
            ('\'', '\'') if chars.peek().is_some_and(|&(_, next)| next == '\'') => {
                chars.next();
            }
            _ if c == quote => return Some(i),
            _ => {}
        }
    }
    None
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_that_ends_a_pattern_early_is_named() {
        let help = quoting_help("      - '(?P<value>{quantity})\\s+US' troops'").unwrap();
        assert!(help.contains("ends before `troops'`"), "{help}");
        assert!(help.contains("('')"), "{help}");
        assert!(quoting_help("      - '(?P<value>{quantity}) it''s'  # fine").is_none());
        assert!(quoting_help("    title: \"a \\\"quoted\\\" title\"").is_none());
        assert!(escape_help("found unknown escape character at line 6").is_some());
    }
}
