//! `factlint lsp` driven the way an editor drives it: the binary is spawned and spoken to in JSON-RPC over its
//! standard input and output.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// Rules of the test workspace: one claim, severity warning, with a link.
const RULES: &str = "claims:
  - id: volunteers
    title: Volunteers at the lake clean-up
    kind: quantity
    severity: warning
    link: https://example.org/claims/volunteers
    patterns:
      - '{quantity} volunteers'
";

/// Three corpus sources: two say 120, one about 125 (which 120 fits).
const CORPUS: &[(&str, &str)] = &[
    (
        "corpus/weekly.md",
        "---\nname: weekly\noutlet: Lakeside Weekly\npublished: 2025-06-02\n---\n\nOn Saturday 120 volunteers \
         cleared the north shore of the lake.\n",
    ),
    (
        "corpus/radio.md",
        "---\nname: radio\noutlet: Valley Radio\npublished: 2025-06-02\n---\n\nOrganisers said 120 volunteers took \
         part in the clean-up.\n",
    ),
    (
        "corpus/blog.md",
        "---\nname: blog\noutlet: Shore Notes\npublished: 2025-06-02\n---\n\nAbout 125 volunteers braved the rain.\n",
    ),
];

/// A draft whose one mention contradicts the corpus, after curly quotes, an em dash and an emoji on its line.
const DRAFT: &str =
    "---\npublished: 2025-06-02\n---\n\n# Clean-up\n\n“Busy” — 😀 day: 300 volunteers came.\n";

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for sub in ["rules", "corpus", "drafts"] {
        std::fs::create_dir(dir.path().join(sub)).expect("a directory is created");
    }
    common::write(
        dir.path(),
        "factlint.yaml",
        b"rules: [rules]\npaths: [corpus]\n",
    );
    common::write(dir.path(), "rules/volunteers.yaml", RULES.as_bytes());
    for (name, text) in CORPUS {
        common::write(dir.path(), name, text.as_bytes());
    }
    dir
}

/// A running server and the messages it sends.
struct Server {
    child: Child,
    input: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_factlint"))
            .arg("lsp")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("factlint lsp starts");
        let input = child.stdin.take().expect("stdin is piped");
        let output = child.stdout.take().expect("stdout is piped");
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(output);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            input,
            messages,
            next_id: 1,
        }
    }

    fn send(&mut self, message: &Value) {
        self.send_body(&message.to_string());
    }

    /// Sends one frame whose body is `body`, whatever it holds.
    fn send_body(&mut self, body: &str) {
        write!(self.input, "Content-Length: {}\r\n\r\n{body}", body.len())
            .expect("the server reads");
        self.input.flush().expect("the server reads");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its response.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|m| m["id"] == id && m.get("method").is_none())
    }

    /// The next message that `wanted` accepts, skipping others; fails after a while.
    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .messages
                .recv_timeout(left)
                .expect("the awaited message comes in time");
            if wanted(&message) {
                return message;
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        })["params"]
            .clone()
    }

    fn initialize(&mut self, root: &Path) {
        self.initialize_with(root, json!({"debounceMs": 5}));
    }

    fn initialize_with(&mut self, root: &Path, options: Value) {
        let root_uri = format!("file://{}", root.display());
        let response = self.request(
            "initialize",
            json!({"processId": null, "rootUri": root_uri, "capabilities": {},
                   "initializationOptions": options}),
        );
        assert_eq!(response["result"]["capabilities"]["hoverProvider"], true);
        self.notify("initialized", json!({}));
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    /// Shuts down and exits; returns the exit code.
    fn shut_down(mut self) -> Option<i32> {
        let response = self.request("shutdown", Value::Null);
        assert!(response["error"].is_null(), "{response}");
        self.notify("exit", Value::Null);
        wait_exit(&mut self.child)
    }
}

