//! Quotations: the passages a source puts between quotation marks, with the speaker its sentence names.
//!
//! Straight quotes (`"…"`, `'…'`), curly quotes (`“…”`, `‘…’`, `„…“`) and guillemets (`«…»`, `‹…›`) are read.
//! A straight mark opens after a space or an opening bracket and before a word, and closes after a word; an
//! apostrophe between letters ("we're", "Niger’s") is neither. Quotation marks inside a quotation nest. A
//! quotation interrupted by its attribution (`"The withdrawal," he said, "will be orderly."`) is one quotation in
//! two parts. A quotation that is never closed ends with its paragraph (its line), as when a quoted speech runs on
//! into a new paragraph that opens with a fresh mark; a single quote never closed on its line was an apostrophe.

use std::ops::Range;

use super::speaker;
use crate::text::sentence::sentence_around;

/// How far a quotation may run before its closing mark; a mark never closed within this is taken as unclosed.
const MAX_QUOTE_BYTES: usize = 2_000;

/// One quotation in a text. Offsets are bytes of the text given to [`quotations`], shifted by its offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    /// The quoted words without their marks: one part, or two or more when an attribution interrupts them.
    pub parts: Vec<Range<usize>>,
    /// From the first opening mark to the last closing mark (or the end of an unclosed quotation).
    pub span: Range<usize>,
    /// Who the sentence says is speaking, when it names someone.
    pub speaker: Option<String>,
}

impl Quotation {
    /// From the first quoted word to the last, marks excluded.
    pub fn inner(&self) -> Range<usize> {
        let start = self.parts.first().map_or(self.span.start, |p| p.start);
        let end = self.parts.last().map_or(self.span.end, |p| p.end);
        start..end
    }
}

/// The families of quotation marks; a mark closes only a quotation of its own family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    Guillemet,
    SingleGuillemet,
}

/// An open quotation: its family and the mark that opened it (`„` is closed by `“`).
#[derive(Debug, Clone, Copy)]
struct Open {
    family: Family,
    mark: char,
}

/// A quoted passage before interrupted quotations are joined: the words inside, and the marks around them.
#[derive(Debug, Clone)]
struct Marked {
    inner: Range<usize>,
    outer: Range<usize>,
}

/// Every quotation in `text`, in order, with offsets shifted by `offset`.
pub fn quotations(text: &str, offset: usize) -> Vec<Quotation> {
    let marked = marked_passages(text);
    let mut found: Vec<Quotation> = Vec::new();
    let mut previous_end = 0;
    let mut i = 0;
    while i < marked.len() {
        let mut parts = vec![marked[i].inner.clone()];
        let mut speaker = None;
        while let Some(next) = marked.get(i + 1) {
            let (joined, named) = continues(text, &marked[i], next);
            if !joined {
                break;
            }
            parts.push(next.inner.clone());
            speaker = speaker.or(named);
            i += 1;
        }
        let span = parts_span(&marked, &parts);
        let speaker =
            speaker.or_else(|| speaker_around(text, &span, previous_end, marked.get(i + 1)));
        previous_end = span.end;
        found.push(Quotation {
            parts: parts.iter().map(|p| shift(p, offset)).collect(),
            span: shift(&span, offset),
            speaker,
        });
        i += 1;
    }
    found.retain(|q| q.parts.iter().any(|p| p.start < p.end));
    found
}

fn shift(range: &Range<usize>, by: usize) -> Range<usize> {
    range.start + by..range.end + by
}

/// The outer span of a quotation made of `parts` (taken from `marked`).
fn parts_span(marked: &[Marked], parts: &[Range<usize>]) -> Range<usize> {
    let outer = |part: &Range<usize>| {
        marked
            .iter()
            .find(|m| m.inner == *part)
            .map_or(part.clone(), |m| m.outer.clone())
    };
    let first = parts.first().map(outer).unwrap_or_default();
    let last = parts.last().map(outer).unwrap_or_default();
    first.start..last.end
}

/// Whether `next` continues `current` after an attribution: `"The withdrawal," he said, "will be orderly."`. The
/// first part ends on a comma, the gap is only an attribution ending on a comma, and the second part goes on in
/// lower case. Also returns the speaker the gap names.
fn continues(text: &str, current: &Marked, next: &Marked) -> (bool, Option<String>) {
    let gap = &text[current.outer.end..next.outer.start];
    let first = text[current.inner.clone()].trim_end();
    let comma = first.ends_with(',') || gap.trim_start().starts_with(',');
    let lower = text[next.inner.clone()]
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase);
    if !comma || !lower || gap.contains('\n') {
        return (false, None);
    }
    speaker::attribution(gap)
}

