//! Why a walk left files out, counted by reason, with the flag that would take them: the help of a check that
//! found nothing to read.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};

use super::{display_path, Filters, WalkOptions};

/// Why a file was not taken. The order of the variants is the order of the explanation's lines.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// Excluded by this ignore file (its path, as messages show it).
    IgnoreFile(String),
    /// Excluded by ignore rules that no ignore file under the file's directories gives (the global git ignore file).
    IgnoreRules,
    /// Hidden, or under a hidden directory.
    Hidden,
    /// Left out by the `-g/--glob` globs.
    Glob,
    /// Left out by `exclude` in factlint.yaml.
    Excluded,
    /// Of this type, which `--type`/`--type-not` leaves out.
    OtherType(&'static str),
    /// Of this type, which this version does not read.
    NotRead(&'static str),
    /// Of no known type: its extension (empty when it has none).
    OtherExtension(String),
}

/// The files a walk left out, counted by reason.
#[derive(Debug, Default, Clone)]
pub struct Skipped {
    counts: BTreeMap<Reason, usize>,
}

impl Skipped {
    /// Counts one file left out for `reason`.
    pub fn add(&mut self, reason: Reason) {
        *self.counts.entry(reason).or_default() += 1;
    }

    /// True when no file was left out.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Counts the files under `root` that the walk of `options` did not even list (ignored, hidden, left out by a
    /// glob) and that would otherwise be taken: of a type that is selected and whose extension the reader `reads`.
    /// Each file is counted once, for the first of ignore file, hidden and glob that leaves it out (a glob is
    /// the user's own choice, so it is named last).
    pub fn count_unlisted(
        &mut self,
        root: &Path,
        options: &WalkOptions,
        reads: &dyn Fn(&Path) -> bool,
    ) {
        let takes = |path: &Path| options.classify(path, reads).is_none();
        let on = options.filters();
        let off = Filters {
            ignore_files: false,
            hidden: false,
            globs: false,
        };
        let listed = |filters: Filters| -> BTreeSet<PathBuf> {
            options.files(root, filters, &takes).into_iter().collect()
        };
        let taken = listed(on);
        let filters = [
            (
                on.ignore_files,
                Filters {
                    ignore_files: true,
                    ..off
                },
            ),
            (
                on.hidden,
                Filters {
                    hidden: true,
                    ..off
                },
            ),
            (on.globs, Filters { globs: true, ..off }),
        ];
        let alone: Vec<Option<BTreeSet<PathBuf>>> = filters
            .iter()
            .map(|(active, filters)| active.then(|| listed(*filters)))
            .collect();
        let mut ignore_files = IgnoreFiles::default();
        for file in options.files(root, off, &takes) {
            let left_out_by = |i: usize| alone[i].as_ref().is_some_and(|s| !s.contains(&file));
            let reason = if taken.contains(&file) {
                continue;
            } else if left_out_by(0) {
                ignore_files.excluding(&file)
            } else if left_out_by(1) {
                Reason::Hidden
            } else if left_out_by(2) {
                Reason::Glob
            } else {
                continue;
            };
            self.add(reason);
        }
    }

    /// One line per reason, with the count of files and how to take them; files of other extensions share one line.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        let mut other = Vec::new();
        for (reason, &n) in &self.counts {
            let line = match reason {
                Reason::IgnoreFile(file) => {
                    format!("{} excluded by {file} (--no-ignore takes them)", files(n))
                }
                Reason::IgnoreRules => format!(
                    "{} excluded by ignore rules (the global git ignore file) (--no-ignore takes them)",
                    files(n)
                ),
                Reason::Hidden => format!(
                    "{} hidden, or in a hidden directory (--hidden takes them)",
                    files(n)
                ),
                Reason::Glob => format!(
                    "{} left out by the -g/--glob globs (change the globs to take them)",
                    files(n)
                ),
                Reason::Excluded => {
                    format!("{} left out by `exclude` in factlint.yaml", files(n))
                }
                Reason::OtherType(name) => format!(
                    "{} of type {name}, not selected (--type {name} takes them)",
                    files(n)
                ),
                Reason::NotRead(name) => {
                    format!("{} of type {name}, which this version does not read", files(n))
                }
                Reason::OtherExtension(extension) => {
                    other.push(format!("{} {}", n, dotted(extension)));
                    continue;
                }
            };
            lines.push(line);
        }
        if !other.is_empty() {
            let total = self
                .counts
                .iter()
                .filter(|(r, _)| matches!(r, Reason::OtherExtension(_)))
                .map(|(_, n)| n)
                .sum();
            lines.push(format!(
                "{} of other types ({}): not sources; a file named on the command line is read as text",
                files(total),
                other.join(", ")
            ));
        }
        lines
    }
}

