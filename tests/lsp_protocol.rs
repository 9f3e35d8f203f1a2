//! `replylint server` spoken to as an editor would: the built binary,
//! JSON-RPC with Content-Length framing over its standard input and output,
//! every read under a deadline (a hang fails the test, it never blocks).
//! Ranges, edits and texts are computed here, independently of the server.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long any one expected message may take (a debug build compiles
/// the default pack on the first lint).
const DEADLINE: Duration = Duration::from_secs(30);

/// A language client over the server's pipes.
struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Notifications read while waiting for something else.
    backlog: Vec<Value>,
    /// Requests the server sent us (answered with `null`).
    server_requests: Vec<Value>,
    stderr: Arc<Mutex<String>>,
    next_id: i64,
}

impl Client {
    fn start(dir: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_replylint"))
            .arg("server")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn replylint server");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_frame(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().expect("stderr");
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            sink.lock().unwrap().push_str(&text);
        });
        Client {
            stdin: child.stdin.take(),
            child,
            incoming,
            backlog: Vec::new(),
            server_requests: Vec::new(),
            stderr,
            next_id: 1,
        }
    }

    /// Starts a server in `dir` and initializes it with `dir` as the root.
    fn initialized(dir: &Path, utf8: bool) -> (Client, Value) {
        let mut client = Client::start(dir);
        let result = client.initialize(dir, utf8);
        (client, result)
    }

    fn initialize(&mut self, root: &Path, utf8: bool) -> Value {
        let encodings: Vec<&str> = if utf8 {
            vec!["utf-8", "utf-16"]
        } else {
            vec!["utf-16"]
        };
        let result = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "capabilities": {
                    "general": {"positionEncodings": encodings},
                    "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}},
                },
            }),
        );
        self.notify("initialized", json!({}));
        result.get("result").cloned().unwrap_or_else(|| {
            panic!("initialize failed: {result}");
        })
    }

    fn send(&mut self, message: &Value) {
        let body = serde_json::to_string(message).unwrap();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write to the server");
        stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns the whole response (`result` or `error`).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(&format!("the response to {method}"), |m| {
            m.get("id") == Some(&json!(id)) && m.get("method").is_none()
        })
    }

    /// The next message `wanted` accepts (notifications seen before are
    /// looked at first); fails after the deadline.
    fn wait(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&wanted) {
            return self.backlog.remove(i);
        }
        let end = Instant::now() + DEADLINE;
        loop {
            let left = end.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) => {
                    if message.get("id").is_some() && message.get("method").is_some() {
                        // A request of the server's: answer it.
                        let id = message["id"].clone();
                        self.server_requests.push(message);
                        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
                        continue;
                    }
                    if wanted(&message) {
                        return message;
                    }
                    self.backlog.push(message);
                }
                Err(RecvTimeoutError::Timeout) => panic!(
                    "no {what} within {DEADLINE:?}; seen: {:#?}\nserver stderr:\n{}",
                    self.backlog,
                    self.stderr.lock().unwrap()
                ),
                Err(RecvTimeoutError::Disconnected) => panic!(
                    "the server closed its output waiting for {what}\nserver stderr:\n{}",
                    self.stderr.lock().unwrap()
                ),
            }
        }
    }

    /// The next diagnostics published for `uri` (of `version` when given).
    fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let message = self.wait(&format!("diagnostics for {uri}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && version.is_none_or(|v| m["params"]["version"] == v)
        });
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    /// `shutdown`, `exit`, and the exit code (within the deadline).
    fn shutdown(mut self) -> i32 {
        let response = self.request("shutdown", Value::Null);
        assert!(response.get("error").is_none(), "{response}");
        self.notify("exit", Value::Null);
        self.exit_code()
    }

    fn exit_code(&mut self) -> i32 {
        drop(self.stdin.take());
        let end = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for the server") {
                return status.code().unwrap_or(-1);
            }
            if Instant::now() > end {
                let _ = self.child.kill();
                panic!("the server did not exit within {DEADLINE:?}");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One framed message, or `None` at the end of the output.
fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
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
    Some(serde_json::from_slice(&body).expect("the server writes JSON"))
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A temporary directory, canonical (so `file://` URIs compare equal).
fn temp() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().canonicalize().expect("canonical temp dir");
    (dir, path)
}

