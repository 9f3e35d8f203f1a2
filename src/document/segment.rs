//! Segments of the prose: paragraphs, sentences and words.
//!
//! Sentences are not ended by abbreviations (e.g., i.e., etc., Mr.),
//! initials, decimals or version numbers (a period must be followed by
//! white space), nor by URLs (already masked). List items and headings are
//! sentences of their own.

use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem::Finder;

/// Paragraphs: runs of lines that are not blank in the prose, trimmed.
pub fn paragraphs(prose: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut offset = 0;
    for piece in prose.split_inclusive('\n') {
        let start = offset;
        offset += piece.len();
        if is_blank(piece) {
            if let Some(p) = current.take() {
                out.push(p);
            }
            continue;
        }
        let lead = piece.len() - piece.trim_start().len();
        let end = start + piece.trim_end().len();
        match &mut current {
            Some(p) => p.end = end,
            None => current = Some(start + lead..end),
        }
    }
    out.extend(current);
    out
}

/// Whether `line` is only white space. Lines of blanked text (quoted
/// history, signatures, code) are long runs of spaces: they are skipped a
/// byte at a time, and only a non-ASCII byte needs Unicode's white space.
pub fn is_blank(line: &str) -> bool {
    // The ASCII bytes `char::is_whitespace` accepts (\x0b included).
    let ascii_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r');
    match line.bytes().position(|b| !ascii_space(b)) {
        None => true,
        Some(i) if line.as_bytes()[i].is_ascii() => false,
        Some(i) => line[i..].trim().is_empty(),
    }
}

/// Whether a source line starts a list item or a Markdown heading.
fn starts_item(line: &str) -> Option<bool> {
    let t = line.trim_start();
    let mut chars = t.chars();
    match chars.next()? {
        '-' | '*' | '+' | '•' if chars.next().is_some_and(char::is_whitespace) => Some(false),
        '#' => {
            let hashes = t.bytes().take_while(|&b| b == b'#').count();
            let after = t[hashes..].chars().next();
            (hashes <= 6 && after.is_none_or(char::is_whitespace)).then_some(true)
        }
        c if c.is_ascii_digit() => {
            let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
            let digits = t.len() - rest.len();
            (digits <= 3 && (rest.starts_with(". ") || rest.starts_with(") "))).then_some(false)
        }
        _ => None,
    }
}

/// Abbreviations that never end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "mr", "mrs", "ms", "dr", "prof", "vs", "approx", "st", "jr", "sr", "cf", "incl",
    "fig", "ca", "dept", "nr", "tel", "ext", "u.s", "u.k", "viz", "resp",
];

/// Abbreviations that are also words: they end a sentence before a capital.
const AMBIGUOUS_ABBREVIATIONS: &[&str] = &[
    "etc", "no", "inc", "ltd", "co", "a.m", "p.m", "min", "max", "est", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri",
    "sat", "sun",
];

/// Sentences of every paragraph, trimmed, in order.
pub fn sentences(source: &str, prose: &str, paragraphs: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for paragraph in paragraphs {
        // Split the paragraph into runs at list items and headings.
        let mut run_start = paragraph.start;
        let mut offset = paragraph.start;
        for piece in prose[paragraph.clone()].split_inclusive('\n') {
            let line_start = offset;
            offset += piece.len();
            let line_end = line_start + piece.trim_end_matches(['\n', '\r']).len();
            let source_line = &source[line_start..line_end];
            if let Some(heading) = starts_item(source_line) {
                split_run(source, prose, run_start..line_start, &mut out);
                if heading {
                    split_run(source, prose, line_start..line_end, &mut out);
                    run_start = line_end;
                } else {
                    run_start = line_start;
                }
            }
        }
        split_run(source, prose, run_start..paragraph.end, &mut out);
    }
    out
}

