//! Named building blocks: regex fragments defined once in a pack's
//! `blocks.yml` and referred to from any rule as `%{name}`, and the
//! `word~` inflection marker.
//!
//! A block is a list of alternatives, one per line, each a regex that may
//! itself use other blocks and inflections:
//!
//! ```yaml
//! # blocks.yml
//! refusal:
//!   - can(?:no|['’])?t     # can't, cannot
//!   - unable to
//! next-step:
//!   - you can
//!   - try~                 # try, tries, tried, trying
//! ```
//!
//! A rule writes `%{refusal}` where the alternation should go. Every rule
//! pack sees the default pack's blocks; a pack's own `blocks.yml` adds to
//! them and replaces blocks of the same name. Patterns are checked with
//! each reference replaced by a group of the same length, so an error in
//! a rule's own part of a pattern is located exactly in its YAML value.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use regex_syntax::ast::{self, Ast};
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::error::{LoadError, RuleSource};
use super::file::Str;
use super::{inflect, pattern};

/// How deep blocks may use blocks that use blocks.
const MAX_DEPTH: usize = 32;
/// The longest a pattern may grow once its blocks are expanded (a block
/// used twice in a block used twice… doubles at each level).
const MAX_EXPANDED_LEN: usize = 256 * 1024;

/// The file name of a pack's building blocks, at the pack's root.
pub const FILE_NAME: &str = "blocks.yml";

/// Building blocks by name, each an expanded regex `(?:…|…)`.
#[derive(Clone, Debug, Default)]
pub struct Blocks {
    expanded: HashMap<String, String>,
    /// How many alternatives each block lists.
    counts: HashMap<String, usize>,
}

/// The blocks file as written: name → alternatives, in file order.
struct Written(Vec<(Str, Spanned<Vec<Str>>)>);

impl<'de> Deserialize<'de> for Written {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct WrittenVisitor;
        impl<'de> Visitor<'de> for WrittenVisitor {
            type Value = Written;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of block name: list of regex alternatives")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Written, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<Str, Spanned<Vec<Str>>>()? {
                    entries.push(entry);
                }
                Ok(Written(entries))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Written, E> {
                Ok(Written(Vec::new()))
            }
        }
        deserializer.deserialize_map(WrittenVisitor)
    }
}

impl Blocks {
    /// The names of every block, sorted.
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.expanded.keys().map(String::as_str).collect();
        names.sort_unstable();
        names
    }

    /// How many alternatives a block lists (0 for an unknown name).
    pub fn alternatives(&self, name: &str) -> usize {
        self.counts.get(name).copied().unwrap_or(0)
    }

    /// The expanded regex of a block.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.expanded.get(name).map(String::as_str)
    }

    /// Reads a blocks file on top of `base` (the default pack's blocks):
    /// its blocks are added, replacing those of the same name. Blocks may
    /// use each other in any order; a cycle is an error.
    pub fn parse(source: &RuleSource, base: &Blocks) -> Result<Blocks, LoadError> {
        let written: Written = serde_saphyr::from_str(&source.text)
            .map_err(|e| super::load::yaml_error(source, &e))?;
        let mut pending: HashMap<&str, &Spanned<Vec<Str>>> = HashMap::new();
        for (name, items) in &written.0 {
            if !is_name(&name.value) {
                return Err(source
                    .error_at(name, format!("`{}` is not a block name", name.value))
                    .with_help("block names are lower-case letters, digits, `-` and `_`"));
            }
            if items.value.is_empty() {
                return Err(source.error_at(items, format!("block `{}` is empty", name.value)));
            }
            pending.insert(&name.value, items);
        }
        let mut blocks = base.clone();
        for (name, _) in &written.0 {
            blocks.expanded.remove(&name.value);
        }
        let mut resolving = Vec::new();
        for (name, _) in &written.0 {
            resolve(source, &name.value, &pending, &mut blocks, &mut resolving)?;
        }
        Ok(blocks)
    }

    /// About how long `text` becomes once its blocks are expanded: an
    /// estimate of how long a rule file takes to compile.
    pub fn expanded_size(&self, text: &str) -> usize {
        let blocks: usize = references(text)
            .iter()
            .filter_map(|r| self.expanded.get(&text[r.name.clone()]))
            .map(String::len)
            .sum();
        text.len() + blocks
    }

    /// `value` with every `%{name}` replaced by its block and every
    /// `word~` by the word's forms; a syntax error, an unknown block or an
    /// unknown class is located in the value.
    pub fn expand(&self, source: &RuleSource, value: &Str) -> Result<String, LoadError> {
        expand_with(source, value, &|name| self.expanded.get(name).cloned())
    }
}

