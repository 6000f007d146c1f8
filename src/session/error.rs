//! Errors of the session layer, with Dutch messages fit for the status bar and stderr.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use super::lock::LockHolder;

/// A session file that does not parse (or was written by a newer tafel). Such a file is never
/// overwritten; the caller may show it read-only ([`ParseError::raw_text`]) or start a fresh
/// meeting (a new file name: see [`super::Store::create`]).
#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    pub path: PathBuf,
    /// 1-based; 0 when the position is unknown.
    pub line: usize,
    /// 1-based; 0 when the position is unknown.
    pub column: usize,
    pub message: String,
}

impl ParseError {
    /// The bytes of the file as text (invalid UTF-8 replaced), for a read-only view of a file
    /// that cannot be opened as a meeting. Reading never changes the file.
    pub fn raw_text(&self) -> io::Result<String> {
        Ok(String::from_utf8_lossy(&std::fs::read(&self.path)?).into_owned())
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "{}:{}:{}: {}",
                self.path.display(),
                self.line,
                self.column,
                self.message
            )
        } else {
            write!(f, "{}: {}", self.path.display(), self.message)
        }
    }
}

impl std::error::Error for ParseError {}

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },

    /// The file does not parse; it is left untouched.
    #[error("sessiebestand niet te lezen (het blijft onaangeroerd): {0}")]
    Parse(ParseError),

    /// Another tafel holds the lock. Open read-only with [`super::Session::open_read_only`].
    #[error("{}: {}", path.display(), locked_message(holder.as_ref()))]
    Locked {
        path: PathBuf,
        holder: Option<LockHolder>,
    },

    #[error("{}: alleen-lezen geopend; wijzigingen worden niet opgeslagen", path.display())]
    ReadOnly { path: PathBuf },

    /// The file on disk was replaced by something that does not parse while we held it; it is
    /// not overwritten and the meeting went to the recovery file instead.
    #[error("{}: het bestand op schijf is door iets anders gewijzigd en niet meer leesbaar ({parse}); niet overschreven — de vergadering staat in {}", path.display(), recovery.as_ref().map_or("(geen herstelbestand)".to_string(), |p| p.display().to_string()))]
    ChangedOnDisk {
        path: PathBuf,
        parse: ParseError,
        recovery: Option<PathBuf>,
    },

    #[error("{}: er is geen herstelbestand", path.display())]
    NoRecovery { path: PathBuf },

    #[error("de sessie is al gesloten")]
    Closed,

    #[error("geen gegevensmap te vinden: zet TAFEL_HOME")]
    NoDataDir,
}

impl SessionError {
    pub(crate) fn io(path: &Path, source: io::Error) -> SessionError {
        SessionError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// The lock holder, for a [`SessionError::Locked`].
    pub fn holder(&self) -> Option<&LockHolder> {
        match self {
            SessionError::Locked { holder, .. } => holder.as_ref(),
            _ => None,
        }
    }
}

fn locked_message(holder: Option<&LockHolder>) -> String {
    match holder {
        Some(h) => h.message(),
        None => "in gebruik door een ander tafel-proces (gegevens onbekend)".to_string(),
    }
}
