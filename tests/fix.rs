//! `check --fix`, `--diff` and `--unsafe-fixes` on every input format:
//! replacements written in the container's syntax (the file stays valid
//! and a re-check finds the fixed text), idempotence, the diff's exit
//! code, standard input, and overlapping fixes. The rules are the test
//! pack `fixtures/packs/fixes` (one safe fix, one with characters every
//! container escapes, one with two choices).

mod common;

use std::path::Path;

use common::run_in;

/// A folder whose replylint.yaml loads the test pack (and no default rule,
/// so the findings are the pack's).
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let pack = common::root().join("fixtures/packs/fixes");
    let config = format!(
        "rules: [{}]\nselect: [plain/, meta/]\n",
        serde_json::to_string(&pack).expect("path as JSON")
    );
    std::fs::write(dir.path().join("replylint.yaml"), config).expect("config");
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write fixture");
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).expect("read back")
}

/// The rule ids a JSON check of `name` reports.
fn rules_found(dir: &Path, name: &str) -> Vec<String> {
    let run = run_in(dir, &["check", "--output-format", "json", name], None);
    assert!(run.code <= 1, "check failed: {}", run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON report");
    doc["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["rule"].as_str().unwrap_or_default().to_owned())
        .collect()
}

const TERMS: &str = "the \"Terms & Conditions\" page, which you'll find";

/// Fixes `name`, then checks what --fix promises: the safe fixes are in,
/// the unsafe one is left and said so, and a second --fix changes nothing.
fn fix_and_recheck(dir: &Path, name: &str) -> String {
    let first = run_in(dir, &["check", "--fix", name], None);
    assert!(first.code <= 1, "{}", first.stderr);
    assert!(first.stderr.contains("Fixed "), "{}", first.stderr);
    let fixed = read(dir, name);
    let remaining = rules_found(dir, name);
    assert!(
        !remaining
            .iter()
            .any(|r| r == "plain/restart" || r == "plain/terms"),
        "a re-check still finds fixed text in {name}: {remaining:?}\n{fixed}"
    );
    let second = run_in(dir, &["check", "--fix", name], None);
    assert!(
        second.stderr.contains("Nothing to fix."),
        "{}",
        second.stderr
    );
    assert_eq!(read(dir, name), fixed, "a second --fix changed {name}");
    fixed
}

#[test]
fn markdown_and_text_are_fixed_in_place() {
    let ws = workspace();
    let text = "Hi Sam,\n\nSorry about that. Please reboot the router and see the ToS before you utilize the export.\n";
    write(ws.path(), "r.md", text);
    write(ws.path(), "r.txt", text);
    for name in ["r.md", "r.txt"] {
        let fixed = fix_and_recheck(ws.path(), name);
        assert_eq!(
            fixed,
            format!("Hi Sam,\n\nSorry about that. Please restart the router and see {TERMS} before you utilize the export.\n")
        );
    }
}

#[test]
fn json_strings_get_json_escapes_and_html_inside_gets_entities() {
    let ws = workspace();
    let macros = r#"{"macros": [
  {"title": "Router", "actions": [{"field": "comment_value", "value": "Sorry!\nPlease reboot it; see the ToS."}]},
  {"title": "Html", "actions": [{"field": "comment_value_html", "value": "<p>Sorry! Please <b>reboot</b> it; see the ToS.</p>"}]}
]}
"#;
    write(ws.path(), "macros.json", macros);
    let fixed = fix_and_recheck(ws.path(), "macros.json");
    let doc: serde_json::Value = serde_json::from_str(&fixed).expect("still valid JSON");
    let plain = doc["macros"][0]["actions"][0]["value"].as_str().unwrap();
    assert_eq!(plain, format!("Sorry!\nPlease restart it; see {TERMS}."));
    let html = doc["macros"][1]["actions"][0]["value"].as_str().unwrap();
    assert_eq!(
        html,
        "<p>Sorry! Please <b>restart</b> it; see the \"Terms &amp; Conditions\" page, which you'll find.</p>"
    );
}

#[test]
fn yaml_scalars_are_written_in_their_own_style() {
    let ws = workspace();
    let saved = "replies:\n  - name: Single\n    body: 'Sorry. Please reboot it; see the ToS.'\n  - name: Double\n    body: \"Sorry. Please reboot it; see the ToS.\"\n  - name: Plain\n    body: Sorry. Please reboot it, then see the ToS\n  - name: Block\n    body: |\n      Sorry about that.\n      Please reboot it; see the ToS.\n";
    write(ws.path(), "saved.yaml", saved);
    let fixed = fix_and_recheck(ws.path(), "saved.yaml");
    assert!(fixed.contains("body: 'Sorry. Please restart it; see the \"Terms & Conditions\" page, which you''ll find.'"), "{fixed}");
    assert!(fixed.contains("body: \"Sorry. Please restart it; see the \\\"Terms & Conditions\\\" page, which you'll find.\""), "{fixed}");
    assert!(
        fixed.contains(&format!(
            "body: Sorry. Please restart it, then see {TERMS}\n"
        )),
        "{fixed}"
    );
    assert!(
        fixed.contains(&format!("      Please restart it; see {TERMS}.\n")),
        "{fixed}"
    );
    let value: serde_json::Value = serde_saphyr::from_str(&fixed).expect("still valid YAML");
    for (i, reply) in value["replies"].as_array().unwrap().iter().enumerate() {
        let body = reply["body"].as_str().unwrap();
        assert!(body.contains(TERMS), "reply {i} reads {body:?}");
    }
}

