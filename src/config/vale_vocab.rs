//! Vale's vocabularies and its built-in `Vale` style.
//!
//! `Vocab = Name` reads `StylesPath/config/vocabularies/Name/` (Vale 3) or
//! `StylesPath/Vocab/Name/` (earlier): each line of `accept.txt` is a term
//! no rule flags and that `Vale.Terms` wants written in that case; each
//! line of `reject.txt` is a term `Vale.Avoid` flags. `BasedOnStyles =
//! Vale` turns on `Vale.Terms`, `Vale.Avoid` and `Vale.Repetition` (a word
//! twice in a row); a vocabulary turns on its two rules wherever it
//! applies. The rules are written here as rule files and compiled like a
//! style's.

use std::path::{Path, PathBuf};

/// A rule of the built-in style: its id, where it comes from (shown in
/// errors and `replylint rule`), its rule file.
pub type Generated = (String, String, String);

/// The terms of a vocabulary.
#[derive(Debug, Default)]
pub struct Vocabulary {
    pub accept: Vec<String>,
    pub reject: Vec<String>,
    /// The files they were read from: (accept, reject).
    pub files: (Option<PathBuf>, Option<PathBuf>),
}

/// The folder of vocabulary `name` under `styles_path`, if it exists.
pub fn folder(styles_path: &Path, name: &str) -> Option<PathBuf> {
    [
        styles_path.join("config").join("vocabularies").join(name),
        styles_path.join("Vocab").join(name),
    ]
    .into_iter()
    .find(|p| p.is_dir())
}

/// Reads the terms of the vocabulary in `folder` into `into`.
pub fn read(folder: &Path, into: &mut Vocabulary) {
    for (file, terms, seen) in [
        ("accept.txt", &mut into.accept, &mut into.files.0),
        ("reject.txt", &mut into.reject, &mut into.files.1),
    ] {
        let path = folder.join(file);
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        for line in text.lines().map(str::trim) {
            if !line.is_empty() && !line.starts_with('#') && !terms.iter().any(|t| t == line) {
                terms.push(line.to_owned());
            }
        }
        seen.get_or_insert(path);
    }
}

/// The ids of the built-in style's rules for `vocabulary`.
pub fn rule_ids(vocabulary: &Vocabulary) -> Vec<String> {
    let mut ids = vec!["Vale.Repetition".to_owned()];
    if !vocabulary.reject.is_empty() {
        ids.push("Vale.Avoid".to_owned());
    }
    if !vocabulary.accept.is_empty() {
        ids.push("Vale.Terms".to_owned());
    }
    ids.sort();
    ids
}

/// The built-in style's rule files.
pub fn rules(vocabulary: &Vocabulary, config: &Path) -> Vec<Generated> {
    let shown = |file: &Option<PathBuf>| {
        file.as_ref()
            .map_or(config.display().to_string(), |p| p.display().to_string())
    };
    let mut out = vec![(
        "Vale.Repetition".to_owned(),
        format!("{} (Vale.Repetition)", config.display()),
        "extends: repetition\nmessage: \"'%s' is repeated!\"\nlevel: error\nalpha: true\n\
         action:\n  name: edit\n  params:\n    - truncate\n    - ' '\n\
         tokens:\n  - '[^\\s]+'\n"
            .to_owned(),
    )];
    if !vocabulary.reject.is_empty() {
        let mut yaml = "extends: existence\nmessage: \"Avoid using '%s'.\"\nlevel: error\n\
                        tokens:\n"
            .to_owned();
        for term in &vocabulary.reject {
            yaml.push_str(&format!("  - {}\n", quoted(term)));
        }
        out.push(("Vale.Avoid".to_owned(), shown(&vocabulary.files.1), yaml));
    }
    if !vocabulary.accept.is_empty() {
        let mut yaml = "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\n\
                        level: error\nignorecase: true\nvocab: false\nswap:\n"
            .to_owned();
        for term in &vocabulary.accept {
            yaml.push_str(&format!("  {}: {}\n", quoted(term), quoted(term)));
        }
        out.push(("Vale.Terms".to_owned(), shown(&vocabulary.files.0), yaml));
    }
    out
}

/// `text` as a single-quoted YAML scalar.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_are_read_from_either_folder() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("config/vocabularies/Team");
        std::fs::create_dir_all(&new).unwrap();
        std::fs::write(new.join("accept.txt"), "Acme\n# a comment\n\nO'Brien\n").unwrap();
        let old = dir.path().join("Vocab/Old");
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join("reject.txt"), "synergy\n").unwrap();
        let mut vocabulary = Vocabulary::default();
        read(&folder(dir.path(), "Team").unwrap(), &mut vocabulary);
        read(&folder(dir.path(), "Old").unwrap(), &mut vocabulary);
        assert!(folder(dir.path(), "None").is_none());
        assert_eq!(vocabulary.accept, ["Acme", "O'Brien"]);
        assert_eq!(vocabulary.reject, ["synergy"]);
        assert_eq!(
            rule_ids(&vocabulary),
            ["Vale.Avoid", "Vale.Repetition", "Vale.Terms"]
        );
        let rules = rules(&vocabulary, Path::new(".vale.ini"));
        assert!(
            rules[2].2.contains("  'O''Brien': 'O''Brien'\n"),
            "{}",
            rules[2].2
        );
    }
}
