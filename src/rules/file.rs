//! The YAML schema of a rule file, as written, with the position of every
//! value that is checked after parsing (regexes, token lists, keys that do
//! not belong to the rule's kind).

use std::fmt;

use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diagnostic::Level;

/// The kind of check a rule file extends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Existence,
    Substitution,
    Occurrence,
    Conditional,
    Precedence,
    Placeholder,
    Capitalization,
    Repetition,
    Consistency,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Existence => "existence",
            Kind::Substitution => "substitution",
            Kind::Occurrence => "occurrence",
            Kind::Conditional => "conditional",
            Kind::Precedence => "precedence",
            Kind::Placeholder => "placeholder",
            Kind::Capitalization => "capitalization",
            Kind::Repetition => "repetition",
            Kind::Consistency => "consistency",
        }
    }
}

/// What a `placeholder` rule checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlaceholderCheck {
    /// A variable the configured helpdesk does not fill.
    UnknownVariable,
    /// A name placeholder in the greeting with no fallback.
    GreetingWithoutFallback,
    /// Liquid blocks that do not open and close in pairs.
    LiquidBlocks,
}

impl PlaceholderCheck {
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceholderCheck::UnknownVariable => "unknown-variable",
            PlaceholderCheck::GreetingWithoutFallback => "greeting-without-fallback",
            PlaceholderCheck::LiquidBlocks => "liquid-blocks",
        }
    }
}

/// Which blocks of a reply a rule sees.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    #[default]
    Text,
    Paragraph,
    Sentence,
    Opening,
    Closing,
    Raw,
    /// Markdown headings, of one level when given (`heading.h2`).
    Heading(Option<u8>),
    /// Blocks inside a Markdown list.
    List,
    /// Markdown table cells, header or body.
    Table,
    TableHeader,
    TableCell,
    /// Blocks inside a Markdown blockquote.
    Blockquote,
    /// Vale's `code`, `comment` and `alt`: text replylint never gives a
    /// rule (code and comments are masked, alt text is not read), so a
    /// rule scoped to them alone finds nothing.
    Unread,
}

/// A rule's `scope` as written: one scope, or (Vale) a list of
/// alternatives, each scopes joined by `&`, any negated with `~`
/// (`[heading, list & ~blockquote]`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scopes {
    /// The scope named first (the only one, usually).
    pub first: Scope,
    /// When more than one plain scope is written: the alternatives, each
    /// a list of (negated, scope) that must all hold.
    pub filter: Option<Vec<Vec<(bool, Scope)>>>,
}

impl Scopes {
    fn parse(alternatives: &[String]) -> Result<Scopes, String> {
        let mut parsed = Vec::new();
        for alternative in alternatives {
            let mut terms = Vec::new();
            for term in alternative.split('&').map(str::trim) {
                let (negated, name) = match term.strip_prefix('~') {
                    Some(name) => (true, name.trim()),
                    None => (false, term),
                };
                let scope = Scope::parse(name)
                    .ok_or_else(|| format!("unknown scope `{name}`, expected one of {SCOPES}"))?;
                terms.push((negated, scope));
            }
            parsed.push(terms);
        }
        let first = parsed
            .iter()
            .flatten()
            .find(|(negated, _)| !negated)
            .map_or(Scope::Text, |(_, s)| *s);
        let simple = matches!(parsed.as_slice(), [one] if matches!(one.as_slice(), [(false, _)]));
        Ok(Scopes {
            first,
            filter: (!simple).then_some(parsed),
        })
    }
}

impl<'de> Deserialize<'de> for Scopes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScopesVisitor;
        impl<'de> Visitor<'de> for ScopesVisitor {
            type Value = Scopes;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a scope or a list of scopes")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Scopes, E> {
                Scopes::parse(&[v.to_owned()]).map_err(E::custom)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scopes, A::Error> {
                let mut all = Vec::new();
                while let Some(item) = seq.next_element::<String>()? {
                    all.push(item);
                }
                Scopes::parse(&all).map_err(serde::de::Error::custom)
            }
        }
        deserializer.deserialize_any(ScopesVisitor)
    }
}

/// Every scope as written, for messages.
const SCOPES: &str = "text, paragraph, sentence, opening, closing, raw, heading, heading.h1 to \
                      heading.h6, title, list, table, table.header, table.cell, blockquote, \
                      summary, code, comment, alt";

