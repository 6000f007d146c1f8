//! The minutes (verslag) of a meeting as Markdown, ready to paste into a case system.
//!
//! Per case: title and id, status and time, the introduction, the advice computed with the
//! rules in force on the meeting date (wet, route, voorziening, UNO, veldtafel, waarschuwingen)
//! with the rules and sources behind it — and, when the advice stored at closing differs from
//! it, both, labelled, with the differences —, open questions, the checklist (item ids with tick
//! and note, as stored), notes, decision and action items.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use crate::case::TableKind;
use crate::meeting::{Meeting, MeetingCase};
use crate::rules::RuleSet;

use super::advice::{AdviceLines, Basis, CaseAdvice, evaluate_case, snapshot_changes};

/// How many open questions per case the minutes list.
const QUESTIONS: usize = 5;

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const WEEKDAYS: [&str; 7] = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
];

/// "zondag 22 november 2026"
pub fn dutch_date(d: NaiveDate) -> String {
    format!(
        "{} {} {} {}",
        WEEKDAYS[d.weekday().num_days_from_monday() as usize],
        d.day(),
        MONTHS[d.month0() as usize],
        d.year()
    )
}

fn dmy(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

fn dmy_hm(t: NaiveDateTime) -> String {
    t.format("%d-%m-%Y %H:%M").to_string()
}

/// Text from the session, safe to put in Markdown: control, bidi-override and zero-width
/// characters removed (newlines and tabs kept).
fn clean(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            c == '\n'
                || c == '\t'
                || !(c.is_control()
                    || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}'))
        })
        .collect::<String>()
        .replace("\r\n", "\n")
}

/// One line (headings, list items): newlines become spaces.
fn inline(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A table cell: one line, pipes escaped.
fn cell(text: &str) -> String {
    inline(text).replace('|', "\\|")
}

/// A free-text block: kept as written, blank lines collapsed to one.
fn block(text: &str) -> String {
    let cleaned = clean(text);
    let mut out = Vec::new();
    let mut blank = false;
    for line in cleaned.trim().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            if !blank {
                out.push(String::new());
            }
            blank = true;
        } else {
            out.push(line.to_string());
            blank = false;
        }
    }
    // two trailing spaces keep the chair's line breaks inside a paragraph
    let mut s = String::new();
    for (i, line) in out.iter().enumerate() {
        s.push_str(line);
        let next_nonblank = out.get(i + 1).is_some_and(|n| !n.is_empty());
        if !line.is_empty() && next_nonblank {
            s.push_str("  ");
        }
        if i + 1 < out.len() {
            s.push('\n');
        }
    }
    s
}

fn minutes_str(minutes_spent: u64) -> String {
    let m = minutes_spent.div_ceil(60);
    if m == 1 {
        "1 minuut".into()
    } else {
        format!("{m} minuten")
    }
}

/// The Markdown minutes of `meeting`, with each case's advice computed by `set` for the
/// meeting date.
pub fn minutes(meeting: &Meeting, set: &RuleSet) -> String {
    let mut out = String::new();
    let table = meeting.table.label();
    let _ = writeln!(out, "# Verslag {table} — {}\n", dutch_date(meeting.date));
    let _ = writeln!(out, "- **Tafel:** {table}");
    let _ = writeln!(out, "- **Datum:** {}", dutch_date(meeting.date));
    let end = meeting.ended_at.map_or_else(
        || "(niet afgesloten)".to_string(),
        |e| {
            if e.date() == meeting.started_at.date() {
                e.format("%H:%M").to_string()
            } else {
                dmy_hm(e)
            }
        },
    );
    let _ = writeln!(
        out,
        "- **Tijd:** {} – {end}",
        meeting.started_at.format("%H:%M")
    );
    let _ = writeln!(out, "- **Voorzitter:** {}", inline(&meeting.chair));
    let _ = writeln!(out, "- **Casussen:** {}", meeting.cases.len());

    let _ = writeln!(out, "\n## Aanwezig\n");
    if meeting.attendees.is_empty() {
        let _ = writeln!(out, "_Geen aanwezigen vastgelegd._");
    }
    for a in &meeting.attendees {
        if a.role.trim().is_empty() {
            let _ = writeln!(out, "- {}", inline(&a.name));
        } else {
            let _ = writeln!(out, "- {} — {}", inline(&a.name), inline(&a.role));
        }
    }

    let _ = writeln!(out, "\n## Agenda\n");
    if meeting.cases.is_empty() {
        let _ = writeln!(out, "_Geen casussen besproken._");
    }
    for (i, c) in meeting.cases.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. {} — {} ({})",
            i + 1,
            inline(&c.id),
            inline(&c.title),
            c.status.label()
        );
    }

    for (i, case) in meeting.cases.iter().enumerate() {
        let advice = evaluate_case(set, case, meeting.date);
        out.push_str("\n---\n\n");
        case_section(&mut out, i + 1, case, &advice, set, meeting.table);
    }
    let _ = writeln!(
        out,
        "\n---\n\n_Advies berekend door tafel {} met de regels die golden op {}._",
        env!("CARGO_PKG_VERSION"),
        dmy(meeting.date)
    );
    out
}

