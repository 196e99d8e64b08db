//! Word lists matched on the words of a sentence: the lists a rule author writes in words (`counts: [troop,
//! soldier]`, `of: [US, U.S.]`), each entry with its inflections ([`crate::text::inflect`]).
//!
//! A sentence is cut into [`Token`]s: runs of letters and digits, and abbreviations with full stops ("U.S.").
//! Hyphens and apostrophes separate words ("U.S.-Niger" is "U.S." and "Niger"), but a possessive "'s" stays with its
//! word and is ignored when comparing ("Niger's" is "Niger"). Comparison ignores case, except for an entry written
//! in capitals of two letters or more ("US", "UN"): it matches only a word in capitals, so that the pronoun "us" is
//! not the United States.
//!
//! A [`WordList`] also gives the regex alternation of its forms, for the scanner's patterns.

use std::collections::VecDeque;
use std::ops::Range;
use std::rc::Rc;
use std::sync::OnceLock;

use regex_syntax::hir::{Class, Hir, HirKind};
use rustc_hash::FxHashMap;

use super::inflect::{forms, Part};

/// A word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The bytes of the word, possessive included.
    pub span: Range<usize>,
    /// The word in lower case, without a possessive "'s".
    pub lower: String,
    /// True when every letter of the word is a capital.
    pub capitals: bool,
}

/// What was read of the last few sentences on a thread, the latest first: the candidates of a sentence are judged one
/// after another, and each judgement would read its whole sentence again.
#[derive(Debug)]
pub struct RecentSentences<T: ?Sized> {
    read: VecDeque<(Box<str>, Rc<T>)>,
    capacity: usize,
}

impl<T: ?Sized> RecentSentences<T> {
    /// Remembers what was read of the last `capacity` sentences.
    pub const fn new(capacity: usize) -> RecentSentences<T> {
        RecentSentences {
            read: VecDeque::new(),
            capacity,
        }
    }

    /// What was read of `sentence`: remembered, or read by `read` now (and remembered, forgetting the sentence read
    /// first of those remembered).
    pub fn get_or_read(&mut self, sentence: &str, read: impl FnOnce() -> Rc<T>) -> Rc<T> {
        if let Some((_, found)) = self.read.iter().find(|(seen, _)| **seen == *sentence) {
            return Rc::clone(found);
        }
        let found = read();
        if self.read.len() == self.capacity {
            self.read.pop_back();
        }
        self.read.push_front((sentence.into(), Rc::clone(&found)));
        found
    }
}

/// The words of `text[range]`, with spans into `text`.
pub fn tokens(text: &str, range: Range<usize>) -> Vec<Token> {
    words_from(text, range).collect()
}

/// The words of `text[range]` one at a time, with spans into `text`: for callers that need only the first few, so
/// that the rest of the text is neither searched nor lowercased.
///
/// A word is what the regex `(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:['’]\p{L}+)?` finds, leftmost-first (the test
/// `words_are_what_the_word_regex_finds` holds the two together), read character by character: every sentence a
/// claim in words judges is cut into words, and a regex search costs a forward and a backward pass per word.
pub fn words_from(text: &str, range: Range<usize>) -> impl Iterator<Item = Token> + '_ {
    let end = range.end;
    let mut from = range.start;
    std::iter::from_fn(move || {
        let span = next_word(&text[..end], from)?;
        from = span.end;
        Some(token(text, span))
    })
}

/// The token of the word at `span` of `text`.
fn token(text: &str, span: Range<usize>) -> Token {
    let word = &text[span.clone()];
    let mut lower = word.to_lowercase();
    let possessive = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix("’s"));
    if let Some(kept) = possessive.map(str::len) {
        lower.truncate(kept);
    }
    Token {
        span,
        lower,
        capitals: word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_lowercase),
    }
}

