//! Extraction, normalisation, reconciliation and the reports (human, JSON, HTML) on arbitrary text, split into up to
//! three sources at NUL bytes, against every rule file of the seed corpus: no panic, no hang, and nothing lost (every
//! mention in exactly one finding of its claim).
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use factlint::check::check;
use factlint::model::MentionId;
use factlint::report::html::{self, HtmlOptions};
use factlint::report::human::{self, HumanOptions};
use factlint::report::json;
use factlint::rules::RuleSet;
use factlint::source::{Corpus, Source};
use libfuzzer_sys::fuzz_target;

/// Every rule file of the seed corpus (quantity, date, polarity, term and quote claims), loaded once.
fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules"));
        RuleSet::load(&[dir]).unwrap_or_else(|_| panic!("the seed rules load"))
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let sources: Vec<Source> = text
        .split('\0')
        .take(3)
        .enumerate()
        .filter_map(|(i, part)| Source::in_memory(&format!("fuzz{i}.txt"), part).ok())
        .collect();
    let rules = rules();
    let checked = check(
        rules,
        Corpus::from_sources(sources),
    );
    for mention in &checked.mentions {
        let holding: Vec<_> = checked
            .findings
            .iter()
            .filter(|f| f.mentions.contains(&MentionId::new(mention.id)))
            .collect();
        assert_eq!(
            holding.len(),
            1,
            "mention {} is in {} findings",
            mention.id,
            holding.len()
        );
        assert_eq!(holding[0].claim, mention.claim);
    }
    let options = HumanOptions {
        color: false,
        width: 80,
    };
    human::render(&checked, rules, options);
    human::render_warnings(&checked, options, true);
    json::render(&checked, rules);
    let page = html::render(
        &checked,
        rules,
        &HtmlOptions {
            checked_at: jiff::Timestamp::UNIX_EPOCH,
        },
    );
    assert!(page.ends_with("</html>"), "the page is whole");
});
