//! `tafel review`: a read-only browser of saved sessions — the list newest first, search across
//! all sessions, open action items across sessions — that opens a session (or the case a search
//! hit or action item belongs to) in the meeting screen's three panes without editing keys.
//! Also the read-only view of the raw text of a session file that does not parse
//! (`tafel open FILE --kopie-lezen`).
//!
//! Everything read from files is cleaned (crate::text) before it is drawn.

use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::session::{OpenAction, Review, SearchHit, SessionSummary};
use crate::text::sanitize_line;

use super::Ctx;
use super::action::{Action, Scope};
use super::app::{App, MessageKind};
use super::input::{Edited, LineInput};
use super::keymap::Key;
use super::render::{fit, pad, render};
use super::term::Screen;
use super::text::{self, Texts};
use super::theme::Theme;

/// At most this many search results are listed.
const MAX_HITS: usize = 500;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Sessions,
    Search,
    Actions,
}

impl View {
    fn index(self) -> usize {
        match self {
            View::Sessions => 0,
            View::Search => 1,
            View::Actions => 2,
        }
    }
    fn next(self) -> View {
        match self {
            View::Sessions => View::Search,
            View::Search => View::Actions,
            View::Actions => View::Sessions,
        }
    }
    fn prev(self) -> View {
        self.next().next()
    }
}

/// One line (or two) of text from a file, safe to draw.
fn clean(s: &str) -> String {
    sanitize_line(s)
}

/// The review browser.
pub struct ReviewScreen {
    ctx: Ctx,
    review: Review,
    pub summaries: Vec<SessionSummary>,
    pub actions: Vec<OpenAction>,
    pub hits: Vec<SearchHit>,
    pub view: View,
    cursor: [usize; 3],
    offset: [usize; 3],
    pub query: LineInput,
    /// The search field has the keys.
    pub typing: bool,
    /// A session opened read-only in the meeting screen.
    pub open: Option<App>,
    message: Option<(String, MessageKind)>,
    rows: usize,
    redraw: bool,
    quit: bool,
}

impl ReviewScreen {
    pub fn new(ctx: Ctx, review: Review, today: NaiveDate) -> ReviewScreen {
        let summaries = review.summaries();
        let actions = review.open_actions(today);
        ReviewScreen {
            ctx,
            review,
            summaries,
            actions,
            hits: Vec::new(),
            view: View::Sessions,
            cursor: [0; 3],
            offset: [0; 3],
            query: LineInput::default(),
            typing: false,
            open: None,
            message: None,
            rows: 10,
            redraw: true,
            quit: false,
        }
    }

