//! Session store: create, save, lock, corrupt files, migration, recovery, permissions, autosave.

#[path = "session_support.rs"]
mod support;

use std::fs;
use std::time::{Duration, Instant};

use tafel::case::TableKind;
use tafel::meeting::FORMAT_VERSION;
use tafel::session::{self, Autosaver, SaveState, Session, SessionError, Store};

use support::*;

fn store() -> (tempfile::TempDir, Store) {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::at(&tmp.path().join("data")).unwrap();
    (tmp, store)
}

#[test]
fn create_writes_at_once_under_date_table_time() {
    let (_tmp, store) = store();
    let m = meeting(TableKind::Uno, at(2026, 11, 22, 9, 30), "Anna");
    let session = store.create(&m).unwrap();
    assert_eq!(
        session.path().file_name().unwrap(),
        "2026-11-22_uno_0930.ron"
    );
    let opened = Session::open_read_only(session.path()).unwrap();
    assert_eq!(opened.meeting, m);
    // listed in review before any change
    let list = session::list_sessions(store.sessions_dir()).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].chair, "Anna");
}

#[test]
fn create_never_overwrites_another_meeting() {
    let (_tmp, store) = store();
    let m = meeting(
        TableKind::Geboortezorgnetwerk,
        at(2026, 11, 22, 9, 30),
        "Anna",
    );
    let first = store.create(&m).unwrap();
    let before = fs::read(first.path()).unwrap();
    let mut other = m.clone();
    other.chair = "Bert".into();
    let second = store.create(&other).unwrap();
    assert_eq!(
        second.path().file_name().unwrap(),
        "2026-11-22_gzn_0930_2.ron"
    );
    assert_eq!(fs::read(first.path()).unwrap(), before);
    assert_eq!(
        Session::open_read_only(second.path())
            .unwrap()
            .meeting
            .chair,
        "Bert"
    );
}

#[test]
fn save_is_atomic_and_leaves_no_temp_files() {
    let (_tmp, store) = store();
    let mut m = meeting(TableKind::Uno, at(2026, 11, 22, 9, 30), "Anna");
    let mut session = store.create(&m).unwrap();
    for i in 0..20 {
        m.cases[0].notes.push_str(&format!(" regel {i}"));
        session.save(&m).unwrap();
    }
    assert!(
        temp_files(store.sessions_dir()).is_empty(),
        "{:?}",
        temp_files(store.sessions_dir())
    );
    drop(session);
    let reopened = Session::open(&store.sessions_dir().join("2026-11-22_uno_0930.ron")).unwrap();
    assert_eq!(reopened.meeting, m);
    assert_eq!(reopened.migrated_from, None);
}

#[test]
fn stray_temp_files_of_a_crash_are_removed_by_the_next_holder() {
    let (_tmp, store) = store();
    let m = meeting(TableKind::Uno, at(2026, 11, 22, 9, 30), "Anna");
    let path = store.create(&m).unwrap().path().to_path_buf();
    let stray = store
        .sessions_dir()
        .join(".2026-11-22_uno_0930.ron.tmp.99999.0");
    fs::write(&stray, "half").unwrap();
    let _opened = Session::open(&path).unwrap();
    assert!(!stray.exists());
}

#[cfg(unix)]
#[test]
fn permissions_are_0700_and_0600() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("nieuw").join("tafel");
    let store = Store::at(&data).unwrap();
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(store.sessions_dir()), 0o700);
    let m = meeting(TableKind::Uno, at(2026, 11, 22, 9, 30), "Anna");
    let mut session = store.create(&m).unwrap();
    assert_eq!(mode(session.path()), 0o600);
    session.save(&m).unwrap();
    assert_eq!(mode(session.path()), 0o600);
    assert_eq!(mode(&session::lock_path(session.path())), 0o600);
    let recovery = session.write_recovery(&m).unwrap();
    assert_eq!(mode(&recovery), 0o600);
    // an existing, too open sessions dir is tightened
    let loose = tmp.path().join("loose");
    fs::create_dir_all(loose.join("sessions")).unwrap();
    fs::set_permissions(
        loose.join("sessions"),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    Store::at(&loose).unwrap();
    assert_eq!(mode(&loose.join("sessions")), 0o700);
}

