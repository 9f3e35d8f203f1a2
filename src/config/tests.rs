//! Tests of whole configurations on disk: loading, located errors,
//! `extend` merging, matching, validation, discovery and the cache.

use std::path::{Path, PathBuf};

use super::*;
use crate::container::CollectionSpec;
use crate::diagnostic::Level;
use crate::document::Markup;
use crate::source::Format;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

/// Loads `text` as `replylint.yaml` in a fresh directory.
fn load(text: &str) -> (tempfile::TempDir, Result<Config, Vec<LoadError>>) {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "replylint.yaml", text);
    let config = Config::load(&path);
    (dir, config)
}

/// The single error of loading `text`, with its line and column.
fn error(text: &str) -> (LoadError, (usize, usize)) {
    let (_dir, result) = load(text);
    let errors = result.unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = errors.into_iter().next().unwrap();
    let at = e.line_col().unwrap_or_else(|| panic!("not located: {e}"));
    (e, (at.line, at.column))
}

const FULL: &str = "\
select: [tone/, time/vague]
ignore: [tone/blame]
extend-select: [grammar/]
level:
  tone/hedge: suggestion
  time/vague: off
per-file-ignores:
  'legacy/**': [tone/]
  '*.draft.md': [time/vague]
exclude: [archive/, '*.tmp.md']
rules: [pack]
vocabulary: [Acme Cloud, SSO]
placeholders: {helpdesk: zendesk, allow: [order.id]}
formats:
  - {glob: 'exports/*.json', format: json, items: data.macros, text: [subject, body], name: title, markup: html}
  - {glob: '*.txt', format: markdown}
fail-on: warning
";

#[test]
fn a_full_file_loads_into_plain_settings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("pack")).unwrap();
    let path = write(dir.path(), "replylint.yaml", FULL);
    let config = Config::load(&path).unwrap();
    let s = config.settings();
    assert_eq!(s.select, ["tone/", "time/vague"]);
    assert_eq!(s.ignore, ["tone/blame"]);
    assert_eq!(s.extend_select, ["grammar/"]);
    assert_eq!(s.levels, [("tone/hedge".to_string(), Level::Suggestion)]);
    assert_eq!(s.off, ["time/vague"]);
    assert_eq!(s.per_file_ignores.len(), 2);
    assert_eq!(s.exclude, ["archive/", "*.tmp.md"]);
    assert_eq!(s.rule_dirs, [paths::absolute(&dir.path().join("pack"))]);
    assert_eq!(s.vocabulary, ["Acme Cloud", "SSO"]);
    let placeholders = s.placeholders.clone().unwrap();
    assert_eq!(placeholders.helpdesk.as_deref(), Some("zendesk"));
    assert_eq!(placeholders.allow, ["order.id"]);
    assert_eq!(s.fail_on, Some(Level::Warning));
    assert_eq!(config.path(), paths::absolute(&path));
    assert_eq!(config.extends().count(), 0);

    let root = dir.path();
    assert!(config.is_excluded(&root.join("archive/2023/a.md")));
    assert!(config.is_excluded(&root.join("sub/b.tmp.md")));
    assert!(!config.is_excluded(&root.join("sub/b.md")));
    assert!(!config.is_excluded(Path::new("/elsewhere/archive/a.md")));
    assert_eq!(config.ignored_for(&root.join("legacy/x/a.md")), ["tone/"]);
    assert_eq!(
        config.ignored_for(&root.join("x/a.draft.md")),
        ["time/vague"]
    );
    assert!(config.ignored_for(&root.join("a.md")).is_empty());
    assert!(!config.checks_rule_in("tone/hedge", &root.join("legacy/a.md")));
    assert!(config.checks_rule_in("tone/hedge", &root.join("a.md")));
    assert!(!config.checks_rule_in("tone/blame", &root.join("a.md")));
    assert!(
        !config.checks_rule_in("time/vague", &root.join("a.md")),
        "off"
    );

    let spec = CollectionSpec {
        items: "data.macros".into(),
        text: vec!["subject".into(), "body".into()],
        name: Some("title".into()),
        markup: Markup::Html,
    };
    assert_eq!(
        config.format_for(&root.join("exports/zd.json")),
        Some((Format::Json, Some(spec)))
    );
    assert_eq!(
        config.format_for(&root.join("a/b.txt")),
        Some((Format::Markdown, None))
    );
    assert_eq!(config.format_for(&root.join("exports/deep/zd.json")), None);
}

