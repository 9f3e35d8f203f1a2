//! Regexes of rule files: validated one value at a time so an error points
//! at the offending character in the YAML, then compiled once per run.
//!
//! Token lists become one alternation, wrapped in ASCII word boundaries
//! (`(?-u:\b)`), and every `\b`, `\w` and `\d` a rule writes is compiled
//! as ASCII too, as Go's regexp (Vale's engine) reads them: on reply-like
//! text a Unicode `\b` made the pack several times slower, and a Unicode
//! `\w` makes big patterns slow to compile.

use regex::{Regex, RegexBuilder};
use regex_automata::{meta, util::syntax, MatchKind};
use regex_syntax::ast::{self, Ast};

use super::error::{LoadError, RuleSource};
use super::file::Str;
use super::search::{self, Search};

/// Compiled-program size limit for one rule's regex (untrusted patterns).
const SIZE_LIMIT: usize = 32 * 1024 * 1024;
/// Longest pattern accepted, in bytes.
const MAX_PATTERN_LEN: usize = 256 * 1024;
/// The longest case-insensitive pattern (flags and rewriting included) for
/// which the regex engine looks for literals to skip ahead with. Case
/// folding writes every letter two ways, so a longer alternation of words
/// has more literal prefixes than a prefilter takes. Measured pattern by
/// pattern on the benchmark corpus: every such pattern of the default pack
/// searched no faster with the analysis, which was about 40% of building
/// it; the 34 such patterns of the six Vale packages in `../shared` built
/// in 11 ms instead of 34 and searched 2,000 replies in 129 ms instead of
/// 144 (one of them, 276 bytes, was slower: 1.5 → 3.5 ms). Shorter and
/// case-sensitive patterns keep it: they are the ones it speeds up.
const PREFILTER_MAX_LEN: usize = 256;

/// An ASCII word boundary.
pub const WORD_BOUNDARY: &str = r"(?-u:\b)";

/// Checks one regex written as a YAML value, parsed once: its syntax and
/// its translation (such as an unknown Unicode class), an error located
/// inside the value; returns its number of capture groups. Patterns that
/// are compiled at load need no such check: [`compile`] locates their
/// errors only when they fail, which keeps start-up short.
pub fn validate(source: &RuleSource, value: &Str) -> Result<usize, LoadError> {
    check_text(source, value, &value.value)
}

/// The error of the first of `values` that does not check, located inside
/// it.
fn locate(source: &RuleSource, values: &[&Str]) -> Option<LoadError> {
    values
        .iter()
        .find_map(|value| validate(source, value).err())
}

/// Parses and translates `text`, a pattern of the same length as `value`
/// as written (its building blocks masked), and counts its capture groups:
/// an error is located inside `value` at the same offset.
pub fn check_text(source: &RuleSource, value: &Str, text: &str) -> Result<usize, LoadError> {
    let tree = checked_tree(source, value, text)?;
    Ok(ast::visit(&tree, CaptureCounter(0)).unwrap_or(0))
}

/// The syntax tree of `text`, checked as [`check_text`] says. Case folding
/// cannot make a pattern invalid, and folding every letter of a big
/// alternation is most of what translating it costs: the check runs
/// without it, whatever the rule's `ignorecase`. The default pack's
/// patterns are only parsed: they are known to translate.
pub fn checked_tree(source: &RuleSource, value: &Str, text: &str) -> Result<Ast, LoadError> {
    let tree = ast::parse::Parser::new()
        .parse(text)
        .map_err(|e| located(source, value, *e.span(), e.kind().to_string()))?;
    if !source.built_in() {
        regex_syntax::hir::translate::TranslatorBuilder::new()
            .multi_line(true)
            .crlf(true)
            .build()
            .translate(text, &tree)
            .map_err(|e| located(source, value, *e.span(), e.kind().to_string()))?;
    }
    Ok(tree)
}

fn located(source: &RuleSource, value: &Str, span: ast::Span, label: String) -> LoadError {
    let inner = span.start.offset..span.end.offset;
    let message = format!("invalid regex `{}`", value.value);
    match source.range_inside(value, inner) {
        Some(range) => source.error_at_range(range, message),
        None => source.error_at(value, message),
    }
    .with_label(label)
}

/// Counts capture groups in a syntax tree.
struct CaptureCounter(usize);

impl ast::Visitor for CaptureCounter {
    type Output = usize;
    type Err = ();

    fn finish(self) -> Result<usize, ()> {
        Ok(self.0)
    }

    fn visit_pre(&mut self, tree: &Ast) -> Result<(), ()> {
        if let Ast::Group(group) = tree {
            if matches!(
                group.kind,
                ast::GroupKind::CaptureIndex(_) | ast::GroupKind::CaptureName { .. }
            ) {
                self.0 += 1;
            }
        }
        Ok(())
    }
}

