//! The advice summary (../shared/domain/ADVICE.md) derived from the rule results, and the JSON
//! form that `tafel eval` prints. The derivation is described in docs/config-format.md §5.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::facts::Priority;

use super::eval::{BranchPick, Evaluation, RuleResult, Tri};
use super::model::{Advice as Contribution, PROVISIONS, Rule, RuleSet};
use super::schema::{Kind, Law, Table};

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct LawAdvice {
    pub status: &'static str,
    pub laws: Vec<&'static str>,
    pub voorliggend: Vec<&'static str>,
    pub candidates: Vec<&'static str>,
    /// Rules behind this part of the advice.
    pub rules: Vec<String>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct RouteAdvice {
    pub status: &'static str,
    pub steps: Vec<&'static str>,
    pub rules: Vec<String>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ProvisionAdvice {
    pub value: &'static str,
    pub candidates: Vec<&'static str>,
    pub rules: Vec<String>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct QuestionOut {
    pub fact: String,
    pub question: String,
    pub rules: Vec<String>,
    pub priority: &'static str,
    /// How many of the rules an answer decides whichever way it goes.
    pub decides_either_way: usize,
    /// Rules whose outcome an answer would change (facts read with a protective default).
    pub changes: Vec<String>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct AdviceOut {
    pub law: LawAdvice,
    pub route: RouteAdvice,
    pub provision: ProvisionAdvice,
    pub uno: &'static str,
    pub veldtafel: &'static str,
    pub warnings: Vec<String>,
    pub questions: Vec<QuestionOut>,
}

fn laws(set: &BTreeSet<Law>) -> Vec<&'static str> {
    set.iter().map(|l| l.as_str()).collect()
}

/// The contribution of a rule result: the branch's advice when a branch is chosen, else the rule's.
fn contribution<'a>(rule: &'a Rule, result: &RuleResult) -> Option<&'a Contribution> {
    if let BranchPick::Chosen(i) = result.branch
        && let Some(a) = &rule.branches[i].advice
    {
        return Some(a);
    }
    rule.advice.as_ref()
}

/// Every contribution the rule could make (rule level and all branches), for unknown rules.
fn possible<'a>(rule: &'a Rule, result: &RuleResult) -> Vec<&'a Contribution> {
    let mut out: Vec<&Contribution> = rule.advice.iter().collect();
    let branches: Vec<usize> = match &result.branch {
        BranchPick::Open(open) => open.clone(),
        BranchPick::Chosen(i) => vec![*i],
        BranchPick::None => (0..rule.branches.len()).collect(),
    };
    out.extend(
        branches
            .into_iter()
            .filter_map(|i| rule.branches[i].advice.as_ref()),
    );
    out
}

fn open_branch(result: &RuleResult) -> bool {
    matches!(result.branch, BranchPick::Open(_))
}

/// The advice for a case, with the warnings of every table.
pub fn derive(set: &RuleSet, evaluation: &Evaluation) -> AdviceOut {
    derive_for_table(set, evaluation, None)
}

/// The advice for a case. With a table, the warnings are those the chair of that table sees.
pub fn derive_for_table(set: &RuleSet, evaluation: &Evaluation, table: Option<Table>) -> AdviceOut {
    let all: Vec<(&Rule, &RuleResult)> = evaluation
        .results
        .iter()
        .map(|r| (&set.rules[r.rule], r))
        .collect();
    let pairs = all.clone();
    let shown: Vec<(&Rule, &RuleResult)> = all
        .into_iter()
        .filter(|(rule, _)| table.is_none_or(|t| rule.shown_at(t)))
        .collect();
    AdviceOut {
        law: law(set, &pairs),
        route: route(set, &pairs),
        provision: provision(&pairs),
        uno: table_admission(&pairs, |a| a.uno),
        veldtafel: table_admission(&pairs, |a| a.veldtafel),
        warnings: warnings(set, &shown),
        questions: questions(set, evaluation),
    }
}

