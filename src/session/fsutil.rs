//! Small file-system helpers: private directories and files, atomic replacement, directory fsync.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};

/// Permissions of every directory this module creates.
pub const DIR_MODE: u32 = 0o700;
/// Permissions of every file this module writes.
pub const FILE_MODE: u32 = 0o600;

/// Creates `dir` and missing parents with mode 0700. An existing directory is left as it is.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    builder.mode(DIR_MODE);
    builder.create(dir)?;
    // umask may have removed bits we asked for; make the mode exact
    set_mode(dir, DIR_MODE)
}

/// Sets unix permission bits (no-op elsewhere).
pub fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        fs::set_permissions(path, fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (path, mode);
        Ok(())
    }
}

/// Opens a new file (it must not exist) with mode 0600 for writing.
pub fn create_new_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    options.mode(FILE_MODE);
    let file = options.open(path)?;
    #[cfg(unix)]
    file.set_permissions(fs::Permissions::from_mode(FILE_MODE))?;
    Ok(file)
}

/// fsync of a directory, so that a rename in it survives a power cut.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The file name of `path` as text (lossy), for temp-file names and messages.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Prefix of the temporary files written next to `target` (`.NAME.tmp.`); a lock holder removes
/// leftovers of a crash with [`remove_stale_temps`].
pub fn temp_prefix(target: &Path) -> String {
    format!(".{}.tmp.", file_name(target))
}

fn temp_path(target: &Path) -> PathBuf {
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    parent_dir(target).join(format!("{}{}.{n}", temp_prefix(target), std::process::id()))
}

/// Identity of a file version as we wrote or read it: a change by anyone else changes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    dev: u64,
    ino: u64,
    len: u64,
    mtime_ns: i128,
}

impl Stamp {
    pub fn of(meta: &fs::Metadata) -> Stamp {
        #[cfg(unix)]
        {
            Stamp {
                dev: meta.dev(),
                ino: meta.ino(),
                len: meta.len(),
                mtime_ns: meta.mtime() as i128 * 1_000_000_000 + meta.mtime_nsec() as i128,
            }
        }
        #[cfg(not(unix))]
        {
            let mtime_ns = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i128);
            Stamp {
                dev: 0,
                ino: 0,
                len: meta.len(),
                mtime_ns,
            }
        }
    }

    pub fn of_path(path: &Path) -> io::Result<Stamp> {
        fs::metadata(path).map(|m| Stamp::of(&m))
    }
}

/// How [`write_atomic`] may treat an existing file at the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replace {
    /// Replace it (rename over it).
    Yes,
    /// Fail with `AlreadyExists` if the target exists (a new session never overwrites another).
    Never,
}

/// Writes `bytes` to `target` atomically: a temporary file in the same directory (mode 0600),
/// write, fsync, rename (or hard link for [`Replace::Never`]), fsync of the directory. Readers
/// see the old file or the new one, never a mix; a crash leaves at most a stray temp file.
/// Returns the stamp of the new file.
pub fn write_atomic(target: &Path, bytes: &[u8], replace: Replace) -> io::Result<Stamp> {
    let tmp = temp_path(target);
    let result = (|| {
        let mut file = create_new_private(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        let stamp = Stamp::of(&file.metadata()?);
        drop(file);
        match replace {
            Replace::Yes => fs::rename(&tmp, target)?,
            Replace::Never => link_no_clobber(&tmp, target)?,
        }
        sync_dir(parent_dir(target))?;
        Ok(stamp)
    })();
    // after a rename the temp name is gone; after a link or a failure it must go
    let _ = fs::remove_file(&tmp);
    result
}

/// Puts `tmp` at `target` only if `target` does not exist.
fn link_no_clobber(tmp: &Path, target: &Path) -> io::Result<()> {
    match fs::hard_link(tmp, target) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => {
            // file systems without hard links: reserve the name, then rename over our own
            // (empty) reservation
            drop(create_new_private(target)?);
            fs::rename(tmp, target)
        }
    }
}

/// Removes temporary files that an earlier (crashed) writer of `target` left behind. Only the
/// holder of the session lock calls this, so no live writer is disturbed.
pub fn remove_stale_temps(target: &Path) {
    let prefix = temp_prefix(target);
    let Ok(entries) = fs::read_dir(parent_dir(target)) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = fs::remove_file(entry.path());
        }
    }
}
