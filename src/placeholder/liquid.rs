//! The block structure of Liquid tags: which blocks are unbalanced, and
//! which outputs sit inside a condition on their own variable (a guard such
//! as `{% if name %}Hi {{name}},{% else %}Hi there,{% endif %}`).

use std::ops::Range;

use super::{Placeholder, Syntax};

/// A tag that breaks the block structure, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockProblem {
    /// The bytes of the offending tag.
    pub span: Range<usize>,
    pub reason: String,
}

/// The closing tag of a block tag.
fn closer_of(name: &str) -> Option<&'static str> {
    Some(match name {
        "if" => "endif",
        "unless" => "endunless",
        "for" => "endfor",
        "case" => "endcase",
        "capture" => "endcapture",
        "tablerow" => "endtablerow",
        "raw" => "endraw",
        "comment" => "endcomment",
        _ => return None,
    })
}

/// The block tag an `end…` tag closes.
fn opener_of(name: &str) -> Option<&'static str> {
    [
        "if", "unless", "for", "case", "capture", "tablerow", "raw", "comment",
    ]
    .into_iter()
    .find(|opener| closer_of(opener) == Some(name))
}

/// The blocks a branch tag may appear in.
fn branch_parents(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
        "elsif" | "elif" => &["if", "unless"],
        "else" => &["if", "unless", "for", "case"],
        "when" => &["case"],
        _ => return None,
    })
}

/// An open block while walking the tags.
struct Frame<'p> {
    name: &'p str,
    span: Range<usize>,
    /// Variables its conditions read so far (`if`, `elsif`, `case`, `when`).
    reads: Vec<String>,
}

/// Walks the Liquid tags of `placeholders` (in text order), reporting
/// structure problems and, for every placeholder, whether it is guarded.
struct Walk<'p> {
    stack: Vec<Frame<'p>>,
    problems: Vec<BlockProblem>,
    guarded: Vec<bool>,
}

