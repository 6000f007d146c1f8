//! The meeting screen wired to sessions, headless: read-only mode, notes written through as they
//! are typed, the advice stored when a case is closed, the autosave and the header's save state,
//! the quit question after a failed save, the review browser and the raw-text view.

use std::path::Path;
use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use tafel::case::TableKind;
use tafel::meeting::{ActionItem, CaseStatus, Meeting, MeetingCase};
use tafel::session::{Autosaver, Review, Session, Store};
use tafel::tui::app::{App, Overlay, Pane, SaveIndicator};
use tafel::tui::live::{Live, MeetingScreen};
use tafel::tui::review::{RawScreen, ReviewScreen, View};
use tafel::tui::term::Screen;
use tafel::tui::{Launch, build, render};

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn now() -> NaiveDateTime {
    NaiveDateTime::new(date(), NaiveTime::from_hms_opt(14, 0, 0).unwrap())
}

fn app() -> App {
    build(&Launch::demo(date()), now()).expect("demo builds")
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn typ(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn draw(screen: &mut dyn Screen, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    screen.prepare(w, h);
    terminal.draw(|f| screen.render(f)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    buffer
        .content()
        .chunks(w as usize)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

fn draw_app(app: &mut App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(150, 40)).unwrap();
    app.prepare(150, 40);
    terminal.draw(|f| render::render(app, f)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    buffer
        .content()
        .chunks(150)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

fn message(app: &App) -> String {
    app.message
        .as_ref()
        .map(|m| m.0.clone())
        .unwrap_or_default()
}

#[test]
fn read_only_refuses_every_edit_and_says_so() {
    let mut app = app();
    app.read_only = Some("terugblik".into());
    let before = app.meeting.clone();
    for keys in [
        "J", "N", "O", "1", "a", "s", "t", "u", "+", ">", "\t\tx", "\t\tm",
    ] {
        for c in keys.chars() {
            let code = if c == '\t' {
                KeyCode::Tab
            } else {
                KeyCode::Char(c)
            };
            press(&mut app, code);
        }
        assert!(
            message(&app).starts_with("Alleen lezen (terugblik)"),
            "{keys:?}: {}",
            message(&app)
        );
        assert!(
            app.overlays.is_empty(),
            "{keys:?} opened {:?}",
            app.overlays
        );
        app.focus = Pane::Agenda;
    }
    // Enter on a question does not open the picker
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    assert!(app.overlays.is_empty());
    assert_eq!(app.meeting, before, "nothing changed");
    assert_eq!(app.revision, 0);
    // notes open as a viewer: typing does nothing, Esc closes
    app.focus = Pane::Agenda;
    typ(&mut app, "e");
    assert!(matches!(app.overlays.last(), Some(Overlay::Editor(e)) if e.read_only));
    typ(&mut app, "abc");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    assert!(app.overlays.is_empty());
    assert_eq!(app.meeting, before);
    // the badge, and no editing keys among the hints
    let screen = draw_app(&mut app);
    let header = screen.lines().next().unwrap();
    assert!(header.contains("alleen lezen"), "{header}");
    let status = screen.lines().last().unwrap();
    assert!(
        !status.contains(" ja ") && !status.contains("ongedaan"),
        "{status}"
    );
    // time does not count in a read-only view
    app.tick(now() + chrono::Duration::seconds(30));
    assert_eq!(app.meeting, before);
}

#[test]
fn notes_are_in_the_meeting_while_typed_and_undo_takes_the_whole_edit() {
    let mut app = app();
    let i = app.current.unwrap();
    let original = app.meeting.cases[i].notes.clone();
    let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let s = seen.clone();
    app.on_change = Some(Box::new(move |m: &Meeting| {
        s.borrow_mut().push(m.cases[i].notes.clone())
    }));
    typ(&mut app, "e");
    typ(&mut app, "Tante");
    assert!(
        app.meeting.cases[i].notes.ends_with("Tante"),
        "written through before the editor closes"
    );
    assert_eq!(seen.borrow().len(), 5, "one change per keystroke");
    press(&mut app, KeyCode::Esc);
    assert_eq!(seen.borrow().len(), 5, "closing adds no change");
    typ(&mut app, "u");
    assert_eq!(
        app.meeting.cases[i].notes, original,
        "one undo for the whole edit"
    );
    // a privacy warning when the editor closes
    typ(&mut app, "e");
    typ(&mut app, " mail jan@example.org");
    press(&mut app, KeyCode::Esc);
    assert!(message(&app).contains("e-mail"), "{}", message(&app));
}

#[test]
fn closing_a_case_stores_the_advice_of_the_export() {
    let mut app = app();
    let i = app.current.unwrap();
    typ(&mut app, "s");
    let case = &app.meeting.cases[i];
    assert_eq!(case.status, CaseStatus::Besproken);
    let mut without = case.clone();
    without.advice_at_close = None;
    let expected = tafel::export::advice_snapshot(&app.set, &without, app.meeting.date, app.now);
    assert_eq!(case.advice_at_close.as_ref(), Some(&expected));
    typ(&mut app, "s");
    assert!(app.meeting.cases[i].advice_at_close.is_none(), "reopened");
}

fn live_screen(dir: &Path) -> (MeetingScreen, std::path::PathBuf) {
    let store = Store::at(dir).unwrap();
    let app = app();
    let session = store.create(&app.meeting).unwrap();
    let path = session.path().to_path_buf();
    let mut app = app;
    let saver = Autosaver::with_interval(session, Duration::from_millis(200));
    let live = Live::attach(&mut app, saver);
    (MeetingScreen::new(app, Some(live), None, now), path)
}

fn on_disk(path: &Path) -> Meeting {
    Session::open_read_only(path).unwrap().meeting
}

#[test]
fn every_change_is_on_disk_before_it_is_drawn_and_a_burst_within_the_interval() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut screen, path) = live_screen(tmp.path());
    let i = screen.app.current.unwrap();
    assert!(matches!(screen.app.save, SaveIndicator::Saved(_)));
    // the first change is written at once
    screen.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE));
    screen.settle();
    assert_eq!(on_disk(&path).cases[i].status, CaseStatus::Besproken);
    assert!(matches!(screen.app.save, SaveIndicator::Saved(_)));
    let header = draw(&mut screen, 150, 40);
    assert!(
        header.lines().next().unwrap().contains("opgeslagen "),
        "{header}"
    );
    // a burst: pending, then written by the deadline
    for c in "eabc".chars() {
        screen.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    screen.settle();
    assert_eq!(screen.app.save, SaveIndicator::Pending);
    assert!(screen.deadline().is_some());
    assert!(
        draw(&mut screen, 150, 40)
            .lines()
            .next()
            .unwrap()
            .contains("opslaan")
    );
    std::thread::sleep(Duration::from_millis(250));
    screen.settle();
    assert!(matches!(screen.app.save, SaveIndicator::Saved(_)));
    assert!(on_disk(&path).cases[i].notes.ends_with("abc"));
    assert!(screen.deadline().is_none());
    // quitting is silent, writes the end time and releases the lock
    screen.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    screen.key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE));
    assert!(screen.finished(), "no question: everything is on disk");
    let shutdown = screen.live.take().unwrap().close(&mut screen.app);
    assert!(shutdown.error.is_none());
    assert!(on_disk(&path).ended_at.is_some());
    assert!(!tafel::session::lock_path(&path).exists());
}

