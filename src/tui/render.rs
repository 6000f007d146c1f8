//! A pure drawing of the App: `render(&App, &mut Frame)` reads the state and never changes it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::facts::{FactKind, Priority};
use crate::meeting::CaseStatus;
use crate::rules::Tri;
use crate::rules::eval::{BranchPick, RuleResult, TraceNode};
use crate::rules::report::outcome_text;
use crate::rules::schema::Flag;

use super::action::{Action, Scope};
use super::app::{
    AdviceField, App, CheckRow, EditorTarget, FactRow, Heading, MessageKind, Overlay, Pane,
    PickerMode, Row, SaveIndicator, clock_text,
};
use super::input::LineInput;
use super::text;
use super::theme::Theme;

pub const MIN_WIDTH: u16 = 56;
pub const MIN_HEIGHT: u16 = 16;
/// Below this width the three panes are stacked.
pub const SIDE_BY_SIDE: u16 = 120;

#[derive(Clone, Copy, Debug)]
pub struct Areas {
    pub header: Rect,
    pub agenda: Rect,
    pub agenda_list: Rect,
    pub agenda_detail: Option<Rect>,
    pub rules: Rect,
    pub checklist: Rect,
    pub check_list: Rect,
    pub check_detail: Option<Rect>,
    pub status: Rect,
    pub agenda_rows: u16,
    pub rules_rows: u16,
    pub check_rows: u16,
}

fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x + 1,
        r.y + 1,
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

/// The screen's regions, or None when the window is too small.
pub fn layout(area: Rect, app: &App) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [header, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let [agenda, rules, checklist] = if area.width >= SIDE_BY_SIDE {
        Layout::horizontal([
            Constraint::Percentage(29),
            Constraint::Percentage(41),
            Constraint::Percentage(30),
        ])
        .areas(body)
    } else {
        let w = |p: Pane| -> u16 {
            let base = if p == Pane::Rules { 2 } else { 1 };
            if p == app.focus {
                base + if body.height < 30 { 2 } else { 1 }
            } else {
                base
            }
        };
        Layout::vertical([
            Constraint::Fill(w(Pane::Agenda)),
            Constraint::Fill(w(Pane::Rules)),
            Constraint::Fill(w(Pane::Checklist)),
        ])
        .areas(body)
    };
    let split = |pane: Rect, min_total: u16, detail: u16| -> (Rect, Option<Rect>) {
        let i = inner(pane);
        if i.height >= min_total {
            let [list, _, d] = Layout::vertical([
                Constraint::Fill(1),
                Constraint::Length(1),
                Constraint::Length(detail),
            ])
            .areas(i);
            (list, Some(d))
        } else {
            (i, None)
        }
    };
    let (agenda_list, agenda_detail) = split(agenda, 18, 9);
    let per_case = agenda_lines_per_case(agenda_list.width, agenda_list.height);
    let (check_list, check_detail) = split(checklist, 16, 7);
    Some(Areas {
        header,
        agenda,
        agenda_list,
        agenda_detail,
        rules,
        checklist,
        check_list,
        check_detail,
        status,
        agenda_rows: agenda_list
            .height
            .saturating_sub(u16::from(app.filtering || !app.filter.text.is_empty()))
            / per_case,
        rules_rows: inner(rules).height - sticky_rows(inner(rules)),
        check_rows: check_list.height,
    })
}

/// A short Regels pane keeps a two-line advice summary on top while its list scrolls.
pub fn sticky_rows(inner: Rect) -> u16 {
    if inner.height < 16 {
        2.min(inner.height)
    } else {
        0
    }
}

/// Cases take two lines (status and advice, then the title) in a narrow agenda.
pub fn agenda_lines_per_case(width: u16, height: u16) -> u16 {
    if width >= 76 || height < 4 { 1 } else { 2 }
}

// ----- text helpers ----------------------------------------------------------------------------

/// Cuts a string to `width` columns, with "…" when cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Word-wraps text to `width` columns (newlines kept).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(4);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut w = 0;
        for word in para.split(' ') {
            let ww = word.width();
            if w > 0 && w + 1 + ww > width {
                out.push(std::mem::take(&mut line));
                w = 0;
            }
            if ww > width {
                // a very long word: hard-break
                for c in word.chars() {
                    let cw = c.width().unwrap_or(0);
                    if w + cw > width {
                        out.push(std::mem::take(&mut line));
                        w = 0;
                    }
                    line.push(c);
                    w += cw;
                }
                continue;
            }
            if w > 0 {
                line.push(' ');
                w += 1;
            }
            line.push_str(word);
            w += ww;
        }
        out.push(line);
    }
    out
}

pub fn pad(s: &str, width: usize) -> String {
    let s = fit(s, width);
    let w = s.width();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

struct Sym {
    yes: &'static str,
    no: &'static str,
    unknown: &'static str,
    judgement: &'static str,
    open: &'static str,
    arrow: &'static str,
}

fn sym(theme: &Theme) -> Sym {
    if theme.ascii {
        Sym {
            yes: "v",
            no: "x",
            unknown: "?",
            judgement: "!",
            open: ">",
            arrow: "->",
        }
    } else {
        Sym {
            yes: "✓",
            no: "✗",
            unknown: "?",
            judgement: "!",
            open: "▶",
            arrow: "→",
        }
    }
}

fn pane_block<'a>(app: &App, title: String, focused: bool) -> Block<'a> {
    let th = &app.theme;
    let title = format!(" {title} ");
    Block::new()
        .borders(Borders::ALL)
        .border_set(th.border_set())
        .border_style(if focused {
            th.border_focused
        } else {
            th.border
        })
        .title(Span::styled(
            title,
            if focused { th.title_focused } else { th.title },
        ))
}

/// Clears `r`, draws an overlay frame with `title` and returns the area inside it.
fn open_overlay(app: &App, frame: &mut Frame, r: Rect, title: String) -> Rect {
    frame.render_widget(Clear, r);
    let block = overlay_block(app, title);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    inner
}

fn overlay_block<'a>(app: &App, title: String) -> Block<'a> {
    let th = &app.theme;
    Block::new()
        .borders(Borders::ALL)
        .border_set(th.border_set())
        .border_style(th.border_focused)
        .title(Span::styled(format!(" {title} "), th.title_focused))
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The status word and symbol of a rule result: never colour alone.
fn rule_mark(app: &App, r: &RuleResult) -> (String, Style) {
    let t = app.t();
    let s = sym(&app.theme);
    let th = &app.theme;
    match (r.status, r.judgement) {
        (Tri::True, true) => (format!("{} {}", s.judgement, t.st_judgement), th.judgement),
        (Tri::True, false) => (format!("{} {}", s.yes, t.st_applies), th.yes),
        (Tri::False, _) => (format!("{} {}", s.no, t.st_not), th.no),
        (Tri::Unknown, _) => (format!("{} {}", s.unknown, t.st_unknown), th.unknown),
    }
}

// ----- the screen --------------------------------------------------------------------------------

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let Some(areas) = layout(area, app) else {
        render_too_small(app, frame, area);
        return;
    };
    render_header(app, frame, areas.header);
    render_agenda(app, frame, &areas);
    render_rules(app, frame, areas.rules);
    render_checklist(app, frame, &areas);
    render_status(app, frame, areas.status);
    for overlay in &app.overlays {
        render_overlay(app, frame, overlay, area);
    }
}

fn render_too_small(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.t();
    let lines = vec![
        Line::styled(t.too_small, app.theme.danger),
        Line::raw(text::fill(
            t.too_small_size,
            &[&area.width.to_string(), &area.height.to_string()],
        )),
        Line::raw(text::fill(
            t.too_small_need,
            &[&MIN_WIDTH.to_string(), &MIN_HEIGHT.to_string()],
        )),
        Line::raw(text::fill(
            t.too_small_quit,
            &[&app.keymap.first(Action::Quit)],
        )),
    ];
    let mut wrapped: Vec<Line> = Vec::new();
    for l in lines {
        let s: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
        for w in wrap(&s, area.width as usize) {
            wrapped.push(Line::styled(w, l.style));
        }
    }
    let h = (wrapped.len() as u16).min(area.height);
    let y = area.y + area.height.saturating_sub(h) / 2;
    let r = Rect::new(area.x, y, area.width, h);
    frame.render_widget(
        Paragraph::new(wrapped).alignment(ratatui::layout::Alignment::Center),
        r,
    );
}

fn render_header(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.t();
    let m = &app.meeting;
    let elapsed = (app.now - m.started_at).num_seconds().max(0);
    let left = format!(
        " tafel │ {} │ {} │ {} {:02}:{:02} │ {}: {} │ {}",
        m.table.label(),
        text::weekday_date(app.lang, m.date),
        t.elapsed,
        elapsed / 3600,
        (elapsed / 60) % 60,
        t.chair,
        m.chair,
        text::fill(t.attendees_count, &[&m.attendees.len().to_string()]),
    );
    let left = if area.width < 90 {
        format!(
            " tafel │ {} │ {} │ {:02}:{:02}",
            m.table.label(),
            m.date.format("%d-%m"),
            elapsed / 3600,
            (elapsed / 60) % 60
        )
    } else {
        left
    };
    let left = if app.theme.ascii {
        left.replace('│', "|")
    } else {
        left
    };
    let width = area.width as usize;
    let (right, right_style) = header_state(app, width);
    let left = fit(&left, width.saturating_sub(right.width()));
    let gap = width.saturating_sub(left.width() + right.width());
    let line = Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, right_style),
    ]);
    frame.render_widget(Paragraph::new(line).style(app.theme.header), area);
}

