//! Rule semantics under a Vale configuration, each pinned by a one-rule
//! style of this project's own: `action` fixes, messages taking their
//! `%s` values in order, substitution's case-only swaps, `raw` and
//! `tokens` joined into one regex, the whole match flagged.

mod common;

use common::{run_in, write};

/// A folder holding `files` (path, text), `a.md` to check among them.
fn workspace(files: &[(&str, &str)]) -> tempfile::TempDir {
    let ws = tempfile::tempdir().unwrap();
    for (path, text) in files {
        write(ws.path(), path, text);
    }
    ws
}

/// Runs the style rule `T.R` (its YAML given) over `text` in `a.md` and
/// returns the `line` output and the JSON output.
fn vale_run(rule: &str, text: &str) -> (String, serde_json::Value) {
    let ws = workspace(&[
        (
            ".vale.ini",
            "StylesPath = styles\n[*.md]\nBasedOnStyles = T\n",
        ),
        ("styles/T/R.yml", rule),
        ("a.md", text),
    ]);
    let dir = ws.path();
    let line = run_in(dir, &["check", "--output-format", "line", "a.md"], None);
    assert!(line.code <= 1, "{}", line.stderr);
    let json = run_in(dir, &["check", "--output-format", "json", "a.md"], None);
    (line.stdout, serde_json::from_str(&json.stdout).unwrap())
}

/// The replacements offered for each finding.
fn fixes(json: &serde_json::Value) -> Vec<Vec<String>> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            d["fixes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["replacement"].as_str().unwrap().to_owned())
                .collect()
        })
        .collect()
}

#[test]
fn actions_become_fixes_and_the_second_value_of_the_message() {
    let (line, json) = vale_run(
        "extends: existence\nmessage: \"Drop '%s'.\"\naction:\n  name: remove\ntokens:\n  - truly\n",
        "It is truly done.\n",
    );
    assert_eq!(line, "a.md:1:7:T.R:Drop 'truly'.\n");
    assert_eq!(fixes(&json), [[""]]);

    let (line, json) = vale_run(
        "extends: existence\nmessage: \"'%s' reads better as '%s'.\"\nnonword: true\n\
         action:\n  name: edit\n  params:\n    - regex\n    - '(\\w+)-(\\w+)'\n    - '$1$2'\n\
         tokens:\n  - 'pre-\\w+'\n",
        "A pre-order.\n",
    );
    assert_eq!(
        line,
        "a.md:1:3:T.R:'pre-order' reads better as 'preorder'.\n"
    );
    assert_eq!(fixes(&json), [["preorder"]]);
}

#[test]
fn a_substitution_message_names_the_replacement_then_the_match() {
    let rule = "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nignorecase: true\n\
                action:\n  name: replace\nswap:\n  do not: don't\n  web site: website|site\n";
    let (line, json) = vale_run(rule, "Do not wait.\n\nOur web site.\n");
    assert_eq!(
        line,
        "a.md:1:1:T.R:Use 'Don't' instead of 'Do not'.\n\
         a.md:3:5:T.R:Use 'website' or 'site' instead of 'web site'.\n"
    );
    assert_eq!(fixes(&json), [vec!["Don't"], vec!["website", "site"]]);
}

#[test]
fn a_case_only_swap_fires_and_the_right_case_does_not() {
    let rule = "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nignorecase: true\n\
                swap:\n  javascript: JavaScript\n";
    let (line, _) = vale_run(rule, "We use javascript and JavaScript.\n");
    assert_eq!(
        line,
        "a.md:1:8:T.R:Use 'JavaScript' instead of 'javascript'.\n"
    );
}

