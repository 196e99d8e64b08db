//! Word-level diffs of two wordings, so a reader sees at a glance what one source changed.

use similar::{ChangeTag, TextDiff};

/// How alike two wordings must be (share of equal words, 0..1) before a diff says more than the two texts do.
pub const ALIKE_RATIO: f32 = 0.5;

/// What became of a run of words from one wording to the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// In both wordings.
    Kept,
    /// Only in the old wording.
    Removed,
    /// Only in the new wording.
    Added,
}

/// A word diff of `old` into `new` as runs of words with what became of them, consecutive words of one kind in one
/// run. Returns `None` when the wordings have too little in common for a diff to help.
pub fn word_runs(old: &str, new: &str) -> Option<Vec<(Edit, String)>> {
    let diff = TextDiff::from_words(old, new);
    if diff.ratio() < ALIKE_RATIO {
        return None;
    }
    let mut runs: Vec<(Edit, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        let edit = match change.tag() {
            ChangeTag::Equal => Edit::Kept,
            ChangeTag::Delete => Edit::Removed,
            ChangeTag::Insert => Edit::Added,
        };
        match runs.last_mut() {
            Some((open, text)) if *open == edit => text.push_str(change.value()),
            _ => runs.push((edit, change.value().to_string())),
        }
    }
    Some(runs)
}

/// An inline word diff of `old` into `new`: removed words as `[-word-]`, added words as `{+word+}`.
/// Returns `None` when the wordings have too little in common for a diff to help.
pub fn word_diff(old: &str, new: &str) -> Option<String> {
    let mut out = String::new();
    for (edit, text) in word_runs(old, new)? {
        mark(&mut out, edit, &text);
    }
    Some(out)
}

/// Appends a run of words, marking it (and keeping its trailing space outside the marks).
fn mark(out: &mut String, edit: Edit, text: &str) {
    let trimmed = text.trim_end();
    let trailing = &text[trimmed.len()..];
    match edit {
        Edit::Kept => out.push_str(text),
        Edit::Removed => out.push_str(&format!("[-{trimmed}-]{trailing}")),
        Edit::Added => out.push_str(&format!("{{+{trimmed}+}}{trailing}")),
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
