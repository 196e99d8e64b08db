//! The rule language: YAML files that declare the claims to track, and their loader.
//!
//! A rule file holds a list of claims under `claims:`. Every pattern is compiled while the YAML is deserialized, so
//! a broken regex is reported at the exact line and column of the pattern. Checks that need a whole claim (a
//! polarity claim without `deny:`, an id used twice) find the place in the YAML text afterwards; see `locate`.
//!
//! The README's "Rule format" section is the user-facing reference for everything parsed here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::Date;
use miette::SourceSpan;
use regex::Regex;
use regex_syntax::hir::Hir;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer};

use crate::kinds::date::{parse_publication_date, DATE_PHRASE};
use crate::kinds::quantity::QUANTITY_PHRASE;
use crate::kinds::{ConfusableFields, Kind, KindFields, KindName};
use crate::model::time::{Timing, Trend};
use crate::model::{Polarity, Severity};
use crate::scan::{RulePattern, Scanner, VALUE_GROUP};
use crate::text::excerpt::Excerpt;
use crate::text::{decode_text, floor_char_boundary, LineIndex};
use crate::yaml::{self, YamlError};

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

/// A rule file that cannot be used, pointing at the place in the YAML.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
#[diagnostic(code(factlint::rules))]
pub struct RuleError {
    message: String,
    #[source_code]
    source_code: Option<Arc<Excerpt>>,
    #[label("{label}")]
    span: Option<SourceSpan>,
    label: String,
    #[help]
    help: Option<String>,
}

impl RuleError {
    /// An error about a file as a whole (unreadable, or no rules at all).
    fn file(path: &Path, message: String) -> RuleError {
        RuleError {
            message: format!("{}: {message}", display(path)),
            source_code: None,
            span: None,
            label: String::new(),
            help: None,
        }
    }

    /// The 1-based line and column the error points at, when it points somewhere. Lines end at `\n`, `\r\n` or a
    /// lone `\r`, and columns count characters, as for sources.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        let (source, span) = (self.source_code.as_ref()?, self.span?);
        Some(source.line_column(span.offset()))
    }
}

/// A YAML file's text with its name, from which errors are built.
struct RuleFileText {
    path: PathBuf,
    text: Arc<str>,
    excerpt: Arc<Excerpt>,
}

impl RuleError {
    /// An error pointing at `origin`, for problems found after loading (a failing rule example).
    pub fn at(origin: &Origin, message: String, label: &str, help: Option<String>) -> RuleError {
        RuleFileText::new(Path::new(&origin.path), origin.text.clone()).error(
            origin.offset,
            message,
            label,
            help,
        )
    }
}

impl RuleFileText {
    fn new(path: &Path, text: Arc<str>) -> RuleFileText {
        let lines = Arc::new(LineIndex::new(&text));
        RuleFileText {
            path: path.to_path_buf(),
            excerpt: Arc::new(Excerpt::new(display(path), text.clone(), lines)),
            text,
        }
    }

    fn origin(&self, offset: usize) -> Origin {
        Origin {
            path: display(&self.path),
            text: self.text.clone(),
            offset,
        }
    }

    fn error(
        &self,
        offset: usize,
        message: String,
        label: &str,
        help: Option<String>,
    ) -> RuleError {
        let offset = floor_char_boundary(&self.text, offset);
        RuleError {
            message: format!("{}: {message}", display(&self.path)),
            source_code: Some(self.excerpt.clone()),
            span: Some(SourceSpan::from(offset..offset)),
            label: label.to_string(),
            help,
        }
    }

