//! Corpus benchmark for replylint.
//!
//! Run with:
//!
//! ```text
//! cargo bench --bench corpus
//! ```
//!
//! What it measures, always with the release `replylint` binary and the
//! default rule pack (whatever `rules/` holds at build time):
//!
//! 1. **Throughput.** It generates a deterministic corpus of 10,000 support
//!    replies (seeded PRNG; `.txt` and `.md`, 300–2000 bytes each; greetings
//!    with placeholders, quoted history, code, URLs, signatures, non-ASCII
//!    text, some CRLF files, and phrases the default rules flag in about one
//!    sentence in five) under `$TMPDIR/replylint-bench-<seed>/`. The corpus is
//!    reused across runs and regenerated only when missing or incomplete.
//!    It then times `replylint check --output-format concise --exit-zero
//!    <dir>` (best of 5 wall times) and prints MB/s and files/s.
//! 2. **A ripgrep baseline**, when `rg` is on PATH: the main regex of each
//!    rule of the default pack (building blocks and inflections expanded,
//!    flags written in; `Rule::patterns`) is written to a file
//!    and `rg -c -U -f` is timed the same way over the same corpus. The ratio
//!    replylint/rg says how far the linter (masking, segmentation, every
//!    rule kind, reporting) is from a bare search with the same automata.
//!    Without `rg` this step is skipped.
//! 3. **Latency of one reply from stdin** (`check -`, ~1 KB, the way an
//!    editor or a helpdesk hook calls it): 50 runs of the whole process,
//!    median and p90, next to the same process with one tiny rule instead
//!    of the default pack (`--no-default-rules --rules
//!    fixtures/packs/fixable-jargon`, so the pack's compilation is visible;
//!    a run with no rule at all is refused) and `replylint --version`
//!    (process startup alone).
//!
//! 4. **Scaling of reporting.** A one-line file and a many-line file of
//!    mixed one- to four-byte characters, at N = 1 MB and 2N, checked
//!    with a small pack that flags every `reboot` with a fix, in `full`
//!    and `json`: best of 3 at each size and the ratio 2N/N, which stays
//!    near 2 when reporting is linear in input plus findings. The ratio is
//!    given for wall time and, on Linux, for the CPU time of the process
//!    (from `/proc/self/stat`), which other work on the machine disturbs
//!    less.
//!    `cargo bench --bench corpus -- scaling` runs this section alone.
//!
//! With `REPLYLINT_BENCH_BASELINE=/path/to/an/older/replylint`, that binary
//! is timed too, on the same corpus and the same stdin reply, and every
//! ratio is printed for both: a before/after comparison made in one run.
//!
//! Nothing here asserts on timings; the numbers are for reading. Runs share
//! the machine with whatever else is running, so compare runs made on the
//! same machine in the same conditions.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// PRNG seed of the corpus.
const SEED: u64 = 42;
/// Number of reply files.
const FILES: usize = 10_000;
/// Files per subdirectory of the corpus.
const FILES_PER_DIR: usize = 250;
/// Size bounds of one reply, in bytes (line endings included).
const MIN_BYTES: usize = 300;
const MAX_BYTES: usize = 2000;
/// Timed runs over the corpus; the best is kept.
const CORPUS_RUNS: usize = 5;
/// Timed runs of the one-reply stdin check.
const STDIN_RUNS: usize = 50;
/// Bumped whenever the generator changes, so an old corpus is replaced.
const GENERATOR_VERSION: u32 = 1;

const BIN: &str = env!("CARGO_BIN_EXE_replylint");

