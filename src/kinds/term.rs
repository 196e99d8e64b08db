//! `term` claims: the name of an entity, and the wordings that get it wrong.
//!
//! A term claim states the canonical form of a name and the variants it accepts (an acronym, a translation).
//! Every occurrence of those is a mention that agrees. Two kinds of wordings do not:
//!
//! - near misses: a wording close to an accepted form but not one ("National Committee for Safeguarding the
//!   Homeland"). Candidates are runs of capitalised words (with "of", "the", "for"... inside), so names are never
//!   looked for in ordinary prose; a run is measured only against the forms it shares a word with (function words
//!   aside), and a run longer than a form only on the window that best fits the form ([`fit`]). The cost is one
//!   pass over the words of a source.
//! - confusables: a wording the rule lists as wrong in a context ("Nigeria" in a sentence about Niamey), taken with
//!   the rest of the name it starts ("Nigeria's Ministry of National Defense").
//!
//! Case, full stops and a possessive `'s` are never differences (see [`crate::text::wording`]), so "U.S." and "US" are
//! the same word.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

use regex::Regex;
use serde::Serialize;

use super::{
    FieldProblem, Kind, KindEntry, KindFields, Placer, Sharing, SourceCache, SourceText, Value,
};
use crate::model::Placement;
use crate::text::diff::{whole_replacement, word_diff};
use crate::text::sentence::sentence_around;
use crate::text::wording::{fit, is_function_word, keys, similarity, words, Word};

/// How alike (word-level ratio) a wording must be to an accepted form to be a near miss, unless the rule says.
pub const DEFAULT_TERM_SIMILARITY: f64 = 0.6;

/// Lower-case words that may stand inside a name ("Council for the Safeguard of the Homeland").
const CONNECTORS: &[&str] = &[
    "of", "the", "for", "and", "on", "de", "du", "des", "la", "le", "les", "pour", "et", "del",
    "von", "van", "al",
];

/// A term claim: the forms of a name it accepts, the confusables it refuses, and how close a near miss is.
#[derive(Debug)]
pub struct TermRule {
    /// The canonical form, as the rule writes it.
    pub canonical: String,
    /// The canonical form first, then the accepted variants.
    forms: Vec<Form>,
    confusables: Vec<Confusable>,
    similarity: f64,
}

/// An accepted form of the name and its comparison keys.
#[derive(Debug)]
struct Form {
    text: String,
    keys: Vec<String>,
}

impl Form {
    fn new(text: String) -> Result<Form, String> {
        let keys: Vec<String> = words(&text, 0).into_iter().map(|w| w.key).collect();
        if keys.is_empty() {
            return Err(format!("{text:?} has no words"));
        }
        Ok(Form { text, keys })
    }
}

/// A wording that is wrong where its sentence matches `context` (and none of `unless`).
#[derive(Debug)]
pub struct Confusable {
    pattern: Regex,
    context: Vec<Regex>,
    unless: Vec<Regex>,
}

impl Confusable {
    /// A confusable `wording`, matched as whole words whatever the case; `context` and `unless` are sentence
    /// patterns, as for any claim.
    pub fn new(
        wording: String,
        context: Vec<Regex>,
        unless: Vec<Regex>,
    ) -> Result<Confusable, String> {
        let trimmed = wording.trim();
        let edge = |c: Option<char>| {
            if c.is_some_and(char::is_alphanumeric) {
                r"\b"
            } else {
                ""
            }
        };
        let pattern = format!(
            "(?i){}{}{}",
            edge(trimmed.chars().next()),
            regex::escape(trimmed),
            edge(trimmed.chars().last())
        );
        match Regex::new(&pattern) {
            Ok(pattern) if !trimmed.is_empty() => Ok(Confusable {
                pattern,
                context,
                unless,
            }),
            _ => Err(format!("confusable {wording:?} is not a wording")),
        }
    }

