//! Figures that count a part of what the sentence counts: "4,310 people died, 1,950 of them in the province", "Of the
//! dead, 1,293 were in the north", "15 of the victims", "238 dead, including 101 in the capital", "101 each in the two
//! cities".
//!
//! Reports of a toll break it down by place, age or state, and the parts stand beside the whole in one sentence.
//! Such a part is still a mention of the claim (a claim may be the toll of one province), but it is not the whole:
//! set against the whole it would be a contradiction, "4,310 against 1,950", in every report that breaks a figure
//! down. A part the claim's `scope` words do not name gets a scope of its own, the words that say which part it is
//! ("in the province"), so that it is reconciled only with parts said the same way.
//!
//! "In the capital alone" is not read as a part: early in a disaster the one city's count is the toll reports
//! give, and editors take it as such.

use std::ops::Range;

use super::{leading_words, PREPOSITIONS};
use crate::kinds::quantity::asof::clause_around;

/// The words that make a figure a part of an earlier one: "1,950 of them", "15 of the victims".
const REFERRING: &[&str] = &["of them", "of those", "of whom", "of which", "of the"];

/// True when the figure at `value` counts a part of what an earlier figure counts ("4,310 people died, 1,950 of
/// them in the province").
pub fn refers_back(sentence: &str, value: &Range<usize>) -> bool {
    referring_words(sentence, value).is_some()
}

/// The bytes of the referring words right after the figure at `value` ("of them"), if any.
fn referring_words(sentence: &str, value: &Range<usize>) -> Option<Range<usize>> {
    let rest = &sentence[value.end..];
    let start = value.end + (rest.len() - rest.trim_start().len());
    let after = sentence[start..].to_lowercase();
    REFERRING
        .iter()
        .find(|tail| {
            after.starts_with(*tail)
                && !after[tail.len()..].starts_with(|c: char| c.is_alphanumeric())
        })
        .map(|tail| start..start + tail.len())
}

/// The words that say which part the figure at `value` counts, when it is a part of what its sentence counts: the
/// words after it in its clause, "1,950 of them in the province" is "in the province", "Of the dead, 1,293 were in
/// the north" is "in the north" (an empty range when no word follows). `None` when the figure is no such part. `dates` are the sentence's date phrases, which do not cut
/// a clause.
pub fn part_words(
    sentence: &str,
    value: &Range<usize>,
    dates: &[Range<usize>],
) -> Option<Range<usize>> {
    let referring = referring_words(sentence, value);
    let marked = referring.is_some() || included(sentence, value) || shared_each(sentence, value);
    if !marked && of_the_opening(sentence.trim_start()).is_none() {
        return None;
    }
    let clause = clause_around(sentence, value.clone(), dates);
    let tail = referring.as_ref().map_or(value.end, |r| r.end)..clause.end.max(value.end);
    if !marked && !opened_by_of_the(sentence, &clause) {
        return None;
    }
    Some(label(sentence, tail))
}

/// A moment a span of time runs between: "noon", "3:00 am", "August 23", "Saturday". Written for `(?i)`.
macro_rules! moment {
    () => {
        r"(?:(?:[0-9]{1,2}\s+)?noon|midnight|dawn|[0-9]{1,2}(?:[:.][0-9]{2})?\s*[ap]\.?m\b\.?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+[0-9]{1,2}\b|(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
    };
}

/// A span of time that makes a count the part of a running total that fell within it: "6,800 people evacuated in
/// the previous 24 hours", "2,000 taken out between noon and midnight", "5,000 people a day". Written for `(?i)`.
const PERIOD: &str = concat!(
    r"\b(?:(?:in|over|during|within)\s+the\s+(?:past|last|previous|preceding|prior)\s+(?:(?:[0-9]{1,3}|few|several|two|three)\s+)?(?:hours?|days?)|between\s+",
    moment!(),
    r"(?:[^,;]*?\s(?:and|to)\s+",
    moment!(),
    r")?|(?:per|each|every)\s+day|in\s+a\s+single\s+day)\b"
);

/// The words of a span of time ([`PERIOD`]) in `clause` (bytes of `sentence`, the clause of a figure): the scope of
/// a figure that counts what fell within it, so that it is set beside figures of the same span, not against the
/// running total. None when no such span stands there.
pub fn period_words(sentence: &str, clause: &Range<usize>) -> Option<Range<usize>> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(&format!("(?i){PERIOD}")).expect("the period regex is valid")
    });
    re.find(&sentence[clause.clone()])
        .map(|found| clause.start + found.start()..clause.start + found.end())
}

/// The words right before a figure that make it a part of a whole said before: "the toll includes 39 in the port",
/// "238 dead, including 101 in the capital".
const INCLUDING: &[&str] = &["including", "includes", "included", "include"];