#[test]
fn a_failed_save_shows_in_the_header_and_quitting_asks() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut screen, path) = live_screen(tmp.path());
    // someone replaces the file with something unreadable: it must not be overwritten
    std::fs::write(&path, "kapot(").unwrap();
    screen.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE));
    screen.settle();
    assert!(
        matches!(&screen.app.save, SaveIndicator::Failed(e) if e.contains("niet meer leesbaar")),
        "{:?}",
        screen.app.save
    );
    let text = draw(&mut screen, 150, 40);
    assert!(
        text.lines().next().unwrap().contains("niet opgeslagen"),
        "{text}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "kapot(");
    assert!(
        tafel::session::recovery_path(&path).exists(),
        "the meeting went to the recovery file"
    );
    screen.key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE));
    assert!(!screen.finished());
    assert!(matches!(
        screen.app.overlays.last(),
        Some(Overlay::ConfirmQuit)
    ));
    let text = draw(&mut screen, 150, 40);
    assert!(
        text.contains("De laatste wijziging staat niet op schijf"),
        "{text}"
    );
    screen.key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
    assert!(screen.finished(), "the chair may still leave");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "kapot(");
}

#[test]
fn a_read_only_screen_follows_the_holders_saves() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::at(tmp.path()).unwrap();
    let mut app = app();
    let mut session = store.create(&app.meeting).unwrap();
    let path = session.path().to_path_buf();
    let follow = Session::open_read_only(&path).unwrap().session;
    app.read_only = Some("in gebruik".into());
    let mut screen = MeetingScreen::new(app, None, Some(follow), now);
    let i = screen.app.current.unwrap();
    let mut changed = screen.app.meeting.clone();
    changed.cases[i].decision = "Besluit van de voorzitter".into();
    // a different size, so the change is seen even within the same timestamp granularity
    changed
        .cases
        .push(MeetingCase::new("NIEUW-1", "Nieuwe casus"));
    session.save(&changed).unwrap();
    screen.second();
    assert_eq!(
        screen.app.meeting.cases[i].decision,
        "Besluit van de voorzitter"
    );
    assert_eq!(screen.app.current, Some(i), "the open case stays open");
    assert!(message(&screen.app).contains("Bijgewerkt"));
}

