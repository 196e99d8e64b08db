//! The table of file types that `--type` and `--type-not` name, and that explanations group files by.
//!
//! A type lists every extension of one format. Whether a type is read is not decided here: the walk asks the
//! source reader whether it reads an extension, so a type listed here before its reader exists (a reader left out
//! by a cargo feature) is selectable and explained ("not read by this version") without being walked as a source.

use std::path::Path;

/// A file type: a name for the command line and the extensions of its files.
#[derive(Debug, PartialEq, Eq)]
pub struct FileType {
    /// The name given to `--type` (`markdown`).
    pub name: &'static str,
    /// Its extensions, lower case, without the dot (`md`, `markdown`).
    pub extensions: &'static [&'static str],
}

/// Every file type factlint knows, in the order `--type-list` prints them.
pub const FILE_TYPES: &[FileType] = &[
    FileType {
        name: "text",
        extensions: &["txt", "text"],
    },
    FileType {
        name: "markdown",
        extensions: &["md", "markdown"],
    },
    FileType {
        name: "rst",
        extensions: &["rst"],
    },
    FileType {
        name: "adoc",
        extensions: &["adoc"],
    },
    FileType {
        name: "html",
        extensions: &["html", "htm", "xhtml"],
    },
    FileType {
        name: "docx",
        extensions: &["docx"],
    },
    FileType {
        name: "pdf",
        extensions: &["pdf"],
    },
];

/// The extension of `path`, lower case; `None` for a name without one.
pub fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// The type of a file with extension `extension` (lower case).
pub fn type_of(extension: &str) -> Option<&'static FileType> {
    FILE_TYPES
        .iter()
        .find(|t| t.extensions.contains(&extension))
}

/// The type called `name`, or an error that lists the names there are.
pub fn named(name: &str) -> Result<&'static FileType, String> {
    FILE_TYPES.iter().find(|t| t.name == name).ok_or_else(|| {
        let names: Vec<&str> = FILE_TYPES.iter().map(|t| t.name).collect();
        format!(
            "unknown file type {name:?}; the types are {}",
            names.join(", ")
        )
    })
}

/// Which types a walk takes: those selected with `--type` (all when none is), less those given to `--type-not`.
#[derive(Debug, Default, Clone)]
pub struct TypeFilter {
    selected: Vec<&'static FileType>,
    negated: Vec<&'static FileType>,
}

impl TypeFilter {
    /// The filter of `--type` names `selected` and `--type-not` names `negated`; an unknown name is an error.
    pub fn new(selected: &[String], negated: &[String]) -> Result<TypeFilter, String> {
        let resolve = |names: &[String]| -> Result<Vec<_>, String> {
            names.iter().map(|n| named(n)).collect()
        };
        Ok(TypeFilter {
            selected: resolve(selected)?,
            negated: resolve(negated)?,
        })
    }

    /// True when files of `file_type` are taken.
    pub fn takes(&self, file_type: &FileType) -> bool {
        let selected = self.selected.is_empty() || self.selected.contains(&file_type);
        selected && !self.negated.contains(&file_type)
    }

    /// True when the filter leaves out some type.
    pub fn is_active(&self) -> bool {
        !self.selected.is_empty() || !self.negated.is_empty()
    }
}

/// The table as `--type-list` prints it: one type a line, with its globs, and whether this version reads it.
pub fn list(reads: &dyn Fn(&str) -> bool) -> String {
    FILE_TYPES
        .iter()
        .map(|t| {
            let globs: Vec<String> = t.extensions.iter().map(|e| format!("*.{e}")).collect();
            let note = if t.extensions.iter().any(|e| reads(e)) {
                ""
            } else {
                " (not read by this version)"
            };
            format!("{}: {}{note}\n", t.name, globs.join(", "))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_extension_belongs_to_one_type() {
        let mut seen = std::collections::BTreeSet::new();
        for t in FILE_TYPES {
            for e in t.extensions {
                assert!(seen.insert(*e), "{e} is listed twice");
                assert_eq!(type_of(e), Some(t));
            }
        }
    }

    #[test]
    fn a_filter_selects_and_negates_by_name() {
        let filter =
            TypeFilter::new(&["markdown".into(), "text".into()], &["text".into()]).unwrap();
        assert!(filter.takes(named("markdown").unwrap()));
        assert!(!filter.takes(named("text").unwrap()));
        assert!(!filter.takes(named("html").unwrap()));
        assert!(TypeFilter::default().takes(named("pdf").unwrap()));
        let error = TypeFilter::new(&["mardown".into()], &[]).unwrap_err();
        assert!(error.contains("the types are text, markdown"), "{error}");
    }
}
