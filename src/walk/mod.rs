//! Which files a directory walk takes, as ripgrep decides it: ignore files (`.gitignore`, `.ignore`,
//! `.git/info/exclude`, the global git ignore file) unless `--no-ignore`, hidden files unless `--hidden`, `-g/--glob`
//! globs (a `!glob` leaves out; any other glob leaves out what matches no such glob), and `--type`/`--type-not`
//! file types. When a walk takes nothing, [`skipped`] tells why, file by file, and the flag that would take them.
//!
//! The walk itself is the `ignore` crate's (the walker of ripgrep): it skips an ignored directory without listing
//! it, which is what keeps a walk fast next to a large ignored tree, and it is also why the walk cannot count what it
//! skipped. The counts are made afterwards, only when nothing was taken, by walking again with each filter alone.

pub mod skipped;
pub mod types;

use std::path::{Path, PathBuf};

use ignore::overrides::{Override, OverrideBuilder};

pub use skipped::{Reason, Skipped};
use types::{extension, type_of, TypeFilter};

/// How a directory walk chooses its files (the walking flags of `check` and `explain`).
#[derive(Debug, Clone)]
pub struct WalkOptions {
    /// Ignore files are not honoured (`--no-ignore`).
    pub no_ignore: bool,
    /// Hidden files and directories are walked (`--hidden`).
    pub hidden: bool,
    /// The `-g/--glob` globs, compiled.
    globs: Override,
    /// The `--type`/`--type-not` selection.
    types: TypeFilter,
}

impl Default for WalkOptions {
    fn default() -> WalkOptions {
        WalkOptions {
            no_ignore: false,
            hidden: false,
            globs: Override::empty(),
            types: TypeFilter::default(),
        }
    }
}

/// The filters of a walk that can be turned on one at a time, to find which of them left a file out.
#[derive(Debug, Clone, Copy)]
struct Filters {
    ignore_files: bool,
    hidden: bool,
    globs: bool,
}

impl WalkOptions {
    /// Options from the walking flags: `globs` are matched against paths relative to the working directory, as
    /// ripgrep does, and an unknown type or a bad glob is an error in words.
    pub fn new(
        no_ignore: bool,
        hidden: bool,
        globs: &[String],
        types: TypeFilter,
    ) -> Result<WalkOptions, String> {
        let mut builder = OverrideBuilder::new(std::env::current_dir().unwrap_or_default());
        for glob in globs {
            builder
                .add(glob)
                .map_err(|e| format!("--glob {glob:?}: {e}"))?;
        }
        let globs = builder.build().map_err(|e| e.to_string())?;
        Ok(WalkOptions {
            no_ignore,
            hidden,
            globs,
            types,
        })
    }

    /// The walk of the directory `root`, in file name order, following symbolic links.
    pub fn walker(&self, root: &Path) -> ignore::Walk {
        self.walker_with(root, self.filters())
    }

    /// Whether a file the walker found is taken, given whether the reader `reads` its extension; else why not.
    pub fn classify(&self, path: &Path, reads: &dyn Fn(&Path) -> bool) -> Option<Reason> {
        let extension = extension(path).unwrap_or_default();
        let file_type = type_of(&extension);
        match file_type {
            _ if !reads(path) => Some(match file_type {
                Some(t) => Reason::NotRead(t.name),
                None => Reason::OtherExtension(extension),
            }),
            Some(t) if !self.types.takes(t) => Some(Reason::OtherType(t.name)),
            _ => None,
        }
    }

    /// The filters these options turn on.
    fn filters(&self) -> Filters {
        Filters {
            ignore_files: !self.no_ignore,
            hidden: !self.hidden,
            globs: !self.globs.is_empty(),
        }
    }

    fn walker_with(&self, root: &Path, filters: Filters) -> ignore::Walk {
        let mut builder = ignore::WalkBuilder::new(root);
        builder
            .standard_filters(filters.ignore_files)
            .hidden(filters.hidden)
            .follow_links(true)
            .sort_by_file_name(|a, b| a.cmp(b));
        if filters.globs {
            builder.overrides(self.globs.clone());
        }
        builder.build()
    }

    /// The regular files of the walk of `root` with `filters`, that `takes` accepts.
    fn files(&self, root: &Path, filters: Filters, takes: &dyn Fn(&Path) -> bool) -> Vec<PathBuf> {
        self.walker_with(root, filters)
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
            .map(ignore::DirEntry::into_path)
            .filter(|p| !p.components().any(|c| c.as_os_str() == ".git") && takes(p))
            .collect()
    }
}

/// A path with forward slashes and without a leading `./`, so that messages are the same on every platform.
pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}
