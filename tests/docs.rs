//! Every fenced code block of README.md and docs/*.md runs here, so the
//! documentation cannot drift from the program.
//!
//! # The convention
//!
//! A block's info string is its language followed by words saying what it
//! is (Markdown renderers show only the language). Every block needs one of
//! these classifications, or the test fails:
//!
//! - `yaml replylint.yaml [with=PATH,…]`: a configuration. It is written to
//!   `replylint.yaml` in an empty project directory, where `with=` creates
//!   empty stand-ins for the files and directories (a trailing `/`) it
//!   names, relative to that directory; `replylint config` must exit 0 and
//!   `replylint check` of a reply there must not exit 2.
//! - `yaml pack=NAME file=PATH`: a file of a rule pack (a rule, or the pack's
//!   `blocks.yml`). The blocks of one document with the same NAME form one
//!   pack, and `replylint test` must pass on it (every rule loads and its
//!   examples hold).
//! - `sh run [in=repo] [exit=N]`: shell commands, run with bash (`set -e`,
//!   `pipefail`) in an empty temporary directory, or at the repository root
//!   with `in=repo`, with `HOME` in a temporary directory. `replylint` is the
//!   binary under test. Each `replylint` command must exit N with `exit=N`,
//!   else with anything but 2; any other failing command fails the block.
//!   `console run …` is the same with the commands on `$ ` lines.
//! - `LANG output`: the exact standard output of the `run` block just
//!   before it. `REPLYLINT_BLESS=1 cargo test --test docs` rewrites it.
//! - `LANG reply=NAME`: a reply, written to NAME in a temporary directory
//!   and checked: not exit 2, and no error of a `meta/` rule (a documented
//!   suppression directive must be valid).
//! - `text usage`: the command synopsis; it must name every subcommand.
//! - `sh quickstart`: the README's first block. `cargo run -- ARGS` runs
//!   the binary with ARGS at the repository root and must exit as its
//!   comment says (`exits N`); `cargo test` must be the command CI runs.
//! - `LANG skip REASON…`: not run (installation, CI workflows…), with the
//!   reason; counted and printed.

mod common;
#[path = "docs/fences.rs"]
mod fences;
#[path = "docs/shell.rs"]
mod shell;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use clap::CommandFactory;
use common::{root, run_in, write};
use fences::{classify, Block, Kind};