    fn applies(&self, sentence: &str) -> bool {
        let about = self.context.is_empty() || self.context.iter().any(|re| re.is_match(sentence));
        about && !self.unless.iter().any(|re| re.is_match(sentence))
    }
}

/// What a term mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TermForm {
    /// The canonical form.
    Canonical,
    /// An accepted variant.
    Accepted,
    /// A wording close to an accepted form but not one.
    NearMiss,
    /// A listed confusable, in a context where it is wrong.
    Confusable,
}

/// The value of a term mention.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermValue {
    /// What the wording is.
    pub form: TermForm,
    /// The accepted form the wording is, or the one it should have been: the closest accepted form for a near
    /// miss, the wording with the canonical name in place of the confusable for a confusable.
    pub expected: String,
    /// For a near miss, its similarity to `expected` (0..1).
    pub similarity: Option<f64>,
    /// For near misses and confusables, a word diff of `expected` into the wording.
    pub diff: Option<String>,
    /// The wording as the source writes it.
    #[serde(skip)]
    pub wording: String,
    /// Where the mention stands among the claim's mentions.
    #[serde(skip)]
    pub placement: Placement,
}

impl Hash for TermValue {
    /// Hashes what equality compares, the similarity by its bits: a similarity is a ratio from 0 to 1, never NaN
    /// nor a negative zero, so equal similarities have equal bits.
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.form.hash(state);
        self.expected.hash(state);
        self.similarity.map(f64::to_bits).hash(state);
        self.diff.hash(state);
        self.wording.hash(state);
        self.placement.hash(state);
    }
}

impl TermValue {
    /// "canonical “X”", "accepted “CNSP”", "“Y”: near miss of “X” (71% alike)", "“Nigeria” where “Niger” is meant".
    pub fn describe(&self) -> String {
        match self.form {
            TermForm::Canonical => format!("canonical “{}”", self.expected),
            TermForm::Accepted => format!("accepted “{}”", self.expected),
            TermForm::NearMiss => format!(
                "“{}”: near miss of “{}” ({:.0}% alike)",
                self.wording,
                self.expected,
                self.similarity.unwrap_or(0.0) * 100.0
            ),
            TermForm::Confusable => {
                format!("“{}” where “{}” is meant", self.wording, self.expected)
            }
        }
    }

    /// True for the wordings the claim refuses.
    pub fn departs(&self) -> bool {
        matches!(self.form, TermForm::NearMiss | TermForm::Confusable)
    }
}

/// A source's body cut into words, and its runs of name words: what every term claim reads of a source, cut once.
#[derive(Debug)]
pub struct Named {
    words: Vec<Word>,
    runs: Vec<Range<usize>>,
}

impl Named {
    /// The words and name runs of `body` (the checked text of a source, which starts at byte `offset` of it).
    pub fn of(body: &str, offset: usize) -> Named {
        let words = words(body, offset);
        let runs = name_runs(body, offset, &words);
        Named { words, runs }
    }
}

/// One place where a term claim's name, or a wording of it, occurs.
#[derive(Debug, Clone, PartialEq)]
pub struct TermHit {
    /// Bytes of the wording in the source's text.
    pub span: Range<usize>,
    /// What it is.
    pub value: TermValue,
}

impl TermRule {
    /// A term rule. `similarity` defaults to [`DEFAULT_TERM_SIMILARITY`].
    pub fn new(
        canonical: String,
        accepted: Vec<String>,
        confusables: Vec<Confusable>,
        similarity: Option<f64>,
    ) -> Result<TermRule, String> {
        let forms = std::iter::once(canonical.clone())
            .chain(accepted)
            .map(Form::new)
            .collect::<Result<Vec<Form>, String>>()?;
        Ok(TermRule {
            canonical,
            forms,
            confusables,
            similarity: similarity.unwrap_or(DEFAULT_TERM_SIMILARITY),
        })
    }