    fn t(&self) -> &'static Texts {
        text::texts(self.ctx.options.lang)
    }

    fn theme(&self) -> &Theme {
        &self.ctx.options.theme
    }

    /// Items in the current view.
    fn len(&self) -> usize {
        match self.view {
            View::Sessions => self.summaries.len(),
            View::Search => self.hits.len(),
            View::Actions => self.actions.len(),
        }
    }

    /// Screen lines per item in the current view.
    fn lines_per_item(&self) -> usize {
        if self.view == View::Search { 2 } else { 1 }
    }

    fn search(&mut self) {
        let mut hits = self.review.search(&self.query.text);
        hits.truncate(MAX_HITS);
        self.hits = hits;
        self.cursor[1] = 0;
        self.offset[1] = 0;
    }

    fn index_of(&self, session: &Path) -> Option<usize> {
        (0..self.review.len()).find(|&i| self.review.path(i) == Some(session))
    }

    /// Opens the session at list position `index` read-only, at `case` if given.
    pub fn open_session(&mut self, index: usize, case: Option<usize>, note: Option<String>) {
        let t = self.t();
        let Some(meeting) = self.review.meeting(index) else {
            let why = self
                .summaries
                .get(index)
                .and_then(|s| s.error.as_ref())
                .map_or_else(String::new, |e| clean(&e.to_string()));
            self.message = Some((
                text::fill(t.review_cannot_open, &[&why]),
                MessageKind::Error,
            ));
            return;
        };
        let mut meeting = meeting.clone();
        meeting.clean_texts();
        let spent: u64 = meeting.cases.iter().map(|c| c.seconds_spent).sum();
        let now = meeting
            .ended_at
            .unwrap_or(meeting.started_at + Duration::seconds(spent as i64));
        let mut app = self.ctx.app(meeting, now);
        app.read_only = Some(t.ro_review.to_string());
        if let Some(c) = case {
            app.open_case(c);
        }
        let file = self
            .review
            .path(index)
            .and_then(Path::file_name)
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        let back = app.keymap.first(Action::Quit);
        let mut info = text::fill(t.review_opened, &[&clean(&file), &back]);
        if let Some(note) = note {
            info = format!("{note} · {info}");
        }
        app.info(info);
        self.open = Some(app);
    }

    /// Enter: open what the cursor is on.
    pub fn open_selected(&mut self) {
        let c = self.cursor[self.view.index()];
        match self.view {
            View::Sessions => {
                if c < self.summaries.len() {
                    self.open_session(c, None, None);
                }
            }
            View::Search => {
                let Some(hit) = self.hits.get(c).cloned() else {
                    return;
                };
                if let Some(i) = self.index_of(&hit.session) {
                    let note = text::fill(
                        self.t().review_found_in,
                        &[&hit.field.label(), &clean(&hit.snippet)],
                    );
                    self.open_session(i, Some(hit.case_index), Some(note));
                }
            }
            View::Actions => {
                let Some(a) = self.actions.get(c).cloned() else {
                    return;
                };
                if let Some(i) = self.index_of(&a.session) {
                    let case = self
                        .review
                        .meeting(i)
                        .and_then(|m| m.cases.iter().position(|x| x.id == a.case_id));
                    let note = text::fill(
                        self.t().review_action_of,
                        &[&clean(&a.who), &clean(&a.what)],
                    );
                    self.open_session(i, case, Some(note));
                }
            }
        }
    }

    fn navigate(&mut self, action: Action) {
        let len = self.len();
        let v = self.view.index();
        let c = self.cursor[v];
        let page = (self.rows / self.lines_per_item()).max(1);
        self.cursor[v] = if len == 0 {
            0
        } else {
            match action {
                Action::Up => c.saturating_sub(1),
                Action::Down => (c + 1).min(len - 1),
                Action::PageUp => c.saturating_sub(page),
                Action::PageDown => (c + page).min(len - 1),
                Action::Top => 0,
                _ => len - 1,
            }
        };
    }

    fn switch(&mut self, view: View) {
        self.view = view;
        self.typing = view == View::Search && self.query.text.is_empty();
    }

    // ----- drawing ------------------------------------------------------------------------------

    fn render_list(&self, frame: &mut Frame) {
        let area = frame.area();
        let t = self.t();
        let th = self.theme();
        if area.width < 20 || area.height < 6 {
            frame.render_widget(Paragraph::new(fit(t.too_small, area.width as usize)), area);
            return;
        }
        let [header, tabs, body, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let width = area.width as usize;
        // header
        let badge = format!(" {} ", t.badge_read_only);
        let left = fit(
            &format!(
                " tafel │ {} │ {}",
                t.review_title,
                clean(&self.review.dir().display().to_string())
            ),
            width.saturating_sub(badge.width()),
        );
        let left = if th.ascii {
            left.replace('│', "|")
        } else {
            left
        };
        let gap = width.saturating_sub(left.width() + badge.width());
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::raw(left),
                Span::raw(" ".repeat(gap)),
                Span::styled(badge, th.badge),
            ]))
            .style(th.header),
            header,
        );
        // tabs
        let names = [
            format!("{} ({})", t.review_sessions, self.summaries.len()),
            t.review_search.to_string(),
            format!("{} ({})", t.review_actions, self.actions.len()),
        ];
        let mut spans = vec![Span::raw(" ")];
        for (i, name) in names.iter().enumerate() {
            let style = if i == self.view.index() {
                th.title_focused
            } else {
                th.dim
            };
            spans.push(Span::styled(format!(" {name} "), style));
            spans.push(Span::raw("  "));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), tabs);
        // body
        let block = Block::new()
            .borders(Borders::ALL)
            .border_set(th.border_set())
            .border_style(th.border_focused)
            .title(Span::styled(
                format!(" {} ", names[self.view.index()]),
                th.title_focused,
            ));
        let inner = block.inner(body);
        frame.render_widget(block, body);
        let lines = match self.view {
            View::Sessions => self.session_lines(inner),
            View::Search => self.search_lines(inner, frame),
            View::Actions => self.action_lines(inner),
        };
        frame.render_widget(Paragraph::new(lines), inner);
        // status bar
        let line = match &self.message {
            Some((m, kind)) => Line::styled(
                fit(&format!(" {m}"), width),
                if *kind == MessageKind::Error {
                    th.error
                } else {
                    th.info
                },
            ),
            None => {
                let k = &self.ctx.keymap;
                let hints: Vec<(String, &str)> = if self.typing {
                    vec![
                        ("↑↓".into(), t.hint_choose),
                        ("Enter".into(), t.hint_open),
                        ("Esc".into(), t.hint_stop_typing),
                    ]
                } else {
                    vec![
                        (k.first(Action::Select), t.hint_open),
                        (k.first(Action::Filter), t.hint_search),
                        (k.first(Action::NextPane), t.hint_views),
                        (k.first(Action::Quit), t.hint_quit),
                    ]
                };
                let mut spans = vec![Span::raw(" ")];
                for (key, label) in hints {
                    spans.push(Span::styled(key, th.key.patch(th.status)));
                    spans.push(Span::raw(format!(" {label}  ")));
                }
                Line::from(spans)
            }
        };
        frame.render_widget(Paragraph::new(line).style(th.status), status);
    }

    fn visible(&self, inner: Rect, reserved: usize) -> (usize, usize) {
        let v = self.view.index();
        let per = self.lines_per_item();
        let rows = (inner.height as usize).saturating_sub(reserved) / per;
        (self.offset[v], rows)
    }

    fn row_style(&self, selected: bool) -> Style {
        if selected {
            self.theme().cursor
        } else {
            self.theme().base
        }
    }

    fn session_lines(&self, inner: Rect) -> Vec<Line<'static>> {
        let t = self.t();
        let th = self.theme();
        let w = inner.width as usize;
        if self.summaries.is_empty() {
            let dir = clean(&self.review.dir().display().to_string());
            return vec![Line::styled(
                fit(
                    &format!(" {}", text::fill(t.review_no_sessions, &[&dir])),
                    w,
                ),
                th.dim,
            )];
        }
        let (offset, rows) = self.visible(inner, 0);
        let mut out = Vec::new();
        for (i, s) in self.summaries.iter().enumerate().skip(offset).take(rows) {
            let selected = i == self.cursor[0];
            let date = s
                .date
                .map_or_else(|| "?".repeat(10), |d| d.format("%d-%m-%Y").to_string());
            let file = s
                .path
                .file_name()
                .map(|f| clean(&f.to_string_lossy()))
                .unwrap_or_default();
            let text = match &s.error {
                Some(e) => {
                    let at = if e.line > 0 {
                        format!(" ({}:{})", e.line, e.column)
                    } else {
                        String::new()
                    };
                    format!(
                        " {date}  ⚠ {file} — {}{at}: {}",
                        t.review_unreadable,
                        clean(&e.message)
                    )
                }
                None => {
                    let time = match (s.start, s.end) {
                        (Some(a), Some(b)) => {
                            format!("{}–{}", a.format("%H:%M"), b.format("%H:%M"))
                        }
                        (Some(a), None) => format!("{}", a.format("%H:%M")),
                        _ => String::new(),
                    };
                    let table = s.table.map(|t| t.label().to_string()).unwrap_or_default();
                    let mut line = format!(
                        " {date}  {}  {}  {}  {}  {}",
                        pad(&time, 11),
                        pad(&table, 20),
                        pad(&clean(&s.chair), 20),
                        pad(
                            &text::fill(
                                t.review_cases,
                                &[&s.cases.to_string(), &s.cases_discussed.to_string()]
                            ),
                            26
                        ),
                        text::fill(t.review_open_actions, &[&s.open_actions.to_string()]),
                    );
                    if s.has_recovery {
                        line.push_str(&format!("  ({})", t.review_recovery));
                    }
                    line
                }
            };
            let style = if s.error.is_some() && !selected {
                th.error
            } else {
                self.row_style(selected)
            };
            out.push(Line::styled(pad(&text, w), style));
        }
        out
    }

    fn search_lines(&self, inner: Rect, frame: &mut Frame) -> Vec<Line<'static>> {
        let t = self.t();
        let th = self.theme();
        let w = inner.width as usize;
        let mut out = Vec::new();
        let prompt = format!(" {}", t.review_prompt);
        out.push(Line::from(vec![
            Span::styled(prompt.clone(), th.key),
            Span::styled(
                fit(&self.query.text, w.saturating_sub(prompt.width() + 1)),
                if self.typing {
                    th.cursor_unfocused
                } else {
                    th.base
                },
            ),
        ]));
        if self.typing {
            let col: String = self.query.text.chars().take(self.query.cursor).collect();
            let x = inner.x + (prompt.width() + col.width()) as u16;
            frame.set_cursor_position((x.min(inner.right().saturating_sub(1)), inner.y));
        }
        out.push(Line::raw(""));
        if self.query.text.trim().is_empty() {
            out.push(Line::styled(
                fit(&format!(" {}", t.review_search_help), w),
                th.dim,
            ));
            return out;
        }
        if self.hits.is_empty() {
            out.push(Line::styled(
                fit(
                    &format!(" {}", text::fill(t.review_no_hits, &[&self.query.text])),
                    w,
                ),
                th.dim,
            ));
            return out;
        }
        let (offset, rows) = self.visible(inner, 2);
        for (i, h) in self.hits.iter().enumerate().skip(offset).take(rows) {
            let selected = i == self.cursor[1];
            let style = self.row_style(selected);
            let first = format!(
                " {}  {}  ·  {} — {}",
                h.date.format("%d-%m-%Y"),
                h.table.label(),
                clean(&h.case_id),
                clean(&h.case_title)
            );
            out.push(Line::styled(pad(&first, w), style));
            // the snippet with the matched word highlighted
            let s = &h.snippet;
            let (a, b) = (h.highlight.start.min(s.len()), h.highlight.end.min(s.len()));
            let (before, hit, after) = if s.is_char_boundary(a) && s.is_char_boundary(b) && a <= b {
                (clean(&s[..a]), clean(&s[a..b]), clean(&s[b..]))
            } else {
                (clean(s), String::new(), String::new())
            };
            let label = format!("     {}: ", h.field.label());
            let room = w.saturating_sub(label.width());
            let before = fit(&before, room);
            let hit = fit(&hit, room.saturating_sub(before.width()));
            let after = fit(&after, room.saturating_sub(before.width() + hit.width()));
            out.push(Line::from(vec![
                Span::styled(label, th.dim),
                Span::raw(before),
                Span::styled(hit, th.heading),
                Span::raw(after),
            ]));
        }
        out
    }

    fn action_lines(&self, inner: Rect) -> Vec<Line<'static>> {
        let t = self.t();
        let th = self.theme();
        let w = inner.width as usize;
        if self.actions.is_empty() {
            return vec![Line::styled(
                fit(&format!(" {}", t.review_no_actions), w),
                th.dim,
            )];
        }
        let (offset, rows) = self.visible(inner, 0);
        let mut out = Vec::new();
        for (i, a) in self.actions.iter().enumerate().skip(offset).take(rows) {
            let selected = i == self.cursor[2];
            let mark = a.mark();
            let rest = format!(
                " {}  {} — {}  ·  {} {} · {}",
                a.due.format("%d-%m-%Y"),
                clean(&a.who),
                clean(&a.what),
                a.table.label(),
                a.meeting_date.format("%d-%m-%Y"),
                clean(&a.case_id)
            );
            let mark_style = if selected {
                th.cursor
            } else if a.overdue {
                th.danger
            } else {
                th.base
            };
            let mark = pad(&format!(" {mark}"), 22);
            out.push(Line::from(vec![
                Span::styled(mark, mark_style),
                Span::styled(pad(&rest, w.saturating_sub(22)), self.row_style(selected)),
            ]));
        }
        out
    }
}

