//! Finding placeholders of every syntax in a text, with the variable each
//! prints, its fallback and, for Liquid tags, the tag name and what its
//! markup reads and declares.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{Placeholder, Syntax, Tag, Variable};

/// One alternative per syntax, each with a named group around its inside.
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\{\{\{?(?P<output>[^{}\n]*?)\}\}\}?",
        r"|\{%(?P<tag>[^\n]*?)%\}",
        r"|%\{(?P<osticket>[^{}\n]*)\}",
        r"|#\{(?P<zammad>[^{}\n]*)\}",
        r"|<(?P<otrs>OTRS_[A-Za-z0-9_]+)>|&lt;(?P<otrs_escaped>OTRS_[A-Za-z0-9_]+)&gt;",
        r"|\{\s*(?P<rt>(?:\$|RT->)(?:[^{}\n]|\{[^{}\n]*\})*?)\s*\}",
        r"|<attribute\b(?P<attribute>[^<>\n]*?)/?>",
        r"|\{contactfield=(?P<mautic>[^{}\n]*)\}",
        r"|%(?P<superoffice>[A-Za-z]+(?:\.[A-Za-z_]+)+)%",
    ))
    .expect("placeholder regex")
});

/// A variable path: names joined by dots, with index segments.
static PATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Za-z_][\w-]*(?:\.[A-Za-z_0-9][\w-]*|\[[^\]\n]*\])*\??").expect("path regex")
});

/// Tokens of Liquid tag markup: strings, filters, paths, anything else.
static MARKUP_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#""[^"]*"|'[^']*'|\|\s*[A-Za-z_]\w*|[A-Za-z_][\w-]*(?:\.[A-Za-z_0-9][\w-]*|\[[^\]\n]*\])*\??|-?\d+(?:\.\d+)?|\S"#,
    )
    .expect("markup token regex")
});

/// Help Scout's form: a bare path, optionally `,fallback=…`.
static HELP_SCOUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<path>[A-Za-z_][\w.]*)(?:\s*,\s*fallback\s*=(?P<fallback>[^%]*))?$")
        .expect("help scout regex")
});

static ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\b(?P<name>key|default)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')"#)
        .expect("attribute regex")
});

/// Words of Liquid tag markup that are operators or literals, not variables.
const MARKUP_KEYWORDS: &[&str] = &[
    "and", "or", "not", "contains", "in", "with", "as", "for", "reversed", "limit", "offset",
    "cols", "true", "false", "nil", "null", "empty", "blank", "is", "none", "None", "True",
    "False", "range",
];

/// Tag names that can never be a Help Scout variable.
const LIQUID_TAG_NAMES: &[&str] = &[
    "if",
    "elsif",
    "elif",
    "else",
    "endif",
    "unless",
    "endunless",
    "for",
    "endfor",
    "case",
    "when",
    "endcase",
    "capture",
    "endcapture",
    "raw",
    "endraw",
    "comment",
    "endcomment",
    "tablerow",
    "endtablerow",
    "assign",
    "increment",
    "decrement",
    "cycle",
    "include",
    "render",
    "echo",
    "liquid",
    "break",
    "continue",
    "set",
    "endset",
];

/// Every placeholder of `text`, in order.
pub fn parse(text: &str) -> Vec<Placeholder> {
    let mut out = Vec::new();
    for caps in PLACEHOLDER.captures_iter(text) {
        let whole = caps.get(0).expect("whole match");
        let span = whole.start()..whole.end();
        let placeholder = if let Some(m) = caps.name("output") {
            output(span, m.start(), m.as_str())
        } else if let Some(m) = caps.name("tag") {
            tag_or_help_scout(span, m.start(), m.as_str())
        } else if let Some(m) = caps.name("osticket") {
            simple(span, Syntax::OsTicket, m.start(), m.as_str())
        } else if let Some(m) = caps.name("zammad") {
            simple(span, Syntax::Zammad, m.start(), m.as_str())
        } else if let Some(m) = caps.name("otrs").or_else(|| caps.name("otrs_escaped")) {
            simple(span, Syntax::Otrs, m.start(), m.as_str())
        } else if let Some(m) = caps.name("rt") {
            opaque(span, Syntax::RequestTracker, m.start(), m.as_str())
        } else if let Some(m) = caps.name("attribute") {
            attribute(span, m.start(), m.as_str())
        } else if let Some(m) = caps.name("mautic") {
            mautic(span, m.start(), m.as_str())
        } else if let Some(m) = caps.name("superoffice") {
            simple(span, Syntax::SuperOffice, m.start(), m.as_str())
        } else {
            continue;
        };
        out.push(placeholder);
    }
    out
}

