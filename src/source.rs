//! Sources: finding the files of a corpus, reading them, and learning who published each one and when.
//!
//! A source's publication date anchors every relative date phrase in it ("on Saturday", "last year", "in March"),
//! so it is looked for in three places, most trusted first: the corpus manifest (`sources.yaml`), the source's own
//! YAML front matter, and a dateline in its text. Front matter is kept in the text (and skipped by extraction) so
//! that line numbers in diagnostics match the file on disk.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::Date;
use regex::Regex;
use serde::Deserialize;

use crate::normalize::date::parse_publication_date;

/// File name of a corpus manifest; a directory that holds one describes its sources there.
pub const MANIFEST_FILE_NAME: &str = "sources.yaml";

/// Extensions of the files that a directory walk takes as sources. Files named explicitly are always read.
const SOURCE_EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "text", "rst", "adoc", "html", "htm",
];

/// One report of the corpus, read into memory.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as given or as found by the walk; diagnostics and JSON name the source by it.
    pub path: String,
    /// A short name for the source (from the manifest or front matter; else the file stem).
    pub name: String,
    /// The outlet that published it, when known.
    pub outlet: Option<String>,
    /// The publication date, when known: relative date phrases are resolved against it.
    pub published: Option<Date>,
    /// The whole file, front matter included, so that offsets map to the file's own lines. Shared, because every
    /// diagnostic that points into the source holds it.
    pub text: Arc<str>,
    /// Byte offset where the checked text begins (after front matter).
    pub body_start: usize,
    /// True for a draft checked against the corpus (`check --draft`): reports speak of "the draft".
    pub draft: bool,
    /// Line starts, computed on first use (only sources with findings need them).
    line_index: std::sync::OnceLock<LineIndex>,
}

/// A source that could not be read; the rest of the corpus is checked regardless.
#[derive(Debug, Clone)]
pub struct SourceProblem {
    /// The path of the file.
    pub path: String,
    /// What went wrong, in words.
    pub reason: String,
}

/// The sources of a corpus, in a stable order (sorted by path), and the files that could not be read.
#[derive(Debug, Default)]
pub struct Corpus {
    /// The readable sources.
    pub sources: Vec<Source>,
    /// Files skipped with the reason why.
    pub problems: Vec<SourceProblem>,
}

/// What a manifest or front matter says about one source.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceMeta {
    name: Option<String>,
    outlet: Option<String>,
    published: Option<String>,
}

/// A manifest: source metadata keyed by file name relative to the manifest's directory.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    sources: BTreeMap<String, SourceMeta>,
}

/// Errors that stop corpus loading altogether (a broken manifest: its metadata would be silently wrong otherwise).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum CorpusError {
    /// A path given on the command line does not exist.
    #[error("no such file or directory: {0}")]
    #[diagnostic(code(factlint::corpus::missing))]
    Missing(String),
    /// The manifest could not be read or parsed.
    #[error("invalid manifest {path}: {message}")]
    #[diagnostic(code(factlint::corpus::manifest))]
    Manifest {
        /// Manifest path.
        path: String,
        /// Parser message, with line and column.
        message: String,
    },
}

/// How to read a corpus beyond its paths.
#[derive(Debug, Default)]
pub struct CorpusOptions {
    /// Files whose path (relative to `exclude_root`) matches are skipped.
    pub exclude: Option<globset::GlobSet>,
    /// The directory exclude patterns are relative to.
    pub exclude_root: PathBuf,
    /// A manifest to apply besides those found in the walked directories.
    pub manifest: Option<PathBuf>,
}

impl Corpus {
    /// Walks `paths` (files or directories; directories honour `.gitignore`), reads every source, and applies the
    /// manifests found in the walked directories.
    pub fn load(paths: &[PathBuf]) -> Result<Corpus, CorpusError> {
        Corpus::load_with(paths, &CorpusOptions::default())
    }

    /// Like [`Corpus::load`], with excludes and an extra manifest.
    pub fn load_with(paths: &[PathBuf], options: &CorpusOptions) -> Result<Corpus, CorpusError> {
        let mut files = Vec::new();
        let mut manifests = BTreeMap::new();
        if let Some(manifest) = &options.manifest {
            load_manifest(manifest, &mut manifests)?;
        }
        for path in paths {
            collect_files(path, &mut files, &mut manifests)?;
        }
        files.sort();
        files.dedup();
        files.retain(|file| !excluded(options, file));
        let mut corpus = Corpus::default();
        for file in files {
            let meta = manifest_entry(&manifests, &file);
            match read_source(&file, meta) {
                Ok(source) => corpus.sources.push(source),
                Err(reason) => corpus.problems.push(SourceProblem {
                    path: display_path(&file),
                    reason,
                }),
            }
        }
        Ok(corpus)
    }
}