#[test]
fn relative_paths_from_the_current_directory_match_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "replylint.yaml", "exclude: ['drafts/']\n");
    let config = Config::load(&path).unwrap();
    let cwd = std::env::current_dir().unwrap();
    let relative = pathdiff(&dir.path().join("drafts/a.md"), &cwd);
    assert!(config.is_excluded(&relative), "{}", relative.display());
}

/// `path` relative to `base` with `..` components (both absolute).
fn pathdiff(path: &Path, base: &Path) -> PathBuf {
    let base = paths::normalize(base);
    let mut up = PathBuf::new();
    let mut common = base.as_path();
    while !path.starts_with(common) {
        up.push("..");
        common = common.parent().unwrap();
    }
    up.join(path.strip_prefix(common).unwrap())
}

#[test]
fn an_empty_file_is_an_empty_configuration() {
    let (_dir, config) = load("# nothing yet\n");
    assert_eq!(*config.unwrap().settings(), Settings::default());
    let (_dir, config) = load("");
    assert_eq!(*config.unwrap().settings(), Settings::default());
}

#[test]
fn unknown_keys_are_located_with_a_suggestion() {
    let (e, at) = error("select: [tone/]\nextend-selct: [a/]\n");
    assert_eq!(at, (2, 1), "{e}");
    assert!(e.message.contains("extend-selct"), "{}", e.message);
    assert_eq!(e.help.as_deref(), Some("did you mean `extend-select`?"));

    let (e, at) = error("formats:\n  - {glob: '*.json', format: json, txt: [body]}\n");
    assert_eq!(at.0, 2, "{e}");
    assert_eq!(e.help.as_deref(), Some("did you mean `text`?"));

    let (e, at) = error("placeholders:\n  helpdesk: zendesk\n  alow: [x]\n");
    assert_eq!(at, (3, 3), "{e}");
    assert_eq!(e.help.as_deref(), Some("did you mean `allow`?"));
}

#[test]
fn wrong_types_are_located() {
    let (e, at) = error("select: tone/\n");
    assert_eq!(at.0, 1, "{e}");
    let (e, at) = error("vocabulary:\n  - SSO\n  - [nested]\n");
    assert_eq!(at.0, 3, "{e}");
    // A value read by a custom visitor is located at its key.
    let (e, at) = error("vocabulary: []\nplaceholders: 12\n");
    assert_eq!(at.0, 2, "{e}");
    assert!(e.message.contains("helpdesk name"), "{}", e.message);
    let (e, at) = error("- a\n- b\n");
    assert_eq!(at.0, 1, "{e}");
}

#[test]
fn bad_levels_are_located() {
    let (e, at) = error("level:\n  tone/hedge: fatal\n");
    assert_eq!(at, (2, 15), "{e}");
    assert!(e.message.contains("fatal"), "{}", e.message);
    let (e, at) = error("fail-on: off\n");
    assert_eq!(at, (1, 10), "{e}");
}

#[test]
fn bad_globs_are_located_at_the_glob() {
    let (e, at) = error("exclude:\n  - ok/*\n  - 'bad/[x'\n");
    assert_eq!(at, (3, 5), "{e}");
    assert!(e.message.contains("bad/[x"), "{}", e.message);
    assert_eq!(e.span.as_ref().map(|s| s.len()), Some("'bad/[x'".len()));
    let (e, at) = error("per-file-ignores:\n  'a/{b': [tone/]\n");
    assert_eq!(at, (2, 3), "{e}");
    let (e, at) = error("formats:\n  - glob: '[z'\n    format: plain\n");
    assert_eq!(at, (2, 11), "{e}");
}

