//! `quote` claims: quotations that drift between sources.
//!
//! A quote claim either pins a quotation (its exact wording, and optionally its speaker) or, with no pin, watches
//! every quotation of the corpus. Quotations are found by [`scan`]. Each is compared on its core words (function
//! words trimmed from its edges, see [`crate::text::wording::core`]), and only quotations of at least
//! [`MIN_QUOTE_WORDS`] core words take part: shorter ones ("open arms") recur by chance.
//!
//! - Watching, quotations are grouped corpus-wide by [`group`](mod@group): a group whose wordings do not all agree is
//!   quotation drift, and each quotation is compared with the group's reference (the longest wording of the side
//!   quoted most often).
//! - Pinned, every quotation that fits the pin at the claim's similarity is a mention; one that fits it whole and
//!   names no other speaker agrees, any other departs from it.

pub mod group;
pub mod scan;
mod speaker;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

use super::{
    FieldProblem, Kind, KindEntry, KindFields, Placer, Sharing, SourceCache, SourceText, Value,
};
use crate::model::Placement;
use crate::text::diff::{whole_replacement, word_diff};
use crate::text::wording::{core, display, fit, is_function_word, keys, words, Word};
use group::{group, Wordings};
use scan::quotations;

/// How alike (word-level ratio) two quotations must be to be the same quotation, unless the rule says.
pub const DEFAULT_QUOTE_SIMILARITY: f64 = 0.7;

/// The fewest core words a quotation needs to be compared.
pub const MIN_QUOTE_WORDS: usize = 3;

/// A quote claim: a pinned quotation, or none (watch them all), and how alike two wordings must be.
#[derive(Debug)]
pub struct QuoteRule {
    pin: Option<Pin>,
    similarity: f64,
}

/// The wording (and speaker) a rule pins.
#[derive(Debug)]
struct Pin {
    text: String,
    speaker: Option<String>,
    words: Vec<Word>,
    core: Range<usize>,
}

impl QuoteRule {
    /// A quote rule. Errors name the YAML field at fault: a `speaker` without a `quote`, or a `quote` too short to
    /// compare.
    pub fn new(
        quote: Option<String>,
        speaker: Option<String>,
        similarity: Option<f64>,
    ) -> Result<QuoteRule, (&'static str, String)> {
        let similarity = similarity.unwrap_or(DEFAULT_QUOTE_SIMILARITY);
        let pin = match (quote, speaker) {
            (None, Some(_)) => {
                return Err((
                    "speaker",
                    "`speaker` needs `quote`: only a pinned quotation has a speaker to check"
                        .into(),
                ))
            }
            (None, None) => None,
            (Some(text), speaker) => Some(Pin::new(text, speaker)?),
        };
        Ok(QuoteRule { pin, similarity })
    }
}

impl Pin {
    fn new(text: String, speaker: Option<String>) -> Result<Pin, (&'static str, String)> {
        let words = words(&text, 0);
        let core = core(&keys(&words));
        if core.len() < MIN_QUOTE_WORDS {
            return Err((
                "quote",
                format!("quote {text:?} is too short to compare: it needs {MIN_QUOTE_WORDS} words besides function words"),
            ));
        }
        Ok(Pin {
            text,
            speaker,
            words,
            core,
        })
    }

    /// The keys of the pin's core words, what a quotation's are fitted into.
    fn keys(&self) -> Vec<&str> {
        keys(&self.words[self.core.clone()])
    }

    /// How quotation `q` fits the pin whose core keys are `pin_keys`, and whether its sentence names another speaker
    /// than the pinned one; `None` when it shares no word with the pin or is less alike than `similarity`.
    fn fit(&self, pin_keys: &[&str], similarity: f64, q: &Quoted) -> Option<(Alignment, bool)> {
        let own = q.core_keys();
        let shares_a_word = own
            .iter()
            .any(|k| !is_function_word(k) && pin_keys.contains(k));
        if own.len() < MIN_QUOTE_WORDS || !shares_a_word {
            return None;
        }
        let alignment = align(&own, pin_keys);
        if alignment.ratio < similarity {
            return None;
        }
        let misattributed = match (&self.speaker, q.speaker()) {
            (Some(pinned), Some(named)) => !speaker::same_speaker(pinned, named),
            _ => false,
        };
        Some((alignment, misattributed))
    }

