//! The thread that checks documents, so that the thread reading the editor's messages never waits for a check.
//!
//! The reader hands every change over as a [`Job`] and goes back to reading. A change after a pause is checked at
//! once; in a burst of changes (each within the debounce time of the one before) the worker takes jobs until none
//! has come for the debounce time (or a longer cap has passed, so that steady typing is still checked), then checks
//! the latest text of each document that changed: a burst of keystrokes costs one check. Loading the workspace
//! (rules and the corpus) runs on a thread of its own; until it is done, documents are checked against the last
//! good load, and a load that fails keeps it (the rule error is published on the rule file).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use lsp_server::{Message, Notification};
use lsp_types::notification::{LogMessage, Notification as _, PublishDiagnostics, ShowMessage};
use lsp_types::{
    Diagnostic, DiagnosticSeverity, LogMessageParams, MessageType, Position,
    PublishDiagnosticsParams, Range, ShowMessageParams, Uri,
};

use super::analysis::{Analysis, CorpusPlaces};
use super::lines::Lines;
use super::uri;
use super::workspace::{Layout, LoadError, Workspace};
use crate::rules::{RuleError, RuleSet};

/// The last analysis of each open document, which hovers and code actions read.
pub type Analyses = Mutex<HashMap<Uri, Arc<Analysis>>>;

/// What the reader hands the worker.
pub enum Job {
    /// A document was opened or changed: its whole text.
    Changed {
        /// The document.
        uri: Uri,
        /// Its version.
        version: i32,
        /// Its text.
        text: Arc<str>,
    },
    /// A YAML document was opened or changed: when it is a rule file, its errors are shown as it is edited.
    RuleEdited {
        /// The document.
        uri: Uri,
        /// Its text.
        text: Arc<str>,
    },
    /// A document was closed: its diagnostics are cleared.
    Closed(Uri),
    /// Files were saved or changed on disk: the workspace is loaded again when one of them is a rule, corpus or
    /// settings file.
    FilesChanged(Vec<PathBuf>),
}

/// A finished load: where the workspace's files are (when its settings could be read), and the workspace.
type Loaded = (Option<Layout>, Result<Workspace, LoadError>);

/// The longest a check is put off while changes keep coming.
const MAX_DELAY: Duration = Duration::from_millis(250);

/// The worker's state.
struct Worker {
    root: PathBuf,
    /// Loads report here when they are done.
    loads: (Sender<Loaded>, Receiver<Loaded>),
    out: Sender<Message>,
    analyses: Arc<Analyses>,
    debounce: Duration,
    /// When documents that are not corpus files and give no date of their own are published.
    draft_date: Option<String>,
    workspace: Option<Arc<Workspace>>,
    layout: Option<Layout>,
    /// The latest version and text of every open document.
    documents: BTreeMap<Uri, (i32, Arc<str>)>,
    /// Documents whose latest text has not been checked.
    dirty: BTreeSet<Uri>,
    /// YAML documents whose latest text has not been parsed.
    rule_edits: BTreeMap<Uri, Arc<str>>,
    /// When the last job before a check came.
    previous_change: Option<Instant>,
    /// A load is running; `reload` asks for another once it is done.
    loading: bool,
    reload: bool,
    places: CorpusPlaces,
    /// Rule files with published errors, to clear once the rules load again.
    rule_files_with_errors: BTreeSet<Uri>,
}

/// What the editor set at initialization.
pub struct Options {
    /// How long typing must pause before a check.
    pub debounce: Duration,
    /// When documents that are not corpus files and give no date of their own are published, as the editor wrote
    /// it (a document is not checked, and says why, when it is not a date).
    pub draft_date: Option<String>,
}

/// Starts the worker on the workspace at `root`; it loads the workspace at once. It stops when the sender of jobs
/// is dropped.
pub fn spawn(
    root: PathBuf,
    out: Sender<Message>,
    analyses: Arc<Analyses>,
    options: Options,
) -> (Sender<Job>, JoinHandle<()>) {
    let (jobs, receiver) = crossbeam_channel::unbounded();
    let mut worker = Worker {
        root: root.clone(),
        loads: crossbeam_channel::unbounded(),
        out,
        analyses,
        debounce: options.debounce,
        draft_date: options.draft_date,
        workspace: None,
        // Read now (it is one small file), so that rule files are known before the corpus is loaded.
        layout: Layout::find(&root).ok(),
        documents: BTreeMap::new(),
        dirty: BTreeSet::new(),
        rule_edits: BTreeMap::new(),
        previous_change: None,
        loading: false,
        reload: false,
        places: CorpusPlaces::default(),
        rule_files_with_errors: BTreeSet::new(),
    };
    let handle = std::thread::spawn(move || {
        worker.start_load();
        worker.run(&receiver);
    });
    (jobs, handle)
}

