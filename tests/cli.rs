//! The command line: exit codes, standard input, walking, selection and the
//! `rules`, `rule` and `test` commands. Uses small packs written per test so
//! the assertions do not depend on the default pack's wording.

mod common;

use std::fs;
use std::path::Path;

use common::{run, run_in, write};

const BLAME: &str = "extends: existence\nmessage: \"'%s' blames the customer\"\nlevel: error\nignorecase: true\ndescription: Blame\nhelp: Describe what happened.\ntokens: [user error]\nexamples:\n  bad: [\"It was [[user error]].\"]\n  good: [\"It was our error.\"]\n";
const SOON: &str = "extends: existence\nmessage: \"'%s' is vague\"\nlevel: warning\nignorecase: true\ndescription: Vague\nhelp: Give a time.\ntokens: [soon]\nexamples:\n  bad: [\"We will fix it [[soon]].\"]\n  good: [\"We will fix it by Friday.\"]\n";

/// A temporary directory with a pack under `pack/` holding `tone/blame.yml`
/// and `time/vague.yml`.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pack/tone/blame.yml", BLAME);
    write(dir.path(), "pack/time/vague.yml", SOON);
    dir
}

fn check(dir: &Path, extra: &[&str]) -> common::Run {
    let mut args = vec![
        "check",
        "--no-default-rules",
        "--rules",
        "pack",
        "--output-format",
        "concise",
    ];
    args.extend_from_slice(extra);
    run_in(dir, &args, None)
}

#[test]
fn exit_codes_follow_the_failing_level() {
    let ws = workspace();
    write(ws.path(), "clean.txt", "Thanks, all sorted by Friday.\n");
    write(ws.path(), "warn.txt", "We will fix it soon.\n");
    write(ws.path(), "err.txt", "That was user error.\n");
    assert_eq!(check(ws.path(), &["clean.txt"]).code, 0);
    assert_eq!(
        check(ws.path(), &["warn.txt"]).code,
        0,
        "warnings do not fail by default"
    );
    assert_eq!(
        check(ws.path(), &["warn.txt", "--fail-on", "warning"]).code,
        1
    );
    assert_eq!(check(ws.path(), &["err.txt"]).code, 1);
    assert_eq!(check(ws.path(), &["err.txt", "--exit-zero"]).code, 0);
    let r = check(ws.path(), &["err.txt", "warn.txt"]);
    assert_eq!(r.stdout, "err.txt:1:10: error[tone/blame]: 'user error' blames the customer\nwarn.txt:1:16: warning[time/vague]: 'soon' is vague\n");
}

