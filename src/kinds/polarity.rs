//! Polarity claims: a proposition that sources affirm or deny. Two mentions are compatible when they have the same
//! polarity. A `deny` match wins over an `affirm` match of the same words, since "does not mark the end" contains
//! "mark the end" (extraction ranks deny matches first).

use jiff::civil::Date;

use super::{FieldProblem, Kind, KindEntry, KindFields, Value};
use crate::model::{Match, Polarity, Unparsed};
use crate::scan::RulePattern;

/// The registry's entry for polarity claims.
pub const ENTRY: KindEntry = KindEntry {
    name: "polarity",
    required: &["affirm", "deny"],
    allowed: &["affirm", "deny", "window"],
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

fn build(fields: KindFields) -> Result<Box<dyn Kind>, FieldProblem> {
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