impl Scope {
    /// Whether the scope is a part of a whole reply's structure (its
    /// opening or closing), which a subject line does not have.
    pub fn is_structural(self) -> bool {
        matches!(self, Scope::Opening | Scope::Closing)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Text => "text",
            Scope::Paragraph => "paragraph",
            Scope::Sentence => "sentence",
            Scope::Opening => "opening",
            Scope::Closing => "closing",
            Scope::Raw => "raw",
            Scope::Heading(None) => "heading",
            Scope::Heading(Some(1)) => "heading.h1",
            Scope::Heading(Some(2)) => "heading.h2",
            Scope::Heading(Some(3)) => "heading.h3",
            Scope::Heading(Some(4)) => "heading.h4",
            Scope::Heading(Some(5)) => "heading.h5",
            Scope::Heading(Some(_)) => "heading.h6",
            Scope::List => "list",
            Scope::Table => "table",
            Scope::TableHeader => "table.header",
            Scope::TableCell => "table.cell",
            Scope::Blockquote => "blockquote",
            Scope::Unread => "code",
        }
    }

    /// The scope written as `name`.
    pub fn parse(name: &str) -> Option<Scope> {
        Some(match name {
            "text" => Scope::Text,
            "paragraph" => Scope::Paragraph,
            "sentence" => Scope::Sentence,
            "opening" => Scope::Opening,
            "closing" => Scope::Closing,
            "raw" => Scope::Raw,
            "heading" => Scope::Heading(None),
            "list" => Scope::List,
            "table" => Scope::Table,
            "table.header" => Scope::TableHeader,
            "table.cell" => Scope::TableCell,
            "blockquote" => Scope::Blockquote,
            // Vale: the whole text; a document's title (its first heading).
            "summary" => Scope::Text,
            "title" => Scope::Heading(Some(1)),
            "code" | "comment" | "alt" => Scope::Unread,
            _ => {
                let level = name.strip_prefix("heading.h")?.parse().ok()?;
                if !(1..=6).contains(&level) {
                    return None;
                }
                Scope::Heading(Some(level))
            }
        })
    }
}

impl<'de> Deserialize<'de> for Scope {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Scope::parse(&name).ok_or_else(|| {
            serde::de::Error::custom(format!("unknown scope `{name}`, expected one of {SCOPES}"))
        })
    }
}

/// Which turns of a conversation a rule judges.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TurnFilter {
    /// Every reply.
    #[default]
    Any,
    /// Only a first answer to the customer: not a follow-up inside an
    /// exchange, nor the continuation of an earlier message.
    First,
}

/// A string value with its position in the rule file.
pub type Str = Spanned<String>;

/// A rule file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    pub extends: Spanned<Kind>,
    pub message: Str,
    #[serde(default)]
    pub level: Option<Level>,
    #[serde(default)]
    pub scope: Option<Scopes>,
    #[serde(default)]
    pub turn: Option<TurnFilter>,
    /// The languages of the replies it judges (ISO 639-3 codes, or `any`);
    /// English when absent.
    #[serde(default)]
    pub language: Option<Spanned<Vec<Str>>>,
    #[serde(default)]
    pub ignorecase: bool,
    #[serde(default)]
    pub nonword: bool,
    #[serde(default)]
    pub exceptions: Option<Spanned<Vec<Str>>>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub link: Option<String>,
    #[serde(default)]
    pub examples: Option<ExamplesFile>,
    /// What the rule's fix does (Vale's `action`).
    #[serde(default)]
    pub action: Option<ActionFile>,
    /// Vale: `raw` goes after `tokens` instead of before (Vale styles only).
    #[serde(default)]
    pub append: bool,
    /// At most this many findings per reply (Vale's `limit`).
    #[serde(default)]
    pub limit: Option<usize>,
    /// Vale: a part-of-speech filter of a substitution (accepted, not
    /// applied: docs/vale.md).
    #[serde(default)]
    pub pos: Option<String>,
    /// Vale: a substitution's replacement follows the match's capital
    /// (replylint's replacements always do).
    #[serde(default)]
    pub capitalize: Option<bool>,
    /// Whether the accepted vocabulary silences the rule (Vale's key;
    /// true when absent).
    #[serde(default)]
    pub vocab: Option<bool>,
    // existence
    #[serde(default)]
    pub tokens: Option<Spanned<Vec<Str>>>,
    #[serde(default)]
    pub raw: Option<Spanned<Pieces>>,
    // substitution
    #[serde(default)]
    pub swap: Option<Spanned<Swaps>>,
    // occurrence
    #[serde(default)]
    pub token: Option<Str>,
    #[serde(default)]
    pub max: Option<Spanned<usize>>,
    #[serde(default)]
    pub min: Option<Spanned<usize>>,
    // conditional
    #[serde(default)]
    pub first: Option<Str>,
    #[serde(default)]
    pub second: Option<Str>,
    #[serde(default)]
    pub defines: Option<Spanned<Vec<Define>>>,
    // precedence
    #[serde(default)]
    pub expect: Option<Spanned<Vec<Str>>>,
    #[serde(default)]
    pub trigger: Option<Spanned<Vec<Str>>>,
    #[serde(default)]
    pub skip: Option<Spanned<Vec<Str>>>,
    // placeholder
    #[serde(default)]
    pub check: Option<Spanned<PlaceholderCheck>>,
    // capitalization
    #[serde(default)]
    pub r#match: Option<Str>,
    #[serde(default)]
    pub indicators: Option<Vec<String>>,
    #[serde(default)]
    pub threshold: Option<f64>,
    /// Vale's title style (`AP`, `Chicago`): accepted, AP-like titles.
    #[serde(default)]
    pub style: Option<String>,
    // repetition
    #[serde(default)]
    pub alpha: bool,
    // consistency
    #[serde(default)]
    pub either: Option<Spanned<Swaps>>,
}

