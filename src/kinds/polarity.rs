//! Polarity claims: a proposition that sources affirm or deny, written in words ([`super::words::polarity`]) or as
//! `affirm` and `deny` patterns. Two mentions are compatible when they have the same
//! polarity. A `deny` match wins over an `affirm` match of the same words, since "does not mark the end" contains
//! "mark the end" (extraction ranks deny matches first).

use jiff::civil::Date;

use super::words::polarity::WordPolarityClaim;
use super::{FieldProblem, Kind, KindEntry, KindFields, Value};
use crate::model::{Match, Polarity, Unparsed};
use crate::scan::RulePattern;

/// The registry's entry for polarity claims.
pub const ENTRY: KindEntry = KindEntry {
    name: "polarity",
    required: &[],
    allowed: &[
        "affirm",
        "deny",
        "window",
        "subject",
        "predicate",
        "deny_with",
        "object",
        "of",
        "not_of",
        "unless_near",
        "scope",
        "near",
        "mode",
    ],
    build,
};

/// A polarity claim: the wordings that affirm its proposition and those that deny it.
#[derive(Debug)]
pub struct PolarityClaim {
    /// Wordings that affirm the proposition.
    pub affirm: Vec<RulePattern>,
    /// Wordings that deny it; a deny match wins over an affirm match of the same words.
    pub deny: Vec<RulePattern>,
}

/// Builds a polarity claim: in words when it has word-form fields (`subject`, `predicate`, ...), else from its
/// `affirm` and `deny` patterns, both required.
fn build(fields: KindFields) -> Result<Box<dyn Kind>, FieldProblem> {
    let regex = !fields.affirm.is_empty() || !fields.deny.is_empty();
    if fields.words.any() {
        return match regex {
            true => Err(super::words::both_forms("polarity", "predicate")),
            false => Ok(Box::new(WordPolarityClaim::build(&fields.words)?)),
        };
    }
    for (field, list) in [("affirm", &fields.affirm), ("deny", &fields.deny)] {
        if list.is_empty() && regex {
            return Err(FieldProblem {
                field: "kind",
                message: format!("a polarity claim needs at least one entry in `{field}`"),
            });
        }
    }
    if !regex {
        return Err(super::words::neither_form("polarity", "predicate"));
    }
    Ok(Box::new(PolarityClaim {
        affirm: fields.affirm,
        deny: fields.deny,
    }))
}

impl Kind for PolarityClaim {
    fn name(&self) -> &'static str {
        ENTRY.name
    }

    fn pattern_lists(&self) -> Vec<(&[RulePattern], Option<Polarity>)> {
        vec![
            (self.deny.as_slice(), Some(Polarity::Deny)),
            (self.affirm.as_slice(), Some(Polarity::Affirm)),
        ]
    }

    fn value(&self, _: &str, _: Option<Date>, found: &Match) -> Result<Value, Unparsed> {
        Ok(Value::Polarity(found.polarity.unwrap_or(Polarity::Affirm)))
    }
}
