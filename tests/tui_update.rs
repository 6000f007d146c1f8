//! The screen's update function, headless: keys in, state out.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use tafel::facts::RawValue;
use tafel::meeting::CaseStatus;
use tafel::tui::app::{App, Edit, Overlay, Pane, looks_like_bsn};
use tafel::tui::{Action, Launch, build};

fn app() -> App {
    let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let now = NaiveDateTime::new(date, NaiveTime::from_hms_opt(14, 0, 0).unwrap());
    build(&Launch::demo(date), now).expect("demo builds")
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn typ(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn top_fact(app: &App) -> String {
    let v = app.view.as_ref().unwrap();
    app.set
        .fact_name(v.evaluation.questions[0].fact)
        .to_string()
}

#[test]
fn answering_the_top_question_changes_the_advice() {
    let mut app = app();
    // the case with acute danger: the route depends on the safety questions
    let i = app
        .meeting
        .cases
        .iter()
        .position(|c| c.id == "GZN-2026-031")
        .unwrap();
    app.open_case(i);
    let before = app.view.as_ref().unwrap().advice.clone();
    let questions_before = app.view.as_ref().unwrap().evaluation.questions.len();
    let fact = top_fact(&app);
    key(&mut app, KeyCode::Char('J'));
    assert_eq!(
        app.meeting.cases[i].facts.get(&fact),
        Some(&RawValue::Bool(true))
    );
    let after = &app.view.as_ref().unwrap().advice;
    assert_ne!(&before, after, "answering {fact} must change the advice");
    let questions = &app.view.as_ref().unwrap().evaluation.questions;
    assert!(
        questions.iter().all(|q| app.set.fact_name(q.fact) != fact),
        "the answered question is gone"
    );
    // a "ja" on the violence question brings its follow-up (acute threat) in; otherwise fewer remain
    assert!(questions.len() <= questions_before);
    assert_ne!(top_fact(&app), fact, "the next question moves up");
    assert!(app.dirty);
}

#[test]
fn enum_question_by_digit_and_number_by_typing() {
    let mut app = app();
    let case = app.current.unwrap();
    let need = app.set.vocabulary.id("need_origin").unwrap();
    // answer through the facts view: select the fact, press 1
    app.update(Action::Facts);
    if let Some(Overlay::Facts(fv)) = app.overlays.last_mut() {
        fv.cursor = fv
            .rows
            .iter()
            .position(|r| *r == tafel::tui::app::FactRow::Fact(need))
            .unwrap();
    }
    key(&mut app, KeyCode::Char('1'));
    assert!(matches!(
        app.meeting.cases[case].facts.get("need_origin"),
        Some(RawValue::Str(_))
    ));
    // a number through the picker: typed, validated
    let weeks = app.set.vocabulary.id("pregnancy_weeks").unwrap();
    app.open_picker(weeks, None);
    // the picker starts with the current value; clear it
    for _ in 0..5 {
        key(&mut app, KeyCode::Backspace);
    }
    typ(&mut app, "abc");
    key(&mut app, KeyCode::Enter);
    assert!(
        matches!(app.overlays.last(), Some(Overlay::Picker(_))),
        "a bad number keeps the picker open"
    );
    for _ in 0..3 {
        key(&mut app, KeyCode::Backspace);
    }
    typ(&mut app, "30");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.meeting.cases[case].facts.get("pregnancy_weeks"),
        Some(&RawValue::Number(30.0))
    );
}

#[test]
fn an_empty_confirmed_set_is_known() {
    let mut app = app();
    let case = app.current.unwrap();
    let fact = app.set.vocabulary.id("involved_organisations").unwrap();
    app.meeting.cases[case]
        .facts
        .remove("involved_organisations");
    app.open_picker(fact, None);
    key(&mut app, KeyCode::Enter);
    assert!(app.overlays.is_empty());
    let stored = app.meeting.cases[case].facts.get("involved_organisations");
    assert_eq!(stored, Some(&RawValue::List(vec![])));
    assert!(
        app.view.as_ref().unwrap().facts.get(fact).is_some(),
        "confirmed empty is a known value"
    );
}

#[test]
fn undo_and_redo_cover_facts_checklist_notes_actions_status() {
    let mut app = app();
    let case = app.current.unwrap();
    let original = app.meeting.cases[case].clone();
    key(&mut app, KeyCode::Char('J'));
    app.focus = Pane::Checklist;
    key(&mut app, KeyCode::Char(' '));
    assert!(
        app.meeting.cases[case]
            .checklist
            .values()
            .any(|m| m.checked)
    );
    app.update(Action::Notes);
    typ(&mut app, "eerste regel");
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "tweede");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.meeting.cases[case].notes, "eerste regel\ntweede");
    app.update(Action::Decision);
    typ(&mut app, "Buurtteam J&G pakt op");
    key(&mut app, KeyCode::Esc);
    app.apply(Edit::AddActionItem {
        case,
        item: tafel::meeting::ActionItem {
            who: "JGZ".into(),
            what: "huisbezoek".into(),
            due: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            done: false,
        },
    });
    app.update(Action::CycleStatus);
    assert_eq!(app.meeting.cases[case].status, CaseStatus::Besproken);
    assert!(app.meeting.cases[case].advice_at_close.is_some());
    for _ in 0..6 {
        app.update(Action::Undo);
    }
    let mut now = app.meeting.cases[case].clone();
    now.seconds_spent = original.seconds_spent;
    assert_eq!(now, original, "six undos restore the case");
    for _ in 0..6 {
        app.update(Action::Redo);
    }
    let c = &app.meeting.cases[case];
    assert_eq!(c.decision, "Buurtteam J&G pakt op");
    assert_eq!(c.actions.len(), 1);
    assert_eq!(c.status, CaseStatus::Besproken);
}

