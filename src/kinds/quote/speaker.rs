//! Who is quoted: the speaker a sentence names next to a quotation ("the State Department says", "said Zeine",
//! "a senior defense official said").
//!
//! Speakers are found with two shapes around a speech verb: a noun phrase and the verb ("Zeine said") or the verb
//! and a noun phrase ("said Zeine", "according to the Pentagon"). A noun phrase is a run of capitalised words or
//! role nouns ("Prime Minister Zeine", "State Department spokesman Vedant Patel"), or an article followed by up to
//! four words and such a head ("a senior defense official", "the two militaries"). A pronoun names nobody, so "he
//! said" gives no speaker.

use std::sync::OnceLock;

use regex::Regex;

use crate::text::wording::{is_function_word, key, words};

/// A noun phrase that can name a speaker; `{}` is replaced by the name of its capture group.
const SPEAKER: &str =
    r"(?P<{}>\b(?:(?i:the|a|an)\s+(?:[\w’'.-]+\s+){0,4}?(?:HEAD)|(?:(?:HEAD)\s+){0,5}?(?:HEAD)))";

/// The last word of a speaker's noun phrase: a capitalised word, a pronoun, or a noun for a role.
const HEAD: &str = r"(?:\p{Lu}\.){2,}|\p{Lu}[\w’'-]*|he|she|they|we|it|(?i:officials?|spokes(?:man|woman|person)|ministers?|ministry|department|militar(?:y|ies)|government|sources?|diplomats?|envoy|ambassador|president|general|commander|statement|analysts?)";

/// Speech verbs, as a reporter writes them.
const VERB: &str = r"(?i:said|says|say|told|tells|added|adds|adding|stated|states|wrote|writes|recounted|recalled|recalls|explained|explains|noted|notes|insisted|insists|warned|warns|declared|declares|announced|announces|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|reiterated|reiterates|asked|asks|replied|replies|continued|continues|acknowledged|acknowledges|argued|argues|claimed|claims|concluded|confirmed|confirms|commented|remarked|according\s+to)\b";

/// Words that stand for a speaker without naming one.
const PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it", "you", "who"];

fn speaker(group: &str) -> String {
    SPEAKER.replace("{}", group).replace("HEAD", HEAD)
}

/// A speaker and a speech verb in either order ("Zeine said", "said Zeine"), between `before` and `after`.
fn either_order(before: &str, after: &str) -> String {
    format!(
        r"{before}(?:{}\s+{VERB}|{VERB}\s+{}){after}",
        speaker("before_verb"),
        speaker("after_verb")
    )
}

/// The regex in `cell`, compiled from `pattern` on first use.
fn compiled(cell: &'static OnceLock<Regex>, pattern: impl FnOnce() -> String) -> &'static Regex {
    cell.get_or_init(|| Regex::new(&pattern()).expect("the speaker patterns are valid regexes"))
}

/// "Zeine said" or "said Zeine" at the start of the text after a quotation.
fn after_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    compiled(&RE, || either_order(r"^[\s,.;:—–-]*", ""))
}

/// "Zeine said" anywhere in the text before a quotation.
fn before_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    compiled(&RE, || format!(r"{}\s+{VERB}", speaker("before_verb")))
}

/// "he said," or ", Zeine said," between the two parts of an interrupted quotation.
fn between_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    compiled(&RE, || either_order(r"^\s*,?\s*", r"\s*,\s*$"))
}

/// The speaker named right after a quotation (`after` runs from the closing mark to the end of the sentence).
pub fn named_after(after: &str) -> Option<String> {
    named(after_regex(), after)
}

/// The speaker named before a quotation (`before` runs from the start of the sentence, or the previous quotation,
/// to the opening mark).
pub fn named_before(before: &str) -> Option<String> {
    named(before_regex(), before)
}

/// True when `gap`, the text between two quoted parts, is only an attribution (", he said,"): the parts are one
/// quotation. The second value is the speaker it names, if any.
pub fn attribution(gap: &str) -> (bool, Option<String>) {
    match between_regex().captures(gap) {
        Some(_) => (true, named(between_regex(), gap)),
        None => (false, None),
    }
}

fn named(regex: &Regex, text: &str) -> Option<String> {
    let captures = regex.captures(text)?;
    let phrase = captures
        .name("before_verb")
        .or_else(|| captures.name("after_verb"))?
        .as_str();
    let phrase = strip_article(phrase);
    (!PRONOUNS.contains(&key(phrase).as_str())).then(|| phrase.to_string())
}

fn strip_article(phrase: &str) -> &str {
    for article in ["the ", "The ", "a ", "A ", "an ", "An "] {
        if let Some(rest) = phrase.strip_prefix(article) {
            return rest.trim_start();
        }
    }
    phrase
}

/// True when two speakers can be the same: the words of one (function words aside) are all words of the other
/// ("State Department" and "US State Department"; "official" and "senior defense official").
pub fn same_speaker(a: &str, b: &str) -> bool {
    let content = |text: &str| -> Vec<String> {
        words(text, 0)
            .into_iter()
            .map(|w| w.key)
            .filter(|k| !is_function_word(k))
            .collect()
    };
    let (a, b) = (content(a), content(b));
    a.iter().all(|w| b.contains(w)) || b.iter().all(|w| a.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each text with the speaker `find` should name in it.
    fn assert_speakers(find: fn(&str) -> Option<String>, cases: &[(&str, Option<&str>)]) {
        for (text, expected) in cases {
            assert_eq!(find(text).as_deref(), *expected, "{text:?}");
        }
    }

    #[test]
    fn speakers_after_a_quotation() {
        assert_speakers(
            named_after,
            &[
                (
                    ", the US State Department says.",
                    Some("US State Department"),
                ),
                (" said Zeine, who has led negotiations", Some("Zeine")),
                (
                    " a senior defense official said.",
                    Some("senior defense official"),
                ),
                (
                    " the two militaries said in a joint statement.",
                    Some("two militaries"),
                ),
                (", Zeine told the Post.", Some("Zeine")),
                (" way after realising that", None),
                (" and said that she was", None),
            ],
        );
    }

    #[test]
    fn speakers_before_a_quotation() {
        assert_speakers(
            named_before,
            &[
                (" the official told reporters, adding: ", Some("official")),
                (
                    "A senior military official reiterated that Niger emphasized that they ",
                    Some("senior military official"),
                ),
                (
                    "He said that the United States decided to withdraw forces ",
                    None,
                ),
                ("The US is preparing to negotiate about the ", None),
            ],
        );
    }

    #[test]
    fn attributions_between_parts() {
        assert_eq!(
            attribution(", Zeine said, "),
            (true, Some("Zeine".to_string()))
        );
        assert_eq!(attribution(" he said, "), (true, None));
        assert_eq!(attribution(" and then "), (false, None));
    }

    #[test]
    fn speakers_match_by_their_words() {
        assert!(same_speaker("State Department", "US State Department"));
        assert!(same_speaker("official", "senior defense official"));
        assert!(!same_speaker("Zeine", "Patel"));
    }
}
