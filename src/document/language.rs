//! The language a reply is written in, so that English rules judge only
//! English replies: "vielen Dank für Ihre Nachricht" is an acknowledgement,
//! not a reply that jumps to a solution.
//!
//! Detection is `whatlang` (trigrams, no model to load) on the start of the
//! reply's prose, and only when it can tell: a short reply, or one the
//! detector is unsure of, counts as English. Most replies are English and
//! say so in a few function words; those skip the detector.

use std::sync::LazyLock;

use regex::Regex;

/// English, as [`detect`] names languages (ISO 639-3).
pub const ENGLISH: &str = "eng";

/// How much of the prose is read, in bytes.
const SAMPLE: usize = 1000;
/// Fewer letters than this, and the language is not guessed.
const MIN_LETTERS: usize = 40;
/// Fewer different words than this (a phrase repeated, a list of names),
/// and the language is not guessed: trigrams of so few words mislead.
const MIN_WORDS: usize = 10;
/// How sure the detector must be to call a reply another language.
const MIN_CONFIDENCE: f64 = 0.8;

/// English function words; three different ones in the sample settle it.
static ENGLISH_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    // ASCII word boundaries: a Unicode one sends the regex engine to its
    // slow path on text with ’ or é, and every reply is read here.
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:the|and|you|your|to|is|for|with|this|that|we|it|of|please",
        r"|thanks?|have|can)(?-u:\b)",
    ))
    .expect("English words regex")
});

/// The language of `prose` as an ISO 639-3 code ("eng", "deu", "fra"…),
/// or `None` when it cannot be told (then rules treat it as English).
pub fn detect(prose: &str) -> Option<&'static str> {
    let mut end = SAMPLE.min(prose.len());
    while !prose.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &prose[..end];
    let mut seen: Vec<&str> = Vec::new();
    for word in ENGLISH_WORDS.find_iter(sample) {
        let word = word.as_str();
        if !seen.iter().any(|w| w.eq_ignore_ascii_case(word)) {
            seen.push(word);
            if seen.len() == 3 {
                return Some(ENGLISH);
            }
        }
    }
    if sample.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        return None;
    }
    let mut words: Vec<String> = Vec::new();
    for word in sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        let word = word.to_lowercase();
        if !words.contains(&word) {
            words.push(word);
            if words.len() == MIN_WORDS {
                break;
            }
        }
    }
    if words.len() < MIN_WORDS {
        return None;
    }
    let info = whatlang::detect(sample)?;
    (info.is_reliable() && info.confidence() >= MIN_CONFIDENCE).then(|| info.lang().code())
}

/// Whether `code` is an ISO 639-3 code [`detect`] can return.
pub fn is_known(code: &str) -> bool {
    whatlang::Lang::from_code(code).is_some()
}

/// The English name of a language code from [`detect`] ("German").
pub fn name(code: &str) -> &'static str {
    whatlang::Lang::from_code(code).map_or("an unknown language", |l| l.eng_name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_other_languages() {
        let english =
            "Thanks for writing in. I have reset your password and you can sign in again now.";
        assert_eq!(detect(english), Some(ENGLISH));
        let german = "Vielen Dank für Ihre Nachricht. Leider können wir Ihre Bestellung nicht mehr ändern, sie wurde bereits versendet.";
        assert_eq!(detect(german), Some("deu"));
        assert_eq!(name("deu"), "German");
        let french = "Merci beaucoup pour votre message. Nous avons bien reçu votre demande et nous revenons vers vous rapidement.";
        assert_eq!(detect(french), Some("fra"));
    }

    #[test]
    fn short_or_empty_text_is_not_guessed() {
        assert_eq!(detect(""), None);
        assert_eq!(detect("Danke!"), None);
        assert_eq!(detect("ok"), None);
        let repeated = "Zoë — please reboot 😀 ".repeat(60);
        assert_eq!(detect(&repeated), None);
    }
}
