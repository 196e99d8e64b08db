//! The claim kinds: what each kind of claim tracks, how its mentions get their values and how two values compare.
//!
//! Each kind is one module behind one trait, [`Kind`]: [`quantity`] (phrases become intervals of counts), [`date`]
//! (phrases become day ranges anchored on the source's publication date), [`polarity`] (affirm or deny), [`term`]
//! (the wordings of a name) and [`quote`] (quotations). Two values are compatible when some state of the world
//! satisfies both: overlapping intervals, overlapping day ranges, the same polarity.
//!
//! The registry is [`KindName::entry`]: the one place that maps the `kind:` of a rule file to the module that
//! builds it. Every other module asks a claim's [`Kind`] instead of matching on what kind it is.

pub mod date;
pub mod extent;
pub mod polarity;
pub mod quantity;
pub mod quote;
pub mod term;
pub mod words;

use std::any::Any;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, RandomState};
use std::ops::Range;
use std::sync::Arc;

use jiff::civil::Date;
use regex::Regex;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::model::{Match, Placement, Polarity, Unparsed};
use crate::scan::RulePattern;
use date::{DateError, DateRange};
use quantity::{Quantity, Revision};
use quote::{QuoteValue, Quoted};
use term::TermValue;

/// What every claim kind does: the patterns that find its mentions, or the corpus-wide search that places them; the
/// value of a match; and what reconciliation needs to know of it.
pub trait Kind: AsAny + std::fmt::Debug + Send + Sync {
    /// The kind's name as written in YAML and JSON.
    fn name(&self) -> &'static str;

    /// The pattern lists of the claim, with the polarity of their matches (`None` but for polarity claims); deny
    /// before affirm. Kinds whose mentions are wordings found across the corpus have none.
    fn pattern_lists(&self) -> Vec<(&[RulePattern], Option<Polarity>)> {
        Vec::new()
    }

    /// The word-level conditions of a claim written in words, on one match of its patterns in a source whose whole
    /// text is `text`: the match to keep (its span, value and scope set from the words of its clause), or why it is
    /// refused, in words for `explain`. Claims written as regexes keep every match.
    fn judge(&self, text: &str, found: Match) -> Result<Match, String> {
        let _ = text;
        Ok(found)
    }

    /// False when [`Kind::judge`] refuses every candidate in `sentence`, which a test cheaper than the judgement
    /// tells; true when one may be kept. A check drops the candidates of such a sentence unjudged.
    fn may_keep(&self, sentence: &str) -> bool {
        let _ = sentence;
        true
    }

    /// The value of one match of the claim's patterns in a source whose whole text is `text`, published on
    /// `published`; words that do not read as a value are [`Unparsed`].
    fn value(&self, text: &str, published: Option<Date>, found: &Match) -> Result<Value, Unparsed> {
        let _ = published;
        Err(Unparsed {
            text: text[found.value.clone()].to_string(),
        })
    }

    /// Why the words of a match do not read as a value of this kind, or cannot be anchored, in plain words that say
    /// what to do; `None` when they read, or when the kind has nothing to add to the bare refusal.
    fn why_not(&self, words: &str, published: Option<Date>) -> Option<String> {
        let _ = (words, published);
        None
    }

    /// True for the kinds whose mentions are wordings found and placed across the whole corpus ([`Kind::placer`])
    /// rather than pattern matches compared pair by pair (the kinds without patterns): their check reads the corpus
    /// twice, once to place their mentions and once to check every source.
    fn is_wording(&self) -> bool {
        self.pattern_lists().is_empty()
    }

    /// For the kinds whose mentions are wordings: what places them, fed the corpus source by source. None for pattern
    /// kinds.
    fn placer(&self) -> Option<Box<dyn Placer + '_>> {
        None
    }
}

/// Places the mentions of one wording claim (`term`, `quote`) across a corpus that it is given source by source,
/// in corpus order, so that no source needs to be held once it has been surveyed: what it keeps of a source is
/// its wordings (interned, so that a wording quoted a thousand times is held once) and their places.
pub trait Placer: Send {
    /// Takes in source `index`: `applies` says whether the claim's `context` and `unless` keep a place (bytes of
    /// the source's text); `shared` holds what every claim finds alike in the source (its quotations).
    fn add(
        &mut self,
        index: usize,
        source: SourceText<'_>,
        applies: &dyn Fn(Range<usize>) -> bool,
        shared: &mut SourceCache,
    );

    /// The mentions of the claim in the sources added, each with its [`Placement`] in its value: (source index,
    /// bytes of the source's text, value), in order of source, then of claim's finding. They are made as they are
    /// taken, so that a corpus's wordings are not held twice, as the placer keeps them and as values.
    fn finish(self: Box<Self>) -> Box<dyn Iterator<Item = (usize, Range<usize>, Value)>>;
}

