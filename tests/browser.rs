//! The agents' page in a real browser: headless Chromium (Debian's
//! `chromium` and `chromium-driver`) driven over WebDriver by fantoccini.
//! It loads the page from `replylint serve`, types a draft with known
//! problems, waits for the underlines, reads a finding, applies its fix
//! from the keyboard and checks the draft and that the finding is gone;
//! then checks the page at a helpdesk sidebar's 320 px. A screenshot of
//! the page with findings is saved to target/test-artifacts/.
//!
//! Without `chromium` and `chromedriver` on PATH the test fails, saying
//! what to install (CI installs them).

mod common;

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::service::Server;
use fantoccini::{Client, ClientBuilder, Locator};

/// chromedriver on a free port; killed when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The runtime the WebDriver client runs on.
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn start_driver() -> Driver {
    for tool in ["chromium", "chromedriver"] {
        let found = Command::new(tool)
            .arg("--version")
            .stdout(Stdio::null())
            .status();
        assert!(
            found.is_ok_and(|s| s.success()),
            "`{tool}` is not installed: `apt-get install chromium chromium-driver` (the browser test needs a real Chromium)"
        );
    }
    // Tests run in parallel: a port found free may be taken by another
    // test's chromedriver before this one binds it. That chromedriver then
    // exits at once, and the port answers for the other test: each driver
    // must be alive on a port that answers, else it starts over elsewhere.
    for _ in 0..5 {
        let port = free_port();
        let mut child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut exited = false;
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            if child.try_wait().is_ok_and(|status| status.is_some()) {
                exited = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        std::thread::sleep(Duration::from_millis(200));
        if !exited && child.try_wait().is_ok_and(|status| status.is_none()) {
            return Driver { child, port };
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    panic!("chromedriver did not stay up on any of 5 ports");
}

async fn browser(driver: &Driver, profile: &std::path::Path, extra: &[String]) -> Client {
    let mut args: Vec<String> = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1100,800",
    ]
    .iter()
    .map(|a| a.to_string())
    .collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    args.extend(extra.iter().cloned());
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({ "binary": "/usr/bin/chromium", "args": args }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a WebDriver session")
}

/// Polls `probe` (JavaScript returning a value) until `done` holds.
async fn wait_for(
    client: &Client,
    what: &str,
    probe: &str,
    done: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let value = client.execute(probe, vec![]).await.expect("run a probe");
        if done(&value) {
            return value;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}: last {value}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[test]
fn the_page_underlines_findings_and_applies_a_fix() {
    let ws = tempfile::tempdir().expect("temp dir");
    let pack = common::root().join("fixtures/packs/fixes");
    let server = Server::start(ws.path(), &["--rules", pack.to_str().unwrap()]);
    let driver = start_driver();
    let profile = tempfile::tempdir().expect("profile dir");
    let url = format!("http://{}/", server.addr);
    runtime().block_on(async {
        let client = browser(&driver, profile.path(), &[]).await;
        client.goto(&url).await.expect("load the page");
        let draft = client.find(Locator::Id("draft")).await.expect("the draft box");
        draft
            .send_keys("Obviously you need to reboot the router. Closing the ticket.")
            .await
            .expect("type the draft");
        let marks = wait_for(
            &client,
            "the underlines",
            "return document.querySelectorAll('#backdrop mark').length",
            |v| v.as_u64().unwrap_or(0) >= 3,
        )
        .await;
        assert!(marks.as_u64().unwrap() >= 3, "{marks}");
        let message = client
            .find(Locator::Css("li.finding[data-rule='plain/restart'] .message"))
            .await
            .expect("the finding of plain/restart")
            .text()
            .await
            .expect("its message");
        assert_eq!(message, "Say 'reboot' in everyday words.");
        let underlined: Vec<String> = serde_json::from_value(
            client
                .execute("return [...document.querySelectorAll('#backdrop mark')].map(m => m.textContent)", vec![])
                .await
                .unwrap(),
        )
        .unwrap();
        assert!(underlined.contains(&"reboot".to_owned()), "{underlined:?}");
        assert!(underlined.contains(&"Obviously".to_owned()), "{underlined:?}");
        // The caret in a finding shows its message and help (keyboard).
        client
            .execute("const d = document.getElementById('draft'); d.focus(); d.setSelectionRange(25, 25); d.dispatchEvent(new KeyboardEvent('keyup'));", vec![])
            .await
            .unwrap();
        let current = wait_for(
            &client,
            "the finding at the caret",
            "return document.getElementById('current').textContent",
            |v| v.as_str().is_some_and(|t| !t.is_empty()),
        )
        .await;
        assert_eq!(current, "warning · plain/restart: Say 'reboot' in everyday words. Use the plain word.");
        // The pointer over an underline shows it too (mouse).
        client
            .execute("const m = [...document.querySelectorAll('#backdrop mark')].find(m => m.textContent === 'Obviously'); const r = m.getBoundingClientRect(); document.getElementById('draft').dispatchEvent(new MouseEvent('mousemove', {clientX: r.left + 3, clientY: r.top + r.height / 2, bubbles: true}));", vec![])
            .await
            .unwrap();
        let hovered = client
            .execute("return document.getElementById('current').textContent", vec![])
            .await
            .unwrap();
        assert!(hovered.as_str().unwrap().starts_with("warning · tone/condescending:"), "{hovered}");
        let shot = client.screenshot().await.expect("a screenshot");
        let dir = common::root().join("target/test-artifacts");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("presend-page.png"), &shot).unwrap();
        assert!(shot.starts_with(b"\x89PNG"), "a PNG");
        // Apply the fix from the keyboard: focus the button, press Enter.
        let fix = client
            .find(Locator::Css("li.finding[data-rule='plain/restart'] button.fix"))
            .await
            .expect("the fix button");
        assert_eq!(fix.text().await.unwrap(), "Write “restart”");
        fix.send_keys("\u{E007}").await.expect("press Enter on it");
        let text = wait_for(
            &client,
            "the fixed draft",
            "return document.getElementById('draft').value",
            |v| v.as_str().is_some_and(|t| !t.contains("reboot")),
        )
        .await;
        assert_eq!(text, "Obviously you need to restart the router. Closing the ticket.");
        wait_for(
            &client,
            "the finding to go",
            "return document.querySelector(\"li.finding[data-rule='plain/restart']\") === null && document.querySelectorAll('li.finding').length > 0",
            |v| v == &serde_json::Value::Bool(true),
        )
        .await;
        // A helpdesk sidebar: 320 px wide, nothing wider than the window.
        client.set_window_size(320, 800).await.expect("resize");
        let overflow = wait_for(
            &client,
            "the narrow layout",
            "return document.documentElement.scrollWidth - window.innerWidth",
            |v| v.as_i64().is_some(),
        )
        .await;
        assert!(overflow.as_i64().unwrap() <= 0, "the page is wider than 320 px by {overflow}");
        client.close().await.expect("end the session");
    });
}

/// The extension's id: fixed by the public key in its manifest.
const EXTENSION_ID: &str = "mdefmjmcngljkifhofkkaceoplgiplkm";

/// A page imitating a helpdesk's reply form, served on loopback.
const HELPDESK_PAGE: &str = "<!doctype html><html><head><title>Ticket #4521</title></head><body>\
<h1>Ticket #4521: invoices missing</h1><form id=\"reply-form\"><label for=\"reply\">Public reply</label>\
<textarea id=\"reply\" rows=\"8\" cols=\"60\"></textarea><button type=\"submit\">Send</button></form></body></html>";

/// Serves `HELPDESK_PAGE` to every request until the process ends.
fn serve_helpdesk_page() -> u16 {
    use std::io::{Read, Write};
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().map_while(Result::ok) {
            let mut stream = stream;
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{HELPDESK_PAGE}",
                HELPDESK_PAGE.len()
            );
        }
    });
    port
}