/// Adds the sources under `path` to `files`, and parses each manifest met on the way into `manifests`
/// (keyed by the manifest's directory).
fn collect_files(
    path: &Path,
    files: &mut Vec<PathBuf>,
    manifests: &mut BTreeMap<PathBuf, Manifest>,
) -> Result<(), CorpusError> {
    if !path.exists() {
        return Err(CorpusError::Missing(display_path(path)));
    }
    if path.is_file() {
        files.push(path.to_path_buf());
        load_manifest_beside(path, manifests)?;
        return Ok(());
    }
    let walker = ignore::WalkBuilder::new(path)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker.flatten() {
        let entry_path = entry.path();
        if entry_path
            .file_name()
            .is_some_and(|n| n == MANIFEST_FILE_NAME)
        {
            load_manifest(entry_path, manifests)?;
        } else if entry.file_type().is_some_and(|t| t.is_file()) && has_source_extension(entry_path)
        {
            files.push(entry_path.to_path_buf());
        }
    }
    Ok(())
}

fn excluded(options: &CorpusOptions, file: &Path) -> bool {
    let Some(exclude) = &options.exclude else {
        return false;
    };
    let relative = file.strip_prefix(&options.exclude_root).unwrap_or(file);
    exclude.is_match(relative)
}

fn has_source_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SOURCE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// A file named on its own still gets the metadata of a manifest in its directory.
fn load_manifest_beside(
    file: &Path,
    manifests: &mut BTreeMap<PathBuf, Manifest>,
) -> Result<(), CorpusError> {
    let dir = file.parent().unwrap_or(Path::new(""));
    let candidate = dir.join(MANIFEST_FILE_NAME);
    if candidate.is_file() && !manifests.contains_key(dir) {
        load_manifest(&candidate, manifests)?;
    }
    Ok(())
}

fn load_manifest(
    path: &Path,
    manifests: &mut BTreeMap<PathBuf, Manifest>,
) -> Result<(), CorpusError> {
    let invalid = |message: String| CorpusError::Manifest {
        path: display_path(path),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| invalid(e.to_string()))?;
    let manifest: Manifest = serde_yaml::from_str(&text).map_err(|e| invalid(e.to_string()))?;
    let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
    manifests.insert(dir, manifest);
    Ok(())
}

/// The manifest entry of `file`: keys are paths relative to the manifest's directory; the nearest manifest wins.
fn manifest_entry(manifests: &BTreeMap<PathBuf, Manifest>, file: &Path) -> SourceMeta {
    manifests
        .iter()
        .rev()
        .find_map(|(dir, manifest)| {
            let key = file
                .strip_prefix(dir)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            manifest.sources.get(&key).cloned()
        })
        .unwrap_or_default()
}

/// Renders a path with forward slashes, so output is the same on every platform.
fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}

/// Reads one file into a [`Source`]; the error is a human-readable reason.
fn read_source(file: &Path, manifest: SourceMeta) -> Result<Source, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 (first invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    Source::from_text(display_path(file), text, manifest_fields(manifest))
}

fn manifest_fields(meta: SourceMeta) -> [Option<String>; 3] {
    [meta.name, meta.outlet, meta.published]
}

impl Source {
    /// Builds a source from its text. `given` holds name, outlet and publication date from a manifest, which win over
    /// the text's front matter, which wins over a dateline found in the text.
    fn from_text(path: String, text: String, given: [Option<String>; 3]) -> Result<Source, String> {
        let (front, body_start) = split_front_matter(&text)?;
        let [name, outlet, published] = given;
        let published_text = published.or(front.published);
        let published = match published_text {
            Some(stated) => Some(
                parse_publication_date(&stated)
                    .ok_or_else(|| format!("publication date {stated:?} is not a date"))?,
            ),
            None => find_dateline(&text[body_start..]),
        };
        let name = name.or(front.name).unwrap_or_else(|| file_stem(&path));
        Ok(Source {
            path,
            name,
            outlet: outlet.or(front.outlet),
            published,
            text: Arc::from(text),
            body_start,
            draft: false,
            line_index: std::sync::OnceLock::new(),
        })
    }

    /// Builds a source from text held in memory (a draft, or a test), reading its front matter and dateline.
    pub fn in_memory(path: &str, text: &str) -> Result<Source, String> {
        Source::from_text(path.to_string(), text.to_string(), [None, None, None])
    }

