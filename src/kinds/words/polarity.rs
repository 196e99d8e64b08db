//! Polarity claims in words: a proposition as its `subject`, `predicate` and `object` ("the withdrawal / ends /
//! the relationship"), and predicates that deny it by their plain use (`deny_with: [continue]`).
//!
//! Candidates are a `predicate` or `deny_with` word near an `object` word, in either order. Each is judged on its
//! sentence:
//!
//! - the `object` stands in the predicate's clause;
//! - the `subject` stands within `near` words of the predicate (default [`SUBJECT_WORDS`]), in any clause ("Despite
//!   the pullout, relations will continue"), or a pronoun ("it", "this", "they", "we", "he", "she") stands for it
//!   in the few words before the predicate ("It does mark the end of this relationship", "then we will return to
//!   the deal");
//! - the conditions of [`super::Conditions`] on the predicate's clause.
//!
//! Negation decides the polarity ([`crate::text::negation`]): a `predicate` affirms, negated it denies ("will not
//! end the relationship"); a `deny_with` predicate denies, negated it affirms. The author never writes "does not".
//! Where two candidates overlap ("did not affect the continuation of relations": a negated `affect`, a negated
//! `continuation`), the denial is kept, as for regex claims.

use std::ops::Range;

use jiff::civil::Date;

use super::quantity::{BETWEEN_WORDS, WORD};
use super::{
    compile, judged_sentence_words, region, required, shift, unshift, Conditions, WordFields,
    OBJECT_PRONOUNS,
};
use crate::kinds::{FieldProblem, Kind, Value};
use crate::model::{Match, Polarity, Unparsed};
use crate::scan::RulePattern;
use crate::text::inflect::Part;
use crate::text::negation::{predicate_cues, NegationKind};
use crate::text::words::{Hit, Token, WordList};

/// How many words from the predicate the subject may stand when the claim gives no `near`.
pub const SUBJECT_WORDS: usize = 12;

/// Pronouns that stand for the subject when they stand just before the predicate.
const PRONOUNS: &[&str] = &["it", "this", "they", "we", "he", "she"];

/// Auxiliaries that a mention's words start with when they stand right before the predicate or its negation
/// ("does mark the end", "did not see").
const AUXILIARIES: &[&str] = &[
    "do", "does", "did", "will", "would", "should", "can", "could", "is", "are", "was", "were",
    "has", "have", "had", "may", "might", "must",
];

/// Words that make the predicate word after them a noun ("the fight against terrorism", "years of fighting"), which
/// names the action without stating it.
const NOUN_MAKERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those", "of",
];

/// Verbs (and the "as" of "see it as") that state a noun of action as what the subject is or means ("is not the end
/// of", "marks the beginning of the end of", "did not see this as the end of"): a predicate's noun after one of these
/// still states the proposition.
const LINKING_WORDS: &[&str] = &[
    "as",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "isn't",
    "wasn't",
    "aren't",
    "weren't",
    "mark",
    "marks",
    "marked",
    "marking",
    "mean",
    "means",
    "meant",
    "spell",
    "spells",
    "spelled",
    "spelt",
    "signal",
    "signals",
    "signalled",
    "signaled",
    "herald",
    "heralds",
    "heralded",
];

/// How many words before a predicate's noun a linking word may stand: "is not at all the end", "marks the
/// beginning of the end".
const LINK_REACH: usize = 5;

/// A polarity claim written in words.
#[derive(Debug)]
pub struct WordPolarityClaim {
    /// Patterns of `deny_with` near `object`, either order.
    pub denying: Vec<RulePattern>,
    /// Patterns of `predicate` near `object`, either order.
    pub affirming: Vec<RulePattern>,
    subject: WordList,
    predicate: WordList,
    deny_with: WordList,
    object: WordList,
    near: usize,
    conditions: Conditions,
}

