//! Blocks, line breaks, inline tags, whitespace and `<pre>`.

use super::*;

#[test]
fn block_elements_separate_paragraphs() {
    let html = "<p>Hi Sam,</p>\n<p>Your refund is on its way.</p>\n";
    let out = extracted(html);
    assert_eq!(out.text, "Hi Sam,\n\nYour refund is on its way.");
    // The break maps to the tags (and the newline) between the paragraphs.
    assert_eq!(&html[out.map.range(7..9)], "</p>\n<p>");
    assert_eq!(&html[out.map.range(9..13)], "Your");
    assert_eq!(
        text("<div><div><h1>Title</h1></div></div><ul><li>one</li><li>two</li></ul>"),
        "Title\n\none\n\ntwo"
    );
    assert_eq!(text("<table><tr><td>a</td></tr></table><hr>b"), "a\n\nb");
    assert_eq!(text("<blockquote>q</blockquote>after"), "q\n\nafter");
}

#[test]
fn no_break_at_the_start_or_end() {
    assert_eq!(text("<div><p><br>Hello</p></div><p></p><br>"), "Hello");
    assert_eq!(text("  \n <p>  Hello  </p>  \n"), "Hello");
    assert_eq!(text(""), "");
    assert_eq!(text("<p></p><div> </div>"), "");
}

#[test]
fn line_breaks_and_blank_lines_from_br() {
    let html = "Thanks,<br>\nAlex";
    let out = extracted(html);
    assert_eq!(out.text, "Thanks,\nAlex");
    assert_eq!(out.map.range(7..8), 7..11);
    assert_eq!(text("one<br/>two<br><br>three"), "one\ntwo\n\nthree");
    assert_eq!(text("one<br><br><br><br>two"), "one\n\ntwo");
    assert_eq!(text("one <br> two"), "one\ntwo");
    assert_eq!(text("one</br>two"), "one\ntwo");
    assert_eq!(text("<p>one<br></p><p>two</p>"), "one\n\ntwo");
}

#[test]
fn table_cells_are_on_their_own_lines() {
    assert_eq!(
        text("<table><tr><td>Order</td><td>123</td></tr></table>"),
        "Order\n123"
    );
}

#[test]
fn inline_tags_give_nothing() {
    let html = "<p>Your <b>refund</b> is <a href=\"https://x.test/\">here</a>.</p>";
    assert_eq!(text(html), "Your refund is here.");
    assert_eq!(text("<span>un</span><i>broken</i>"), "unbroken");
    assert_eq!(text("<font color=red>red</font><o:p></o:p>"), "red");
}

#[test]
fn attribute_values_are_never_text() {
    let html = "<img alt=\"A picture\" src=x><a title='Tip: > here'>link</a>";
    assert_eq!(text(html), "link");
}

#[test]
fn whitespace_runs_collapse() {
    let html = "Hello \n\t  there\r\nfriend";
    let out = extracted(html);
    assert_eq!(out.text, "Hello there friend");
    assert_eq!(out.map.range(5..6), 5..10);
    assert!(!out.map.is_verbatim(5..6));
    assert_eq!(out.map.range(11..12), 15..17);
    let out = extracted("one two");
    assert!(out.map.is_verbatim(0..7));
    assert_eq!(text("a <b> b</b>"), "a b");
    assert_eq!(text("a<b> </b> <i> b</i>"), "a b");
    assert_eq!(text("a&#10;&#32;b"), "a b");
}

#[test]
fn pre_keeps_whitespace_and_is_code() {
    let html = "<p>Run:</p><pre>\n  ls  -l\n  cd /</pre><p>Done</p>";
    let out = extracted(html);
    assert_eq!(out.text, "Run:\n\n  ls  -l\n  cd /\n\nDone");
    let code: Vec<_> = out
        .masks
        .iter()
        .filter(|(_, k)| *k == MaskKind::Code)
        .map(|(r, _)| &out.text[r.clone()])
        .collect();
    assert_eq!(code, ["ls  -l\n  cd /"]);
    assert_eq!(text("<pre>a\n</pre>b"), "a\n\nb");
    assert_eq!(text("<pre>a\n<br>b</pre>"), "a\n\nb");
    assert_eq!(text("<pre>x&nbsp;&lt;y&gt;</pre>"), "x <y>");
}