    fn reference(&self) -> Reference<'_> {
        Reference {
            text: &self.text,
            words: &self.words,
            core: self.core.clone(),
        }
    }
}

/// A quotation of a source, cut into words for comparison: where it is, with its [`Shape`] (its words and who says
/// them), shared by every quotation written alike. A quote claim keeps one of these (32 bytes) per quotation of the
/// corpus until the corpus is in.
#[derive(Debug, Clone)]
pub struct Quoted {
    /// From the first opening mark to the last closing mark, in bytes of the source's text: the shape's offsets
    /// start at its start.
    pub span: Range<usize>,
    shape: Arc<Shape>,
    source: u32,
}

/// A quotation's text from its first mark to its last, its words and its speaker: what two quotations written alike
/// and given to the same speaker share. Offsets are bytes of `text`.
#[derive(Debug)]
struct Shape {
    text: Arc<str>,
    /// The quoted words without their marks: one part, or more when an attribution interrupts them.
    parts: Vec<Range<usize>>,
    /// Who the sentence says is speaking, when it names someone.
    speaker: Option<String>,
    words: Vec<Word>,
    core: Range<usize>,
}

/// The shapes of the quotations met so far, by their text, parts and speaker: a quotation repeated across a corpus
/// is cut into words and held once.
#[derive(Debug, Default)]
pub struct Shapes(HashMap<ShapeKey, Arc<Shape>>);

/// What makes two quotations one shape: their text, its parts and the speaker.
type ShapeKey = (Arc<str>, Vec<Range<usize>>, Option<String>);

impl Shapes {
    /// The shape of a quotation whose text (marks included) is `text`, whose quoted parts are `parts` (bytes of
    /// `text`) and whose sentence names `speaker`.
    fn intern(
        &mut self,
        text: &str,
        parts: Vec<Range<usize>>,
        speaker: Option<String>,
    ) -> Arc<Shape> {
        let key = (Arc::<str>::from(text), parts, speaker);
        if let Some(shape) = self.0.get(&key) {
            return shape.clone();
        }
        let words: Vec<Word> = key
            .1
            .iter()
            .flat_map(|p| crate::text::wording::words(&text[p.clone()], p.start))
            .collect();
        let core = core(&keys(&words));
        let shape = Arc::new(Shape {
            text: key.0.clone(),
            parts: key.1.clone(),
            speaker: key.2.clone(),
            words,
            core,
        });
        self.0.insert(key, shape.clone());
        shape
    }
}

impl Quoted {
    /// The quotations of a source (index `source_index`, whose whole text is `text` and whose body starts at byte
    /// `body_start`), in text order, their shapes taken from `shapes`.
    pub fn all_in(
        source_index: usize,
        text: &str,
        body_start: usize,
        shapes: &mut Shapes,
    ) -> Vec<Quoted> {
        quotations(&text[body_start..], body_start)
            .into_iter()
            .map(|quotation| {
                let at = quotation.span.start;
                let parts = quotation
                    .parts
                    .iter()
                    .map(|p| p.start - at..p.end - at)
                    .collect();
                Quoted {
                    shape: shapes.intern(&text[quotation.span.clone()], parts, quotation.speaker),
                    span: quotation.span,
                    source: u32::try_from(source_index).unwrap_or(u32::MAX),
                }
            })
            .collect()
    }

    /// Index of the source.
    pub fn source(&self) -> usize {
        self.source as usize
    }

    /// Who the sentence says is speaking, when it names someone.
    pub fn speaker(&self) -> Option<&str> {
        self.shape.speaker.as_deref()
    }

    /// True when the quotation has enough core words to be compared ([`MIN_QUOTE_WORDS`]).
    fn comparable(&self) -> bool {
        self.shape.core.len() >= MIN_QUOTE_WORDS
    }

    fn core_keys(&self) -> Vec<&str> {
        keys(&self.shape.words[self.shape.core.clone()])
    }

