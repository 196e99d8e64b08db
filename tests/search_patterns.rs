//! The patterns the benchmark gives ripgrep must search for what the rules search for: the rewrite of
//! `examples/dump_patterns` keeps every pattern valid, leaves no Unicode word boundary behind when asked for ASCII
//! ones, and matches exactly as the rule pattern does on ASCII text.

mod common;

#[path = "../examples/gen_corpus/corpus.rs"]
mod corpus;
#[path = "../examples/dump_patterns/search_pattern.rs"]
mod search_pattern;

use std::fs;

use common::repo_root;
use factlint::rules::RuleSet;
use regex::Regex;
use search_pattern::search_pattern;

/// Whether `pattern` holds a word-boundary assertion that Unicode mode governs.
fn has_unicode_word_boundary(pattern: &str) -> bool {
    let hir = regex_syntax::parse(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
    hir.properties().look_set().contains_word_unicode()
}

/// Where `regex` matches in `text`, in order.
fn matches(regex: &Regex, text: &str) -> Vec<(usize, usize)> {
    regex
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect()
}

/// `text` with every non-ASCII character replaced by an ASCII one of the same word class, so that word boundaries
/// stay where they were: a letter or digit by `x`, anything else by `'`.
fn ascii_fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            c if c.is_ascii() => c,
            c if c.is_alphanumeric() => 'x',
            _ => '\'',
        })
        .collect()
}

/// ASCII text: every planted template in one form out of seven (all forms run to 3 MB, too much to search with
/// three regexes per pattern in a debug build), and a generated corpus, filler and planted sentences.
fn ascii_texts() -> Vec<String> {
    let mut texts: Vec<String> = corpus::PLANTED
        .iter()
        .map(|(_, template)| {
            let forms: Vec<String> = corpus::planted_variants(template)
                .into_iter()
                .step_by(7)
                .collect();
            ascii_fold(&forms.join("\n"))
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let plan = corpus::Plan {
        docs: Some(3),
        bytes: Some(100_000),
        seed: 5,
    };
    let planted = corpus::generate(plan, dir.path()).expect("the corpus is written");
    assert_eq!(planted.docs, 3);
    assert!(planted.bytes > 0 && !planted.mentions.is_empty());
    for entry in fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            texts.push(ascii_fold(&fs::read_to_string(&path).unwrap()));
        }
    }
    texts
}

#[test]
fn word_boundaries_become_ascii_only_where_unicode_mode_governs_them() {
    let cases = [
        (r"\bx\b", r"(?-u:\b)x(?-u:\b)"),
        (r"\Bx", r"(?-u:\B)x"),
        (r"\<x\>", r"(?-u:\<)x(?-u:\>)"),
        (r"\b{start}x\b{end}", r"(?-u:\b{start})x(?-u:\b{end})"),
        (
            r"\b{start-half}x\b{end-half}",
            r"(?-u:\b{start-half})x(?-u:\b{end-half})",
        ),
        (r"(?i)a\b|b+\b?", r"(?i)a(?-u:\b)|b+(?-u:\b)?"),
        // An escaped backslash followed by "b", and a class holding both, are no assertions.
        (r"\\b[b\\]", r"\\b[b\\]"),
        // Already ASCII: inside a group without Unicode, or after a flag that turns it off up to the group's end.
        (r"(?-u:\b)x", r"(?-u:\b)x"),
        (r"(?-u)\bx(?u)\b", r"(?-u)\bx(?u)(?-u:\b)"),
        (r"(?:(?-u)\b)\b", r"(?:(?-u)\b)(?-u:\b)"),
        (r"(?-u)a|\b", r"(?-u)a|\b"),
        (r"(?-u:a(?u)\b)\b", r"(?-u:a(?u)(?-u:\b))(?-u:\b)"),
        // Anchors are left alone.
        (r"^\Ax\z$", r"^\Ax\z$"),
        // Named groups become plain groups, other groups stay.
        (r"(?P<value>\d+)(?<unit>km)(x)", r"(?:\d+)(?:km)(x)"),
    ];
    for (pattern, expected) in cases {
        assert_eq!(
            search_pattern(pattern, true).as_deref(),
            Ok(expected),
            "{pattern}"
        );
        assert!(!has_unicode_word_boundary(expected), "{expected}");
    }
    assert_eq!(
        search_pattern(r"\b(?P<value>x)\b", false).as_deref(),
        Ok(r"\b(?:x)\b")
    );
}

#[test]
fn an_invalid_pattern_is_an_error_not_a_panic() {
    for pattern in [r"[\b]", "(", r"\b{middle}", "(?P<value>x"] {
        assert!(search_pattern(pattern, true).is_err(), "{pattern}");
    }
}

#[test]
fn an_ascii_word_boundary_differs_only_next_to_non_ascii_letters() {
    let unicode = Regex::new(r"\bchatou\b").unwrap();
    let ascii = Regex::new(&search_pattern(r"\bchatou\b", true).unwrap()).unwrap();
    assert!(!unicode.is_match("Aïchatou"));
    assert!(ascii.is_match("Aïchatou"));
    let text = "chatou, “chatou” and chatou’s";
    assert_eq!(matches(&unicode, text), matches(&ascii, text));
}

#[test]
fn every_rule_pattern_rewritten_matches_as_written_on_ascii_text() {
    // The shipped rules (written in words, whose patterns are generated) and the same claims as regexes.
    let rules = RuleSet::load(&[repo_root().join("rules")]).expect("the rules load");
    let regex_rules = RuleSet::load(&[repo_root().join("bench/niger-withdrawal-regex.yaml")])
        .expect("the regex rules load");
    let texts = ascii_texts();
    let mut patterns = 0;
    let mut found = 0;
    for pattern in rules
        .expanded_patterns()
        .chain(regex_rules.expanded_patterns())
    {
        patterns += 1;
        assert!(has_unicode_word_boundary(pattern), "{pattern}");
        let as_written = search_pattern(pattern, false).unwrap();
        let ascii = search_pattern(pattern, true).unwrap();
        assert!(!has_unicode_word_boundary(&ascii), "{ascii}");
        let original = Regex::new(pattern).unwrap();
        let as_written = Regex::new(&as_written).unwrap();
        let ascii = Regex::new(&ascii).unwrap();
        assert_eq!(as_written.captures_len(), 1, "{as_written}");
        assert_eq!(ascii.captures_len(), 1, "{ascii}");
        for text in &texts {
            let expected = matches(&original, text);
            assert_eq!(matches(&as_written, text), expected, "{pattern}");
            assert_eq!(matches(&ascii, text), expected, "{pattern}");
            found += expected.len();
        }
    }
    assert!(patterns > 30, "{patterns} patterns");
    assert!(found > 2_000, "{found} matches");
}