    /// Every occurrence, near miss and confusable of the name in `body` (the checked text of a source, which
    /// starts at byte `offset` of it), in text order.
    pub fn hits(&self, body: &str, offset: usize) -> Vec<TermHit> {
        self.hits_in(body, offset, &Named::of(body, offset))
    }

    /// [`TermRule::hits`], with the words and name runs of `body` already cut (`named`, made of the same `body` and
    /// `offset`), which every term claim of a check reads alike.
    pub fn hits_in(&self, body: &str, offset: usize, named: &Named) -> Vec<TermHit> {
        let Named { words, runs } = named;
        let accepted = self.accepted(words);
        let mut hits: Vec<TermHit> = accepted
            .iter()
            .map(|(range, form)| self.accepted_hit(words, range.clone(), *form))
            .collect();
        for run in runs {
            if accepted
                .iter()
                .any(|(range, _)| range.start < run.end && run.start < range.end)
            {
                continue;
            }
            hits.extend(self.near_miss(body, offset, words, run.clone()));
        }
        hits.extend(self.confusables(body, offset, words, runs));
        hits.sort_by_key(|h| (h.span.start, h.span.end));
        hits
    }

    /// The word ranges where an accepted form occurs, longest form first at each place, without overlaps.
    fn accepted(&self, words: &[Word]) -> Vec<(Range<usize>, usize)> {
        let mut by_length: Vec<usize> = (0..self.forms.len()).collect();
        by_length.sort_by_key(|&f| std::cmp::Reverse(self.forms[f].keys.len()));
        let mut found = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let matching = by_length.iter().copied().find(|&f| {
                let form = &self.forms[f].keys;
                words
                    .get(i..i + form.len())
                    .is_some_and(|w| w.iter().zip(form).all(|(w, k)| w.key == *k))
            });
            match matching {
                Some(f) => {
                    let end = i + self.forms[f].keys.len();
                    found.push((i..end, f));
                    i = end;
                }
                None => i += 1,
            }
        }
        found
    }

    fn accepted_hit(&self, words: &[Word], range: Range<usize>, form: usize) -> TermHit {
        TermHit {
            span: words[range.start].span.start..words[range.end - 1].span.end,
            value: TermValue {
                form: if form == 0 {
                    TermForm::Canonical
                } else {
                    TermForm::Accepted
                },
                expected: self.forms[form].text.clone(),
                similarity: None,
                diff: None,
                wording: String::new(),
                placement: Placement::default(),
            },
        }
    }

    /// The run's best fit to an accepted form of two words or more, when it is close but not equal.
    fn near_miss(
        &self,
        body: &str,
        offset: usize,
        words: &[Word],
        run: Range<usize>,
    ) -> Option<TermHit> {
        let run_keys = keys(&words[run.clone()]);
        let mut best: Option<(f64, Range<usize>, usize)> = None;
        for (f, form) in self
            .forms
            .iter()
            .enumerate()
            .filter(|(_, f)| f.keys.len() > 1)
        {
            let form_keys: Vec<&str> = form.keys.iter().map(String::as_str).collect();
            let anchored = form_keys
                .iter()
                .any(|k| !is_function_word(k) && run_keys.contains(k));
            if !anchored {
                continue;
            }
            let (ratio, window) = if run_keys.len() > form_keys.len() + form_keys.len() / 3 + 1 {
                let fitted = fit(&form_keys, &run_keys);
                (fitted.ratio, trim_connectors(&run_keys, fitted.window))
            } else {
                (similarity(&run_keys, &form_keys), 0..run_keys.len())
            };
            if best.as_ref().is_none_or(|(r, _, _)| ratio > *r) {
                best = Some((ratio, window, f));
            }
        }
        let (ratio, window, form) =
            best.filter(|(r, w, _)| *r >= self.similarity && *r < 1.0 && !w.is_empty())?;
        let span =
            words[run.start + window.start].span.start..words[run.start + window.end - 1].span.end;
        let wording = body[span.start - offset..span.end - offset].to_string();
        let expected = self.forms[form].text.clone();
        Some(TermHit {
            span,
            value: TermValue {
                form: TermForm::NearMiss,
                diff: Some(diff(&expected, &wording)),
                similarity: Some((ratio * 1000.0).round() / 1000.0),
                expected,
                wording,
                placement: Placement::default(),
            },
        })
    }

    /// Confusables in sentences where they are wrong, each with the rest of the name it starts.
    fn confusables(
        &self,
        body: &str,
        offset: usize,
        words: &[Word],
        runs: &[Range<usize>],
    ) -> Vec<TermHit> {
        let mut hits = Vec::new();
        for confusable in &self.confusables {
            for found in confusable.pattern.find_iter(body) {
                let sentence = &body[sentence_around(body, found.range())];
                if !confusable.applies(sentence) {
                    continue;
                }
                let start = found.start() + offset;
                let end = runs
                    .iter()
                    .map(|r| words[r.start].span.start..words[r.end - 1].span.end)
                    .find(|r| r.start <= start && start < r.end)
                    .map_or(found.end() + offset, |r| r.end.max(found.end() + offset));
                let wording = body[start - offset..end - offset].to_string();
                let expected = format!("{}{}", self.canonical, &wording[found.len()..]);
                hits.push(TermHit {
                    span: start..end,
                    value: TermValue {
                        form: TermForm::Confusable,
                        diff: Some(diff(&expected, &wording)),
                        similarity: None,
                        expected,
                        wording,
                        placement: Placement::default(),
                    },
                });
            }
        }
        hits
    }
}

