//! Replies in other languages: the default pack judges English only, says
//! which replies it skipped and in which language, and a team's own rules
//! judge the languages their `language:` names.

mod common;

use common::{run_in, write};

const GERMAN: &str = "Hallo Frau Weber,\n\nvielen Dank für Ihre Nachricht. Leider können wir die Bestellung nicht mehr ändern, sie wurde bereits versendet. Das war ein Benutzerfehler.\n\nMit freundlichen Grüßen\nTom\n";

#[test]
fn a_german_reply_is_skipped_by_the_english_pack_and_said_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "de.txt", GERMAN);
    let run = run_in(
        dir.path(),
        &["check", "--output-format", "json-lines", "de.txt"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "only the note: {}", run.stdout);
    assert!(
        lines[0].contains("\"rule\":\"meta/other-language\""),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("German (deu)"), "{}", lines[0]);
}

#[test]
fn a_rule_with_language_judges_that_language() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "de.txt", GERMAN);
    let rule = "extends: existence\nmessage: \"'%s' gibt dem Kunden die Schuld.\"\nlevel: error\nlanguage: [deu]\nignorecase: true\ntokens: [Benutzerfehler]\n";
    write(dir.path(), "team/ton/schuld.yml", rule);
    let run = run_in(
        dir.path(),
        &[
            "check",
            "--output-format",
            "concise",
            "--rules",
            "team",
            "de.txt",
        ],
        None,
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("error[ton/schuld]"), "{}", run.stdout);
    assert!(!run.stdout.contains("other-language"), "{}", run.stdout);
    assert!(
        !run.stdout.contains("tone/"),
        "English rules stay off: {}",
        run.stdout
    );
}

#[test]
fn an_unknown_language_code_is_a_located_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "a.txt", "Hi there.\n");
    write(
        dir.path(),
        "team/x/y.yml",
        "extends: existence\nmessage: m\nlanguage: [german]\ntokens: [x]\n",
    );
    let run = run_in(dir.path(), &["check", "--rules", "team", "a.txt"], None);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("unknown language `german`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("y.yml:3:12"), "{}", run.stderr);
}
