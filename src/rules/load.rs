//! Loading rule files and packs (directories of rule files).
//!
//! Every file of a pack is loaded and every error collected, so one run
//! reports all broken rule files at once.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::action::Action;
use super::blocks::{self, Blocks};
use super::error::{LoadError, Origin, RuleSource};
use super::file::{ExamplesContext, Kind, RuleFile, Scope};
use super::{
    capitalization, conditional, consistency, dialect, existence, occurrence, placeholder,
    precedence, repetition, substitution, Checker, Context, Examples, PlaceholderSettings, Rule,
};
use crate::diagnostic::Level;

/// Parses and compiles one rule file, its patterns using `blocks`.
pub fn parse_rule(id: &str, path: &str, text: &str, blocks: &Blocks) -> Result<Rule, LoadError> {
    parse_rule_as(id, path, text, blocks, Origin::User)
}

/// [`parse_rule`] for a file from `origin` (a Vale style's rule is read
/// with Vale's semantics).
pub fn parse_rule_as(
    id: &str,
    path: &str,
    text: &str,
    blocks: &Blocks,
    origin: Origin,
) -> Result<Rule, LoadError> {
    let source = RuleSource {
        origin,
        ..RuleSource::new(path, text)
    };
    parse_source(id, &source, blocks)
}

/// Parses and compiles the rule file `source`.
fn parse_source(id: &str, source: &RuleSource, blocks: &Blocks) -> Result<Rule, LoadError> {
    let path = &source.path;
    unsupported_kind(source)?;
    let mut file: RuleFile =
        serde_saphyr::from_str(&source.text).map_err(|e| yaml_error(source, &e))?;
    check_keys(source, &file)?;
    blocks::expand_rule(source, &mut file, blocks)?;
    let checker: Arc<dyn Checker> = match file.extends.value {
        Kind::Existence => Arc::new(existence::Existence::compile(source, &file)?),
        Kind::Substitution => Arc::new(substitution::Substitution::compile(source, &file)?),
        Kind::Occurrence => Arc::new(occurrence::Occurrence::compile(source, &file)?),
        Kind::Conditional => Arc::new(conditional::Conditional::compile(source, &file)?),
        Kind::Precedence => Arc::new(precedence::Precedence::compile(source, &file)?),
        Kind::Placeholder => Arc::new(placeholder::PlaceholderRule::compile(source, &file)?),
        Kind::Capitalization => Arc::new(capitalization::Capitalization::compile(source, &file)?),
        Kind::Repetition => Arc::new(repetition::Repetition::compile(source, &file)?),
        Kind::Consistency => Arc::new(consistency::Consistency::compile(source, &file)?),
    };
    if file.message.value.trim().is_empty() {
        return Err(source.error_at(&file.message, "`message` is empty"));
    }
    let action = match &file.action {
        Some(written) => Some(Action::compile(source, written)?),
        None => None,
    };
    let mut message = file.message.value;
    if source.vale() && file.extends.value == Kind::Substitution {
        if let Some(Action::Replace(params)) = &action {
            if params.is_empty() {
                message = dialect::unquote_first(&message);
            }
        }
    }
    let languages = languages(source, file.language.as_ref())?;
    let examples = file.examples.unwrap_or_default();
    let context = examples_context(source, examples.context)?;
    Ok(Rule {
        id: Arc::from(id),
        kind: file.extends.value,
        level: file.level.unwrap_or(Level::Warning),
        scope: file.scope.as_ref().map_or(Scope::Text, |s| s.first),
        scope_filter: file.scope.and_then(|s| s.filter),
        turn: file.turn.unwrap_or_default(),
        languages,
        message,
        description: file.description.unwrap_or_default(),
        help: Arc::from(file.help.unwrap_or_default()),
        link: file.link.map(Arc::from),
        examples: Examples {
            bad: examples.bad,
            good: examples.good,
            context,
        },
        origin: path.to_owned(),
        action,
        vale: source.vale(),
        vocab: file.vocab.unwrap_or(true),
        limit: file.limit.filter(|&l| l > 0),
        checker,
    })
}

