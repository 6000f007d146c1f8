//! Hostile text and privacy: pure functions, no terminal code.
//!
//! Everything typed, pasted or read from a file that ends up on the screen or in a session file
//! (case titles, notes, decisions, attendee names) goes through [`sanitize`] (or
//! [`sanitize_line`] for one-line fields) first: no control character, escape sequence, bidi
//! override or zero-width character survives, so nothing in a note can move the cursor, retitle
//! the terminal, reorder what the chair reads or hide text. Normal Unicode (é, ë, €, «», emoji) is
//! kept.
//!
//! [`privacy_hints`] looks for what should not be in free text at all (a BSN, an e-mail address,
//! a phone number) and gives a warning with a suggestion; it never blocks.

use std::fmt;

// ───────────────────────────── sanitising ─────────────────────────────

/// Cleans text for storage and display.
///
/// * C0 control characters are removed except `\n` and `\t`; `\r\n` and a lone `\r` become `\n`,
///   as do U+2028/U+2029 (line and paragraph separator).
/// * DEL and all C1 controls (U+0080–U+009F) are removed.
/// * Escape sequences are removed entirely: CSI (`ESC [ … final`, or U+009B), OSC, DCS, SOS, PM
///   and APC strings (`ESC ] … BEL/ST`, …, or their C1 introducers) and other `ESC x` sequences
///   (with intermediate bytes, e.g. `ESC ( B`). A string sequence without terminator ends at the
///   next line break, so one broken paste does not swallow the rest of a note.
/// * Bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), zero-width characters
///   (U+200B–U+200D, U+2060, U+FEFF) and other invisible format characters (soft hyphen,
///   invisible operators, deprecated format controls, interlinear annotation, tag characters,
///   Hangul fillers, …) are removed.
/// * Variation selectors are kept (emoji need them), but at most one after a visible character,
///   so they cannot carry hidden data.
///
/// `sanitize(sanitize(x)) == sanitize(x)`.
pub fn sanitize(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\t' => out.push(c),
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\u{1b}' => skip_escape(&mut chars),
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if is_variation_selector(c) => {
                if out
                    .chars()
                    .next_back()
                    .is_some_and(|p| !is_variation_selector(p) && !p.is_whitespace())
                {
                    out.push(c);
                }
            }
            c if is_removed(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// [`sanitize`] for one-line fields (titles, names): line breaks and tabs become spaces.
pub fn sanitize_line(input: &str) -> String {
    sanitize(input).replace(['\n', '\t'], " ")
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn in_range(c: Option<&char>, lo: u32, hi: u32) -> bool {
    c.is_some_and(|&c| (lo..=hi).contains(&(c as u32)))
}

/// After ESC: drops the rest of the sequence.
fn skip_escape(chars: &mut Chars) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        c if in_range(c, 0x20, 0x2f) => {
            while in_range(chars.peek(), 0x20, 0x2f) {
                chars.next();
            }
            if in_range(chars.peek(), 0x30, 0x7e) {
                chars.next();
            }
        }
        c if in_range(c, 0x30, 0x7e) => {
            chars.next();
        }
        // a lone ESC (before a control character, non-ASCII text or the end): only ESC goes
        _ => {}
    }
}

/// After CSI: parameter and intermediate bytes, then one final byte. A malformed sequence ends
/// at the first byte that does not belong to it (that byte is cleaned as ordinary text).
fn skip_csi(chars: &mut Chars) {
    while in_range(chars.peek(), 0x20, 0x3f) {
        chars.next();
    }
    if in_range(chars.peek(), 0x40, 0x7e) {
        chars.next();
    }
}

/// After OSC/DCS/SOS/PM/APC: everything up to BEL or ST (`ESC \` or U+009C). Another ESC, CAN or
/// SUB aborts the string as in a terminal (the ESC starts a new sequence); without a terminator
/// the string ends before the next line break.
fn skip_string(chars: &mut Chars) {
    while let Some(&c) = chars.peek() {
        match c {
            '\u{7}' | '\u{9c}' => {
                chars.next();
                return;
            }
            '\u{1b}' => {
                chars.next();
                if chars.peek() == Some(&'\\') {
                    chars.next();
                } else {
                    skip_escape(chars);
                }
                return;
            }
            '\n' | '\r' | '\u{18}' | '\u{1a}' => return,
            _ => {
                chars.next();
            }
        }
    }
}

fn is_variation_selector(c: char) -> bool {
    matches!(c, '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}')
}

/// Characters removed wherever they occur.
fn is_removed(c: char) -> bool {
    matches!(
        c,
        // C0 (tab and newline are handled before), DEL and C1
        '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            // soft hyphen, combining grapheme joiner, Arabic letter mark
            | '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            // Hangul fillers and Khmer inherent vowels: render as nothing
            | '\u{115f}'
            | '\u{1160}'
            | '\u{17b4}'
            | '\u{17b5}'
            | '\u{3164}'
            | '\u{ffa0}'
            // Mongolian vowel separator
            | '\u{180e}'
            // zero-width space/non-joiner/joiner, LRM, RLM
            | '\u{200b}'..='\u{200f}'
            // LRE, RLE, PDF, LRO, RLO
            | '\u{202a}'..='\u{202e}'
            // word joiner, invisible operators, isolates, deprecated format controls
            | '\u{2060}'..='\u{206f}'
            | '\u{feff}'
            // interlinear annotation
            | '\u{fff9}'..='\u{fffb}'
            // shorthand format controls, musical format controls
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            // tag characters (invisible copies of ASCII)
            | '\u{e0000}'..='\u{e007f}'
    )
}

// ───────────────────────────── privacy ─────────────────────────────

/// Something in free text that looks like personal data. The string is the text as found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrivacyHint {
    Bsn(String),
    Email(String),
    Phone(String),
}