/// A claim's definition as its own type, for code that needs its fields (tests, mostly); every kind has it.
pub trait AsAny {
    /// `self` as [`Any`], to downcast.
    fn as_any(&self) -> &dyn Any;
}

impl<T: Any> AsAny for T {
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A source as kinds see it: its whole text and where its body starts (after front matter).
#[derive(Debug, Clone, Copy)]
pub struct SourceText<'s> {
    /// The whole text.
    pub text: &'s str,
    /// Byte offset of the body.
    pub body_start: usize,
}

/// What the wording claims of one check find alike in one source: its quotations, cut into words once for every
/// quote claim, and its words and name runs, cut once for every term claim. Cleared between sources.
#[derive(Debug, Default)]
pub struct SourceCache {
    quoted: Option<Vec<Quoted>>,
    shapes: quote::Shapes,
    named: Option<term::Named>,
}

impl SourceCache {
    /// Forgets the source before; the interned quotation shapes stay, to be shared with the next sources.
    pub fn next_source(&mut self) {
        self.quoted = None;
        self.named = None;
    }
}

/// The kinds of claims.
#[derive(Deserialize, Clone, Copy, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum KindName {
    /// A number with its qualifier.
    Quantity,
    /// The date of an event.
    Date,
    /// A proposition that sources affirm or deny.
    Polarity,
    /// The name of an entity: its accepted forms, near misses and confusables.
    Term,
    /// A quotation: pinned, or every quotation of the corpus grouped across sources.
    Quote,
}

impl KindName {
    /// The registry: the module that builds each kind.
    pub fn entry(self) -> &'static KindEntry {
        match self {
            KindName::Quantity => &quantity::ENTRY,
            KindName::Date => &date::ENTRY,
            KindName::Polarity => &polarity::ENTRY,
            KindName::Term => &term::ENTRY,
            KindName::Quote => &quote::ENTRY,
        }
    }
}

/// One kind in the registry: its name, the rule fields it takes, and how a claim of it is built.
#[derive(Debug)]
pub struct KindEntry {
    /// The name rule files give the kind.
    pub name: &'static str,
    /// Fields a claim of the kind cannot do without.
    pub required: &'static [&'static str],
    /// Fields a claim of the kind may have (besides those every claim has).
    pub allowed: &'static [&'static str],
    /// Builds a claim of the kind from its fields (only allowed ones are set, required ones are).
    pub build: fn(KindFields) -> Result<Box<dyn Kind>, FieldProblem>,
}

/// The kind-specific fields of a claim in a rule file, parsed and checked for syntax: what [`KindEntry::build`]
/// reads.
#[derive(Debug, Default)]
pub struct KindFields {
    /// quantity and date claims: patterns with a `value` group.
    pub patterns: Vec<RulePattern>,
    /// polarity claims: wordings that affirm the proposition.
    pub affirm: Vec<RulePattern>,
    /// polarity claims: wordings that deny it.
    pub deny: Vec<RulePattern>,
    /// quantity claims: how far approximate figures stretch.
    pub tolerance: Option<f64>,
    /// quantity claims: how far a bare figure stretches.
    pub exact_tolerance: Option<f64>,
    /// quantity claims: whether a bare round figure is read as rounded (the default) or exact.
    pub round_figures: Option<bool>,
    /// term claims: the name as it should be written.
    pub canonical: Option<String>,
    /// term claims: other right forms of the name.
    pub accepted: Vec<String>,
    /// term claims: wordings that are wrong in some sentences.
    pub confusables: Vec<ConfusableFields>,
    /// term and quote claims: how alike two wordings must be.
    pub similarity: Option<f64>,
    /// quote claims: the quotation to pin.
    pub quote: Option<String>,
    /// quote claims: who said the pinned quotation.
    pub speaker: Option<String>,
    /// quantity, date and polarity claims written in words: their word lists.
    pub words: words::WordFields,
}

/// A term claim's confusable as a rule file gives it.
#[derive(Debug)]
pub struct ConfusableFields {
    /// The wrong wording.
    pub wording: String,
    /// The sentences where it is wrong.
    pub context: Vec<Regex>,
    /// The sentences where it is not.
    pub unless: Vec<Regex>,
}

/// Fields that do not make a claim of their kind: the field to point at and what is wrong.
#[derive(Debug)]
pub struct FieldProblem {
    /// The YAML field at fault.
    pub field: &'static str,
    /// What is wrong.
    pub message: String,
}

