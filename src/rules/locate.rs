//! Finds places in a rule file's text for errors that serde cannot locate (they concern a claim as a whole).

use regex::Regex;

/// Byte offset of the `n`-th (0-based) `id: <id>` key in the YAML text.
pub fn id_line(text: &str, id: &str, n: usize) -> Option<usize> {
    let re = Regex::new(&format!(
        r#"(?m)^[ \t-]*id:[ \t]*["']?{}["']?[ \t]*(?:#.*)?\r?$"#,
        regex::escape(id)
    ))
    .ok()?;
    let found = re.find_iter(text).nth(n)?;
    let line = found.as_str();
    Some(found.start() + line.find("id:").unwrap_or(0))
}

/// Byte offset of `key:` within the claim whose `id:` is at `id_offset`: searched from the start of the claim's
/// list item to the next item at the same indentation.
pub fn key_in_claim(text: &str, id_offset: usize, key: &str) -> Option<usize> {
    let (start, indent) = item_start(text, id_offset);
    let end = item_end(text, id_offset, indent);
    let re = Regex::new(&format!(r"(?m)^[ \t-]*{}:", regex::escape(key))).ok()?;
    let found = re.find(&text[start..end])?;
    Some(start + found.start() + found.as_str().find(key).unwrap_or(0))
}

/// The line that opens the list item holding `offset`, and the column of its dash.
fn item_start(text: &str, offset: usize) -> (usize, usize) {
    let mut line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    loop {
        let line = &text[line_start..];
        let trimmed = line.trim_start_matches([' ', '\t']);
        if trimmed.starts_with("- ") || line_start == 0 {
            return (line_start, line.len() - trimmed.len());
        }
        line_start = text[..line_start.saturating_sub(1)]
            .rfind('\n')
            .map_or(0, |i| i + 1);
    }
}

/// Where the item ends: the next line, after `offset`, that starts a sibling item or is indented less.
fn item_end(text: &str, offset: usize, indent: usize) -> usize {
    let mut position = text[offset..]
        .find('\n')
        .map_or(text.len(), |i| offset + i + 1);
    while position < text.len() {
        let line = &text[position..];
        let trimmed = line.trim_start_matches([' ', '\t']);
        let depth = line.len() - trimmed.len();
        let content = !trimmed.is_empty() && !trimmed.starts_with(['\n', '\r', '#']);
        if content && (depth < indent || (depth == indent && trimmed.starts_with("- "))) {
            return position;
        }
        position = line.find('\n').map_or(text.len(), |i| position + i + 1);
    }
    text.len()
}
