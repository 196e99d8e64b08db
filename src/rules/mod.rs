//! The rule language: YAML files that declare the claims to track, and their loader.
//!
//! A rule file holds a list of claims under `claims:`. Every pattern is compiled while the YAML is deserialized, so
//! a broken regex is reported at the exact line and column of the pattern. Checks that need a whole claim (a
//! polarity claim without `deny:`, an id used twice) find the place in the YAML text afterwards; see `locate`.
//!
//! This module loads files and assembles the [`RuleSet`]; `spec` holds the YAML shape and reads it into claims
//! (each claim's kind built by the registry, [`crate::kinds::KindName::entry`]), `pattern` the pattern syntax,
//! `error` the located errors, `locate` the search for a claim's fields in the YAML text.
//!
//! The README's "Rule format" section is the user-facing reference for everything parsed here.

mod error;
mod locate;
mod pattern;
mod spec;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::Date;
use regex::Regex;

use crate::kinds::Kind;
use crate::model::time::Timing;
use crate::model::{Polarity, Severity};
use crate::scan::{RulePattern, Scanner};
use crate::text::decode_text;
pub use error::RuleError;
use error::RuleFileText;
pub use pattern::expand_placeholders;
pub use spec::rules_schema;
use spec::{parse_file, LocatedClaims};

/// A claim to track across the corpus.
#[derive(Debug)]
pub struct Claim {
    /// Stable identifier, used in output, suppressions and baselines.
    pub id: String,
    /// Human title, shown in diagnostics.
    pub title: String,
    /// Level of a conflict on this claim.
    pub severity: Severity,
    /// What a reader should check when the claim conflicts.
    pub help: Option<String>,
    /// A page that explains the claim; editors link a diagnostic's code to it.
    pub link: Option<String>,
    /// What the claim tracks, with its patterns: one of the [`crate::kinds`], built by their registry.
    pub kind: Box<dyn Kind>,
    /// When not empty, a match counts only if its sentence matches one of these (the subject of the claim).
    pub context: Vec<Regex>,
    /// A match whose sentence matches any of these is not a mention of the claim ("1,000 km", another country).
    pub unless: Vec<Regex>,
    /// Sentences that must produce a mention (and, when given, a value): run by `factlint test`.
    pub examples: Vec<Example>,
    /// Where the claim is defined, for diagnostics about the claim itself.
    pub origin: Origin,
    /// How the claim treats time: its window and trend.
    pub timing: Timing,
}

/// A place in a rule file.
#[derive(Debug, Clone)]
pub struct Origin {
    /// The rule file, as given or found.
    pub path: String,
    /// The file's text, shared by every claim of the file.
    pub text: Arc<str>,
    /// Byte offset of the place.
    pub offset: usize,
}

/// A sentence a claim must (or must not) find a mention in, with what it must find.
#[derive(Debug, Clone)]
pub struct Example {
    /// The sentence.
    pub text: String,
    /// The publication date that anchors the sentence's relative dates.
    pub published: Option<Date>,
    /// What the claim must find.
    pub expect: Expectation,
    /// Where the example is written.
    pub origin: Origin,
}

/// What an example expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expectation {
    /// At least one mention; when a value is given, every mention's value reads exactly so (as in reports:
    /// "less than 1,000", "2024-09-15 (deadline)", "denies").
    Mention(Option<String>),
    /// No mention at all (a counterexample).
    NoMention,
}

/// All claims loaded from one or more rule files, in file order, with their patterns compiled together for
/// extraction.
#[derive(Debug)]
pub struct RuleSet {
    /// The claims, in the order the files (sorted by path) declare them.
    pub claims: Vec<Claim>,
    /// Every pattern of every claim, searched in one pass.
    scanner: Scanner,
    /// For each pattern of the scanner, the claim it belongs to.
    owners: Vec<PatternOwner>,
}

/// The claim a pattern belongs to, and for polarity claims which list it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PatternOwner {
    /// Index of the claim in [`RuleSet::claims`].
    pub claim: usize,
    /// `Some` for the `affirm` and `deny` patterns of polarity claims.
    pub polarity: Option<Polarity>,
}