/// The span of the first word of `text` at or after byte `from`: an abbreviation of two or more letters each with
/// its full stop ("U.S."), else a run of letters and digits with, after an apostrophe, more letters ("Niger's").
fn next_word(text: &str, from: usize) -> Option<Range<usize>> {
    let (offset, _) = text[from..]
        .char_indices()
        .find(|&(_, c)| is_letter(c) || is_number(c))?;
    let start = from + offset;
    let rest = &text[start..];
    let abbreviation = letters_with_stops(rest);
    if abbreviation >= 2 {
        let len = rest
            .char_indices()
            .filter(|&(_, c)| c == '.')
            .nth(abbreviation - 1)
            .map_or(0, |(at, _)| at + 1);
        return Some(start..start + len);
    }
    let mut chars = rest.char_indices().peekable();
    let mut end = rest.len();
    while let Some(&(at, c)) = chars.peek() {
        if !(is_letter(c) || is_number(c)) {
            end = at;
            break;
        }
        chars.next();
    }
    let tail = &rest[end..];
    let mut after_quote = tail.chars();
    if let (Some('\'' | '’'), Some(letter)) = (after_quote.next(), after_quote.next()) {
        if is_letter(letter) {
            let quote = tail.chars().next().map_or(0, char::len_utf8);
            let letters = tail[quote..]
                .char_indices()
                .find(|&(_, c)| !is_letter(c))
                .map_or(tail.len() - quote, |(at, _)| at);
            end += quote + letters;
        }
    }
    Some(start..start + end)
}

/// How many letters, each followed by a full stop, `text` opens with.
fn letters_with_stops(text: &str) -> usize {
    let mut chars = text.chars();
    let mut count = 0;
    while let (Some(letter), Some('.')) = (chars.next(), chars.next()) {
        if !is_letter(letter) {
            break;
        }
        count += 1;
    }
    count
}

/// True for a letter (`\p{L}`, general category L).
fn is_letter(c: char) -> bool {
    static LETTERS: OnceLock<Vec<(char, char)>> = OnceLock::new();
    c.is_ascii_alphabetic() || (!c.is_ascii() && in_class(&LETTERS, r"\p{L}", c))
}

/// True for a number (`\p{N}`, general category N).
fn is_number(c: char) -> bool {
    static NUMBERS: OnceLock<Vec<(char, char)>> = OnceLock::new();
    c.is_ascii_digit() || (!c.is_ascii() && in_class(&NUMBERS, r"\p{N}", c))
}

/// True when `c` is in the Unicode class `class` (a regex such as `\p{L}`), whose ranges `ranges` keeps once read:
/// the same tables the regex engine matches with.
fn in_class(ranges: &OnceLock<Vec<(char, char)>>, class: &str, c: char) -> bool {
    let ranges = ranges.get_or_init(|| match regex_syntax::parse(class).map(Hir::into_kind) {
        Ok(HirKind::Class(Class::Unicode(class))) => class
            .ranges()
            .iter()
            .map(|r| (r.start(), r.end()))
            .collect(),
        _ => Vec::new(),
    });
    ranges
        .binary_search_by(|&(first, last)| {
            if last < c {
                std::cmp::Ordering::Less
            } else if first > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// One entry of a list as the author wrote it, with its forms.
#[derive(Debug, Clone)]
struct Entry {
    written: String,
    capitals: bool,
}

/// A list of words and phrases, each matched with its inflections.
#[derive(Debug, Clone, Default)]
pub struct WordList {
    entries: Vec<Entry>,
    /// Every form, longest first.
    forms: Vec<Form>,
    /// Forms by their first word. Looked up for every word of every judged sentence, so hashed with a fast hash
    /// (the keys are the rule file's words, not input).
    by_first: FxHashMap<String, Vec<usize>>,
}

/// One form of an entry: its words, the entry, and for a pair's form ([`pair_forms`]) the word before which a
/// comma or a slash may join it ("Turkey, Syria", "Turkey/Syria").
#[derive(Debug, Clone)]
struct Form {
    words: Vec<String>,
    entry: usize,
    joint: Option<usize>,
}

/// Where an entry of a list stands in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The entry, as written in the list.
    pub entry: usize,
    /// The tokens it covers.
    pub tokens: Range<usize>,
    /// The bytes it covers.
    pub span: Range<usize>,
}

/// The words of one form: split at spaces and hyphens.
fn form_words(form: &str) -> Vec<String> {
    form.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w)
                .to_string()
        })
        .collect()
}

