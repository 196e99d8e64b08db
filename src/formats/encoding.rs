//! Text encodings of sources: which one a file is in, and its text decoded from it.
//!
//! A byte order mark names the encoding of any text source (UTF-8, UTF-16 little or big endian). A web page whose
//! bytes are not UTF-8 may also declare its own in its first 1,024 bytes, as browsers read it (`<meta charset>`,
//! or `<meta http-equiv="Content-Type" content="...; charset=...">`): windows-1252, ISO-8859-1, Shift_JIS and the
//! other encodings of the WHATWG Encoding Standard, through `encoding_rs`. Anything else must be UTF-8. Bytes that are not
//! valid in the encoding are never replaced: the file is skipped with the reason, so no text is lost unnoticed.
//!
//! Places stay the file's: line and column count characters, which a file decoded from another encoding keeps.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use super::Format;
use crate::text::decode_text;

/// A file's encoding and where it is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Declared {
    /// The encoding.
    pub encoding: &'static Encoding,
    /// Where the file states it, in words (`its byte order mark`, `<meta charset> in the page`).
    pub from: &'static str,
}

/// The encoding a file's byte order mark names.
fn from_bom(bytes: &[u8]) -> Option<Declared> {
    let (encoding, _) = Encoding::for_bom(bytes)?;
    Some(Declared {
        encoding,
        from: "its byte order mark",
    })
}

/// The escape byte, which ISO-2022-JP text is written with in bytes that are otherwise ASCII.
const ESCAPE: u8 = 0x1B;

/// The text of a source file read as `format`: decoded from the encoding its byte order mark names or (a web page
/// whose bytes are not UTF-8) its markup declares, else read as UTF-8. The error says in words why the bytes are
/// not text.
///
/// A page whose bytes are valid UTF-8 is read as UTF-8 whatever it declares: text in a legacy encoding is almost
/// never valid UTF-8 once it has a non-ASCII letter, while a page saved again as UTF-8 often keeps its old
/// declaration; and ASCII reads the same in every encoding a page may declare, but ISO-2022-JP (whose escape
/// bytes are looked for).
pub fn decode(format: Format, bytes: Vec<u8>) -> Result<String, String> {
    let declared = from_bom(&bytes).or_else(|| {
        let utf8 = std::str::from_utf8(&bytes).is_ok() && memchr::memchr(ESCAPE, &bytes).is_none();
        (!utf8)
            .then(|| declared_in_markup(format, &bytes))
            .flatten()
    });
    match declared {
        // UTF-8 keeps its byte order mark, which places count as the file's first bytes.
        Some(declared) if declared.encoding != UTF_8 => decode_from(&bytes, declared),
        _ => decode_text(bytes),
    }
}

/// The encoding a web page declares in its markup; none for other formats.
fn declared_in_markup(format: Format, bytes: &[u8]) -> Option<Declared> {
    match format {
        #[cfg(feature = "html")]
        Format::Html => super::html::declared_encoding(bytes),
        _ => None,
    }
}

/// Bytes decoded from a declared encoding other than UTF-8, its byte order mark left out; bytes that are not valid
/// in it are an error.
fn decode_from(bytes: &[u8], declared: Declared) -> Result<String, String> {
    let Declared { encoding, from } = declared;
    let bom_len = match Encoding::for_bom(bytes) {
        Some((bom, len)) if bom == encoding => len,
        _ => 0,
    };
    let content = &bytes[bom_len..];
    if encoding != UTF_16LE && encoding != UTF_16BE {
        if let Some(at) = memchr::memchr(0, content) {
            return Err(format!("binary file (NUL byte at offset {})", at + bom_len));
        }
    }
    encoding
        .decode_without_bom_handling_and_without_replacement(content)
        .map(|text| text.into_owned())
        .ok_or_else(|| {
            format!(
                "not valid {} (the encoding named by {from}); convert it to UTF-8",
                encoding.name()
            )
        })
}

/// The encoding a page's `<meta>` names (a `charset` label, or the `charset=` of a `Content-Type`), as the
/// Encoding Standard reads labels: UTF-16 labels read as UTF-8 (a page that declares UTF-16 without a byte order
/// mark is ASCII-compatible), and unknown labels are passed over.
pub fn from_label(label: &str) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label(label.trim().as_bytes())?;
    Some(if encoding == UTF_16LE || encoding == UTF_16BE {
        UTF_8
    } else {
        encoding.output_encoding()
    })
}

/// The `charset=` value of a `Content-Type` (`text/html; charset=windows-1252`), quotes aside.
pub fn charset_of_content_type(content: &str) -> Option<&str> {
    let lower = content.to_ascii_lowercase();
    let at = lower.find("charset")? + "charset".len();
    let rest = content[at..].trim_start().strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .unwrap_or(rest.len());
    Some(&rest[..end]).filter(|label| !label.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_names_utf_16() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("Über 12".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(Format::Plain, bytes).unwrap(), "Über 12");
    }

    #[test]
    fn utf_8_keeps_its_byte_order_mark() {
        let bytes = "\u{feff}text".as_bytes().to_vec();
        assert_eq!(decode(Format::Plain, bytes).unwrap(), "\u{feff}text");
    }

    #[test]
    fn plain_text_in_another_encoding_is_refused_with_the_reason() {
        let error = decode(Format::Plain, b"caf\xe9 12".to_vec()).unwrap_err();
        assert!(error.starts_with("not valid UTF-8"), "{error}");
    }

    #[test]
    fn bytes_invalid_in_the_declared_encoding_are_an_error() {
        let declared = Declared {
            encoding: encoding_rs::SHIFT_JIS,
            from: "<meta charset> in the page",
        };
        let error = decode_from(b"\x81", declared).unwrap_err();
        assert_eq!(
            error,
            "not valid Shift_JIS (the encoding named by <meta charset> in the page); convert it to UTF-8"
        );
    }

    #[cfg(feature = "html")]
    #[test]
    fn a_page_declares_its_encoding_unless_it_is_utf_8() {
        let page = |text: &[u8]| [b"<meta charset=\"windows-1252\"><p>".as_slice(), text].concat();
        assert_eq!(
            decode(Format::Html, page(b"\x93Hi\x94")).unwrap(),
            "<meta charset=\"windows-1252\"><p>\u{201c}Hi\u{201d}"
        );
        assert_eq!(
            decode(Format::Html, page("“Hi”".as_bytes())).unwrap(),
            "<meta charset=\"windows-1252\"><p>“Hi”"
        );
        let japanese = b"<meta charset=\"iso-2022-jp\"><p>\x1b$B$\"\x1b(B".to_vec();
        assert!(decode(Format::Html, japanese)
            .unwrap()
            .ends_with("<p>\u{3042}"));
    }

    #[test]
    fn labels_read_as_browsers_read_them() {
        assert_eq!(from_label(" latin1 "), Some(encoding_rs::WINDOWS_1252));
        assert_eq!(from_label("utf-16"), Some(UTF_8));
        assert_eq!(from_label("no-such-charset"), None);
        assert_eq!(
            charset_of_content_type("text/html; Charset=\"ISO-8859-1\""),
            Some("ISO-8859-1")
        );
        assert_eq!(charset_of_content_type("text/html"), None);
    }
}