#[test]
fn raw_and_tokens_are_one_regex_and_the_whole_match_is_flagged() {
    let rule = "extends: existence\nmessage: \"Write '%s' with digits.\"\n\
                raw:\n  - '(?:one|two|three)\\s'\ntokens:\n  - miles\n  - pounds\n";
    let (line, _) = vale_run(rule, "It weighs two pounds, not two.\n");
    assert_eq!(line, "a.md:1:11:T.R:Write 'two pounds' with digits.\n");

    let grouped = "extends: existence\nmessage: \"'%s' is passive.\"\n\
                   raw:\n  - '\\b(was) (\\w+ed)\\b'\n";
    let (line, _) = vale_run(grouped, "It was closed.\n");
    assert_eq!(line, "a.md:1:4:T.R:'was closed' is passive.\n");
}

#[test]
fn look_around_runs_on_a_backtracking_engine_in_a_vale_style() {
    let rule = "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nignorecase: true\n\
                swap:\n  'it is(?!\\.)': it's\n";
    let (line, _) = vale_run(rule, "Yes, it is. Now it is here.\n");
    assert_eq!(line, "a.md:1:17:T.R:Use 'it's' instead of 'it is'.\n");

    let existence = "extends: existence\nmessage: \"'%s' stands alone.\"\nnonword: true\n\
                     tokens:\n  - '(?<=\\s)-\\d+'\n";
    let (line, _) = vale_run(existence, "Take -5 and 3-4.\n");
    assert_eq!(line, "a.md:1:6:T.R:'-5' stands alone.\n");
}

#[test]
fn look_around_outside_a_vale_style_is_still_an_error() {
    let ws = tempfile::tempdir().unwrap();
    write(
        ws.path(),
        "pack/team/r.yml",
        "extends: existence\nmessage: m\ntokens:\n  - 'a(?=b)'\n",
    );
    write(ws.path(), "a.txt", "ab\n");
    let r = run_in(ws.path(), &["check", "--rules", "pack", "a.txt"], None);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("invalid regex `a(?=b)`"), "{}", r.stderr);
}

#[test]
fn text_rules_search_each_block_and_heading_rules_only_headings() {
    // `^` starts each block: a paragraph, a heading, a list item (the
    // line output shows a line break as a space).
    let rule = "extends: existence\nmessage: \"'%s' opens a block.\"\nnonword: true\n\
                tokens:\n  - '(?:^|\\s)I\\s'\n";
    let (line, _) = vale_run(rule, "# I Title\n\nSo.\nI think.\n\n- I list\n");
    assert_eq!(
        line,
        "a.md:1:3:T.R:'I ' opens a block.\n\
         a.md:3:4:T.R:' I ' opens a block.\n\
         a.md:6:3:T.R:'I ' opens a block.\n"
    );

    let heading = "extends: existence\nmessage: \"No '%s' at the end of a heading.\"\n\
                   scope: heading\nnonword: true\ntokens:\n  - '[a-z][.?!]$'\n";
    let (line, _) = vale_run(heading, "## Done.\n\nA sentence.\n\n### Level three!\n");
    assert_eq!(
        line,
        "a.md:1:7:T.R:No 'e.' at the end of a heading.\n\
         a.md:5:15:T.R:No 'e!' at the end of a heading.\n"
    );
    let h2 = heading.replace("scope: heading", "scope: heading.h2");
    let (line, _) = vale_run(&h2, "## Done.\n\n### Level three!\n");
    assert_eq!(line, "a.md:1:7:T.R:No 'e.' at the end of a heading.\n");
}

#[test]
fn capitalization_flags_a_heading_in_the_wrong_case() {
    let rule = "extends: capitalization\nmessage: \"'%s' should be in sentence case.\"\n\
                scope: heading\nmatch: $sentence\nindicators:\n  - ':'\nexceptions:\n  - ACME\n";
    let (line, _) = vale_run(
        rule,
        "# Setting up ACME\n\n## Billing: Refunds explained\n\n## Where Refunds Go\n\nBody Text Here.\n",
    );
    assert_eq!(
        line,
        "a.md:5:4:T.R:'Where Refunds Go' should be in sentence case.\n"
    );
}