/// True when the figure at `value` follows one of [`INCLUDING`].
fn included(sentence: &str, value: &Range<usize>) -> bool {
    let before = sentence[..value.start].trim_end();
    let last = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    INCLUDING.iter().any(|w| last.eq_ignore_ascii_case(w))
}

/// True when the figure at `value` is listed after ", including" (or a dash or a bracket before it): "killed 40
/// people, including 13 soldiers" counts its part in the clause of the whole before.
pub fn listed_after_including(sentence: &str, value: &Range<usize>) -> bool {
    sentence[..value.start]
        .trim_end()
        .strip_suffix("including")
        .is_some_and(|rest| rest.trim_end().ends_with([',', '—', '–', '(']))
}

/// True when "each" follows the figure at `value`: "101 each in the two cities" counts a part twice over.
fn shared_each(sentence: &str, value: &Range<usize>) -> bool {
    let after = sentence[value.end..].trim_start();
    after
        .get(..4)
        .is_some_and(|w| w.eq_ignore_ascii_case("each"))
        && !after[4..].starts_with(char::is_alphanumeric)
}

/// The scope a part gets from its words ([`part_words`]): the words themselves, or "a part" when there are none.
pub fn part_scope(sentence: &str, words: &Range<usize>) -> String {
    match words.is_empty() {
        true => "a part".to_string(),
        false => sentence[words.clone()].to_string(),
    }
}

/// True when the sentence opens with "Of the ..., " naming no figure and `clause` is the one after that opening ("Of
/// the dead, 1,293 were in the north"; "Of the 240 hostages, 62 were freed" is a part and its whole, told apart
/// elsewhere).
fn opened_by_of_the(sentence: &str, clause: &Range<usize>) -> bool {
    let opening = sentence[..clause.start].trim();
    let Some(rest) = of_the_opening(opening) else {
        return false;
    };
    let named = &rest[..rest.len().saturating_sub(1)];
    rest.ends_with(',')
        && !named.contains([',', ';'])
        && !named.contains(|c: char| c.is_ascii_digit())
}

/// What follows an opening "Of the", "Of those" or "Of these" of `text`, if it opens so.
fn of_the_opening(text: &str) -> Option<&str> {
    ["of the ", "of those ", "of these "].iter().find_map(|of| {
        text.get(..of.len())
            .filter(|head| head.eq_ignore_ascii_case(of))
            .map(|_| &text[of.len()..])
    })
}

/// The words of `tail` (bytes of `sentence`) that say which part a figure counts: its first prepositional phrase
/// when there is one ("were in the northern hills" is "in the northern hills"), else its words, at most six.
fn label(sentence: &str, tail: Range<usize>) -> Range<usize> {
    let text = &sentence[tail.clone()];
    let words: Vec<_> = leading_words(text).collect();
    let from = words
        .iter()
        .position(|word| PREPOSITIONS.contains(&word.lower.as_str()) && word.lower != "of")
        .unwrap_or(0);
    let kept = &words[from..words.len().min(from + 6)];
    match (kept.first(), kept.last()) {
        (Some(first), Some(last)) => tail.start + first.span.start..tail.start + last.span.end,
        _ => tail.end..tail.end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope_of(sentence: &str, figure: &str) -> Option<String> {
        let start = sentence
            .find(figure)
            .expect("the figure is in the sentence");
        let words = part_words(sentence, &(start..start + figure.len()), &[])?;
        Some(part_scope(sentence, &words))
    }

    #[test]
    fn a_figure_of_them_is_a_part_named_by_the_words_after_it() {
        let sentence = "Officials said 4,310 people died, 1,950 of them in the province.";
        assert_eq!(scope_of(sentence, "1,950"), Some("in the province".into()));
        assert_eq!(scope_of(sentence, "4,310"), None);
        let sentence = "Nearly 2,500 people were injured, 1,404 of them critically.";
        assert_eq!(scope_of(sentence, "1,404"), Some("critically".into()));
    }

    #[test]
    fn an_opening_of_the_makes_a_part_but_a_closing_alone_does_not() {
        let sentence = "Of the dead, 1,293 were in the northern hills.";
        assert_eq!(
            scope_of(sentence, "1,293"),
            Some("in the northern hills".into())
        );
        let sentence = "Some 300 were killed in the capital alone, the ministry said.";
        assert_eq!(scope_of(sentence, "300"), None);
        let sentence = "Of the three towns, the largest lost 300 homes, and the rest lost 20.";
        assert_eq!(scope_of(sentence, "20"), None);
        let sentence = "Of the 240 passengers, 62 have been flown out.";
        assert_eq!(scope_of(sentence, "62"), None);
    }

    #[test]
    fn words_that_only_begin_like_referring_words_are_no_part() {
        let sentence = "The toll rose to 700 of themselves, a typo.";
        assert_eq!(scope_of(sentence, "700"), None);
        let sentence = "The agency counted 700 offers of help.";
        assert_eq!(scope_of(sentence, "700"), None);
    }
}