fn main() {
    let root = std::env::temp_dir().join(format!("replylint-bench-{SEED}"));
    if std::env::args().skip(1).any(|a| a == "scaling") {
        // `cargo bench --bench corpus -- scaling`: that section alone.
        bench_scaling(&root);
        return;
    }
    let corpus = match ensure_corpus(&root) {
        Ok(corpus) => corpus,
        Err(e) => {
            eprintln!("corpus: cannot create {}: {e}", root.display());
            std::process::exit(1);
        }
    };
    let (rules, load_errors) = replylint::rules::pack::load();
    println!(
        "corpus: {} files, {:.1} MB (seed {SEED}) in {}",
        corpus.files,
        mb(corpus.bytes),
        corpus.dir.display()
    );
    println!(
        "default pack: {} rule files, {} rules{}",
        replylint::rules::pack::files().len(),
        rules.len(),
        if load_errors.is_empty() {
            String::new()
        } else {
            format!(
                ", {} LOAD ERRORS (replylint will refuse to check)",
                load_errors.len()
            )
        }
    );

    let baseline = std::env::var_os("REPLYLINT_BENCH_BASELINE").map(PathBuf::from);
    let mut linters = vec![(
        "replylint",
        bench_replylint(Path::new(BIN), "replylint", &corpus),
    )];
    if let Some(baseline) = &baseline {
        linters.push(("baseline", bench_replylint(baseline, "baseline", &corpus)));
    }
    bench_ripgrep(&root, &corpus, &linters);
    bench_stdin(Path::new(BIN), "replylint");
    if let Some(baseline) = &baseline {
        bench_stdin(baseline, "baseline");
    }
    bench_scaling(&root);
}

// ---------------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------------

/// Times `check` of the binary at `bin` over the corpus; returns the best
/// time, or `None` when it failed.
fn bench_replylint(bin: &Path, label: &str, corpus: &Corpus) -> Option<Duration> {
    let mut cmd = Command::new(bin);
    cmd.args(["check", "--output-format", "concise", "--exit-zero"])
        .arg(&corpus.dir);
    // One untimed run: warms the page cache, checks that replylint works and
    // counts the findings.
    let findings = match warm_up(&mut cmd) {
        Ok(stdout) => stdout.lines().count(),
        Err(e) => {
            println!("{label}: failed, not timed: {e}");
            return None;
        }
    };
    let best = best_of(CORPUS_RUNS, || run_quiet(&mut cmd));
    let secs = best.as_secs_f64();
    println!(
        "{label}: {secs:.2} s  {:.1} MB/s  {:.0} files/s  ({findings} findings, best of {CORPUS_RUNS})",
        mb(corpus.bytes) / secs,
        corpus.files as f64 / secs,
    );
    Some(best)
}

/// Times ripgrep searching the corpus with the regexes the default pack
/// searches every block with (see [`pack_patterns`]), when `rg` is
/// installed: the
/// same automata, run by a tool that does nothing else. ripgrep joins them
/// into one regex and searches each file whole (`-U`, as replylint reads
/// blocks of several lines); it counts matching lines, not findings: the
/// time is the reference.
fn bench_ripgrep(root: &Path, corpus: &Corpus, linters: &[(&str, Option<Duration>)]) {
    let rg_works = Command::new("rg")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !rg_works {
        println!("ripgrep:   skipped (rg is not on PATH)");
        return;
    }
    let patterns = pack_patterns();
    let pattern_file = root.join("patterns.txt");
    if let Err(e) = std::fs::write(&pattern_file, patterns.join("\n") + "\n") {
        println!(
            "ripgrep:   skipped (cannot write {}: {e})",
            pattern_file.display()
        );
        return;
    }
    let mut cmd = Command::new("rg");
    cmd.args(["-c", "-U", "-f"])
        .arg(&pattern_file)
        .arg(&corpus.dir);
    // rg exits 1 when nothing matched: only 2 is a failure.
    if let Err(e) = warm_up(&mut cmd) {
        println!("ripgrep:   failed, not timed: {e}");
        return;
    }
    let best = best_of(CORPUS_RUNS, || run_quiet(&mut cmd));
    let ratio: String = linters
        .iter()
        .filter_map(|(label, time)| {
            time.map(|t| format!("  {label}/rg {:.2}x", t.as_secs_f64() / best.as_secs_f64()))
        })
        .collect();
    println!(
        "ripgrep:   {:.2} s  (rg -c -U -f, the main regex of {} rules, {} KB){ratio}",
        best.as_secs_f64(),
        patterns.len(),
        patterns.iter().map(String::len).sum::<usize>() / 1000,
    );
}

/// The main regex of each rule of the default pack (the one it searches
/// every block with; those it needs only where that one matched, such as
/// a conditional rule's `second`, are left out), one per line, each in a
/// group of its own so that its flags stay its own. Two flags are left to
/// ripgrep's defaults, which older builds need: CRLF mode (`R`) and Unicode off (`-u`; they refuse a non-ASCII
/// literal such as `…` without Unicode). Every `\b`, `\w` and `\d` of
/// the pattern is already written as ASCII, so only case folding differs.
fn pack_patterns() -> Vec<String> {
    let (rules, _) = replylint::rules::pack::load();
    rules
        .iter()
        .filter_map(|rule| rule.patterns().into_iter().next())
        .map(|p| format!("(?:{})", p.replacen("mR-u)", "m)", 1)))
        .collect()
}