#[test]
fn action_item_dates_are_validated() {
    let mut app = app();
    let case = app.current.unwrap();
    app.update(Action::NewActionItem);
    typ(&mut app, "Fatima (JGZ)");
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "huisbezoek plannen");
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "2026-02-30");
    key(&mut app, KeyCode::Enter);
    match app.overlays.last() {
        Some(Overlay::ActionForm(f)) => {
            let e = f.error.as_deref().unwrap();
            assert!(
                e.contains("geen geldige datum") && e.contains("JJJJ-MM-DD"),
                "{e}"
            );
        }
        other => panic!("form should stay open, got {other:?}"),
    }
    assert!(app.meeting.cases[case].actions.is_empty());
    for _ in 0..10 {
        key(&mut app, KeyCode::Backspace);
    }
    typ(&mut app, "2026-12-04");
    key(&mut app, KeyCode::Enter);
    assert!(app.overlays.is_empty());
    let a = &app.meeting.cases[case].actions[0];
    assert_eq!(
        (a.who.as_str(), a.what.as_str()),
        ("Fatima (JGZ)", "huisbezoek plannen")
    );
    assert_eq!(a.due, NaiveDate::from_ymd_opt(2026, 12, 4).unwrap());
}

#[test]
fn filter_is_fuzzy_and_esc_clears_it() {
    let mut app = app();
    let all = app.visible.len();
    key(&mut app, KeyCode::Char('/'));
    typ(&mut app, "huilbaby");
    assert!(app.visible.len() < all);
    assert_eq!(app.meeting.cases[app.visible[0]].id, "GZN-2026-040");
    key(&mut app, KeyCode::Enter);
    assert!(!app.filtering);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.meeting.cases[app.current.unwrap()].id, "GZN-2026-040");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.visible.len(), all);
}

#[test]
fn reorder_and_add_case_with_bsn_warning() {
    let mut app = app();
    let first = app.meeting.cases[0].id.clone();
    key(&mut app, KeyCode::Char('>'));
    assert_eq!(app.meeting.cases[1].id, first);
    assert_eq!(app.agenda_cursor, 1);
    app.update(Action::Undo);
    assert_eq!(app.meeting.cases[0].id, first);
    let n = app.meeting.cases.len();
    key(&mut app, KeyCode::Char('+'));
    typ(&mut app, "123456782");
    key(&mut app, KeyCode::Enter);
    match app.overlays.last() {
        Some(Overlay::CaseForm(f)) => assert!(f.error.as_deref().unwrap().contains("BSN")),
        other => panic!("BSN must warn first, got {other:?}"),
    }
    for _ in 0..9 {
        key(&mut app, KeyCode::Backspace);
    }
    typ(&mut app, "AB-01");
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "Nieuwe aanmelding");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.meeting.cases.len(), n + 1);
    assert_eq!(app.meeting.cases[app.current.unwrap()].id, "AB-01");
    assert!(looks_like_bsn("1234 56 782"));
    assert!(!looks_like_bsn("GZN-2026-031"));
}

