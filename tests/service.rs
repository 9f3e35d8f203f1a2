//! The pre-send service over HTTP, as a helpdesk integration calls it:
//! every route against the OpenAPI document, the answer equal to
//! `check --output-format json`'s, drafts with their thread, fixes, every
//! limit and bad input (each a JSON error, the server still serving), the
//! bearer token, CORS, configuration reload (file change, SIGHUP, a broken
//! file kept out) and shutdown on SIGTERM. The browser's view of the page
//! is tests/browser.rs.

mod common;

use std::io::Write;
use std::time::{Duration, Instant};

use common::service::{connect, read_response, Server};
use serde_json::json;

const DRAFT: &str = "Obviously you should restart the router. Closing the ticket.";

fn workspace(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    if !config.is_empty() {
        std::fs::write(dir.path().join("replylint.yaml"), config).expect("config");
    }
    dir
}

fn rules_of(answer: &serde_json::Value) -> Vec<String> {
    answer["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_owned())
        .collect()
}

/// Polls `check` until `done` holds (a reload is asynchronous).
fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while Instant::now() < deadline {
        if done() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("timed out waiting for {what}");
}

#[test]
fn a_draft_gets_the_json_report_of_the_command_line() {
    let ws = workspace("");
    let server = Server::start(ws.path(), &[]);
    let answer = server.check(&json!({"text": DRAFT}));
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(answer.header("content-type"), Some("application/json"));
    let cli = common::run_in(
        ws.path(),
        &[
            "check",
            "--output-format",
            "json",
            "--stdin-filename",
            "draft.txt",
            "-",
        ],
        Some(DRAFT.as_bytes()),
    );
    let cli: serde_json::Value = serde_json::from_str(&cli.stdout).expect("CLI JSON");
    let served = answer.json();
    assert_eq!(
        served["diagnostics"], cli["diagnostics"],
        "the same findings, field for field"
    );
    assert_eq!(served["summary"], cli["summary"]);
    let errors = cli["summary"]["errors"].as_u64().unwrap();
    assert_eq!(
        served["fails"],
        errors > 0,
        "fails at the default level, error"
    );
    let rules = rules_of(&served);
    assert!(
        rules.contains(&"tone/condescending".to_owned()),
        "{rules:?}"
    );
    assert!(
        !server.log().contains("Obviously"),
        "the log holds the draft:\n{}",
        server.log()
    );
}

#[test]
fn the_thread_decides_whether_an_acknowledgement_is_owed() {
    let ws = workspace("");
    let server = Server::start(ws.path(), &[]);
    let draft = "Try the reset link on the sign-in page.";
    let alone = server.check(&json!({"text": draft})).json();
    assert!(
        rules_of(&alone).contains(&"empathy/no-acknowledgement".to_owned()),
        "{alone}"
    );
    let previous = json!([
        {"from": "customer", "text": "I can't sign in."},
        {"from": "agent", "text": "Sorry about that! Which browser do you use?"},
        "Firefox."
    ]);
    let later = server
        .check(&json!({"text": draft, "previous": previous}))
        .json();
    assert!(
        !rules_of(&later).contains(&"empathy/no-acknowledgement".to_owned()),
        "{later}"
    );
}

#[test]
fn fix_select_ignore_and_helpdesk_narrow_one_request() {
    let ws = workspace("");
    let pack = common::root().join("fixtures/packs/fixes");
    let server = Server::start(ws.path(), &["--rules", pack.to_str().unwrap()]);
    let fixed = server
        .check(&json!({"text": "Sorry! Please reboot it and utilize the app.", "fix": true}))
        .json();
    assert_eq!(
        fixed["fixed"],
        "Sorry! Please restart it and utilize the app."
    );
    let all = server
        .check(&json!({"text": "Sorry! Please reboot it and utilize the app.", "fix": true, "unsafe_fixes": true}))
        .json();
    assert_eq!(all["fixed"], "Sorry! Please restart it and use the app.");
    let only = server
        .check(&json!({"text": DRAFT, "select": ["tone/"]}))
        .json();
    assert!(
        rules_of(&only).iter().all(|r| r.starts_with("tone/")),
        "{only}"
    );
    let without = server
        .check(&json!({"text": DRAFT, "ignore": ["tone/condescending"]}))
        .json();
    assert!(!rules_of(&without).contains(&"tone/condescending".to_owned()));
    let greeting = "Hi {{ticket.requester.frist_name}},\n\nThanks for writing in! Does that help?";
    let zendesk = server
        .check(&json!({"text": greeting, "helpdesk": "zendesk"}))
        .json();
    assert!(
        rules_of(&zendesk).contains(&"template/unknown-placeholder".to_owned()),
        "{zendesk}"
    );
    let bad = server.check(&json!({"text": DRAFT, "helpdesk": "nodesk"}));
    assert_eq!(bad.status, 422);
    assert!(bad.error().contains("zendesk"), "names the known ones");
}

#[test]
fn every_route_is_in_the_openapi_document_and_answers_as_it_says() {
    let ws = workspace("");
    let server = Server::start(ws.path(), &[]);
    let doc = server.get("/openapi.json").json();
    assert_eq!(doc["openapi"], "3.1.0");
    let mut documented = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in item.as_object().unwrap().keys() {
            documented.push((method.to_uppercase(), path.clone()));
        }
    }
    let mut served: Vec<(String, String)> = replylint::service::ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    documented.sort();
    served.sort();
    assert_eq!(
        documented, served,
        "the document lists exactly the routes served"
    );
    for (method, path) in &served {
        let concrete = path.replace("{id}", "tone/blame");
        let response = match method.as_str() {
            "POST" => server.check(&json!({"text": DRAFT})),
            _ => server.get(&concrete),
        };
        let codes = doc["paths"][path][method.to_lowercase()]["responses"]
            .as_object()
            .unwrap();
        assert!(
            codes.contains_key(&response.status.to_string()),
            "{method} {path} answered {} which the document does not list",
            response.status
        );
        let content = doc["paths"][path][method.to_lowercase()]["responses"]["200"]["content"]
            .as_object()
            .unwrap();
        let given = response.header("content-type").unwrap_or_default();
        assert!(
            content.keys().any(|t| given.starts_with(t.as_str())),
            "{method} {path}: {given} is not a documented content type"
        );
    }
    let rule = server.get("/v1/rules/tone/blame").json();
    assert!(rule["explanation"]
        .as_str()
        .unwrap()
        .starts_with("# tone/blame"));
    let rules = server.get("/v1/rules").json();
    assert!(rules["rules"].as_array().unwrap().len() >= 15);
    let page = server.get("/").text();
    for external in ["src=\"http", "href=\"http", "@import", "<link"] {
        assert!(
            !page.contains(external),
            "the page loads something from outside: {external}"
        );
    }
}

