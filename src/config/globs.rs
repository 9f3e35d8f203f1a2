//! Globs of `exclude`, `per-file-ignores` and `formats`, matched against a
//! file's path relative to the configuration's directory, the way
//! `.gitignore` reads them:
//!
//! - a glob without `/` matches a name at any depth (`*.draft.md`);
//! - a glob with a `/` is anchored at the configuration's directory
//!   (`archive/*.md`; a leading `/` only anchors);
//! - a trailing `/` matches directories only (`drafts/`);
//! - `*` and `?` do not cross `/`; `**` does; `{a,b}` and `[ab]` work.

use std::path::{Component, Path};

use globset::{GlobBuilder, GlobMatcher};

/// One compiled glob.
#[derive(Clone, Debug)]
pub struct Glob {
    written: String,
    matcher: GlobMatcher,
    dir_only: bool,
}

impl Glob {
    /// Compiles a glob as written in the configuration; the error says why
    /// it is not a glob.
    pub fn new(written: &str) -> Result<Glob, String> {
        let mut pattern = written.trim();
        if pattern.is_empty() {
            return Err("empty glob".into());
        }
        let dir_only = pattern.len() > 1 && pattern.ends_with('/');
        if dir_only {
            pattern = &pattern[..pattern.len() - 1];
        }
        let anchored = pattern.contains('/');
        let pattern = pattern.strip_prefix('/').unwrap_or(pattern);
        if pattern.is_empty() {
            return Err("a glob of `/` matches nothing".into());
        }
        let full = if anchored {
            pattern.to_owned()
        } else {
            format!("**/{pattern}")
        };
        let glob = GlobBuilder::new(&full)
            .literal_separator(true)
            .build()
            .map_err(|e| format!("invalid glob `{written}`: {}", e.kind()))?;
        Ok(Glob {
            written: written.to_owned(),
            matcher: glob.compile_matcher(),
            dir_only,
        })
    }

    /// The glob as written.
    pub fn as_str(&self) -> &str {
        &self.written
    }

    /// Whether the glob matches the file at `relative` itself.
    pub fn matches_file(&self, relative: &Path) -> bool {
        !self.dir_only && self.matcher.is_match(relative)
    }

    /// Whether the glob matches the file at `relative` or one of the
    /// directories it is in (below the configuration's directory).
    pub fn matches_file_or_parent(&self, relative: &Path) -> bool {
        if self.matches_file(relative) {
            return true;
        }
        let mut parent = relative.parent();
        while let Some(dir) = parent {
            if dir.as_os_str().is_empty()
                || !matches!(dir.components().next(), Some(Component::Normal(_)))
            {
                break;
            }
            if self.matcher.is_match(dir) {
                return true;
            }
            parent = dir.parent();
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glob(written: &str) -> Glob {
        Glob::new(written).unwrap()
    }

    #[test]
    fn globs_without_a_slash_match_names_at_any_depth() {
        let g = glob("*.draft.md");
        assert!(g.matches_file(Path::new("a.draft.md")));
        assert!(g.matches_file(Path::new("deep/er/a.draft.md")));
        assert!(!g.matches_file(Path::new("a.md")));
    }

    #[test]
    fn globs_with_a_slash_are_anchored_and_stars_stay_in_one_directory() {
        let g = glob("archive/*.md");
        assert!(g.matches_file(Path::new("archive/a.md")));
        assert!(!g.matches_file(Path::new("x/archive/a.md")));
        assert!(!g.matches_file(Path::new("archive/old/a.md")));
        let g = glob("/top.md");
        assert!(g.matches_file(Path::new("top.md")));
        assert!(!g.matches_file(Path::new("sub/top.md")));
        let g = glob("archive/**/*.md");
        assert!(g.matches_file(Path::new("archive/old/deeper/a.md")));
    }

    #[test]
    fn directories_match_everything_under_them() {
        let g = glob("drafts");
        assert!(g.matches_file_or_parent(Path::new("drafts/a.md")));
        assert!(g.matches_file_or_parent(Path::new("x/drafts/y/a.md")));
        assert!(!g.matches_file_or_parent(Path::new("drafts.md")));
        let g = glob("drafts/");
        assert!(g.matches_file_or_parent(Path::new("drafts/a.md")));
        assert!(
            !g.matches_file(Path::new("drafts")),
            "a trailing / is for directories"
        );
        assert!(!g.matches_file_or_parent(Path::new("drafts")));
    }

    #[test]
    fn bad_globs_say_why() {
        let e = Glob::new("a/[b").unwrap_err();
        assert!(e.contains("a/[b"), "{e}");
        assert!(Glob::new("  ").is_err());
        assert!(Glob::new("/").is_err());
    }
}