/// The LSP position of byte `offset` of `text`, counted here the slow way.
fn position(text: &str, offset: usize, utf8: bool) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = &text[line_start..offset];
    let character = if utf8 {
        column.len()
    } else {
        column.encode_utf16().count()
    };
    json!({"line": line, "character": character})
}

fn range(text: &str, start: usize, end: usize, utf8: bool) -> Value {
    json!({"start": position(text, start, utf8), "end": position(text, end, utf8)})
}

/// Applies LSP text edits (non-overlapping, any order) to `text`.
fn apply(text: &str, edits: &[Value], utf8: bool) -> String {
    let offset = |p: &Value| -> usize {
        let line = p["line"].as_u64().unwrap() as usize;
        let character = p["character"].as_u64().unwrap() as usize;
        let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[line_start..].char_indices() {
            if units >= character || c == '\n' || c == '\r' {
                return line_start + i;
            }
            units += if utf8 { c.len_utf8() } else { c.len_utf16() };
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_owned();
    for (start, end, new) in spans {
        out.replace_range(start..end, &new);
    }
    out
}

fn by_rule<'a>(diagnostics: &'a [Value], rule: &str) -> Vec<&'a Value> {
    diagnostics.iter().filter(|d| d["code"] == rule).collect()
}

/// A reply with one `tone/condescending` finding after "é" and "😀".
const REPLY: &str =
    "Hi Sam,\n\nThanks for writing in. The café 😀 team says obviously it works.\n\nBest,\nAna\n";

/// A configuration using the test pack whose `clarity/jargon` turns
/// every "reboot" into "restart" (one fix each).
fn fixable_config(dir: &Path) {
    let pack = common::root().join("fixtures/packs/fixable-jargon");
    common::write(
        dir,
        "replylint.yaml",
        format!("rules: [{}]\n", pack.display()),
    );
}