impl<'p> Walk<'p> {
    fn run(placeholders: &'p [Placeholder]) -> Walk<'p> {
        let mut walk = Walk {
            stack: Vec::new(),
            problems: Vec::new(),
            guarded: vec![false; placeholders.len()],
        };
        // Inside `raw` or `comment`, everything up to its closer is text.
        let mut verbatim_until: Option<&str> = None;
        for (i, p) in placeholders.iter().enumerate() {
            let tag = p.tag.as_ref().filter(|_| p.syntax == Syntax::LiquidTag);
            if let Some(closer) = verbatim_until {
                if tag.is_some_and(|t| t.name == closer) {
                    verbatim_until = None;
                    walk.stack.pop();
                }
                continue;
            }
            let Some(tag) = tag else {
                walk.guarded[i] = walk.guards(p);
                continue;
            };
            let name = tag.name.as_str();
            let reads = || tag.reads.iter().map(|v| v.normalized());
            if let Some(closer) = closer_of(name) {
                walk.stack.push(Frame {
                    name,
                    span: p.span.clone(),
                    reads: reads().collect(),
                });
                if name == "raw" || name == "comment" {
                    verbatim_until = Some(closer);
                }
            } else if let Some(parents) = branch_parents(name) {
                match walk.stack.last_mut() {
                    Some(top) if parents.contains(&top.name) => top.reads.extend(reads()),
                    _ => walk.problems.push(BlockProblem {
                        span: p.span.clone(),
                        reason: format!(
                            "`{{% {name} %}}` is outside any {} block",
                            parents
                                .iter()
                                .map(|p| format!("`{{% {p} %}}`"))
                                .collect::<Vec<_>>()
                                .join(" or ")
                        ),
                    }),
                }
            } else if let Some(opener) = opener_of(name) {
                walk.close(opener, name, p.span.clone());
            }
        }
        for frame in std::mem::take(&mut walk.stack) {
            walk.unclosed(&frame);
        }
        walk.problems.sort_by_key(|p| (p.span.start, p.span.end));
        walk
    }

    fn close(&mut self, opener: &str, closer: &str, span: Range<usize>) {
        match self.stack.iter().rposition(|f| f.name == opener) {
            Some(at) => {
                for frame in self.stack.split_off(at + 1) {
                    self.unclosed(&frame);
                }
                self.stack.pop();
            }
            None => match self.stack.pop() {
                Some(top) => self.problems.push(BlockProblem {
                    span,
                    reason: format!(
                        "`{{% {closer} %}}` cannot close `{{% {} %}}`, which needs `{{% {} %}}`",
                        top.name,
                        closer_of(top.name).unwrap_or("end")
                    ),
                }),
                None => self.problems.push(BlockProblem {
                    span,
                    reason: format!("`{{% {closer} %}}` closes no open `{{% {opener} %}}`"),
                }),
            },
        }
    }

    fn unclosed(&mut self, frame: &Frame<'_>) {
        self.problems.push(BlockProblem {
            span: frame.span.clone(),
            reason: format!(
                "`{{% {} %}}` is never closed with `{{% {} %}}`",
                frame.name,
                closer_of(frame.name).unwrap_or("end")
            ),
        });
    }

    /// Whether an enclosing condition reads the placeholder's variable.
    fn guards(&self, p: &Placeholder) -> bool {
        let Some(variable) = &p.variable else {
            return false;
        };
        let path = variable.normalized();
        self.stack.iter().any(|frame| {
            matches!(frame.name, "if" | "unless" | "case") && frame.reads.contains(&path)
        })
    }
}

/// Unbalanced blocks, stray closers and branches outside their block, in
/// text order.
pub fn block_problems(placeholders: &[Placeholder]) -> Vec<BlockProblem> {
    Walk::run(placeholders).problems
}

/// For each placeholder, whether it lies inside an `if`, `unless` or `case`
/// block whose conditions read its variable.
pub fn guarded(placeholders: &[Placeholder]) -> Vec<bool> {
    Walk::run(placeholders).guarded
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::placeholder::parse;

    fn problems(text: &str) -> Vec<(&str, String)> {
        block_problems(&parse(text))
            .into_iter()
            .map(|p| (&text[p.span], p.reason))
            .collect()
    }

    #[test]
    fn balanced_blocks_have_no_problems() {
        for text in [
            "{% if a %}x{% elsif b %}y{% else %}z{% endif %}",
            "{%- for c in list -%}{{c.body}}{% else %}none{%- endfor -%}",
            "{% case x %}{% when 'a' %}A{% when 'b' %}B{% else %}C{% endcase %}",
            "{% unless a %}x{% endunless %}{% capture n %}y{% endcapture %}",
            "{% raw %}{% if %} is shown as written{% endraw %}",
            "{% comment %}{% endif %}{% endcomment %}{% assign x = 1 %}",
        ] {
            assert_eq!(problems(text), [], "{text}");
        }
    }

    #[test]
    fn unclosed_stray_and_mismatched_tags_are_found() {
        let p = problems("{% if a %}Hi");
        assert_eq!(p[0].0, "{% if a %}");
        assert!(p[0].1.contains("never closed"), "{}", p[0].1);
        let p = problems("Hi{% endif %}");
        assert_eq!(p[0].0, "{% endif %}");
        assert!(p[0].1.contains("closes no open"));
        let p = problems("{% if a %}x{% endfor %}");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "{% endfor %}");
        assert!(p[0].1.contains("needs `{% endif %}`"), "{}", p[0].1);
        let p = problems("x{% else %}y");
        assert_eq!(p[0].0, "{% else %}");
        let p = problems("{% if a %}{% when 'b' %}{% endif %}");
        assert_eq!(p[0].0, "{% when 'b' %}");
    }

    #[test]
    fn a_closer_deeper_in_the_stack_reports_the_blocks_it_skips() {
        let p = problems("{% if a %}{% for x in y %}{% endif %}");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "{% for x in y %}");
    }

    #[test]
    fn conditions_on_the_same_variable_guard_outputs() {
        let text = "{% if ticket.requester.first_name %}Hi {{ticket.requester.first_name}},{% else %}Hi there,{% endif %} {{ticket.id}}";
        let placeholders = parse(text);
        let guarded = guarded(&placeholders);
        let by_text: Vec<(&str, bool)> = placeholders
            .iter()
            .zip(guarded)
            .map(|(p, g)| (&text[p.span.clone()], g))
            .collect();
        assert!(by_text.contains(&("{{ticket.requester.first_name}}", true)));
        assert!(by_text.contains(&("{{ticket.id}}", false)));
    }
}
