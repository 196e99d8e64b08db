//! Documents without lines of text (Word, PDF): their paragraphs become a text shown one paragraph a line, so a
//! place is "line N" for paragraph N; the prose that is checked puts a blank line between paragraphs, so that no
//! sentence runs from one paragraph into the next.

use super::map::OffsetMap;
use super::Prose;

/// The prose of `paragraphs` (each on one line of the shown text), with `pages` the indexes of the paragraphs that
/// open a page (empty for a document without pages).
pub fn prose(paragraphs: &[String], page_starts: &[usize]) -> Prose {
    let mut shown = String::new();
    let mut text = String::new();
    let mut map = OffsetMap::default();
    let mut pages = Vec::new();
    for (index, paragraph) in paragraphs.iter().enumerate() {
        if index > 0 {
            map.replaced(text.len(), shown.len()..shown.len() + 1);
            text.push_str("\n\n");
            shown.push('\n');
        }
        let opened_here = page_starts.iter().filter(|&&start| start == index).count();
        pages.extend(std::iter::repeat_n(shown.len(), opened_here));
        map.verbatim(text.len(), shown.len(), paragraph.len());
        text.push_str(paragraph);
        shown.push_str(paragraph);
    }
    map.replaced(text.len(), shown.len()..shown.len());
    text.push('\n');
    shown.push('\n');
    Prose {
        text,
        map: Some(map),
        shown: Some(shown),
        pages,
        ..Prose::default()
    }
}

/// A paragraph's text with its whitespace runs (tabs, line breaks inside it) made single spaces.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_is_a_line_of_the_shown_text() {
        let read = prose(
            &["One.".to_string(), String::new(), "Three 3.".to_string()],
            &[0, 2],
        );
        assert_eq!(read.text, "One.\n\n\n\nThree 3.\n");
        assert_eq!(read.shown.as_deref(), Some("One.\n\nThree 3.\n"));
        assert_eq!(read.pages, [0, 6]);
        let map = read.map.unwrap();
        let at = read.text.find("3.").unwrap();
        assert_eq!(map.range(at..at + 2), 12..14);
    }
}
