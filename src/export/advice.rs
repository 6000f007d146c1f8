//! The advice of one meeting case, computed with the engine for the meeting date: the summary
//! lines (wet, route, voorziening, UNO, veldtafel, waarschuwingen), the rules behind them with
//! their citations, and the snapshot stored when the case is closed.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime, Timelike};

use crate::case::{apply_dates, typed_facts};
use crate::facts::CaseFacts;
use crate::meeting::{AdviceSnapshot, MeetingCase};
use crate::rules::advice::AdviceOut;
use crate::rules::report::{self, EvalReport, RuleOut};
use crate::rules::{Engine, RuleSet};

/// The advice summary as text, the form stored in an [`AdviceSnapshot`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdviceLines {
    pub law: String,
    pub route: String,
    pub provision: String,
    pub uno: String,
    pub veldtafel: String,
    /// Rule ids of the warnings and reminders that apply, most urgent first.
    pub warnings: Vec<String>,
}

impl AdviceLines {
    pub fn from_advice(a: &AdviceOut) -> AdviceLines {
        let mut law = word(a.law.status).to_string();
        if !a.law.laws.is_empty() {
            law.push_str(&format!(" — {}", a.law.laws.join(", ")));
        }
        if !a.law.voorliggend.is_empty() {
            law.push_str(&format!(" (voorliggend: {})", a.law.voorliggend.join(", ")));
        }
        if !a.law.candidates.is_empty() {
            law.push_str(&format!(" (in beeld: {})", a.law.candidates.join(", ")));
        }
        let mut route = word(a.route.status).to_string();
        if !a.route.steps.is_empty() {
            route.push_str(&format!(" — {}", a.route.steps.join(" → ")));
        }
        let mut provision = word(a.provision.value).to_string();
        if !a.provision.candidates.is_empty() {
            provision.push_str(&format!(
                " (in beeld: {})",
                a.provision.candidates.join(", ")
            ));
        }
        AdviceLines {
            law,
            route,
            provision,
            uno: word(a.uno).to_string(),
            veldtafel: word(a.veldtafel).to_string(),
            warnings: a.warnings.clone(),
        }
    }

    pub fn from_snapshot(s: &AdviceSnapshot) -> AdviceLines {
        AdviceLines {
            law: s.law.clone(),
            route: s.route.clone(),
            provision: s.provision.clone(),
            uno: s.uno.clone(),
            veldtafel: s.veldtafel.clone(),
            warnings: s.warnings.clone(),
        }
    }
}

pub use crate::rules::report::word;

/// Which part of the advice a cited rule supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Basis {
    Law,
    Route,
    Provision,
    Table,
    Warning,
}

impl Basis {
    pub fn label(self) -> &'static str {
        match self {
            Basis::Law => "Wet",
            Basis::Route => "Route",
            Basis::Provision => "Voorziening",
            Basis::Table => "Tafel",
            Basis::Warning => "Waarschuwing",
        }
    }
}

/// Everything the minutes need of one case's advice.
#[derive(Clone, Debug)]
pub struct CaseAdvice {
    pub date: NaiveDate,
    pub report: EvalReport,
    pub lines: AdviceLines,
    /// The rules behind the advice lines with their sources, grouped by the part of the advice
    /// they support (first group wins), each group in catalogue order.
    pub cited: Vec<(Basis, RuleOut)>,
    /// Facts of the case the current rules cannot read (renamed or removed facts), with why.
    pub skipped_facts: Vec<String>,
    /// Rule id → status word, for every rule in force on `date`.
    pub rules: BTreeMap<String, String>,
}

/// Types the facts one by one, so that one fact the current vocabulary no longer knows does not
/// lose the whole advice of an old case.
fn lenient_facts(set: &RuleSet, case: &MeetingCase, skipped: &mut Vec<String>) -> CaseFacts {
    let mut facts = CaseFacts::new(&set.vocabulary);
    for (name, value) in &case.facts {
        let one = BTreeMap::from([(name.clone(), value.clone())]);
        match typed_facts(set, &one) {
            Ok(typed) => {
                if let Some(id) = set.vocabulary.id(name) {
                    facts.set(id, typed.get(id).cloned());
                }
            }
            Err(message) => skipped.push(message),
        }
    }
    facts
}