/// Vale's kinds replylint does not have.
const UNSUPPORTED_KINDS: [&str; 5] = ["metric", "readability", "script", "sequence", "spelling"];

/// A warning (see [`LoadError::unsupported`]) when the file extends one of
/// Vale's kinds replylint does not have.
fn unsupported_kind(source: &RuleSource) -> Result<(), LoadError> {
    #[derive(serde::Deserialize)]
    struct Head {
        extends: Option<serde_saphyr::Spanned<String>>,
    }
    let Ok(Head {
        extends: Some(kind),
    }) = serde_saphyr::from_str::<Head>(&source.text)
    else {
        return Ok(());
    };
    if !UNSUPPORTED_KINDS.contains(&kind.value.as_str()) {
        return Ok(());
    }
    Err(source
        .error_at(
            &kind,
            format!("`{}` rules are not supported yet", kind.value),
        )
        .with_help(
            "this rule is skipped; the other rules run (docs/vale.md lists what is supported)",
        )
        .unsupported())
}

/// The languages a rule judges: `language:` checked, English when absent.
fn languages(
    source: &RuleSource,
    written: Option<&serde_saphyr::Spanned<Vec<super::file::Str>>>,
) -> Result<Vec<String>, LoadError> {
    let Some(written) = written else {
        return Ok(vec![crate::document::language::ENGLISH.to_owned()]);
    };
    if written.value.is_empty() {
        return Err(source.error_at(written, "`language` is empty"));
    }
    for code in &written.value {
        if code.value != "any" && !crate::document::language::is_known(&code.value) {
            return Err(source
                .error_at(code, format!("unknown language `{}`", code.value))
                .with_help("write ISO 639-3 codes such as `eng`, `deu`, `fra`, `spa`, or `any`"));
        }
    }
    Ok(written.value.iter().map(|c| c.value.clone()).collect())
}

/// The context of `examples.context`, with its helpdesk checked.
fn examples_context(
    source: &RuleSource,
    written: Option<ExamplesContext>,
) -> Result<Context, LoadError> {
    let Some(written) = written else {
        return Ok(Context::default());
    };
    if let Some(helpdesk) = &written.helpdesk {
        if !crate::placeholder::helpdesk_names().contains(&helpdesk.value.as_str()) {
            return Err(source
                .error_at(helpdesk, format!("unknown helpdesk `{}`", helpdesk.value))
                .with_help(format!(
                    "known helpdesks: {}",
                    crate::placeholder::helpdesk_names().join(", ")
                )));
        }
    }
    let placeholders =
        (written.helpdesk.is_some() || !written.allow.is_empty()).then(|| PlaceholderSettings {
            helpdesk: written.helpdesk.map(|h| h.value),
            allow: written.allow,
        });
    Ok(Context {
        placeholders,
        vocabulary: written.vocabulary,
    })
}

/// A YAML or schema error, located where serde-saphyr found it.
pub(crate) fn yaml_error(source: &RuleSource, error: &serde_saphyr::Error) -> LoadError {
    let message = error.without_snippet().to_string();
    let message = strip_location_suffix(&message);
    let located = error.location().and_then(|loc| {
        let start = match loc.span().byte_offset() {
            Some(offset) => usize::try_from(offset).ok()?,
            None => offset_of(&source.text, loc.line(), loc.column())?,
        };
        let len = usize::try_from(loc.span().byte_len().unwrap_or(1)).ok()?;
        Some(source.error_at_range(start..start + len.max(1), message.clone()))
    });
    let error = located.unwrap_or_else(|| source.error(message));
    match colon_space_on_line(source, &error) {
        true => error.with_help(
            "a plain YAML value cannot hold ': ' (as in `(?: word)`): quote the value with single quotes and double any ' inside it",
        ),
        false => error,
    }
}

