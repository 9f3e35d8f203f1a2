//! `sarif`: a SARIF 2.1.0 log for GitHub code scanning and other viewers.
//!
//! One run; `tool.driver.rules` lists every rule that was run, and each
//! result points at its rule by id and index. Regions are 1-based, columns
//! count Unicode code points (`columnKind: unicodeCodePoints`) and
//! `endColumn` is the column just past the finding. URIs are the paths as
//! reported, with `/` separators, relative to `%SRCROOT%`. Each result has
//! a fingerprint that does not depend on line numbers, so a finding keeps
//! its identity when lines are added above it.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::json_stream::{split, ArrayStream};
use super::{FileReport, RuleMeta};
use crate::diagnostic::{Diagnostic, Level};
use crate::position::{LineCol, LineIndex};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The project's page: Cargo.toml's `repository` (left out while unset).
const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");
/// The key of replylint's own fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "replylint/v1";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<ReportingDescriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor<'a> {
    id: &'a str,
    name: &'a str,
    short_description: Text<'a>,
    full_description: Text<'a>,
    help: Help<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<&'a str>,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct OwnedText {
    text: String,
}

#[derive(Serialize)]
struct Help<'a> {
    text: &'a str,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text<'a>,
    locations: [Location<'a>; 1],
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation,
    region: Region<'a>,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region<'a> {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Text<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation<'a> {
    name: &'a str,
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: OwnedText,
    artifact_changes: [ArtifactChange<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: [Replacement<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region<'a>,
    inserted_content: Text<'a>,
}

/// The SARIF log of a run of `rules` over `files`, pretty-printed.
/// The SARIF log of `files`, with `rules` described.
pub fn render(files: &[FileReport], rules: &[RuleMeta<'_>]) -> String {
    let (mut report, mut out) = SarifReport::start(rules);
    for file in files {
        out.push_str(&report.file(file));
    }
    out.push_str(&report.end());
    out
}

/// The SARIF log written as files are checked (see
/// [`super::json_stream`]): memory holds one file's results at a time.
pub struct SarifReport {
    index: HashMap<String, usize>,
    stream: ArrayStream,
    tail: String,
}

impl SarifReport {
    /// The report and its first text: the tool and its `rules`, up to the
    /// results.
    pub fn start(rules: &[RuleMeta<'_>]) -> (SarifReport, String) {
        let log = Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: [Run {
                tool: Tool {
                    driver: Driver {
                        name: "replylint",
                        version: env!("CARGO_PKG_VERSION"),
                        information_uri: Some(INFORMATION_URI).filter(|uri| !uri.is_empty()),
                        rules: rules.iter().map(descriptor).collect(),
                    },
                },
                column_kind: "unicodeCodePoints",
                results: Vec::new(),
            }],
        };
        let text = serde_json::to_string_pretty(&log)
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        let (head, tail) = split(&text, "results");
        let index = rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.to_owned(), i))
            .collect();
        let report = SarifReport {
            index,
            stream: ArrayStream::new(&head),
            tail,
        };
        (report, head)
    }

    /// The text of one file's results.
    pub fn file(&mut self, file: &FileReport) -> String {
        self.stream.items(file_results(file, &self.index))
    }

    /// The text that ends the log.
    pub fn end(&self) -> String {
        let mut out = self.stream.close(&self.tail);
        out.push('\n');
        out
    }
}

fn level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Suggestion => "note",
    }
}

fn descriptor<'a>(rule: &RuleMeta<'a>) -> ReportingDescriptor<'a> {
    let mut markdown = rule.help.to_owned();
    if let Some(link) = rule.link {
        markdown.push_str(&format!("\n\n[More about this rule]({link})"));
    }
    ReportingDescriptor {
        id: rule.id,
        name: rule.id.rsplit('/').next().unwrap_or(rule.id),
        short_description: Text {
            text: rule.description,
        },
        full_description: Text {
            text: rule.description,
        },
        help: Help {
            text: rule.help,
            markdown,
        },
        help_uri: rule.link,
        default_configuration: Configuration {
            level: level(rule.level),
        },
    }
}