#[test]
fn second_opener_is_told_who_holds_it_and_may_read() {
    let (_tmp, store) = store();
    let m = meeting(TableKind::Uno, at(2026, 11, 22, 9, 30), "Anna");
    let first = store.create(&m).unwrap();
    let path = first.path().to_path_buf();
    let err = Session::open(&path).unwrap_err();
    let SessionError::Locked {
        holder: Some(holder),
        ..
    } = &err
    else {
        panic!("expected Locked, got {err:?}")
    };
    assert_eq!(holder.pid, std::process::id());
    assert!(!holder.user.is_empty() && !holder.host.is_empty());
    let message = err.to_string();
    assert!(
        message.contains("in gebruik door") && message.contains(&format!("(pid {})", holder.pid)),
        "{message}"
    );
    assert!(
        message.contains(" op ") && message.contains(" sinds "),
        "{message}"
    );

    let mut read_only = Session::open_read_only(&path).unwrap();
    assert_eq!(read_only.meeting, m);
    assert!(read_only.session.is_read_only());
    assert!(matches!(
        read_only.session.save(&m),
        Err(SessionError::ReadOnly { .. })
    ));

    // released on drop: now it opens for writing
    drop(first);
    assert!(!session::lock_path(&path).exists());
    let second = Session::open(&path).unwrap();
    assert!(!second.session.is_read_only());
    assert!(second.stale_lock.is_none());
}

#[test]
fn read_only_viewer_sees_the_holders_saves() {
    let (_tmp, store) = store();
    let mut m = meeting(TableKind::Uno, at(2026, 11, 22, 9, 30), "Anna");
    let mut writer = store.create(&m).unwrap();
    let mut viewer = Session::open_read_only(writer.path()).unwrap().session;
    assert!(viewer.reload_if_changed().unwrap().is_none());
    m.cases[1].decision = "Naar het UNO".into();
    writer.save(&m).unwrap();
    assert_eq!(viewer.reload_if_changed().unwrap().unwrap().meeting, m);
    assert!(viewer.reload_if_changed().unwrap().is_none());
}

#[test]
fn stale_lock_of_a_dead_process_is_taken_over() {
    let (_tmp, store) = store();
    let m = meeting(TableKind::Uno, at(2026, 11, 22, 9, 30), "Anna");
    let path = store.create(&m).unwrap().path().to_path_buf();
    // a lock file as a killed process leaves it: holder written, OS lock gone
    fs::write(
        session::lock_path(&path),
        "LockHolder(user: \"bert\", host: \"oud\", pid: 999999, since: \"2026-11-22T09:31:00\")\n",
    )
    .unwrap();
    let opened = Session::open(&path).unwrap();
    let stale = opened.stale_lock.expect("stale holder reported");
    assert_eq!((stale.user.as_str(), stale.pid), ("bert", 999999));
    let now = session::read_lock_holder(&path).unwrap();
    assert_eq!(now.pid, std::process::id());
}

const CORRUPT: &str = "Meeting(\n  format_version: 1,\n  table: uno,\n  date: \"2026-11-22\",\n  started_at: \"2026-11-22T09:30:00\",\n  chair: \"Anna\n";

