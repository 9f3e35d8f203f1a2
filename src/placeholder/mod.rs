//! Template placeholders as data: every helpdesk syntax parsed into spans,
//! variables and fallbacks (`parse`), the structure of Liquid tags
//! (`liquid`), and the variables each helpdesk fills (`catalogue`).
//!
//! The document model only masks placeholders as opaque tokens; this module
//! is what the `placeholder` rule kind reads to check them.

pub mod catalogue;
pub mod liquid;
mod parse;

use std::ops::Range;

pub use catalogue::{helpdesk_names, Catalogue};
pub use parse::parse;

/// The placeholder syntaxes replylint understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Syntax {
    /// Liquid / Handlebars / Jinja output: `{{ticket.id}}`, `{{user.name|fallback:"there"}}`,
    /// `{{ contact.first_name || 'there' }}`, `{{{raw}}}`.
    LiquidOutput,
    /// A Liquid tag: `{% if x %}`, `{%- endfor -%}`.
    LiquidTag,
    /// Help Scout / FreeScout: `{%customer.firstName,fallback=there%}`.
    HelpScout,
    /// Intercom HTML: `<attribute key="user.name" default="there"/>`.
    IntercomAttribute,
    /// osTicket: `%{ticket.name.first}`.
    OsTicket,
    /// Zammad: `#{ticket.customer.firstname}`.
    Zammad,
    /// OTRS / Znuny: `<OTRS_CUSTOMER_REALNAME>`, also HTML-escaped.
    Otrs,
    /// Request Tracker: `{$Ticket->Subject}`; Perl, kept opaque.
    RequestTracker,
    /// Mautic: `{contactfield=firstname|there}`.
    Mautic,
    /// SuperOffice: `%customer.firstname%`.
    SuperOffice,
}

impl Syntax {
    /// The name used in catalogues (`@syntax` lines) and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Syntax::LiquidOutput => "liquid-output",
            Syntax::LiquidTag => "liquid-tag",
            Syntax::HelpScout => "helpscout",
            Syntax::IntercomAttribute => "intercom-attribute",
            Syntax::OsTicket => "osticket",
            Syntax::Zammad => "zammad",
            Syntax::Otrs => "otrs",
            Syntax::RequestTracker => "request-tracker",
            Syntax::Mautic => "mautic",
            Syntax::SuperOffice => "superoffice",
        }
    }

    /// How the syntax looks, for messages: `{{…}}`, `%{…}`.
    pub fn written(self) -> &'static str {
        match self {
            Syntax::LiquidOutput => "`{{…}}`",
            Syntax::LiquidTag => "`{% … %}` Liquid tags",
            Syntax::HelpScout => "`{%…%}`",
            Syntax::IntercomAttribute => "`<attribute …/>`",
            Syntax::OsTicket => "`%{…}`",
            Syntax::Zammad => "`#{…}`",
            Syntax::Otrs => "`<OTRS_…>`",
            Syntax::RequestTracker => "`{$…}` Perl",
            Syntax::Mautic => "`{contactfield=…}`",
            Syntax::SuperOffice => "`%…%`",
        }
    }

    /// A fallback in this syntax, `%v` standing for the variable, when the
    /// syntax has one way to write it.
    pub fn fallback_template(self) -> Option<&'static str> {
        match self {
            Syntax::HelpScout => Some("{%%v,fallback=there%}"),
            Syntax::IntercomAttribute => Some("<attribute key=\"%v\" default=\"there\"/>"),
            Syntax::Mautic => Some("{contactfield=%v|there}"),
            _ => None,
        }
    }

    pub fn from_name(name: &str) -> Option<Syntax> {
        ALL_SYNTAXES.iter().copied().find(|s| s.as_str() == name)
    }

    /// Whether the syntax itself has a way to print something else when
    /// the variable is empty.
    pub fn offers_fallback(self) -> bool {
        matches!(
            self,
            Syntax::LiquidOutput | Syntax::HelpScout | Syntax::IntercomAttribute | Syntax::Mautic
        )
    }
}

