//! The session store: where sessions live, creating, opening, saving, recovery files.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::{NaiveDate, NaiveTime};

use crate::case::TableKind;
use crate::meeting::Meeting;

use super::error::{ParseError, SessionError};
use super::format::{self, Parsed};
use super::fsutil::{self, Replace, Stamp};
use super::lock::{LockHolder, SessionLock};

/// The data directory: `$TAFEL_HOME` if set (and not empty), else the platform data directory
/// (`directories::ProjectDirs::from("nl", "tafel", "tafel")`, e.g. `~/.local/share/tafel`).
pub fn data_dir() -> Result<PathBuf, SessionError> {
    if let Some(home) = std::env::var_os("TAFEL_HOME")
        && !home.is_empty()
    {
        return Ok(PathBuf::from(home));
    }
    directories::ProjectDirs::from("nl", "tafel", "tafel")
        .map(|p| p.data_dir().to_path_buf())
        .ok_or(SessionError::NoDataDir)
}

/// The directory with the session files of a data directory.
pub fn sessions_dir_in(data_dir: &Path) -> PathBuf {
    data_dir.join("sessions")
}

/// The recovery file of a session: `x.ron` → `x.recovery.ron`.
pub fn recovery_path(session: &Path) -> PathBuf {
    let stem = session
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    fsutil::parent_dir(session).join(format!("{stem}.recovery.ron"))
}

/// Is this file name a session file (not a recovery, lock or temp file)?
pub fn is_session_file_name(name: &str) -> bool {
    name.ends_with(".ron") && !name.ends_with(".recovery.ron") && !name.starts_with('.')
}

fn table_slug(table: TableKind) -> &'static str {
    match table {
        TableKind::Geboortezorgnetwerk => "gzn",
        TableKind::Uno => "uno",
        TableKind::Veldtafel => "veldtafel",
    }
}

/// The file stem for a meeting: `2026-11-22_uno_0930` (date, table, start time).
pub fn file_stem(meeting: &Meeting) -> String {
    format!(
        "{}_{}_{}",
        meeting.date.format("%Y-%m-%d"),
        table_slug(meeting.table),
        meeting.started_at.format("%H%M")
    )
}

/// Reads date, table and start time back from a session file name (`…_2` suffixes allowed), e.g.
/// to sort or pre-fill a fresh meeting when the file itself cannot be read.
pub fn parse_file_name(path: &Path) -> Option<(NaiveDate, TableKind, NaiveTime)> {
    let stem = path.file_stem()?.to_str()?;
    let mut parts = stem.split('_');
    let date = NaiveDate::parse_from_str(parts.next()?, "%Y-%m-%d").ok()?;
    let table = TableKind::parse(parts.next()?)?;
    let time = NaiveTime::parse_from_str(parts.next()?, "%H%M").ok()?;
    Some((date, table, time))
}

/// A data directory with its `sessions/` (both created 0700 when missing).
#[derive(Clone, Debug)]
pub struct Store {
    data_dir: PathBuf,
    sessions_dir: PathBuf,
}

impl Store {
    /// The store in [`data_dir()`] (`$TAFEL_HOME` or the platform data directory).
    pub fn open_default() -> Result<Store, SessionError> {
        Store::at(&data_dir()?)
    }