impl RuleSet {
    /// Builds a rule set from claims, compiling all their patterns into one [`Scanner`]. Fails only when the
    /// combined patterns cannot be compiled (each one alone could).
    pub fn new(claims: Vec<Claim>) -> Result<RuleSet, String> {
        let mut owners = Vec::new();
        let mut patterns = Vec::new();
        for (claim, spec) in claims.iter().enumerate() {
            for (regexes, polarity) in spec.kind.pattern_lists() {
                for regex in regexes {
                    owners.push(PatternOwner { claim, polarity });
                    patterns.push(regex.clone());
                }
            }
        }
        let claim_of: Vec<usize> = owners.iter().map(|o| o.claim).collect();
        let scanner = Scanner::new(&patterns, &claim_of)?;
        Ok(RuleSet {
            claims,
            scanner,
            owners,
        })
    }

    /// The scanner that finds the matches of every pattern in one pass.
    pub fn scanner(&self) -> &Scanner {
        &self.scanner
    }

    /// The owner of pattern `index` of the scanner.
    pub fn pattern_owner(&self, index: usize) -> PatternOwner {
        self.owners[index]
    }

    /// Every pattern as compiled (placeholders expanded), in scanner order: what a plain regex search for the
    /// claims' wordings would use.
    pub fn expanded_patterns(&self) -> impl Iterator<Item = &str> {
        self.claims
            .iter()
            .flat_map(|c| c.kind.pattern_lists())
            .flat_map(|(patterns, _)| patterns.iter().map(RulePattern::as_str))
    }
}

impl RuleSet {
    /// Loads every rule file under `paths` (files, or directories searched for `*.yaml` / `*.yml`). Returns every
    /// error found, so that one run shows all that is wrong.
    pub fn load(paths: &[PathBuf]) -> Result<RuleSet, Vec<RuleError>> {
        let mut errors = Vec::new();
        let mut files = Vec::new();
        for path in paths {
            match rule_files(path) {
                Ok(found) if found.is_empty() => errors.push(RuleError::file(
                    path,
                    "no rule files (*.yaml, *.yml) here".into(),
                )),
                Ok(found) => files.extend(found),
                Err(e) => errors.push(e),
            }
        }
        let parsed = files.iter().map(|path| load_file(path)).collect();
        let names: Vec<String> = paths.iter().map(|p| display(p)).collect();
        assemble(parsed, errors, &names.join(", "))
    }

    /// Parses the text of one rule file, as if loaded from `path` (which names the file in errors and is not
    /// read): for rules that do not live in a file, and for fuzzing the loader.
    pub fn parse(path: &Path, text: &str) -> Result<RuleSet, Vec<RuleError>> {
        assemble(vec![parse_file(path, text)], Vec::new(), &display(path))
    }
}