#[test]
fn corrupt_file_is_reported_with_line_and_column_and_never_touched() {
    let (_tmp, store) = store();
    let path = store.sessions_dir().join("2026-11-22_uno_0930.ron");
    fs::write(&path, CORRUPT).unwrap();
    let before = fs::read(&path).unwrap();

    let err = Session::open(&path).unwrap_err();
    let SessionError::Parse(parse) = &err else {
        panic!("expected Parse, got {err:?}")
    };
    assert_eq!(parse.path, path);
    assert!(parse.line >= 6, "{parse}");
    assert!(parse.column >= 1);
    let shown = err.to_string();
    assert!(
        shown.contains("2026-11-22_uno_0930.ron:") && shown.contains("onaangeroerd"),
        "{shown}"
    );
    assert!(Session::open_read_only(&path).is_err());
    // the lock taken during the failed open is released
    assert!(!session::lock_path(&path).exists());
    // a read-only look at the raw text
    assert_eq!(parse.raw_text().unwrap(), CORRUPT);

    // start fresh: a new file beside it, saved and autosaved, the corrupt one untouched
    let fresh = meeting(TableKind::Uno, at(2026, 11, 22, 9, 30), "Anna");
    let mut session = store.create(&fresh).unwrap();
    assert_ne!(session.path(), path);
    session.save(&fresh).unwrap();
    let saver = Autosaver::new(session);
    saver.note_change(&fresh).unwrap();
    saver.close().unwrap();
    // and listed with its error, not skipped
    let list = session::list_sessions(store.sessions_dir()).unwrap();
    assert_eq!(list.len(), 2);
    assert!(
        list.iter()
            .any(|s| s.path == path && s.error.is_some() && s.table == Some(TableKind::Uno))
    );
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_save_over_a_file_corrupted_behind_our_back_goes_to_recovery() {
    let (_tmp, store) = store();
    let mut m = meeting(TableKind::Uno, at(2026, 11, 22, 9, 30), "Anna");
    let mut session = store.create(&m).unwrap();
    let path = session.path().to_path_buf();
    fs::write(&path, CORRUPT).unwrap();
    m.cases[0].notes = "nieuwe notitie".into();
    let err = session.save(&m).unwrap_err();
    assert!(matches!(err, SessionError::ChangedOnDisk { .. }), "{err:?}");
    assert_eq!(fs::read_to_string(&path).unwrap(), CORRUPT);
    let recovery = session.find_recovery().unwrap();
    assert_eq!(recovery.meeting.unwrap(), m);
    assert!(temp_files(store.sessions_dir()).is_empty());
}

const V0: &str = r#"// tafel 0.0 (concept)
Meeting(
  format_version: 0,
  table: geboortezorgnetwerk,
  date: "2025-03-04",
  started_at: "2025-03-04T13:00:00",
  ended_at: Some("2025-03-04T14:10:00"),
  chair: "Anna",
  cases: [
    MeetingCase(
      id: "GZN-2025-002",
      title: "Jonge moeder",
      facts: { "pregnant": true },
      remarks: "Oma helpt mee.",
      decision: "Buurtteam",
      actions: [ Action(who: "Joost", what: "Bellen", due: "2025-03-11") ],
      status: besproken,
    ),
  ],
)
"#;

#[test]
fn v0_migrates_in_memory_and_the_file_is_rewritten_only_by_a_save() {
    let (_tmp, store) = store();
    let path = store.sessions_dir().join("2025-03-04_gzn_1300.ron");
    fs::write(&path, V0).unwrap();
    let mut opened = Session::open(&path).unwrap();
    assert_eq!(opened.migrated_from, Some(0));
    let m = &mut opened.meeting;
    assert_eq!(m.format_version, FORMAT_VERSION);
    assert!(m.attendees.is_empty());
    assert_eq!(m.cases[0].notes, "Oma helpt mee.");
    assert_eq!(m.cases[0].seconds_spent, 0);
    assert_eq!(m.cases[0].actions[0].who, "Joost");
    // opening, listing and closing do not rewrite it
    let list = session::list_sessions(store.sessions_dir()).unwrap();
    assert_eq!(list[0].migrated_from, Some(0));
    assert_eq!(fs::read_to_string(&path).unwrap(), V0);
    // a save after a change writes the current format
    m.cases[0].decision = "Buurtteam J&G".into();
    let m = m.clone();
    opened.session.save(&m).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.contains(&format!("format_version: {FORMAT_VERSION}"))
            && text.contains("notes: \"Oma helpt mee.\"")
    );
    drop(opened);
    let again = Session::open(&path).unwrap();
    assert_eq!(again.migrated_from, None);
    assert_eq!(again.meeting, m);
}

