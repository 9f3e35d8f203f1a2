//! End to end: the gate run on `fixtures/canned-repo`, a small canned-
//! response repository in every format replylint reads (Markdown, text,
//! HTML, Zendesk/Gorgias/Intercom JSON, GitHub and osTicket YAML, a generic
//! YAML layout declared in the configuration), with nested configurations,
//! placeholders of several helpdesks and suppressions. Each output format's
//! exact report is pinned by a golden file.

mod common;

use common::{assert_golden, root, run_in, Run};

fn gate(args: &[&str]) -> Run {
    let dir = root().join("fixtures/canned-repo");
    let mut all = vec!["check", "--color", "never"];
    all.extend_from_slice(args);
    run_in(&dir, &all, None)
}

/// The version in SARIF changes with every release; goldens do not.
fn without_version(text: &str) -> String {
    text.replace(
        &format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION")),
        "\"version\": \"[VERSION]\"",
    )
}

#[test]
fn the_gate_fails_on_the_known_errors_in_every_format() {
    for (format, golden) in [
        ("full", "canned-repo.full.txt"),
        ("concise", "canned-repo.concise.txt"),
        ("json", "canned-repo.json"),
        ("json-lines", "canned-repo.jsonl"),
        ("github", "canned-repo.github.txt"),
        ("sarif", "canned-repo.sarif"),
    ] {
        let r = gate(&["--output-format", format]);
        assert_eq!(r.code, 1, "{format}: errors fail the gate\n{}", r.stderr);
        assert_eq!(r.stderr, "", "{format}: no problems reading the repository");
        assert_golden(golden, &without_version(&r.stdout));
    }
    let stats = gate(&["--statistics"]);
    assert_golden("canned-repo.statistics.txt", &stats.stdout);
}

#[test]
fn every_format_and_setting_of_the_repository_shows_in_the_report() {
    let r = gate(&["--output-format", "concise"]);
    let out = &r.stdout;
    // Every container format is read, and findings are named by reply.
    for file in [
        ".github/replies.yml",
        "macros/zendesk.json",
        "macros/gorgias/macros.json",
        "osticket/premade.yaml",
        "replies/freshdesk-export.yaml",
        "replies/password-reset.txt",
        "replies/refund-policy.md",
        "replies/shipping-delay.html",
    ] {
        assert!(
            out.contains(&format!("{file}:")),
            "{file} has findings\n{out}"
        );
    }
    assert!(out.contains("[in reply \"Account::Locked out\"]"));
    // The Zendesk configuration knows the typo's intended variable.
    assert!(out.contains("Did you mean `ticket.requester.first_name`?"));
    // `level: clarity/jargon: error` in replylint.yaml.
    assert!(out.contains("error[clarity/jargon]"));
    // Excluded, ignored, per-file-ignored, suppressed: none of them shows.
    for absent in [
        "drafts/",
        "build/",
        "README.md",
        "legal/",
        "replies/refund-policy.md:11",
        "freshdesk-export.yaml:8",
        "gmail",
        "OBVIOUSLY",
    ] {
        assert!(
            !out.contains(absent),
            "`{absent}` must not be reported\n{out}"
        );
    }
    // The vocabulary accepts LSX; the unexplained SSO is still flagged.
    assert!(!out.contains("'LSX'") && out.contains("'SSO'"));
    // Intercom's macros use fallbacks everywhere: clean.
    assert!(!out.contains("intercom"));
    // The osTicket subject line is not judged as a whole reply.
    assert!(!out.contains("in reply \"subject\""));
}

#[test]
fn without_the_configuration_the_settings_do_not_apply() {
    let r = gate(&["--isolated", "--output-format", "concise"]);
    let out = &r.stdout;
    assert!(out.contains("legal/terms-change.md:"), "{out}");
    assert!(out.contains("drafts/unfinished.md:"));
    assert!(
        !out.contains("unknown-placeholder"),
        "no helpdesk configured"
    );
    assert!(out.contains("suggestion[clarity/jargon]"), "default level");
    // The generic YAML layout is unknown without `formats:`: skipped.
    assert!(!out.contains("freshdesk-export.yaml"));
}

#[test]
fn the_effective_configuration_of_a_nested_directory() {
    let dir = root().join("fixtures/canned-repo");
    let r = run_in(&dir, &["config", "macros/gorgias/macros.json"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_golden("canned-repo.config.txt", &r.stdout);
    assert!(r.stdout.contains("gorgias"));
}