fn review_dir(dir: &Path) {
    let store = Store::at(dir).unwrap();
    let at = |d: u32, h: u32| {
        NaiveDate::from_ymd_opt(2026, 11, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    };
    let mut old = Meeting::new(TableKind::Uno, at(2, 9), "Anna");
    let mut c = MeetingCase::new("UNO-7", "Moeder met LVB");
    c.notes = "De huisarts belt de moeder.".into();
    c.actions.push(ActionItem {
        who: "Sanne".into(),
        what: "Melding doen".into(),
        due: NaiveDate::from_ymd_opt(2026, 11, 10).unwrap(),
        done: false,
    });
    old.cases.push(MeetingCase::new("UNO-1", "Eerste"));
    old.cases.push(c);
    let mut new = Meeting::new(TableKind::Veldtafel, at(20, 14), "Bram");
    new.cases.push(MeetingCase::new("VT-9", "Vader met zoon"));
    for m in [&old, &new] {
        store.create(m).unwrap().close().unwrap();
    }
    std::fs::write(
        store.sessions_dir().join("2026-11-15_uno_0900.ron"),
        "Meeting(\n  format_version: 1,\n  chair: \u{1b}[31m\n",
    )
    .unwrap();
}

#[test]
fn review_lists_searches_and_opens_read_only() {
    let tmp = tempfile::tempdir().unwrap();
    review_dir(tmp.path());
    let ctx = tafel::tui::context(&Launch::demo(date())).unwrap();
    let review = Review::load(&tmp.path().join("sessions")).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut screen = ReviewScreen::new(ctx, review, today);
    let text = draw(&mut screen, 150, 30);
    let rows: Vec<&str> = text.lines().filter(|l| l.contains("-11-2026")).collect();
    assert_eq!(rows.len(), 3, "{text}");
    assert!(
        rows[0].contains("20-11-2026") && rows[0].contains("Veldtafel") && rows[0].contains("Bram")
    );
    assert!(
        rows[1].contains("15-11-2026") && rows[1].contains("onleesbaar (3:"),
        "{}",
        rows[1]
    );
    assert!(rows[2].contains("02-11-2026") && rows[2].contains("open acties: 1"));
    assert!(!text.contains('\u{1b}'), "file text is cleaned");
    // the unreadable one does not open
    let key = |s: &mut ReviewScreen, code| s.key(KeyEvent::new(code, KeyModifiers::NONE));
    key(&mut screen, KeyCode::Char('j'));
    key(&mut screen, KeyCode::Enter);
    assert!(screen.open.is_none());
    assert!(draw(&mut screen, 150, 30).contains("Niet te openen"));
    // search: results with session and case; Enter opens that case read-only
    key(&mut screen, KeyCode::Char('/'));
    for c in "huisarts".chars() {
        key(&mut screen, KeyCode::Char(c));
    }
    assert_eq!(screen.view, View::Search);
    assert_eq!(screen.hits.len(), 1);
    let text = draw(&mut screen, 150, 30);
    assert!(
        text.contains("02-11-2026  UNO  ·  UNO-7 — Moeder met LVB"),
        "{text}"
    );
    assert!(
        text.contains("notities: De huisarts belt de moeder."),
        "{text}"
    );
    key(&mut screen, KeyCode::Enter);
    let app = screen.open.as_ref().expect("opened");
    assert!(app.read_only.is_some());
    assert_eq!(app.meeting.cases[app.current.unwrap()].id, "UNO-7");
    let text = draw(&mut screen, 150, 30);
    assert!(text.lines().next().unwrap().contains("alleen lezen"));
    // editing keys do nothing; q goes back to the list
    key(&mut screen, KeyCode::Char('s'));
    assert_eq!(
        screen.open.as_ref().unwrap().meeting.cases[1].status,
        CaseStatus::Open
    );
    key(&mut screen, KeyCode::Char('q'));
    assert!(screen.open.is_none());
    assert!(!screen.finished());
    // open action items across sessions, overdue marked
    key(&mut screen, KeyCode::Tab);
    assert_eq!(screen.view, View::Actions);
    let text = draw(&mut screen, 150, 30);
    let line = text
        .lines()
        .find(|l| l.contains("Melding doen"))
        .expect(&text);
    assert!(
        line.contains("TE LAAT (13 dagen)") && line.contains("Sanne"),
        "{line}"
    );
    key(&mut screen, KeyCode::Enter);
    let app = screen.open.as_ref().unwrap();
    assert_eq!(app.meeting.cases[app.current.unwrap()].id, "UNO-7");
    key(&mut screen, KeyCode::Esc);
    assert!(screen.open.is_none(), "Esc goes back too");
    key(&mut screen, KeyCode::Char('q'));
    assert!(screen.finished());
}

#[test]
fn the_raw_copy_is_read_only_cleaned_and_marks_the_error_line() {
    let ctx = tafel::tui::context(&Launch::demo(date())).unwrap();
    let text = "Meeting(\n  chair: \"A\u{1b}]0;pwned\u{7}nna\",\n  kapot\n";
    let mut screen = RawScreen::new(
        ctx,
        Path::new("/tmp/x.ron"),
        text,
        "/tmp/x.ron:3:3: RON: Expected comma".into(),
        3,
    );
    let out = draw(&mut screen, 100, 20);
    assert!(out.contains("alleen lezen"), "{out}");
    assert!(out.contains("/tmp/x.ron:3:3: RON: Expected comma"));
    assert!(out.contains("2   chair: \"Anna\","), "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains("pwned"));
    screen.key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE));
    assert!(screen.finished());
}

#[test]
fn review_and_raw_screens_draw_at_every_size() {
    let tmp = tempfile::tempdir().unwrap();
    review_dir(tmp.path());
    let ctx = tafel::tui::context(&Launch::demo(date())).unwrap();
    let review = Review::load(&tmp.path().join("sessions")).unwrap();
    let mut screen = ReviewScreen::new(ctx.clone(), review, date());
    let mut raw = RawScreen::new(
        ctx,
        Path::new("/x.ron"),
        "a\nb\nc",
        "/x.ron:2:1: fout".into(),
        2,
    );
    for view in 0..3 {
        if view == 1 {
            screen.key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
            screen.key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::NONE));
        } else if view == 2 {
            screen.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
            screen.key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
        }
        for w in (1..=140).step_by(9) {
            for h in (1..=45).step_by(4) {
                draw(&mut screen, w, h);
                if view == 0 {
                    draw(&mut raw, w, h);
                }
            }
        }
    }
}