/// The right end of the header: read-only badge, or the session file's state.
fn header_state(app: &App, width: usize) -> (String, Style) {
    let t = app.t();
    let th = &app.theme;
    // never more than half the header, so the meeting stays readable
    let room = (width / 2).max(12);
    if app.read_only.is_some() {
        return (format!(" {} ", t.badge_read_only), th.badge);
    }
    match &app.save {
        SaveIndicator::Off if app.dirty => (format!("{} ", t.unsaved), th.header),
        SaveIndicator::Off => (String::new(), th.header),
        SaveIndicator::Saved(at) => (
            format!(
                "{} ",
                text::fill(t.saved_at, &[&at.format("%H:%M").to_string()])
            ),
            th.header,
        ),
        SaveIndicator::Pending => (format!("{} ", t.saving), th.header),
        SaveIndicator::Failed(e) => (
            format!(
                " {} ",
                fit(&text::fill(t.not_saved, &[e]), room.saturating_sub(2))
            ),
            th.error,
        ),
    }
}

fn status_word(app: &App, status: CaseStatus) -> &'static str {
    text::status_label(app.lang, status)
}

fn render_agenda(app: &App, frame: &mut Frame, areas: &Areas) {
    let t = app.t();
    let th = &app.theme;
    let s = sym(th);
    let focused = app.focus == Pane::Agenda && app.overlays.is_empty();
    let mut title = format!("{} ({})", t.pane_agenda, app.meeting.cases.len());
    if !app.filter.text.is_empty() || app.filtering {
        title = format!(
            "{} · {} {}/{}",
            t.pane_agenda,
            t.filter,
            app.visible.len(),
            app.meeting.cases.len()
        );
    }
    frame.render_widget(pane_block(app, title, focused), areas.agenda);
    let list = areas.agenda_list;
    let width = list.width as usize;
    let mut lines = Vec::new();
    let rows = list.height as usize;
    let filter_line = app.filtering || !app.filter.text.is_empty();
    let rows = if filter_line {
        rows.saturating_sub(1)
    } else {
        rows
    };
    if app.meeting.cases.is_empty() {
        lines.push(Line::styled(
            fit(
                &text::fill(t.no_cases, &[&app.keymap.first(Action::AddCase)]),
                width,
            ),
            th.dim,
        ));
    } else if app.visible.is_empty() {
        lines.push(Line::styled(fit(t.no_match, width), th.dim));
    }
    let per_case = agenda_lines_per_case(list.width, list.height) as usize;
    for (pos, &index) in app
        .visible
        .iter()
        .enumerate()
        .skip(app.agenda_offset)
        .take(rows / per_case)
    {
        let case = &app.meeting.cases[index];
        let open = app.current == Some(index);
        let marker = app.markers.get(&case.id).map(String::as_str).unwrap_or("…");
        let status = status_word(app, case.status);
        let mut style = if case.status == CaseStatus::Open {
            th.base
        } else {
            th.dim
        };
        if open {
            style = style.add_modifier(Modifier::BOLD);
        }
        if pos == app.agenda_cursor {
            style = style.patch(if focused {
                th.cursor
            } else {
                th.cursor_unfocused
            });
        }
        let lead = if open { s.open } else { " " };
        if per_case == 1 {
            let head = format!(
                "{lead}{} {} {} ",
                pad(&case.id, 14),
                pad(status, 10),
                pad(marker, 16)
            );
            let rest = width.saturating_sub(head.width());
            lines.push(Line::styled(
                pad(&format!("{head}{}", fit(&case.title, rest)), width),
                style,
            ));
        } else {
            let head = format!("{lead}{} {} ", pad(&case.id, 14), pad(status, 10));
            let rest = width.saturating_sub(head.width());
            lines.push(Line::styled(
                pad(&format!("{head}{}", fit(marker, rest)), width),
                style,
            ));
            lines.push(Line::styled(
                pad(&format!("  {}", case.title), width),
                style.patch(if pos == app.agenda_cursor {
                    Style::new()
                } else {
                    th.dim
                }),
            ));
        }
    }
    let mut list_area = list;
    if filter_line {
        let f = Rect::new(
            list.x,
            list.y + list.height.saturating_sub(1),
            list.width,
            1,
        );
        list_area.height = list.height.saturating_sub(1);
        let prompt = format!("/{}", app.filter.text);
        frame.render_widget(Paragraph::new(Line::styled(fit(&prompt, width), th.key)), f);
        if app.filtering && app.overlays.is_empty() {
            let x = f.x
                + 1
                + app
                    .filter
                    .text
                    .chars()
                    .take(app.filter.cursor)
                    .collect::<String>()
                    .width() as u16;
            frame.set_cursor_position(Position::new(x.min(f.right().saturating_sub(1)), f.y));
        }
    }
    frame.render_widget(Paragraph::new(lines), list_area);
    if let Some(d) = areas.agenda_detail {
        render_case_detail(app, frame, d);
    }
}

fn render_case_detail(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.t();
    let th = &app.theme;
    let width = area.width as usize;
    let sep = Rect::new(area.x, area.y.saturating_sub(1), area.width, 1);
    let rule = if th.ascii { "-" } else { "─" };
    frame.render_widget(
        Paragraph::new(Line::styled(rule.repeat(width), th.border)),
        sep,
    );
    let Some(i) = app.current else {
        frame.render_widget(Paragraph::new(Line::styled(t.no_case_open, th.dim)), area);
        return;
    };
    let case = &app.meeting.cases[i];
    let mut lines: Vec<Line> = Vec::new();
    lines.push(Line::styled(
        fit(&format!("{} — {}", case.id, case.title), width),
        th.heading,
    ));
    let summary = if case.summary.is_empty() {
        t.no_summary.to_string()
    } else {
        case.summary.clone()
    };
    for l in wrap(&summary, width).into_iter().take(3) {
        lines.push(Line::styled(l, th.dim));
    }
    let label = |k: &str| Span::styled(format!("{k}: "), th.key);
    let decision = if case.decision.is_empty() {
        "—".to_string()
    } else {
        case.decision.replace('\n', " ")
    };
    lines.push(Line::from(vec![
        label(t.decision),
        Span::raw(fit(&decision, width.saturating_sub(t.decision.width() + 2))),
    ]));
    let open_actions = case.actions.iter().filter(|a| !a.done).count();
    lines.push(Line::from(vec![
        label(t.actions),
        Span::raw(format!("{open_actions}")),
    ]));
    for a in case
        .actions
        .iter()
        .rev()
        .take(2)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        lines.push(Line::raw(fit(
            &format!(
                "  {} — {} ({} {})",
                a.who,
                a.what,
                t.due,
                a.due.format("%d-%m-%Y")
            ),
            width,
        )));
    }
    let notes = if case.notes.is_empty() {
        "—".to_string()
    } else {
        case.notes.replace('\n', " ")
    };
    lines.push(Line::from(vec![
        label(t.notes),
        Span::raw(fit(&notes, width.saturating_sub(t.notes.width() + 2))),
    ]));
    frame.render_widget(Paragraph::new(lines), area);
}

fn advice_word(app: &App, s: &str) -> String {
    let t = app.t();
    match s {
        "determined" => t.adv_determined.into(),
        "unknown" => t.adv_unknown.into(),
        "needs_judgement" => "NEEDS JUDGEMENT".into(),
        "yes" => t.yes.into(),
        "no" => t.no.into(),
        "none" => t.adv_none.into(),
        other => other.into(),
    }
}