impl Worker {
    fn run(&mut self, receiver: &Receiver<Job>) {
        let loads = self.loads.1.clone();
        loop {
            crossbeam_channel::select! {
                recv(receiver) -> job => match job {
                    Ok(job) => self.take(job),
                    Err(_) => return,
                },
                recv(loads) -> loaded => {
                    if let Ok((layout, workspace)) = loaded {
                        self.loaded(layout, workspace);
                    }
                    continue;
                }
            }
            if !self.gather(receiver) {
                return;
            }
            self.check_dirty();
        }
    }

    /// Takes the jobs that follow a first one before a check. A change that comes after a pause (longer than the
    /// debounce time since the one before) is checked at once, with whatever is already queued; a change in a
    /// burst waits until the burst pauses, or until [`MAX_DELAY`]. False when the reader has gone.
    fn gather(&mut self, receiver: &Receiver<Job>) -> bool {
        let now = Instant::now();
        let in_burst = self
            .previous_change
            .is_some_and(|previous| now - previous < self.debounce);
        self.previous_change = Some(now);
        let deadline = now + if in_burst { MAX_DELAY } else { Duration::ZERO };
        loop {
            let quiet = (Instant::now() + self.debounce).min(deadline);
            match receiver.recv_deadline(quiet) {
                Ok(job) => self.take(job),
                Err(RecvTimeoutError::Timeout) => return true,
                Err(RecvTimeoutError::Disconnected) => return false,
            }
        }
    }

    /// Takes one job in.
    fn take(&mut self, job: Job) {
        match job {
            Job::Changed { uri, version, text } => {
                self.documents.insert(uri.clone(), (version, text));
                self.dirty.insert(uri);
            }
            Job::RuleEdited { uri, text } => {
                self.rule_edits.insert(uri, text);
            }
            Job::Closed(uri) => {
                self.documents.remove(&uri);
                self.dirty.remove(&uri);
                self.lock_analyses().remove(&uri);
                self.publish(uri, Vec::new(), None);
            }
            Job::FilesChanged(paths) => {
                if paths.iter().any(|p| self.watched(p)) {
                    self.start_load();
                }
            }
        }
    }

    fn watched(&self, path: &Path) -> bool {
        match &self.layout {
            Some(layout) => layout.watches(path),
            None => path.starts_with(&self.root),
        }
    }

    fn lock_analyses(&self) -> std::sync::MutexGuard<'_, HashMap<Uri, Arc<Analysis>>> {
        self.analyses.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Loads the workspace on a thread of its own, or asks for one more load when one is running.
    fn start_load(&mut self) {
        if self.loading {
            self.reload = true;
            return;
        }
        self.loading = true;
        let (root, done) = (self.root.clone(), self.loads.0.clone());
        std::thread::spawn(move || {
            let loaded = catch_unwind(|| match Layout::find(&root) {
                Ok(layout) => {
                    let workspace = Workspace::load(&layout);
                    (Some(layout), workspace)
                }
                Err(error) => (None, Err(error)),
            });
            let failed = || {
                (
                    None,
                    Err(LoadError::Other("loading the workspace failed".into())),
                )
            };
            let _ = done.send(loaded.unwrap_or_else(|_| failed()));
        });
    }

    fn loaded(&mut self, layout: Option<Layout>, result: Result<Workspace, LoadError>) {
        self.loading = false;
        if layout.is_some() {
            self.layout = layout;
        }
        match result {
            Ok(workspace) => {
                let claims = workspace.rules.claims.len();
                let mentions = workspace.checked.mentions.len();
                self.log(format!(
                    "factlint: loaded {claims} claims and {mentions} corpus mentions from {} sources",
                    workspace.checked.sources.len()
                ));
                self.workspace = Some(Arc::new(workspace));
                for uri in std::mem::take(&mut self.rule_files_with_errors) {
                    self.publish(uri, Vec::new(), None);
                }
                self.dirty.extend(self.documents.keys().cloned());
                self.check_dirty();
            }
            Err(LoadError::Rules(errors)) => self.publish_rule_errors(&errors),
            Err(LoadError::Other(message)) => self.show(format!("factlint: {message}")),
        }
        if std::mem::take(&mut self.reload) {
            self.start_load();
        }
    }

    /// Parses the rule files edited since the last check, and checks every document whose latest text is not
    /// checked yet (none until a workspace is loaded).
    fn check_dirty(&mut self) {
        for (uri, text) in std::mem::take(&mut self.rule_edits) {
            self.parse_rule_text(uri, &text);
        }
        let Some(workspace) = self.workspace.clone() else {
            return;
        };
        for uri in std::mem::take(&mut self.dirty) {
            let Some((version, text)) = self.documents.get(&uri).cloned() else {
                continue;
            };
            let path = uri::to_path(&uri).unwrap_or_else(|| PathBuf::from(uri.as_str()));
            let run = catch_unwind(AssertUnwindSafe(|| {
                Analysis::run(workspace.clone(), &path, &text, self.draft_date.as_deref())
            }));
            let diagnostics = match run {
                Ok(Ok(analysis)) => {
                    let diagnostics = analysis.diagnostics(&mut self.places);
                    self.lock_analyses().insert(uri.clone(), Arc::new(analysis));
                    diagnostics
                }
                Ok(Err(reason)) => vec![document_problem(format!(
                    "factlint cannot check this document: {reason}"
                ))],
                Err(_) => vec![document_problem("factlint failed on this document".into())],
            };
            self.publish(uri, diagnostics, Some(version));
        }
    }

