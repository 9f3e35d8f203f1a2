//! A folder with a `.vale.ini`: replylint reads it as Vale does. Styles
//! under `StylesPath`, rules named `Style.Rule`, `[glob]` sections turning
//! styles and rules on and off per file, `MinAlertLevel`, Vale's `line`
//! output, and no default pack. The style here is this project's own.

mod common;

use common::{run_in, write};

fn vale_workspace() -> tempfile::TempDir {
    let ws = tempfile::tempdir().unwrap();
    let dir = ws.path();
    write(
        dir,
        "styles/Team/Hedging.yml",
        "extends: existence\nmessage: \"Say it plainly: drop '%s'.\"\nlevel: warning\n\
         ignorecase: true\ntokens:\n  - basically\n  - kind of\n",
    );
    write(
        dir,
        "styles/Team/Exclaim.yml",
        "extends: existence\nmessage: \"One '!' is enough.\"\nlevel: suggestion\n\
         nonword: true\ntokens:\n  - '!{2,}'\n",
    );
    write(
        dir,
        ".vale.ini",
        "StylesPath = styles\nMinAlertLevel = suggestion\n\n\
         [*.md]\nBasedOnStyles = Team\n\n[*.txt]\nTeam.Hedging = YES\n",
    );
    write(dir, "a.md", "It is basically done!!\n\nObviously.\n");
    write(dir, "b.txt", "Kind of done!!\n");
    ws
}

#[test]
fn a_vale_configuration_runs_its_styles_per_glob_in_vale_line_format() {
    let ws = vale_workspace();
    let r = run_in(ws.path(), &["check", "--output-format", "line", "."], None);
    assert_eq!(r.code, 0, "warnings do not fail the run: {}", r.stderr);
    assert_eq!(
        r.stdout,
        "a.md:1:7:Team.Hedging:Say it plainly: drop 'basically'.\n\
         a.md:1:21:Team.Exclaim:One '!' is enough.\n\
         b.txt:1:1:Team.Hedging:Say it plainly: drop 'Kind of'.\n",
        "the default pack is off (no 'Obviously'); Exclaim only in Markdown"
    );
}

#[test]
fn min_alert_level_drops_what_is_below_it() {
    let ws = vale_workspace();
    let ini = std::fs::read_to_string(ws.path().join(".vale.ini")).unwrap();
    write(
        ws.path(),
        ".vale.ini",
        ini.replace("MinAlertLevel = suggestion", "MinAlertLevel = warning"),
    );
    let r = run_in(ws.path(), &["check", "--output-format", "line", "."], None);
    assert!(!r.stdout.contains("Team.Exclaim"), "{}", r.stdout);
    assert!(r.stdout.contains("a.md:1:7:Team.Hedging"), "{}", r.stdout);
}

#[test]
fn a_rule_turned_off_in_a_later_section_is_off_there() {
    let ws = vale_workspace();
    let ini = std::fs::read_to_string(ws.path().join(".vale.ini")).unwrap();
    write(
        ws.path(),
        ".vale.ini",
        format!("{ini}\n[a.md]\nTeam.Hedging = NO\n"),
    );
    let r = run_in(ws.path(), &["check", "--output-format", "line", "."], None);
    assert!(!r.stdout.contains("a.md:1:7:Team.Hedging"), "{}", r.stdout);
    assert!(r.stdout.contains("a.md:1:21:Team.Exclaim"), "{}", r.stdout);
    assert!(r.stdout.contains("b.txt:1:1:Team.Hedging"), "{}", r.stdout);
}

#[test]
fn a_missing_style_is_an_error_at_its_line() {
    let ws = vale_workspace();
    write(
        ws.path(),
        ".vale.ini",
        "StylesPath = styles\n[*.md]\nBasedOnStyles = Team, Nowhere\n",
    );
    let r = run_in(
        ws.path(),
        &["check", "--output-format", "line", "a.md"],
        None,
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains(".vale.ini:3:23"), "{}", r.stderr);
    assert!(
        r.stderr.contains("style `Nowhere` not found"),
        "{}",
        r.stderr
    );
}