fn party(app: &App, p: &str) -> String {
    text::party_label(app.lang, p).to_string()
}

fn advice_line(app: &App, field: AdviceField, width: usize) -> Line<'static> {
    let t = app.t();
    let th = &app.theme;
    let s = sym(th);
    let Some(view) = &app.view else {
        return Line::raw("");
    };
    let a = &view.advice;
    let (label, status, body): (&str, &str, String) = match field {
        AdviceField::Law => {
            let mut body = if a.law.laws.is_empty() && a.law.status == "determined" {
                t.adv_no_law.to_string()
            } else {
                a.law.laws.join(", ")
            };
            if !a.law.candidates.is_empty() {
                body = format!(
                    "{}{}{}: {}",
                    body,
                    if body.is_empty() { "" } else { "; " },
                    t.in_view,
                    a.law.candidates.join(", ")
                );
            }
            if !a.law.voorliggend.is_empty() {
                body = format!(
                    "{body} ({}: {})",
                    t.voorliggend,
                    a.law.voorliggend.join(", ")
                );
            }
            (t.law, a.law.status, body)
        }
        AdviceField::Route => {
            let steps: Vec<String> = a.route.steps.iter().map(|p| party(app, p)).collect();
            (
                t.route,
                a.route.status,
                steps.join(&format!(" {} ", s.arrow)),
            )
        }
        AdviceField::Provision => {
            let status = match a.provision.value {
                "unknown" | "needs_judgement" | "none" => a.provision.value,
                _ => "determined",
            };
            let mut body = match a.provision.value {
                "unknown" | "needs_judgement" => String::new(),
                "none" => t.adv_none.to_string(),
                v => v.to_string(),
            };
            if !a.provision.candidates.is_empty() {
                body = format!("{}: {}", t.in_view, a.provision.candidates.join(", "));
            }
            (t.provision, status, body)
        }
        AdviceField::Uno => (t.uno, a.uno, String::new()),
        AdviceField::Veldtafel => (t.veldtafel, a.veldtafel, String::new()),
    };
    let (mark, style) = match status {
        "determined" | "yes" => (s.yes, th.yes),
        "no" | "none" => (s.no, th.no),
        "needs_judgement" => (s.judgement, th.judgement),
        _ => (s.unknown, th.unknown),
    };
    let word = advice_word(app, status);
    let head = format!(" {} {mark} {} ", pad(label, 12), word);
    let body = if body.is_empty() {
        String::new()
    } else {
        format!("— {body}")
    };
    let rest = width.saturating_sub(head.width());
    Line::from(vec![
        Span::styled(format!(" {} ", pad(label, 12)), th.key),
        Span::styled(format!("{mark} {word} "), style),
        Span::raw(fit(&body, rest)),
    ])
}

/// The advice in one or two lines for a short pane: "Wet ✓ Jeugdwet · Route ✓ … · UNO ✗".
fn advice_summary(app: &App, width: usize, rows: usize) -> Vec<Line<'static>> {
    let piece = |f: AdviceField| -> Vec<Span<'static>> {
        let line = advice_line(app, f, 10_000);
        let label = line
            .spans
            .first()
            .map(|s| s.content.trim().to_string())
            .unwrap_or_default();
        let mark = line.spans.get(1).cloned().unwrap_or_default();
        let body = line
            .spans
            .get(2)
            .map(|s| s.content.trim_start_matches("— ").to_string())
            .unwrap_or_default();
        let word = mark.content.trim().to_string();
        // the symbol and the laws or steps; the word alone when there is nothing more
        let short = match f {
            AdviceField::Law | AdviceField::Route if !body.is_empty() => {
                format!("{} {}", word.split(' ').next().unwrap_or(""), body)
            }
            _ => word,
        };
        vec![
            Span::styled(format!("{label} "), app.theme.key),
            Span::styled(short, mark.style),
        ]
    };
    let mut first: Vec<Span<'static>> = Vec::new();
    for f in [
        AdviceField::Law,
        AdviceField::Provision,
        AdviceField::Uno,
        AdviceField::Veldtafel,
    ] {
        if !first.is_empty() {
            first.push(Span::raw(" · "));
        }
        first.extend(piece(f));
    }
    let mut lines = vec![Line::from(first)];
    if rows > 1 {
        lines.push(Line::from(piece(AdviceField::Route)));
    }
    let _ = width;
    lines
}

fn question_keys(app: &App, kind: &FactKind) -> String {
    let k = &app.keymap;
    let t = app.t();
    match kind {
        FactKind::Bool => format!(
            "{} {} · {} {}",
            k.first(Action::AnswerYes),
            t.yes,
            k.first(Action::AnswerNo),
            t.no
        ),
        FactKind::Enum(v) => format!("1-{} {}", v.len().min(9), t.choose),
        FactKind::Number { .. } => format!("{} {}", k.first(Action::AnswerPicker), t.type_number),
        FactKind::Date => format!("{} {}", k.first(Action::AnswerPicker), t.type_date),
        _ => format!("{} {}", k.first(Action::AnswerPicker), t.choose),
    }
}