#[test]
fn unversioned_v0_and_too_new_files() {
    let (_tmp, store) = store();
    let unversioned = store.sessions_dir().join("a.ron");
    fs::write(&unversioned, V0.replace("  format_version: 0,\n", "")).unwrap();
    assert_eq!(
        Session::open_read_only(&unversioned).unwrap().migrated_from,
        Some(0)
    );
    let newer = store.sessions_dir().join("b.ron");
    let text = V0
        .replace("format_version: 0", "format_version: 7")
        .replace("remarks", "notes");
    fs::write(&newer, &text).unwrap();
    let err = Session::open(&newer).unwrap_err();
    assert!(err.to_string().contains("versie 7"), "{err}");
    assert_eq!(fs::read_to_string(&newer).unwrap(), text);
}

#[test]
fn recovery_write_find_recover_discard() {
    let (_tmp, store) = store();
    let mut m = meeting(TableKind::Veldtafel, at(2026, 11, 22, 14, 0), "Anna");
    let session = store.create(&m).unwrap();
    let path = session.path().to_path_buf();
    assert!(session.find_recovery().is_none());
    m.cases[1].notes = "na de crash".into();
    let written = session.write_recovery(&m).unwrap();
    assert_eq!(
        written.file_name().unwrap(),
        "2026-11-22_veldtafel_1400.recovery.ron"
    );
    drop(session);

    // on start: found in the store and when opening
    let found = store.find_recoveries();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].session, path);
    assert!(session::list_sessions(store.sessions_dir()).unwrap()[0].has_recovery);
    let mut opened = Session::open(&path).unwrap();
    assert_eq!(
        opened.recovery.as_ref().unwrap().meeting.as_ref().unwrap(),
        &m
    );
    let recovered = opened.session.recover().unwrap();
    assert_eq!(recovered, m);
    assert!(opened.session.find_recovery().is_none());
    drop(opened);
    assert_eq!(Session::open_read_only(&path).unwrap().meeting, m);

    // discard
    let mut opened = Session::open(&path).unwrap();
    let mut other = m.clone();
    other.chair = "Bert".into();
    opened.session.write_recovery(&other).unwrap();
    opened.session.discard_recovery().unwrap();
    assert!(opened.session.find_recovery().is_none());
    assert!(matches!(
        opened.session.recover(),
        Err(SessionError::NoRecovery { .. })
    ));
    assert_eq!(Session::open_read_only(&path).unwrap().meeting, m);

    // a recovery identical to the session is dropped silently on open
    opened.session.write_recovery(&m).unwrap();
    drop(opened);
    assert!(Session::open(&path).unwrap().recovery.is_none());
}

#[test]
fn autosave_coalesces_bursts_but_never_waits_more_than_a_second() {
    let (_tmp, store) = store();
    let mut m = meeting(TableKind::Uno, at(2026, 11, 22, 9, 30), "Anna");
    let saver = Autosaver::new(store.create(&m).unwrap());
    let path = saver.session_path().to_path_buf();
    let on_disk = || Session::open_read_only(&path).unwrap().meeting;
    let t0 = Instant::now();
    let ms = |n| t0 + Duration::from_millis(n);

    m.cases[0].notes = "a".into();
    assert_eq!(saver.note_change_at(&m, ms(0)).unwrap(), SaveState::Saved); // leading edge
    assert_eq!(on_disk(), m);
    for (i, t) in [100, 200, 900].into_iter().enumerate() {
        m.cases[0].notes = format!("burst {i}");
        assert_eq!(
            saver.note_change_at(&m, ms(t)).unwrap(),
            SaveState::Pending(ms(1000))
        );
    }
    assert_eq!(
        saver.tick_at(ms(999)).unwrap(),
        SaveState::Pending(ms(1000))
    );
    assert_ne!(on_disk(), m);
    assert_eq!(saver.tick_at(ms(1000)).unwrap(), SaveState::Saved);
    assert_eq!(on_disk(), m);
    assert_eq!(saver.tick_at(ms(1100)).unwrap(), SaveState::Clean);
    assert_eq!(saver.deadline(), None);

    // after a quiet second, the next change is written at once again
    m.cases[0].notes = "later".into();
    assert_eq!(
        saver.note_change_at(&m, ms(2500)).unwrap(),
        SaveState::Saved
    );
    m.cases[0].notes = "pending".into();
    saver.note_change_at(&m, ms(2600)).unwrap();
    assert!(saver.is_dirty());
    saver.close().unwrap(); // flushes and releases the lock
    assert_eq!(on_disk(), m);
    assert!(!session::lock_path(&path).exists());
}

