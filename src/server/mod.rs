//! `replylint server`: a language server over standard input and output.
//!
//! One thread reads and dispatches messages (`lsp-server` channels, our
//! tolerant framing in `transport.rs`); linting goes through the library's
//! front door, a [`Linter`](crate::lint::Linter) per workspace
//! (`config.rs`), one [`Job`](crate::lint::Job) per document
//! (`diagnostics.rs`).
//!
//! - `positions.rs`: byte offsets ⇄ LSP positions in UTF-8 or UTF-16.
//! - `documents.rs`: open documents, incremental changes.
//! - `diagnostics.rs`: linting a document, findings as LSP diagnostics.
//! - `actions.rs`: quick fixes, fix all, disable for this line.
//! - `hover.rs`: a rule's documentation on its finding.
//! - `config.rs`: configuration discovery, reloads, load errors by file.
//! - `transport.rs`: Content-Length framing that survives bad input.
//!
//! Diagnostics are published on open and save at once, and
//! [`DEBOUNCE`] after the last change of a burst of edits (only the latest
//! version is linted, and published with its version). A request for code
//! actions or a hover lints a changed document at once. Nothing but
//! protocol goes to standard output; logs go to standard error and to the
//! client's `window/logMessage`. A panic while handling one message is
//! caught, logged and answered with an error; the server keeps running.
//! The process exits 0 on `exit` after `shutdown`, 1 otherwise.

pub mod actions;
pub mod config;
pub mod diagnostics;
pub mod documents;
pub mod hover;
pub mod positions;
pub mod transport;

use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, FileSystemWatcher, GlobPattern,
    HoverParams, HoverProviderCapability, MessageType, PublishDiagnosticsParams, Registration,
    RegistrationParams, SaveOptions, ServerCapabilities, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Url,
};
use serde_json::Value;

use config::{Problems, Workspace};
use diagnostics::Checked;
use documents::{Document, Documents};
use positions::Encoding;

/// How long after the last change a document is linted.
pub const DEBOUNCE: Duration = Duration::from_millis(75);

/// Serves one client on standard input and output; returns the exit code.
pub fn run() -> u8 {
    let (connection, writer) = transport::stdio();
    let code = match serve(&connection) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("replylint server: {message}");
            1
        }
    };
    drop(connection);
    let _ = writer.join();
    code
}

/// The session: initialize, then the main loop until `exit`.
fn serve(connection: &Connection) -> Result<u8, String> {
    let (id, params) = connection
        .initialize_start()
        .map_err(|e| format!("before initialize: {e}"))?;
    let encoding = Encoding::negotiate(&offered_encodings(&params));
    let watch = params
        .pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let result = serde_json::json!({
        "capabilities": capabilities(encoding),
        "serverInfo": {"name": "replylint", "version": env!("CARGO_PKG_VERSION")},
    });
    connection
        .sender
        .send(Response::new_ok(id, result).into())
        .map_err(|e| e.to_string())?;
    let mut server = Server {
        connection,
        encoding,
        watch,
        workspace: Workspace::new(workspace_root(&params)),
        documents: Documents::default(),
        checked: HashMap::new(),
        pending: HashMap::new(),
        problems: Problems::default(),
        problem_files: HashSet::new(),
        shutdown: false,
    };
    eprintln!(
        "replylint server {}: position encoding {}, workspace {}",
        env!("CARGO_PKG_VERSION"),
        encoding.kind().as_str(),
        server.workspace.root.display()
    );
    Ok(server.main_loop())
}