/// A word diff of `expected` into `wording`, or the whole replacement when they share too little for a diff.
fn diff(expected: &str, wording: &str) -> String {
    word_diff(expected, wording).unwrap_or_else(|| whole_replacement(expected, wording))
}

/// Runs of name words: capitalised words (or numbers) separated by spaces only, with connectors inside.
fn name_runs(body: &str, offset: usize, words: &[Word]) -> Vec<Range<usize>> {
    let capitalised = |w: &Word| {
        body[w.span.start - offset..].starts_with(|c: char| c.is_uppercase() || c.is_numeric())
    };
    let connector = |w: &Word| CONNECTORS.contains(&w.key.as_str());
    let joined = |a: &Word, b: &Word| {
        body[a.span.end - offset..b.span.start - offset]
            .chars()
            .all(|c| c.is_whitespace() && c != '\n' && c != '\r')
    };
    let mut runs = Vec::new();
    let mut start: Option<usize> = None;
    for i in 0..words.len() {
        let continues = start.is_some()
            && joined(&words[i - 1], &words[i])
            && (capitalised(&words[i]) || connector(&words[i]));
        if !continues {
            if let Some(s) = start.take() {
                runs.push(s..i);
            }
            start = capitalised(&words[i]).then_some(i);
        }
    }
    if let Some(s) = start {
        runs.push(s..words.len());
    }
    runs.into_iter()
        .map(|run| {
            let keys: Vec<&str> = words[run.clone()].iter().map(|w| w.key.as_str()).collect();
            let inner = trim_connectors(&keys, 0..keys.len());
            run.start + inner.start..run.start + inner.end
        })
        .filter(|run| !run.is_empty())
        .collect()
}

/// `range` of `keys` without connectors at either end.
fn trim_connectors(keys: &[&str], range: Range<usize>) -> Range<usize> {
    let mut range = range;
    while range.start < range.end && CONNECTORS.contains(&keys[range.start]) {
        range.start += 1;
    }
    while range.end > range.start && CONNECTORS.contains(&keys[range.end - 1]) {
        range.end -= 1;
    }
    range
}

/// The comparison key of a whole wording, words joined by spaces: equal keys are the same wording.
pub fn wording_key(wording: &str) -> String {
    keys(&words(wording, 0)).join(" ")
}

/// The registry's entry for term claims.
pub const ENTRY: KindEntry = KindEntry {
    name: "term",
    required: &["canonical"],
    allowed: &["canonical", "accepted", "confusables", "similarity"],
    build,
};

