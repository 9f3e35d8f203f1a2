//! Start-up: the reply model's regexes compiled ahead of the first reply.
//!
//! Each of the model's regexes (greetings, sign-offs, placeholders, URLs,
//! quoted history, continuations…) compiles on first use, a millisecond or
//! so each. A one-reply run would compile them after the rules, one after
//! the other; [`prepare`] compiles them on another thread while the rules
//! compile.

use super::{Document, Markup};

/// A reply that goes through every part of the reply model.
const WARM_UP: &str = "Hi {{ticket.requester.first_name}},\n\n\
Thanks for writing in. Also, see https://example.com or write to \
help@example.com, @sam. Following up on <insert date>.\n\n\
Best regards,\nDana\n\nOn Mon, Sam wrote:\n> It broke.\n";

/// Reads [`WARM_UP`] as plain text and as Markdown on another thread.
pub fn prepare() {
    std::thread::spawn(|| {
        for markup in [Markup::Plain, Markup::Markdown] {
            let doc = Document::new(WARM_UP, markup);
            let _ = (
                doc.turn(),
                doc.opening(),
                doc.closing(),
                doc.words().count(),
            );
        }
    });
}
