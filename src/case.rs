//! A case as it comes to the table: the RON case format of `sample-cases/`, or a JSON object of
//! facts. Dates that rules need (birth dates, due date) are turned into ages and day counts for
//! the meeting date.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::facts::{CaseFacts, RawValue, Value, Vocabulary};
use crate::rules::RuleSet;
use crate::rules::schema::Table;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum TableKind {
    #[default]
    Geboortezorgnetwerk,
    Uno,
    Veldtafel,
}

impl TableKind {
    pub const ALL: [TableKind; 3] = [
        TableKind::Geboortezorgnetwerk,
        TableKind::Uno,
        TableKind::Veldtafel,
    ];

    pub fn table(self) -> Table {
        match self {
            TableKind::Geboortezorgnetwerk => Table::GZN,
            TableKind::Uno => Table::UNO,
            TableKind::Veldtafel => Table::VT,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TableKind::Geboortezorgnetwerk => "Geboortezorgnetwerk",
            TableKind::Uno => "UNO",
            TableKind::Veldtafel => "Veldtafel",
        }
    }

    pub fn parse(text: &str) -> Option<TableKind> {
        match text.to_ascii_lowercase().as_str() {
            "geboortezorgnetwerk" | "gzn" => Some(TableKind::Geboortezorgnetwerk),
            "uno" => Some(TableKind::Uno),
            "veldtafel" | "vt" => Some(TableKind::Veldtafel),
            _ => None,
        }
    }
}

/// Dates from which the screen computes number facts for the meeting date.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseDates {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_birth: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_child_birth: Option<NaiveDate>,
}

/// The RON case format.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Case")]
pub struct CaseFile {
    pub id: String,
    pub title: String,
    pub table: TableKind,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub dates: CaseDates,
    #[serde(default)]
    pub facts: BTreeMap<String, RawValue>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct InputError {
    pub file: String,
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for InputError {}

/// Derived facts of §2.10 may not be given in input.
fn check_not_derived(set: &RuleSet, name: &str) -> Option<String> {
    if set.derived.iter().any(|d| d.name == name) {
        Some(format!(
            "'{name}' is een afgeleid feit; het wordt berekend en kan niet worden opgegeven"
        ))
    } else {
        None
    }
}

/// Types raw facts against the vocabulary. The first bad fact is reported by name.
pub fn typed_facts(set: &RuleSet, raw: &BTreeMap<String, RawValue>) -> Result<CaseFacts, String> {
    let vocabulary: &Vocabulary = &set.vocabulary;
    let mut facts = CaseFacts::new(vocabulary);
    for (name, value) in raw {
        if let Some(message) = check_not_derived(set, name) {
            return Err(message);
        }
        let Some(id) = vocabulary.id(name) else {
            return Err(format!("onbekend feit '{name}'"));
        };
        if *value == RawValue::Null {
            continue;
        }
        let typed = vocabulary.typed(id, value).map_err(|e| e.to_string())?;
        facts.set(id, Some(typed));
    }
    Ok(facts)
}

fn months_between(from: NaiveDate, to: NaiveDate) -> i64 {
    let mut months =
        (to.year() - from.year()) as i64 * 12 + to.month() as i64 - from.month() as i64;
    if to.day() < from.day() {
        months -= 1;
    }
    months
}

fn years_between(from: NaiveDate, to: NaiveDate) -> i64 {
    months_between(from, to).div_euclid(12)
}

fn add_years(date: NaiveDate, years: i32) -> NaiveDate {
    date.with_year(date.year() + years)
        // 29 February: the birthday falls on 1 March in a common year
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(date.year() + years, 3, 1).unwrap())
}

/// Fills the number facts that the dates give, unless the fact was given explicitly.
pub fn apply_dates(set: &RuleSet, facts: &mut CaseFacts, dates: &CaseDates, meeting: NaiveDate) {
    let vocabulary = &set.vocabulary;
    let mut put = |name: &str, value: Value| {
        if let Some(id) = vocabulary.id(name) {
            if facts.get(id).is_none() {
                facts.set(id, Some(value));
            }
        }
    };
    if let Some(birth) = dates.parent_birth {
        put(
            "parent_age_years",
            Value::Number(years_between(birth, meeting) as f64),
        );
        let eighteen = add_years(birth, 18);
        put(
            "days_until_parent_18",
            Value::Number((eighteen - meeting).num_days() as f64),
        );
    }
    if let Some(due) = dates.due {
        put(
            "days_until_due_date",
            Value::Number((due - meeting).num_days() as f64),
        );
    }
    if let Some(birth) = dates.index_child_birth {
        if birth <= meeting {
            put("child_born", Value::Bool(true));
            put(
                "index_child_age_months",
                Value::Number(months_between(birth, meeting) as f64),
            );
            put(
                "days_since_birth",
                Value::Number((meeting - birth).num_days() as f64),
            );
        }
    }
}

/// A case read for evaluation: its id and typed facts.
#[derive(Clone, Debug)]
pub struct LoadedCase {
    pub id: String,
    pub title: String,
    pub table: Option<TableKind>,
    pub facts: CaseFacts,
    pub file: Option<CaseFile>,
}

/// Reads a case file (`.json`: an object of facts; otherwise the RON case format).
pub fn read_case(
    set: &RuleSet,
    path: &str,
    text: &str,
    meeting: NaiveDate,
) -> Result<LoadedCase, InputError> {
    let stem = std::path::Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| path.to_string());
    let err = |position, message: String| InputError {
        file: path.to_string(),
        position,
        message,
    };
    if path.ends_with(".json") {
        let raw: BTreeMap<String, RawValue> = serde_json::from_str(text)
            .map_err(|e| err(Some((e.line(), e.column().max(1))), format!("JSON: {e}")))?;
        let facts = typed_facts(set, &raw).map_err(|m| err(None, m))?;
        return Ok(LoadedCase {
            id: stem.clone(),
            title: stem,
            table: None,
            facts,
            file: None,
        });
    }
    let case: CaseFile = crate::config::ron_options().from_str(text).map_err(|e| {
        err(
            Some((e.span.start.line, e.span.start.col)),
            format!("RON: {}", e.code),
        )
    })?;
    let mut facts = typed_facts(set, &case.facts).map_err(|m| {
        let position = locate_fact_in(text, &m);
        err(position, m)
    })?;
    apply_dates(set, &mut facts, &case.dates, meeting);
    Ok(LoadedCase {
        id: case.id.clone(),
        title: case.title.clone(),
        table: Some(case.table),
        facts,
        file: Some(case),
    })
}

/// Finds the fact named in a message ('name') in the case text, for a line:column.
fn locate_fact_in(text: &str, message: &str) -> Option<(usize, usize)> {
    let name = message.split('\'').nth(1)?;
    let at = text.find(&format!("\"{name}\""))?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = at - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    Some((line, col))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_and_months_count_full_units() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(years_between(d(2009, 3, 2), d(2026, 3, 1)), 16);
        assert_eq!(years_between(d(2009, 3, 2), d(2026, 3, 2)), 17);
        assert_eq!(months_between(d(2026, 1, 31), d(2026, 2, 28)), 0);
        assert_eq!(months_between(d(2024, 11, 22), d(2026, 11, 22)), 24);
        assert_eq!(add_years(d(2008, 2, 29), 18), d(2026, 3, 1));
    }
}
