//! Session benchmarks. Goals: autosave (atomic save with fsync) of a 100-case session ≤ 5 ms;
//! search across 1,000 generated sessions ≤ 300 ms (cold: read + parse + search; warm: a loaded
//! `Review`). Also prints the session file size per case. Files go to a temp dir under
//! `target/` (a real disk, so fsync costs what it costs), not to /tmp (which may be tmpfs).

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};
use criterion::{Criterion, criterion_group, criterion_main};
use tafel::case::TableKind;
use tafel::config::ConfigSource;
use tafel::export;
use tafel::facts::RawValue;
use tafel::meeting::{ActionItem, Attendee, CaseStatus, ChecklistMark, Meeting, MeetingCase};
use tafel::session::{self, Autosaver, Review, Store};

const WORDS: [&str; 32] = [
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
    "tante",
    "oma",
    "cliënte",
    "begeleiding",
    "indicatie",
    "ggz",
    "verslaving",
    "gezinsopvang",
];

fn text(seed: usize, len: usize) -> String {
    (0..len)
        .map(|i| WORDS[(seed * 31 + i * 7 + i * i) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn day(n: usize) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Duration::days(n as i64)
}

/// A realistic case: ~20 known facts, a few checklist notes, notes of a few sentences, a
/// decision, two actions.
fn case(n: usize, seed: usize) -> MeetingCase {
    let mut c = MeetingCase::new(
        format!("UNO-{}-{n:03}", 2024 + seed % 3),
        format!("Casus {n}: {}", text(n + seed, 6)),
    );
    c.summary = text(seed + n + 1, 45);
    c.notes = format!("{}.\n{}.", text(seed + n + 2, 50), text(seed + n + 3, 30));
    c.decision = text(seed + n + 4, 18);
    c.facts = (0..20)
        .map(|i| {
            let v = match i % 4 {
                0 => RawValue::Bool(i % 3 == 0),
                1 => RawValue::Number((n * i % 40) as f64),
                2 => RawValue::Str(
                    ["utrecht_city", "nieuwegein", "absent", "structural"][(n + i) % 4].into(),
                ),
                _ => RawValue::List(vec![
                    RawValue::Str("parenting_support".into()),
                    RawValue::Str("jgz_preventive".into()),
                ]),
            };
            (format!("fact_{i:02}"), v)
        })
        .collect();
    for i in 0..4 {
        c.checklist.insert(
            format!("UNO-{:02}", i + 1),
            ChecklistMark {
                checked: i % 2 == 0,
                note: text(n + i, 5),
            },
        );
    }
    for i in 0..2 {
        c.actions.push(ActionItem {
            who: format!("Medewerker {}", (n + i) % 7),
            what: text(n + i + 9, 8),
            due: day(seed % 700 + 14),
            done: i == 1,
        });
    }
    c.status = CaseStatus::Besproken;
    c.seconds_spent = 420;
    c
}

fn meeting(seed: usize, cases: usize) -> Meeting {
    let start: NaiveDateTime = day(seed % 700)
        .and_hms_opt(9 + (seed % 8) as u32, 0, 0)
        .unwrap();
    let mut m = Meeting::new(
        TableKind::ALL[seed % 3],
        start,
        format!("Voorzitter {}", seed % 11),
    );
    for i in 0..6 {
        m.attendees.push(Attendee {
            name: format!("Deelnemer {i}"),
            role: "buurtteam sociaal".into(),
        });
    }
    m.cases = (0..cases).map(|n| case(n, seed)).collect();
    m
}

fn bench_dir() -> tempfile::TempDir {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(&base).unwrap();
    tempfile::tempdir_in(base).unwrap()
}

fn file_sizes() {
    let tmp = bench_dir();
    let set = tafel::rules::load(&ConfigSource::embedded()).unwrap();
    let date = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let store = Store::at(tmp.path()).unwrap();
    for (label, closed) in [
        ("open cases", false),
        ("closed cases (advice snapshot)", true),
    ] {
        let mut m = meeting(1, 100);
        if closed {
            for c in &mut m.cases {
                c.facts = BTreeMap::new();
                c.advice_at_close = Some(export::advice_snapshot(
                    &set,
                    c,
                    date,
                    date.and_hms_opt(10, 0, 0).unwrap(),
                ));
            }
        }
        let s = store.create(&m).unwrap();
        let size = std::fs::metadata(s.path()).unwrap().len();
        let one = session::to_ron(&meeting(1, 1)).len() as u64;
        println!(
            "session file, 100 {label}: {} KiB, {:.1} KiB per case (a 1-case meeting: {:.1} KiB)",
            size / 1024,
            size as f64 / 100.0 / 1024.0,
            one as f64 / 1024.0
        );
        drop(s);
        std::fs::remove_dir_all(store.sessions_dir()).unwrap();
        std::fs::create_dir(store.sessions_dir()).unwrap();
    }
}

fn bench(c: &mut Criterion) {
    file_sizes();

    // autosave of a 100-case session: one keystroke's change, then the atomic save
    let tmp = bench_dir();
    let store = Store::at(tmp.path()).unwrap();
    let mut m = meeting(3, 100);
    let mut session = store.create(&m).unwrap();
    let mut i = 0usize;
    c.bench_function("autosave_100_cases_atomic_fsync", |b| {
        b.iter(|| {
            i += 1;
            m.cases[i % 100].notes.push('x');
            session.save(&m).unwrap();
        })
    });
    // through the Autosaver with a zero interval: note_change writes every time
    let saver = Autosaver::with_interval(session, Duration::ZERO);
    c.bench_function("autosaver_note_change_100_cases", |b| {
        b.iter(|| {
            i += 1;
            m.cases[i % 100].decision.push('y');
            saver.note_change(&m).unwrap();
        })
    });
    // a coalesced keystroke (pending, not written): the cost the TUI pays per key in a burst
    let coalescing = Autosaver::new(store.create(&meeting(4, 100)).unwrap());
    coalescing.note_change(&m).unwrap();
    c.bench_function("autosaver_coalesced_keystroke_100_cases", |b| {
        b.iter(|| {
            i += 1;
            m.cases[i % 100].notes.push('z');
            coalescing.note_change(&m).unwrap();
        })
    });
    drop(saver);
    drop(coalescing);

    // search across 1,000 sessions of 8 cases
    let tmp = bench_dir();
    let store = Store::at(tmp.path()).unwrap();
    let started = Instant::now();
    for seed in 0..1000 {
        let mut m = meeting(seed, 8);
        if seed == 777 {
            m.cases[3]
                .notes
                .push_str(" De ex-partner stalkt haar via Instagram.");
        }
        drop(store.create(&m).unwrap());
    }
    let bytes: u64 = session::review::session_files(store.sessions_dir())
        .unwrap()
        .iter()
        .map(|p| std::fs::metadata(p).unwrap().len())
        .sum();
    println!(
        "generated 1,000 sessions × 8 cases ({:.1} MiB) in {:.1} s",
        bytes as f64 / 1048576.0,
        started.elapsed().as_secs_f64()
    );
    let mut group = c.benchmark_group("search_1000_sessions");
    group.sample_size(10);
    // one-shot search (`tafel` CLI): read every file, parse only those whose raw text can match
    group.bench_function("cold_one_shot_rare_words", |b| {
        b.iter(|| {
            let hits = session::search(store.sessions_dir(), "instagram stalkt").unwrap();
            assert_eq!(hits.len(), 1);
        })
    });
    // worst case: a word in every session, so every file is parsed and indexed
    group.bench_function("cold_one_shot_common_word", |b| {
        b.iter(|| {
            session::search(store.sessions_dir(), "huisarts")
                .unwrap()
                .len()
        })
    });
    // the review browser: load (parse + index) all 1,000 sessions once
    group.bench_function("review_load", |b| {
        b.iter(|| Review::load(store.sessions_dir()).unwrap().len())
    });
    let review = Review::load(store.sessions_dir()).unwrap();
    group.bench_function("warm_search_fuzzy_two_words", |b| {
        b.iter(|| {
            let hits = review.search("instagrm stalkt");
            assert_eq!(hits.len(), 1);
        })
    });
    group.bench_function("warm_search_common_word", |b| {
        b.iter(|| review.search("huisarts").len())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