/// Whether a rule's NEEDS JUDGEMENT is about the law: a law rule, a contribution that leaves the
/// law open (candidates), or a conflict with a rule that itself names a law. A judgement about the
/// provision (e.g. an IQ at the edge of the LVB range) leaves the law determined.
fn judgement_on_law(set: &RuleSet, rule: &Rule, result: &RuleResult, c: &Contribution) -> bool {
    result.judgement
        && (rule.kind == Kind::Law
            || !c.candidates.is_empty()
            || result.conflicts.iter().any(|hit| {
                set.rules[hit.with]
                    .advice
                    .as_ref()
                    .is_some_and(|a| a.touches_law())
                    || set.rules[hit.with].kind == Kind::Law
            }))
}

fn law(set: &RuleSet, pairs: &[(&Rule, &RuleResult)]) -> LawAdvice {
    let mut laws_applying = BTreeSet::new();
    let mut voorliggend = BTreeSet::new();
    let mut candidates = BTreeSet::new();
    let mut open_candidates = BTreeSet::new();
    let mut judgement = false;
    let mut decisive_unknown = false;
    let mut any_unknown = false;
    let mut rules = Vec::new();
    for (rule, result) in pairs {
        let all = possible(rule, result);
        if !all.iter().any(|a| a.touches_law()) {
            continue;
        }
        let decisive = all.iter().any(|a| a.decisive);
        match result.status {
            Tri::True => {
                let Some(c) = contribution(rule, result).filter(|_| !open_branch(result)) else {
                    // applies, but which branch is still open: its laws are candidates
                    for a in &all {
                        candidates.extend(a.laws.iter().chain(&a.candidates).copied());
                    }
                    any_unknown = true;
                    judgement |= result.judgement;
                    rules.push(rule.id.clone());
                    continue;
                };
                rules.push(rule.id.clone());
                voorliggend.extend(c.voorliggend.iter().copied());
                if judgement_on_law(set, rule, result, c) {
                    judgement = true;
                    candidates.extend(c.laws.iter().chain(&c.candidates).copied());
                } else {
                    laws_applying.extend(c.laws.iter().copied());
                }
            }
            Tri::Unknown => {
                any_unknown = true;
                decisive_unknown |= decisive;
                for a in &all {
                    open_candidates.extend(a.laws.iter().chain(&a.candidates).copied());
                }
            }
            Tri::False => {}
        }
    }
    // While facts are missing, the laws of the open rules are in play too; when the documents
    // leave the choice open, only the laws of the rules that apply are.
    if decisive_unknown || (!judgement && laws_applying.is_empty()) {
        candidates.extend(open_candidates);
    }
    let status = if decisive_unknown {
        "unknown"
    } else if judgement {
        "needs_judgement"
    } else if !laws_applying.is_empty() {
        "determined"
    } else if any_unknown {
        "unknown"
    } else {
        "determined"
    };
    if status == "needs_judgement" || status == "unknown" {
        candidates.extend(laws_applying.iter().copied());
    }
    let (laws_out, candidates_out) = match status {
        "determined" => (laws(&laws_applying), Vec::new()),
        _ => (laws(&laws_applying), laws(&candidates)),
    };
    LawAdvice {
        status,
        laws: laws_out,
        voorliggend: laws(&voorliggend),
        candidates: candidates_out,
        rules,
    }
}