fn bare(span: Range<usize>, syntax: Syntax) -> Placeholder {
    Placeholder {
        span,
        syntax,
        variable: None,
        fallback: None,
        tag: None,
        has_filters: false,
    }
}

/// `inner` without surrounding white space, with its new start.
fn trimmed(start: usize, inner: &str) -> (usize, &str) {
    let lead = inner.len() - inner.trim_start().len();
    (start + lead, inner.trim())
}

/// The path at the start of `text`, if `text` starts with one.
fn leading_path(start: usize, text: &str) -> Option<Variable> {
    let m = PATH.find(text)?;
    Some(Variable {
        path: m.as_str().to_owned(),
        span: start + m.start()..start + m.end(),
    })
}

/// A path that is the whole of `text`.
fn whole_path(start: usize, text: &str) -> Option<Variable> {
    leading_path(start, text).filter(|v| v.span.len() == text.len())
}

/// A string literal's contents, or the text as written.
fn unquote(text: &str) -> String {
    let t = text.trim();
    let quoted = t.len() >= 2
        && ((t.starts_with('"') && t.ends_with('"')) || (t.starts_with('\'') && t.ends_with('\'')));
    if quoted {
        t[1..t.len() - 1].to_owned()
    } else {
        t.to_owned()
    }
}

/// `{{ expression | filter: arg || fallback }}`.
fn output(span: Range<usize>, start: usize, inner: &str) -> Placeholder {
    let mut p = bare(span, Syntax::LiquidOutput);
    let (start, inner) = match inner.strip_prefix('-') {
        Some(rest) => (start + 1, rest),
        None => (start, inner),
    };
    let inner = inner.strip_suffix('-').unwrap_or(inner);
    let (start, inner) = trimmed(start, inner);
    // Chatwoot / Zendesk Engage: `expr || 'there'`.
    let (expression, chat_fallback) = match inner.find("||") {
        Some(i) => (&inner[..i], Some(unquote(&inner[i + 2..]))),
        None => (inner, None),
    };
    let mut pieces = expression.split('|');
    let head = pieces.next().unwrap_or_default();
    let (head_start, head) = trimmed(start, head);
    p.variable = whole_path(head_start, head);
    p.fallback = chat_fallback;
    for filter in pieces {
        let filter = filter.trim();
        let name_end = filter
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(filter.len());
        let (name, rest) = filter.split_at(name_end);
        if name == "default" || name == "fallback" {
            let arg = rest
                .trim()
                .trim_start_matches(':')
                .trim_start_matches('(')
                .trim_end_matches(')');
            p.fallback = Some(unquote(arg));
        } else {
            p.has_filters = true;
        }
    }
    p
}

/// `{%…%}`: a Liquid tag, unless it is Help Scout's `{%path,fallback=x%}`.
fn tag_or_help_scout(span: Range<usize>, start: usize, inner: &str) -> Placeholder {
    let starts_tight = inner.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
    if starts_tight {
        if let Some(caps) = HELP_SCOUT.captures(inner) {
            let path = caps.name("path").expect("path group");
            let first_word = path.as_str().split('.').next().unwrap_or_default();
            if !LIQUID_TAG_NAMES.contains(&first_word) {
                let mut p = bare(span, Syntax::HelpScout);
                p.variable = Some(Variable {
                    path: path.as_str().to_owned(),
                    span: start..start + path.end(),
                });
                p.fallback = caps.name("fallback").map(|f| f.as_str().trim().to_owned());
                return p;
            }
        }
    }
    liquid_tag(span, start, inner)
}

fn liquid_tag(span: Range<usize>, start: usize, inner: &str) -> Placeholder {
    let mut p = bare(span, Syntax::LiquidTag);
    let (start, inner) = match inner.strip_prefix('-') {
        Some(rest) => (start + 1, rest),
        None => (start, inner),
    };
    let inner = inner.strip_suffix('-').unwrap_or(inner);
    let (start, inner) = trimmed(start, inner);
    let name_end = inner
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(inner.len());
    let name = &inner[..name_end];
    let (markup_start, markup) = trimmed(start + name_end, &inner[name_end..]);
    let (reads, declares) = markup_variables(name, markup_start, markup);
    p.variable = reads.first().cloned();
    p.tag = Some(Tag {
        name: name.to_owned(),
        reads,
        declares,
    });
    p
}

