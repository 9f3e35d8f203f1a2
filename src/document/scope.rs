//! The reply's shape: the greeting line, the opening paragraph, the sign-off
//! and the closing paragraph.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// "Hi Dana," / "Hello {{…}}," / "Dear Customer," / "Good morning!" alone on
/// a line. The words after the salutation are names (capitalised), a
/// handle, or "there", "all", "team"…: "Hey, sorry to hear that." is not
/// a greeting.
static GREETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*[¡¿]?(?:hi|hello|hey|hiya|howdy|dear|greetings|good (?:morning|afternoon|evening)|bonjour|hallo|hola)(?:[\s,]+(?:(?:mr|mrs|ms|mx|dr|prof|sr|sra)\.|there|all|everyone|everybody|folks|friends?|team|customer|sir|madam|again|(?-i:\p{Lu})[^\s,!.?:]*|@[^\s,!.?:]+)){0,4}\s*[,!.:;—–-]?\s*$",
    )
    .expect("greeting regex")
});

/// "Best," / "Kind regards," / "Thanks!" / "Cheers, Dana" alone on a line.
static SIGN_OFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:best|best regards|best wishes|kind regards|kindest regards|warm regards|warmest regards|warmly|regards|many thanks|thanks|thanks again|thanks so much|thank you|thank you again|cheers|sincerely|yours sincerely|yours truly|yours|all the best|take care|talk soon|speak soon|with thanks|respectfully)\s*(?:[,.!—-]+\s*(?:[^\s,.!?][^,.!?\n]{0,40})?)?\s*$",
    )
    .expect("sign-off regex")
});

