//! Sources: finding the files of a corpus, reading them, and learning who published each one and when.
//!
//! A source's publication date anchors every relative date phrase in it ("on Saturday", "last year", "in March"),
//! so it is looked for in three places, most trusted first: the corpus manifest (`sources.yaml`), the source's own
//! YAML front matter, and a dateline in its text. Front matter is kept in the text (and skipped by extraction) so
//! that line numbers in diagnostics match the file on disk.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::Date;
use regex::Regex;
use serde::Deserialize;

use crate::formats::{self, Format, Layout, OffsetMap, PageMeta};
use crate::kinds::date::{month, parse_date, parse_publication_date, Day, DATE_PHRASE};
use crate::model::Position;
use crate::text::{front_matter, positions, FrontMatter, LineIndex, BOM};
use crate::walk::{display_path, Reason, Skipped, WalkOptions};
use crate::yaml::{self, YamlError};

/// File name of a corpus manifest; a directory that holds one describes its sources there.
pub const MANIFEST_FILE_NAME: &str = "sources.yaml";

/// Extensions of the files that a directory walk takes as sources. Files named explicitly are always read.
const SOURCE_EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "text", "rst", "adoc", "html", "htm", "xhtml", "docx", "pdf",
];

/// One report of the corpus, read into memory: what is known about it ([`SourceInfo`], whose fields it derefs to,
/// so `source.path` and `source.published` read and write them) and its text.
#[derive(Debug, Clone)]
pub struct Source {
    /// Who published it and when, and where to read it again.
    pub info: SourceInfo,
    /// The prose that is checked, front matter included, so that offsets map to the file's own lines: the file's
    /// text for plain text and Markdown (whose code and link targets are blanked out), the article's text for a web
    /// page (whose places are mapped back to the page by its layout). Shared, because every diagnostic that points
    /// into the source holds it.
    pub text: Arc<str>,
    /// Byte offset where the checked text begins (after front matter).
    pub body_start: usize,
    /// Line starts, computed on first use (only sources with suppression markers need them), shared with the
    /// excerpts that diagnostics show.
    line_index: std::sync::OnceLock<Arc<LineIndex>>,
    /// Where the prose stands in the file, when places are not the prose's own (a web page, blanked Markdown).
    layout: Option<Arc<Layout>>,
}

impl std::ops::Deref for Source {
    type Target = SourceInfo;

    fn deref(&self) -> &SourceInfo {
        &self.info
    }
}

impl std::ops::DerefMut for Source {
    fn deref_mut(&mut self) -> &mut SourceInfo {
        &mut self.info
    }
}

/// Where a source's text comes from, so that a report can show it again after the check has let it go.
#[derive(Debug, Clone)]
enum Origin {
    /// A file, read again from disk.
    File(PathBuf),
    /// A file whose path is the source's own `path`, as a walked file's is: read again from there, without a second
    /// copy of the path for every source of the corpus.
    AtPath,
    /// A text held in memory (a draft, an example): kept, since there is nothing to read it from.
    Memory(Arc<str>),
}

/// What a check keeps of a source: who published it and when, and where to read it again. Holding no text, a
/// corpus of any size fits in memory as a list of these.
#[derive(Debug, Clone)]
pub struct SourceInfo {
    /// The path as given or as found by the walk; diagnostics and JSON name the source by it.
    pub path: String,
    /// A short name for the source (from the manifest or front matter; else the file stem).
    pub name: String,
    /// The outlet that published it, when known.
    pub outlet: Option<Arc<str>>,
    /// The publication date, when known: relative date phrases are resolved against it.
    pub published: Option<Date>,
    /// When the publication date was not stated by a manifest or front matter: where it came from (the page's
    /// metadata, "<meta property=\"article:published_time\"> in the page") or the evidence it was inferred from
    /// ("dateline 'HARLAN CITY, March 17', with the year of 'March 14, 2025'").
    pub published_inferred: Option<String>,
    /// The minute of the day it was published ("2025-03-15T08:00:00Z" gives 480), when the stated date gives it.
    pub published_minute: Option<u16>,
    /// True for a draft checked against the corpus (`check --draft`): reports speak of "the draft".
    pub draft: bool,
    /// How the file was read (plain text, Markdown, a web page); spans in reports are the file's bytes.
    pub format: Format,
    /// Where to read the text again.
    origin: Origin,
}

impl SourceInfo {
    /// The same, as a check keeps it for the rest of the check: its outlet held once among `outlets` (a corpus of
    /// thousands of reports names a handful), and its strings copied at their exact length on the calling thread, so
    /// that they neither waste capacity nor keep alive the pages of the thread that read the source, which hold
    /// its text and are given back once it is let go.
    pub(crate) fn kept(self, outlets: &mut HashSet<Arc<str>>) -> SourceInfo {
        let outlet = self.outlet.map(|outlet| match outlets.get(&outlet) {
            Some(kept) => Arc::clone(kept),
            None => {
                let kept: Arc<str> = Arc::from(&*outlet);
                outlets.insert(Arc::clone(&kept));
                kept
            }
        });
        SourceInfo {
            path: self.path.as_str().to_owned(),
            name: self.name.as_str().to_owned(),
            outlet,
            published_inferred: self.published_inferred.as_deref().map(str::to_owned),
            origin: match self.origin {
                Origin::File(file) => Origin::File(file.as_path().to_owned()),
                origin => origin,
            },
            ..self
        }
    }

