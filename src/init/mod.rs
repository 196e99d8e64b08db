//! `factlint init`: the files a first run needs, written so that they explain themselves. A commented
//! `factlint.yaml` that names the corpus found in the directory, a starter rule file with one claim of each kind and
//! its examples, the JSON Schema of rule files for editors, and a manifest that lists every source found with the
//! publication date factlint could read or infer, so that the user fills in only what is missing.
//!
//! Planning reads the directory and writes nothing; [`write`] then creates the files, keeping any that exist.

use std::path::{Path, PathBuf};

use crate::config::CONFIG_FILE_NAME;
use crate::rules::rules_schema;
use crate::source::{Corpus, CorpusError, CorpusOptions, PendingSource, MANIFEST_FILE_NAME};
use crate::walk::{display_path, WalkOptions};

/// The starter rules: one claim of each kind, about a made-up bridge, each with examples that `factlint test` runs.
pub const STARTER_RULES: &str = include_str!("starter-rules.yaml");

/// Where the starter rules go, relative to the initialised directory.
const RULES_DIR: &str = "rules";

/// One file `init` writes: its path relative to the initialised directory, and its text.
#[derive(Debug, Clone)]
pub struct InitFile {
    /// The path, relative to the initialised directory.
    pub path: PathBuf,
    /// The whole text of the file.
    pub text: String,
}

/// What `init` will write, and what it found.
#[derive(Debug)]
pub struct Init {
    /// The files, in the order they are written.
    pub files: Vec<InitFile>,
    /// The sources found, each with what is known of its publication.
    pub sources: Vec<Found>,
    /// True when some sources are found only by walking what ignore files exclude.
    pub needs_no_ignore: bool,
}

/// A source found in the directory, with what factlint could read of it.
#[derive(Debug)]
pub struct Found {
    /// Its path as the walk gives it.
    pub path: String,
    /// Its path relative to the initialised directory, with forward slashes: its key in the manifest.
    pub key: String,
    /// Its name (front matter, else the file stem).
    pub name: String,
    /// Its outlet, when the source states it.
    pub outlet: Option<String>,
    /// Its publication date, when stated or inferred.
    pub published: Option<String>,
    /// How the publication date was inferred, when it was not stated.
    pub inferred: Option<String>,
    /// Why the source could not be read, when it could not.
    pub unreadable: Option<String>,
}

/// Plans the files of `init` in `dir`: finds the sources under it (those ignore files exclude included), reads
/// what each says of its publication, and renders the configuration, rules, schema and manifest. An invalid
/// manifest already in the directory is an error; a directory with no source gives a configuration that says so.
pub fn plan(dir: &Path) -> Result<Init, CorpusError> {
    let walked: Vec<String> = walk_sources(dir, false)?
        .iter()
        .map(PendingSource::path)
        .collect();
    let all: Vec<Found> = walk_sources(dir, true)?
        .iter()
        .map(|s| found(dir, s))
        .collect();
    let (paths, left_out) = corpus_paths(&all);
    let sources: Vec<Found> = all
        .into_iter()
        .filter(|s| !left_out.contains(&s.key))
        .collect();
    let needs_no_ignore = sources.iter().any(|s| !walked.contains(&s.path));
    let mut files = vec![InitFile {
        path: PathBuf::from(CONFIG_FILE_NAME),
        text: config_text(&paths, &left_out, sources.is_empty(), needs_no_ignore),
    }];
    if !has_rule_files(&dir.join(RULES_DIR)) {
        files.push(InitFile {
            path: Path::new(RULES_DIR).join("starter.yaml"),
            text: STARTER_RULES.to_string(),
        });
        files.push(InitFile {
            path: Path::new(RULES_DIR).join("rules.schema.json"),
            text: rules_schema(),
        });
    }
    files.push(InitFile {
        path: PathBuf::from(MANIFEST_FILE_NAME),
        text: manifest_text(&sources),
    });
    Ok(Init {
        files,
        sources,
        needs_no_ignore,
    })
}

/// What became of a file of the plan.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Written.
    Written,
    /// Left as it was, since it exists (and overwriting was not asked for).
    Kept,
}

/// Writes the files of `init` under `dir`, creating folders; an existing file is kept unless `overwrite`. The
/// error names the file that could not be written.
pub fn write(dir: &Path, init: &Init, overwrite: bool) -> Result<Vec<(PathBuf, Outcome)>, String> {
    let mut outcomes = Vec::new();
    for file in &init.files {
        let path = dir.join(&file.path);
        if path.exists() && !overwrite {
            outcomes.push((file.path.clone(), Outcome::Kept));
            continue;
        }
        let cannot = |e: std::io::Error| format!("cannot write {}: {e}", display_path(&path));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(cannot)?;
        }
        std::fs::write(&path, &file.text).map_err(cannot)?;
        outcomes.push((file.path.clone(), Outcome::Written));
    }
    Ok(outcomes)
}

