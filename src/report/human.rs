//! The human report: a miette diagnostic per conflict or change, then one summary line per claim.
//!
//! miette cannot label two files in one diagnostic, so a finding is one diagnostic anchored on the first mention of
//! its smallest side (the odd one out), with a related diagnostic (carrying its own source) for every other mention. Each label carries the normalised
//! value, the as-of date for quantities, and the source's name; each related mention whose wording resembles the
//! first one carries a word diff.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::Arc;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan};

use super::anchor_side;
use super::json::iso_interval;
use crate::check::Checked;
use crate::extract::{Held, Mention, Stated};
use crate::formats::Format;
use crate::kinds::format_number;
use crate::model::time::EARLIER;
use crate::model::{Finding, FindingKind, MentionId, Severity, Warning, WarningKind};
use crate::reconcile::{count_mentions, counted, describe_side, describe_time};
use crate::rules::{Claim, RuleSet};
use crate::source::SourceInfo;
use crate::text::diff::word_diff;
use crate::text::excerpt::Excerpt;
use crate::text::LineIndex;

/// At most this many other mentions are drawn with a finding (and as many compatible ones listed in its help);
/// the rest are counted ("and 4,812 more"). The JSON report lists them all, but for a draft's finding against a
/// large corpus, whose lists hold the first of their mentions ([`crate::draft::LISTED`]) and count the rest.
pub const MAX_LISTED: usize = 10;

/// How to draw the report.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    /// ANSI colours on or off.
    pub color: bool,
    /// Width to wrap messages at.
    pub width: usize,
}

/// Renders findings (conflicts and changes as diagnostics) and the per-claim summary.
pub fn render(checked: &Checked, rules: &RuleSet, options: HumanOptions) -> String {
    let handler = handler(options);
    let mut out = String::new();
    for finding in checked.findings.iter().filter(|f| f.kind.disputes()) {
        let mut texts = Texts::new(checked);
        let diagnostic = finding_diagnostic(&mut texts, rules, finding);
        render_one(&handler, &diagnostic, &mut out);
    }
    out.push_str(&summary(checked, rules));
    out
}

/// How many warnings are drawn as diagnostics before the rest are only counted (unless `--verbose`).
pub const SHOWN_WARNINGS: usize = 5;

/// Renders warnings (unreadable sources, phrases that did not normalise) as diagnostics for stderr: all of them
/// when `all` or when there are few, else the first [`SHOWN_WARNINGS`] and a count of the rest by kind, so that a
/// corpus of thousands of undated sources does not bury the report.
pub fn render_warnings(checked: &Checked, options: HumanOptions, all: bool) -> String {
    let handler = handler(options);
    let mut out = String::new();
    let shown = if all || checked.warnings.len() <= 2 * SHOWN_WARNINGS {
        checked.warnings.len()
    } else {
        SHOWN_WARNINGS
    };
    let source_of: HashMap<&str, &SourceInfo> = checked
        .sources
        .iter()
        .map(|s| (s.path.as_str(), s))
        .collect();
    let mut last_text: Option<(&str, Option<Loaded>)> = None;
    for warning in &checked.warnings[..shown] {
        if last_text
            .as_ref()
            .is_none_or(|(path, _)| *path != warning.path)
        {
            let source = source_of.get(warning.path.as_str()).copied();
            last_text = Some((&warning.path, source.and_then(load)));
        }
        let text = last_text.as_ref().and_then(|(_, text)| text.clone());
        render_one(&handler, &warning_diagnostic(text, warning), &mut out);
    }
    if shown < checked.warnings.len() {
        out.push_str(&format!(
            "{} not shown: {} (--verbose shows them all; --format json lists them)\n",
            counted(checked.warnings.len() - shown, "more warning"),
            warnings_by_kind(&checked.warnings[shown..])
        ));
    }
    out
}

