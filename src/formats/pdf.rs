//! PDF files: the text of each page, as `pdf-extract` lays it out (it reads fonts' encodings and `ToUnicode`
//! maps, which bare `lopdf` leaves to the caller). Each line of a page's text is a paragraph; a place is a page and
//! the line of the whole extracted text. The document's date is its Info dictionary's `CreationDate` (when the PDF
//! was made: for a report, when it was issued), when it has one.

use pdf_extract::{Document, PlainTextOutput};

use super::paragraphs::{one_line, prose};
use super::{PageMeta, Prose, Stated};

/// Reads a PDF into prose, or says why it cannot be read. The extractor panics on some malformed files; a panic
/// is caught and reported as an unreadable file, so the rest of the corpus is still checked.
pub fn read(bytes: &[u8]) -> Result<Prose, String> {
    let (pages, published) = std::panic::catch_unwind(|| pages_and_date(bytes))
        .map_err(|_| "the PDF cannot be read (the extractor failed on it)".to_string())?
        .map_err(|e| format!("the PDF cannot be read: {e}"))?;
    let mut paragraphs = Vec::new();
    let mut page_starts = Vec::new();
    for page in &pages {
        page_starts.push(paragraphs.len());
        paragraphs.extend(page.lines().map(one_line).filter(|line| !line.is_empty()));
    }
    if paragraphs.is_empty() {
        return Err("the PDF has no text (a scan without a text layer?)".to_string());
    }
    Ok(Prose {
        meta: PageMeta {
            published,
            ..PageMeta::default()
        },
        ..prose(&paragraphs, &page_starts)
    })
}

/// The text of each page and the document's creation date, from one load of the file (an encrypted file is tried
/// with the empty password, as PDF readers open it).
fn pages_and_date(bytes: &[u8]) -> Result<(Vec<String>, Option<Stated>), pdf_extract::OutputError> {
    let mut document = Document::load_mem(bytes)?;
    if document.is_encrypted() {
        document.decrypt("")?;
    }
    // Pages are read from the first until one cannot be read, as the extractor reads them.
    let mut pages = Vec::new();
    for number in 1.. {
        let mut text = String::new();
        let mut output = PlainTextOutput::new(&mut text);
        if pdf_extract::output_doc_page(&document, &mut output, number).is_err() {
            break;
        }
        pages.push(text);
    }
    Ok((pages, creation_date(&document)))
}

/// The Info dictionary's `CreationDate`, as an ISO stamp, with where it came from.
fn creation_date(document: &Document) -> Option<Stated> {
    let info = document
        .trailer
        .get_deref(b"Info", document)
        .ok()?
        .as_dict()
        .ok()?;
    let date = info.get_deref(b"CreationDate", document).ok()?;
    let value = iso_stamp(&pdf_extract::decode_text_string(date).ok()?)?;
    Some(Stated {
        value,
        from: "CreationDate in the PDF's Info dictionary".to_string(),
    })
}

/// A PDF date (`D:YYYYMMDDHHmmSS` followed by `Z` or an offset `+HH'mm'`, every part after the year optional) as an
/// ISO 8601 stamp (`2025-03-18T09:30:00+01:00`); `None` when it is not one.
fn iso_stamp(date: &str) -> Option<String> {
    let date = date.trim();
    let digits = date.strip_prefix("D:").unwrap_or(date);
    let numeric_len = digits.bytes().take_while(u8::is_ascii_digit).count();
    if numeric_len < 8 || numeric_len % 2 != 0 {
        return None;
    }
    let (number, zone) = digits.split_at(numeric_len);
    let part = |at: usize| number.get(at..at + 2).unwrap_or("00");
    let mut stamp = format!("{}-{}-{}", &number[..4], part(4), part(6));
    if numeric_len > 8 {
        stamp.push_str(&format!("T{}:{}:{}", part(8), part(10), part(12)));
        stamp.push_str(&iso_zone(zone));
    }
    Some(stamp)
}

/// A PDF date's time zone (`Z`, `+01'00'`, `-05'30`, nothing) in ISO 8601 (`Z`, `+01:00`, `-05:30`, nothing).
fn iso_zone(zone: &str) -> String {
    let digits: String = zone.chars().filter(char::is_ascii_digit).collect();
    match zone.chars().next() {
        Some('Z') => "Z".to_string(),
        Some(sign @ ('+' | '-')) if digits.len() >= 2 => {
            format!(
                "{sign}{}:{}",
                &digits[..2],
                digits.get(2..4).unwrap_or("00")
            )
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_read_as_iso_stamps() {
        assert_eq!(
            iso_stamp("D:20250318093000+01'00'").as_deref(),
            Some("2025-03-18T09:30:00+01:00")
        );
        assert_eq!(
            iso_stamp("D:20250318093000Z").as_deref(),
            Some("2025-03-18T09:30:00Z")
        );
        assert_eq!(iso_stamp("D:20250318").as_deref(), Some("2025-03-18"));
        assert_eq!(iso_stamp("D:202503").as_deref(), None);
        assert_eq!(iso_stamp("yesterday"), None);
    }
}
