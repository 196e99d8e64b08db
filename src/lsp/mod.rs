//! `factlint lsp`: a language server that checks Markdown and text documents against the corpus as they are
//! written.
//!
//! It speaks the Language Server Protocol over standard input and output, through `lsp-server` (the synchronous
//! scaffold of rust-analyzer: messages on channels, the loop is ours) and `lsp-types`. The asynchronous frameworks
//! (`tower-lsp-server`, `async-lsp`) would bring an async runtime into a crate that has none, for a server whose
//! work is CPU-bound checks that are better kept on a thread of their own anyway. The thread that reads the
//! editor's messages answers requests (hover, code actions) from the last analysis of each document and hands
//! every change to the worker (`worker.rs`), which debounces, checks and publishes diagnostics; it never runs a
//! check itself.
//!
//! At `initialize` the workspace root (its first folder, else its root URI, else the working directory) is read
//! like a corpus repository: `factlint.yaml` there, else `rules/` and `seeds/`. The corpus is checked once and its
//! mentions kept in memory; each document is then checked alone and compared with them.
//!
//! Exit: after `shutdown` and `exit` the server exits with 0; on `exit` without `shutdown`, or when standard input
//! closes, with 1.

// lsp-types' `Uri` caches parts of itself inside, which clippy takes for a mutable key; its hash and equality are
// those of its text, which never changes.
#![allow(clippy::mutable_key_type)]

mod actions;
mod analysis;
mod hover;
mod lines;
mod transport;
mod uri;
mod worker;
mod workspace;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crossbeam_channel::Sender;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Exit, Notification as _,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, RegisterCapability, Request as _};
use lsp_types::{
    CodeActionParams, CodeActionProviderCapability, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidChangeWatchedFilesRegistrationOptions,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    FileSystemWatcher, GlobPattern, HoverParams, HoverProviderCapability, InitializeParams,
    Registration, RegistrationParams, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, Uri,
};
use serde_json::Value;

use worker::{Analyses, Job};

/// How long the worker waits for typing to pause before it checks, unless `initializationOptions` sets
/// `debounceMs`.
const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(20);

/// Runs the server on standard input and output until the editor says `exit`; returns the exit code.
pub fn serve() -> u8 {
    let (connection, io_threads) = transport::stdio();
    let code = match run(&connection) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("factlint lsp: {message}");
            1
        }
    };
    drop(connection);
    // The writer thread ends once every sender is dropped; the reader ends at `exit` or when input closes.
    if code == 0 {
        io_threads.join();
    }
    code
}

fn run(connection: &Connection) -> Result<u8, String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": ServerInfo {
            name: "factlint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        },
    });
    connection
        .initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    let analyses: Arc<Analyses> = Arc::default();
    let (jobs, worker) = worker::spawn(
        workspace_root(&params),
        connection.sender.clone(),
        analyses.clone(),
        worker::Options {
            debounce: debounce(&params),
            draft_date: draft_date(&params),
        },
    );
    if watches_files(&params) {
        let _ = connection.sender.send(watch_request().into());
    }
    let code = serve_messages(connection, &jobs, &analyses);
    drop(jobs);
    if code == 0 {
        let _ = worker.join();
    }
    Ok(code)
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(SaveOptions::default().into()),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

/// The first workspace folder, else the root URI, else the working directory; absolute.
fn workspace_root(params: &InitializeParams) -> PathBuf {
    #[allow(deprecated)] // `root_uri` is what clients without workspace folders still send.
    let uri = params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .map(|folder| &folder.uri)
        .or(params.root_uri.as_ref());
    let root = uri
        .and_then(uri::to_path)
        .unwrap_or_else(|| PathBuf::from("."));
    std::path::absolute(&root).unwrap_or(root)
}

/// `initializationOptions.debounceMs`, else the default.
fn debounce(params: &InitializeParams) -> Duration {
    params
        .initialization_options
        .as_ref()
        .and_then(|options| options.get("debounceMs"))
        .and_then(Value::as_u64)
        .map_or(DEFAULT_DEBOUNCE, Duration::from_millis)
}

