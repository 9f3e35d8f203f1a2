//! Helpers shared by the collection readers' tests.

use super::{Collection, Reply};

/// Each verbatim character of the reply is the same bytes in `source`.
pub fn assert_exact(source: &str, reply: &Reply) {
    assert_eq!(reply.map.text_len(), reply.text.len());
    for (i, c) in reply.text.char_indices() {
        let r = i..i + c.len_utf8();
        if reply.map.is_verbatim(r.clone()) {
            assert_eq!(&source[reply.map.range(r.clone())], &reply.text[r]);
        }
    }
}

/// The names of a collection's replies, `""` for an unnamed one.
pub fn names(collection: &Collection) -> Vec<&str> {
    collection
        .replies
        .iter()
        .map(|r| r.name.as_deref().unwrap_or(""))
        .collect()
}
