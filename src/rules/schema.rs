//! The on-disk form of config/rules/*.ron, config/params.ron and config/register.ron.
//! See docs/config-format.md.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::facts::RawValue;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    pub theme: String,
    pub rules: Vec<RuleSpec>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Law,
    Route,
    Eligibility,
    Exclusion,
    Procedure,
    Warning,
    Reminder,
    Principle,
    Escalation,
    Time,
}

impl Kind {
    pub const ALL: [Kind; 10] = [
        Kind::Law,
        Kind::Route,
        Kind::Eligibility,
        Kind::Exclusion,
        Kind::Procedure,
        Kind::Warning,
        Kind::Reminder,
        Kind::Principle,
        Kind::Escalation,
        Kind::Time,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Law => "law",
            Kind::Route => "route",
            Kind::Eligibility => "eligibility",
            Kind::Exclusion => "exclusion",
            Kind::Procedure => "procedure",
            Kind::Warning => "warning",
            Kind::Reminder => "reminder",
            Kind::Principle => "principle",
            Kind::Escalation => "escalation",
            Kind::Time => "time",
        }
    }
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    ALL,
    GZN,
    UNO,
    VT,
    RT,
    ONZ,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Flag {
    Concept,
    Historical,
    Inferred,
    Verify,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Law {
    Jeugdwet,
    Wmo,
    Zvw,
    Wlz,
    Wpg,
}

impl Law {
    pub fn as_str(self) -> &'static str {
        match self {
            Law::Jeugdwet => "Jeugdwet",
            Law::Wmo => "Wmo",
            Law::Zvw => "Zvw",
            Law::Wlz => "Wlz",
            Law::Wpg => "Wpg",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Rule")]
pub struct RuleSpec {
    pub id: String,
    pub kind: Kind,
    pub tables: Vec<Table>,
    pub title: String,
    pub when: String,
    pub applies: String,
    #[serde(default)]
    pub not: String,
    #[serde(default)]
    pub unknown: String,
    #[serde(default)]
    pub branches: Vec<BranchSpec>,
    #[serde(default)]
    pub notes: Vec<NoteSpec>,
    #[serde(default)]
    pub judgement: bool,
    #[serde(default)]
    pub judgement_when: Option<String>,
    #[serde(default)]
    pub escalation: Option<String>,
    #[serde(default)]
    pub conflicts: Vec<ConflictSpec>,
    #[serde(default)]
    pub register: Vec<String>,
    #[serde(default)]
    pub flags: Vec<Flag>,
    #[serde(default)]
    pub verify: Option<String>,
    #[serde(default)]
    pub unknown_as: BTreeMap<String, RawValue>,
    #[serde(default)]
    pub advice: Option<AdviceSpec>,
    pub source: Vec<SourceSpec>,
    #[serde(default)]
    pub valid_from: Option<String>,
    #[serde(default)]
    pub valid_to: Option<String>,
    pub tests: Vec<TestSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Branch")]
pub struct BranchSpec {
    #[serde(default)]
    pub when: Option<String>,
    pub text: String,
    #[serde(default)]
    pub judgement: bool,
    #[serde(default)]
    pub advice: Option<AdviceSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Note")]
pub struct NoteSpec {
    pub when: String,
    pub text: String,
    #[serde(default)]
    pub judgement: bool,
    #[serde(default)]
    pub show_when_unknown: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Conflict")]
pub struct ConflictSpec {
    pub with: String,
    #[serde(default)]
    pub when: Option<String>,
    #[serde(default)]
    pub register: Option<String>,
}

#[derive(Debug, Deserialize, Default, Clone)]
#[serde(deny_unknown_fields, rename = "Advice")]
pub struct AdviceSpec {
    #[serde(default)]
    pub laws: Vec<Law>,
    #[serde(default)]
    pub voorliggend: Vec<Law>,
    #[serde(default)]
    pub candidates: Vec<Law>,
    #[serde(default)]
    pub decisive: bool,
    #[serde(default)]
    pub decisive_on: Vec<String>,
    #[serde(default)]
    pub route: Vec<String>,
    #[serde(default)]
    pub route_done: BTreeMap<String, String>,
    #[serde(default)]
    pub route_priority: Option<i32>,
    #[serde(default)]
    pub provision: Option<String>,
    #[serde(default)]
    pub uno: bool,
    #[serde(default)]
    pub veldtafel: bool,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename = "Source")]
pub struct SourceSpec {
    pub document: String,
    pub section: String,
    pub quote: String,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Expect {
    Applies,
    Not,
    Unknown,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Test")]
pub struct TestSpec {
    pub name: String,
    #[serde(default)]
    pub facts: BTreeMap<String, RawValue>,
    pub expect: Expect,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub blocking: Vec<String>,
    #[serde(default)]
    pub branch: Option<usize>,
    #[serde(default)]
    pub judgement: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Params")]
pub struct ParamsFile(pub Vec<ParamSpec>);

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Param")]
pub struct ParamSpec {
    pub name: String,
    pub value: RawValue,
    #[serde(default)]
    pub register: Option<String>,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Register")]
pub struct RegisterFile(pub Vec<RegisterEntrySpec>);

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Handling {
    Judgement,
    Conflict,
    Config,
    Verify,
    Note,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename = "Entry")]
pub struct RegisterEntrySpec {
    pub id: String,
    pub title: String,
    pub text: String,
    pub handling: Handling,
    #[serde(default)]
    pub rules: Vec<String>,
    #[serde(default)]
    pub params: Vec<String>,
    #[serde(default)]
    pub escalation: Option<String>,
}