/// Whether the line an error points at holds an unquoted ": " after a
/// list dash: the usual reason a regex item is "not a string".
fn colon_space_on_line(source: &RuleSource, error: &LoadError) -> bool {
    let Some(span) = &error.span else {
        return false;
    };
    let text: &str = &source.text;
    let start = text[..span.start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = text[start..end].trim_start();
    line.starts_with("- ") && !line[2..].starts_with(['\'', '"']) && line[2..].contains(": ")
}

/// The byte offset of a 1-based line and character column.
fn offset_of(text: &str, line: u64, column: u64) -> Option<usize> {
    let line = usize::try_from(line).ok()?.checked_sub(1)?;
    let column = usize::try_from(column).ok()?.checked_sub(1)?;
    let line_start = if line == 0 {
        0
    } else {
        text.match_indices('\n').nth(line - 1)?.0 + 1
    };
    let rest = &text[line_start..];
    let within = rest
        .char_indices()
        .nth(column)
        .map_or(rest.len(), |(i, _)| i);
    Some(line_start + within)
}

/// serde-saphyr appends " at line L, column C"; the renderer shows it anyway.
fn strip_location_suffix(message: &str) -> String {
    let first_line = message.lines().next().unwrap_or(message);
    match first_line.rfind(" at line ") {
        Some(i) => first_line[..i].to_owned(),
        None => first_line.to_owned(),
    }
}

/// Rejects keys of another kind and reports missing ones at `extends`.
fn check_keys(source: &RuleSource, file: &RuleFile) -> Result<(), LoadError> {
    let kind = file.extends.value;
    // (key, where it is written when it is given, the kind it belongs to)
    let given = [
        (
            "tokens",
            file.tokens.as_ref().map(|v| source.range_of(v)),
            Kind::Existence,
        ),
        (
            "raw",
            file.raw.as_ref().map(|v| source.range_of(v)),
            Kind::Existence,
        ),
        (
            "swap",
            file.swap.as_ref().map(|v| source.range_of(v)),
            Kind::Substitution,
        ),
        (
            "token",
            file.token.as_ref().map(|v| source.range_of(v)),
            Kind::Occurrence,
        ),
        (
            "max",
            file.max.as_ref().map(|v| source.range_of(v)),
            Kind::Occurrence,
        ),
        (
            "min",
            file.min.as_ref().map(|v| source.range_of(v)),
            Kind::Occurrence,
        ),
        (
            "first",
            file.first.as_ref().map(|v| source.range_of(v)),
            Kind::Conditional,
        ),
        (
            "second",
            file.second.as_ref().map(|v| source.range_of(v)),
            Kind::Conditional,
        ),
        (
            "defines",
            file.defines.as_ref().map(|v| source.range_of(v)),
            Kind::Conditional,
        ),
        (
            "expect",
            file.expect.as_ref().map(|v| source.range_of(v)),
            Kind::Precedence,
        ),
        (
            "trigger",
            file.trigger.as_ref().map(|v| source.range_of(v)),
            Kind::Precedence,
        ),
        (
            "skip",
            file.skip.as_ref().map(|v| source.range_of(v)),
            Kind::Precedence,
        ),
        (
            "check",
            file.check.as_ref().map(|v| source.range_of(v)),
            Kind::Placeholder,
        ),
        (
            "match",
            file.r#match.as_ref().map(|v| source.range_of(v)),
            Kind::Capitalization,
        ),
        (
            "either",
            file.either.as_ref().map(|v| source.range_of(v)),
            Kind::Consistency,
        ),
    ];
    for (name, written, owner) in given {
        let Some(range) = written else { continue };
        // Repetition rules take `tokens` and `max` too.
        let shared = kind == Kind::Repetition && (name == "tokens" || name == "max");
        if owner != kind && !shared {
            let message = format!("`{name}` does not apply to `{}` rules", kind.as_str());
            let error = match range {
                Some(range) => source.error_at_range(range, message),
                None => source.error(message),
            };
            return Err(error.with_help(format!(
                "`{name}` belongs to `{}` rules; {}",
                owner.as_str(),
                keys_of(kind)
            )));
        }
    }
    if kind == Kind::Existence && file.tokens.is_none() && file.raw.is_none() {
        return Err(source.error_at(&file.extends, "an `existence` rule needs `tokens` or `raw`"));
    }
    if kind == Kind::Placeholder && file.scope.is_some() {
        return Err(source
            .error("`scope` does not apply to `placeholder` rules")
            .with_help("placeholder checks read the whole reply; remove `scope`"));
    }
    Ok(())
}

fn keys_of(kind: Kind) -> &'static str {
    match kind {
        Kind::Existence => "`existence` rules use `tokens` and/or `raw`",
        Kind::Substitution => "`substitution` rules use `swap`",
        Kind::Occurrence => "`occurrence` rules use `token` with `max` and/or `min`",
        Kind::Conditional => "`conditional` rules use `first` and `second`, and `defines`",
        Kind::Precedence => "`precedence` rules use `expect`, with `trigger` and `skip`",
        Kind::Placeholder => "`placeholder` rules use `check`",
        Kind::Capitalization => "`capitalization` rules use `match`, `indicators` and `threshold`",
        Kind::Repetition => "`repetition` rules use `tokens`, `alpha` and `max`",
        Kind::Consistency => "`consistency` rules use `either`",
    }
}