const ALL_SYNTAXES: [Syntax; 10] = [
    Syntax::LiquidOutput,
    Syntax::LiquidTag,
    Syntax::HelpScout,
    Syntax::IntercomAttribute,
    Syntax::OsTicket,
    Syntax::Zammad,
    Syntax::Otrs,
    Syntax::RequestTracker,
    Syntax::Mautic,
    Syntax::SuperOffice,
];

/// A variable path as written (`ticket.requester.first_name`,
/// `ticket.messages[-1].body_html`, `OTRS_CUSTOMER_REALNAME`) and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variable {
    pub path: String,
    pub span: Range<usize>,
}

impl Variable {
    /// The path without index segments (`a[0].b` → `a.b`), as catalogues
    /// list it.
    pub fn normalized(&self) -> String {
        let mut out = String::with_capacity(self.path.len());
        let mut depth = 0usize;
        for c in self.path.chars() {
            match c {
                '[' => depth += 1,
                ']' => depth = depth.saturating_sub(1),
                _ if depth == 0 => out.push(c),
                _ => {}
            }
        }
        out
    }

    /// The first segment: `ticket` of `ticket.id`.
    pub fn root(&self) -> &str {
        let end = self.path.find(['.', '[']).unwrap_or(self.path.len());
        &self.path[..end]
    }
}

/// A Liquid tag: its name and what its markup reads and declares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag {
    /// `if`, `endif`, `for`, `assign`, …
    pub name: String,
    /// Variables the markup reads (`ticket.status` of `{% if ticket.status == "open" %}`).
    pub reads: Vec<Variable>,
    /// Names the tag makes local (`item` of `{% for item in list %}`).
    pub declares: Vec<String>,
}

/// One placeholder of a reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placeholder {
    /// Bytes of the whole placeholder in the text it was parsed from.
    pub span: Range<usize>,
    pub syntax: Syntax,
    /// The variable it prints (outputs) or the first it reads (tags);
    /// `None` for literals and tags that read nothing.
    pub variable: Option<Variable>,
    /// The fallback text as written, when the placeholder has one.
    pub fallback: Option<String>,
    /// Liquid tags only.
    pub tag: Option<Tag>,
    /// Whether output filters other than the fallback follow the variable.
    pub has_filters: bool,
}

impl Placeholder {
    /// Whether it prints something non-empty when the variable is empty.
    pub fn has_fallback(&self) -> bool {
        self.fallback
            .as_deref()
            .is_some_and(|f| !f.trim().is_empty())
    }

    /// The tag name, for Liquid tags.
    pub fn tag_name(&self) -> Option<&str> {
        self.tag.as_ref().map(|t| t.name.as_str())
    }
}

/// Placeholder settings of a run: the helpdesk whose variables are known
/// and variables allowed besides them (`*` at the end of an entry accepts
/// any suffix: `custom.*`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlaceholderSettings {
    pub helpdesk: Option<String>,
    pub allow: Vec<String>,
}

/// Whether `path` matches `pattern`: equal, or `pattern` ends with `*` and
/// `path` starts with what precedes it.
pub fn matches_pattern(pattern: &str, path: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => path.starts_with(prefix),
        None => pattern == path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_normalise_indexes() {
        let v = Variable {
            path: "ticket.messages[-1].body_html".into(),
            span: 0..1,
        };
        assert_eq!(v.normalized(), "ticket.messages.body_html");
        assert_eq!(v.root(), "ticket");
    }

    #[test]
    fn patterns_accept_prefixes_only_with_a_star() {
        assert!(matches_pattern("dc.*", "dc.welcome"));
        assert!(matches_pattern(
            "ticket.ticket_field_*",
            "ticket.ticket_field_360012"
        ));
        assert!(!matches_pattern("ticket.id", "ticket.idx"));
        assert!(matches_pattern("ticket.id", "ticket.id"));
    }

    #[test]
    fn syntax_names_round_trip() {
        for s in ALL_SYNTAXES {
            assert_eq!(Syntax::from_name(s.as_str()), Some(s));
        }
        assert_eq!(Syntax::from_name("nope"), None);
    }

    #[test]
    fn empty_fallbacks_do_not_count() {
        let p = Placeholder {
            span: 0..1,
            syntax: Syntax::HelpScout,
            variable: None,
            fallback: Some(" ".into()),
            tag: None,
            has_filters: false,
        };
        assert!(!p.has_fallback());
    }
}
