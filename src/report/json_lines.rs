//! `json-lines`: one JSON object per diagnostic per line, the same object
//! as in `json`'s `diagnostics` (path included), and no summary. Lines come
//! in the report's order: by path, then position, then rule id.

use super::json::diagnostics;
use super::FileReport;

pub fn render(files: &[FileReport]) -> String {
    let mut out = String::new();
    for d in diagnostics(files) {
        match serde_json::to_string(&d) {
            Ok(line) => out.push_str(&line),
            Err(e) => out.push_str(&serde_json::json!({ "error": e.to_string() }).to_string()),
        }
        out.push('\n');
    }
    out
}
