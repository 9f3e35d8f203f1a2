//! The fenced code blocks of a Markdown file, and the classification of
//! each by its info string (the convention is described in `tests/docs.rs`).

/// One fenced block.
pub struct Block {
    /// The 1-based line of the opening fence.
    pub line: usize,
    /// The info string after the opening fence, trimmed.
    pub info: String,
    /// The lines between the fences, each ending in `\n`.
    pub body: String,
    /// The 0-based lines of the body in the file, `start..end`.
    pub body_lines: std::ops::Range<usize>,
}

/// Every fenced block of `text`, in order. Panics on a fence left open,
/// naming `file` and the line.
pub fn blocks(file: &str, text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some((ticks, info)) = opening(lines[i]) else {
            i += 1;
            continue;
        };
        let close = (i + 1..lines.len())
            .find(|&j| closes(lines[j], ticks))
            .unwrap_or_else(|| panic!("{file}:{}: fence never closed", i + 1));
        let body: String = lines[i + 1..close]
            .iter()
            .map(|l| format!("{l}\n"))
            .collect();
        found.push(Block {
            line: i + 1,
            info: info.to_owned(),
            body,
            body_lines: i + 1..close,
        });
        i = close + 1;
    }
    found
}

/// The number of backticks and the info string of an opening fence.
fn opening(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let ticks = trimmed.len() - trimmed.trim_start_matches('`').len();
    let info = trimmed[ticks..].trim();
    (ticks >= 3 && !info.contains('`')).then_some((ticks, info))
}

fn closes(line: &str, ticks: usize) -> bool {
    let trimmed = line.trim();
    trimmed.len() >= ticks && trimmed.chars().all(|c| c == '`')
}

/// What the docs test does with a block.
#[derive(Debug, PartialEq)]
pub enum Kind {
    /// `yaml replylint.yaml [with=PATH,…]`.
    Config { with: Vec<String> },
    /// `yaml pack=NAME file=PATH`.
    PackFile { pack: String, file: String },
    /// `sh run [in=repo] [exit=N]`, or `console …` with `$ ` prompts.
    Run {
        in_repo: bool,
        exit: Option<i32>,
        console: bool,
    },
    /// `LANG output`.
    Output,
    /// `LANG reply=NAME`.
    Reply { name: String },
    /// `text usage`.
    Usage,
    /// `sh quickstart`.
    Quickstart,
    /// `LANG skip REASON…`.
    Skip { reason: String },
}

impl Kind {
    /// A name for the kind, to count which kinds the docs use.
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Config { .. } => "replylint.yaml",
            Kind::PackFile { .. } => "pack",
            Kind::Run { .. } => "run",
            Kind::Output => "output",
            Kind::Reply { .. } => "reply",
            Kind::Usage => "usage",
            Kind::Quickstart => "quickstart",
            Kind::Skip { .. } => "skip",
        }
    }
}

/// Classifies a block by its info string; an error says why it cannot be.
pub fn classify(info: &str) -> Result<Kind, String> {
    let mut words = info.split_whitespace();
    let lang = words.next().ok_or("no info string: classify the block")?;
    let rest: Vec<&str> = words.collect();
    if rest.first() == Some(&"skip") {
        let reason = rest[1..].join(" ");
        if reason.is_empty() {
            return Err(format!("`{info}`: a skipped block needs a reason"));
        }
        return Ok(Kind::Skip { reason });
    }
    let mut roles = Vec::new();
    let mut with = Vec::new();
    let (mut pack, mut file, mut exit, mut in_repo) = (None, None, None, false);
    for word in &rest {
        match word.split_once('=') {
            None if ["replylint.yaml", "run", "output", "usage", "quickstart"].contains(word) => {
                roles.push(*word)
            }
            Some(("with", paths)) => with = paths.split(',').map(str::to_owned).collect(),
            Some(("pack", name)) => {
                roles.push("pack");
                pack = Some(name.to_owned());
            }
            Some(("file", path)) => file = Some(path.to_owned()),
            Some(("reply", name)) => {
                roles.push("reply");
                file = Some(name.to_owned());
            }
            Some(("in", "repo")) => in_repo = true,
            Some(("in", "tmp")) => in_repo = false,
            Some(("exit", code)) => {
                exit = Some(
                    code.parse()
                        .map_err(|_| format!("`{info}`: exit={code} is not a number"))?,
                )
            }
            _ => return Err(format!("`{info}`: unknown word `{word}`")),
        }
    }
    let stray = (!with.is_empty() && roles != ["replylint.yaml"])
        || ((exit.is_some() || in_repo) && roles != ["run"]);
    if stray {
        return Err(format!(
            "`{info}`: a word that does not go with its classification"
        ));
    }
    let kind = match roles.as_slice() {
        [] => return Err(format!("`{info}`: no classification (see tests/docs.rs)")),
        ["replylint.yaml"] if lang == "yaml" => Kind::Config { with },
        ["pack"] if lang == "yaml" => Kind::PackFile {
            pack: pack.unwrap_or_default(),
            file: file.ok_or_else(|| format!("`{info}`: pack=NAME needs file=PATH"))?,
        },
        ["run"] if lang == "sh" || lang == "console" => Kind::Run {
            in_repo,
            exit,
            console: lang == "console",
        },
        ["output"] => Kind::Output,
        ["reply"] => Kind::Reply {
            name: file.unwrap_or_default(),
        },
        ["usage"] if lang == "text" => Kind::Usage,
        ["quickstart"] if lang == "sh" => Kind::Quickstart,
        _ => {
            return Err(format!(
                "`{info}`: not one classification of the convention"
            ))
        }
    };
    Ok(kind)
}

/// The commands of a `run` block: the body of an `sh` block, or the lines
/// of a `console` block that start with a `$ ` prompt (the rest is output).
pub fn script(body: &str, console: bool) -> String {
    if !console {
        return body.to_owned();
    }
    body.lines()
        .filter_map(|l| l.strip_prefix("$ "))
        .map(|l| format!("{l}\n"))
        .collect()
}