fn wait_exit(child: &mut Child) -> Option<i32> {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().expect("the child can be waited for") {
            return status.code();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    panic!("the server did not exit");
}

/// One message of the base protocol: headers, a blank line, `Content-Length` bytes of JSON.
fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// A server started and initialized on a fresh workspace: the workspace (removed when dropped), its root, the
/// server.
fn started() -> (tempfile::TempDir, PathBuf, Server) {
    let dir = workspace();
    let root = dir.path().canonicalize().expect("the workspace exists");
    let mut server = Server::start(&root);
    server.initialize(&root);
    (dir, root, server)
}

fn uri_of(root: &Path, name: &str) -> String {
    format!("file://{}", root.join(name).display())
}

#[test]
fn a_draft_gets_diagnostics_hover_and_fixes_then_the_server_exits_cleanly() {
    let (_dir, root, mut server) = started();
    let draft = uri_of(&root, "drafts/post.md");
    server.open(&draft, DRAFT);

    let published = server.diagnostics(&draft);
    insta::assert_snapshot!(
        "draft_diagnostics",
        serde_json::to_string_pretty(&published)
            .expect("JSON")
            .replace(&root.display().to_string(), "<workspace>")
    );
    let diagnostics = published["diagnostics"].as_array().expect("a list");
    assert_eq!(diagnostics.len(), 1, "{published:#}");
    let diagnostic = &diagnostics[0];
    // Line 6 (0-based) is "“Busy” — 😀 day: 300 volunteers came.": “ ” — are one UTF-16 unit each, the emoji
    // two, so "300" starts at unit 17.
    assert_eq!(
        diagnostic["range"],
        json!({"start": {"line": 6, "character": 17}, "end": {"line": 6, "character": 31}})
    );
    assert_eq!(diagnostic["severity"], 2, "warning, from the rule");
    assert_eq!(diagnostic["code"], "volunteers");
    assert_eq!(
        diagnostic["codeDescription"]["href"],
        "https://example.org/claims/volunteers"
    );
    assert_eq!(diagnostic["source"], "factlint");
    let message = diagnostic["message"].as_str().expect("a message");
    assert!(
        message.starts_with(
            "Volunteers at the lake clean-up: the draft says 300 (295–305), the corpus says "
        ),
        "{message}"
    );
    assert!(
        message.contains("120 (115–125) (2 mentions in 2 sources)"),
        "{message}"
    );
    let related = diagnostic["relatedInformation"]
        .as_array()
        .expect("related information");
    assert_eq!(related.len(), 3, "{related:#?}");
    let weekly = related
        .iter()
        .find(|r| r["location"]["uri"] == uri_of(&root, "corpus/weekly.md"))
        .expect("the weekly's mention is related");
    // "On Saturday" dates the figure to the Saturday before publication.
    assert_eq!(
        weekly["message"],
        "weekly: 120 (115–125) · as of 2025-05-31"
    );
    assert_eq!(
        weekly["location"]["range"],
        json!({"start": {"line": 6, "character": 12}, "end": {"line": 6, "character": 26}})
    );

    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": draft}, "position": {"line": 6, "character": 20}}),
    );
    let shown = hover["result"]["contents"]["value"]
        .as_str()
        .expect("Markdown");
    insta::assert_snapshot!("draft_hover", shown);
    assert!(
        shown.starts_with("**Volunteers at the lake clean-up** (`volunteers`)"),
        "{shown}"
    );
    assert!(
        shown.contains("Here: **300 (295–305)**, as of 2025-06-02 (contradicts the corpus)"),
        "{shown}"
    );
    assert!(
        shown.contains("| 120 (115–125) | 2025-06-02 | 2 | 2 | radio |"),
        "{shown}"
    );
    assert!(
        shown.contains("| about 125 (112.5–137.5) | 2025-06-02 | 1 | 1 | blog |"),
        "{shown}"
    );
    let off_mention = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": draft}, "position": {"line": 4, "character": 2}}),
    );
    assert!(off_mention["result"].is_null(), "{off_mention}");

    let actions = server.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": draft}, "range": diagnostic["range"],
               "context": {"diagnostics": [diagnostic]}}),
    );
    let actions = actions["result"].as_array().expect("a list of actions");
    assert_eq!(actions.len(), 2, "{actions:#?}");
    assert_eq!(
        actions[0]["title"],
        "Replace with the corpus consensus: 120"
    );
    assert_eq!(
        actions[0]["edit"]["changes"][&draft],
        json!([{"range": {"start": {"line": 6, "character": 17}, "end": {"line": 6, "character": 20}},
                "newText": "120"}])
    );
    assert_eq!(
        actions[1]["edit"]["changes"][&draft],
        json!([{"range": {"start": {"line": 6, "character": 0}, "end": {"line": 6, "character": 0}},
                "newText": "<!-- factlint-ignore volunteers -->\n"}])
    );

    server.change(&draft, 2, &DRAFT.replace("300", "120"));
    let fixed = server.diagnostics(&draft);
    assert_eq!(fixed["version"], 2);
    assert_eq!(fixed["diagnostics"], json!([]));

    assert_eq!(server.shut_down(), Some(0));
}