/// The sources a walk of `dir` finds, honouring ignore files or not; none when there are none.
fn walk_sources(dir: &Path, no_ignore: bool) -> Result<Vec<PendingSource>, CorpusError> {
    let mut walk = WalkOptions::default();
    walk.no_ignore = no_ignore;
    let options = CorpusOptions {
        walk,
        ..CorpusOptions::default()
    };
    match Corpus::walk(&[dir.to_path_buf()], &options)?.read() {
        Ok(corpus) => Ok(corpus.sources),
        Err(CorpusError::NoSources { .. }) => Ok(Vec::new()),
        Err(other) => Err(other),
    }
}

/// What can be read of one source found under `dir`.
fn found(dir: &Path, source: &PendingSource) -> Found {
    let path = source.path();
    let root = display_path(dir);
    let key = match path.strip_prefix(&format!("{root}/")) {
        Some(relative) if root != "." => relative.to_string(),
        _ => path.clone(),
    };
    match source.read() {
        Ok(read) => Found {
            path,
            key,
            name: read.name.clone(),
            outlet: read.outlet.as_deref().map(str::to_string),
            published: read.published.map(|d| d.to_string()),
            inferred: read.published_inferred.clone(),
            unreadable: None,
        },
        Err(reason) => Found {
            name: Path::new(&key)
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned()),
            key,
            path,
            outlet: None,
            published: None,
            inferred: None,
            unreadable: Some(reason),
        },
    }
}

/// True when `dir` holds a rule file already: the starter rules would then mix with the user's own.
fn has_rule_files(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.filter_map(Result::ok).any(|e| {
            let path = e.path();
            path.extension().is_some_and(|x| x == "yaml" || x == "yml")
        })
    })
}

/// The corpus paths to name in the configuration: the top folders that hold sources, or `.` when sources lie at
/// the top (or none was found); and the top files left out that way, for a comment.
fn corpus_paths(sources: &[Found]) -> (Vec<String>, Vec<String>) {
    let mut folders: Vec<String> = Vec::new();
    let mut top_files = Vec::new();
    for source in sources {
        match source.key.split_once('/') {
            Some((folder, _)) if !folders.iter().any(|f| f == folder) => {
                folders.push(folder.to_string())
            }
            Some(_) => {}
            None => top_files.push(source.key.clone()),
        }
    }
    if folders.is_empty() {
        (vec![".".to_string()], Vec::new())
    } else {
        (folders, top_files)
    }
}

/// A YAML string: JSON's double-quoted form, which YAML reads as it is.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// The commented `factlint.yaml`.
fn config_text(
    paths: &[String],
    top_files: &[String],
    no_source: bool,
    needs_no_ignore: bool,
) -> String {
    let paths: Vec<String> = paths.iter().map(|p| quoted(p)).collect();
    let mut text = String::from(include_str!("config-head.yaml"));
    text.push_str(&format!("paths: [{}]\n", paths.join(", ")));
    if no_source {
        text.push_str(
            "# No source was found here: put the reports in a folder and name it above.\n",
        );
    }
    if !top_files.is_empty() {
        text.push_str(&format!(
            "# Not listed, being at the top rather than in a corpus folder: {}. Add any that is a source.\n",
            top_files.join(", ")
        ));
    }
    text.push('\n');
    if needs_no_ignore {
        text.push_str("# Some sources are in files that .gitignore or .ignore excludes: walk them anyway.\nno_ignore: true\n");
    } else {
        text.push_str("# Walk what .gitignore and .ignore exclude (a corpus in an ignored data folder).\n# no_ignore: true\n");
    }
    text.push_str(include_str!("config-tail.yaml"));
    text
}

/// The manifest: every source found, with its name, its outlet and publication date when known, and a comment on
/// each field left to fill in.
fn manifest_text(sources: &[Found]) -> String {
    let mut text = String::from(include_str!("manifest-head.yaml"));
    if sources.is_empty() {
        text.push_str("sources: {}\n");
        return text;
    }
    text.push_str("sources:\n");
    for source in sources {
        text.push_str(&manifest_entry(source));
    }
    text
}

/// One source's entry in the manifest. What the source states itself is shown commented out, so that the manifest
/// does not hide a later correction of the source.
fn manifest_entry(source: &Found) -> String {
    let mut entry = format!("  {}:\n", quoted(&source.key));
    if let Some(reason) = &source.unreadable {
        entry.push_str(&format!("    # cannot be read as it is: {reason}\n"));
    }
    entry.push_str(&format!("    name: {}\n", quoted(&source.name)));
    entry.push_str(&match &source.outlet {
        Some(outlet) => format!(
            "    # outlet: {}   (stated by the source)\n",
            quoted(outlet)
        ),
        None => "    outlet:      # who published it: fill in\n".to_string(),
    });
    entry.push_str(&match (&source.published, &source.inferred) {
        (Some(day), Some(evidence)) => format!(
            "    published: {day}   # inferred from {}: check it\n",
            evidence.replace('\n', " ")
        ),
        (Some(day), None) => format!("    # published: {day}   (stated by the source)\n"),
        (None, _) => {
            "    published:   # not found: fill in (2024-05-14, May 14, 2024, ...)\n".to_string()
        }
    });
    entry
}
