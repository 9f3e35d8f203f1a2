//! Runs a documentation block's shell commands with bash, where
//! `replylint` is the binary under test, and records the exit code of every
//! `replylint` command the block runs.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What a block's commands did.
pub struct ShellRun {
    /// bash's own exit code: not 0 when a command other than replylint failed.
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// The exit code of each `replylint` command, in order.
    pub replylint_exits: Vec<i32>,
}

/// `set -e` and `pipefail` so that any other failing command fails the
/// block; `replylint` is a function that runs the binary under test, logs its
/// exit code and returns 0, so that its codes are judged by the test (a
/// documented command may exit 1 on findings).
const PRELUDE: &str = r#"set -euo pipefail
replylint() {
  local code=0
  "$REPLYLINT_BIN" "$@" || code=$?
  echo "$code" >> "$REPLYLINT_EXITS"
}
"#;

/// Runs `script` with bash in `dir`, with `HOME` set to `home` (so a
/// command writing under `~` stays in the test's temporary directory).
/// Panics when it runs longer than two minutes.
pub fn run(script: &str, dir: &Path, home: &Path) -> ShellRun {
    let logs = tempfile::tempdir().expect("a temporary directory");
    let exits = logs.path().join("replylint-exits");
    let out = logs.path().join("stdout");
    let err = logs.path().join("stderr");
    let mut child = Command::new("bash")
        .args(["--noprofile", "--norc", "-c"])
        .arg(format!("{PRELUDE}{script}"))
        .current_dir(dir)
        .env("HOME", home)
        .env("REPLYLINT_BIN", env!("CARGO_BIN_EXE_replylint"))
        .env("REPLYLINT_EXITS", &exits)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).expect("create stdout file"))
        .stderr(std::fs::File::create(&err).expect("create stderr file"))
        .spawn()
        .expect("spawn bash");
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().expect("poll bash") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("a block ran for more than two minutes:\n{script}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let read =
        |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
    ShellRun {
        code: status.code().unwrap_or(-1),
        stdout: read(&out),
        stderr: read(&err),
        replylint_exits: read(&exits)
            .lines()
            .map(|l| l.parse().expect("an exit code"))
            .collect(),
    }
}
