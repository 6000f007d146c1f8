//! The session commands without a terminal: `tafel export` (against the reviewed minutes
//! snapshot), `tafel open` / `tafel export` on a corrupt file (never touched, file:line:col),
//! `tafel purge` (dry run, confirmation, locked sessions kept), and the screens refusing to start
//! without a terminal before any file is created.

#[path = "common/export_sample.rs"]
mod export_sample;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use chrono::{Duration, Local, NaiveDateTime};
use tafel::case::TableKind;
use tafel::meeting::{Meeting, MeetingCase};
use tafel::session::{self, SessionLock, Store};

/// Runs tafel with an isolated data and config directory under `home`, `stdin` as its input.
fn tafel(home: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tafel"))
        .args(args)
        .env_remove("TAFEL_CONFIG")
        .env("TAFEL_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("HOME", home)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tafel runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every file in `dir` with its bytes.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let bytes = fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    out.sort();
    out
}

/// The content of an insta snapshot file (after its `---` header).
fn snapshot_body(path: &Path) -> String {
    let snap = fs::read_to_string(path).unwrap();
    let rest = snap.strip_prefix("---\n").expect("snapshot header");
    let at = rest.find("\n---\n").expect("end of snapshot header");
    rest[at + 5..].to_string()
}

#[test]
fn export_prints_the_reviewed_minutes() {
    let tmp = tempfile::tempdir().unwrap();
    let set = export_sample::rules();
    let meeting = export_sample::sample_meeting(&set);
    let file = tmp.path().join("2026-11-22_uno_0930.ron");
    fs::write(&file, session::to_ron(&meeting)).unwrap();
    let before = fs::read(&file).unwrap();
    let out = tafel(
        tmp.path(),
        &["export", file.to_str().unwrap(), "--format", "md"],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let expected = snapshot_body(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/snapshots-export/minutes_uno_2026_11_22.snap"),
    );
    let stdout = text(&out.stdout);
    assert_eq!(
        stdout.trim_end(),
        expected.trim_end(),
        "tafel export differs from the reviewed snapshot"
    );
    assert_eq!(fs::read(&file).unwrap(), before, "export never writes");
    assert_eq!(files(tmp.path()).len(), 1, "no lock or other file left");
}

/// A session file cut off in the middle (a disk that filled up, a bad copy).
fn corrupt_session(dir: &Path) -> PathBuf {
    let m = Meeting::new(
        TableKind::Uno,
        NaiveDateTime::parse_from_str("2026-11-22 09:30", "%Y-%m-%d %H:%M").unwrap(),
        "Anna",
    );
    let mut m = m;
    m.cases.push(MeetingCase::new("UNO-1", "Eerste casus"));
    let full = session::to_ron(&m);
    let cut = &full[..full.find("title").unwrap() + 12];
    let path = dir.join("2026-11-22_uno_0930.ron");
    fs::write(&path, cut).unwrap();
    path
}

#[test]
fn a_corrupt_session_is_left_untouched_by_open_and_export() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    fs::create_dir_all(&dir).unwrap();
    let file = corrupt_session(&dir);
    let before = files(&dir);
    let name = file.display().to_string();
    // the string is cut off on the last line
    let last_line = fs::read_to_string(&file).unwrap().lines().count();
    for args in [
        vec!["open", name.as_str()],
        vec!["open", name.as_str(), "--alleen-lezen"],
        vec!["export", name.as_str(), "--format", "md"],
    ] {
        let out = tafel(tmp.path(), &args, "");
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(&format!("{name}:{last_line}:")),
            "{args:?}: names file and line: {err}"
        );
        assert!(
            err.contains("onaangeroerd"),
            "{args:?}: says it is not touched: {err}"
        );
        assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
        assert_eq!(
            files(&dir),
            before,
            "{args:?}: the file is byte-for-byte unchanged, no lock or recovery file is left"
        );
    }
    let out = tafel(tmp.path(), &["open", &name], "");
    assert!(
        text(&out.stderr).contains("--kopie-lezen"),
        "offers the read-only copy"
    );
}