    /// The 1-based line of byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.excerpt.line_column(offset).0
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

fn display(path: &Path) -> String {
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

/// The claims of one file, each with the offset of its `id:` in the YAML (where duplicate-id errors point).
type LocatedClaims = (RuleFileText, Vec<(Claim, usize)>);

/// Reads and parses one rule file.
fn load_file(path: &Path) -> Result<LocatedClaims, Vec<RuleError>> {
    let bytes = std::fs::read(path)
        .map_err(|e| vec![RuleError::file(path, format!("cannot read: {e}"))])?;
    let text = decode_text(bytes).map_err(|reason| vec![RuleError::file(path, reason)])?;
    parse_file(path, &text)
}

/// Parses the text of one rule file.
fn parse_file(path: &Path, text: &str) -> Result<LocatedClaims, Vec<RuleError>> {
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(vec![RuleError::file(
            path,
            "empty rule file: it should hold a list of claims under `claims:`".into(),
        )]);
    }
    let file = RuleFileText::new(path, Arc::from(text));
    let spec: RuleFileSpec = match yaml::from_str(&file.text) {
        Ok(spec) => spec,
        Err(e) => return Err(vec![yaml_error(&file, &e)]),
    };
    let mut claims = Vec::new();
    let mut errors = Vec::new();
    let mut occurrences: BTreeMap<String, usize> = BTreeMap::new();
    for spec in spec.claims {
        let seen = occurrences.entry(spec.id.0.clone()).or_default();
        let offset = locate::id_line(&file.text, &spec.id.0, *seen).unwrap_or(0);
        *seen += 1;
        match spec.into_claim(&file, offset) {
            Ok(claim) => claims.push((claim, offset)),
            Err(problem) => errors.push(problem.into_error(&file, offset)),
        }
    }
    if errors.is_empty() {
        Ok((file, claims))
    } else {
        Err(errors)
    }
}

/// Turns a YAML error into a located rule error (the label shows the place).
fn yaml_error(file: &RuleFileText, error: &YamlError) -> RuleError {
    let help = did_you_mean(&error.message).or_else(|| limit_help(&error.message));
    file.error(
        error.offset.unwrap_or(0),
        error.message.clone(),
        "here",
        help,
    )
}

/// For serde's "unknown field `x`, expected one of `a`, `b`" (a misspelt field) and "unknown variant `x`, expected
/// ..." (a misspelt kind or severity): suggests the closest expected name.
fn did_you_mean(message: &str) -> Option<String> {
    let unknown = ["unknown field `", "unknown variant `"]
        .iter()
        .find_map(|prefix| message.split(prefix).nth(1))?
        .split('`')
        .next()?;
    let expected = message.split("expected").nth(1)?;
    let candidates = expected.split('`').skip(1).step_by(2);
    let best = candidates.min_by_key(|c| edit_distance(unknown, c))?;
    (edit_distance(unknown, best) <= 3).then(|| format!("did you mean `{best}`?"))
}

/// What to do about the YAML parser's nesting limit, whose message does not say.
fn limit_help(message: &str) -> Option<String> {
    message.contains("recursion limit exceeded").then(|| {
        "the YAML nests too deeply; a rule file needs only a few levels: `claims:`, a list, and each claim's fields"
            .to_string()
    })
}

/// Levenshtein distance, for "did you mean" suggestions on short field names.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(previous + 1).min(row[j] + 1);
        }
    }
    row[b.len()]
}

/// The YAML shape of a rule file.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "factlint rules",
    description = "Claims that factlint tracks across a corpus of reports."
)]
struct RuleFileSpec {
    /// The claims to track.
    claims: Vec<ClaimSpec>,
}

