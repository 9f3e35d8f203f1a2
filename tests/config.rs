//! Configuration files through the `config` command: discovery (closest
//! wins), `extend`, `--config`, `--isolated`, and every kind of located
//! configuration error with its file:line:col.

mod common;

use std::path::Path;

use common::{run_in, write};

const RULE: &str = "extends: existence\nmessage: \"'%s' is vague\"\nlevel: warning\ndescription: Vague\nhelp: Give a time.\ntokens: [soon]\nexamples:\n  bad: [\"Fixed [[soon]].\"]\n  good: [\"Fixed by Friday.\"]\n";

/// A directory with a rule pack under `pack/` holding `time/vague`.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pack/time/vague.yml", RULE);
    dir
}

fn config(dir: &Path, args: &[&str]) -> common::Run {
    let mut all = vec!["config", "--no-default-rules"];
    all.extend_from_slice(args);
    run_in(dir, &all, None)
}

/// Asserts a run failed with exit 2 and an error located at `at`
/// (`file:line:col`) whose message contains `message`.
fn assert_located(run: &common::Run, at: &str, message: &str) {
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("--> {at}")),
        "expected an error at {at}:\n{}",
        run.stderr
    );
    assert!(run.stderr.contains(message), "{}", run.stderr);
}

#[test]
fn the_closest_configuration_wins_without_merging_parents() {
    let ws = workspace();
    write(
        ws.path(),
        "replylint.yaml",
        "rules: [pack]\nselect: [time/]\n",
    );
    write(ws.path(), "team/.replylint.yaml", "vocabulary: [Acme]\n");
    write(ws.path(), "team/deep/reply.md", "Hi");
    write(ws.path(), "reply.md", "Hi");

    let inner = config(ws.path(), &["team/deep/reply.md"]);
    assert_eq!(inner.code, 0, "{}", inner.stderr);
    assert!(
        inner
            .stdout
            .starts_with("# configuration: team/.replylint.yaml\n"),
        "{}",
        inner.stdout
    );
    assert!(inner.stdout.contains("select: []"), "{}", inner.stdout);
    assert!(inner.stdout.contains("- Acme"), "{}", inner.stdout);

    let outer = config(ws.path(), &["reply.md"]);
    assert!(
        outer
            .stdout
            .starts_with("# configuration: replylint.yaml\n"),
        "{}",
        outer.stdout
    );
    assert!(
        outer.stdout.contains("select:\n- time/"),
        "{}",
        outer.stdout
    );

    let dir = config(ws.path(), &[]);
    assert_eq!(dir.stdout, outer.stdout, "PATH defaults to `.`");
}

