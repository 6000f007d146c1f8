//! Meeting sessions: one RON file per meeting, saved atomically after every change, locked per
//! session, recoverable after a crash, reviewable and searchable afterwards. No terminal code.
//!
//! # Files
//! `$TAFEL_HOME/sessions/` (else the platform data dir, e.g. `~/.local/share/tafel/sessions/`),
//! directories 0700, files 0600:
//! * `2026-11-22_uno_0930.ron` — the meeting (pretty RON, `Meeting(…)`; `_2`, `_3` … when taken)
//! * `2026-11-22_uno_0930.lock` — while open for writing: `LockHolder(user, host, pid, since)`
//! * `2026-11-22_uno_0930.recovery.ron` — written by the panic hook or a failed save
//! * `.2026-11-22_uno_0930.ron.tmp.PID.N` — a save in progress (removed by the next lock holder)
//!
//! # Wiring (for `main.rs` and the TUI)
//! ```ignore
//! use tafel::session::{self, Autosaver, Opened, Session, SessionError, Store};
//!
//! // ── `tafel` (a new meeting): written and locked at once ──────────────────────────────
//! let store = Store::open_default()?;                 // $TAFEL_HOME or the platform data dir
//! for r in store.find_recoveries() { /* offer: r.session, r.meeting; open it, then recover */ }
//! let session: Session = store.create(&Meeting::new(table, now, chair))?;
//!
//! // ── `tafel open SESSION.ron` ───────────────────────────────────────────────────────────
//! let opened: Opened = match Session::open(&path) {
//!     Ok(o) => o,                                     // locked for us
//!     Err(e @ SessionError::Locked { .. }) => {       // e: "…: in gebruik door anna op srv
//!         status(e.to_string());                      //     (pid 4242) sinds 22-11-2026 09:30"
//!         Session::open_read_only(&path)?             // opened.session.is_read_only() == true
//!     }
//!     Err(SessionError::Parse(p)) => {                // p: path, line, column, message; the
//!         // file is never touched. Offer: show p.raw_text()? read-only, or start fresh with
//!         // store.create(&Meeting::new(…)) (always a new file name).
//!     }
//!     Err(e) => return Err(e.into()),
//! };
//! // opened.meeting; opened.migrated_from == Some(0): migrated in memory, the file is
//! // rewritten only by the next save; opened.recovery: Some → offer
//! // opened.session.recover()? (→ Meeting, saved into the session) or
//! // opened.session.discard_recovery()?; opened.stale_lock: the previous run crashed.
//!
//! // ── the TUI loop ─────────────────────────────────────────────────────────────────────
//! let saver = Autosaver::new(opened.session);         // not for read-only sessions
//! let signals = session::install_signal_handler(Some(saver.handle()), restore_terminal)?;
//! let for_panic = saver.handle();                     // panic hook: for_panic.write_recovery();
//!                                                     //             restore_terminal();
//! loop {
//!     let timeout = saver.deadline().map(|d| d.saturating_duration_since(Instant::now()));
//!     // poll input with min(timeout, …); after each change of app.meeting:
//!     saver.note_change(&app.meeting)?;   // Saved | Pending(deadline); Err → status bar (kept)
//!     saver.tick()?;                      // writes a pending change once its second is over
//!     // deliberate actions (close a case, quit): saver.save_now(&app.meeting)? / flush()?
//! }
//! saver.close()?;                         // flush + release the lock (drop does the same)
//! // switching sessions: signals.set_saver(Some(new_saver.handle()))
//! // a read-only viewer: opened.session.reload_if_changed()? → Some(Parsed) when the holder saved
//!
//! // ── `tafel review [DIR]` ────────────────────────────────────────────────────────────
//! let review = session::Review::load(&session::review_dir(dir.as_deref())?)?;
//! review.summaries();             // Vec<SessionSummary>, newest first; unreadable ones have .error
//! review.search("huisarts");      // Vec<SearchHit>: session, case_index, field, snippet, highlight
//! review.open_actions(today);     // Vec<OpenAction>: who, what, due, overdue, mark()
//! Session::open_read_only(review.path(i).unwrap())?;  // or review.meeting(i)
//! // one-shot forms: session::list_sessions(dir), session::search(dir, q), session::open_actions(dir, today)
//!
//! // ── `tafel export SESSION.ron --format md` ────────────────────────────────────────────
//! let opened = Session::open_read_only(&path)?;       // no lock needed to read
//! print!("{}", tafel::export::minutes(&opened.meeting, &rule_set));
//! // closing a case in the TUI:
//! // case.advice_at_close = Some(tafel::export::advice_snapshot(&set, &case, meeting.date, now));
//! ```
//!
//! # Guarantees
//! * Save: temp file in the same directory, write, fsync, rename, fsync of the directory.
//! * A new meeting is written at once and never overwrites another file (hard link / create_new).
//! * A file that does not parse is never overwritten: opening fails with file:line:col, and a
//!   save over a file that someone replaced with unparsable text goes to the recovery file.
//! * Older format versions (see [`format`](mod@format)) migrate in memory; the file is rewritten only by a
//!   save.
//! * Autosave: at most one write per second, no change waits longer than a second (see
//!   [`autosave`]); only changed cases are re-serialised ([`CachedWriter`]).
//! * Signals (SIGHUP, SIGTERM, SIGINT) on their own thread: save, release the lock, restore
//!   the terminal (caller's callback), exit 0 ([`signals`]).

pub mod autosave;
pub mod error;
pub mod format;
pub mod fsutil;
pub mod fuzzy;
pub mod lock;
pub mod review;
pub mod signals;
pub mod store;

pub use autosave::{AUTOSAVE_INTERVAL, AutosaveHandle, Autosaver, SaveState, Shutdown};
pub use error::{ParseError, SessionError};
pub use format::{CachedWriter, Parsed, parse, to_ron};
pub use lock::{LockHolder, SessionLock, lock_path, read_lock_holder};
pub use review::{
    HitField, OpenAction, Review, SearchHit, SessionSummary, list_sessions, open_actions,
    review_dir, search,
};
pub use signals::{
    SignalHandler, TERMINATION_SIGNALS, install_signal_handler, on_termination_signal,
};
pub use store::{
    Opened, Recovery, Session, Store, data_dir, file_stem, find_recovery, parse_file_name,
    recovery_path, write_recovery_file,
};
