//! Fuzzy filtering (nucleo-matcher, the matcher of helix): the indices of the haystacks that match,
//! best match first (ties keep their original order).

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

pub fn filter(query: &str, haystacks: &[String]) -> Vec<usize> {
    let mut matcher = Matcher::new(Config::DEFAULT);
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize)> = haystacks
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            pattern
                .score(Utf32Str::new(h, &mut buf), &mut matcher)
                .map(|s| (s, i))
        })
        .collect();
    scored.sort_by_key(|&(s, i)| (std::cmp::Reverse(s), i));
    scored.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_fuzzily_and_keeps_order() {
        let hay = vec![
            "GZN-2026-031 Zwangere 17-jarige".to_string(),
            "GZN-2026-040 Huilbaby".into(),
            "UNO-1 Dakloos".into(),
        ];
        assert_eq!(super::filter("huil", &hay)[0], 1);
        assert_eq!(super::filter("gzn", &hay), vec![0, 1]);
        assert_eq!(super::filter("zwgr", &hay), vec![0]);
        assert!(super::filter("xyzzy", &hay).is_empty());
    }
}