#[test]
fn the_extension_counts_findings_in_a_helpdesk_reply_box() {
    let ws = tempfile::tempdir().expect("temp dir");
    let server = Server::start(ws.path(), &[]);
    let page_port = serve_helpdesk_page();
    let driver = start_driver();
    let profile = tempfile::tempdir().expect("profile dir");
    let extension = common::root().join("integrations/browser");
    let extra = [
        format!("--load-extension={}", extension.display()),
        format!("--disable-extensions-except={}", extension.display()),
    ];
    runtime().block_on(async {
        let client = browser(&driver, profile.path(), &extra).await;
        // The user's settings: where the service is, and the site to check.
        client
            .goto(&format!("chrome-extension://{EXTENSION_ID}/options.html"))
            .await
            .expect("the options page");
        let service = client.find(Locator::Id("service")).await.expect("service field");
        service.clear().await.unwrap();
        service.send_keys(&format!("http://{}", server.addr)).await.unwrap();
        client.find(Locator::Id("save")).await.unwrap().click().await.unwrap();
        wait_for(&client, "the settings saved", "return document.getElementById('status').textContent", |v| v == "Saved.").await;
        let site = format!("http://127.0.0.1:{page_port}");
        client.find(Locator::Id("site")).await.unwrap().send_keys(&site).await.unwrap();
        client.find(Locator::Id("add")).await.unwrap().click().await.unwrap();
        wait_for(&client, "the site added", "return document.getElementById('status').textContent", |v| {
            v.as_str().is_some_and(|s| s.starts_with("replylint now checks"))
        })
        .await;
        // The helpdesk's reply form.
        client.goto(&format!("{site}/ticket/4521")).await.expect("the helpdesk page");
        let reply = client.find(Locator::Id("reply")).await.expect("the reply box");
        reply.click().await.unwrap();
        reply
            .send_keys("Obviously you should have checked the archive. Closing the ticket.")
            .await
            .unwrap();
        let count = wait_for(
            &client,
            "the badge",
            "const b = document.getElementById('replylint-badge'); return b && b.style.display !== 'none' ? b.textContent : null",
            |v| v.as_str().is_some_and(|t| t.contains("finding")),
        )
        .await;
        let count = count.as_str().unwrap().to_owned();
        assert!(count.starts_with("replylint: 4 findings (1 error)"), "{count}");
        let href: String = serde_json::from_value(
            client
                .execute("return document.querySelector('#replylint-badge a').href", vec![])
                .await
                .unwrap(),
        )
        .unwrap();
        assert!(href.starts_with(&format!("http://{}/#draft=Obviously", server.addr)), "{href}");
        // The link opens the service's page with the draft in it.
        client.goto(&href).await.unwrap();
        wait_for(&client, "the page's findings", "return document.querySelectorAll('li.finding').length", |v| {
            v.as_u64() == Some(4)
        })
        .await;
        client.close().await.expect("end the session");
    });
}

