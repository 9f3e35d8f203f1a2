//! Rules: YAML rule files loaded into compiled checks, and the engine that
//! runs them over a [`Document`](crate::document::Document).
//!
//! One file per rule kind (`existence`, `substitution`, `occurrence`,
//! `conditional`, `precedence`, `placeholder`, and Vale's
//! `capitalization`, `repetition`, `consistency`); `action` compiles what a
//! rule's fix does, `dialect` what differs in a Vale style; `load` reads rule files and
//! packs, `blocks` expands the named building blocks (`%{name}`) and
//! inflections (`word~`, with `inflect`) rules share, `pack` holds the
//! default rules compiled into the binary, `select` applies
//! `--select` and `--ignore`, `engine` runs rules over documents with a
//! [`Context`] (helpdesk settings, accepted vocabulary), `vocabulary` drops
//! findings on accepted terms and `examples` runs every rule's own examples
//! as tests.

// Load errors happen at most once per rule file, before any checking: their
// size does not matter, their detail (file text, span, label, help) does.
#![allow(clippy::result_large_err)]

pub mod action;
mod ascii;
pub mod blocks;
mod capitalization;
mod conditional;
mod consistency;
pub mod dialect;
pub mod engine;
pub mod error;
pub mod examples;
mod existence;
pub mod explain;
pub mod file;
mod inflect;
pub mod load;
mod occurrence;
pub mod pack;
mod pattern;
mod placeholder;
mod precedence;
mod repetition;
mod search;
pub mod select;
mod substitution;
pub mod vocabulary;

use std::cell::OnceCell;
use std::fmt::Debug;
use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::Level;
use crate::document::Document;
use crate::placeholder::Placeholder;
pub use crate::placeholder::PlaceholderSettings;
pub use error::LoadError;
pub use file::{Kind, PlaceholderCheck, Scope, TurnFilter};

/// What a run knows beyond the rules: the helpdesk whose placeholders the
/// replies use, and the accepted vocabulary (product names, terms) no rule
/// may flag. The default knows nothing: placeholder variables are not
/// checked and every finding is kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Context {
    pub placeholders: Option<PlaceholderSettings>,
    /// Words and phrases accepted as written (case-insensitively).
    pub vocabulary: Vec<String>,
}

/// A compiled rule. A clone shares the compiled check.
#[derive(Clone, Debug)]
pub struct Rule {
    /// The path of the rule file under its pack, without extension.
    pub id: Arc<str>,
    pub kind: Kind,
    pub level: Level,
    pub scope: Scope,
    /// Vale's combined scopes (`[heading, list & ~blockquote]`): the
    /// alternatives, each a list of (negated, scope) that must all hold
    /// for a block; `None` when `scope` says it all.
    pub scope_filter: Option<Vec<Vec<(bool, Scope)>>>,
    /// Which turns of a conversation the rule judges.
    pub turn: TurnFilter,
    /// The languages of the replies it judges (ISO 639-3, or `any`).
    pub languages: Vec<String>,
    /// The message; `%s` stands for the matched text (in a Vale style, see
    /// [`dialect::format_message`]).
    pub message: String,
    pub description: String,
    pub help: Arc<str>,
    pub link: Option<Arc<str>>,
    pub examples: Examples,
    /// Where the rule was loaded from.
    pub origin: String,
    /// What its fix does, when the rule file says (`action:`).
    pub action: Option<action::Action>,
    /// Read as a Vale style: its messages take their values in order.
    pub vale: bool,
    /// Whether the accepted vocabulary silences it (Vale's `vocab`, true
    /// unless the rule says `vocab: false`, as `Vale.Terms` does).
    pub vocab: bool,
    /// At most this many findings per reply (`limit`).
    pub limit: Option<usize>,
    pub(crate) checker: Arc<dyn Checker>,
}

/// A rule's own examples.
#[derive(Clone, Debug, Default)]
pub struct Examples {
    /// Replies that must be flagged, with `[[…]]` around each expected span.
    pub bad: Vec<String>,
    /// Replies that must not be flagged.
    pub good: Vec<String>,
    /// The context the examples are checked with (`examples.context`).
    pub context: Context,
}

