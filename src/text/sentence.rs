//! Sentences: the stretch of text around a match where its context is judged and its as-of date is looked for.
//!
//! A sentence runs from after the previous sentence end (". " before a capital or a quote, or a line break) to the
//! next one. Abbreviations such as "U.S. forces" or "Sept. 15" do not end a sentence because what follows is not a
//! capital letter, and listed ones ("Gen. Ekman") never do. A sentence reaches at most [`MAX_SENTENCE_REACH`] bytes
//! either side of its match, so that text without sentence ends (a 200 MB single line) costs the same per match as
//! prose does, instead of a scan to the ends of the file.

use std::ops::Range;

use super::{ceil_char_boundary, floor_char_boundary};

/// How far a sentence may reach from its match, each way, in bytes. Real sentences are far shorter; the bound keeps
/// text without sentence breaks (a minified page, a huge single line) linear to scan, since every match looks for
/// its sentence.
pub const MAX_SENTENCE_REACH: usize = 4096;

/// How much of the word before a full stop is looked at to decide whether it is an abbreviation: enough for any
/// abbreviation, and bounded so that a full stop after a huge unbroken token costs no more than after a short one.
const MAX_ABBREVIATION_LEN: usize = 64;

/// The sentence that holds `range`: from after the previous sentence end to the next one, but never more than
/// [`MAX_SENTENCE_REACH`] bytes beyond the match on either side, trimmed of leading white space.
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
pub const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "sen", "rep", "gov",
    "st", "prof", "jr", "sr", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
];

/// True at a line break, or at a `.`/`!`/`?` (or a closing quote right after one) followed by white space and then
/// an upper-case letter or a quote, unless the full stop ends an abbreviation ("U.S.", "Gen.").
fn is_sentence_break(text: &str, at: usize) -> bool {
    let mut chars = text[at..].chars();
    match chars.next() {
        Some('\n' | '\r') => !wrapped_line(text, at),
        Some(stop @ ('.' | '!' | '?')) => {
            opens_next_sentence(chars) && !(stop == '.' && ends_abbreviation(&text[..at]))
        }
        // A quotation that ends its sentence closes after the stop: 'he said "it is over." The talks...'.
        Some('"' | '”' | '’') => {
            let stop = text[..at].chars().next_back();
            let before_stop = at - stop.map_or(0, char::len_utf8);
            stop.is_some_and(|c| ".!?".contains(c))
                && opens_next_sentence(chars)
                && !(stop == Some('.') && ends_abbreviation(&text[..before_stop]))
        }
        _ => false,
    }
}

/// True when `after` (the text after a sentence stop) is white space and then an upper-case letter or a quote.
fn opens_next_sentence(mut after: std::str::Chars) -> bool {
    let spaced = after.next().is_some_and(char::is_whitespace);
    spaced
        && after
            .next()
            .is_some_and(|c| c.is_uppercase() || "\"“'‘".contains(c))
}

/// How far around a line break [`wrapped_line`] looks for the words it joins, in bytes: a few blank lines.
const MAX_WRAP_GAP: usize = 16;

/// True when the line break at `at` only wraps a sentence: the line before ends in a lower-case word or a comma and
/// the text after the break (blank lines allowed) goes on in lower case or with a figure ("a base that was\n\nbuilt
/// for $100 million", hard-wrapped paragraphs).
fn wrapped_line(text: &str, at: usize) -> bool {
    let before = &text[floor_char_boundary(text, at.saturating_sub(MAX_WRAP_GAP))..at];
    let after_end = ceil_char_boundary(text, at.saturating_add(MAX_WRAP_GAP));
    let after = &text[at..after_end];
    let last = before.trim_end().chars().next_back();
    let next = after.trim_start().chars().next();
    let line_goes_on = last.is_some_and(|c| c.is_lowercase() || c == ',');
    let text_goes_on = next.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit() || c == '$');
    line_goes_on && text_goes_on
}

/// True when the word just before a full stop is an abbreviation: dotted ("U.S"), one capital ("J"), or listed.
fn ends_abbreviation(before: &str) -> bool {
    let tail =
        &before[floor_char_boundary(before, before.len().saturating_sub(MAX_ABBREVIATION_LEN))..];
    let word = tail
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let mut chars = word.chars();
    let single_capital =
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    word.contains('.')
        || single_capital
        || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
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
        let text = "First one. The U.S. forces left by Sept. 15 this year. Last\nLine two";
        assert_eq!(
            sentence_of(text, "forces"),
            "The U.S. forces left by Sept. 15 this year."
        );
        assert_eq!(sentence_of(text, "Last"), "Last");
        assert_eq!(sentence_of(text, "two"), "Line two");
    }

    #[test]
    fn a_wrapped_line_goes_on_with_its_sentence() {
        let text = "Headline Of The Day\nThe troops stay at a base that was\n\nbuilt for $100 million.\nNext line.";
        assert_eq!(
            sentence_of(text, "built"),
            "The troops stay at a base that was\n\nbuilt for $100 million."
        );
        assert_eq!(sentence_of(text, "Headline"), "Headline Of The Day");
        assert_eq!(sentence_of(text, "Next"), "Next line.");
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
    fn a_quotation_that_ends_its_sentence_ends_it_after_the_closing_quote() {
        for text in [
            "He said “we are done.” But on 3 May, the talks began again.",
            "He said \"we are done.\" But on 3 May, the talks began again.",
        ] {
            assert_eq!(
                sentence_of(text, "talks"),
                "But on 3 May, the talks began again."
            );
            assert!(
                sentence_of(text, "done").ends_with("done.”")
                    || sentence_of(text, "done").ends_with("done.\"")
            );
        }
        let abbreviation = "Troops left the U.S.” Base said so.";
        assert_eq!(sentence_of(abbreviation, "Base"), abbreviation);
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
