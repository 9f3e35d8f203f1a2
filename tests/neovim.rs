//! `replylint server` in a real editor: Neovim, headless, with its own LSP
//! client (`vim.lsp.start_client`, as Debian's Neovim 0.7 has it; no
//! plugin). A Lua script opens a reply, waits for replylint's diagnostics,
//! applies a code action through Neovim's own workspace-edit code, and
//! writes what it saw as JSON; this test checks rule ids, positions (Neovim
//! turns the server's UTF-16 columns into byte columns itself) and the
//! edited buffer.
//!
//! Neovim must be installed (`apt-get install -y neovim`; `.ci/run` does
//! it): without `nvim` on PATH this test fails, saying so.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const DEADLINE: Duration = Duration::from_secs(90);

/// The script: everything inside `pcall`, so an error still writes the
/// output file and quits instead of leaving Neovim waiting.
const SCRIPT: &str = r#"
local out_path = os.getenv('REPLYLINT_OUT')
local result = {}
local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('REPLYLINT_REPLY')))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'replylint',
    cmd = { os.getenv('REPLYLINT_BIN'), 'server' },
    root_dir = os.getenv('REPLYLINT_DIR'),
  })
  assert(client_id, 'start_client failed')
  vim.lsp.buf_attach_client(bufnr, client_id)
  local function ours()
    local found = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.source == 'replylint' then table.insert(found, d) end
    end
    return found
  end
  result.got_diagnostics = vim.wait(30000, function() return #ours() >= 2 end, 20)
  result.diagnostics = {}
  for _, d in ipairs(ours()) do
    table.insert(result.diagnostics, {
      code = d.code, lnum = d.lnum, col = d.col,
      end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity,
    })
  end
  local client = vim.lsp.get_client_by_id(client_id)
  result.offset_encoding = client.offset_encoding
  local line_count = vim.api.nvim_buf_line_count(bufnr)
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = { start = { line = 0, character = 0 }, ['end'] = { line = line_count, character = 0 } },
    context = { diagnostics = {} },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 20000)
  result.titles = {}
  for _, response in pairs(responses or {}) do
    for _, action in ipairs(response.result or {}) do
      table.insert(result.titles, action.title)
      if action.title == "Replace 'reboot' with 'restart'" and not result.applied then
        vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
        result.applied = true
      end
    end
  end
  result.lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  vim.lsp.stop_client(client_id)
end)
result.ok = ok
result.error = ok and '' or tostring(err)
vim.fn.writefile({ vim.fn.json_encode(result) }, out_path)
vim.cmd('qa!')
"#;

fn nvim_on_path() -> bool {
    Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn neovim_shows_findings_and_applies_a_fix() {
    assert!(
        nvim_on_path(),
        "`nvim` is not on PATH: install Neovim to run this test \
         (`apt-get install -y neovim`; .ci/run does it)"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let dir = dir.path().canonicalize().expect("canonical temp dir");
    let pack = common::root().join("fixtures/packs/fixable-jargon");
    common::write(
        &dir,
        "replylint.yaml",
        format!("rules: [{}]\n", pack.display()),
    );
    let reply = "Hi Sam,\n\nThanks for writing in. The café 😀 router needs a reboot, then obviously it works.\n\nBest,\nAna\n";
    common::write(&dir, "reply.md", reply);
    common::write(&dir, "script.lua", SCRIPT);
    let out = dir.join("out.json");

    let mut child = Command::new("nvim")
        .args([
            "--headless",
            "--clean",
            "-n",
            "-i",
            "NONE",
            "-c",
            "luafile script.lua",
        ])
        .current_dir(&dir)
        .env("REPLYLINT_BIN", env!("CARGO_BIN_EXE_replylint"))
        .env("REPLYLINT_REPLY", dir.join("reply.md"))
        .env("REPLYLINT_DIR", &dir)
        .env("REPLYLINT_OUT", &out)
        .env("HOME", &dir)
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start nvim");
    let end = Instant::now() + DEADLINE;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for nvim") {
            break status;
        }
        if Instant::now() > end {
            let _ = child.kill();
            panic!("nvim did not finish within {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        use std::io::Read;
        let _ = pipe.read_to_string(&mut stderr);
    }
    let text = std::fs::read_to_string(&out).unwrap_or_else(|e| {
        panic!("no output from the script ({e}); nvim {status}, stderr:\n{stderr}")
    });
    let result: Value = serde_json::from_str(&text).expect("the script writes JSON");
    assert_eq!(result["ok"], true, "the script failed: {}", result["error"]);
    assert_eq!(
        result["got_diagnostics"], true,
        "no diagnostics: {result:#}"
    );
    assert_eq!(result["offset_encoding"], "utf-16");

    // Neovim's diagnostics are 0-based lines and byte columns.
    let line = reply.lines().nth(2).unwrap();
    let at = |word: &str| line.find(word).unwrap();
    let diagnostics = result["diagnostics"].as_array().unwrap();
    let mut found: Vec<(String, u64, u64, u64)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_owned(),
                d["lnum"].as_u64().unwrap(),
                d["col"].as_u64().unwrap(),
                d["end_col"].as_u64().unwrap(),
            )
        })
        .collect();
    found.sort_by_key(|f| f.2);
    let expected = vec![
        (
            "clarity/jargon".to_owned(),
            2,
            at("reboot") as u64,
            (at("reboot") + 6) as u64,
        ),
        (
            "tone/condescending".to_owned(),
            2,
            at("obviously") as u64,
            (at("obviously") + 9) as u64,
        ),
    ];
    assert_eq!(found, expected, "{result:#}");

    assert_eq!(
        result["applied"], true,
        "no fix action among {}",
        result["titles"]
    );
    let lines: Vec<&str> = result["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    let fixed = reply.replace("reboot", "restart");
    assert_eq!(lines, fixed.lines().collect::<Vec<_>>());
}