/// README.md and every Markdown file of docs/, relative to the root.
fn documents() -> Vec<String> {
    let mut docs: Vec<String> = std::fs::read_dir(root().join("docs"))
        .expect("docs/")
        .map(|e| {
            e.expect("a docs/ entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.ends_with(".md"))
        .map(|n| format!("docs/{n}"))
        .collect();
    docs.sort();
    docs.insert(0, "README.md".to_owned());
    docs
}

/// What went wrong with one block, or `Ok` with the standard output a
/// following `output` block is compared with.
type Outcome = Result<Option<String>, String>;

#[test]
fn every_doc_block_is_classified_and_holds() {
    let (mut ran, mut skipped) = (0, 0);
    let mut failures = Vec::new();
    let mut kinds = BTreeSet::new();
    for doc in documents() {
        let text = std::fs::read_to_string(root().join(&doc)).expect("read the document");
        let blocks = fences::blocks(&doc, &text);
        let mut packs: BTreeMap<String, Vec<(String, &Block)>> = BTreeMap::new();
        let mut blessed = Vec::new();
        let mut previous: Option<String> = None;
        for block in &blocks {
            let place = format!("{doc}:{}", block.line);
            let kind = match classify(&block.info) {
                Ok(kind) => kind,
                Err(e) => {
                    failures.push(format!("{place}: {e}"));
                    continue;
                }
            };
            kinds.insert(kind.name());
            let outcome: Outcome = match &kind {
                Kind::Skip { reason } => {
                    println!("skipped {place}: {reason}");
                    skipped += 1;
                    previous = None;
                    continue;
                }
                Kind::Config { with } => config(block, with).map(|()| None),
                Kind::PackFile { pack, file } => {
                    packs
                        .entry(pack.clone())
                        .or_default()
                        .push((file.clone(), block));
                    Ok(None)
                }
                Kind::Run {
                    in_repo,
                    exit,
                    console,
                } => run_block(&fences::script(&block.body, *console), *in_repo, *exit).map(Some),
                Kind::Output => match previous.take() {
                    Some(stdout) if stdout == block.body => Ok(None),
                    Some(stdout) if blessing() => {
                        blessed.push((block.body_lines.clone(), stdout));
                        Ok(None)
                    }
                    Some(stdout) => Err(differs(&block.body, &stdout)),
                    None => Err("an `output` block must follow a `run` block".to_owned()),
                },
                Kind::Reply { name } => reply(name, &block.body).map(|()| None),
                Kind::Usage => usage(&block.body).map(|()| None),
                Kind::Quickstart => quickstart(&block.body).map(|()| None),
            };
            ran += 1;
            previous = match outcome {
                Ok(stdout) => stdout,
                Err(e) => {
                    failures.push(format!("{place}: {e}"));
                    None
                }
            };
        }
        for (name, files) in &packs {
            if let Err(e) = pack(files) {
                failures.push(format!("{doc}: pack `{name}`: {e}"));
            }
        }
        if !blessed.is_empty() {
            bless(&doc, &text, blessed);
        }
    }
    println!("documentation blocks: {ran} run, {skipped} skipped");
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n\n"));
    for kind in [
        "replylint.yaml",
        "pack",
        "run",
        "output",
        "reply",
        "usage",
        "quickstart",
    ] {
        assert!(kinds.contains(kind), "no block of kind `{kind}` is left");
    }
    assert!(ran > skipped, "{ran} run, {skipped} skipped");
}

fn blessing() -> bool {
    std::env::var_os("REPLYLINT_BLESS").is_some()
}

fn differs(expected: &str, actual: &str) -> String {
    let at = expected
        .lines()
        .zip(actual.lines())
        .position(|(e, a)| e != a)
        .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
    format!(
        "the block is not the command's output; first difference at its line {}:\n  block:  {:?}\n  output: {:?}\n(rerun with REPLYLINT_BLESS=1 to rewrite the block)",
        at + 1,
        expected.lines().nth(at),
        actual.lines().nth(at)
    )
}

/// Replaces the bodies of `doc`'s blocks at `lines` with new text; the file
/// is written whole and renamed into place.
fn bless(doc: &str, text: &str, mut blessed: Vec<(std::ops::Range<usize>, String)>) {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
    blessed.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    for (range, body) in blessed {
        let new: Vec<String> = body.split_inclusive('\n').map(str::to_owned).collect();
        lines.splice(range, new);
    }
    let path = root().join(doc);
    let staged = path.with_extension("md.blessing");
    std::fs::write(&staged, lines.concat()).expect("write the blessed document");
    std::fs::rename(&staged, &path).expect("move the blessed document into place");
}

fn config(block: &Block, with: &[String]) -> Result<(), String> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let project = dir.path().join("project");
    for stand_in in with {
        let path = project.join(stand_in);
        if stand_in.ends_with('/') {
            std::fs::create_dir_all(&path).expect("create a stand-in directory");
        } else {
            write(&project, stand_in, "");
        }
    }
    write(&project, "replylint.yaml", &block.body);
    let shown = run_in(&project, &["config"], None);
    if shown.code != 0 {
        return Err(format!(
            "`replylint config` exited {}:\n{}",
            shown.code, shown.stderr
        ));
    }
    write(
        &project,
        "reply.txt",
        "Hi Dana,\n\nThanks for the details. The refund is on its way.\n",
    );
    let checked = run_in(&project, &["check", "reply.txt"], None);
    if checked.code == 2 {
        return Err(format!("`replylint check` exited 2:\n{}", checked.stderr));
    }
    Ok(())
}

fn pack(files: &[(String, &Block)]) -> Result<(), String> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (file, block) in files {
        write(&dir.path().join("pack"), file, &block.body);
    }
    let r = run_in(dir.path(), &["test", "pack"], None);
    if r.code != 0 {
        return Err(format!(
            "`replylint test` exited {}:\n{}{}",
            r.code, r.stdout, r.stderr
        ));
    }
    Ok(())
}

fn run_block(script: &str, in_repo: bool, exit: Option<i32>) -> Result<String, String> {
    let work = tempfile::tempdir().expect("a temporary directory");
    let home = tempfile::tempdir().expect("a temporary directory");
    let dir: PathBuf = if in_repo {
        root()
    } else {
        work.path().to_owned()
    };
    let r = shell::run(script, &dir, home.path());
    if r.code != 0 {
        return Err(format!(
            "a command failed (bash exited {}):\n{}",
            r.code, r.stderr
        ));
    }
    if r.replylint_exits.is_empty() {
        return Err("the block runs no `replylint` command".to_owned());
    }
    for code in &r.replylint_exits {
        let ok = match exit {
            Some(expected) => *code == expected,
            None => *code != 2,
        };
        if !ok {
            let wanted = exit.map_or("not 2".to_owned(), |e| e.to_string());
            return Err(format!(
                "replylint exited {code} (expected {wanted}):\n{}",
                r.stderr
            ));
        }
    }
    Ok(r.stdout)
}

fn reply(name: &str, body: &str) -> Result<(), String> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    write(dir.path(), name, body);
    let r = run_in(
        dir.path(),
        &["check", name, "--output-format", "concise"],
        None,
    );
    if r.code == 2 || r.stdout.contains(": error[meta/") {
        return Err(format!("exit {}:\n{}{}", r.code, r.stdout, r.stderr));
    }
    Ok(())
}

