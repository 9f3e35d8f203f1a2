//! The findings of an export's records, one record at a time, for
//! streaming: `json-lines` (each finding as `json` has it, plus the
//! record: its input line, id and group fields) and `concise`
//! (`export.jsonl:LINE: level[rule]: message`). Positions inside a finding
//! are the reply text's; the record's `line` is the input's.

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::json::{diagnostics, JsonDiagnostic};
use super::FileReport;
use crate::records::Record;

struct Groups<'a>(&'a [(String, String)]);

impl Serialize for Groups<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[derive(serde::Serialize)]
struct RecordRef<'a> {
    line: usize,
    id: Option<&'a str>,
    groups: Groups<'a>,
}

#[derive(serde::Serialize)]
struct RecordFinding<'a> {
    record: RecordRef<'a>,
    #[serde(flatten)]
    finding: JsonDiagnostic<'a>,
}

/// One JSON line per finding of `report`, the record's checked text.
pub fn json_lines(record: &Record, report: &FileReport) -> String {
    let mut out = String::new();
    for finding in diagnostics(std::slice::from_ref(report)) {
        let line = RecordFinding {
            record: RecordRef {
                line: record.line,
                id: record.id.as_deref(),
                groups: Groups(&record.groups),
            },
            finding,
        };
        match serde_json::to_string(&line) {
            Ok(json) => out.push_str(&json),
            Err(e) => out.push_str(&serde_json::json!({ "error": e.to_string() }).to_string()),
        }
        out.push('\n');
    }
    out
}

/// One line per finding: `name:LINE: level[rule]: message [id]`.
pub fn concise(record: &Record, report: &FileReport) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let id = record
            .id
            .as_deref()
            .map(|id| format!(" [{id}]"))
            .unwrap_or_default();
        out.push_str(&format!(
            "{}:{}: {}[{}]: {}{id}\n",
            report.name,
            record.line,
            d.level.as_str(),
            d.rule,
            d.message.replace('\n', " ")
        ));
    }
    out
}
