//! Fuzzy word matching for the session search: case- and accent-insensitive; each query word
//! must match a word of the text exactly, as a prefix, inside it (3+ letters), or with a typo
//! (one edit for 4+ letters, two for 8+; a swap of two neighbouring letters counts as one).
//!
//! Texts are indexed as words: [`tokens`] splits the original text on non-alphanumeric
//! characters (keeping byte ranges for snippets) and [`normalize_word`] lowercases and strips
//! accents. A [`Vocabulary`] keeps each distinct word once, with what the typo test needs.

use std::collections::HashMap;
use std::ops::Range;

/// Lowercases and strips the common Latin accents (é → e, ë → e, ç → c, ß → s, …).
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// [`normalize`] into a reused buffer (cleared first).
pub fn normalize_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        out.push_str(text);
        out.make_ascii_lowercase();
        return;
    }
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            for l in c.to_lowercase() {
                out.push(fold(l));
            }
        }
    }
}

/// One word, normalized.
pub fn normalize_word(word: &str) -> String {
    normalize(word)
}

fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' | 'ß' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        'ť' => 't',
        other => other,
    }
}

/// The words of a text (runs of alphanumeric characters) with their byte ranges.
pub fn tokens(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    Tokens { text, at: 0 }
}

struct Tokens<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Tokens<'a> {
    /// Is there a word character at byte `i`, and how long is that character?
    fn class(&self, i: usize) -> (bool, usize) {
        let b = self.text.as_bytes()[i];
        if b < 0x80 {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            let c = self.text[i..].chars().next().expect("a char boundary");
            (c.is_alphanumeric(), c.len_utf8())
        }
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = (Range<usize>, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let len = self.text.len();
        let mut i = self.at;
        while i < len {
            let (word, n) = self.class(i);
            if word {
                break;
            }
            i += n;
        }
        if i >= len {
            self.at = len;
            return None;
        }
        let start = i;
        while i < len {
            let (word, n) = self.class(i);
            if !word {
                break;
            }
            i += n;
        }
        self.at = i;
        Some((start..i, &self.text[start..i]))
    }
}

/// FxHash (as in rustc): fast for the short keys of a vocabulary; no DoS concern here.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes(c.try_into().expect("8 bytes"));
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

/// Bit set of the characters of a word (hashed into 64 buckets): an edit changes at most two
/// buckets, so words whose sets differ in more than 2·k buckets are more than k edits apart.
fn char_mask(word: &str) -> u64 {
    word.chars().fold(0u64, |m, c| m | 1u64 << (c as u32 % 64))
}

/// A normalized word with what the typo test needs.
#[derive(Clone, Debug)]
pub struct Word {
    pub text: String,
    chars: usize,
    mask: u64,
}

impl Word {
    pub fn new(text: String) -> Word {
        Word {
            chars: text.chars().count(),
            mask: char_mask(&text),
            text,
        }
    }
}

/// Distinct normalized words, each with an id.
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    pub words: Vec<Word>,
    ids: HashMap<String, u32, FxBuild>,
    buf: String,
}

impl Vocabulary {
    /// The ids of the words of `text`, in order (the words of the normalized text: the same
    /// as the original's but for the rare letter whose lowercase is not a letter).
    pub fn add_text(&mut self, text: &str) -> Vec<u32> {
        let mut buf = std::mem::take(&mut self.buf);
        normalize_into(text, &mut buf);
        let mut out = Vec::with_capacity(buf.len() / 6);
        for (_, w) in tokens(&buf) {
            let id = match self.ids.get(w) {
                Some(&id) => id,
                None => {
                    let id = self.words.len() as u32;
                    self.ids.insert(w.to_string(), id);
                    self.words.push(Word::new(w.to_string()));
                    id
                }
            };
            out.push(id);
        }
        self.buf = buf;
        out
    }

    /// Drops the lookup table (after indexing; the words stay).
    pub fn freeze(&mut self) {
        self.ids = HashMap::default();
        self.buf = String::new();
    }

    /// The score of every word for `term` (0: no match).
    pub fn scores(&self, term: &Term) -> Vec<u32> {
        self.words.iter().map(|w| word_score(term, w)).collect()
    }
}

/// Could the raw text of a session file (RON) match every term of `query`? A cheap test that
/// never says no wrongly: the words of the raw text include every word of every field (plus
/// field names and syntax, which only cause a harmless yes). Escapes (`\n`, `\t`, `\u{…}`)
/// are read as separators so that no word is glued to an escape letter.
pub fn raw_may_match(raw: &str, query: &Query) -> bool {
    let mut normalized = String::new();
    normalize_into(raw, &mut normalized);
    // every term literally present: a likely match, no need to look closer
    if query
        .terms
        .iter()
        .all(|t| normalized.contains(t.word.text.as_str()))
    {
        return true;
    }
    // a backslash and the letter after it become spaces
    if normalized.contains('\\') {
        let mut cleaned = String::with_capacity(normalized.len());
        let mut chars = normalized.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                cleaned.push(' ');
                if chars.next().is_some() {
                    cleaned.push(' ');
                }
            } else {
                cleaned.push(c);
            }
        }
        normalized = cleaned;
    }
    let mut seen: std::collections::HashSet<&str, FxBuild> = Default::default();
    let mut open: Vec<&Term> = query.terms.iter().collect();
    for (_, w) in tokens(&normalized) {
        if !seen.insert(w) {
            continue;
        }
        let word = Word::new(w.to_string());
        open.retain(|t| word_score(t, &word) == 0);
        if open.is_empty() {
            return true;
        }
    }
    false
}