impl Screen for ReviewScreen {
    fn mono(&self) -> bool {
        self.theme().mono
    }

    fn prepare(&mut self, width: u16, height: u16) {
        if let Some(app) = &mut self.open {
            app.prepare(width, height);
            return;
        }
        // header, tabs, status bar, two borders
        let reserved = if self.view == View::Search { 2 } else { 0 };
        self.rows = (height as usize).saturating_sub(5 + reserved);
        let v = self.view.index();
        let per = self.lines_per_item();
        let rows = (self.rows / per).max(1);
        let c = self.cursor[v].min(self.len().saturating_sub(1));
        self.cursor[v] = c;
        if c < self.offset[v] {
            self.offset[v] = c;
        } else if c >= self.offset[v] + rows {
            self.offset[v] = c + 1 - rows;
        }
    }

    fn render(&self, frame: &mut Frame) {
        match &self.open {
            Some(app) => render(app, frame),
            None => self.render_list(frame),
        }
    }

    fn key(&mut self, key: KeyEvent) {
        self.redraw = true;
        if let Some(app) = &mut self.open {
            // Esc with nothing open in the session goes back to the list too
            let back = key.code == KeyCode::Esc
                && app.overlays.is_empty()
                && !app.filtering
                && app.filter.text.is_empty();
            app.handle_key(key);
            if app.quit || back {
                self.open = None;
            }
            return;
        }
        self.message = None;
        if self.typing {
            match key.code {
                KeyCode::Esc => self.typing = false,
                KeyCode::Enter => {
                    self.typing = false;
                    self.open_selected();
                }
                KeyCode::Up => self.navigate(Action::Up),
                KeyCode::Down => self.navigate(Action::Down),
                KeyCode::PageUp => self.navigate(Action::PageUp),
                KeyCode::PageDown => self.navigate(Action::PageDown),
                _ => {
                    if self.query.key(&key) == Edited::Handled {
                        self.search();
                    }
                }
            }
            return;
        }
        let action = self
            .ctx
            .keymap
            .action(Key::from_event(&key), &[Scope::Global, Scope::Agenda]);
        match action {
            Some(Action::Quit) => self.quit = true,
            Some(
                a @ (Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::Top
                | Action::Bottom),
            ) => self.navigate(a),
            Some(Action::Select) => self.open_selected(),
            Some(Action::NextPane) => self.switch(self.view.next()),
            Some(Action::PrevPane) => self.switch(self.view.prev()),
            Some(Action::Filter) => {
                self.view = View::Search;
                self.typing = true;
            }
            Some(Action::Back) if self.view != View::Sessions => self.switch(View::Sessions),
            _ => {}
        }
    }

