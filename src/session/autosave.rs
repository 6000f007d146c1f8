//! Autosave: every change is saved, but a burst of changes (keystrokes) is coalesced so that the
//! file is written at most once per interval (1 s) and no change waits longer than that.
//!
//! Design: no thread of its own. The TUI calls [`Autosaver::note_change`] after each change and
//! [`Autosaver::tick`] from its loop, using [`Autosaver::deadline`] as (an upper bound of) its
//! poll timeout. The first change after a quiet second is written at once (leading edge); later
//! changes in the same second are kept as one pending copy and written when the second is over
//! (trailing edge). This keeps the meeting single-owned by the App, errors surface synchronously
//! in the status bar, and tests are deterministic (`*_at` variants take the clock).
//!
//! The state (session + pending copy) sits behind an `Arc<Mutex<…>>` so that the signal thread
//! and the panic hook can reach it through an [`AutosaveHandle`] while the main thread is stuck:
//! [`AutosaveHandle::shutdown`] writes what is pending, releases the lock and refuses any later
//! save; [`AutosaveHandle::write_recovery`] writes the pending copy to the recovery file.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, TryLockError};
use std::time::{Duration, Instant};

use crate::meeting::Meeting;

use super::error::SessionError;
use super::store::{Session, recovery_path, write_recovery_file};

/// The longest a change waits before it is on disk, and the shortest gap between two writes.
pub const AUTOSAVE_INTERVAL: Duration = Duration::from_secs(1);

/// What happened to a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveState {
    /// Written to disk now.
    Saved,
    /// Kept; written by a `tick` at (or after) this instant.
    Pending(Instant),
    /// Nothing to do (no pending change).
    Clean,
}

#[derive(Debug)]
struct State {
    session: Session,
    pending: Option<Meeting>,
    last_write: Option<Instant>,
    closed: bool,
}

impl State {
    fn write(&mut self, meeting: &Meeting, now: Instant) -> Result<(), SessionError> {
        // count the attempt, so a failing disk is retried once per interval, not per keystroke
        self.last_write = Some(now);
        self.session.save(meeting)
    }
}

fn lock(shared: &Mutex<State>) -> MutexGuard<'_, State> {
    // a panic elsewhere must not keep the signal thread from saving
    shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Coalescing autosave around a writable [`Session`].
#[derive(Debug)]
pub struct Autosaver {
    shared: Arc<Mutex<State>>,
    interval: Duration,
    session_path: PathBuf,
}

impl Autosaver {
    pub fn new(session: Session) -> Autosaver {
        Autosaver::with_interval(session, AUTOSAVE_INTERVAL)
    }

    pub fn with_interval(session: Session, interval: Duration) -> Autosaver {
        let session_path = session.path().to_path_buf();
        Autosaver {
            shared: Arc::new(Mutex::new(State {
                session,
                pending: None,
                last_write: None,
                closed: false,
            })),
            interval,
            session_path,
        }
    }

    pub fn session_path(&self) -> &std::path::Path {
        &self.session_path
    }

    /// Call after every change of the meeting.
    pub fn note_change(&self, meeting: &Meeting) -> Result<SaveState, SessionError> {
        self.note_change_at(meeting, Instant::now())
    }

    pub fn note_change_at(
        &self,
        meeting: &Meeting,
        now: Instant,
    ) -> Result<SaveState, SessionError> {
        let mut state = lock(&self.shared);
        if state.closed {
            return Err(SessionError::Closed);
        }
        match state.last_write {
            Some(last) if now < last + self.interval => {
                state.pending = Some(meeting.clone());
                Ok(SaveState::Pending(last + self.interval))
            }
            _ => {
                state.pending = None;
                if let Err(e) = state.write(meeting, now) {
                    state.pending = Some(meeting.clone());
                    return Err(e);
                }
                Ok(SaveState::Saved)
            }
        }
    }

    /// Writes the pending change if its time has come. Call from the event loop.
    pub fn tick(&self) -> Result<SaveState, SessionError> {
        self.tick_at(Instant::now())
    }

    pub fn tick_at(&self, now: Instant) -> Result<SaveState, SessionError> {
        let mut state = lock(&self.shared);
        let Some(due) = self.due(&state) else {
            return Ok(SaveState::Clean);
        };
        if now < due {
            return Ok(SaveState::Pending(due));
        }
        Self::write_pending(&mut state, now)
    }

    fn due(&self, state: &State) -> Option<Instant> {
        if state.closed || state.pending.is_none() {
            return None;
        }
        Some(
            state
                .last_write
                .map_or_else(Instant::now, |last| last + self.interval),
        )
    }

    fn write_pending(state: &mut State, now: Instant) -> Result<SaveState, SessionError> {
        let Some(meeting) = state.pending.take() else {
            return Ok(SaveState::Clean);
        };
        match state.write(&meeting, now) {
            Ok(()) => Ok(SaveState::Saved),
            Err(e) => {
                state.pending = Some(meeting);
                Err(e)
            }
        }
    }