#[test]
fn the_audit_report_renders_its_charts() {
    let ws = tempfile::tempdir().expect("temp dir");
    let mut export = String::new();
    for i in 0..30 {
        let text = if i % 3 == 0 {
            "Obviously you did not read the manual. Closing the ticket."
        } else {
            "Thanks for writing in, and sorry for the wait! Does it work for you now?"
        };
        let team = ["north", "south"][i % 2];
        let line = serde_json::json!({"text": text, "team": team, "created_at": format!("2025-0{}-01", 1 + i % 3)});
        export.push_str(&format!("{line}\n"));
    }
    common::write(ws.path(), "export.jsonl", &export);
    let run = common::run_in(
        ws.path(),
        &[
            "check",
            "--input-format",
            "jsonl",
            "--text-field",
            "text",
            "--group-field",
            "team,created_at",
            "--output-format",
            "concise",
            "--report",
            "audit.html",
            "export.jsonl",
        ],
        None,
    );
    assert!(run.code <= 1, "{}", run.stderr);
    let driver = start_driver();
    let profile = tempfile::tempdir().expect("profile dir");
    runtime().block_on(async {
        let client = browser(&driver, profile.path(), &[]).await;
        let url = format!("file://{}", ws.path().join("audit.html").display());
        client.goto(&url).await.expect("open the report");
        let drawn = wait_for(
            &client,
            "the charts",
            "const bars = [...document.querySelectorAll('svg.chart rect.bar')]; \
             return {charts: document.querySelectorAll('svg.chart').length, bars: bars.length, \
             drawn: bars.filter(b => b.getBoundingClientRect().width > 0 && b.getBoundingClientRect().height > 0).length}",
            |v| v["bars"].as_u64().unwrap_or(0) > 0,
        )
        .await;
        // By rule, by month, by team.
        assert_eq!(drawn["charts"], 3, "{drawn}");
        assert_eq!(drawn["bars"], drawn["drawn"], "every bar has a size on screen: {drawn}");
        let shot = client.screenshot().await.expect("a screenshot");
        let dir = common::root().join("target/test-artifacts");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("audit-report.png"), &shot).unwrap();
        client.close().await.expect("end the session");
    });
}