    fn paste(&mut self, text: &str) {
        self.redraw = true;
        if let Some(app) = &mut self.open {
            app.paste(text);
        } else if self.typing {
            self.query.insert_str(text);
            self.search();
        }
    }

    fn needs_redraw(&self) -> bool {
        self.redraw || self.open.as_ref().is_some_and(|a| a.redraw)
    }

    fn set_redraw(&mut self, redraw: bool) {
        self.redraw = redraw;
        if let Some(app) = &mut self.open {
            app.redraw = redraw;
        }
    }

    fn finished(&mut self) -> bool {
        self.quit
    }
}

// ----- the raw text of a file that does not parse ---------------------------------------------------

/// `tafel open FILE --kopie-lezen`: the bytes of an unreadable session file as text, read-only,
/// with the line of the error marked. Nothing is ever written.
pub struct RawScreen {
    ctx: Ctx,
    path: PathBuf,
    error: String,
    /// 1-based; 0 when unknown.
    error_line: usize,
    lines: Vec<String>,
    pub scroll: usize,
    rows: usize,
    redraw: bool,
    quit: bool,
}

impl RawScreen {
    pub fn new(ctx: Ctx, path: &Path, text: &str, error: String, error_line: usize) -> RawScreen {
        let lines: Vec<String> = text.lines().map(clean).collect();
        RawScreen {
            ctx,
            path: path.to_path_buf(),
            error: clean(&error),
            error_line,
            lines,
            scroll: error_line.saturating_sub(5),
            rows: 10,
            redraw: true,
            quit: false,
        }
    }
}

