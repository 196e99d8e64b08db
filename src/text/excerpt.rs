//! Excerpts of a text for miette: only the lines around a span, cut to a bounded width, numbered like the whole text.
//!
//! miette's own `SourceCode` for strings scans the text from its start for every diagnostic, counts columns in bytes,
//! and prints context lines whole. On text scraped from the web (a minified page, a 200 MB single line) that is slow,
//! prints megabytes, and overflows miette's formatting widths (a panic). An [`Excerpt`] reads at most
//! [`EXCERPT_REACH`] bytes on either side of a span, and takes line and column numbers (columns in characters, as in
//! JSON) from the text's [`LineIndex`], so the place in a diagnostic's header is the place in the JSON report.

use std::sync::Arc;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use super::{ceil_char_boundary, floor_char_boundary, LineIndex};

/// How many bytes of context an excerpt shows at most on either side of its span; longer lines are cut.
pub const EXCERPT_REACH: usize = 1024;

/// A named text, shown through bounded excerpts.
#[derive(Debug, Clone)]
pub struct Excerpt {
    name: String,
    text: Arc<str>,
    lines: Arc<LineIndex>,
}

impl Excerpt {
    /// An excerptable text; `lines` must index `text`.
    pub fn new(name: String, text: Arc<str>, lines: Arc<LineIndex>) -> Excerpt {
        Excerpt { name, text, lines }
    }

    /// The name the excerpt is shown under (a file's path).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The 1-based line and character column of byte `offset`.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        self.lines.line_column(&self.text, offset)
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text: &str = &self.text;
        let start = floor_char_boundary(text, span.offset());
        let end = span
            .offset()
            .checked_add(span.len())
            .filter(|&end| span.offset() <= text.len() && end <= text.len())
            .ok_or(MietteError::OutOfBounds)?;
        let end = ceil_char_boundary(text, end);
        let from = match context_lines_before {
            0 => start,
            lines => context_start(text, start, lines),
        };
        let to = match context_lines_after {
            0 => end,
            lines => context_end(text, end, lines),
        };
        let (line, column) = self.line_column(from);
        let data = &text.as_bytes()[from..to];
        let line_count = data.iter().filter(|&&b| b == b'\n').count();
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            data,
            SourceSpan::from(from..to),
            line - 1,
            column - 1,
            line_count,
        )))
    }
}

/// Where an excerpt starts: the start of the line `lines` lines above the one holding `at`, or [`EXCERPT_REACH`]
/// bytes before `at` if that comes first.
fn context_start(text: &str, at: usize, lines: usize) -> usize {
    let bytes = text.as_bytes();
    let floor = at.saturating_sub(EXCERPT_REACH);
    let mut breaks = 0;
    let mut i = at;
    while i > floor {
        i -= 1;
        if bytes[i] == b'\n' || bytes[i] == b'\r' {
            breaks += 1;
            if breaks > lines {
                return i + 1;
            }
            if bytes[i] == b'\n' && i > floor && bytes[i - 1] == b'\r' {
                i -= 1;
            }
        }
    }
    ceil_char_boundary(text, floor)
}

/// Where an excerpt ends: after the line break of the line `lines` lines below the one holding `at`, or
/// [`EXCERPT_REACH`] bytes after `at` if that comes first.
fn context_end(text: &str, at: usize, lines: usize) -> usize {
    let bytes = text.as_bytes();
    let ceiling = at.saturating_add(EXCERPT_REACH).min(bytes.len());
    let mut breaks = 0;
    let mut i = at;
    while i < ceiling {
        let b = bytes[i];
        i += 1;
        if b == b'\r' && bytes.get(i) == Some(&b'\n') {
            i += 1;
        }
        if b == b'\n' || b == b'\r' {
            breaks += 1;
            if breaks > lines {
                return i;
            }
        }
    }
    floor_char_boundary(text, ceiling)
}
