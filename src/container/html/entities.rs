//! Character references (`&rsquo;`, `&copy`, `&#8217;`, `&#x2019;`) decoded
//! as browsers do, by `htmlize`'s table of named references.

/// A decoded character reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Decoded {
    Named(&'static str),
    Char(char),
}

/// Decodes the character reference starting with the `&` at `at`, giving
/// what it stands for and where it ends, or `None` when it is no reference.
pub(super) fn char_reference(html: &str, at: usize) -> Option<(Decoded, usize)> {
    let bytes = html.as_bytes();
    if bytes.get(at + 1) == Some(&b'#') {
        return numeric_reference(bytes, at);
    }
    let name_start = at + 1;
    let limit = (at + htmlize::ENTITY_MAX_LENGTH).min(bytes.len());
    let mut end = name_start;
    while end < limit && bytes[end].is_ascii_alphanumeric() {
        end += 1;
    }
    if end == name_start {
        return None;
    }
    let named = |key_end: usize| {
        htmlize::ENTITIES
            .get(&bytes[at..key_end])
            .and_then(|v| std::str::from_utf8(v).ok())
            .map(|s| (Decoded::Named(s), key_end))
    };
    if bytes.get(end) == Some(&b';') {
        if let Some(found) = named(end + 1) {
            return Some(found);
        }
    }
    // The legacy references that may go without `;` (`&copy`, `&amp`),
    // longest first, as browsers match them.
    let bare_end = end.min(at + htmlize::BARE_ENTITY_MAX_LENGTH);
    (name_start + 1..=bare_end).rev().find_map(named)
}

/// Decodes `&#…;` or `&#x…;` at `at` as browsers do (`;` optional, invalid
/// code points replaced, C1 controls read as Windows-1252).
fn numeric_reference(bytes: &[u8], at: usize) -> Option<(Decoded, usize)> {
    let hex = matches!(bytes.get(at + 2), Some(b'x' | b'X'));
    let digits_start = at + if hex { 3 } else { 2 };
    let radix = if hex { 16 } else { 10 };
    let mut end = digits_start;
    let mut value: u32 = 0;
    while let Some(digit) = bytes.get(end).and_then(|&b| (b as char).to_digit(radix)) {
        value = value
            .saturating_mul(radix)
            .saturating_add(digit)
            .min(0x11_0000);
        end += 1;
    }
    if end == digits_start {
        return None;
    }
    if bytes.get(end) == Some(&b';') {
        end += 1;
    }
    let c = windows_1252_c1(value)
        .or_else(|| char::from_u32(value).filter(|_| value != 0))
        .unwrap_or(char::REPLACEMENT_CHARACTER);
    Some((Decoded::Char(c), end))
}

/// What browsers read a numeric reference to a C1 control as: the
/// Windows-1252 character of that byte (`&#146;` is `’`).
fn windows_1252_c1(value: u32) -> Option<char> {
    let c = match value {
        0x80 => '\u{20AC}',
        0x82 => '\u{201A}',
        0x83 => '\u{0192}',
        0x84 => '\u{201E}',
        0x85 => '\u{2026}',
        0x86 => '\u{2020}',
        0x87 => '\u{2021}',
        0x88 => '\u{02C6}',
        0x89 => '\u{2030}',
        0x8A => '\u{0160}',
        0x8B => '\u{2039}',
        0x8C => '\u{0152}',
        0x8E => '\u{017D}',
        0x91 => '\u{2018}',
        0x92 => '\u{2019}',
        0x93 => '\u{201C}',
        0x94 => '\u{201D}',
        0x95 => '\u{2022}',
        0x96 => '\u{2013}',
        0x97 => '\u{2014}',
        0x98 => '\u{02DC}',
        0x99 => '\u{2122}',
        0x9A => '\u{0161}',
        0x9B => '\u{203A}',
        0x9C => '\u{0153}',
        0x9E => '\u{017E}',
        0x9F => '\u{0178}',
        _ => return None,
    };
    Some(c)
}