impl Screen for RawScreen {
    fn mono(&self) -> bool {
        self.ctx.options.theme.mono
    }

    fn prepare(&mut self, _width: u16, height: u16) {
        self.rows = (height as usize).saturating_sub(5).max(1);
        self.scroll = self.scroll.min(self.lines.len().saturating_sub(self.rows));
    }

    fn render(&self, frame: &mut Frame) {
        let t = text::texts(self.ctx.options.lang);
        let th = &self.ctx.options.theme;
        let area = frame.area();
        if area.width < 20 || area.height < 6 {
            frame.render_widget(Paragraph::new(fit(t.too_small, area.width as usize)), area);
            return;
        }
        let w = area.width as usize;
        let [header, error, body, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let badge = format!(" {} ", t.badge_read_only);
        let left = fit(
            &format!(
                " tafel │ {} │ {}",
                t.raw_title,
                clean(&self.path.display().to_string())
            ),
            w.saturating_sub(badge.width()),
        );
        let gap = w.saturating_sub(left.width() + badge.width());
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::raw(left),
                Span::raw(" ".repeat(gap)),
                Span::styled(badge, th.badge),
            ]))
            .style(th.header),
            header,
        );
        frame.render_widget(
            Paragraph::new(Line::styled(fit(&format!(" {}", self.error), w), th.error)),
            error,
        );
        let block = Block::new()
            .borders(Borders::ALL)
            .border_set(th.border_set())
            .border_style(th.border);
        let inner = block.inner(body);
        frame.render_widget(block, body);
        let digits = self.lines.len().max(1).to_string().len();
        let lines: Vec<Line> = self
            .lines
            .iter()
            .enumerate()
            .skip(self.scroll)
            .take(inner.height as usize)
            .map(|(i, l)| {
                let n = i + 1;
                let style = if n == self.error_line {
                    th.error
                } else {
                    th.base
                };
                Line::from(vec![
                    Span::styled(format!("{n:>digits$} "), th.dim),
                    Span::styled(
                        fit(l, (inner.width as usize).saturating_sub(digits + 1)),
                        style,
                    ),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
        let k = &self.ctx.keymap;
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::raw(format!(" {}  ", t.raw_hint)),
                Span::styled(k.first(Action::Down), th.key.patch(th.status)),
                Span::raw("/"),
                Span::styled(k.first(Action::Up), th.key.patch(th.status)),
                Span::raw("  "),
                Span::styled(k.first(Action::Quit), th.key.patch(th.status)),
                Span::raw(format!(" {}", t.hint_quit)),
            ]))
            .style(th.status),
            status,
        );
    }

    fn key(&mut self, key: KeyEvent) {
        self.redraw = true;
        let max = self.lines.len().saturating_sub(self.rows);
        let page = self.rows.max(1);
        match self
            .ctx
            .keymap
            .action(Key::from_event(&key), &[Scope::Global])
        {
            Some(Action::Quit | Action::Back) => self.quit = true,
            Some(Action::Down) => self.scroll = (self.scroll + 1).min(max),
            Some(Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(Action::PageDown) => self.scroll = (self.scroll + page).min(max),
            Some(Action::PageUp) => self.scroll = self.scroll.saturating_sub(page),
            Some(Action::Top) => self.scroll = 0,
            Some(Action::Bottom) => self.scroll = max,
            _ => {}
        }
    }

    fn paste(&mut self, _text: &str) {}

    fn needs_redraw(&self) -> bool {
        self.redraw
    }

    fn set_redraw(&mut self, redraw: bool) {
        self.redraw = redraw;
    }

    fn finished(&mut self) -> bool {
        self.quit
    }
}