    fn reference(&self) -> Reference<'_> {
        Reference {
            text: &self.shape.text,
            words: &self.shape.words,
            core: self.shape.core.clone(),
        }
    }

    /// The quoted words as written, the parts of an interrupted quotation joined by a space.
    fn quote_text(&self) -> String {
        let parts: Vec<&str> = self
            .shape
            .parts
            .iter()
            .map(|p| &self.shape.text[p.clone()])
            .collect();
        parts.join(" ")
    }

    /// From the first quoted word to the last, marks excluded, in bytes of the source's text.
    fn inner(&self) -> Range<usize> {
        let parts = &self.shape.parts;
        match (parts.first(), parts.last()) {
            (Some(first), Some(last)) => self.span.start + first.start..self.span.start + last.end,
            _ => self.span.clone(),
        }
    }
}

/// The wording a quotation is compared with: a pin, or a quotation of the corpus.
struct Reference<'a> {
    text: &'a str,
    words: &'a [Word],
    core: Range<usize>,
}

/// How a quotation lines up with its reference: the [`fit`] ratio, and the matching ranges of each, in core words.
#[derive(Debug, Clone)]
struct Alignment {
    ratio: f64,
    own: Range<usize>,
    reference: Range<usize>,
}

/// Fits the shorter of two core wordings into the longer.
fn align(own: &[&str], reference: &[&str]) -> Alignment {
    if own.len() <= reference.len() {
        let fitted = fit(own, reference);
        Alignment {
            ratio: fitted.ratio,
            own: 0..own.len(),
            reference: fitted.window,
        }
    } else {
        let fitted = fit(reference, own);
        Alignment {
            ratio: fitted.ratio,
            own: fitted.window,
            reference: 0..reference.len(),
        }
    }
}

/// The value of a quote mention.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteValue {
    /// The quoted words as written; the parts of a quotation interrupted by its attribution joined by a space.
    pub quote: String,
    /// The speaker the sentence names, if any.
    pub speaker: Option<String>,
    /// The words this quotation is compared with: the part of the pinned quotation, or of its group's reference
    /// quotation, that it fits.
    pub reference: String,
    /// How alike the quotation and `reference` are (0..1).
    pub similarity: f64,
    /// A word diff of `reference` into the quotation's words, when the quotation departs from it.
    pub diff: Option<String>,
    /// True when the rule pins a speaker and the sentence names another one.
    pub misattributed: bool,
    /// The words shown for the quotation: the part that lines up with the others, "…" marking cuts.
    #[serde(skip)]
    pub excerpt: String,
    /// Where the mention stands among the claim's mentions.
    #[serde(skip)]
    pub placement: Placement,
}

impl Hash for QuoteValue {
    /// Hashes what equality compares, the similarity by its bits: a similarity is a ratio from 0 to 1, never NaN
    /// nor a negative zero, so equal similarities have equal bits.
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.quote.hash(state);
        self.speaker.hash(state);
        self.reference.hash(state);
        self.similarity.to_bits().hash(state);
        self.diff.hash(state);
        self.misattributed.hash(state);
        self.excerpt.hash(state);
        self.placement.hash(state);
    }
}

impl QuoteValue {
    /// "“organized and responsible withdrawal”", with the speaker when named: "“…” (Zeine)", "“…” attributed to
    /// Patel" (when the rule pins another speaker).
    pub fn describe(&self) -> String {
        match (&self.speaker, self.misattributed) {
            (Some(speaker), true) => format!("“{}” attributed to {speaker}", self.excerpt),
            (Some(speaker), false) => format!("“{}” ({speaker})", self.excerpt),
            (None, _) => format!("“{}”", self.excerpt),
        }
    }
}

/// A mention of a quote claim.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteMention {
    /// Index of the quotation's source.
    pub source: usize,
    /// Bytes of the source's text: the quoted words that line up with the reference (the excerpt).
    pub span: Range<usize>,
    /// The value, shared with the mentions of equal value.
    pub value: Arc<QuoteValue>,
}

/// The mentions of a quote claim among `quoted` (the corpus's quotations its context keeps), their values shared
/// through `values` as they are made: a quotation repeated across a corpus gives one value, not one per mention.
pub fn mentions(
    rule: &QuoteRule,
    quoted: &[Quoted],
    values: &mut Sharing<QuoteValue>,
) -> Vec<QuoteMention> {
    match &rule.pin {
        Some(pin) => pinned(pin, rule.similarity, quoted, values),
        None => watched(rule.similarity, quoted, values),
    }
}