fn build(fields: KindFields) -> Result<Box<dyn Kind>, FieldProblem> {
    let confusables = fields
        .confusables
        .into_iter()
        .map(|c| Confusable::new(c.wording, c.context, c.unless))
        .collect::<Result<Vec<Confusable>, String>>()
        .map_err(|message| FieldProblem {
            field: "confusables",
            message,
        })?;
    let canonical = fields.canonical.unwrap_or_default();
    let rule = TermRule::new(canonical, fields.accepted, confusables, fields.similarity).map_err(
        |message| FieldProblem {
            field: "canonical",
            message,
        },
    )?;
    Ok(Box::new(rule))
}

impl Kind for TermRule {
    fn name(&self) -> &'static str {
        ENTRY.name
    }

    fn placer(&self) -> Option<Box<dyn Placer + '_>> {
        Some(Box::new(TermPlacer {
            rule: self,
            groups: HashMap::new(),
            values: Sharing::default(),
            found: Vec::new(),
        }))
    }
}

/// Places the hits of a term claim, source by source: accepted forms in one group each, every departing wording in
/// a group of its own (numbered after the forms, in order of first appearance).
struct TermPlacer<'r> {
    rule: &'r TermRule,
    /// The group of each wording met so far, by its key.
    groups: HashMap<String, usize>,
    /// The values given so far, each held once.
    values: Sharing<TermValue>,
    /// The hits kept: source index, bytes of its text, value.
    found: Vec<(usize, Range<usize>, Arc<TermValue>)>,
}

