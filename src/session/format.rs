//! The session file format: pretty RON with struct names, read with the project's RON options
//! (`Some(…)` may be left out), and the migration of older format versions.
//!
//! # Format versions
//! * **v1** (current, [`FORMAT_VERSION`]): the [`Meeting`] of `src/meeting.rs`.
//! * **v0** (the first drafts, before attendees and time keeping): a `Meeting(…)` whose
//!   `format_version` is `0` or absent, without `attendees`, and whose cases have no
//!   `seconds_spent` and no `advice_at_close` and call their free text `remarks` instead of
//!   `notes`. Migration: `remarks` → `notes`, `attendees` = [], `seconds_spent` = 0,
//!   `advice_at_close` = None, `format_version` = 1.
//!
//! Migration happens in memory only ([`Parsed::migrated_from`] tells the caller); the file on
//! disk keeps its old form until a normal save after the user changed something.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;

use crate::case::{CaseDates, TableKind};
use crate::facts::RawValue;
use crate::meeting::{ActionItem, CaseStatus, ChecklistMark, FORMAT_VERSION, Meeting, MeetingCase};

use super::error::ParseError;

fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("  ")
}

/// Serialises a meeting as the session file text (pretty RON, struct names, trailing newline).
pub fn to_ron(meeting: &Meeting) -> String {
    let mut text = if meeting.format_version == FORMAT_VERSION {
        ron::ser::to_string_pretty(meeting, pretty())
    } else {
        let mut current = meeting.clone();
        current.format_version = FORMAT_VERSION;
        ron::ser::to_string_pretty(&current, pretty())
    }
    .expect("a meeting always serialises to RON");
    text.push('\n');
    text
}

/// Writes the same text as [`to_ron`], but re-serialises only the cases that changed since the
/// previous call (an autosave after a keystroke touches one case of a hundred). Each case's
/// text is cached indented for its place in the file; RON escapes newlines inside strings, so
/// indenting line by line is safe.
#[derive(Debug, Default)]
pub struct CachedWriter {
    cases: Vec<(MeetingCase, String)>,
}

impl CachedWriter {
    pub fn to_ron(&mut self, meeting: &Meeting) -> String {
        // every field but the cases; a struct literal, so a new field in Meeting cannot be missed
        let header = Meeting {
            format_version: FORMAT_VERSION,
            table: meeting.table,
            date: meeting.date,
            started_at: meeting.started_at,
            ended_at: meeting.ended_at,
            chair: meeting.chair.clone(),
            attendees: meeting.attendees.clone(),
            cases: Vec::new(),
        };
        let header = ron::ser::to_string_pretty(&header, pretty())
            .expect("a meeting always serialises to RON");
        let Some(head) = header.strip_suffix("  cases: [],\n)") else {
            return to_ron(meeting); // not the layout we expect: no shortcuts
        };
        self.cases.truncate(meeting.cases.len());
        for (i, case) in meeting.cases.iter().enumerate() {
            if self.cases.get(i).is_some_and(|(cached, _)| cached == case) {
                continue;
            }
            let text = ron::ser::to_string_pretty(case, pretty())
                .expect("a case always serialises to RON");
            let mut indented = String::with_capacity(text.len() + text.len() / 8);
            for line in text.lines() {
                indented.push_str("    ");
                indented.push_str(line);
                indented.push('\n');
            }
            indented.pop();
            if i < self.cases.len() {
                self.cases[i] = (case.clone(), indented);
            } else {
                self.cases.push((case.clone(), indented));
            }
        }
        let mut out = String::with_capacity(
            head.len() + self.cases.iter().map(|(_, t)| t.len() + 2).sum::<usize>() + 32,
        );
        out.push_str(head);
        if self.cases.is_empty() {
            out.push_str("  cases: [],\n)\n");
            return out;
        }
        out.push_str("  cases: [\n");
        for (_, text) in &self.cases {
            out.push_str(text);
            out.push_str(",\n");
        }
        out.push_str("  ],\n)\n");
        out
    }
}

/// A meeting read from a session file.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub meeting: Meeting,
    /// The version the file was written in, when it was older and migrated in memory.
    pub migrated_from: Option<u32>,
}

