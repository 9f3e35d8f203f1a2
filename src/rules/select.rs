//! `--select` and `--ignore`: rule ids or namespace prefixes (`tone/`).
//! An unknown selector is an error with a "did you mean".

use super::RuleSet;

/// A selector that matches no rule, with the closest known one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSelector {
    pub selector: String,
    pub suggestion: Option<String>,
}

impl std::fmt::Display for UnknownSelector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown rule or prefix `{}`", self.selector)?;
        if let Some(s) = &self.suggestion {
            write!(f, "; did you mean `{s}`?")?;
        }
        Ok(())
    }
}

/// Whether `selector` (an id, a `prefix/`, or a namespace or Vale style
/// name) picks rule `id`.
pub fn matches(selector: &str, id: &str) -> bool {
    if let Some(prefix) = selector.strip_suffix('/') {
        id.starts_with(prefix) && id[prefix.len()..].starts_with('/')
    } else {
        // A namespace (`tone` of `tone/blame`) or a Vale style (`Google` of
        // `Google.Passive`).
        id == selector || (id.starts_with(selector) && id[selector.len()..].starts_with(['/', '.']))
    }
}

/// Keeps the rules matched by `select` (all when empty) and not by `ignore`.
pub fn apply(
    set: &mut RuleSet,
    select: &[String],
    ignore: &[String],
) -> Result<(), Vec<UnknownSelector>> {
    let known: Vec<String> = set.rules().iter().map(|r| r.id.to_string()).collect();
    let unknown: Vec<UnknownSelector> = select
        .iter()
        .chain(ignore)
        .filter(|s| !known.iter().any(|id| matches(s, id)))
        .map(|s| UnknownSelector {
            selector: s.clone(),
            suggestion: suggest(s, &known),
        })
        .collect();
    if !unknown.is_empty() {
        return Err(unknown);
    }
    set.retain(|r| {
        (select.is_empty() || select.iter().any(|s| matches(s, &r.id)))
            && !ignore.iter().any(|s| matches(s, &r.id))
    });
    Ok(())
}

/// The known id or prefix closest to `selector`, when one is close enough.
pub fn suggest(selector: &str, known: &[String]) -> Option<String> {
    let mut candidates: Vec<String> = known.to_vec();
    for id in known {
        if let Some((prefix, _)) = id.rsplit_once('/') {
            candidates.push(format!("{prefix}/"));
        }
    }
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(selector, &c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_match_whole_namespaces() {
        assert!(matches("tone/", "tone/flat-no"));
        assert!(matches("tone", "tone/flat-no"));
        assert!(matches("tone/flat-no", "tone/flat-no"));
        assert!(!matches("ton", "tone/flat-no"));
        assert!(!matches("tone/flat", "tone/flat-no"));
    }

    #[test]
    fn suggestions_find_the_closest_id() {
        let known = vec!["tone/flat-no".to_string(), "tone/blame".to_string()];
        assert_eq!(
            suggest("tone/flat_no", &known).as_deref(),
            Some("tone/flat-no")
        );
        assert_eq!(suggest("tones/", &known).as_deref(), Some("tone/"));
        assert_eq!(suggest("zzz", &known), None);
    }
}