    /// The source's whole text, read again (for a file) so that a report can quote it; `None` when the file can no
    /// longer be read.
    pub fn text(&self) -> Option<Arc<str>> {
        if let Origin::Memory(text) = &self.origin {
            return Some(text.clone());
        }
        let bytes = std::fs::read(self.file()?).ok()?;
        if self.format.is_binary() {
            let prose = formats::read_binary(self.format, &bytes).ok()?;
            prose.shown.map(Arc::from)
        } else {
            formats::encoding::decode(self.format, bytes)
                .ok()
                .map(Arc::from)
        }
    }

    /// The file the source is read again from; `None` for a text held in memory.
    fn file(&self) -> Option<&Path> {
        match &self.origin {
            Origin::File(file) => Some(file),
            Origin::AtPath => Some(Path::new(&self.path)),
            Origin::Memory(_) => None,
        }
    }

    /// The source itself, read again with what the check knew about it; `None` when it can no longer be read.
    pub fn read(&self) -> Option<Source> {
        let given = [None, None, None, None];
        let read_as = (self.format, Some(self.origin.clone()));
        let mut source = match &self.origin {
            Origin::File(_) | Origin::AtPath => Source::from_file_bytes(
                self.path.clone(),
                std::fs::read(self.file()?).ok()?,
                given,
                read_as,
            ),
            // A Word or PDF draft is kept as the text read from it.
            Origin::Memory(text) if self.format.is_binary() => Source::from_text(
                self.path.clone(),
                text.to_string(),
                given,
                (Format::Plain, None),
            ),
            Origin::Memory(text) => {
                Source::from_text(self.path.clone(), text.to_string(), given, read_as)
            }
        }
        .ok()?;
        source.name = self.name.clone();
        source.outlet = self.outlet.clone();
        source.published = self.published;
        source.draft = self.draft;
        Some(source)
    }
}

/// A source of a corpus, not read yet: the check reads each in turn (or several at once) and lets it go.
#[derive(Debug)]
pub struct PendingSource(Pending);

#[derive(Debug)]
enum Pending {
    /// A file found by the walk, with what the manifest says about it and its size.
    File {
        file: PathBuf,
        meta: SourceMeta,
        bytes: u64,
    },
    /// A source already in memory (a draft), boxed: a corpus's list of pending sources is mostly files.
    Loaded(Box<Source>),
}

impl PendingSource {
    /// The path that reports will name the source by.
    pub fn path(&self) -> String {
        match &self.0 {
            Pending::File { file, .. } => display_path(file),
            Pending::Loaded(source) => source.path.clone(),
        }
    }

    /// The size of the source in bytes, as the walk saw it (for progress reports).
    pub fn bytes(&self) -> u64 {
        match &self.0 {
            Pending::File { bytes, .. } => *bytes,
            Pending::Loaded(source) => source.text.len() as u64,
        }
    }

    /// Reads the source; the error is a human-readable reason (unreadable, not UTF-8, bad front matter).
    pub fn read(&self) -> Result<Source, String> {
        match &self.0 {
            Pending::File { file, meta, .. } => read_source(file, meta.clone()),
            Pending::Loaded(source) => Ok(source.as_ref().clone()),
        }
    }
}

/// A source that could not be read; the rest of the corpus is checked regardless.
#[derive(Debug, Clone)]
pub struct SourceProblem {
    /// The path of the file.
    pub path: String,
    /// What went wrong, in words.
    pub reason: String,
}

/// The sources of a corpus, in a stable order (sorted by path), not read yet: a check reads them one at a time,
/// so that memory does not grow with the corpus.
#[derive(Debug, Default)]
pub struct Corpus {
    /// The sources, in check order.
    pub sources: Vec<PendingSource>,
    /// Entries that will not be read, with the reason why (sorted by path).
    pub problems: Vec<SourceProblem>,
}

impl Corpus {
    /// A corpus of sources held in memory (drafts, examples, tests).
    pub fn from_sources(sources: Vec<Source>) -> Corpus {
        Corpus {
            sources: sources
                .into_iter()
                .map(|s| PendingSource(Pending::Loaded(Box::new(s))))
                .collect(),
            ..Corpus::default()
        }
    }

    /// Adds a source held in memory as the last one, in place of any source with the same path (so that a draft
    /// is not compared with the corpus's copy of itself).
    pub fn add(&mut self, source: Source) {
        self.sources.retain(|s| s.path() != source.path);
        self.sources
            .push(PendingSource(Pending::Loaded(Box::new(source))));
    }

    /// The size of all sources in bytes.
    pub fn bytes(&self) -> u64 {
        self.sources.iter().map(PendingSource::bytes).sum()
    }
}

