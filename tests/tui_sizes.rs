//! Every terminal size from 1×1 to 300×100 renders without panic: the main screen, and each
//! overlay the chair can open. A deterministic sweep over the edges and the layout breakpoints,
//! plus a property test over the whole range.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use tafel::tui::app::App;
use tafel::tui::render::render;
use tafel::tui::{Action, Launch, build};

fn demo() -> App {
    let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let now = NaiveDateTime::new(date, NaiveTime::from_hms_opt(14, 0, 0).unwrap());
    build(&Launch::demo(date), now).expect("demo builds")
}

/// Screens worth drawing: the main screen, help, rule detail, facts view, notes editor.
fn screens() -> Vec<App> {
    let with = |actions: &[Action]| {
        let mut app = demo();
        for a in actions {
            app.update(*a);
        }
        app
    };
    vec![
        demo(),
        with(&[Action::Help]),
        with(&[Action::NextPane, Action::Down, Action::Down, Action::Select]),
        with(&[Action::Facts]),
        with(&[Action::Notes]),
        with(&[Action::NextPane, Action::NextPane]),
    ]
}

fn draw(app: &mut App, w: u16, h: u16) {
    app.prepare(w, h);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| render(app, f)).unwrap();
}

#[test]
fn edges_and_breakpoints_render() {
    let mut apps = screens();
    let mut widths: Vec<u16> = (1..=12).collect();
    widths.extend([
        40, 55, 56, 57, 80, 99, 100, 119, 120, 121, 160, 200, 299, 300,
    ]);
    let mut heights: Vec<u16> = (1..=8).collect();
    heights.extend([15, 16, 17, 24, 30, 45, 60, 99, 100]);
    for app in &mut apps {
        for &w in &widths {
            for &h in &heights {
                draw(app, w, h);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn any_size_renders(w in 1u16..=300, h in 1u16..=100, screen in 0usize..6) {
        thread_local! {
            static APPS: std::cell::RefCell<Vec<App>> = std::cell::RefCell::new(screens());
        }
        APPS.with(|apps| draw(&mut apps.borrow_mut()[screen], w, h));
    }
}