impl WordList {
    /// The list of `entries`, each inflected as `part`.
    pub fn new(entries: &[String], part: Part) -> WordList {
        let mut list = WordList::default();
        for (index, written) in entries.iter().enumerate() {
            let letters: Vec<char> = written.chars().filter(|c| c.is_alphabetic()).collect();
            let capitals = letters.len() >= 2
                && letters.iter().all(|c| c.is_uppercase())
                && !written.contains('.');
            list.entries.push(Entry {
                written: written.trim().to_string(),
                capitals,
            });
            for form in forms(written, part) {
                let words = form_words(&form);
                if !words.is_empty() {
                    list.forms.extend(pair_forms(&words, index));
                    list.forms.push(Form {
                        words,
                        entry: index,
                        joint: None,
                    });
                }
            }
        }
        list.forms
            .sort_by_key(|form| std::cmp::Reverse(form.words.len()));
        for (i, form) in list.forms.iter().enumerate() {
            list.by_first
                .entry(form.words[0].clone())
                .or_default()
                .push(i);
        }
        list
    }

    /// True when the list has no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry at `index` as the author wrote it.
    pub fn written(&self, index: usize) -> &str {
        &self.entries[index].written
    }

    /// The entries as written, joined for messages: "US, U.S., American".
    pub fn describe(&self) -> String {
        let all: Vec<&str> = self.entries.iter().map(|e| e.written.as_str()).collect();
        all.join(", ")
    }

    /// The longest form of an entry that starts at token `at`, if any.
    pub fn hit_at(&self, sentence: &str, tokens: &[Token], at: usize) -> Option<Hit> {
        let candidates = self.by_first.get(&tokens[at].lower)?;
        candidates.iter().find_map(|&i| {
            let Form {
                words,
                entry,
                joint,
            } = &self.forms[i];
            let capitals = self.entries[*entry].capitals;
            let fits = |token: &Token, word: &String| {
                token.lower == *word && (!capitals || token.capitals)
            };
            let end = at + words.len();
            let direct = end <= tokens.len()
                && tokens[at..end].iter().zip(words).all(|(t, w)| fits(t, w))
                && joined_closely(sentence, &tokens[at..end], *joint);
            // "resume its participation in" for `resume participation in`
            let possessed = !direct
                && words.len() >= 2
                && end < tokens.len()
                && POSSESSIVES.contains(&tokens[at + 1].lower.as_str())
                && !POSSESSIVES.contains(&words[1].as_str())
                && std::iter::once(&tokens[at])
                    .chain(&tokens[at + 2..end + 1])
                    .zip(words)
                    .all(|(t, w)| fits(t, w))
                && joined_closely(sentence, &tokens[at..end + 1], None);
            let end = match (direct, possessed) {
                (true, _) => end,
                (false, true) => end + 1,
                (false, false) => split_end(sentence, tokens, at, words, &fits)?,
            };
            Some(Hit {
                entry: *entry,
                tokens: at..end,
                span: tokens[at].span.start..tokens[end - 1].span.end,
            })
        })
    }

    /// Every hit in `tokens`, in order, none overlapping (the longest form at each place).
    pub fn hits(&self, sentence: &str, tokens: &[Token]) -> Vec<Hit> {
        let mut found = Vec::new();
        let mut at = 0;
        while at < tokens.len() {
            match self.hit_at(sentence, tokens, at) {
                Some(hit) => {
                    at = hit.tokens.end;
                    found.push(hit);
                }
                None => at += 1,
            }
        }
        found
    }

    /// The hits whose bytes lie within `range`.
    pub fn hits_in(&self, sentence: &str, tokens: &[Token], range: &Range<usize>) -> Vec<Hit> {
        self.hits(sentence, tokens)
            .into_iter()
            .filter(|h| range.start <= h.span.start && h.span.end <= range.end)
            .collect()
    }