/// The YAML shape of one claim, before the fields are checked against its kind.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "A claim to track: quantity and date claims take `patterns`, polarity claims `affirm` and `deny`, term claims `canonical`, quote claims an optional `quote`."
)]
struct ClaimSpec {
    /// Unique across all rule files; a-z, 0-9, '-', '_' and '.'.
    id: ClaimId,
    /// What the claim is, for people.
    title: String,
    /// What the claim tracks.
    kind: KindName,
    /// The level of a conflict on this claim.
    #[serde(default = "default_severity")]
    severity: Severity,
    /// What a reader should check when the claim conflicts.
    help: Option<String>,
    /// quantity and date claims: patterns that capture the phrase to normalise in group `value`.
    #[serde(default)]
    patterns: Vec<ValuePattern>,
    /// polarity claims: wordings that assert the proposition.
    #[serde(default)]
    affirm: Vec<Pattern>,
    /// polarity claims: wordings that negate it.
    #[serde(default)]
    deny: Vec<Pattern>,
    /// A match counts only if its sentence matches one of these.
    #[serde(default)]
    context: Vec<SentencePattern>,
    /// A match whose sentence matches any of these is dropped.
    #[serde(default)]
    unless: Vec<SentencePattern>,
    /// quantity claims: how far approximate figures stretch ("10%" or 0.1; default 10%).
    tolerance: Option<Fraction>,
    /// quantity claims: how far a bare figure stretches (default 0%).
    exact_tolerance: Option<Fraction>,
    /// quantity, date and polarity claims: mentions whose as-of times lie further apart are ordered in time (a
    /// change, or a conflict against the trend), not compared as of one moment ("180 days", "6 hours", "0 days").
    window: Option<Window>,
    /// quantity claims: the only direction the figure moves over time; a later figure that goes the other way
    /// conflicts, and marked revisions ("has risen to") at one time are changes.
    trend: Option<Trend>,
    /// quantity claims: `approximate` (the default) reads a bare round figure as rounded ("3,100" as 3,050 to
    /// 3,149); `exact` reads it as written.
    round_figures: Option<Rounding>,
    /// Sentences that must produce a mention of this claim (checked by `factlint test`).
    #[serde(default)]
    examples: Vec<ExampleSpec>,
    /// Sentences that must produce no mention of this claim (checked by `factlint test`).
    #[serde(default)]
    counterexamples: Vec<String>,
    /// term claims: the name as it should be written.
    canonical: Option<String>,
    /// term claims: other forms of the name that are right (an acronym, a translation).
    #[serde(default)]
    accepted: Vec<String>,
    /// term claims: wordings that are wrong in the sentences their `context` describes.
    #[serde(default)]
    confusables: Vec<ConfusableSpec>,
    /// term and quote claims: how alike two wordings must be (word-level ratio, "60%" or 0.6) to be a near miss of
    /// a name (default 60%) or the same quotation (default 70%).
    similarity: Option<Fraction>,
    /// quote claims: the quotation to pin, in its exact words; without it, every quotation of the corpus is watched.
    quote: Option<String>,
    /// quote claims, with `quote`: who said it.
    speaker: Option<String>,
}

/// A sentence that must produce a mention.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ExampleSpec {
    /// The sentence.
    text: String,
    /// The value every mention must have, written as reports show it ("less than 1,000", "2024-09-15 (deadline)",
    /// "denies"). Without it, any mention passes.
    value: Option<String>,
    /// The publication date that anchors relative dates in the sentence ("20.05.2024", "May 14, 2024").
    published: Option<PublishedDate>,
}

/// The YAML shape of a term claim's confusable: a wording, and the sentences where it is wrong.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ConfusableSpec {
    /// The wrong wording, matched as whole words in any case ("Nigeria" also matches "Nigeria's").
    wording: String,
    /// The wording is wrong only in sentences that match one of these.
    #[serde(default)]
    context: Vec<SentencePattern>,
    /// The wording is not wrong in sentences that match any of these.
    #[serde(default)]
    unless: Vec<SentencePattern>,
}

/// How a quantity claim reads a bare round figure.
#[derive(Deserialize, Clone, Copy, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
enum Rounding {
    /// "3,100" is 3,050 to 3,149: newsrooms round.
    Approximate,
    /// "3,100" is 3,100 (give or take `exact_tolerance`).
    Exact,
}

fn default_severity() -> Severity {
    Severity::Error
}

/// A claim whose fields do not fit its kind: the field to point at and what is wrong.
struct ClaimProblem {
    field: &'static str,
    message: String,
}

