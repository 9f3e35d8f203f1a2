//! Inline tokens that are not words: URLs, e-mail addresses and template
//! placeholders of every helpdesk syntax (`{{…}}`, `{%…%}`, `%{…}`, `#{…}`,
//! `<OTRS_…>`, Request Tracker `{$Ticket->…}`, Intercom `<attribute …/>`,
//! and bracket fill-ins such as `[Customer Name]` or `<insert date>`), and
//! @mentions of chat and social replies.

use std::sync::LazyLock;

use regex::Regex;
use regex_automata::{meta, util::prefilter::Prefilter, MatchKind};

use super::mask::{MaskKind, Masks};

static URL: LazyLock<Regex> = LazyLock::new(|| {
    // Case-sensitive prefixes (lower- and upper-case) keep the literal
    // prefilter small; mixed-case schemes are rare in replies.
    Regex::new(r#"(?-u:\b)(?:https?://|HTTPS?://|ftp://|mailto:|www\.|WWW\.)[^\s<>"'`]+"#)
        .expect("url regex")
});
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+").expect("email regex")
});
static MENTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s(])(@[A-Za-z0-9_]{1,30})(?-u:\b)").expect("mention regex")
});
/// Every placeholder syntax starts with one of these bytes.
const PLACEHOLDER_FIRST_BYTES: [&str; 6] = ["{", "%", "#", "<", "&", "["];

/// Built on the regex crate's engine with a prefilter on
/// [`PLACEHOLDER_FIRST_BYTES`]: without it the regex finds no literal
/// prefix to skip ahead with (the alternatives start with too many
/// different ones) and its automaton reads every byte of every reply,
/// several times slower.
static PLACEHOLDER: LazyLock<meta::Regex> = LazyLock::new(|| {
    let first_bytes = Prefilter::new(MatchKind::LeftmostFirst, &PLACEHOLDER_FIRST_BYTES);
    meta::Builder::new()
        .configure(meta::Config::new().prefilter(first_bytes))
        .build(concat!(
            r"\{\{\{?[^{}\n]*?\}\}\}?", // Liquid / Handlebars output
            r"|\{%[^\n]*?%\}",          // Liquid tags, Help Scout
            r"|%\{[^{}\n]*\}",          // osTicket
            r"|#\{[^{}\n]*\}",          // Zammad
            r"|<OTRS_[A-Za-z0-9_]+>|&lt;OTRS_[A-Za-z0-9_]+&gt;", // OTRS / Znuny
            r"|\{\s*(?:\$|RT->)(?:[^{}\n]|\{[^{}\n]*\})*\}", // Request Tracker
            r"|<attribute\b[^<>\n]*/?>", // Intercom
            r"|(?i:<(?:insert|enter|add|your)\b[^<>\n]{0,40}>)", // <insert date>
            r"|<[A-Z][A-Z0-9_ ]{1,40}>", // <ISSUE_NUMBER>
            r"|\[[A-Za-z][^\[\]\n]{0,40}\]", // [Customer Name]
        ))
        .expect("placeholder regex")
});

/// Masks URLs, e-mail addresses and placeholders in `source` from `from` on.
pub fn mask(source: &str, from: usize, masks: &mut Masks) {
    let body = &source[from..];
    for m in URL.find_iter(body) {
        let end = m.start() + trim_url(m.as_str());
        masks.add(from + m.start()..from + end, MaskKind::Url);
    }
    for m in EMAIL.find_iter(body) {
        masks.add(from + m.start()..from + m.end(), MaskKind::Email);
    }
    for caps in MENTION.captures_iter(body) {
        if let Some(m) = caps.get(1) {
            masks.add(from + m.start()..from + m.end(), MaskKind::Markup);
        }
    }
    for m in PLACEHOLDER.find_iter(body) {
        let found = &body[m.range()];
        if found.starts_with('[') && !is_fill_in(found, &body[m.end()..]) {
            continue;
        }
        masks.add(from + m.start()..from + m.end(), MaskKind::Placeholder);
    }
}

/// The length of a URL match without trailing punctuation that belongs to
/// the sentence, and without a closing parenthesis it did not open.
fn trim_url(url: &str) -> usize {
    let mut end = url.len();
    loop {
        let Some(last) = url[..end].chars().next_back() else {
            return end;
        };
        let unbalanced_paren =
            last == ')' && url[..end].matches('(').count() < url[..end].matches(')').count();
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '*' | '_' | ']') || unbalanced_paren {
            end -= last.len_utf8();
        } else {
            return end;
        }
    }
}

/// Whether a bracketed text is a fill-in rather than a Markdown link text,
/// a reference or a footnote.
fn is_fill_in(bracketed: &str, after: &str) -> bool {
    let inner = &bracketed[1..bracketed.len() - 1];
    let link_like = after.starts_with('(') || after.starts_with('[') || after.starts_with(':');
    let words = inner.split_whitespace().count();
    !link_like && (1..=5).contains(&words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::mask::masked_by;

    fn masked(source: &str) -> String {
        masked_by(source, |m| {
            mask(source, 0, m);
        })
    }

    #[test]
    fn urls_lose_trailing_punctuation() {
        assert_eq!(
            masked("See https://x.io/a.b. Then"),
            format!("See {}. Then", " ".repeat(16))
        );
        assert_eq!(
            masked("(see https://x.io/a)"),
            format!("(see {})", " ".repeat(14))
        );
    }

    #[test]
    fn emails_are_masked() {
        assert_eq!(masked("Mail dana@example.com."), "Mail                 .");
    }

    #[test]
    fn placeholders_of_every_syntax_are_masked() {
        for p in [
            "{{ticket.requester.first_name}}",
            "{%customer.firstName,fallback=there%}",
            "{% if x %}",
            "%{ticket.number}",
            "#{ticket.customer.firstname}",
            "<OTRS_CUSTOMER_REALNAME>",
            "&lt;OTRS_TICKET_TicketNumber&gt;",
            "{$Ticket->Subject}",
            "{$ENV{'REMOTE_ADDR'}}",
            "<attribute key=\"user.name\" default=\"there\"/>",
            "[Customer Name]",
            "<insert date>",
        ] {
            let source = format!("Hi {p}, ok");
            assert_eq!(
                masked(&source).trim_end(),
                format!("Hi {}, ok", " ".repeat(p.len())),
                "{p}"
            );
        }
    }

    #[test]
    fn mentions_are_masked_but_not_email_user_parts() {
        assert_eq!(masked("@USER Thanks, @dana_s!"), "      Thanks,        !");
        assert_eq!(masked("a@b"), "a@b");
    }

    #[test]
    fn link_texts_and_footnotes_are_not_fill_ins() {
        assert_eq!(masked("[the guide](x) and [1]"), "[the guide](x) and [1]");
    }
}