impl PrivacyHint {
    /// The text as found (after [`sanitize`]).
    pub fn found(&self) -> &str {
        match self {
            PrivacyHint::Bsn(s) | PrivacyHint::Email(s) | PrivacyHint::Phone(s) => s,
        }
    }

    /// What it looks like, in Dutch: "BSN", "e-mailadres", "telefoonnummer".
    pub fn kind(&self) -> &'static str {
        match self {
            PrivacyHint::Bsn(_) => "BSN",
            PrivacyHint::Email(_) => "e-mailadres",
            PrivacyHint::Phone(_) => "telefoonnummer",
        }
    }

    /// The warning for the chair (Dutch). A warning, never a block.
    pub fn message(&self) -> String {
        let what = match self {
            PrivacyHint::Bsn(_) => "een BSN (burgerservicenummer)",
            PrivacyHint::Email(_) => "een e-mailadres",
            PrivacyHint::Phone(_) => "een telefoonnummer",
        };
        format!(
            "Let op: «{}» lijkt op {what}. Zet geen herleidbare gegevens in vrije tekst; \
             gebruik een pseudoniem (initialen of het casusnummer).",
            self.found()
        )
    }
}

impl fmt::Display for PrivacyHint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// Finds what looks like a BSN (nine digits, also written 123.456.782, 123 456 782 or
/// 1234.56.782, passing the elfproef), an e-mail address or a Dutch phone number (06-12345678,
/// 06 1234 5678, +31 6 …, 0031 6 …, 030-1234567, (030) 123 45 67), in order of appearance, each
/// once. Dates (2026-11-22, 22-11-2026), times, case numbers (GZN-2026-031), amounts (€ …) and
/// digits inside longer numbers or codes (IBAN) are not reported. The text is sanitised first,
/// so zero-width characters cannot hide a number.
pub fn privacy_hints(text: &str) -> Vec<PrivacyHint> {
    let clean = sanitize(text);
    let chars: Vec<char> = clean.chars().collect();
    let mut taken = vec![false; chars.len()];
    let mut found: Vec<(usize, PrivacyHint)> = Vec::new();
    let take = |taken: &mut Vec<bool>, (s, e): (usize, usize)| {
        taken[s..e].iter_mut().for_each(|t| *t = true);
        chars[s..e].iter().collect::<String>()
    };
    for span in find_emails(&chars) {
        let s = take(&mut taken, span);
        found.push((span.0, PrivacyHint::Email(s)));
    }
    for span in find_dates_and_times(&chars, &taken) {
        take(&mut taken, span);
    }
    for span in find_phones(&chars, &taken) {
        let s = take(&mut taken, span);
        found.push((span.0, PrivacyHint::Phone(s)));
    }
    for span in find_bsns(&chars, &taken) {
        let s = take(&mut taken, span);
        found.push((span.0, PrivacyHint::Bsn(s)));
    }
    found.sort_by_key(|(at, _)| *at);
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for (_, hint) in found {
        let key = match &hint {
            PrivacyHint::Email(s) => format!("e{}", s.to_lowercase()),
            PrivacyHint::Bsn(s) => format!("b{}", digits(s)),
            PrivacyHint::Phone(s) => format!("p{}", national(&digits(s))),
        };
        if !seen.contains(&key) {
            seen.push(key);
            out.push(hint);
        }
    }
    out
}