impl ClaimProblem {
    fn into_error(self, file: &RuleFileText, id_offset: usize) -> RuleError {
        let offset = locate::key_in_claim(&file.text, id_offset, self.field).unwrap_or(id_offset);
        file.error(offset, self.message, "in this claim", None)
    }
}

impl ClaimSpec {
    fn into_claim(self, file: &RuleFileText, id_offset: usize) -> Result<Claim, ClaimProblem> {
        self.check_fields()?;
        let examples = examples(file, id_offset, self.examples, self.counterexamples);
        let entry = self.kind.entry();
        let fields = KindFields {
            patterns: self.patterns.into_iter().map(|p| p.0 .0).collect(),
            affirm: self.affirm.into_iter().map(|p| p.0).collect(),
            deny: self.deny.into_iter().map(|p| p.0).collect(),
            tolerance: self.tolerance.map(|f| f.0),
            exact_tolerance: self.exact_tolerance.map(|f| f.0),
            round_figures: self.round_figures.map(|r| r == Rounding::Approximate),
            canonical: self.canonical,
            accepted: self.accepted,
            confusables: self
                .confusables
                .into_iter()
                .map(|c| ConfusableFields {
                    wording: c.wording,
                    context: regexes(c.context),
                    unless: regexes(c.unless),
                })
                .collect(),
            similarity: self.similarity.map(|f| f.0),
            quote: self.quote,
            speaker: self.speaker,
        };
        let kind = (entry.build)(fields).map_err(|p| ClaimProblem {
            field: p.field,
            message: p.message,
        })?;
        Ok(Claim {
            id: self.id.0,
            title: self.title,
            severity: self.severity,
            help: self.help,
            kind,
            context: regexes(self.context),
            unless: regexes(self.unless),
            examples,
            origin: file.origin(id_offset),
            timing: Timing {
                window: self.window.map(|w| w.0),
                trend: self.trend,
            },
        })
    }

    /// Each kind takes some fields and refuses others, so that a misplaced field is never silently ignored.
    fn check_fields(&self) -> Result<(), ClaimProblem> {
        let entry = self.kind.entry();
        let kind = entry.name;
        let present = [
            ("patterns", !self.patterns.is_empty()),
            ("affirm", !self.affirm.is_empty()),
            ("deny", !self.deny.is_empty()),
            ("tolerance", self.tolerance.is_some()),
            ("exact_tolerance", self.exact_tolerance.is_some()),
            ("window", self.window.is_some()),
            ("trend", self.trend.is_some()),
            ("round_figures", self.round_figures.is_some()),
            ("canonical", self.canonical.is_some()),
            ("accepted", !self.accepted.is_empty()),
            ("confusables", !self.confusables.is_empty()),
            ("similarity", self.similarity.is_some()),
            ("quote", self.quote.is_some()),
            ("speaker", self.speaker.is_some()),
        ];
        let (required, allowed) = (entry.required, entry.allowed);
        for (field, is_present) in present {
            if is_present && !allowed.contains(&field) {
                return Err(ClaimProblem {
                    field,
                    message: format!(
                        "`{field}` does not apply to a {kind} claim (it takes: {})",
                        allowed.join(", ")
                    ),
                });
            }
        }
        for field in required {
            if !present.iter().any(|(f, p)| f == field && *p) {
                let what = match *field {
                    "canonical" => "a `canonical` form".to_string(),
                    _ => format!("at least one entry in `{field}`"),
                };
                return Err(ClaimProblem {
                    field: "kind",
                    message: format!("a {kind} claim needs {what}"),
                });
            }
        }
        Ok(())
    }
}