/// The speaker named in the sentence of the quotation at `span`: after it first (the reporter's usual order), else
/// before it, never reaching past the previous or the next quotation.
fn speaker_around(
    text: &str,
    span: &Range<usize>,
    previous_end: usize,
    next: Option<&Marked>,
) -> Option<String> {
    let sentence = sentence_around(text, span.clone());
    let after_end = next
        .map_or(sentence.end, |n| n.outer.start.min(sentence.end))
        .max(span.end);
    let after = text.get(span.end..after_end).unwrap_or("");
    let before_start = sentence.start.max(previous_end).min(span.start);
    let before = text.get(before_start..span.start).unwrap_or("");
    speaker::named_after(after).or_else(|| speaker::named_before(before))
}

/// The quoted passages of `text` and their marks, before interrupted quotations are joined.
fn marked_passages(text: &str) -> Vec<Marked> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some((start, open)) = next_opening(text, at) {
        let inner = start + open.mark.len_utf8();
        match find_close(text, inner, open) {
            Some(close) => {
                found.push(Marked {
                    inner: trimmed(text, inner..close.start),
                    outer: start..close.end,
                });
                at = close.end;
            }
            None if open.family == Family::Single => at = inner,
            None => {
                let end = unclosed_end(text, inner);
                found.push(Marked {
                    inner: trimmed(text, inner..end),
                    outer: start..end,
                });
                at = end.max(inner);
            }
        }
    }
    found
}

/// Where a quotation never closed ends: at the end of its line, and never further than [`MAX_QUOTE_BYTES`].
fn unclosed_end(text: &str, from: usize) -> usize {
    let line_end = text[from..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| from + i);
    let mut limit = (from + MAX_QUOTE_BYTES).min(text.len());
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    line_end.min(limit)
}

/// `range` without white space at either end.
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    start..end.max(start)
}

/// The next mark at or after `at` that opens a quotation. Only the bytes that can start a mark are looked at: the
/// straight quotes, and the lead bytes of the curly quotes (U+2018 to U+201E, U+2039) and guillemets (U+00AB).
fn next_opening(text: &str, at: usize) -> Option<(usize, Open)> {
    let mut from = at;
    while let Some(i) = text.as_bytes()[from..]
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | 0xC2 | 0xE2))
    {
        let position = from + i;
        let c = text[position..].chars().next()?;
        if let Some(family) = opening(text, position, c) {
            return Some((position, Open { family, mark: c }));
        }
        from = position + c.len_utf8();
    }
    None
}

/// The family of the quotation that the mark `c` at `at` opens, if it opens one.
fn opening(text: &str, at: usize, c: char) -> Option<Family> {
    let prev = text[..at].chars().next_back();
    let next = text[at + c.len_utf8()..].chars().next();
    let after_space =
        prev.is_none_or(|p| p.is_whitespace() || "([{—–-/:".contains(p) || is_mark(p));
    match c {
        '"' => (after_space && next.is_some_and(|n| !n.is_whitespace())).then_some(Family::Double),
        '“' | '„' => Some(Family::Double),
        '«' => Some(Family::Guillemet),
        '‹' => Some(Family::SingleGuillemet),
        '\'' | '‘' => {
            (after_space && next.is_some_and(char::is_alphanumeric)).then_some(Family::Single)
        }
        _ => None,
    }
}

/// True when the mark `c` at `at` closes `open`.
fn closes(text: &str, at: usize, c: char, open: Open) -> bool {
    let prev = text[..at].chars().next_back();
    let next = text[at + c.len_utf8()..].chars().next();
    let after_word = prev.is_some_and(|p| !p.is_whitespace());
    match (open.family, c) {
        (Family::Double, '"') => after_word,
        (Family::Double, '”') => true,
        (Family::Double, '“') => open.mark == '„',
        (Family::Guillemet, '»') | (Family::SingleGuillemet, '›') => true,
        (Family::Single, '\'' | '’') => {
            let apostrophe =
                prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
            after_word && !apostrophe
        }
        _ => false,
    }
}

fn is_mark(c: char) -> bool {
    "\"“”„«»‹›'‘’".contains(c)
}