/// The BSN elfproef: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11, and not all digits are 0.
/// `digits` must be exactly nine ASCII digits (separators are not allowed here).
pub fn is_valid_bsn(digits: &str) -> bool {
    let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 9 || digits.chars().count() != 9 || d.iter().all(|&x| x == 0) {
        return false;
    }
    let sum: i64 = d[..8]
        .iter()
        .enumerate()
        .map(|(i, &x)| (9 - i as i64) * x as i64)
        .sum::<i64>()
        - d[8] as i64;
    sum.rem_euclid(11) == 0
}

fn digits(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_digit()).collect()
}

/// Phone digits in national form (0 + nine digits) for de-duplication.
fn national(d: &str) -> String {
    let rest = d
        .strip_prefix("0031")
        .or_else(|| d.strip_prefix("31").filter(|r| r.len() >= 9))
        .unwrap_or(d);
    let rest = rest.strip_prefix('0').unwrap_or(rest);
    format!("0{rest}")
}

fn at(chars: &[char], i: usize) -> Option<char> {
    chars.get(i).copied()
}

fn before(chars: &[char], i: usize, back: usize) -> Option<char> {
    i.checked_sub(back).and_then(|j| at(chars, j))
}

fn is_digit(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_digit())
}

fn is_alnum(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

fn is_email_local(c: char) -> bool {
    c.is_alphanumeric() || "._%+-'".contains(c)
}

fn is_email_domain(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '.'
}

fn find_emails(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if c != '@' || out.last().is_some_and(|&(_, e)| i < e) {
            continue;
        }
        let mut s = i;
        while s > 0 && is_email_local(chars[s - 1]) {
            s -= 1;
        }
        while s < i && !chars[s].is_alphanumeric() {
            s += 1;
        }
        let mut e = i + 1;
        while e < chars.len() && is_email_domain(chars[e]) {
            e += 1;
        }
        while e > i + 1 && !chars[e - 1].is_alphanumeric() {
            e -= 1;
        }
        if s == i || e <= i + 1 {
            continue;
        }
        let domain: String = chars[i + 1..e].iter().collect();
        let labels: Vec<&str> = domain.split('.').collect();
        let ok = labels.len() >= 2
            && labels
                .iter()
                .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'))
            && labels.last().is_some_and(|tld| {
                tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic)
            });
        if ok {
            out.push((s, e));
        }
    }
    out
}

/// Digit groups from `i`: each group's (start, end), joined by exactly one separator from `seps`.
fn digit_groups(chars: &[char], taken: &[bool], i: usize, seps: &str) -> Vec<(usize, usize, char)> {
    let mut groups = Vec::new();
    let mut p = i;
    let mut sep = ' ';
    loop {
        let s = p;
        while p < chars.len() && chars[p].is_ascii_digit() && !taken[p] {
            p += 1;
        }
        if p == s {
            break;
        }
        groups.push((s, p, sep));
        match at(chars, p) {
            Some(c) if seps.contains(c) && is_digit(at(chars, p + 1)) && !taken[p + 1] => {
                sep = c;
                p += 1;
            }
            _ => break,
        }
    }
    groups
}

fn find_dates_and_times(chars: &[char], taken: &[bool]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || taken[i] || is_digit(before(chars, i, 1)) {
            i += 1;
            continue;
        }
        let g = digit_groups(chars, taken, i, "-/.:");
        let len = |k: usize| g[k].1 - g[k].0;
        let mut end = None;
        if g.len() >= 3 && g[1].2 == g[2].2 && "-/.".contains(g[1].2) {
            let date = (len(0) == 4 && (1..=2).contains(&len(1)) && (1..=2).contains(&len(2)))
                || ((1..=2).contains(&len(0))
                    && (1..=2).contains(&len(1))
                    && (len(2) == 2 || len(2) == 4));
            if date {
                end = Some(g[2].1);
            }
        }
        if end.is_none() && g.len() >= 2 && g[1].2 == ':' && len(0) <= 2 && len(1) == 2 {
            end = Some(if g.len() >= 3 && g[2].2 == ':' && len(2) == 2 {
                g[2].1
            } else {
                g[1].1
            });
        }
        match end {
            Some(e) => {
                out.push((i, e));
                i = e;
            }
            None => i += 1,
        }
    }
    out
}