/// "1,100 dates not anchored, 34 sources skipped": warnings counted by kind, most first.
pub fn warnings_by_kind(warnings: &[Warning]) -> String {
    let mut counts: BTreeMap<WarningKind, usize> = BTreeMap::new();
    for warning in warnings {
        *counts.entry(warning.kind).or_default() += 1;
    }
    let mut counts: Vec<(WarningKind, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts
        .iter()
        .map(|(kind, n)| {
            let (one, many) = kind.names();
            format!(
                "{} {}",
                format_number(*n as f64),
                if *n == 1 { one } else { many }
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Renders any diagnostic (a rule error, say) the way the rest of the report is drawn.
pub fn render_diagnostic(diagnostic: &dyn Diagnostic, options: HumanOptions) -> String {
    let mut out = String::new();
    render_one(&handler(options), diagnostic, &mut out);
    out
}

fn handler(options: HumanOptions) -> GraphicalReportHandler {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false)
}

fn render_one(handler: &GraphicalReportHandler, diagnostic: &dyn Diagnostic, out: &mut String) {
    let mut rendered = String::new();
    if handler.render_report(&mut rendered, diagnostic).is_err() {
        rendered = format!("{diagnostic}\n");
    }
    out.push_str(&without_related_headings(&rendered));
    out.push('\n');
}

/// The rendering with miette's heading of each related diagnostic ("Error: " on a line of its own, after a blank
/// line) taken out, so that a finding and its other mentions read as one block rather than as several errors.
/// Drawing them nested instead would wrap every source line to the nested width.
fn without_related_headings(rendered: &str) -> String {
    static HEADING: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let heading = HEADING.get_or_init(|| {
        regex::Regex::new(
            r"\n\n(?:\x1b\[[0-9;]*m)*(?:Error|Warning|Advice): ?(?:\x1b\[[0-9;]*m)*\n",
        )
        .expect("the heading pattern is valid")
    });
    heading.replace_all(rendered, "\n").into_owned()
}

/// One diagnostic about a single place in a source, possibly with related ones in other sources.
#[derive(Debug)]
struct PlaceDiagnostic {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    source_code: Excerpt,
    label: Option<LabeledSpan>,
    help: Option<String>,
    related: Vec<PlaceDiagnostic>,
}

impl fmt::Display for PlaceDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PlaceDiagnostic {}

impl Diagnostic for PlaceDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source_code)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.label
            .clone()
            .map(|l| Box::new(std::iter::once(l)) as Box<dyn Iterator<Item = LabeledSpan>>)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|d| d as &dyn Diagnostic)))
    }
}

fn miette_severity(severity: Severity) -> miette::Severity {
    match severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Note => miette::Severity::Advice,
    }
}

/// A source's text, read again for a report, with its lines.
type Loaded = (Arc<str>, Arc<LineIndex>);

/// Reads a source's text again, with its lines; `None` when it can no longer be read.
fn load(source: &SourceInfo) -> Option<Loaded> {
    source.text().map(|text| {
        let lines = Arc::new(LineIndex::new(&text));
        (text, lines)
    })
}

/// The texts of the sources a finding shows, read again on first use and let go with the finding.
struct Texts<'c> {
    checked: &'c Checked,
    loaded: HashMap<usize, Option<Loaded>>,
}