/// Times the whole process checking one ~1 KB reply from stdin.
fn bench_stdin(bin: &Path, label: &str) {
    let reply = generate_reply(&mut Rng::new(SEED ^ 0x57D1), 1000, 1100, false, false);
    let check = |extra: &[&str]| {
        let mut cmd = Command::new(bin);
        cmd.args(["check", "-", "--output-format", "concise", "--exit-zero"])
            .args(extra);
        cmd
    };
    let with_pack = check(&[]);
    let tiny_pack = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/packs/fixable-jargon");
    let no_rules = check(&["--no-default-rules", "--rules", tiny_pack]);
    let mut version = Command::new(bin);
    version.arg("--version");

    let mut results = Vec::new();
    for (mut cmd, input) in [
        (with_pack, Some(reply.as_bytes())),
        (no_rules, Some(reply.as_bytes())),
        (version, None),
    ] {
        results.push(latencies(&mut cmd, input));
    }
    let show = |r: &Result<Vec<Duration>, String>| match r {
        Ok(times) => format!(
            "median {:.1} ms, p90 {:.1} ms",
            ms(percentile(times, 50)),
            ms(percentile(times, 90))
        ),
        Err(e) => format!("failed: {e}"),
    };
    println!(
        "{label} stdin one reply ({} B, {STDIN_RUNS} runs): {}",
        reply.len(),
        show(&results[0])
    );
    println!(
        "  same with one tiny rule instead of the pack: {}; replylint --version: {}",
        show(&results[1]),
        show(&results[2])
    );
}

/// Wall times of `STDIN_RUNS` runs of `cmd`, each fed `input` on stdin.
fn latencies(cmd: &mut Command, input: Option<&[u8]>) -> Result<Vec<Duration>, String> {
    cmd.stdin(if input.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::null())
    .stderr(Stdio::piped());
    let mut times = Vec::with_capacity(STDIN_RUNS);
    // The first run is a warm-up and is not kept.
    for i in 0..=STDIN_RUNS {
        let start = Instant::now();
        let mut child = cmd.spawn().map_err(|e| e.to_string())?;
        if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
            stdin.write_all(input).map_err(|e| e.to_string())?;
        }
        let out = child.wait_with_output().map_err(|e| e.to_string())?;
        let elapsed = start.elapsed();
        if !out.status.success() {
            return Err(failure(out.status, &out.stderr));
        }
        if i > 0 {
            times.push(elapsed);
        }
    }
    Ok(times)
}

/// Base size of the scaling inputs; each is also timed at twice this.
const SCALING_BYTES: usize = 1_000_000;
/// Timed runs of each scaling input; the best is kept.
const SCALING_RUNS: usize = 3;
/// A pack whose one rule flags every `reboot` with a fix, so every finding
/// has a patch (the heaviest thing `full` renders).
const SCALING_PACK: &str = include_str!("../fixtures/packs/fixable-jargon/clarity/jargon.yml");

