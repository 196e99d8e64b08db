//! Fingerprints: stable identities for mentions and findings, for baselines and SARIF `partialFingerprints`.
//!
//! A mention's fingerprint is built from its claim, its source's path, its wording with white space folded and
//! case ignored, and how many identical mentions come before it in that source. Line numbers and offsets are left
//! out on purpose, so that edits elsewhere in a file (or reflowing the mention's own line) keep every fingerprint.

use std::collections::BTreeMap;

use crate::check::Checked;
use crate::model::Finding;
use crate::rules::RuleSet;

/// The fingerprint of every mention, indexed by mention id: 16 lowercase hex digits.
pub fn mention_fingerprints(checked: &Checked, rules: &RuleSet) -> Vec<String> {
    let mut seen: BTreeMap<(usize, usize, String), usize> = BTreeMap::new();
    checked
        .mentions
        .iter()
        .map(|mention| {
            let source = &checked.sources[mention.source];
            let wording = fold(&mention.text);
            let occurrence = seen
                .entry((mention.claim, mention.source, wording.clone()))
                .or_default();
            let parts = [
                rules.claims[mention.claim].id.as_str(),
                source.path.as_str(),
                wording.as_str(),
                &occurrence.to_string(),
            ];
            *occurrence += 1;
            hex(fnv1a(&parts))
        })
        .collect()
}

/// The fingerprint of a finding: its claim, kind and the sorted fingerprints of its mentions.
pub fn finding_fingerprint(finding: &Finding, rules: &RuleSet, mentions: &[String]) -> String {
    let mut members: Vec<&str> = finding
        .mentions
        .iter()
        .map(|&id| mentions[id.index()].as_str())
        .collect();
    members.sort_unstable();
    let kind = format!("{:?}", finding.kind);
    let mut parts = vec![rules.claims[finding.claim].id.as_str(), kind.as_str()];
    parts.extend(members);
    hex(fnv1a(&parts))
}

/// Lowercase, with every run of white space made one space.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// 64-bit FNV-1a over the parts, each followed by a NUL so that ("ab", "c") and ("a", "bc") differ. Chosen because
/// it is fixed by its definition: the standard library's hasher may change between Rust releases, and a baseline
/// must outlive them.
fn fnv1a(parts: &[&str]) -> u64 {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET_BASIS;
    for byte in parts
        .iter()
        .flat_map(|p| p.bytes().chain(std::iter::once(0)))
    {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(PRIME);
    }
    hash
}

fn hex(value: u64) -> String {
    format!("{value:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_its_reference_values() {
        // Reference: FNV-1a 64 of "a" is af63dc4c8601ec8c; here each part is followed by a NUL byte.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        hash ^= u64::from(b'a');
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        assert_eq!(hex(hash), "af63dc4c8601ec8c");
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
    }

    #[test]
    fn wording_is_folded() {
        assert_eq!(
            fold("More  than\n1,000 US troops"),
            "more than 1,000 us troops"
        );
    }
}
