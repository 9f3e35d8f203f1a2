//! Rules: YAML rule files loaded into compiled checks, and the engine that
//! runs them over a [`Document`](crate::document::Document).
//!
//! One file per rule kind (`existence`, `substitution`, `occurrence`,
//! `conditional`); `load` reads rule files and packs, `pack` holds the
//! default rules compiled into the binary, `select` applies `--select` and
//! `--ignore`, `engine` runs rules over documents and `examples` runs every
//! rule's own examples as tests.

// Load errors happen at most once per rule file, before any checking: their
// size does not matter, their detail (file text, span, label, help) does.
#![allow(clippy::result_large_err)]

mod conditional;
pub mod engine;
pub mod error;
pub mod examples;
mod existence;
pub mod file;
pub mod load;
mod occurrence;
pub mod pack;
mod pattern;
pub mod select;
mod substitution;

use std::fmt::Debug;
use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::Level;
pub use error::LoadError;
pub use file::{Kind, Scope};

/// A compiled rule.
#[derive(Debug)]
pub struct Rule {
    /// The path of the rule file under its pack, without extension.
    pub id: Arc<str>,
    pub kind: Kind,
    pub level: Level,
    pub scope: Scope,
    /// The message; `%s` stands for the matched text.
    pub message: String,
    pub description: String,
    pub help: Arc<str>,
    pub link: Option<Arc<str>>,
    pub examples: Examples,
    /// Where the rule was loaded from.
    pub origin: String,
    pub(crate) checker: Box<dyn Checker>,
}

/// A rule's own examples.
#[derive(Clone, Debug, Default)]
pub struct Examples {
    /// Replies that must be flagged, with `[[…]]` around each expected span.
    pub bad: Vec<String>,
    /// Replies that must not be flagged.
    pub good: Vec<String>,
}

/// What a rule kind searches: the prose (or the source, for `raw`), the
/// blocks of the rule's scope, and the sentences.
pub struct Haystack<'a> {
    pub text: &'a str,
    pub blocks: &'a [Range<usize>],
    pub sentences: &'a [Range<usize>],
}

/// A span a rule kind flagged, with replacements when it offers a fix.
#[derive(Debug)]
pub struct Finding {
    pub span: Range<usize>,
    pub fixes: Vec<String>,
}

impl Finding {
    fn at(span: Range<usize>) -> Finding {
        Finding {
            span,
            fixes: Vec::new(),
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
}

impl Rule {
    /// Why one of the rule's regexes compiled on first use failed (a program
    /// over the size limit), once one did: the run must then exit 2.
    pub fn deferred_error(&self) -> Option<&str> {
        self.checker.deferred_error()
    }
}

/// The rules of one run, ordered by id.
#[derive(Debug, Default)]
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

    /// Keeps the rules for which `keep` holds.
    pub fn retain(&mut self, keep: impl FnMut(&Rule) -> bool) {
        self.rules.retain(keep);
    }
}
