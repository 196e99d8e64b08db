//! Saved web pages: the article's prose as a reader sees it, each byte mapped back to the page as saved, and the
//! page's own publication date and outlet.
//!
//! The page is read twice. `html5gum` (a WHATWG tokenizer that gives every token its byte span) walks it once:
//! text is decoded (entities, line breaks) and aligned with the bytes it came from, whitespace is collapsed,
//! block elements become paragraph breaks, and elements that are never prose (scripts, styles, forms' controls,
//! navigation, asides, footers) are skipped; the metadata is read on the way. `dom_smoothie` (a port of Mozilla's
//! Readability) then finds the article's main text in its own parse of the page, and the paragraphs of the first
//! walk that it keeps are the source's prose: so related-story lists, bylines and share buttons are left out
//! without losing the exact place of what is kept. When Readability finds no article, every paragraph is kept.

use std::ops::Range;

use html5gum::emitters::default::DefaultEmitter;
use html5gum::{Token, Tokenizer};

use super::map::OffsetMap;
use super::{Prose, Stated};

/// Elements whose content is never prose: code, styling, embedded documents, controls, and the page's navigation,
/// asides and footers (which hold links to other stories, not the report).
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object", "canvas",
    "button", "select", "textarea", "nav", "aside", "footer",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "tr",
    "td",
    "th",
    "table",
    "blockquote",
    "section",
    "article",
    "main",
    "header",
    "figure",
    "figcaption",
    "pre",
    "hr",
    "address",
    "caption",
    "details",
    "summary",
    "body",
];

/// `<meta>` names (in `property`, `name` or `itemprop`) that state when the page was published, most specific
/// first.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "datepublished",
    "og:published_time",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "dc.date",
];

/// Reads a page into its article's prose.
pub fn read(html: &str) -> Prose {
    let walked = walk(html);
    let kept = main_text(html)
        .map(|article| kept_paragraphs(&walked, &article))
        .filter(|kept| kept.iter().any(|&k| k))
        .unwrap_or_else(|| vec![true; walked.paragraphs.len()]);
    let mut prose = Prose::default();
    let mut map = OffsetMap::default();
    let mut end = 0;
    for (paragraph, _) in walked.paragraphs.iter().zip(&kept).filter(|(_, &k)| k) {
        let original = walked.map.range(paragraph.clone());
        if !prose.text.is_empty() {
            map.replaced(prose.text.len(), original.start..original.start);
            prose.text.push_str("\n\n");
        }
        walked
            .map
            .copy_range(paragraph.clone(), &mut map, prose.text.len());
        prose.text.push_str(&walked.text[paragraph.clone()]);
        end = original.end;
    }
    if !prose.text.is_empty() {
        map.replaced(prose.text.len(), end..end);
        prose.text.push('\n');
    }
    prose.map = Some(map);
    prose.meta = walked.meta.finish();
    prose
}

/// The article's text as Readability finds it, or `None` when it finds none.
fn main_text(html: &str) -> Option<String> {
    let config = dom_smoothie::Config {
        disable_json_ld: true,
        ..dom_smoothie::Config::default()
    };
    let mut readability = dom_smoothie::Readability::new(html, None, Some(config)).ok()?;
    // `parse` tries the strict policy first (unlikely elements such as sponsor boxes removed before scoring) and
    // relaxes it only when too little text is left.
    let article = readability.parse().ok()?;
    Some(article.text_content.to_string())
}

/// Which paragraphs of the walk Readability kept: each paragraph, in order, is looked for where the article's
/// text has got to (spaces aside, since Readability joins paragraphs without them); a long paragraph may also be
/// found a little further on, past words the walk skipped.
fn kept_paragraphs(walked: &Walked, article: &str) -> Vec<bool> {
    let article = squeeze(article);
    let mut at = 0;
    walked
        .paragraphs
        .iter()
        .map(|range| {
            let words = squeeze(&walked.text[range.clone()]);
            let rest = &article[at..];
            let found = if rest.starts_with(&words) {
                Some(0)
            } else if words.chars().count() >= LONG_PARAGRAPH {
                let reach = rest
                    .char_indices()
                    .nth(SEARCH_REACH)
                    .map_or(rest.len(), |(i, _)| i);
                rest.find(&words).filter(|&i| i <= reach)
            } else {
                None
            };
            found.inspect(|&i| at += i + words.len()).is_some()
        })
        .collect()
}

/// A paragraph this long (in characters, spaces aside) may be found past text the walk did not keep.
const LONG_PARAGRAPH: usize = 24;