#[test]
fn repetition_flags_a_word_twice_in_a_row_within_a_sentence() {
    let rule = "extends: repetition\nmessage: \"'%s' twice.\"\nalpha: true\n\
                action:\n  name: edit\n  params:\n    - truncate\n    - ' '\ntokens:\n  - '[^\\s]+'\n";
    let (line, json) = vale_run(
        rule,
        "We sent the the refund.\n\nIt ended. Ended there.\n\n1 1 and `x` x.\n",
    );
    assert_eq!(line, "a.md:1:9:T.R:'the' twice.\n");
    assert_eq!(fixes(&json), [["the"]]);
}

#[test]
fn consistency_flags_the_second_spelling_once_both_appear() {
    let rule = "extends: consistency\nmessage: \"Inconsistent spelling of '%s'.\"\n\
                ignorecase: true\neither:\n  cancelled: canceled\n";
    let (line, _) = vale_run(
        rule,
        "Your order was cancelled.\n\nNothing here.\n\nThe refund was canceled too.\n",
    );
    assert_eq!(line, "a.md:5:16:T.R:Inconsistent spelling of 'canceled'.\n");
}

#[test]
fn vale_comments_turn_rules_off_and_on_without_a_reason() {
    let rule =
        "extends: existence\nmessage: \"Drop '%s'.\"\nignorecase: true\ntokens:\n  - truly\n";
    let text = "Truly one.\n\n<!-- vale off -->\n\nTruly two.\n\n<!-- vale on -->\n\n\
                Truly three.\n\n<!-- vale T.R = NO -->\n\nTruly four.\n\n\
                <!-- vale T.R = YES -->\n\nTruly five.\n\n<!-- vale T = NO -->\n\nTruly six.\n";
    let (line, _) = vale_run(rule, text);
    assert_eq!(
        line,
        "a.md:1:1:T.R:Drop 'Truly'.\n\
         a.md:9:1:T.R:Drop 'Truly'.\n\
         a.md:17:1:T.R:Drop 'Truly'.\n"
    );
}

#[test]
fn a_vocabulary_accepts_its_terms_and_rejects_others() {
    let ws = workspace(&[
        (
            ".vale.ini",
            "StylesPath = styles\nVocab = Support\n[*.md]\nBasedOnStyles = T\n",
        ),
        (
            "styles/T/Caps.yml",
            "extends: existence\nmessage: \"'%s' is shouting.\"\nnonword: true\ntokens:\n  - '\\b[A-Z]{4,}\\b'\n",
        ),
        (
            "styles/config/vocabularies/Support/accept.txt",
            "# product names\nACMECLOUD\nZendesk\n",
        ),
        ("styles/config/vocabularies/Support/reject.txt", "synergy\n"),
        (
            "a.md",
            "Open ACMECLOUD and zendesk for more synergy. It is URGENT.\n",
        ),
    ]);
    let dir = ws.path();
    let run = run_in(dir, &["check", "--output-format", "line", "a.md"], None);
    assert_eq!(
        run.stdout,
        "a.md:1:20:Vale.Terms:Use 'Zendesk' instead of 'zendesk'.\n\
         a.md:1:37:Vale.Avoid:Avoid using 'synergy'.\n\
         a.md:1:52:T.Caps:'URGENT' is shouting.\n",
        "{}",
        run.stderr
    );
}