/// `initializationOptions.draftDate`: when documents that are not corpus files and give no publication date of
/// their own are published ("2025-06-09"); without it, such a document is as of the corpus's latest figures.
fn draft_date(params: &InitializeParams) -> Option<String> {
    params
        .initialization_options
        .as_ref()
        .and_then(|options| options.get("draftDate"))
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// True when the client lets the server ask to be told of file changes on disk.
fn watches_files(params: &InitializeParams) -> bool {
    params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false)
}

/// Asks the client to report changes to rule, settings and corpus files.
fn watch_request() -> Request {
    let watchers = ["**/*.{yaml,yml}", "**/*.{md,markdown,txt,text}"]
        .into_iter()
        .map(|glob| FileSystemWatcher {
            glob_pattern: GlobPattern::String(glob.into()),
            kind: None,
        })
        .collect();
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    let registration = Registration {
        id: "factlint-watch".into(),
        method: DidChangeWatchedFiles::METHOD.into(),
        register_options: serde_json::to_value(options).ok(),
    };
    Request::new(
        RequestId::from("factlint-watch".to_string()),
        RegisterCapability::METHOD.into(),
        RegistrationParams {
            registrations: vec![registration],
        },
    )
}

/// Reads messages until `exit`; returns the exit code: 0 after a `shutdown`, else 1.
fn serve_messages(connection: &Connection, jobs: &Sender<Job>, analyses: &Analyses) -> u8 {
    let mut documents = HashMap::new();
    for message in &connection.receiver {
        match message {
            Message::Request(request) => match connection.handle_shutdown(&request) {
                Ok(true) => return 0,
                Ok(false) => {
                    let response = answer(request, analyses);
                    let _ = connection.sender.send(response.into());
                }
                Err(_) => return 1,
            },
            Message::Notification(notification) if notification.method == Exit::METHOD => return 1,
            Message::Notification(notification) => {
                notify(notification, jobs, &mut documents);
            }
            Message::Response(_) => {}
        }
    }
    1
}

/// The answer to a request: hover, code actions; any other method is not found. A request whose handling fails
/// (a bug) gets an internal error, and the server goes on.
fn answer(request: Request, analyses: &Analyses) -> Response {
    let id = request.id.clone();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| handle(request, analyses)))
        .unwrap_or_else(|_| {
            let message = "factlint lsp failed on this request".to_string();
            Response::new_err(id, ErrorCode::InternalError as i32, message)
        })
}

fn handle(request: Request, analyses: &Analyses) -> Response {
    let id = request.id.clone();
    let result = match request.method.as_str() {
        HoverRequest::METHOD => serde_json::from_value::<HoverParams>(request.params)
            .map(|params| serde_json::to_value(hover_at(&params, analyses))),
        CodeActionRequest::METHOD => serde_json::from_value::<CodeActionParams>(request.params)
            .map(|params| serde_json::to_value(actions_for(&params, analyses))),
        _ => {
            let message = format!("factlint lsp does not handle {}", request.method);
            return Response::new_err(id, ErrorCode::MethodNotFound as i32, message);
        }
    };
    match result {
        Ok(Ok(value)) => Response::new_ok(id, value),
        Ok(Err(e)) | Err(e) => {
            Response::new_err(id, ErrorCode::InvalidParams as i32, e.to_string())
        }
    }
}

fn analysis_of(uri: &Uri, analyses: &Analyses) -> Option<Arc<analysis::Analysis>> {
    analyses
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(uri)
        .cloned()
}

fn hover_at(params: &HoverParams, analyses: &Analyses) -> Option<lsp_types::Hover> {
    let place = &params.text_document_position_params;
    let analysis = analysis_of(&place.text_document.uri, analyses)?;
    let offset = analysis.lines.offset(analysis.text(), place.position);
    hover::hover(&analysis, offset)
}

