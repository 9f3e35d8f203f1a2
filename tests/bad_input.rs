//! Broken input through `replylint check`: malformed JSON and YAML, macros
//! without reply text or with text of the wrong type, broken HTML (in a
//! file and inside a JSON string), broken front matter, invalid UTF-8, and
//! empty or foreign `.json`/`.yaml` files. Each case puts one bad file
//! beside one good file with a known finding and asserts that the bad file
//! gets an error at its exact `path:line:col`, the good file is still
//! checked, the exit code is 2 and nothing panics. The last tests check
//! that findings inside JSON strings and HTML land on the exact line and
//! column of the flagged word, through escapes and entities.

mod common;

use std::path::Path;

use common::{run_in, write, Run};

const VAGUE: &str = "extends: existence\nmessage: \"'%s' is vague\"\nlevel: warning\nignorecase: true\ndescription: Vague\nhelp: Give a time.\ntokens: [soon, shortly]\nexamples:\n  bad: [\"We will fix it [[soon]].\"]\n  good: [\"We will fix it by Friday.\"]\n";

/// The good file of every case, and the one finding it must produce.
const GOOD: &str = "We will fix it soon.\n";
const GOOD_FINDING: &str = "replies/good.txt:1:16: warning[time/vague]: 'soon' is vague\n";

/// A workspace with the pack under `pack/`, and under `replies/` the good
/// file and `bad` written at `name`.
fn workspace(name: &str, bad: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pack/time/vague.yml", VAGUE.as_bytes());
    write(dir.path(), "replies/good.txt", GOOD.as_bytes());
    write(dir.path(), &format!("replies/{name}"), bad);
    dir
}

/// `replylint check` with the test pack only, concise output.
fn check(dir: &Path, paths: &[&str]) -> Run {
    let mut args = vec![
        "check",
        "--no-default-rules",
        "--rules",
        "pack",
        "--output-format",
        "concise",
    ];
    args.extend_from_slice(paths);
    let run = run_in(dir, &args, None);
    assert_no_panic(&run);
    run
}

fn assert_no_panic(run: &Run) {
    assert!(
        run.code != 101 && !run.stderr.contains("panicked"),
        "replylint panicked (exit {}):\n{}",
        run.code,
        run.stderr
    );
}

/// The 1-based line and column (in characters) of byte `at` of `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// Where `needle`, which must occur exactly once in `text`, starts.
fn position_of(text: &str, needle: &str) -> (usize, usize) {
    let found: Vec<usize> = text.match_indices(needle).map(|(i, _)| i).collect();
    assert_eq!(found.len(), 1, "{needle:?} must occur once in {text:?}");
    line_col(text, found[0])
}

/// Where each occurrence of `needle` in `text` starts, in order.
fn positions_of(text: &str, needle: &str) -> Vec<(usize, usize)> {
    text.match_indices(needle)
        .map(|(i, _)| line_col(text, i))
        .collect()
}

/// The errors on stderr: each `error: …` title with the `path:line:col` of
/// the ` --> ` line under it.
fn errors(stderr: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = stderr.lines().collect();
    lines
        .windows(2)
        .filter(|pair| pair[0].starts_with("error: "))
        .filter_map(|pair| {
            let location = pair[1].trim_start().strip_prefix("--> ")?;
            Some((pair[0].to_owned(), location.to_owned()))
        })
        .collect()
}

/// The `line:col` of each finding of `file` on concise stdout, in order.
fn findings(stdout: &str, file: &str) -> Vec<(usize, usize)> {
    stdout
        .lines()
        .filter_map(|line| line.strip_prefix(file)?.strip_prefix(':'))
        .map(|rest| {
            let mut parts = rest.splitn(3, ':');
            let line = parts.next().unwrap().parse().unwrap();
            let col = parts.next().unwrap().parse().unwrap();
            (line, col)
        })
        .collect()
}

