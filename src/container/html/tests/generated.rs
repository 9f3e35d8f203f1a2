//! Generated and truncated inputs keep the invariants every output has.

use super::*;

/// A small deterministic generator (no dependency needed for this).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

const FRAGMENTS: &[&str] = &[
    "<p>",
    "</p>",
    "<br>",
    "<br/>",
    "<div>",
    "</div>",
    "text",
    "a",
    " ",
    "  ",
    "\r\n",
    "\t",
    "\n",
    "é",
    "日本",
    "😀",
    "\u{A0}",
    "&nbsp;",
    "&amp;",
    "&rsquo;",
    "&#x41;",
    "&#146;",
    "&#",
    "&",
    "&notit;",
    "&lt;",
    "&gt;",
    "<",
    ">",
    "</",
    "<!-- c -->",
    "<!--",
    "-->",
    "<pre>",
    "</pre>",
    "<code>",
    "</code>",
    "<blockquote>",
    "</blockquote>",
    "<div class=\"gmail_quote\">",
    "<div id=\"divRplyFwdMsg\">",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<head>",
    "</head>",
    "<title>",
    "<template>",
    "</template>",
    "<OTRS_CUSTOMER_REALNAME>",
    "<attribute key=\"k\"/>",
    "<b>",
    "</b>",
    "<td>",
    "<li>",
    "<!DOCTYPE html>",
    "<?x?>",
    "<![CDATA[",
    "]]>",
    "<a href='",
    "'>",
    "\"",
    "=",
    "/",
    "<img alt=\"é\">",
];

fn check_any(html: &str) {
    match extract(html) {
        Ok(out) => check_invariants(html, &out),
        Err(e) => {
            let span = e.span.unwrap_or_else(|| panic!("{html:?}: no span"));
            assert!(span.start < span.end && span.end <= html.len(), "{html:?}");
            assert!(html.is_char_boundary(span.start) && html.is_char_boundary(span.end));
        }
    }
}

#[test]
fn generated_inputs_keep_the_invariants() {
    let mut rng = Lcg(0x5EED);
    for _ in 0..4000 {
        let len = rng.below(40);
        let html: String = (0..len)
            .map(|_| FRAGMENTS[rng.below(FRAGMENTS.len())])
            .collect();
        check_any(&html);
    }
}

#[test]
fn truncated_inputs_keep_the_invariants() {
    let html = concat!(
        "<!DOCTYPE html><html><head><style>p{}</style></head><body>",
        "<p>Hi <b>Sam</b>,\r\n</p><p>Don&rsquo;t worry &mdash; it&#8217;s fixed.</p>",
        "<pre>\n  code  here</pre><!-- replylint-disable-next-line x -- y -->",
        "<p>Dear &lt;OTRS_CUSTOMER_REALNAME&gt; <attribute key=\"a\" default='b'/></p>",
        "<div class=\"gmail_quote\"><blockquote type=cite>Grüße 😀</blockquote></div>",
        "<div id=\"appendonsend\"></div><p>old&nbsp;mail</p></body></html>"
    );
    for end in (0..=html.len()).filter(|&i| html.is_char_boundary(i)) {
        check_any(&html[..end]);
        check_any(&html[end..]);
    }
    assert_eq!(
        text(html),
        "Hi Sam,\n\nDon’t worry — it’s fixed.\n\n  code  here\n\nDear <OTRS_CUSTOMER_REALNAME> <attribute key=\"a\" default='b'/>\n\nGrüße 😀\n\nold mail"
    );
}