/// What a manifest or front matter says about one source.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceMeta {
    name: Option<String>,
    outlet: Option<String>,
    published: Option<String>,
    /// Where the report was published; a date in its path ("/2023/09/14/") dates a source that states none.
    url: Option<String>,
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
    /// Not one source could be read under the given paths: nothing would be checked, which in CI almost always means
    /// that the corpus is missing or broken, so it is an error rather than a silent pass.
    #[error("no sources to check in {paths}")]
    #[diagnostic(code(factlint::corpus::empty), help("{help}"))]
    NoSources {
        /// The paths that were given, comma-separated.
        paths: String,
        /// What was found instead: skipped files and why, or which files count as sources.
        help: String,
    },
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
    /// Which files a directory walk takes (ignore files, hidden files, globs, types).
    pub walk: WalkOptions,
}

impl Corpus {
    /// Walks `paths` (files or directories; directories honour `.gitignore`) and applies the manifests found in
    /// the walked directories. Sources are read later, one at a time, by the check; entries the walk cannot take are
    /// [`Corpus::problems`], and when there is no source at all the result is [`CorpusError::NoSources`].
    pub fn load(paths: &[PathBuf]) -> Result<Corpus, CorpusError> {
        Corpus::load_with(paths, &CorpusOptions::default())
    }

    /// Like [`Corpus::load`], with excludes and an extra manifest.
    pub fn load_with(paths: &[PathBuf], options: &CorpusOptions) -> Result<Corpus, CorpusError> {
        Corpus::walk(paths, options)?.read()
    }

    /// The first step of [`Corpus::load_with`]: finds the files under `paths` and parses the manifests met on the
    /// way, reading no source yet. Whatever happens to a file before [`Walk::read`] (it vanishes, it changes type)
    /// is a problem of that file, never a crash.
    pub fn walk(paths: &[PathBuf], options: &CorpusOptions) -> Result<Walk, CorpusError> {
        let mut walk = Walk {
            roots: paths.iter().map(|p| display_path(p)).collect(),
            ..Walk::default()
        };
        if let Some(manifest) = &options.manifest {
            load_manifest(manifest, &mut walk.manifests)?;
        }
        for path in paths {
            walk.add(path, &options.walk)?;
        }
        walk.files.sort();
        walk.files.dedup();
        let before = walk.files.len();
        walk.files.retain(|file| !excluded(options, file));
        for _ in walk.files.len()..before {
            walk.skipped.add(Reason::Excluded);
        }
        walk.problems
            .retain(|problem| !excluded(options, Path::new(&problem.path)));
        if walk.files.is_empty() {
            for dir in &walk.dirs {
                walk.skipped
                    .count_unlisted(dir, &options.walk, &has_source_extension);
            }
        }
        Ok(walk)
    }
}

/// The files found under the paths of a check, not yet read (see [`Corpus::walk`]).
#[derive(Debug, Default)]
pub struct Walk {
    /// The paths given, for messages.
    roots: Vec<String>,
    /// The source files, sorted.
    files: Vec<PathBuf>,
    /// Manifests, keyed by the directory they describe.
    manifests: BTreeMap<PathBuf, Manifest>,
    /// Entries the walk could not take: loops, dangling links, FIFOs.
    problems: Vec<SourceProblem>,
    /// The directories walked, to explain a walk that took nothing.
    dirs: Vec<PathBuf>,
    /// The files the walk left out, by reason.
    skipped: Skipped,
}

impl Walk {
    /// The corpus of the files found by the walk, to be read by the check. A file found under two paths (a symbolic
    /// link to it, or `./a.txt` next to `a.txt`) is taken once, so that it does not agree with itself.
    pub fn read(self) -> Result<Corpus, CorpusError> {
        let mut corpus = Corpus {
            sources: Vec::new(),
            problems: self.problems,
        };
        let mut taken_as: BTreeMap<PathBuf, String> = BTreeMap::new();
        for file in self.files {
            let path = display_path(&file);
            let identity = std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
            if let Some(first) = taken_as.get(&identity) {
                corpus.problems.push(SourceProblem {
                    reason: format!("the same file as {first}, which is checked"),
                    path,
                });
                continue;
            }
            taken_as.insert(identity, path);
            let meta = manifest_entry(&self.manifests, &file);
            let bytes = std::fs::metadata(&file).map_or(0, |m| m.len());
            corpus
                .sources
                .push(PendingSource(Pending::File { file, meta, bytes }));
        }
        corpus.problems.sort_by(|a, b| a.path.cmp(&b.path));
        if corpus.sources.is_empty() {
            return Err(no_sources(&self.roots, &corpus.problems, &self.skipped));
        }
        Ok(corpus)
    }

    /// Adds the sources under `path`, and parses each manifest met on the way.
    fn add(&mut self, path: &Path, options: &WalkOptions) -> Result<(), CorpusError> {
        let Ok(metadata) = std::fs::metadata(path) else {
            return Err(CorpusError::Missing(display_path(path)));
        };
        if metadata.is_file() {
            self.files.push(path.to_path_buf());
            return load_manifest_beside(path, &mut self.manifests);
        }
        if !metadata.is_dir() {
            self.problems.push(not_a_regular_file(path));
            return Ok(());
        }
        self.dirs.push(path.to_path_buf());
        for entry in options.walker(path) {
            match entry {
                Ok(entry) => self.add_entry(&entry, options)?,
                Err(error) => self.problems.push(walk_problem(path, &error)),
            }
        }
        Ok(())
    }