fn find_phones(chars: &[char], taken: &[bool]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match phone_at(chars, taken, i) {
            Some(e) => {
                out.push((i, e));
                i = e;
            }
            None => i += 1,
        }
    }
    out
}

/// A phone number starting exactly at `i`: its end.
fn phone_at(chars: &[char], taken: &[bool], i: usize) -> Option<usize> {
    if taken[i] {
        return None;
    }
    // what comes before: not part of a word, code, amount or longer number
    let prev = before(chars, i, 1);
    if is_alnum(prev) || matches!(prev, Some('+' | '€' | '$' | '@' | '_')) {
        return None;
    }
    if matches!(prev, Some('-' | '.' | '/' | ',' | ':')) && is_alnum(before(chars, i, 2)) {
        return None;
    }
    if prev == Some(' ') && before(chars, i, 2) == Some('€') {
        return None;
    }
    let starts = |p: usize, s: &str| {
        s.chars()
            .enumerate()
            .all(|(k, c)| at(chars, p + k) == Some(c) && !taken[p + k])
    };
    let mut p = i;
    let intl = if starts(p, "+31") {
        p += 3;
        true
    } else if starts(p, "0031") {
        p += 4;
        true
    } else {
        false
    };
    let mut paren = false;
    if intl {
        if matches!(at(chars, p), Some(' ' | '-')) {
            p += 1;
        }
        if starts(p, "(0)") {
            p += 3;
            if at(chars, p) == Some(' ') {
                p += 1;
            }
        }
    } else if at(chars, p) == Some('(') {
        paren = true;
        p += 1;
    }
    let mut d = String::new();
    let mut end = p;
    loop {
        match at(chars, p) {
            Some(c) if c.is_ascii_digit() && !taken[p] => {
                d.push(c);
                p += 1;
                end = p;
            }
            Some(')') if paren => {
                paren = false;
                p += 1;
                if at(chars, p) == Some(' ') && is_digit(at(chars, p + 1)) {
                    p += 1;
                }
            }
            Some(' ' | '-') if is_digit(at(chars, p + 1)) && !taken[p + 1] && !d.is_empty() => {
                p += 1;
            }
            _ => break,
        }
    }
    if paren || d.is_empty() {
        return None;
    }
    let ok = if intl {
        let rest = if d.len() == 10 && d.starts_with('0') {
            &d[1..]
        } else {
            &d[..]
        };
        rest.len() == 9 && !rest.starts_with('0')
    } else {
        d.len() == 10 && d.starts_with('0') && !d[1..].starts_with('0')
    };
    if !ok {
        return None;
    }
    // what comes after: not a longer number, decimal or code
    let next = at(chars, end);
    if is_alnum(next)
        || (matches!(next, Some('.' | ',' | '-' | '/' | ':')) && is_alnum(at(chars, end + 1)))
    {
        return None;
    }
    Some(end)
}

fn find_bsns(chars: &[char], taken: &[bool]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || taken[i] || is_digit(before(chars, i, 1)) {
            i += 1;
            continue;
        }
        match bsn_at(chars, taken, i) {
            Some(e) => {
                out.push((i, e));
                i = e;
            }
            None => i += 1,
        }
    }
    out
}