#[test]
fn bad_requests_get_json_errors_and_the_server_keeps_serving() {
    let ws = workspace("");
    let server = Server::start(ws.path(), &["--max-body", "2000", "--timeout-ms", "700"]);
    let post = |body: &[u8]| {
        server.send(
            "POST",
            "/v1/check",
            &[("Content-Type", "application/json")],
            body,
        )
    };
    let cases: Vec<(Vec<u8>, u16, &str)> = vec![
        (b"{\"text\": ".to_vec(), 400, "not valid JSON"),
        (b"{\"text\": \"caf\xc3\x28\"}".to_vec(), 400, "not UTF-8"),
        (b"{\"text\": 42}".to_vec(), 400, "expected a string"),
        (b"{\"txt\": \"hello\"}".to_vec(), 400, "unknown field"),
        (b"".to_vec(), 400, "empty"),
        (b"{\"text\": \"  \"}".to_vec(), 422, "`text` is empty"),
        (
            b"{\"text\": \"hi\", \"format\": \"pdf\"}".to_vec(),
            422,
            "`format`",
        ),
        (
            b"{\"text\": \"hi\", \"previous\": [{\"from\": \"bot\", \"text\": \"x\"}]}".to_vec(),
            422,
            "previous[0].from",
        ),
        (
            b"{\"text\": \"hi\", \"select\": [\"tone/blam\"]}".to_vec(),
            422,
            "did you mean `tone/blame`",
        ),
        (
            format!("{{\"text\": \"{}\"}}", "a".repeat(5000)).into_bytes(),
            413,
            "2000-byte limit",
        ),
    ];
    for (body, status, says) in cases {
        let response = post(&body);
        assert_eq!(
            response.status,
            status,
            "{}: {}",
            String::from_utf8_lossy(&body[..body.len().min(60)]),
            response.text()
        );
        let message = response.error();
        assert!(message.contains(says), "{message:?} should say {says:?}");
    }
    let form = server.send(
        "POST",
        "/v1/check",
        &[("Content-Type", "multipart/form-data")],
        b"x",
    );
    assert_eq!(form.status, 415);
    assert_eq!(server.get("/v2/nothing").status, 404);
    assert_eq!(server.send("DELETE", "/v1/check", &[], b"").status, 405);
    // A slow client that never finishes its body.
    let mut slow = connect(server.addr);
    write!(slow, "POST /v1/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"text\": ").unwrap();
    let started = Instant::now();
    let response = read_response(&mut slow);
    assert_eq!(response.status, 408, "{}", response.text());
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(
        server.check(&json!({"text": DRAFT})).status,
        200,
        "still serving"
    );
}

