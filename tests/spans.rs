//! No span a renderer would reject: on generated multi-byte, CRLF and
//! markup-heavy input, every diagnostic lies on character boundaries inside
//! the source, and every output format renders without panicking.

use replylint::diagnostic::Diagnostic;
use replylint::document::Document;
use replylint::document::Markup;
use replylint::report::{concise, full, json, FileReport, Summary};
use replylint::rules::{engine, load, pack, RuleSet};

/// Rules built to end matches inside masked multi-byte text and line breaks.
const HOSTILE: &[(&str, &str)] = &[
    (
        "x/space",
        "extends: existence\nmessage: m\nnonword: true\nscope: raw\nraw: '\\s{2,}'\n",
    ),
    (
        "x/any",
        "extends: existence\nmessage: m\nnonword: true\nraw: '.\\s'\n",
    ),
    (
        "x/para",
        "extends: occurrence\nmessage: m\nscope: paragraph\ntoken: zzz\nmin: 1\n",
    ),
    (
        "x/swap",
        "extends: substitution\nmessage: m\nignorecase: true\nswap:\n  'é\\S*': e\n  soon: later\n",
    ),
];

const PIECES: &[&str] = &[
    "Zoë",
    "— ",
    "’",
    "😀",
    "é",
    "\r\n",
    "\n",
    "\n\n",
    " ",
    "soon",
    "Obviously",
    "NOT",
    "!!",
    "> quoted ",
    "`code é`",
    "```\n",
    "{{ticket.requester.first_name}}",
    "[Customer Name]",
    "https://x.io/é?a=1.",
    "dana@example.com",
    "-- \n",
    "On Tue, Dana <d@x.io> wrote:\n",
    "Hi Dana,\n",
    "Best,\n",
    "# Heading\n",
    "- item ",
    "1. step ",
    "e.g. ",
    "v4.2.1. ",
    "<!-- c -->",
    "\t",
    "\u{feff}",
    "MFA",
    "user error",
    "ASAP",
    "{% if x %}",
    "<b>",
    "&lt;OTRS_X&gt;",
];

/// A deterministic pseudo-random text from the pieces.
fn generate(seed: u64, len: usize) -> String {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut out = String::new();
    for _ in 0..len {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.push_str(PIECES[(state % PIECES.len() as u64) as usize]);
    }
    out
}

fn rules() -> RuleSet {
    let (mut rules, errors) = pack::load();
    assert!(errors.is_empty(), "{errors:?}");
    for (id, text) in HOSTILE {
        rules.push(
            load::parse_rule(id, id, text, replylint::rules::pack::blocks())
                .expect("hostile rule loads"),
        );
    }
    RuleSet::new(rules)
}

fn assert_valid(text: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let r = d.span.range();
        assert!(
            r.start <= r.end && r.end <= text.len(),
            "{r:?} outside {}",
            text.len()
        );
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "{r:?} inside a character"
        );
        for fix in &d.fixes {
            assert_eq!(fix.span, d.span);
        }
    }
}

#[test]
fn spans_stay_on_character_boundaries_and_render() {
    let rules = rules();
    let mut total = 0;
    for seed in 0..300u64 {
        let text = generate(seed, 5 + (seed as usize % 80));
        for format in [Markup::Plain, Markup::Markdown] {
            let diagnostics = engine::check(
                &Document::new(&text, format),
                rules.rules(),
                &Default::default(),
            );
            assert_valid(&text, &diagnostics);
            total += diagnostics.len();
            let files = vec![FileReport {
                name: format!("seed-{seed}.txt"),
                text: text.clone(),
                diagnostics,
                ..Default::default()
            }];
            let summary = Summary::of(&files);
            assert!(full::render(&files, &summary, true).contains("checked"));
            let _ = concise::render(&files);
            assert!(json::render(&files, &summary).starts_with('{'));
        }
    }
    assert!(
        total > 1000,
        "the generated texts exercise the rules ({total} findings)"
    );
}

#[test]
fn crlf_and_multibyte_positions_are_exact() {
    let rules = rules();
    let text = "Hi Zoë,\r\n\r\nSorry — we’ll fix it soon 😀.\r\n";
    let diagnostics = engine::check(
        &Document::new(text, Markup::Plain),
        rules.rules(),
        &Default::default(),
    );
    let soon = diagnostics
        .iter()
        .find(|d| &*d.rule == "x/swap")
        .expect("soon is flagged");
    assert_eq!(soon.matched(text), "soon");
    let files = vec![FileReport {
        name: "r.txt".into(),
        text: text.into(),
        diagnostics: vec![soon.clone()],
        ..Default::default()
    }];
    assert_eq!(concise::render(&files), "r.txt:3:22: warning[x/swap]: m\n");
    let rendered = full::render(&files, &Summary::of(&files), false);
    assert!(rendered.contains(" --> r.txt:3:22"), "{rendered}");
}