/// What a rule kind searches: the prose (or the source, for `raw`), the
/// blocks of the rule's scope, and the sentences; and the whole document
/// and the run's context for kinds that need more.
pub struct Haystack<'a> {
    pub text: &'a str,
    pub blocks: &'a [Range<usize>],
    pub sentences: &'a [Range<usize>],
    pub doc: &'a Document<'a>,
    pub context: &'a Context,
    /// The document's placeholders, parsed once for all rules that ask.
    placeholders: &'a OnceCell<Vec<Placeholder>>,
}

impl Haystack<'_> {
    /// The placeholders of the source that are not in a region no finding
    /// may point into (code, quoted history, signature…), in order.
    pub fn placeholders(&self) -> &[Placeholder] {
        self.placeholders.get_or_init(|| {
            let mut all = crate::placeholder::parse(self.doc.source());
            all.retain(|p| !self.doc.is_never_flagged(p.span.start));
            all
        })
    }
}

/// A span a rule kind flagged, with replacements when it offers a fix and
/// a sentence added to the rule's message when it has more to say.
#[derive(Debug)]
pub struct Finding {
    pub span: Range<usize>,
    pub fixes: Vec<String>,
    /// The fix is a guess that may change the meaning (applied only with
    /// `--unsafe-fixes`); several fixes are unsafe anyway.
    pub unsafe_fix: bool,
    pub note: Option<String>,
    /// The values of the message's `%s`, in order, when they are not all
    /// the matched text (a Vale substitution's replacement, then match).
    pub args: Vec<String>,
}

impl Finding {
    fn at(span: Range<usize>) -> Finding {
        Finding {
            span,
            fixes: Vec::new(),
            unsafe_fix: false,
            note: None,
            args: Vec::new(),
        }
    }
}

/// The check of one rule kind.
pub(crate) trait Checker: Send + Sync + Debug {
    fn check(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>);

    /// Why a regex compiled on first use failed, once one did.
    fn deferred_error(&self) -> Option<&str> {
        None
    }

    /// Every regex the check searches with, whole (flags included), the
    /// main one first: what its building blocks and inflections became.
    fn patterns(&self) -> Vec<String>;
}

impl Rule {
    /// Whether the rule judges replies in `language` (from
    /// `document::language::detect`; `None`, undetected, counts as English).
    pub fn judges_language(&self, language: Option<&str>) -> bool {
        let language = language.unwrap_or(crate::document::language::ENGLISH);
        self.languages.iter().any(|l| l == "any" || l == language)
    }

    /// Whether the rule judges a whole reply's structure (its opening or
    /// closing, what comes first), which a subject line does not have.
    pub fn reads_structure(&self) -> bool {
        self.scope.is_structural() || self.kind == Kind::Precedence
    }

    /// Why one of the rule's regexes compiled on first use failed (a program
    /// over the size limit), once one did: the run must then exit 2.
    pub fn deferred_error(&self) -> Option<&str> {
        self.checker.deferred_error()
    }

    /// Every regex the rule searches with, whole (flags included), the
    /// main one first: what its building blocks and inflections became.
    pub fn patterns(&self) -> Vec<String> {
        self.checker.patterns()
    }
}

/// The rules of one run, ordered by id.
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
    /// Every rule id loaded, selected or not.
    loaded: Vec<Arc<str>>,
}

impl RuleSet {
    /// A set of `rules`; a later rule replaces an earlier one of the same id.
    pub fn new(rules: Vec<Rule>) -> Self {
        let mut by_id: std::collections::BTreeMap<Arc<str>, Rule> =
            std::collections::BTreeMap::new();
        for rule in rules {
            by_id.insert(rule.id.clone(), rule);
        }
        RuleSet {
            loaded: by_id.keys().cloned().collect(),
            rules: by_id.into_values().collect(),
        }
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| &*r.id == id)
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Every rule id loaded, including rules `retain` dropped.
    pub fn loaded_ids(&self) -> &[Arc<str>] {
        &self.loaded
    }

    /// Sets the level of every rule for which `level` gives one.
    pub fn set_levels(&mut self, level: impl Fn(&str) -> Option<Level>) {
        for rule in &mut self.rules {
            if let Some(level) = level(&rule.id) {
                rule.level = level;
            }
        }
    }

    /// Keeps the rules for which `keep` holds.
    pub fn retain(&mut self, keep: impl FnMut(&Rule) -> bool) {
        self.rules.retain(keep);
    }
}