/// Compiles a full pattern built from `values` (each already syntax-checked)
/// with ASCII word boundaries. An error is located inside the value that
/// causes it, else at `at` (such as a program too large).
pub fn compile<T>(
    source: &RuleSource,
    pattern: &str,
    ignorecase: bool,
    at: &serde_saphyr::Spanned<T>,
    values: &[&Str],
) -> Result<Regex, LoadError> {
    build_located(source, pattern, at, values, || build(pattern, ignorecase))
}

/// [`compile`] into a [`Search`], except that in a Vale style a pattern
/// with look-around, which the regex crate does not have, runs on the
/// backtracking engine (see [`super::search`]).
pub fn compile_search<T>(
    source: &RuleSource,
    pattern: &str,
    ignorecase: bool,
    at: &serde_saphyr::Spanned<T>,
    values: &[&Str],
) -> Result<Search, LoadError> {
    match build_located(source, pattern, at, values, || {
        build_search(pattern, ignorecase)
    }) {
        Err(error) if source.vale() && search::has_look_around(pattern) => {
            search::backtracking(pattern, ignorecase).map_err(|_| error)
        }
        compiled => compiled,
    }
}

/// Runs `build` on a pattern within [`MAX_PATTERN_LEN`], its error located
/// as [`compile`] says.
fn build_located<T, R, E: std::fmt::Display>(
    source: &RuleSource,
    pattern: &str,
    at: &serde_saphyr::Spanned<T>,
    values: &[&Str],
    build: impl FnOnce() -> Result<R, E>,
) -> Result<R, LoadError> {
    check_length(source, pattern, at)?;
    build().map_err(|e| {
        locate(source, values)
            .unwrap_or_else(|| source.error_at(at, format!("regex does not compile: {e}")))
    })
}

/// The number of capture groups of one regex value, checked as
/// [`validate`] does; in a Vale style a value with look-around is checked
/// by the backtracking engine instead.
pub fn captures_of(source: &RuleSource, value: &Str) -> Result<usize, LoadError> {
    match validate(source, value) {
        Err(error) if source.vale() && search::has_look_around(&value.value) => {
            match search::backtracking(&value.value, false) {
                Ok(compiled) => Ok(compiled.captures_len() - 1),
                Err(_) => Err(error),
            }
        }
        checked => checked,
    }
}

/// Refuses patterns over [`MAX_PATTERN_LEN`].
fn check_length<T>(
    source: &RuleSource,
    pattern: &str,
    at: &serde_saphyr::Spanned<T>,
) -> Result<(), LoadError> {
    if pattern.len() > MAX_PATTERN_LEN {
        let message = format!(
            "pattern is {} bytes, over the {MAX_PATTERN_LEN}-byte limit",
            pattern.len()
        );
        return Err(source.error_at(at, message));
    }
    Ok(())
}

/// Builds a rule regex: rewritten to run and compile on ASCII where Unicode
/// is not needed (see [`super::ascii`]), multi-line, CRLF-aware, with size
/// limits.
fn build(pattern: &str, ignorecase: bool) -> Result<Regex, regex::Error> {
    RegexBuilder::new(&flagged(pattern, ignorecase))
        .size_limit(SIZE_LIMIT)
        .dfa_size_limit(SIZE_LIMIT)
        .build()
}

/// The pattern a rule compiles, whole: rewritten (see [`super::ascii`])
/// and its flags written in front of it (`(?imR-u)`: case-insensitive when
/// the rule says so, multi-line, CRLF-aware, Unicode off), so that
/// [`Regex::as_str`] reads the same as the compiled regex anywhere.
fn flagged(pattern: &str, ignorecase: bool) -> String {
    let i = if ignorecase { "i" } else { "" };
    format!("(?{i}mR-u){}", super::ascii::rewrite(pattern))
}