fn render_rules(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.t();
    let th = &app.theme;
    let s = sym(th);
    let focused = app.focus == Pane::Rules && app.overlays.is_empty();
    let title = match app.current {
        Some(i) => format!("{} · {}", t.pane_rules, app.meeting.cases[i].id),
        None => t.pane_rules.to_string(),
    };
    frame.render_widget(pane_block(app, title, focused), area);
    let area = inner(area);
    let width = area.width as usize;
    let Some(view) = &app.view else {
        frame.render_widget(Paragraph::new(Line::styled(t.no_case_open, th.dim)), area);
        return;
    };
    if let Some(e) = &view.error {
        let mut lines = vec![Line::styled(t.case_facts_error, th.danger)];
        lines.extend(wrap(e, width).into_iter().map(Line::raw));
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let sticky = sticky_rows(area);
    let area = if sticky > 0 {
        let top = Rect::new(area.x, area.y, area.width, sticky);
        frame.render_widget(
            Paragraph::new(advice_summary(app, width, sticky as usize)),
            top,
        );
        Rect::new(area.x, area.y + sticky, area.width, area.height - sticky)
    } else {
        area
    };
    let active = app.active_question();
    let mut lines = Vec::new();
    for (i, row) in view
        .rows
        .iter()
        .enumerate()
        .skip(app.rules_offset)
        .take(area.height as usize)
    {
        let selected = i == app.rules_cursor;
        let mut line = match row {
            Row::Heading(h) => {
                let text = match h {
                    Heading::Advice => t.h_advice.to_string(),
                    Heading::Questions(n) => text::fill(t.h_questions, &[&n.to_string()]),
                    Heading::RulesHere => text::fill(t.h_rules_here, &[app.meeting.table.label()]),
                    Heading::RulesOther => t.h_rules_other.to_string(),
                };
                Line::styled(fit(&text, width), th.heading)
            }
            Row::Safety(rule) => {
                let r = &app.set.rules[*rule];
                let head = format!(" {} {} ", s.judgement, t.safety);
                Line::from(vec![
                    Span::styled(head.clone(), th.danger),
                    Span::styled(fit(&r.title, width.saturating_sub(head.width())), th.danger),
                ])
            }
            Row::Advice(f) => advice_line(app, *f, width),
            Row::Warning(rule) => {
                let r = &app.set.rules[*rule];
                let head = format!(
                    " {} {} ",
                    s.judgement,
                    pad(text::kind_label(app.lang, r.kind), 12)
                );
                Line::from(vec![
                    Span::styled(head.clone(), th.unknown),
                    Span::raw(fit(&r.title, width.saturating_sub(head.width()))),
                ])
            }
            Row::Question(q) => {
                let question = &view.evaluation.questions[*q];
                let def = app.set.vocabulary.def(question.fact);
                let is_active = Some(*q) == active;
                let num = format!("{:>2}. ", q + 1);
                let mut spans = vec![Span::styled(
                    num.clone(),
                    if is_active { th.key } else { th.dim },
                )];
                let mut used = num.width();
                if question.priority == Priority::Safety {
                    let tag = format!("{} ", t.safety);
                    used += tag.width();
                    spans.push(Span::styled(tag, th.danger));
                }
                let keys = if is_active {
                    format!("  [{}]", question_keys(app, &def.kind))
                } else {
                    String::new()
                };
                let room = width.saturating_sub(used + keys.width());
                spans.push(Span::styled(
                    fit(&def.question, room),
                    if is_active {
                        th.base.add_modifier(Modifier::BOLD)
                    } else {
                        th.base
                    },
                ));
                if is_active {
                    spans.push(Span::styled(keys, th.key));
                }
                Line::from(spans)
            }
            Row::Choices(q) => {
                let question = &view.evaluation.questions[*q];
                let def = app.set.vocabulary.def(question.fact);
                let mut text = String::from("     ");
                if let FactKind::Enum(values) = &def.kind {
                    for (n, (_, label)) in values.iter().enumerate().take(9) {
                        text.push_str(&format!("{} {}  ", n + 1, label));
                    }
                }
                Line::styled(fit(&text, width), th.key)
            }
            Row::Kind(kind, _) => Line::styled(
                fit(&format!(" {}", text::kind_label(app.lang, *kind)), width),
                th.title.add_modifier(Modifier::UNDERLINED),
            ),
            Row::Rule(r) => {
                let result = &view.evaluation.results[*r];
                let rule = &app.set.rules[result.rule];
                let (mark, style) = rule_mark(app, result);
                let mut badges = String::new();
                if result.status == Tri::True && result.judgement {
                    badges.push_str(" [NEEDS JUDGEMENT]");
                }
                if !result.conflicts.is_empty() {
                    badges.push_str(" [CONFLICT]");
                }
                let mut marks = Vec::new();
                for f in &rule.flags {
                    match f {
                        Flag::Concept => marks.push(t.flag_concept),
                        Flag::Historical => marks.push(t.flag_historical),
                        Flag::Verify => marks.push(t.flag_verify),
                        Flag::Inferred => {}
                    }
                }
                if rule.verify.is_some() && !rule.has_flag(Flag::Verify) {
                    marks.push(t.flag_verify);
                }
                let marks = if marks.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", marks.join(", "))
                };
                let head = format!("  {} ", pad(&mark, 13));
                let tail = format!("{badges}{marks}");
                let room = width.saturating_sub(head.width() + tail.width());
                Line::from(vec![
                    Span::styled(head, style),
                    Span::styled(
                        fit(&rule.title, room),
                        if result.status == Tri::False {
                            th.dim
                        } else {
                            th.base
                        },
                    ),
                    Span::styled(badges, th.badge),
                    Span::styled(marks, th.dim),
                ])
            }
            Row::Note(key) => Line::styled(
                fit(&format!("  {}", text::note(app.lang, key)), width),
                th.dim,
            ),
            Row::Blank => Line::raw(""),
        };
        if selected {
            let st = if focused {
                th.cursor
            } else {
                th.cursor_unfocused
            };
            // pad so the cursor bar spans the width
            let w: usize = line.spans.iter().map(|s| s.content.width()).sum();
            line.spans
                .push(Span::raw(" ".repeat(width.saturating_sub(w))));
            line = line.patch_style(st);
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn render_checklist(app: &App, frame: &mut Frame, areas: &Areas) {
    let t = app.t();
    let th = &app.theme;
    let focused = app.focus == Pane::Checklist && app.overlays.is_empty();
    let Some(list) = app.checklist() else {
        frame.render_widget(
            pane_block(app, t.pane_checklist.to_string(), focused),
            areas.checklist,
        );
        frame.render_widget(
            Paragraph::new(Line::styled(t.no_checklist, th.dim)),
            inner(areas.checklist),
        );
        return;
    };
    let rows = app.check_rows();
    let items: Vec<_> = rows.iter().filter_map(|r| app.check_item(*r)).collect();
    let done = items.iter().filter(|i| {
        let (m, a) = app.item_state(i);
        m || a
    });
    let done = done.count();
    let more = if app.checklist_order.len() > 1 {
        format!(
            " · {} {}/{}",
            app.keymap.first(Action::NextChecklist),
            app.checklist_index + 1,
            app.checklist_order.len()
        )
    } else {
        String::new()
    };
    let title = format!(
        "{} · {} {done}/{}{more}",
        t.pane_checklist,
        list.id,
        items.len()
    );
    frame.render_widget(pane_block(app, title, focused), areas.checklist);
    let area = areas.check_list;
    let width = area.width as usize;
    let mut lines = Vec::new();
    let case = app.current.map(|i| &app.meeting.cases[i]);
    for (i, row) in rows
        .iter()
        .enumerate()
        .skip(app.check_offset)
        .take(area.height as usize)
    {
        let mut line = match row {
            CheckRow::Participants => {
                // on the table's main checklist: required roles no attendee has come first,
                // marked in words
                let main = crate::checklist::main_checklist(&app.checklists, app.meeting.table)
                    .is_some_and(|m| std::ptr::eq(m, list));
                let missing = if main {
                    app.missing_roles()
                } else {
                    Vec::new()
                };
                let others = list
                    .participants
                    .iter()
                    .filter(|p| !missing.contains(&p.label))
                    .map(|p| format!("{} ({})", p.label, p.level.label()))
                    .collect::<Vec<_>>()
                    .join(", ");
                let names = if missing.is_empty() {
                    others
                } else {
                    format!(
                        "{} ({}): {} · {others}",
                        t.role_missing,
                        missing.len(),
                        missing.join(", ")
                    )
                };
                Line::styled(fit(&format!("{}: {names}", t.participants), width), th.dim)
            }
            CheckRow::Note(n) => Line::styled(
                fit(&format!("{} {}", t.note_mark, list.notes[*n].text), width),
                th.dim,
            ),
            CheckRow::List(l) => Line::styled(
                fit(
                    &format!("{} — {}", list.lists[*l].id, list.lists[*l].title),
                    width,
                ),
                th.heading,
            ),
            CheckRow::Item(..) => {
                let item = app.check_item(*row).expect("item row");
                let (manual, auto) = app.item_state(item);
                let has_note = case
                    .and_then(|c| c.checklist.get(&item.id))
                    .is_some_and(|m| !m.note.is_empty());
                let mark = if manual {
                    "[x]"
                } else if auto {
                    "[a]"
                } else {
                    "[ ]"
                };
                let head = format!("{mark} {} ", pad(&item.id, 8));
                let note = if has_note { " ✎" } else { "" };
                let note = if th.ascii && has_note { " (n)" } else { note };
                let room = width.saturating_sub(head.width() + note.width());
                Line::from(vec![
                    Span::styled(head, if manual || auto { th.yes } else { th.base }),
                    Span::styled(fit(&item.text, room), if manual { th.dim } else { th.base }),
                    Span::styled(note.to_string(), th.key),
                ])
            }
        };
        if i == app.check_cursor {
            let w: usize = line.spans.iter().map(|s| s.content.width()).sum();
            line.spans
                .push(Span::raw(" ".repeat(width.saturating_sub(w))));
            line = line.patch_style(if focused {
                th.cursor
            } else {
                th.cursor_unfocused
            });
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), area);
    if let Some(d) = areas.check_detail {
        let rule = if th.ascii { "-" } else { "─" };
        frame.render_widget(
            Paragraph::new(Line::styled(rule.repeat(width), th.border)),
            Rect::new(d.x, d.y.saturating_sub(1), d.width, 1),
        );
        let mut lines = Vec::new();
        if let Some(item) = app.selected_item() {
            let (manual, auto) = app.item_state(item);
            let state = if manual {
                t.checked
            } else if auto {
                t.auto_checked
            } else {
                t.not_checked
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{} ", item.id), th.key),
                Span::styled(state, th.dim),
            ]));
            for l in wrap(&item.text, width) {
                lines.push(Line::raw(l));
            }
            if let Some(note) = case
                .and_then(|c| c.checklist.get(&item.id))
                .filter(|m| !m.note.is_empty())
            {
                lines.push(Line::from(vec![
                    Span::styled(format!("{}: ", t.note), th.key),
                    Span::raw(note.note.clone()),
                ]));
            }
            for src in &item.sources {
                let q = if src.quote.is_empty() {
                    String::new()
                } else {
                    format!(" «{}»", src.quote)
                };
                for l in wrap(
                    &format!("{}: {} {}{q}", t.source, src.document, src.section),
                    width,
                ) {
                    lines.push(Line::styled(l, th.dim));
                }
            }
            if !item.rules.is_empty() {
                lines.push(Line::styled(
                    fit(&format!("{}: {}", t.rules, item.rules.join(", ")), width),
                    th.dim,
                ));
            }
        }
        frame.render_widget(Paragraph::new(lines), d);
    }
}

/// The status-bar hints of the current context, from the live keymap.
pub fn hints(app: &App) -> Vec<(String, &'static str)> {
    let t = app.t();
    let k = &app.keymap;
    let h = |a: Action| (k.first(a), text::hint(app.lang, a));
    let mut out = Vec::new();
    match app.overlays.last() {
        Some(Overlay::Help { .. }) | Some(Overlay::Rule(_)) => {
            out.extend([h(Action::Down), h(Action::Up), h(Action::Back)]);
        }
        Some(Overlay::Facts(fv)) if !fv.filtering => {
            out.extend([
                h(Action::AnswerYes),
                h(Action::AnswerNo),
                h(Action::AnswerUnknown),
                h(Action::Select),
            ]);
            out.push((
                k.first(Action::Filter),
                text::hint(app.lang, Action::Filter),
            ));
            out.push(h(Action::Back));
        }
        Some(Overlay::Picker(p)) => match p.mode {
            PickerMode::Multi { .. } => {
                out.push((t.key_space.to_string(), t.hint_toggle));
                out.extend([h(Action::Select), h(Action::Back)]);
            }
            PickerMode::Text { .. } => {
                out.push(("Enter".into(), t.hint_confirm));
                out.push(("Esc".into(), t.hint_cancel));
            }
            PickerMode::Choice { .. } => {
                out.extend([h(Action::Select), h(Action::AnswerUnknown), h(Action::Back)])
            }
        },
        Some(Overlay::Editor(_)) => {
            out.push(("Esc".into(), t.hint_done));
            out.push(("Enter".into(), t.hint_newline));
        }
        Some(Overlay::ActionForm(_)) | Some(Overlay::CaseForm(_)) => {
            out.push(("Tab".into(), t.hint_next_field));
            out.push(("Enter".into(), t.hint_confirm));
            out.push(("Esc".into(), t.hint_cancel));
        }
        Some(Overlay::ItemNote(_)) | Some(Overlay::Facts(_)) => {
            out.push(("Enter".into(), t.hint_confirm));
            out.push(("Esc".into(), t.hint_cancel));
        }
        Some(Overlay::Actions(_)) => {
            out.extend([
                h(Action::Down),
                h(Action::Up),
                h(Action::ListToggle),
                h(Action::ListRemove),
                h(Action::NewActionItem),
                h(Action::Undo),
                h(Action::Back),
            ]);
        }
        Some(Overlay::Attendees(_)) => {
            out.extend([
                h(Action::Down),
                h(Action::Up),
                h(Action::ListAdd),
                h(Action::ListRemove),
                h(Action::Undo),
                h(Action::Back),
            ]);
        }
        Some(Overlay::AttendeeForm(_)) => {
            out.push(("Tab".into(), t.hint_next_field));
            out.push(("Enter".into(), t.hint_confirm));
            out.push(("Esc".into(), t.hint_cancel));
        }
        Some(Overlay::ConfirmQuit) => {}
        None if app.filtering => {
            out.push(("Enter".into(), t.hint_keep_filter));
            out.push(("Esc".into(), t.hint_clear_filter));
        }
        None => {
            match app.focus {
                Pane::Agenda => out.extend([
                    h(Action::Select),
                    h(Action::Filter),
                    h(Action::MoveCaseDown),
                    h(Action::AddCase),
                ]),
                Pane::Rules => out.push(h(Action::Select)),
                Pane::Checklist => out.extend([
                    h(Action::ToggleItem),
                    h(Action::ItemNote),
                    h(Action::NextChecklist),
                ]),
            }
            if let Some(fact) = app.target_fact() {
                match app.set.vocabulary.def(fact).kind {
                    FactKind::Bool => out.extend([h(Action::AnswerYes), h(Action::AnswerNo)]),
                    FactKind::Enum(_) => out.push(("1-9".into(), t.hint_choose)),
                    _ => out.push(h(Action::AnswerPicker)),
                }
            }
            out.extend([
                h(Action::Help),
                h(Action::Facts),
                h(Action::Notes),
                h(Action::Decision),
                h(Action::NewActionItem),
                h(Action::CycleStatus),
                h(Action::Undo),
                h(Action::NextPane),
                h(Action::Quit),
            ]);
        }
    }
    let list_overlay = matches!(
        app.overlays.last(),
        Some(Overlay::Actions(_) | Overlay::Attendees(_))
    );
    if app.read_only.is_some() && (app.overlays.is_empty() || list_overlay) && !app.filtering {
        let hidden: Vec<&str> = Action::all()
            .into_iter()
            .filter(|a| a.edits())
            .map(|a| text::hint(app.lang, a))
            .chain([t.hint_choose])
            .collect();
        out.retain(|(_, label)| !hidden.contains(label));
    }
    out.retain(|(k, _)| !k.is_empty());
    out
}

fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.t();
    let th = &app.theme;
    let width = area.width as usize;
    // right: the timebox of the open case
    let (right, over) = match app.time_spent() {
        Some(spent) => {
            let left = app.timebox_minutes as i64 * 60 - spent as i64;
            if left >= 0 {
                (format!(" {} {} ", t.timebox, clock_text(left)), false)
            } else {
                (format!(" {} {} ", t.over_time, clock_text(-left)), true)
            }
        }
        None => (String::new(), false),
    };
    let mut spans = Vec::new();
    let room = width.saturating_sub(right.width());
    match &app.message {
        Some((msg, kind)) => {
            let style = if *kind == MessageKind::Error {
                th.error
            } else {
                th.info
            };
            spans.push(Span::styled(fit(&format!(" {msg} "), room), style));
        }
        None => {
            let mut used = 1;
            spans.push(Span::raw(" "));
            for (key, label) in hints(app) {
                let piece = format!("{key} {label}  ");
                if used + piece.width() > room {
                    break;
                }
                used += piece.width();
                spans.push(Span::styled(key, th.key.patch(th.status)));
                spans.push(Span::raw(format!(" {label}  ")));
            }
        }
    }
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    spans.push(Span::raw(" ".repeat(room.saturating_sub(used))));
    spans.push(Span::styled(
        right,
        if over {
            th.over_time
        } else {
            th.status.add_modifier(Modifier::BOLD)
        },
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)).style(th.status), area);
}

