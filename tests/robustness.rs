//! No panic on any input: rule files mutated at random (truncated, bytes
//! deleted or inserted, YAML punctuation sprinkled in) either load or give
//! an error located inside the file; arbitrary text never breaks the reply
//! model.

use replylint::document::Document;
use replylint::rules::blocks::{self, Blocks};
use replylint::rules::error::RuleSource;
use replylint::rules::load::parse_rule;
use replylint::rules::pack;

use replylint::document::Markup;

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const INSERTS: &[&str] = &[
    ":",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "'",
    "\"",
    "\n",
    "  ",
    "\t",
    "#",
    "&a",
    "*a",
    "!!binary ",
    "(",
    ")",
    "\\",
    "?",
    "|",
    ">",
    "é",
    "’",
    "\u{0}",
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut out: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(4) {
        match rng.below(3) {
            0 if !out.is_empty() => {
                let at = rng.below(out.len());
                out.truncate(at.max(1));
            }
            1 if !out.is_empty() => {
                let at = rng.below(out.len());
                out.remove(at);
            }
            _ => {
                let at = rng.below(out.len() + 1);
                let insert = INSERTS[rng.below(INSERTS.len())];
                for (i, c) in insert.chars().enumerate() {
                    out.insert(at + i, c);
                }
            }
        }
    }
    out.into_iter().collect()
}

#[test]
fn mutated_rule_files_never_panic_and_errors_are_located() {
    let mut rng = Rng(0x5eed);
    let (mut loaded, mut failed, mut located) = (0, 0, 0);
    for (path, text) in pack::files() {
        for _ in 0..60 {
            let mutated = mutate(text, &mut rng);
            let parsed = if *path == blocks::FILE_NAME {
                let source = RuleSource::new(*path, mutated.as_str());
                Blocks::parse(&source, &Blocks::default()).map(|_| ())
            } else {
                parse_rule("t/x", path, &mutated, pack::blocks()).map(|_| ())
            };
            match parsed {
                Ok(_) => loaded += 1,
                Err(e) => {
                    failed += 1;
                    if let Some(span) = &e.span {
                        assert!(span.start <= span.end && span.end <= mutated.len(), "{e}");
                        assert!(
                            mutated.is_char_boundary(span.start)
                                && mutated.is_char_boundary(span.end),
                            "{e}"
                        );
                        located += 1;
                    }
                    assert!(!e.message.is_empty());
                    let rendered = replylint::report::problems::load_error(&e, false);
                    assert!(rendered.starts_with("error"), "{rendered}");
                }
            }
        }
    }
    assert!(
        failed > 100,
        "mutations break files ({failed} failed, {loaded} loaded)"
    );
    assert!(
        located * 10 >= failed * 9,
        "most errors are located: {located} of {failed}"
    );
}

#[test]
fn arbitrary_text_never_breaks_the_reply_model() {
    let mut rng = Rng(0xface);
    let alphabet: Vec<char> =
        "ab Z\n\r\t>-#*`~[]{}()<>!?.:,;@%'\"/\\|_=+0123456789é’—😀\u{feff}\u{200b}"
            .chars()
            .collect();
    for _ in 0..2000 {
        let len = rng.below(300);
        let text: String = (0..len)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect();
        for format in [Markup::Plain, Markup::Markdown] {
            let doc = Document::new(&text, format);
            assert_eq!(doc.prose().len(), text.len());
            for range in doc
                .paragraphs()
                .iter()
                .chain(doc.sentences())
                .chain(doc.opening().iter())
                .chain(doc.closing().iter())
            {
                assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
                assert!(range.start <= range.end && range.end <= text.len());
            }
            for m in doc.masked() {
                assert!(text.is_char_boundary(m.range.start) && text.is_char_boundary(m.range.end));
            }
        }
    }
}
