//! A unified diff of what `--fix` would change in one file (the `similar`
//! crate's line diff, three lines of context, `a/` and `b/` headers as
//! `git diff` and `patch -p1` expect).

/// The unified diff from `old` to `new` of the file `name`; empty when they
/// are equal.
pub fn unified(name: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .missing_newline_hint(true)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_line_is_one_hunk_with_headers() {
        let diff = unified(
            "r.md",
            "Hi,\nlog in here.\nBye\n",
            "Hi,\nsign in here.\nBye\n",
        );
        assert_eq!(
            diff,
            "--- a/r.md\n+++ b/r.md\n@@ -1,3 +1,3 @@\n Hi,\n-log in here.\n+sign in here.\n Bye\n"
        );
        assert_eq!(unified("r.md", "same", "same"), "");
    }
}