    /// The store in `data_dir` (sessions in `data_dir/sessions`). Missing directories are created
    /// with mode 0700; an existing `sessions/` is tightened to 0700 (an existing data directory,
    /// which `TAFEL_HOME` may point anywhere, is left as it is).
    pub fn at(data_dir: &Path) -> Result<Store, SessionError> {
        let sessions_dir = sessions_dir_in(data_dir);
        fsutil::create_private_dir(data_dir).map_err(|e| SessionError::io(data_dir, e))?;
        fsutil::create_private_dir(&sessions_dir)
            .map_err(|e| SessionError::io(&sessions_dir, e))?;
        fsutil::set_mode(&sessions_dir, fsutil::DIR_MODE)
            .map_err(|e| SessionError::io(&sessions_dir, e))?;
        Ok(Store {
            data_dir: data_dir.to_path_buf(),
            sessions_dir,
        })
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn sessions_dir(&self) -> &Path {
        &self.sessions_dir
    }

    /// Writes a new meeting at once under a fresh, unique name (`2026-11-22_uno_0930.ron`, then
    /// `…_0930_2.ron`, …) and returns the locked session. Never overwrites any existing file.
    pub fn create(&self, meeting: &Meeting) -> Result<Session, SessionError> {
        Session::create_in(&self.sessions_dir, meeting)
    }

    /// Recovery files left in this store (by a panic or a failed save), for the offer on start.
    pub fn find_recoveries(&self) -> Vec<Recovery> {
        let Ok(entries) = fs::read_dir(&self.sessions_dir) else {
            return Vec::new();
        };
        let mut out: Vec<Recovery> = entries
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let stem = name.strip_suffix(".recovery.ron")?;
                if stem.starts_with('.') {
                    return None;
                }
                find_recovery(&self.sessions_dir.join(format!("{stem}.ron")))
            })
            .collect();
        out.sort_by_key(|r| std::cmp::Reverse(r.modified));
        out
    }
}

/// A recovery file found beside a session.
#[derive(Clone, Debug)]
pub struct Recovery {
    /// The session it belongs to (which may not exist if the crash came before the first save).
    pub session: PathBuf,
    pub path: PathBuf,
    pub modified: Option<SystemTime>,
    pub meeting: Result<Meeting, ParseError>,
}

/// Looks for `<session>.recovery.ron`.
pub fn find_recovery(session: &Path) -> Option<Recovery> {
    let path = recovery_path(session);
    let bytes = fs::read(&path).ok()?;
    let modified = fs::metadata(&path).and_then(|m| m.modified()).ok();
    let meeting = parse_bytes(&path, &bytes).map(|p| p.meeting);
    Some(Recovery {
        session: session.to_path_buf(),
        path,
        modified,
        meeting,
    })
}

/// Writes `meeting` to the recovery file of `session` (atomically, 0600). For panic hooks and
/// failed saves; it does not need the lock (it never touches the session file itself).
pub fn write_recovery_file(session: &Path, meeting: &Meeting) -> Result<PathBuf, SessionError> {
    let path = recovery_path(session);
    fsutil::write_atomic(&path, format::to_ron(meeting).as_bytes(), Replace::Yes)
        .map_err(|e| SessionError::io(&path, e))?;
    Ok(path)
}

/// Reads and parses a session file without locking it.
pub fn read_session_file(path: &Path) -> Result<(Parsed, Stamp), SessionError> {
    // stamp first: a change during the read then shows as a change at the next save
    let stamp = Stamp::of_path(path).map_err(|e| SessionError::io(path, e))?;
    let bytes = fs::read(path).map_err(|e| SessionError::io(path, e))?;
    let parsed = parse_bytes(path, &bytes).map_err(SessionError::Parse)?;
    Ok((parsed, stamp))
}

/// Parses the bytes of a session file (UTF-8 checked; `path` for messages).
pub fn parse_bytes(path: &Path, bytes: &[u8]) -> Result<Parsed, ParseError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        // the position of the first bad byte, as the other loaders give it
        let before = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
        ParseError {
            path: path.to_path_buf(),
            line: before.matches('\n').count() + 1,
            column: before.rsplit('\n').next().unwrap_or("").chars().count() + 1,
            message: format!("geen geldige UTF-8 (byte {})", e.valid_up_to()),
        }
    })?;
    format::parse(path, text)
}

