//! The variables each helpdesk fills, from data files embedded in the
//! binary (`helpdesks/<id>.txt`): one variable per line, `*` at the end of
//! an entry accepting any suffix (`dc.*`), `#` comments naming the source,
//! and `@` lines: `@name` (shown in messages), `@syntax` (the placeholder
//! syntaxes it fills) and `@fallback` (`none`, or a template in which `%v`
//! is the variable, used to offer a fix).

use std::sync::LazyLock;

use super::{matches_pattern, Syntax};

/// Helpdesk ids and their data files, sorted by id.
const FILES: &[(&str, &str)] = &[
    ("chatwoot", include_str!("helpdesks/chatwoot.txt")),
    ("freescout", include_str!("helpdesks/freescout.txt")),
    ("freshdesk", include_str!("helpdesks/freshdesk.txt")),
    ("front", include_str!("helpdesks/front.txt")),
    ("github", include_str!("helpdesks/github.txt")),
    ("gorgias", include_str!("helpdesks/gorgias.txt")),
    ("helpscout", include_str!("helpdesks/helpscout.txt")),
    ("intercom", include_str!("helpdesks/intercom.txt")),
    ("osticket", include_str!("helpdesks/osticket.txt")),
    ("otrs", include_str!("helpdesks/otrs.txt")),
    (
        "request-tracker",
        include_str!("helpdesks/request-tracker.txt"),
    ),
    ("zammad", include_str!("helpdesks/zammad.txt")),
    ("zendesk", include_str!("helpdesks/zendesk.txt")),
];

static NAMES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| FILES.iter().map(|(id, _)| *id).collect());

static CATALOGUES: LazyLock<Vec<Catalogue>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|(id, text)| Catalogue::parse(id, text).unwrap_or_else(|e| panic!("{id}.txt: {e}")))
        .collect()
});

/// The helpdesk ids replylint knows, sorted: the values `helpdesk` accepts.
pub fn helpdesk_names() -> &'static [&'static str] {
    &NAMES
}

/// What a helpdesk prints where a variable is empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fallback {
    /// Whatever the syntax offers (a Liquid guard or filter); no fix known.
    OfSyntax,
    /// The helpdesk has no fallback: nothing to ask for.
    None,
    /// A fallback written like this, `%v` standing for the variable.
    Template(String),
}

/// The variables of one helpdesk.
#[derive(Clone, Debug)]
pub struct Catalogue {
    pub id: &'static str,
    /// As shown in messages: "Zendesk".
    pub name: String,
    pub syntaxes: Vec<Syntax>,
    pub fallback: Fallback,
    entries: Vec<&'static str>,
}

/// A variable a catalogue has in place of an unknown one.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub path: String,
    /// Close enough, and clearly the closest, to offer as a fix.
    pub confident: bool,
}

/// The least similarity (normalised Damerau–Levenshtein) for a suggestion.
const SUGGEST_AT: f64 = 0.75;
/// The least similarity for a suggestion to become a fix.
const FIX_AT: f64 = 0.85;

