//! The map from the text to the HTML: multibyte text, CRLF, an outer map.

use super::*;

#[test]
fn multibyte_text_and_crlf_map_exactly() {
    let html = "<p>Grüße,\r\n日本 😀</p>\r\n<p>Ça va&hellip;</p>";
    let out = extracted(html);
    assert_eq!(out.text, "Grüße, 日本 😀\n\nÇa va…");
    let start = out.text.find('😀').unwrap_or(0);
    assert_eq!(&html[out.map.range(start..start + 4)], "😀");
}

#[test]
fn composes_with_an_outer_map() {
    use crate::container::Reply;
    use crate::document::Markup;
    // The HTML sits at byte 100 of its file, verbatim.
    let html = "<p>Hi&nbsp;there</p><!-- c -->";
    let mut map = OffsetMap::default();
    map.push_verbatim(100, html.len());
    let reply = Reply::decoded(None, Markup::Html, html.to_owned(), map);
    let rendered = reply.render_html().unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(rendered.text, "Hi there");
    assert_eq!(rendered.map.range(3..8), 111..116);
    assert_eq!(rendered.comments[0].source, 120..130);
}
