//! Word documents (`.docx`): the text of each paragraph of the main document (`word/document.xml`), read with
//! `zip` and `quick-xml`. Tabs and line breaks inside a paragraph read as spaces; a place is "line N" for
//! paragraph N of the body (tables' cells are paragraphs too).
//!
//! The document's date is read from its properties (`docProps/core.xml`): `dcterms:modified`, when its text was
//! last saved, which for a finished report is when it was written; `dcterms:created` when it has no such date (a
//! document created from a template keeps the template's creation date, so it comes second).

use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::paragraphs::{one_line, prose};
use super::{PageMeta, Prose, Stated};

/// The largest `document.xml` read, uncompressed: a bound against archives that inflate without end.
const MAX_DOCUMENT_BYTES: u64 = 256 * 1024 * 1024;

/// The largest `docProps/core.xml` read: its properties take a few hundred bytes.
const MAX_PROPERTIES_BYTES: u64 = 1024 * 1024;

/// Where the document's properties are kept in the archive.
const PROPERTIES: &str = "docProps/core.xml";

/// Reads a Word document into prose, or says why it cannot be read.
pub fn read(bytes: &[u8]) -> Result<Prose, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a Word document (not a readable zip archive: {e})"))?;
    let entry = archive
        .by_name("word/document.xml")
        .map_err(|_| "not a Word document (no word/document.xml in the archive)".to_string())?;
    let mut xml = String::new();
    entry
        .take(MAX_DOCUMENT_BYTES)
        .read_to_string(&mut xml)
        .map_err(|e| format!("the Word document's text cannot be read: {e}"))?;
    let paragraphs = paragraphs(&xml)?;
    Ok(Prose {
        meta: PageMeta {
            published: date(&mut archive),
            ..PageMeta::default()
        },
        ..prose(&paragraphs, &[])
    })
}

/// The document's date from its properties, with where it came from; none when it has no properties or they
/// cannot be read (the text is read all the same).
fn date(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Option<Stated> {
    let mut xml = String::new();
    archive
        .by_name(PROPERTIES)
        .ok()?
        .take(MAX_PROPERTIES_BYTES)
        .read_to_string(&mut xml)
        .ok()?;
    let dates = property_dates(&xml);
    let (name, value) = ["modified", "created"]
        .into_iter()
        .find_map(|name| Some((name, dates.get(name)?.clone())))?;
    Some(Stated {
        value,
        from: format!("dcterms:{name} in the document's properties ({PROPERTIES})"),
    })
}

/// The text of the `dcterms:created` and `dcterms:modified` elements of a `core.xml`, by local name.
fn property_dates(xml: &str) -> std::collections::BTreeMap<&'static str, String> {
    let mut reader = Reader::from_str(xml);
    let mut dates = std::collections::BTreeMap::new();
    let mut open: Option<&'static str> = None;
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(tag) => {
                open = match tag.local_name().as_ref() {
                    b"created" => Some("created"),
                    b"modified" => Some("modified"),
                    _ => None,
                }
            }
            Event::Text(text) => {
                if let (Some(name), Ok(text)) = (open, text.decode()) {
                    dates.insert(name, text.trim().to_string());
                }
            }
            Event::End(_) => open = None,
            Event::Eof => break,
            _ => {}
        }
    }
    dates.retain(|_, value| !value.is_empty());
    dates
}

/// The text of each `<w:p>` of a document's XML.
fn paragraphs(xml: &str) -> Result<Vec<String>, String> {
    let mut reader = Reader::from_str(xml);
    let mut paragraphs = Vec::new();
    let mut current: Option<String> = None;
    let mut in_text = false;
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "the Word document's XML is broken at byte {}: {e}",
                reader.error_position()
            )
        })?;
        match event {
            Event::Start(tag) if tag.local_name().as_ref() == b"p" => current = Some(String::new()),
            Event::End(tag) if tag.local_name().as_ref() == b"p" => {
                paragraphs.extend(current.take().map(|p| one_line(&p)));
            }
            Event::Empty(tag) if tag.local_name().as_ref() == b"p" => {
                paragraphs.push(String::new())
            }
            Event::Start(tag) if tag.local_name().as_ref() == b"t" => in_text = true,
            Event::End(tag) if tag.local_name().as_ref() == b"t" => in_text = false,
            Event::Empty(tag) if matches!(tag.local_name().as_ref(), b"tab" | b"br" | b"cr") => {
                current.get_or_insert_with(String::new).push(' ');
            }
            Event::Text(text) if in_text => {
                let text = text
                    .decode()
                    .map_err(|e| format!("the Word document's text is not UTF-8: {e}"))?;
                current.get_or_insert_with(String::new).push_str(&text);
            }
            Event::GeneralRef(name) if in_text => {
                let name = name.decode().unwrap_or_default();
                let reference = format!("&{name};");
                let text = quick_xml::escape::unescape(&reference).unwrap_or_default();
                current.get_or_insert_with(String::new).push_str(&text);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(paragraphs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_join_their_runs() {
        let xml = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>About </w:t></w:r><w:r><w:t>900</w:t></w:r>
            <w:r><w:tab/><w:t>crews &amp; more</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>End.</w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(
            paragraphs(xml).unwrap(),
            ["About 900 crews & more", "", "End."]
        );
    }

    #[test]
    fn the_last_saved_date_comes_before_the_created_date() {
        let xml = r#"<cp:coreProperties xmlns:cp="c" xmlns:dcterms="d"><dc:title>T</dc:title>
            <dcterms:created xsi:type="dcterms:W3CDTF">2025-03-01T09:00:00Z</dcterms:created>
            <dcterms:modified xsi:type="dcterms:W3CDTF"> 2025-03-18T16:45:00Z </dcterms:modified></cp:coreProperties>"#;
        let dates = property_dates(xml);
        assert_eq!(dates["modified"], "2025-03-18T16:45:00Z");
        assert_eq!(dates["created"], "2025-03-01T09:00:00Z");
        assert!(
            property_dates("<cp:coreProperties><dcterms:modified/></cp:coreProperties>").is_empty()
        );
    }

    #[test]
    fn a_file_that_is_not_a_word_document_says_so() {
        assert!(read(b"plain text")
            .unwrap_err()
            .contains("not a Word document"));
    }
}
