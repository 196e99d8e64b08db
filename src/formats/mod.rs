//! Formats of sources: how one file's bytes become the prose that is checked, a map from the prose back to the
//! file, and what the file's own metadata says (publication date, outlet), with where it came from.
//!
//! - Plain text (`.txt` and others) is its own prose.
//! - Markdown keeps its bytes, with code and link targets blanked out ([`markdown`]).
//! - HTML is read as a reader sees it, the article's main text only ([`html`]); every prose byte maps back to
//!   the page's bytes, so places point into the page as saved.
//! - Word (`.docx`) and PDF have no lines of text: their paragraphs are shown one a line ([`paragraphs`]), so a
//!   place is a paragraph (and for a PDF, a page).
//!
//! Places are 1-based lines and columns of the file as saved for text formats; [`Layout`] computes them.

#[cfg(feature = "word")]
pub mod docx;
pub mod encoding;
#[cfg(feature = "html")]
pub mod html;
pub mod map;
pub mod markdown;
pub mod paragraphs;
#[cfg(feature = "pdf")]
pub mod pdf;

use std::ops::Range;
use std::sync::Arc;

use crate::model::{place_number, Position};
use crate::text::{positions, LineIndex};

pub use map::OffsetMap;

/// How a source file is read, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Text read as it is.
    #[default]
    Plain,
    /// Markdown: code and link targets are not prose.
    Markdown,
    /// A web page: the article's text, without markup or boilerplate.
    Html,
    /// A Word document: the text of its paragraphs.
    Word,
    /// A PDF: the text of its pages.
    Pdf,
}

impl Format {
    /// The format of a file, from its extension (any case); plain text for anything unknown.
    pub fn of(path: &str) -> Format {
        let extension = std::path::Path::new(path)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("md" | "markdown") => Format::Markdown,
            Some("html" | "htm" | "xhtml") if cfg!(feature = "html") => Format::Html,
            Some("docx") if cfg!(feature = "word") => Format::Word,
            Some("pdf") if cfg!(feature = "pdf") => Format::Pdf,
            _ => Format::Plain,
        }
    }

    /// True for formats whose files are not text (Word, PDF): reports show the text read from them.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Word | Format::Pdf)
    }
}

/// Reads a Word or PDF file into prose, or says why it cannot be read; text formats are read from their text.
pub fn read_binary(format: Format, bytes: &[u8]) -> Result<Prose, String> {
    match format {
        #[cfg(feature = "word")]
        Format::Word => docx::read(bytes),
        #[cfg(feature = "pdf")]
        Format::Pdf => pdf::read(bytes),
        _ => Err(format!(
            "{format:?} files are not read from bytes ({} bytes given)",
            bytes.len()
        )),
    }
}

/// A value the file states about itself and where it says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stated {
    /// The value as written ("2024-05-14T08:30:00Z").
    pub value: String,
    /// Where it was found, in words (`<meta property="article:published_time"> in the page`).
    pub from: String,
}

/// What a file's own metadata says about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// When it was published.
    pub published: Option<Stated>,
    /// Who published it.
    pub outlet: Option<Stated>,
    /// Where it was published (its canonical address), whose path may hold a date.
    pub url: Option<Stated>,
}

/// A file read into prose.
#[derive(Debug, Clone, Default)]
pub struct Prose {
    /// The text that is checked.
    pub text: String,
    /// Prose offsets to file offsets, for formats whose prose is not the file's text byte for byte.
    pub map: Option<OffsetMap>,
    /// What the file says about itself.
    pub meta: PageMeta,
    /// For a file that is not text (Word, PDF): the text that places are counted in and reports show, one
    /// paragraph a line.
    pub shown: Option<String>,
    /// Offsets in the shown text where each page starts (a PDF's).
    pub pages: Vec<usize>,
    /// Byte ranges in the file of comments left out of the prose that hold a `factlint-ignore` marker (a web
    /// page's `<!-- ... -->`).
    pub marker_comments: Vec<Range<usize>>,
}

/// Where a source's prose stands in its file: the file's text, when it differs from the prose, and the map between
/// them. Places (line, column) and spans in reports are the file's.
#[derive(Debug, Clone)]
pub struct Layout {
    original: Arc<str>,
    map: OffsetMap,
    /// The original's lines, indexed on first use (a check computes places in one pass without them).
    lines: std::sync::OnceLock<LineIndex>,
    /// Offsets in the original where each page starts, for a paged document.
    pages: Vec<usize>,
    /// Byte ranges in the original of comments left out of the prose that hold a `factlint-ignore` marker.
    marker_comments: Vec<Range<usize>>,
}

impl Layout {
    /// The layout of prose read from `original` through `map` (empty for the identity).
    pub fn new(original: Arc<str>, map: OffsetMap) -> Layout {
        Layout {
            original,
            map,
            lines: std::sync::OnceLock::new(),
            pages: Vec::new(),
            marker_comments: Vec::new(),
        }
    }

    /// The layout of a paged document whose pages start at `pages` (offsets in the original).
    pub fn with_pages(self, pages: Vec<usize>) -> Layout {
        Layout { pages, ..self }
    }

    /// The layout of a file whose comments at `comments` (byte ranges in the original), left out of the prose,
    /// hold `factlint-ignore` markers.
    pub fn with_marker_comments(self, comments: Vec<Range<usize>>) -> Layout {
        Layout {
            marker_comments: comments,
            ..self
        }
    }

    /// The comments left out of the prose that hold `factlint-ignore` markers: each one's offset in the original
    /// and its text.
    pub fn marker_comments(&self) -> impl Iterator<Item = (usize, &str)> {
        self.marker_comments
            .iter()
            .filter_map(|range| Some((range.start, self.original.get(range.clone())?)))
    }

    /// The file's text.
    pub fn original(&self) -> &Arc<str> {
        &self.original
    }

    /// The places in the file of prose byte offsets, in the same order.
    pub fn positions(&self, offsets: &[usize]) -> Vec<Position> {
        let mapped: Vec<usize> = offsets.iter().map(|&o| self.map.start(o)).collect();
        self.file_positions(&mapped)
    }

    /// The places of byte offsets of the file (of the original), in the same order.
    pub fn file_positions(&self, offsets: &[usize]) -> Vec<Position> {
        let mut found = positions(&self.original, offsets);
        if !self.pages.is_empty() {
            for (position, offset) in found.iter_mut().zip(offsets) {
                position.page = Some(place_number(
                    self.pages.partition_point(|&start| start <= *offset),
                ));
            }
        }
        found
    }

    /// The 1-based line and character column in the file of prose byte `offset`.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        self.lines
            .get_or_init(|| LineIndex::new(&self.original))
            .line_column(&self.original, self.map.start(offset))
    }

    /// The file's byte range of a prose range.
    pub fn span(&self, range: Range<usize>) -> Range<usize> {
        self.map.range(range)
    }
}
