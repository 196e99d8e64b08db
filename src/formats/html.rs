//! Saved web pages: the article's prose as a reader sees it, each byte mapped back to the page as saved, and the
//! page's own publication date and outlet.
//!
//! The page is tokenized once. `html5gum` (a WHATWG tokenizer that gives every token its byte span) walks it:
//! text is decoded (entities, line breaks) and aligned with the bytes it came from, whitespace is collapsed,
//! block elements become paragraph breaks, and elements that are never prose (scripts, styles, forms' controls,
//! navigation, asides, footers) are skipped; the metadata is read on the way. The same tokens, those of skipped
//! elements' content aside, build the page's tree (html5ever's tree builder into a `dom_query` document, as
//! `dom_query` parses a page), in which `dom_smoothie` (a port of Mozilla's Readability) finds the article's main
//! text; the paragraphs of the walk that it keeps are the source's prose: so related-story lists, bylines and share
//! buttons are left out without losing the exact place of what is kept. When Readability finds no article, every
//! paragraph is kept.

use std::ops::Range;

use dom_query::{Document, NodeId};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{Doctype, Tag, TagKind, Token, TokenSink};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{Attribute, LocalName, Namespace, QualName};
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Span, Tokenizer};

use super::encoding::{charset_of_content_type, from_label, Declared};
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

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
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

/// Pages larger than this are not given to Readability (which builds a tree of the whole page): every paragraph
/// of the walk is kept.
const MAX_READABILITY_BYTES: usize = 16 * 1024 * 1024;

/// Pages whose elements nest deeper than this are not given to Readability either: its tree is walked
/// recursively, and a page nested thousands deep would overflow the stack. Real pages nest a few dozen deep.
const MAX_READABILITY_DEPTH: usize = 400;

/// Reads a page into its article's prose.
pub fn read(html: &str) -> Prose {
    let mut walked = walk(html, html.len() <= MAX_READABILITY_BYTES);
    let tree = walked
        .tree
        .take()
        .filter(|_| walked.depth <= MAX_READABILITY_DEPTH);
    let kept = tree
        .and_then(|tree| main_text(tree, || without_skipped(html, &walked.skipped)))
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
    prose.marker_comments = walked.marker_comments;
    prose.meta = walked.meta.finish();
    prose
}

/// How far into a page browsers look for its `<meta charset>` (the Encoding Standard's prescan).
const PRESCAN_BYTES: usize = 1024;

/// The encoding a page declares in a `<meta>` element of its first 1,024 bytes: `<meta charset="...">`, or
/// `<meta http-equiv="Content-Type" content="text/html; charset=...">`; the first that names a known encoding.
pub fn declared_encoding(bytes: &[u8]) -> Option<Declared> {
    let start = String::from_utf8_lossy(&bytes[..bytes.len().min(PRESCAN_BYTES)]);
    Tokenizer::new(start.as_ref())
        .flatten()
        .find_map(|token| match token {
            html5gum::Token::StartTag(tag) if tag.name.as_slice() == b"meta" => {
                let attribute = |key: &str| {
                    let value = tag.attributes.get(key.as_bytes())?;
                    Some(String::from_utf8_lossy(&value.value).into_owned())
                };
                meta_charset(attribute)
            }
            _ => None,
        })
}

/// The encoding a `<meta>` element declares, from its attributes.
fn meta_charset(attribute: impl Fn(&str) -> Option<String>) -> Option<Declared> {
    if let Some(encoding) = attribute("charset").and_then(|label| from_label(&label)) {
        return Some(Declared {
            encoding,
            from: "<meta charset> in the page",
        });
    }
    let content_type = attribute("http-equiv")
        .is_some_and(|name| name.trim().eq_ignore_ascii_case("content-type"))
        .then(|| attribute("content"))
        .flatten()?;
    let encoding = charset_of_content_type(&content_type).and_then(from_label)?;
    Some(Declared {
        encoding,
        from: "<meta http-equiv=\"Content-Type\"> in the page",
    })
}

/// The word that starts a suppression marker, which a page's comments may hold.
const MARKER: &[u8] = b"factlint-ignore";