/// Evaluates a meeting case with the rules in force on `date` (the meeting date).
pub fn evaluate_case(set: &RuleSet, case: &MeetingCase, date: NaiveDate) -> CaseAdvice {
    let mut skipped_facts = Vec::new();
    let mut facts = lenient_facts(set, case, &mut skipped_facts);
    apply_dates(set, &mut facts, &case.dates, date);
    let engine = Engine::new(set, date);
    let evaluation = engine.evaluate(&facts);
    let report = report::report(set, &case.id, date, &evaluation);
    let lines = AdviceLines::from_advice(&report.advice);

    let a = &report.advice;
    let mut basis: BTreeMap<&str, Basis> = BTreeMap::new();
    fn add<'a>(
        basis: &mut BTreeMap<&'a str, Basis>,
        ids: impl IntoIterator<Item = &'a String>,
        b: Basis,
    ) {
        for id in ids {
            basis.entry(id.as_str()).or_insert(b);
        }
    }
    add(&mut basis, &a.law.rules, Basis::Law);
    add(&mut basis, &a.route.rules, Basis::Route);
    add(&mut basis, &a.provision.rules, Basis::Provision);
    // the rules that decide UNO and veldtafel admission (the first rule with the flag)
    let flags: [fn(&crate::rules::model::Advice) -> bool; 2] = [|adv| adv.uno, |adv| adv.veldtafel];
    for flag in flags {
        if let Some(r) = evaluation
            .results
            .iter()
            .find(|r| set.rules[r.rule].advice.as_ref().is_some_and(flag))
        {
            add(
                &mut basis,
                std::iter::once(&set.rules[r.rule].id),
                Basis::Table,
            );
        }
    }
    add(&mut basis, &a.warnings, Basis::Warning);
    let mut cited: Vec<(Basis, RuleOut)> = report
        .rules
        .iter()
        .filter_map(|r| basis.get(r.id.as_str()).map(|b| (*b, r.clone())))
        .collect();
    cited.sort_by_key(|(b, _)| *b); // stable: catalogue order within a group
    let rules = report
        .rules
        .iter()
        .map(|r| (r.id.clone(), r.status.to_string()))
        .collect();
    CaseAdvice {
        date,
        report,
        lines,
        cited,
        skipped_facts,
        rules,
    }
}

/// The advice of a case as it stands now, for `MeetingCase::advice_at_close` when the chair
/// closes the case (`now`: the local time of closing, stored to the second).
pub fn advice_snapshot(
    set: &RuleSet,
    case: &MeetingCase,
    date: NaiveDate,
    now: NaiveDateTime,
) -> AdviceSnapshot {
    let advice = evaluate_case(set, case, date);
    snapshot_of(&advice, now)
}

pub(crate) fn snapshot_of(advice: &CaseAdvice, now: NaiveDateTime) -> AdviceSnapshot {
    let l = &advice.lines;
    AdviceSnapshot {
        taken_at: now.with_nanosecond(0).unwrap_or(now),
        law: l.law.clone(),
        route: l.route.clone(),
        provision: l.provision.clone(),
        uno: l.uno.clone(),
        veldtafel: l.veldtafel.clone(),
        warnings: l.warnings.clone(),
        rules: advice.rules.clone(),
    }
}

/// How the advice now differs from a snapshot, one Dutch line per difference (empty: same).
pub fn snapshot_changes(then: &AdviceSnapshot, now: &CaseAdvice) -> Vec<String> {
    let mut out = Vec::new();
    let a = AdviceLines::from_snapshot(then);
    let b = &now.lines;
    for (label, x, y) in [
        ("Wet", &a.law, &b.law),
        ("Route", &a.route, &b.route),
        ("Voorziening", &a.provision, &b.provision),
        ("UNO", &a.uno, &b.uno),
        ("Veldtafel", &a.veldtafel, &b.veldtafel),
    ] {
        if x != y {
            out.push(format!("{label}: toen «{x}», nu «{y}»"));
        }
    }
    for w in b.warnings.iter().filter(|w| !a.warnings.contains(w)) {
        out.push(format!("Nieuwe waarschuwing: {w}"));
    }
    for w in a.warnings.iter().filter(|w| !b.warnings.contains(w)) {
        out.push(format!("Waarschuwing vervallen: {w}"));
    }
    for (id, status) in &now.rules {
        match then.rules.get(id) {
            Some(old) if old != status => out.push(format!(
                "Regel {id}: toen {}, nu {}",
                status_nl(old),
                status_nl(status)
            )),
            None => out.push(format!("Regel {id}: nieuw ({})", status_nl(status))),
            _ => {}
        }
    }
    for id in then.rules.keys().filter(|id| !now.rules.contains_key(*id)) {
        out.push(format!("Regel {id}: niet meer van kracht"));
    }
    out
}

/// Dutch for a rule status word.
pub fn status_nl(status: &str) -> &str {
    match status {
        "applies" => "van toepassing",
        "not" => "niet van toepassing",
        "unknown" => "onbekend",
        other => other,
    }
}