fn case_section(
    out: &mut String,
    n: usize,
    case: &MeetingCase,
    advice: &CaseAdvice,
    set: &RuleSet,
    table: TableKind,
) {
    let shown = |id: &str| {
        set.rule_by_id(id, advice.date)
            .is_none_or(|r| r.shown_at(table.table()))
    };
    let _ = writeln!(
        out,
        "## {n}. {} — {}\n",
        inline(&case.id),
        inline(&case.title)
    );
    let mut status = format!("- **Status:** {}", case.status.label());
    if case.seconds_spent > 0 {
        status.push_str(&format!(" · **tijd:** {}", minutes_str(case.seconds_spent)));
    }
    let _ = writeln!(out, "{status}");
    if !case.summary.trim().is_empty() {
        let _ = writeln!(out, "- **Inbreng:** {}", inline(&case.summary));
    }

    match &case.advice_at_close {
        Some(snapshot) => {
            let changes = snapshot_changes(snapshot, advice);
            if changes.is_empty() {
                let _ = writeln!(
                    out,
                    "\n### Advies (vastgelegd bij afsluiten op {}; gelijk aan de huidige regels)\n",
                    dmy_hm(snapshot.taken_at)
                );
                advice_lines(out, &advice.lines, set, advice.date, &shown);
            } else {
                let _ = writeln!(
                    out,
                    "\n### Advies bij afsluiten (vastgelegd {})\n",
                    dmy_hm(snapshot.taken_at)
                );
                advice_lines(
                    out,
                    &AdviceLines::from_snapshot(snapshot),
                    set,
                    advice.date,
                    &shown,
                );
                let _ = writeln!(
                    out,
                    "\n### Advies volgens de huidige regels (wijkt af van het advies bij afsluiten)\n"
                );
                advice_lines(out, &advice.lines, set, advice.date, &shown);
                let _ = writeln!(out, "\n**Verschillen met het advies bij afsluiten:**\n");
                for c in &changes {
                    let _ = writeln!(out, "- {c}");
                }
            }
        }
        None => {
            let _ = writeln!(
                out,
                "\n### Advies (regels geldig op {})\n",
                dmy(advice.date)
            );
            advice_lines(out, &advice.lines, set, advice.date, &shown);
        }
    }
    if !advice.skipped_facts.is_empty() {
        let _ = writeln!(
            out,
            "\n> Niet meegenomen (de huidige regels kennen deze feiten niet zo):"
        );
        for s in &advice.skipped_facts {
            let _ = writeln!(out, "> - {}", inline(s));
        }
    }

    let label = if case.advice_at_close.is_some() {
        "Bronnen (huidige regels)"
    } else {
        "Bronnen"
    };
    let _ = writeln!(out, "\n#### {label}\n");
    let cited: Vec<_> = advice
        .cited
        .iter()
        .filter(|(b, r)| *b != Basis::Warning || shown(&r.id))
        .collect();
    if cited.is_empty() {
        let _ = writeln!(out, "_Geen regels van toepassing._");
    }
    for (basis, r) in cited {
        let _ = writeln!(
            out,
            "- {}: **{}** ({}) — {}",
            basis.label(),
            r.id,
            status_word(r.status, r.judgement),
            inline(&r.title)
        );
        for s in &r.sources {
            let _ = writeln!(
                out,
                "  - {}, {}: «{}»",
                inline(&s.document),
                inline(&s.section),
                inline(&s.quote)
            );
        }
    }

    let questions = &advice.report.advice.questions;
    if !questions.is_empty() && case.advice_at_close.is_none() {
        let _ = writeln!(out, "\n#### Nog open vragen (meest beslissend eerst)\n");
        for (i, q) in questions.iter().take(QUESTIONS).enumerate() {
            let _ = writeln!(out, "{}. {} (`{}`)", i + 1, inline(&q.question), q.fact);
        }
        if questions.len() > QUESTIONS {
            let _ = writeln!(
                out,
                "\n_En nog {} andere open vragen (zie tafel)._",
                questions.len() - QUESTIONS
            );
        }
    }

    let _ = writeln!(out, "\n### Checklist\n");
    if case.checklist.is_empty() {
        let _ = writeln!(out, "_Niets afgevinkt of genoteerd._");
    }
    for (id, mark) in &case.checklist {
        let tick = if mark.checked { "[x]" } else { "[ ]" };
        if mark.note.trim().is_empty() {
            let _ = writeln!(out, "- {tick} `{id}`");
        } else {
            let _ = writeln!(out, "- {tick} `{id}` — {}", inline(&mark.note));
        }
    }

    let _ = writeln!(out, "\n### Notities\n");
    let _ = writeln!(
        out,
        "{}",
        if case.notes.trim().is_empty() {
            "_Geen._".to_string()
        } else {
            block(&case.notes)
        }
    );
    let _ = writeln!(out, "\n### Besluit\n");
    let _ = writeln!(
        out,
        "{}",
        if case.decision.trim().is_empty() {
            "_Geen besluit vastgelegd._".to_string()
        } else {
            block(&case.decision)
        }
    );

    let _ = writeln!(out, "\n### Acties\n");
    if case.actions.is_empty() {
        let _ = writeln!(out, "_Geen acties._");
    } else {
        let _ = writeln!(out, "| Wie | Wat | Uiterlijk | Gereed |");
        let _ = writeln!(out, "|---|---|---|---|");
        for a in &case.actions {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                cell(&a.who),
                cell(&a.what),
                dmy(a.due),
                if a.done { "ja" } else { "nee" }
            );
        }
    }
}