fn usage(body: &str) -> Result<(), String> {
    let missing: Vec<String> = replylint::cli::args::Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .filter(|name| !body.contains(&format!("replylint {name}")))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the synopsis misses `replylint {}`",
            missing.join("`, `replylint ")
        ))
    }
}

fn quickstart(body: &str) -> Result<(), String> {
    let ci = std::fs::read_to_string(root().join(".ci/run")).expect("read .ci/run");
    for line in body.lines().filter(|l| !l.trim().is_empty()) {
        let (command, comment) = line.split_once(" #").unwrap_or((line, ""));
        let command = command.trim();
        if command == "cargo test" {
            if !ci.lines().any(|l| l.trim() == command) {
                return Err("`cargo test` is not the test command .ci/run runs".to_owned());
            }
        } else if let Some(args) = command.strip_prefix("cargo run -- ") {
            let exit = comment
                .split_once("exits ")
                .and_then(|(_, rest)| rest.get(..1)?.parse().ok());
            run_block(&format!("replylint {args}\n"), true, exit)?;
        } else {
            return Err(format!(
                "`{command}`: a quickstart line is `cargo run -- …` or `cargo test`"
            ));
        }
    }
    Ok(())
}

#[test]
fn a_block_without_a_classification_fails() {
    assert!(classify("yaml").is_err());
    assert!(classify("").is_err());
    assert!(classify("sh skip").is_err(), "a skip needs a reason");
    assert!(classify("sh run exit=one").is_err());
    assert!(
        classify("yaml replylint.yaml run").is_err(),
        "one role only"
    );
    assert!(
        classify("sh replylint.yaml").is_err(),
        "a configuration is YAML"
    );
    assert!(classify("yaml pack=p").is_err(), "a pack file needs a path");
    assert!(
        classify("json output exit=1").is_err(),
        "exit= goes with run"
    );
    assert_eq!(
        classify("sh skip installs from the network").unwrap(),
        Kind::Skip {
            reason: "installs from the network".to_owned()
        }
    );
    assert_eq!(
        classify("sh run in=repo exit=1").unwrap(),
        Kind::Run {
            in_repo: true,
            exit: Some(1),
            console: false
        }
    );
}

#[test]
fn fences_are_found_with_their_lines() {
    let text =
        "# T\n\n```yaml replylint.yaml\na: 1\n```\n\n````md reply=x.md\n```\ninner\n```\n````\n";
    let found = fences::blocks("t.md", text);
    assert_eq!(found.len(), 2);
    assert_eq!(
        (found[0].line, found[0].info.as_str()),
        (3, "yaml replylint.yaml")
    );
    assert_eq!(found[0].body, "a: 1\n");
    assert_eq!(found[0].body_lines, 3..4);
    assert_eq!(
        found[1].body, "```\ninner\n```\n",
        "a longer fence holds a shorter one"
    );
}

/// The JSON sample of the README is generated from a real run (above), and
/// stays one: a README without it fails here.
#[test]
fn the_readme_json_sample_is_a_real_run() {
    let text = std::fs::read_to_string(root().join("README.md")).unwrap();
    let blocks = fences::blocks("README.md", &text);
    let at = blocks
        .iter()
        .position(|b| b.info == "json output")
        .expect("README.md has a `json output` block");
    assert!(at > 0 && matches!(classify(&blocks[at - 1].info), Ok(Kind::Run { .. })));
    assert!(blocks[at - 1].body.contains("--output-format json"));
    let doc: serde_json::Value = serde_json::from_str(&blocks[at].body).expect("valid JSON");
    let fixes = doc["diagnostics"][0]["fixes"].as_array().expect("fixes");
    assert!(!fixes.is_empty(), "the sample shows a fix");
}