    /// Takes one entry of a directory walk: a manifest, a source, or a problem when a name that looks like a source
    /// is not a regular file (a FIFO would block a read forever, a device would never end). A regular file that is not
    /// taken is counted with the reason why.
    fn add_entry(
        &mut self,
        entry: &ignore::DirEntry,
        options: &WalkOptions,
    ) -> Result<(), CorpusError> {
        let path = entry.path();
        if path.file_name().is_some_and(|n| n == MANIFEST_FILE_NAME) {
            return load_manifest(path, &mut self.manifests);
        }
        let kind = entry.file_type();
        if kind.is_some_and(|k| k.is_dir()) {
            return Ok(());
        }
        if let Some(reason) = options.classify(path, &has_source_extension) {
            if kind.is_some_and(|k| k.is_file()) {
                self.skipped.add(reason);
            }
            return Ok(());
        }
        match kind {
            Some(kind) if kind.is_file() => self.files.push(path.to_path_buf()),
            _ => self.problems.push(not_a_regular_file(path)),
        }
        Ok(())
    }
}

fn not_a_regular_file(path: &Path) -> SourceProblem {
    SourceProblem {
        path: display_path(path),
        reason: "not a regular file (a FIFO, socket or device), so it is not read".to_string(),
    }
}

/// A walk error as the problem of the entry it is about: a symbolic link loop, a dangling link, a directory that
/// cannot be listed.
fn walk_problem(root: &Path, error: &ignore::Error) -> SourceProblem {
    match error {
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_problem(root, err)
        }
        ignore::Error::WithPath { path, err } => SourceProblem {
            path: display_path(path),
            reason: format!("cannot read: {}", innermost(err)),
        },
        ignore::Error::Loop { ancestor, child } => SourceProblem {
            path: display_path(child),
            reason: format!(
                "symbolic link loop (it leads back to {}), not followed",
                display_path(ancestor)
            ),
        },
        other => SourceProblem {
            path: display_path(root),
            reason: format!("cannot walk: {other}"),
        },
    }
}

/// The innermost error of a walk error, whose message does not repeat the path.
fn innermost(error: &ignore::Error) -> String {
    match error {
        ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. }
        | ignore::Error::WithPath { err, .. } => innermost(err),
        ignore::Error::Io(io) => io
            .get_ref()
            .and_then(|inner| inner.source())
            .map_or_else(|| io.to_string(), ToString::to_string),
        other => other.to_string(),
    }
}

/// The error for a check that read no source under `paths`, saying why each file was skipped.
pub fn nothing_read(paths: &[PathBuf], skipped: &[SourceProblem]) -> CorpusError {
    let roots: Vec<String> = paths.iter().map(|p| display_path(p)).collect();
    no_sources(&roots, skipped, &Skipped::default())
}

/// The error for a corpus with nothing to check, saying what was found instead: the files the walk left out, by
/// reason and with the flag that takes them, and the files that could not be read.
fn no_sources(roots: &[String], problems: &[SourceProblem], left_out: &Skipped) -> CorpusError {
    let extensions = SOURCE_EXTENSIONS.join(", .");
    let help = if !left_out.is_empty() {
        let mut help = format!("sources are files ending in .{extensions}; none was taken:");
        for line in left_out.lines() {
            help.push_str(&format!("\n{line}"));
        }
        for p in problems {
            help.push_str(&format!("\n{}: {}", p.path, p.reason));
        }
        help
    } else if problems.is_empty() {
        format!("sources are files ending in .{extensions}; none was found")
    } else {
        let skipped: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {}", p.path, p.reason))
            .collect();
        format!("every file was skipped:\n{}", skipped.join("\n"))
    };
    CorpusError::NoSources {
        paths: roots.join(", "),
        help,
    }
}

fn excluded(options: &CorpusOptions, file: &Path) -> bool {
    let Some(exclude) = &options.exclude else {
        return false;
    };
    let relative = file.strip_prefix(&options.exclude_root).unwrap_or(file);
    exclude.is_match(relative)
}

/// The file types of `--type`, one a line with their globs, marking those this version does not read.
pub fn type_list() -> String {
    crate::walk::types::list(&|extension| SOURCE_EXTENSIONS.contains(&extension))
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
    let manifest: Manifest =
        yaml::from_str(&text).map_err(|e| invalid(yaml_place(&text, 0, &e)))?;
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

/// Reads one file into a [`Source`]; the error is a human-readable reason.
fn read_source(file: &Path, manifest: SourceMeta) -> Result<Source, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read: {e}"))?;
    let path = display_path(file);
    let origin = if Path::new(&path) == file {
        Origin::AtPath
    } else {
        Origin::File(file.to_path_buf())
    };
    let read_as = (Format::of(&path), Some(origin));
    Source::from_file_bytes(path, bytes, manifest_fields(manifest), read_as)
}

/// The prose of a file's text read as `format`, the layout that maps it back when it is not the text itself, and
/// the file's own metadata.
fn read_format(format: Format, text: String) -> (String, Option<Layout>, PageMeta) {
    match format {
        #[cfg(feature = "html")]
        Format::Html => {
            let prose = formats::html::read(&text);
            let layout = Layout::new(Arc::from(text), prose.map.unwrap_or_default())
                .with_marker_comments(prose.marker_comments);
            (prose.text, Some(layout), prose.meta)
        }
        _ => (text, None, PageMeta::default()),
    }
}