fn file_results<'a>(file: &'a FileReport, index: &HashMap<String, usize>) -> Vec<SarifResult<'a>> {
    let located = file.located();
    if located.is_empty() {
        return Vec::new();
    }
    let artifact = artifact_location(&file.name);
    let lines = LineIndex::new(&file.text);
    let mut occurrences: HashMap<(&str, Option<&str>, &str), usize> = HashMap::new();
    let mut results = Vec::with_capacity(located.len());
    for (d, start, end) in located {
        let matched = d.matched(&file.text);
        let occurrence = occurrences
            .entry((&d.rule, d.reply.as_deref(), matched))
            .or_default();
        let fingerprint = fingerprint(
            &d.rule,
            &file.name,
            d.reply.as_deref(),
            matched,
            *occurrence,
        );
        *occurrence += 1;
        results.push(SarifResult {
            rule_id: &d.rule,
            rule_index: index.get(&*d.rule).copied(),
            level: level(d.level),
            message: Text { text: &d.message },
            locations: [Location {
                physical_location: PhysicalLocation {
                    artifact_location: artifact.clone(),
                    region: region(start, end, Some(matched)),
                },
                logical_locations: d
                    .reply
                    .as_deref()
                    .map(|name| LogicalLocation {
                        name,
                        kind: "object",
                    })
                    .into_iter()
                    .collect(),
            }],
            partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, fingerprint)]),
            fixes: fixes(file, d, &lines, &artifact),
        });
    }
    results
}

fn region(start: LineCol, end: LineCol, snippet: Option<&str>) -> Region<'_> {
    Region {
        start_line: start.line,
        start_column: start.column,
        end_line: end.line,
        end_column: end.column,
        snippet: snippet.map(|text| Text { text }),
    }
}

fn fixes<'a>(
    file: &'a FileReport,
    d: &'a Diagnostic,
    lines: &LineIndex,
    artifact: &ArtifactLocation,
) -> Vec<SarifFix<'a>> {
    d.fixes
        .iter()
        .map(|fix| {
            let start = lines.line_col(&file.text, fix.span.start());
            let end = lines.line_col(&file.text, fix.span.end());
            SarifFix {
                description: OwnedText {
                    text: format!("Write `{}`", fix.replacement),
                },
                artifact_changes: [ArtifactChange {
                    artifact_location: artifact.clone(),
                    replacements: [Replacement {
                        deleted_region: region(start, end, None),
                        inserted_content: Text {
                            text: &fix.replacement,
                        },
                    }],
                }],
            }
        })
        .collect()
}

/// Where a reported path is: relative to `%SRCROOT%` with `/` separators
/// and no leading `./`, or a `file://` URI when the path is absolute.
fn artifact_location(name: &str) -> ArtifactLocation {
    let mut path = name.replace('\\', "/");
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.to_owned();
    }
    let drive = path.len() >= 3 && path.as_bytes()[1] == b':' && path.as_bytes()[2] == b'/';
    if path.starts_with('/') || drive {
        let prefix = if drive { "file:///" } else { "file://" };
        ArtifactLocation {
            uri: format!("{prefix}{}", percent_encode(&path, drive)),
            uri_base_id: None,
        }
    } else {
        ArtifactLocation {
            uri: percent_encode(&path, false),
            uri_base_id: Some("%SRCROOT%"),
        }
    }
}

/// Percent-encodes what a URI path may not hold as it is. A `:` is encoded
/// too, so a relative path is never read as a scheme; `drive` keeps the
/// one of a Windows drive (`C:/`).
fn percent_encode(path: &str, drive: bool) -> String {
    let mut out = String::with_capacity(path.len());
    for (i, b) in path.bytes().enumerate() {
        let keep =
            b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) || (drive && i == 1);
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A hash of what identifies a finding apart from where it is in the file:
/// the rule, the path, the reply, the matched text and how many identical
/// findings came before it. 64-bit FNV-1a over length-prefixed fields, so
/// it is the same on every platform and release.
fn fingerprint(
    rule: &str,
    path: &str,
    reply: Option<&str>,
    matched: &str,
    occurrence: usize,
) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(PRIME);
        }
    };
    let occurrence = occurrence.to_string();
    let fields = [
        Some(rule),
        Some(path),
        reply,
        Some(matched),
        Some(occurrence.as_str()),
    ];
    for field in fields {
        match field {
            Some(text) => {
                feed(&[1]);
                feed(&(text.len() as u64).to_le_bytes());
                feed(text.as_bytes());
            }
            None => feed(&[0]),
        }
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests;
