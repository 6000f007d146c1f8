//! Sessions end to end through a real pseudo-terminal (portable-pty + vt100): the binary killed
//! with SIGKILL at random moments of scripted editing never leaves a broken file and loses at
//! most the last change; SIGHUP / SIGTERM / SIGINT mid-edit save, release the lock and exit 0;
//! a second instance on the same session runs read-only; a recovery file is offered.
//!
//! Every test has its own TAFEL_HOME and XDG_CONFIG_HOME.

#![cfg(unix)]

#[path = "common/export_sample.rs"]
mod export_sample;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tafel::case::TableKind;
use tafel::facts::FactKind;
use tafel::meeting::Meeting;
use tafel::session::{self, Session, Store};
use tafel::tui::{App, Launch};

const COLS: u16 = 150;
const ROWS: u16 = 42;

// ───────────────────────────── the terminal ─────────────────────────────

struct Pty {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Pty {
    fn start(home: &Path, args: &[&str]) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tafel"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("TAFEL_CONFIG");
        cmd.env("TAFEL_HOME", home.join("data"));
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("USER", "e2e");
        let child = pair.slave.spawn_command(cmd).expect("tafel starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(ROWS).unwrap(),
            std::num::NonZeroU16::new(COLS).unwrap(),
            0,
        )));
        let p = parser.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        Pty {
            parser,
            writer,
            child,
            _master: pair.master,
        }
    }

    fn contents(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn status_line(&self) -> String {
        self.contents().lines().last().unwrap_or("").to_string()
    }

    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let c = self.contents();
            if pred(&c) {
                return c;
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("timed out waiting for {what}; screen:\n{c}");
            }
            std::thread::sleep(Duration::from_millis(15));
        }
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn pid(&self) -> i32 {
        self.child.process_id().expect("a pid") as i32
    }

    fn signal(&self, signal: i32) {
        // SAFETY: sends a signal to our own child process.
        let rc = unsafe { libc::kill(self.pid(), signal) };
        assert_eq!(rc, 0, "kill({signal})");
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "tafel did not exit"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

// ───────────────────────────── sessions and the oracle ─────────────────────────────

fn meeting_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn start_time() -> NaiveDateTime {
    meeting_date().and_hms_opt(9, 30, 0).unwrap()
}

/// A saved UNO meeting with three sample cases, its lock released.
fn create_session(home: &Path) -> PathBuf {
    let store = Store::at(&home.join("data")).unwrap();
    let mut m = Meeting::new(TableKind::Uno, start_time(), "E2E");
    for name in ["uno-01", "uno-02", "uno-08"] {
        m.cases.push(export_sample::sample(name));
    }
    let mut s = store.create(&m).unwrap();
    let path = s.path().to_path_buf();
    s.close().unwrap();
    path
}

fn read_meeting(path: &Path) -> Meeting {
    let mut m = Session::open_read_only(path)
        .unwrap_or_else(|e| panic!("the session file must parse: {e}"))
        .meeting;
    m.clean_texts();
    m
}

/// What the comparison ignores: the clock (time spent, end time, when the advice was taken).
fn norm(m: &Meeting) -> Meeting {
    let mut m = m.clone();
    m.ended_at = None;
    for c in &mut m.cases {
        c.seconds_spent = 0;
        if let Some(a) = &mut c.advice_at_close {
            a.taken_at = start_time();
        }
    }
    m
}

/// The same screen in this process: fed the same keys, it says what the meeting must be.
fn oracle(meeting: Meeting) -> App {
    let ctx = tafel::tui::context(&Launch::demo(meeting_date())).unwrap();
    let now = tafel::tui::meeting_now(meeting.date);
    let mut app = ctx.app(meeting, now);
    app.prepare(COLS, ROWS);
    app
}

fn key_of(c: char) -> KeyEvent {
    let code = match c {
        '\t' => KeyCode::Tab,
        '\r' => KeyCode::Enter,
        '\u{1b}' => KeyCode::Esc,
        c => KeyCode::Char(c),
    };
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Feeds keys to the oracle; every state it passes through is recorded.
fn mirror(app: &mut App, keys: &str, states: &mut Vec<Meeting>) {
    for c in keys.chars() {
        let before = app.revision;
        app.handle_key(key_of(c));
        app.prepare(COLS, ROWS);
        if app.revision != before {
            states.push(norm(&app.meeting));
        }
    }
}

/// The "[x]" marks the oracle draws (the same drawing code as the binary's).
fn ticks_drawn(app: &App) -> usize {
    let mut terminal = Terminal::new(TestBackend::new(COLS, ROWS)).unwrap();
    terminal
        .draw(|f| tafel::tui::render::render(app, f))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let text: String = buffer.content().iter().map(|c| c.symbol()).collect();
    text.matches("[x]").count()
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// One scripted edit: the keys, and how its result shows on the screen.
enum Echo {
    /// The status line shows this (the oracle's message).
    Status(String),
    /// So many "[x]" marks are drawn.
    Ticks(usize),
    /// The notes editor shows this text (then Esc closes it).
    Typed(String),
}

fn echoed(pty: &Pty, echo: &Echo) -> bool {
    let screen = pty.contents();
    match echo {
        Echo::Status(m) => pty.status_line().contains(m.as_str()),
        Echo::Ticks(n) => screen.matches("[x]").count() == *n,
        Echo::Typed(t) => screen.contains(t.as_str()),
    }
}

/// Edits must be further apart than the autosave interval: then at most one is pending.
const PACING: Duration = Duration::from_millis(300);

struct Chain {
    seed: u64,
    iterations: usize,
}

/// Runs `iterations` rounds of: open the session, edit, SIGKILL at a random moment, check the
/// file. Returns (edits sent, kills mid-edit, kills where the last observed edit was missing).
fn crash_chain(chain: Chain) -> (usize, usize, usize) {
    let home = tempfile::tempdir().unwrap();
    let path = create_session(home.path());
    let mut rng = Rng(chain.seed);
    let mut marker = 0;
    let (mut sent_total, mut mid_edit, mut lagging) = (0, 0, 0);
    for iteration in 0..chain.iterations {
        let start = read_meeting(&path);
        let mut app = oracle(start.clone());
        let mut states = vec![norm(&start)];
        // edit_end[k]: the index in `states` where edit k was complete (edit 0: the start)
        let mut edit_end = vec![0usize];
        let mut pty = Pty::start(home.path(), &["open", path.to_str().unwrap()]);
        pty.wait_for("the meeting screen", |c| {
            c.contains("Casussen") && c.lines().next().is_some_and(|h| h.contains("opgeslagen"))
        });
        // a case, and the checklist pane (not edits)
        let mut prelude = "]".repeat(iteration % 3);
        prelude.push_str("\t\t");
        mirror(&mut app, &prelude, &mut states);
        assert_eq!(states.len(), 1, "the prelude edits nothing");
        pty.send(&prelude);

        let edits = 1 + rng.below(4) as usize;
        let kill_at = 1 + rng.below(edits as u64) as usize;
        // half of the kills come right after the keys (mid-edit, mid-typing), half later
        let kill_delay = Duration::from_millis(if rng.below(2) == 0 {
            rng.below(40)
        } else {
            rng.below(400)
        });
        let mut observed = 0;
        for k in 1..=edits {
            let bool_question = app
                .target_fact()
                .is_some_and(|f| matches!(app.set.vocabulary.def(f).kind, FactKind::Bool));
            let kind = rng.below(3);
            let (keys, typed): (String, Option<String>) = if kind == 0 && bool_question {
                (if rng.below(2) == 0 { "J" } else { "N" }.into(), None)
            } else if kind == 2 {
                marker += 1;
                let text = format!("w{marker}.");
                (format!("e\r{text}"), Some(text))
            } else {
                // move down now and then, tick or untick
                (if rng.below(2) == 0 { "x" } else { "jx" }.into(), None)
            };
            let before = states.len();
            mirror(&mut app, &keys, &mut states);
            assert!(states.len() > before, "{keys:?} must change the meeting");
            edit_end.push(states.len() - 1);
            let echo = match (&typed, keys.as_str()) {
                (Some(t), _) => Echo::Typed(t.clone()),
                (None, "J" | "N") => {
                    let msg = app
                        .message
                        .as_ref()
                        .map(|m| m.0.clone())
                        .unwrap_or_default();
                    Echo::Status(msg.chars().take(60).collect())
                }
                _ => Echo::Ticks(ticks_drawn(&app)),
            };
            // type the notes key by key, as a person would
            match &typed {
                Some(t) => {
                    pty.send("e");
                    pty.send("\r");
                    for c in t.chars() {
                        std::thread::sleep(Duration::from_millis(12));
                        pty.send(&c.to_string());
                    }
                }
                None => pty.send(&keys),
            }
            sent_total += 1;
            if k == kill_at {
                std::thread::sleep(kill_delay);
                if echoed(&pty, &echo) {
                    observed = k;
                } else {
                    mid_edit += 1;
                }
                pty.signal(libc::SIGKILL);
                break;
            }
            pty.wait_for("the edit on screen", |_| echoed(&pty, &echo));
            observed = k;
            if typed.is_some() {
                // close the editor: no change of its own (the text is in already)
                let n = states.len();
                mirror(&mut app, "\u{1b}", &mut states);
                assert_eq!(states.len(), n);
                pty.send("\u{1b}");
                pty.wait_for("the editor to close", |c| !c.contains("Notities — "));
            }
            std::thread::sleep(PACING);
        }
        let status = pty.wait_exit();
        assert!(!status.success(), "killed");
        let on_disk = norm(&read_meeting(&path));
        let lower = edit_end[observed.saturating_sub(1)];
        let found = states.iter().rposition(|s| *s == on_disk);
        match found {
            Some(i) if i >= lower => {
                if i < edit_end[observed] {
                    lagging += 1;
                }
            }
            Some(i) => panic!(
                "iteration {iteration}: the file holds state {i}, but edits up to {observed} were on screen (lowest allowed state {lower} of {})",
                states.len() - 1
            ),
            None => panic!(
                "iteration {iteration}: the file matches no state the screen went through\nfile: {on_disk:#?}\nexpected one of the last states: {:#?}",
                &states[lower..]
            ),
        }
    }
    (sent_total, mid_edit, lagging)
}

#[test]
fn sigkill_at_random_moments_loses_at_most_the_last_change() {
    let started = Instant::now();
    // two chains of kills in parallel, each on its own session
    let chains = [
        Chain {
            seed: 0x7afe_1001,
            iterations: 20,
        },
        Chain {
            seed: 0x5eed_2002,
            iterations: 20,
        },
    ];
    let results: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = chains
            .into_iter()
            .map(|c| s.spawn(move || crash_chain(c)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let sent: usize = results.iter().map(|r| r.0).sum();
    let mid: usize = results.iter().map(|r| r.1).sum();
    let lagging: usize = results.iter().map(|r| r.2).sum();
    eprintln!(
        "40 kills, {sent} edits, {mid} kills before the edit showed, {lagging} files one edit behind the screen, {:?}",
        started.elapsed()
    );
    assert!(sent >= 40);
}

// ───────────────────────────── signals ─────────────────────────────

#[test]
fn hangup_mid_edit_saves_releases_the_lock_and_exits_0() {
    for (signal, name) in [
        (libc::SIGHUP, "SIGHUP"),
        (libc::SIGTERM, "SIGTERM"),
        (libc::SIGINT, "SIGINT"),
    ] {
        let home = tempfile::tempdir().unwrap();
        let path = create_session(home.path());
        let mut pty = Pty::start(home.path(), &["open", path.to_str().unwrap()]);
        pty.wait_for("the meeting screen", |c| c.contains("Casussen"));
        // type notes quickly: the last keystrokes are still pending (coalesced) when the
        // signal comes
        pty.send("e\r");
        let words = format!("de verbinding valt weg ({name})");
        pty.send(&words);
        pty.wait_for("the typed notes", |c| c.contains(&words));
        pty.signal(signal);
        let status = pty.wait_exit();
        assert!(status.success(), "{name}: exit status {status:?}");
        let m = read_meeting(&path);
        assert!(
            m.cases[0].notes.ends_with(&words),
            "{name}: the words are on disk: {:?}",
            m.cases[0].notes
        );
        assert!(
            !session::lock_path(&path).exists(),
            "{name}: the lock file is gone"
        );
        let mut again = Session::open(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        again.session.close().unwrap();
        let start = Instant::now();
        while pty.parser.lock().unwrap().screen().alternate_screen() {
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "{name}: the terminal was not restored"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

// ───────────────────────────── two instances ─────────────────────────────

#[test]
fn a_second_instance_gets_the_holder_and_runs_read_only() {
    let home = tempfile::tempdir().unwrap();
    let path = create_session(home.path());
    let p = path.to_str().unwrap();
    let mut chair = Pty::start(home.path(), &["open", p]);
    chair.wait_for("the chair's screen", |c| {
        c.lines().next().is_some_and(|h| h.contains("opgeslagen"))
    });
    let mut second = Pty::start(home.path(), &["open", p]);
    second.wait_for("the read-only badge", |c| {
        c.lines().next().is_some_and(|h| h.contains("alleen lezen"))
    });
    // the holder is named
    second.wait_for("the holder", |_| {
        second.status_line().contains("in gebruik door e2e")
    });
    let before = std::fs::read(&path).unwrap();
    // editing keys are refused with a message
    second.send("J");
    second.wait_for("the refusal", |_| {
        second
            .status_line()
            .contains("Alleen lezen (in gebruik door e2e")
    });
    second.send("\t\tx");
    std::thread::sleep(Duration::from_millis(200));
    second.wait_for("the refusal again", |_| {
        second.status_line().contains("Alleen lezen (")
    });
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing was written");
    // the chair writes; the read-only screen follows
    chair.send("e\r");
    chair.send("door de voorzitter");
    chair.wait_for("the typed notes", |c| c.contains("door de voorzitter"));
    chair.send("\u{1b}");
    second.wait_for("the reload", |_| {
        second.status_line().contains("Bijgewerkt")
    });
    second.send("e");
    second.wait_for("the notes viewer", |c| {
        c.contains("door de voorzitter") && c.contains("alleen lezen · Esc sluit")
    });
    second.send("\u{1b}");
    std::thread::sleep(Duration::from_millis(150));
    second.send("q");
    assert!(second.wait_exit().success());
    assert!(
        session::lock_path(&path).exists(),
        "the read-only instance leaves the chair's lock alone"
    );
    chair.send("q");
    assert!(chair.wait_exit().success());
    assert!(
        read_meeting(&path).cases[0]
            .notes
            .ends_with("door de voorzitter")
    );
    assert!(!session::lock_path(&path).exists());
}

// ───────────────────────────── recovery ─────────────────────────────

#[test]
fn a_recovery_file_is_announced_and_can_be_taken_over() {
    let home = tempfile::tempdir().unwrap();
    let path = create_session(home.path());
    let mut crashed = read_meeting(&path);
    crashed.cases[0].notes = "alleen in het herstelbestand".into();
    session::write_recovery_file(&path, &crashed).unwrap();

    // a new meeting says so
    let mut new = Pty::start(home.path(), &["--date", "2026-11-22"]);
    let name = path.display().to_string();
    new.wait_for("the recovery notice", |_| {
        new.status_line().contains("Herstelbestand gevonden")
    });
    new.send("q");
    assert!(new.wait_exit().success());
    // and it stays on the terminal after the screen is gone
    new.wait_for("the notice on the main screen", |c| {
        c.contains("Herstelbestand gevonden voor") && c.contains("om te herstellen")
    });

    // `tafel open` asks on the terminal; h takes the recovery over
    let mut open = Pty::start(home.path(), &["open", &name]);
    open.wait_for("the question", |c| c.contains("Keuze [h/v/Enter]"));
    assert!(
        open.contents()
            .contains("1 anders dan in de opgeslagen sessie")
    );
    open.send("h\r");
    open.wait_for("the meeting screen", |c| {
        c.contains("Casussen") && c.contains("Hersteld uit")
    });
    open.send("q");
    assert!(open.wait_exit().success());
    assert_eq!(
        read_meeting(&path).cases[0].notes,
        "alleen in het herstelbestand"
    );
    assert!(!session::recovery_path(&path).exists());
}