impl Catalogue {
    /// The catalogue of a helpdesk id.
    pub fn get(id: &str) -> Option<&'static Catalogue> {
        CATALOGUES.iter().find(|c| c.id == id)
    }

    fn parse(id: &'static str, text: &'static str) -> Result<Catalogue, String> {
        let mut catalogue = Catalogue {
            id,
            name: id.to_owned(),
            syntaxes: Vec::new(),
            fallback: Fallback::OfSyntax,
            entries: Vec::new(),
        };
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some(directive) = line.strip_prefix('@') else {
                catalogue.entries.push(line);
                continue;
            };
            let (key, value) = directive.split_once(' ').unwrap_or((directive, ""));
            let value = value.trim();
            match key {
                "name" => catalogue.name = value.to_owned(),
                "syntax" => {
                    for name in value.split_whitespace() {
                        let syntax = Syntax::from_name(name)
                            .ok_or_else(|| format!("line {}: unknown syntax `{name}`", n + 1))?;
                        catalogue.syntaxes.push(syntax);
                    }
                }
                "fallback" if value == "none" => catalogue.fallback = Fallback::None,
                "fallback" if value.contains("%v") => {
                    catalogue.fallback = Fallback::Template(value.to_owned());
                }
                _ => return Err(format!("line {}: bad directive `{line}`", n + 1)),
            }
        }
        if catalogue.syntaxes.is_empty() || catalogue.entries.is_empty() {
            return Err("a catalogue needs `@syntax` and at least one variable".into());
        }
        Ok(catalogue)
    }

    /// Whether the helpdesk fills placeholders of `syntax`.
    pub fn fills(&self, syntax: Syntax) -> bool {
        self.syntaxes.contains(&syntax)
    }

    /// Whether the helpdesk has the variable `path` (index segments removed).
    pub fn knows(&self, path: &str) -> bool {
        self.entries.iter().any(|e| matches_pattern(e, path))
    }

    /// The listed variable closest to an unknown `path`, if one is close.
    pub fn suggest(&self, path: &str) -> Option<Suggestion> {
        let mut scored: Vec<(f64, &str)> = self
            .entries
            .iter()
            .filter(|e| !e.ends_with('*'))
            .map(|e| {
                let score = if e.eq_ignore_ascii_case(path) {
                    1.0
                } else {
                    strsim::normalized_damerau_levenshtein(path, e)
                };
                (score, *e)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        let (best, path) = *scored.first()?;
        if best < SUGGEST_AT {
            return None;
        }
        let runner_up = scored.get(1).map_or(0.0, |s| s.0);
        Some(Suggestion {
            path: path.to_owned(),
            confident: best >= FIX_AT && runner_up < best,
        })
    }

    /// The variables as listed, wildcards included.
    pub fn entries(&self) -> &[&'static str] {
        &self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_parses_and_is_listed_in_order() {
        assert_eq!(CATALOGUES.len(), FILES.len());
        let mut sorted = helpdesk_names().to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, helpdesk_names());
        for name in helpdesk_names() {
            let c = Catalogue::get(name).unwrap();
            assert!(!c.entries().is_empty() && !c.syntaxes.is_empty(), "{name}");
        }
    }

    #[test]
    fn zendesk_knows_its_placeholders_and_namespaces() {
        let z = Catalogue::get("zendesk").unwrap();
        assert_eq!(z.name, "Zendesk");
        for known in [
            "ticket.requester.first_name",
            "current_user.name",
            "ticket.id",
            "dc.welcome_text",
            "ticket.ticket_field_360012345",
            "satisfaction.rating_section",
        ] {
            assert!(z.knows(known), "{known}");
        }
        assert!(!z.knows("ticket.requestor.first_name"));
        assert!(z.fills(Syntax::LiquidTag) && !z.fills(Syntax::HelpScout));
    }

    #[test]
    fn typos_get_a_confident_suggestion_and_nonsense_none() {
        let z = Catalogue::get("zendesk").unwrap();
        let s = z.suggest("ticket.requestor.frist_name").unwrap();
        assert_eq!(s.path, "ticket.requester.first_name");
        assert!(s.confident);
        assert_eq!(z.suggest("weather.tomorrow"), None);
        let h = Catalogue::get("helpscout").unwrap();
        assert_eq!(
            h.suggest("customer.firstname").unwrap().path,
            "customer.firstName"
        );
    }

    #[test]
    fn bad_catalogues_are_rejected() {
        assert!(Catalogue::parse("x", "@syntax nope\na\n").is_err());
        assert!(Catalogue::parse("x", "@syntax zammad\n").is_err());
        assert!(Catalogue::parse("x", "@colour red\n@syntax zammad\na\n").is_err());
        assert_eq!(
            Catalogue::get("freescout").unwrap().fallback,
            Fallback::None
        );
    }
}
