//! Tests of the whole extractor, by topic, and what must hold for every
//! output.

mod generated;
mod layout;
mod mapping;
mod markup;
mod masks;
mod references;

use super::*;

fn extracted(html: &str) -> Extracted {
    let out = extract(html).unwrap_or_else(|e| panic!("{html:?}: {e:?}"));
    check_invariants(html, &out);
    out
}

fn text(html: &str) -> String {
    extracted(html).text
}

/// The text of each mask of `kind`.
fn masked(html: &str, kind: MaskKind) -> Vec<String> {
    let out = extracted(html);
    out.masks
        .iter()
        .filter(|(_, k)| *k == kind)
        .map(|(r, _)| out.text[r.clone()].to_owned())
        .collect()
}

fn error(html: &str) -> ContainerError {
    match extract(html) {
        Ok(out) => panic!("{html:?} should fail, gave {:?}", out.text),
        Err(e) => e,
    }
}

/// What must hold for every input: the map covers the text, lands on
/// character boundaries in order, and verbatim text is the input's.
fn check_invariants(html: &str, out: &Extracted) {
    let text = &out.text;
    assert_eq!(out.map.text_len(), text.len(), "{html:?}");
    let mut last_start = 0;
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    for &i in &boundaries {
        let (start, end) = (out.map.start(i), out.map.end(i));
        assert!(start <= html.len() && end <= html.len(), "{html:?} at {i}");
        assert!(html.is_char_boundary(start), "{html:?} start({i})");
        assert!(html.is_char_boundary(end), "{html:?} end({i})");
        assert!(start >= last_start, "{html:?}: map goes back at {i}");
        last_start = start;
    }
    for pair in boundaries.windows(2) {
        let piece = pair[0]..pair[1];
        if out.map.is_verbatim(piece.clone()) {
            let source = out.map.range(piece.clone());
            assert_eq!(&html[source], &text[piece], "{html:?}");
        }
    }
    for (range, _) in &out.masks {
        assert!(
            range.start < range.end && range.end <= text.len(),
            "{html:?}"
        );
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
    }
    for comment in &out.comments {
        let source = &html[comment.source.clone()];
        assert!(
            source.starts_with("<!--") && source.ends_with('>'),
            "{html:?}"
        );
        assert!(source.contains(&comment.body));
    }
}