#[test]
fn collection_keys_need_a_collection_format_and_text() {
    let (e, at) = error("formats:\n  - glob: '*.md'\n    format: markdown\n    items: x\n");
    assert_eq!(at, (4, 12), "{e}");
    assert!(e.message.contains("`items`"), "{}", e.message);
    let (e, at) = error("formats:\n  - glob: '*.json'\n    format: json\n    items: x\n");
    assert_eq!(at, (3, 13), "{e}");
    assert!(e.message.contains("`text`"), "{}", e.message);
    let (e, at) = error("formats:\n  - {glob: '*.json', format: json, text: []}\n");
    assert_eq!(at.0, 2, "{e}");
    let (_dir, config) = load("formats:\n  - {glob: '*.json', format: json, text: body}\n");
    let config = config.unwrap();
    let spec = config.settings().formats[0].collection.clone().unwrap();
    assert_eq!(spec.text, ["body"]);
    assert_eq!(spec.items, "");
    assert_eq!(spec.markup, Markup::Plain);
}

#[test]
fn missing_rule_packs_and_empty_values_are_located() {
    let (e, at) = error("rules: [nowhere]\n");
    assert_eq!(at, (1, 9), "{e}");
    assert!(e.message.contains("nowhere"), "{}", e.message);
    let (e, at) = error("select: ['']\n");
    assert_eq!(at, (1, 10), "{e}");
    let (e, at) = error("placeholders: {helpdesk: ''}\n");
    assert_eq!(at, (1, 26), "{e}");
}

#[test]
fn every_error_of_a_file_is_reported() {
    let (_dir, result) = load("exclude: ['[a', '[b']\nrules: [nowhere]\n");
    assert_eq!(result.unwrap_err().len(), 3);
}

#[test]
fn invalid_utf8_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("replylint.yaml");
    std::fs::write(&path, b"select: [tone/]\nvocabulary: [caf\xe9]\n").unwrap();
    let errors = Config::load(&path).unwrap_err();
    let at = errors[0].line_col().unwrap();
    assert_eq!((at.line, at.column), (2, 17), "{}", errors[0]);
    assert!(errors[0].message.contains("UTF-8"));
    let rendered = crate::report::problems::load_error(&errors[0], false);
    assert!(rendered.contains("replylint.yaml:2:17"), "{rendered}");
}

#[test]
fn extending_merges_by_key() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "base/base.yaml",
        "select: [tone/]\nignore: [tone/blame]\nextend-select: [a/]\nlevel: {tone/hedge: error, tone/x: off}\n\
         exclude: ['*.tmp']\nvocabulary: [SSO]\nplaceholders: {helpdesk: zendesk, allow: [a]}\n\
         formats: [{glob: '*.txt', format: plain}]\nfail-on: warning\n",
    );
    let path = write(
        dir.path(),
        "team/replylint.yaml",
        "extend: ../base/base.yaml\nselect: [time/]\nextend-select: [b/]\nlevel: {tone/x: warning}\n\
         exclude: ['*.bak']\nvocabulary: [Acme, SSO]\nplaceholders: {allow: [b]}\n\
         formats: [{glob: 'x.txt', format: markdown}]\n",
    );
    let config = Config::load(&path).unwrap();
    let s = config.settings();
    assert_eq!(s.select, ["time/"], "select replaces");
    assert_eq!(s.ignore, ["tone/blame"], "kept when not given");
    assert_eq!(s.extend_select, ["a/", "b/"], "extend-select accumulates");
    assert_eq!(
        s.levels,
        [
            ("tone/hedge".to_string(), Level::Error),
            ("tone/x".to_string(), Level::Warning)
        ]
    );
    assert!(s.off.is_empty(), "the extending file turned tone/x back on");
    assert_eq!(s.exclude, ["*.tmp", "*.bak"]);
    assert_eq!(s.vocabulary, ["SSO", "Acme"]);
    let p = s.placeholders.clone().unwrap();
    assert_eq!(
        (p.helpdesk.as_deref(), p.allow.as_slice()),
        (Some("zendesk"), &["a".to_string(), "b".to_string()][..])
    );
    assert_eq!(s.fail_on, Some(Level::Warning));
    let team = dir.path().join("team");
    assert_eq!(
        config.format_for(&team.join("x.txt")),
        Some((Format::Markdown, None)),
        "the extending file's formats come first"
    );
    assert_eq!(
        config.format_for(&team.join("y.txt")),
        Some((Format::Plain, None))
    );
    assert!(
        config.is_excluded(&team.join("a.tmp")),
        "globs are relative to the applying file"
    );
    let extends: Vec<&Path> = config.extends().collect();
    assert_eq!(
        extends,
        [paths::absolute(&dir.path().join("base/base.yaml"))]
    );
}