/// The closing mark of the quotation opened by `open`, searched from `from`; `None` when the quotation is not
/// closed: the text ends, [`MAX_QUOTE_BYTES`] pass, a line starts with a fresh opening mark of the same family (a
/// new paragraph of quoted speech), or a single quote reaches the end of its line.
fn find_close(text: &str, from: usize, open: Open) -> Option<Range<usize>> {
    let mut stack = vec![open];
    let mut line_start = false;
    for (i, c) in text[from..].char_indices() {
        if i > MAX_QUOTE_BYTES {
            return None;
        }
        if c == '\n' || c == '\r' {
            if open.family == Family::Single {
                return None;
            }
            line_start = true;
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        let at_line_start = std::mem::replace(&mut line_start, false);
        if !is_mark(c) {
            continue;
        }
        let at = from + i;
        if let Some(depth) = stack.iter().rposition(|o| closes(text, at, c, *o)) {
            stack.truncate(depth);
            if stack.is_empty() {
                return Some(at..at + c.len_utf8());
            }
        } else if let Some(family) = opening(text, at, c) {
            // A fresh paragraph of quoted speech, or a second single quote before the first closed: the first one
            // was not closed (or was an apostrophe). Stopping here keeps a line of stray marks linear to scan.
            let reopens = at_line_start || family == Family::Single;
            if reopens && family == open.family {
                return None;
            }
            stack.push(Open { family, mark: c });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quoted words of each quotation of `text`, parts joined by " | ", with their speakers.
    fn quoted(text: &str) -> Vec<(String, Option<String>)> {
        quotations(text, 0)
            .into_iter()
            .map(|q| {
                let parts: Vec<&str> = q.parts.iter().map(|p| &text[p.clone()]).collect();
                (parts.join(" | "), q.speaker)
            })
            .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        quoted(text).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn straight_curly_and_guillemets() {
        let text =
            "He said \"we leave\" and “we stay” and «nous partons» and ‹bis› and 'No Later'.";
        assert_eq!(
            texts(text),
            ["we leave", "we stay", "nous partons", "bis", "No Later"]
        );
    }

    #[test]
    fn apostrophes_inside_quotes_do_not_close_them() {
        let text =
            "'We're leaving,' she said. “Niger’s forces aren’t ready,” he said. The troops' base.";
        assert_eq!(
            texts(text),
            ["We're leaving,", "Niger’s forces aren’t ready,"]
        );
        let stray = format!("{}the 'real' one", "the '90s and ".repeat(1_000));
        assert_eq!(texts(&stray), ["real"]);
    }

    #[test]
    fn nested_quotes_stay_inside_the_outer_one() {
        let text =
            "\"He called it 'a choice' and a “coordinated position,” then left,\" Patel said.";
        assert_eq!(
            quoted(text),
            [(
                "He called it 'a choice' and a “coordinated position,” then left,".to_string(),
                Some("Patel".to_string())
            )]
        );
    }

    #[test]
    fn a_quote_may_span_lines() {
        let text = "“candid discussions…regarding our\n\nconcerns” about the junta. \"We will\nleave,\" said Zeine.";
        assert_eq!(
            quoted(text),
            [
                (
                    "candid discussions…regarding our\n\nconcerns".to_string(),
                    None
                ),
                ("We will\nleave,".to_string(), Some("Zeine".to_string()))
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_ends_with_its_paragraph_or_the_file() {
        let paragraphs =
            "\"It is not a sign of friendship.\n\"We have seen what they do,\" said Zeine.";
        assert_eq!(
            texts(paragraphs),
            [
                "It is not a sign of friendship.",
                "We have seen what they do,"
            ]
        );
        assert_eq!(texts("He said: \"we are leaving"), ["we are leaving"]);
        assert_eq!(texts("Ends on a mark \""), Vec::<String>::new());
        assert_eq!(
            texts("an apostrophe 'unclosed\non its line"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn an_attribution_splits_one_quotation() {
        let text =
            "\"The withdrawal,\" Zeine said, \"will be orderly.\" \"Next,\" he said. \"Done.\"";
        assert_eq!(
            quoted(text),
            [
                (
                    "The withdrawal, | will be orderly.".to_string(),
                    Some("Zeine".to_string())
                ),
                ("Next,".to_string(), None),
                ("Done.".to_string(), None),
            ]
        );
    }

    #[test]
    fn speakers_come_from_the_same_sentence() {
        let text = "\"First,\" the official told reporters, adding: \"They thought it was important.\" Then \"x y z\".";
        let found = quoted(text);
        assert_eq!(found[0].1.as_deref(), Some("official"));
        assert_eq!(found[1].1.as_deref(), Some("official"));
        assert_eq!(found[2].1, None);
    }

    #[test]
    fn offsets_are_shifted() {
        let found = quotations("x \"yes sir\"", 100);
        assert_eq!(
            (found[0].parts.len(), found[0].parts[0].clone()),
            (1, 103..110)
        );
        assert_eq!(found[0].span, 102..111);
    }
}
