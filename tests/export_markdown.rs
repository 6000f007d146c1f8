//! Markdown minutes of a sample UNO meeting, compared with a reviewed snapshot
//! (tests/snapshots-export/). Three cases from sample-cases/: one closed with the advice
//! unchanged since, one closed under (simulated) older rules, one still open.

#[path = "common/export_sample.rs"]
mod export_sample;

use chrono::NaiveDate;
use export_sample::{at, rules, sample, sample_meeting};
use tafel::case::TableKind;
use tafel::export::{self, markdown};
use tafel::meeting::Meeting;

#[test]
fn minutes_of_a_sample_meeting() {
    let set = rules();
    let meeting = sample_meeting(&set);
    let md = markdown::minutes(&meeting, &set);
    insta::with_settings!({ snapshot_path => "snapshots-export", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("minutes_uno_2026_11_22", md);
    });
}

#[test]
fn a_snapshot_taken_now_matches_the_current_advice() {
    let set = rules();
    let date = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let case = sample("gzn-01");
    let snap = export::advice_snapshot(&set, &case, date, at(10, 0));
    let now = export::evaluate_case(&set, &case, date);
    assert!(export::snapshot_changes(&snap, &now).is_empty());
    assert!(snap.law.starts_with("bepaald"), "{}", snap.law);
    assert_eq!(snap.rules.len(), now.report.rules.len());
    // a fact the rules no longer know is left out, not fatal
    let mut old = case.clone();
    old.facts
        .insert("verdwenen_feit".into(), tafel::facts::RawValue::Bool(true));
    let advice = export::evaluate_case(&set, &old, date);
    assert_eq!(advice.skipped_facts.len(), 1);
    assert_eq!(advice.lines, now.lines);
}

#[test]
fn empty_meeting_minutes() {
    let set = rules();
    let m = Meeting::new(TableKind::Veldtafel, at(14, 0), "Anna");
    let md = markdown::minutes(&m, &set);
    assert!(md.starts_with("# Verslag Veldtafel — zondag 22 november 2026\n"));
    assert!(md.contains("- **Tijd:** 14:00 – (niet afgesloten)"));
    assert!(
        md.contains("_Geen aanwezigen vastgelegd._") && md.contains("_Geen casussen besproken._")
    );
}
