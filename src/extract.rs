//! Extraction: finds every match of every claim's patterns in a source.
//!
//! A match is kept only when its sentence matches one of the claim's `context` patterns (if it has any) and none of
//! its `unless` patterns, and only once: when
//! patterns of one claim overlap on the same words, the earliest, longest match wins. For polarity claims a `deny`
//! match always wins over an `affirm` match of the same words, since "does not mark the end" contains
//! "mark the end".

use std::ops::Range;

use regex::Regex;

use crate::normalize::Polarity;
use crate::rules::{Claim, ClaimKind, VALUE_GROUP};
use crate::source::{ceil_char_boundary, floor_char_boundary, Source};

/// One place in a source where a claim's pattern matched. Offsets are bytes into [`Source::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// The whole match.
    pub span: Range<usize>,
    /// The words to normalise: the `value` group, or the whole match for polarity claims.
    pub value: Range<usize>,
    /// The sentence around the match, where an as-of date is looked for.
    pub sentence: Range<usize>,
    /// For polarity claims, which list matched.
    pub polarity: Option<Polarity>,
}

/// Finds the matches of `claim` in `source`, in text order.
pub fn find_matches(claim: &Claim, source: &Source) -> Vec<Match> {
    let body = source.body();
    let offset = source.body_start;
    let mut candidates = match &claim.kind {
        ClaimKind::Quantity { patterns, .. } | ClaimKind::Date { patterns } => {
            matches_of(patterns, body, offset, None)
        }
        ClaimKind::Polarity { affirm, deny } => {
            let mut found = matches_of(deny, body, offset, Some(Polarity::Deny));
            found.extend(matches_of(affirm, body, offset, Some(Polarity::Affirm)));
            found
        }
        // Term and quote claims have no patterns: crate::drift finds their mentions.
        ClaimKind::Term(_) | ClaimKind::Quote(_) => Vec::new(),
    };
    candidates.retain(|m| in_context(claim, &source.text[m.sentence.clone()]));
    keep_first_of_overlaps(candidates)
}

/// Every match of every pattern, with value span and sentence.
fn matches_of(
    patterns: &[Regex],
    body: &str,
    offset: usize,
    polarity: Option<Polarity>,
) -> Vec<Match> {
    let mut found = Vec::new();
    for pattern in patterns {
        for captures in pattern.captures_iter(body) {
            let whole = trim_leading_separators(body, captures.get(0).map_or(0..0, |m| m.range()));
            let value = captures
                .name(VALUE_GROUP)
                .map_or(whole.clone(), |m| m.range());
            found.push(Match {
                span: shift(&whole, offset),
                value: shift(&value, offset),
                sentence: shift(&sentence_around(body, whole), offset),
                polarity,
            });
        }
    }
    found
}

/// Drops the punctuation and spaces that a pattern may match before its words (", in March 2024"), so that the
/// mention starts at a word.
fn trim_leading_separators(body: &str, range: Range<usize>) -> Range<usize> {
    let text = &body[range.clone()];
    let trimmed = text.trim_start_matches(|c: char| c.is_whitespace() || ",;:".contains(c));
    range.start + (text.len() - trimmed.len())..range.end
}

fn shift(range: &Range<usize>, by: usize) -> Range<usize> {
    range.start + by..range.end + by
}

/// True when the sentence is about the claim's subject (`context`) and not vetoed (`unless`).
pub fn in_context(claim: &Claim, sentence: &str) -> bool {
    let about = claim.context.is_empty() || claim.context.iter().any(|re| re.is_match(sentence));
    about && !claim.unless.iter().any(|re| re.is_match(sentence))
}

/// Drops matches that overlap an earlier-kept one. Deny matches are ranked first, then by position and length,
/// so a denial is never shadowed by the affirmation it contains.
fn keep_first_of_overlaps(mut candidates: Vec<Match>) -> Vec<Match> {
    candidates.sort_by_key(|m| {
        (
            m.polarity != Some(Polarity::Deny),
            m.span.start,
            std::cmp::Reverse(m.span.end),
        )
    });
    let mut kept: Vec<Match> = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        if !kept.iter().any(|k| overlaps(&k.span, &candidate.span)) {
            kept.push(candidate);
        }
    }
    kept.sort_by_key(|m| m.span.start);
    kept
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// How far a sentence may reach from its match, each way, in bytes. Real sentences are far shorter; the bound keeps
/// text without sentence breaks (a minified page, a huge single line) linear to scan, since every match looks for
/// its sentence.
pub const MAX_SENTENCE_REACH: usize = 4096;

/// How much of the word before a full stop is looked at to decide whether it is an abbreviation: enough for any
/// abbreviation, and bounded so that a full stop after a huge unbroken token costs no more than after a short one.
const MAX_ABBREVIATION_LEN: usize = 64;

