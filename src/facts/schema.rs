//! The on-disk form of config/facts.ron.

use serde::Deserialize;

use super::RawValue;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactFile {
    pub facts: Vec<FactSpec>,
    #[serde(default)]
    pub derived: Vec<DerivedSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Fact")]
pub struct FactSpec {
    pub name: String,
    pub group: String,
    pub kind: KindSpec,
    pub question: String,
    #[serde(default)]
    pub help: String,
    #[serde(default)]
    pub priority: PrioritySpec,
    #[serde(default)]
    pub unknown_as: Option<RawValue>,
    /// Only ask the question while this condition holds (RULES.md §2 "ask only if …").
    #[serde(default)]
    pub ask_when: Option<String>,
}

#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum KindSpec {
    Bool,
    Enum(Vec<(String, String)>),
    Number {
        #[serde(default)]
        unit: String,
    },
    Set(Vec<(String, String)>),
    List {
        #[serde(default)]
        unit: String,
    },
    Date,
}

#[derive(Debug, Deserialize, Clone, Copy, Default)]
#[serde(rename_all = "lowercase")]
pub enum PrioritySpec {
    Safety,
    Gatekeeping,
    #[default]
    Normal,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Derived")]
pub struct DerivedSpec {
    pub name: String,
    pub kind: KindSpec,
    #[serde(default)]
    pub when: Option<String>,
    #[serde(default)]
    pub builtin: Option<String>,
    #[serde(default)]
    pub description: String,
}