/// The id of a rule file: its path under the pack root, without extension,
/// with `/` separators. `None` for files that are not rule files.
pub fn rule_id(relative: &Path) -> Option<String> {
    let ext = relative.extension()?.to_str()?;
    if ext != "yml" && ext != "yaml" {
        return None;
    }
    let stem = relative.with_extension("");
    let parts: Option<Vec<&str>> = stem.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

/// A rule file to compile: its id, its path as shown, its text.
pub type RuleText<'a> = (String, String, std::borrow::Cow<'a, str>);

/// Compiles rule files on all cores (regex compilation is most of
/// replylint's start-up), keeping their order. The biggest start first,
/// so that no core is left with one big rule at the end.
/// `origin` says where they come from (see [`Origin`]).
pub fn parse_all(
    files: &[RuleText<'_>],
    blocks: &Blocks,
    origin: Origin,
) -> Vec<Result<Rule, LoadError>> {
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_cached_key(|&i| std::cmp::Reverse(blocks.expanded_size(&files[i].2)));
    let compiled = crate::parallel::map_in_order(&order, |&i| {
        let (id, path, text) = &files[i];
        let source = RuleSource {
            origin,
            ..RuleSource::new(path.as_str(), &**text)
        };
        (
            i,
            parse_source(id, &source, blocks).map_err(|e| e.for_rule(id)),
        )
    });
    let mut results: Vec<Option<Result<Rule, LoadError>>> = files.iter().map(|_| None).collect();
    for (i, result) in compiled {
        results[i] = Some(result);
    }
    results.into_iter().flatten().collect()
}

/// Splits results into rules and errors.
pub fn partition(results: Vec<Result<Rule, LoadError>>) -> (Vec<Rule>, Vec<LoadError>) {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(rule) => rules.push(rule),
            Err(e) => errors.push(e),
        }
    }
    (rules, errors)
}