/// True when `bytes` hold `word`.
fn contains(bytes: &[u8], word: &[u8]) -> bool {
    bytes.windows(word.len()).any(|window| window == word)
}

/// The page without the content of the elements the walk skips (scripts, styles, the head, navigation, asides,
/// footers), none of which can be kept, as Readability reads it again when its strict try finds too little.
fn without_skipped(html: &str, skipped: &[Range<usize>]) -> String {
    let mut kept = String::with_capacity(html.len());
    let mut at = 0;
    for range in skipped {
        kept.push_str(html.get(at..range.start).unwrap_or_default());
        at = range.end;
    }
    kept.push_str(html.get(at..).unwrap_or_default());
    kept
}

/// The article's text as Readability finds it in the page's tree (built by the walk), or `None` when it finds none.
///
/// Readability's `parse` tries the strict policy first (unlikely elements such as sponsor boxes removed before
/// scoring) and relaxes it only when the article found has fewer characters than its threshold; to be able to, it
/// copies the page's tree before the first try. The strict try is made here on its own, without that copy, and
/// kept when its text reaches the threshold: `parse` would have kept the same article (cleaning it afterwards only
/// removes elements without text, so the text found then was no shorter). Otherwise the page (`page()`, without
/// what the walk skips) is parsed again and read by `parse`.
fn main_text(tree: Document, page: impl FnOnce() -> String) -> Option<String> {
    let config = || dom_smoothie::Config {
        disable_json_ld: true,
        ..dom_smoothie::Config::default()
    };
    let threshold = config().char_threshold;
    let mut strict = dom_smoothie::Readability::with_document(tree, None, Some(config())).ok()?;
    if let Ok(article) = strict.parse_with_policy(dom_smoothie::ParsePolicy::Strict) {
        if normalized_chars(&article.text_content) >= threshold {
            return Some(article.text_content.to_string());
        }
    }
    let mut readability = dom_smoothie::Readability::new(page(), None, Some(config())).ok()?;
    let article = readability.parse().ok()?;
    Some(article.text_content.to_string())
}