/// A meeting opened from its file.
#[derive(Debug)]
pub struct Opened {
    pub session: Session,
    pub meeting: Meeting,
    /// Set when the file was in an older format and migrated in memory (the file is rewritten
    /// only by the next save).
    pub migrated_from: Option<u32>,
    /// A recovery file beside the session that differs from it: offer
    /// [`Session::recover`] / [`Session::discard_recovery`].
    pub recovery: Option<Recovery>,
    /// The previous holder of a stale lock we took over (that run did not close normally).
    pub stale_lock: Option<LockHolder>,
}

/// One meeting's file, locked for writing (or opened read-only).
#[derive(Debug)]
pub struct Session {
    path: PathBuf,
    lock: Option<SessionLock>,
    read_only: bool,
    /// The file as we last wrote or read it; a different file on disk was changed by someone else.
    stamp: Option<Stamp>,
    writer: format::CachedWriter,
}

impl Session {
    fn create_in(dir: &Path, meeting: &Meeting) -> Result<Session, SessionError> {
        let base = file_stem(meeting);
        let text = format::to_ron(meeting);
        for n in 1..10_000u32 {
            let stem = if n == 1 {
                base.clone()
            } else {
                format!("{base}_{n}")
            };
            let path = dir.join(format!("{stem}.ron"));
            if path.exists() || recovery_path(&path).exists() {
                continue;
            }
            let lock = match SessionLock::acquire(&path) {
                Ok(lock) => lock,
                Err(SessionError::Locked { .. }) => continue, // someone creates this very name now
                Err(e) => return Err(e),
            };
            match fsutil::write_atomic(&path, text.as_bytes(), Replace::Never) {
                Ok(stamp) => {
                    return Ok(Session {
                        path,
                        lock: Some(lock),
                        read_only: false,
                        stamp: Some(stamp),
                        writer: Default::default(),
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(SessionError::io(&path, e)),
            }
        }
        Err(SessionError::io(
            dir,
            io::Error::other("geen vrije bestandsnaam voor de sessie"),
        ))
    }

    /// Opens a session for writing: takes the lock ([`SessionError::Locked`] with the holder if
    /// another tafel has it), reads and migrates the file. A file that does not parse gives
    /// [`SessionError::Parse`] (file, line, column) and is never touched.
    pub fn open(path: &Path) -> Result<Opened, SessionError> {
        let lock = SessionLock::acquire(path)?;
        let (parsed, stamp) = read_session_file(path)?;
        fsutil::remove_stale_temps(path);
        fsutil::remove_stale_temps(&recovery_path(path));
        let stale_lock = lock.stale().cloned();
        let mut recovery = find_recovery(path);
        if recovery
            .as_ref()
            .is_some_and(|r| r.meeting.as_ref() == Ok(&parsed.meeting))
        {
            // the recovery holds nothing the session does not have
            let _ = fs::remove_file(recovery_path(path));
            recovery = None;
        }
        Ok(Opened {
            session: Session {
                path: path.to_path_buf(),
                lock: Some(lock),
                read_only: false,
                stamp: Some(stamp),
                writer: Default::default(),
            },
            meeting: parsed.meeting,
            migrated_from: parsed.migrated_from,
            recovery,
            stale_lock,
        })
    }

    /// Opens a session read-only (no lock taken; saving gives [`SessionError::ReadOnly`]). For
    /// review and for a second opener of a locked session.
    pub fn open_read_only(path: &Path) -> Result<Opened, SessionError> {
        let (parsed, stamp) = read_session_file(path)?;
        Ok(Opened {
            session: Session {
                path: path.to_path_buf(),
                lock: None,
                read_only: true,
                stamp: Some(stamp),
                writer: Default::default(),
            },
            meeting: parsed.meeting,
            migrated_from: parsed.migrated_from,
            recovery: find_recovery(path),
            stale_lock: None,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Our lock holder record (None when read-only or closed).
    pub fn lock_holder(&self) -> Option<&LockHolder> {
        self.lock.as_ref().map(|l| l.holder())
    }

    fn check_writable(&self) -> Result<(), SessionError> {
        if self.read_only {
            Err(SessionError::ReadOnly {
                path: self.path.clone(),
            })
        } else if self.lock.is_none() {
            Err(SessionError::Closed)
        } else {
            Ok(())
        }
    }

    /// Saves atomically (temp file in the same directory, write, fsync, rename, fsync of the
    /// directory). If the file on disk was replaced behind our back by something that does not
    /// parse, it is not overwritten: the meeting goes to the recovery file and
    /// [`SessionError::ChangedOnDisk`] is returned.
    pub fn save(&mut self, meeting: &Meeting) -> Result<(), SessionError> {
        self.check_writable()?;
        match Stamp::of_path(&self.path) {
            Ok(now) if Some(now) == self.stamp => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(SessionError::io(&self.path, e)),
            Ok(_) => {
                // changed by someone else: only a file that still parses may be replaced
                if let Err(SessionError::Parse(parse)) = read_session_file(&self.path) {
                    let recovery = write_recovery_file(&self.path, meeting).ok();
                    return Err(SessionError::ChangedOnDisk {
                        path: self.path.clone(),
                        parse,
                        recovery,
                    });
                }
            }
        }
        let text = self.writer.to_ron(meeting);
        let stamp = fsutil::write_atomic(&self.path, text.as_bytes(), Replace::Yes)
            .map_err(|e| SessionError::io(&self.path, e))?;
        self.stamp = Some(stamp);
        Ok(())
    }

    /// Writes `<session>.recovery.ron` (for the panic hook and a failed save).
    pub fn write_recovery(&self, meeting: &Meeting) -> Result<PathBuf, SessionError> {
        self.check_writable()?;
        write_recovery_file(&self.path, meeting)
    }

    pub fn recovery_path(&self) -> PathBuf {
        recovery_path(&self.path)
    }

    pub fn find_recovery(&self) -> Option<Recovery> {
        find_recovery(&self.path)
    }

    /// Takes the recovery file's meeting as the session's content: saves it into the session
    /// file, then removes the recovery file. Returns the recovered meeting.
    pub fn recover(&mut self) -> Result<Meeting, SessionError> {
        self.check_writable()?;
        let recovery = self
            .find_recovery()
            .ok_or_else(|| SessionError::NoRecovery {
                path: self.path.clone(),
            })?;
        let meeting = recovery.meeting.map_err(SessionError::Parse)?;
        self.save(&meeting)?;
        fs::remove_file(&recovery.path).map_err(|e| SessionError::io(&recovery.path, e))?;
        let _ = fsutil::sync_dir(fsutil::parent_dir(&recovery.path));
        Ok(meeting)
    }

    /// Removes the recovery file (the chair chose to keep the session as saved).
    pub fn discard_recovery(&self) -> Result<(), SessionError> {
        self.check_writable()?;
        let path = self.recovery_path();
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Err(SessionError::NoRecovery {
                path: self.path.clone(),
            }),
            Err(e) => Err(SessionError::io(&path, e)),
        }
    }

    /// For a read-only viewer: the meeting as now on disk, if the file changed since we read it
    /// (e.g. the chair's instance saved). `Ok(None)` when unchanged.
    pub fn reload_if_changed(&mut self) -> Result<Option<Parsed>, SessionError> {
        let now = Stamp::of_path(&self.path).map_err(|e| SessionError::io(&self.path, e))?;
        if Some(now) == self.stamp {
            return Ok(None);
        }
        let (parsed, stamp) = read_session_file(&self.path)?;
        self.stamp = Some(stamp);
        Ok(Some(parsed))
    }

    /// Releases the lock (removes the lock file). Saving afterwards gives [`SessionError::Closed`].
    /// Dropping a session does the same.
    pub fn close(&mut self) -> Result<(), SessionError> {
        if let Some(lock) = self.lock.take() {
            let path = lock.path().to_path_buf();
            lock.release().map_err(|e| SessionError::io(&path, e))?;
        }
        Ok(())
    }
}
