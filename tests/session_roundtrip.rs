//! Every field of a meeting survives a save and a load (property test over generated meetings
//! with arbitrary unicode text, empty and many cases, all optional fields).

#[path = "session_support.rs"]
mod support;

use chrono::{NaiveDate, NaiveDateTime};
use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use tafel::case::{CaseDates, TableKind};
use tafel::facts::RawValue;
use tafel::meeting::{
    ActionItem, AdviceSnapshot, Attendee, CaseStatus, ChecklistMark, FORMAT_VERSION, Meeting,
    MeetingCase,
};
use tafel::session::{self, Session, Store};

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        2 => "[a-zA-Z0-9 éëïöüàç€½«»\"\\\\\n\t()\\[\\]{}:,#/*-]{0,40}",
        1 => Just(String::new()),
        1 => Just("\u{202E}bidi\u{200B}zero\u{0}nul\r\n\"quote\" \\ r#\"raw\"#".to_string()),
    ]
}

fn day() -> impl Strategy<Value = NaiveDate> {
    (-200_000i32..1_000_000)
        .prop_map(|d| NaiveDate::from_num_days_from_ce_opt(700_000 + d).unwrap())
}

fn moment() -> impl Strategy<Value = NaiveDateTime> {
    (
        day(),
        0u32..86_400,
        prop_oneof![Just(0u32), 0u32..1_000_000_000],
    )
        .prop_map(|(d, s, ns)| {
            d.and_hms_nano_opt(s / 3600, s / 60 % 60, s % 60, ns)
                .unwrap()
        })
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        (-10_000i64..10_000).prop_map(|n| n as f64),
        any::<f64>().prop_filter("finite", |f| f.is_finite()),
    ]
}

fn raw_value() -> impl Strategy<Value = RawValue> {
    let leaf = prop_oneof![
        Just(RawValue::Null),
        any::<bool>().prop_map(RawValue::Bool),
        number().prop_map(RawValue::Number),
        text().prop_map(RawValue::Str),
    ];
    leaf.prop_recursive(2, 12, 4, |inner| vec(inner, 0..4).prop_map(RawValue::List))
}

fn dates() -> impl Strategy<Value = CaseDates> {
    (option::of(day()), option::of(day()), option::of(day())).prop_map(
        |(parent_birth, due, index_child_birth)| CaseDates {
            parent_birth,
            due,
            index_child_birth,
        },
    )
}

fn action() -> impl Strategy<Value = ActionItem> {
    (text(), text(), day(), any::<bool>()).prop_map(|(who, what, due, done)| ActionItem {
        who,
        what,
        due,
        done,
    })
}

fn snapshot() -> impl Strategy<Value = AdviceSnapshot> {
    (
        moment(),
        text(),
        text(),
        text(),
        text(),
        text(),
        vec(text(), 0..4),
        btree_map(text(), text(), 0..6),
    )
        .prop_map(
            |(taken_at, law, route, provision, uno, veldtafel, warnings, rules)| AdviceSnapshot {
                taken_at,
                law,
                route,
                provision,
                uno,
                veldtafel,
                warnings,
                rules,
            },
        )
}

fn status() -> impl Strategy<Value = CaseStatus> {
    prop_oneof![
        Just(CaseStatus::Open),
        Just(CaseStatus::Besproken),
        Just(CaseStatus::Uitgesteld)
    ]
}

fn case() -> impl Strategy<Value = MeetingCase> {
    (
        (text(), text(), text(), dates()),
        btree_map(text(), raw_value(), 0..6),
        btree_map(
            text(),
            (any::<bool>(), text()).prop_map(|(checked, note)| ChecklistMark { checked, note }),
            0..5,
        ),
        (
            text(),
            text(),
            vec(action(), 0..4),
            status(),
            any::<u64>(),
            option::of(snapshot()),
        ),
    )
        .prop_map(
            |(
                (id, title, summary, dates),
                facts,
                checklist,
                (notes, decision, actions, status, seconds_spent, advice_at_close),
            )| {
                MeetingCase {
                    id,
                    title,
                    summary,
                    dates,
                    facts,
                    checklist,
                    notes,
                    decision,
                    actions,
                    status,
                    seconds_spent,
                    advice_at_close,
                }
            },
        )
}

fn meeting() -> impl Strategy<Value = Meeting> {
    (
        prop_oneof![
            Just(TableKind::Geboortezorgnetwerk),
            Just(TableKind::Uno),
            Just(TableKind::Veldtafel)
        ],
        moment(),
        option::of(moment()),
        text(),
        vec(
            (text(), text()).prop_map(|(name, role)| Attendee { name, role }),
            0..6,
        ),
        prop_oneof![3 => vec(case(), 0..4), 1 => vec(case(), 10..30)],
    )
        .prop_map(
            |(table, started_at, ended_at, chair, attendees, cases)| Meeting {
                format_version: FORMAT_VERSION,
                table,
                date: started_at.date(),
                started_at,
                ended_at,
                chair,
                attendees,
                cases,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn every_field_survives_save_and_load(m in meeting()) {
        // in memory
        let text = session::to_ron(&m);
        let parsed = session::parse(std::path::Path::new("mem.ron"), &text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&parsed.meeting, &m);
        prop_assert_eq!(parsed.migrated_from, None);
        // the incremental writer of autosave writes the very same text, also after changes
        let mut writer = session::CachedWriter::default();
        prop_assert_eq!(&writer.to_ron(&m), &text);
        let mut edited = m.clone();
        if let Some(c) = edited.cases.first_mut() {
            c.notes.push_str("\nnog een regel");
        }
        edited.cases.truncate(edited.cases.len().saturating_sub(1).max(1).min(edited.cases.len()));
        prop_assert_eq!(writer.to_ron(&edited), session::to_ron(&edited));
        prop_assert_eq!(writer.to_ron(&m), text.clone());

        // through the store: create, change, save, open
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::at(tmp.path()).unwrap();
        let mut s = store.create(&m).unwrap();
        let mut changed = m.clone();
        changed.chair.push('!');
        s.save(&changed).unwrap();
        drop(s);
        let opened = Session::open(&store.sessions_dir().join(format!("{}.ron", session::file_stem(&m)))).unwrap();
        prop_assert_eq!(&opened.meeting, &changed);
    }
}

#[test]
fn a_hundred_cases_round_trip() {
    let m = support::generated_meeting(7, 100);
    let text = session::to_ron(&m);
    assert_eq!(
        session::parse(std::path::Path::new("x.ron"), &text)
            .unwrap()
            .meeting,
        m
    );
}
