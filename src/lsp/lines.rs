//! Places in a text as the Language Server Protocol counts them: 0-based lines, and characters in UTF-16 code
//! units from the start of the line, whatever the text holds before (curly quotes, dashes, emoji).

use lsp_types::{Position, Range};

use crate::text::floor_char_boundary;

/// The line starts of one text, to turn byte offsets into protocol positions and back.
#[derive(Debug, Clone)]
pub struct Lines {
    /// Byte offset of every line's start; the first is 0. Lines end at `\n` (a `\r` before it stays on the line,
    /// as editors count).
    starts: Vec<usize>,
}

impl Lines {
    /// Indexes the lines of `text`.
    pub fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Lines { starts }
    }

    /// The position of byte `offset` of `text` (the text these lines index), clamped to the text and moved back to
    /// a character boundary.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let start = self.starts[line];
        Position::new(line as u32, utf16_len(&text[start..offset]))
    }

    /// The range of bytes `start..end` of `text`.
    pub fn range(&self, text: &str, bytes: std::ops::Range<usize>) -> Range {
        Range::new(
            self.position(text, bytes.start),
            self.position(text, bytes.end),
        )
    }

    /// The byte offset of a protocol position in `text`: a line past the end gives the end of the text, a
    /// character past the end of its line gives the end of the line.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .copied()
            .unwrap_or(text.len());
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            if units >= position.character as usize || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        end
    }

    /// The position of 1-based `line` and character `column` (as rule errors and corpus mentions give them).
    pub fn position_of_column(&self, text: &str, line: usize, column: usize) -> Position {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return self.position(text, text.len());
        };
        let offset = text[start..]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(text.len(), |(i, _)| start + i);
        self.position(text, offset)
    }
}

/// UTF-16 code units in `text`.
fn utf16_len(text: &str) -> u32 {
    text.chars().map(|c| c.len_utf16() as u32).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_utf16_units_before_the_place() {
        let text = "one\n“Quoted” — 😀 killed 40\nlast";
        let lines = Lines::new(text);
        let at = text.find("killed").unwrap();
        // “ ” — are one unit each, the emoji two.
        assert_eq!(lines.position(text, at), Position::new(1, 14));
        assert_eq!(lines.offset(text, Position::new(1, 14)), at);
    }

    #[test]
    fn places_past_the_end_are_clamped() {
        let text = "ab\ncd";
        let lines = Lines::new(text);
        assert_eq!(lines.offset(text, Position::new(0, 99)), 2);
        assert_eq!(lines.offset(text, Position::new(9, 0)), text.len());
        assert_eq!(lines.position(text, 99), Position::new(1, 2));
        assert_eq!(lines.position_of_column(text, 2, 2), Position::new(1, 1));
    }
}