/// Expands the building blocks and inflections of every pattern a rule
/// file holds, in place: token lists, `raw` pieces, `swap` patterns,
/// `token`, `first`, `second`, `defines`, `exceptions` and the
/// `precedence` lists.
pub fn expand_rule(
    source: &RuleSource,
    file: &mut super::file::RuleFile,
    blocks: &Blocks,
) -> Result<(), LoadError> {
    let one = |value: &mut Str| -> Result<(), LoadError> {
        value.value = blocks.expand(source, value)?;
        Ok(())
    };
    let mut lists: Vec<&mut Spanned<Vec<Str>>> = Vec::new();
    lists.extend(file.tokens.as_mut());
    lists.extend(file.exceptions.as_mut());
    lists.extend(file.expect.as_mut());
    lists.extend(file.trigger.as_mut());
    lists.extend(file.skip.as_mut());
    for list in lists {
        list.value.iter_mut().try_for_each(one)?;
    }
    for value in [&mut file.token, &mut file.first, &mut file.second]
        .into_iter()
        .flatten()
    {
        one(value)?;
    }
    if let Some(defines) = file.defines.as_mut() {
        for define in &mut defines.value {
            one(&mut define.when)?;
            one(&mut define.values)?;
        }
    }
    if let Some(swap) = file.swap.as_mut() {
        for (pattern, _) in &mut swap.value.0 {
            one(pattern)?;
        }
    }
    if let Some(raw) = file.raw.as_mut() {
        let (referenced, defined) = (raw.referenced, raw.defined);
        for piece in &mut raw.value.0 {
            match piece {
                super::file::Piece::Listed(value) => one(value)?,
                super::file::Piece::Lone(text) => {
                    let mut value = Str::new(std::mem::take(text), referenced, defined);
                    one(&mut value)?;
                    *text = value.value;
                }
            }
        }
    }
    Ok(())
}

/// Expands block `name` (and the blocks it uses) into `blocks`.
fn resolve<'a>(
    source: &RuleSource,
    name: &'a str,
    pending: &HashMap<&'a str, &'a Spanned<Vec<Str>>>,
    blocks: &mut Blocks,
    resolving: &mut Vec<&'a str>,
) -> Result<(), LoadError> {
    if blocks.expanded.contains_key(name) {
        return Ok(());
    }
    let Some(items) = pending.get(name).copied() else {
        return Ok(());
    };
    if resolving.contains(&name) {
        resolving.push(name);
        return Err(source.error_at(
            items,
            format!(
                "blocks use each other in a cycle: {}",
                resolving.join(" → ")
            ),
        ));
    }
    if resolving.len() >= MAX_DEPTH {
        return Err(source.error_at(
            items,
            format!(
                "blocks nest more than {MAX_DEPTH} deep: {} → {name}",
                resolving.join(" → ")
            ),
        ));
    }
    resolving.push(name);
    let mut alternatives = Vec::with_capacity(items.value.len());
    for item in &items.value {
        for used in references(&item.value) {
            let used = &item.value[used.name.clone()];
            if let Some((&key, _)) = pending.get_key_value(used) {
                resolve(source, key, pending, blocks, resolving)?;
            }
        }
        let expanded = expand_with(source, item, &|n| blocks.expanded.get(n).cloned())?;
        alternatives.push(expanded);
    }
    resolving.pop();
    blocks.counts.insert(name.to_owned(), items.value.len());
    blocks
        .expanded
        .insert(name.to_owned(), format!("(?:{})", alternatives.join("|")));
    Ok(())
}

/// A byte of a block name: lower-case letters, digits, `-` and `_`.
fn is_name_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'
}

fn is_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(is_name_byte)
}

/// A `%{name}` in a pattern: the whole reference and the name inside.
struct Reference {
    whole: Range<usize>,
    name: Range<usize>,
}

/// Every `%{name}` of `pattern`.
fn references(pattern: &str) -> Vec<Reference> {
    let mut found = Vec::new();
    let bytes = pattern.as_bytes();
    let mut at = 0;
    while let Some(i) = pattern[at..].find("%{") {
        let start = at + i;
        let name_start = start + 2;
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| is_name_byte(**b))
            .count();
        let end = name_start + name_len;
        if name_len > 0 && bytes.get(end) == Some(&b'}') {
            found.push(Reference {
                whole: start..end + 1,
                name: name_start..end,
            });
            at = end + 1;
        } else {
            at = name_start;
        }
    }
    found
}

