//! The pattern syntax of rule files: placeholders (`{quantity}`, `{date}`, ...) expanded from the kinds' phrase
//! grammars, case-insensitive, never matching the empty string, checked and compiled while the YAML is read so that
//! a bad pattern is reported at its line and column.

use regex::Regex;
use regex_syntax::hir::Hir;
use serde::{Deserialize, Deserializer};

use crate::kinds::date::DATE_PHRASE;
use crate::kinds::quantity::QUANTITY_PHRASE;
use crate::scan::{RulePattern, VALUE_GROUP};

impl RulePattern {
    /// Compiles `source` as a `patterns`, `affirm` or `deny` entry of a rule file is compiled: placeholders
    /// expanded, case-insensitive; patterns that can match the empty string are refused.
    pub fn compile(source: &str) -> Result<RulePattern, String> {
        compile_pattern(source)
    }
}

/// A `patterns`, `affirm` or `deny` entry of a rule file.
pub(super) struct Pattern(pub(super) RulePattern);

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        compiled(deserializer, compile_pattern).map(Pattern)
    }
}

/// Reads a pattern and compiles it with `compile`, whose error becomes the deserializer's (located in the YAML).
pub(super) fn compiled<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    compile: fn(&str) -> Result<T, String>,
) -> Result<T, D::Error> {
    let source = String::deserialize(deserializer)?;
    compile(&source).map_err(serde::de::Error::custom)
}

/// A `context` or `unless` entry: a pattern searched for in sentences, compiled for whole-sentence searches.
pub(super) struct SentencePattern(pub(super) Regex);

impl<'de> Deserialize<'de> for SentencePattern {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        compiled(deserializer, compile_sentence_pattern).map(SentencePattern)
    }
}

/// A pattern for quantity and date claims: it must capture the phrase to normalise in group `value`
/// (written by hand, or by the `{quantity}` / `{date}` placeholders).
pub(super) struct ValuePattern(pub(super) Pattern);

impl<'de> Deserialize<'de> for ValuePattern {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let pattern = Pattern::deserialize(deserializer)?;
        if pattern.0.value_group().is_some() {
            Ok(ValuePattern(pattern))
        } else {
            Err(serde::de::Error::custom(format!(
                "pattern has no named group `{VALUE_GROUP}`: use {{quantity}} or {{date}}, or write (?P<{VALUE_GROUP}>...)"
            )))
        }
    }
}

/// Expands the placeholders: `{quantity}` and `{date}` become their phrase regexes captured as `value`;
/// `{quantity_phrase}` and `{date_phrase}` the same regexes uncaptured, for authors who write the `value` group
/// themselves (to require a qualifier inside it, say).
pub fn expand_placeholders(pattern: &str) -> String {
    pattern
        .replace("{quantity_phrase}", &format!("(?:{QUANTITY_PHRASE})"))
        .replace("{date_phrase}", &format!("(?:{DATE_PHRASE})"))
        .replace(
            "{quantity}",
            &format!("(?P<{VALUE_GROUP}>{QUANTITY_PHRASE})"),
        )
        .replace("{date}", &format!("(?P<{VALUE_GROUP}>{DATE_PHRASE})"))
}

/// Parses a rule pattern: placeholders expanded, case-insensitive, refusing patterns that match the empty string
/// (they would match everywhere). Returns the expanded pattern and its syntax tree.
pub(super) fn parse_pattern(source: &str) -> Result<(String, Hir), String> {
    let expanded = format!("(?i){}", expand_placeholders(source));
    let hir = regex_syntax::Parser::new()
        .parse(&expanded)
        .map_err(|e| invalid_pattern(source, &e.to_string()))?;
    if hir.properties().minimum_len() == Some(0) {
        return Err(format!(
            "pattern {source:?} can match the empty string, so it would match everywhere"
        ));
    }
    Ok((expanded, hir))
}

/// Parses and compiles a pattern that finds mentions.
pub(super) fn compile_pattern(source: &str) -> Result<RulePattern, String> {
    let (text, hir) = parse_pattern(source)?;
    RulePattern::from_hir(text, hir).map_err(|e| match e.size_limit() {
        Some(limit) => too_big(source, limit),
        None => invalid_pattern(source, &e.to_string()),
    })
}

/// Parses and compiles a `context` or `unless` pattern.
pub(super) fn compile_sentence_pattern(source: &str) -> Result<Regex, String> {
    let (expanded, _) = parse_pattern(source)?;
    Regex::new(&expanded).map_err(|e| match e {
        regex::Error::CompiledTooBig(limit) => too_big(source, limit),
        e => invalid_pattern(source, &e.to_string()),
    })
}

pub(super) fn too_big(source: &str, limit: usize) -> String {
    format!("pattern `{source}` compiles to more than the size limit of {limit} bytes")
}

/// A regex error message reduced to its last line (the rest repeats the pattern with a caret).
pub(super) fn invalid_pattern(source: &str, message: &str) -> String {
    let last = message
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(message);
    format!(
        "invalid pattern `{source}`: {}",
        last.trim().trim_start_matches("error: ")
    )
}