fn route(set: &RuleSet, pairs: &[(&Rule, &RuleResult)]) -> RouteAdvice {
    let mut contributing: Vec<(i32, usize, &Rule, &RuleResult)> = Vec::new();
    for (rule, result) in pairs {
        let all = possible(rule, result);
        if let Some(priority) = all
            .iter()
            .filter(|a| !a.route.is_empty())
            .map(|a| a.route_priority)
            .min()
        {
            contributing.push((priority, rule.order, rule, result));
        }
    }
    contributing.sort_by_key(|(p, order, _, _)| (*p, *order));
    let mut steps: Vec<&'static str> = Vec::new();
    let mut rules = Vec::new();
    let mut unknown = false;
    let mut judgement = false;
    for (_, _, rule, result) in &contributing {
        match result.status {
            Tri::Unknown => {
                // decisive while open; with `decisive_on`, only while one of those facts blocks it
                let blocked_by = |names: &[String]| {
                    result
                        .blocking
                        .iter()
                        .any(|f| names.iter().any(|n| n == set.fact_name(*f)))
                };
                if possible(rule, result)
                    .iter()
                    .any(|a| a.decisive && (a.decisive_on.is_empty() || blocked_by(&a.decisive_on)))
                {
                    unknown = true;
                }
            }
            Tri::True => {
                if let Some(c) = contribution(rule, result) {
                    rules.push(rule.id.clone());
                    judgement |= result.judgement;
                    for step in &c.route {
                        if !result.route_done.contains(step) && !steps.contains(step) {
                            steps.push(step);
                        }
                    }
                }
            }
            Tri::False => {}
        }
    }
    let any_unknown = contributing
        .iter()
        .any(|(_, _, _, r)| r.status == Tri::Unknown);
    let status = if unknown || (steps.is_empty() && any_unknown) {
        "unknown"
    } else if judgement {
        "needs_judgement"
    } else {
        "determined"
    };
    RouteAdvice {
        status,
        steps,
        rules,
    }
}

fn rank(provision: &str) -> usize {
    PROVISIONS
        .iter()
        .position(|p| *p == provision)
        .unwrap_or(usize::MAX)
}

/// The general form a specific provision refines (MO_6.10.2.6 refines MO, BT_LVB+ refines BT).
fn general_form(provision: &str) -> Option<&'static str> {
    if provision.starts_with("MO_") {
        Some("MO")
    } else if provision == "BT_LVB+" {
        Some("BT")
    } else if provision == "BV_LVB+" {
        Some("BV")
    } else {
        None
    }
}

fn is_opvang(provision: &str) -> bool {
    provision.starts_with("MO") || provision == "corporatiehotel"
}

fn provision(pairs: &[(&Rule, &RuleResult)]) -> ProvisionAdvice {
    let mut applying: Vec<(&'static str, bool, String)> = Vec::new();
    let mut unknown: Vec<&'static str> = Vec::new();
    for (rule, result) in pairs {
        let all = possible(rule, result);
        if !all.iter().any(|a| a.provision.is_some()) {
            continue;
        }
        match result.status {
            Tri::True if !open_branch(result) => {
                if let Some(p) = contribution(rule, result).and_then(|c| c.provision) {
                    applying.push((p, result.judgement, rule.id.clone()));
                }
            }
            Tri::True | Tri::Unknown => unknown.extend(all.iter().filter_map(|a| a.provision)),
            Tri::False => {}
        }
    }
    let specific: BTreeSet<&str> = applying
        .iter()
        .filter_map(|(p, _, _)| general_form(p))
        .collect();
    applying.retain(|(p, _, _)| !specific.contains(p));
    // "none" (e.g. a minor parent: everything under the Jeugdwet, jeugdhulp met verblijf) settles the
    // provision while the Wmo options are still open; if one of them applies anyway, it is a
    // conflict for the chair.
    let none_applies = applying.iter().any(|(p, _, _)| *p == "none");
    applying.retain(|(p, _, _)| *p != "none");
    if none_applies {
        unknown.sort_by_key(|p| rank(p));
        unknown.dedup();
        let rules = applying.iter().map(|(_, _, id)| id.clone()).collect();
        return if applying.is_empty() {
            ProvisionAdvice {
                value: "none",
                candidates: unknown,
                rules,
            }
        } else {
            let candidates = applying.iter().map(|(p, _, _)| *p).collect();
            ProvisionAdvice {
                value: "needs_judgement",
                candidates,
                rules,
            }
        };
    }
    unknown.retain(|p| *p != "none");

    applying.sort_by_key(|(p, _, _)| rank(p));
    applying.dedup_by_key(|(p, _, _)| *p);
    unknown.sort_by_key(|p| rank(p));
    unknown.dedup();
    let mut candidates: Vec<&'static str> = applying.iter().map(|(p, _, _)| *p).collect();
    let rules = applying.iter().map(|(_, _, id)| id.clone()).collect();
    let value = match applying.first() {
        None if unknown.is_empty() => "none",
        None => {
            candidates = unknown.clone();
            "unknown"
        }
        Some((best, judgement, _)) => {
            // Lightest form first, within the same family: an open opvang question does not hold
            // up a beschermd-wonen answer (it stays among the candidates).
            let lighter_unknown = unknown.iter().any(|u| {
                rank(u) < rank(best)
                    && general_form(best) != Some(u)
                    && is_opvang(u) == is_opvang(best)
            });
            let mixed = applying.iter().any(|(p, _, _)| is_opvang(p))
                && applying.iter().any(|(p, _, _)| !is_opvang(p));
            if lighter_unknown {
                for u in &unknown {
                    if !candidates.contains(u) {
                        candidates.push(u);
                    }
                }
                "unknown"
            } else if *judgement || mixed {
                "needs_judgement"
            } else {
                best
            }
        }
    };
    if value != "needs_judgement" && value != "unknown" {
        candidates.clear();
        for u in &unknown {
            if is_opvang(u) != is_opvang(value) {
                candidates.push(u);
            }
        }
    }
    ProvisionAdvice {
        value,
        candidates,
        rules,
    }
}

fn table_admission(
    pairs: &[(&Rule, &RuleResult)],
    flag: impl Fn(&Contribution) -> bool,
) -> &'static str {
    for (rule, result) in pairs {
        if rule.advice.as_ref().is_some_and(&flag) {
            return match result.status {
                Tri::True if result.judgement => "needs_judgement",
                Tri::True => "yes",
                Tri::False => "no",
                Tri::Unknown => "unknown",
            };
        }
    }
    "unknown"
}