impl WordPolarityClaim {
    /// Builds the claim; `subject`, `predicate` and `object` are required.
    pub fn build(fields: &WordFields) -> Result<WordPolarityClaim, FieldProblem> {
        let subject = WordList::new(
            required(&fields.subject, "subject", "polarity")?,
            Part::Noun,
        );
        let predicate = WordList::new(
            required(&fields.predicate, "predicate", "polarity")?,
            Part::Verb,
        );
        let object = WordList::new(required(&fields.object, "object", "polarity")?, Part::Noun);
        let deny_with = WordList::new(&fields.deny_with, Part::Verb);
        let near = |list: &WordList, field| -> Result<Vec<RulePattern>, FieldProblem> {
            if list.is_empty() {
                return Ok(Vec::new());
            }
            let (verbs, objects) = (list.alternation(), object.alternation());
            let gap = format!(r"(?:{BETWEEN_WORDS}{WORD}){{0,8}}?{BETWEEN_WORDS}");
            Ok(vec![
                compile(&format!("{verbs}{gap}{objects}"), field)?,
                compile(&format!("{objects}{gap}{verbs}"), field)?,
                // "the deal ... ready to return to it": a pronoun for the object named before
                compile(&format!(r"{verbs}\s+(?:it|them)\b"), field)?,
            ])
        };
        Ok(WordPolarityClaim {
            denying: near(&deny_with, "deny_with")?,
            affirming: near(&predicate, "predicate")?,
            subject,
            predicate,
            deny_with,
            object,
            near: fields.near.unwrap_or(SUBJECT_WORDS),
            conditions: Conditions::new(fields),
        })
    }

    /// The predicate in `span` from the list the match's pattern came from (`deny_with` for the denying
    /// patterns), and whether it is a `deny_with` one: the first that states the action, else the first
    /// ("its walkout spread to the mill": `spread to`, where `walkout` is listed too).
    fn predicate_in(
        &self,
        sentence: &str,
        words: &[Token],
        span: &Range<usize>,
        denying: bool,
    ) -> Option<(Hit, bool)> {
        let list = if denying {
            &self.deny_with
        } else {
            &self.predicate
        };
        let hits: Vec<Hit> = list
            .hits(sentence, words)
            .into_iter()
            .filter(|h| span.start <= h.span.start && h.span.end <= span.end)
            .collect();
        // only several predicates need their clauses read here; the judge reads the one kept
        let stated = (hits.len() > 1)
            .then(|| {
                hits.iter().position(|h| {
                    let clause = region(sentence, h.span.clone(), &[]);
                    noun_use(words, h, &clause[0]).is_none()
                })
            })
            .flatten();
        hits.into_iter()
            .nth(stated.unwrap_or(0))
            .map(|h| (h, denying))
    }

    /// Whether the subject stands within `near` words of the predicate, or a pronoun stands for it. A word the
    /// predicate is made of is not its own subject ("the strike at the plant": `strike` listed as both).
    fn has_subject(
        &self,
        sentence: &str,
        words: &[Token],
        predicate: &Hit,
        clause: &Range<usize>,
    ) -> bool {
        let (first, last) = (predicate.tokens.start, predicate.tokens.end);
        let near = self
            .subject
            .hits(sentence, words)
            .into_iter()
            .filter(|h| h.tokens.end <= first || h.tokens.start >= last)
            .any(|h| h.tokens.end + self.near >= first && h.tokens.start <= last + self.near);
        let pronoun = words[first.saturating_sub(4)..first]
            .iter()
            .any(|w| clause.start <= w.span.start && PRONOUNS.contains(&w.lower.as_str()));
        near || pronoun
    }
}

/// The word that makes a one-word predicate a noun ("the fight against terrorism requires", "after years of
/// fighting"), unless a linking word of its clause states that noun ("this is not the end of", "marks the end of").
fn noun_use(words: &[Token], predicate: &Hit, clause: &Range<usize>) -> Option<String> {
    if predicate.tokens.len() != 1 {
        return None;
    }
    let first = predicate.tokens.start;
    let maker = words[..first].last()?;
    if !NOUN_MAKERS.contains(&maker.lower.as_str()) {
        return None;
    }
    let linked = words[first.saturating_sub(LINK_REACH + 1)..first - 1]
        .iter()
        .any(|w| clause.start <= w.span.start && LINKING_WORDS.contains(&w.lower.as_str()));
    (!linked).then(|| maker.lower.clone())
}

