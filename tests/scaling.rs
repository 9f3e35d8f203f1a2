//! Hostile sizes: findings by the tens of thousands on one long line, files
//! of many lines. Reports must stay bounded per finding whatever the line
//! length (the `full` excerpts and patches are windows of the line), and
//! every position must be the true one. Nothing here times anything: the
//! benchmark (`benches/corpus.rs`, scaling section) does.

mod common;

use common::{run_in, write};

/// A user pack whose one rule flags every `reboot` with a fix.
const JARGON: &str = include_str!("../fixtures/packs/fixable-jargon/clarity/jargon.yml");

/// The longest line a report of the pack may print: rustc's 140 columns,
/// and a patched line longer by what the fix adds.
const LONGEST: usize = 140 + "restart".len() - "reboot".len();

/// A temporary folder with the pack in `pack/` and `text` in `name`.
fn setup(name: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "pack/clarity/jargon.yml", JARGON);
    write(dir.path(), name, text);
    dir
}

/// `check --rules pack FILE` in `format` with only the pack's rule.
fn check(dir: &tempfile::TempDir, name: &str, format: &str) -> String {
    let r = check_with(
        dir,
        &[
            "--exit-zero",
            "--color",
            "never",
            "--output-format",
            format,
            name,
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
}

/// `check --rules pack ARGS…` with only the pack's rule.
fn check_with(dir: &tempfile::TempDir, args: &[&str]) -> common::Run {
    let mut all = vec!["check", "--rules", "pack", "--select", "clarity/jargon"];
    all.extend_from_slice(args);
    run_in(dir.path(), &all, None)
}

/// The 1-based (line, column) of every byte offset that starts `needle` in
/// `text`, counted the slow way, independently of the linter.
fn positions(text: &str, needle: &str) -> Vec<(usize, usize, usize)> {
    let (mut line, mut column) = (1, 1);
    let mut found = Vec::new();
    for (offset, c) in text.char_indices() {
        if text[offset..].starts_with(needle) {
            found.push((offset, line, column));
        }
        if c == '\n' {
            (line, column) = (line + 1, 1);
        } else {
            column += 1;
        }
    }
    found
}

#[test]
fn thirty_thousand_fixes_on_one_line_give_a_bounded_full_report() {
    let text = "reboot ".repeat(30_000);
    let dir = setup("big.txt", &text);
    let out = check(&dir, "big.txt", "full");
    let findings = out.matches("suggestion[clarity/jargon]").count();
    assert_eq!(findings, 30_000);
    assert!(out.ends_with("Found 30000 suggestions in 1 of 1 file checked.\n"));
    // Each finding: the title, its location, a windowed excerpt, the help
    // and a windowed patch. The whole line (210 KB) is never shown.
    let per_finding = out.len() / findings;
    assert!(per_finding < 1_000, "{per_finding} bytes per finding");
    assert!(out.len() < 30 * 1024 * 1024, "{} bytes", out.len());
    let longest = out.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(longest <= LONGEST, "a line of {longest} characters");
    assert!(out.contains('…'), "cut lines are marked");
    // The locations are the true ones: the finding at byte 7k is at column
    // 7k + 1 of line 1, and its patch replaces it in place.
    let middle = " --> big.txt:1:105001\n";
    let at = out.find(middle).expect("the 15,001st finding's location");
    let finding = &out[at..];
    let finding = &finding[..finding.find("\n\n").unwrap()];
    let lines: Vec<Vec<char>> = finding.lines().map(|l| l.chars().collect()).collect();
    let shown = lines
        .iter()
        .position(|l| l.starts_with(&['1', ' ', '|']))
        .unwrap();
    let (source, underline) = (&lines[shown], &lines[shown + 1]);
    let caret = underline.iter().position(|&c| c == '^').unwrap();
    assert_eq!(
        source[caret..caret + 6].iter().collect::<String>(),
        "reboot",
        "{finding}"
    );
    assert_eq!(
        source[4], '…',
        "the line is cut on the left
{finding}"
    );
    assert_eq!(
        source.last(),
        Some(&'…'),
        "and on the right
{finding}"
    );
    let minus = lines
        .iter()
        .find(|l| l.starts_with(&['1', ' ', '-']))
        .unwrap();
    let plus = lines
        .iter()
        .find(|l| l.starts_with(&['1', ' ', '+']))
        .unwrap();
    assert_eq!(minus[3..], source[3..], "{finding}");
    let mut patched = source.clone();
    patched.splice(caret..caret + 6, "restart".chars());
    assert_eq!(
        plus[3..],
        patched[3..],
        "the patch is at the finding\n{finding}"
    );
}

#[test]
fn many_lines_give_true_line_numbers_in_full_output() {
    let text = "Please reboot.\n".repeat(50_000);
    let dir = setup("lines.txt", &text);
    let out = check(&dir, "lines.txt", "full");
    let locations: Vec<&str> = out
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> lines.txt:"))
        .collect();
    let expected: Vec<String> = (1..=50_000).map(|l| format!("{l}:8")).collect();
    assert_eq!(locations, expected);
    assert!(out.contains("\n50000 | Please reboot.\n"));
    assert!(out.contains("\n50000 + Please restart.\n"));
}

#[test]
fn columns_on_a_long_line_of_multi_byte_text_are_true_in_every_format() {
    // Characters of one to four bytes, so byte offsets and columns part.
    let text = "Zoë — please reboot 😀 ".repeat(5_000) + "\nreboot é\r\nok reboot\n";
    let dir = setup("long.txt", &text);
    let expected = positions(&text, "reboot");
    assert_eq!(expected.len(), 5_002);

    let json: serde_json::Value =
        serde_json::from_str(&check(&dir, "long.txt", "json")).expect("valid JSON");
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), expected.len());
    for (d, &(offset, line, column)) in diagnostics.iter().zip(&expected) {
        assert_eq!(d["byte_start"], offset);
        assert_eq!(
            (d["line"].as_u64(), d["column"].as_u64()),
            (Some(line as u64), Some(column as u64))
        );
        assert_eq!(d["end_line"], line);
        assert_eq!(d["end_column"], column + 6);
    }

    let lines: Vec<serde_json::Value> = check(&dir, "long.txt", "json-lines")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(&lines, diagnostics, "json-lines lists the same objects");

    let sarif: serde_json::Value = serde_json::from_str(&check(&dir, "long.txt", "sarif")).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), expected.len());
    for (r, &(_, line, column)) in results.iter().zip(&expected) {
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], line);
        assert_eq!(region["startColumn"], column);
        assert_eq!(region["endColumn"], column + 6);
        let fix = &r["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"];
        assert_eq!(fix["startColumn"], column);
    }

    let concise = check(&dir, "long.txt", "concise");
    let github = check(&dir, "long.txt", "github");
    let full = check(&dir, "long.txt", "full");
    let full_locations: Vec<&str> = full
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .collect();
    assert_eq!(concise.lines().count(), expected.len());
    assert_eq!(github.lines().count(), expected.len());
    assert_eq!(full_locations.len(), expected.len());
    for (((c, g), f), &(_, line, column)) in concise
        .lines()
        .zip(github.lines())
        .zip(&full_locations)
        .zip(&expected)
    {
        let at = format!("long.txt:{line}:{column}");
        assert!(c.starts_with(&format!("{at}: ")), "{c}");
        assert_eq!(*f, at);
        let props = format!(
            "line={line},endLine={line},col={column},endColumn={}",
            column + 6
        );
        assert!(g.contains(&props), "{g}");
    }
    let longest = full.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(longest <= LONGEST, "a line of {longest} characters");

    let r = check_with(&dir, &["--statistics", "long.txt"]);
    assert!(
        r.stdout.contains("5002  clarity/jargon  suggestion  yes"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_finding_over_many_long_lines_shows_a_bounded_excerpt() {
    // One sentence over 2,000 lines of 1,000 characters: the acknowledgement
    // rule flags all of it.
    let line = "please reboot the router and then wait a bit ".repeat(22);
    let text = format!("Please {}.\n", vec![line.as_str(); 2_000].join("\n"));
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "wall.txt", &text);
    let r = run_in(
        dir.path(),
        &[
            "check",
            "--select",
            "empathy/no-acknowledgement",
            "--color",
            "never",
            "--exit-zero",
            "wall.txt",
        ],
        None,
    );
    assert!(r.stdout.contains(" --> wall.txt:1:1\n"), "{}", r.stdout);
    // The message quotes the sentence (its lines are the title's); the
    // excerpt under it is a handful of windowed lines: the first five, `...`
    // and the last two.
    let excerpt: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.contains(" | ") || l.contains(" |__") || l.starts_with("..."))
        .collect();
    assert!(!excerpt.is_empty(), "{}", r.stdout);
    assert!(excerpt.len() <= 12, "{excerpt:#?}");
    assert!(
        excerpt.iter().all(|l| l.chars().count() <= 140),
        "{excerpt:#?}"
    );
    assert!(
        excerpt.iter().any(|l| l.starts_with("2000 |")),
        "{excerpt:#?}"
    );
}

#[test]
fn errors_in_a_one_line_export_show_bounded_excerpts_at_true_columns() {
    // One line: a Zendesk macro, then 2,000 items that are not macros,
    // each an error of its own.
    let good = r#"{"title": "Hi", "actions": [{"field": "comment_value", "value": "Thanks, I can help."}]}"#;
    let bad = r#"{"note": "not a macro"}"#;
    let text = format!("[{good}{}]\n", format!(", {bad}").repeat(2_000));
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "export.json", &text);
    let r = run_in(
        dir.path(),
        &["check", "--color", "never", "export.json"],
        None,
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    let locations: Vec<&str> = r
        .stderr
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> export.json:"))
        .collect();
    let expected: Vec<String> = positions(&text, bad)
        .iter()
        .map(|(_, line, column)| format!("{line}:{column}"))
        .collect();
    assert_eq!(locations, expected);
    let longest = r.stderr.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(longest <= 140, "a line of {longest} characters");
    assert!(r.stderr.len() < 2_000 * 1_000, "{} bytes", r.stderr.len());
}