#[test]
fn quit_asks_only_when_changed() {
    let mut app = app();
    app.update(Action::Quit);
    assert!(app.quit);
    let mut app = self::app();
    key(&mut app, KeyCode::Char('J'));
    app.update(Action::Quit);
    assert!(!app.quit);
    assert!(matches!(app.overlays.last(), Some(Overlay::ConfirmQuit)));
    key(&mut app, KeyCode::Char('n'));
    assert!(app.overlays.is_empty() && !app.quit);
    app.update(Action::Quit);
    key(&mut app, KeyCode::Char('j'));
    assert!(app.quit);
}

#[test]
fn timebox_counts_the_open_case_without_dirtying() {
    let mut app = app();
    let case = app.current.unwrap();
    let start = app.now;
    // within the first minute nothing on screen changes: no redraw, no output while idle
    assert!(!app.tick(start + chrono::Duration::seconds(30)));
    assert_eq!(app.meeting.cases[case].seconds_spent, 30);
    // the timebox shows one minute less: redraw
    assert!(app.tick(start + chrono::Duration::seconds(75)));
    assert_eq!(app.meeting.cases[case].seconds_spent, 75);
    assert!(!app.dirty);
}

#[test]
fn pasted_text_is_cleaned() {
    let mut app = app();
    let case = app.current.unwrap();
    app.update(Action::Decision);
    app.paste("Akkoord\u{202E} KOOS\x1b[31m");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.meeting.cases[case].decision, "Akkoord KOOS");
}

#[test]
fn free_text_that_looks_like_a_bsn_or_phone_number_warns_but_is_kept() {
    let mut app = app();
    app.apply(Edit::SetNotes {
        case: 0,
        text: "Moeder belt terug, BSN 123456782".into(),
    });
    assert_eq!(
        app.meeting.cases[0].notes, "Moeder belt terug, BSN 123456782",
        "never a block"
    );
    let (message, _) = app.message.clone().expect("a warning");
    assert!(
        message.contains("BSN") && message.contains("pseudoniem"),
        "{message}"
    );
    app.message = None;
    app.apply(Edit::SetDecision {
        case: 0,
        text: "Bel 06-12345678 voor de intake".into(),
    });
    assert!(
        app.message
            .as_ref()
            .is_some_and(|(m, _)| m.contains("telefoonnummer"))
    );
    app.message = None;
    app.apply(Edit::SetNotes {
        case: 0,
        text: "Besproken op 2026-11-22 om 14:00, casus GZN-2026-031".into(),
    });
    assert!(
        app.message.is_none(),
        "dates, times and case numbers are no personal data"
    );
}

/// The open case with three action items: one overdue, one due later, one overdue but done.
fn app_with_actions() -> (App, usize) {
    use tafel::meeting::ActionItem;
    let mut app = app();
    let case = app.current.unwrap();
    let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    for (who, what, due, done) in [
        ("JGZ", "huisbezoek plannen", d(11, 20), false),
        ("buurtteam", "aanmelding Wmo", d(12, 1), false),
        ("verloskundige", "echo bespreken", d(11, 1), true),
    ] {
        app.apply(Edit::AddActionItem {
            case,
            item: ActionItem {
                who: who.into(),
                what: what.into(),
                due,
                done,
            },
        });
    }
    (app, case)
}

#[test]
fn action_items_overlay_toggles_done_with_undo_and_redo() {
    let (mut app, case) = app_with_actions();
    key(&mut app, KeyCode::Char('A'));
    assert!(matches!(app.overlays.last(), Some(Overlay::Actions(_))));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('x'));
    assert!(app.meeting.cases[case].actions[1].done);
    assert!(!app.meeting.cases[case].actions[0].done);
    // space toggles back; undo and redo work from inside the overlay
    key(&mut app, KeyCode::Char(' '));
    assert!(!app.meeting.cases[case].actions[1].done);
    key(&mut app, KeyCode::Char('u'));
    assert!(app.meeting.cases[case].actions[1].done);
    key(&mut app, KeyCode::Char('u'));
    assert!(!app.meeting.cases[case].actions[1].done);
    app.handle_key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
    assert!(app.meeting.cases[case].actions[1].done);
    assert!(matches!(app.overlays.last(), Some(Overlay::Actions(_))));
    // through apply directly, too
    app.apply(Edit::SetActionDone {
        case,
        index: 0,
        done: true,
    });
    assert!(app.meeting.cases[case].actions[0].done);
    app.undo();
    assert!(!app.meeting.cases[case].actions[0].done);
    key(&mut app, KeyCode::Esc);
    assert!(app.overlays.is_empty());
}