/// The normalised value of one mention.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A quantity, with the date the figure describes (`as_of`), when known.
    Quantity {
        /// Number, qualifier and interval.
        quantity: Quantity,
        /// The date phrase that governs the figure's clause ([`quantity::asof`]), else the publication date; `None`
        /// when neither is known, or when the figure is an earlier one with no date of its own.
        as_of: Option<DateRange>,
        /// Whether the wording gives the figure as an earlier one, the current one, or a revision.
        revision: Revision,
    },
    /// An event date; `None` when the phrase could not be anchored (a weekday in a source with no publication date).
    Date(Result<DateRange, DateError>),
    /// Affirm or deny.
    Polarity(Polarity),
    /// A wording of a name: an accepted form, a near miss or a confusable. Behind a pointer, like quotations, so
    /// that the far more numerous values of other kinds do not pay for its size in every mention, and shared by the
    /// mentions whose values are equal ([`Sharing`]): a name is written the same way thousands of times.
    Term(Arc<TermValue>),
    /// A quotation, compared with the quotation it fits; shared like term values.
    Quote(Arc<QuoteValue>),
}

/// Equal values held once: each value given is replaced by the one equal to it given before, if any. Term and
/// quote claims give a value per mention, and on dense coverage most are equal (the same name written the same
/// way, the same quotation repeated word for word), so a corpus's mentions hold a few thousand values, not millions.
pub struct Sharing<T> {
    hasher: RandomState,
    seen: HashMap<u64, Vec<Arc<T>>>,
}

impl<T> Default for Sharing<T> {
    fn default() -> Sharing<T> {
        Sharing {
            hasher: RandomState::new(),
            seen: HashMap::new(),
        }
    }
}

impl<T: Hash + PartialEq> Sharing<T> {
    /// The value equal to `value` given before, else `value`, now kept for the next ones.
    pub fn share(&mut self, value: T) -> Arc<T> {
        let hash = self.hasher.hash_one(&value);
        self.share_hashed(value, hash)
    }
}

impl<T: PartialEq> Sharing<T> {
    /// The value equal to `value` given before, else `value`, as [`Sharing::share`] gives it, for values that are
    /// not `Hash`: `key` stands for the value's hash. Values with equal keys are compared; values with different
    /// keys are held apart even when equal, so a key that misses some equalities only shares less.
    pub fn share_by(&mut self, value: T, key: impl Hash) -> Arc<T> {
        let hash = self.hasher.hash_one(key);
        self.share_hashed(value, hash)
    }

    fn share_hashed(&mut self, value: T, hash: u64) -> Arc<T> {
        let alike = self.seen.entry(hash).or_default();
        if let Some(kept) = alike.iter().find(|kept| ***kept == value) {
            return Arc::clone(kept);
        }
        let kept = Arc::new(value);
        alike.push(Arc::clone(&kept));
        kept
    }
}