impl<'c> Texts<'c> {
    fn new(checked: &'c Checked) -> Texts<'c> {
        Texts {
            checked,
            loaded: HashMap::new(),
        }
    }

    /// The text to draw `mention` in and the span to label: its source, or (when the source changed on disk since
    /// the check) the mention's own words.
    fn snippet(&mut self, mention: &Mention) -> (Loaded, std::ops::Range<usize>) {
        let source = &self.checked.sources[mention.source];
        let loaded = self
            .loaded
            .entry(mention.source)
            .or_insert_with(|| load(source))
            .clone();
        let shown = |text: &str| match source.format {
            // The prose of a page or of blanked Markdown is not the file's bytes: the span is the file's.
            Format::Plain => text.get(mention.span.clone()) == Some(&*mention.text),
            _ => text.get(mention.span.clone()).is_some(),
        };
        match loaded {
            Some((text, lines)) if shown(&text) => ((text, lines), mention.span.clone()),
            _ => {
                let text: Arc<str> = Arc::from(&*mention.text);
                let lines = Arc::new(LineIndex::new(&text));
                ((text, lines), 0..mention.text.len())
            }
        }
    }
}

fn finding_diagnostic(texts: &mut Texts, rules: &RuleSet, finding: &Finding) -> PlaceDiagnostic {
    let checked = texts.checked;
    let claim = &rules.claims[finding.claim];
    let first_side = anchor_side(finding);
    let first = &checked.mentions.at(first_side[0].index());
    let heading = match finding.kind {
        FindingKind::Change => "timeline",
        _ => "conflict",
    };
    let mut diagnostic = place(
        texts,
        first,
        format!("{heading}: {}", finding.message),
        miette_severity(finding.severity),
    );
    diagnostic.code = Some(claim.id.clone());
    let others = listed_others(finding, first_side[0], first_side);
    let total = finding
        .totals
        .as_ref()
        .map_or(finding.mentions.len(), |t| t.mentions);
    let unlisted = total - 1 - others.len();
    let help = finding_help(checked, claim.help.as_deref(), finding, unlisted);
    diagnostic.help = Some(match first.value.reference_help() {
        Some(wording) => format!("{help}\n{wording}"),
        None => help,
    });
    diagnostic.related = others
        .into_iter()
        .map(|id| {
            let mention = &checked.mentions.at(id.index());
            let agrees = first_side.contains(&id);
            related_diagnostic(texts, mention, agrees, finding, &first.text)
        })
        .collect();
    diagnostic
}

/// The mentions drawn besides the first, in corpus order: all of them, or when there are more than [`MAX_LISTED`],
/// the first contradicting ones and then the first agreeing ones.
fn listed_others(finding: &Finding, first: MentionId, first_side: &[MentionId]) -> Vec<MentionId> {
    let others = finding.mentions.iter().copied().filter(|&id| id != first);
    if finding.mentions.len() - 1 <= MAX_LISTED {
        return others.collect();
    }
    let (agreeing, contradicting): (Vec<MentionId>, Vec<MentionId>) =
        others.partition(|id| first_side.contains(id));
    let mut listed: Vec<MentionId> = contradicting
        .into_iter()
        .chain(agreeing)
        .take(MAX_LISTED)
        .collect();
    listed.sort_unstable();
    listed
}

fn related_diagnostic(
    texts: &mut Texts,
    mention: &Mention,
    agrees: bool,
    finding: &Finding,
    first_text: &str,
) -> PlaceDiagnostic {
    let checked = texts.checked;
    let source = &checked.sources[mention.source];
    let text = &*mention.text;
    let anchor = &checked.mentions.at(anchor_side(finding)[0].index());
    let first = if checked.sources[anchor.source].draft {
        "the draft"
    } else {
        "the first"
    };
    let (verb, severity) = if finding.kind == FindingKind::Change {
        ("at another time".to_string(), miette::Severity::Advice)
    } else if agrees {
        (format!("agrees with {first}"), miette::Severity::Advice)
    } else {
        (
            format!("contradicts {first}"),
            miette_severity(finding.severity),
        )
    };
    let mut diagnostic = place(
        texts,
        mention,
        format!("{verb}: {} says {text:?}", source_label(source)),
        severity,
    );
    diagnostic.help = if mention.value.placement().is_some() {
        mention.value.reference_help()
    } else {
        let compared = finding.kind != FindingKind::Change && (!agrees || text != first_text);
        compared
            .then(|| word_diff(first_text, text).map(|d| format!("wording against the first: {d}")))
            .flatten()
    };
    diagnostic
}

/// A diagnostic pointing at one mention, labelled with its normalised value.
fn place(
    texts: &mut Texts,
    mention: &Mention,
    message: String,
    severity: miette::Severity,
) -> PlaceDiagnostic {
    let source = &texts.checked.sources[mention.source];
    let ((text, lines), span) = texts.snippet(mention);
    let label = LabeledSpan::new_with_span(Some(value_label(mention, source)), span);
    PlaceDiagnostic {
        message,
        code: None,
        severity,
        source_code: Excerpt::new(source.path.clone(), text, lines),
        label: Some(label),
        help: None,
        related: Vec::new(),
    }
}

/// "less than 1,000 · as of 2024-05-20 · sputnik (Sputnik Africa)", with the minute when the source gives it ("as of
/// 2025-03-15 08:00").
pub fn value_label(mention: &Mention, source: &SourceInfo) -> String {
    let as_of = as_of_label(mention)
        .map(|as_of| format!(" · {as_of}"))
        .unwrap_or_default();
    format!(
        "{}{as_of} · {}",
        mention.value.describe(),
        source_label(source)
    )
}

/// When a mention's value holds, for the kinds whose values have a date ("as of 2024-05-20", "as of 2025-03-15
/// 08:00", "as of unknown"); `None` for the others.
pub fn as_of_label(mention: &impl Stated) -> Option<String> {
    Some(match (mention.value().as_of()?, mention.time()) {
        (Some(_), Some(time)) if time.end - time.start == 1 => describe_time(&[mention]),
        (Some(range), _) => format!("as of {}", iso_interval(range)),
        (None, _) if mention.rank() == EARLIER => "as of an earlier, unknown time".to_string(),
        (None, _) => "as of unknown".to_string(),
    })
}

/// The source for people: its name, with its outlet in brackets when known.
pub fn source_label(source: &SourceInfo) -> String {
    match &source.outlet {
        Some(outlet) => format!("{} ({outlet})", source.name),
        None => source.name.clone(),
    }
}

/// The claim's own help, then what else bears on the finding: mentions compatible with every side (for a draft,
/// the corpus mentions that agree with it), and how many mentions were left out.
fn finding_help(
    checked: &Checked,
    claim_help: Option<&str>,
    finding: &Finding,
    unlisted: usize,
) -> String {
    let default_help = match finding.kind {
        FindingKind::Change => "the figure changed over time: say as of when each one holds",
        _ => "check which source is right, or say why they differ",
    };
    let mut lines = vec![claim_help.unwrap_or(default_help).to_string()];
    let anchor = &checked.mentions.at(anchor_side(finding)[0].index());
    let relation = if checked.sources[anchor.source].draft {
        "agrees with the draft"
    } else {
        "compatible with every side"
    };
    for &id in finding.compatible.iter().take(MAX_LISTED) {
        let mention = &checked.mentions.at(id.index());
        lines.push(format!(
            "{relation}: {}:{}:{} {:?} ({})",
            checked.sources[mention.source].path,
            mention.start.line,
            mention.start.column,
            mention.text,
            mention.value.describe()
        ));
    }
    let compatible = finding
        .totals
        .as_ref()
        .map_or(finding.compatible.len(), |t| t.compatible);
    let more_compatible = compatible - finding.compatible.len().min(MAX_LISTED);
    let json = if finding.totals.is_some() {
        format!(
            "--format json lists the first {} of each side and counts them all",
            crate::draft::LISTED
        )
    } else {
        "--format json lists them all".to_string()
    };
    for (count, what) in [(unlisted, "in this finding"), (more_compatible, relation)] {
        if count > 0 {
            lines.push(format!(
                "and {} more mentions {what}, not shown ({json})",
                format_number(count as f64)
            ));
        }
    }
    lines.join("\n")
}

fn warning_diagnostic(text: Option<Loaded>, warning: &Warning) -> PlaceDiagnostic {
    let label = warning
        .place
        .as_ref()
        .map(|(span, _)| LabeledSpan::new_with_span(None, span.clone()));
    PlaceDiagnostic {
        message: format!("{}: {}", warning.path, warning.message),
        code: None,
        severity: miette::Severity::Warning,
        label: label.filter(|_| text.is_some()),
        source_code: match text {
            Some((text, lines)) => Excerpt::new(warning.path.clone(), text, lines),
            None => Excerpt::new(
                warning.path.clone(),
                Arc::from(""),
                Arc::new(LineIndex::new("")),
            ),
        },
        help: None,
        related: Vec::new(),
    }
}

/// One line per claim, then a total; for a draft, one line on how it stands against the corpus.
fn summary(checked: &Checked, rules: &RuleSet) -> String {
    if let Some(draft) = checked.sources.iter().position(|s| s.draft) {
        return draft_summary(checked, draft);
    }
    let width = rules.claims.iter().map(|c| c.id.len()).max().unwrap_or(0);
    let mut out = String::from("claims:\n");
    for (index, claim) in rules.claims.iter().enumerate() {
        let findings: Vec<&Finding> = checked
            .findings
            .iter()
            .filter(|f| f.claim == index)
            .collect();
        out.push_str(&format!(
            "  {:width$}  {}\n",
            claim.id,
            claim_status(checked, claim, &findings)
        ));
    }
    out.push_str(&totals(checked, rules));
    out
}

fn draft_summary(checked: &Checked, draft: usize) -> String {
    let checked_mentions = checked
        .mentions
        .iter()
        .filter(|m| m.source == draft)
        .count();
    let path = &checked.sources[draft].path;
    let checked_mentions = format_number(checked_mentions as f64);
    match checked.findings.len() {
        0 => format!(
            "{path}: {checked_mentions} mentions checked, no contradiction with the corpus\n"
        ),
        n => format!("{path}: {checked_mentions} mentions checked, {n} contradict the corpus\n"),
    }
}

fn claim_status(checked: &Checked, claim: &Claim, findings: &[&Finding]) -> String {
    if findings.is_empty() {
        return "no mentions".to_string();
    }
    // A term or quote claim's agreement is its own groups, not a middle ground between the sides of a conflict.
    let disputed = !claim.kind.is_wording() && findings.iter().any(|f| f.kind.disputes());
    let parts: Vec<String> = findings
        .iter()
        .map(|f| finding_status(checked, f, disputed, claim.timing.window().is_some()))
        .collect();
    parts.join("; ")
}

/// The sides of a finding that its summary line names when it has more than two more; the others are counted
/// together ("54 more values"), so that a claim with hundreds of distinct figures still has a line one can read.
const SUMMARY_SIDES: usize = 6;

/// How many of a finding's `sides` its summary line names.
fn shown_sides(sides: usize) -> usize {
    if sides > SUMMARY_SIDES + 2 {
        SUMMARY_SIDES
    } else {
        sides
    }
}

/// One finding in words; `disputed` says whether the claim also has conflicts or changes, in which case its
/// agreeing mentions are the ones compatible with every side. A side is named by its first value, or, for a claim
/// that follows time (`timed`), whose conflict may set figures of several times against one, by its values.
fn finding_status(checked: &Checked, finding: &Finding, disputed: bool, timed: bool) -> String {
    let held = checked.mentions.held();
    let side_mentions =
        |side: &[MentionId]| -> Vec<Held> { side.iter().map(|&id| held.at(id.index())).collect() };
    let shown = shown_sides(finding.sides.len());
    let mut sides: Vec<String> = finding
        .sides
        .iter()
        .take(shown)
        .map(|side| {
            let mentions = side_mentions(side);
            if timed {
                return describe_side(&mentions);
            }
            format!(
                "{} ({})",
                mentions[0].value().describe(),
                count_mentions(&mentions)
            )
        })
        .collect();
    if shown < finding.sides.len() {
        let rest: Vec<Held> = finding.sides[shown..]
            .iter()
            .flat_map(|side| side_mentions(side))
            .collect();
        sides.push(format!(
            "{} more values ({})",
            format_number((finding.sides.len() - shown) as f64),
            count_mentions(&rest)
        ));
    }
    match finding.kind {
        FindingKind::Conflict => format!("conflict: {}", sides.join(" vs ")),
        FindingKind::Change => format!("change: {}", sides.join(" then ")),
        FindingKind::Agreement => {
            let mentions: Vec<Held> = finding
                .mentions
                .iter()
                .map(|&id| held.at(id.index()))
                .collect();
            let mut values: Vec<String> = finding
                .sides
                .iter()
                .take(shown)
                .map(|s| held.at(s[0].index()).value().describe())
                .collect();
            if shown < finding.sides.len() {
                values.push(format!(
                    "{} more values",
                    format_number((finding.sides.len() - shown) as f64)
                ));
            }
            let verb = if disputed {
                "compatible with every side"
            } else {
                "agree"
            };
            format!(
                "{verb}: {} ({})",
                count_mentions(&mentions),
                values.join("; ")
            )
        }
        FindingKind::Undated => format!(
            "undated, compared within their own source only: {}",
            sides.join("; ")
        ),
    }
}

fn totals(checked: &Checked, rules: &RuleSet) -> String {
    let count = |kind: FindingKind| checked.findings.iter().filter(|f| f.kind == kind).count();
    let errors = checked
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::Conflict && f.severity == Severity::Error)
        .count();
    format!(
        "{}, {} over time; {} of {} in {}\n",
        counted(count(FindingKind::Conflict), "conflict")
            + &format!(" ({} at error level)", format_number(errors as f64)),
        counted(count(FindingKind::Change), "change"),
        counted(checked.mentions.len(), "mention"),
        counted(rules.claims.len(), "claim"),
        counted(checked.sources.len(), "source"),
    )
}
