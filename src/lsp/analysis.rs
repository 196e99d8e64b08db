//! One document checked against the workspace: its mentions, its contradictions with the corpus, and the
//! diagnostics that say so.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Range,
};

use super::lines::Lines;
use super::uri;
use super::workspace::Workspace;
use crate::draft::date_draft;
use crate::extract::Mention;
use crate::model::{Finding, Severity};
use crate::report::human::as_of_label;
use crate::source::Source;

/// At most this many corpus mentions are attached to a diagnostic as related information: an editor lists them
/// all, and a figure repeated by a thousand sources is told by the message's count.
const MAX_RELATED: usize = 20;

/// A document as last checked.
pub struct Analysis {
    /// The source built from the document's text, with the corpus's publication date when the document is a
    /// corpus file.
    pub source: Source,
    /// The lines of its text.
    pub lines: Lines,
    /// The corpus source the document is, whose own mentions it is not compared with.
    pub except: Option<usize>,
    /// The document's mentions, numbered after the corpus's.
    pub mentions: Vec<Mention>,
    /// One finding per mention that contradicts the corpus.
    pub findings: Vec<Finding>,
    /// The workspace it was checked against, which the findings' mention ids point into.
    pub workspace: Arc<Workspace>,
}

impl Analysis {
    /// Checks `text`, the document at `path` (when it has one), against `workspace`, a document that is not a
    /// corpus file and gives no publication date of its own dated `draft_date` when given; `None` when the text
    /// cannot be read as a source (front matter with a date that is not a date), with the reason.
    pub fn run(
        workspace: Arc<Workspace>,
        path: &Path,
        text: &str,
        draft_date: Option<&str>,
    ) -> Result<Analysis, String> {
        let mut source = Source::in_memory(&path.to_string_lossy(), text)?;
        let except = workspace.source_at(path);
        if let Some(index) = except {
            // A corpus file keeps what the corpus knows of it (a manifest's publication date).
            source.info = workspace.checked.sources[index].clone();
        } else if let Some(stamp) = draft_date.filter(|_| source.published.is_none()) {
            date_draft(&mut source, stamp).map_err(|e| format!("draftDate: {e}"))?;
        }
        let mentions = workspace.checked.mentions_beside(&workspace.rules, &source);
        let findings = workspace.contradictions(&mentions, except);
        Ok(Analysis {
            lines: Lines::new(text),
            source,
            except,
            mentions,
            findings,
            workspace,
        })
    }

    /// The document's text, as checked.
    pub fn text(&self) -> &str {
        &self.source.text
    }

    /// The document's mention at a byte offset, with its finding when it has one.
    pub fn mention_at(&self, offset: usize) -> Option<(&Mention, Option<&Finding>)> {
        let mention = self
            .mentions
            .iter()
            .find(|m| m.span.start <= offset && offset <= m.span.end)?;
        let finding = self
            .findings
            .iter()
            .find(|f| f.mentions[0].index() == mention.id);
        Some((mention, finding))
    }

    /// The range of one of the document's mentions.
    pub fn range_of(&self, mention: &Mention) -> Range {
        self.lines.range(self.text(), mention.span.clone())
    }

    /// A diagnostic per finding; `places` finds where corpus mentions are.
    pub fn diagnostics(&self, places: &mut CorpusPlaces) -> Vec<Diagnostic> {
        self.findings
            .iter()
            .filter_map(|finding| self.diagnostic(finding, places))
            .collect()
    }

    fn diagnostic(&self, finding: &Finding, places: &mut CorpusPlaces) -> Option<Diagnostic> {
        let workspace = &self.workspace;
        let mention = workspace.mention(finding.mentions[0], &self.mentions)?;
        let claim = &workspace.rules.claims[finding.claim];
        let related = finding.mentions[1..]
            .iter()
            .take(MAX_RELATED)
            .filter_map(|&id| {
                let corpus = workspace.mention(id, &self.mentions)?;
                Some(DiagnosticRelatedInformation {
                    location: places.location(workspace, &corpus)?,
                    message: corpus_label(workspace, &corpus),
                })
            })
            .collect();
        Some(Diagnostic {
            range: self.range_of(&mention),
            severity: Some(severity(finding.severity)),
            code: Some(NumberOrString::String(claim.id.clone())),
            code_description: claim
                .link
                .as_deref()
                .and_then(|link| link.parse().ok())
                .map(|href| CodeDescription { href }),
            source: Some("factlint".to_string()),
            message: finding.message.clone(),
            related_information: Some(related),
            tags: None,
            data: None,
        })
    }
}

/// "Harlan Ledger (hl-0314): 40 · as of 2025-03-14": which source says what, for related information and hovers.
pub fn corpus_label(workspace: &Workspace, mention: &Mention) -> String {
    let source = &workspace.checked.sources[mention.source];
    let as_of = as_of_label(mention)
        .map(|a| format!(" · {a}"))
        .unwrap_or_default();
    format!("{}: {}{as_of}", source.name, mention.value.describe())
}

/// The protocol's severity of a claim's severity.
pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Note => DiagnosticSeverity::INFORMATION,
    }
}

/// Where corpus mentions are, in protocol positions: a corpus file is read once to count its lines in UTF-16
/// units (the last few files are kept), and each mention's location is kept until the workspace is loaded again.
#[derive(Default)]
pub struct CorpusPlaces {
    /// The generation of the workspace the locations belong to: a new load starts afresh.
    generation: u64,
    /// The location of each corpus mention asked for so far, by id.
    locations: HashMap<usize, Option<Location>>,
    /// The text and lines of corpus files read so far, by source index.
    files: HashMap<usize, Option<(Arc<str>, Lines)>>,
}

/// Corpus files whose lines are kept at most; past it they are read again.
const KEPT_FILES: usize = 64;

impl CorpusPlaces {
    /// Where a corpus mention is; `None` when its file has no URI or can no longer be read.
    pub fn location(&mut self, workspace: &Workspace, mention: &Mention) -> Option<Location> {
        if self.generation != workspace.generation {
            self.locations.clear();
            self.files.clear();
            self.generation = workspace.generation;
        }
        if let Some(known) = self.locations.get(&mention.id) {
            return known.clone();
        }
        let location = self.locate(workspace, mention);
        self.locations.insert(mention.id, location.clone());
        location
    }

    fn locate(&mut self, workspace: &Workspace, mention: &Mention) -> Option<Location> {
        let source = &workspace.checked.sources[mention.source];
        let uri = uri::from_path(&std::path::absolute(&source.path).ok()?)?;
        if self.files.len() >= KEPT_FILES {
            self.files.clear();
        }
        let (text, lines) = self
            .files
            .entry(mention.source)
            .or_insert_with(|| {
                let text = source.text()?;
                let lines = Lines::new(&text);
                Some((text, lines))
            })
            .as_ref()?;
        Some(Location::new(uri, lines.range(text, mention.span.clone())))
    }
}