/// [`build`] on the regex crate's engine directly, with the same settings,
/// except that a long case-insensitive pattern skips the literal analysis
/// (see [`PREFILTER_MAX_LEN`]).
fn build_search(pattern: &str, ignorecase: bool) -> Result<Search, meta::BuildError> {
    let whole = flagged(pattern, ignorecase);
    let config = meta::Config::new()
        .match_kind(MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .nfa_size_limit(Some(SIZE_LIMIT))
        .hybrid_cache_capacity(SIZE_LIMIT)
        .auto_prefilter(!ignorecase || whole.len() <= PREFILTER_MAX_LEN);
    let regex = meta::Builder::new()
        .configure(config)
        .syntax(syntax::Config::new().utf8(true))
        .build(&whole)?;
    Ok(Search::Fast(Box::new(regex), whole))
}

/// A regex most replies never need (the `second` of a conditional rule,
/// exceptions), compiled on first use to keep start-up short. Its syntax
/// and translation are checked when the rule loads, so every error a user
/// can make is still reported before checking; only a program over the
/// size limit could fail later, and [`Deferred::error`] reports it.
#[derive(Debug)]
pub struct Deferred {
    pattern: String,
    ignorecase: bool,
    captures: usize,
    compiled: std::sync::OnceLock<Result<Search, String>>,
}

impl Deferred {
    pub fn new(
        source: &RuleSource,
        pattern: String,
        ignorecase: bool,
        at: &serde_saphyr::Spanned<impl Sized>,
        values: &[&Str],
    ) -> Result<Deferred, LoadError> {
        check_length(source, &pattern, at)?;
        let mut captures = 0;
        for value in values {
            captures += validate(source, value)?;
        }
        Ok(Deferred {
            pattern,
            ignorecase,
            captures,
            compiled: std::sync::OnceLock::new(),
        })
    }

    /// The whole pattern it compiles (see [`flagged`]).
    pub fn pattern(&self) -> String {
        flagged(&self.pattern, self.ignorecase)
    }

    /// How many capture groups the values it is built from hold.
    pub fn captures(&self) -> usize {
        self.captures
    }

    /// The compiled regex, or `None` when it failed to compile.
    pub fn get(&self) -> Option<&Search> {
        self.compiled
            .get_or_init(|| build_search(&self.pattern, self.ignorecase).map_err(|e| e.to_string()))
            .as_ref()
            .ok()
    }

    /// Why the regex failed to compile, once something needed it.
    pub fn error(&self) -> Option<&str> {
        match self.compiled.get() {
            Some(Err(e)) => Some(e),
            _ => None,
        }
    }
}

/// The alternation of a written list of regexes (`tokens`, `expect`…); an
/// empty list is an error at the key `name`. An error in a value is found
/// when the alternation compiles, and located there.
pub fn list_alternation(
    source: &RuleSource,
    list: &serde_saphyr::Spanned<Vec<Str>>,
    name: &str,
    nonword: bool,
) -> Result<String, LoadError> {
    if list.value.is_empty() {
        return Err(source
            .error_at(list, format!("`{name}` is empty"))
            .with_help("list at least one word or phrase"));
    }
    Ok(alternation(
        list.value.iter().map(|v| v.value.as_str()),
        nonword,
    ))
}

/// One alternation of `fragments`, each in a non-capturing group, wrapped in
/// word boundaries unless `nonword`.
pub fn alternation<'a>(fragments: impl IntoIterator<Item = &'a str>, nonword: bool) -> String {
    let body = fragments
        .into_iter()
        .map(|f| format!("(?:{f})"))
        .collect::<Vec<_>>()
        .join("|");
    bounded(&body, nonword)
}

/// `body` wrapped in word boundaries unless `nonword`.
pub fn bounded(body: &str, nonword: bool) -> String {
    if nonword {
        format!("(?:{body})")
    } else {
        format!("{WORD_BOUNDARY}(?:{body}){WORD_BOUNDARY}")
    }
}

/// Exceptions: matched texts that are not findings (whole; in a Vale
/// style, any that holds one as a word).
#[derive(Debug, Default)]
pub struct Exceptions(Option<Deferred>);

impl Exceptions {
    /// The pattern of the exceptions, if the rule has any.
    pub fn pattern(&self) -> Option<String> {
        self.0.as_ref().map(Deferred::pattern)
    }

    /// A rule's patterns (see `Checker::patterns`): its `main` ones, then
    /// the exceptions'.
    pub fn after(&self, main: impl IntoIterator<Item = String>) -> Vec<String> {
        main.into_iter().chain(self.pattern()).collect()
    }

    pub fn compile(
        source: &RuleSource,
        list: Option<&serde_saphyr::Spanned<Vec<Str>>>,
        ignorecase: bool,
    ) -> Result<Exceptions, LoadError> {
        let Some(list) = list.filter(|l| !l.value.is_empty()) else {
            return Ok(Exceptions(None));
        };
        let body = list
            .value
            .iter()
            .map(|v| format!("(?:{})", v.value))
            .collect::<Vec<_>>()
            .join("|");
        let values: Vec<&Str> = list.value.iter().collect();
        // Vale: an exception found anywhere in the matched text, as a word.
        let pattern = if source.vale() {
            bounded(&body, false)
        } else {
            format!("^(?:{body})$")
        };
        let deferred = Deferred::new(source, pattern, ignorecase, list, &values)?;
        Ok(Exceptions(Some(deferred)))
    }

    /// Whether `matched` is an exception.
    pub fn contains(&self, matched: &str) -> bool {
        self.0
            .as_ref()
            .and_then(Deferred::get)
            .is_some_and(|r| r.is_match(matched.trim()))
    }

    /// Why the exceptions failed to compile, once something needed them.
    pub fn error(&self) -> Option<&str> {
        self.0.as_ref().and_then(Deferred::error)
    }
}
