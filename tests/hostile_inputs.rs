//! Inputs that used to hang replylint, or pass in silence: FIFOs where the
//! walk reads ignore files, symbolic links, odd explicit paths, UTF-16
//! files, bytes machine formats must keep, duplicate rule ids, and the
//! size of what arrives on standard input.

mod common;

use common::{run_in, run_with_deadline, write};

const FLAGGED: &str = "Hi Ana,\n\nThanks for writing. The cache must be cleared.\n";

#[cfg(unix)]
fn mkfifo(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("run mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn a_fifo_named_like_an_ignore_file_is_an_error_not_a_hang() {
    for name in [".gitignore", ".replylintignore", ".ignore"] {
        let dir = tempfile::tempdir().expect("temp dir");
        write(dir.path(), "ok/a.txt", FLAGGED);
        write(dir.path(), "blocked/b.txt", FLAGGED);
        mkfifo(&dir.path().join("blocked").join(name));
        let run = run_with_deadline(
            dir.path(),
            &["check", "--output-format", "concise", "."],
            30,
        )
        .unwrap_or_else(|| panic!("replylint hung on a FIFO named {name}"));
        assert_eq!(run.code, 2, "{name}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("blocked/{name}")),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("FIFO"), "{}", run.stderr);
        assert!(
            run.stdout.contains("ok/a.txt"),
            "the other folder is still checked: {}",
            run.stdout
        );
        assert!(!run.stdout.contains("b.txt"), "{}", run.stdout);
    }
}

#[cfg(unix)]
#[test]
fn explicit_fifos_links_to_nothing_and_link_loops_say_what_they_are() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "good.txt", FLAGGED);
    mkfifo(&dir.path().join("pipe.txt"));
    std::os::unix::fs::symlink("nowhere.txt", dir.path().join("dangling.txt")).expect("link");
    std::os::unix::fs::symlink("loop-b", dir.path().join("loop-a")).expect("link");
    std::os::unix::fs::symlink("loop-a", dir.path().join("loop-b")).expect("link");
    let args = [
        "check",
        "--output-format",
        "concise",
        "good.txt",
        "pipe.txt",
        "dangling.txt",
        "loop-a",
        "absent.txt",
    ];
    let run = run_with_deadline(dir.path(), &args, 30).expect("replylint hung on a FIFO");
    assert_eq!(run.code, 2, "{}", run.stderr);
    let said = |name: &str, what: &str| {
        let at = run
            .stderr
            .find(&format!("--> {name}"))
            .unwrap_or_else(|| panic!("{name}: {}", run.stderr));
        let before = &run.stderr[..at];
        let line = before.trim_end().lines().last().unwrap_or_default();
        assert!(line.contains(what), "{name}: expected `{what}` in `{line}`");
    };
    said("pipe.txt", "FIFO");
    said(
        "dangling.txt",
        "symbolic link to something that does not exist",
    );
    said("loop-a", "symbolic link that cannot be followed");
    said("absent.txt", "no such file or directory");
    assert!(run.stdout.contains("good.txt:3:"), "{}", run.stdout);
}

#[cfg(unix)]
#[test]
fn symbolic_links_in_walks_are_counted_or_followed() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "elsewhere/real.txt", FLAGGED);
    write(dir.path(), "replies/own.txt", FLAGGED);
    std::os::unix::fs::symlink(
        "../elsewhere/real.txt",
        dir.path().join("replies/linked.txt"),
    )
    .expect("link");
    let run = run_in(
        dir.path(),
        &["check", "--output-format", "concise", "replies"],
        None,
    );
    assert!(run.stdout.contains("replies/own.txt"), "{}", run.stdout);
    assert!(!run.stdout.contains("linked.txt"), "{}", run.stdout);
    assert!(
        run.stderr.contains("skipped 1 symbolic link") && run.stderr.contains("--follow"),
        "{}",
        run.stderr
    );
    let run = run_in(
        dir.path(),
        &["check", "--output-format", "concise", "--follow", "replies"],
        None,
    );
    assert!(
        run.stdout.contains("replies/linked.txt:3:"),
        "{}",
        run.stdout
    );
    assert!(!run.stderr.contains("symbolic link"), "{}", run.stderr);
}

#[test]
fn machine_formats_keep_every_byte_of_the_flagged_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "del.txt",
        "Hi Ana,\n\nThe router\u{7f} must be reset.\n",
    );
    for format in ["json", "json-lines", "sarif", "github"] {
        let run = run_in(
            dir.path(),
            &["check", "--output-format", format, "del.txt"],
            None,
        );
        assert!(
            run.stdout.contains("router\u{7f} must"),
            "{format} lost the DEL byte: {}",
            run.stdout
        );
    }
}