#[test]
fn bad_input_leaves_the_server_answering() {
    let (_dir, root, mut server) = started();

    // Frames whose bodies are not JSON-RPC messages are skipped.
    server.send_body("{not json");
    server.send_body("{\"a\": 1}");
    let unknown = server.request("factlint/noSuchMethod", json!({"x": 1}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    server.notify("factlint/noSuchNotification", json!([1, 2]));
    let bad_params = server.request("textDocument/hover", json!({"textDocument": 5}));
    assert_eq!(bad_params["error"]["code"], -32602, "{bad_params}");

    let junk = uri_of(&root, "drafts/junk.md");
    let bytes: String = (0..4096u32)
        .map(|i| char::from_u32((i * 7919) % 0xD7FF).unwrap_or('\u{0}'))
        .collect();
    server.open(&junk, &bytes);
    let published = server.diagnostics(&junk);
    assert!(published["diagnostics"].is_array(), "{published}");

    // A 50 MB document is checked on the worker; the reader goes on answering meanwhile.
    let big = uri_of(&root, "drafts/big.md");
    let mut text =
        "Nothing to see on this line, only filler words for the size.\n".repeat(50 << 20 >> 6);
    text.push_str("In the end 300 volunteers came.\n");
    server.open(&big, &text);
    let answered = server.request("factlint/noSuchMethod", Value::Null);
    assert_eq!(answered["error"]["code"], -32601);
    let published = server.diagnostics(&big);
    let diagnostics = published["diagnostics"].as_array().expect("a list");
    assert_eq!(diagnostics.len(), 1, "{:?}", diagnostics);
    assert_eq!(
        diagnostics[0]["range"]["start"]["line"],
        text.lines().count() - 1
    );
    // The fix reads the paragraph around the mention, not the whole 50 MB.
    let actions = server.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": big}, "range": diagnostics[0]["range"], "context": {"diagnostics": []}}),
    );
    let replace = &actions["result"][0];
    assert_eq!(
        replace["title"], "Replace with the corpus consensus: 120",
        "{actions}"
    );
    let edit = &replace["edit"]["changes"][&big][0];
    assert_eq!(edit["range"]["start"]["character"], 11, "{edit}");

    assert_eq!(server.shut_down(), Some(0));
}

#[test]
fn a_rule_file_that_stops_parsing_keeps_the_last_good_rules() {
    let (_dir, root, mut server) = started();
    let draft = uri_of(&root, "drafts/post.md");
    server.open(&draft, DRAFT);
    assert_eq!(
        server.diagnostics(&draft)["diagnostics"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );

    let rule_file = root.join("rules/volunteers.yaml");
    let rule_uri = uri_of(&root, "rules/volunteers.yaml");
    std::fs::write(
        &rule_file,
        RULES.replace("kind: quantity", "kind: quantiti"),
    )
    .expect("the rule is written");
    server.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": rule_uri}}),
    );
    let published = server.diagnostics(&rule_uri);
    let error = &published["diagnostics"][0];
    assert_eq!(error["severity"], 1, "{published}");
    assert_eq!(
        error["range"]["start"],
        json!({"line": 3, "character": 10}),
        "{published}"
    );
    let message = error["message"].as_str().expect("a message");
    assert!(
        message.starts_with("claims[0].kind: unknown variant `quantiti`"),
        "{message}"
    );
    assert!(message.contains("did you mean `quantity`?"), "{message}");

    // The draft is still checked, with the last rules that loaded.
    server.change(&draft, 2, &DRAFT.replace("300", "310"));
    let published = server.diagnostics(&draft);
    assert_eq!(published["version"], 2);
    assert_eq!(published["diagnostics"].as_array().map(Vec::len), Some(1));

    std::fs::write(&rule_file, RULES).expect("the rule is written");
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": rule_uri, "type": 2}]}),
    );
    assert_eq!(server.diagnostics(&rule_uri)["diagnostics"], json!([]));
    assert_eq!(server.shut_down(), Some(0));
}