#[test]
fn rule_packs_are_relative_to_the_file_that_names_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("base/pack")).unwrap();
    std::fs::create_dir_all(dir.path().join("team/pack")).unwrap();
    write(dir.path(), "base/base.yaml", "rules: [pack]\n");
    let path = write(
        dir.path(),
        "team/replylint.yaml",
        "extend: ../base/base.yaml\nrules: [pack]\n",
    );
    let config = Config::load(&path).unwrap();
    let root = paths::absolute(dir.path());
    assert_eq!(
        config.settings().rule_dirs,
        [root.join("base/pack"), root.join("team/pack")]
    );
}

#[test]
fn missing_extend_targets_are_located_at_the_extend_value() {
    let (e, at) = error("select: [a/]\nextend: ../nope.yaml\n");
    assert_eq!(at, (2, 9), "{e}");
    assert!(e.message.contains("nope.yaml"), "{}", e.message);
    assert!(e.message.contains("not found"), "{}", e.message);
    let (e, at) = error("extend: ''\n");
    assert_eq!(at.0, 1, "{e}");
}

#[test]
fn extend_cycles_are_located() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.yaml", "extend: b.yaml\n");
    write(dir.path(), "b.yaml", "select: [x/]\nextend: ./a.yaml\n");
    let errors = Config::load(&dir.path().join("a.yaml")).unwrap_err();
    let e = &errors[0];
    assert!(e.path.ends_with("b.yaml"), "{e}");
    let at = e.line_col().unwrap();
    assert_eq!((at.line, at.column), (2, 9), "{e}");
    assert!(e.message.contains("cycle"), "{}", e.message);
    assert!(e.message.contains("a.yaml → "), "{}", e.message);

    write(dir.path(), "self.yaml", "extend: self.yaml\n");
    let errors = Config::load(&dir.path().join("self.yaml")).unwrap_err();
    assert!(errors[0].message.contains("cycle"), "{}", errors[0]);
}

#[test]
fn errors_in_extended_files_name_that_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "base.yaml", "level:\n  a/b: loud\n");
    let path = write(dir.path(), "sub/replylint.yaml", "extend: ../base.yaml\n");
    let errors = Config::load(&path).unwrap_err();
    assert!(errors[0].path.ends_with("base.yaml"), "{}", errors[0]);
    assert_eq!(errors[0].line_col().unwrap().line, 2);
}

#[test]
fn unknown_rule_ids_are_located_where_written_with_suggestions() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "base.yaml", "ignore: [tone/blame, tone/blam]\n");
    let path = write(
        dir.path(),
        "sub/replylint.yaml",
        "extend: ../base.yaml\nselect: [tone/, tones/]\nlevel: {time/vage: error}\nper-file-ignores: {'*.md': [time/]}\n",
    );
    let config = Config::load(&path).unwrap();
    let known = vec!["tone/blame".to_string(), "time/vague".to_string()];
    let errors = config.check_rule_ids(&known);
    let found: Vec<(String, usize, usize, Option<String>)> = errors
        .iter()
        .map(|e| {
            let at = e.line_col().unwrap();
            (
                e.path.rsplit('/').next().unwrap().to_string(),
                at.line,
                at.column,
                e.help.clone(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "replylint.yaml".into(),
                2,
                17,
                Some("did you mean `tone/`?".into())
            ),
            (
                "base.yaml".into(),
                1,
                22,
                Some("did you mean `tone/blame`?".into())
            ),
            (
                "replylint.yaml".into(),
                3,
                9,
                Some("did you mean `time/vague`?".into())
            ),
        ]
    );
    assert!(errors[0].message.contains("`tones/`"));
}

