//! Inline suppressions: a `factlint-ignore CLAIM-ID` marker in a comment silences mentions of that claim on the
//! marker's line and the line after it.
//!
//! Any comment form works (`<!-- factlint-ignore a -->`, `# factlint-ignore a`, `// factlint-ignore a, b`), since
//! sources are prose in many formats. In a web page, whose comments are not part of the prose that is checked,
//! markers are read from the page's `<!-- -->` comments, and lines are the page's as saved, like the mentions'. A marker that silences nothing is reported, so stale markers do not pile up
//! and hide the next real conflict.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use crate::model::Position;
use crate::source::Source;

/// One `factlint-ignore` marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// 1-based line of the marker.
    pub line: u32,
    /// Byte span of the marker in the file as saved.
    pub span: Range<usize>,
    /// Where the marker starts in the file.
    pub position: Position,
    /// The claim ids it names.
    pub claims: Vec<String>,
}

/// Finds the markers in a source's checked text, and in the comments of its file that the text leaves out.
pub fn markers(source: &Source) -> Vec<Marker> {
    let mut found = Vec::new();
    if source.body().contains("factlint-ignore") {
        for (range, claims) in found_in(source.body()) {
            let prose = source.body_start + range.start..source.body_start + range.end;
            let position = source.positions(&[prose.start]).pop().unwrap_or_default();
            found.push(Marker {
                line: position.line,
                span: source.span_in_file(prose),
                position,
                claims,
            });
        }
    }
    for (offset, comment) in source.marker_comments() {
        for (range, claims) in found_in(comment) {
            let span = offset + range.start..offset + range.end;
            let position = source
                .file_positions(&[span.start])
                .pop()
                .unwrap_or_default();
            found.push(Marker {
                line: position.line,
                span,
                position,
                claims,
            });
        }
    }
    found
}

/// The markers in a text: each one's byte range and the claim ids it names.
fn found_in(text: &str) -> Vec<(Range<usize>, Vec<String>)> {
    marker_regex()
        .captures_iter(text)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            let ids = captures.get(1)?.as_str();
            let claims = ids
                .split([',', ' ', '\t'])
                .filter(|id| !id.is_empty())
                .map(str::to_string)
                .collect();
            Some((whole.range(), claims))
        })
        .collect()
}

fn marker_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?m)(?:<!--|#|//)[ \t]*factlint-ignore[: \t]+([a-z0-9][a-z0-9_.\-]*(?:[ \t]*,?[ \t]*[a-z0-9][a-z0-9_.\-]*)*)")
            .expect("marker regex is valid")
    })
}

/// Which of a source's mentions the markers silence, and which marker entries silenced nothing.
#[derive(Debug, Default)]
pub struct Suppression {
    /// Indices (into the mentions passed in) that are silenced.
    pub silenced: BTreeSet<usize>,
    /// (marker index, claim id) pairs that silenced no mention.
    pub unused: Vec<(usize, String)>,
}

/// Applies `markers` to mentions given as (claim id, 1-based line) pairs, all from one source.
pub fn apply(markers: &[Marker], mentions: &[(&str, u32)]) -> Suppression {
    let mut suppression = Suppression::default();
    for (marker_index, marker) in markers.iter().enumerate() {
        for claim in &marker.claims {
            let hits: Vec<usize> = mentions
                .iter()
                .enumerate()
                .filter(|(_, (id, line))| {
                    id == claim && (*line == marker.line || *line == marker.line.saturating_add(1))
                })
                .map(|(i, _)| i)
                .collect();
            if hits.is_empty() {
                suppression.unused.push((marker_index, claim.clone()));
            }
            suppression.silenced.extend(hits);
        }
    }
    suppression
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markers_in(text: &str) -> Vec<Marker> {
        markers(&Source::in_memory("a.md", text).unwrap())
    }

    #[test]
    fn every_comment_form_is_a_marker() {
        let text = "<!-- factlint-ignore troops -->\n# factlint-ignore a, b\nx // factlint-ignore: c\nfactlint-ignore d\n";
        let found = markers_in(text);
        let claims: Vec<Vec<String>> = found.iter().map(|m| m.claims.clone()).collect();
        assert_eq!(claims, [vec!["troops"], vec!["a", "b"], vec!["c"]]);
        assert_eq!(found.iter().map(|m| m.line).collect::<Vec<_>>(), [1, 2, 3]);
    }

    #[test]
    fn a_marker_covers_its_line_and_the_next() {
        let marker = &markers_in("\n# factlint-ignore troops\n")[0];
        let result = apply(
            std::slice::from_ref(marker),
            &[("troops", 2), ("troops", 3), ("troops", 4), ("other", 3)],
        );
        assert_eq!(result.silenced.into_iter().collect::<Vec<_>>(), [0, 1]);
        assert!(result.unused.is_empty());
    }

    #[test]
    fn a_marker_that_silences_nothing_is_unused() {
        let marker = &markers_in("# factlint-ignore troops, deadline\n")[0];
        let result = apply(std::slice::from_ref(marker), &[("troops", 2)]);
        assert_eq!(result.unused, [(0, "deadline".to_string())]);
    }
}