#[test]
fn a_yaml_reply_that_is_an_alias_is_checked_at_its_anchor_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let yaml = "defaults:\n  text: &no Sorry, that is user error.\nreplies:\n  - name: First\n    body: *no\n  - name: Second\n    body: *no\n";
    write(dir.path(), "replies.yml", yaml);
    let run = run_in(
        dir.path(),
        &["check", "--output-format", "json-lines", "replies.yml"],
        None,
    );
    let blame: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("tone/blame"))
        .collect();
    assert_eq!(blame.len(), 1, "{}", run.stdout);
    assert!(blame[0].contains("\"reply\":\"First\""), "{}", blame[0]);
    let start = yaml.find("user error").expect("in the anchor");
    assert!(
        blame[0].contains(&format!("\"byte_start\":{start},")),
        "{}",
        blame[0]
    );
}

#[test]
fn too_much_on_standard_input_gives_its_real_size() {
    let dir = tempfile::tempdir().expect("temp dir");
    let size = 16 * 1024 * 1024 + 12345;
    let input = vec![b'a'; size];
    let run = run_in(dir.path(), &["check", "-"], Some(&input));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("file is {size} bytes")),
        "{}",
        run.stderr
    );
}

#[test]
fn two_rule_files_with_one_id_are_an_error_naming_both() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rule = "extends: existence\nmessage: \"'%s' again\"\ntokens:\n  - again\n";
    write(dir.path(), "pack/x/dup.yml", rule);
    write(dir.path(), "pack/x/dup.yaml", rule);
    write(dir.path(), "reply.txt", "Hi, here it is again.\n");
    let run = run_in(
        dir.path(),
        &[
            "check",
            "--no-default-rules",
            "--rules",
            "pack",
            "reply.txt",
        ],
        None,
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("rule `x/dup` is defined twice"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("dup.yml") && run.stderr.contains("dup.yaml"),
        "{}",
        run.stderr
    );
}

/// `text` as UTF-16 with its byte order mark.
fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        let pair = if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        };
        bytes.extend(pair);
    }
    bytes
}

#[test]
fn utf16_replies_are_checked_at_the_files_own_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "Hi Zoë 😀,\n\nThanks for writing. Sorry, that was user error.\n";
    for big_endian in [false, true] {
        let bytes = utf16(text, big_endian);
        write(dir.path(), "windows.txt", &bytes);
        let run = run_in(
            dir.path(),
            &["check", "--output-format", "json-lines", "windows.txt"],
            None,
        );
        assert_eq!(run.code, 1, "{}", run.stderr);
        let blame = run
            .stdout
            .lines()
            .find(|l| l.contains("tone/blame"))
            .unwrap_or_else(|| panic!("no finding: {} {}", run.stdout, run.stderr));
        let units_before = text[..text.find("user error").unwrap()]
            .encode_utf16()
            .count();
        let start = 2 + 2 * units_before;
        assert!(
            blame.contains(&format!("\"byte_start\":{start},")),
            "{blame}"
        );
        assert!(
            blame.contains(&format!("\"byte_end\":{},", start + 2 * "user error".len())),
            "{blame}"
        );
        assert!(blame.contains("\"line\":3,\"column\":37"), "{blame}");
        assert!(blame.contains("\"matched\":\"user error\""), "{blame}");
    }
}

#[test]
fn broken_utf16_is_an_error_and_utf16_without_its_mark_says_what_it_needs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut odd = utf16("Thanks!", false);
    odd.push(b'x');
    write(dir.path(), "odd.txt", &odd);
    let mut lone = utf16("Thanks", false);
    lone.extend([0x00, 0xD8, b'!', 0x00]);
    write(dir.path(), "lone.txt", &lone);
    let run = run_in(dir.path(), &["check", "odd.txt", "lone.txt"], None);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("not valid UTF-16"), "{}", run.stderr);
    assert!(run.stderr.contains("byte offset 14"), "{}", run.stderr);
    assert!(run.stderr.contains("byte offset 16"), "{}", run.stderr);
    let bare: Vec<u8> = utf16("Thanks!", false)[2..].to_vec();
    write(dir.path(), "bare.txt", &bare);
    let run = run_in(dir.path(), &["check", "bare.txt"], None);
    assert!(run.stderr.contains("byte order mark"), "{}", run.stderr);
}

/// The allocator is tuned before anything allocates (on Linux, from
/// `.init_array`): mimalloc, asked to list its options at start, shows the
/// one replylint sets (by its id in `src/main.rs`) at 0, by name.
#[test]
#[cfg(target_os = "linux")]
fn the_allocator_options_are_set_by_name() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_replylint"))
        .arg("--version")
        .env("MIMALLOC_VERBOSE", "1")
        .output()
        .expect("run replylint");
    let listed = String::from_utf8_lossy(&out.stderr);
    assert!(
        listed.contains("option 'arena_eager_commit': 0"),
        "{listed}"
    );
}