/// A publication date stated by a manifest or front matter; one that is not a date is an error.
fn stated_date(stated: &str) -> Result<Date, String> {
    parse_publication_date(stated)
        .ok_or_else(|| format!("publication date {stated:?} is not a date"))
}

/// The publication date (and minute) a file's metadata states, with where it says it; a value that is not a date
/// is passed over.
fn metadata_date(meta: &PageMeta) -> Option<(Date, Option<u16>, String)> {
    let stated = meta.published.as_ref()?;
    let day = parse_publication_date(&stated.value)?;
    Some((day, minute_of_day(&stated.value), stated.from.clone()))
}

/// A publication date inferred from the text (a dateline) or its url, with the evidence.
fn inferred_date(body: &str, url: Option<&str>) -> Option<(Date, Option<u16>, String)> {
    infer_publication(body)
        .or_else(|| url.and_then(url_date))
        .map(|(day, evidence)| (day, None, evidence))
}

/// The time of day a publication stamp gives ("2025-03-15T08:00:00Z", "2025-03-15 08:00"), as minutes after
/// midnight in the stamp's own clock.
fn minute_of_day(stamp: &str) -> Option<u16> {
    let stamp = stamp.trim();
    if !matches!(stamp.get(10..11), Some("T" | " ")) {
        return None;
    }
    let time = stamp.get(11..16)?;
    let (hours, minutes) = time.split_once(':')?;
    let (hours, minutes): (u16, u16) = (hours.parse().ok()?, minutes.parse().ok()?);
    (hours < 24 && minutes < 60).then_some(hours * 60 + minutes)
}

fn manifest_fields(meta: SourceMeta) -> [Option<String>; 4] {
    [meta.name, meta.outlet, meta.published, meta.url]
}

impl Source {
    /// Builds a source from its file's text, read as `format`. `given` holds name, outlet and publication date from
    /// a manifest, which win over the text's front matter, which wins over the file's own metadata (a web page's),
    /// which wins over a dateline found in the text.
    fn from_text(
        path: String,
        text: String,
        given: [Option<String>; 4],
        read_as: (Format, Option<Origin>),
    ) -> Result<Source, String> {
        let read = read_format(read_as.0, text);
        Source::from_prose(path, read, given, read_as)
    }

    /// Builds a source from a file's bytes: a Word or PDF file through its reader, else its decoded text (an empty
    /// file is an error: there is nothing to check).
    fn from_file_bytes(
        path: String,
        bytes: Vec<u8>,
        given: [Option<String>; 4],
        read_as: (Format, Option<Origin>),
    ) -> Result<Source, String> {
        if read_as.0.is_binary() {
            let prose = formats::read_binary(read_as.0, &bytes)?;
            let shown: Arc<str> = Arc::from(prose.shown.unwrap_or_default());
            let layout = Layout::new(shown, prose.map.unwrap_or_default()).with_pages(prose.pages);
            return Source::from_prose(
                path,
                (prose.text, Some(layout), prose.meta),
                given,
                read_as,
            );
        }
        let text = formats::encoding::decode(read_as.0, bytes)?;
        if text.trim_start_matches(BOM).trim().is_empty() {
            return Err("empty file, nothing to check".to_string());
        }
        Source::from_text(path, text, given, read_as)
    }

    /// Builds a source from its prose, its layout and its file's metadata (see [`Source::from_text`]).
    fn from_prose(
        path: String,
        (prose, layout, meta): (String, Option<Layout>, PageMeta),
        given: [Option<String>; 4],
        (format, origin): (Format, Option<Origin>),
    ) -> Result<Source, String> {
        let (front, body_start) = split_front_matter(&prose)?;
        let (prose, layout) = match format {
            Format::Markdown => match formats::markdown::blank(&prose, body_start) {
                Some(blanked) => {
                    let original = Layout::new(Arc::from(prose), OffsetMap::default());
                    (blanked, Some(original))
                }
                None => (prose, layout),
            },
            _ => (prose, layout),
        };
        let [name, outlet, published, url] = given;
        let stated = published.or(front.published);
        let (published, published_minute, published_inferred) = match stated {
            Some(stated) => (Some(stated_date(&stated)?), minute_of_day(&stated), None),
            None => metadata_date(&meta)
                .or_else(|| {
                    let url = url.or(front.url).or(meta.url.map(|u| u.value));
                    inferred_date(&prose[body_start..], url.as_deref())
                })
                .map_or((None, None, None), |(day, minute, from)| {
                    (Some(day), minute, Some(from))
                }),
        };
        let name = name.or(front.name).unwrap_or_else(|| file_stem(&path));
        let outlet = outlet.or(front.outlet).or(meta.outlet.map(|o| o.value));
        let text: Arc<str> = Arc::from(prose);
        let shown = layout.as_ref().map_or(&text, Layout::original).clone();
        Ok(Source {
            info: SourceInfo {
                path,
                name,
                outlet: outlet.map(Arc::from),
                published,
                published_minute,
                published_inferred,
                draft: false,
                format,
                origin: origin.unwrap_or(Origin::Memory(shown)),
            },
            text,
            body_start,
            line_index: std::sync::OnceLock::new(),
            layout: layout.map(Arc::new),
        })
    }