/// Agent initials that close a chat or social reply: "… ^MS", "… -SR".
static INITIALS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)(?:\^\s?\p{L}+|[-–—~/*]\s?[A-Z]{1,3})\s*\z").expect("initials regex")
});

/// Lines after a sign-off may hold a name, a title or a company: short ones.
const MAX_SIGN_OFF_TAIL_LINES: usize = 5;
const MAX_SIGN_OFF_TAIL_LINE_LEN: usize = 80;

/// Where the sign-off starts: the first line of the last few that is a
/// sign-off and is followed only by short lines.
pub fn sign_off_start(prose: &str) -> Option<usize> {
    // The last few non-blank lines, read from the end: (start, line).
    let mut lines: Vec<(usize, &str)> = Vec::with_capacity(MAX_SIGN_OFF_TAIL_LINES + 1);
    let mut end = prose.len();
    while lines.len() <= MAX_SIGN_OFF_TAIL_LINES {
        let start = prose[..end].rfind('\n').map_or(0, |i| i + 1);
        let line = prose[start..end].trim_end_matches('\r');
        if !super::segment::is_blank(line) {
            lines.push((start, line));
        }
        if start == 0 {
            break;
        }
        end = start - 1;
    }
    lines.reverse();
    for (i, (start, line)) in lines.iter().enumerate() {
        let rest_is_short = lines[i + 1..].iter().all(|(_, l)| {
            l.trim().chars().count() <= MAX_SIGN_OFF_TAIL_LINE_LEN && !l.trim_end().ends_with('?')
        });
        if rest_is_short && SIGN_OFF.is_match(line) {
            let lead = line.len() - line.trim_start().len();
            return Some(start + lead);
        }
    }
    None
}

/// Where closing agent initials start, if the prose ends with them.
pub fn initials_start(prose: &str) -> Option<usize> {
    // A bounded `\p{L}{1,15}` compiled 12 times slower than `+` and a check.
    let m = INITIALS
        .find(prose)
        .filter(|m| m.as_str().trim().chars().count() <= 16)?;
    let lead = m.as_str().len() - m.as_str().trim_start().len();
    Some(m.start() + lead)
}

/// Whether a line is only a greeting.
pub fn is_greeting(line: &str) -> bool {
    GREETING.is_match(line)
}

/// The opening: the first paragraph, skipping a greeting-only first line
/// (and the paragraph if that line was all of it) or a greeting-only first
/// sentence ("Hi there. Try …").
pub fn opening(
    prose: &str,
    paragraphs: &[Range<usize>],
    sentences: &[Range<usize>],
) -> Option<Range<usize>> {
    let first = paragraphs.first()?;
    let text = &prose[first.clone()];
    let first_line_len = text.find('\n').unwrap_or(text.len());
    let mut start = first.start;
    if is_greeting(&text[..first_line_len]) {
        start += first_line_len;
    } else if let Some(sentence) = sentences
        .iter()
        .find(|s| s.start >= first.start && s.start < first.end)
    {
        if is_greeting(&prose[sentence.clone()]) {
            start = sentence.end;
        }
    }
    let rest = &prose[start..first.end];
    if rest.trim().is_empty() {
        return paragraphs.get(1).cloned();
    }
    let lead = rest.len() - rest.trim_start().len();
    Some(start + lead..first.end)
}

/// The closing: the last paragraph, unless it is only a greeting.
pub fn closing(prose: &str, paragraphs: &[Range<usize>]) -> Option<Range<usize>> {
    let last = paragraphs.last()?;
    if paragraphs.len() == 1 && is_greeting(&prose[last.clone()]) {
        return None;
    }
    Some(last.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::segment::{paragraphs, sentences};

    fn opening_of(prose: &str) -> &str {
        let p = paragraphs(prose);
        let s = sentences(prose, prose, &p);
        &prose[opening(prose, &p, &s).unwrap()]
    }

    #[test]
    fn greetings_are_recognised() {
        for g in [
            "Hi Dana,",
            "Hello                    ,",
            "Dear Customer,",
            "Dear customer,",
            "Good morning!",
            "Hey there",
            "Hi,",
        ] {
            assert!(is_greeting(g), "{g}");
        }
        for g in [
            "Hi Dana, thanks for writing in.",
            "History of the issue",
            "Hello, I have reset your password and",
            "Hey, sorry to hear that.",
            "Hi, glad to help!",
        ] {
            assert!(!is_greeting(g), "{g}");
        }
    }

    #[test]
    fn opening_skips_the_greeting_line_or_sentence() {
        assert_eq!(
            opening_of("Hi Dana,\n\nThanks for the report.\n\nTry again."),
            "Thanks for the report."
        );
        assert_eq!(
            opening_of("Hi Dana,\nThanks for the report.\n\nTry again."),
            "Thanks for the report."
        );
        assert_eq!(
            opening_of("Hi there. Try these steps.\n\nMore."),
            "Try these steps."
        );
        assert_eq!(
            opening_of("Hi there!\n\nTry these steps."),
            "Try these steps."
        );
        assert_eq!(opening_of("Try these steps. Hi."), "Try these steps. Hi.");
    }

    #[test]
    fn closing_initials_are_found() {
        let prose = "Sorry about that, try again now ^MS\n";
        assert_eq!(&prose[initials_start(prose).unwrap()..], "^MS\n");
        assert!(initials_start("Thanks! -SR").is_some());
        assert!(initials_start("See the page *MS").is_some());
        assert_eq!(initials_start("It takes 2-3"), None);
        assert_eq!(initials_start("Use the A-Z list"), None);
        assert_eq!(initials_start("See ^Averyveryverylongname"), None);
    }

    #[test]
    fn sign_offs_are_found_at_the_end_only() {
        let prose = "Thanks for waiting.\n\nIt works now.\n\nKind regards,\nDana\nSupport team\n";
        assert_eq!(
            &prose[sign_off_start(prose).unwrap()..],
            "Kind regards,\nDana\nSupport team\n"
        );
        assert_eq!(
            sign_off_start("Thanks!\nCould you check the invoice and tell me what you see?"),
            None
        );
        assert!(sign_off_start("Fixed.\nCheers, Dana").is_some());
        assert_eq!(
            sign_off_start("Thanks for your patience while we looked."),
            None
        );
    }
}