/// A query split into normalized words.
#[derive(Clone, Debug)]
pub struct Query {
    pub terms: Vec<Term>,
}

#[derive(Clone, Debug)]
pub struct Term {
    pub word: Word,
    typos: usize,
}

impl Query {
    pub fn new(query: &str) -> Query {
        let terms = tokens(query)
            .map(|(_, w)| {
                let word = Word::new(normalize_word(w));
                let typos = match word.chars {
                    0..=3 => 0,
                    4..=7 => 1,
                    _ => 2,
                };
                Term { word, typos }
            })
            .collect();
        Query { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// 100 exact, 80 prefix, 60 inside, 40/30 one/two typos, 30/20 prefix with one/two typos.
pub fn word_score(term: &Term, word: &Word) -> u32 {
    let t = term.word.text.as_str();
    let w = word.text.as_str();
    if w == t {
        return 100;
    }
    if w.starts_with(t) {
        return 80;
    }
    if term.word.chars >= 3 && w.len() > t.len() && w.contains(t) {
        return 60;
    }
    let k = term.typos;
    if k == 0 {
        return 0;
    }
    if word.chars.abs_diff(term.word.chars) <= k
        && (word.mask ^ term.word.mask).count_ones() as usize <= 2 * k
        && let Some(d) = distance(t, w, k)
    {
        return 50 - 10 * d as u32;
    }
    if word.chars > term.word.chars {
        let cut = w
            .char_indices()
            .nth(term.word.chars)
            .map_or(w.len(), |(i, _)| i);
        let prefix = &w[..cut];
        if (char_mask(prefix) ^ term.word.mask).count_ones() as usize <= 2 * k
            && let Some(d) = distance(t, prefix, k)
        {
            return 40 - 10 * d as u32;
        }
    }
    0
}

/// Optimal-string-alignment distance if it is at most `max` (words up to 64 characters).
fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let mut abuf = [0u32; 64];
    let mut bbuf = [0u32; 64];
    let (la, lb) = (fill(&mut abuf, a)?, fill(&mut bbuf, b)?);
    if la.abs_diff(lb) > max {
        return None;
    }
    let (a, b) = (&abuf[..la], &bbuf[..lb]);
    // three rotating rows of the DP table
    let mut rows = [[0usize; 65]; 3];
    for (j, v) in rows[0].iter_mut().enumerate().take(lb + 1) {
        *v = j;
    }
    for i in 1..=la {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = i;
        let mut row_min = i;
        for j in 1..=lb {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (rows[prev][j] + 1)
                .min(rows[cur][j - 1] + 1)
                .min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[prev2][j - 2] + 1);
            }
            rows[cur][j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
    }
    let d = rows[la % 3][lb];
    (d <= max).then_some(d)
}

fn fill(buf: &mut [u32; 64], s: &str) -> Option<usize> {
    let mut n = 0;
    for c in s.chars() {
        if n == buf.len() {
            return None;
        }
        buf[n] = c as u32;
        n += 1;
    }
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(q: &str, w: &str) -> u32 {
        let query = Query::new(q);
        word_score(&query.terms[0], &Word::new(normalize(w)))
    }

    #[test]
    fn scores() {
        assert_eq!(score("huisarts", "huisarts"), 100);
        assert_eq!(score("huis", "huisarts"), 80);
        assert_eq!(score("arts", "huisarts"), 60);
        assert_eq!(score("huisatrs", "huisarts"), 40); // swap
        assert_eq!(score("huisart", "huisarts"), 80);
        assert_eq!(score("Zwangerschap", "zwangerscahp"), 40);
        assert_eq!(score("cliënt", "client"), 100);
        assert_eq!(score("kraamzrog", "kraamzorguren"), 30);
        assert_eq!(score("wegingsgeprek", "wegingsgesprek"), 40);
        assert_eq!(score("abc", "abd"), 0);
        assert_eq!(score("tante", "bank"), 0);
        assert_eq!(distance("kitten", "sitting", 3), Some(3));
        assert_eq!(distance("kitten", "sitting", 2), None);
        assert_eq!(distance("ab", "ba", 1), Some(1));
    }

    #[test]
    fn raw_prefilter_never_misses_a_word_after_an_escape() {
        let raw = r#"MeetingCase(notes: "eerste regel\nok dan\tnu \"Cliënte\" \\nabij")"#;
        for q in [
            "ok",
            "nu",
            "cliente",
            "nabij",
            "eerste regel",
            "notes",
            "clienet",
        ] {
            assert!(raw_may_match(raw, &Query::new(q)), "{q}");
        }
        for q in ["xylofoon", "ok xylofoon", "zebra"] {
            assert!(!raw_may_match(raw, &Query::new(q)), "{q}");
        }
    }

    #[test]
    fn tokens_keep_original_ranges() {
        let text = "Één café, ook";
        let words: Vec<_> = tokens(text).map(|(r, w)| (&text[r], w)).collect();
        assert_eq!(words, [("Één", "Één"), ("café", "café"), ("ook", "ook")]);
        assert_eq!(normalize("Één CAFÉ"), "een cafe");
        let mut v = Vocabulary::default();
        assert_eq!(v.add_text("Café cafe CAFE thee"), [0, 0, 0, 1]);
    }
}
