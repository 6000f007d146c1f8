//! The meeting screen wired to its session file: every change of the meeting goes to the
//! [`Autosaver`] the moment it is made (through the App's change hook, so it is written before the
//! screen shows it), a burst is coalesced for at most [`SAVE_INTERVAL`], the header says whether
//! everything is on disk, and quitting asks only when a save failed. A read-only screen (a session
//! held by someone else) follows the holder's saves instead.

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;
use std::time::{Duration, Instant};

use chrono::{Local, NaiveDateTime, Timelike};
use crossterm::event::KeyEvent;
use ratatui::Frame;

use crate::session::{AutosaveHandle, Autosaver, SaveState, Session, SessionError, Shutdown};

use super::app::{App, SaveIndicator};
use super::render::render;
use super::term::Screen;

/// The longest a change waits before it is written, and the shortest gap between two writes,
/// in the meeting screen. The session layer allows up to a second ([`crate::session::AUTOSAVE_INTERVAL`]);
/// a quarter of a second keeps a held key to four writes a second while a dropped connection
/// (or a kill) costs at most the keystrokes of that quarter second.
pub const SAVE_INTERVAL: Duration = Duration::from_millis(250);

/// While a case is open its time grows (not an edit); it is written with the next change, on
/// quitting, and at least this often.
const TIME_SAVE_EVERY: u32 = 60;

type Outcome = Rc<RefCell<Option<Result<SaveState, SessionError>>>>;

/// The autosave of one writable session, attached to an [`App`].
pub struct Live {
    saver: Rc<Autosaver>,
    /// The result of the latest save attempt made by the change hook.
    outcome: Outcome,
    /// Something changed in this run (an edit, or time spent on an open case).
    touched: bool,
    seconds: u32,
}

fn wall_time() -> chrono::NaiveTime {
    let now = Local::now().time();
    now.with_nanosecond(0).unwrap_or(now)
}

impl Live {
    /// Hooks the autosaver into the App: from now on every change is noted at once.
    pub fn attach(app: &mut App, saver: Autosaver) -> Live {
        let saver = Rc::new(saver);
        let outcome: Outcome = Rc::new(RefCell::new(None));
        let (hook_saver, hook_outcome) = (Rc::clone(&saver), Rc::clone(&outcome));
        app.on_change = Some(Box::new(move |meeting| {
            let result = hook_saver.note_change(meeting);
            let mut last = hook_outcome.borrow_mut();
            // an earlier failure stays visible until a write succeeds
            if !matches!((&*last, &result), (Some(Err(_)), Ok(SaveState::Pending(_)))) {
                *last = Some(result);
            }
        }));
        app.save = SaveIndicator::Saved(wall_time());
        Live {
            saver,
            outcome,
            touched: false,
            seconds: 0,
        }
    }

    pub fn handle(&self) -> AutosaveHandle {
        self.saver.handle()
    }

    pub fn path(&self) -> PathBuf {
        self.saver.session_path().to_path_buf()
    }

    fn record(app: &mut App, result: Result<SaveState, SessionError>) {
        let next = match result {
            Ok(SaveState::Saved) => SaveIndicator::Saved(wall_time()),
            Ok(SaveState::Pending(_)) => match &app.save {
                SaveIndicator::Failed(e) => SaveIndicator::Failed(e.clone()),
                _ => SaveIndicator::Pending,
            },
            Ok(SaveState::Clean) => return,
            Err(e) => SaveIndicator::Failed(e.to_string()),
        };
        if next != app.save {
            app.save = next;
            app.redraw = true;
        }
    }

    /// After every batch of events: show what the hook's saves did, and write a pending change
    /// whose time has come.
    pub fn settle(&mut self, app: &mut App) {
        if let Some(result) = self.outcome.borrow_mut().take() {
            self.touched = true;
            Self::record(app, result);
        }
        match self.saver.tick() {
            Ok(SaveState::Clean) => {}
            result => Self::record(app, result),
        }
    }

    pub fn deadline(&self) -> Option<Instant> {
        self.saver.deadline()
    }