/// Quotations that fit the pin. Sides: those that agree (whole fit, no other speaker), then one per departing
/// wording, in order of first appearance.
fn pinned(
    pin: &Pin,
    similarity: f64,
    quoted: &[Quoted],
    values: &mut Sharing<QuoteValue>,
) -> Vec<QuoteMention> {
    let pin_keys = pin.keys();
    let mut sides: Vec<String> = Vec::new();
    let mut found = Vec::new();
    for q in quoted {
        let Some((alignment, misattributed)) = pin.fit(&pin_keys, similarity, q) else {
            continue;
        };
        let side_key = if alignment.ratio < 1.0 {
            q.core_keys().join(" ")
        } else if misattributed {
            format!("by {}", q.speaker().unwrap_or_default())
        } else {
            String::new()
        };
        let side = sides
            .iter()
            .position(|s| *s == side_key)
            .unwrap_or_else(|| {
                sides.push(side_key.clone());
                sides.len() - 1
            });
        let placement = Placement {
            group: 0,
            side,
            drifted: !side_key.is_empty(),
        };
        found.push(mention(
            q,
            (&pin.reference(), &alignment),
            placement,
            misattributed,
            values,
        ));
    }
    found
}

/// Quotations grouped across the corpus, each compared with its group's reference.
fn watched(
    similarity: f64,
    quoted: &[Quoted],
    values: &mut Sharing<QuoteValue>,
) -> Vec<QuoteMention> {
    let mut wordings = Wordings::new();
    let mut first_of: Vec<usize> = Vec::new();
    let wording_of: Vec<Option<usize>> = quoted
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let own = q.core_keys();
            q.comparable().then(|| {
                let w = wordings.add(&own);
                if w == first_of.len() {
                    first_of.push(i);
                }
                w
            })
        })
        .collect();
    let mut placed: Vec<Option<(Placement, Alignment, usize)>> = vec![None; wordings.len()];
    for (g, found) in group(&wordings, similarity).into_iter().enumerate() {
        let reference = longest(&wordings, &found.sides[found.reference]);
        let reference_keys = quoted[first_of[reference]].core_keys();
        let mut hull: Option<Range<usize>> = None;
        for (side, members) in found.sides.iter().enumerate() {
            for &w in members.iter().filter(|&&w| w != reference) {
                let alignment = align(&quoted[first_of[w]].core_keys(), &reference_keys);
                let r = &alignment.reference;
                hull = Some(hull.map_or(r.clone(), |h| h.start.min(r.start)..h.end.max(r.end)));
                let drifted = side != found.reference;
                placed[w] = Some((
                    Placement {
                        group: g,
                        side,
                        drifted,
                    },
                    alignment,
                    first_of[reference],
                ));
            }
        }
        let hull = hull.unwrap_or(0..reference_keys.len());
        let itself = Alignment {
            ratio: 1.0,
            own: hull.clone(),
            reference: hull,
        };
        let placement = Placement {
            group: g,
            side: found.reference,
            drifted: false,
        };
        placed[reference] = Some((placement, itself, first_of[reference]));
    }
    quoted
        .iter()
        .enumerate()
        .filter_map(|(i, q)| {
            let (placement, alignment, reference) = placed[wording_of[i]?].as_ref()?;
            let reference = quoted[*reference].reference();
            Some(mention(
                q,
                (&reference, alignment),
                *placement,
                false,
                values,
            ))
        })
        .collect()
}

/// The longest of `members` (the earliest of equals).
fn longest(wordings: &Wordings, members: &[usize]) -> usize {
    members
        .iter()
        .copied()
        .max_by_key(|&w| (wordings.words(w).len(), std::cmp::Reverse(w)))
        .unwrap_or_default()
}

