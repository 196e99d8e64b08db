//! The workspace an editor opens: its settings, rules and corpus, checked once and kept in memory, so that each
//! document is compared with the corpus's mentions without reading the corpus again.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::check::{check_with, CheckOptions, Checked};
use crate::config::{Config, CONFIG_FILE_NAME};
use crate::draft::{draft_findings, DraftIndex};
use crate::extract::{Held, Mention, Stated};
use crate::model::{Finding, MentionId};
use crate::rules::{RuleError, RuleSet};
use crate::source::Corpus;

/// A loaded workspace: rules and the checked corpus.
pub struct Workspace {
    /// Which load this is: each load of the process has its own number, so that what was computed for one is not
    /// taken for another's.
    pub generation: u64,
    /// The rules.
    pub rules: RuleSet,
    /// The corpus, checked once: its sources and mentions.
    pub checked: Checked,
    /// The ids of the corpus mentions of each claim, in corpus order.
    by_claim: Vec<Vec<usize>>,
    /// The corpus mentions of each claim in classes of alike mentions, which documents are compared with.
    index: DraftIndex,
    /// The index of each corpus source by its path.
    source_of_path: HashMap<PathBuf, usize>,
}

/// Where a workspace's rules and corpus are, from `factlint.yaml` at its root, else `rules/` and `seeds/`.
pub struct Layout {
    /// The settings (default ones when there is no file), with paths resolved against the root.
    pub config: Config,
    /// Rule files or directories.
    pub rule_paths: Vec<PathBuf>,
    /// Corpus files or directories.
    pub corpus_paths: Vec<PathBuf>,
}

/// Why a workspace could not be loaded.
pub enum LoadError {
    /// Rule files that cannot be used, each error pointing at its file when it can.
    Rules(Vec<RuleError>),
    /// Anything else (the settings, the corpus), in words.
    Other(String),
}

impl Layout {
    /// Reads the settings at `root` (an absolute directory).
    pub fn find(root: &Path) -> Result<Layout, LoadError> {
        let file = root.join(CONFIG_FILE_NAME);
        let mut config = if file.is_file() {
            Config::load(&file).map_err(|e| LoadError::Other(e.to_string()))?
        } else {
            Config::default()
        };
        config.dir = root.to_path_buf();
        let resolved = |paths: &[PathBuf], default: &str| -> Vec<PathBuf> {
            if paths.is_empty() {
                vec![root.join(default)]
            } else {
                paths.iter().map(|p| config.resolve(p)).collect()
            }
        };
        let rule_paths = resolved(&config.rules, "rules");
        let corpus_paths = resolved(&config.paths, "seeds");
        Ok(Layout {
            config,
            rule_paths,
            corpus_paths,
        })
    }

    /// True when `path` is one of the rule files: a YAML file at or under a rule path.
    pub fn is_rule_file(&self, path: &Path) -> bool {
        let yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
        yaml && self.rule_paths.iter().any(|p| path.starts_with(p))
    }

    /// True when a change to `path` changes what the workspace holds: the settings, a rule file, a corpus file or
    /// the manifest.
    pub fn watches(&self, path: &Path) -> bool {
        path.file_name()
            .is_some_and(|name| name == CONFIG_FILE_NAME)
            || self.rule_paths.iter().any(|p| path.starts_with(p))
            || self.corpus_paths.iter().any(|p| path.starts_with(p))
            || self
                .config
                .manifest
                .as_ref()
                .is_some_and(|m| path == self.config.resolve(m))
    }
}

impl Workspace {
    /// Loads the rules and checks the corpus of `layout`, on every core but one, which is left to the checks of
    /// the documents being edited (a reload runs while they go on).
    pub fn load(layout: &Layout) -> Result<Workspace, LoadError> {
        let rules = RuleSet::load(&layout.rule_paths).map_err(LoadError::Rules)?;
        let options = layout.config.corpus_options().map_err(LoadError::Other)?;
        let corpus = Corpus::load_with(&layout.corpus_paths, &options)
            .map_err(|e| LoadError::Other(e.to_string()))?;
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let check_options = CheckOptions {
            threads: cores.saturating_sub(1).max(1),
            progress: None,
        };
        let checked = check_with(&rules, corpus, &check_options);
        Ok(Workspace::new(rules, checked))
    }

    /// A workspace of rules and a finished check.
    pub fn new(rules: RuleSet, checked: Checked) -> Workspace {
        let mut by_claim = vec![Vec::new(); rules.claims.len()];
        for mention in checked.mentions.held() {
            by_claim[mention.claim()].push(mention.id());
        }
        let source_of_path = checked
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (PathBuf::from(&s.path), i))
            .collect();
        static LOADS: AtomicU64 = AtomicU64::new(1);
        let index = DraftIndex::new(
            rules.claims.len(),
            checked.mentions.held(),
            &checked.undated(),
        );
        Workspace {
            index,
            generation: LOADS.fetch_add(1, Ordering::Relaxed),
            rules,
            checked,
            by_claim,
            source_of_path,
        }
    }

    /// The corpus source a document is, by its path.
    pub fn source_at(&self, path: &Path) -> Option<usize> {
        self.source_of_path.get(path).copied()
    }

    /// The corpus mentions of `claim`, leaving out those of source `except` (the document being checked, when it
    /// belongs to the corpus: it is compared with the rest).
    pub fn mentions_of(&self, claim: usize, except: Option<usize>) -> Vec<Held<'_>> {
        let held = self.checked.mentions.held();
        self.by_claim[claim]
            .iter()
            .map(|&id| held.at(id))
            .filter(|m| Some(m.source()) != except)
            .collect()
    }

    /// The findings of a document's mentions against the corpus, leaving out the mentions of source `except` (the
    /// corpus's copy of the document).
    pub fn contradictions(&self, mentions: &[Mention], except: Option<usize>) -> Vec<Finding> {
        let corpus = self.checked.mentions.held();
        draft_findings(&self.rules, corpus, &self.index, mentions, except)
    }

    /// A mention by id: the corpus's own, else one of `document`'s (whose ids follow the corpus's).
    pub fn mention(&self, id: MentionId, document: &[Mention]) -> Option<Mention> {
        let id = id.index();
        self.checked
            .mentions
            .get(id)
            .or_else(|| document.get(id - self.checked.mentions.len()).cloned())
    }
}
