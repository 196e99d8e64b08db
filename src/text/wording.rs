//! Words for comparing wordings: names and quotations drift one word at a time, so they are compared word by word.
//!
//! A text is cut into [`Word`]s that keep their place in the text and carry a comparison key that ignores case,
//! full stops and a possessive `'s` ("U.S." and "US", "Niger's" and "Niger" are the same word). Two wordings are
//! alike by the `similar` crate's ratio over their keys (2 × matched words / total words). A short wording is
//! measured against the part of a longer one it fits best ([`fit`]), because a source often quotes a fragment.

use std::hash::Hash;
use std::ops::Range;

use similar::{capture_diff_slices, get_diff_ratio, Algorithm, DiffOp};

/// One word of a text: where it is and the key it is compared by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Bytes of the word in the text it was cut from (plus the offset given to [`words`]).
    pub span: Range<usize>,
    /// Lower case, without full stops or a possessive ending: "U.S." -> "us", "Nigeria’s" -> "nigeria".
    pub key: String,
}

/// Function words: they carry no name or claim of their own, so they never anchor a match and a fragment's edges
/// may differ in them ("in an orderly" / "on an orderly"). "not" and its kin are deliberately absent.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "from", "into", "and",
    "or", "but", "as", "that", "this", "these", "those", "it", "its", "is", "are", "was", "were",
    "be", "been", "de", "du", "des", "la", "le", "les", "pour", "et",
];

/// True for a key that carries no meaning of its own (see `FUNCTION_WORDS`).
pub fn is_function_word(key: &str) -> bool {
    FUNCTION_WORDS.contains(&key)
}

/// Cuts `text` into words. A word is a run of letters and digits, with inner full stops and apostrophes
/// ("U.S", "we're"); an abbreviation keeps its final full stop ("U.S."). Spans are shifted by `offset`.
pub fn words(text: &str, offset: usize) -> Vec<Word> {
    let mut found = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut dotted = false;
        while let Some(&(i, next)) = chars.peek() {
            let joins = matches!(next, '.' | '\'' | '’')
                && text[i + next.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if next.is_alphanumeric() || joins {
                dotted |= next == '.';
                end = i + next.len_utf8();
                chars.next();
            } else {
                if dotted && next == '.' {
                    end = i + 1;
                    chars.next();
                }
                break;
            }
        }
        let key = key(&text[start..end]);
        found.push(Word {
            span: start + offset..end + offset,
            key,
        });
    }
    found
}

/// The comparison key of one word: lower case, full stops dropped, a possessive `'s` (or a bare final apostrophe)
/// dropped, curly apostrophes made straight.
pub fn key(word: &str) -> String {
    let mut key = String::with_capacity(word.len());
    if word.is_ascii() {
        // most words: ASCII lower-casing is the whole of it, with no character decoded
        key.extend(
            word.bytes()
                .filter(|&b| b != b'.')
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
    } else {
        key.extend(
            word.chars()
                .filter(|&c| c != '.')
                .map(|c| if c == '’' { '\'' } else { c })
                .flat_map(char::to_lowercase),
        );
    }
    if key.ends_with("'s") {
        key.truncate(key.len() - 2);
    }
    key.truncate(key.trim_end_matches('\'').len());
    key
}

/// The keys of `words`, for comparisons.
pub fn keys(words: &[Word]) -> Vec<&str> {
    words.iter().map(|w| w.key.as_str()).collect()
}

/// The text of `words[range]` as written, from the first word's start to the last word's end.
pub fn display<'t>(text: &'t str, words: &[Word], range: Range<usize>) -> &'t str {
    match (
        words.get(range.start),
        range.end.checked_sub(1).and_then(|e| words.get(e)),
    ) {
        (Some(first), Some(last)) if range.start < range.end => {
            text.get(first.span.start..last.span.end).unwrap_or("")
        }
        _ => "",
    }
}

/// The word-level similarity of two wordings: 2 × matched words / (words of both), from 0 to 1.
pub fn similarity<T: Hash + Eq + Ord>(a: &[T], b: &[T]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let ops = capture_diff_slices(Algorithm::Myers, a, b);
    f64::from(get_diff_ratio(&ops, a.len(), b.len()))
}

/// Where `inner` occurs as a whole inside `outer`, if it does.
pub fn find<T: PartialEq>(outer: &[T], inner: &[T]) -> Option<usize> {
    if inner.is_empty() || inner.len() > outer.len() {
        return None;
    }
    outer.windows(inner.len()).position(|w| w == inner)
}

/// The range of `words` without function words at either end ("in an orderly and responsible" -> "orderly and
/// responsible"): a fragment's edges are where sources cut a quotation differently.
pub fn core<S: AsRef<str>>(words: &[S]) -> Range<usize> {
    let content = |w: &S| !is_function_word(w.as_ref());
    match (
        words.iter().position(content),
        words.iter().rposition(content),
    ) {
        (Some(start), Some(last)) => start..last + 1,
        _ => 0..0,
    }
}

/// How well a short wording fits a longer one: the best ratio, and the words of the longer one it was measured on.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// [`similarity`] of the short wording and `window`; 1 when the short wording occurs whole in the long one.
    pub ratio: f64,
    /// Positions in the long wording.
    pub window: Range<usize>,
}

/// How many candidate alignments [`fit`] measures at most: the offsets that most shared words support.
const MAX_OFFSETS: usize = 8;