    /// A regex that finds where a form's verb may stand parted from its particle by an object ("tore the accord
    /// up", "pull its troops out of"): one of the verbs, one to [`SPLIT_OBJECT`] words, one of the particles; `None`
    /// when no form of the list has a particle. It finds candidates only (a verb with another form's particle
    /// too): [`WordList::hits`] tells which form stands there, if any. One pattern for every such form keeps the
    /// scanner's automaton small.
    pub fn split_alternation(&self) -> Option<String> {
        let split: Vec<&Form> = self
            .forms
            .iter()
            .filter(|form| form.words.len() >= 2 && PARTICLES.contains(&form.words[1].as_str()))
            .collect();
        let distinct = |words: Vec<&String>| {
            let set: std::collections::BTreeSet<String> =
                words.into_iter().map(|w| regex::escape(w)).collect();
            set.into_iter().collect::<Vec<_>>().join("|")
        };
        let verbs = distinct(split.iter().map(|form| &form.words[0]).collect());
        let particles = distinct(split.iter().map(|form| &form.words[1]).collect());
        (!split.is_empty()).then(|| {
            format!(r"\b(?:{verbs})(?:\s+[\w'’]+){{1,{SPLIT_OBJECT}}}?\s+(?:{particles})\b")
        })
    }

    /// A regex alternation of every form (case-insensitive by the caller), longest first, each on word boundaries
    /// where it starts or ends with a word character: `(?:\bservice(?:\s+|-)members\b|\btroops\b|...)`.
    pub fn alternation(&self) -> String {
        let mut forms: Vec<&Form> = self.forms.iter().collect();
        forms.sort_by_key(|form| {
            std::cmp::Reverse(form.words.iter().map(String::len).sum::<usize>())
        });
        let parts: Vec<String> = forms
            .iter()
            .map(|Form { words, joint, .. }| {
                let mut body = String::new();
                for (i, word) in words.iter().enumerate() {
                    match i {
                        0 => {}
                        _ if Some(i) == *joint => body.push_str(r"(?:\s*[,/]\s*|\s+|-)"),
                        // a phrase of three words or more, as verb phrases are ("resume its participation
                        // in"): in every two-word noun ("death toll") it would slow every search for nothing
                        1 if words.len() > 2 => body
                            .push_str(&format!(r"(?:\s+(?:{}))?(?:\s+|-)", POSSESSIVES.join("|"))),
                        _ => body.push_str(r"(?:\s+|-)"),
                    }
                    body.push_str(&regex::escape(word));
                }
                let first = words[0].chars().next().is_some_and(char::is_alphanumeric);
                let last = words[words.len() - 1]
                    .chars()
                    .last()
                    .is_some_and(char::is_alphanumeric);
                format!(
                    "{}{body}{}",
                    if first { r"\b" } else { "" },
                    if last { r"(?:['’]s)?\b" } else { "" }
                )
            })
            .collect();
        format!("(?:{})", parts.join("|"))
    }
}

/// Particles of phrasal verbs that an object may part from their verb: "pull its troops out of", "tore the accord
/// up", "cut the aid off".
const PARTICLES: &[&str] = &["out", "up", "off", "away", "back", "down"];

/// The most words of an object between a verb and its particle ("pull all of its troops out").
const SPLIT_OBJECT: usize = 4;

/// Words that end an object before a particle could: a clause or another phrase begins ("pulled the troops and
/// then went out" is no "pull out").
const NOT_OBJECT: &[&str] = &[
    "and", "or", "but", "to", "that", "which", "who", "when", "as", "if", "because", "while",
    "after", "before", "until", "since", "is", "are", "was", "were", "will", "would", "has",
    "have", "had",
];

/// Where a form whose second word is one of [`PARTICLES`] ends when an object of up to [`SPLIT_OBJECT`] words parts
/// the verb at token `at` from its particle ("pull its troops out of" for `pull out of`), if it does: the object is
/// then inside the hit.
fn split_end(
    sentence: &str,
    tokens: &[Token],
    at: usize,
    words: &[String],
    fits: &dyn Fn(&Token, &String) -> bool,
) -> Option<usize> {
    if words.len() < 2 || !PARTICLES.contains(&words[1].as_str()) || !fits(&tokens[at], &words[0]) {
        return None;
    }
    (1..=SPLIT_OBJECT).find_map(|object| {
        let rest = at + 1 + object;
        let end = rest + words.len() - 1;
        let fitting = end <= tokens.len()
            && tokens[at + 1..rest].iter().all(|t| {
                !NOT_OBJECT.contains(&t.lower.as_str()) && !PARTICLES.contains(&t.lower.as_str())
            })
            && tokens[rest..end]
                .iter()
                .zip(&words[1..])
                .all(|(t, w)| fits(t, w))
            && joined_closely(sentence, &tokens[at..end], None);
        fitting.then_some(end)
    })
}