/// The bad file has exactly the errors `expected` (a part of each message
/// and where it points), the good file was checked, and the run failed
/// with exit code 2.
fn assert_errors(run: &Run, file: &str, expected: &[(&str, (usize, usize))]) {
    let actual: Vec<(String, String)> = errors(&run.stderr)
        .into_iter()
        .filter(|(_, location)| location.starts_with(&format!("{file}:")))
        .collect();
    assert_eq!(
        actual.len(),
        expected.len(),
        "errors of {file}: {actual:?}\nstderr:\n{}",
        run.stderr
    );
    for ((title, location), (message, (line, col))) in actual.iter().zip(expected) {
        assert!(
            title.contains(message),
            "{title:?} should say {message:?}\n{}",
            run.stderr
        );
        assert_eq!(
            location,
            &format!("{file}:{line}:{col}"),
            "{title}\n{}",
            run.stderr
        );
    }
    assert_good_checked(run);
    assert_eq!(run.code, 2, "stderr:\n{}", run.stderr);
}

fn assert_good_checked(run: &Run) {
    assert!(
        run.stdout.contains(GOOD_FINDING),
        "the good file was not checked:\n{}\n{}",
        run.stdout,
        run.stderr
    );
}

/// One bad file beside the good one, walked as a directory.
fn check_bad(name: &str, bad: &str) -> Run {
    let ws = workspace(name, bad.as_bytes());
    check(ws.path(), &["replies"])
}

const MACRO_HEAD: &str = "{\"macros\": [\n  {\"title\": \"Delay\", \"actions\": [{\"field\": \"comment_value\", \"value\": ";

#[test]
fn truncated_json_points_at_the_unterminated_string() {
    let bad = format!("{MACRO_HEAD}\"We will write back");
    let run = check_bad("macros.json", &bad);
    assert_errors(
        &run,
        "replies/macros.json",
        &[("unterminated string", position_of(&bad, "\"We will"))],
    );
    let bad = MACRO_HEAD.to_owned();
    let run = check_bad("macros.json", &bad);
    let end = line_col(&bad, bad.len());
    assert_errors(
        &run,
        "replies/macros.json",
        &[("expected a JSON value (found the end of the file)", end)],
    );
}

#[test]
fn trailing_commas_in_json_point_at_the_comma() {
    let in_array = format!("{MACRO_HEAD}\"We will write back.\"}}]}},\n]}}\n");
    let run = check_bad("macros.json", &in_array);
    let comma = line_col(&in_array, in_array.find("},\n]").unwrap() + 1);
    assert_errors(&run, "replies/macros.json", &[("trailing comma", comma)]);
    let in_object = format!("{MACRO_HEAD}\"We will write back.\"}}],\n  }}]}}\n");
    let run = check_bad("macros.json", &in_object);
    let comma = line_col(&in_object, in_object.find("],\n").unwrap() + 1);
    assert_errors(&run, "replies/macros.json", &[("trailing comma", comma)]);
}

#[test]
fn bad_escapes_in_json_point_at_the_backslash() {
    let bad = format!("{MACRO_HEAD}\"Caf\\xe9, we will write back.\"}}]}}]}}\n");
    let run = check_bad("macros.json", &bad);
    assert_errors(
        &run,
        "replies/macros.json",
        &[("invalid escape", position_of(&bad, "\\x"))],
    );
    let bad = format!("{MACRO_HEAD}\"Zo\\u00g1, we will write back.\"}}]}}]}}\n");
    let run = check_bad("macros.json", &bad);
    assert_errors(
        &run,
        "replies/macros.json",
        &[("invalid \\u escape", position_of(&bad, "\\u00g1"))],
    );
}

#[test]
fn json_nested_100k_deep_is_an_error_not_a_crash() {
    let depth = replylint::container::json::parse::MAX_DEPTH;
    for open in ["[", "{\"a\": "] {
        let bad = format!("\n{}", open.repeat(100_000));
        let run = check_bad("deep.json", &bad);
        // The first bracket too deep is the one after `depth` of them.
        let too_deep = 1 + depth * open.len();
        assert_errors(
            &run,
            "replies/deep.json",
            &[("nested more than", line_col(&bad, too_deep))],
        );
    }
}