/// The sentence that holds `range`: from after the previous sentence end (". " before a capital or a quote, or a
/// line break) to the next one, but never more than [`MAX_SENTENCE_REACH`] bytes beyond the match on either side.
/// Abbreviations such as "U.S. forces" or "Sept. 15" do not end a sentence because what follows is not a capital
/// letter.
pub fn sentence_around(text: &str, range: Range<usize>) -> Range<usize> {
    let floor = floor_char_boundary(text, range.start.saturating_sub(MAX_SENTENCE_REACH));
    let ceiling = ceil_char_boundary(text, range.end.saturating_add(MAX_SENTENCE_REACH));
    let after_break = text[floor..range.start]
        .char_indices()
        .rev()
        .find(|&(i, _)| is_sentence_break(text, floor + i))
        .map_or(floor, |(i, c)| floor + i + c.len_utf8());
    let start = after_break
        + (text[after_break..range.start].len()
            - text[after_break..range.start].trim_start().len());
    let end = text[range.end..ceiling]
        .char_indices()
        .find(|&(i, _)| is_sentence_break(text, range.end + i))
        .map_or(ceiling, |(i, c)| match c {
            '\n' | '\r' => range.end + i,
            _ => range.end + i + c.len_utf8(),
        });
    start..end
}

/// Abbreviations that end in a full stop without ending a sentence ("Gen. Ken Ekman", "Sept. 15").
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "sen", "rep", "gov",
    "st", "prof", "jr", "sr", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
];

/// True at a line break, or at a `.`/`!`/`?` followed by white space and then an upper-case letter or a quote,
/// unless the full stop ends an abbreviation ("U.S.", "Gen.").
fn is_sentence_break(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    let mut chars = rest.chars();
    match chars.next() {
        Some('\n' | '\r') => true,
        Some(stop @ ('.' | '!' | '?')) => {
            let mut after = chars;
            let spaced = after.next().is_some_and(char::is_whitespace);
            let opens = after
                .next()
                .is_some_and(|c| c.is_uppercase() || "\"“'‘".contains(c));
            spaced && opens && !(stop == '.' && ends_abbreviation(&text[..at]))
        }
        _ => false,
    }
}

/// True when the word just before a full stop is an abbreviation: dotted ("U.S"), one capital ("J"), or listed.
fn ends_abbreviation(before: &str) -> bool {
    let tail =
        &before[floor_char_boundary(before, before.len().saturating_sub(MAX_ABBREVIATION_LEN))..];
    let word = tail
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let single_capital = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    word.contains('.') || single_capital || ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_of(text: &str, needle: &str) -> String {
        let at = text.find(needle).unwrap();
        text[sentence_around(text, at..at + needle.len())].to_string()
    }

    #[test]
    fn sentences_split_at_stops_and_lines() {
        let text = "First one. The U.S. forces left by Sept. 15 this year. Last\nline two";
        assert_eq!(
            sentence_of(text, "forces"),
            "The U.S. forces left by Sept. 15 this year."
        );
        assert_eq!(sentence_of(text, "Last"), "Last");
        assert_eq!(sentence_of(text, "two"), "line two");
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let text = "Ask the U.S. Defense Department and Gen. Ekman. Then go.";
        assert_eq!(
            sentence_of(text, "Defense"),
            "Ask the U.S. Defense Department and Gen. Ekman."
        );
    }

    #[test]
    fn sentence_ends_before_a_quote() {
        let text = "He said so. \"We will stay,\" she said.";
        assert_eq!(sentence_of(text, "stay"), "\"We will stay,\" she said.");
    }

    #[test]
    fn sentences_without_breaks_are_bounded() {
        let filler = "word é ".repeat(MAX_SENTENCE_REACH);
        let text = format!("{filler}more than 1,000 troops {filler}");
        let at = text.find("more").unwrap();
        let sentence = sentence_around(&text, at..at + 22);
        assert!(sentence.start < at && sentence.end > at + 22);
        assert!(at - sentence.start <= MAX_SENTENCE_REACH, "{sentence:?}");
        assert!(
            sentence.end - (at + 22) <= MAX_SENTENCE_REACH + 1,
            "{sentence:?}"
        );
        assert!(text.is_char_boundary(sentence.start) && text.is_char_boundary(sentence.end));
    }

    #[test]
    fn only_the_end_of_a_long_token_decides_an_abbreviation() {
        let token = format!("x.{}", "x".repeat(10 * MAX_ABBREVIATION_LEN));
        let text = format!("{token}. The troops left.");
        assert_eq!(sentence_of(&text, "troops"), "The troops left.");
    }
}