/// Puts the claims of every parsed file into one set, checking that ids are unique across files and that there is
/// at least one claim; `errors` holds the errors found so far, `origin` names where the rules came from.
fn assemble(
    parsed: Vec<Result<LocatedClaims, Vec<RuleError>>>,
    mut errors: Vec<RuleError>,
    origin: &str,
) -> Result<RuleSet, Vec<RuleError>> {
    let mut claims = Vec::new();
    let mut first_definition: BTreeMap<String, (PathBuf, usize)> = BTreeMap::new();
    for result in parsed {
        match result {
            Ok((file, located)) => {
                for (claim, offset) in located {
                    check_unique(&file, &claim, offset, &mut first_definition, &mut errors);
                    claims.push(claim);
                }
            }
            Err(mut file_errors) => errors.append(&mut file_errors),
        }
    }
    if errors.is_empty() && claims.is_empty() {
        errors.push(RuleError::file(
            Path::new(origin),
            "no claims defined".into(),
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    RuleSet::new(claims).map_err(|message| {
        vec![RuleError::file(
            Path::new(origin),
            format!("the patterns cannot be compiled together: {message}"),
        )]
    })
}

/// Records where each claim id is first defined (file and line), and reports an id defined again.
fn check_unique(
    file: &RuleFileText,
    claim: &Claim,
    offset: usize,
    seen: &mut BTreeMap<String, (PathBuf, usize)>,
    errors: &mut Vec<RuleError>,
) {
    if let Some((first_path, first_line)) = seen.get(&claim.id) {
        errors.push(file.error(
            offset,
            format!("duplicate claim id `{}`", claim.id),
            "defined again here",
            Some(format!(
                "first defined in {}:{first_line}; ids must be unique across all rule files",
                display(first_path)
            )),
        ));
    } else {
        seen.insert(claim.id.clone(), (file.path.clone(), file.line_of(offset)));
    }
}

pub(crate) fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The rule files at `path`: the file itself, or the YAML files below a directory, sorted. Every entry named like a
/// rule file is taken, whatever it is, so that one that cannot be read (a dangling link) is an error rather than a
/// rule silently missing.
fn rule_files(path: &Path) -> Result<Vec<PathBuf>, RuleError> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let cannot_read = |e: std::io::Error| RuleError::file(path, format!("cannot read: {e}"));
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).map_err(cannot_read)? {
        let file = entry.map_err(cannot_read)?.path();
        if !file.is_dir() && file.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            files.push(file);
        }
    }
    files.sort();
    Ok(files)
}