/// How far past the current place a long paragraph is looked for, in characters.
const SEARCH_REACH: usize = 400;

/// The text without its whitespace.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The first walk over a page: all its prose, cut into paragraphs, and its metadata.
#[derive(Default)]
struct Walked {
    text: String,
    map: OffsetMap,
    paragraphs: Vec<Range<usize>>,
    meta: Meta,
}

/// What the page's markup says about it, as found.
#[derive(Default)]
struct Meta {
    /// `(rank in PUBLISHED_META, value, where)`: the most specific `<meta>` wins.
    meta_published: Option<(usize, Stated)>,
    json_ld_published: Option<Stated>,
    time_published: Option<Stated>,
    outlet: Option<Stated>,
    url: Option<Stated>,
}

impl Meta {
    /// The publication date and outlet, most trusted first: `<meta>`, JSON-LD, the first `<time datetime>`.
    fn finish(self) -> super::PageMeta {
        super::PageMeta {
            published: self
                .meta_published
                .map(|(_, stated)| stated)
                .or(self.json_ld_published)
                .or(self.time_published),
            outlet: self.outlet,
            url: self.url,
        }
    }

    /// Reads a `<meta>` element.
    fn meta_tag(&mut self, attribute: impl Fn(&str) -> Option<String>) {
        let Some(content) = attribute("content").filter(|c| !c.trim().is_empty()) else {
            return;
        };
        for key in ["property", "name", "itemprop"] {
            let Some(name) = attribute(key) else {
                continue;
            };
            let lower = name.to_ascii_lowercase();
            let stated = || Stated {
                value: content.trim().to_string(),
                from: format!("<meta {key}=\"{name}\"> in the page"),
            };
            if let Some(rank) = PUBLISHED_META.iter().position(|m| *m == lower) {
                if self.meta_published.as_ref().is_none_or(|(r, _)| rank < *r) {
                    self.meta_published = Some((rank, stated()));
                }
            } else if lower == "og:site_name" && self.outlet.is_none() {
                self.outlet = Some(stated());
            } else if lower == "og:url" && self.url.is_none() {
                self.url = Some(stated());
            }
        }
    }

    /// Reads a JSON-LD block: the first `datePublished`, and the publisher's name.
    fn json_ld(&mut self, json: &str) {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(json) else {
            return;
        };
        if self.json_ld_published.is_none() {
            self.json_ld_published = find_key(&value, "datePublished").map(|date| Stated {
                value: date,
                from: "datePublished in the page's JSON-LD".to_string(),
            });
        }
        if self.outlet.is_none() {
            let publisher = find_value(&value, "publisher");
            self.outlet = publisher
                .and_then(|p| p.get("name").and_then(|n| n.as_str()).map(str::to_string))
                .map(|name| Stated {
                    value: name,
                    from: "the publisher in the page's JSON-LD".to_string(),
                });
        }
    }
}

/// The first string value of `key` anywhere in a JSON document (objects, arrays, `@graph`).
fn find_key(value: &serde_json::Value, key: &str) -> Option<String> {
    find_value(value, key)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// The first value of `key` anywhere in a JSON document, depth first.
fn find_value<'v>(value: &'v serde_json::Value, key: &str) -> Option<&'v serde_json::Value> {
    match value {
        serde_json::Value::Object(object) => object
            .get(key)
            .or_else(|| object.values().find_map(|v| find_value(v, key))),
        serde_json::Value::Array(items) => items.iter().find_map(|v| find_value(v, key)),
        _ => None,
    }
}

/// Where the walk is: elements it is inside that are skipped, and whether it is in a JSON-LD block.
#[derive(Default)]
struct Walk {
    out: Walked,
    /// Open skipped elements, by name.
    skipped: Vec<String>,
    /// Start of the paragraph being read, in the prose.
    paragraph_start: usize,
    in_json_ld: bool,
}

/// Walks the page's tokens into prose, paragraphs and metadata.
fn walk(html: &str) -> Walked {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let mut walk = Walk::default();
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => walk.start_tag(&tag),
            Token::EndTag(tag) => walk.end_tag(&String::from_utf8_lossy(&tag.name), tag.span.start),
            Token::String(text) => {
                let decoded = String::from_utf8_lossy(&text.value);
                let span = text.span.start..text.span.end;
                walk.string(
                    html.get(span.clone()).unwrap_or_default(),
                    &decoded,
                    span.start,
                );
            }
            _ => {}
        }
    }
    walk.paragraph_break(html.len());
    walk.out
}

