//! Code actions on a contradicting mention: replace its value with the corpus's consensus, or silence it with a
//! `factlint-ignore` marker.

use std::collections::{BTreeSet, HashMap};

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Position, Range, TextEdit, Uri, WorkspaceEdit,
};

use super::analysis::Analysis;
use crate::extract::{find_matches, Mention};
use crate::model::{Finding, MentionId};
use crate::reconcile::sides_by_value;
use crate::rules::Claim;
use crate::source::{Source, SourceInfo};
use crate::text::floor_char_boundary;

/// The code actions for the contradicting mentions of `analysis` that overlap bytes `start..=end`.
pub fn code_actions(
    uri: &Uri,
    analysis: &Analysis,
    start: usize,
    end: usize,
) -> Vec<CodeActionOrCommand> {
    let mut actions = Vec::new();
    for finding in &analysis.findings {
        let Some(mention) = analysis
            .workspace
            .mention(finding.mentions[0], &analysis.mentions)
        else {
            continue;
        };
        let mention = &mention;
        if mention.span.end < start || mention.span.start > end {
            continue;
        }
        let claim = &analysis.workspace.rules.claims[finding.claim];
        if let Some(action) = replace_with_consensus(uri, analysis, claim, finding, mention) {
            actions.push(CodeActionOrCommand::CodeAction(action));
        }
        actions.push(CodeActionOrCommand::CodeAction(ignore(
            uri, analysis, claim, mention,
        )));
    }
    actions
}

/// Replaces the mention's value by the words a corpus source gives the consensus value, when there is one.
fn replace_with_consensus(
    uri: &Uri,
    analysis: &Analysis,
    claim: &Claim,
    finding: &Finding,
    mention: &Mention,
) -> Option<CodeAction> {
    let corpus = consensus(analysis, finding)?;
    let info = &analysis.workspace.checked.sources[corpus.source];
    let corpus_text = info.text()?;
    let words = corpus_text
        .get(value_range(claim, &corpus_text, info, &corpus.span)?)?
        .to_string();
    let here = value_range(claim, analysis.text(), &analysis.source.info, &mention.span)?;
    let edit = TextEdit::new(analysis.lines.range(analysis.text(), here), words.clone());
    Some(CodeAction {
        title: format!("Replace with the corpus consensus: {words}"),
        kind: Some(CodeActionKind::QUICKFIX),
        edit: Some(edit_of(uri, edit)),
        is_preferred: Some(true),
        ..CodeAction::default()
    })
}

/// The corpus mention that stands for the consensus on the finding's claim at the mention's time: the value held
/// by more of the sources that state one (contradicting or agreeing with the document) than all other values
/// together. `None` when no value is held so widely, or when the document already agrees with it.
fn consensus(analysis: &Analysis, finding: &Finding) -> Option<Mention> {
    let workspace = &analysis.workspace;
    let stated: Vec<Mention> = finding.mentions[1..]
        .iter()
        .chain(&finding.compatible)
        .filter_map(|&id| workspace.mention(id, &analysis.mentions))
        .collect();
    let stated: Vec<&Mention> = stated.iter().collect();
    let mut held: Vec<(usize, Vec<&Mention>)> = sides_by_value(&stated)
        .into_iter()
        .map(|side| {
            (
                side.iter().map(|m| m.source).collect::<BTreeSet<_>>().len(),
                side,
            )
        })
        .collect();
    held.sort_by_key(|(sources, _)| std::cmp::Reverse(*sources));
    let total: usize = held.iter().map(|(n, _)| n).sum();
    let (top, side) = held.first()?;
    let contradicting = finding.mentions[1..].contains(&MentionId::new(side[0].id));
    (2 * top > total && contradicting).then(|| side[0].clone())
}

/// The bytes of the value words of the mention at `span` of `text` (a source described by `info`). The claim's
/// patterns run again on the paragraph around the mention only (a few kilobytes at most), so that a long document
/// costs no more than a short one: this runs on the thread that reads the editor's messages.
fn value_range(
    claim: &Claim,
    text: &str,
    info: &SourceInfo,
    span: &std::ops::Range<usize>,
) -> Option<std::ops::Range<usize>> {
    let window = paragraph_around(text, span);
    let mut source = Source::in_memory(&info.path, text.get(window.clone())?).ok()?;
    source.info = info.clone();
    let within = span.start - window.start..span.end - window.start;
    let found = find_matches(claim, &source)
        .into_iter()
        .find(|m| m.span == within)?;
    Some(found.value.start + window.start..found.value.end + window.start)
}

/// How far around a mention its paragraph is looked for, in bytes each way.
const REACH: usize = 4096;

/// The paragraph around `span` (between blank lines), cut at [`REACH`] bytes each way.
fn paragraph_around(text: &str, span: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    let lower = floor_char_boundary(text, span.start.saturating_sub(REACH));
    let upper = floor_char_boundary(text, (span.end + REACH).min(text.len()));
    let start = text[lower..span.start]
        .rfind("\n\n")
        .map_or(lower, |i| lower + i + 2);
    let end = text[span.end..upper]
        .find("\n\n")
        .map_or(upper, |i| span.end + i);
    start..end
}

/// Inserts a `factlint-ignore` marker for the claim on the line before the mention.
fn ignore(uri: &Uri, analysis: &Analysis, claim: &Claim, mention: &Mention) -> CodeAction {
    let line = analysis.range_of(mention).start.line;
    let start = Position::new(line, 0);
    let marker = format!("<!-- factlint-ignore {} -->\n", claim.id);
    CodeAction {
        title: format!("Ignore `{}` here (factlint-ignore)", claim.id),
        kind: Some(CodeActionKind::QUICKFIX),
        edit: Some(edit_of(
            uri,
            TextEdit::new(Range::new(start, start), marker),
        )),
        ..CodeAction::default()
    }
}

fn edit_of(uri: &Uri, edit: TextEdit) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
        ..WorkspaceEdit::default()
    }
}