/// The expansion of one pattern, with `lookup` giving each block's regex.
fn expand_with(
    source: &RuleSource,
    value: &Str,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<String, LoadError> {
    let text = &value.value;
    let refs = references(text);
    if refs.is_empty() && !text.contains('~') {
        return Ok(text.clone());
    }
    // Each reference as a group of the same length, so positions hold.
    let mut masked = text.clone();
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for reference in &refs {
        let name = &text[reference.name.clone()];
        let Some(block) = lookup(name) else {
            let at = source
                .range_inside(value, reference.whole.clone())
                .unwrap_or_else(|| source.range_of(value).unwrap_or(0..0));
            return Err(source
                .error_at_range(at, format!("unknown building block `%{{{name}}}`"))
                .with_help("blocks are defined in the pack's blocks.yml"));
        };
        let len = reference.whole.len();
        masked.replace_range(
            reference.whole.clone(),
            &format!("(?:{})", "x".repeat(len - 4)),
        );
        edits.push((reference.whole.clone(), block));
    }
    let tree = pattern::checked_tree(source, value, &masked)?;
    for word in inflected_words(&tree) {
        edits.push((
            word.clone(),
            inflect::group(&text[word.start..word.end - 1]),
        ));
    }
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(text.len() * 2);
    let mut at = 0;
    for (range, replacement) in edits {
        out.push_str(&text[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&text[at..]);
    if out.len() > MAX_EXPANDED_LEN {
        return Err(source.error_at(
            value,
            format!(
                "this pattern expands to {} bytes with its blocks, over the {MAX_EXPANDED_LEN}-byte limit",
                out.len()
            ),
        ));
    }
    Ok(out)
}

/// The ranges of `word~` (word and tilde) outside classes in a pattern.
fn inflected_words(tree: &Ast) -> Vec<Range<usize>> {
    struct Finder(Vec<Range<usize>>);
    impl ast::Visitor for Finder {
        type Output = Vec<Range<usize>>;
        type Err = ();
        fn finish(self) -> Result<Self::Output, ()> {
            Ok(self.0)
        }
        fn visit_pre(&mut self, tree: &Ast) -> Result<(), ()> {
            let Ast::Concat(concat) = tree else {
                return Ok(());
            };
            for (i, item) in concat.asts.iter().enumerate() {
                let Ast::Literal(tilde) = item else { continue };
                if tilde.c != '~' || tilde.kind != ast::LiteralKind::Verbatim {
                    continue;
                }
                let mut start = None;
                for before in concat.asts[..i].iter().rev() {
                    match before {
                        Ast::Literal(l)
                            if l.kind == ast::LiteralKind::Verbatim
                                && l.c.is_ascii_alphabetic() =>
                        {
                            start = Some(l.span.start.offset);
                        }
                        _ => break,
                    }
                }
                if let Some(start) = start {
                    self.0.push(start..tilde.span.end.offset);
                }
            }
            Ok(())
        }
    }
    ast::visit(tree, Finder(Vec::new())).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    fn source(text: &str) -> RuleSource {
        RuleSource::new("blocks.yml", text)
    }

    fn blocks(text: &str) -> Result<Blocks, LoadError> {
        Blocks::parse(&source(text), &Blocks::default())
    }

    #[test]
    fn blocks_use_each_other_in_any_order() {
        let b = blocks("outer:\n  - a %{inner}\ninner:\n  - b\n  - send~\n").unwrap();
        assert_eq!(b.get("inner"), Some("(?:b|(?:sen(?:ding|ds|d|t)))"));
        assert_eq!(b.get("outer"), Some("(?:a (?:b|(?:sen(?:ding|ds|d|t))))"));
    }

    #[test]
    fn cycles_unknown_blocks_and_bad_regexes_are_located() {
        let e = blocks("a:\n  - x %{b}\nb:\n  - y %{a}\n").unwrap_err();
        assert!(e.message.contains("cycle"), "{}", e.message);
        let e = blocks("a:\n  - x %{nope}\n").unwrap_err();
        assert!(e.message.contains("`%{nope}`"), "{}", e.message);
        let at = e.line_col().unwrap();
        assert_eq!((at.line, at.column), (2, 7));
        let e = blocks("a:\n  - ok\n  - '%{b} (open'\nb:\n  - y\n").unwrap_err();
        assert_eq!(e.line_col().unwrap().line, 3, "{e}");
        let e = blocks("Bad Name:\n  - x\n").unwrap_err();
        assert!(e.message.contains("not a block name"), "{}", e.message);
        let e = blocks("a: []\n").unwrap_err();
        assert!(e.message.contains("empty"), "{}", e.message);
    }

    #[test]
    fn doubling_and_deep_blocks_are_errors_not_hangs() {
        let mut doubling = String::from("b0:\n  - x\n");
        for i in 1..40 {
            doubling.push_str(&format!("b{i}:\n  - '%{{b{}}}%{{b{}}}'\n", i - 1, i - 1));
        }
        let e = blocks(&doubling).unwrap_err();
        assert!(e.message.contains("byte limit"), "{}", e.message);
        // Declared from the top of the chain down, so resolving the first
        // block walks the whole chain.
        let mut deep = String::new();
        for i in (1..100).rev() {
            deep.push_str(&format!("d{i}:\n  - '%{{d{}}}'\n", i - 1));
        }
        deep.push_str("d0:\n  - x\n");
        let e = blocks(&deep).unwrap_err();
        assert!(e.message.contains("deep"), "{}", e.message);
    }

    #[test]
    fn tildes_in_classes_and_after_groups_stay_literal() {
        let b = Blocks::default();
        let s = source("x");
        let expand = |p: &str| {
            let value: Str = serde_saphyr::from_str(&format!("{p:?}")).unwrap();
            b.expand(&s, &value).unwrap()
        };
        assert_eq!(expand("[a~]"), "[a~]");
        assert_eq!(expand("(?:a)~"), "(?:a)~");
        assert_eq!(expand(r"fix\~"), r"fix\~");
        assert_eq!(expand("we fix~ it"), "we (?:fix(?:ing|es|ed)?) it");
    }
}
