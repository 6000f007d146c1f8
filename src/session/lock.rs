//! The per-session lock: a `<stem>.lock` file beside the session, locked with the standard
//! library's `File::try_lock` (an OS advisory lock: `flock` on unix) and holding, as RON, who
//! holds it. The OS drops the lock when the holder dies, so a lock file whose lock is free is
//! stale and is simply taken over (its old contents are reported as [`SessionLock::stale`]).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{Local, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};

use super::error::SessionError;
use super::fsutil;

#[cfg(unix)]
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};

/// Who holds a session: written into the lock file, shown to a second opener.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "LockHolder")]
pub struct LockHolder {
    pub user: String,
    pub host: String,
    pub pid: u32,
    pub since: NaiveDateTime,
}

impl LockHolder {
    /// This process, now.
    pub fn current() -> LockHolder {
        let now = Local::now().naive_local();
        LockHolder {
            user: current_user(),
            host: host_name(),
            pid: std::process::id(),
            since: now.with_nanosecond(0).unwrap_or(now),
        }
    }

    /// "in gebruik door anna op tafel-server (pid 4242) sinds 22-11-2026 09:30"
    pub fn message(&self) -> String {
        format!(
            "in gebruik door {} op {} (pid {}) sinds {}",
            self.user,
            self.host,
            self.pid,
            self.since.format("%d-%m-%Y %H:%M")
        )
    }
}

fn current_user() -> String {
    for var in ["USER", "LOGNAME", "USERNAME"] {
        if let Ok(v) = std::env::var(var)
            && !v.is_empty()
        {
            return v;
        }
    }
    #[cfg(unix)]
    {
        // SAFETY: getuid has no preconditions and cannot fail.
        format!("uid {}", unsafe { libc::getuid() })
    }
    #[cfg(not(unix))]
    {
        "onbekend".to_string()
    }
}

fn host_name() -> String {
    #[cfg(unix)]
    {
        let mut buf = [0u8; 256];
        // SAFETY: the buffer is valid for buf.len() bytes; gethostname NUL-terminates on success
        // (and we bound the read by the buffer regardless).
        let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
        if rc == 0 {
            let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
            let name = String::from_utf8_lossy(&buf[..end]).into_owned();
            if !name.is_empty() {
                return name;
            }
        }
    }
    std::env::var("HOSTNAME").unwrap_or_else(|_| "onbekende host".to_string())
}

/// A held session lock. Released (lock file removed, then unlocked) on [`SessionLock::release`]
/// or drop.
#[derive(Debug)]
pub struct SessionLock {
    path: PathBuf,
    file: Option<File>,
    holder: LockHolder,
    stale: Option<LockHolder>,
}

/// The lock file of a session: `x.ron` → `x.lock`.
pub fn lock_path(session: &Path) -> PathBuf {
    session.with_extension("lock")
}

fn open_lock_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    options.mode(fsutil::FILE_MODE);
    options.open(path)
}

/// Is `file` still the file at `path`? (Someone may have removed the lock file between our open
/// and our lock; then we locked an orphan and must try again.)
fn same_file(file: &File, path: &Path) -> io::Result<bool> {
    #[cfg(unix)]
    {
        let a = file.metadata()?;
        match fs::metadata(path) {
            Ok(b) => Ok(a.dev() == b.dev() && a.ino() == b.ino()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        Ok(true)
    }
}

fn read_holder(file: &mut File) -> Option<LockHolder> {
    let mut text = String::new();
    file.seek(SeekFrom::Start(0)).ok()?;
    file.read_to_string(&mut text).ok()?;
    crate::config::ron_options().from_str(&text).ok()
}

/// Reads who holds the lock of `session` from its lock file, without touching the lock.
pub fn read_lock_holder(session: &Path) -> Option<LockHolder> {
    let mut file = File::open(lock_path(session)).ok()?;
    read_holder(&mut file)
}

impl SessionLock {
    /// Takes the lock of the session at `session` (its `.lock` file). A second opener gets
    /// [`SessionError::Locked`] with the holder; a lock left by a dead process is taken over.
    #[allow(clippy::incompatible_msrv)] // File::try_lock: stable since 1.89; the toolchain is 1.95
    pub fn acquire(session: &Path) -> Result<SessionLock, SessionError> {
        let path = lock_path(session);
        let err = |e| SessionError::io(&path, e);
        for _ in 0..20 {
            let mut file = open_lock_file(&path).map_err(err)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    // the holder writes its name right after locking: give it a moment
                    let mut holder = read_holder(&mut file);
                    for _ in 0..5 {
                        if holder.is_some() {
                            break;
                        }
                        std::thread::sleep(Duration::from_millis(10));
                        holder = read_holder(&mut file);
                    }
                    return Err(SessionError::Locked {
                        path: session.to_path_buf(),
                        holder,
                    });
                }
                Err(fs::TryLockError::Error(e)) => return Err(err(e)),
            }
            if !same_file(&file, &path).map_err(err)? {
                continue;
            }
            let stale = read_holder(&mut file);
            let holder = LockHolder::current();
            let text = ron::ser::to_string_pretty(
                &holder,
                ron::ser::PrettyConfig::new().struct_names(true),
            )
            .expect("lock holder serialises");
            file.set_len(0).map_err(err)?;
            file.seek(SeekFrom::Start(0)).map_err(err)?;
            file.write_all(text.as_bytes()).map_err(err)?;
            file.write_all(b"\n").map_err(err)?;
            file.sync_data().map_err(err)?;
            let _ = fsutil::set_mode(&path, fsutil::FILE_MODE);
            return Ok(SessionLock {
                path,
                file: Some(file),
                holder,
                stale,
            });
        }
        Err(err(io::Error::other(
            "het slot bleef van eigenaar wisselen",
        )))
    }

    pub fn holder(&self) -> &LockHolder {
        &self.holder
    }

    /// The holder written in a lock file we took over (its process was gone): the previous
    /// run did not close normally, so the caller may want to look for a recovery file.
    pub fn stale(&self) -> Option<&LockHolder> {
        self.stale.as_ref()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Removes the lock file while still holding it, then unlocks (closing the descriptor).
    pub fn release(mut self) -> io::Result<()> {
        self.release_inner()
    }

    fn release_inner(&mut self) -> io::Result<()> {
        let Some(file) = self.file.take() else {
            return Ok(());
        };
        let removed = fs::remove_file(&self.path);
        drop(file); // closing the last descriptor releases the OS lock
        match removed {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

impl Drop for SessionLock {
    fn drop(&mut self) {
        let _ = self.release_inner();
    }
}
