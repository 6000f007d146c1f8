//! The fact vocabulary (config/facts.ron) and the typed facts of one case.
//!
//! A case holds only the facts known so far; a missing fact is UNKNOWN. Values are stored by fact
//! index so that evaluation never hashes a name.

pub mod raw;
pub mod schema;

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;

pub use raw::RawValue;

pub type FactId = u16;

#[derive(Clone, Debug, PartialEq)]
pub enum FactKind {
    Bool,
    /// (value, Dutch label)
    Enum(Vec<(String, String)>),
    Number {
        unit: String,
    },
    /// A set drawn from a fixed list of values; an empty list means free text elements.
    Set(Vec<(String, String)>),
    List {
        unit: String,
    },
    Date,
}

impl FactKind {
    pub fn type_name(&self) -> &'static str {
        match self {
            FactKind::Bool => "ja/nee",
            FactKind::Enum(_) => "keuze",
            FactKind::Number { .. } => "getal",
            FactKind::Set(values) if values.is_empty() => "lijst van namen",
            FactKind::Set(_) => "verzameling",
            FactKind::List { .. } => "lijst van getallen",
            FactKind::Date => "datum",
        }
    }

    pub fn enum_index(&self, value: &str) -> Option<u16> {
        match self {
            FactKind::Enum(values) | FactKind::Set(values) => values
                .iter()
                .position(|(v, _)| v == value)
                .map(|i| i as u16),
            _ => None,
        }
    }

    pub fn is_free_set(&self) -> bool {
        matches!(self, FactKind::Set(values) if values.is_empty())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Priority {
    Safety,
    Gatekeeping,
    #[default]
    Normal,
}

#[derive(Clone, Debug)]
pub struct FactDef {
    pub name: String,
    pub group: String,
    pub kind: FactKind,
    pub question: String,
    pub help: String,
    pub priority: Priority,
    /// Protective default used by every rule while the fact is unknown.
    pub unknown_as: Option<Value>,
}

/// A typed fact value. Enumerated sets are bit masks over the fact's value list.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Bool(bool),
    Enum(u16),
    Number(f64),
    Set(u64),
    Tags(Vec<String>),
    List(Vec<f64>),
    Date(NaiveDate),
}

impl Value {
    pub fn count(&self) -> Option<usize> {
        match self {
            Value::Set(bits) => Some(bits.count_ones() as usize),
            Value::Tags(tags) => Some(tags.len()),
            Value::List(items) => Some(items.len()),
            _ => None,
        }
    }
}

/// Why a raw value does not fit a fact.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ValueError {
    #[error("'{fact}' verwacht {expected}, maar kreeg {got}")]
    WrongType {
        fact: String,
        expected: String,
        got: String,
    },
    #[error("'{value}' is geen waarde van '{fact}' (mogelijk: {allowed})")]
    NotAllowed {
        fact: String,
        value: String,
        allowed: String,
    },
    #[error("'{value}' is geen geldige datum voor '{fact}' (verwacht JJJJ-MM-DD)")]
    BadDate { fact: String, value: String },
    #[error("'{value}' is geen eindig getal voor '{fact}'")]
    NotFinite { fact: String, value: String },
}

#[derive(Clone, Debug)]
pub struct Vocabulary {
    pub facts: Vec<FactDef>,
    by_name: HashMap<String, FactId>,
}

impl Vocabulary {
    pub fn new(facts: Vec<FactDef>) -> Self {
        let by_name = facts
            .iter()
            .enumerate()
            .map(|(i, f)| (f.name.clone(), i as FactId))
            .collect();
        Vocabulary { facts, by_name }
    }

    pub fn id(&self, name: &str) -> Option<FactId> {
        self.by_name.get(name).copied()
    }

    pub fn def(&self, id: FactId) -> &FactDef {
        &self.facts[id as usize]
    }

    pub fn len(&self) -> usize {
        self.facts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }

    /// Converts a raw (RON or JSON) value into a typed value for `fact`.
    pub fn typed(&self, fact: FactId, raw: &RawValue) -> Result<Value, ValueError> {
        let def = self.def(fact);
        let wrong = |expected: &str| ValueError::WrongType {
            fact: def.name.clone(),
            expected: expected.to_string(),
            got: raw.describe(),
        };
        let not_allowed = |value: &str, values: &[(String, String)]| ValueError::NotAllowed {
            fact: def.name.clone(),
            value: value.to_string(),
            allowed: values
                .iter()
                .map(|(v, _)| v.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        };
        match (&def.kind, raw) {
            (FactKind::Bool, RawValue::Bool(b)) => Ok(Value::Bool(*b)),
            (FactKind::Bool, _) => Err(wrong("ja/nee (true/false)")),
            (FactKind::Enum(values), RawValue::Str(s)) => def
                .kind
                .enum_index(s)
                .map(Value::Enum)
                .ok_or_else(|| not_allowed(s, values)),
            (FactKind::Enum(values), _) => Err(wrong(&format!(
                "één van: {}",
                values
                    .iter()
                    .map(|(v, _)| v.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
            (FactKind::Number { .. }, RawValue::Number(n)) => {
                if n.is_finite() {
                    Ok(Value::Number(*n))
                } else {
                    Err(ValueError::NotFinite {
                        fact: def.name.clone(),
                        value: n.to_string(),
                    })
                }
            }
            (FactKind::Number { .. }, _) => Err(wrong("een getal")),
            (FactKind::Set(values), RawValue::List(items)) if values.is_empty() => {
                let mut tags = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        RawValue::Str(s) => tags.push(s.clone()),
                        _ => return Err(wrong("een lijst van namen")),
                    }
                }
                tags.sort();
                tags.dedup();
                Ok(Value::Tags(tags))
            }
            (FactKind::Set(values), RawValue::List(items)) => {
                let mut bits = 0u64;
                for item in items {
                    match item {
                        RawValue::Str(s) => match def.kind.enum_index(s) {
                            Some(i) => bits |= 1 << i,
                            None => return Err(not_allowed(s, values)),
                        },
                        _ => return Err(wrong("een lijst van waarden")),
                    }
                }
                Ok(Value::Set(bits))
            }
            (FactKind::Set(_), _) => Err(wrong("een lijst van waarden")),
            (FactKind::List { .. }, RawValue::List(items)) => {
                let mut numbers = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        RawValue::Number(n) if n.is_finite() => numbers.push(*n),
                        _ => return Err(wrong("een lijst van getallen")),
                    }
                }
                Ok(Value::List(numbers))
            }
            (FactKind::List { .. }, _) => Err(wrong("een lijst van getallen")),
            (FactKind::Date, RawValue::Str(s)) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(Value::Date)
                .map_err(|_| ValueError::BadDate {
                    fact: def.name.clone(),
                    value: s.clone(),
                }),
            (FactKind::Date, _) => Err(wrong("een datum JJJJ-MM-DD")),
        }
    }

    /// The raw form of a typed value, for output (JSON, RON, minutes).
    pub fn raw(&self, fact: FactId, value: &Value) -> RawValue {
        let def = self.def(fact);
        match value {
            Value::Bool(b) => RawValue::Bool(*b),
            Value::Number(n) => RawValue::Number(*n),
            Value::Date(d) => RawValue::Str(d.format("%Y-%m-%d").to_string()),
            Value::List(items) => {
                RawValue::List(items.iter().map(|n| RawValue::Number(*n)).collect())
            }
            Value::Tags(tags) => RawValue::List(tags.iter().cloned().map(RawValue::Str).collect()),
            Value::Enum(i) => match &def.kind {
                FactKind::Enum(values) => RawValue::Str(values[*i as usize].0.clone()),
                _ => RawValue::Null,
            },
            Value::Set(bits) => match &def.kind {
                FactKind::Set(values) => RawValue::List(
                    values
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| bits & (1 << i) != 0)
                        .map(|(_, (v, _))| RawValue::Str(v.clone()))
                        .collect(),
                ),
                _ => RawValue::Null,
            },
        }
    }

    /// A short Dutch rendering of a value for the screen.
    pub fn display(&self, fact: FactId, value: &Value) -> String {
        let def = self.def(fact);
        match value {
            Value::Bool(true) => "ja".into(),
            Value::Bool(false) => "nee".into(),
            Value::Number(n) => {
                let unit = match &def.kind {
                    FactKind::Number { unit } => unit.as_str(),
                    _ => "",
                };
                let n = format_number(*n);
                if unit.is_empty() {
                    n
                } else {
                    format!("{n} {unit}")
                }
            }
            Value::Date(d) => d.format("%d-%m-%Y").to_string(),
            Value::List(items) => {
                if items.is_empty() {
                    "geen".into()
                } else {
                    items
                        .iter()
                        .map(|n| format_number(*n))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            }
            Value::Tags(tags) => {
                if tags.is_empty() {
                    "geen".into()
                } else {
                    tags.join(", ")
                }
            }
            Value::Enum(i) => match &def.kind {
                FactKind::Enum(values) => values[*i as usize].1.clone(),
                _ => String::new(),
            },
            Value::Set(bits) => match &def.kind {
                FactKind::Set(values) => {
                    let labels: Vec<&str> = values
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| bits & (1 << i) != 0)
                        .map(|(_, (_, label))| label.as_str())
                        .collect();
                    if labels.is_empty() {
                        "geen".into()
                    } else {
                        labels.join(", ")
                    }
                }
                _ => String::new(),
            },
        }
    }
}

pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The known facts of one case, indexed by fact id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CaseFacts {
    values: Vec<Option<Value>>,
}

impl CaseFacts {
    pub fn new(vocabulary: &Vocabulary) -> Self {
        CaseFacts {
            values: vec![None; vocabulary.len()],
        }
    }

    pub fn get(&self, id: FactId) -> Option<&Value> {
        self.values.get(id as usize).and_then(|v| v.as_ref())
    }

    pub fn set(&mut self, id: FactId, value: Option<Value>) {
        if let Some(slot) = self.values.get_mut(id as usize) {
            *slot = value;
        }
    }

    pub fn known(&self) -> impl Iterator<Item = (FactId, &Value)> {
        self.values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.as_ref().map(|v| (i as FactId, v)))
    }

    pub fn known_count(&self) -> usize {
        self.values.iter().filter(|v| v.is_some()).count()
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Priority::Safety => "veiligheid",
            Priority::Gatekeeping => "poortwachter",
            Priority::Normal => "normaal",
        })
    }
}