// ----- overlays -------------------------------------------------------------------------------------

fn render_overlay(app: &App, frame: &mut Frame, overlay: &Overlay, area: Rect) {
    match overlay {
        Overlay::Help { scroll } => render_help(app, frame, area, *scroll),
        Overlay::Rule(d) => render_rule_detail(app, frame, area, d),
        Overlay::Facts(_) => render_facts(app, frame, area, overlay),
        Overlay::Picker(_) => render_picker(app, frame, area, overlay),
        Overlay::Editor(e) => {
            let t = app.t();
            let case = app
                .current
                .map(|i| app.meeting.cases[i].id.clone())
                .unwrap_or_default();
            let what = if e.target == EditorTarget::Notes {
                t.notes
            } else {
                t.decision
            };
            let r = centered(
                area,
                area.width.saturating_sub(8).max(40),
                area.height.saturating_sub(6).max(8),
            );
            let hint = if e.read_only {
                t.viewer_hint
            } else {
                t.editor_hint
            };
            let i = open_overlay(app, frame, r, format!("{what} — {case} · {hint}"));
            let top = e
                .area
                .row
                .saturating_sub(i.height.saturating_sub(1) as usize);
            let lines: Vec<Line> = e
                .area
                .lines
                .iter()
                .skip(top)
                .take(i.height as usize)
                .map(|l| Line::raw(l.clone()))
                .collect();
            frame.render_widget(Paragraph::new(lines), i);
            if e.read_only {
                return;
            }
            let col: String = e.area.lines[e.area.row].chars().take(e.area.col).collect();
            frame.set_cursor_position(Position::new(
                (i.x + col.width() as u16).min(i.right().saturating_sub(1)),
                i.y + (e.area.row - top) as u16,
            ));
        }
        Overlay::ActionForm(f) => {
            let t = app.t();
            let labels = [t.who, t.what, t.due_label];
            render_form(
                app,
                frame,
                area,
                t.new_action,
                &labels,
                &f.fields,
                f.focus,
                f.error.as_deref(),
            );
        }
        Overlay::CaseForm(f) => {
            let t = app.t();
            let labels = [t.case_id, t.case_title];
            render_form(
                app,
                frame,
                area,
                t.new_case,
                &labels,
                &f.fields,
                f.focus,
                f.error.as_deref(),
            );
        }
        Overlay::ItemNote(f) => {
            let t = app.t();
            let labels = [t.note];
            render_form(
                app,
                frame,
                area,
                &format!("{} — {}", t.item_note, f.item),
                &labels,
                std::slice::from_ref(&f.input),
                0,
                None,
            );
        }
        Overlay::Actions(v) => render_actions(app, frame, area, v),
        Overlay::Attendees(v) => render_attendees(app, frame, area, v),
        Overlay::AttendeeForm(f) => {
            let t = app.t();
            let labels = [t.attendee_name, t.attendee_role];
            render_form(
                app,
                frame,
                area,
                t.new_attendee,
                &labels,
                &f.fields,
                f.focus,
                f.error.as_deref(),
            );
        }
        Overlay::ConfirmQuit => {
            let t = app.t();
            let failed = match &app.save {
                SaveIndicator::Failed(e) => Some(e.as_str()),
                _ => None,
            };
            let width = if failed.is_some() { 72 } else { 52 };
            let r = centered(
                area,
                width.min(area.width),
                if failed.is_some() { 8 } else { 5 },
            );
            let i = open_overlay(app, frame, r, t.quit_title.to_string());
            let w = i.width as usize;
            let mut lines = Vec::new();
            match failed {
                Some(e) => {
                    lines.push(Line::raw(fit(t.quit_not_on_disk, w)));
                    lines.extend(
                        wrap(e, w)
                            .into_iter()
                            .take(3)
                            .map(|l| Line::styled(l, app.theme.error)),
                    );
                }
                None => lines.push(Line::raw(fit(t.quit_unsaved, w))),
            }
            lines.push(Line::styled(fit(t.quit_ask, w), app.theme.key));
            frame.render_widget(Paragraph::new(lines), i);
        }
    }
}

