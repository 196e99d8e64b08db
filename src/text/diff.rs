//! Word-level diffs of two wordings, so a reader sees at a glance what one source changed.

use similar::{ChangeTag, TextDiff};

/// How alike two wordings must be (share of equal words, 0..1) before a diff says more than the two texts do.
pub const ALIKE_RATIO: f32 = 0.5;

/// An inline word diff of `old` into `new`: removed words as `[-word-]`, added words as `{+word+}`.
/// Returns `None` when the wordings have too little in common for a diff to help.
pub fn word_diff(old: &str, new: &str) -> Option<String> {
    let diff = TextDiff::from_words(old, new);
    if diff.ratio() < ALIKE_RATIO {
        return None;
    }
    let mut out = String::new();
    let mut pending: Option<(ChangeTag, String)> = None;
    for change in diff.iter_all_changes() {
        let tag = change.tag();
        let word = change.value();
        match &mut pending {
            Some((open, text)) if *open == tag => text.push_str(word),
            _ => {
                flush(&mut out, pending.take());
                pending = Some((tag, word.to_string()));
            }
        }
    }
    flush(&mut out, pending);
    Some(out)
}

/// Appends a run of same-tagged words, marking the run (and keeping its trailing space outside the marks).
fn flush(out: &mut String, run: Option<(ChangeTag, String)>) {
    let Some((tag, text)) = run else { return };
    let trimmed = text.trim_end();
    let trailing = &text[trimmed.len()..];
    match tag {
        ChangeTag::Equal => out.push_str(&text),
        ChangeTag::Delete => out.push_str(&format!("[-{trimmed}-]{trailing}")),
        ChangeTag::Insert => out.push_str(&format!("{{+{trimmed}+}}{trailing}")),
    }
}

/// A diff that replaces all of `old` with `new`, for wordings too far apart for a word diff.
pub fn whole_replacement(old: &str, new: &str) -> String {
    format!("[-{old}-]{{+{new}+}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_words_are_marked() {
        assert_eq!(
            word_diff("less than 1,000 US troops", "More than 1,000 US soldiers").as_deref(),
            Some("[-less-]{+More+} than 1,000 US [-troops-]{+soldiers+}")
        );
    }

    #[test]
    fn unrelated_wordings_get_no_diff() {
        assert_eq!(
            word_diff("does mark the end", "within weeks a visit is expected"),
            None
        );
    }

    #[test]
    fn identical_wordings_have_no_marks() {
        assert_eq!(
            word_diff("no later than Sept. 15", "no later than Sept. 15").as_deref(),
            Some("no later than Sept. 15")
        );
    }
}
