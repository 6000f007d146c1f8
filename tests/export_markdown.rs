//! Markdown minutes of a sample UNO meeting, compared with a reviewed snapshot
//! (tests/snapshots-export/). Three cases from sample-cases/: one closed with the advice
//! unchanged since, one closed under (simulated) older rules, one still open.

use chrono::{NaiveDate, NaiveDateTime};
use tafel::case::{CaseFile, TableKind};
use tafel::config::{self, ConfigSource};
use tafel::export::{self, markdown};
use tafel::meeting::{ActionItem, Attendee, CaseStatus, ChecklistMark, Meeting, MeetingCase};
use tafel::rules::{self, RuleSet};

fn rules() -> RuleSet {
    rules::load(&ConfigSource::embedded()).expect("shipped rules load")
}

fn sample(name: &str) -> MeetingCase {
    let file = config::embedded_sample_cases()
        .into_iter()
        .find(|f| f.path.to_string_lossy().contains(name))
        .unwrap_or_else(|| panic!("sample case {name}"));
    let case: CaseFile = config::ron_options().from_str(&file.text).unwrap();
    MeetingCase::from_case_file(&case)
}

fn at(h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

fn due(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

fn sample_meeting(set: &RuleSet) -> Meeting {
    let date = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mut m = Meeting::new(TableKind::Uno, at(9, 30), "Marieke Jansen");
    m.ended_at = Some(at(11, 5));
    for (name, role) in [
        ("Marieke Jansen", "voorzitter, beleid"),
        ("Sanne Bakker", "buurtteam sociaal"),
        ("Youssef Amrani", "KOOS/Spoor030"),
        ("Ineke Vos", "zorgaanbieder beschermd wonen"),
    ] {
        m.attendees.push(Attendee {
            name: name.into(),
            role: role.into(),
        });
    }

    let mut a = sample("uno-01");
    a.checklist.insert(
        "UNO-01".into(),
        ChecklistMark {
            checked: true,
            note: String::new(),
        },
    );
    a.checklist.insert(
        "UNO-04".into(),
        ChecklistMark {
            checked: true,
            note: "Ambulante ggz en IB uitgeput (verslag buurtteam).".into(),
        },
    );
    a.checklist.insert(
        "UNO-11".into(),
        ChecklistMark {
            checked: true,
            note: "Geen Wlz-indicatie.".into(),
        },
    );
    a.checklist.insert(
        "UNO-13".into(),
        ChecklistMark {
            checked: false,
            note: "Begeleiding baby nog afstemmen met KOOS.".into(),
        },
    );
    a.notes = "Moeder is gemotiveerd; zij wil met haar baby blijven wonen.\nDe ambulante ggz ziet 24/7-nabijheid als noodzakelijk.\n\nBuurtteam heeft de aanmelding compleet.".into();
    a.decision = "Beschermd Thuis (Wmo) via de Regionale Toegang aanvragen; buurtteam sociaal houdt de regie.".into();
    a.actions.push(ActionItem {
        who: "Sanne Bakker (buurtteam sociaal)".into(),
        what: "Melding bij de Regionale Toegang doen".into(),
        due: due(1),
        done: false,
    });
    a.actions.push(ActionItem {
        who: "Youssef Amrani".into(),
        what: "Begeleiding baby | ouder-kindrelatie bespreken met KOOS".into(),
        due: due(8),
        done: false,
    });
    a.status = CaseStatus::Besproken;
    a.seconds_spent = 14 * 60 + 20;
    a.advice_at_close = Some(export::advice_snapshot(set, &a, date, at(9, 52)));
    m.cases.push(a);

    let mut b = sample("uno-02");
    b.checklist.insert(
        "UNO-06".into(),
        ChecklistMark {
            checked: true,
            note: "Geen acute dreiging.".into(),
        },
    );
    b.decision = "Opvang via Toegang Opvang; over zes weken terug op de agenda.".into();
    b.actions.push(ActionItem {
        who: "Ineke Vos".into(),
        what: "Plek in de gezinsopvang navragen".into(),
        due: due(4),
        done: true,
    });
    b.status = CaseStatus::Besproken;
    b.seconds_spent = 9 * 60;
    // closed under older rules: the route then had one step less and one rule stood otherwise
    let mut then = export::advice_snapshot(set, &b, date, at(10, 20));
    then.route = "bepaald — buurtteam_sociaal".into();
    if let Some((id, status)) = then.rules.iter_mut().find(|(_, s)| s.as_str() == "applies") {
        let _ = id;
        *status = "unknown".into();
    }
    b.advice_at_close = Some(then);
    m.cases.push(b);

    let mut c = sample("uno-08");
    c.notes = "Vader is niet aanwezig; informatie via de verslavingszorg volgt.".into();
    c.status = CaseStatus::Uitgesteld;
    m.cases.push(c);
    m
}

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
