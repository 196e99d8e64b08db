//! The rule loader on arbitrary YAML: it must never panic or hang, every error must point inside the file and
//! render, and every rule it accepts must run over a text.
#![no_main]

use std::path::Path;

use factlint::check::check;
use factlint::report::human::{self, HumanOptions};
use factlint::rules::RuleSet;
use factlint::source::{Corpus, Source};
use libfuzzer_sys::fuzz_target;

const TEXT: &str = "---\npublished: 2024-05-20\n---\nThere are more than 1,000 US troops in Niger, \
    no later than Sept. 15. The withdrawal does not mark the end of relations. In March 2024, about 650 left.\n";

const OPTIONS: HumanOptions = HumanOptions {
    color: false,
    width: 100,
};

fuzz_target!(|data: &[u8]| {
    let Ok(yaml) = std::str::from_utf8(data) else {
        return;
    };
    match RuleSet::parse(Path::new("fuzz.yaml"), yaml) {
        Err(errors) => {
            for error in &errors {
                if let Some((line, column)) = error.line_column() {
                    assert!(line >= 1 && column >= 1);
                    assert!(line <= yaml.len() + 1, "line {line} past the end");
                }
                human::render_diagnostic(error, OPTIONS);
            }
        }
        Ok(rules) => {
            let source = Source::in_memory("fuzz.txt", TEXT).expect("the fixed text is a source");
            let corpus = Corpus::from_sources(vec![source]);
            let checked = check(&rules, corpus);
            human::render(&checked, &rules, OPTIONS);
        }
    }
});