/// The bytes of "it" or "them" right after the predicate in its clause ("ready to return to it"): a pronoun for an
/// object named before it.
fn pronoun_after(words: &[Token], predicate: &Hit, clause: &Range<usize>) -> Option<Range<usize>> {
    words
        .get(predicate.tokens.end)
        .filter(|w| OBJECT_PRONOUNS.contains(&w.lower.as_str()) && w.span.end <= clause.end)
        .map(|w| w.span.clone())
}

impl Kind for WordPolarityClaim {
    fn name(&self) -> &'static str {
        "polarity"
    }

    fn pattern_lists(&self) -> Vec<(&[RulePattern], Option<Polarity>)> {
        vec![
            (self.denying.as_slice(), Some(Polarity::Deny)),
            (self.affirming.as_slice(), Some(Polarity::Affirm)),
        ]
    }

    fn judge(&self, text: &str, found: Match) -> Result<Match, String> {
        let base = found.sentence.start;
        let sentence = &text[found.sentence.clone()];
        let span = unshift(&found.span, base);
        let words = judged_sentence_words(sentence);
        let (predicate, denies) = self
            .predicate_in(
                sentence,
                &words,
                &span,
                found.polarity == Some(Polarity::Deny),
            )
            .ok_or("no `predicate` in the match")?;
        let clause = region(sentence, predicate.span.clone(), &[]);
        let objects = self.object.hits(sentence, &words);
        let object = objects
            .iter()
            .filter(|h| clause[0].start <= h.span.start && h.span.end <= clause[0].end)
            .filter(|h| span.start <= h.span.start && h.span.end <= span.end)
            .min_by_key(|h| h.span.start.abs_diff(predicate.span.start))
            .map(|h| h.span.clone())
            .or_else(|| {
                let pronoun = pronoun_after(&words, &predicate, &clause[0])?;
                objects
                    .iter()
                    .any(|h| h.span.end <= pronoun.start)
                    .then_some(pronoun)
            })
            .ok_or_else(|| {
                format!(
                    "no `object` word ({}) in the clause of '{}'",
                    self.object.describe(),
                    &sentence[predicate.span.clone()]
                )
            })?;
        if !self.has_subject(sentence, &words, &predicate, &clause[0]) {
            return Err(format!(
                "no `subject` word ({}) within {} words of '{}'",
                self.subject.describe(),
                self.near,
                &sentence[predicate.span.clone()]
            ));
        }
        if let Some(maker) = noun_use(&words, &predicate, &clause[0]) {
            return Err(format!(
                "'{}' after '{maker}' names the action, it does not state it",
                &sentence[predicate.span.clone()]
            ));
        }
        let scope = self
            .conditions
            .check(sentence, &words, &clause, &predicate.span)?;
        let cues = predicate_cues(sentence, predicate.span.clone());
        if let Some(cue) = cues.hypothesis {
            return Err(format!(
                "'{}' is a hypothesis ('{cue}'), not a statement",
                &sentence[predicate.span.clone()]
            ));
        }
        let negated = cues.negation;
        let polarity = match (denies, negated.is_some()) {
            (false, false) | (true, true) => Polarity::Affirm,
            (true, false) | (false, true) => Polarity::Deny,
        };
        let mut start = predicate.span.start.min(object.start);
        if let Some(cue) = negated.as_ref().filter(|n| n.kind == NegationKind::Pre) {
            start = start.min(cue.span.start);
        }
        let before = words.iter().rev().find(|w| w.span.end <= start);
        if let Some(aux) = before.filter(|w| {
            AUXILIARIES.contains(&w.lower.as_str()) && sentence[w.span.end..start].trim().is_empty()
        }) {
            start = aux.span.start;
        }
        let end = predicate.span.end.max(object.end);
        Ok(Match {
            span: shift(&(start..end), base),
            value: shift(&(start..end), base),
            polarity: Some(polarity),
            scope,
            ..found
        })
    }

    fn value(&self, _: &str, _: Option<Date>, found: &Match) -> Result<Value, Unparsed> {
        Ok(Value::Polarity(found.polarity.unwrap_or(Polarity::Affirm)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim() -> WordPolarityClaim {
        let list = |l: &[&str]| l.iter().map(|w| w.to_string()).collect();
        WordPolarityClaim::build(&WordFields {
            subject: list(&["withdrawal", "pullout"]),
            predicate: list(&["end", "mark the end of", "affect"]),
            deny_with: list(&["continue"]),
            object: list(&["relationship", "relation"]),
            ..WordFields::default()
        })
        .unwrap()
    }

    /// The polarities of every candidate of `sentence` that the claim keeps, or the first refusal.
    fn verdicts(sentence: &str) -> Result<Vec<(Polarity, String)>, String> {
        let claim = claim();
        let mut kept = Vec::new();
        let mut refused = None;
        for (patterns, polarity) in claim.pattern_lists() {
            for p in patterns {
                for m in p.regex().find_iter(sentence) {
                    let found = Match {
                        span: m.range(),
                        value: m.range(),
                        sentence: 0..sentence.len(),
                        polarity,
                        scope: None,
                    };
                    match claim.judge(sentence, found) {
                        Ok(m) => kept.push((m.polarity.unwrap(), sentence[m.span].to_string())),
                        Err(reason) => refused = refused.or(Some(reason)),
                    }
                }
            }
        }
        match (kept.is_empty(), refused) {
            (true, Some(reason)) => Err(reason),
            _ => Ok(kept),
        }
    }

    #[test]
    fn a_predicate_affirms_and_its_negation_denies() {
        assert_eq!(
            verdicts("The withdrawal does mark the end of the relationship."),
            Ok(vec![(
                Polarity::Affirm,
                "does mark the end of the relationship".to_string()
            )])
        );
        assert_eq!(
            verdicts("The pullout will not end the relationship."),
            Ok(vec![(
                Polarity::Deny,
                "will not end the relationship".to_string()
            )])
        );
    }

    #[test]
    fn deny_with_denies_and_its_negation_affirms() {
        assert_eq!(
            verdicts("Relations will continue after the withdrawal."),
            Ok(vec![(
                Polarity::Deny,
                "Relations will continue".to_string()
            )])
        );
        let kept = verdicts("After the pullout, relations will not continue.").unwrap();
        assert_eq!(kept[0].0, Polarity::Affirm);
    }

    #[test]
    fn a_hypothesis_is_no_statement_but_a_stance_is() {
        for sentence in [
            "In the event that the withdrawal ends the relationship, talks will stop.",
            "Had they ended the relationship after the pullout, trade would have collapsed.",
            "Ministers will decide whether the withdrawal ends the relationship.",
        ] {
            let refused = verdicts(sentence).unwrap_err();
            assert!(refused.contains("hypothesis"), "{sentence}: {refused}");
        }
        assert_eq!(
            verdicts("The pullout would end the relationship, the envoy said.").map(|v| v[0].0),
            Ok(Polarity::Affirm)
        );
    }

    #[test]
    fn the_subject_must_be_near_or_a_pronoun() {
        let refused = verdicts("The junta ended its relationship with Kyiv.").unwrap_err();
        assert!(refused.contains("no `subject`"), "{refused}");
        assert_eq!(
            verdicts("\"This is not the end of our relationship,\" he said.").map(|v| v[0].0),
            Ok(Polarity::Deny)
        );
        assert_eq!(
            verdicts("They will not end the relationship, the envoy said.").map(|v| v[0].0),
            Ok(Polarity::Deny)
        );
    }

    #[test]
    fn a_predicate_used_as_a_noun_names_the_action_unless_a_linking_word_states_it() {
        let refused = verdicts(
            "After the pullout, he said the end of the relationship was a matter for diplomats.",
        )
        .unwrap_err();
        assert!(refused.contains("names the action"), "{refused}");
        for (sentence, polarity) in [
            (
                "The pullout marks the beginning of the end of the relationship.",
                Polarity::Affirm,
            ),
            (
                "Officials did not see the withdrawal as the end of the relationship.",
                Polarity::Deny,
            ),
            (
                "The withdrawal is not the end of the relationship, he said.",
                Polarity::Deny,
            ),
        ] {
            assert_eq!(
                verdicts(sentence).map(|v| v[0].0),
                Ok(polarity),
                "{sentence}"
            );
        }
    }
}