#[test]
fn action_items_overlay_removes_with_undo_and_adds_with_t() {
    let (mut app, case) = app_with_actions();
    let saved = std::rc::Rc::new(std::cell::Cell::new(0));
    let s = saved.clone();
    app.on_change = Some(Box::new(move |_| s.set(s.get() + 1)));
    key(&mut app, KeyCode::Char('A'));
    key(&mut app, KeyCode::Char('d'));
    let actions = &app.meeting.cases[case].actions;
    assert_eq!(actions.len(), 2);
    assert_eq!(actions[0].who, "buurtteam");
    assert_eq!(saved.get(), 1, "the removal reaches the autosave hook");
    key(&mut app, KeyCode::Char('u'));
    let actions = &app.meeting.cases[case].actions;
    assert_eq!(actions.len(), 3);
    assert_eq!(actions[0].who, "JGZ");
    assert_eq!(saved.get(), 2);
    // t opens the existing form on top; saving returns to the list with the new item selected
    key(&mut app, KeyCode::Char('t'));
    assert!(matches!(app.overlays.last(), Some(Overlay::ActionForm(_))));
    typ(&mut app, "huisarts");
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "verwijzing");
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "2026-12-10");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.meeting.cases[case].actions.len(), 4);
    match app.overlays.last() {
        Some(Overlay::Actions(v)) => assert_eq!(v.cursor, 3),
        other => panic!("expected the list, got {other:?}"),
    }
}

#[test]
fn overdue_action_items_are_marked_in_words() {
    let (mut app, _) = app_with_actions();
    key(&mut app, KeyCode::Char('A'));
    app.prepare(120, 40);
    let backend = ratatui::backend::TestBackend::new(120, 40);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal
        .draw(|f| tafel::tui::render::render(&app, f))
        .unwrap();
    let screen = terminal.backend().to_string();
    let line = |needle: &str| {
        screen
            .lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle} not on screen:\n{screen}"))
            .to_string()
    };
    // due before the meeting date and open: te laat
    let l = line("huisbezoek plannen");
    assert!(
        l.contains("te laat") && l.contains("2026-11-20") && l.contains("[ ] open"),
        "{l}"
    );
    // due later: not late
    assert!(!line("aanmelding Wmo").contains("te laat"));
    // overdue but done: shown done, not late
    let l = line("echo bespreken");
    assert!(l.contains("[x] gedaan") && !l.contains("te laat"), "{l}");
}

#[test]
fn read_only_action_items_overlay_is_view_only() {
    let (mut app, case) = app_with_actions();
    app.read_only = Some("alleen lezen".into());
    key(&mut app, KeyCode::Char('A'));
    assert!(matches!(app.overlays.last(), Some(Overlay::Actions(_))));
    let before = app.meeting.cases[case].actions.clone();
    for c in ['x', ' ', 'd', 't', 'n'] {
        key(&mut app, KeyCode::Char(c));
        assert!(
            matches!(app.message, Some((_, tafel::tui::app::MessageKind::Error))),
            "{c:?} must be refused with a message"
        );
        assert!(matches!(app.overlays.last(), Some(Overlay::Actions(_))));
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.meeting.cases[case].actions, before);
    // moving is fine
    key(&mut app, KeyCode::Char('j'));
    match app.overlays.last() {
        Some(Overlay::Actions(v)) => assert_eq!(v.cursor, 1),
        other => panic!("expected the list, got {other:?}"),
    }
}