#[test]
fn html_files_get_entities() {
    let ws = workspace();
    write(
        ws.path(),
        "r.html",
        "<p>Sorry! Please reboot it and read the ToS &amp; the FAQ.</p>\n",
    );
    let fixed = fix_and_recheck(ws.path(), "r.html");
    assert_eq!(
        fixed,
        "<p>Sorry! Please restart it and read the \"Terms &amp; Conditions\" page, which you'll find &amp; the FAQ.</p>\n"
    );
}

#[test]
fn diff_shows_the_change_exits_1_and_leaves_the_file() {
    let ws = workspace();
    let text = "Sorry! Please reboot the router.\n";
    write(ws.path(), "r.md", text);
    let run = run_in(ws.path(), &["check", "--diff", "r.md"], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "--- a/r.md\n+++ b/r.md\n@@ -1 +1 @@\n-Sorry! Please reboot the router.\n+Sorry! Please restart the router.\n"
    );
    assert_eq!(read(ws.path(), "r.md"), text, "--diff wrote the file");
    write(ws.path(), "clean.md", "Sorry! Please restart the router.\n");
    let clean = run_in(ws.path(), &["check", "--diff", "clean.md"], None);
    assert_eq!(
        (clean.code, clean.stdout.as_str()),
        (0, ""),
        "{}",
        clean.stderr
    );
}

#[test]
fn unsafe_fixes_take_the_first_choice_only_when_asked() {
    let ws = workspace();
    write(ws.path(), "r.md", "You can utilize the export.\n");
    let safe = run_in(ws.path(), &["check", "--fix", "r.md"], None);
    assert!(
        safe.stderr.contains("1 more fix with --unsafe-fixes"),
        "{}",
        safe.stderr
    );
    assert_eq!(read(ws.path(), "r.md"), "You can utilize the export.\n");
    let run = run_in(
        ws.path(),
        &["check", "--fix", "--unsafe-fixes", "r.md"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(read(ws.path(), "r.md"), "You can use the export.\n");
    let alone = run_in(ws.path(), &["check", "--unsafe-fixes", "r.md"], None);
    assert_eq!(alone.code, 2, "--unsafe-fixes alone is a usage error");
}

#[test]
fn standard_input_prints_the_fixed_text() {
    let ws = workspace();
    let run = run_in(
        ws.path(),
        &["check", "--fix", "--stdin-filename", "draft.md", "-"],
        Some(b"Sorry! Please reboot it.\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "Sorry! Please restart it.\n");
    assert!(
        run.stderr.contains("Fixed 1 finding in 1 file."),
        "{}",
        run.stderr
    );
}

#[test]
fn overlapping_fixes_reach_a_fixed_point_without_corrupting_text() {
    let ws = workspace();
    // `plain/terms` (`the ToS`) and an extra rule on `ToS` alone overlap:
    // one pass applies the first, the next finds nothing left to fix.
    let extra = ws.path().join("extra/plain");
    std::fs::create_dir_all(&extra).unwrap();
    std::fs::write(
        extra.join("tos.yml"),
        "extends: substitution\nmessage: \"'%s' is an abbreviation.\"\nlevel: warning\nignorecase: true\ndescription: d\nhelp: h\nswap:\n  tos: terms\n",
    )
    .unwrap();
    write(ws.path(), "r.md", "Sorry! Read the ToS, then reboot.\n");
    let run = run_in(
        ws.path(),
        &["check", "--rules", "extra", "--fix", "r.md"],
        None,
    );
    assert!(run.code <= 1, "{}", run.stderr);
    assert_eq!(
        read(ws.path(), "r.md"),
        format!("Sorry! Read {TERMS}, then restart.\n")
    );
}

#[cfg(unix)]
#[test]
fn fixing_keeps_permissions_and_follows_links() {
    use std::os::unix::fs::PermissionsExt;
    let ws = workspace();
    write(ws.path(), "real.md", "Sorry! Please reboot it.\n");
    std::fs::set_permissions(
        ws.path().join("real.md"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();
    std::os::unix::fs::symlink("real.md", ws.path().join("link.md")).unwrap();
    let run = run_in(ws.path(), &["check", "--fix", "link.md"], None);
    assert!(run.code <= 1, "{}", run.stderr);
    assert_eq!(read(ws.path(), "real.md"), "Sorry! Please restart it.\n");
    let link = std::fs::symlink_metadata(ws.path().join("link.md")).unwrap();
    assert!(
        link.file_type().is_symlink(),
        "the link was replaced by a file"
    );
    let mode = std::fs::metadata(ws.path().join("real.md"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn an_unused_suppression_is_removed_as_a_safe_fix() {
    let ws = workspace();
    let text = "Sorry about that!\n\n<!-- replylint-disable-next-line plain/restart -- the product is called Reboot -->\nPlease restart it.\n";
    write(ws.path(), "r.md", text);
    let fixed = fix_and_recheck(ws.path(), "r.md");
    assert_eq!(fixed, "Sorry about that!\n\nPlease restart it.\n");
}
