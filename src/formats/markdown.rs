//! Markdown: code, link targets and reference definitions are not prose. They are blanked out (each byte but line
//! breaks becomes a space) rather than cut, so the prose keeps the file's byte offsets and lines, and HTML comments
//! (where `factlint-ignore` markers live) stay as they are.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// The ranges of `body` (a Markdown text without its front matter) that are not prose, in any order.
fn not_prose(body: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    // The end of the last text inside each open link or image: what follows it up to the link's end is its target.
    let mut links: Vec<(Range<usize>, usize, bool)> = Vec::new();
    let mut parser = Parser::new_ext(body, Options::empty()).into_offset_iter();
    for (event, range) in parser.by_ref() {
        match event {
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => ranges.push(range),
            Event::Start(Tag::Link { link_type, .. } | Tag::Image { link_type, .. }) => {
                let whole = matches!(link_type, LinkType::Autolink | LinkType::Email);
                links.push((range.clone(), range.start, whole));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some((link, text_end, whole)) = links.pop() {
                    ranges.push(if whole { link } else { text_end..link.end });
                }
            }
            _ => {
                if let Some(open) = links.last_mut() {
                    open.1 = open.1.max(range.end);
                }
            }
        }
    }
    ranges.extend(
        parser
            .reference_definitions()
            .iter()
            .map(|(_, def)| def.span.clone()),
    );
    ranges
}

/// The text with what is not prose in its Markdown body (from `body_start`) blanked out; `None` when all of it is
/// prose.
pub fn blank(text: &str, body_start: usize) -> Option<String> {
    let ranges = not_prose(&text[body_start..]);
    if ranges.iter().all(Range::is_empty) {
        return None;
    }
    let mut bytes = text.as_bytes().to_vec();
    for range in ranges {
        for byte in &mut bytes[body_start + range.start..body_start + range.end] {
            if *byte != b'\n' && *byte != b'\r' {
                *byte = b' ';
            }
        }
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_and_link_targets_are_blanked_in_place() {
        let text = "See [the 5 reports](https://x.example/5000) and `rm -rf 7`.\n\n```\n9,000 troops\n```\n";
        let blanked = blank(text, 0).unwrap();
        assert_eq!(blanked.len(), text.len());
        assert!(blanked.starts_with("See [the 5 reports  "), "{blanked}");
        assert!(
            !blanked.contains("5000") && !blanked.contains("rm -rf") && !blanked.contains("9,000")
        );
        assert_eq!(blanked.lines().count(), text.lines().count());
    }

    #[test]
    fn reference_definitions_and_autolinks_are_not_prose() {
        let text = "Read [it][1] or <https://x.example/2024/12>.\n\n[1]: https://x.example/1200\n";
        let blanked = blank(text, 0).unwrap();
        assert!(
            !blanked.contains("1200") && !blanked.contains("2024/12"),
            "{blanked}"
        );
        assert!(blanked.starts_with("Read [it "), "{blanked}");
    }

    #[test]
    fn prose_alone_is_left_as_it_is() {
        assert_eq!(
            blank("Plain *prose*, <!-- factlint-ignore x --> 12 troops.\n", 0),
            None
        );
    }
}
