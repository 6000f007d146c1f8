//! Snapshots of the meeting screen (ratatui TestBackend + insta). The clock and date are fixed, so
//! no wall-clock text appears.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use tafel::case::TableKind;
use tafel::tui::app::{App, Overlay, Pane, Row};
use tafel::tui::render::render;
use tafel::tui::{Action, Launch, ThemeName, build};

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn now() -> NaiveDateTime {
    NaiveDateTime::new(date(), NaiveTime::from_hms_opt(14, 0, 0).unwrap())
}

fn app_with(f: impl FnOnce(&mut Launch)) -> App {
    let mut launch = Launch::demo(date());
    f(&mut launch);
    build(&launch, now()).expect("demo builds")
}

fn open_first(app: &mut App, prefix: &str) {
    let i = app
        .meeting
        .cases
        .iter()
        .position(|c| c.id.starts_with(prefix))
        .expect("a sample case");
    app.open_case(i);
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    app.prepare(w, h);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| render(app, f)).unwrap();
    terminal.backend().to_string()
}

#[test]
fn main_screen_geboortezorgnetwerk() {
    let mut app = app_with(|_| {});
    assert_eq!(app.meeting.table, TableKind::Geboortezorgnetwerk);
    insta::assert_snapshot!(screen(&mut app, 160, 45));
}

#[test]
fn main_screen_uno() {
    let mut app = app_with(|l| l.table = Some(TableKind::Uno));
    open_first(&mut app, "UNO-");
    insta::assert_snapshot!(screen(&mut app, 160, 45));
}

#[test]
fn main_screen_veldtafel() {
    let mut app = app_with(|l| l.table = Some(TableKind::Veldtafel));
    open_first(&mut app, "VT-");
    insta::assert_snapshot!(screen(&mut app, 160, 45));
}

#[test]
fn stacked_at_100_by_30() {
    let mut app = app_with(|_| {});
    app.update(Action::NextPane);
    insta::assert_snapshot!(screen(&mut app, 100, 30));
}

#[test]
fn stacked_at_60_by_20_ascii() {
    let mut app = app_with(|l| l.ascii = true);
    insta::assert_snapshot!(screen(&mut app, 60, 20));
}

#[test]
fn english_mono() {
    let mut app = app_with(|l| {
        l.lang = tafel::tui::Lang::En;
        l.theme = ThemeName::Mono;
    });
    insta::assert_snapshot!(screen(&mut app, 140, 40));
}

#[test]
fn help_overlay() {
    let mut app = app_with(|_| {});
    app.update(Action::Help);
    insta::assert_snapshot!(screen(&mut app, 120, 50));
}

#[test]
fn rule_detail() {
    let mut app = app_with(|_| {});
    let rule = app
        .set
        .rules
        .iter()
        .position(|r| r.id == "LAW-MINOR-PARENT-JEUGDWET")
        .expect("rule exists");
    app.open_rule(rule);
    assert!(matches!(app.overlays.last(), Some(Overlay::Rule(_))));
    insta::assert_snapshot!(screen(&mut app, 120, 45));
}

#[test]
fn rule_detail_from_the_pane_with_enter() {
    let mut app = app_with(|_| {});
    app.update(Action::NextPane);
    assert_eq!(app.focus, Pane::Rules);
    // walk to the first rule row and open it
    while !matches!(
        app.view.as_ref().unwrap().rows[app.rules_cursor],
        Row::Rule(_)
    ) {
        app.update(Action::Down);
    }
    app.update(Action::Select);
    assert!(matches!(app.overlays.last(), Some(Overlay::Rule(_))));
}

#[test]
fn facts_view() {
    let mut app = app_with(|_| {});
    app.update(Action::Facts);
    insta::assert_snapshot!(screen(&mut app, 140, 40));
}

#[test]
fn picker_for_a_set() {
    let mut app = app_with(|_| {});
    let fact = app.set.vocabulary.id("request_kind").unwrap();
    app.open_picker(fact, None);
    insta::assert_snapshot!(screen(&mut app, 120, 36));
}

#[test]
fn too_small() {
    let mut app = app_with(|_| {});
    insta::assert_snapshot!(screen(&mut app, 40, 12));
}

#[test]
fn action_items_overlay() {
    use tafel::meeting::ActionItem;
    let mut app = app_with(|_| {});
    open_first(&mut app, "GZN");
    let case = app.current.unwrap();
    let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    for (who, what, due, done) in [
        ("JGZ", "huisbezoek plannen", d(11, 20), false),
        ("buurtteam", "aanmelding Wmo", d(12, 1), false),
        ("verloskundige", "echo bespreken", d(11, 1), true),
    ] {
        app.apply(tafel::tui::app::Edit::AddActionItem {
            case,
            item: ActionItem {
                who: who.into(),
                what: what.into(),
                due,
                done,
            },
        });
    }
    app.update(Action::ActionItems);
    app.update(Action::Down);
    app.message = None;
    assert!(matches!(app.overlays.last(), Some(Overlay::Actions(_))));
    insta::assert_snapshot!(screen(&mut app, 120, 40));
}

#[test]
fn attendees_overlay() {
    let mut app = app_with(|_| {});
    for (name, role) in [("Anna", "Verloskundige"), ("Piet", "wijkagent")] {
        app.apply(tafel::tui::app::Edit::AddAttendee {
            attendee: tafel::meeting::Attendee {
                name: name.into(),
                role: role.into(),
            },
        });
    }
    app.update(Action::Attendees);
    app.message = None;
    insta::assert_snapshot!(screen(&mut app, 120, 40));
}
