//! The HTML report: one self-contained page for a curator (inline CSS and SVG, nothing fetched to view it).
//!
//! `page` assembles the document and its summary; `matrix` draws which source says what of each claim,
//! `timeline` charts quantity and date claims over their as-of times, `findings` sets the wordings of each conflict
//! and change side by side, and `sources` shows every source with its mentions highlighted. This module holds what
//! they share: what each mention's finding makes of it, and the order of the sources. Text goes into the page
//! through `maud`, which escapes everything it is given.

mod findings;
mod matrix;
mod page;
mod sources;
mod timeline;

pub use page::render;

use crate::check::Checked;
use crate::extract::Mention;
use crate::model::FindingKind;
use crate::rules::RuleSet;

/// What the page needs besides the check: when the check ran, given by the caller so that the same check gives the
/// same bytes.
#[derive(Debug, Clone, Copy)]
pub struct HtmlOptions {
    /// The moment stated as the check's.
    pub checked_at: jiff::Timestamp,
}

/// What a mention's finding makes of it, from the least to the most pressing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stance {
    /// From a source without a date, compared only within it.
    Undated,
    /// In its claim's agreement.
    Agrees,
    /// In a change over time.
    Updates,
    /// In a conflict.
    Conflicts,
}

impl Stance {
    /// Every stance, from the least to the most pressing.
    pub const ALL: [Stance; 4] = [
        Stance::Undated,
        Stance::Agrees,
        Stance::Updates,
        Stance::Conflicts,
    ];

    /// The stance of the mentions of a finding of `kind`.
    fn of(kind: FindingKind) -> Stance {
        match kind {
            FindingKind::Undated => Stance::Undated,
            FindingKind::Agreement => Stance::Agrees,
            FindingKind::Change => Stance::Updates,
            FindingKind::Conflict => Stance::Conflicts,
        }
    }

    /// The word for people.
    pub fn word(self) -> &'static str {
        match self {
            Stance::Undated => "undated",
            Stance::Agrees => "agrees",
            Stance::Updates => "updates",
            Stance::Conflicts => "conflicts",
        }
    }

    /// A sign that reads without colour.
    pub fn icon(self) -> &'static str {
        match self {
            Stance::Undated => "?",
            Stance::Agrees => "✓",
            Stance::Updates => "↻",
            Stance::Conflicts => "✗",
        }
    }

    /// The CSS class.
    pub fn class(self) -> &'static str {
        match self {
            Stance::Undated => "undated",
            Stance::Agrees => "agree",
            Stance::Updates => "update",
            Stance::Conflicts => "conflict",
        }
    }
}

/// How many characters of a finding's message the page shows; a timeline of hundreds of points is a message of
/// tens of thousands, and the sides and the chart say the rest.
const MESSAGE_CHARS: usize = 400;

/// A finding's message, cut after [`MESSAGE_CHARS`] characters (at a space) with an ellipsis.
fn abridged(message: &str) -> std::borrow::Cow<'_, str> {
    match message.char_indices().nth(MESSAGE_CHARS) {
        None => message.into(),
        Some((end, _)) => {
            let cut = message[..end].rfind(' ').unwrap_or(end);
            format!("{} …", &message[..cut]).into()
        }
    }
}

/// What every part of the page reads: the check, its rules, every mention (read back once: the page shows each),
/// the stance of every mention and the order of the sources.
pub(crate) struct Page<'a> {
    checked: &'a Checked,
    rules: &'a RuleSet,
    /// Every mention, by id.
    mentions: Vec<Mention>,
    /// The stance of every mention, by mention id.
    stances: Vec<Stance>,
    /// The sources' indices by publication date (to the minute when known), sources without a date last, ties in
    /// corpus order.
    order: Vec<usize>,
}

impl<'a> Page<'a> {
    fn new(checked: &'a Checked, rules: &'a RuleSet) -> Page<'a> {
        let mut stances = vec![Stance::Agrees; checked.mentions.len()];
        for finding in &checked.findings {
            for &id in &finding.mentions {
                if let Some(slot) = stances.get_mut(id.index()) {
                    *slot = Stance::of(finding.kind);
                }
            }
        }
        let mut order: Vec<usize> = (0..checked.sources.len()).collect();
        order.sort_by_key(|&i| {
            let source = &checked.sources[i];
            (
                source.published.is_none(),
                source.published,
                source.published_minute,
                i,
            )
        });
        Page {
            checked,
            rules,
            mentions: checked.mentions.iter().collect(),
            stances,
            order,
        }
    }

    /// The stance of a mention (every mention is in one finding; one in none would be drawn as agreeing).
    fn stance(&self, mention: usize) -> Stance {
        self.stances.get(mention).copied().unwrap_or(Stance::Agrees)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_messages_are_cut_at_a_space() {
        assert_eq!(abridged("short"), "short");
        let long = "then 100 ".repeat(100);
        let cut = abridged(&long);
        assert!(
            cut.chars().count() <= MESSAGE_CHARS + 2 && cut.ends_with("100 …"),
            "{cut}"
        );
    }

    #[test]
    fn a_conflict_outweighs_an_update_which_outweighs_agreement() {
        assert!(Stance::Conflicts > Stance::Updates && Stance::Updates > Stance::Agrees);
        assert!(Stance::Agrees > Stance::Undated);
        let signs: Vec<&str> = Stance::ALL.iter().map(|s| s.icon()).collect();
        assert_eq!(
            signs,
            ["?", "✓", "↻", "✗"],
            "each stance reads without colour"
        );
    }
}
