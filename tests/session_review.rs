//! Review: the list newest first (unreadable files included), fuzzy search, open actions.

#[path = "session_support.rs"]
mod support;

use std::fs;

use tafel::case::TableKind;
use tafel::facts::RawValue;
use tafel::meeting::ActionItem;
use tafel::session::{self, HitField, Review, Store};

use support::*;

fn populated() -> (tempfile::TempDir, Store) {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::at(tmp.path()).unwrap();
    let mut old = meeting(
        TableKind::Geboortezorgnetwerk,
        at(2026, 10, 5, 9, 30),
        "Anna",
    );
    old.cases[0].notes = "De cliënte slaapt bij haar tante op de bank.".into();
    old.cases[1].decision = "Aanmelden bij Het Juiste Loket voor een wegingsgesprek".into();
    old.cases[1].actions.push(ActionItem {
        who: "Karin".into(),
        what: "Wlz-indicatie opvragen".into(),
        due: date(2026, 10, 12),
        done: false,
    });
    old.cases[1].actions.push(ActionItem {
        who: "Piet".into(),
        what: "Al gedaan".into(),
        due: date(2026, 10, 1),
        done: true,
    });
    let mut new = meeting(TableKind::Uno, at(2026, 11, 22, 13, 0), "Bert");
    new.cases[1].facts.insert(
        "residence_municipality".into(),
        RawValue::Str("nieuwegein".into()),
    );
    new.cases[1].facts.insert(
        "children_ages_years".into(),
        RawValue::List(vec![RawValue::Number(3.0), RawValue::Number(7.0)]),
    );
    let middle = meeting(TableKind::Veldtafel, at(2026, 11, 22, 9, 0), "Carla");
    for m in [&old, &new, &middle] {
        store.create(m).unwrap();
    }
    (tmp, store)
}

#[test]
fn list_is_newest_first_with_counts_and_unreadable_files() {
    let (_tmp, store) = populated();
    fs::write(
        store.sessions_dir().join("2026-11-01_uno_1000.ron"),
        "Meeting(kapot",
    )
    .unwrap();
    // not sessions: recovery, lock and temp files are not listed as meetings
    fs::write(
        store
            .sessions_dir()
            .join(".2026-11-22_uno_1300.ron.tmp.1.0"),
        "x",
    )
    .unwrap();
    let list = session::list_sessions(store.sessions_dir()).unwrap();
    let chairs: Vec<&str> = list.iter().map(|s| s.chair.as_str()).collect();
    assert_eq!(chairs, ["Bert", "Carla", "", "Anna"]);
    assert_eq!(list[0].table, Some(TableKind::Uno));
    assert_eq!(list[0].date, Some(date(2026, 11, 22)));
    assert_eq!(list[0].cases, 2);
    assert_eq!(list[0].open_actions, 1);
    assert_eq!(list[3].open_actions, 2);
    let broken = &list[2];
    assert!(
        broken
            .error
            .as_ref()
            .unwrap()
            .to_string()
            .contains("2026-11-01_uno_1000.ron:1:"),
        "{:?}",
        broken.error
    );
    assert_eq!(broken.date, Some(date(2026, 11, 1)));
}

#[test]
fn search_finds_notes_decisions_fact_values_ids_and_tolerates_typos() {
    let (_tmp, store) = populated();
    let review = Review::load(store.sessions_dir()).unwrap();

    let hits = review.search("tante bank");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].field, HitField::Notes);
    assert_eq!(hits[0].case_id, "GZN-2026-031");
    assert_eq!(hits[0].date, date(2026, 10, 5));
    assert_eq!(&hits[0].snippet[hits[0].highlight.clone()], "tante");

    // accents and case do not matter; a typo is forgiven
    let hits = review.search("CLIENTE");
    assert_eq!(hits.len(), 1);
    assert!(hits[0].snippet.contains("cliënte"));
    let hits = review.search("wegingsgeprek");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].field, HitField::Decision);
    assert_eq!(hits[0].case_id, "UNO-7");

    let hits = review.search("nieuwegein");
    assert_eq!(hits.len(), 1);
    assert_eq!(
        hits[0].field,
        HitField::Fact("residence_municipality".into())
    );
    assert_eq!(hits[0].table, TableKind::Uno);
    assert_eq!(review.search("wlz-indicatie")[0].field, HitField::Action(0));

    // the same case in three meetings: all found, newest first among equals
    let hits = review.search("GZN-2026-031");
    assert_eq!(hits.len(), 3);
    assert!(hits.iter().all(|h| h.field == HitField::Id));
    assert_eq!(hits[0].date, date(2026, 11, 22));
    assert_eq!(hits[2].date, date(2026, 10, 5));

    assert!(review.search("").is_empty());
    assert!(review.search("xylofoon").is_empty());
    // every word must match in the same case
    assert!(review.search("tante wegingsgesprek").is_empty());
    // the one-shot form reads the directory itself (skipping files that cannot match) and
    // finds the same
    for q in [
        "tante",
        "tante bank",
        "CLIENTE",
        "wegingsgeprek",
        "nieuwegein",
        "GZN-2026-031",
        "ja",
        "xylofoon",
    ] {
        assert_eq!(
            session::search(store.sessions_dir(), q).unwrap(),
            review.search(q),
            "{q}"
        );
    }
}

#[test]
fn open_actions_across_sessions_mark_overdue() {
    let (_tmp, store) = populated();
    let actions = session::open_actions(store.sessions_dir(), date(2026, 11, 1)).unwrap();
    let whats: Vec<&str> = actions.iter().map(|a| a.what.as_str()).collect();
    // earliest due first; done actions left out
    assert_eq!(
        whats,
        [
            "Huisbezoek JGZ plannen",
            "Wlz-indicatie opvragen",
            "Huisbezoek JGZ plannen",
            "Huisbezoek JGZ plannen"
        ]
    );
    assert!(actions[0].overdue && actions[1].overdue);
    assert_eq!(actions[1].days_overdue, 20);
    assert_eq!(actions[1].mark(), "TE LAAT (20 dagen)");
    assert_eq!(actions[1].who, "Karin");
    assert!(!actions[2].overdue);
    assert_eq!(actions[2].mark(), "");
}

#[test]
fn review_dir_accepts_a_data_dir_or_a_sessions_dir() {
    let (tmp, store) = populated();
    assert_eq!(
        session::review_dir(Some(tmp.path())).unwrap(),
        store.sessions_dir()
    );
    assert_eq!(
        session::review_dir(Some(store.sessions_dir())).unwrap(),
        store.sessions_dir()
    );
}