/// Builds a claim's examples and counterexamples, each located in the YAML (searched for after the claim's id; the
/// claim's own place when the text cannot be found, e.g. because YAML escapes changed it).
fn examples(
    file: &RuleFileText,
    id_offset: usize,
    examples: Vec<ExampleSpec>,
    counter: Vec<String>,
) -> Vec<Example> {
    let mut search_from = id_offset;
    let mut locate = |text: &str| {
        let probe: String = text.chars().take(40).collect();
        let found = file
            .text
            .get(search_from..)
            .and_then(|rest| rest.find(&probe))
            .map(|i| search_from + i);
        search_from = found.map_or(search_from, |at| at + probe.len());
        file.origin(found.unwrap_or(id_offset))
    };
    let mut built: Vec<Example> = examples
        .into_iter()
        .map(|e| Example {
            origin: locate(&e.text),
            published: e.published.map(|p| p.0),
            expect: Expectation::Mention(e.value),
            text: e.text,
        })
        .collect();
    built.extend(counter.into_iter().map(|text| Example {
        origin: locate(&text),
        published: None,
        expect: Expectation::NoMention,
        text,
    }));
    built
}

fn regexes(patterns: impl IntoIterator<Item = SentencePattern>) -> Vec<Regex> {
    patterns.into_iter().map(|p| p.0).collect()
}

/// A claim id: lowercase letters, digits, `-`, `_` and `.`, so that it is safe in suppressions and fingerprints.
struct ClaimId(String);

impl<'de> Deserialize<'de> for ClaimId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let id = String::deserialize(deserializer)?;
        let valid = id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c));
        if valid {
            Ok(ClaimId(id))
        } else {
            Err(serde::de::Error::custom(format!(
                "claim id {id:?} must start with a-z or 0-9 and use only a-z, 0-9, '-', '_' and '.'"
            )))
        }
    }
}

impl RulePattern {
    /// Compiles `source` as a `patterns`, `affirm` or `deny` entry of a rule file is compiled: placeholders
    /// expanded, case-insensitive; patterns that can match the empty string are refused.
    pub fn compile(source: &str) -> Result<RulePattern, String> {
        compile_pattern(source)
    }
}

/// A `patterns`, `affirm` or `deny` entry of a rule file.
struct Pattern(RulePattern);

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        compiled(deserializer, compile_pattern).map(Pattern)
    }
}

/// Reads a pattern and compiles it with `compile`, whose error becomes the deserializer's (located in the YAML).
fn compiled<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    compile: fn(&str) -> Result<T, String>,
) -> Result<T, D::Error> {
    let source = String::deserialize(deserializer)?;
    compile(&source).map_err(serde::de::Error::custom)
}

/// A `context` or `unless` entry: a pattern searched for in sentences, compiled for whole-sentence searches.
struct SentencePattern(Regex);

impl<'de> Deserialize<'de> for SentencePattern {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        compiled(deserializer, compile_sentence_pattern).map(SentencePattern)
    }
}

/// A pattern for quantity and date claims: it must capture the phrase to normalise in group `value`
/// (written by hand, or by the `{quantity}` / `{date}` placeholders).
struct ValuePattern(Pattern);

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
fn parse_pattern(source: &str) -> Result<(String, Hir), String> {
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
fn compile_pattern(source: &str) -> Result<RulePattern, String> {
    let (text, hir) = parse_pattern(source)?;
    RulePattern::from_hir(text, &hir).map_err(|e| match e.size_limit() {
        Some(limit) => too_big(source, limit),
        None => invalid_pattern(source, &e.to_string()),
    })
}

/// Parses and compiles a `context` or `unless` pattern.
fn compile_sentence_pattern(source: &str) -> Result<Regex, String> {
    let (expanded, _) = parse_pattern(source)?;
    Regex::new(&expanded).map_err(|e| match e {
        regex::Error::CompiledTooBig(limit) => too_big(source, limit),
        e => invalid_pattern(source, &e.to_string()),
    })
}

fn too_big(source: &str, limit: usize) -> String {
    format!("pattern {source:?} compiles to more than the size limit of {limit} bytes")
}

/// A regex error message reduced to its last line (the rest repeats the pattern with a caret).
fn invalid_pattern(source: &str, message: &str) -> String {
    let last = message
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(message);
    format!(
        "invalid pattern {source:?}: {}",
        last.trim().trim_start_matches("error: ")
    )
}

/// A fraction written as a percentage ("10%") or a number (0.1). Read from the scalar itself rather than through a
/// generic YAML value, so that an error points at the value, and an alias to a huge structure is refused at its
/// first event instead of being expanded.
#[derive(Clone, Copy)]
struct Fraction(f64);

impl<'de> Deserialize<'de> for Fraction {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FractionVisitor)
    }
}