impl Walk {
    fn start_tag(&mut self, tag: &html5gum::emitters::default::StartTag<usize>) {
        let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
        let attribute = |key: &str| {
            tag.attributes
                .get(key.as_bytes())
                .map(|v| String::from_utf8_lossy(&v.value).into_owned())
        };
        match name.as_str() {
            "meta" => self.out.meta.meta_tag(attribute),
            "link" if attribute("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                if let Some(href) = attribute("href") {
                    self.out.meta.url.get_or_insert(Stated {
                        value: href,
                        from: "the page's canonical link".to_string(),
                    });
                }
            }
            "time" if self.skipped.is_empty() && self.out.meta.time_published.is_none() => {
                self.out.meta.time_published = attribute("datetime").map(|value| Stated {
                    from: format!("<time datetime=\"{value}\"> in the page"),
                    value,
                });
            }
            "script" => {
                self.in_json_ld = attribute("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
            }
            "br" => self.line_break(tag.span.start..tag.span.end),
            _ => {}
        }
        if SKIPPED.contains(&name.as_str()) && !tag.self_closing {
            self.skipped.push(name);
        } else if BLOCKS.contains(&name.as_str()) {
            self.paragraph_break(tag.span.start);
        }
    }

    fn end_tag(&mut self, name: &str, at: usize) {
        let name = name.to_ascii_lowercase();
        if let Some(open) = self.skipped.iter().rposition(|s| *s == name) {
            self.skipped.truncate(open);
            self.in_json_ld = false;
        } else if BLOCKS.contains(&name.as_str()) {
            self.paragraph_break(at);
        }
    }

    /// A run of text: its raw bytes in the page (from `at`) and the text they decode to.
    fn string(&mut self, raw: &str, decoded: &str, at: usize) {
        if self.in_json_ld {
            self.out.meta.json_ld(decoded);
            return;
        }
        if !self.skipped.is_empty() {
            return;
        }
        for piece in align(raw, decoded) {
            let original = at + piece.raw.start..at + piece.raw.end;
            let text = &decoded[piece.decoded];
            if text.chars().all(char::is_whitespace) {
                self.space(original);
            } else if piece.verbatim {
                self.out
                    .map
                    .verbatim(self.out.text.len(), original.start, text.len());
                self.out.text.push_str(text);
            } else {
                self.out.map.replaced(self.out.text.len(), original);
                self.out.text.push_str(text);
            }
        }
    }

    /// Whitespace: one space, unless the prose already ends in one or the paragraph has not begun.
    fn space(&mut self, original: Range<usize>) {
        if self.out.text.len() == self.paragraph_start || self.out.text.ends_with([' ', '\n']) {
            return;
        }
        self.out.map.replaced(self.out.text.len(), original);
        self.out.text.push(' ');
    }

    /// A `<br>`: a line break within the paragraph.
    fn line_break(&mut self, original: Range<usize>) {
        if self.out.text.len() == self.paragraph_start || !self.skipped.is_empty() {
            return;
        }
        if self.out.text.ends_with(' ') {
            self.out.text.pop();
        }
        self.out.map.replaced(self.out.text.len(), original);
        self.out.text.push('\n');
    }

    /// The end of a paragraph (at byte `at` of the page), when one is open.
    fn paragraph_break(&mut self, at: usize) {
        while self.out.text.ends_with([' ', '\n']) && self.out.text.len() > self.paragraph_start {
            self.out.text.pop();
        }
        if self.out.text.len() > self.paragraph_start {
            self.out
                .paragraphs
                .push(self.paragraph_start..self.out.text.len());
            self.out.map.replaced(self.out.text.len(), at..at);
            self.out.text.push('\n');
        }
        self.paragraph_start = self.out.text.len();
    }
}

/// A piece of decoded text and the raw bytes it comes from.
struct Piece {
    decoded: Range<usize>,
    raw: Range<usize>,
    /// True when the decoded text is the raw bytes themselves.
    verbatim: bool,
}

/// Aligns a run of decoded text with its raw bytes: character for character where they are the same; a character
/// reference ("&nbsp;", "&#8217;", "&amp" without its semicolon) with the one or two characters it decodes to; a
/// line break written "\r\n" with the "\n" it reads as. Should the two part ways otherwise, the rest of the run
/// maps to the rest of the bytes as a whole.
fn align(raw: &str, decoded: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let (mut i, mut j) = (0, 0);
    while let Some(c) = decoded[j..].chars().next() {
        let r = raw[i..].chars().next();
        let (raw_len, decoded_len, verbatim) = match r {
            Some('&') if reference(&raw[i..], &decoded[j..]).is_some() => {
                let (raw_len, decoded_len) =
                    reference(&raw[i..], &decoded[j..]).unwrap_or_default();
                (raw_len, decoded_len, false)
            }
            Some('\r') if c == '\n' => (1 + usize::from(raw[i + 1..].starts_with('\n')), 1, false),
            Some(r) if r == c => (c.len_utf8(), c.len_utf8(), true),
            _ => (raw.len() - i, decoded.len() - j, false),
        };
        pieces.push(Piece {
            decoded: j..j + decoded_len,
            raw: i..i + raw_len,
            verbatim,
        });
        (i, j) = (i + raw_len, j + decoded_len);
    }
    pieces
}