/// Loads every rule file under `dir`, its patterns using the blocks of
/// `base` and of the pack's own `blocks.yml`. Returns the rules that loaded
/// and the errors of the others.
pub fn load_dir(dir: &Path, base: &Blocks) -> (Vec<Rule>, Vec<LoadError>) {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    if !dir.is_dir() {
        errors.push(LoadError {
            path: dir.display().to_string(),
            text: None,
            span: None,
            message: "rule pack directory not found".into(),
            label: None,
            help: Some("pass a directory of .yml rule files to --rules".into()),
            rule: None,
            unsupported: false,
        });
        return (rules, errors);
    }
    let mut files: Vec<_> = ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .hidden(true)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    let mut texts = Vec::new();
    let mut blocks_file = None;
    let mut seen: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for path in files {
        let Ok(relative) = path.strip_prefix(dir) else {
            continue;
        };
        let is_blocks = relative == Path::new(blocks::FILE_NAME);
        let Some(id) = rule_id(relative) else {
            continue;
        };
        let shown = path.display().to_string();
        if let Some(first) = seen.insert(id.clone(), shown.clone()) {
            let mut error = io_error(
                &shown,
                &format!("rule `{id}` is defined twice, here and in {first}"),
            );
            error.help = Some("one file per rule id: rename or remove one of them".into());
            errors.push(error);
            continue;
        }
        match std::fs::read(&path) {
            Err(e) => errors.push(io_error(&shown, &e.to_string())),
            Ok(bytes) => match String::from_utf8(bytes) {
                Err(e) => {
                    let problem =
                        crate::source::invalid_utf8(e.as_bytes(), e.utf8_error().valid_up_to());
                    errors.push(io_error(&shown, &problem.to_string()));
                }
                Ok(text) if is_blocks => blocks_file = Some((shown, text)),
                Ok(text) => texts.push((id, shown, text.into())),
            },
        }
    }
    let blocks = match blocks_file {
        None => base.clone(),
        Some((path, text)) => {
            let source = RuleSource::new(path, text);
            match Blocks::parse(&source, base) {
                Ok(blocks) => blocks,
                Err(e) => {
                    errors.push(e);
                    base.clone()
                }
            }
        }
    };
    let (compiled, failed) = partition(parse_all(&texts, &blocks, Origin::User));
    rules.extend(compiled);
    errors.extend(failed);
    (rules, errors)
}

/// Loads a Vale style: each `Rule.yml` directly in `dir` whose id
/// (`Style.Rule`, after the folder) is in `wanted`, its patterns using the
/// blocks of `base`. Rules no section turns on are not read, as in Vale.
pub fn load_style(dir: &Path, base: &Blocks, wanted: &[String]) -> (Vec<Rule>, Vec<LoadError>) {
    let style = dir.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.filter_map(Result::ok).map(|e| e.path()).collect(),
        Err(e) => {
            return (
                Vec::new(),
                vec![io_error(&dir.display().to_string(), &e.to_string())],
            )
        }
    };
    files.sort();
    let mut texts = Vec::new();
    let mut errors = Vec::new();
    for path in files {
        let is_rule = path.extension().is_some_and(|e| e == "yml" || e == "yaml");
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let id = format!("{style}.{stem}");
        if !is_rule || !wanted.contains(&id) || !path.is_file() {
            continue;
        }
        let shown = path.display().to_string();
        match std::fs::read_to_string(&path) {
            Ok(text) => texts.push((id, shown, text.into())),
            Err(e) => errors.push(io_error(&shown, &e.to_string())),
        }
    }
    let (rules, failed) = partition(parse_all(&texts, base, Origin::ValeStyle));
    errors.extend(failed);
    (rules, errors)
}