fn bsn_at(chars: &[char], taken: &[bool], i: usize) -> Option<usize> {
    let g = digit_groups(chars, taken, i, ". ");
    let len = |k: usize| g[k].1 - g[k].0;
    let (end, spaced) = if len(0) == 9 {
        (g[0].1, None)
    } else if g.len() >= 3
        && g[1].2 == g[2].2
        && ((len(0), len(1), len(2)) == (3, 3, 3) || (len(0), len(1), len(2)) == (4, 2, 3))
    {
        (g[2].1, Some(g[1].2))
    } else {
        return None;
    };
    let text: String = chars[i..end].iter().collect();
    if !is_valid_bsn(&digits(&text)) {
        return None;
    }
    // before: not in a word or code, not an amount, not a phone number
    let prev = before(chars, i, 1);
    if is_alnum(prev) || matches!(prev, Some('+' | '€' | '$' | '@' | '_')) {
        return None;
    }
    if matches!(prev, Some('-' | '.' | '/' | ',' | ':')) && is_alnum(before(chars, i, 2)) {
        return None;
    }
    if prev == Some(' ') {
        let p2 = before(chars, i, 2);
        if p2 == Some('€') || (spaced.is_some() && is_digit(p2)) {
            return None;
        }
        let word: String = chars[i.saturating_sub(4)..i].iter().collect();
        if word.to_lowercase().ends_with("eur ") {
            return None;
        }
    }
    // after: not a longer number, a decimal or an amount
    let next = at(chars, end);
    if is_alnum(next) {
        return None;
    }
    if matches!(next, Some('.' | ',' | '-' | '/' | ':')) && is_alnum(at(chars, end + 1)) {
        return None;
    }
    if next == Some(',') && at(chars, end + 1) == Some('-') {
        return None;
    }
    if next == Some(' ') {
        if spaced == Some(' ') && is_digit(at(chars, end + 1)) {
            return None;
        }
        let word: String = chars[end + 1..(end + 5).min(chars.len())]
            .iter()
            .collect::<String>()
            .to_lowercase();
        if word.starts_with("euro") || (word.starts_with("eur") && !is_alnum(at(chars, end + 4))) {
            return None;
        }
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bsns(text: &str) -> Vec<String> {
        privacy_hints(text)
            .into_iter()
            .filter_map(|h| match h {
                PrivacyHint::Bsn(s) => Some(s),
                _ => None,
            })
            .collect()
    }

    fn phones(text: &str) -> Vec<String> {
        privacy_hints(text)
            .into_iter()
            .filter_map(|h| match h {
                PrivacyHint::Phone(s) => Some(s),
                _ => None,
            })
            .collect()
    }

    fn emails(text: &str) -> Vec<String> {
        privacy_hints(text)
            .into_iter()
            .filter_map(|h| match h {
                PrivacyHint::Email(s) => Some(s),
                _ => None,
            })
            .collect()
    }

    // ── sanitize ──

    #[test]
    fn keeps_normal_unicode() {
        for s in [
            "Café «Één» — € 12,50 ë ï ü ß æ ø ñ",
            "日本語 עברית العربية",
            "emoji 👍🏽 ❤️ 🇳🇱",
            "regel 1\nregel 2\tmet tab",
            "",
        ] {
            assert_eq!(sanitize(s), s);
        }
    }

    #[test]
    fn removes_control_characters() {
        assert_eq!(sanitize("a\u{0}b\u{7}c\u{8}d\u{7f}e"), "abcde");
        assert_eq!(sanitize("a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(sanitize("a\u{85}b\u{80}c\u{9f}"), "abc");
        assert_eq!(sanitize("a\u{2028}b"), "a\nb");
    }

    #[test]
    fn removes_escape_sequences_entirely() {
        assert_eq!(sanitize("\u{1b}[31mrood\u{1b}[0m"), "rood");
        assert_eq!(sanitize("a\u{1b}[2J\u{1b}[1;1Hb"), "ab");
        assert_eq!(sanitize("a\u{1b}[?1049hb"), "ab");
        assert_eq!(sanitize("\u{1b}]0;gehackt\u{7}titel"), "titel");
        assert_eq!(
            sanitize("\u{1b}]8;;https://x.example\u{1b}\\link\u{1b}]8;;\u{1b}\\"),
            "link"
        );
        assert_eq!(sanitize("\u{1b}]52;c;ZWNobw==\u{7}klembord"), "klembord");
        assert_eq!(sanitize("a\u{1b}(Bb\u{1b}7c\u{1b}8d\u{1b}ce"), "abcde");
        assert_eq!(sanitize("\u{1b}Pq#0;2;0;0;0\u{1b}\\sixel"), "sixel");
        assert_eq!(sanitize("a\u{9b}31mb\u{9d}0;t\u{9c}c"), "abc");
        // an unterminated OSC ends at the line break
        assert_eq!(
            sanitize("a\u{1b}]0;titel\nvolgende regel"),
            "a\nvolgende regel"
        );
        // a lone ESC at the end, or before non-ASCII text
        assert_eq!(sanitize("a\u{1b}"), "a");
        assert_eq!(sanitize("a\u{1b}é"), "aé");
        assert_eq!(sanitize("a\u{1b}\u{1b}[1mb"), "ab");
    }

    #[test]
    fn removes_bidi_and_zero_width() {
        assert_eq!(sanitize("abc\u{202e}fed\u{202c}"), "abcfed");
        assert_eq!(
            sanitize("\u{2066}x\u{2069}\u{2067}y\u{2068}\u{200e}\u{200f}\u{61c}"),
            "xy"
        );
        assert_eq!(
            sanitize("1234\u{200b}56\u{200c}78\u{200d}2\u{2060}\u{feff}"),
            "123456782"
        );
        assert_eq!(sanitize("ver\u{ad}bor\u{e0041}\u{e0042}gen"), "verborgen");
    }

    #[test]
    fn variation_selectors_at_most_one() {
        assert_eq!(sanitize("❤\u{fe0f}"), "❤\u{fe0f}");
        assert_eq!(
            sanitize("a\u{fe0f}\u{fe0e}\u{e0100}\u{e0101}b"),
            "a\u{fe0f}b"
        );
        assert_eq!(sanitize("\u{fe0f}a"), "a");
    }

    #[test]
    fn sanitize_line_flattens() {
        assert_eq!(sanitize_line("a\nb\tc\r\nd"), "a b c d");
        assert_eq!(sanitize_line("\u{1b}[31mTitel\u{1b}[0m\n"), "Titel ");
    }

    #[test]
    fn sanitize_is_idempotent() {
        for s in [
            "a\u{1b}[31mb\r\n\r\u{202e}c\u{200d}",
            "\u{1b}\u{1b}]x\u{1b}[1m\u{9b}\u{fe0f}\u{fe0f}",
            "x \u{fe0f}\u{1b}(\u{1b}",
            "\u{1b}]\u{1b}[1m",
            "\u{1b}[\u{1b}\\",
        ] {
            let once = sanitize(s);
            assert_eq!(sanitize(&once), once, "{s:?}");
            let line = sanitize_line(s);
            assert_eq!(sanitize_line(&line), line, "{s:?}");
        }
    }

    // ── BSN ──

    #[test]
    fn elfproef() {
        assert!(is_valid_bsn("111222333"));
        assert!(is_valid_bsn("123456782"));
        assert!(!is_valid_bsn("123456789"));
        assert!(!is_valid_bsn("111222334"));
        assert!(!is_valid_bsn("000000000"));
        assert!(!is_valid_bsn("12345678"));
        assert!(!is_valid_bsn("1234567820"));
        assert!(!is_valid_bsn("12345678x"));
    }

    #[test]
    fn finds_bsn_plain_and_formatted() {
        assert_eq!(bsns("BSN 111222333 van moeder"), ["111222333"]);
        assert_eq!(bsns("bsn: 123456782."), ["123456782"]);
        assert_eq!(bsns("(123.456.782)"), ["123.456.782"]);
        assert_eq!(bsns("nummer 123 456 782, zie dossier"), ["123 456 782"]);
        assert_eq!(bsns("1234.56.782"), ["1234.56.782"]);
        assert_eq!(bsns("1234\u{200b}56782"), ["123456782"]);
        // each number once
        assert_eq!(bsns("123456782 en nogmaals 123.456.782"), ["123456782"]);
    }

    #[test]
    fn ignores_what_is_not_a_bsn() {
        assert!(bsns("123456789").is_empty()); // fails the elfproef
        assert!(bsns("000000000").is_empty());
        assert!(bsns("1123456782").is_empty()); // ten digits
        assert!(bsns("12345678").is_empty());
        assert!(bsns("1234567820").is_empty());
        assert!(bsns("1.123.456.782").is_empty());
        assert!(bsns("123 456 782 1").is_empty());
        assert!(bsns("NL91ABNA0111222333").is_empty());
        assert!(bsns("GZN-111222333").is_empty());
        assert!(bsns("€ 123.456.782").is_empty());
        assert!(bsns("€123456782").is_empty());
        assert!(bsns("123.456.782,- toegekend").is_empty());
        assert!(bsns("123456782 euro").is_empty());
        assert!(bsns("0,111222333").is_empty());
        assert!(bsns("12.345.678,2").is_empty());
    }

    // ── phone ──

    #[test]
    fn finds_dutch_phone_numbers() {
        for (text, found) in [
            ("bel 06-12345678 morgen", "06-12345678"),
            ("06 1234 5678", "06 1234 5678"),
            ("0612345678", "0612345678"),
            ("06 12 34 56 78.", "06 12 34 56 78"),
            ("+31 6 12345678", "+31 6 12345678"),
            ("+31612345678", "+31612345678"),
            ("+31 (0)6 1234 5678", "+31 (0)6 1234 5678"),
            ("0031 6 12345678", "0031 6 12345678"),
            ("030-1234567", "030-1234567"),
            ("030 123 45 67", "030 123 45 67"),
            ("(030) 123 4567", "(030) 123 4567"),
            ("tel.: 0348-123456", "0348-123456"),
            ("+31 30 1234567", "+31 30 1234567"),
        ] {
            assert_eq!(phones(text), [found], "{text}");
        }
    }

    #[test]
    fn no_phone_in_dates_times_ids_and_amounts() {
        for text in [
            "overleg 2026-11-22 om 10:30",
            "22-11-2026 10:30",
            "01-02-2026 10 uur",
            "GZN-2026-031",
            "casus GZN-0301234567",
            "€ 0612345678",
            "0,0612345678",
            "1.234.567,00",
            "0800-2000",
            "06-1234567",   // nine digits
            "06-123456789", // eleven digits
            "00 12345678",
            "+31 0 12345678",
            "NL91ABNA0417164300",
            "14 030",
        ] {
            assert!(phones(text).is_empty(), "{text}: {:?}", phones(text));
            assert!(bsns(text).is_empty(), "{text}: {:?}", bsns(text));
        }
    }

    #[test]
    fn phone_is_not_also_a_bsn() {
        // 612345678 would not pass anyway; 111222333 does, but here it is part of a phone number
        assert!(bsns("+31 111222333").is_empty());
        assert!(bsns("+31111222333").is_empty());
    }

    // ── e-mail ──

    #[test]
    fn finds_email_addresses() {
        assert_eq!(
            emails("mail j.de.vries@buurtteam.nl."),
            ["j.de.vries@buurtteam.nl"]
        );
        assert_eq!(
            emails("<ouder+tafel@example.co.uk>"),
            ["ouder+tafel@example.co.uk"]
        );
        assert_eq!(
            emails("Zoë.Bakker@gemeente-utrecht.nl"),
            ["Zoë.Bakker@gemeente-utrecht.nl"]
        );
        assert!(emails("@buurtteam").is_empty());
        assert!(emails("naam@localhost").is_empty());
        assert!(emails("a@b.c").is_empty());
        assert!(emails("twitter @koos").is_empty());
        assert!(emails("x@.nl").is_empty());
    }

    #[test]
    fn email_digits_are_not_a_bsn() {
        let hints = privacy_hints("111222333@example.nl");
        assert_eq!(hints, [PrivacyHint::Email("111222333@example.nl".into())]);
    }

    #[test]
    fn hints_in_order_with_dutch_messages() {
        let hints = privacy_hints(
            "Moeder (BSN 111222333) is bereikbaar op 06-12345678 of m.jansen@example.nl.",
        );
        assert_eq!(
            hints,
            [
                PrivacyHint::Bsn("111222333".into()),
                PrivacyHint::Phone("06-12345678".into()),
                PrivacyHint::Email("m.jansen@example.nl".into()),
            ]
        );
        for h in &hints {
            let m = h.message();
            assert!(m.contains("pseudoniem"), "{m}");
            assert!(m.contains("initialen of het casusnummer"), "{m}");
            assert!(m.contains(h.found()), "{m}");
        }
        assert!(hints[0].to_string().contains("BSN"));
    }

    #[test]
    fn nothing_in_ordinary_case_text() {
        assert!(privacy_hints(
            "Casus GZN-2026-031: zwangere 17-jarige (26 weken), overleg op 22-11-2026 om 10:30. \
             Uitgerekend 2027-02-20. Budget € 1.250,00 per maand, 3 kinderen van 2, 5 en 8 jaar."
        )
        .is_empty());
    }

    #[test]
    fn escapes_cannot_hide_a_number() {
        assert_eq!(bsns("111\u{1b}[0m222\u{200b}333"), ["111222333"]);
    }
}
