//! Code and the quote markup of mail clients become masks.

use super::*;

#[test]
fn code_is_masked() {
    let html = "<p>Run <code>npm  install</code> again.</p>";
    assert_eq!(text(html), "Run npm install again.");
    assert_eq!(masked(html, MaskKind::Code), ["npm install"]);
    assert_eq!(
        masked("<kbd>Ctrl</kbd>+<kbd>C</kbd>", MaskKind::Code),
        ["Ctrl", "C"]
    );
}

#[test]
fn blockquotes_are_quoted() {
    let html = "<p>Thanks!</p><blockquote type=\"cite\"><p>My order</p><p>is late</p></blockquote><p>Alex</p>";
    assert_eq!(text(html), "Thanks!\n\nMy order\n\nis late\n\nAlex");
    assert_eq!(masked(html, MaskKind::Quoted), ["My order\n\nis late"]);
    let nested = "<blockquote>a<blockquote>b</blockquote>c</blockquote>d";
    assert_eq!(masked(nested, MaskKind::Quoted), ["a\n\nb\n\nc", "b"]);
}

#[test]
fn gmail_quotes_are_quoted() {
    let html = concat!(
        "<div dir=\"ltr\">Sure, done.</div><br>",
        "<div class=\"gmail_quote gmail_quote_container\">",
        "<div dir=\"ltr\" class=\"gmail_attr\">On Mon, Sam wrote:<br></div>",
        "<div><div>inner</div></div>",
        "<blockquote class=\"gmail_quote\" style=\"margin:0\">Please help</blockquote>",
        "</div><div>After</div>"
    );
    let out = extracted(html);
    assert_eq!(
        out.text,
        "Sure, done.\n\nOn Mon, Sam wrote:\n\ninner\n\nPlease help\n\nAfter"
    );
    let quoted = masked(html, MaskKind::Quoted);
    assert!(quoted
        .iter()
        .any(|q| q == "On Mon, Sam wrote:\n\ninner\n\nPlease help"));
    assert!(quoted.iter().any(|q| q == "On Mon, Sam wrote:"));
    assert!(!quoted
        .iter()
        .any(|q| q.contains("After") || q.contains("Sure")));
}

#[test]
fn outlook_history_is_quoted_to_the_end() {
    let reply = "<p>We fixed it.</p>";
    for marker in [
        "<div id=\"appendonsend\"></div><hr><div id=\"divRplyFwdMsg\" dir=\"ltr\"><b>From:</b> Sam</div>",
        "<div id=\"divRplyFwdMsg\"><b>From:</b> Sam</div>",
        "<div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in\"><p><b>From:</b> Sam</p></div>",
        "<div style=\"border:none; border-top:solid #B5C4DF 1.0pt\"><p><b>From:</b> Sam</p></div>",
    ] {
        let html = format!("{reply}{marker}<p>It broke</p></div></div><p>more</p>");
        let out = extracted(&html);
        assert_eq!(
            masked(&html, MaskKind::Quoted),
            ["From: Sam\n\nIt broke\n\nmore"],
            "{html}"
        );
        assert!(out.text.starts_with("We fixed it.\n\nFrom:"));
    }
    // Another top border is not Outlook's reply header.
    let html = "<div style=\"border-top:1px solid red\">x</div>";
    assert!(masked(html, MaskKind::Quoted).is_empty());
}

#[test]
fn yahoo_and_thunderbird_quotes_are_quoted() {
    let yahoo =
        "Ok<div class=\"yahoo_quoted\"><div>On Tue Sam wrote:</div><div>old</div></div><p>new</p>";
    assert_eq!(
        masked(yahoo, MaskKind::Quoted),
        ["On Tue Sam wrote:\n\nold"]
    );
    let thunderbird = concat!(
        "<p>Ok</p><div class=\"moz-cite-prefix\">On 1/2 Sam wrote:<br></div>",
        "<blockquote type=\"cite\">old</blockquote><p>new</p>"
    );
    assert_eq!(
        masked(thunderbird, MaskKind::Quoted),
        ["On 1/2 Sam wrote:", "old"]
    );
}
