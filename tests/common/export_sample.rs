//! The sample UNO meeting of the minutes snapshot (tests/snapshots-export/), shared by the library
//! test (tests/export_markdown.rs) and the command-line test (tests/cli_session.rs). Three cases
//! from sample-cases/: one closed with the advice unchanged since, one closed under (simulated)
//! older rules, one still open.
#![allow(dead_code)]

use chrono::{NaiveDate, NaiveDateTime};
use tafel::case::{CaseFile, TableKind};
use tafel::config::{self, ConfigSource};
use tafel::export;
use tafel::meeting::{ActionItem, Attendee, CaseStatus, ChecklistMark, Meeting, MeetingCase};
use tafel::rules::{self, RuleSet};

pub fn rules() -> RuleSet {
    rules::load(&ConfigSource::embedded()).expect("shipped rules load")
}

pub fn sample(name: &str) -> MeetingCase {
    let file = config::embedded_sample_cases()
        .into_iter()
        .find(|f| f.path.to_string_lossy().contains(name))
        .unwrap_or_else(|| panic!("sample case {name}"));
    let case: CaseFile = config::ron_options().from_str(&file.text).unwrap();
    MeetingCase::from_case_file(&case)
}

pub fn at(h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

pub fn due(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

pub fn sample_meeting(set: &RuleSet) -> Meeting {
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