/// The characters of a text with each run of whitespace counted as one and leading whitespace not at all, as
/// Readability counts an article's length.
fn normalized_chars(text: &str) -> usize {
    let mut after_space = true;
    text.chars()
        .filter(|c| {
            let space = c.is_whitespace();
            let counted = !(after_space && space);
            after_space = space;
            counted
        })
        .count()
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
            let paragraph = &walked.text[range.clone()];
            let rest = &article[at..];
            if let Some(len) = starts_with_squeezed(rest, paragraph) {
                at += len;
                return true;
            }
            let words = squeeze(paragraph);
            let found = if words.chars().count() >= LONG_PARAGRAPH {
                let reach = rest
                    .char_indices()
                    .nth(SEARCH_REACH)
                    .map_or(rest.len(), |(i, _)| i);
                let window = rest.get(..reach + words.len()).unwrap_or(rest);
                window.find(&words).filter(|&i| i <= reach)
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

/// The length of the start of `squeezed` (a text without whitespace) that is `text` without its whitespace, if
/// `squeezed` starts so.
fn starts_with_squeezed(squeezed: &str, text: &str) -> Option<usize> {
    let mut at = 0;
    for word in text.split(char::is_whitespace) {
        if !squeezed[at..].starts_with(word) {
            return None;
        }
        at += word.len();
    }
    Some(at)
}

/// The text without its whitespace, copied a run of other characters at a time (ASCII read byte by byte, other
/// characters decoded).
fn squeeze(text: &str) -> String {
    let mut squeezed = String::with_capacity(text.len());
    let mut run = 0;
    let mut at = 0;
    while let Some(&byte) = text.as_bytes().get(at) {
        let (len, space) = if byte.is_ascii() {
            (1, matches!(byte, b'\t'..=b'\r' | b' '))
        } else {
            let c = text[at..].chars().next().unwrap_or_default();
            (c.len_utf8(), c.is_whitespace())
        };
        if space {
            squeezed.push_str(&text[run..at]);
            run = at + len;
        }
        at += len;
    }
    squeezed.push_str(&text[run..]);
    squeezed
}

/// The first walk over a page: all its prose, cut into paragraphs, and its metadata.
#[derive(Default)]
struct Walked {
    text: String,
    map: OffsetMap,
    paragraphs: Vec<Range<usize>>,
    meta: Meta,
    /// How deep elements nest at most (start tags not yet closed, void elements aside).
    depth: usize,
    /// The content of the outermost skipped elements, between their tags, in page order.
    skipped: Vec<Range<usize>>,
    /// The comments (`<!--` to `-->`) that hold a `factlint-ignore` marker.
    marker_comments: Vec<Range<usize>>,
    /// The page's tree without what the walk skips, for Readability, when asked for.
    tree: Option<Document>,
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
    skipped: Vec<&'static str>,
    /// Start of the paragraph being read, in the prose.
    paragraph_start: usize,
    in_json_ld: bool,
    /// Start tags not closed yet.
    open: usize,
    /// The start tag being read.
    tag: OpenTag,
    /// Builds the page's tree from the tokens outside skipped elements, when one is asked for.
    tree: Option<TreeFeed>,
}

/// A start tag whose attributes are being read: where it starts, its name and, for the few elements whose
/// attributes the walk reads (`<meta>`, `<link>`, `<time>`, `<script>`), those attributes, the first of each name.
#[derive(Default)]
struct OpenTag {
    start: usize,
    name: Vec<u8>,
    attributes: Vec<(Vec<u8>, Vec<u8>)>,
}

impl OpenTag {
    /// True when the tag's attributes are read.
    fn reads_attributes(&self) -> bool {
        matches!(
            self.name.as_slice(),
            b"meta" | b"link" | b"time" | b"script"
        )
    }

    /// The value of an attribute (whose name the tokenizer gives in lower case).
    fn attribute(&self, key: &str) -> Option<String> {
        self.attributes
            .iter()
            .find(|(name, _)| name == key.as_bytes())
            .map(|(_, value)| String::from_utf8_lossy(value).into_owned())
    }
}

/// A tokenizer's emitter that never reports parse errors: the walk reads the page as browsers do and has no use
/// for them, and the tokenizer then skips checking every character of the page for them.
struct Quiet<E>(E);

impl<E: Emitter> ForwardingEmitter for Quiet<E> {
    type Token = E::Token;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.0
    }

    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn emit_error(&mut self, _: html5gum::Error) {}
}

/// Walks the page's tokens into prose, paragraphs and metadata, and (when `tree`) the page's tree without the
/// content of skipped elements. The tokenizer's events are read as they come (tag names, attributes and text
/// borrowed from it), with no token built for every tag.
fn walk(html: &str, tree: bool) -> Walked {
    let mut walk = Walk {
        tree: tree.then(TreeFeed::new),
        ..Walk::default()
    };
    let mut emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, span: Span<usize>| {
        walk.event(html, event, span.start..span.end);
        None::<()>
    });
    emitter.naively_switch_states(true);
    Tokenizer::new_with_emitter(html, Quiet(emitter)).for_each(drop);
    walk.paragraph_break(html.len());
    walk.out.tree = walk.tree.map(TreeFeed::finish);
    walk.out
}

impl Walk {
    /// True when the text that comes next is read: prose outside skipped elements, or a JSON-LD block.
    fn reads_text(&self) -> bool {
        self.skipped.is_empty() || self.in_json_ld
    }