/// The mention of quotation `q`, aligned with `reference` as `alignment` says, its value shared through
/// `values`.
fn mention(
    q: &Quoted,
    (reference, alignment): (&Reference, &Alignment),
    placement: Placement,
    misattributed: bool,
    values: &mut Sharing<QuoteValue>,
) -> QuoteMention {
    let shape = &q.shape;
    let whole = alignment.own == (0..shape.core.len());
    let shown = if whole {
        0..shape.words.len()
    } else {
        shape.core.start + alignment.own.start..shape.core.start + alignment.own.end
    };
    let excerpt = format!(
        "{}{}{}",
        if shown.start > 0 { "…" } else { "" },
        display(&shape.text, &shape.words, shown.clone()),
        if shown.end < shape.words.len() {
            "…"
        } else {
            ""
        }
    );
    let own_core = shape.core.start + alignment.own.start..shape.core.start + alignment.own.end;
    let reference_core = reference.core.start + alignment.reference.start
        ..reference.core.start + alignment.reference.end;
    let reference_text = display(reference.text, reference.words, reference_core).to_string();
    let diff = (placement.drifted && alignment.ratio < 1.0).then(|| {
        let own_text = display(&shape.text, &shape.words, own_core);
        word_diff(&reference_text, own_text)
            .unwrap_or_else(|| whole_replacement(&reference_text, own_text))
    });
    let span = match (
        shape.words.get(shown.start),
        shown.end.checked_sub(1).and_then(|e| shape.words.get(e)),
    ) {
        (Some(first), Some(last)) => q.span.start + first.span.start..q.span.start + last.span.end,
        _ => q.inner(),
    };
    QuoteMention {
        source: q.source(),
        span,
        value: values.share(QuoteValue {
            quote: q.quote_text(),
            speaker: q.speaker().map(str::to_string),
            reference: reference_text,
            similarity: (alignment.ratio * 1000.0).round() / 1000.0,
            diff,
            misattributed,
            excerpt,
            placement,
        }),
    }
}

/// The registry's entry for quote claims.
pub const ENTRY: KindEntry = KindEntry {
    name: "quote",
    required: &[],
    allowed: &["quote", "speaker", "similarity"],
    build,
};

fn build(fields: KindFields) -> Result<Box<dyn Kind>, FieldProblem> {
    let rule = QuoteRule::new(fields.quote, fields.speaker, fields.similarity)
        .map_err(|(field, message)| FieldProblem { field, message })?;
    Ok(Box::new(rule))
}

impl Kind for QuoteRule {
    fn name(&self) -> &'static str {
        ENTRY.name
    }

    fn placer(&self) -> Option<Box<dyn Placer + '_>> {
        Some(Box::new(QuotePlacer {
            rule: self,
            pin_keys: self.pin.as_ref().map(Pin::keys),
            kept: Vec::new(),
        }))
    }
}

/// Gathers the quotations of a quote claim source by source (those its context keeps and that can be mentions: that
/// fit the pin, or that have enough words to be compared), and places them once the whole corpus is in.
struct QuotePlacer<'r> {
    rule: &'r QuoteRule,
    /// The keys of the pin's core words, when the claim pins a quotation.
    pin_keys: Option<Vec<&'r str>>,
    kept: Vec<Quoted>,
}

/// True when quotation `q` can be a mention of `rule`: it has enough words to be compared and, when the rule pins
/// a quotation (whose core keys are `pin_keys`), it fits the pin.
fn can_place(rule: &QuoteRule, pin_keys: Option<&[&str]>, q: &Quoted) -> bool {
    q.comparable()
        && match (&rule.pin, pin_keys) {
            (Some(pin), Some(keys)) => pin.fit(keys, rule.similarity, q).is_some(),
            _ => true,
        }
}

impl Placer for QuotePlacer<'_> {
    fn add(
        &mut self,
        index: usize,
        source: SourceText<'_>,
        applies: &dyn Fn(Range<usize>) -> bool,
        shared: &mut SourceCache,
    ) {
        let SourceCache { quoted, shapes, .. } = shared;
        let all = quoted
            .get_or_insert_with(|| Quoted::all_in(index, source.text, source.body_start, shapes));
        let QuotePlacer {
            rule,
            pin_keys,
            kept,
        } = self;
        let placeable = all
            .iter()
            .filter(|q| can_place(rule, pin_keys.as_deref(), q) && applies(q.span.clone()));
        kept.extend(placeable.cloned());
    }

    fn finish(self: Box<Self>) -> Box<dyn Iterator<Item = (usize, Range<usize>, Value)>> {
        let QuotePlacer { rule, kept, .. } = *self;
        let found = mentions(rule, &kept, &mut Sharing::default());
        drop(kept);
        Box::new(
            found
                .into_iter()
                .map(|m| (m.source, m.span, Value::Quote(m.value))),
        )
    }
}