    /// When the pending change must be written: the event loop should wake up by then.
    pub fn deadline(&self) -> Option<Instant> {
        self.due(&lock(&self.shared))
    }

    /// Is a change waiting to be written?
    pub fn is_dirty(&self) -> bool {
        lock(&self.shared).pending.is_some()
    }

    /// Writes the pending change now (e.g. before leaving a screen or closing a case).
    pub fn flush(&self) -> Result<SaveState, SessionError> {
        let mut state = lock(&self.shared);
        if state.closed {
            return Err(SessionError::Closed);
        }
        Self::write_pending(&mut state, Instant::now())
    }

    /// Saves `meeting` now, whatever the interval (a deliberate action such as closing a case).
    pub fn save_now(&self, meeting: &Meeting) -> Result<(), SessionError> {
        let mut state = lock(&self.shared);
        if state.closed {
            return Err(SessionError::Closed);
        }
        state.pending = None;
        let result = state.write(meeting, Instant::now());
        if result.is_err() {
            state.pending = Some(meeting.clone());
        }
        result
    }

    /// Runs `f` on the session (e.g. recovery handling) under the autosave lock.
    pub fn with_session<R>(&self, f: impl FnOnce(&mut Session) -> R) -> R {
        f(&mut lock(&self.shared).session)
    }

    /// A handle for the signal thread and the panic hook.
    pub fn handle(&self) -> AutosaveHandle {
        AutosaveHandle {
            shared: Arc::clone(&self.shared),
            session_path: self.session_path.clone(),
        }
    }

    /// Normal end of a meeting: writes what is pending and releases the lock. Dropping the
    /// autosaver does the same (errors ignored), except while panicking: then the pending
    /// change goes to the recovery file, not into the session file.
    pub fn close(self) -> Result<(), SessionError> {
        match self.handle().shutdown() {
            Shutdown { error: Some(e), .. } => Err(e),
            _ => Ok(()),
        }
    }
}

impl Drop for Autosaver {
    fn drop(&mut self) {
        let handle = self.handle();
        if std::thread::panicking() {
            handle.write_recovery();
            let mut state = lock(&self.shared);
            state.closed = true;
            let _ = state.session.close();
        } else {
            handle.shutdown();
        }
    }
}

/// What [`AutosaveHandle::shutdown`] did.
#[derive(Debug)]
pub struct Shutdown {
    /// A pending change was written to the session file.
    pub saved: bool,
    /// The session file could not be written; the pending change went here instead.
    pub recovery: Option<PathBuf>,
    /// A pending change could be written neither to the session nor to the recovery file.
    pub lost: bool,
    pub error: Option<SessionError>,
}

/// Shared access to an [`Autosaver`] for other threads (signals) and the panic hook.
#[derive(Clone, Debug)]
pub struct AutosaveHandle {
    shared: Arc<Mutex<State>>,
    session_path: PathBuf,
}

impl AutosaveHandle {
    pub fn session_path(&self) -> &std::path::Path {
        &self.session_path
    }

    /// Save what is pending, release the lock, and refuse later saves (the process is about to
    /// exit). Waits for a save in progress on another thread. If the save fails, the pending
    /// meeting is written to the recovery file. Safe to call twice.
    pub fn shutdown(&self) -> Shutdown {
        let mut state = lock(&self.shared);
        let mut out = Shutdown {
            saved: false,
            recovery: None,
            lost: false,
            error: None,
        };
        if state.closed {
            return out;
        }
        state.closed = true;
        if let Some(meeting) = state.pending.take() {
            match state.session.save(&meeting) {
                Ok(()) => out.saved = true,
                Err(e) => {
                    out.recovery = write_recovery_file(&self.session_path, &meeting).ok();
                    out.lost = out.recovery.is_none();
                    out.error = Some(e);
                }
            }
        }
        if let Err(e) = state.session.close() {
            out.error.get_or_insert(e);
        }
        out
    }

    /// For a panic hook: writes the pending (unsaved) meeting to the recovery file beside the
    /// session. Never blocks for long: if the state is locked (the panic came from inside a
    /// save on this thread) it gives up after ~100 ms. Returns the recovery file written, or
    /// None when nothing was pending (the session file is then up to date) or it could not.
    pub fn write_recovery(&self) -> Option<PathBuf> {
        for _ in 0..20 {
            let state = match self.shared.try_lock() {
                Ok(state) => state,
                Err(TryLockError::Poisoned(p)) => p.into_inner(),
                Err(TryLockError::WouldBlock) => {
                    std::thread::sleep(Duration::from_millis(5));
                    continue;
                }
            };
            let meeting = state.pending.as_ref()?;
            return write_recovery_file(&self.session_path, meeting).ok();
        }
        None
    }

    pub fn recovery_path(&self) -> PathBuf {
        recovery_path(&self.session_path)
    }
}