impl Value {
    /// True when both values can hold at once. Unresolved dates are compatible with everything: they cannot be
    /// shown wrong.
    pub fn compatible(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Quantity { quantity: a, .. }, Value::Quantity { quantity: b, .. }) => {
                a.interval.overlaps(&b.interval)
            }
            (Value::Date(Ok(a)), Value::Date(Ok(b))) => a.overlaps(b),
            (Value::Polarity(a), Value::Polarity(b)) => a == b,
            _ => true,
        }
    }

    /// A short human rendering of the value: "less than 1,000", "2024-09-15 (deadline)", "denies".
    pub fn describe(&self) -> String {
        match self {
            Value::Quantity { quantity, .. } => quantity::describe(quantity),
            Value::Date(Ok(range)) => date::describe_range(range),
            Value::Date(Err(_)) => "unresolved date".to_string(),
            Value::Polarity(Polarity::Affirm) => "affirms".to_string(),
            Value::Polarity(Polarity::Deny) => "denies".to_string(),
            Value::Term(term) => term.describe(),
            Value::Quote(quote) => quote.describe(),
        }
    }

    /// Everything [`Value::describe`] depends on, as numbers: equal keys give equal descriptions. Term and quote
    /// values have none and are grouped by their description.
    pub fn key(&self) -> Option<[u64; 4]> {
        let day = |d: date::Day| match d {
            date::Day::Full(date) => {
                (1 << 40)
                    | ((date.year() as u64 & 0xffff) << 16)
                    | ((date.month() as u64) << 8)
                    | date.day() as u64
            }
            date::Day::NoYear { month, day } => ((month as u64) << 8) | day as u64,
        };
        Some(match self {
            Value::Quantity { quantity, .. } => {
                let interval = quantity.interval;
                let flags =
                    u64::from(interval.min.inclusive) << 8 | u64::from(interval.max.inclusive) << 9;
                [
                    quantity.value.to_bits(),
                    1 + quantity.qualifier as u64 + flags,
                    interval.min.value.to_bits(),
                    interval.max.value.to_bits(),
                ]
            }
            Value::Date(Ok(range)) => [
                day(range.start),
                day(range.end),
                range.qualifier.map_or(0, |q| 1 + q as u64),
                1,
            ],
            Value::Date(Err(_)) => [0, 0, 0, 2],
            Value::Polarity(polarity) => [*polarity as u64, 0, 0, 3],
            Value::Term(_) | Value::Quote(_) => return None,
        })
    }

    /// True when `written`, a value as a rule's example writes it, is this value: its description, with "-" for
    /// "–" accepted, and without the bracketed interval of a quantity when the example leaves it out ("1,100" for a
    /// bare figure read as rounded, "1,100 (1,050–1,150)").
    pub fn is_written(&self, written: &str) -> bool {
        let described = self.describe().replace('-', "–");
        let written = written.trim().replace('-', "–");
        let without_interval = match (self, described.split_once(" (")) {
            (Value::Quantity { .. }, Some((words, _))) => words,
            _ => described.as_str(),
        };
        written == described || (!written.contains('(') && written == without_interval)
    }

    /// The date the value describes, for the kinds that have one (quantities): `Some(None)` when it is unknown,
    /// `None` for the kinds that have no such date.
    pub fn as_of(&self) -> Option<Option<&DateRange>> {
        match self {
            Value::Quantity { as_of, .. } => Some(as_of.as_ref()),
            _ => None,
        }
    }

    /// For term and quote mentions, where they were placed when the corpus was grouped; `None` for the kinds whose
    /// mentions are reconciled by comparing their values.
    pub fn placement(&self) -> Option<Placement> {
        match self {
            Value::Term(term) => Some(term.placement),
            Value::Quote(quote) => Some(quote.placement),
            _ => None,
        }
    }

    /// For a term or quote mention that departs from its reference wording: the word diff against it, as a line
    /// of help ("wording against the name: National [-Council-]{+Committee+} ...").
    pub fn reference_help(&self) -> Option<String> {
        match self {
            Value::Term(term) => term
                .diff
                .as_ref()
                .map(|d| format!("wording against the name: {d}")),
            Value::Quote(quote) => quote
                .diff
                .as_ref()
                .map(|d| format!("wording against the quotation: {d}")),
            _ => None,
        }
    }
}

/// Formats a number with thousands separators, and at most two decimals: 1000 -> "1,000", 1.1e6 -> "1,100,000".
pub fn format_number(value: f64) -> String {
    if !value.is_finite() {
        return "∞".to_string();
    }
    let rounded = (value * 100.0).round() / 100.0;
    let whole = rounded.trunc() as i64;
    let digits = whole.abs().to_string();
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if whole < 0 { "-" } else { "" };
    let fraction = rounded.fract().abs();
    if fraction > 0.0 {
        let decimals = format!("{fraction:.2}");
        format!(
            "{sign}{grouped}{}",
            decimals.trim_start_matches('0').trim_end_matches('0')
        )
    } else {
        format!("{sign}{grouped}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_values_may_leave_out_the_interval_and_use_hyphens() {
        let tolerance = quantity::Tolerance::default();
        let rounded = Value::Quantity {
            quantity: quantity::with_rounding(
                quantity::parse_quantity("1,100", tolerance).unwrap(),
            ),
            as_of: None,
            revision: Revision::Current,
        };
        assert_eq!(rounded.describe(), "1,100 (1,050–1,150)");
        assert!(rounded.is_written("1,100"));
        assert!(rounded.is_written("1,100 (1,050-1,150)"));
        assert!(!rounded.is_written("1,100 (1,000–1,200)"));
        assert!(!rounded.is_written("1,000"));
        let deadline = Value::Date(date::parse_date("by Sept. 15, 2024", None));
        assert!(deadline.is_written("2024-09-15 (deadline)"));
        assert!(!deadline.is_written("2024-09-15"));
    }

    #[test]
    fn sharing_gives_the_value_kept_for_an_equal_one() {
        let mut sharing = Sharing::default();
        let first = sharing.share("Niger".to_string());
        let again = sharing.share("Niger".to_string());
        let other = sharing.share("Nigeria".to_string());
        assert!(Arc::ptr_eq(&first, &again));
        assert!(!Arc::ptr_eq(&first, &other));
        assert_eq!(*other, "Nigeria");
    }

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(format_number(1000.0), "1,000");
        assert_eq!(format_number(1_100_000.0), "1,100,000");
        assert_eq!(format_number(650.0), "650");
        assert_eq!(format_number(1.5), "1.5");
        assert_eq!(format_number(f64::INFINITY), "∞");
    }
}
