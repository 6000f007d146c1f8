//! The signal handler, tested in a child process: this test binary re-runs itself with an
//! environment variable that makes `signal_child` act as a small tafel (a session, a pending
//! change, the handler installed, the main thread blocked as in crossterm's `poll`). The parent
//! sends SIGHUP / SIGTERM / SIGINT and checks: exit code 0, the pending change on disk, the lock
//! released, the terminal-restore callback called.
#![cfg(unix)]

#[path = "session_support.rs"]
mod support;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tafel::case::TableKind;
use tafel::session::{self, Autosaver, SaveState, Session, Store};

const CHILD_ENV: &str = "TAFEL_SIGNAL_TEST_DIR";

/// Runs only as the child (a no-op in a normal test run).
#[test]
fn signal_child() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return;
    };
    let dir = PathBuf::from(dir);
    let store = Store::at(&dir).unwrap();
    let mut m = support::meeting(TableKind::Uno, support::at(2026, 11, 22, 9, 30), "Anna");
    let saver = Autosaver::new(store.create(&m).unwrap());
    m.cases[0].notes = "eerste wijziging".into();
    assert_eq!(saver.note_change(&m).unwrap(), SaveState::Saved);
    m.cases[0].notes = "tweede wijziging, nog niet op schijf".into();
    assert!(matches!(
        saver.note_change(&m).unwrap(),
        SaveState::Pending(_)
    ));
    let marker = dir.join("terminal-restored");
    let _handler = session::install_signal_handler(Some(saver.handle()), move || {
        std::fs::write(&marker, "ok").unwrap();
    })
    .unwrap();
    // on a line of its own (libtest prints "test signal_child ... " before it)
    println!("\nREADY {}", saver.session_path().display());
    // the main thread is stuck (as in a spinning poll after a hang-up): only the signal thread
    // acts. Never outlive a parent that gave up.
    std::thread::sleep(Duration::from_secs(60));
    std::process::exit(3);
}

fn run_child(signal: i32, dir: &Path) -> (std::process::ExitStatus, PathBuf) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "signal_child",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env(CHILD_ENV, dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(at) = line.find("READY ") {
                let _ = tx.send(PathBuf::from(&line[at + 6..]));
            }
        }
    });
    let session = match rx.recv_timeout(Duration::from_secs(30)) {
        Ok(path) => path,
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the child did not get ready");
        }
    };
    assert!(
        session::lock_path(&session).exists(),
        "child holds the lock"
    );
    // SAFETY: kill(2) on our own child's pid.
    assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, signal) }, 0);
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("child did not exit after signal {signal}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (status, session)
}

#[test]
fn termination_signals_save_release_restore_and_exit_zero() {
    for signal in [libc::SIGHUP, libc::SIGTERM, libc::SIGINT] {
        let tmp = tempfile::tempdir().unwrap();
        let (status, path) = run_child(signal, tmp.path());
        assert_eq!(status.code(), Some(0), "signal {signal}: {status:?}");
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("terminal-restored")).unwrap(),
            "ok"
        );
        assert!(!session::lock_path(&path).exists(), "lock file removed");
        let opened = Session::open(&path).expect("lock free again");
        assert_eq!(
            opened.meeting.cases[0].notes,
            "tweede wijziging, nog niet op schijf"
        );
        assert!(opened.recovery.is_none() && opened.stale_lock.is_none());
        assert!(support::temp_files(&tmp.path().join("sessions")).is_empty());
    }
}