/// Possessive determiners that may stand after the first word of an entry of several words without its author
/// writing them: `resume participation in` finds "resume its participation in". A judged sentence's words find
/// them after any entry's first word; the candidate regex ([`WordList::alternation`]) only in entries of three
/// words or more.
const POSSESSIVES: &[&str] = &["its", "their", "his", "her", "our"];

/// True when the tokens of a phrase are separated only by spaces and hyphens (not by a comma or a full stop), but
/// before the token at `joint`, where one comma or slash may stand too.
fn joined_closely(sentence: &str, tokens: &[Token], joint: Option<usize>) -> bool {
    tokens.windows(2).enumerate().all(|(i, pair)| {
        let between = &sentence[pair[0].span.end..pair[1].span.start];
        between.chars().all(|c| c.is_whitespace() || c == '-')
            || (Some(i + 1) == joint && matches!(between.trim(), "," | "/"))
    })
}

/// The other ways of writing a pair that a form "X and Y" names: "Y and X", and either order joined by a hyphen,
/// a comma or a slash ("Turkey and Syria": "Syria and Turkey", "Turkey-Syria", "Turkey, Syria", "Syria/Turkey").
fn pair_forms(words: &[String], entry: usize) -> Vec<Form> {
    let ands: Vec<usize> = (0..words.len()).filter(|&i| words[i] == "and").collect();
    let [at] = ands[..] else {
        return Vec::new();
    };
    if at == 0 || at + 1 == words.len() {
        return Vec::new();
    }
    let (first, second) = (&words[..at], &words[at + 1..]);
    let joined = |a: &[String], b: &[String], and: bool| {
        let mut words = a.to_vec();
        if and {
            words.push("and".to_string());
        }
        words.extend_from_slice(b);
        let joint = (!and).then_some(a.len());
        Form {
            words,
            entry,
            joint,
        }
    };
    vec![
        joined(second, first, true),
        joined(first, second, false),
        joined(second, first, false),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn recent_sentences_are_read_once_until_forgotten() {
        let mut recent: RecentSentences<usize> = RecentSentences::new(2);
        let reads = std::cell::Cell::new(0);
        let mut read = |sentence: &str| {
            recent.get_or_read(sentence, || {
                reads.set(reads.get() + 1);
                Rc::new(sentence.len())
            })
        };
        assert_eq!(*read("one"), 3);
        assert_eq!(*read("three"), 5);
        assert_eq!(*read("one"), 3);
        assert_eq!(*read("seven"), 5);
        assert_eq!(*read("three"), 5);
        // "one", the first read of the two remembered when "seven" came, was forgotten: read again
        assert_eq!(*read("one"), 3);
        assert_eq!(reads.get(), 4);
    }

    proptest::proptest! {
        #[test]
        fn words_are_what_the_word_regex_finds(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "U", "s", ".", "'", "’", "'s", "’s", "7", "١", "½", "Ⅻ", "é", "É", "ß", "日本", "ǅ", "\u{301}",
                "ª", "_", "-", " ", ",", "\n", "🙂", "Niger", "U.S.", "x.", "e.g.", "’t", "l'", "Ω.",
            ]), 0..24),
            from in 0usize..4,
        ) {
            let text: String = parts.concat();
            let from = (0..=from.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let regex = Regex::new(r"(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:['’]\p{L}+)?").unwrap();
            let expected: Vec<Range<usize>> = regex
                .find_iter(&text[from..])
                .map(|m| from + m.start()..from + m.end())
                .collect();
            let found: Vec<Range<usize>> = tokens(&text, from..text.len()).into_iter().map(|t| t.span).collect();
            proptest::prop_assert_eq!(found, expected);
        }
    }

    fn list(entries: &[&str], part: Part) -> WordList {
        let entries: Vec<String> = entries.iter().map(|e| e.to_string()).collect();
        WordList::new(&entries, part)
    }

    fn found(list: &WordList, text: &str) -> Vec<String> {
        let tokens = tokens(text, 0..text.len());
        list.hits(text, &tokens)
            .into_iter()
            .map(|h| text[h.span].to_string())
            .collect()
    }

    #[test]
    fn tokens_keep_abbreviations_and_drop_possessives() {
        let text = "Niger's U.S.-backed troops";
        let words: Vec<String> = tokens(text, 0..text.len())
            .into_iter()
            .map(|t| t.lower)
            .collect();
        assert_eq!(words, ["niger", "u.s.", "backed", "troops"]);
    }

    #[test]
    fn entries_match_their_inflections() {
        let counts = list(&["troop", "service member"], Part::Noun);
        assert_eq!(
            found(&counts, "1,000 troops and 20 service members"),
            ["troops", "service members"]
        );
        let events = list(&["terminate", "tear up"], Part::Verb);
        assert_eq!(
            found(
                &events,
                "it terminated the pact; the termination; it tore up"
            ),
            ["terminated", "termination", "tore up"]
        );
    }

    #[test]
    fn a_possessive_may_follow_the_first_word_of_a_phrase() {
        let predicate = list(&["resume participation in", "its ties"], Part::Verb);
        assert_eq!(
            found(
                &predicate,
                "it will resume its participation in the deal, resume participation in, resume, its participation in"
            ),
            ["resume its participation in", "resume participation in"]
        );
        let alternation = regex::Regex::new(&format!("(?i){}", predicate.alternation())).unwrap();
        let matched: Vec<&str> = alternation
            .find_iter("to resume their participation in it")
            .map(|m| m.as_str())
            .collect();
        assert_eq!(matched, ["resume their participation in"]);
    }

    #[test]
    fn capitals_match_only_capitals() {
        let of = list(&["US", "U.S."], Part::Name);
        assert_eq!(found(&of, "US troops"), ["US"]);
        assert!(found(&of, "let us go").is_empty());
        assert_eq!(
            found(&of, "u.s. troops and U.S.-Niger ties"),
            ["u.s.", "U.S."]
        );
    }

    #[test]
    fn phrases_do_not_span_a_comma() {
        let scope = list(&["at Air Base 101"], Part::Name);
        assert_eq!(
            found(&scope, "150 staff at Air Base 101"),
            ["at Air Base 101"]
        );
        assert!(found(&scope, "at Air, Base 101").is_empty());
    }

    #[test]
    fn the_alternation_finds_the_same_forms() {
        let counts = list(&["troop", "service member"], Part::Noun);
        let re = Regex::new(&format!("(?i){}", counts.alternation())).unwrap();
        assert!(re.is_match("service-members"));
        assert!(re.is_match("Troops'"));
        assert!(!re.is_match("troopship"));
    }

    #[test]
    fn a_pair_is_found_in_either_order_and_joined_by_a_comma_hyphen_or_slash() {
        let of = list(&["Turkey and Syria"], Part::Any);
        let found = |text: &str| {
            let tokens = tokens(text, 0..text.len());
            of.hits(text, &tokens)
                .iter()
                .map(|h| text[h.span.clone()].to_string())
                .collect::<Vec<_>>()
        };
        for text in [
            "Syria and Turkey",
            "Turkey-Syria",
            "Turkey, Syria",
            "Syria/Turkey",
        ] {
            assert_eq!(found(&format!("the quake in {text} killed")), [text]);
        }
        assert!(found("Turkey. Syria").is_empty());
        assert!(found("Turkey, Iraq and Syria").is_empty());
        assert!(
            list(&["Turkey"], Part::Any)
                .hits("Turkey, Syria", &tokens("Turkey, Syria", 0..13))
                .len()
                == 1
        );
        let re = Regex::new(&format!("(?i){}", of.alternation())).unwrap();
        assert!(re.is_match("Turkey , Syria"));
        assert!(!re.is_match("Turkey; Syria"));
    }
}