/// Reads and parses one rule file.
fn load_file(path: &Path) -> Result<LocatedClaims, Vec<RuleError>> {
    let bytes = std::fs::read(path)
        .map_err(|e| vec![RuleError::file(path, format!("cannot read: {e}"))])?;
    let text = decode_text(bytes).map_err(|reason| vec![RuleError::file(path, reason)])?;
    parse_file(path, &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(yaml: &str) -> Result<RuleSet, Vec<RuleError>> {
        let dir = std::env::temp_dir().join(format!("factlint-rules-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!(
            "{:x}.yaml",
            yaml.len() * 7919 + yaml.bytes().map(usize::from).sum::<usize>()
        ));
        std::fs::write(&path, yaml).unwrap();
        RuleSet::load(&[path])
    }

    fn first_error(yaml: &str) -> (String, Option<(usize, usize)>) {
        let errors = load_text(yaml).expect_err("rules should be rejected");
        (errors[0].to_string(), errors[0].line_column())
    }

    const GOOD: &str = "claims:\n  - id: troops\n    title: Troops\n    kind: quantity\n    patterns:\n      - '{quantity} troops'\n";

    #[test]
    fn a_valid_rule_loads() {
        let set = load_text(GOOD).unwrap();
        assert_eq!(set.claims.len(), 1);
        assert_eq!(set.claims[0].severity, Severity::Error);
        assert_eq!(set.claims[0].kind.name(), "quantity");
    }

    #[test]
    fn invalid_regex_points_at_the_pattern() {
        let (message, at) =
            first_error(&GOOD.replace("'{quantity} troops'", "'{quantity} (troops'"));
        assert!(message.contains("invalid pattern"), "{message}");
        assert_eq!(at, Some((6, 7)));
    }

    #[test]
    fn missing_value_group_is_reported() {
        let (message, at) = first_error(&GOOD.replace("'{quantity} troops'", "'\\d+ troops'"));
        assert!(message.contains("no named group `value`"), "{message}");
        assert_eq!(at, Some((6, 7)));
    }

    #[test]
    fn empty_matching_pattern_is_refused() {
        let (message, _) = first_error(&GOOD.replace("'{quantity} troops'", "'(?P<value>\\d*)'"));
        assert!(message.contains("empty string"), "{message}");
    }

    #[test]
    fn unknown_field_suggests_the_right_one() {
        let errors = load_text(&GOOD.replace("    patterns:", "    paterns:")).unwrap_err();
        let report = format!(
            "{:?}",
            miette::Report::new(errors.into_iter().next().unwrap())
        );
        assert!(report.contains("did you mean `patterns`"), "{report}");
    }

    #[test]
    fn unknown_kind_is_located() {
        let (message, at) = first_error(&GOOD.replace("kind: quantity", "kind: quantiti"));
        assert!(message.contains("unknown variant `quantiti`"), "{message}");
        assert_eq!(at, Some((4, 11)));
    }

    #[test]
    fn duplicate_ids_point_at_the_second() {
        let twice = format!(
            "{GOOD}  - id: troops\n    title: Again\n    kind: date\n    patterns: ['{{date}}']\n"
        );
        let (message, at) = first_error(&twice);
        assert!(message.contains("duplicate claim id `troops`"), "{message}");
        assert_eq!(at, Some((7, 5)));
    }

    #[test]
    fn fields_must_fit_the_kind() {
        let polarity = "claims:\n  - id: p\n    title: P\n    kind: polarity\n    affirm: ['x y']\n    trend: rising\n";
        let (message, at) = first_error(polarity);
        assert!(
            message.contains("`trend` does not apply to a polarity claim"),
            "{message}"
        );
        assert_eq!(at, Some((6, 5)));
        let (message, _) = first_error(&polarity.replace("    trend: rising\n", ""));
        assert!(
            message.contains("needs at least one entry in `deny`"),
            "{message}"
        );
    }

    #[test]
    fn tolerance_and_window_parse() {
        let yaml = GOOD.replace(
            "    patterns:",
            "    tolerance: 5%\n    window: 6 months\n    patterns:",
        );
        let set = load_text(&yaml).unwrap();
        let Some(crate::kinds::quantity::QuantityClaim { tolerance, .. }) =
            set.claims[0].kind.as_any().downcast_ref()
        else {
            panic!()
        };
        assert!((tolerance.approximate - 0.05).abs() < 1e-9);
        assert_eq!(set.claims[0].timing.window, Some(180 * 24 * 60));
        let hours = GOOD.replace(
            "    patterns:",
            "    window: 6 hours\n    trend: rising\n    patterns:",
        );
        let hours = load_text(&hours).unwrap();
        assert_eq!(hours.claims[0].timing.window, Some(6 * 60));
        assert_eq!(
            hours.claims[0].timing.trend,
            Some(crate::model::time::Trend::Rising)
        );
        let (message, _) =
            first_error(&GOOD.replace("    patterns:", "    tolerance: 150%\n    patterns:"));
        assert!(message.contains("percentage"), "{message}");
    }

    #[test]
    fn term_and_quote_claims_load() {
        let yaml = "claims:
  - id: council
    title: Council
    kind: term
    canonical: National Council for the Safeguard of the Homeland
    accepted: [CNSP]
    similarity: 55%
    confusables:
      - wording: Nigeria
        context: ['\\bNiamey\\b']
  - id: words
    title: Words
    kind: quote
    quote: an orderly and responsible withdrawal
    speaker: State Department
";
        let set = load_text(yaml).unwrap();
        let kinds: Vec<&str> = set.claims.iter().map(|c| c.kind.name()).collect();
        assert_eq!(kinds, ["term", "quote"]);
        assert!(set.claims.iter().all(|c| c.kind.is_wording()));
    }

    #[test]
    fn term_and_quote_fields_are_checked() {
        let quote =
            |line: &str| format!("claims:\n  - id: q\n    title: Q\n    kind: quote\n    {line}\n");
        let cases = [
            (
                "claims:\n  - id: t\n    title: T\n    kind: term\n    accepted: [X]\n".to_string(),
                "a term claim needs a `canonical` form",
                (4, 5),
            ),
            (quote("speaker: Zeine"), "`speaker` needs `quote`", (5, 5)),
            (quote("quote: the end"), "too short to compare", (5, 5)),
            (
                GOOD.replace("    patterns:", "    similarity: 0.5\n    patterns:"),
                "`similarity` does not apply to a quantity claim",
                (5, 5),
            ),
        ];
        for (yaml, expected, at) in cases {
            let (message, located) = first_error(&yaml);
            assert!(message.contains(expected), "{message}");
            assert_eq!(located, Some(at), "{message}");
        }
    }

    #[test]
    fn malformed_yaml_is_located() {
        let (_, at) = first_error("claims:\n  - id: [a\n");
        assert!(at.is_some());
    }
}