#[test]
fn usage_errors_exit_2() {
    let r = run(&["check", "--no-such-flag"]);
    assert_eq!(r.code, 2);
    let r = run(&["check", "--output-format", "xml"]);
    assert_eq!(r.code, 2);
    let ws = workspace();
    let r = check(ws.path(), &["missing.txt"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("missing.txt"), "{}", r.stderr);
}

#[test]
fn unknown_selectors_get_a_suggestion() {
    let ws = workspace();
    write(ws.path(), "a.txt", "user error\n");
    let r = check(ws.path(), &["--select", "tone/blam", "a.txt"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("did you mean `tone/blame`"),
        "{}",
        r.stderr
    );
    let r = check(ws.path(), &["--select", "tone/", "a.txt"]);
    assert_eq!(r.code, 1);
    let r = check(ws.path(), &["--ignore", "tone", "a.txt"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
}

/// `check` of standard input named `draft.md`, with the test pack only.
const STDIN_DRAFT_MD: [&str; 9] = [
    "check",
    "--no-default-rules",
    "--rules",
    "pack",
    "--output-format",
    "concise",
    "-",
    "--stdin-filename",
    "draft.md",
];

#[test]
fn stdin_takes_the_name_and_format_of_stdin_filename() {
    let ws = workspace();
    let input = b"We will fix it soon.\n\n<!-- soon -->\n";
    let args = STDIN_DRAFT_MD;
    let r = run_in(ws.path(), &args, Some(input));
    assert_eq!(
        r.stdout,
        "draft.md:1:16: warning[time/vague]: 'soon' is vague\n"
    );
    let r = run_in(ws.path(), &args[..7], Some(input));
    assert_eq!(
        r.stdout.lines().count(),
        2,
        "plain text by default: the comment is text\n{}",
        r.stdout
    );
    assert!(r.stdout.starts_with("<stdin>:1:16:"));
}

#[test]
fn a_suppression_left_in_a_draft_is_an_error_and_silences_nothing() {
    let ws = workspace();
    let draft = b"<!-- replylint-disable-next-line time/vague -- just this once -->\nWe will fix it soon.\n";
    let args = STDIN_DRAFT_MD;
    let r = run_in(ws.path(), &args, Some(draft));
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout,
        "draft.md:1:1: error[meta/suppression-in-reply]: suppression directive \
         `replylint-disable-next-line` left in a reply\n\
         draft.md:2:16: warning[time/vague]: 'soon' is vague\n"
    );
    // The same file in a repository is silenced by its directive.
    std::fs::write(ws.path().join("canned.md"), draft).unwrap();
    let r = run_in(ws.path(), &[&args[..6], &["canned.md"]].concat(), None);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
}

#[test]
fn quoted_history_code_urls_and_signatures_are_never_flagged() {
    let ws = workspace();
    let reply = "Hi Dana,\n\nThanks for the logs.\n\n> this is user error, fix it soon\n\nSee https://example.com/soon and `soon`.\n\nOn Tue, 3 Mar 2026, Dana <dana@example.com> wrote:\nuser error soon\n";
    write(ws.path(), "r.txt", reply);
    let r = check(ws.path(), &["r.txt"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    write(
        ws.path(),
        "s.txt",
        "All done.\n-- \nDana, fixing user error soon\n",
    );
    assert_eq!(check(ws.path(), &["s.txt"]).stdout, "");
}

#[test]
fn bad_files_are_reported_and_the_rest_still_checked() {
    let ws = workspace();
    write(ws.path(), "replies/a-good.txt", "We will fix it soon.\n");
    fs::write(ws.path().join("replies/b-latin1.txt"), b"Caf\xe9 soon\n").unwrap();
    fs::write(ws.path().join("replies/c-binary.txt"), b"soon\0\x01\x02").unwrap();
    write(ws.path(), "replies/d-empty.txt", "");
    let r = check(ws.path(), &["replies"]);
    assert_eq!(r.code, 2, "invalid UTF-8 is an error");
    assert!(
        r.stderr.contains("replies/b-latin1.txt")
            && r.stderr.contains("line 1, column 4 (byte offset 3)"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("replies/c-binary.txt") && r.stderr.contains("binary"),
        "{}",
        r.stderr
    );
    assert_eq!(
        r.stdout,
        "replies/a-good.txt:1:16: warning[time/vague]: 'soon' is vague\n"
    );
    fs::remove_file(ws.path().join("replies/b-latin1.txt")).unwrap();
    let r = check(ws.path(), &["replies"]);
    assert_eq!(
        r.code, 0,
        "a binary file is skipped with a note, not an error\n{}",
        r.stderr
    );
}

#[test]
fn huge_files_are_refused_and_large_ones_checked() {
    let ws = workspace();
    let line = "We will look at it soon, thanks for your patience — Zoë.\r\n";
    let big: String = line.repeat(2 * 1024 * 1024 / line.len());
    write(ws.path(), "big.txt", &big);
    let r = check(ws.path(), &["big.txt"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout.lines().count(), big.lines().count());
    let huge = vec![b'a'; (replylint::source::MAX_SOURCE_BYTES + 1) as usize];
    fs::write(ws.path().join("huge.txt"), huge).unwrap();
    let r = check(ws.path(), &["huge.txt"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("huge.txt") && r.stderr.contains("limit"),
        "{}",
        r.stderr
    );
}

/// The file of each line of concise output.
fn files_flagged(stdout: &str) -> Vec<&str> {
    stdout
        .lines()
        .map(|l| l.split(':').next().unwrap())
        .collect()
}

#[test]
fn walking_honours_ignore_files_and_extensions() {
    let ws = workspace();
    for name in [
        "a.txt",
        "b.md",
        "c.markdown",
        "skip.rs",
        "ignored/x.txt",
        "private/y.md",
        ".hidden/z.txt",
        "vendor.txt",
    ] {
        write(ws.path(), &format!("tree/{name}"), "soon\n");
    }
    write(ws.path(), "tree/.gitignore", "ignored/\n");
    write(ws.path(), "tree/.replylintignore", "private/\nvendor.txt\n");
    let r = check(ws.path(), &["tree"]);
    let files = files_flagged(&r.stdout);
    assert_eq!(files, ["tree/a.txt", "tree/b.md", "tree/c.markdown"]);
    let r = check(ws.path(), &["tree/skip.rs", "tree/ignored/x.txt"]);
    let files = files_flagged(&r.stdout);
    assert_eq!(
        files,
        ["tree/ignored/x.txt"],
        "a reply named explicitly is checked even where a walk ignores it"
    );
    assert!(
        r.stderr.contains("tree/skip.rs: not a reply format"),
        "a file in no reply format is skipped, and said so: {}",
        r.stderr
    );
}

#[test]
fn walks_leave_out_project_files_unless_include_names_them() {
    let ws = workspace();
    for name in [
        "replies/a.txt",
        "README.md",
        "docs/guide.md",
        "tests/golden.txt",
        "CHANGELOG.md",
    ] {
        write(ws.path(), &format!("repo/{name}"), "soon\n");
    }
    let r = check(ws.path(), &["repo"]);
    let files = files_flagged(&r.stdout);
    assert_eq!(files, ["repo/replies/a.txt"]);
    assert!(
        r.stderr.contains("skipped 4 files that are not replies"),
        "{}",
        r.stderr
    );
    write(
        ws.path(),
        "repo/replylint.yaml",
        "include: [\"docs/**\", \"README.md\"]\n",
    );
    let r = check(ws.path(), &["repo"]);
    let files = files_flagged(&r.stdout);
    assert_eq!(files, ["repo/README.md", "repo/docs/guide.md"]);
}

#[test]
fn a_gate_that_checks_nothing_fails() {
    let ws = workspace();
    std::fs::create_dir_all(ws.path().join("empty")).unwrap();
    write(ws.path(), "code/tool.py", "print('soon')\n");
    write(ws.path(), "replies/a.txt", "soon\n");
    for args in [
        &["check", "empty"][..],
        &["check", "code"],
        &["check", "--no-default-rules", "replies"],
    ] {
        let r = run_in(ws.path(), args, None);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("error: no "), "{args:?}: {}", r.stderr);
        assert!(
            !r.stdout.contains("0 files checked"),
            "{args:?}: {}",
            r.stdout
        );
    }
    // A hook that passes only files that turn out not to be replies passes.
    let r = check(ws.path(), &["code/tool.py"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("nothing was checked"), "{}", r.stderr);
}

#[test]
fn broken_rule_files_are_located_and_the_other_rules_still_run() {
    let ws = workspace();
    write(
        ws.path(),
        "pack/good/blame.yml",
        "extends: existence\nmessage: blame\ntokens:\n  - user error\n",
    );
    write(
        ws.path(),
        "pack/bad/regex.yml",
        "extends: existence\nmessage: m\ntokens:\n  - fine\n  - 'revert (back'\n",
    );
    write(
        ws.path(),
        "pack/bad/key.yml",
        "extends: existence\nmessage: m\ntokenz: [a]\n",
    );
    write(
        ws.path(),
        "pack/bad/yaml.yml",
        "extends: existence\nmessage: [oops\n",
    );
    write(ws.path(), "a.txt", "user error\n");
    // A configuration may name a rule whose file is broken.
    write(ws.path(), "replylint.yaml", "ignore: [bad/regex]\n");
    let r = check(ws.path(), &["a.txt"]);
    assert!(!r.stderr.contains("unknown rule"), "{}", r.stderr);
    assert_eq!(r.code, 2, "a broken rule file ends the run in error");
    assert!(
        r.stdout.contains("a.txt:1:1: warning[good/blame]"),
        "the rules that loaded ran: {}",
        r.stdout
    );
    assert!(r.stderr.contains("pack/bad/regex.yml:5:"), "{}", r.stderr);
    assert!(r.stderr.contains("unclosed group"), "{}", r.stderr);
    assert!(r.stderr.contains("pack/bad/key.yml:3:1"), "{}", r.stderr);
    assert!(r.stderr.contains("pack/bad/yaml.yml:"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("3 rule files failed to load; the other rules were checked"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_deferred_regex_over_the_size_limit_is_an_error_when_needed() {
    let ws = workspace();
    // Syntax and translation are fine, so the rule loads; the program is
    // far over the size limit, which only compiling finds out.
    write(
        ws.path(),
        "pack/big/cond.yml",
        "extends: conditional\nmessage: m\nfirst: closed\nsecond: '(?:\\w{1000}){1000}'\n",
    );
    write(ws.path(), "a.txt", "We will fix it by Friday.\n");
    write(ws.path(), "b.txt", "I have closed it.\n");
    let r = check(ws.path(), &["a.txt"]);
    assert_eq!(r.code, 0, "not needed, not compiled\n{}", r.stderr);
    let r = check(ws.path(), &["b.txt"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("rule `big/cond`") && r.stderr.contains("could not be compiled"),
        "{}",
        r.stderr
    );
}

#[test]
fn rules_rule_and_test_commands() {
    let ws = workspace();
    let r = run_in(
        ws.path(),
        &["rules", "--no-default-rules", "--rules", "pack"],
        None,
    );
    assert_eq!(r.code, 0);
    let rows: Vec<Vec<&str>> = r
        .stdout
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows[0], ["time/vague", "warning", "Vague"], "{}", r.stdout);
    assert_eq!(rows[1], ["tone/blame", "error", "Blame"], "{}", r.stdout);
    assert_eq!(
        rows[2][0], "meta/unused-suppression",
        "meta rules are listed"
    );
    let r = run_in(
        ws.path(),
        &[
            "rule",
            "tone/blame",
            "--no-default-rules",
            "--rules",
            "pack",
        ],
        None,
    );
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("# tone/blame")
            && r.stdout.contains("Describe what happened.")
            && r.stdout.contains("[[user error]]")
    );
    let r = run_in(
        ws.path(),
        &["rule", "tone/blam", "--no-default-rules", "--rules", "pack"],
        None,
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `tone/blame`"));
    let r = run_in(ws.path(), &["test", "pack"], None);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("4 passed, 0 failed"), "{}", r.stdout);
    write(
        ws.path(),
        "pack/time/vague.yml",
        SOON.replace("[[soon]].", "soon [[.]]"),
    );
    let r = run_in(ws.path(), &["test", "pack"], None);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("expected: We will fix it soon [[.]]"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("flagged:  We will fix it [[soon]] ."),
        "{}",
        r.stdout
    );
}

#[test]
fn the_default_pack_passes_its_own_tests() {
    let r = run(&["test"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
}

#[test]
fn colour_is_off_when_not_a_terminal_and_on_when_asked() {
    let ws = workspace();
    write(ws.path(), "a.txt", "user error\n");
    let plain = run_in(
        ws.path(),
        &["check", "--no-default-rules", "--rules", "pack", "a.txt"],
        None,
    );
    assert!(!plain.stdout.contains('\u{1b}'));
    assert!(
        plain
            .stdout
            .contains("error[tone/blame]: 'user error' blames the customer\n --> a.txt:1:1"),
        "{}",
        plain.stdout
    );
    let coloured = run_in(
        ws.path(),
        &[
            "check",
            "--no-default-rules",
            "--rules",
            "pack",
            "--color",
            "always",
            "a.txt",
        ],
        None,
    );
    assert!(coloured.stdout.contains('\u{1b}'));
}

#[test]
fn rules_rule_and_check_know_the_same_rules() {
    let ws = workspace();
    write(
        ws.path(),
        "team/own/rule.yml",
        "extends: existence\nmessage: \"'%s'\"\ndescription: A team rule.\ntokens: [zzz]\n",
    );
    write(ws.path(), "replylint.yaml", "rules: [team]\n");
    write(ws.path(), "a.txt", "Hi, zzz.\n");
    let listed = run_in(ws.path(), &["rules"], None);
    assert!(listed.stdout.contains("own/rule"), "{}", listed.stdout);
    assert!(
        listed.stdout.contains("meta/unused-suppression"),
        "{}",
        listed.stdout
    );
    let checked = run_in(
        ws.path(),
        &["check", "--output-format", "concise", "a.txt"],
        None,
    );
    assert!(checked.stdout.contains("[own/rule]"), "{}", checked.stdout);
    for id in ["own/rule", "meta/unused-suppression"] {
        let r = run_in(ws.path(), &["rule", id], None);
        assert_eq!(r.code, 0, "{id}: {}", r.stderr);
        assert!(
            r.stdout.starts_with(&format!("# {id}")),
            "{id}: {}",
            r.stdout
        );
    }
    let r = run_in(ws.path(), &["rule", "tone/"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.lines().all(|l| l.starts_with("tone/")),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("tone/flat-no"), "{}", r.stdout);
    let r = run_in(ws.path(), &["rule", "tone/flatno"], None);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("did you mean `tone/flat-no`?"),
        "{}",
        r.stderr
    );
}

#[test]
fn contradictory_arguments_are_usage_errors_that_say_what_to_do() {
    let ws = workspace();
    write(ws.path(), "a.txt", "soon\n");
    for (args, says) in [
        (&["check", "--unsafe-fixes", "a.txt"][..], "add one of them"),
        (
            &["check", "--diff", "--statistics", "a.txt"],
            "drop --statistics",
        ),
        (
            &["check", "--statistics", "--output-format", "sarif", "a.txt"],
            "--statistics",
        ),
        (
            &[
                "check",
                "--statistics",
                "--output-format",
                "github",
                "a.txt",
            ],
            "--statistics",
        ),
        (&["check", "--stdin-filename", "x.md", "a.txt"], "add `-`"),
    ] {
        let r = run_in(ws.path(), args, None);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
    }
}
