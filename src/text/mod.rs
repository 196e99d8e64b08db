//! Text utilities shared by every stage: decoding bytes, line and column, sentences, words, negation, diffs,
//! excerpts, and the word lists of rules written in words (`inflect`, `words`).

pub mod diff;
pub mod excerpt;
pub mod inflect;
pub mod modality;
pub mod negation;
pub mod sentence;
pub mod wording;
pub mod words;

use crate::model::{place_number, Position};

/// How many leading bytes are searched for a NUL, the mark of a binary file (git's heuristic). Text in any
/// encoding factlint reads has no NUL there; images, archives, PDFs and executables almost always do.
const BINARY_SNIFF_LEN: usize = 8000;

/// The UTF-8 byte order mark. Some editors write it at the start of a file; it is not text, so it is skipped before
/// front matter and not counted as a column, but byte offsets (which are offsets into the file) include it.
pub(crate) const BOM: char = '\u{feff}';

/// Where YAML front matter lies in a text: `---` ... `---` at the very start, after a byte order mark if any, the
/// fences ending in `\n`, `\r\n` or a lone `\r` like every line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// What the fences enclose.
    pub yaml: std::ops::Range<usize>,
    /// Where the body starts: after the closing fence's line break.
    pub body_start: usize,
}

/// The front matter of `text`, if it opens with one (sources read their metadata from it; claims read the headline
/// after it).
pub fn front_matter(text: &str) -> Option<FrontMatter> {
    let bom = if text.starts_with(BOM) {
        BOM.len_utf8()
    } else {
        0
    };
    let rest = ["---\n", "---\r\n", "---\r"]
        .iter()
        .find_map(|fence| text[bom..].strip_prefix(fence))?;
    let opening = text.len() - rest.len();
    let close = closing_fence(rest)?;
    Some(FrontMatter {
        yaml: opening..opening + close.start,
        body_start: opening + close.end,
    })
}

/// Finds the `---` line that closes front matter: the range of that line, line break included.
fn closing_fence(rest: &str) -> Option<std::ops::Range<usize>> {
    let mut start = 0;
    while start < rest.len() {
        let end = end_of_line(rest, start);
        if rest[start..end].trim_end_matches(['\r', '\n']) == "---" {
            return Some(start..end);
        }
        start = end;
    }
    None
}

/// The offset just after the line break of the line that starts at `start` (`\n`, `\r\n` or a lone `\r`), or the
/// end of the text.
fn end_of_line(text: &str, start: usize) -> usize {
    match text[start..].find(['\n', '\r']) {
        Some(i) if text[start + i..].starts_with("\r\n") => start + i + 2,
        Some(i) => start + i + 1,
        None => text.len(),
    }
}

/// Turns a file's bytes into text, or says in words why they are not text: a binary file, UTF-16, or bytes that are
/// not UTF-8, with the line, column and offset of the first bad byte so that it can be found and fixed. Sources and
/// rule files are read through it.
pub(crate) fn decode_text(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(
            "UTF-16 text (it starts with a UTF-16 byte order mark); convert it to UTF-8".into(),
        );
    }
    if let Some(at) = memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF_LEN)]) {
        return Err(format!("binary file (NUL byte at offset {at})"));
    }
    String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let bytes = error.as_bytes();
        let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        let (line, column) = LineIndex::new(prefix).line_column(prefix, valid);
        let byte = bytes.get(valid).copied().unwrap_or_default();
        format!(
            "not valid UTF-8 (first invalid byte 0x{byte:02X} at line {line}, column {column}, offset {valid}); \
             convert it to UTF-8"
        )
    })
}

/// Bytes between column checkpoints of a [`LineIndex`]: a column is counted from the nearest checkpoint, so that
/// the columns of many mentions on one huge line cost no more than on short lines.
const COLUMN_CHECKPOINT_STRIDE: usize = 4096;

/// Maps byte offsets to 1-based line and column (column counted in characters), for diagnostics and JSON.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// Every [`COLUMN_CHECKPOINT_STRIDE`] bytes: the offset, and how many characters its line holds before it.
    checkpoints: Vec<(usize, usize)>,
}

