//! The output of `tafel eval`: the JSON contract of ADVICE.md and a readable Dutch text form.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use super::advice::{self, AdviceOut};
use super::eval::{BranchPick, Evaluation, RuleResult, Tri};
use super::model::{Rule, RuleSet};
use super::schema::{Flag, Table};

#[derive(Clone, Debug, Serialize)]
pub struct SourceOut {
    pub document: String,
    pub section: String,
    pub quote: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct RuleOut {
    pub id: String,
    pub kind: &'static str,
    pub title: String,
    pub status: &'static str,
    pub judgement: bool,
    pub text: String,
    pub source: SourceOut,
    pub sources: Vec<SourceOut>,
    pub blocking: Vec<String>,
    pub conflicts: Vec<String>,
    pub flags: Vec<&'static str>,
    pub register: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verify: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct EvalReport {
    pub case: String,
    pub date: String,
    pub advice: AdviceOut,
    pub rules: Vec<RuleOut>,
}

fn flag_word(flag: Flag) -> &'static str {
    match flag {
        Flag::Concept => "concept",
        Flag::Historical => "historical",
        Flag::Inferred => "inferred",
        Flag::Verify => "verify",
    }
}

/// The Dutch outcome text of a rule for its status: the status text, the chosen branch and the
/// notes that are shown.
pub fn outcome_text(set: &RuleSet, rule: &Rule, result: &RuleResult) -> String {
    let mut text = match result.status {
        Tri::True => rule.applies.clone(),
        Tri::False => rule.not.clone(),
        Tri::Unknown => rule.unknown.clone(),
    };
    if result.status == Tri::True {
        match &result.branch {
            BranchPick::Chosen(i) => {
                text.push(' ');
                text.push_str(&rule.branches[*i].text);
            }
            BranchPick::Open(open) => {
                let _ = write!(text, " Nog open welke uitkomst geldt:");
                for i in open {
                    let _ = write!(text, " ({}) {}", i + 1, rule.branches[*i].text);
                }
            }
            BranchPick::None => {}
        }
    }
    for &n in &result.notes {
        text.push(' ');
        text.push_str(&rule.notes[n].text);
    }
    if result.status == Tri::True && result.judgement {
        let mut prefix = String::from("NEEDS JUDGEMENT: ");
        if !result.conflicts.is_empty() {
            let with: Vec<&str> = result
                .conflicts
                .iter()
                .map(|c| set.rules[c.with].id.as_str())
                .collect();
            let _ = write!(prefix, "CONFLICT met {} (zie §6). ", with.join(", "));
        }
        text = prefix + &text;
        if let Some(esc) = &rule.escalation {
            let _ = write!(text, " Escalatie: {esc}.");
        }
    }
    text
}

fn source_out(rule: &Rule, i: usize) -> SourceOut {
    let s = &rule.sources[i];
    SourceOut {
        document: s.document.clone(),
        section: s.section.clone(),
        quote: s.quote.clone(),
    }
}

pub fn rule_out(set: &RuleSet, result: &RuleResult) -> RuleOut {
    let rule = &set.rules[result.rule];
    RuleOut {
        id: rule.id.clone(),
        kind: rule.kind.as_str(),
        title: rule.title.clone(),
        status: result.status.status(),
        judgement: result.judgement,
        text: outcome_text(set, rule, result),
        source: source_out(rule, 0),
        sources: (0..rule.sources.len())
            .map(|i| source_out(rule, i))
            .collect(),
        blocking: result
            .blocking
            .iter()
            .map(|&f| set.fact_name(f).to_string())
            .collect(),
        conflicts: result
            .conflicts
            .iter()
            .map(|c| set.rules[c.with].id.clone())
            .collect(),
        flags: rule.flags.iter().map(|f| flag_word(*f)).collect(),
        register: rule.register.clone(),
        escalation: rule.escalation.clone(),
        verify: rule.verify.clone(),
    }
}

pub fn report(set: &RuleSet, case: &str, date: NaiveDate, evaluation: &Evaluation) -> EvalReport {
    report_for_table(set, case, date, evaluation, None)
}

/// The report with the warnings that the chair of `table` sees.
pub fn report_for_table(
    set: &RuleSet,
    case: &str,
    date: NaiveDate,
    evaluation: &Evaluation,
    table: Option<Table>,
) -> EvalReport {
    EvalReport {
        case: case.to_string(),
        date: date.format("%Y-%m-%d").to_string(),
        advice: advice::derive_for_table(set, evaluation, table),
        rules: evaluation
            .results
            .iter()
            .map(|r| rule_out(set, r))
            .collect(),
    }
}

/// Dutch words for the status words of the advice (text output, minutes).
pub fn word(s: &str) -> &str {
    match s {
        "determined" => "bepaald",
        "unknown" => "nog onbekend",
        "needs_judgement" => "NEEDS JUDGEMENT",
        "yes" => "ja",
        "no" => "nee",
        "none" => "geen",
        other => other,
    }
}

fn list(items: &[&str]) -> String {
    if items.is_empty() {
        "—".into()
    } else {
        items.join(", ")
    }
}

/// The readable Dutch form of the report (`--format text`).
pub fn text(report: &EvalReport) -> String {
    let a = &report.advice;
    let mut out = String::new();
    let _ = writeln!(out, "Casus {} — advies op {}", report.case, report.date);
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Wet:          {} — {}{}{}",
        word(a.law.status),
        list(&a.law.laws),
        if a.law.voorliggend.is_empty() {
            String::new()
        } else {
            format!(" (voorliggend: {})", a.law.voorliggend.join(", "))
        },
        if a.law.candidates.is_empty() {
            String::new()
        } else {
            format!(" (in beeld: {})", a.law.candidates.join(", "))
        },
    );
    let _ = writeln!(
        out,
        "Route:        {} — {}",
        word(a.route.status),
        a.route.steps.join(" → ")
    );
    let _ = writeln!(
        out,
        "Voorziening:  {}{}",
        word(a.provision.value),
        if a.provision.candidates.is_empty() {
            String::new()
        } else {
            format!(" (in beeld: {})", a.provision.candidates.join(", "))
        }
    );
    let _ = writeln!(out, "UNO:          {}", word(a.uno));
    let _ = writeln!(out, "Veldtafel:    {}", word(a.veldtafel));
    if !a.warnings.is_empty() {
        let _ = writeln!(out, "\nWaarschuwingen en aandachtspunten:");
        for w in &a.warnings {
            let _ = writeln!(out, "  ! {w}");
        }
    }
    if !a.questions.is_empty() {
        let _ = writeln!(out, "\nOpen vragen (meest beslissend eerst):");
        for (i, q) in a.questions.iter().enumerate() {
            let _ = writeln!(
                out,
                "  {:>2}. {} [{}] — beslist: {}",
                i + 1,
                q.question,
                q.fact,
                q.rules.join(", ")
            );
        }
    }
    let _ = writeln!(out, "\nRegels:");
    for r in &report.rules {
        let mark = match r.status {
            "applies" if r.judgement => "!",
            "applies" => "✓",
            "not" => "✗",
            _ => "?",
        };
        let _ = writeln!(out, "  {mark} {:<40} {}", r.id, r.title);
        if r.status != "not" {
            let _ = writeln!(out, "      {}", r.text);
            if !r.blocking.is_empty() {
                let _ = writeln!(out, "      ontbreekt: {}", r.blocking.join(", "));
            }
            let _ = writeln!(
                out,
                "      bron: {} {} «{}»",
                r.source.document, r.source.section, r.source.quote
            );
        }
    }
    out
}
