//! Character references and no-break spaces in the text and its map.

use super::*;

#[test]
fn named_references_are_decoded_as_one_piece() {
    let html = "don&rsquo;t";
    let out = extracted(html);
    assert_eq!(out.text, "don’t");
    assert_eq!(out.map.range(3..6), 3..10);
    assert!(!out.map.is_verbatim(3..6));
    assert!(out.map.is_verbatim(0..3));
    assert_eq!(out.map.range(6..7), 10..11);
    assert_eq!(text("Fish &amp; chips &copy; &euro;5"), "Fish & chips © €5");
    assert_eq!(text("&NotNestedGreaterGreater;"), "\u{2AA2}\u{338}");
}

#[test]
fn legacy_references_without_semicolon() {
    assert_eq!(text("AT&amp;T &copy 2024"), "AT&T © 2024");
    assert_eq!(text("&notit;"), "¬it;");
    assert_eq!(text("&notin;"), "∉");
}

#[test]
fn numeric_references_as_browsers_read_them() {
    assert_eq!(text("&#8217;&#x2019;&#X2019;&#146;"), "’’’’");
    assert_eq!(text("&#65&#x42;"), "AB");
    assert_eq!(
        text("&#0;&#xD800;&#x110000;&#99999999999999;"),
        "\u{FFFD}".repeat(4)
    );
    let out = extracted("a&#x27;b");
    assert_eq!(out.text, "a'b");
    assert_eq!(out.map.range(1..2), 1..7);
}

#[test]
fn invalid_references_stay_verbatim() {
    for html in ["&foo;", "& more", "&#;", "&#x;", "a&", "&;", "R&D"] {
        let out = extracted(html);
        assert_eq!(out.text, html.trim());
        assert!(out.map.is_verbatim(0..out.text.len()), "{html}");
    }
}

#[test]
fn nbsp_is_a_space() {
    assert_eq!(text("a&nbsp;b"), "a b");
    assert_eq!(text("a&nbsp;&nbsp; b"), "a b");
    assert_eq!(text("a\u{A0}b"), "a b");
    assert_eq!(text("<p>&nbsp;</p><p>Hello&nbsp;</p>"), "Hello");
    let out = extracted("a &nbsp;b");
    assert_eq!(out.map.range(1..2), 1..8);
}