struct FractionVisitor;

impl FractionVisitor {
    fn fraction<E: serde::de::Error>(
        &self,
        value: f64,
        unexpected: serde::de::Unexpected,
    ) -> Result<Fraction, E> {
        if (0.0..1.0).contains(&value) {
            Ok(Fraction(value))
        } else {
            Err(E::invalid_value(unexpected, self))
        }
    }
}

impl serde::de::Visitor<'_> for FractionVisitor {
    type Value = Fraction;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a percentage below 100% such as \"10%\", or a fraction such as 0.1")
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Fraction, E> {
        self.fraction(value, serde::de::Unexpected::Float(value))
    }

    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Fraction, E> {
        self.fraction(value as f64, serde::de::Unexpected::Signed(value))
    }

    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Fraction, E> {
        self.fraction(value as f64, serde::de::Unexpected::Unsigned(value))
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Fraction, E> {
        let percent = value
            .trim()
            .strip_suffix('%')
            .and_then(|p| p.trim().parse::<f64>().ok());
        let unexpected = serde::de::Unexpected::Str(value);
        match percent {
            Some(percent) => self.fraction(percent / 100.0, unexpected),
            None => Err(E::invalid_value(unexpected, &self)),
        }
    }
}

/// A time window such as "6 hours", "180 days", "26 weeks", "6 months" or "1 year" (or "0 days"), held as a number
/// of minutes.
struct Window(i64);

impl<'de> Deserialize<'de> for Window {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_window(&text).map(Window).ok_or_else(|| {
            serde::de::Error::custom(format!("window {text:?} is not a duration such as \"6 hours\", \"180 days\", \"6 months\" or \"1 year\""))
        })
    }
}

fn parse_window(text: &str) -> Option<i64> {
    let mut words = text.split_whitespace();
    let count: i64 = words.next()?.parse().ok()?;
    let unit = words.next()?.trim_end_matches('s');
    const DAY: i64 = 24 * 60;
    let minutes_per_unit = match unit {
        "minute" => 1,
        "hour" => 60,
        "day" => DAY,
        "week" => 7 * DAY,
        "month" => 30 * DAY,
        "year" => 365 * DAY,
        _ => return None,
    };
    let limit = 1000 * 365 * DAY;
    (words.next().is_none() && count >= 0)
        .then(|| count.checked_mul(minutes_per_unit))
        .flatten()
        .filter(|&minutes| minutes <= limit)
}

/// A publication date as a text states it ("20.05.2024", "May 14, 2024", "2024-05-14").
struct PublishedDate(Date);

impl<'de> Deserialize<'de> for PublishedDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_publication_date(&text)
            .map(PublishedDate)
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "{text:?} is not a date such as \"2024-05-14\" or \"May 14, 2024\""
                ))
            })
    }
}

/// Implements [`JsonSchema`] for a type written in YAML as a string (or, with `number`, also as a number).
macro_rules! string_schema {
    ($type:ty, $name:literal, $description:literal $(, $extra:tt)?) => {
        impl JsonSchema for $type {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $name.into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                string_schema!(@body $description $(, $extra)?)
            }
        }
    };
    (@body $description:literal) => {
        json_schema!({ "type": "string", "description": $description })
    };
    (@body $description:literal, number) => {
        json_schema!({ "type": ["string", "number"], "description": $description })
    };
}