/// Times `check` in `full` and `json` on a one-line file and a many-line
/// file, each of `SCALING_BYTES` and twice that, and prints the ratio of
/// the two times. Reporting is linear in input plus findings, so the ratio
/// should stay near 2 (up to ~2.2x with noise); a renderer that counts from
/// the start of the line or file for each finding shows ~4x.
fn bench_scaling(root: &Path) {
    let dir = root.join("scaling");
    let pack = dir.join("pack/clarity");
    // Characters of one to four bytes: columns and byte offsets part.
    let one_line = "Zoë — please reboot 😀 ";
    let many_lines = "Zoë, please reboot it.\n";
    let prepared = std::fs::create_dir_all(&pack)
        .and_then(|()| std::fs::write(pack.join("jargon.yml"), SCALING_PACK))
        .and_then(|()| {
            for (name, unit) in [("one-line", one_line), ("many-lines", many_lines)] {
                for scale in [1, 2] {
                    let text = unit.repeat(scale * SCALING_BYTES / unit.len());
                    std::fs::write(dir.join(format!("{name}-{scale}.txt")), text)?;
                }
            }
            Ok(())
        });
    if let Err(e) = prepared {
        println!("scaling: skipped (cannot write {}: {e})", dir.display());
        return;
    }
    println!(
        "scaling: N = {} MB, best of {SCALING_RUNS}; ratio = time at 2N / time at N (linear: 2.0x)",
        SCALING_BYTES / 1_000_000
    );
    for name in ["one-line", "many-lines"] {
        for format in ["full", "json"] {
            let mut times = Vec::new();
            let mut findings = 0;
            for scale in [1, 2] {
                let mut cmd = Command::new(BIN);
                cmd.current_dir(&dir)
                    .args([
                        "check",
                        "--rules",
                        "pack",
                        "--exit-zero",
                        "--color",
                        "never",
                    ])
                    .args(["--output-format", format])
                    .arg(format!("{name}-{scale}.txt"));
                match warm_up(&mut cmd) {
                    Ok(out) if scale == 1 => findings = count_findings(&out, format),
                    Ok(_) => {}
                    Err(e) => {
                        println!("  {name:<10} {format:<4}  failed, not timed: {e}");
                        break;
                    }
                }
                let runs: Vec<(Duration, Option<Duration>)> =
                    (0..SCALING_RUNS).map(|_| run_quiet_cpu(&mut cmd)).collect();
                let wall = runs.iter().map(|r| r.0).min().unwrap_or_default();
                let cpu = runs.iter().map(|r| r.1).min().flatten();
                times.push((wall, cpu));
            }
            if let [(n, n_cpu), (n2, n2_cpu)] = times[..] {
                let cpu = match (n_cpu, n2_cpu) {
                    (Some(a), Some(b)) => format!(
                        "  cpu N {:.2} s  2N {:.2} s  ratio {:.2}x",
                        a.as_secs_f64(),
                        b.as_secs_f64(),
                        b.as_secs_f64() / a.as_secs_f64()
                    ),
                    _ => String::new(),
                };
                println!(
                    "  {name:<10} {format:<4}  wall N {:.2} s  2N {:.2} s  ratio {:.2}x{cpu}  ({findings} findings at N)",
                    n.as_secs_f64(),
                    n2.as_secs_f64(),
                    n2.as_secs_f64() / n.as_secs_f64()
                );
            }
        }
    }
}

/// Like [`run_quiet`], with the CPU time (user and system) the process
/// used, where `/proc/self/stat` tells it.
fn run_quiet_cpu(cmd: &mut Command) -> (Duration, Option<Duration>) {
    let before = children_cpu();
    let wall = run_quiet(cmd);
    let cpu = match (before, children_cpu()) {
        (Some(a), Some(b)) => b.checked_sub(a),
        _ => None,
    };
    (wall, cpu)
}

/// The CPU time of the waited-for children of this process so far: fields
/// `cutime` and `cstime` of `/proc/self/stat`, in clock ticks of 1/100 s.
fn children_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses: the 3rd
    // field (state) is the first here, so field 16 is at index 13.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(13)?.parse::<u64>().ok()? + fields.get(14)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// The findings in a `full` or `json` report.
fn count_findings(report: &str, format: &str) -> usize {
    match format {
        "json" => report.matches("\"rule\":").count(),
        _ => report
            .lines()
            .filter(|l| l.trim_start().starts_with("--> "))
            .count(),
    }
}

// ---------------------------------------------------------------------------
// Process helpers
// ---------------------------------------------------------------------------

/// Runs `cmd` once, capturing its output; an exit code of 2 or more (or
/// death by signal) is a failure. Returns stdout.
fn warm_up(cmd: &mut Command) -> Result<String, String> {
    let out = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| e.to_string())?;
    match out.status.code() {
        Some(0 | 1) => Ok(String::from_utf8_lossy(&out.stdout).into_owned()),
        _ => Err(failure(out.status, &out.stderr)),
    }
}

/// Runs `cmd` with output discarded and returns its wall time.
fn run_quiet(cmd: &mut Command) -> Duration {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let start = Instant::now();
    let _ = cmd.status();
    start.elapsed()
}

/// The shortest of `runs` timings.
fn best_of(runs: usize, mut time: impl FnMut() -> Duration) -> Duration {
    (0..runs).map(|_| time()).min().unwrap_or_default()
}