/// The Actiepunten overlay: one line per item, state in words (never colour alone).
fn render_actions(app: &App, frame: &mut Frame, area: Rect, v: &super::app::ActionsView) {
    let t = app.t();
    let th = &app.theme;
    let s = sym(th);
    let Some(case) = app.meeting.cases.get(v.case) else {
        return;
    };
    let r = centered(
        area,
        area.width.saturating_sub(8).max(40),
        (case.actions.len() as u16 + 4).clamp(6, area.height.saturating_sub(4).max(6)),
    );
    let title = if app.read_only.is_some() {
        format!("{} — {} · {}", t.actions, case.id, t.badge_read_only)
    } else {
        format!("{} — {}", t.actions, case.id)
    };
    let i = open_overlay(app, frame, r, title);
    let width = i.width as usize;
    let mut lines = Vec::new();
    if case.actions.is_empty() {
        let add = app.keymap.first(Action::NewActionItem);
        lines.push(Line::styled(
            fit(&text::fill(t.actions_empty, &[&add]), width),
            th.dim,
        ));
    }
    let cursor = v.cursor.min(case.actions.len().saturating_sub(1));
    let rows = i.height as usize;
    let top = cursor.saturating_sub(rows.saturating_sub(1));
    for (n, a) in case.actions.iter().enumerate().skip(top).take(rows) {
        let selected = n == cursor;
        let overdue = !a.done && a.due < app.meeting.date;
        let (mark, state) = if a.done {
            ("[x]", t.action_done)
        } else {
            ("[ ]", t.action_open)
        };
        let pointer = if selected { s.open } else { " " };
        let head = format!("{pointer} {mark} {} ", pad(state, 6));
        let due = format!(" {} {}", t.due, a.due.format("%Y-%m-%d"));
        let late = if overdue {
            format!(" {} {}", s.judgement, t.action_overdue)
        } else {
            String::new()
        };
        let room = width.saturating_sub(head.width() + due.width() + late.width());
        let body = pad(&format!("{} — {}", a.who, a.what.replace('\n', " ")), room);
        let style = if selected { th.cursor } else { th.base };
        let state_style = if a.done { th.yes } else { th.base };
        lines.push(Line::from(vec![
            Span::styled(head, state_style.patch(style)),
            Span::styled(body, style),
            Span::styled(due, style),
            Span::styled(late, th.error.patch(style)),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), i);
}

/// The Deelnemers overlay: name and role per attendee.
fn render_attendees(app: &App, frame: &mut Frame, area: Rect, v: &super::app::AttendeesView) {
    let t = app.t();
    let th = &app.theme;
    let s = sym(th);
    let list = &app.meeting.attendees;
    let r = centered(
        area,
        area.width.saturating_sub(8).clamp(40, 90),
        (list.len() as u16 + 6).clamp(7, area.height.saturating_sub(4).max(7)),
    );
    let mut title = format!("{} ({})", t.attendees_title, list.len());
    if app.read_only.is_some() {
        title = format!("{title} · {}", t.badge_read_only);
    }
    let i = open_overlay(app, frame, r, title);
    let width = i.width as usize;
    let mut lines = Vec::new();
    if list.is_empty() {
        let add = app.keymap.first(Action::ListAdd);
        lines.push(Line::styled(
            fit(&text::fill(t.attendees_empty, &[&add]), width),
            th.dim,
        ));
    }
    let missing = app.missing_roles();
    let cursor = v.cursor.min(list.len().saturating_sub(1));
    let rows = (i.height as usize).saturating_sub(if missing.is_empty() { 0 } else { 2 });
    let top = cursor.saturating_sub(rows.saturating_sub(1));
    for (n, a) in list.iter().enumerate().skip(top).take(rows) {
        let selected = n == cursor;
        let pointer = if selected { s.open } else { " " };
        let style = if selected { th.cursor } else { th.base };
        lines.push(Line::styled(
            pad(&format!("{pointer} {} — {}", a.name, a.role), width),
            style,
        ));
    }
    if !missing.is_empty() {
        while lines.len() < rows {
            lines.push(Line::raw(""));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            fit(
                &format!("{}: {}", t.role_missing, missing.join(", ")),
                width,
            ),
            th.error,
        ));
    }
    frame.render_widget(Paragraph::new(lines), i);
}

#[allow(clippy::too_many_arguments)]
fn render_form(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    title: &str,
    labels: &[&str],
    fields: &[LineInput],
    focus: usize,
    error: Option<&str>,
) {
    let th = &app.theme;
    let t = app.t();
    let h = labels.len() as u16 * 2 + 5;
    let r = centered(area, 70.min(area.width.saturating_sub(2)), h);
    let i = open_overlay(app, frame, r, title.to_string());
    let label_w = labels.iter().map(|l| l.width()).max().unwrap_or(0) + 2;
    let mut lines = Vec::new();
    for (n, (label, field)) in labels.iter().zip(fields).enumerate() {
        let style = if n == focus {
            th.cursor_unfocused
        } else {
            th.base
        };
        let room = (i.width as usize).saturating_sub(label_w);
        lines.push(Line::from(vec![
            Span::styled(pad(label, label_w), th.key),
            Span::styled(pad(&field.text, room), style),
        ]));
        lines.push(Line::raw(""));
    }
    match error {
        Some(e) => lines.extend(
            wrap(e, i.width as usize)
                .into_iter()
                .take(2)
                .map(|l| Line::styled(l, th.error)),
        ),
        None => lines.push(Line::styled(fit(t.form_hint, i.width as usize), th.dim)),
    }
    frame.render_widget(Paragraph::new(lines), i);
    if let Some(field) = fields.get(focus) {
        let col: String = field.text.chars().take(field.cursor).collect();
        let x = i.x + label_w as u16 + col.width() as u16;
        frame.set_cursor_position(Position::new(
            x.min(i.right().saturating_sub(1)),
            i.y + focus as u16 * 2,
        ));
    }
}

fn render_help(app: &App, frame: &mut Frame, area: Rect, scroll: usize) {
    let t = app.t();
    let th = &app.theme;
    let r = centered(area, 84.min(area.width), area.height.saturating_sub(2));
    let i = open_overlay(
        app,
        frame,
        r,
        format!(
            "{} · {} {}",
            t.help_title,
            app.keymap.first(Action::Back),
            t.hint_close
        ),
    );
    let width = i.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    for scope in Scope::ALL {
        if !Action::all().iter().any(|a| a.scope() == scope) {
            continue;
        }
        lines.push(Line::styled(text::scope_label(app.lang, scope), th.heading));
        let mut digits_done = false;
        for action in Action::all() {
            if action.scope() != scope {
                continue;
            }
            if let Action::Choice(_) = action {
                if digits_done {
                    continue;
                }
                digits_done = true;
                let keys: Vec<String> = (1..=9)
                    .map(|n| app.keymap.first(Action::Choice(n)))
                    .filter(|k| !k.is_empty())
                    .collect();
                let keys = if keys.len() == 9
                    && keys.first().map(String::as_str) == Some("1")
                    && keys.last().map(String::as_str) == Some("9")
                {
                    "1-9".to_string()
                } else {
                    keys.join("/")
                };
                lines.push(Line::from(vec![
                    Span::styled(pad(&format!("  {keys}"), 22), th.key),
                    Span::raw(fit(
                        text::describe(app.lang, action),
                        width.saturating_sub(22),
                    )),
                ]));
                continue;
            }
            let keys = app.keymap.labels(action);
            let keys = if keys.is_empty() {
                format!("({})", t.unbound)
            } else {
                keys
            };
            for (n, l) in wrap(text::describe(app.lang, action), width.saturating_sub(22))
                .into_iter()
                .enumerate()
            {
                let k = if n == 0 {
                    pad(&format!("  {keys}"), 22)
                } else {
                    " ".repeat(22)
                };
                lines.push(Line::from(vec![Span::styled(k, th.key), Span::raw(l)]));
            }
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(t.help_text_fields_title, th.heading));
    for l in t.help_text_fields {
        for w in wrap(l, width.saturating_sub(2)) {
            lines.push(Line::raw(format!("  {w}")));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(t.help_legend_title, th.heading));
    for l in t.help_legend {
        for w in wrap(l, width.saturating_sub(2)) {
            lines.push(Line::raw(format!("  {w}")));
        }
    }
    lines.push(Line::raw(""));
    for w in wrap(&text::fill(t.help_keys_file, &[]), width) {
        lines.push(Line::styled(w, th.dim));
    }
    let max = lines.len().saturating_sub(i.height as usize);
    let scroll = scroll.min(max);
    let lines: Vec<Line> = lines
        .into_iter()
        .skip(scroll)
        .take(i.height as usize)
        .collect();
    frame.render_widget(Paragraph::new(lines), i);
}

fn trace_lines(
    app: &App,
    node: &TraceNode,
    depth: usize,
    width: usize,
    out: &mut Vec<Line<'static>>,
) {
    let th = &app.theme;
    let s = sym(th);
    let (mark, style) = match node.value {
        Tri::True => (s.yes, th.yes),
        Tri::False => (s.no, th.no),
        Tri::Unknown => (s.unknown, th.unknown),
    };
    let indent = "  ".repeat(depth + 1);
    let detail = node
        .detail
        .as_ref()
        .map(|d| format!(" — {d}"))
        .unwrap_or_default();
    let body = format!("{}{detail}", node.text);
    let head = format!("{indent}{mark} ");
    for (n, l) in wrap(&body, width.saturating_sub(head.width()))
        .into_iter()
        .enumerate()
    {
        if n == 0 {
            out.push(Line::from(vec![
                Span::styled(head.clone(), style),
                Span::raw(l),
            ]));
        } else {
            out.push(Line::raw(format!("{}{l}", " ".repeat(head.width()))));
        }
    }
    for c in &node.children {
        trace_lines(app, c, depth + 1, width, out);
    }
}

fn render_rule_detail(app: &App, frame: &mut Frame, area: Rect, d: &super::app::RuleDetail) {
    let t = app.t();
    let th = &app.theme;
    let rule = &app.set.rules[d.rule];
    let r = centered(
        area,
        area.width.saturating_sub(4).min(110),
        area.height.saturating_sub(2),
    );
    let i = open_overlay(
        app,
        frame,
        r,
        format!(
            "{} · {} {}",
            rule.id,
            app.keymap.first(Action::Back),
            t.hint_close
        ),
    );
    let width = i.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let para = |lines: &mut Vec<Line<'static>>, text: &str, style: Style| {
        for l in wrap(text, width) {
            lines.push(Line::styled(l, style));
        }
    };
    para(&mut lines, &rule.title, th.heading);
    let (mark, style) = rule_mark(app, &d.result);
    let mut head = vec![
        Span::styled(format!("{mark}  "), style),
        Span::styled(
            format!("{}: {}  ", t.kind, text::kind_label(app.lang, rule.kind)),
            th.dim,
        ),
    ];
    if d.result.status == Tri::True && d.result.judgement {
        head.push(Span::styled(" NEEDS JUDGEMENT ", th.badge));
        head.push(Span::raw(" "));
    }
    if !d.result.conflicts.is_empty() {
        head.push(Span::styled(" CONFLICT ", th.badge));
        head.push(Span::raw(" "));
    }
    for f in &rule.flags {
        let w = match f {
            Flag::Concept => t.flag_concept,
            Flag::Historical => t.flag_historical,
            Flag::Verify => t.flag_verify,
            Flag::Inferred => t.flag_inferred,
        };
        head.push(Span::styled(format!("[{w}] "), th.dim));
    }
    lines.push(Line::from(head));
    let tables: Vec<String> = rule.tables.iter().map(|t| format!("{t:?}")).collect();
    lines.push(Line::styled(
        format!("{}: {}", t.tables, tables.join(", ")),
        th.dim,
    ));
    if rule.valid_from.is_some() || rule.valid_to.is_some() {
        let f = rule
            .valid_from
            .map(|d| d.format("%d-%m-%Y").to_string())
            .unwrap_or_else(|| "…".into());
        let to = rule
            .valid_to
            .map(|d| d.format("%d-%m-%Y").to_string())
            .unwrap_or_else(|| "…".into());
        lines.push(Line::styled(format!("{}: {f} – {to}", t.valid), th.dim));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(t.outcome, th.key));
    para(
        &mut lines,
        &outcome_text(&app.set, rule, &d.result),
        th.base,
    );
    if let Some(v) = &rule.verify {
        lines.push(Line::raw(""));
        para(&mut lines, &format!("{}: {v}", t.flag_verify), th.unknown);
    }
    if !d.result.blocking.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(t.blocking, th.key));
        for f in &d.result.blocking {
            let def = app.set.vocabulary.def(*f);
            para(
                &mut lines,
                &format!("  ? {} [{}]", def.question, def.name),
                th.unknown,
            );
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(t.trace, th.key));
    trace_lines(app, &d.trace.when, 0, width, &mut lines);
    for (n, b) in d.trace.branches.iter().enumerate() {
        let chosen = matches!(d.result.branch, BranchPick::Chosen(c) if c == n);
        let label = format!(
            "  {} {}{}",
            t.branch,
            n + 1,
            if chosen {
                format!(" ({})", t.chosen)
            } else {
                String::new()
            }
        );
        lines.push(Line::styled(label, if chosen { th.yes } else { th.dim }));
        match b {
            Some(node) => trace_lines(app, node, 1, width, &mut lines),
            None => lines.push(Line::styled(format!("      {}", t.otherwise), th.dim)),
        }
    }
    for node in &d.trace.notes {
        lines.push(Line::styled(format!("  {}", t.note), th.dim));
        trace_lines(app, node, 1, width, &mut lines);
    }
    if !d.result.conflicts.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(t.conflicts, th.key));
        for c in &d.result.conflicts {
            let other = &app.set.rules[c.with];
            let reg = c
                .register
                .as_ref()
                .map(|r| format!(" (§6 {r})"))
                .unwrap_or_default();
            para(
                &mut lines,
                &format!("  {} — {}{reg}", other.id, other.title),
                th.judgement,
            );
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(t.sources, th.key));
    for s in &rule.sources {
        para(
            &mut lines,
            &format!("  {} · {}", s.document, s.section),
            th.base,
        );
        para(&mut lines, &format!("    «{}»", s.quote), th.dim);
    }
    if !rule.register.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(t.register, th.key));
        for id in &rule.register {
            match app.set.register_entry(id) {
                Some(e) => {
                    para(&mut lines, &format!("  {} — {}", e.id, e.title), th.base);
                    para(&mut lines, &format!("    {}", e.text), th.dim);
                }
                None => para(&mut lines, &format!("  {id}"), th.base),
            }
        }
    }
    if let Some(esc) = &rule.escalation {
        lines.push(Line::raw(""));
        para(&mut lines, &format!("{}: {esc}", t.escalation), th.base);
    }
    let max = lines.len().saturating_sub(i.height as usize);
    let scroll = d.scroll.min(max);
    let lines: Vec<Line> = lines
        .into_iter()
        .skip(scroll)
        .take(i.height as usize)
        .collect();
    frame.render_widget(Paragraph::new(lines), i);
}