    /// The 1-based line and character column of byte `offset`.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        self.line_index
            .get_or_init(|| LineIndex::new(&self.text))
            .line_column(&self.text, offset)
    }

    /// The text that is checked: everything after the front matter.
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }
}

fn file_stem(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}

/// Splits YAML front matter (`---` ... `---` at the very start) from the text. Returns the metadata and the byte
/// offset where the body starts (0 when there is no front matter).
fn split_front_matter(text: &str) -> Result<(SourceMeta, usize), String> {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Ok((SourceMeta::default(), 0));
    };
    let opening = text.len() - rest.len();
    let Some(close) = find_closing_fence(rest) else {
        return Ok((SourceMeta::default(), 0));
    };
    let yaml = &rest[..close.start];
    let meta: SourceMeta =
        serde_yaml::from_str(yaml).map_err(|e| format!("invalid front matter: {e}"))?;
    Ok((meta, opening + close.end))
}

/// Finds the `---` line that closes front matter: the range of that line, newline included.
fn find_closing_fence(rest: &str) -> Option<std::ops::Range<usize>> {
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end_matches(['\r', '\n']) == "---" {
            return Some(offset..offset + line.len());
        }
        offset += line.len();
    }
    None
}

/// Looks for a dateline: a full date (day, month and year) that ends a line after a comma or stands after an
/// agency tag such as "(AFP)". The latest such date is taken: reports quote older dates, never later ones.
fn find_dateline(body: &str) -> Option<Date> {
    static DATELINE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let re = DATELINE.get_or_init(|| {
        let day_month_year = r"\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}|[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]{2,8} \d{4}";
        Regex::new(&format!(
            r"(?m)(?:,\s+|\)\s+|^)({day_month_year})\s*(?:[-–—:]\s*)?\r?$"
        ))
        .expect("dateline regex is valid")
    });
    re.captures_iter(body)
        .filter_map(|c| parse_publication_date(&c[1]))
        .max()
}

/// Maps byte offsets to 1-based line and column (column counted in characters), for diagnostics and JSON.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`. A line ends at `\n`, at `\r\n`, or at a lone `\r`.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            let lone_cr = b == b'\r' && bytes.get(i + 1) != Some(&b'\n');
            if b == b'\n' || lone_cr {
                line_starts.push(i + 1);
            }
        }
        LineIndex { line_starts }
    }

    /// The 1-based line and character column of byte `offset` in `text` (the text this index was built from).
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let column = text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_read_and_skipped() {
        let text = "---\nname: wire\noutlet: Wire\npublished: May 14, 2024\n---\nBody line.\n";
        let source = Source::in_memory("a.md", text).unwrap();
        assert_eq!(source.name, "wire");
        assert_eq!(source.outlet.as_deref(), Some("Wire"));
        assert_eq!(source.published, Some(jiff::civil::date(2024, 5, 14)));
        assert_eq!(source.body(), "Body line.\n");
    }

    #[test]
    fn dateline_gives_the_latest_full_date() {
        let text = "Caption in Niamey, on April 13, 2024.\nSputnik Africa, 1920, 20.05.2024\nOld, 19.05.2024\n";
        let source = Source::in_memory("s.txt", text).unwrap();
        assert_eq!(source.published, Some(jiff::civil::date(2024, 5, 20)));
        assert_eq!(source.name, "s");
    }

    #[test]
    fn agency_dateline_is_found() {
        let text = "Niamey, Niger (AFP) May 14, 2024 -\nText.";
        assert_eq!(
            Source::in_memory("x.txt", text).unwrap().published,
            Some(jiff::civil::date(2024, 5, 14))
        );
    }

    #[test]
    fn no_date_means_unknown_publication() {
        assert_eq!(
            Source::in_memory("x.txt", "No date here.")
                .unwrap()
                .published,
            None
        );
    }

    #[test]
    fn unterminated_front_matter_is_text() {
        let source = Source::in_memory("x.txt", "---\nname: a\nno closing fence").unwrap();
        assert_eq!(source.body_start, 0);
    }

    #[test]
    fn line_index_handles_crlf_and_lone_cr() {
        let text = "ab\r\ncd\ref\ngé h";
        let index = LineIndex::new(text);
        assert_eq!(index.line_column(text, 0), (1, 1));
        assert_eq!(index.line_column(text, 4), (2, 1));
        assert_eq!(index.line_column(text, 7), (3, 1));
        let h = text.find('h').unwrap();
        assert_eq!(index.line_column(text, h), (4, 4));
    }
}