#[test]
fn a_rule_of_an_unsupported_kind_is_a_warning_and_the_others_run() {
    let ws = workspace(&[
        (
            ".vale.ini",
            "StylesPath = styles\n[*.md]\nBasedOnStyles = T\n",
        ),
        (
            "styles/T/Spell.yml",
            "extends: spelling\nmessage: \"Did you really mean '%s'?\"\nlevel: error\n",
        ),
        (
            "styles/T/Hedge.yml",
            "extends: existence\nmessage: \"Drop '%s'.\"\nlevel: warning\ntokens:\n  - basically\n",
        ),
        ("a.md", "It is basically done.\n"),
    ]);
    let dir = ws.path();
    let run = run_in(dir, &["check", "--output-format", "line", "a.md"], None);
    assert_eq!(
        run.code, 0,
        "a warning does not fail the run: {}",
        run.stderr
    );
    assert_eq!(run.stdout, "a.md:1:7:T.Hedge:Drop 'basically'.\n");
    assert!(
        run.stderr
            .contains("warning: `spelling` rules are not supported yet"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("Spell.yml:1:10"), "{}", run.stderr);
}

#[test]
fn token_and_block_ignores_hide_text_from_every_rule() {
    let ws = workspace(&[
        (
            ".vale.ini",
            "StylesPath = styles\n[*.md]\nBasedOnStyles = T\n\
             TokenIgnores = (\\{\\{[^}]+\\}\\})\nBlockIgnores = (?s)(^:::note.*?^:::)\n",
        ),
        (
            "styles/T/R.yml",
            "extends: existence\nmessage: \"Drop '%s'.\"\nignorecase: true\ntokens:\n  - truly\n",
        ),
        (
            "a.md",
            "Hi {{ truly.name }}, truly.\n\n:::note\nTruly hidden.\n:::\n\nTruly shown.\n",
        ),
    ]);
    let run = run_in(
        ws.path(),
        &["check", "--output-format", "line", "a.md"],
        None,
    );
    assert_eq!(
        run.stdout, "a.md:1:22:T.R:Drop 'truly'.\na.md:7:1:T.R:Drop 'Truly'.\n",
        "{}",
        run.stderr
    );
}

#[test]
fn occurrence_flags_a_block_once_at_its_first_match() {
    let rule = "extends: occurrence\nmessage: \"This sentence has %d words.\"\n\
                scope: sentence\nmax: 5\ntoken: '\\b(\\w+)\\b'\n";
    let (line, _) = vale_run(
        rule,
        "Short one here. This sentence has far too many words in it.\n",
    );
    assert_eq!(line, "a.md:1:17:T.R:This sentence has 9 words.\n");
}

#[test]
fn limit_caps_a_rules_findings_per_file() {
    let rule = "extends: existence\nmessage: \"Drop '%s'.\"\nlimit: 2\ntokens:\n  - truly\n";
    let (line, _) = vale_run(rule, "truly one, truly two, truly three.\n");
    assert_eq!(
        line,
        "a.md:1:1:T.R:Drop 'truly'.\na.md:1:12:T.R:Drop 'truly'.\n"
    );
}

#[test]
fn blockquotes_and_closing_lines_are_prose_under_a_vale_configuration() {
    let rule =
        "extends: existence\nmessage: \"Drop '%s'.\"\nignorecase: true\ntokens:\n  - truly\n";
    let text = "Intro.\n\n> Truly quoted.\n\nBest regards,\nTruly Yours\n";
    let (line, _) = vale_run(rule, text);
    assert_eq!(
        line,
        "a.md:3:3:T.R:Drop 'Truly'.\na.md:6:1:T.R:Drop 'Truly'.\n"
    );
    // The same file in a replylint project: quoted history and the
    // sign-off are not the agent's prose.
    let ws = workspace(&[("pack/t/r.yml", rule), ("a.md", text)]);
    let run = run_in(
        ws.path(),
        &[
            "check",
            "--no-default-rules",
            "--rules",
            "pack",
            "--output-format",
            "line",
            "a.md",
        ],
        None,
    );
    assert_eq!(run.stdout, "", "{}", run.stderr);
}

#[test]
fn combined_scopes_pick_blocks_by_every_term() {
    let rule = "extends: existence\nmessage: \"Drop '%s'.\"\nignorecase: true\n\
                scope: [heading, list & ~blockquote]\ntokens:\n  - truly\n";
    let text = "# Truly a title\n\nTruly body.\n\n- Truly listed\n\n> - Truly quoted item\n";
    let (line, _) = vale_run(rule, text);
    assert_eq!(
        line,
        "a.md:1:3:T.R:Drop 'Truly'.\na.md:5:3:T.R:Drop 'Truly'.\n"
    );
    let not_headings = "extends: existence\nmessage: \"Drop '%s'.\"\nignorecase: true\n\
                        scope: ~heading\ntokens:\n  - truly\n";
    let (line, _) = vale_run(not_headings, "# Truly a title\n\nTruly body.\n");
    assert_eq!(line, "a.md:3:1:T.R:Drop 'Truly'.\n");
    let code = "extends: existence\nmessage: m\nscope: code\ntokens:\n  - x\n";
    let (line, _) = vale_run(code, "x `x`\n");
    assert_eq!(line, "", "code is never given to a rule");
}

#[test]
fn a_local_package_folder_adds_its_styles() {
    let ws = workspace(&[
        (
            ".vale.ini",
            "StylesPath = styles\nPackages = vendor/TeamPack\n[*.md]\nBasedOnStyles = Team\n",
        ),
        (
            "vendor/TeamPack/styles/Team/Hedge.yml",
            "extends: existence\nmessage: \"Drop '%s'.\"\ntokens:\n  - basically\n",
        ),
        ("styles/.keep", ""),
        ("a.md", "It is basically done.\n"),
    ]);
    let run = run_in(
        ws.path(),
        &["check", "--output-format", "line", "a.md"],
        None,
    );
    assert_eq!(
        run.stdout, "a.md:1:7:Team.Hedge:Drop 'basically'.\n",
        "{}",
        run.stderr
    );

    let zipped = workspace(&[
        (
            ".vale.ini",
            "StylesPath = styles\nPackages = vendor/pack.zip\n",
        ),
        ("styles/.keep", ""),
        ("a.md", "Text.\n"),
    ]);
    let run = run_in(zipped.path(), &["check", "a.md"], None);
    assert_eq!(run.code, 2, "a missing package is an error");
    assert!(
        run.stderr.contains("package `vendor/pack.zip`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(".vale.ini:2:"), "{}", run.stderr);
}

#[test]
fn a_level_set_in_a_section_applies_to_its_files_only() {
    let ws = workspace(&[
        (
            ".vale.ini",
            "StylesPath = styles\nMinAlertLevel = warning\n[*]\nBasedOnStyles = T\n\
             [*.md]\nT.R = error\n",
        ),
        (
            "styles/T/R.yml",
            "extends: existence\nmessage: \"Drop '%s'.\"\nlevel: suggestion\ntokens:\n  - truly\n",
        ),
        ("a.md", "It is truly done.\n"),
        ("b.txt", "It is truly done.\n"),
    ]);
    let run = run_in(
        ws.path(),
        &["check", "--output-format", "concise", "."],
        None,
    );
    assert_eq!(
        run.stdout, "a.md:1:7: error[T.R]: Drop 'truly'.\n",
        "raised to error in Markdown; a suggestion, below MinAlertLevel, in text: {}",
        run.stderr
    );
}

#[test]
fn a_formats_section_reads_one_extension_as_another() {
    let ws = workspace(&[
        (
            ".vale.ini",
            "StylesPath = styles\n[formats]\nmdx = md\n[*.{md,mdx}]\nBasedOnStyles = T\n",
        ),
        (
            "styles/T/R.yml",
            "extends: existence\nmessage: \"Drop '%s'.\"\ntokens:\n  - truly\n",
        ),
        (
            "page.mdx",
            "# Title\n\nIt is truly done.\n\n```\ntruly code\n```\n",
        ),
    ]);
    let run = run_in(ws.path(), &["check", "--output-format", "line", "."], None);
    assert_eq!(
        run.stdout, "page.mdx:3:7:T.R:Drop 'truly'.\n",
        "{}",
        run.stderr
    );
}