/// An exit status and the first lines of stderr, on one line.
fn failure(status: std::process::ExitStatus, stderr: &[u8]) -> String {
    let stderr = String::from_utf8_lossy(stderr);
    let excerpt: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(3)
        .collect();
    format!("{status}: {}", excerpt.join(" | "))
}

/// The `p`th percentile (nearest rank) of `times`.
fn percentile(times: &[Duration], p: usize) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    sorted.get(rank - 1).copied().unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

// ---------------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------------

/// A generated corpus on disk.
struct Corpus {
    /// The directory of reply files (walked by replylint and rg).
    dir: PathBuf,
    files: usize,
    bytes: u64,
}

/// Reuses the corpus under `root` when its manifest matches this generator,
/// else (re)generates it. The manifest is written last, so an interrupted
/// generation is redone.
fn ensure_corpus(root: &Path) -> std::io::Result<Corpus> {
    let dir = root.join("replies");
    let manifest = root.join("manifest.txt");
    let header = format!("replylint-bench v{GENERATOR_VERSION} seed={SEED} files={FILES} bytes=");
    if let Ok(text) = std::fs::read_to_string(&manifest) {
        let bytes = text
            .trim()
            .strip_prefix(&header)
            .and_then(|b| b.parse().ok());
        if let Some(bytes) = bytes {
            if reply_path(&dir, FILES - 1).is_file() {
                return Ok(Corpus {
                    dir,
                    files: FILES,
                    bytes,
                });
            }
        }
    }
    eprintln!(
        "corpus: generating {FILES} replies in {} ...",
        dir.display()
    );
    let _ = std::fs::remove_file(&manifest);
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    let mut bytes = 0u64;
    for i in 0..FILES {
        let path = reply_path(&dir, i);
        if i % FILES_PER_DIR == 0 {
            std::fs::create_dir_all(path.parent().expect("a reply has a directory"))?;
        }
        let mut rng = Rng::new(SEED ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let target = rng.range(MIN_BYTES, MAX_BYTES - 150);
        let crlf = rng.chance(10);
        let markdown = is_markdown(i);
        let text = generate_reply(&mut rng, target, MAX_BYTES, markdown, crlf);
        bytes += text.len() as u64;
        std::fs::write(&path, text)?;
    }
    std::fs::write(&manifest, format!("{header}{bytes}\n"))?;
    Ok(Corpus {
        dir,
        files: FILES,
        bytes,
    })
}

/// About 40% of the replies are Markdown.
fn is_markdown(i: usize) -> bool {
    (i as u64).wrapping_mul(0x2545_F491_4F6C_DD1D) % 5 < 2
}

fn reply_path(dir: &Path, i: usize) -> PathBuf {
    let ext = if is_markdown(i) { "md" } else { "txt" };
    dir.join(format!("batch-{:03}", i / FILES_PER_DIR))
        .join(format!("reply-{i:05}.{ext}"))
}

/// SplitMix64: small, fast and good enough for test data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo) as u64) as usize
    }

    /// True with probability `percent`%.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.range(0, items.len())]
    }
}

/// Greetings; `{{…}}` and `[Customer Name]` are placeholders a helpdesk
/// fills in (or, for the latter, forgot to).
const GREETINGS: &[&str] = &[
    "Hi {{ticket.requester.first_name}},",
    "Hello {{ticket.requester.first_name}},",
    "Hi {{ customer.firstname }},",
    "Hi Dana,",
    "Hello Zoë,",
    "Dear José,",
    "Hi there,",
    "Good morning Renée,",
    "Hey Marcus,",
    "Dear [Customer Name],",
];

/// Opening acknowledgements.
const ACKNOWLEDGEMENTS: &[&str] = &[
    "Thanks for reaching out about the sync issue — I can see why that’s frustrating.",
    "Thank you for the detailed report; the screenshots made it much easier to follow.",
    "Sorry for the trouble with your invoice this month.",
    "I understand the export stopped working right before your deadline, and I’m sorry about that.",
    "Thanks for your patience while we looked into this.",
    "I’m sorry the mobile app keeps signing you out.",
    "Thanks for letting us know the café page shows the wrong opening hours.",
    "Thanks for the quick reply and for trying those steps.",
];