impl LineIndex {
    /// Indexes the line starts of `text`. A line ends at `\n`, at `\r\n`, or at a lone `\r`. A leading byte order
    /// mark is not part of line 1: editors do not show it, so columns do not count it.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let first = if text.starts_with(BOM) {
            BOM.len_utf8()
        } else {
            0
        };
        let mut line_starts = vec![first];
        let mut checkpoints = Vec::new();
        let mut chars_in_line = 0;
        for (i, &b) in bytes.iter().enumerate().skip(first) {
            if i % COLUMN_CHECKPOINT_STRIDE == 0 {
                checkpoints.push((i, chars_in_line));
            }
            let lone_cr = b == b'\r' && bytes.get(i + 1) != Some(&b'\n');
            if b == b'\n' || lone_cr {
                line_starts.push(i + 1);
                chars_in_line = 0;
            } else if is_char_start(b) {
                chars_in_line += 1;
            }
        }
        LineIndex {
            line_starts,
            checkpoints,
        }
    }

    /// The 1-based line and character column of byte `offset` in `text` (the text this index was built from).
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self
            .line_starts
            .partition_point(|&start| start <= offset)
            .max(1);
        let start = self.line_starts[line - 1];
        if offset < start {
            return (1, 1);
        }
        let nearest = self.checkpoints.partition_point(|&(at, _)| at <= offset);
        let (from, before) = match nearest.checked_sub(1).map(|k| self.checkpoints[k]) {
            Some((at, chars)) if at >= start => (at, chars),
            _ => (start, 0),
        };
        let counted = text
            .as_bytes()
            .get(from..offset)
            .map_or(0, |b| b.iter().filter(|&&b| is_char_start(b)).count());
        (line, before + counted + 1)
    }
}

/// The nearest char boundary of `text` at or before `at` (clamped to the text), for cutting text at a byte budget.
pub(crate) fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The nearest char boundary of `text` at or after `at` (clamped to the text).
pub(crate) fn ceil_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// True for the first byte of a UTF-8 character (every byte but continuation bytes).
fn is_char_start(byte: u8) -> bool {
    byte & 0xC0 != 0x80
}

/// The [`Position`] of every byte offset in `offsets` (each on a character boundary of `text`), in the same order.
///
/// One pass over the text up to the last offset, whatever the number of offsets or the length of the lines, so
/// that a source with many mentions on one long line costs no more than one with short lines.
pub fn positions(text: &str, offsets: &[usize]) -> Vec<Position> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let bytes = text.as_bytes();
    let mut found = vec![Position::default(); offsets.len()];
    // A leading byte order mark is not part of line 1's columns (see `LineIndex::new`).
    let bom_chars = usize::from(text.starts_with(BOM));
    let (mut at, mut chars, mut line, mut line_start_chars) = (0, 0, 1, bom_chars);
    for i in order {
        let target = offsets[i].min(bytes.len());
        let mut last_break = None;
        for brk in memchr::memchr2_iter(b'\n', b'\r', &bytes[at..target]) {
            let brk = at + brk;
            if bytes[brk] == b'\r' && bytes.get(brk + 1) == Some(&b'\n') {
                continue;
            }
            line += 1;
            last_break = Some(brk);
        }
        let line_start = last_break.map_or(at, |brk| brk + 1);
        let before_line_start = count_chars(&bytes[at..line_start]);
        if last_break.is_some() {
            line_start_chars = chars + before_line_start;
        }
        chars += before_line_start + count_chars(&bytes[line_start..target]);
        at = target;
        found[i] = Position {
            line: place_number(line),
            column: place_number(chars.saturating_sub(line_start_chars) + 1),
            char_offset: chars,
            page: None,
        };
    }
    found
}

/// Characters in UTF-8 bytes: the bytes that are not continuation bytes.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| is_char_start(b)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_handles_crlf_and_lone_cr() {
        let text = "ab\r\ncd\ref\ngé h";
        let index = LineIndex::new(text);
        assert_eq!(index.line_column(text, 0), (1, 1));
        assert_eq!(index.line_column(text, 4), (2, 1));
        assert_eq!(index.line_column(text, 7), (3, 1));
        let h = text.find('h').unwrap();
        assert_eq!(index.line_column(text, h), (4, 4));
    }

    #[test]
    fn positions_agree_with_the_line_index() {
        let text = "ab\r\ncd\ref\ngé h\n\nlast ünïcode line";
        let index = LineIndex::new(text);
        let offsets: Vec<usize> = (0..=text.len())
            .rev()
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for (offset, position) in offsets.iter().zip(positions(text, &offsets)) {
            let (line, column) = index.line_column(text, *offset);
            assert_eq!(
                (position.line, position.column),
                (place_number(line), place_number(column)),
                "at {offset}"
            );
            assert_eq!(position.char_offset, text[..*offset].chars().count());
        }
    }
}