fn io_error(path: &str, message: &str) -> LoadError {
    LoadError {
        path: path.to_owned(),
        text: None,
        span: None,
        message: message.to_owned(),
        label: None,
        help: None,
        rule: None,
        unsupported: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> LoadError {
        parse_rule("t/x", "t/x.yml", text, &Blocks::default()).unwrap_err()
    }

    #[test]
    fn ids_come_from_paths() {
        assert_eq!(
            rule_id(Path::new("tone/flat-no.yml")).as_deref(),
            Some("tone/flat-no")
        );
        assert_eq!(rule_id(Path::new("a.yaml")).as_deref(), Some("a"));
        assert_eq!(rule_id(Path::new("README.md")), None);
    }

    #[test]
    fn unknown_keys_are_located() {
        let e = error("extends: existence\nmessage: m\ntokenz: [a]\n");
        assert!(e.message.contains("tokenz"), "{}", e.message);
        let at = e.line_col().unwrap();
        assert_eq!((at.line, at.column), (3, 1));
    }

    #[test]
    fn bad_regexes_point_inside_the_value() {
        let e = error("extends: existence\nmessage: m\ntokens:\n  - ok\n  - 'revert (back'\n");
        let at = e.line_col().unwrap();
        assert_eq!(at.line, 5);
        assert!(at.column >= 6, "{at:?}");
        assert!(e.label.is_some());
    }

    #[test]
    fn unknown_classes_are_located_inside_the_value() {
        let e = error("extends: existence\nmessage: m\ntokens:\n  - ok\n  - 'a\\p{Nope}'\n");
        let at = e.line_col().unwrap();
        assert_eq!((at.line, at.column), (5, 7), "{e}");
    }

    #[test]
    fn empty_token_lists_and_foreign_keys_are_errors() {
        let e = error("extends: existence\nmessage: m\ntokens: []\n");
        assert!(e.message.contains("empty"));
        assert_eq!(e.line_col().unwrap().line, 3);
        let e = error("extends: existence\nmessage: m\ntokens: [a]\nswap: {a: b}\n");
        assert!(e.message.contains("`swap` does not apply"), "{}", e.message);
        assert_eq!(e.line_col().unwrap().line, 4);
    }

    #[test]
    fn wrong_types_are_located() {
        let e = error("extends: existence\nmessage: m\ntokens: [a]\nignorecase: maybe\n");
        assert_eq!(e.line_col().unwrap().line, 4, "{}", e.message);
        let e = error("extends: existence\nmessage: m\nlevel: fatal\ntokens: [a]\n");
        assert_eq!(e.line_col().unwrap().line, 3, "{}", e.message);
    }

    #[test]
    fn placeholder_rules_need_a_known_check_and_helpdesk() {
        let e = error("extends: placeholder\nmessage: m\n");
        assert!(e.message.contains("needs `check`"), "{}", e.message);
        let e = error("extends: placeholder\nmessage: m\ncheck: spelling\n");
        assert_eq!(e.line_col().unwrap().line, 3, "{}", e.message);
        let e = error("extends: existence\nmessage: m\ntokens: [a]\ncheck: liquid-blocks\n");
        assert!(
            e.message.contains("`check` does not apply"),
            "{}",
            e.message
        );
        let e = error(
            "extends: placeholder\nmessage: m\ncheck: unknown-variable\nexamples:\n  context:\n    helpdesk: zendessk\n",
        );
        assert!(e.message.contains("unknown helpdesk"), "{}", e.message);
        let at = e.line_col().unwrap();
        assert_eq!((at.line, at.column), (6, 15));
        let rule = parse_rule(
            "t/x",
            "t/x.yml",
            "extends: placeholder\nmessage: m\ncheck: unknown-variable\nexamples:\n  context:\n    helpdesk: zendesk\n    vocabulary: [Acme]\n",
            &Blocks::default(),
        )
        .unwrap();
        let context = &rule.examples.context;
        assert_eq!(
            context.placeholders.as_ref().unwrap().helpdesk.as_deref(),
            Some("zendesk")
        );
        assert_eq!(context.vocabulary, ["Acme"]);
    }

    #[test]
    fn an_unquoted_colon_in_a_regex_item_gets_a_hint() {
        let e = error("extends: existence\nmessage: m\ntokens:\n  - a(?: b)\n");
        assert_eq!(e.line_col().unwrap().line, 4, "{e}");
        assert!(e.help.as_deref().unwrap_or("").contains("quote"), "{e:?}");
    }

    #[test]
    fn malformed_yaml_is_located() {
        let e = error("extends: existence\nmessage: [unclosed\n");
        assert!(e.line_col().is_some(), "{}", e.message);
    }
}