/// Ordinary body sentences: troubleshooting, status, next steps.
const SENTENCES: &[&str] = &[
    "Could you open Settings > Account and check that two-step verification is turned on?",
    "I’ve reset the sync token on our side, so the next refresh should pull in every record.",
    "Please try signing out, closing the app completely and signing back in.",
    "The report you mentioned is under Reports > Exports, next to the date picker.",
    "If the upload still fails, a screenshot of the error message would help a lot.",
    "I checked your workspace and the webhook has returned a 403 since 9:40 this morning.",
    "Your plan includes 25 seats, and 24 of them are assigned right now.",
    "We released a fix for the duplicate notifications in version 4.12.3 yesterday.",
    "You can download any past invoice from the Billing page, e.g. the one from March.",
    "I’ve passed your feedback about the résumé parser to our product team.",
    "The import accepts CSV files up to 50 MB; yours is 62 MB, so splitting it in two should work.",
    "Could you tell me which browser and version you’re using?",
    "Once the cache is cleared, reload the page and try the export again.",
    "I’ve added a credit of $15 to your account for the missed delivery.",
    "The reset link expires after 30 minutes, so please use it soon after it arrives.",
    "Your data is safe: nothing was deleted, it’s only hidden by the “Archived” filter.",
    "I tried the same steps on a new account and saw the same thing, so this isn’t something you did.",
    "Our engineers are on it now, and I’ll update you by Thursday at 5 pm.",
    "In the meantime the desktop app isn’t affected, so you can keep working there.",
    "I’ve attached a short guide with a screenshot of each step.",
    "Order #48213 left our warehouse on Monday and should arrive within two business days.",
    "The pending charge is a temporary authorisation and will drop off within five days.",
    "Let me know if the numbers still look off after tonight’s sync.",
    "I’ve handed this to our billing team, who can correct the invoice directly.",
    "Does it happen on every device, or only on your work laptop?",
    "That feature isn’t available yet, but I’ve added your vote to the request.",
    "Could you run `ipconfig /all` and paste the output into your reply?",
    "Setting `sync.interval` to `300` in the config file and restarting should stop the timeouts.",
    "The API answers `429 Too Many Requests` when an app makes more than 100 calls a minute.",
    "You’ll find the full steps at https://help.example.com/articles/2231-export-data.",
    "Our status page, https://status.example.com, will show when the fix is live.",
    "Your colleague Zoë Müller still has admin rights, so she can approve the change.",
    "The naïve date filter treated 03/04 as March 4th; it now follows your locale.",
    "I’ve re-sent the confirmation to billing@example.com a few minutes ago.",
];

/// Sentences with wording the default rules are meant to flag.
const FLAGGED: &[&str] = &[
    "Obviously the export only covers the current month.",
    "Simply click Save and the problem goes away.",
    "Please flush your DNS and try again.",
    "This looks like user error on your side.",
    "As per my last email, the refund has already been processed.",
    "Per my last email, we need the order number to continue.",
    "Please send the logs ASAP so we can close this out.",
    "I've closed this ticket since the issue should be fixed now.",
    "Unfortunately that is against our policy and we cannot make an exception.",
    "You should have read the documentation before changing that setting.",
    "Just clear your cookies, it’s really easy.",
    "The backend had a race condition in the sync worker.",
    "Clearly the setup guide wasn’t followed.",
    "Please advise whether the issue persists.",
    "We apologize for any inconvenience this may have caused.",
    "As previously stated, there is nothing we can do.",
    "Our SSO uses SAML with an IdP-initiated flow.",
    "Please be advised that refunds take 5–7 business days.",
];

/// Closing lines before the sign-off.
const CLOSINGS: &[&str] = &[
    "Let me know if that works for you; I’ll keep this ticket open until you confirm.",
    "Just reply to this email if anything is still unclear.",
    "I’ll check back on Friday to make sure everything is running smoothly.",
    "Could you confirm whether that fixed it on your end?",
    "Have a great rest of your week!",
];

const SIGN_OFFS: &[&str] = &[
    "Best,",
    "Kind regards,",
    "Thanks,",
    "Cheers,",
    "All the best,",
];
const AGENTS: &[&str] = &["Priya", "Mateus", "Siobhán", "Élodie", "Tom", "Aiko"];

/// Lines of the customer's earlier message, quoted under the reply.
const HISTORY: &[&str] = &[
    "The export button does nothing when I click it.",
    "I’ve tried two browsers already and cleared everything.",
    "This is urgent, we have an audit tomorrow morning.",
    "We were charged twice for the same month.",
    "Can someone please look at this today?",
    "Attached is a screenshot of the error.",
];

