//! Resident speed of the language server: a reply re-linted after every
//! small edit, the way `replylint server` does it while someone types.
//!
//! Run with:
//!
//! ```text
//! cargo bench --bench server
//! ```
//!
//! One workspace (one `Linter`, the default pack compiled once), one
//! made-up ~2 KB Markdown reply open as a document. Each of 10,000
//! iterations applies one incremental edit in UTF-16 positions (typing or
//! deleting a word in the middle of the reply, alternately) through
//! `Document::apply`, lints the new version with `server::diagnostics::check`
//! (the front door: `Linter::job` and `Job::lint`) and converts the
//! findings to LSP diagnostics with `server::diagnostics::published`:
//! exactly the server's path from `didChange` to `publishDiagnostics`,
//! without JSON-RPC and the debounce. It prints the median and p99 of one
//! iteration and the process's peak resident memory (`VmHWM` of
//! /proc/self/status) after warm-up and after the 10,000 edits: the goals
//! are a median under 0.2 ms, a p99 under 1 ms and flat memory.
//!
//! Then, over JSON-RPC with the release binary: an incremental `didChange`
//! followed by a `textDocument/codeAction` request, which lints the
//! changed document at once (no debounce) and answers with its actions:
//! median and p99 of 1,000 round trips, framing and JSON included.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use lsp_types::{Position, Range, TextDocumentContentChangeEvent, Url};
use replylint::server::config::Workspace;
use replylint::server::diagnostics::{check, published};
use replylint::server::documents::Document;
use replylint::server::positions::Encoding;

/// The system allocator, counting the bytes alive: whether memory stays
/// flat is read from this (`VmHWM` also moves with the allocator's
/// fragmentation).
struct Counting;

static LIVE: std::sync::atomic::AtomicIsize = std::sync::atomic::AtomicIsize::new(0);

unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, std::sync::atomic::Ordering::Relaxed);
        unsafe { std::alloc::System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        LIVE.fetch_sub(layout.size() as isize, std::sync::atomic::Ordering::Relaxed);
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(
            new_size as isize - layout.size() as isize,
            std::sync::atomic::Ordering::Relaxed,
        );
        unsafe { std::alloc::System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live_kb() -> isize {
    LIVE.load(std::sync::atomic::Ordering::Relaxed) / 1024
}

/// The number of edits (`REPLYLINT_BENCH_EDITS` overrides it, to see
/// whether memory stays flat over a longer session).
fn edits() -> usize {
    std::env::var("REPLYLINT_BENCH_EDITS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

/// A made-up reply of about 2 KB with a few findings and some non-ASCII text.
fn reply() -> String {
    let paragraphs = [
        "Hi Jordan,",
        "Thanks for getting back to us, and sorry the export stopped halfway through again. I can see why that was frustrating after the café Wi-Fi dropped twice 😀.",
        "I looked at the account this morning. The export job for the March invoices ran at 09:14 and stopped after 312 of 540 rows, because one invoice had a customer name longer than the field allows. Obviously that should not stop the whole export, and our team has a fix planned for the next release.",
        "In the meantime, here is what you can do: open Settings, choose Exports, and tick \"Skip rows with errors\". Then run the export again; it should finish, and the skipped rows are listed in a small report at the end, so nothing is lost without you knowing.",
        "If you would rather not skip anything, send me the invoice number shown in the report and I will shorten the name on our side, which takes a minute. You can also reboot the sync agent if the export window stays grey after that. If the page still shows the old totals, please flush your DNS and clear your cache, then sign in again.",
        "A few more things while I have you. Your plan renews on the 3rd of next month, and the renewal uses the card ending in 4412; if that card has changed, you can update it under Billing before then so the renewal does not fail. The new bulk-edit screen you asked about last week is now live too: select several invoices in the list and choose Edit to change their due dates together.",
        "One last note on the export itself: if you schedule it to run overnight, it will email the file and the report to the address on the account, which saves you waiting for it. I can set that up for you if you tell me which day and time suit you best.",
        "I have also added a note to your account so that whoever picks this up next knows the history, and I will check on Friday that the next export went through.",
        "Best wishes,\nAna\nCustomer Support",
    ];
    paragraphs.join("\n\n") + "\n"
}

fn peak_rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let edits = edits();
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().to_path_buf();
    let path = root.join("reply.md");
    let text = reply();
    std::fs::write(&path, &text).expect("write the reply");
    let workspace = Workspace::new(Some(root.clone()));
    let uri = Url::from_file_path(&path).expect("a file URI");
    let mut document = Document::new(uri, text.clone(), 1, "markdown".to_owned());

    // The edit point: the middle of the third paragraph, in UTF-16.
    let anchor = text.find("our team has").expect("anchor");
    let line = text[..anchor].matches('\n').count() as u32;
    let line_start = text[..anchor].rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..anchor].encode_utf16().count() as u32;
    let word = "really ";
    let at = Position::new(line, column);
    let after = Position::new(line, column + word.len() as u32);

    let iterate = |i: usize, document: &mut Document| -> usize {
        let change = if i.is_multiple_of(2) {
            TextDocumentContentChangeEvent {
                range: Some(Range::new(at, at)),
                range_length: None,
                text: word.to_owned(),
            }
        } else {
            TextDocumentContentChangeEvent {
                range: Some(Range::new(at, after)),
                range_length: None,
                text: String::new(),
            }
        };
        document.apply(vec![change], i as i32 + 2, Encoding::Utf16);
        let checked = check(&workspace.linter, document, &root);
        published(&checked, document, Encoding::Utf16).len()
    };

    // Warm-up: the default pack compiles on the first lint.
    let started = Instant::now();
    let findings = iterate(0, &mut document);
    let first = started.elapsed();
    for i in 1..200 {
        iterate(i, &mut document);
    }
    // The timings' own vector is allocated (and touched) before the
    // baseline, so that it is not counted as growth.
    let mut times = vec![Duration::ZERO; edits];
    times.clear();
    let rss_before = peak_rss_kb();
    let live_before = live_kb();
    let mut total_findings = 0;
    let mut rss_half = 0;
    for i in 0..edits {
        if i == edits / 2 {
            rss_half = peak_rss_kb();
        }
        let started = Instant::now();
        total_findings += iterate(i, &mut document);
        times.push(started.elapsed());
    }
    let rss_after = peak_rss_kb();
    let live_after = live_kb();
    assert_eq!(
        document.text, text,
        "an even number of edits restores the text"
    );
    times.sort();
    println!(
        "server bench: {} bytes, {} findings, first lint (pack compiled) {:.1} ms",
        text.len(),
        findings,
        ms(first)
    );
    println!(
        "edit + lint + convert, {edits} times: median {:.3} ms, p99 {:.3} ms, max {:.3} ms ({} findings in all)",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        ms(*times.last().unwrap()),
        total_findings
    );
    println!(
        "peak RSS (VmHWM): {rss_before} kB after warm-up, {rss_half} kB after {} edits, {rss_after} kB after {edits} ({:+} kB)",
        edits / 2,
        rss_after as i64 - rss_before as i64
    );
    println!(
        "live heap: {live_before} kB after warm-up, {live_after} kB after {edits} edits ({:+} kB)",
        live_after - live_before
    );
    json_rpc_round_trip(&root, &path, &text);
    references(&path, percentile(&times, 0.5));
}

/// References from the same run: the same reply through a new `check`
/// process each time (what an editor without a server pays per lint) and
/// the binary's `--version`, medians of 15; and the resident re-lint's
/// median as a fraction of them.
fn references(path: &Path, relint: Duration) {
    let binary = Path::new(env!("CARGO_BIN_EXE_replylint"));
    let median_of = |args: &[&std::ffi::OsStr]| {
        let mut times: Vec<Duration> = (0..15)
            .map(|_| {
                let started = Instant::now();
                let _ = Command::new(binary)
                    .args(args)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status();
                started.elapsed()
            })
            .collect();
        times.sort();
        times[times.len() / 2]
    };
    let check = median_of(&["check".as_ref(), "--isolated".as_ref(), path.as_os_str()]);
    let version = median_of(&["--version".as_ref()]);
    println!(
        "references: `check` in a new process {:.1} ms, `--version` {:.1} ms; the resident re-lint is {:.0}x faster than a process per lint and takes {:.1}% of a bare process start",
        ms(check),
        ms(version),
        check.as_secs_f64() / relint.as_secs_f64(),
        100.0 * relint.as_secs_f64() / version.as_secs_f64()
    );
}

/// The round trip of hover requests to the release server.
fn json_rpc_round_trip(root: &Path, path: &Path, text: &str) {
    // Cargo builds the binary for benchmarks and names it here.
    let binary = Path::new(env!("CARGO_BIN_EXE_replylint"));
    let mut child = Command::new(binary)
        .arg("server")
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the server");
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut send = |value: serde_json::Value| {
        let body = value.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    };
    let mut read = move || -> serde_json::Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            stdout.read_line(&mut line).unwrap();
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                length = v.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        stdout.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    };
    let uri = Url::from_file_path(path).unwrap();
    send(
        serde_json::json!({"jsonrpc": "2.0", "id": 0, "method": "initialize",
        "params": {"capabilities": {}, "rootUri": Url::from_file_path(root).unwrap()}}),
    );
    read();
    send(serde_json::json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    send(
        serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params":
        {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}}),
    );
    // The first publish: the pack is compiled.
    while read().get("method").and_then(|m| m.as_str()) != Some("textDocument/publishDiagnostics") {
    }
    let offset = text.find("our team has").unwrap();
    let line = text[..offset].matches('\n').count();
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let character = text[line_start..offset].encode_utf16().count();
    let at = serde_json::json!({"line": line, "character": character});
    let after = serde_json::json!({"line": line, "character": character + 7});
    let whole = serde_json::json!({"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}});
    let mut times = Vec::with_capacity(1000);
    for id in 1..=1000 {
        let change = if id % 2 == 1 {
            serde_json::json!({"range": {"start": at, "end": at}, "text": "really "})
        } else {
            serde_json::json!({"range": {"start": at, "end": after}, "text": ""})
        };
        let started = Instant::now();
        send(
            serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params":
            {"textDocument": {"uri": uri, "version": id + 1}, "contentChanges": [change]}}),
        );
        send(
            serde_json::json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/codeAction",
            "params": {"textDocument": {"uri": uri}, "range": whole, "context": {"diagnostics": []}}}),
        );
        loop {
            let message = read();
            if message.get("id") == Some(&serde_json::json!(id)) {
                assert!(message["result"].is_array(), "{message}");
                break;
            }
        }
        times.push(started.elapsed());
    }
    times.sort();
    println!(
        "JSON-RPC didChange + codeAction round trip (release binary), 1000 times: median {:.3} ms, p99 {:.3} ms",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99))
    );
    send(serde_json::json!({"jsonrpc": "2.0", "id": 9999, "method": "shutdown"}));
    send(serde_json::json!({"jsonrpc": "2.0", "method": "exit"}));
    let _ = child.wait();
}