#[test]
fn initialize_negotiates_the_position_encoding() {
    let (_tmp, dir) = temp();
    let (client, result) = Client::initialized(&dir, true);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(result["capabilities"]["textDocumentSync"]["change"], 2);
    assert_eq!(result["serverInfo"]["name"], "replylint");
    assert_eq!(client.shutdown(), 0);

    let (mut client, result) = Client::initialized(&dir, false);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    // The watcher registration for configuration files arrives.
    client.open(&uri(&dir.join("x.md")), "markdown", "Hi.\n");
    client.diagnostics(&uri(&dir.join("x.md")), None);
    let registration = client
        .server_requests
        .iter()
        .find(|r| r["method"] == "client/registerCapability")
        .expect("a registerCapability request");
    let watchers = &registration["params"]["registrations"][0]["registerOptions"]["watchers"];
    assert_eq!(watchers[0]["globPattern"], "**/replylint.yaml");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn findings_have_exact_ranges_in_utf16_and_utf8() {
    let (_tmp, dir) = temp();
    let start = REPLY.find("obviously").unwrap();
    let end = start + "obviously".len();
    for utf8 in [false, true] {
        let (mut client, _) = Client::initialized(&dir, utf8);
        let doc = uri(&dir.join("reply.md"));
        client.open(&doc, "markdown", REPLY);
        let diagnostics = client.diagnostics(&doc, Some(1));
        let found = by_rule(&diagnostics, "tone/condescending");
        assert_eq!(found.len(), 1, "{diagnostics:#?}");
        let d = found[0];
        assert_eq!(d["range"], range(REPLY, start, end, utf8), "utf8: {utf8}");
        // 44 characters before it: "é" is 2 bytes and 1 unit, "😀" 4 bytes
        // and 2 units.
        let expected_column = if utf8 { 48 } else { 45 };
        assert_eq!(d["range"]["start"]["character"], expected_column);
        assert_eq!(d["severity"], 2, "a warning");
        assert_eq!(d["source"], "replylint");
        assert!(d["message"].as_str().unwrap().contains("\nhelp: "), "{d}");
        assert!(d["codeDescription"]["href"]
            .as_str()
            .is_some_and(|h| h.starts_with("https://")));
        assert_eq!(client.shutdown(), 0);
    }
}

#[test]
fn crlf_lines_and_incremental_changes() {
    let (_tmp, dir) = temp();
    let text = REPLY.replace('\n', "\r\n");
    let (mut client, _) = Client::initialized(&dir, false);
    let doc = uri(&dir.join("reply.md"));
    client.open(&doc, "markdown", &text);
    let diagnostics = client.diagnostics(&doc, Some(1));
    let start = text.find("obviously").unwrap();
    let found = by_rule(&diagnostics, "tone/condescending");
    assert_eq!(found.len(), 1, "{diagnostics:#?}");
    assert_eq!(
        found[0]["range"],
        range(&text, start, start + "obviously".len(), false)
    );
    assert_eq!(found[0]["range"]["start"]["line"], 2);

    // Delete "obviously " with a range edit, in two changes of one version
    // and a second version right after: only the last is published.
    let del = range(&text, start, start + "obviously ".len(), false);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": doc, "version": 2},
            "contentChanges": [{"range": del, "text": "certainly "}],
        }),
    );
    let after = text.replacen("obviously ", "certainly ", 1);
    let word = range(&after, start, start + "certainly ".len(), false);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": doc, "version": 3},
            "contentChanges": [{"range": word, "text": ""}],
        }),
    );
    let diagnostics = client.diagnostics(&doc, None);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    assert!(
        !client.backlog.iter().any(|m| m["params"]["version"] == 2),
        "version 2 was never linted: the edits came within the debounce"
    );
    // The server's text is the one we computed: a hover on the last line
    // is nothing, and "obviously" typed back is found at the same place.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": doc, "version": 4},
            "contentChanges": [{"range": range(&text, start, start, false), "text": "obviously "}],
        }),
    );
    let diagnostics = client.diagnostics(&doc, Some(4));
    assert_eq!(
        by_rule(&diagnostics, "tone/condescending")[0]["range"],
        range(&text, start, start + "obviously".len(), false)
    );
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn quick_fix_and_fix_all_edit_the_text() {
    let (_tmp, dir) = temp();
    fixable_config(&dir);
    let text = "Hi Sam,\r\n\r\nThanks for writing in. Please reboot the café router 😀, then reboot the modem.\r\n\r\nBest,\r\nAna\r\n";
    for utf8 in [false, true] {
        let (mut client, _) = Client::initialized(&dir, utf8);
        let doc = uri(&dir.join("reply.md"));
        client.open(&doc, "markdown", text);
        let diagnostics = client.diagnostics(&doc, Some(1));
        let jargon = by_rule(&diagnostics, "clarity/jargon");
        assert_eq!(jargon.len(), 2, "{diagnostics:#?}");
        let second = text.rfind("reboot").unwrap();
        assert_eq!(jargon[1]["range"], range(text, second, second + 6, utf8));

        let response = client.request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": doc},
                "range": jargon[1]["range"],
                "context": {"diagnostics": [jargon[1]]},
            }),
        );
        let actions = response["result"].as_array().expect("actions").clone();
        let fix = actions
            .iter()
            .find(|a| a["title"] == "Replace 'reboot' with 'restart'")
            .unwrap_or_else(|| panic!("{actions:#?}"));
        assert_eq!(fix["kind"], "quickfix");
        assert_eq!(fix["isPreferred"], true);
        let edits = fix["edit"]["changes"][&doc].as_array().unwrap();
        assert_eq!(
            apply(text, edits, utf8),
            text.replace("then reboot", "then restart")
        );

        let all = actions
            .iter()
            .find(|a| a["kind"] == "source.fixAll.replylint")
            .unwrap_or_else(|| panic!("{actions:#?}"));
        let edits = all["edit"]["changes"][&doc].as_array().unwrap();
        assert_eq!(apply(text, edits, utf8), text.replace("reboot", "restart"));
        // Asked for fix-all only, nothing else comes.
        let response = client.request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": doc},
                "range": jargon[1]["range"],
                "context": {"diagnostics": [], "only": ["source.fixAll"]},
            }),
        );
        let kinds: Vec<&Value> = response["result"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| &a["kind"])
            .collect();
        assert_eq!(kinds, [&json!("source.fixAll.replylint")]);
        assert_eq!(client.shutdown(), 0);
    }
}