    /// Once a second: the open case's time is saved now and then.
    pub fn second(&mut self, app: &mut App) {
        if app.current.is_none() {
            return;
        }
        self.touched = true;
        self.seconds += 1;
        if self.seconds >= TIME_SAVE_EVERY && !self.saver.is_dirty() {
            self.seconds = 0;
            Self::record(app, self.saver.note_change(&app.meeting));
        }
    }

    /// On quitting: the end time and the time spent, written now.
    pub fn save_final(&mut self, app: &mut App) -> Result<(), SessionError> {
        if !self.touched && app.revision == 0 {
            return self.saver.flush().map(|_| ());
        }
        let now = app.now.with_nanosecond(0).unwrap_or(app.now);
        app.meeting.ended_at = Some(now.max(app.meeting.started_at));
        match self.saver.save_now(&app.meeting) {
            Ok(()) => {
                Self::record(app, Ok(SaveState::Saved));
                Ok(())
            }
            Err(e) => {
                app.save = SaveIndicator::Failed(e.to_string());
                Err(e)
            }
        }
    }

    /// Writes what is pending and releases the lock.
    pub fn close(self, app: &mut App) -> Shutdown {
        app.on_change = None;
        self.saver.handle().shutdown()
    }
}

/// The meeting screen: the App, with its session (writable or followed read-only).
pub struct MeetingScreen {
    pub app: App,
    pub live: Option<Live>,
    /// Read-only: the session to follow (reloaded when its holder saves).
    pub follow: Option<Session>,
    pub clock: fn() -> NaiveDateTime,
    follow_error: bool,
}

impl MeetingScreen {
    pub fn new(
        app: App,
        live: Option<Live>,
        follow: Option<Session>,
        clock: fn() -> NaiveDateTime,
    ) -> Self {
        MeetingScreen {
            app,
            live,
            follow,
            clock,
            follow_error: false,
        }
    }

    fn follow(&mut self) {
        let Some(session) = &mut self.follow else {
            return;
        };
        match session.reload_if_changed() {
            Ok(Some(parsed)) => {
                let mut meeting = parsed.meeting;
                meeting.clean_texts();
                self.app.replace_meeting(meeting);
                self.app.info(self.app.t().reloaded);
                self.follow_error = false;
            }
            Ok(None) => {}
            Err(e) => {
                // say it once, not every second
                if !self.follow_error {
                    let text = super::text::fill(self.app.t().follow_failed, &[&e.to_string()]);
                    self.app.error(text);
                    self.follow_error = true;
                }
            }
        }
    }
}

impl Screen for MeetingScreen {
    fn mono(&self) -> bool {
        self.app.theme.mono
    }
    fn prepare(&mut self, width: u16, height: u16) {
        self.app.prepare(width, height);
    }
    fn render(&self, frame: &mut Frame) {
        render(&self.app, frame);
    }
    fn key(&mut self, key: KeyEvent) {
        self.app.handle_key(key);
    }
    fn paste(&mut self, text: &str) {
        self.app.paste(text);
    }
    fn second(&mut self) {
        self.app.tick((self.clock)());
        if let Some(live) = &mut self.live {
            live.second(&mut self.app);
        }
        self.follow();
    }
    fn deadline(&self) -> Option<Instant> {
        self.live.as_ref().and_then(Live::deadline)
    }
    fn settle(&mut self) {
        if let Some(live) = &mut self.live {
            live.settle(&mut self.app);
        }
    }
    fn needs_redraw(&self) -> bool {
        self.app.redraw
    }
    fn set_redraw(&mut self, redraw: bool) {
        self.app.redraw = redraw;
    }
    fn finished(&mut self) -> bool {
        if !self.app.quit {
            return false;
        }
        let Some(live) = &mut self.live else {
            return true;
        };
        match live.save_final(&mut self.app) {
            Ok(()) => true,
            Err(_) if self.app.quit_confirmed => true,
            Err(_) => {
                // not on disk: ask before leaving
                self.app.quit = false;
                self.app.overlays.push(super::app::Overlay::ConfirmQuit);
                self.app.redraw = true;
                false
            }
        }
    }
}