#[test]
fn a_macro_without_reply_text_is_located_and_its_siblings_checked() {
    let json = concat!(
        "{\"macros\": [\n",
        "  {\"title\": \"Close quietly\", \"actions\": [{\"field\": \"status\", \"value\": \"solved\"}]},\n",
        "  {\"title\": \"Delay\", \"actions\": [{\"field\": \"comment_value\", \"value\": ",
        "\"Hi Zoë,\\n\\nWe\\u2019ll write back soon.\\n\\tThanks\"}]},\n",
        "  {\"title\": \"Later\", \"actions\": [{\"field\": \"comment_value\", \"value\": ",
        "[\"channel:all\", \"We\\u2019re on it \\u2014 shortly!\"]}]}\n",
        "]}\n"
    );
    let run = check_bad("macros.json", json);
    assert_errors(
        &run,
        "replies/macros.json",
        &[(
            "macro `Close quietly` has no reply text",
            position_of(json, "\"Close quietly\""),
        )],
    );
    assert_eq!(
        findings(&run.stdout, "replies/macros.json"),
        [position_of(json, "soon"), position_of(json, "shortly")],
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("[in reply \"Delay\"]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("[in reply \"Later\"]"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_reply_of_the_wrong_type_is_located_and_its_siblings_checked() {
    let json = concat!(
        "[\n",
        "  {\"title\": \"Counted\", \"actions\": [{\"field\": \"comment_value\", \"value\": 42}]},\n",
        "  {\"title\": \"Delay\", \"actions\": [{\"field\": \"comment_value\", \"value\": \"Back soon.\"}]}\n",
        "]\n"
    );
    let run = check_bad("macros.json", json);
    assert_errors(
        &run,
        "replies/macros.json",
        &[("is a number, not text", position_of(json, "42"))],
    );
    assert_eq!(
        findings(&run.stdout, "replies/macros.json"),
        [position_of(json, "soon")]
    );
}

/// A saved-reply file with a good first reply and `broken` after it.
fn saved_replies(broken: &str) -> String {
    format!("replies:\n  - name: Delay\n    body: We will write back soon.\n{broken}")
}

#[test]
fn malformed_github_saved_replies_are_located() {
    let file = "replies/.github/replies.yml";
    let cases = [
        (
            saved_replies("  - name: Other\n   body: misaligned\n"),
            "did not find expected '-' indicator",
            "body: misaligned",
        ),
        (
            saved_replies("  - name: Other\n      body: too deep\n"),
            "mapping values are not allowed",
            ": too deep",
        ),
        (
            saved_replies("  - name: \"Other\n    body: unclosed\n"),
            "unclosed quote",
            "\"Other",
        ),
        (
            saved_replies("  - name: Other\n\tbody: tabbed\n"),
            "found a tab",
            "\t",
        ),
        (
            "replies:\n\t- name: Delay\n\t  body: We will write back soon.\n".to_owned(),
            "tabs disallowed",
            "\t- name",
        ),
        (
            saved_replies("  - name: Other\n    body: |\n\tTabbed block.\n"),
            "block scalar content cannot start with a tab",
            "\tTabbed",
        ),
    ];
    for (yaml, message, at) in cases {
        let ws = workspace(".github/replies.yml", yaml.as_bytes());
        let run = check(ws.path(), &["replies"]);
        assert_errors(&run, file, &[(message, position_of(&yaml, at))]);
    }
}

#[test]
fn malformed_osticket_canned_responses_are_located() {
    let head = "---\n- isenabled: 1\n  title: Delay\n  response: We will write back soon.\n";
    let cases = [
        (
            format!("{head}- isenabled: 1\n  title: Other\n response: misaligned\n"),
            "did not find expected '-' indicator",
            "response: misaligned",
        ),
        (
            format!("{head}- isenabled: 1\n  title: 'Other\n  response: unclosed\n"),
            "unclosed quote",
            "'Other",
        ),
        (
            format!("{head}- isenabled: 1\n  title: Other\n\tresponse: tabbed\n"),
            "tab",
            "\t",
        ),
    ];
    for (yaml, message, at) in cases {
        let run = check_bad("premade.yaml", &yaml);
        assert_errors(
            &run,
            "replies/premade.yaml",
            &[(message, position_of(&yaml, at))],
        );
    }
}

#[test]
fn malformed_front_matter_is_located_and_the_reply_still_checked() {
    let md = "---\ntitle: \"Delay\nlayout: reply\n---\nWe will write back soon.\n";
    let run = check_bad("delay.md", md);
    assert_errors(
        &run,
        "replies/delay.md",
        &[("invalid YAML", position_of(md, "\"Delay"))],
    );
    assert_eq!(
        findings(&run.stdout, "replies/delay.md"),
        [position_of(md, "soon")],
        "the body under broken front matter is still a reply"
    );
}

#[test]
fn unterminated_html_comments_and_tags_are_located() {
    let comment = "<p>Thanks for writing.</p>\n<!-- draft: ask legal\n<p>We will write back.</p>\n";
    let run = check_bad("reply.html", comment);
    assert_errors(
        &run,
        "replies/reply.html",
        &[("unterminated HTML comment", position_of(comment, "<!--"))],
    );
    let tag = "<p>Thanks for writing.</p>\n<p class=\"note>We will write back.</p>\n";
    let run = check_bad("reply.html", tag);
    assert_errors(
        &run,
        "replies/reply.html",
        &[("unterminated tag `<p`", position_of(tag, "<p class"))],
    );
}

#[test]
fn broken_html_inside_a_json_string_is_located_in_the_json() {
    let json = concat!(
        "{\"macros\": [\n",
        "  {\"title\": \"Broken\", \"actions\": [{\"field\": \"comment_value_html\", \"value\": ",
        "\"<p>Zo\\u00eb, we\\u2019ll look.</p>\\n<!-- internal note\"}]},\n",
        "  {\"title\": \"Fine\", \"actions\": [{\"field\": \"comment_value_html\", \"value\": ",
        "\"<p>We&rsquo;ll reply <b>soon</b>.</p>\"}]}\n",
        "]}\n"
    );
    let run = check_bad("macros.json", json);
    assert_errors(
        &run,
        "replies/macros.json",
        &[("unterminated HTML comment", position_of(json, "<!--"))],
    );
    assert_eq!(
        findings(&run.stdout, "replies/macros.json"),
        [position_of(json, "soon")]
    );
}

#[test]
fn broken_html_inside_a_yaml_block_is_located_in_the_yaml() {
    let yaml = concat!(
        "---\n- isenabled: 1\n  title: Broken\n  response: |\n",
        "    <p>Hi Zoë,</p>\n    <p>we&rsquo;ll look.</p>\n    <!-- internal note\n",
        "- isenabled: 1\n  title: Fine\n  response: We will write back soon.\n"
    );
    let run = check_bad("premade.yaml", yaml);
    assert_errors(
        &run,
        "replies/premade.yaml",
        &[("unterminated HTML comment", position_of(yaml, "<!--"))],
    );
    assert_eq!(
        findings(&run.stdout, "replies/premade.yaml"),
        [position_of(yaml, "soon")]
    );
}

#[test]
fn invalid_utf8_in_json_names_the_file_and_the_byte() {
    let bytes = b"{\"macros\": [\n  {\"title\": \"Caf\xe9\", \"actions\": []}]}\n";
    let ws = workspace("macros.json", bytes);
    let run = check(ws.path(), &["replies"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_good_checked(&run);
    let offset = bytes.iter().position(|&b| b == 0xe9).unwrap();
    let valid = std::str::from_utf8(&bytes[..offset]).unwrap();
    let (line, col) = line_col(valid, offset);
    let message = format!(
        "error: not valid UTF-8: invalid byte at line {line}, column {col} (byte offset {offset})"
    );
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert!(
        lines.windows(2).any(|pair| pair[0] == message
            && pair[1].trim_start() == format!("--> replies/macros.json:{line}:{col}")),
        "expected {message:?} naming replies/macros.json in:\n{}",
        run.stderr
    );
}

/// What a walk says about one JSON or YAML file that holds no replies.
const SKIPPED_NOTE: &str = "note: skipped 1 JSON or YAML file holding no replies replylint knows \
     (name one on the command line to see it, or declare its layout under `formats:` in \
     replylint.yaml)\n";

#[test]
fn empty_json_and_yaml_files_are_skipped_when_walked() {
    for (name, text) in [
        ("empty.json", ""),
        ("blank.json", " \n\r\n\t\n"),
        ("empty.yaml", ""),
        ("comment.yaml", "# nothing yet\n"),
        ("empty.yml", "\n\n"),
    ] {
        let ws = workspace(name, text.as_bytes());
        let run = check(ws.path(), &["replies"]);
        assert_eq!(run.stderr, SKIPPED_NOTE, "{name}");
        assert_eq!(run.stdout, GOOD_FINDING, "{name}");
        assert_eq!(run.code, 0, "{name}");
        // Named explicitly, it gets a note that it holds no replies.
        let named = format!("replies/{name}");
        let run = check(ws.path(), &[&named, "replies/good.txt"]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert_eq!(run.stdout, GOOD_FINDING, "{name}");
        assert!(
            run.stderr.starts_with("note: no replies found") && run.stderr.contains(&named),
            "{name}: {}",
            run.stderr
        );
    }
}

#[test]
fn json_that_is_not_a_collection_is_skipped_or_noted() {
    let package = "{\"name\": \"help-site\", \"version\": \"1.0.0\", \"scripts\": {}}\n";
    let ws = workspace("package.json", package.as_bytes());
    let run = check(ws.path(), &["replies"]);
    assert_eq!(run.stderr, SKIPPED_NOTE, "a walk says what it skipped");
    assert_eq!(run.stdout, GOOD_FINDING);
    assert_eq!(run.code, 0);
    let run = check(ws.path(), &["replies/package.json", "replies/good.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, GOOD_FINDING);
    assert!(
        run.stderr.starts_with("note: no replies found")
            && run.stderr.contains("replies/package.json"),
        "{}",
        run.stderr
    );
}

#[test]
fn findings_in_json_strings_point_at_the_word_through_escapes() {
    let json = concat!(
        "{\"macros\": [\n",
        "  {\"title\": \"Zoë\", \"actions\": [\n",
        "    {\"field\": \"comment_value\", \"value\": [\"channel:all\", ",
        "\"Hi Zoë,\\n\\nWe\\u2019ll\\twrite back \\\"soon\\\" \\ud83d\\ude00 \\u2014 or \\u0073hortly.\"]},\n",
        "    {\"field\": \"comment_value_html\", \"value\": ",
        "\"<p>Caf\\u00e9 &amp; co:</p>\\r\\n<p>we&rsquo;ll be back <b>Soon</b>, &#115;hortly &#x2014; SHORTLY.</p>\"}\n",
        "  ]}\n",
        "]}\n"
    );
    let ws = workspace("macros.json", json.as_bytes());
    let run = check(ws.path(), &["replies"]);
    assert_eq!(run.stderr, "");
    assert_good_checked(&run);
    let mut expected = Vec::new();
    for needle in ["soon", "\\u0073hortly", "Soon", "&#115;hortly", "SHORTLY"] {
        expected.push(position_of(json, needle));
    }
    expected.sort();
    assert_eq!(findings(&run.stdout, "replies/macros.json"), expected);
}

#[test]
fn findings_in_html_point_at_the_word_through_entities() {
    let html = concat!(
        "<!DOCTYPE html>\n<html><head><title>Soon</title></head>\n<body>\n",
        "<p>Caf&eacute; &amp; Zoë &mdash; we&rsquo;ll   write\n   back soon.</p>\n",
        "<p>&#x1F600; Our&nbsp;team &#115;hortly <b>fixes</b> it,\r\n<i>SOON</i>.</p>\n",
        "<blockquote>Any news soon?</blockquote>\n",
        "</body></html>\n"
    );
    let ws = workspace("reply.html", html.as_bytes());
    let run = check(ws.path(), &["replies"]);
    assert_eq!(run.stderr, "");
    assert_good_checked(&run);
    // Not the `<title>` (dropped) nor the quoted `<blockquote>` (masked).
    let expected = [
        position_of(html, "soon."),
        position_of(html, "&#115;hortly"),
        position_of(html, "SOON"),
    ];
    assert_eq!(findings(&run.stdout, "replies/reply.html"), expected);
    // Every other `soon` is one of those excluded on purpose.
    assert_eq!(positions_of(&html.to_lowercase(), "soon").len(), 4);
}