/// Splits a run of prose at sentence ends, pushing trimmed, non-empty
/// sentences. A link that ends a sentence without a full stop ("steps here:
/// https://… Then restart it") ends it too, when a capital follows (the
/// blanked link itself is trimmed off like any space).
fn split_run(source: &str, prose: &str, run: Range<usize>, out: &mut Vec<Range<usize>>) {
    let text = &prose[run.clone()];
    let bytes = text.as_bytes();
    let mut links = blanked_links(source, text, run.start)
        .into_iter()
        .peekable();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Jump to the next sentence-ending mark or blanked link, whichever
        // comes first (every reply is split here: no byte-by-byte walk).
        let punct = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]).map(|p| i + p);
        while links.next_if(|&l| l < i).is_some() {}
        if let Some(link) = links.next_if(|&l| punct.is_none_or(|p| l < p)) {
            i = match link_ending_sentence(source, text, run.start, link) {
                Some(end) => {
                    push_trimmed(run.start + start..run.start + end, prose, out);
                    start = end;
                    end
                }
                None => link + 1,
            };
            continue;
        }
        let Some(punct_start) = punct else { break };
        let b = bytes[punct_start];
        i = punct_start;
        while i < bytes.len() && matches!(bytes[i], b'.' | b'!' | b'?') {
            i += 1;
        }
        // Closing quotes and brackets belong to the sentence.
        let rest = &text[i..];
        let closers = rest
            .char_indices()
            .find(|(_, c)| !matches!(c, '"' | '\'' | '’' | '”' | ')' | ']'))
            .map_or(rest.len(), |(n, _)| n);
        let end = i + closers;
        let next = text[end..].chars().next();
        if !next.is_none_or(char::is_whitespace) {
            continue;
        }
        if i - punct_start == 1 && b == b'.' && !ends_sentence(&text[..punct_start], &text[end..]) {
            continue;
        }
        push_trimmed(run.start + start..run.start + end, prose, out);
        start = end;
        i = end;
    }
    push_trimmed(run.start + start..run.end, prose, out);
}

/// Where links start in `text` (the run beginning at `offset` of the
/// source), blanked in the prose: `http://`, `https://` or `www.` in the
/// source where the prose has a space. In order.
fn blanked_links(source: &str, text: &str, offset: usize) -> Vec<usize> {
    let Some(in_source) = source.as_bytes().get(offset..offset + text.len()) else {
        return Vec::new();
    };
    let blanked = |&at: &usize| text.as_bytes()[at] == b' ';
    static HTTP: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("http"));
    static WWW: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("www."));
    let mut links: Vec<usize> = HTTP
        .find_iter(in_source)
        .filter(|&at| {
            let rest = &in_source[at..];
            rest.starts_with(b"http://") || rest.starts_with(b"https://")
        })
        .chain(WWW.find_iter(in_source))
        .filter(blanked)
        .collect();
    links.sort_unstable();
    links
}

/// Where the blanked link that starts at `at` of `text` (the run
/// beginning at `offset` of the source; one of [`blanked_links`]) ends,
/// when it ends a sentence: a space follows it and then a capital letter.
fn link_ending_sentence(source: &str, text: &str, offset: usize, at: usize) -> Option<usize> {
    let in_source = source.get(offset + at..)?;
    let url_len = in_source
        .find(|c: char| c.is_whitespace())
        .unwrap_or(in_source.len());
    let end = at + url_len;
    let after = text.get(end..)?;
    let next = after.trim_start().chars().next()?;
    (after.starts_with(char::is_whitespace) && next.is_uppercase()).then_some(end)
}

/// Whether a single period after `before` ends a sentence, given the text `after` it.
fn ends_sentence(before: &str, after: &str) -> bool {
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    if word.len() > 6 {
        // Longer than every abbreviation: a sentence end, unless a number.
        return !word.bytes().all(|b| b.is_ascii_digit())
            || before.trim_start().len() != word.len();
    }
    let word = word.to_ascii_lowercase();
    let next_upper = after
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    if AMBIGUOUS_ABBREVIATIONS.contains(&word.as_str()) {
        return next_upper;
    }
    if word.bytes().all(|b| b.is_ascii_digit()) && before.trim_start().len() == word.len() {
        // "1." opening a numbered item.
        return false;
    }
    let single_letter = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
    !(single_letter || ABBREVIATIONS.contains(&word.as_str()))
}