#[test]
fn a_corpus_document_gets_its_own_conflicts_with_the_rest_of_the_corpus() {
    let (_dir, root, mut server) = started();
    let radio = uri_of(&root, "corpus/radio.md");
    let text = CORPUS[1].1;
    server.open(&radio, text);
    // It agrees with the others, and is not compared with its own saved copy.
    assert_eq!(server.diagnostics(&radio)["diagnostics"], json!([]));

    server.change(&radio, 2, &text.replace("120", "400"));
    let published = server.diagnostics(&radio);
    let diagnostics = published["diagnostics"].as_array().expect("a list");
    assert_eq!(diagnostics.len(), 1, "{published:#}");
    let related: Vec<&str> = diagnostics[0]["relatedInformation"]
        .as_array()
        .expect("related information")
        .iter()
        .map(|r| r["location"]["uri"].as_str().expect("a URI"))
        .collect();
    assert_eq!(
        related,
        [
            uri_of(&root, "corpus/blog.md"),
            uri_of(&root, "corpus/weekly.md")
        ]
    );
    assert_eq!(server.shut_down(), Some(0));
}

#[test]
fn exit_without_shutdown_is_exit_code_1() {
    let (_dir, _root, mut server) = started();
    server.notify("exit", Value::Null);
    assert_eq!(wait_exit(&mut server.child), Some(1));
}

#[test]
fn a_rule_file_open_in_the_editor_shows_its_errors_as_it_is_edited() {
    let (_dir, root, mut server) = started();
    let rule_uri = uri_of(&root, "rules/volunteers.yaml");
    let broken = RULES.replace(
        "    severity: warning\n",
        "    severity: warning\n    tolerance: [\n",
    );
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": rule_uri, "languageId": "yaml", "version": 1, "text": broken}}),
    );
    let published = server.diagnostics(&rule_uri);
    let errors = published["diagnostics"].as_array().expect("a list");
    assert_eq!(errors.len(), 1, "{published:#}");
    // Line 5 is "    tolerance: [": the error points at the bracket.
    assert_eq!(
        errors[0]["range"]["start"],
        json!({"line": 5, "character": 15}),
        "{published:#}"
    );
    let message = errors[0]["message"].as_str().expect("a message");
    assert!(
        message.starts_with("claims[0].tolerance: invalid type"),
        "{message}"
    );

    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": rule_uri, "version": 2}, "contentChanges": [{"text": RULES}]}),
    );
    assert_eq!(server.diagnostics(&rule_uri)["diagnostics"], json!([]));

    // A YAML file that is no rule file is left alone; the next message is the answer to the next request.
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri_of(&root, "other.yaml"), "languageId": "yaml", "version": 1,
                                "text": "claims: ["}}),
    );
    assert_eq!(server.shut_down(), Some(0));
}

#[test]
fn rapid_changes_are_gathered_and_the_last_one_is_published() {
    let (_dir, root, mut server) = started();
    let draft = uri_of(&root, "drafts/post.md");
    server.open(&draft, DRAFT);
    assert_eq!(server.diagnostics(&draft)["version"], 1);
    for version in 2..=40 {
        let figure = if version == 40 { 120 } else { 300 + version };
        server.change(&draft, version, &DRAFT.replace("300", &figure.to_string()));
    }
    let mut published = Vec::new();
    loop {
        let params = server.diagnostics(&draft);
        published.push(params["version"].as_i64().expect("a version"));
        if params["version"] == 40 {
            assert_eq!(
                params["diagnostics"],
                json!([]),
                "120 agrees with the corpus"
            );
            break;
        }
    }
    assert!(
        published.len() < 39,
        "every change was checked: {published:?}"
    );
    assert!(published.windows(2).all(|w| w[0] < w[1]), "{published:?}");
    assert_eq!(server.shut_down(), Some(0));
}