/// The character reference at the start of `raw` and what it decodes to at the start of `decoded`: `(raw bytes,
/// decoded bytes)`, or `None` when `raw` starts with a plain "&". The reference's end is where the raw and the
/// decoded text agree again.
fn reference(raw: &str, decoded: &str) -> Option<(usize, usize)> {
    let name_len = raw[1..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
        .unwrap_or(raw.len() - 1);
    let full = 1 + name_len + usize::from(raw[1 + name_len..].starts_with(';'));
    if decoded.starts_with(&raw[..full]) {
        return None;
    }
    (2..=full).rev().find_map(|end| {
        decoded
            .char_indices()
            .skip(1)
            .map(|(k, _)| k)
            .chain([decoded.len()])
            .take(2)
            .find(|&k| raw[end..].chars().next() == decoded[k..].chars().next())
            .map(|k| (end, k))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(html: &str) -> Prose {
        read(html)
    }

    /// The page's bytes that a prose phrase maps back to.
    fn original<'h>(html: &'h str, prose: &Prose, phrase: &str) -> &'h str {
        let start = prose.text.find(phrase).expect("the phrase is in the prose");
        let map = prose.map.as_ref().unwrap();
        &html[map.range(start..start + phrase.len())]
    }

    #[test]
    fn tags_and_entities_are_read_as_a_reader_sees_them() {
        let html = "<p>About 1,100 <b>US troops</b> stay until Sept.&nbsp;15 &amp; no longer.</p>";
        let read = prose(html);
        assert_eq!(
            read.text,
            "About 1,100 US troops stay until Sept. 15 & no longer.\n"
        );
        assert_eq!(
            original(html, &read, "1,100 US troops"),
            "1,100 <b>US troops"
        );
        assert_eq!(original(html, &read, "Sept. 15"), "Sept.&nbsp;15");
        assert_eq!(original(html, &read, "& no"), "&amp; no");
    }

    #[test]
    fn scripts_styles_and_navigation_are_not_prose() {
        let html =
            "<nav>Home 9 stories</nav><p>Text one.</p><script>var t = '5,000 troops';</script>\
                    <style>p { margin: 2px }</style><footer>(c) 2024</footer>";
        assert_eq!(prose(html).text, "Text one.\n");
    }

    #[test]
    fn references_align_with_their_bytes() {
        let pieces = align("a&#x41;&ampb\r\nc", "aA&b\nc");
        let raw: Vec<_> = pieces.iter().map(|p| p.raw.clone()).collect();
        assert_eq!(raw, [0..1, 1..7, 7..11, 11..12, 12..14, 14..15]);
        assert_eq!(reference("&T", "&T"), None);
    }

    #[test]
    fn metadata_gives_the_date_and_where_it_came_from() {
        let html = r#"<head><meta property="og:site_name" content="The Ledger">
            <meta name="date" content="2024-05-01">
            <meta property="article:published_time" content="2024-05-14T08:30:00Z"></head><p>x</p>"#;
        let meta = prose(html).meta;
        let published = meta.published.unwrap();
        assert_eq!(published.value, "2024-05-14T08:30:00Z");
        assert_eq!(
            published.from,
            "<meta property=\"article:published_time\"> in the page"
        );
        assert_eq!(meta.outlet.unwrap().value, "The Ledger");
    }

    #[test]
    fn json_ld_and_time_elements_date_a_page_without_meta() {
        let html = r#"<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle",
            "datePublished":"2024-06-02","publisher":{"name":"Wire"}}]}</script>
            <p><time datetime="2024-06-01">June 1</time> text</p>"#;
        let meta = prose(html).meta;
        assert_eq!(meta.published.unwrap().value, "2024-06-02");
        assert_eq!(meta.outlet.unwrap().value, "Wire");
        let time_only = prose("<p><time datetime=\"2024-06-01\">June 1</time></p>").meta;
        assert_eq!(time_only.published.unwrap().value, "2024-06-01");
    }
}