#[test]
fn extend_inherits_and_the_output_names_the_chain() {
    let ws = workspace();
    write(
        ws.path(),
        "shared/base.yaml",
        "rules: [../pack]\nignore: [time/vague]\nvocabulary: [SSO]\nfail-on: warning\n",
    );
    write(
        ws.path(),
        "team/replylint.yaml",
        "extend: ../shared/base.yaml\nvocabulary: [Acme]\n",
    );
    let run = config(ws.path(), &["team"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("# configuration: team/replylint.yaml\n# extends: shared/base.yaml\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("ignore:\n- time/vague"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("vocabulary:\n- SSO\n- Acme"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("fail-on: warning"), "{}", run.stdout);
}

#[test]
fn an_explicit_configuration_replaces_discovery() {
    let ws = workspace();
    write(ws.path(), "replylint.yaml", "vocabulary: [Near]\n");
    write(ws.path(), "elsewhere/custom.yaml", "vocabulary: [Far]\n");
    let run = config(ws.path(), &["--config", "elsewhere/custom.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("# configuration: elsewhere/custom.yaml\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("- Far"), "{}", run.stdout);

    let missing = config(ws.path(), &["--config", "nope.yaml"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("nope.yaml"), "{}", missing.stderr);
    assert!(missing.stderr.contains("not found"), "{}", missing.stderr);
}

#[test]
fn isolated_uses_no_configuration_and_conflicts_with_config() {
    let ws = workspace();
    write(ws.path(), "replylint.yaml", "vocabulary: [Near]\n");
    let run = config(ws.path(), &["--isolated"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("no configuration applies"),
        "{}",
        run.stdout
    );
    let both = config(ws.path(), &["--isolated", "--config", "replylint.yaml"]);
    assert_eq!(both.code, 2);
    assert!(
        both.stderr.contains("cannot be used with"),
        "{}",
        both.stderr
    );
}

#[test]
fn no_configuration_is_not_an_error() {
    let ws = workspace();
    let run = config(ws.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("no replylint.yaml or .replylint.yaml"),
        "{}",
        run.stdout
    );
    let missing = config(ws.path(), &["no/such/file.md"]);
    assert_eq!(missing.code, 2);
}

#[test]
fn check_accepts_the_configuration_flags() {
    let ws = workspace();
    write(ws.path(), "reply.txt", "Fixed by Friday.\n");
    write(ws.path(), "ci.yaml", "vocabulary: [Friday]\n");
    for flags in [&["--isolated"][..], &["--config", "ci.yaml"][..]] {
        let mut args = vec![
            "check",
            "--no-default-rules",
            "--rules",
            "pack",
            "reply.txt",
        ];
        args.extend_from_slice(flags);
        let run = run_in(ws.path(), &args, None);
        assert_eq!(run.code, 0, "{flags:?}: {}", run.stderr);
    }
    let args = [
        "check",
        "--no-default-rules",
        "--rules",
        "pack",
        "reply.txt",
    ];
    let missing = run_in(
        ws.path(),
        &[&args[..], &["--config", "nope.yaml"]].concat(),
        None,
    );
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("nope.yaml"), "{}", missing.stderr);
}

#[test]
fn unknown_keys_are_located_with_a_suggestion() {
    let ws = workspace();
    write(
        ws.path(),
        "replylint.yaml",
        "vocabulary: [x]\nextend-selct: [time/]\n",
    );
    let run = config(ws.path(), &[]);
    assert_located(&run, "replylint.yaml:2:1", "unknown field `extend-selct`");
    assert!(
        run.stderr.contains("did you mean `extend-select`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn wrong_types_are_located() {
    let ws = workspace();
    write(
        ws.path(),
        "replylint.yaml",
        "exclude: [a]\nvocabulary: {a: b}\n",
    );
    assert_located(
        &config(ws.path(), &[]),
        "replylint.yaml:2:13",
        "expected sequence",
    );
}

#[test]
fn bad_levels_are_located() {
    let ws = workspace();
    write(
        ws.path(),
        "replylint.yaml",
        "rules: [pack]\nlevel:\n  time/vague: loud\n",
    );
    assert_located(&config(ws.path(), &[]), "replylint.yaml:3:15", "loud");
}

#[test]
fn bad_globs_are_located() {
    let ws = workspace();
    write(
        ws.path(),
        "replylint.yaml",
        "per-file-ignores:\n  'legacy/[ab': [time/]\n",
    );
    assert_located(
        &config(ws.path(), &[]),
        "replylint.yaml:2:3",
        "invalid glob",
    );
}

#[test]
fn missing_extend_targets_are_located() {
    let ws = workspace();
    write(ws.path(), "team/replylint.yaml", "extend: ../base.yaml\n");
    assert_located(
        &config(ws.path(), &["team"]),
        "team/replylint.yaml:1:9",
        "`base.yaml` not found",
    );
}

#[test]
fn extend_cycles_are_located() {
    let ws = workspace();
    write(ws.path(), "replylint.yaml", "extend: shared.yaml\n");
    write(
        ws.path(),
        "shared.yaml",
        "vocabulary: [x]\nextend: replylint.yaml\n",
    );
    assert_located(
        &config(ws.path(), &[]),
        "shared.yaml:2:9",
        "`extend` cycle: replylint.yaml → shared.yaml → replylint.yaml",
    );
}

#[test]
fn invalid_utf8_is_located() {
    let ws = workspace();
    write(ws.path(), "replylint.yaml", b"vocabulary: [Caf\xe9]\n");
    assert_located(
        &config(ws.path(), &[]),
        "replylint.yaml:1:17",
        "not valid UTF-8",
    );
}

#[test]
fn unknown_rule_ids_are_located_with_a_suggestion() {
    let ws = workspace();
    write(
        ws.path(),
        "replylint.yaml",
        "rules: [pack]\nselect: [time/]\nignore: [time/vage]\n",
    );
    let run = config(ws.path(), &[]);
    assert_located(
        &run,
        "replylint.yaml:3:10",
        "unknown rule or prefix `time/vage`",
    );
    assert!(
        run.stderr.contains("did you mean `time/vague`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_helpdesks_are_located() {
    let ws = workspace();
    write(
        ws.path(),
        "replylint.yaml",
        "placeholders:\n  helpdesk: zendesc\n",
    );
    let run = config(ws.path(), &[]);
    assert_located(&run, "replylint.yaml:2:13", "unknown helpdesk `zendesc`");
    assert!(
        run.stderr.contains("did you mean `zendesk`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn two_configuration_files_in_one_directory_are_an_error() {
    let ws = workspace();
    write(ws.path(), "replylint.yaml", "");
    write(ws.path(), ".replylint.yaml", "");
    let run = config(ws.path(), &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "two configuration files in one directory: `replylint.yaml` and `.replylint.yaml`"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn globs_are_relative_to_the_configuration_or_its_root_wherever_the_command_runs() {
    let ws = workspace();
    write(ws.path(), "replies/a.txt", "Fixed soon.\n");
    write(ws.path(), "drafts/b.txt", "Fixed soon.\n");
    let check = |dir: &Path, config: &str| {
        let args = [
            "check",
            "--no-default-rules",
            "--output-format",
            "concise",
            "--config",
            config,
            ".",
        ];
        run_in(dir, &args, None)
    };
    // Relative to its own folder, ci/: no glob reaches drafts/, and the run says so.
    write(
        ws.path(),
        "ci/replylint.yaml",
        "rules: [../pack]\nexclude: [\"drafts/\"]\n",
    );
    let run = check(ws.path(), "ci/replylint.yaml");
    assert!(run.stdout.contains("drafts/b.txt"), "{}", run.stdout);
    assert!(run.stderr.contains("set `root:`"), "{}", run.stderr);
    // With `root: ..`, from the repository root, and from a folder below it.
    write(
        ws.path(),
        "ci/replylint.yaml",
        "root: ..\nrules: [../pack]\nexclude: [\"drafts/\"]\n",
    );
    let run = check(ws.path(), "ci/replylint.yaml");
    assert!(run.stdout.contains("replies/a.txt"), "{}", run.stdout);
    assert!(!run.stdout.contains("drafts/b.txt"), "{}", run.stdout);
    assert!(!run.stderr.contains("root:"), "{}", run.stderr);
    let run = check(&ws.path().join("drafts"), "../ci/replylint.yaml");
    assert_eq!(
        run.code, 2,
        "drafts/ is excluded wherever the command runs: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("1 file excluded by the configuration"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    // A root that does not exist is a located error.
    write(ws.path(), "ci/replylint.yaml", "root: ../nowhere\n");
    let run = check(ws.path(), "ci/replylint.yaml");
    assert_located(&run, "ci/replylint.yaml:1:7", "`root` folder");
}