#[test]
fn a_token_guards_the_api_and_cors_admits_only_configured_origins() {
    let ws = workspace("");
    std::fs::write(ws.path().join("token"), "s3cret\n").unwrap();
    let server = Server::start(
        ws.path(),
        &[
            "--token-file",
            "token",
            "--allow-origin",
            "https://help.example.com",
        ],
    );
    let body = serde_json::to_vec(&json!({"text": DRAFT})).unwrap();
    let denied = server.send("POST", "/v1/check", &[], &body);
    assert_eq!(denied.status, 401);
    assert!(denied.error().contains("Bearer"));
    let wrong = server.send(
        "POST",
        "/v1/check",
        &[("Authorization", "Bearer nope")],
        &body,
    );
    assert_eq!(wrong.status, 401);
    let allowed = server.send(
        "POST",
        "/v1/check",
        &[("Authorization", "Bearer s3cret")],
        &body,
    );
    assert_eq!(allowed.status, 200);
    assert_eq!(server.get("/healthz").status, 200, "health needs no token");
    let preflight = |origin: &str| {
        server.send(
            "OPTIONS",
            "/v1/check",
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "POST"),
                (
                    "Access-Control-Request-Headers",
                    "content-type,authorization",
                ),
            ],
            b"",
        )
    };
    let ok = preflight("https://help.example.com");
    assert_eq!(
        ok.header("access-control-allow-origin"),
        Some("https://help.example.com")
    );
    let other = preflight("https://evil.example.net");
    assert_eq!(other.header("access-control-allow-origin"), None);
}

#[test]
fn other_addresses_need_a_token() {
    let ws = workspace("");
    let run = common::run_with_deadline(ws.path(), &["serve", "--listen", "0.0.0.0:0"], 20)
        .expect("exits at once");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--token-file"), "{}", run.stderr);
}

#[test]
fn configuration_reloads_keep_the_last_good_one_and_sigterm_stops_gracefully() {
    let ws = workspace("ignore: [tone/condescending]\n");
    let mut server = Server::start(ws.path(), &["--watch-ms", "100"]);
    let has = |server: &Server, rule: &str| {
        rules_of(&server.check(&json!({"text": DRAFT})).json()).contains(&rule.to_owned())
    };
    assert!(!has(&server, "tone/condescending"));
    // The file changes: picked up by the watcher.
    std::fs::write(ws.path().join("replylint.yaml"), "ignore: [closing/]\n").unwrap();
    eventually("the changed file", || {
        has(&server, "tone/condescending") && !has(&server, "closing/unconfirmed-resolution")
    });
    // A broken file: the old configuration serves on, /healthz says why.
    std::fs::write(ws.path().join("replylint.yaml"), "ignore: [closing/\n").unwrap();
    eventually("the broken file reported", || {
        server.get("/healthz").json()["status"] == "degraded"
    });
    let health = server.get("/healthz").json();
    assert!(
        health["reload_error"]
            .as_str()
            .unwrap()
            .contains("replylint.yaml"),
        "{health}"
    );
    assert!(
        !has(&server, "closing/unconfirmed-resolution"),
        "the last good configuration still serves"
    );
    assert!(server.log().contains("not reloaded"), "{}", server.log());
    // SIGHUP reloads at once (the watcher is slowed down by a fixed file).
    std::fs::write(ws.path().join("replylint.yaml"), "ignore: [tone/]\n").unwrap();
    server.signal("HUP");
    eventually("SIGHUP's reload", || {
        server.get("/healthz").json()["status"] == "ok" && !has(&server, "tone/condescending")
    });
    server.signal("TERM");
    assert_eq!(server.wait_exit(10), Some(0), "{}", server.log());
    assert!(server.log().contains("stopped"));
}