#[test]
fn several_fixes_are_each_offered_the_first_preferred() {
    let (_tmp, dir) = temp();
    common::write(
        &dir,
        "pack/demo/reboot.yml",
        "extends: substitution\nmessage: \"Say '%s' plainly.\"\nlevel: warning\n\
         description: Reboot.\nhelp: Say it plainly.\nswap:\n  reboot: restart|turn off and on\n",
    );
    common::write(&dir, "replylint.yaml", "rules: [pack]\n");
    let text = "Hi Sam,\n\nThanks for writing in. Please reboot the router.\n";
    let (mut client, _) = Client::initialized(&dir, false);
    let doc = uri(&dir.join("reply.md"));
    client.open(&doc, "markdown", text);
    let diagnostics = client.diagnostics(&doc, Some(1));
    let found = by_rule(&diagnostics, "demo/reboot");
    assert_eq!(found.len(), 1, "{diagnostics:#?}");
    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": doc},
            "range": found[0]["range"],
            "context": {"diagnostics": [found[0]], "only": ["quickfix"]},
        }),
    );
    let actions = response["result"].as_array().unwrap();
    let fixes: Vec<&Value> = actions
        .iter()
        .filter(|a| a["title"].as_str().unwrap().starts_with("Replace"))
        .collect();
    assert_eq!(fixes.len(), 2, "{actions:#?}");
    assert_eq!(
        fixes[0]["title"],
        "Replace 'reboot' with 'restart' (the rule's recommendation)"
    );
    assert_eq!(fixes[0]["isPreferred"], true);
    assert_eq!(fixes[1]["title"], "Replace 'reboot' with 'turn off and on'");
    assert_eq!(fixes[1]["isPreferred"], false);
    // A finding with two fixes is not in "fix all".
    assert!(!actions
        .iter()
        .any(|a| a["kind"] == "source.fixAll.replylint"));
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn disable_for_this_line_silences_the_finding() {
    let (_tmp, dir) = temp();
    let (mut client, _) = Client::initialized(&dir, false);
    let doc = uri(&dir.join("reply.md"));
    client.open(&doc, "markdown", REPLY);
    let diagnostics = client.diagnostics(&doc, Some(1));
    let found = by_rule(&diagnostics, "tone/condescending")[0].clone();
    let response = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": doc}, "range": found["range"], "context": {"diagnostics": [found]}}),
    );
    let actions = response["result"].as_array().unwrap();
    let disable = actions
        .iter()
        .find(|a| a["title"] == "Disable tone/condescending for this line")
        .unwrap_or_else(|| panic!("{actions:#?}"));
    let edits = disable["edit"]["changes"][&doc].as_array().unwrap();
    let fixed = apply(REPLY, edits, false);
    let line = REPLY.find("Thanks").unwrap();
    assert_eq!(
        &fixed[line..],
        format!(
            "<!-- replylint-disable-next-line tone/condescending -- REASON: say why this reply needs it -->\n{}",
            &REPLY[line..]
        )
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let diagnostics = client.diagnostics(&doc, Some(2));
    assert!(
        diagnostics.is_empty(),
        "silenced, and the directive is valid: {diagnostics:#?}"
    );

    // Plain text has no comments: no disable action there.
    let txt = uri(&dir.join("reply.txt"));
    client.open(&txt, "plaintext", REPLY);
    let found = by_rule(&client.diagnostics(&txt, Some(1)), "tone/condescending")[0].clone();
    let response = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": txt}, "range": found["range"], "context": {"diagnostics": []}}),
    );
    assert!(
        !response["result"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["title"].as_str().unwrap().starts_with("Disable")),
        "{response}"
    );
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn hover_explains_the_rule() {
    let (_tmp, dir) = temp();
    let (mut client, _) = Client::initialized(&dir, false);
    let doc = uri(&dir.join("reply.md"));
    client.open(&doc, "markdown", REPLY);
    client.diagnostics(&doc, Some(1));
    let inside = REPLY.find("obviously").unwrap() + 3;
    let response = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": doc}, "position": position(REPLY, inside, false)}),
    );
    let value = response["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("{response}"));
    assert!(value.contains("# tone/condescending"), "{value}");
    assert!(value.contains("## What to write instead"), "{value}");
    assert!(value.contains("See https://"), "{value}");
    assert_eq!(response["result"]["contents"]["kind"], "markdown");
    // Nowhere near a finding: no hover.
    let response = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": doc}, "position": {"line": 0, "character": 1}}),
    );
    assert_eq!(response["result"], Value::Null, "{response}");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn a_changed_configuration_is_reloaded() {
    let (_tmp, dir) = temp();
    let (mut client, _) = Client::initialized(&dir, false);
    let doc = uri(&dir.join("reply.md"));
    client.open(&doc, "markdown", REPLY);
    let diagnostics = client.diagnostics(&doc, Some(1));
    assert_eq!(by_rule(&diagnostics, "tone/condescending").len(), 1);
    common::write(&dir, "replylint.yaml", "ignore: [tone/condescending]\n");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&dir.join("replylint.yaml")), "type": 1}]}),
    );
    let diagnostics = client.diagnostics(&doc, Some(1));
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    // Saved in the editor: reloaded too.
    common::write(&dir, "replylint.yaml", "ignore: [clarity/]\n");
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri(&dir.join("replylint.yaml"))}}),
    );
    let diagnostics = client.diagnostics(&doc, Some(1));
    assert_eq!(by_rule(&diagnostics, "tone/condescending").len(), 1);
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn a_broken_configuration_is_shown_on_its_file() {
    let (_tmp, dir) = temp();
    common::write(
        &dir,
        "broken/replylint.yaml",
        "ignore: [tone/]\nno-such-key: 1\n",
    );
    common::write(&dir, "fine/.keep", "");
    let (mut client, _) = Client::initialized(&dir, false);
    let broken = uri(&dir.join("broken/reply.md"));
    client.open(&broken, "markdown", REPLY);
    let config = uri(&dir.join("broken/replylint.yaml"));
    let on_config = client.diagnostics(&config, None);
    assert_eq!(on_config.len(), 1, "{on_config:#?}");
    assert_eq!(on_config[0]["range"]["start"]["line"], 1, "{on_config:#?}");
    assert!(on_config[0]["message"]
        .as_str()
        .unwrap()
        .contains("no-such-key"));
    client.wait("a showMessage", |m| m["method"] == "window/showMessage");
    // The reply under it is not checked, and says so.
    let on_reply = client.diagnostics(&broken, Some(1));
    assert!(by_rule(&on_reply, "tone/condescending").is_empty());
    // Another document still gets its findings.
    let fine = uri(&dir.join("fine/reply.md"));
    client.open(&fine, "markdown", REPLY);
    let diagnostics = client.diagnostics(&fine, Some(1));
    assert_eq!(by_rule(&diagnostics, "tone/condescending").len(), 1);
    // Fixed and saved: the configuration's diagnostics are cleared.
    common::write(&dir, "broken/replylint.yaml", "ignore: [tone/]\n");
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": config}}),
    );
    let on_config = client.diagnostics(&config, None);
    assert!(on_config.is_empty(), "{on_config:#?}");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn a_broken_rule_file_is_shown_on_its_file_and_the_other_rules_run() {
    let (_tmp, dir) = temp();
    common::write(&dir, "replylint.yaml", "rules: [pack]\n");
    common::write(
        &dir,
        "pack/team/broken.yml",
        "extends: existence\nmessage: m\ntokens:\n  - 'unclosed (group'\n",
    );
    let (mut client, _) = Client::initialized(&dir, false);
    let reply = uri(&dir.join("reply.md"));
    client.open(&reply, "markdown", REPLY);
    let rule = uri(&dir.join("pack/team/broken.yml"));
    let on_rule = client.diagnostics(&rule, None);
    assert_eq!(on_rule.len(), 1, "{on_rule:#?}");
    assert_eq!(on_rule[0]["range"]["start"]["line"], 3, "{on_rule:#?}");
    let on_reply = client.diagnostics(&reply, Some(1));
    assert_eq!(
        by_rule(&on_reply, "tone/condescending").len(),
        1,
        "{on_reply:#?}"
    );
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn garbage_and_unknown_methods_do_not_kill_the_server() {
    let (_tmp, dir) = temp();
    let (mut client, _) = Client::initialized(&dir, false);
    client.send_raw(b"Content-Length: 9\r\n\r\n{oops: 1}");
    client.send_raw(b"nonsense without a colon\r\n\r\n");
    let response = client.request("replylint/noSuchMethod", json!({}));
    assert_eq!(response["error"]["code"], -32601, "{response}");
    let response = client.request("textDocument/hover", json!({"textDocument": 7}));
    assert_eq!(response["error"]["code"], -32602, "{response}");
    client.notify("textDocument/didOpen", json!({"nonsense": true}));
    client.wait("a log of the malformed message", |m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("malformed"))
    });
    // Still serving.
    let doc = uri(&dir.join("reply.md"));
    client.open(&doc, "markdown", REPLY);
    let diagnostics = client.diagnostics(&doc, Some(1));
    assert_eq!(by_rule(&diagnostics, "tone/condescending").len(), 1);
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn exit_without_shutdown_is_code_1() {
    let (_tmp, dir) = temp();
    let (mut client, _) = Client::initialized(&dir, false);
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), 1);
}
