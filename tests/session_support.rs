//! Helpers shared by the session tests (included with `#[path]`; as a test target of its own it
//! runs no tests).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use tafel::case::TableKind;
use tafel::facts::RawValue;
use tafel::meeting::{ActionItem, Attendee, CaseStatus, ChecklistMark, Meeting, MeetingCase};

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    date(y, m, d).and_hms_opt(h, min, 0).unwrap()
}

/// A small but complete meeting.
pub fn meeting(table: TableKind, start: NaiveDateTime, chair: &str) -> Meeting {
    let mut m = Meeting::new(table, start, chair);
    m.attendees.push(Attendee {
        name: "Fatima El Amrani".into(),
        role: "verloskundige".into(),
    });
    m.attendees.push(Attendee {
        name: "Joost de Boer".into(),
        role: "JGZ".into(),
    });
    let mut c = MeetingCase::new("GZN-2026-031", "Zwangere 17-jarige zonder netwerk");
    c.facts.insert("pregnant".into(), RawValue::Bool(true));
    c.facts
        .insert("network".into(), RawValue::Str("absent".into()));
    c.facts
        .insert("pregnancy_weeks".into(), RawValue::Number(26.0));
    c.checklist.insert(
        "veiligheid".into(),
        ChecklistMark {
            checked: true,
            note: "Veilig Thuis niet nodig".into(),
        },
    );
    c.notes = "Tante biedt tijdelijk onderdak; huisarts is op de hoogte.".into();
    c.decision = "Buurtteam J&G pakt regie, samen met KOOS.".into();
    c.actions.push(ActionItem {
        who: "Joost".into(),
        what: "Huisbezoek JGZ plannen".into(),
        due: start.date() + chrono::Duration::days(7),
        done: false,
    });
    c.status = CaseStatus::Besproken;
    c.seconds_spent = 420;
    m.cases.push(c);
    m.cases
        .push(MeetingCase::new("UNO-7", "Moeder met LVB zoekt woonplek"));
    m
}

/// Case `n` of a generated meeting, with notes of realistic length.
pub fn generated_case(n: usize, seed: usize) -> MeetingCase {
    const WORDS: [&str; 24] = [
        "zwanger",
        "huisarts",
        "buurtteam",
        "verloskundige",
        "kraamzorg",
        "woning",
        "schulden",
        "netwerk",
        "opvang",
        "jeugdhulp",
        "veiligheid",
        "moeder",
        "vader",
        "kind",
        "school",
        "inkomen",
        "wachtlijst",
        "beschermd",
        "wonen",
        "gesprek",
        "afspraak",
        "regie",
        "zorgen",
        "plan",
    ];
    let word = |i: usize| WORDS[(i * 7 + seed * 13 + n * 3) % WORDS.len()];
    let sentence =
        |start: usize, len: usize| (start..start + len).map(word).collect::<Vec<_>>().join(" ");
    let mut c = MeetingCase::new(
        format!("GZN-{seed:04}-{n:03}"),
        format!("Casus {n}: {}", sentence(n, 5)),
    );
    c.summary = sentence(n + 1, 30);
    c.notes = format!("{}.\n{}.", sentence(n + 2, 40), sentence(n + 3, 25));
    c.decision = sentence(n + 4, 15);
    c.facts = BTreeMap::from([
        ("pregnant".to_string(), RawValue::Bool(n.is_multiple_of(2))),
        (
            "pregnancy_weeks".to_string(),
            RawValue::Number((n % 40) as f64),
        ),
        (
            "network".to_string(),
            RawValue::Str(["absent", "limited", "sufficient"][n % 3].into()),
        ),
        (
            "help_type".to_string(),
            RawValue::List(vec![RawValue::Str("parenting_support".into())]),
        ),
    ]);
    c.checklist.insert(
        "veiligheid".into(),
        ChecklistMark {
            checked: n.is_multiple_of(2),
            note: sentence(n + 5, 6),
        },
    );
    c.actions.push(ActionItem {
        who: "Buurtteam".into(),
        what: sentence(n + 6, 8),
        due: date(2026, 12, 1 + (n % 28) as u32),
        done: n.is_multiple_of(3),
    });
    c.status = CaseStatus::Besproken;
    c.seconds_spent = 300 + n as u64;
    c
}

pub fn generated_meeting(seed: usize, cases: usize) -> Meeting {
    let day = date(2024, 1, 1) + chrono::Duration::days((seed % 900) as i64);
    let start = day
        .and_hms_opt(9 + (seed % 8) as u32, [0, 15, 30, 45][seed % 4], 0)
        .unwrap();
    let mut m = Meeting::new(
        TableKind::ALL[seed % 3],
        start,
        format!("Voorzitter {seed}"),
    );
    m.attendees.push(Attendee {
        name: format!("Deelnemer {seed}"),
        role: "JGZ".into(),
    });
    m.cases = (0..cases).map(|n| generated_case(n, seed)).collect();
    m
}

/// Files in `dir` whose name contains `.tmp.` (temporary save files).
pub fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp."))
        .collect()
}

#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}