fn actions_for(
    params: &CodeActionParams,
    analyses: &Analyses,
) -> Vec<lsp_types::CodeActionOrCommand> {
    let uri = &params.text_document.uri;
    let Some(analysis) = analysis_of(uri, analyses) else {
        return Vec::new();
    };
    let start = analysis.lines.offset(analysis.text(), params.range.start);
    let end = analysis.lines.offset(analysis.text(), params.range.end);
    actions::code_actions(uri, &analysis, start, end)
}

/// What an open document is to the server.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DocumentKind {
    /// Markdown or text: checked against the corpus.
    Prose,
    /// YAML: a rule file's errors are shown as it is edited (the worker knows which files are rule files).
    Yaml,
}

/// Hands a document's change, or a change on disk, to the worker. Only Markdown and text documents are checked,
/// and YAML documents parsed when they are rule files.
fn notify(
    notification: Notification,
    jobs: &Sender<Job>,
    documents: &mut HashMap<Uri, DocumentKind>,
) {
    if let Some(job) = job_of(notification, documents) {
        let _ = jobs.send(job);
    }
}

/// The worker's job for a notification; `None` for notifications that concern it not, or whose parameters are
/// not what the method takes.
fn job_of(notification: Notification, documents: &mut HashMap<Uri, DocumentKind>) -> Option<Job> {
    let method = notification.method.clone();
    Some(match method.as_str() {
        DidOpenTextDocument::METHOD => {
            let document = params::<DidOpenTextDocumentParams>(notification)?.text_document;
            let kind = kind_of(&document.language_id, &document.uri)?;
            documents.insert(document.uri.clone(), kind);
            changed(kind, document.uri, document.version, document.text)
        }
        DidChangeTextDocument::METHOD => {
            let mut params = params::<DidChangeTextDocumentParams>(notification)?;
            let document = params.text_document;
            // Full synchronisation: the last change holds the whole text.
            let change = params.content_changes.pop()?;
            let kind = *documents.get(&document.uri)?;
            changed(kind, document.uri, document.version, change.text)
        }
        DidCloseTextDocument::METHOD => {
            let uri = params::<DidCloseTextDocumentParams>(notification)?
                .text_document
                .uri;
            documents.remove(&uri);
            Job::Closed(uri)
        }
        DidSaveTextDocument::METHOD => {
            let uri = params::<DidSaveTextDocumentParams>(notification)?
                .text_document
                .uri;
            Job::FilesChanged(uri::to_path(&uri).into_iter().collect())
        }
        DidChangeWatchedFiles::METHOD => {
            let changes = params::<DidChangeWatchedFilesParams>(notification)?.changes;
            Job::FilesChanged(
                changes
                    .iter()
                    .filter_map(|c| uri::to_path(&c.uri))
                    .collect(),
            )
        }
        _ => return None,
    })
}

/// A notification's parameters; `None` when they are not what its method takes.
fn params<P: serde::de::DeserializeOwned>(notification: Notification) -> Option<P> {
    serde_json::from_value(notification.params).ok()
}

/// The job for a document's new text.
fn changed(kind: DocumentKind, uri: Uri, version: i32, text: String) -> Job {
    match kind {
        DocumentKind::Prose => Job::Changed {
            uri,
            version,
            text: text.into(),
        },
        DocumentKind::Yaml => Job::RuleEdited {
            uri,
            text: text.into(),
        },
    }
}

/// Markdown and plain text, or YAML, by language id or by the file's extension; `None` for other documents.
fn kind_of(language_id: &str, uri: &Uri) -> Option<DocumentKind> {
    let extension = uri.as_str().rsplit('.').next().unwrap_or_default();
    if matches!(language_id, "markdown" | "plaintext" | "text")
        || matches!(extension, "md" | "markdown" | "txt" | "text")
    {
        Some(DocumentKind::Prose)
    } else if language_id == "yaml" || matches!(extension, "yaml" | "yml") {
        Some(DocumentKind::Yaml)
    } else {
        None
    }
}
