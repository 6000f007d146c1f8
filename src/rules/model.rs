//! The validated, compiled rule set that the evaluator works on.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::facts::{FactId, FactKind, RawValue, Value, Vocabulary};

use super::expr::{Node, RuleKey};
use super::schema::{Expect, Flag, Handling, Kind, Law, Table};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Builtin {
    MinChildAgeYears,
    ExpectedBirthInDays,
    AanvraagDate,
    PersoonlijkPlanDeadline,
}

impl Builtin {
    pub fn parse(name: &str) -> Option<Builtin> {
        Some(match name {
            "min_child_age_years" => Builtin::MinChildAgeYears,
            "expected_birth_in_days" => Builtin::ExpectedBirthInDays,
            "aanvraag_date" => Builtin::AanvraagDate,
            "persoonlijk_plan_deadline" => Builtin::PersoonlijkPlanDeadline,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug)]
pub enum DerivedRule {
    When { node: Node, text: String },
    Builtin(Builtin),
}

#[derive(Clone, Debug)]
pub struct DerivedFact {
    pub name: String,
    pub kind: FactKind,
    pub rule: DerivedRule,
    pub description: String,
    /// Input facts it is computed from (transitively).
    pub inputs: Vec<FactId>,
}

#[derive(Clone, Debug)]
pub struct Condition {
    pub node: Node,
    pub text: String,
}

#[derive(Clone, Debug)]
pub struct Branch {
    pub when: Option<Condition>,
    pub text: String,
    pub judgement: bool,
    pub advice: Option<Advice>,
}

#[derive(Clone, Debug)]
pub struct Note {
    pub when: Condition,
    pub text: String,
    pub judgement: bool,
    pub show_when_unknown: bool,
}

#[derive(Clone, Debug)]
pub struct Conflict {
    pub with: RuleKey,
    pub when: Option<Condition>,
    pub register: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Source {
    pub document: String,
    pub section: String,
    pub quote: String,
}

#[derive(Clone, Debug, Default)]
pub struct Advice {
    pub laws: Vec<Law>,
    pub voorliggend: Vec<Law>,
    pub candidates: Vec<Law>,
    pub decisive: bool,
    /// With `decisive`: only while one of these facts blocks the rule.
    pub decisive_on: Vec<String>,
    pub route: Vec<&'static str>,
    pub route_done: Vec<(&'static str, Condition)>,
    pub route_priority: i32,
    pub provision: Option<&'static str>,
    pub uno: bool,
    pub veldtafel: bool,
}

impl Advice {
    pub fn touches_law(&self) -> bool {
        !self.laws.is_empty() || !self.voorliggend.is_empty() || !self.candidates.is_empty()
    }
}

pub const PARTIES: [&str; 19] = [
    "buurtteam_jeugd_en_gezin",
    "buurtteam_sociaal",
    "koos_spoor030",
    "gi",
    "rt",
    "beleid",
    "zorgaanbieder_intake",
    "lokaal_team_woongemeente",
    "jgz",
    "verloskundige_kraamzorg",
    "huisarts",
    "ziekenhuis_mmw",
    "veilig_thuis",
    "stadsteam_back_up",
    "het_juiste_loket",
    "juridische_ondersteuning",
    "accounthouders",
    "uno_triage",
    "veldtafel",
];

/// Provisions, lightest first (docs/config-format.md §5); "none" is a contribution too (a minor
/// parent: jeugdhulp met verblijf under the Jeugdwet, no Wmo provision).
pub const PROVISIONS: [&str; 12] = [
    "none",
    "corporatiehotel",
    "MO_6.10.2.8",
    "MO_6.10.2.6",
    "MO_6.10.2.5",
    "MO",
    "MO_6.10.2.7",
    "BT",
    "BT_LVB+",
    "BV",
    "BV_LVB+",
    "BWB",
];

#[derive(Clone, Debug)]
pub struct RuleTest {
    pub name: String,
    pub facts: Vec<(String, RawValue)>,
    pub expect: Expect,
    pub date: Option<NaiveDate>,
    pub blocking: Vec<String>,
    pub branch: Option<usize>,
    pub judgement: Option<bool>,
}

#[derive(Clone, Debug)]
pub struct Rule {
    pub id: String,
    pub key: RuleKey,
    pub theme: String,
    pub file: PathBuf,
    pub kind: Kind,
    pub tables: Vec<Table>,
    pub title: String,
    pub when: Condition,
    pub applies: String,
    pub not: String,
    pub unknown: String,
    pub branches: Vec<Branch>,
    pub notes: Vec<Note>,
    pub judgement: bool,
    pub judgement_when: Option<Condition>,
    pub escalation: Option<String>,
    pub conflicts: Vec<Conflict>,
    pub register: Vec<String>,
    pub flags: Vec<Flag>,
    pub verify: Option<String>,
    pub unknown_as: Vec<(FactId, Value)>,
    pub advice: Option<Advice>,
    pub sources: Vec<Source>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub tests: Vec<RuleTest>,
    /// Input facts that can change the status or the chosen branch (transitively through
    /// rule references and derived facts).
    pub deps: Vec<FactId>,
    /// Catalogue position, for stable ordering.
    pub order: usize,
    /// The condition reads a safety fact (RULES.md §2 exception 1): shown at the top.
    pub safety: bool,
}

impl Rule {
    pub fn in_force(&self, date: NaiveDate) -> bool {
        self.valid_from.is_none_or(|from| date >= from) && self.valid_to.is_none_or(|to| date <= to)
    }

    pub fn shown_at(&self, table: Table) -> bool {
        self.tables.contains(&Table::ALL) || self.tables.contains(&table)
    }

    pub fn has_flag(&self, flag: Flag) -> bool {
        self.flags.contains(&flag)
    }
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: String,
    pub value: RawValue,
    pub register: Option<String>,
    pub description: String,
}

#[derive(Clone, Debug)]
pub struct RegisterEntry {
    pub id: String,
    pub title: String,
    pub text: String,
    pub handling: Handling,
    pub rules: Vec<String>,
    pub params: Vec<String>,
    pub escalation: Option<String>,
}

#[derive(Clone, Debug)]
pub struct RuleSet {
    pub vocabulary: Vocabulary,
    pub derived: Vec<DerivedFact>,
    pub rules: Vec<Rule>,
    /// Distinct rule ids; `RuleKey` indexes this.
    pub ids: Vec<String>,
    /// Rule versions per key, as indices into `rules`.
    pub versions: Vec<Vec<usize>>,
    pub key_of: HashMap<String, RuleKey>,
    pub params: Vec<Param>,
    pub register: Vec<RegisterEntry>,
    /// Hypothetical answers tried per input fact when looking for blocking facts.
    pub candidates: Vec<Vec<Value>>,
    /// Rules (indices into `rules`) whose outcome depends on each input fact.
    pub rules_by_fact: Vec<Vec<usize>>,
    /// Per input fact: ask it only while this condition holds (facts.ron `ask_when`).
    pub ask_when: Vec<Option<Condition>>,
}

impl RuleSet {
    pub fn rule_by_id(&self, id: &str, date: NaiveDate) -> Option<&Rule> {
        let key = *self.key_of.get(id)?;
        self.active_version(key, date).map(|i| &self.rules[i])
    }

    pub fn active_version(&self, key: RuleKey, date: NaiveDate) -> Option<usize> {
        self.versions[key as usize]
            .iter()
            .copied()
            .find(|&i| self.rules[i].in_force(date))
    }

    pub fn register_entry(&self, id: &str) -> Option<&RegisterEntry> {
        self.register.iter().find(|e| e.id == id)
    }

    pub fn fact_name(&self, id: FactId) -> &str {
        &self.vocabulary.def(id).name
    }
}