/// Fits `short` into `long`: the window of `long` that `short` matches best. Candidate windows are anchored on the
/// word pairs (else single words) both share, each at the offset that lines the shared words up, widened by a third
/// of `short` on each side for inserted words, then narrowed to the words that matched.
pub fn fit<T: Hash + Eq + Ord>(short: &[T], long: &[T]) -> Fit {
    if let Some(at) = find(long, short) {
        return Fit {
            ratio: 1.0,
            window: at..at + short.len(),
        };
    }
    let slack = short.len() / 3 + 1;
    let mut best = Fit {
        ratio: 0.0,
        window: 0..0,
    };
    for offset in anchor_offsets(short, long) {
        let lo = offset.saturating_sub(slack as isize).max(0) as usize;
        let hi = (offset + (short.len() + slack) as isize).clamp(0, long.len() as isize) as usize;
        let Some(window) = narrowed(short, long, lo..hi) else {
            continue;
        };
        let ratio = similarity(short, &long[window.clone()]);
        if ratio > best.ratio {
            best = Fit { ratio, window };
        }
    }
    best
}

/// Offsets (position in `long` minus position in `short`) at which shared word pairs line up, most supported
/// first; single shared words when no pair is shared.
fn anchor_offsets<T: Eq>(short: &[T], long: &[T]) -> Vec<isize> {
    let mut support: Vec<(isize, usize)> = Vec::new();
    for width in [2, 1] {
        for (i, pair) in short.windows(width).enumerate() {
            for (j, other) in long.windows(width).enumerate() {
                if pair == other {
                    let offset = j as isize - i as isize;
                    match support.iter_mut().find(|(o, _)| *o == offset) {
                        Some((_, n)) => *n += 1,
                        None => support.push((offset, 1)),
                    }
                }
            }
        }
        if !support.is_empty() {
            break;
        }
    }
    support.sort_by_key(|&(offset, n)| (std::cmp::Reverse(n), offset));
    support
        .into_iter()
        .take(MAX_OFFSETS)
        .map(|(offset, _)| offset)
        .collect()
}

/// Narrows `range` of `long` to the words that match `short`, keeping room for the unmatched words of `short`
/// before the first match and after the last (words replaced at the edges).
fn narrowed<T: Hash + Eq + Ord>(
    short: &[T],
    long: &[T],
    range: Range<usize>,
) -> Option<Range<usize>> {
    let ops = capture_diff_slices(Algorithm::Myers, short, &long[range.clone()]);
    let equal = |op: &DiffOp| match *op {
        DiffOp::Equal {
            old_index,
            new_index,
            len,
        } => Some((old_index, new_index, len)),
        _ => None,
    };
    let (first_old, first_new, _) = ops.iter().find_map(equal)?;
    let (last_old, last_new, last_len) = ops.iter().rev().find_map(equal)?;
    let lead = first_old.min(first_new);
    let trail = (short.len() - (last_old + last_len)).min(range.len() - (last_new + last_len));
    Some(range.start + first_new - lead..range.start + last_new + last_len + trail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys_of(text: &str) -> Vec<String> {
        words(text, 0).into_iter().map(|w| w.key).collect()
    }

    #[test]
    fn words_keep_abbreviations_and_apostrophes() {
        let text = "the U.S.-Niger talks, we're told; Nigeria’s “forces”.";
        let found = words(text, 10);
        let shown: Vec<&str> = found
            .iter()
            .map(|w| &text[w.span.start - 10..w.span.end - 10])
            .collect();
        assert_eq!(
            shown,
            [
                "the",
                "U.S.",
                "Niger",
                "talks",
                "we're",
                "told",
                "Nigeria’s",
                "forces"
            ]
        );
        assert_eq!(
            keys_of(text),
            ["the", "us", "niger", "talks", "we're", "told", "nigeria", "forces"]
        );
    }

    #[test]
    fn keys_read_ascii_and_other_words_alike() {
        // an ASCII word and the same word with a curly apostrophe or a letter outside ASCII take the same steps
        for (word, expected) in [
            ("U.S.'s", "us"),
            ("U.S.’s", "us"),
            ("Troops''", "troops"),
            ("Troops’’", "troops"),
            ("NIGER'S'", "niger's"),
            ("NIGÉR'S'", "nigér's"),
            ("'s", ""),
            ("’S", ""),
        ] {
            assert_eq!(key(word), expected, "{word:?}");
        }
    }

    #[test]
    fn case_punctuation_and_possessives_are_not_differences() {
        assert_eq!(keys_of("U.S. Africa Command"), keys_of("US africa command"));
        assert_eq!(keys_of("Niger's"), keys_of("Niger"));
        assert_ne!(keys_of("Nigeria's"), keys_of("Niger's"));
    }

    #[test]
    fn similarity_is_the_share_of_matched_words() {
        let canonical = keys_of("National Council for the Safeguard of the Homeland");
        let near = keys_of("National Council for Safeguarding the Homeland");
        assert!((similarity(&canonical, &near) - 10.0 / 14.0).abs() < 1e-6);
        assert_eq!(similarity(&canonical, &canonical), 1.0);
    }

    #[test]
    fn a_fragment_fits_the_words_it_quotes() {
        let long = keys_of("to initiate discussions on an orderly and responsible withdrawal of U.S. forces from Niger");
        let exact = fit(&keys_of("orderly and responsible"), &long);
        assert_eq!((exact.ratio, exact.window), (1.0, 5..8));
        let changed = fit(&keys_of("organized and responsible withdrawal"), &long);
        assert_eq!(changed.window, 5..9);
        assert!((changed.ratio - 0.75).abs() < 1e-6, "{changed:?}");
        let unrelated = fit(&keys_of("time will tell"), &long);
        assert_eq!(unrelated.ratio, 0.0);
    }

    #[test]
    fn core_drops_function_words_at_the_edges() {
        let fragment = keys_of("in an orderly and responsible");
        assert_eq!(core(&fragment), 2..5);
        assert_eq!(core(&keys_of("of the")), 0..0);
    }
}
