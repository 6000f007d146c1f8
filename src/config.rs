//! Where configuration text comes from: a directory on disk, or the copy embedded in the binary
//! at build time (so `tafel` runs its demo anywhere).

use std::fmt;
use std::path::{Path, PathBuf};

/// One configuration file: its path (for messages) and text.
#[derive(Clone, Debug)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub text: String,
}

/// A set of files making up a configuration (config/…), in a stable order.
#[derive(Clone, Debug, Default)]
pub struct ConfigSource {
    pub files: Vec<ConfigFile>,
}

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

impl ConfigSource {
    /// The configuration shipped with this build (the repository's `config/`).
    pub fn embedded() -> ConfigSource {
        ConfigSource {
            files: embedded::CONFIG
                .iter()
                .map(|(path, text)| ConfigFile {
                    path: PathBuf::from(path),
                    text: text.to_string(),
                })
                .collect(),
        }
    }

    /// Reads `dir` (the layout of docs/config-format.md). Unreadable files are reported with
    /// their path; nothing is skipped silently.
    pub fn from_dir(dir: &Path) -> Result<ConfigSource, ConfigReadError> {
        let mut files = Vec::new();
        let mut paths = Vec::new();
        for name in ["facts.ron", "params.ron", "register.ron"] {
            paths.push(dir.join(name));
        }
        for sub in ["rules", "checklists"] {
            let subdir = dir.join(sub);
            if !subdir.is_dir() {
                continue;
            }
            let entries = std::fs::read_dir(&subdir).map_err(|e| ConfigReadError {
                path: subdir.clone(),
                position: None,
                message: e.to_string(),
            })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .collect();
            found.sort();
            paths.extend(found);
        }
        for path in paths {
            let bytes = std::fs::read(&path).map_err(|e| ConfigReadError {
                path: path.clone(),
                position: None,
                message: e.to_string(),
            })?;
            let text = String::from_utf8(bytes).map_err(|e| {
                let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let before = String::from_utf8_lossy(valid);
                let line = before.matches('\n').count() + 1;
                let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                ConfigReadError {
                    path: path.clone(),
                    position: Some((line, col)),
                    message: format!("geen geldige UTF-8 (byte {})", valid.len()),
                }
            })?;
            files.push(ConfigFile { path, text });
        }
        Ok(ConfigSource { files })
    }

    pub fn file(&self, name: &str) -> Option<&ConfigFile> {
        self.files.iter().find(|f| {
            f.path.file_name().is_some_and(|n| n == name)
                && f.path
                    .parent()
                    .is_some_and(|p| !p.ends_with("rules") && !p.ends_with("checklists"))
        })
    }

    pub fn in_subdir<'a>(&'a self, sub: &'a str) -> impl Iterator<Item = &'a ConfigFile> + 'a {
        self.files
            .iter()
            .filter(move |f| f.path.parent().is_some_and(|p| p.ends_with(sub)))
    }
}

#[derive(Debug, Clone)]
pub struct ConfigReadError {
    pub path: PathBuf,
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for ConfigReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => {
                write!(f, "{}:{line}:{col}: {}", self.path.display(), self.message)
            }
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigReadError {}

/// The sample cases shipped with this build.
pub fn embedded_sample_cases() -> Vec<ConfigFile> {
    embedded::SAMPLE_CASES
        .iter()
        .map(|(path, text)| ConfigFile {
            path: PathBuf::from(path),
            text: text.to_string(),
        })
        .collect()
}

/// RON options for every configuration and case file: `Some(…)` may be left out around optional
/// values, which policy staff otherwise trip over.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}
