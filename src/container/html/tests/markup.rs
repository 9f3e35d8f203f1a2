//! Comments, placeholders written as tags, hidden elements, declarations,
//! broken nesting and unterminated markup.

use super::*;

#[test]
fn comments_are_collected_not_shown() {
    let html = "<p>Hi</p><!-- replylint-disable-next-line tone/flat-no -- reason --><p>No.</p>";
    let out = extracted(html);
    assert_eq!(out.text, "Hi\n\nNo.");
    let start = html.find("<!--").unwrap_or(0);
    let end = html.find("--><p>No").unwrap_or(0) + 3;
    assert_eq!(
        out.comments,
        [HtmlComment {
            body: " replylint-disable-next-line tone/flat-no -- reason ".into(),
            source: start..end,
        }]
    );
    let out = extracted("a<!---->b<!-->c<!--->d<!-- x --!>e");
    assert_eq!(out.text, "abcde");
    let bodies: Vec<_> = out.comments.iter().map(|c| c.body.as_str()).collect();
    assert_eq!(bodies, ["", "", "", " x "]);
    assert_eq!(text("a <!-- c --> b"), "a b");
}

#[test]
fn otrs_placeholders_end_up_as_tags() {
    let expected = "Dear <OTRS_CUSTOMER_REALNAME>,";
    let raw = extracted("<p>Dear <OTRS_CUSTOMER_REALNAME>,</p>");
    assert_eq!(raw.text, expected);
    assert!(raw.map.is_verbatim(5..29));
    let escaped = extracted("<p>Dear &lt;OTRS_CUSTOMER_REALNAME&gt;,</p>");
    assert_eq!(escaped.text, expected);
    assert_eq!(escaped.map.range(5..29), 8..38);
}

#[test]
fn intercom_placeholders_stay_verbatim() {
    let html = "<p>Hi <attribute key=\"user.name\" default=\"there\"/>, thanks</p>";
    let out = extracted(html);
    assert_eq!(
        out.text,
        "Hi <attribute key=\"user.name\" default=\"there\"/>, thanks"
    );
    assert!(out.map.is_verbatim(0..out.text.len() - 8));
    assert_eq!(out.map.range(3..48), 6..51);
}

#[test]
fn scripts_styles_head_and_templates_are_dropped() {
    let html = concat!(
        "<!DOCTYPE html><html><head><title>Subject line</title>",
        "<meta charset=utf-8><style>p { color: red } </p></style></head>",
        "<body><script>if (a < b && c) { document.write('</p>') }</script>",
        "<p>Shown</p><template><p>Hidden</p></template><SCRIPT type=x>x</SCRIPT >",
        "</body></html>"
    );
    assert_eq!(text(html), "Shown");
    assert_eq!(text("<style>never closed"), "");
}

#[test]
fn text_ends_an_unclosed_head() {
    assert_eq!(
        text("<head><title>t</title>\nHello <b>there</b>"),
        "Hello there"
    );
    assert_eq!(text("<head><meta x=y><p>Hello</p>"), "Hello");
    assert_eq!(text("<head><title>t</title><body>Hi</body>"), "Hi");
}

#[test]
fn declarations_and_cdata_give_no_text() {
    assert_eq!(
        text("<?xml version=\"1.0\"?><!DOCTYPE html>a<![CDATA[ x ]]>b<![if !mso]>c<![endif]>"),
        "abc"
    );
    assert_eq!(text("a</ weird>b</>c"), "abc");
}

#[test]
fn a_lone_angle_bracket_is_text() {
    assert_eq!(text("1 < 2 and 3<4, x <= y"), "1 < 2 and 3<4, x <= y");
    assert_eq!(text("a <"), "a <");
    assert_eq!(text("a </"), "a </");
}

#[test]
fn broken_nesting_is_tolerated() {
    assert_eq!(
        text("<p>a<div>b</p>c</span></div>d</li></blockquote>"),
        "a\n\nb\n\nc\n\nd"
    );
    let html = "<blockquote>q<div>inner</blockquote>after</div>";
    assert_eq!(masked(html, MaskKind::Quoted), ["q\n\ninner"]);
    assert_eq!(
        masked("<blockquote>never closed", MaskKind::Quoted),
        ["never closed"]
    );
}

#[test]
fn unterminated_markup_is_an_error_at_its_opening() {
    let e = error("<p>Hi</p><!-- note");
    assert_eq!(e.span, Some(9..13));
    assert!(
        e.message.contains("unterminated HTML comment"),
        "{}",
        e.message
    );
    let e = error("<p>Hi <span class=\"x\"");
    assert_eq!(e.span, Some(6..11));
    assert!(e.message.contains("`<span`"), "{}", e.message);
    let e = error("<a href=\"x>link</a>");
    assert_eq!(e.span, Some(0..2));
    assert_eq!(error("x</div").span, Some(1..6));
    assert_eq!(error("<!DOCTYPE html").span, Some(0..9));
    assert_eq!(error("<![CDATA[ x").span, Some(0..9));
    assert_eq!(error("<?xml").span, Some(0..2));
    assert_eq!(error("</ x").span, Some(0..2));
    assert_eq!(error("<script>x</script").span, Some(9..17));
}