impl Placer for TermPlacer<'_> {
    fn add(
        &mut self,
        index: usize,
        source: SourceText<'_>,
        applies: &dyn Fn(Range<usize>) -> bool,
        shared: &mut SourceCache,
    ) {
        let body = &source.text[source.body_start..];
        let named = shared
            .named
            .get_or_insert_with(|| Named::of(body, source.body_start));
        for mut hit in self.rule.hits_in(body, source.body_start, named) {
            if !applies(hit.span.clone()) {
                continue;
            }
            let value = &mut hit.value;
            let key = if value.departs() {
                format!("{:?} {}", value.form, wording_key(&value.wording))
            } else {
                format!("{:?} {}", value.form, value.expected)
            };
            let next = self.groups.len();
            let group = *self.groups.entry(key).or_insert(next);
            value.placement = Placement {
                group,
                side: 0,
                drifted: value.departs(),
            };
            self.found
                .push((index, hit.span, self.values.share(hit.value)));
        }
    }

    fn finish(self: Box<Self>) -> Box<dyn Iterator<Item = (usize, Range<usize>, Value)>> {
        let found = self.found.into_iter();
        Box::new(found.map(|(source, span, value)| (source, span, Value::Term(value))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CANONICAL: &str = "National Council for the Safeguard of the Homeland";

    fn council(similarity: f64) -> TermRule {
        TermRule::new(
            CANONICAL.into(),
            vec![
                "CNSP".into(),
                "Conseil national pour la sauvegarde de la patrie".into(),
            ],
            Vec::new(),
            Some(similarity),
        )
        .unwrap()
    }

    #[test]
    fn claims_reading_one_cut_of_a_source_find_what_each_finds_alone() {
        let text = "The National Council for Safeguarding the Homeland met. The CNSP and the National \
                    Council for the Safeguard of the Homeland spoke; the council for the homeland did not.";
        let offset = 7;
        let named = Named::of(text, offset);
        for similarity in [0.5, 0.6, 0.9] {
            let rule = council(similarity);
            let alone = rule.hits(text, offset);
            assert!(!alone.is_empty());
            assert_eq!(rule.hits_in(text, offset, &named), alone);
        }
    }

    fn described(rule: &TermRule, text: &str) -> Vec<(String, TermForm)> {
        rule.hits(text, 0)
            .into_iter()
            .map(|h| (text[h.span].to_string(), h.value.form))
            .collect()
    }

    #[test]
    fn accepted_forms_agree_and_near_misses_do_not() {
        let text = "The CNSP, [National Council for Safeguarding the Homeland], met the National Council for the \
                    Safeguard of the Homeland and the Conseil national pour la sauvegarde de la patrie.";
        assert_eq!(
            described(&council(0.5), text),
            [
                ("CNSP".to_string(), TermForm::Accepted),
                (
                    "National Council for Safeguarding the Homeland".to_string(),
                    TermForm::NearMiss
                ),
                (CANONICAL.to_string(), TermForm::Canonical),
                (
                    "Conseil national pour la sauvegarde de la patrie".to_string(),
                    TermForm::Accepted
                ),
            ]
        );
    }

    #[test]
    fn a_near_miss_carries_its_diff_and_similarity() {
        let hits = council(0.5).hits(
            "the National Committee for Safeguarding the Homeland (CNSP)",
            0,
        );
        let near = &hits[0].value;
        assert_eq!(near.expected, CANONICAL);
        assert_eq!(near.similarity, Some(0.571));
        assert_eq!(
            near.diff.as_deref(),
            Some("National [-Council-]{+Committee+} for [-the Safeguard of-]{+Safeguarding+} the Homeland")
        );
    }

    #[test]
    fn the_threshold_decides_what_is_near() {
        let text = "the National Committee for Safeguarding the Homeland";
        assert_eq!(council(0.5).hits(text, 0).len(), 1);
        assert!(council(0.6).hits(text, 0).is_empty());
    }

    #[test]
    fn punctuation_variants_of_an_accepted_form_are_never_near_misses() {
        let rule = TermRule::new(
            "U.S. Africa Command".into(),
            vec!["US Africa Command".into()],
            Vec::new(),
            Some(0.3),
        )
        .unwrap();
        let text = "U.S. Africa Command and US Africa Command and U.S Africa command.";
        let forms: Vec<TermForm> = rule
            .hits(text, 0)
            .into_iter()
            .map(|h| h.value.form)
            .collect();
        assert_eq!(
            forms,
            [
                TermForm::Canonical,
                TermForm::Canonical,
                TermForm::Canonical
            ]
        );
        let text = "the United States Africa Command";
        let near = rule.hits(text, 0);
        assert_eq!(near[0].value.form, TermForm::NearMiss);
        assert_eq!(&text[near[0].span.clone()], "United States Africa Command");
    }

    #[test]
    fn confusables_are_wrong_only_in_their_context() {
        let context = vec![Regex::new(r"(?i)\bNiamey\b").unwrap()];
        let nigeria = Confusable::new("Nigeria".into(), context, Vec::new()).unwrap();
        let rule = TermRule::new("Niger".into(), Vec::new(), vec![nigeria], None).unwrap();
        let text = "In Niamey, Nigeria's Ministry of National Defense spoke. Nigeria borders Benin. Nigerians in Niamey.";
        let wrong: Vec<TermHit> = rule
            .hits(text, 0)
            .into_iter()
            .filter(|h| h.value.form == TermForm::Confusable)
            .collect();
        assert_eq!(wrong.len(), 1);
        assert_eq!(
            &text[wrong[0].span.clone()],
            "Nigeria's Ministry of National Defense"
        );
        assert_eq!(
            wrong[0].value.expected,
            "Niger's Ministry of National Defense"
        );
        assert_eq!(
            wrong[0].value.diff.as_deref(),
            Some("[-Niger's-]{+Nigeria's+} Ministry of National Defense")
        );
    }

    #[test]
    fn names_are_not_looked_for_in_prose() {
        let text = "the national council for the safeguard of the homeland";
        assert_eq!(
            described(&council(0.5), text),
            [(text[4..].to_string(), TermForm::Canonical)]
        );
        assert!(council(0.5)
            .hits("a council for safeguarding homes", 0)
            .is_empty());
    }
}