    /// Reads one of the tokenizer's events, at bytes `span` of the page.
    fn event(&mut self, html: &str, event: CallbackEvent<'_>, span: Range<usize>) {
        if let Some(tree) = self.tree.as_mut().filter(|_| self.skipped.is_empty()) {
            tree.event(&event);
        }
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.tag.start = span.start;
                self.tag.name.clear();
                self.tag.name.extend_from_slice(name);
                self.tag.attributes.clear();
            }
            CallbackEvent::AttributeName { name } if self.tag.reads_attributes() => {
                self.tag.attributes.push((name.to_vec(), Vec::new()));
            }
            CallbackEvent::AttributeValue { value } if self.tag.reads_attributes() => {
                if let Some((_, last)) = self.tag.attributes.last_mut() {
                    last.extend_from_slice(value);
                }
            }
            CallbackEvent::CloseStartTag { self_closing } => {
                let tag = std::mem::take(&mut self.tag);
                self.start_tag(&tag, self_closing, tag.start..span.end);
                self.tag = tag;
            }
            CallbackEvent::Comment { value } if contains(value, MARKER) => {
                self.out.marker_comments.push(span);
            }
            CallbackEvent::EndTag { name } => {
                let inside = !self.skipped.is_empty();
                self.end_tag(&String::from_utf8_lossy(name), span.start);
                // The end tag that closes the outermost skipped element is in the tree, around no content.
                if let Some(tree) = self
                    .tree
                    .as_mut()
                    .filter(|_| inside && self.skipped.is_empty())
                {
                    tree.event(&CallbackEvent::EndTag { name });
                }
            }
            CallbackEvent::String { value } if self.reads_text() => {
                let decoded = String::from_utf8_lossy(value);
                self.string(
                    html.get(span.clone()).unwrap_or_default(),
                    &decoded,
                    span.start,
                );
            }
            _ => {}
        }
    }

    /// Reads a start tag (whose name the tokenizer gives in lower case) at bytes `span` of the page.
    fn start_tag(&mut self, tag: &OpenTag, self_closing: bool, span: Range<usize>) {
        let name = String::from_utf8_lossy(&tag.name);
        let attribute = |key: &str| tag.attribute(key);
        match name.as_ref() {
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
            "br" => self.line_break(span.clone()),
            _ => {}
        }
        if !self_closing && !VOID.contains(&name.as_ref()) {
            self.open += 1;
            self.out.depth = self.out.depth.max(self.open);
        }
        let skipped = SKIPPED
            .iter()
            .find(|s| **s == name)
            .filter(|_| !self_closing);
        if let Some(skipped) = skipped {
            if self.skipped.is_empty() {
                self.out.skipped.push(span.end..span.end);
            }
            self.skipped.push(skipped);
        } else if BLOCKS.contains(&name.as_ref()) {
            self.paragraph_break(span.start);
        }
    }

    /// Reads an end tag (its name in lower case).
    fn end_tag(&mut self, name: &str, at: usize) {
        self.open = self.open.saturating_sub(1);
        if let Some(open) = self.skipped.iter().rposition(|s| *s == name) {
            self.skipped.truncate(open);
            if let Some(content) = self.out.skipped.last_mut().filter(|_| open == 0) {
                content.end = at.max(content.start);
            }
            self.in_json_ld = false;
        } else if BLOCKS.contains(&name) {
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
        if raw == decoded {
            // Most text has no reference and no "\r": its words are copied whole.
            self.words(raw, at);
            return;
        }
        for piece in align(raw, decoded) {
            let original = at + piece.raw.start..at + piece.raw.end;
            let text = &decoded[piece.decoded];
            if text.chars().all(char::is_whitespace) {
                self.space(original);
            } else if piece.verbatim {
                self.verbatim(text, original.start);
            } else {
                self.out.map.replaced(self.out.text.len(), original);
                self.out.text.push_str(text);
            }
        }
    }

    /// Text that is its own bytes (from byte `at` of the page): its words copied, each run of whitespace one space.
    fn words(&mut self, text: &str, at: usize) {
        let mut start = 0;
        while start < text.len() {
            let rest = &text[start..];
            let word_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
            if word_len > 0 {
                self.verbatim(&rest[..word_len], at + start);
            }
            let after = &rest[word_len..];
            let space_len = after
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(after.len());
            let space = at + start + word_len;
            if &after[..space_len] == " " && self.in_words() {
                // One plain space between words: copied, so that the map keeps one run for the whole text.
                self.verbatim(" ", space);
            } else if space_len > 0 {
                self.space(space..space + space_len);
            }
            start += word_len + space_len;
        }
    }

    /// Prose copied from the page's bytes at `original`.
    fn verbatim(&mut self, text: &str, original: usize) {
        self.out
            .map
            .verbatim(self.out.text.len(), original, text.len());
        self.out.text.push_str(text);
    }

    /// True when the paragraph has begun and the prose does not end in whitespace: a space may follow.
    fn in_words(&self) -> bool {
        self.out.text.len() > self.paragraph_start && !self.out.text.ends_with([' ', '\n'])
    }

    /// Whitespace: one space, unless the prose already ends in one or the paragraph has not begun.
    fn space(&mut self, original: Range<usize>) {
        if !self.in_words() {
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

/// Builds the page's tree, as `dom_query` parses a page, from the walk's tokens: html5ever's tree builder is given
/// the tokens that html5ever's own tokenizer would have given it, so the page is tokenized once for both.
struct TreeFeed {
    builder: TreeBuilder<NodeId, Document>,
    /// The start tag being read, with its attributes (the first of each name, as the tokenizer keeps them).
    tag: Option<Tag>,
    /// True while the value of an attribute that repeats a name is read: it is dropped.
    repeated: bool,
}

impl TreeFeed {
    /// A feed into an empty document, with the options `dom_query` parses pages with (scripting off).
    fn new() -> TreeFeed {
        let options = TreeBuilderOpts {
            scripting_enabled: false,
            ..TreeBuilderOpts::default()
        };
        TreeFeed {
            builder: TreeBuilder::new(Document::default(), options),
            tag: None,
            repeated: false,
        }
    }

    /// Gives the tree builder one of the tokenizer's events.
    fn event(&mut self, event: &CallbackEvent<'_>) {
        match event {
            CallbackEvent::OpenStartTag { name } => self.tag = Some(tag(TagKind::StartTag, name)),
            CallbackEvent::AttributeName { name } => {
                let Some(tag) = self.tag.as_mut() else { return };
                let name = LocalName::from(&*String::from_utf8_lossy(name));
                self.repeated = tag.attrs.iter().any(|a| a.name.local == name);
                tag.had_duplicate_attributes |= self.repeated;
                if !self.repeated {
                    tag.attrs.push(Attribute {
                        name: QualName::new(None, Namespace::default(), name),
                        value: StrTendril::new(),
                    });
                }
            }
            CallbackEvent::AttributeValue { value } => {
                let last = self.tag.as_mut().and_then(|tag| tag.attrs.last_mut());
                if let Some(attribute) = last.filter(|_| !self.repeated) {
                    attribute.value.push_slice(&String::from_utf8_lossy(value));
                }
            }
            CallbackEvent::CloseStartTag { self_closing } => {
                if let Some(mut tag) = self.tag.take() {
                    tag.self_closing = *self_closing;
                    self.token(Token::TagToken(tag));
                }
            }
            CallbackEvent::EndTag { name } => {
                self.token(Token::TagToken(tag(TagKind::EndTag, name)))
            }
            CallbackEvent::String { value } => {
                for (i, part) in value.split(|&b| b == 0).enumerate() {
                    if i > 0 {
                        self.token(Token::NullCharacterToken);
                    }
                    if !part.is_empty() {
                        self.token(Token::CharacterTokens(tendril(part)));
                    }
                }
            }
            CallbackEvent::Comment { value } => self.token(Token::CommentToken(tendril(value))),
            CallbackEvent::Doctype {
                name,
                public_identifier,
                system_identifier,
                force_quirks,
            } => self.token(Token::DoctypeToken(Doctype {
                name: Some(name).filter(|n| !n.is_empty()).map(|n| tendril(n)),
                public_id: public_identifier.map(tendril),
                system_id: system_identifier.map(tendril),
                force_quirks: *force_quirks,
            })),
            CallbackEvent::Error(_) => {}
        }
    }

    /// Gives the tree builder one token.
    fn token(&self, token: Token) {
        // The tokenizer switches its own states (script, style, title, textarea), as the tree builder would ask.
        let _ = self.builder.process_token(token, 1);
    }

    /// The tree, once the page has ended.
    fn finish(self) -> Document {
        self.token(Token::EOFToken);
        self.builder.end();
        self.builder.sink
    }
}

/// A tag token without attributes.
fn tag(kind: TagKind, name: &[u8]) -> Tag {
    Tag {
        kind,
        name: LocalName::from(&*String::from_utf8_lossy(name)),
        self_closing: false,
        attrs: Vec::new(),
        had_duplicate_attributes: false,
    }
}

/// Text for the tree builder.
fn tendril(bytes: &[u8]) -> StrTendril {
    StrTendril::from_slice(&String::from_utf8_lossy(bytes))
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
    fn a_page_nested_too_deep_for_readability_keeps_every_paragraph() {
        let html = format!(
            "{}<p>Deep 12 text.</p>{}",
            "<div>".repeat(5000),
            "</div>".repeat(5000)
        );
        assert_eq!(prose(&html).text, "Deep 12 text.\n");
    }

    #[test]
    fn readability_reads_the_page_without_what_is_skipped() {
        let html = "<head><title>T</title></head><body><nav><a>x</a></nav><p>Text.</p><script>s()</script></body>";
        let walked = walk(html, false);
        assert_eq!(
            without_skipped(html, &walked.skipped),
            "<head></head><body><nav></nav><p>Text.</p><script></script></body>"
        );
    }

    /// Readability's text of a page's tree built from the walk's tokens, and of the same page without what the walk
    /// skips parsed by `dom_query` on its own.
    fn both_trees(html: &str) -> (Option<String>, Option<String>) {
        let walked = walk(html, true);
        let page = without_skipped(html, &walked.skipped);
        let fed = main_text(walked.tree.unwrap(), || page.clone());
        let parsed = main_text(Document::from(page.as_str()), || page.clone());
        (fed, parsed)
    }

    #[test]
    fn the_tree_built_from_the_walk_is_the_tree_dom_query_parses() {
        let paragraphs = "<p>The river rose 12 feet overnight, officials said on Sunday, and crews worked \
                          through the night to hold the banks at three places along the lower town.</p>"
            .repeat(4);
        let pages = [
            format!("<!DOCTYPE html><html><head><title>T</title></head><body><article>{paragraphs}</article></body></html>"),
            // Quirks mode (no doctype), tags left open, a table, repeated attributes, a NUL, entities in attributes.
            format!("<body><div id=a id=b class=\"x&amp;y\"><p>Open {paragraphs}<table><tr><td>9 cells\0 here\
                     <p>in a cell</table><nav>skip <b>me</nav><p>After the nav.{paragraphs}"),
            // Foreign content, a template and a textarea.
            format!("<svg><title>x</title></svg><template><p>t</template><textarea>a <b> b</textarea>\
                     <main>{paragraphs}</main>"),
        ];
        let fixtures = ["ledger.html", "courier.html", "notes.html"]
            .map(|name| std::fs::read_to_string(format!("tests/fixtures/formats/{name}")).unwrap());
        for html in pages.iter().chain(&fixtures) {
            let (fed, parsed) = both_trees(html);
            assert!(fed.is_some(), "{html}");
            assert_eq!(fed, parsed, "{html}");
        }
        // A skipped element never closed: the tree leaves out what follows it, as the walk does (a parse of the
        // page kept it), and the prose is the same paragraphs.
        let unclosed = format!("<main>{paragraphs}</main><aside><p>never closed {paragraphs}");
        assert_eq!(prose(&unclosed).text.matches("The river rose").count(), 4);
    }

    #[test]
    fn the_first_of_two_attributes_of_the_same_name_counts() {
        let html = r#"<meta property="og:site_name" content="First" content="Second"><p>x</p>"#;
        assert_eq!(prose(html).meta.outlet.unwrap().value, "First");
    }

    #[test]
    fn paragraphs_are_matched_without_their_whitespace() {
        assert_eq!(
            starts_with_squeezed("Abouttwo.Next", "About\n two."),
            Some(9)
        );
        assert_eq!(starts_with_squeezed("Abouttwo.", "About three"), None);
        assert_eq!(squeeze(" a\u{a0}b\tc "), "abc");
        assert_eq!(squeeze("é\u{b}x\u{3000}ü\u{1c}"), "éxü\u{1c}");
    }

    #[test]
    fn an_article_is_as_long_as_readability_counts_it() {
        assert_eq!(normalized_chars("  a  b\n"), 4);
        assert_eq!(normalized_chars(""), 0);
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