/// "1 file", "3 files".
fn files(n: usize) -> String {
    if n == 1 {
        "1 file".to_string()
    } else {
        format!("{n} files")
    }
}

/// ".csv", or "no extension".
fn dotted(extension: &str) -> String {
    if extension.is_empty() {
        "no extension".to_string()
    } else {
        format!(".{extension}")
    }
}

/// The ignore files met above ignored files, read once each, and what they say of each folder met.
#[derive(Default)]
struct IgnoreFiles {
    matchers: HashMap<PathBuf, Option<Gitignore>>,
    /// The ignore file that excludes a folder, if any: the files of an ignored folder share its answer.
    folders: HashMap<PathBuf, Option<PathBuf>>,
}

impl IgnoreFiles {
    /// The ignore file that excludes `file`. As the walk goes down, the first of its folders (then the file itself)
    /// that an ignore file excludes is where the walk stopped, so that ignore file is the reason, even when a folder
    /// inside would exclude the file too (the walk never read that folder's ignore files).
    fn excluding(&mut self, file: &Path) -> Reason {
        let Ok(absolute) = std::path::absolute(file) else {
            return Reason::IgnoreRules;
        };
        let mut chain: Vec<&Path> = absolute.ancestors().collect();
        chain.reverse();
        for depth in 1..chain.len() {
            let (path, above) = (chain[depth], &chain[..depth]);
            let excluded = if depth + 1 < chain.len() {
                self.folder_excluded_by(path, above)
            } else {
                self.excluded_by(path, false, above)
            };
            if let Some(ignore_file) = excluded {
                return Reason::IgnoreFile(relative_to_working_directory(&ignore_file));
            }
        }
        Reason::IgnoreRules
    }

    /// [`IgnoreFiles::excluded_by`] for a folder, asked once per folder.
    fn folder_excluded_by(&mut self, folder: &Path, above: &[&Path]) -> Option<PathBuf> {
        if let Some(known) = self.folders.get(folder) {
            return known.clone();
        }
        let found = self.excluded_by(folder, true, above);
        self.folders.insert(folder.to_path_buf(), found.clone());
        found
    }

    /// The ignore file in one of `above` (the folders above `path`, outermost first) that excludes `path`: the
    /// nearest folder's first, and in one folder `.ignore`, then `.gitignore`, then `.git/info/exclude`, the
    /// precedence the walk gives them. A rule that takes `path` back (`!name`) stops the search.
    fn excluded_by(&mut self, path: &Path, is_dir: bool, above: &[&Path]) -> Option<PathBuf> {
        for dir in above.iter().rev() {
            for name in [".ignore", ".gitignore", ".git/info/exclude"] {
                let candidate = dir.join(name);
                let matcher = self
                    .matchers
                    .entry(candidate.clone())
                    .or_insert_with(|| read_ignore_file(dir, &candidate));
                let Some(matcher) = matcher else { continue };
                match matcher.matched(path, is_dir) {
                    ignore::Match::Ignore(_) => return Some(candidate),
                    ignore::Match::Whitelist(_) => return None,
                    ignore::Match::None => {}
                }
            }
        }
        None
    }
}

/// The rules of the ignore file `file`, whose patterns are relative to `dir`; `None` when there is no such file.
fn read_ignore_file(dir: &Path, file: &Path) -> Option<Gitignore> {
    if !file.is_file() {
        return None;
    }
    let mut builder = GitignoreBuilder::new(dir);
    builder.add(file);
    builder.build().ok()
}

/// `path` relative to the working directory when it lies under it, for messages.
fn relative_to_working_directory(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    display_path(relative.as_deref().unwrap_or(path))
}