#[test]
fn unknown_helpdesks_are_located() {
    let (_dir, config) = load("placeholders: zendsk\n");
    let config = config.unwrap();
    let e = config.check_helpdesk(&["zendesk", "freshdesk"]).unwrap();
    let at = e.line_col().unwrap();
    assert_eq!((at.line, at.column), (1, 15));
    assert_eq!(e.help.as_deref(), Some("did you mean `zendesk`?"));
    assert!(
        config.check_helpdesk(&["Zendsk"]).is_none(),
        "case does not matter"
    );
    let (_dir, config) = load("placeholders: {helpdesk: qqq}\n");
    let e = config.unwrap().check_helpdesk(&["zendesk"]).unwrap();
    assert_eq!(e.line_col().unwrap().column, 26);
    assert_eq!(e.help.as_deref(), Some("known helpdesks: zendesk"));
    let (_dir, config) = load("vocabulary: [x]\n");
    assert!(config.unwrap().check_helpdesk(&[]).is_none());
}

#[test]
fn the_shown_configuration_loads_back_to_the_same_settings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("pack")).unwrap();
    let path = write(dir.path(), "replylint.yaml", FULL);
    let config = Config::load(&path).unwrap();
    let yaml = config.to_yaml();
    assert!(yaml.find("select:") < yaml.find("fail-on:"), "{yaml}");
    let again = write(dir.path(), "shown/replylint.yaml", &yaml);
    let reloaded = Config::load(&again).unwrap_or_else(|e| panic!("{yaml}\n{e:?}"));
    assert_eq!(reloaded.settings(), config.settings(), "{yaml}");
}

#[test]
fn discovery_takes_the_closest_file_and_does_not_merge_parents() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "replylint.yaml", "select: [top/]\n");
    write(dir.path(), "a/.replylint.yaml", "vocabulary: [Acme]\n");
    write(dir.path(), "a/b/c/reply.md", "Hi");
    let configs = Configs::new(Mode::Discover);
    let inner = configs
        .for_file(&dir.path().join("a/b/c/reply.md"))
        .unwrap()
        .unwrap();
    assert!(inner.path().ends_with("a/.replylint.yaml"));
    assert!(inner.settings().select.is_empty(), "no implicit merging");
    let outer = configs
        .for_file(&dir.path().join("reply.md"))
        .unwrap()
        .unwrap();
    assert_eq!(outer.settings().select, ["top/"]);
    let again = configs.for_dir(&dir.path().join("a/b")).unwrap().unwrap();
    assert!(std::sync::Arc::ptr_eq(&inner, &again), "cached");
    assert_eq!(configs.loads(), 2);
}

#[test]
fn explicit_and_isolated_modes_skip_discovery() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "replylint.yaml", "select: [near/]\n");
    let other = write(dir.path(), "other/custom.yaml", "select: [far/]\n");
    let file = dir.path().join("reply.md");
    let explicit = Configs::new(Mode::Explicit(other));
    let config = explicit.for_file(&file).unwrap().unwrap();
    assert_eq!(config.settings().select, ["far/"]);
    assert!(Configs::new(Mode::Isolated)
        .for_file(&file)
        .unwrap()
        .is_none());
    let missing = Configs::new(Mode::Explicit(dir.path().join("nope.yaml")));
    let errors = missing.for_file(&file).unwrap_err();
    assert!(errors[0].message.contains("not found"), "{}", errors[0]);
    assert_eq!(missing.errors().len(), 1);
}