    /// Shows the errors of a rule file's text as it is being edited (nothing for a YAML file that is no rule file).
    /// The rules in use change only when the file is saved.
    fn parse_rule_text(&mut self, uri: Uri, text: &str) {
        let Some(path) = uri::to_path(&uri) else {
            return;
        };
        if !self.layout.as_ref().is_some_and(|l| l.is_rule_file(&path)) {
            return;
        }
        let parsed = catch_unwind(|| RuleSet::parse(&path, text).err());
        let diagnostics = match parsed {
            Ok(None) => Vec::new(),
            Ok(Some(errors)) => errors
                .iter()
                .filter_map(|e| rule_error_diagnostic(e, text))
                .map(|(_, diagnostic)| diagnostic)
                .collect(),
            Err(_) => vec![document_problem("factlint failed on this rule file".into())],
        };
        if diagnostics.is_empty() {
            self.rule_files_with_errors.remove(&uri);
        } else {
            self.rule_files_with_errors.insert(uri.clone());
        }
        self.publish(uri, diagnostics, None);
    }

    /// Publishes each rule error on its rule file; errors about no file in particular are shown.
    fn publish_rule_errors(&mut self, errors: &[RuleError]) {
        let mut by_file: BTreeMap<Uri, Vec<Diagnostic>> = BTreeMap::new();
        for error in errors {
            let on_disk = error
                .path()
                .and_then(|path| std::fs::read_to_string(path).ok());
            match rule_error_diagnostic(error, &on_disk.unwrap_or_default()) {
                Some((uri, diagnostic)) => by_file.entry(uri).or_default().push(diagnostic),
                None => self.show(format!("factlint: {error}")),
            }
        }
        let stale: Vec<Uri> = self
            .rule_files_with_errors
            .iter()
            .filter(|uri| !by_file.contains_key(*uri))
            .cloned()
            .collect();
        for uri in stale {
            self.publish(uri, Vec::new(), None);
        }
        self.rule_files_with_errors = by_file.keys().cloned().collect();
        for (uri, diagnostics) in by_file {
            self.publish(uri, diagnostics, None);
        }
        self.log("factlint: the rules do not load; the last good rules stay in use".into());
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(PublishDiagnostics::METHOD, params);
    }

    fn show(&self, message: String) {
        let params = ShowMessageParams {
            typ: MessageType::ERROR,
            message,
        };
        self.send(ShowMessage::METHOD, params);
    }

    fn log(&self, message: String) {
        let params = LogMessageParams {
            typ: MessageType::INFO,
            message,
        };
        self.send(LogMessage::METHOD, params);
    }

    fn send(&self, method: &str, params: impl serde::Serialize) {
        let _ = self
            .out
            .send(Notification::new(method.to_string(), params).into());
    }
}

/// A diagnostic about a whole document, on its first character.
fn document_problem(message: String) -> Diagnostic {
    Diagnostic {
        range: Range::new(Position::new(0, 0), Position::new(0, 0)),
        severity: Some(DiagnosticSeverity::WARNING),
        source: Some("factlint".into()),
        message,
        ..Diagnostic::default()
    }
}

/// A rule error as a diagnostic on its rule file (whose text is `text`), at its line and column; `None` for an
/// error about no file in particular.
fn rule_error_diagnostic(error: &RuleError, text: &str) -> Option<(Uri, Diagnostic)> {
    let path_shown = error.path()?;
    let uri = uri::from_path(&std::path::absolute(path_shown).ok()?)?;
    let position = match error.line_column() {
        Some((line, column)) => Lines::new(text).position_of_column(text, line, column),
        None => Position::new(0, 0),
    };
    let help = miette::Diagnostic::help(error)
        .map(|help| format!("\n{help}"))
        .unwrap_or_default();
    let diagnostic = Diagnostic {
        range: Range::new(position, position),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("factlint".into()),
        message: format!("{}{help}", message_without_path(path_shown, error)),
        ..Diagnostic::default()
    };
    Some((uri, diagnostic))
}

/// A rule error's message without the path it starts with: the editor shows it on that file.
fn message_without_path(path: &str, error: &RuleError) -> String {
    let message = error.to_string();
    match message
        .strip_prefix(path)
        .and_then(|m| m.strip_prefix(": "))
    {
        Some(rest) => rest.to_string(),
        None => message,
    }
}
