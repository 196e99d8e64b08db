//! The sources, in order of publication: who published each and when, and its text with every mention
//! highlighted (its stance as a colour and an underline style) and linked to its claim. The text is read again
//! from the source, as the other reports do; a mention the text no longer holds where the check found it (the file
//! changed, or the text is too long to show whole) is listed under the text instead, so none is lost.

use maud::{html, Markup};

use super::Page;
use crate::extract::Mention;
use crate::report::human::value_label;
use crate::source::SourceInfo;

/// How many bytes of a source's text the page shows; mentions further on are listed under it.
const SHOWN_BYTES: usize = 256 * 1024;

/// A run of a source's text: plain, or a mention's words.
enum Run<'t, 'm> {
    Plain(&'t str),
    Mention(&'m Mention, &'t str),
}

/// The sources section.
pub(super) fn render(page: &Page) -> Markup {
    let checked = page.checked;
    let mut by_source: Vec<Vec<&Mention>> = vec![Vec::new(); checked.sources.len()];
    for mention in &page.mentions {
        if let Some(list) = by_source.get_mut(mention.source) {
            list.push(mention);
        }
    }
    html! {
        section #sources {
            h2 { "Sources" }
            @for &index in &page.order {
                (source_markup(page, index, &by_source[index]))
            }
        }
    }
}

/// One source: its header, its text with the mentions marked, and the mentions that could not be marked.
fn source_markup(page: &Page, index: usize, mentions: &[&Mention]) -> Markup {
    let info = &page.checked.sources[index];
    let text = info.text();
    let (runs, unplaced) = match &text {
        Some(text) => runs(shown(text), mentions),
        None => (Vec::new(), mentions.to_vec()),
    };
    html! {
        article.source id=(format!("s{index}")) {
            h3 { (info.name) @if info.draft { " (draft)" } }
            (header(info, mentions.len()))
            @if text.is_none() {
                p.meta { "The text can no longer be read." }
            } @else {
                div.text {
                    @for run in &runs {
                        @match run {
                            Run::Plain(words) => (words),
                            Run::Mention(mention, words) => (mention_link(page, mention, words)),
                        }
                    }
                }
            }
            @if text.as_ref().is_some_and(|t| t.len() > SHOWN_BYTES) {
                p.meta { "The text is shown up to its first " (SHOWN_BYTES / 1024) " KiB." }
            }
            @if !unplaced.is_empty() {
                p.meta { "Mentions not marked in the text above:" }
                ul {
                    @for mention in &unplaced {
                        li {
                            (mention_link(page, mention, &mention.text)) " · line "
                            (mention.start.line) " · " (value_label(mention, info))
                        }
                    }
                }
            }
        }
    }
}

/// Outlet, publication date (and why it was inferred), path, and the count of mentions.
fn header(info: &SourceInfo, mentions: usize) -> Markup {
    html! {
        p.meta {
            @if let Some(outlet) = &info.outlet { (outlet) " · " }
            @match info.published {
                Some(date) => { "published " (date.to_string()) }
                None => { "publication date unknown" }
            }
            @if let Some(evidence) = &info.published_inferred { " (inferred: " (evidence) ")" }
            " · " code { (info.path) } " · " (crate::reconcile::counted(mentions, "mention"))
        }
    }
}

/// A mention's words, marked with its stance and linked to its claim.
fn mention_link(page: &Page, mention: &Mention, words: &str) -> Markup {
    let stance = page.stance(mention.id);
    let claim = page
        .rules
        .claims
        .get(mention.claim)
        .map_or("", |c| c.id.as_str());
    html! {
        a class=(format!("m {}", stance.class())) id=(format!("m{}", mention.id))
            href=(format!("#claim-{}", mention.claim))
            title=(format!("{claim}: {} ({})", mention.value.describe(), stance.word())) { (words) }
    }
}

/// The part of a text the page shows: all of it, or its first [`SHOWN_BYTES`] cut at a character boundary.
fn shown(text: &str) -> &str {
    let mut end = text.len().min(SHOWN_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The text cut into plain runs and mentions, and the mentions that cannot be marked: those the text does not hold
/// at their place, and those that overlap a mention marked before them.
fn runs<'t, 'm>(text: &'t str, mentions: &[&'m Mention]) -> (Vec<Run<'t, 'm>>, Vec<&'m Mention>) {
    let mut sorted = mentions.to_vec();
    sorted.sort_by_key(|m| (m.span.start, m.id));
    let mut runs = Vec::new();
    let mut unplaced = Vec::new();
    let mut cursor = 0;
    for mention in sorted {
        let words = text.get(mention.span.clone());
        match words {
            Some(words) if mention.span.start >= cursor && words == &*mention.text => {
                runs.push(Run::Plain(&text[cursor..mention.span.start]));
                runs.push(Run::Mention(mention, words));
                cursor = mention.span.end;
            }
            _ => unplaced.push(mention),
        }
    }
    runs.push(Run::Plain(&text[cursor..]));
    (runs, unplaced)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::Value;
    use crate::model::Polarity;

    fn mention(id: usize, span: std::ops::Range<usize>, text: &str) -> Mention {
        let mut mention = Mention::unplaced(0, 0, span, Value::Polarity(Polarity::Affirm));
        mention.id = id;
        mention.text = text.into();
        mention
    }

    fn described(runs: &[Run]) -> Vec<String> {
        runs.iter()
            .map(|run| match run {
                Run::Plain(words) => format!("plain {words:?}"),
                Run::Mention(mention, words) => format!("m{} {words:?}", mention.id),
            })
            .collect()
    }

    #[test]
    fn mentions_are_cut_out_of_the_text_in_order() {
        let text = "Some 900 troops, then 500 troops.";
        let (second, first) = (
            mention(1, 22..32, "500 troops"),
            mention(0, 5..15, "900 troops"),
        );
        let (runs, unplaced) = runs(text, &[&second, &first]);
        assert_eq!(
            described(&runs),
            [
                "plain \"Some \"",
                "m0 \"900 troops\"",
                "plain \", then \"",
                "m1 \"500 troops\"",
                "plain \".\""
            ]
        );
        assert!(unplaced.is_empty());
    }

    #[test]
    fn an_overlapping_or_moved_mention_is_listed_not_lost() {
        let text = "Some 900 troops arrived.";
        let whole = mention(0, 5..15, "900 troops");
        let inside = mention(1, 9..15, "troops");
        let moved = mention(2, 16..23, "retired");
        let beyond = mention(3, 40..50, "far away");
        let (runs, unplaced) = runs(text, &[&whole, &inside, &moved, &beyond]);
        assert_eq!(runs.len(), 3, "{:?}", described(&runs));
        let ids: Vec<usize> = unplaced.iter().map(|m| m.id).collect();
        assert_eq!(ids, [1, 2, 3]);
    }

    #[test]
    fn a_long_text_is_cut_at_a_character_boundary() {
        let text = "é".repeat(SHOWN_BYTES);
        let cut = shown(&text);
        assert!(cut.len() <= SHOWN_BYTES && cut.len() > SHOWN_BYTES - 2);
    }
}