#[test]
fn screens_refuse_without_a_terminal_before_creating_anything() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [vec!["--date", "2026-11-22"], vec!["new", "--tafel", "uno"]] {
        let out = tafel(tmp.path(), &args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            text(&out.stderr).contains("terminal"),
            "{}",
            text(&out.stderr)
        );
        let sessions = tmp.path().join("data/sessions");
        assert!(
            !sessions.exists() || fs::read_dir(&sessions).unwrap().next().is_none(),
            "{args:?}: no session file was created"
        );
    }
    let out = tafel(
        tmp.path(),
        &["open", "/nergens/2026-01-01_uno_0900.ron"],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
}

struct PurgeHome {
    tmp: tempfile::TempDir,
    old: PathBuf,
    old_with_recovery: PathBuf,
    old_locked: PathBuf,
    recent: PathBuf,
}

fn purge_home() -> PurgeHome {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::at(&tmp.path().join("data")).unwrap();
    let at = |days_ago: i64, hour: u32| {
        (Local::now().date_naive() - Duration::days(days_ago))
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    };
    let create = |days_ago, hour| {
        let mut m = Meeting::new(TableKind::Uno, at(days_ago, hour), "Anna");
        m.cases.push(MeetingCase::new("UNO-1", "Casus"));
        let mut s = store.create(&m).unwrap();
        let path = s.path().to_path_buf();
        s.close().unwrap();
        path
    };
    let old = create(400, 9);
    let old_with_recovery = create(200, 10);
    let old_locked = create(100, 11);
    let recent = create(3, 12);
    let m = Meeting::new(TableKind::Uno, at(200, 10), "Anna");
    session::write_recovery_file(&old_with_recovery, &m).unwrap();
    PurgeHome {
        tmp,
        old,
        old_with_recovery,
        old_locked,
        recent,
    }
}

#[test]
fn purge_lists_asks_and_removes_only_old_unlocked_sessions() {
    let h = purge_home();
    let home = h.tmp.path();
    let dir = home.join("data/sessions");
    // another tafel holds this one
    let lock = SessionLock::acquire(&h.old_locked).unwrap();
    let name = |p: &Path| p.file_name().unwrap().to_string_lossy().into_owned();

    // dry run: lists, removes nothing
    let before = files(&dir);
    let out = tafel(home, &["purge", "--older-than", "30", "--dry-run"], "");
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(stdout.contains(&name(&h.old)), "{stdout}");
    assert!(stdout.contains(&name(&h.old_with_recovery)), "{stdout}");
    assert!(
        stdout
            .lines()
            .any(|l| l.contains(&name(&h.old_locked)) && l.contains("NIET verwijderd")),
        "the locked one is listed as kept: {stdout}"
    );
    assert!(!stdout.contains(&name(&h.recent)), "{stdout}");
    assert!(stdout.contains("niets verwijderd"), "{stdout}");
    assert_eq!(files(&dir), before, "a dry run changes nothing");

    // asked, and not confirmed
    let out = tafel(home, &["purge", "--older-than", "30"], "n\n");
    assert!(text(&out.stderr).contains("Verwijder 2 sessies? [j/N]"));
    assert!(text(&out.stdout).contains("Niets verwijderd"));
    assert_eq!(files(&dir), before);

    // no answer at all (stdin closed) is no
    let out = tafel(home, &["purge", "--older-than", "30"], "");
    assert!(out.status.success());
    assert_eq!(files(&dir), before);

    // confirmed on stdin
    let out = tafel(home, &["purge", "--older-than", "30"], "j\n");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("2 sessies verwijderd"));
    assert!(!h.old.exists() && !h.old_with_recovery.exists());
    assert!(
        !session::recovery_path(&h.old_with_recovery).exists(),
        "its recovery file went too"
    );
    assert!(
        !session::lock_path(&h.old).exists(),
        "and no lock file is left"
    );
    assert!(h.old_locked.exists(), "a locked session is never removed");
    assert!(h.recent.exists(), "a recent session stays");
    drop(lock);
}

#[test]
fn purge_with_ja_does_not_ask() {
    let h = purge_home();
    let home = h.tmp.path();
    let out = tafel(home, &["purge", "--older-than", "150", "--ja"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!text(&out.stderr).contains("[j/N]"));
    assert!(!h.old.exists() && !h.old_with_recovery.exists());
    assert!(h.old_locked.exists(), "younger than 150 days");
    assert!(h.recent.exists());
    // nothing left to remove
    let out = tafel(home, &["purge", "--older-than", "150", "--ja"], "");
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("(geen)"));
}
