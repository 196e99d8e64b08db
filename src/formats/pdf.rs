//! PDF files: the text of each page, as `pdf-extract` lays it out (it reads fonts' encodings and `ToUnicode`
//! maps, which bare `lopdf` leaves to the caller). Each line of a page's text is a paragraph; a place is a page and
//! the line of the whole extracted text.

use super::paragraphs::{one_line, prose};
use super::Prose;

/// Reads a PDF into prose, or says why it cannot be read. The extractor panics on some malformed files; a panic
/// is caught and reported as an unreadable file, so the rest of the corpus is still checked.
pub fn read(bytes: &[u8]) -> Result<Prose, String> {
    let pages = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes))
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
    Ok(prose(&paragraphs, &page_starts))
}