/// What a tag's markup reads and declares.
fn markup_variables(tag: &str, start: usize, markup: &str) -> (Vec<Variable>, Vec<String>) {
    let mut reads = Vec::new();
    let mut declares = Vec::new();
    if matches!(tag, "raw" | "comment" | "include" | "render" | "liquid") {
        return (reads, declares);
    }
    let tokens: Vec<regex::Match<'_>> = MARKUP_TOKEN.find_iter(markup).collect();
    for (i, token) in tokens.iter().enumerate() {
        let text = token.as_str();
        let first = text.chars().next().unwrap_or(' ');
        if !(first.is_ascii_alphabetic() || first == '_') || MARKUP_KEYWORDS.contains(&text) {
            continue;
        }
        let declared = match tag {
            "for" | "tablerow" => i == 0,
            "assign" | "capture" | "increment" | "decrement" | "set" => i == 0,
            _ => false,
        };
        // `limit: 3`, `cols: 2` and named arguments are not variables.
        let is_argument_name = tokens.get(i + 1).is_some_and(|next| next.as_str() == ":");
        if declared {
            declares.push(text.to_owned());
        } else if !is_argument_name {
            reads.push(Variable {
                path: text.to_owned(),
                span: start + token.start()..start + token.end(),
            });
        }
    }
    (reads, declares)
}

/// A syntax whose inside is a bare path with no fallback.
fn simple(span: Range<usize>, syntax: Syntax, start: usize, inner: &str) -> Placeholder {
    let mut p = bare(span, syntax);
    let (start, inner) = trimmed(start, inner);
    p.variable = leading_path(start, inner);
    p
}

/// A syntax whose inside is code: the variable is the code as written.
fn opaque(span: Range<usize>, syntax: Syntax, start: usize, inner: &str) -> Placeholder {
    let mut p = bare(span, syntax);
    let (start, inner) = trimmed(start, inner);
    p.variable = Some(Variable {
        path: inner.to_owned(),
        span: start..start + inner.len(),
    });
    p
}

/// `<attribute key="user.name" default="there"/>`.
fn attribute(span: Range<usize>, start: usize, inner: &str) -> Placeholder {
    let mut p = bare(span, Syntax::IntercomAttribute);
    for caps in ATTRIBUTE.captures_iter(inner) {
        let value = caps.name("dq").or_else(|| caps.name("sq")).expect("value");
        match &caps["name"] {
            "key" => {
                p.variable = Some(Variable {
                    path: value.as_str().to_owned(),
                    span: start + value.start()..start + value.end(),
                });
            }
            _ => p.fallback = Some(value.as_str().to_owned()),
        }
    }
    p
}