/// The position encodings the client offers (`general.positionEncodings`).
fn offered_encodings(params: &Value) -> Vec<String> {
    params
        .pointer("/capabilities/general/positionEncodings")
        .and_then(Value::as_array)
        .map(|kinds| {
            kinds
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// The workspace's root folder: the first workspace folder, else
/// `rootUri`, else `rootPath`.
fn workspace_root(params: &Value) -> Option<PathBuf> {
    let uri = params
        .pointer("/workspaceFolders/0/uri")
        .or_else(|| params.get("rootUri"))
        .and_then(Value::as_str)
        .and_then(|u| Url::parse(u).ok())
        .and_then(|u| u.to_file_path().ok());
    uri.or_else(|| {
        params
            .get("rootPath")
            .and_then(Value::as_str)
            .map(PathBuf::from)
    })
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, actions::fix_all_kind()]),
            resolve_provider: Some(false),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

struct Server<'a> {
    connection: &'a Connection,
    encoding: Encoding,
    /// Whether the client registers file watchers dynamically.
    watch: bool,
    workspace: Workspace,
    documents: Documents,
    /// The last check of each open document.
    checked: HashMap<Url, Checked>,
    /// Documents changed and not linted yet, with when to lint them.
    pending: HashMap<Url, Instant>,
    problems: Problems,
    /// Files (not open as documents) whose load errors are published.
    problem_files: HashSet<Url>,
    shutdown: bool,
}

/// What a handler decided about the session.
enum Flow {
    Continue,
    Exit(u8),
}

impl Server<'_> {
    fn main_loop(&mut self) -> u8 {
        loop {
            let deadline = self.pending.values().min().copied();
            let message = match deadline {
                Some(at) => match self
                    .connection
                    .receiver
                    .recv_timeout(at.saturating_duration_since(Instant::now()))
                {
                    Ok(message) => message,
                    Err(RecvTimeoutError::Timeout) => {
                        self.lint_due();
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => return self.disconnected(),
                },
                None => match self.connection.receiver.recv() {
                    Ok(message) => message,
                    Err(_) => return self.disconnected(),
                },
            };
            let request = match &message {
                Message::Request(r) => Some((r.id.clone(), r.method.clone())),
                _ => None,
            };
            match catch_unwind(AssertUnwindSafe(|| self.handle(message))) {
                Ok(Flow::Continue) => {}
                Ok(Flow::Exit(code)) => return code,
                Err(panic) => {
                    let what = diagnostics::panic_message(&panic);
                    self.log(
                        MessageType::ERROR,
                        &format!("replylint: a panic handling a message: {what}; please report it"),
                    );
                    if let Some((id, method)) = request {
                        self.respond(Response::new_err(
                            id,
                            ErrorCode::InternalError as i32,
                            format!("replylint panicked handling {method}: {what}"),
                        ));
                    }
                }
            }
        }
    }

    /// The client went away without `exit`.
    fn disconnected(&self) -> u8 {
        eprintln!("replylint server: the client closed the connection");
        if self.shutdown {
            0
        } else {
            1
        }
    }

    fn handle(&mut self, message: Message) -> Flow {
        match message {
            Message::Request(request) => {
                let response = self.request(request);
                self.respond(response);
                Flow::Continue
            }
            Message::Notification(notification) => self.notification(notification),
            // Answers to our own requests (registerCapability): nothing to do.
            Message::Response(response) => {
                if let Err(error) = response.response_result {
                    self.log(
                        MessageType::WARNING,
                        &format!("replylint: the client refused a request: {}", error.message),
                    );
                }
                Flow::Continue
            }
        }
    }

    fn request(&mut self, request: Request) -> Response {
        let Request { id, method, params } = request;
        if self.shutdown {
            return Response::new_err(
                id,
                ErrorCode::InvalidRequest as i32,
                format!("{method} after shutdown"),
            );
        }
        match method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                Response::new_ok(id, ())
            }
            "textDocument/codeAction" => match parse::<CodeActionParams>(&id, params) {
                Ok(params) => {
                    let uri = params.text_document.uri;
                    let only = params.context.only.unwrap_or_default();
                    let encoding = self.encoding;
                    let actions = self.fresh(&uri).map(|(document, checked)| {
                        actions::actions(document, checked, params.range, &only, encoding)
                    });
                    Response::new_ok(id, actions.unwrap_or_default())
                }
                Err(response) => response,
            },
            "textDocument/hover" => match parse::<HoverParams>(&id, params) {
                Ok(params) => {
                    let at = params.text_document_position_params;
                    let encoding = self.encoding;
                    let hover = self
                        .fresh(&at.text_document.uri)
                        .and_then(|(d, c)| hover::hover(d, c, at.position, encoding));
                    Response::new_ok(id, hover)
                }
                Err(response) => response,
            },
            _ => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("replylint does not handle {method}"),
            ),
        }
    }

    fn notification(&mut self, notification: Notification) -> Flow {
        let Notification { method, params } = notification;
        if method == "exit" {
            return Flow::Exit(if self.shutdown { 0 } else { 1 });
        }
        if self.shutdown {
            return Flow::Continue;
        }
        let result = match method.as_str() {
            "initialized" => {
                self.register_watchers();
                Ok(())
            }
            "textDocument/didOpen" => from::<DidOpenTextDocumentParams>(params).map(|p| {
                let d = p.text_document;
                let document = Document::new(d.uri.clone(), d.text, d.version, d.language_id);
                self.documents.open(document);
                self.lint_now(&d.uri);
            }),
            "textDocument/didChange" => from::<DidChangeTextDocumentParams>(params).map(|p| {
                let uri = p.text_document.uri;
                if let Some(document) = self.documents.get_mut(&uri) {
                    document.apply(p.content_changes, p.text_document.version, self.encoding);
                    self.pending.insert(uri, Instant::now() + DEBOUNCE);
                }
            }),
            "textDocument/didSave" => from::<DidSaveTextDocumentParams>(params).map(|p| {
                let uri = p.text_document.uri;
                if self.affects_configuration(&uri) {
                    self.reload(&format!("{uri} was saved"));
                } else if self.documents.get(&uri).is_some() {
                    self.lint_now(&uri);
                }
            }),
            "textDocument/didClose" => from::<DidCloseTextDocumentParams>(params).map(|p| {
                self.close(&p.text_document.uri);
            }),
            "workspace/didChangeWatchedFiles" => {
                from::<DidChangeWatchedFilesParams>(params).map(|p| {
                    let changed: Vec<&Url> = p
                        .changes
                        .iter()
                        .map(|c| &c.uri)
                        .filter(|u| self.affects_configuration(u))
                        .collect();
                    if let Some(first) = changed.first() {
                        let why = format!("{first} changed");
                        self.reload(&why);
                    }
                })
            }
            transport::MALFORMED => {
                let reason = params.as_str().unwrap_or("unreadable").to_owned();
                self.log(
                    MessageType::ERROR,
                    &format!("replylint: ignored a malformed message: {reason}"),
                );
                Ok(())
            }
            // `$/cancelRequest`, `$/setTrace`, `workspace/didChangeConfiguration`…
            _ => Ok(()),
        };
        if let Err(error) = result {
            self.log(
                MessageType::ERROR,
                &format!("replylint: ignored {method} with invalid params: {error}"),
            );
        }
        Flow::Continue
    }

    /// Asks the client to tell us when a configuration file changes.
    fn register_watchers(&mut self) {
        if !self.watch {
            return;
        }
        let watchers = crate::config::FILE_NAMES
            .iter()
            .map(|name| FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/{name}")),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "replylint-configuration".to_owned(),
                method: "workspace/didChangeWatchedFiles".to_owned(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        let request = Request::new(
            RequestId::from("replylint-watch".to_owned()),
            "client/registerCapability".to_owned(),
            params,
        );
        let _ = self.connection.sender.send(request.into());
    }

    /// Whether a change to `uri` can change what the linter loads: a
    /// configuration file, or a file whose load errors are shown.
    fn affects_configuration(&self, uri: &Url) -> bool {
        let Ok(path) = uri.to_file_path() else {
            return false;
        };
        config::is_config_file(&path) || self.problems.by_file().contains_key(&path)
    }

    /// A new linter (configurations and packs read again), every open
    /// document linted again.
    fn reload(&mut self, why: &str) {
        self.log(
            MessageType::INFO,
            &format!("replylint: {why}; reloading configurations"),
        );
        self.workspace.reload();
        for uri in self.documents.uris() {
            self.lint_now(&uri);
        }
    }

    fn close(&mut self, uri: &Url) {
        self.documents.close(uri);
        self.checked.remove(uri);
        self.pending.remove(uri);
        let changed = self.problems.forget(uri);
        self.publish(uri);
        if changed {
            self.publish_problems();
        }
    }

    /// Lints the documents whose debounce time has come.
    fn lint_due(&mut self) {
        let now = Instant::now();
        let due: Vec<Url> = self
            .pending
            .iter()
            .filter(|(_, at)| **at <= now)
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in due {
            self.lint_now(&uri);
        }
    }

    /// Lints `uri`'s current version and publishes its diagnostics.
    fn lint_now(&mut self, uri: &Url) {
        self.pending.remove(uri);
        let Some(document) = self.documents.get(uri) else {
            return;
        };
        let checked = diagnostics::check(&self.workspace.linter, document, &self.workspace.root);
        if let Some(log) = &checked.log {
            self.log(MessageType::LOG, log);
        }
        let on_their_files = checked.load_errors.iter().chain(&checked.rule_errors);
        let changed = self.problems.set(uri, on_their_files.cloned().collect());
        if changed && !checked.load_errors.is_empty() {
            let first = &checked.load_errors[0];
            self.show(
                MessageType::ERROR,
                &format!(
                    "replylint: a configuration or rule pack does not load; {} is not checked: {first}",
                    uri
                ),
            );
        }
        self.checked.insert(uri.clone(), checked);
        self.publish(uri);
        if changed {
            self.publish_problems();
        }
    }

    /// The document and its check for the current version (linted now if
    /// it changed since).
    fn fresh(&mut self, uri: &Url) -> Option<(&Document, &Checked)> {
        let version = self.documents.get(uri)?.version;
        if self.checked.get(uri).map(|c| c.version) != Some(version) {
            self.lint_now(uri);
        }
        Some((self.documents.get(uri)?, self.checked.get(uri)?))
    }

    /// Publishes `uri`'s diagnostics: the document's findings when it is
    /// open, and the load errors about the file.
    fn publish(&self, uri: &Url) {
        let mut list = Vec::new();
        let document = self.documents.get(uri);
        if let (Some(document), Some(checked)) = (document, self.checked.get(uri)) {
            list = diagnostics::published(checked, document, self.encoding);
            if !checked.load_errors.is_empty() {
                list.push(lsp_types::Diagnostic {
                    severity: Some(lsp_types::DiagnosticSeverity::WARNING),
                    source: Some("replylint".to_owned()),
                    message: format!(
                        "not checked: a configuration or rule pack does not load ({})",
                        checked.load_errors[0]
                    ),
                    ..lsp_types::Diagnostic::default()
                });
            }
        }
        if let Ok(path) = uri.to_file_path() {
            if let Some(errors) = self.problems.by_file().get(&path) {
                list.extend(
                    errors
                        .iter()
                        .map(|e| diagnostics::load_error(e, self.encoding)),
                );
            }
        }
        let params = PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics: list,
            version: document.map(|d| d.version),
        };
        self.notify("textDocument/publishDiagnostics", params);
    }

    /// Publishes the load errors on their files, and clears files fixed.
    fn publish_problems(&mut self) {
        let files: HashSet<Url> = self
            .problems
            .by_file()
            .keys()
            .filter_map(|path| Url::from_file_path(path).ok())
            .collect();
        let stale: Vec<Url> = self.problem_files.difference(&files).cloned().collect();
        for uri in files.iter().chain(&stale) {
            self.publish(uri);
        }
        self.problem_files = files;
    }

    fn respond(&self, response: Response) {
        let _ = self.connection.sender.send(response.into());
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        let notification = Notification::new(method.to_owned(), params);
        let _ = self.connection.sender.send(notification.into());
    }

    /// Logs to standard error and to the client's log.
    fn log(&self, kind: MessageType, message: &str) {
        eprintln!("{message}");
        self.notify(
            "window/logMessage",
            lsp_types::LogMessageParams {
                typ: kind,
                message: message.to_owned(),
            },
        );
    }

    /// Logs, and shows the message to the user.
    fn show(&self, kind: MessageType, message: &str) {
        self.log(kind, message);
        self.notify(
            "window/showMessage",
            lsp_types::ShowMessageParams {
                typ: kind,
                message: message.to_owned(),
            },
        );
    }
}

/// A notification's params.
fn from<T: serde::de::DeserializeOwned>(params: Value) -> Result<T, String> {
    serde_json::from_value(params).map_err(|e| e.to_string())
}

/// A request's params, or the `InvalidParams` answer.
fn parse<T: serde::de::DeserializeOwned>(id: &RequestId, params: Value) -> Result<T, Response> {
    serde_json::from_value(params).map_err(|e| {
        Response::new_err(
            id.clone(),
            ErrorCode::InvalidParams as i32,
            format!("invalid params: {e}"),
        )
    })
}