/// Code blocks: (Markdown, plain text).
const CODE: &[(&str, &str)] = &[
    (
        "```\n$ ipconfig /flushdns\nSuccessfully flushed the DNS Resolver Cache.\n```",
        "    $ ipconfig /flushdns\n    Successfully flushed the DNS Resolver Cache.",
    ),
    (
        "```json\n{ \"sync\": { \"interval\": 300, \"retries\": 5 } }\n```",
        "    { \"sync\": { \"interval\": 300, \"retries\": 5 } }",
    ),
    (
        "```sh\ncurl -H \"Authorization: Bearer $TOKEN\" https://api.example.com/v2/exports\n```",
        "    curl -H \"Authorization: Bearer $TOKEN\" https://api.example.com/v2/exports",
    ),
];

/// One reply of about `target` bytes and at most `max` bytes (counting
/// CRLF line endings when `crlf`).
fn generate_reply(rng: &mut Rng, target: usize, max: usize, markdown: bool, crlf: bool) -> String {
    let cost = |s: &str| s.len() + if crlf { s.matches('\n').count() } else { 0 };

    let head = format!("{}\n\n{}", rng.pick(GREETINGS), rng.pick(ACKNOWLEDGEMENTS));
    let agent = rng.pick(AGENTS);
    let mut tail = format!(
        "{}\n\n{}\n{agent}\n-- \n{agent} | Customer Support\nAcme Cloud — https://acme.example.com",
        rng.pick(CLOSINGS),
        rng.pick(SIGN_OFFS),
    );
    if rng.chance(25) {
        let _ = write!(
            tail,
            "\n\nOn Tue, 4 Mar 2025 at 09:{:02}, Dana Smith <dana@example.com> wrote:",
            rng.range(0, 60)
        );
        for _ in 0..rng.range(1, 4) {
            let _ = write!(tail, "\n> {}", rng.pick(HISTORY));
        }
    }

    let mut blocks: Vec<String> = Vec::new();
    let mut size = cost(&head) + cost(&tail) + cost("\n\n") + cost("\n");
    while size < target {
        let block = body_block(rng, markdown);
        let block_cost = cost(&block) + cost("\n\n");
        if size + block_cost > max {
            // Too big to fit: try a single sentence instead, else stop.
            let sentence = body_sentence(rng).to_owned();
            if size + cost(&sentence) + cost("\n\n") > max {
                break;
            }
            size += cost(&sentence) + cost("\n\n");
            blocks.push(sentence);
            continue;
        }
        size += block_cost;
        blocks.push(block);
    }

    let mut text = head;
    for block in &blocks {
        text.push_str("\n\n");
        text.push_str(block);
    }
    text.push_str("\n\n");
    text.push_str(&tail);
    text.push('\n');
    if crlf {
        text = text.replace('\n', "\r\n");
    }
    text
}

/// A sentence of the body: one in five has flagged wording.
fn body_sentence(rng: &mut Rng) -> &'static str {
    if rng.chance(20) {
        rng.pick(FLAGGED)
    } else {
        rng.pick(SENTENCES)
    }
}

/// A paragraph, a list of steps or a code block.
fn body_block(rng: &mut Rng, markdown: bool) -> String {
    match rng.range(0, 10) {
        0 => {
            let (md, plain) = CODE[rng.range(0, CODE.len())];
            format!(
                "Here’s the command:\n\n{}",
                if markdown { md } else { plain }
            )
        }
        1 | 2 => {
            let mut list = String::from(if markdown {
                "### Steps\n\n"
            } else {
                "Steps to try:\n\n"
            });
            for step in 1..=rng.range(2, 5) {
                let bullet = if markdown && step % 2 == 0 {
                    "-".to_owned()
                } else {
                    format!("{step}.")
                };
                let _ = writeln!(list, "{bullet} {}", body_sentence(rng));
            }
            list.pop();
            list
        }
        _ => {
            let mut paragraph = Vec::new();
            for _ in 0..rng.range(1, 4) {
                let sentence = body_sentence(rng);
                if markdown && rng.chance(10) {
                    paragraph.push(format!(
                        "**Note:** {sentence} See the [status page](https://status.example.com)."
                    ));
                } else {
                    paragraph.push(sentence.to_owned());
                }
            }
            paragraph.join(" ")
        }
    }
}