/// `{contactfield=firstname|there}`.
fn mautic(span: Range<usize>, start: usize, inner: &str) -> Placeholder {
    let mut p = bare(span, Syntax::Mautic);
    let (field, fallback) = match inner.split_once('|') {
        Some((field, fallback)) => (field, Some(fallback.trim().to_owned())),
        None => (inner, None),
    };
    p.variable = leading_path(start, field.trim_end());
    p.fallback = fallback;
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Placeholder {
        let all = parse(text);
        assert_eq!(all.len(), 1, "{text}: {all:?}");
        all.into_iter().next().unwrap()
    }

    fn variable(text: &str) -> Option<String> {
        let p = one(text);
        if let Some(v) = &p.variable {
            assert_eq!(
                &text[v.span.clone()],
                v.path.as_str(),
                "variable span of {text}"
            );
        }
        p.variable.map(|v| v.path)
    }

    #[test]
    fn every_syntax_gives_its_variable() {
        for (text, syntax, path) in [
            (
                "Hi {{ticket.requester.first_name}},",
                Syntax::LiquidOutput,
                "ticket.requester.first_name",
            ),
            ("{{{ body }}}", Syntax::LiquidOutput, "body"),
            (
                "{%customer.firstName,fallback=there%}",
                Syntax::HelpScout,
                "customer.firstName",
            ),
            ("{%subject%}", Syntax::HelpScout, "subject"),
            (
                "<attribute key=\"user.name\" default=\"there\"/>",
                Syntax::IntercomAttribute,
                "user.name",
            ),
            (
                "%{ticket.name.first}",
                Syntax::OsTicket,
                "ticket.name.first",
            ),
            (
                "#{ticket.customer.firstname}",
                Syntax::Zammad,
                "ticket.customer.firstname",
            ),
            (
                "<OTRS_CUSTOMER_REALNAME>",
                Syntax::Otrs,
                "OTRS_CUSTOMER_REALNAME",
            ),
            (
                "&lt;OTRS_TICKET_TicketNumber&gt;",
                Syntax::Otrs,
                "OTRS_TICKET_TicketNumber",
            ),
            (
                "{$Ticket->Subject}",
                Syntax::RequestTracker,
                "$Ticket->Subject",
            ),
            (
                "{ $Ticket->SubjectTag }",
                Syntax::RequestTracker,
                "$Ticket->SubjectTag",
            ),
            (
                "{contactfield=firstname|there}",
                Syntax::Mautic,
                "firstname",
            ),
            (
                "%customer.firstname%",
                Syntax::SuperOffice,
                "customer.firstname",
            ),
            (
                "{{ticket.messages[-1].body_html}}",
                Syntax::LiquidOutput,
                "ticket.messages[-1].body_html",
            ),
        ] {
            assert_eq!(one(text).syntax, syntax, "{text}");
            assert_eq!(variable(text).as_deref(), Some(path), "{text}");
        }
    }

    #[test]
    fn fallbacks_of_every_form_are_read() {
        for (text, fallback) in [
            ("{{ user.name | fallback: \"there\" }}", Some("there")),
            ("{{user.name|fallback:\"there\"}}", Some("there")),
            (
                "{{ ticket.requester.first_name | default: 'there' }}",
                Some("there"),
            ),
            ("{{ name | default(\"friend\") }}", Some("friend")),
            ("{{ contact.first_name || 'there' }}", Some("there")),
            ("{%customer.firstName,fallback=there%}", Some("there")),
            (
                "<attribute key=\"user.name\" default=\"there\"/>",
                Some("there"),
            ),
            ("{contactfield=firstname|there}", Some("there")),
            ("{{ticket.requester.first_name}}", None),
            ("{%customer.firstName%}", None),
            ("%{ticket.name.first}", None),
        ] {
            assert_eq!(one(text).fallback.as_deref(), fallback, "{text}");
        }
        assert!(!one("{%customer.firstName,fallback=%}").has_fallback());
        let p = one("{{ ticket.created_at | date: \"%B\" }}");
        assert!(p.has_filters && p.fallback.is_none());
        assert_eq!(p.variable.unwrap().path, "ticket.created_at");
    }

    #[test]
    fn liquid_tags_are_not_help_scout_variables() {
        for (text, name) in [
            ("{% if ticket.status == 'open' %}", "if"),
            ("{%- endif -%}", "endif"),
            ("{%endif%}", "endif"),
            ("{%else%}", "else"),
            ("{% for c in ticket.comments limit: 3 %}", "for"),
        ] {
            let p = one(text);
            assert_eq!(p.syntax, Syntax::LiquidTag, "{text}");
            assert_eq!(p.tag_name(), Some(name), "{text}");
        }
        let p = one("{% for c in ticket.public_comments limit: 3 %}");
        let tag = p.tag.unwrap();
        assert_eq!(tag.declares, ["c"]);
        let reads: Vec<&str> = tag.reads.iter().map(|v| v.path.as_str()).collect();
        assert_eq!(reads, ["ticket.public_comments"]);
        let p = one("{% if ticket.requester.first_name != blank and x contains \"a\" %}");
        let reads: Vec<String> = p.tag.unwrap().reads.into_iter().map(|v| v.path).collect();
        assert_eq!(reads, ["ticket.requester.first_name", "x"]);
        let text = "{% assign greeting = ticket.requester.name | upcase %}";
        let tag = one(text).tag.unwrap();
        assert_eq!(tag.declares, ["greeting"]);
        assert_eq!(tag.reads.len(), 1);
        assert_eq!(&text[tag.reads[0].span.clone()], "ticket.requester.name");
    }

    #[test]
    fn literals_have_no_variable_and_text_has_no_placeholders() {
        assert_eq!(variable("{{ 'Hello' | upcase }}"), None);
        assert!(parse("It costs 50% {less} and #1 {braces} 100%.").is_empty());
        assert!(parse("").is_empty());
    }
}
