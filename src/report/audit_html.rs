//! The audit as one self-contained HTML file a team lead can open from an
//! e-mail: no script, font or stylesheet from elsewhere; the charts are
//! inline SVG drawn here (horizontal bars: a rect and two labels a row,
//! which a plotting crate would only wrap).

use std::fmt::Write as _;

use super::audit::{Audit, Counts};

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A horizontal bar chart of `rows` (label, value), values as given.
fn bars(title: &str, rows: &[(String, f64)], unit: &str) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let max = rows
        .iter()
        .map(|r| r.1)
        .fold(0.0_f64, f64::max)
        .max(f64::MIN_POSITIVE);
    let (label_w, bar_w, row_h) = (260.0, 360.0, 22.0);
    let height = row_h * rows.len() as f64 + 8.0;
    let mut svg = format!(
        "<figure><figcaption>{}</figcaption><svg class=\"chart\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {} {height}\" width=\"100%\">",
        escape(title),
        escape(title),
        label_w + bar_w + 70.0
    );
    for (i, (label, value)) in rows.iter().enumerate() {
        let y = 4.0 + row_h * i as f64;
        let w = (bar_w * value / max).max(1.0);
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect class=\"bar\" x=\"{label_w}\" y=\"{}\" width=\"{w:.1}\" height=\"{}\"><title>{}: {value:.2} {unit}</title></rect><text x=\"{:.1}\" y=\"{}\">{value:.1}</text>",
            label_w - 8.0,
            y + 15.0,
            escape(label),
            y + 3.0,
            row_h - 6.0,
            escape(label),
            label_w + w + 6.0,
            y + 15.0
        );
    }
    svg.push_str("</svg></figure>\n");
    svg
}

fn rate_rows<'a>(
    slices: impl Iterator<Item = (String, &'a Counts)>,
    limit: usize,
) -> Vec<(String, f64)> {
    let mut rows: Vec<(String, f64)> = slices.map(|(k, c)| (k, c.rate(c.total()))).collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    rows.truncate(limit);
    rows
}

/// The audit as HTML.
pub fn render(audit: &Audit, title: &str) -> String {
    let all = &audit.all;
    let mut body = String::new();
    let _ = writeln!(
        body,
        "<h1>{}</h1><p class=\"lead\"><strong>{}</strong> replies checked; <strong>{}</strong> ({:.1}%) have at least one finding; <strong>{}</strong> findings, <strong>{:.1}</strong> per 100 replies.</p>",
        escape(title),
        all.replies,
        all.flagged,
        if all.replies == 0 { 0.0 } else { 100.0 * all.flagged as f64 / all.replies as f64 },
        all.total(),
        all.rate(all.total())
    );
    let mut by_rule: Vec<(String, f64)> = all
        .findings
        .iter()
        .map(|(r, n)| (r.clone(), all.rate(*n)))
        .collect();
    by_rule.sort_by(|a, b| b.1.total_cmp(&a.1));
    body.push_str("<h2>By rule</h2>\n");
    body.push_str(&bars(
        "Findings per 100 replies, by rule",
        &by_rule,
        "per 100 replies",
    ));
    if !audit.months.is_empty() {
        body.push_str("<h2>By month</h2>\n");
        let rows: Vec<(String, f64)> = audit
            .months
            .iter()
            .map(|(m, c)| (format!("{m} ({} replies)", c.replies), c.rate(c.total())))
            .collect();
        body.push_str(&bars(
            "Findings per 100 replies, by month",
            &rows,
            "per 100 replies",
        ));
    }
    for (field, values) in &audit.groups {
        if field.to_lowercase().contains("created") || field.to_lowercase().contains("date") {
            continue;
        }
        let _ = writeln!(body, "<h2>By {}</h2>", escape(field));
        let rows = rate_rows(
            values
                .iter()
                .map(|(v, c)| (format!("{v} ({} replies)", c.replies), c)),
            15,
        );
        body.push_str(&bars(
            &format!("Findings per 100 replies, by {field} (the 15 highest)"),
            &rows,
            "per 100 replies",
        ));
    }
    let worst = audit.worst_macros();
    if !worst.is_empty() {
        body.push_str("<h2>Worst macros</h2>\n<table><thead><tr><th>macro</th><th>replies</th><th>findings</th><th>per 100 replies</th><th>most frequent rule</th></tr></thead><tbody>\n");
        for (_, value, c) in worst {
            let top = c
                .findings
                .iter()
                .max_by_key(|(_, n)| **n)
                .map_or("", |(r, _)| r.as_str());
            let _ = writeln!(
                body,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{:.1}</td><td>{}</td></tr>",
                escape(value),
                c.replies,
                c.total(),
                c.rate(c.total()),
                escape(top)
            );
        }
        body.push_str("</tbody></table>\n");
    }
    body.push_str("<h2>Most flagged phrases</h2>\n");
    for rule in all.findings.keys() {
        let _ = write!(body, "<h3>{}</h3><ol class=\"phrases\">", escape(rule));
        for (phrase, n) in audit.top_phrases(rule) {
            let _ = write!(body, "<li>“{}” <span>{n}</span></li>", escape(phrase));
        }
        body.push_str("</ol>\n");
    }
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>\n{STYLE}</style></head><body>\n{body}<footer>Made by replylint {}.</footer></body></html>\n",
        escape(title),
        env!("CARGO_PKG_VERSION")
    )
}

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:60rem;padding:0 1rem;color:#1d1d23}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #ddd}h3{font-size:.95rem;margin:.8rem 0 .2rem}
.lead{font-size:1.05rem}figure{margin:.5rem 0}figcaption{font-size:.85rem;color:#555}
svg.chart text{font:12px system-ui,sans-serif;fill:#1d1d23}svg.chart rect.bar{fill:#3b5bdb}
table{border-collapse:collapse}td,th{padding:.2rem .6rem;border-bottom:1px solid #eee;text-align:left}
ol.phrases span{color:#777;font-size:.85rem}footer{margin-top:2rem;color:#777;font-size:.8rem}
";
