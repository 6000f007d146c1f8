//! A meeting (overleg) and what the table records per case: facts, checklist, notes, decision,
//! action items and status. This is the domain model the screen edits and sessions store; it knows
//! nothing of terminals or files.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::case::{CaseDates, CaseFile, TableKind};
use crate::facts::RawValue;

/// The session file format version written by this build.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum CaseStatus {
    #[default]
    Open,
    Besproken,
    Uitgesteld,
}

impl CaseStatus {
    pub fn label(self) -> &'static str {
        match self {
            CaseStatus::Open => "open",
            CaseStatus::Besproken => "besproken",
            CaseStatus::Uitgesteld => "uitgesteld",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Attendee")]
pub struct Attendee {
    pub name: String,
    /// e.g. verloskundige, JGZ, gezinswerker buurtteam, huisarts, KOOS/Spoor030
    pub role: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Action")]
pub struct ActionItem {
    pub who: String,
    pub what: String,
    pub due: NaiveDate,
    #[serde(default)]
    pub done: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, rename = "Check")]
pub struct ChecklistMark {
    #[serde(default)]
    pub checked: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The advice as it stood when the case was closed, so that a later rule change does not
/// silently rewrite history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "AdviceSnapshot")]
pub struct AdviceSnapshot {
    pub taken_at: NaiveDateTime,
    pub law: String,
    pub route: String,
    pub provision: String,
    pub uno: String,
    pub veldtafel: String,
    pub warnings: Vec<String>,
    /// Rule id → status word (applies / not / unknown), for the rules in force then.
    pub rules: BTreeMap<String, String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "MeetingCase")]
pub struct MeetingCase {
    /// Pseudonymous id (initials or a case number), never a BSN.
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub dates: CaseDates,
    /// Known facts only; an absent fact is unknown.
    #[serde(default)]
    pub facts: BTreeMap<String, RawValue>,
    /// Checklist item id → mark.
    #[serde(default)]
    pub checklist: BTreeMap<String, ChecklistMark>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub actions: Vec<ActionItem>,
    #[serde(default)]
    pub status: CaseStatus,
    #[serde(default)]
    pub seconds_spent: u64,
    #[serde(default)]
    pub advice_at_close: Option<AdviceSnapshot>,
}

impl MeetingCase {
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Self {
        MeetingCase {
            id: id.into(),
            title: title.into(),
            summary: String::new(),
            dates: CaseDates::default(),
            facts: BTreeMap::new(),
            checklist: BTreeMap::new(),
            notes: String::new(),
            decision: String::new(),
            actions: Vec::new(),
            status: CaseStatus::Open,
            seconds_spent: 0,
            advice_at_close: None,
        }
    }

    pub fn from_case_file(case: &CaseFile) -> Self {
        let mut c = MeetingCase::new(case.id.clone(), case.title.clone());
        c.summary = case.summary.clone();
        c.dates = case.dates.clone();
        c.facts = case.facts.clone();
        c.clean_texts();
        c
    }

    /// Cleans every free text that came from a file (crate::text): no control or escape
    /// sequences, bidi overrides or zero-width characters reach the screen or the minutes.
    pub fn clean_texts(&mut self) {
        use crate::text::{sanitize, sanitize_line};
        self.id = sanitize_line(&self.id);
        self.title = sanitize_line(&self.title);
        self.summary = sanitize(&self.summary);
        self.notes = sanitize(&self.notes);
        self.decision = sanitize(&self.decision);
        for mark in self.checklist.values_mut() {
            mark.note = sanitize(&mark.note);
        }
        for action in &mut self.actions {
            action.who = sanitize_line(&action.who);
            action.what = sanitize(&action.what);
        }
        for value in self.facts.values_mut() {
            clean_raw(value);
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Meeting")]
pub struct Meeting {
    pub format_version: u32,
    pub table: TableKind,
    pub date: NaiveDate,
    pub started_at: NaiveDateTime,
    #[serde(default)]
    pub ended_at: Option<NaiveDateTime>,
    pub chair: String,
    #[serde(default)]
    pub attendees: Vec<Attendee>,
    /// In agenda order.
    #[serde(default)]
    pub cases: Vec<MeetingCase>,
}

impl Meeting {
    pub fn new(table: TableKind, started_at: NaiveDateTime, chair: impl Into<String>) -> Self {
        Meeting {
            format_version: FORMAT_VERSION,
            table,
            date: started_at.date(),
            started_at,
            ended_at: None,
            chair: chair.into(),
            attendees: Vec::new(),
            cases: Vec::new(),
        }
    }

    /// Cleans every free text of the meeting (see `MeetingCase::clean_texts`).
    pub fn clean_texts(&mut self) {
        use crate::text::sanitize_line;
        self.chair = sanitize_line(&self.chair);
        for a in &mut self.attendees {
            a.name = sanitize_line(&a.name);
            a.role = sanitize_line(&a.role);
        }
        for c in &mut self.cases {
            c.clean_texts();
        }
    }

    pub fn open_actions(&self) -> impl Iterator<Item = (&MeetingCase, &ActionItem)> {
        self.cases
            .iter()
            .flat_map(|c| c.actions.iter().filter(|a| !a.done).map(move |a| (c, a)))
    }
}

fn clean_raw(value: &mut RawValue) {
    match value {
        RawValue::Str(s) => *s = crate::text::sanitize_line(s),
        RawValue::List(items) => items.iter_mut().for_each(clean_raw),
        _ => {}
    }
}
