//! An audit of an export: what `check --input-format … --report FILE`
//! writes. Counts per rule, per group field value and per month (read from
//! any group field holding a date), rates per 100 replies, the most
//! flagged phrases of each rule and the worst macros (a group field whose
//! name holds `macro`). Built record by record in memory bounded by the
//! number of distinct rules, groups and months (phrases are capped per
//! rule), so it can follow an export of millions of replies. Rendered as
//! JSON and CSV for BI tools (`audit_html.rs` draws the HTML).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::FileReport;
use crate::records::Record;

/// Distinct phrases kept per rule before the rarest are dropped.
const PHRASES_KEPT: usize = 2_000;
/// Phrases shown per rule.
pub const TOP_PHRASES: usize = 10;

/// Replies and findings of one slice of the export.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub replies: u64,
    /// Replies with at least one finding.
    pub flagged: u64,
    /// Findings by rule id.
    pub findings: BTreeMap<String, u64>,
}

impl Counts {
    fn add(&mut self, rules: &[&str]) {
        self.replies += 1;
        if !rules.is_empty() {
            self.flagged += 1;
        }
        for rule in rules {
            *self.findings.entry((*rule).to_owned()).or_default() += 1;
        }
    }

    pub fn total(&self) -> u64 {
        self.findings.values().sum()
    }

    /// Findings per 100 replies.
    pub fn rate(&self, findings: u64) -> f64 {
        if self.replies == 0 {
            0.0
        } else {
            100.0 * findings as f64 / self.replies as f64
        }
    }
}

/// The audit of an export.
#[derive(Debug, Default)]
pub struct Audit {
    pub all: Counts,
    /// By group field, then value.
    pub groups: BTreeMap<String, BTreeMap<String, Counts>>,
    /// By month, `YYYY-MM`.
    pub months: BTreeMap<String, Counts>,
    phrases: HashMap<String, HashMap<String, u64>>,
}

impl Audit {
    /// Counts one checked record.
    pub fn add(&mut self, record: &Record, report: &FileReport) {
        let rules: Vec<&str> = report.diagnostics.iter().map(|d| &*d.rule).collect();
        self.all.add(&rules);
        let mut month = None;
        for (field, value) in &record.groups {
            self.groups
                .entry(field.clone())
                .or_default()
                .entry(value.clone())
                .or_default()
                .add(&rules);
            month = month.or_else(|| month_of(value));
        }
        if let Some(month) = month {
            self.months.entry(month).or_default().add(&rules);
        }
        for d in &report.diagnostics {
            let phrase = d.matched(&report.text).trim().to_lowercase();
            if phrase.is_empty() || phrase.len() > 80 {
                continue;
            }
            let phrases = self.phrases.entry(d.rule.to_string()).or_default();
            *phrases.entry(phrase).or_default() += 1;
            if phrases.len() > PHRASES_KEPT {
                let least = phrases.values().copied().min().unwrap_or(0);
                phrases.retain(|_, n| *n > least);
            }
        }
    }

    /// The most flagged phrases of `rule`, most first.
    pub fn top_phrases(&self, rule: &str) -> Vec<(&str, u64)> {
        let mut top: Vec<(&str, u64)> = self
            .phrases
            .get(rule)
            .map(|p| p.iter().map(|(k, v)| (k.as_str(), *v)).collect())
            .unwrap_or_default();
        top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        top.truncate(TOP_PHRASES);
        top
    }

    /// The values of macro-like group fields, most findings per reply
    /// first (at least 3 replies each).
    pub fn worst_macros(&self) -> Vec<(&str, &str, &Counts)> {
        let mut out: Vec<(&str, &str, &Counts)> = self
            .groups
            .iter()
            .filter(|(field, _)| field.to_lowercase().contains("macro"))
            .flat_map(|(field, values)| {
                values
                    .iter()
                    .map(move |(v, c)| (field.as_str(), v.as_str(), c))
            })
            .filter(|(_, _, c)| c.replies >= 3)
            .collect();
        out.sort_by(|a, b| b.2.rate(b.2.total()).total_cmp(&a.2.rate(a.2.total())));
        out.truncate(10);
        out
    }

    /// The audit as one JSON document.
    pub fn to_json(&self) -> String {
        let rules: BTreeMap<&str, serde_json::Value> = self
            .all
            .findings
            .iter()
            .map(|(rule, n)| {
                let phrases: Vec<serde_json::Value> = self
                    .top_phrases(rule)
                    .into_iter()
                    .map(|(p, n)| serde_json::json!({"phrase": p, "count": n}))
                    .collect();
                (
                    rule.as_str(),
                    serde_json::json!({"findings": n, "per_100_replies": round(self.all.rate(*n)), "top_phrases": phrases}),
                )
            })
            .collect();
        let worst: Vec<serde_json::Value> = self
            .worst_macros()
            .into_iter()
            .map(|(f, v, c)| serde_json::json!({"field": f, "value": v, "replies": c.replies, "findings": c.total(), "per_100_replies": round(c.rate(c.total()))}))
            .collect();
        let doc = serde_json::json!({
            "version": 1,
            "replies": self.all.replies,
            "flagged_replies": self.all.flagged,
            "findings": self.all.total(),
            "rules": rules,
            "groups": self.groups,
            "months": self.months,
            "worst_macros": worst,
        });
        let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
        out.push('\n');
        out
    }

    /// The audit as CSV, one row per slice and rule:
    /// `dimension,value,rule,replies,findings,per_100_replies`; the
    /// dimension is `all`, `month` or a group field, and rule `*` is every
    /// rule together.
    pub fn to_csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record([
            "dimension",
            "value",
            "rule",
            "replies",
            "findings",
            "per_100_replies",
        ]);
        let mut rows = |dimension: &str, value: &str, c: &Counts| {
            let total = c.total();
            let _ = w.write_record([
                dimension,
                value,
                "*",
                &c.replies.to_string(),
                &total.to_string(),
                &format!("{:.2}", c.rate(total)),
            ]);
            for (rule, n) in &c.findings {
                let _ = w.write_record([
                    dimension,
                    value,
                    rule,
                    &c.replies.to_string(),
                    &n.to_string(),
                    &format!("{:.2}", c.rate(*n)),
                ]);
            }
        };
        rows("all", "", &self.all);
        for (month, c) in &self.months {
            rows("month", month, c);
        }
        for (field, values) in &self.groups {
            for (value, c) in values {
                rows(field, value, c);
            }
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The month of a date written as ISO 8601 (`2024-03-05…`) or as Twitter
/// writes it (`Tue Oct 31 22:10:47 +0000 2017`).
pub fn month_of(value: &str) -> Option<String> {
    let b = value.as_bytes();
    if b.len() >= 7
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
    {
        return Some(value[..7].to_owned());
    }
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let words: Vec<&str> = value.split_whitespace().collect();
    if let [_, month, _, _, _, year] = words.as_slice() {
        let m = MONTHS.iter().position(|m| m == month)?;
        if year.len() == 4 && year.bytes().all(|c| c.is_ascii_digit()) {
            return Some(format!("{year}-{:02}", m + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_read_from_both_date_styles() {
        assert_eq!(month_of("2024-03-05T10:00:00Z").as_deref(), Some("2024-03"));
        assert_eq!(
            month_of("Tue Oct 31 22:10:47 +0000 2017").as_deref(),
            Some("2017-10")
        );
        assert_eq!(month_of("team-a"), None);
        assert_eq!(month_of("12345"), None);
    }
}
