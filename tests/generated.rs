//! What is generated from the clap definitions: shell completions
//! (`replylint completions`), man pages (`replylint man`), and the help text
//! every option must have for them and for `--help`.

mod common;

use std::process::Command;

use clap::CommandFactory;
use common::run;
use replylint::cli::args::Cli;

/// Every subcommand name but clap's own `help`.
fn subcommands() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect()
}

#[test]
fn every_argument_has_help() {
    fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
        if cmd.get_about().is_none() && !path.is_empty() {
            missing.push(format!("`{path}` (the command)"));
        }
        for arg in cmd.get_arguments() {
            if arg.get_help().is_none() && arg.get_long_help().is_none() {
                missing.push(format!("`{path} {}`", arg.get_id()));
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, format!("{path} {}", sub.get_name()).trim(), missing);
        }
    }
    let mut cmd = Cli::command();
    cmd.build();
    let mut missing = Vec::new();
    walk(&cmd, "", &mut missing);
    assert!(missing.is_empty(), "no help text: {}", missing.join(", "));
    let help = run(&["check", "--help"]);
    assert!(
        help.stdout.contains("NO_COLOR"),
        "--color says what auto does"
    );
}

#[test]
fn bash_completion_knows_the_commands_and_options() {
    let r = run(&["completions", "bash"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for word in [
        "check",
        "--output-format",
        "json-lines",
        "completions",
        "man",
    ] {
        assert!(r.stdout.contains(word), "the bash script mentions {word}");
    }
}

#[test]
fn bash_registers_the_completion() {
    let script = "source <(\"$REPLYLINT\" completions bash) && complete -p replylint";
    let out = Command::new("bash")
        .args(["--noprofile", "--norc", "-c", script])
        .env("REPLYLINT", env!("CARGO_BIN_EXE_replylint"))
        .output()
        .expect("run bash");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("-F _replylint replylint"), "{stdout}");
}

#[test]
fn every_shell_gets_a_script_and_others_are_refused() {
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let r = run(&["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(r.stdout.contains("output-format"), "{shell}");
    }
    let r = run(&["completions", "tcsh"]);
    assert_eq!(r.code, 2, "an unknown shell is a usage error");
}

#[test]
fn the_man_page_names_every_subcommand() {
    let r = run(&["man"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let title = r
        .stdout
        .lines()
        .find(|l| !l.starts_with(".ie") && !l.starts_with(".el"));
    assert!(
        title.is_some_and(|l| l.starts_with(".TH replylint 1")),
        "{title:?}"
    );
    for name in subcommands() {
        assert!(
            r.stdout.contains(&format!("replylint\\-{name}(1)")),
            "the man page names `{name}`"
        );
    }
}

#[test]
fn man_out_dir_writes_one_page_per_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man/man1");
    let r = run(&["man", "--out-dir", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let top = std::fs::read_to_string(out.join("replylint.1")).unwrap();
    assert!(top.contains(".TH replylint 1"));
    for name in subcommands() {
        let page = std::fs::read_to_string(out.join(format!("replylint-{name}.1")))
            .unwrap_or_else(|_| panic!("no page for `{name}`"));
        assert!(page.contains(&format!(".TH replylint-{name} 1")), "{name}");
    }
    let check = std::fs::read_to_string(out.join("replylint-check.1")).unwrap();
    assert!(
        check.contains("output\\-format"),
        "the check page lists its options"
    );
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let r = run(&["man", "--out-dir", file.to_str().unwrap()]);
    assert_eq!(r.code, 2, "a directory that cannot be made is an error");
    assert!(r.stderr.contains("a-file"), "{}", r.stderr);
}