fn render_facts(app: &App, frame: &mut Frame, area: Rect, overlay: &Overlay) {
    let Overlay::Facts(fv) = overlay else { return };
    let t = app.t();
    let th = &app.theme;
    let s = sym(th);
    let r = Rect::new(
        area.x + 1,
        area.y + 1,
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
    );
    let case = app
        .current
        .map(|i| app.meeting.cases[i].id.clone())
        .unwrap_or_default();
    let known = app
        .view
        .as_ref()
        .map(|v| v.facts.known_count())
        .unwrap_or(0);
    let i = open_overlay(
        app,
        frame,
        r,
        format!(
            "{} — {case} · {known}/{} {}",
            t.facts_title,
            app.set.vocabulary.len(),
            t.known
        ),
    );
    let detail_h = 6u16.min(i.height / 3);
    let filter_h = u16::from(fv.filtering || !fv.filter.text.is_empty());
    let [list, filter, _, detail] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(filter_h),
        Constraint::Length(1),
        Constraint::Length(detail_h),
    ])
    .areas(i);
    let width = list.width as usize;
    let vocab = &app.set.vocabulary;
    let facts = app.view.as_ref().map(|v| &v.facts);
    let value_w = (width / 3).clamp(10, 30);
    let mut lines = Vec::new();
    for (n, row) in fv
        .rows
        .iter()
        .enumerate()
        .skip(fv.offset)
        .take(list.height as usize)
    {
        let mut line = match row {
            FactRow::Group(g) => Line::styled(
                fit(&format!("§{g} {}", text::group_label(app.lang, g)), width),
                th.heading,
            ),
            FactRow::Fact(f) => {
                let def = vocab.def(*f);
                let value = facts.and_then(|x| x.get(*f));
                let (mark, shown, style) = match value {
                    Some(v) => (s.yes, vocab.display(*f, v), th.yes),
                    None => (s.unknown, t.unknown_value.to_string(), th.unknown),
                };
                let moves = app
                    .set
                    .rules_by_fact
                    .get(*f as usize)
                    .map_or(0, |v| v.len());
                let tail = format!(" {moves:>3} {}", t.rules_short);
                let head = format!(" {mark} ");
                let room = width.saturating_sub(head.width() + value_w + tail.width() + 1);
                Line::from(vec![
                    Span::styled(head, style),
                    Span::raw(pad(&def.question, room)),
                    Span::raw(" "),
                    Span::styled(pad(&shown, value_w), style),
                    Span::styled(tail, th.dim),
                ])
            }
        };
        if n == fv.cursor {
            let w: usize = line.spans.iter().map(|s| s.content.width()).sum();
            line.spans
                .push(Span::raw(" ".repeat(width.saturating_sub(w))));
            line = line.patch_style(th.cursor);
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), list);
    if filter_h > 0 {
        frame.render_widget(
            Paragraph::new(Line::styled(
                fit(&format!("/{}", fv.filter.text), width),
                th.key,
            )),
            filter,
        );
        if fv.filtering {
            let col: String = fv.filter.text.chars().take(fv.filter.cursor).collect();
            frame.set_cursor_position(Position::new(filter.x + 1 + col.width() as u16, filter.y));
        }
    }
    let rule = if th.ascii { "-" } else { "─" };
    frame.render_widget(
        Paragraph::new(Line::styled(rule.repeat(width), th.border)),
        Rect::new(detail.x, detail.y.saturating_sub(1), detail.width, 1),
    );
    if let Some(FactRow::Fact(f)) = fv.rows.get(fv.cursor) {
        let def = vocab.def(*f);
        let mut d = Vec::new();
        let prio = match def.priority {
            Priority::Safety => format!(" · {}", t.safety),
            Priority::Gatekeeping => format!(" · {}", t.gatekeeping),
            Priority::Normal => String::new(),
        };
        d.push(Line::from(vec![
            Span::styled(format!("{} ", def.name), th.key),
            Span::styled(format!("({}{prio})", def.kind.type_name()), th.dim),
        ]));
        if !def.help.is_empty() {
            for l in wrap(&def.help, width).into_iter().take(2) {
                d.push(Line::styled(l, th.dim));
            }
        }
        let rules: Vec<&str> = app
            .set
            .rules_by_fact
            .get(*f as usize)
            .map_or(Vec::new(), |v| {
                let mut ids: Vec<&str> = v.iter().map(|&r| app.set.rules[r].id.as_str()).collect();
                ids.dedup();
                ids
            });
        for l in wrap(
            &format!(
                "{}: {}",
                t.moves_rules,
                if rules.is_empty() {
                    "—".to_string()
                } else {
                    rules.join(", ")
                }
            ),
            width,
        )
        .into_iter()
        .take(detail_h.saturating_sub(d.len() as u16) as usize)
        {
            d.push(Line::raw(l));
        }
        frame.render_widget(Paragraph::new(d), detail);
    }
}