fn spanned(path: &Path, e: &ron::error::SpannedError) -> ParseError {
    let code = e.code.to_string();
    // chrono's own words say nothing about dates; say what was expected
    let message = if [
        "input is out of range",
        "no possible date and time matching input",
        "input is not enough for unique date and time",
        "input contains invalid characters",
        "premature end of input",
        "trailing input",
    ]
    .contains(&code.as_str())
    {
        format!(
            "geen geldige datum of tijd ({code}); verwacht \"JJJJ-MM-DD\" of \"JJJJ-MM-DDTuu:mm:ss\""
        )
    } else {
        format!("RON: {code}")
    };
    ParseError {
        path: path.to_path_buf(),
        line: e.span.start.line,
        column: e.span.start.col,
        message,
    }
}

/// Parses session file text (any supported version). `path` is only used in errors.
pub fn parse(path: &Path, text: &str) -> Result<Parsed, ParseError> {
    let options = crate::config::ron_options();
    match options.from_str::<Meeting>(text) {
        Ok(meeting) => check_version(path, meeting),
        Err(current_err) => {
            // Which version is it? Only an old (or unversioned) file is tried as v0.
            match options.from_str::<VersionProbe>(text) {
                Ok(VersionProbe {
                    format_version: None | Some(0),
                }) => match options.from_str::<v0::Meeting>(text) {
                    Ok(old) => Ok(Parsed {
                        meeting: old.migrate(),
                        migrated_from: Some(0),
                    }),
                    Err(e) => Err(spanned(path, &e)),
                },
                Ok(VersionProbe {
                    format_version: Some(v),
                }) if v > FORMAT_VERSION => Err(too_new(path, v)),
                _ => Err(spanned(path, &current_err)),
            }
        }
    }
}

fn check_version(path: &Path, mut meeting: Meeting) -> Result<Parsed, ParseError> {
    let found = meeting.format_version;
    if found > FORMAT_VERSION {
        return Err(too_new(path, found));
    }
    let migrated_from = (found < FORMAT_VERSION).then_some(found);
    // a v0 file that happens to use none of the renamed fields parses as v1 directly
    meeting.format_version = FORMAT_VERSION;
    Ok(Parsed {
        meeting,
        migrated_from,
    })
}

fn too_new(path: &Path, found: u32) -> ParseError {
    ParseError {
        path: path.to_path_buf(),
        line: 0,
        column: 0,
        message: format!(
            "sessieformaat versie {found} is nieuwer dan deze tafel kent (versie {FORMAT_VERSION}); werk tafel bij"
        ),
    }
}

#[derive(Deserialize)]
#[serde(rename = "Meeting")]
struct VersionProbe {
    #[serde(default)]
    format_version: Option<u32>,
}

/// The v0 shape, kept only to read old files.
mod v0 {
    use super::*;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields, rename = "Meeting")]
    pub struct Meeting {
        #[serde(default)]
        #[allow(dead_code)]
        pub format_version: Option<u32>,
        pub table: TableKind,
        pub date: NaiveDate,
        pub started_at: NaiveDateTime,
        #[serde(default)]
        pub ended_at: Option<NaiveDateTime>,
        pub chair: String,
        #[serde(default)]
        pub cases: Vec<MeetingCase>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields, rename = "MeetingCase")]
    pub struct MeetingCase {
        pub id: String,
        pub title: String,
        #[serde(default)]
        pub summary: String,
        #[serde(default)]
        pub dates: CaseDates,
        #[serde(default)]
        pub facts: BTreeMap<String, RawValue>,
        #[serde(default)]
        pub checklist: BTreeMap<String, ChecklistMark>,
        #[serde(default)]
        pub remarks: String,
        #[serde(default)]
        pub decision: String,
        #[serde(default)]
        pub actions: Vec<ActionItem>,
        #[serde(default)]
        pub status: CaseStatus,
    }

    impl Meeting {
        pub fn migrate(self) -> super::Meeting {
            super::Meeting {
                format_version: FORMAT_VERSION,
                table: self.table,
                date: self.date,
                started_at: self.started_at,
                ended_at: self.ended_at,
                chair: self.chair,
                attendees: Vec::new(),
                cases: self.cases.into_iter().map(MeetingCase::migrate).collect(),
            }
        }
    }

    impl MeetingCase {
        fn migrate(self) -> super::MeetingCase {
            super::MeetingCase {
                id: self.id,
                title: self.title,
                summary: self.summary,
                dates: self.dates,
                facts: self.facts,
                checklist: self.checklist,
                notes: self.remarks,
                decision: self.decision,
                actions: self.actions,
                status: self.status,
                seconds_spent: 0,
                advice_at_close: None,
            }
        }
    }
}