string_schema!(
    ClaimId,
    "ClaimId",
    "Lowercase letters, digits, '-', '_' and '.'."
);
string_schema!(
    Pattern,
    "Pattern",
    "A case-insensitive regex that cannot match the empty string."
);
string_schema!(
    SentencePattern,
    "Pattern",
    "A case-insensitive regex that cannot match the empty string."
);
string_schema!(
    ValuePattern,
    "ValuePattern",
    "A case-insensitive regex capturing group `value`: use {quantity} or {date}, or write (?P<value>...) with {quantity_phrase} or {date_phrase}."
);
string_schema!(
    Fraction,
    "Fraction",
    "A percentage below 100% (\"10%\") or a fraction (0.1).",
    number
);
string_schema!(
    Window,
    "Window",
    "A duration: \"6 hours\", \"0 days\", \"180 days\", \"26 weeks\", \"6 months\", \"1 year\"."
);
string_schema!(
    PublishedDate,
    "PublishedDate",
    "A date: \"2024-05-14\", \"May 14, 2024\", \"20.05.2024\"."
);

/// The JSON Schema of rule files, for editors (`# yaml-language-server: $schema=...`). The committed copy in
/// `schema/rules.schema.json` is checked against this by a test.
pub fn rules_schema() -> String {
    let schema = schemars::schema_for!(RuleFileSpec);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Finds places in a rule file's text for errors that serde cannot locate (they concern a claim as a whole).
mod locate {
    use regex::Regex;

    /// Byte offset of the `n`-th (0-based) `id: <id>` key in the YAML text.
    pub fn id_line(text: &str, id: &str, n: usize) -> Option<usize> {
        let re = Regex::new(&format!(
            r#"(?m)^[ \t-]*id:[ \t]*["']?{}["']?[ \t]*(?:#.*)?\r?$"#,
            regex::escape(id)
        ))
        .ok()?;
        let found = re.find_iter(text).nth(n)?;
        let line = found.as_str();
        Some(found.start() + line.find("id:").unwrap_or(0))
    }

    /// Byte offset of `key:` within the claim whose `id:` is at `id_offset`: searched from the start of the claim's
    /// list item to the next item at the same indentation.
    pub fn key_in_claim(text: &str, id_offset: usize, key: &str) -> Option<usize> {
        let (start, indent) = item_start(text, id_offset);
        let end = item_end(text, id_offset, indent);
        let re = Regex::new(&format!(r"(?m)^[ \t-]*{}:", regex::escape(key))).ok()?;
        let found = re.find(&text[start..end])?;
        Some(start + found.start() + found.as_str().find(key).unwrap_or(0))
    }

    /// The line that opens the list item holding `offset`, and the column of its dash.
    fn item_start(text: &str, offset: usize) -> (usize, usize) {
        let mut line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        loop {
            let line = &text[line_start..];
            let trimmed = line.trim_start_matches([' ', '\t']);
            if trimmed.starts_with("- ") || line_start == 0 {
                return (line_start, line.len() - trimmed.len());
            }
            line_start = text[..line_start.saturating_sub(1)]
                .rfind('\n')
                .map_or(0, |i| i + 1);
        }
    }

    /// Where the item ends: the next line, after `offset`, that starts a sibling item or is indented less.
    fn item_end(text: &str, offset: usize, indent: usize) -> usize {
        let mut position = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        while position < text.len() {
            let line = &text[position..];
            let trimmed = line.trim_start_matches([' ', '\t']);
            let depth = line.len() - trimmed.len();
            let content = !trimmed.is_empty() && !trimmed.starts_with(['\n', '\r', '#']);
            if content && (depth < indent || (depth == indent && trimmed.starts_with("- "))) {
                return position;
            }
            position = line.find('\n').map_or(text.len(), |i| position + i + 1);
        }
        text.len()
    }
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
        assert_eq!(hours.claims[0].timing.trend, Some(Trend::Rising));
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
