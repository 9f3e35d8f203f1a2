//! Conversations and the rule language through `replylint`: a draft with its
//! thread on stdin, a reply's turn read from its own words, and a user pack
//! with its own building blocks and inflections.

mod common;

use common::{run_in, write};

const NO_ACK: &str = "empathy/no-acknowledgement";

fn check_stdin(name: &str, input: &str) -> common::Run {
    run_in(
        &common::root(),
        &[
            "check",
            "--select",
            NO_ACK,
            "--output-format",
            "concise",
            "-",
            "--stdin-filename",
            name,
        ],
        Some(input.as_bytes()),
    )
}

#[test]
fn a_draft_with_its_thread_is_judged_as_the_turn_it_is() {
    let draft = |previous: &str| {
        format!(r#"{{"text": "Restart the router and try again.", "previous": [{previous}]}}"#)
    };
    // First answer to the customer: solving before acknowledging.
    let r = check_stdin(
        "draft.json",
        &draft(r#"{"from": "customer", "text": "My wifi drops."}"#),
    );
    assert_eq!(r.code, 0, "suggestions do not fail the gate\n{}", r.stderr);
    assert_eq!(
        r.stdout,
        "draft.json:1:11: suggestion[empathy/no-acknowledgement]: The reply starts solving before acknowledging the customer: 'Restart the router and try again.'\n"
    );
    // The third message of an exchange needs no new acknowledgement.
    let r = check_stdin(
        "draft.json",
        &draft(
            r##"{"from": "customer", "text": "My wifi drops."},
               {"from": "agent", "text": "Sorry! Which router?"},
               "The X2.""##,
        ),
    );
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
}

#[test]
fn a_broken_thread_is_located_and_exits_2() {
    let r = check_stdin(
        "draft.json",
        r#"{"text": "Try again.", "previous": [{"from": "robot", "text": "x"}]}"#,
    );
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stderr.contains("`from` is `customer` or `agent`") && r.stderr.contains("draft.json:1:"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_reply_alone_reads_its_turn_from_its_words() {
    for (text, flagged) in [
        ("Restart the router and try again.\n", true),
        ("2/2 Restart the router and try again.\n", false),
        ("Also, restart the router and try again.\n", false),
        ("Got it. Restart the router and try again.\n", false),
        (
            "Sorry about the drops! Restart the router and try again.\n",
            false,
        ),
        ("Which router is it? Hmm, restart it and try again.\n", true),
        ("Which router is it? Does it happen on cable too?\n", false),
    ] {
        let r = check_stdin("reply.txt", text);
        assert_eq!(r.stdout.contains(NO_ACK), flagged, "{text}{}", r.stdout);
    }
}

#[test]
fn a_pack_uses_its_own_blocks_the_default_blocks_and_inflections() {
    let ws = tempfile::tempdir().unwrap();
    write(
        ws.path(),
        "pack/blocks.yml",
        "# the pack's own block\nbilling-verb:\n  - refund~   # refund, refunded…\n  - charge~\n",
    );
    write(
        ws.path(),
        "pack/billing/promise.yml",
        "extends: existence\nmessage: \"'%s'\"\nlevel: error\nignorecase: true\ndescription: d\nhelp: h\nraw: 'we(?: have|''ve)? %{billing-verb}'\n",
    );
    write(
        ws.path(),
        "pack/billing/thanks.yml",
        "extends: existence\nmessage: \"'%s'\"\nignorecase: true\ndescription: d\nhelp: h\nraw: '%{acknowledgement}'\n",
    );
    write(
        ws.path(),
        "reply.txt",
        "Thanks for waiting. We refunded the order and we've charged nothing.\n",
    );
    let check = |extra: &[&str]| {
        let args = [&["check", "--no-default-rules", "--rules", "pack"], extra].concat();
        run_in(ws.path(), &args, None)
    };
    let r = check(&["--output-format", "concise", "reply.txt"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let flagged: Vec<&str> = r
        .stdout
        .lines()
        .map(|l| l.rsplit(": ").next().unwrap())
        .collect();
    assert_eq!(
        flagged,
        ["'Thanks'", "'We refunded'", "'we've charged'"],
        "{}",
        r.stdout
    );
    // An unknown block is a load error located at the reference.
    write(
        ws.path(),
        "pack/billing/promise.yml",
        "extends: existence\nmessage: m\ndescription: d\nhelp: h\nraw: 'we %{biling-verb}'\n",
    );
    let r = check(&["reply.txt"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unknown building block `%{biling-verb}`")
            && r.stderr.contains("promise.yml:5:10"),
        "{}",
        r.stderr
    );
}

#[test]
fn rules_lists_the_default_blocks() {
    let r = common::run(&["rules", "--blocks"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for name in ["%{acknowledgement}", "%{instruction}", "%{question}"] {
        assert!(r.stdout.contains(name), "{}", r.stdout);
    }
}
