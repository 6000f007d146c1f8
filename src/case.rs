//! A case as it comes to the table: the RON case format of `sample-cases/`, or a JSON object of
//! facts. Dates that rules need (birth dates, due date) are turned into ages and day counts for
//! the meeting date.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::de::{self, Deserializer, MapAccess, Visitor};
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
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_date"
    )]
    pub parent_birth: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_date"
    )]
    pub due: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_date"
    )]
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
    #[serde(default, deserialize_with = "unique_facts")]
    pub facts: BTreeMap<String, RawValue>,
}

/// An optional date `JJJJ-MM-DD`; an invalid one is reported with its text.
fn optional_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    let text: Option<String> = Option::deserialize(d)?;
    match text {
        None => Ok(None),
        Some(t) => t.parse::<NaiveDate>().map(Some).map_err(|_| {
            de::Error::custom(format!("'{t}' is geen geldige datum (verwacht JJJJ-MM-DD)"))
        }),
    }
}

/// A map of facts in which each fact occurs once: a second value for the same fact is an error,
/// not a silent overwrite.
fn unique_facts<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, RawValue>, D::Error> {
    struct Facts;
    impl<'de> Visitor<'de> for Facts {
        type Value = BTreeMap<String, RawValue>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("feiten als {\"naam\": waarde, …}")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(name) = map.next_key::<String>()? {
                if out.contains_key(&name) {
                    return Err(de::Error::custom(format!(
                        "feit '{name}' staat er twee keer in"
                    )));
                }
                let value = map.next_value()?;
                out.insert(name, value);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Facts)
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
    typed_facts_named(set, raw).map_err(|(_, message)| message)
}

/// [`typed_facts`], with the name of the bad fact beside the message (to find its position).
fn typed_facts_named(
    set: &RuleSet,
    raw: &BTreeMap<String, RawValue>,
) -> Result<CaseFacts, (String, String)> {
    let vocabulary: &Vocabulary = &set.vocabulary;
    let mut facts = CaseFacts::new(vocabulary);
    for (name, value) in raw {
        if let Some(message) = check_not_derived(set, name) {
            return Err((name.clone(), message));
        }
        let Some(id) = vocabulary.id(name) else {
            return Err((name.clone(), format!("onbekend feit '{name}'")));
        };
        if *value == RawValue::Null {
            continue;
        }
        let typed = vocabulary
            .typed(id, value)
            .map_err(|e| (name.clone(), e.to_string()))?;
        facts.set(id, Some(typed));
    }
    Ok(facts)
}

/// Decodes a case file's bytes; invalid UTF-8 is reported at its line and column.
pub fn decode_text(path: &str, bytes: Vec<u8>) -> Result<String, InputError> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&e.as_bytes()[..valid]);
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        InputError {
            file: path.to_string(),
            position: Some((line, col)),
            message: format!("geen geldige UTF-8 (byte {valid})"),
        }
    })
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
        if let Some(id) = vocabulary.id(name)
            && facts.get(id).is_none()
        {
            facts.set(id, Some(value));
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
    if let Some(birth) = dates.index_child_birth
        && birth <= meeting
    {
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
    if text.starts_with('\u{feff}') {
        return Err(err(
            Some((1, 1)),
            "het bestand begint met een BOM (U+FEFF); sla het op als UTF-8 zonder BOM".into(),
        ));
    }
    if text.trim().is_empty() {
        return Err(err(Some((1, 1)), "het bestand is leeg".into()));
    }
    let bad_fact = |(name, message): (String, String)| err(locate_fact_in(text, &name), message);
    if path.ends_with(".json") {
        let json_error =
            |e: serde_json::Error| err(Some((e.line(), e.column().max(1))), format!("JSON: {e}"));
        let mut de = serde_json::Deserializer::from_str(text);
        let raw = unique_facts(&mut de).map_err(json_error)?;
        de.end().map_err(json_error)?;
        let facts = typed_facts_named(set, &raw).map_err(bad_fact)?;
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
    let mut facts = typed_facts_named(set, &case.facts).map_err(bad_fact)?;
    apply_dates(set, &mut facts, &case.dates, meeting);
    Ok(LoadedCase {
        id: case.id.clone(),
        title: case.title.clone(),
        table: Some(case.table),
        facts,
        file: Some(case),
    })
}

/// Finds the fact `name` in the case text (as a key `"name":`, else anywhere quoted), for a
/// line:column.
fn locate_fact_in(text: &str, name: &str) -> Option<(usize, usize)> {
    let quoted = format!("\"{name}\"");
    let as_key = text
        .match_indices(&quoted)
        .find(|(i, _)| text[i + quoted.len()..].trim_start().starts_with(':'));
    let at = as_key.map(|(i, _)| i).or_else(|| text.find(&quoted))?;
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