/// One `defines:` entry of a conditional rule: when `when` matches anywhere
/// in the reply, a flagged value that `values` matches whole is defined
/// ("operating system" anywhere defines OS).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Define {
    pub when: Str,
    pub values: Str,
}

/// `action:` with its `name` and `params`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionFile {
    pub name: Str,
    #[serde(default)]
    pub params: Vec<String>,
}

/// `examples:` with `bad:` and `good:` lists, and the context they are
/// checked with.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamplesFile {
    #[serde(default)]
    pub bad: Vec<String>,
    #[serde(default)]
    pub good: Vec<String>,
    #[serde(default)]
    pub context: Option<ExamplesContext>,
}

/// `examples.context:` the settings a configuration file would give, used
/// only when the rule's examples are run.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamplesContext {
    /// A helpdesk id (`zendesk`, `helpscout`…).
    #[serde(default)]
    pub helpdesk: Option<Str>,
    /// Variables allowed besides the helpdesk's.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Accepted words and phrases.
    #[serde(default)]
    pub vocabulary: Vec<String>,
}

/// A regex given as one string or as a list of pieces to concatenate
/// (Vale's `raw`). A lone string has no position of its own: the
/// enclosing `Spanned` has it.
#[derive(Debug)]
pub struct Pieces(pub Vec<Piece>);

/// One piece of a `raw` regex.
#[derive(Debug)]
pub enum Piece {
    Lone(String),
    Listed(Str),
}

impl Piece {
    pub fn value(&self) -> &str {
        match self {
            Piece::Lone(s) => s,
            Piece::Listed(s) => &s.value,
        }
    }
}

impl<'de> Deserialize<'de> for Pieces {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PiecesVisitor;
        impl<'de> Visitor<'de> for PiecesVisitor {
            type Value = Pieces;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a regex string or a list of regex strings")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Pieces, E> {
                Ok(Pieces(vec![Piece::Lone(v.to_owned())]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Pieces, A::Error> {
                let mut pieces = Vec::new();
                while let Some(piece) = seq.next_element::<Str>()? {
                    pieces.push(Piece::Listed(piece));
                }
                Ok(Pieces(pieces))
            }
        }
        deserializer.deserialize_any(PiecesVisitor)
    }
}

/// `swap:` entries, in file order.
#[derive(Debug)]
pub struct Swaps(pub Vec<(Str, Str)>);

impl<'de> Deserialize<'de> for Swaps {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SwapsVisitor;
        impl<'de> Visitor<'de> for SwapsVisitor {
            type Value = Swaps;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of pattern: replacement")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Swaps, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<Str, Str>()? {
                    entries.push(entry);
                }
                Ok(Swaps(entries))
            }
        }
        deserializer.deserialize_map(SwapsVisitor)
    }
}