#[test]
fn broken_configurations_are_errors_for_their_files_and_listed_once() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad/replylint.yaml", "selct: []\n");
    write(dir.path(), "two/replylint.yaml", "");
    write(dir.path(), "two/.replylint.yaml", "");
    let configs = Configs::new(Mode::Discover);
    for name in [
        "bad/a.md",
        "bad/b.md",
        "bad/sub/c.md",
        "two/a.md",
        "two/x/b.md",
    ] {
        assert!(configs.for_file(&dir.path().join(name)).is_err(), "{name}");
    }
    let errors = configs.errors();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors.iter().any(|e| e.message.contains("selct")));
    assert!(errors
        .iter()
        .any(|e| e.message.contains("two configuration files")));
}

#[test]
fn a_parallel_walk_reads_each_configuration_once() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "replylint.yaml", "select: [a/]\n");
    write(dir.path(), "t1/replylint.yaml", "select: [b/]\n");
    write(
        dir.path(),
        "t2/.replylint.yaml",
        "extend: ../replylint.yaml\n",
    );
    let files: Vec<PathBuf> = (0..2000)
        .map(|i| dir.path().join(format!("t{}/d{}/f{i}.md", i % 4, i % 7)))
        .collect();
    let configs = Configs::new(Mode::Discover);
    let t1 = dir.path().join("t1");
    std::thread::scope(|scope| {
        for chunk in files.chunks(250) {
            let configs = &configs;
            let t1 = &t1;
            scope.spawn(move || {
                for file in chunk {
                    let config = configs.for_file(file).unwrap().unwrap();
                    let expected = if file.starts_with(t1) { "b/" } else { "a/" };
                    assert_eq!(config.settings().select, [expected]);
                }
            });
        }
    });
    assert_eq!(configs.loads(), 3);
}

#[test]
fn the_documented_example_loads() {
    let doc = include_str!("../../docs/configuration.md");
    let fence = doc.find("```yaml replylint.yaml").expect("an example");
    let start = fence + doc[fence..].find('\n').unwrap() + 1;
    let example = &doc[start..start + doc[start..].find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "shared/replylint-base.yaml",
        "vocabulary: [Base]\n",
    );
    std::fs::create_dir_all(dir.path().join("project/team-rules")).unwrap();
    let path = write(dir.path(), "project/replylint.yaml", example);
    let config = Config::load(&path).unwrap_or_else(|e| panic!("{e:?}"));
    let s = config.settings();
    assert_eq!(s.vocabulary, ["Base", "Acme Cloud", "SSO", "SLA"]);
    assert_eq!(s.level_for("clarity/jargon"), Some(Level::Warning));
    assert!(!s.selects("tone/shouting"), "ignored");
    assert!(!s.selects("tone/vague-timeline"), "level: off");
    assert!(s.selects("closing/unconfirmed-resolution"), "extend-select");
    let project = dir.path().join("project");
    assert!(config.is_excluded(&project.join("archive/2020/a.md")));
    assert_eq!(
        config.ignored_for(&project.join("legacy/a/b.md")),
        ["tone/"]
    );
    let (format, spec) = config.format_for(&project.join("macros/zd.json")).unwrap();
    assert_eq!(format, Format::Json);
    assert_eq!(spec.unwrap().items, "data.macros");
}

#[test]
fn every_truncation_of_a_file_loads_or_gives_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("pack")).unwrap();
    let path = dir.path().join("replylint.yaml");
    for end in (0..=FULL.len()).filter(|&i| FULL.is_char_boundary(i)) {
        std::fs::write(&path, &FULL[..end]).unwrap();
        if let Err(errors) = Config::load(&path) {
            for e in errors {
                let rendered = crate::report::problems::load_error(&e, false);
                assert!(rendered.contains("replylint.yaml"), "{rendered}");
                let span = e.span.clone().unwrap_or(0..0);
                assert!(span.end <= end, "span {span:?} past the text: {e}");
            }
        }
    }
}