fn render_picker(app: &App, frame: &mut Frame, area: Rect, overlay: &Overlay) {
    let Overlay::Picker(p) = overlay else { return };
    let t = app.t();
    let th = &app.theme;
    let def = app.set.vocabulary.def(p.fact);
    let values: Vec<String> = match &def.kind {
        FactKind::Bool => vec![t.yes.to_string(), t.no.to_string()],
        FactKind::Enum(v) | FactKind::Set(v) => v.iter().map(|(_, l)| l.clone()).collect(),
        _ => Vec::new(),
    };
    let width = 72.min(area.width.saturating_sub(2));
    let qlines = wrap(&def.question, width as usize - 2);
    let hlines = if def.help.is_empty() {
        Vec::new()
    } else {
        wrap(&def.help, width as usize - 2)
    };
    let body_h = match p.mode {
        PickerMode::Text { .. } => 4,
        _ => values.len() as u16 + 1,
    };
    let h = (qlines.len() + hlines.len().min(3)) as u16 + body_h + 3;
    let r = centered(area, width, h.min(area.height));
    let i = open_overlay(
        app,
        frame,
        r,
        format!("{} · {}", def.name, def.kind.type_name()),
    );
    let iw = i.width as usize;
    let mut lines: Vec<Line> = qlines
        .into_iter()
        .map(|l| Line::styled(l, th.heading))
        .collect();
    lines.extend(hlines.into_iter().take(3).map(|l| Line::styled(l, th.dim)));
    lines.push(Line::raw(""));
    let mut cursor_pos = None;
    match &p.mode {
        PickerMode::Choice { cursor } => {
            for (n, v) in values.iter().enumerate() {
                let key = match (&def.kind, n) {
                    (FactKind::Bool, 0) => app.keymap.first(Action::AnswerYes),
                    (FactKind::Bool, _) => app.keymap.first(Action::AnswerNo),
                    _ if n < 9 => format!("{}", n + 1),
                    _ => " ".into(),
                };
                let style = if n == *cursor { th.cursor } else { th.base };
                lines.push(Line::from(vec![
                    Span::styled(format!(" {key:>2} "), th.key),
                    Span::styled(pad(v, iw.saturating_sub(4)), style),
                ]));
            }
            lines.push(Line::styled(
                fit(
                    &format!(
                        "{} {}",
                        app.keymap.first(Action::AnswerUnknown),
                        t.hint_unknown
                    ),
                    iw,
                ),
                th.dim,
            ));
        }
        PickerMode::Multi { cursor, chosen } => {
            for (n, v) in values.iter().enumerate() {
                let mark = if chosen[n] { "[x]" } else { "[ ]" };
                let num = if n < 9 {
                    format!("{}", n + 1)
                } else {
                    " ".into()
                };
                let style = if n == *cursor { th.cursor } else { th.base };
                lines.push(Line::from(vec![
                    Span::styled(format!(" {num:>2} "), th.key),
                    Span::styled(pad(&format!("{mark} {v}"), iw.saturating_sub(4)), style),
                ]));
            }
            lines.push(Line::styled(fit(t.set_hint, iw), th.dim));
        }
        PickerMode::Text { input, error } => {
            let hint = match &def.kind {
                FactKind::Number { unit } => text::fill(t.number_hint, &[unit]),
                FactKind::Date => t.date_hint.to_string(),
                FactKind::List { unit } => text::fill(t.list_hint, &[unit]),
                _ => t.tags_hint.to_string(),
            };
            lines.push(Line::from(vec![
                Span::styled("> ", th.key),
                Span::styled(pad(&input.text, iw.saturating_sub(2)), th.cursor_unfocused),
            ]));
            cursor_pos = Some((
                i.x + 2
                    + input
                        .text
                        .chars()
                        .take(input.cursor)
                        .collect::<String>()
                        .width() as u16,
                i.y + lines.len() as u16 - 1,
            ));
            match error {
                Some(e) => lines.push(Line::styled(fit(e, iw), th.error)),
                None => lines.push(Line::styled(fit(&hint, iw), th.dim)),
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), i);
    if let Some((x, y)) = cursor_pos {
        frame.set_cursor_position(Position::new(x.min(i.right().saturating_sub(1)), y));
    }
}