fn status_word(status: &str, judgement: bool) -> &'static str {
    match status {
        "applies" if judgement => "van toepassing, afweging nodig",
        "applies" => "van toepassing",
        "not" => "niet van toepassing",
        _ => "nog onbekend",
    }
}

/// The advice lines; warnings of rules not shown at this table are left out (`shown`).
fn advice_lines(
    out: &mut String,
    l: &AdviceLines,
    set: &RuleSet,
    date: NaiveDate,
    shown: &dyn Fn(&str) -> bool,
) {
    let warnings: Vec<&String> = l.warnings.iter().filter(|id| shown(id)).collect();
    let _ = writeln!(out, "- **Wet:** {}", l.law);
    let _ = writeln!(out, "- **Route:** {}", l.route);
    let _ = writeln!(out, "- **Voorziening:** {}", l.provision);
    let _ = writeln!(out, "- **UNO:** {}", l.uno);
    let _ = writeln!(out, "- **Veldtafel:** {}", l.veldtafel);
    if warnings.is_empty() {
        let _ = writeln!(out, "- **Waarschuwingen:** geen");
    } else {
        let _ = writeln!(out, "- **Waarschuwingen:**");
        for id in warnings {
            match set.rule_by_id(id, date) {
                Some(rule) => {
                    let _ = writeln!(out, "  - {id} — {}", inline(&rule.title));
                }
                None => {
                    let _ = writeln!(out, "  - {id}");
                }
            }
        }
    }
}
