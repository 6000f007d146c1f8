//! The privacy guard through the public API: the BSN elfproef, and what `privacy_hints` does and
//! does not flag in free text. A hint is a warning with a suggestion, never a block.

use tafel::text::{PrivacyHint, is_valid_bsn, privacy_hints};

/// (nine digits, passes the elfproef)
const ELFPROEF: &[(&str, bool)] = &[
    ("111222333", true),
    ("123456782", true),
    ("999999990", true),  // 9·(9+8+…+2) − 0 = 396 = 36·11
    ("010000008", true),  // a leading zero is allowed: 8·1 − 8 = 0
    ("123456789", false), // 165 − 9 = 156, not a multiple of 11
    ("111222334", false),
    ("000000000", false), // all zeros
    ("987654321", false),
    ("12345678", false),   // eight digits
    ("1234567820", false), // ten digits
    ("12345678a", false),
    ("123 456 782", false), // separators are for privacy_hints, not for the check itself
    ("", false),
];

#[test]
fn elfproef_table() {
    for &(digits, valid) in ELFPROEF {
        assert_eq!(is_valid_bsn(digits), valid, "{digits:?}");
    }
}

/// The elfproef written out, to check the table's own arithmetic (and 1,000 more numbers).
fn elfproef_by_hand(d: &str) -> bool {
    let d: Vec<i64> = d.bytes().map(|b| (b - b'0') as i64).collect();
    let sum: i64 = (0..8).map(|i| (9 - i as i64) * d[i]).sum::<i64>() - d[8];
    sum % 11 == 0 && d.iter().any(|&x| x != 0)
}

#[test]
fn elfproef_agrees_with_the_definition() {
    for &(digits, valid) in ELFPROEF {
        if digits.len() == 9 && digits.bytes().all(|b| b.is_ascii_digit()) {
            assert_eq!(elfproef_by_hand(digits), valid, "table entry {digits}");
        }
    }
    let mut n: u64 = 123_456_789;
    for _ in 0..1000 {
        n = n
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407)
            % 1_000_000_000;
        let digits = format!("{n:09}");
        assert_eq!(is_valid_bsn(&digits), elfproef_by_hand(&digits), "{digits}");
    }
}

fn kinds(text: &str) -> Vec<(&'static str, String)> {
    privacy_hints(text)
        .into_iter()
        .map(|h| {
            let kind = match h {
                PrivacyHint::Bsn(_) => "bsn",
                PrivacyHint::Email(_) => "email",
                PrivacyHint::Phone(_) => "phone",
            };
            (kind, h.found().to_string())
        })
        .collect()
}

#[test]
fn hints_table() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        // BSN, plain and formatted
        ("BSN moeder 111222333", &[("bsn", "111222333")]),
        ("bsn: 123.456.782.", &[("bsn", "123.456.782")]),
        ("123 456 782", &[("bsn", "123 456 782")]),
        ("1234.56.782", &[("bsn", "1234.56.782")]),
        ("(999999990)", &[("bsn", "999999990")]),
        // not a BSN
        ("123456789", &[]),
        ("1123456782", &[]),
        ("€ 123.456.782", &[]),
        ("123.456.782,- subsidie", &[]),
        ("NL91ABNA0111222333", &[]),
        ("zaak ZD-111222333", &[]),
        // phone numbers
        ("06-12345678", &[("phone", "06-12345678")]),
        ("06 1234 5678", &[("phone", "06 1234 5678")]),
        ("+31 6 12345678", &[("phone", "+31 6 12345678")]),
        ("0031 6 1234 5678", &[("phone", "0031 6 1234 5678")]),
        ("030-1234567", &[("phone", "030-1234567")]),
        ("(030) 123 45 67", &[("phone", "(030) 123 45 67")]),
        // dates, times, case numbers, amounts: nothing
        ("2026-11-22", &[]),
        ("22-11-2026 om 09:30", &[]),
        ("22.11.2026 10:30:00", &[]),
        ("GZN-2026-031", &[]),
        ("UNO-2026-0112", &[]),
        ("€ 1.234,56", &[]),
        ("0800-2000 (Veilig Thuis)", &[]),
        ("26 weken, 3 kinderen (2, 5 en 8 jaar)", &[]),
        // e-mail
        (
            "mail naar a.b@buurtteam-utrecht.nl",
            &[("email", "a.b@buurtteam-utrecht.nl")],
        ),
        ("@buurtteam", &[]),
        // several, in order of appearance, each once
        (
            "j.jansen@example.nl, 06-12345678 of 0612345678; BSN 111222333",
            &[
                ("email", "j.jansen@example.nl"),
                ("phone", "06-12345678"),
                ("bsn", "111222333"),
            ],
        ),
    ];
    for (text, expected) in cases {
        let expected: Vec<(&str, String)> =
            expected.iter().map(|(k, s)| (*k, s.to_string())).collect();
        assert_eq!(kinds(text), expected, "{text:?}");
    }
}

#[test]
fn hidden_characters_do_not_hide_a_bsn() {
    assert_eq!(
        kinds("111\u{200b}222\u{2060}333"),
        [("bsn", "111222333".to_string())]
    );
    assert_eq!(
        kinds("\u{1b}[8m111222333\u{1b}[0m"),
        [("bsn", "111222333".to_string())]
    );
}

#[test]
fn messages_are_dutch_warnings_with_a_pseudonym_suggestion() {
    for hint in privacy_hints("111222333 06-12345678 x@example.nl") {
        let m = hint.to_string();
        assert!(m.starts_with("Let op:"), "{m}");
        assert!(m.contains("pseudoniem"), "{m}");
        assert!(m.contains("initialen of het casusnummer"), "{m}");
        assert!(m.contains(hint.found()), "{m}");
    }
}