#[test]
fn attendees_are_added_and_removed_with_undo() {
    let mut app = app();
    let n0 = app.meeting.attendees.len();
    let saved = std::rc::Rc::new(std::cell::Cell::new(0));
    let s = saved.clone();
    app.on_change = Some(Box::new(move |_| s.set(s.get() + 1)));
    let roles = app.participant_roles();
    assert!(roles.iter().any(|r| r == "Verloskundige"), "{roles:?}");
    key(&mut app, KeyCode::Char('D'));
    assert!(matches!(app.overlays.last(), Some(Overlay::Attendees(_))));
    // n opens the form; the role comes from the checklist with ↓
    key(&mut app, KeyCode::Char('n'));
    assert!(matches!(
        app.overlays.last(),
        Some(Overlay::AttendeeForm(_))
    ));
    typ(&mut app, "Anna \u{202e}de Vries");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlays.last(), Some(Overlay::Attendees(_))));
    assert_eq!(app.meeting.attendees.len(), n0 + 1);
    assert_eq!(app.meeting.attendees[n0].name, "Anna de Vries", "cleaned");
    assert_eq!(app.meeting.attendees[n0].role, roles[1]);
    assert_eq!(saved.get(), 1);
    // a free-text role
    key(&mut app, KeyCode::Char('+'));
    typ(&mut app, "Piet");
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "wijkagent");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.meeting.attendees.len(), n0 + 2);
    assert_eq!(app.meeting.attendees[n0 + 1].role, "wijkagent");
    // remove the selected (the last added), undo, redo
    key(&mut app, KeyCode::Char('d'));
    assert_eq!(app.meeting.attendees.len(), n0 + 1);
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(app.meeting.attendees.len(), n0 + 2);
    assert_eq!(app.meeting.attendees[n0 + 1].name, "Piet");
    app.handle_key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
    assert_eq!(app.meeting.attendees.len(), n0 + 1);
    // undo the removal and both adds, too
    app.undo();
    app.undo();
    app.undo();
    assert_eq!(app.meeting.attendees.len(), n0);
    assert_eq!(saved.get(), 8);
    // empty names are refused in the form
    key(&mut app, KeyCode::Char('n'));
    key(&mut app, KeyCode::Enter);
    match app.overlays.last() {
        Some(Overlay::AttendeeForm(f)) => assert!(f.error.is_some()),
        other => panic!("expected the form, got {other:?}"),
    }
}

#[test]
fn attendee_names_that_look_like_personal_data_warn() {
    let mut app = app();
    app.apply(Edit::AddAttendee {
        attendee: tafel::meeting::Attendee {
            name: "j.jansen@example.nl".into(),
            role: "Verloskundige".into(),
        },
    });
    assert!(
        app.meeting
            .attendees
            .iter()
            .any(|a| a.name == "j.jansen@example.nl"),
        "kept: the chair decides"
    );
    assert!(matches!(
        app.message,
        Some((_, tafel::tui::app::MessageKind::Error))
    ));
}

#[test]
fn missing_required_roles_follow_the_attendees() {
    let mut app = app();
    let all = app.missing_roles();
    assert!(all.iter().any(|r| r == "Verloskundige"), "{all:?}");
    app.apply(Edit::AddAttendee {
        attendee: tafel::meeting::Attendee {
            name: "Anna".into(),
            role: " verloskundige ".into(),
        },
    });
    let now = app.missing_roles();
    assert_eq!(now.len(), all.len() - 1);
    assert!(!now.iter().any(|r| r == "Verloskundige"));
    app.undo();
    assert_eq!(app.missing_roles(), all);
}

#[test]
fn read_only_attendees_overlay_is_view_only() {
    let mut app = app();
    app.apply(Edit::AddAttendee {
        attendee: tafel::meeting::Attendee {
            name: "Anna".into(),
            role: "Verloskundige".into(),
        },
    });
    let n = app.meeting.attendees.len();
    app.read_only = Some("alleen lezen".into());
    key(&mut app, KeyCode::Char('D'));
    assert!(matches!(app.overlays.last(), Some(Overlay::Attendees(_))));
    for c in ['n', '+', 'd'] {
        key(&mut app, KeyCode::Char(c));
        assert!(matches!(app.overlays.last(), Some(Overlay::Attendees(_))));
        assert!(matches!(
            app.message,
            Some((_, tafel::tui::app::MessageKind::Error))
        ));
    }
    assert_eq!(app.meeting.attendees.len(), n);
}

#[test]
fn action_items_overlay_follows_the_case_when_the_agenda_changes() {
    let (mut app, case) = app_with_actions();
    app.apply(Edit::AddCase {
        index: 0,
        case: Box::new(tafel::meeting::MeetingCase::new("NIEUW-1", "nieuw")),
    });
    let shifted = app.current.unwrap();
    assert_eq!(app.meeting.cases[shifted].actions.len(), 3);
    key(&mut app, KeyCode::Char('A'));
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(app.current, Some(case));
    match app.overlays.last() {
        Some(Overlay::Actions(v)) => assert_eq!(v.case, case),
        other => panic!("expected the list, got {other:?}"),
    }
    key(&mut app, KeyCode::Char('x'));
    assert!(app.meeting.cases[case].actions[0].done);
}