    /// Builds a source from text held in memory (a test, an example), read as plain text, with its front matter and
    /// dateline.
    pub fn in_memory(path: &str, text: &str) -> Result<Source, String> {
        Source::from_text(
            path.to_string(),
            text.to_string(),
            [None, None, None, None],
            (Format::Plain, None),
        )
    }

    /// Builds a source from a file's bytes held in memory (a draft), read in the format its path's extension names.
    pub fn from_bytes(path: &str, bytes: Vec<u8>) -> Result<Source, String> {
        let read_as = (Format::of(path), None);
        Source::from_file_bytes(path.to_string(), bytes, [None, None, None, None], read_as)
    }

    /// The 1-based line and character column in the file of prose byte `offset`.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        match &self.layout {
            Some(layout) => layout.line_column(offset),
            None => self.lines().line_column(&self.text, offset),
        }
    }

    /// The places in the file of prose byte offsets, in the same order (one pass over the file).
    pub fn positions(&self, offsets: &[usize]) -> Vec<Position> {
        match &self.layout {
            Some(layout) => layout.positions(offsets),
            None => positions(&self.text, offsets),
        }
    }

    /// The places in the file of byte offsets of the file (not of the prose), in the same order.
    pub fn file_positions(&self, offsets: &[usize]) -> Vec<Position> {
        match &self.layout {
            Some(layout) => layout.file_positions(offsets),
            None => positions(&self.text, offsets),
        }
    }

    /// The file's comments that are not part of the prose (a web page's) and hold a `factlint-ignore` marker: each
    /// one's byte offset in the file and its text.
    pub fn marker_comments(&self) -> Vec<(usize, &str)> {
        self.layout
            .as_ref()
            .map(|layout| layout.marker_comments().collect())
            .unwrap_or_default()
    }

    /// The file's bytes that a range of the prose was read from: the span that reports give.
    pub fn span_in_file(&self, range: Range<usize>) -> Range<usize> {
        match &self.layout {
            Some(layout) => layout.span(range),
            None => range,
        }
    }

    /// The index of the text's lines, built on first use.
    pub fn lines(&self) -> Arc<LineIndex> {
        self.line_index
            .get_or_init(|| Arc::new(LineIndex::new(&self.text)))
            .clone()
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

/// Splits YAML front matter ([`front_matter`]) from the text. Returns the metadata and the byte offset where the
/// body starts (after the byte order mark when there is no front matter).
fn split_front_matter(text: &str) -> Result<(SourceMeta, usize), String> {
    let Some(FrontMatter { yaml, body_start }) = front_matter(text) else {
        let bom = if text.starts_with(BOM) {
            BOM.len_utf8()
        } else {
            0
        };
        return Ok((SourceMeta::default(), bom));
    };
    let meta: SourceMeta = yaml::from_str(&text[yaml.clone()])
        .map_err(|e| format!("invalid front matter {}", yaml_place(text, yaml.start, &e)))?;
    Ok((meta, body_start))
}

/// "at line 3, column 1: unknown field ..." for a YAML error in the part of `text` that starts at byte `start`,
/// with the place counted in the whole text (front matter starts on line 2).
fn yaml_place(text: &str, start: usize, error: &YamlError) -> String {
    match error.offset {
        Some(offset) => {
            let (line, column) = LineIndex::new(text).line_column(text, start + offset);
            format!("at line {line}, column {column}: {}", error.message)
        }
        None => format!("({})", error.message),
    }
}

/// A publication date read from the text of a source that states none, with the evidence: a full dateline
/// ([`find_dateline`]), else a dateline without a year ("HARLAN CITY, March 17 (Wire) -") that takes the year of the
/// latest full date the text gives (the next year when that date falls later in the year than the dateline: a
/// report is dated on or after every date it reports).
fn infer_publication(body: &str) -> Option<(Date, String)> {
    if let Some((day, words)) = find_dateline(body) {
        return Some((day, format!("dateline {words:?}")));
    }
    let (month_day, words) = find_yearless_dateline(body)?;
    let (latest, latest_words) = latest_full_date(body)?;
    let mut year = latest.year();
    if (month_day.0, month_day.1) < (latest.month(), latest.day()) {
        year = year.checked_add(1)?;
    }
    let day = Date::new(year, month_day.0, month_day.1).ok()?;
    Some((
        day,
        format!("dateline {words:?}, with the year of {latest_words:?}, the latest full date in the text"),
    ))
}

/// The date in a report's url ("https://example.com/news/2023/09/14/death-toll-soars", ".../2023-09-14-toll",
/// ".../2023/sep/14/toll", ".../story/20230914"), with the url as evidence: news sites date their paths by the day
/// of publication. A run of eight digits is a date only between separators and from 2000 to 2039, so that an article
/// number is seldom taken for one.
fn url_date(url: &str) -> Option<(Date, String)> {
    static DATED: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let re = DATED.get_or_init(|| {
        Regex::new(
            r"(?i)[/_-](?:(?P<y>(?:19|20)[0-9]{2})[/_-](?:(?P<m>[01]?[0-9])|(?P<name>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)[/_-](?P<d>[0-3]?[0-9])|(?P<cy>20[0-3][0-9])(?P<cm>[01][0-9])(?P<cd>[0-3][0-9]))(?:[/_.-]|$)",
        )
        .expect("the dated-url regex is valid")
    });
    re.captures_iter(url).find_map(|captures| {
        let number = |name: &str| captures.name(name)?.as_str().parse::<i16>().ok();
        let month = match captures.name("name") {
            Some(name) => i16::from(month(&name.as_str().to_lowercase())?),
            None => number("m").or_else(|| number("cm"))?,
        };
        let day = Date::new(
            number("y").or_else(|| number("cy"))?,
            i8::try_from(month).ok()?,
            i8::try_from(number("d").or_else(|| number("cd"))?).ok()?,
        )
        .ok()?;
        Some((day, format!("the date in its url {url:?}")))
    })
}

/// A dateline that opens a line with a place in capitals, a month and a day, and a dash: "HARLAN CITY, March 17
/// (Ledger Wire) -", "LAGOS, June 3 (Reuters) -".
fn find_yearless_dateline(body: &str) -> Option<((i8, i8), String)> {
    static DATELINE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let re = DATELINE.get_or_init(|| {
        Regex::new(r"(?mR)^\s*([A-Z][A-Z.' -]{1,40}(?:,\s+[A-Za-z .'-]{2,30})?,\s+([A-Z][a-z]{2,8}\.?\s+\d{1,2}))(?:\s*\([^)\n]{1,40}\))?\s*[-–—]")
            .expect("year-less dateline regex is valid")
    });
    let captures = re.captures(body)?;
    let range = parse_date(&captures[2], None).ok()?;
    match range.start {
        Day::NoYear { month, day } => Some(((month, day), captures[1].trim().to_string())),
        Day::Full(_) => None,
    }
}

/// The latest full date (day, month and year) among the date phrases of the text, with its words.
fn latest_full_date(body: &str) -> Option<(Date, String)> {
    static PHRASE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let re = PHRASE
        .get_or_init(|| Regex::new(&format!("(?i){DATE_PHRASE}")).expect("DATE_PHRASE is valid"));
    re.find_iter(body)
        .filter_map(|m| {
            let range = parse_date(m.as_str(), None).ok()?;
            match (range.start, range.end) {
                (Day::Full(start), Day::Full(end)) if start == end => {
                    Some((start, date_words(m.as_str())))
                }
                _ => None,
            }
        })
        .max_by_key(|(day, _)| *day)
}

/// The words of a date phrase without the preposition or qualifier before them ("of March 14, 2025" gives "March
/// 14, 2025").
fn date_words(phrase: &str) -> String {
    let phrase = phrase.trim();
    let starts_with_digit_or_capital =
        |w: &str| w.starts_with(|c: char| c.is_ascii_digit() || c.is_uppercase());
    let first_kept = phrase
        .split_whitespace()
        .position(starts_with_digit_or_capital)
        .unwrap_or(0);
    phrase
        .split_whitespace()
        .skip(first_kept)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Looks for a dateline: a full date (day, month and year) that ends a line after a comma or stands after an
/// agency tag such as "(AFP)", or that opens a line before a dash or a colon ("Thursday, November 23, 2023 - Talks
/// resumed") or after a label ("Updated: 2023-11-23", "Published November 23, 2023"). The latest such date is taken:
/// reports quote older dates, never later ones.
fn find_dateline(body: &str) -> Option<(Date, String)> {
    static DATELINES: std::sync::OnceLock<[Regex; 2]> = std::sync::OnceLock::new();
    let [ending, opening] = DATELINES.get_or_init(|| {
        let day_month_year = r"\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}|[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]{2,8} \d{4}";
        let label = r"(?i:date[ds]?|published|posted|updated|last updated)\s*:?";
        let weekday = r"(?:[A-Z][a-z]{2,5}day,\s+)";
        // `R`: lines end at `\n`, `\r\n` or a lone `\r`, as everywhere else.
        let ending = format!(r"(?mR)(?:,\s+|\)\s+|^)({day_month_year})\s*(?:[-–—:]\s*)?$");
        let opening = format!(
            r"(?mR)^[ \t]*(?:{label}[ \t]+{weekday}?({day_month_year})|{weekday}?({day_month_year})[ \t]*[-–—:])"
        );
        [ending, opening].map(|re| Regex::new(&re).expect("dateline regex is valid"))
    });
    ending
        .captures_iter(body)
        .chain(opening.captures_iter(body))
        .filter_map(|c| {
            let words = c.iter().skip(1).flatten().next()?.as_str();
            Some((parse_publication_date(words)?, words.to_string()))
        })
        .max_by_key(|(day, _)| *day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_read_by_its_own_path_or_another_is_read_again_from_it() {
        let dir = tempfile::tempdir_in(".").unwrap();
        let name = dir.path().file_name().unwrap();
        let walked = Path::new(name).join("report.txt");
        std::fs::write(&walked, "The base cost 110 million dollars.").unwrap();
        let by_own_path = read_source(&walked, SourceMeta::default()).unwrap();
        assert!(matches!(by_own_path.origin, Origin::AtPath));
        let dotted = Path::new(".").join(&walked);
        let by_another = read_source(&dotted, SourceMeta::default()).unwrap();
        assert!(matches!(by_another.origin, Origin::File(_)));
        assert_eq!(by_another.path, by_own_path.path);
        for source in [&by_own_path, &by_another] {
            assert_eq!(
                source.info.text().as_deref(),
                Some("The base cost 110 million dollars.")
            );
            assert_eq!(source.info.read().unwrap().text, source.text);
        }
    }

    #[test]
    fn every_extension_read_has_a_file_type() {
        for extension in SOURCE_EXTENSIONS {
            assert!(
                crate::walk::types::type_of(extension).is_some(),
                "add .{extension} to walk::types::FILE_TYPES, so that --type can name it"
            );
        }
    }

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
    fn a_date_opening_a_line_before_a_dash_or_after_a_label_is_a_dateline() {
        for (text, day) in [
            ("Thursday, November 23, 2023 - Talks resumed.\nMore.", 23),
            ("date 2023-11-22 Talks resumed on Monday.", 22),
            ("Updated: Nov. 21, 2023\nTalks resumed.", 21),
        ] {
            let source = Source::in_memory("x.txt", text).unwrap();
            assert_eq!(
                source.published,
                Some(jiff::civil::date(2023, 11, day)),
                "{text}"
            );
        }
        // a line that opens with a date and goes on is a sentence, not a dateline
        let sentence = "November 23, 2023 was a cold day.";
        assert_eq!(
            Source::in_memory("x.txt", sentence).unwrap().published,
            None
        );
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
    fn a_stamp_with_a_time_gives_the_minute_of_publication() {
        let text = "---\npublished: 2025-03-15T08:30:00Z\n---\nBody.\n";
        let source = Source::in_memory("x.txt", text).unwrap();
        assert_eq!(source.published, Some(jiff::civil::date(2025, 3, 15)));
        assert_eq!(source.published_minute, Some(8 * 60 + 30));
        assert_eq!(minute_of_day("2025-03-15 23:59"), Some(23 * 60 + 59));
        assert_eq!(minute_of_day("2025-03-15"), None);
        assert_eq!(minute_of_day("2025-03-15T25:00"), None);
    }

    #[test]
    fn a_yearless_dateline_takes_the_year_of_the_latest_full_date() {
        let text = "HARLAN CITY, March 17 (Ledger Wire) - Rescuers have worked since the quake of March 14, 2025.\n";
        let source = Source::in_memory("x.txt", text).unwrap();
        assert_eq!(source.published, Some(jiff::civil::date(2025, 3, 17)));
        let evidence = source.published_inferred.as_deref().unwrap();
        assert!(evidence.contains("HARLAN CITY, March 17"), "{evidence}");
        assert!(evidence.contains("\"March 14, 2025\""), "{evidence}");
        let new_year =
            "PORTVILLE, Jan. 2 (Wire) - The flooding that began on Dec. 28, 2024 has eased.\n";
        let source = Source::in_memory("y.txt", new_year).unwrap();
        assert_eq!(source.published, Some(jiff::civil::date(2025, 1, 2)));
        let no_year_anywhere = "PORTVILLE, Jan. 2 (Wire) - The flooding has eased.\n";
        assert_eq!(
            Source::in_memory("z.txt", no_year_anywhere)
                .unwrap()
                .published,
            None
        );
    }

    #[test]
    fn a_dated_url_dates_a_source_that_states_no_date() {
        let text = "---\nurl: https://news.example/world/2023/09/14/toll-rises/\n---\nThe toll rose on Thursday.\n";
        let source = Source::in_memory("x.txt", text).unwrap();
        assert_eq!(source.published, Some(jiff::civil::date(2023, 9, 14)));
        assert!(source
            .published_inferred
            .as_deref()
            .unwrap()
            .contains("url"));
        assert_eq!(
            url_date("https://news.example/a/2023-11-22-truce"),
            Some((
                jiff::civil::date(2023, 11, 22),
                "the date in its url \"https://news.example/a/2023-11-22-truce\"".to_string()
            ))
        );
        let day = |url: &str| url_date(url).map(|(day, _)| day);
        assert_eq!(
            day("https://news.example/story/20231122"),
            Some(jiff::civil::date(2023, 11, 22))
        );
        assert_eq!(
            day("https://news.example/world/2018/sep/28/quake-strikes"),
            Some(jiff::civil::date(2018, 9, 28))
        );
        assert_eq!(day("https://news.example/2023/13/40/x"), None);
        assert_eq!(day("https://news.example/story/202311229"), None);
        assert_eq!(day("https://news.example/story/19991122"), None);
        assert_eq!(day("https://news.example/story/20231350-x"), None);
    }

    #[test]
    fn a_stated_date_is_not_inferred() {
        let text = "---\npublished: 2024-05-14\n---\nLAGOS, June 3 (Wire) - Talks resumed on May 1, 2024.\n";
        let source = Source::in_memory("x.txt", text).unwrap();
        assert_eq!(source.published, Some(jiff::civil::date(2024, 5, 14)));
        assert_eq!(source.published_inferred, None);
    }

    #[test]
    fn unterminated_front_matter_is_text() {
        let source = Source::in_memory("x.txt", "---\nname: a\nno closing fence").unwrap();
        assert_eq!(source.body_start, 0);
    }
}
