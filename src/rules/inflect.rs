//! Inflections: the forms of an English word a rule asks for with `word~`
//! (`refund~` matches refund, refunds, refunded, refunding).
//!
//! Regular forms are built by spelling rules; a short table holds the
//! irregular verbs support replies use. A form that English does not have
//! (both "shiped" and "shipped" are built) costs nothing: it never matches.

/// Irregular verbs: base, then its other forms.
const IRREGULAR: &[(&str, &[&str])] = &[
    ("be", &["is", "are", "was", "were", "been", "being", "am"]),
    ("break", &["breaks", "broke", "broken", "breaking"]),
    ("bring", &["brings", "brought", "bringing"]),
    ("buy", &["buys", "bought", "buying"]),
    ("choose", &["chooses", "chose", "chosen", "choosing"]),
    ("come", &["comes", "came", "coming"]),
    ("do", &["does", "did", "done", "doing"]),
    ("find", &["finds", "found", "finding"]),
    ("forget", &["forgets", "forgot", "forgotten", "forgetting"]),
    ("get", &["gets", "got", "gotten", "getting"]),
    ("give", &["gives", "gave", "given", "giving"]),
    ("go", &["goes", "went", "gone", "going"]),
    ("have", &["has", "had", "having"]),
    ("hear", &["hears", "heard", "hearing"]),
    ("keep", &["keeps", "kept", "keeping"]),
    ("know", &["knows", "knew", "known", "knowing"]),
    ("lose", &["loses", "lost", "losing"]),
    ("make", &["makes", "made", "making"]),
    ("mean", &["means", "meant", "meaning"]),
    ("pay", &["pays", "paid", "paying"]),
    ("put", &["puts", "putting"]),
    ("read", &["reads", "reading"]),
    ("say", &["says", "said", "saying"]),
    ("see", &["sees", "saw", "seen", "seeing"]),
    ("send", &["sends", "sent", "sending"]),
    ("set", &["sets", "setting"]),
    ("take", &["takes", "took", "taken", "taking"]),
    ("tell", &["tells", "told", "telling"]),
    ("think", &["thinks", "thought", "thinking"]),
    (
        "understand",
        &["understands", "understood", "understanding"],
    ),
    ("write", &["writes", "wrote", "written", "writing"]),
];

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether the final consonant may double before -ed and -ing
/// (stop → stopped): consonant, vowel, consonant other than w, x, y.
fn may_double(word: &[u8]) -> bool {
    let n = word.len();
    n >= 3
        && !is_vowel(word[n - 1])
        && !matches!(word[n - 1], b'w' | b'x' | b'y')
        && is_vowel(word[n - 2])
        && !is_vowel(word[n - 3])
}

/// Every form of `word` (lower-case ASCII letters), the word itself first,
/// without duplicates.
pub fn forms(word: &str) -> Vec<String> {
    let mut out = vec![word.to_owned()];
    if let Some((_, irregular)) = IRREGULAR.iter().find(|(base, _)| *base == word) {
        out.extend(irregular.iter().map(|f| (*f).to_owned()));
        return out;
    }
    let bytes = word.as_bytes();
    let Some(&last) = bytes.last() else {
        return out;
    };
    let stem_y = last == b'y' && bytes.len() >= 2 && !is_vowel(bytes[bytes.len() - 2]);
    let plural = if stem_y {
        format!("{}ies", &word[..word.len() - 1])
    } else if ["s", "x", "z", "ch", "sh", "o"]
        .iter()
        .any(|end| word.ends_with(end))
    {
        format!("{word}es")
    } else {
        format!("{word}s")
    };
    out.push(plural);
    if stem_y {
        out.push(format!("{}ied", &word[..word.len() - 1]));
    } else if last == b'e' {
        out.push(format!("{word}d"));
    } else {
        out.push(format!("{word}ed"));
    }
    if let Some(stem) = word.strip_suffix("ie") {
        out.push(format!("{stem}ying"));
    } else if last == b'e' && !word.ends_with("ee") && bytes.len() > 2 {
        out.push(format!("{}ing", &word[..word.len() - 1]));
    } else {
        out.push(format!("{word}ing"));
    }
    if may_double(bytes) {
        let c = last as char;
        out.push(format!("{word}{c}ed"));
        out.push(format!("{word}{c}ing"));
    }
    out.dedup();
    out
}

/// `word~` as a regex group of its forms, longest first so that a pattern
/// with no word boundary after it matches "refunded" whole rather than
/// stopping at "refund"; the case of the word's first letter is kept on
/// every form ("Refund~" → "Refunds"). The forms' common start is written
/// once ("refund(?:ing|ed|s)?"): the same matches in the same order of
/// preference, and a smaller program for the regex compiler, which sees
/// these groups many times over in a big pack.
pub fn group(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    let capital = word.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    let mut forms = forms(&lower);
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    if capital {
        for form in &mut forms {
            if let Some(first) = form.get_mut(..1) {
                first.make_ascii_uppercase();
            }
        }
    }
    let common = common_prefix(&forms);
    let endings: Vec<&str> = forms.iter().map(|f| &f[common.len()..]).collect();
    match endings.split_last() {
        Some((&"", longer)) if !longer.is_empty() => {
            format!("(?:{common}(?:{})?)", longer.join("|"))
        }
        _ => format!("(?:{common}(?:{}))", endings.join("|")),
    }
}

/// The longest start that every one of `forms` shares (ASCII words).
fn common_prefix(forms: &[String]) -> String {
    let Some(first) = forms.first() else {
        return String::new();
    };
    let len = forms.iter().skip(1).fold(first.len(), |len, form| {
        first
            .bytes()
            .zip(form.bytes())
            .take(len)
            .take_while(|(a, b)| a == b)
            .count()
    });
    first[..len].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_forms() {
        assert_eq!(
            forms("refund"),
            ["refund", "refunds", "refunded", "refunding"]
        );
        assert_eq!(forms("close"), ["close", "closes", "closed", "closing"]);
        assert_eq!(forms("apply"), ["apply", "applies", "applied", "applying"]);
        assert_eq!(forms("fix"), ["fix", "fixes", "fixed", "fixing"]);
        assert!(forms("ship").contains(&"shipped".to_owned()));
        assert!(forms("ship").contains(&"shipping".to_owned()));
        assert!(forms("merge").contains(&"merging".to_owned()));
        assert!(forms("see").contains(&"seen".to_owned()));
    }

    #[test]
    fn groups_keep_the_capital() {
        assert_eq!(group("Send"), "(?:Sen(?:ding|ds|d|t))");
        assert_eq!(group("refund"), "(?:refund(?:ing|ed|s)?)");
        assert_eq!(group("go"), "(?:(?:going|goes|went|gone|go))");
        let re = regex::Regex::new(&format!("^{}$", group("resolve"))).unwrap();
        for form in ["resolve", "resolves", "resolved", "resolving"] {
            assert!(re.is_match(form), "{form}");
        }
    }
}