fn push_trimmed(range: Range<usize>, prose: &str, out: &mut Vec<Range<usize>>) {
    let text = &prose[range.clone()];
    let lead = text.len() - text.trim_start().len();
    let trimmed = text.trim();
    if !trimmed.is_empty() {
        let start = range.start + lead;
        out.push(start..start + trimmed.len());
    }
}

/// Words of the prose: runs of letters and digits, with inner apostrophes
/// and hyphens ("don't", "e-mail").
pub fn words(prose: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut chars = prose.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.find(|(_, c)| c.is_alphanumeric())?;
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphanumeric() {
                chars.next();
                end = i + c.len_utf8();
            } else if matches!(c, '\'' | '’' | '-')
                && prose[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
            {
                chars.next();
            } else {
                break;
            }
        }
        let first_len = prose[start..].chars().next().map_or(1, char::len_utf8);
        Some(start..end.max(start + first_len))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_are_white_space_of_any_kind() {
        for blank in ["", "   \n", " \t\x0b\x0c\r\n", "  \u{a0}\u{3000} \n"] {
            assert!(is_blank(blank), "{blank:?}");
        }
        for line in ["  x\n", "\x0bx", "  \u{e9}", " \u{a0}-"] {
            assert!(!is_blank(line), "{line:?}");
        }
    }

    fn split(text: &str) -> Vec<&str> {
        let paragraphs = paragraphs(text);
        sentences(text, text, &paragraphs)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn paragraphs_are_separated_by_blank_lines() {
        let text = "Hi Dana,\n\n  First line\nsecond.\n \t\nLast";
        let p: Vec<&str> = paragraphs(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(p, ["Hi Dana,", "First line\nsecond.", "Last"]);
    }

    #[test]
    fn abbreviations_decimals_and_versions_do_not_end_sentences() {
        assert_eq!(
            split("Use e.g. Chrome, i.e. the app. Mr. Lee paid 2.5 USD for v4.2.1. Done!"),
            [
                "Use e.g. Chrome, i.e. the app.",
                "Mr. Lee paid 2.5 USD for v4.2.1.",
                "Done!"
            ]
        );
    }

    #[test]
    fn etc_ends_a_sentence_only_before_a_capital() {
        assert_eq!(
            split("Apps, files, etc. are fine. Files etc. Then go."),
            ["Apps, files, etc. are fine.", "Files etc.", "Then go."]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            split("He said “no.” Then (yes.) ok?!"),
            ["He said “no.”", "Then (yes.)", "ok?!"]
        );
        assert_eq!(
            split("It takes 5 min. Then Sat. We close no. 5 soon."),
            ["It takes 5 min.", "Then Sat.", "We close no. 5 soon."]
        );
    }

    #[test]
    fn a_link_before_a_capital_ends_a_sentence() {
        let source = "See the steps here: https://x.io/a?b=1 Then restart it. Or see https://x.io/b for more.";
        let prose = source
            .replace("https://x.io/a?b=1", &" ".repeat(18))
            .replace("https://x.io/b", &" ".repeat(14));
        let paragraphs = paragraphs(&prose);
        let got: Vec<&str> = sentences(source, &prose, &paragraphs)
            .into_iter()
            .map(|r| &source[r])
            .collect();
        assert_eq!(
            got,
            [
                "See the steps here:",
                "Then restart it.",
                "Or see https://x.io/b for more."
            ]
        );
    }

    #[test]
    fn list_items_and_headings_are_sentences() {
        let text = "# Steps to try\nFirst do this\n- open settings\n- click save\n1. restart";
        assert_eq!(
            split(text),
            [
                "# Steps to try",
                "First do this",
                "- open settings",
                "- click save",
                "1. restart"
            ]
        );
    }

    #[test]
    fn words_keep_inner_apostrophes() {
        let text = "Don’t re-install, Zoë! 42";
        let w: Vec<&str> = words(text).map(|r| &text[r]).collect();
        assert_eq!(w, ["Don’t", "re-install", "Zoë", "42"]);
    }
}
