//! Code actions on a contradicting mention: replace its value with the corpus's consensus, or silence it with a
//! `factlint-ignore` marker.

use std::collections::{BTreeSet, HashMap};

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Position, Range, TextEdit, Uri, WorkspaceEdit,
};

use super::analysis::Analysis;
use crate::extract::{find_matches, Mention};
use crate::model::Finding;
use crate::reconcile::sides_by_value;
use crate::rules::Claim;
use crate::source::Source;

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
    let words = value_words(claim, &corpus_source(analysis, corpus)?, corpus)?;
    let here = find_matches(claim, &analysis.source)
        .into_iter()
        .find(|m| m.span == mention.span)?
        .value;
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
fn consensus<'a>(analysis: &'a Analysis, finding: &Finding) -> Option<&'a Mention> {
    let workspace = &analysis.workspace;
    let stated: Vec<&Mention> = finding.mentions[1..]
        .iter()
        .chain(&finding.compatible)
        .filter_map(|&id| workspace.mention(id, &analysis.mentions))
        .collect();
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
    let contradicting = finding.mentions[1..].contains(&side[0].id);
    (2 * top > total && contradicting).then_some(side[0])
}

/// The corpus source of a mention, read again.
fn corpus_source(analysis: &Analysis, mention: &Mention) -> Option<Source> {
    let info = &analysis.workspace.checked.sources[mention.source];
    let mut source = Source::in_memory(&info.path, &info.text()?).ok()?;
    source.info = info.clone();
    Some(source)
}

/// The words of a mention's value, as its source writes them.
fn value_words(claim: &Claim, source: &Source, mention: &Mention) -> Option<String> {
    let found = find_matches(claim, source)
        .into_iter()
        .find(|m| m.span == mention.span)?;
    source.text.get(found.value).map(str::to_string)
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