#[test]
fn a_saved_corpus_file_reloads_the_corpus_and_open_documents_are_checked_again() {
    let (_dir, root, mut server) = started();
    let draft = uri_of(&root, "drafts/post.md");
    server.open(&draft, DRAFT);
    let before = server.diagnostics(&draft);
    assert!(before["diagnostics"][0]["message"]
        .as_str()
        .expect("a message")
        .ends_with("no corpus mention agrees"));

    // The two sources that said 120 now say 300, as the draft does.
    for (name, text) in &CORPUS[..2] {
        common::write(&root, name, text.replace("120", "300").as_bytes());
    }
    server.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri_of(&root, "corpus/radio.md")}}),
    );
    let after = server.diagnostics(&draft);
    let message = after["diagnostics"][0]["message"]
        .as_str()
        .expect("a message");
    assert!(
        message.ends_with("agreeing: 2 mentions in 2 sources"),
        "{message}"
    );
    assert_eq!(server.shut_down(), Some(0));
}

/// A workspace of the landslide story (`tests/fixtures/drafts/landslide`): a toll that rose from 40 to 380 over
/// four days in dated reports.
fn landslide_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let story = common::repo_root().join("tests/fixtures/drafts/landslide");
    std::fs::create_dir(dir.path().join("corpus")).expect("a directory is created");
    for entry in std::fs::read_dir(story.join("corpus")).expect("the story's corpus") {
        let path = entry.expect("a corpus file").path();
        std::fs::copy(
            &path,
            dir.path().join("corpus").join(path.file_name().unwrap()),
        )
        .expect("a copy");
    }
    std::fs::copy(story.join("rules.yaml"), dir.path().join("rules.yaml")).expect("a copy");
    common::write(
        dir.path(),
        "factlint.yaml",
        b"rules: [rules.yaml]\npaths: [corpus]\n",
    );
    dir
}

/// The messages of the diagnostics published for `uri`.
fn messages(server: &mut Server, uri: &str) -> Vec<String> {
    let published = server.diagnostics(uri);
    published["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|d| d["message"].as_str().expect("a message").to_string())
        .collect()
}

#[test]
fn an_undated_document_is_as_of_the_corpus_latest_figures_unless_dated() {
    let dir = landslide_workspace();
    let root = dir.path().canonicalize().expect("the workspace exists");
    let mut server = Server::start(&root);
    server.initialize(&root);
    let draft = uri_of(&root, "draft.md");
    server.open(&draft, "The landslide killed 380 people.\n");
    assert_eq!(messages(&mut server, &draft), Vec::<String>::new());
    server.change(&draft, 2, "The landslide killed 210 people.\n");
    let found = messages(&mut server, &draft);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains(
            "the draft says 210 (205–215), which is out of date: later corpus figures are 380"
        ),
        "{}",
        found[0]
    );
    server.change(
        &draft,
        3,
        "---\npublished: 2026-04-14T12:00:00Z\n---\nThe landslide killed 210 people.\n",
    );
    assert_eq!(
        messages(&mut server, &draft),
        Vec::<String>::new(),
        "front matter dates the document"
    );
    assert_eq!(server.shut_down(), Some(0));

    // the messages on the undated draft of a server started with `options`
    let messages_with = |options: serde_json::Value| {
        let mut server = Server::start(&root);
        server.initialize_with(&root, options);
        server.open(&draft, "The landslide killed 210 people.\n");
        let found = messages(&mut server, &draft);
        assert_eq!(server.shut_down(), Some(0));
        found
    };
    assert_eq!(
        messages_with(json!({"debounceMs": 5, "draftDate": "2026-04-14T12:00"})),
        Vec::<String>::new(),
        "draftDate dates the document"
    );
    let found = messages_with(json!({"draftDate": "soon"}));
    assert!(
        found[0].contains("draftDate: \"soon\" is not a date"),
        "{found:?}"
    );
}