#[test]
fn shutdown_saves_pending_releases_lock_and_refuses_later_changes() {
    let (_tmp, store) = store();
    let mut m = meeting(TableKind::Uno, at(2026, 11, 22, 9, 30), "Anna");
    let saver = Autosaver::new(store.create(&m).unwrap());
    let path = saver.session_path().to_path_buf();
    m.cases[0].notes = "een".into();
    saver.note_change(&m).unwrap();
    m.cases[0].notes = "twee".into();
    assert!(matches!(
        saver.note_change(&m).unwrap(),
        SaveState::Pending(_)
    ));
    let handle = saver.handle();
    // the panic hook's path: the pending copy to the recovery file
    let recovery = handle.write_recovery().unwrap();
    assert_eq!(session::find_recovery(&path).unwrap().meeting.unwrap(), m);
    fs::remove_file(recovery).unwrap();
    let report = std::thread::spawn(move || handle.shutdown())
        .join()
        .unwrap();
    assert!(report.saved && report.error.is_none());
    assert_eq!(Session::open_read_only(&path).unwrap().meeting, m);
    assert!(!session::lock_path(&path).exists());
    assert!(matches!(saver.note_change(&m), Err(SessionError::Closed)));
    assert!(Session::open(&path).is_ok());
}

#[test]
fn file_name_helpers() {
    let m = meeting(TableKind::Geboortezorgnetwerk, at(2026, 1, 5, 8, 5), "Anna");
    assert_eq!(session::file_stem(&m), "2026-01-05_gzn_0805");
    let parsed =
        session::parse_file_name(std::path::Path::new("x/2026-01-05_veldtafel_1415_3.ron"))
            .unwrap();
    assert_eq!(
        parsed,
        (
            date(2026, 1, 5),
            TableKind::Veldtafel,
            chrono::NaiveTime::from_hms_opt(14, 15, 0).unwrap()
        )
    );
}

#[test]
fn dropping_the_autosaver_flushes_and_a_panic_goes_to_recovery() {
    let (_tmp, store) = store();
    let mut m = meeting(TableKind::Uno, at(2026, 11, 22, 9, 30), "Anna");
    let saver = Autosaver::new(store.create(&m).unwrap());
    let path = saver.session_path().to_path_buf();
    saver.note_change(&m).unwrap();
    m.cases[0].notes = "nog niet op schijf".into();
    saver.note_change(&m).unwrap();
    drop(saver);
    assert_eq!(Session::open_read_only(&path).unwrap().meeting, m);
    assert!(!session::lock_path(&path).exists());

    // a panic while a change is pending: the change goes to the recovery file, the session
    // file keeps the last save, the lock is released
    let Ok(opened) = Session::open(&path) else {
        panic!("reopen")
    };
    let saved = m.clone();
    let mut changed = m.clone();
    changed.cases[1].decision = "besluit vlak voor de crash".into();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let saver = Autosaver::new(opened.session);
        saver.note_change(&saved).unwrap();
        saver.note_change(&changed).unwrap();
        panic!("bug in de TUI");
    }));
    assert!(result.is_err());
    assert_eq!(Session::open_read_only(&path).unwrap().meeting, saved);
    assert_eq!(
        session::find_recovery(&path).unwrap().meeting.unwrap(),
        changed
    );
    assert!(!session::lock_path(&path).exists());
}