/// A route rule that reads a safety fact itself (e.g. acute threat) is shown with the warnings.
fn reads_safety_fact(set: &RuleSet, rule: &Rule) -> bool {
    let mut found = false;
    rule.when.node.visit(&mut |r| {
        if let super::expr::Ref::Fact(super::expr::FactRef::Input(f)) = r {
            found |= set.vocabulary.def(f).priority == Priority::Safety;
        }
    });
    found
}

fn warnings(set: &RuleSet, pairs: &[(&Rule, &RuleResult)]) -> Vec<String> {
    let mut out: Vec<(u8, usize, usize, String)> = pairs
        .iter()
        .filter(|(rule, result)| {
            result.status == Tri::True
                && (matches!(
                    rule.kind,
                    Kind::Warning | Kind::Reminder | Kind::Escalation | Kind::Exclusion
                ) || rule.kind == Kind::Route && reads_safety_fact(set, rule))
        })
        .map(|(rule, _)| {
            // acute safety first (a route on an acute threat), then other safety rules
            let tier = if reads_safety_fact(set, rule) {
                0
            } else if rule.safety {
                1
            } else {
                2
            };
            let kind_order = match rule.kind {
                Kind::Route => 0,
                Kind::Escalation => 1,
                Kind::Warning => 2,
                Kind::Exclusion => 3,
                _ => 4,
            };
            (tier, kind_order, rule.order, rule.id.clone())
        })
        .collect();
    out.sort();
    out.into_iter().map(|(_, _, _, id)| id).collect()
}

fn questions(set: &RuleSet, evaluation: &Evaluation) -> Vec<QuestionOut> {
    evaluation
        .questions
        .iter()
        .map(|q| {
            let def = set.vocabulary.def(q.fact);
            QuestionOut {
                fact: def.name.clone(),
                question: def.question.clone(),
                rules: q
                    .settles
                    .iter()
                    .chain(&q.changes)
                    .map(|&r| set.rules[r].id.clone())
                    .collect(),
                priority: match q.priority {
                    Priority::Safety => "safety",
                    Priority::Gatekeeping => "gatekeeping",
                    Priority::Normal => "normal",
                },
                decides_either_way: q.settles_either_way,
                changes: q.changes.iter().map(|&r| set.rules[r].id.clone()).collect(),
            }
        })
        .collect()
}
