//! Review of saved sessions (read-only): the list newest first, fuzzy search across all sessions,
//! and open action items across sessions. [`Review::load`] reads a directory once (in parallel)
//! and keeps a search index, so the TUI can search on every keystroke without touching the disk;
//! the free functions [`list_sessions`], [`search`] and [`open_actions`] are one-shot wrappers.

use std::cmp::Reverse;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::case::TableKind;
use crate::facts::RawValue;
use crate::meeting::{CaseStatus, Meeting};

use super::error::{ParseError, SessionError};
use super::fuzzy::{self, Query, Vocabulary};
use super::store::{
    self, data_dir, is_session_file_name, parse_file_name, recovery_path, sessions_dir_in,
};

/// The directory `tafel review [DIR]` reads: DIR (or DIR/sessions when DIR is a data directory),
/// else the sessions directory of the data directory.
pub fn review_dir(arg: Option<&Path>) -> Result<PathBuf, SessionError> {
    match arg {
        Some(dir) if sessions_dir_in(dir).is_dir() => Ok(sessions_dir_in(dir)),
        Some(dir) => Ok(dir.to_path_buf()),
        None => Ok(sessions_dir_in(&data_dir()?)),
    }
}

/// One line of the session list. Unreadable files are listed too, with their `error`.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionSummary {
    pub path: PathBuf,
    /// From the meeting, or from the file name when the file cannot be read.
    pub date: Option<NaiveDate>,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub table: Option<TableKind>,
    pub chair: String,
    pub cases: usize,
    pub cases_discussed: usize,
    pub open_actions: usize,
    /// A recovery file lies beside it (an earlier run crashed).
    pub has_recovery: bool,
    pub migrated_from: Option<u32>,
    pub error: Option<ParseError>,
}

/// Which part of a case a search hit is in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HitField {
    Id,
    Title,
    Summary,
    Notes,
    Decision,
    /// Action item (index in the case's actions): who and what.
    Action(usize),
    /// Fact name: "name: value".
    Fact(String),
    /// Checklist item id: its note.
    Checklist(String),
}

impl HitField {
    /// Dutch label for the result list.
    pub fn label(&self) -> String {
        match self {
            HitField::Id => "casus-id".into(),
            HitField::Title => "titel".into(),
            HitField::Summary => "inbreng".into(),
            HitField::Notes => "notities".into(),
            HitField::Decision => "besluit".into(),
            HitField::Action(i) => format!("actie {}", i + 1),
            HitField::Fact(name) => format!("feit {name}"),
            HitField::Checklist(id) => format!("checklist {id}"),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SearchHit {
    pub session: PathBuf,
    pub date: NaiveDate,
    pub table: TableKind,
    /// Index of the case in the meeting's agenda.
    pub case_index: usize,
    pub case_id: String,
    pub case_title: String,
    pub field: HitField,
    /// A short piece of the field around the match (one line).
    pub snippet: String,
    /// Byte range of the matched word in `snippet`, to highlight.
    pub highlight: Range<usize>,
    pub score: u32,
}

/// An action item that is not done yet.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenAction {
    pub session: PathBuf,
    pub meeting_date: NaiveDate,
    pub table: TableKind,
    pub case_id: String,
    pub case_title: String,
    pub who: String,
    pub what: String,
    pub due: NaiveDate,
    /// Due before `today`.
    pub overdue: bool,
    /// Days past the due date (0 when not overdue).
    pub days_overdue: i64,
}

impl OpenAction {
    /// "TE LAAT (3 dagen)" for an overdue action, else "".
    pub fn mark(&self) -> String {
        match self.days_overdue {
            0 => String::new(),
            1 => "TE LAAT (1 dag)".into(),
            n => format!("TE LAAT ({n} dagen)"),
        }
    }
}

struct CaseIndex {
    /// (field, the ids of its words in the session's vocabulary)
    fields: Vec<(HitField, Vec<u32>)>,
}

struct Loaded {
    meeting: Meeting,
    migrated_from: Option<u32>,
    vocabulary: Vocabulary,
    index: Vec<CaseIndex>,
}

struct Entry {
    path: PathBuf,
    result: Result<Loaded, ParseError>,
    has_recovery: bool,
    sort_key: Option<NaiveDateTime>,
}

/// The sessions of one directory, loaded once, newest first.
pub struct Review {
    dir: PathBuf,
    entries: Vec<Entry>,
}

/// The text of a fact value for search and display.
pub fn raw_text(value: &RawValue) -> String {
    match value {
        RawValue::Null => String::new(),
        RawValue::Bool(true) => "ja".into(),
        RawValue::Bool(false) => "nee".into(),
        RawValue::Number(n) => crate::facts::format_number(*n),
        RawValue::Str(s) => s.clone(),
        RawValue::List(items) => items.iter().map(raw_text).collect::<Vec<_>>().join(", "),
    }
}

/// Calls `f` with each searchable field of a case, in the order they win ties.
fn for_each_field(case: &crate::meeting::MeetingCase, mut f: impl FnMut(HitField, &str)) {
    f(HitField::Id, &case.id);
    f(HitField::Title, &case.title);
    let mut text = |field: HitField, t: &str| {
        if !t.is_empty() {
            f(field, t);
        }
    };
    text(HitField::Decision, &case.decision);
    text(HitField::Notes, &case.notes);
    for (i, a) in case.actions.iter().enumerate() {
        text(HitField::Action(i), &format!("{}: {}", a.who, a.what));
    }
    for (name, value) in &case.facts {
        text(
            HitField::Fact(name.clone()),
            &format!("{name}: {}", raw_text(value)),
        );
    }
    for (id, mark) in &case.checklist {
        text(HitField::Checklist(id.clone()), &mark.note);
    }
    text(HitField::Summary, &case.summary);
}

/// The text of one field, as [`for_each_field`] gives it.
fn field_text(case: &crate::meeting::MeetingCase, field: &HitField) -> String {
    match field {
        HitField::Id => case.id.clone(),
        HitField::Title => case.title.clone(),
        HitField::Summary => case.summary.clone(),
        HitField::Notes => case.notes.clone(),
        HitField::Decision => case.decision.clone(),
        HitField::Action(i) => case
            .actions
            .get(*i)
            .map(|a| format!("{}: {}", a.who, a.what))
            .unwrap_or_default(),
        HitField::Fact(name) => case
            .facts
            .get(name)
            .map(|v| format!("{name}: {}", raw_text(v)))
            .unwrap_or_default(),
        HitField::Checklist(id) => case
            .checklist
            .get(id)
            .map(|m| m.note.clone())
            .unwrap_or_default(),
    }
}

fn index_meeting(meeting: &Meeting) -> (Vocabulary, Vec<CaseIndex>) {
    let mut vocabulary = Vocabulary::default();
    let index = meeting
        .cases
        .iter()
        .map(|c| {
            let mut fields = Vec::new();
            for_each_field(c, |f, t| fields.push((f, vocabulary.add_text(t))));
            CaseIndex { fields }
        })
        .collect();
    vocabulary.freeze();
    (vocabulary, index)
}

fn load_entry(path: &Path) -> Entry {
    entry_from(path, fs::read(path))
}

fn entry_from(path: &Path, bytes: std::io::Result<Vec<u8>>) -> Entry {
    let path = path.to_path_buf();
    let has_recovery = recovery_path(&path).exists();
    let from_name = parse_file_name(&path).map(|(d, _, t)| d.and_time(t));
    let result = match bytes {
        Ok(bytes) => store::parse_bytes(&path, &bytes).map(|parsed| {
            let (vocabulary, index) = index_meeting(&parsed.meeting);
            Loaded {
                meeting: parsed.meeting,
                migrated_from: parsed.migrated_from,
                vocabulary,
                index,
            }
        }),
        Err(e) => Err(ParseError {
            path: path.clone(),
            line: 0,
            column: 0,
            message: SessionError::io(&path, e).to_string(),
        }),
    };
    let sort_key = match &result {
        Ok(l) => Some(l.meeting.started_at),
        Err(_) => from_name,
    };
    Entry {
        path,
        result,
        has_recovery,
        sort_key,
    }
}

/// `f` over `paths` on up to 8 threads, keeping the `Some`s in order.
fn par_map<T: Send>(paths: &[PathBuf], f: impl Fn(&Path) -> Option<T> + Sync) -> Vec<T> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    if workers == 1 || paths.len() < 16 {
        return paths.iter().filter_map(|p| f(p)).collect();
    }
    let chunk = paths.len().div_ceil(workers);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().filter_map(|p| f(p)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("session loader thread"))
            .collect()
    })
}

/// Session files of `dir` (not recovery, lock or temp files), sorted by name.
pub fn session_files(dir: &Path) -> Result<Vec<PathBuf>, SessionError> {
    let entries = fs::read_dir(dir).map_err(|e| SessionError::io(dir, e))?;
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| is_session_file_name(&e.file_name().to_string_lossy()))
        .map(|e| e.path())
        .collect();
    paths.sort();
    Ok(paths)
}

impl Review {
    /// Reads every session file of `dir` (in parallel). Fails only if `dir` cannot be listed;
    /// files that do not parse are kept, with their error.
    pub fn load(dir: &Path) -> Result<Review, SessionError> {
        let paths = session_files(dir)?;
        let entries = par_map(&paths, |p| Some(load_entry(p)));
        Ok(Review::from_entries(dir, entries))
    }

    fn from_entries(dir: &Path, mut entries: Vec<Entry>) -> Review {
        // newest first; an unknown date (None) sorts last under Reverse
        entries.sort_by(|a, b| {
            (Reverse(a.sort_key), Reverse(&a.path)).cmp(&(Reverse(b.sort_key), Reverse(&b.path)))
        });
        Review {
            dir: dir.to_path_buf(),
            entries,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The list, newest first (same order as the indices of [`Review::meeting`]).
    pub fn summaries(&self) -> Vec<SessionSummary> {
        self.entries
            .iter()
            .map(|e| match &e.result {
                Ok(l) => {
                    let m = &l.meeting;
                    SessionSummary {
                        path: e.path.clone(),
                        date: Some(m.date),
                        start: Some(m.started_at.time()),
                        end: m.ended_at.map(|t| t.time()),
                        table: Some(m.table),
                        chair: m.chair.clone(),
                        cases: m.cases.len(),
                        cases_discussed: m
                            .cases
                            .iter()
                            .filter(|c| c.status == CaseStatus::Besproken)
                            .count(),
                        open_actions: m.open_actions().count(),
                        has_recovery: e.has_recovery,
                        migrated_from: l.migrated_from,
                        error: None,
                    }
                }
                Err(err) => {
                    let name = parse_file_name(&e.path);
                    SessionSummary {
                        path: e.path.clone(),
                        date: name.map(|n| n.0),
                        start: name.map(|n| n.2),
                        end: None,
                        table: name.map(|n| n.1),
                        chair: String::new(),
                        cases: 0,
                        cases_discussed: 0,
                        open_actions: 0,
                        has_recovery: e.has_recovery,
                        migrated_from: None,
                        error: Some(err.clone()),
                    }
                }
            })
            .collect()
    }

    /// The meeting at list position `i` (None for an unreadable file).
    pub fn meeting(&self, i: usize) -> Option<&Meeting> {
        self.entries
            .get(i)?
            .result
            .as_ref()
            .ok()
            .map(|l| &l.meeting)
    }

    pub fn path(&self, i: usize) -> Option<&Path> {
        self.entries.get(i).map(|e| e.path.as_path())
    }

    /// Fuzzy search over case id, title, notes, decision, actions, fact values, checklist notes
    /// and summary. Every query word must match in the same case. Best first, then newest.
    pub fn search(&self, query: &str) -> Vec<SearchHit> {
        let query = Query::new(query);
        if query.is_empty() {
            return Vec::new();
        }
        let mut hits = Vec::new();
        for entry in &self.entries {
            let Ok(loaded) = &entry.result else { continue };
            // score each distinct word of the session once per term; skip the session when a
            // term matches nothing in it
            let scores: Vec<Vec<u32>> = query
                .terms
                .iter()
                .map(|t| loaded.vocabulary.scores(t))
                .collect();
            if scores.iter().any(|s| s.iter().all(|&x| x == 0)) {
                continue;
            }
            'cases: for (ci, case) in loaded.index.iter().enumerate() {
                let mut total = 0;
                // the strongest term match gives the snippet: (score, field, word position)
                let mut best: Option<(u32, usize, usize)> = None;
                for term_scores in &scores {
                    let mut term_best: Option<(u32, usize, usize)> = None;
                    for (fi, (_, ids)) in case.fields.iter().enumerate() {
                        for (k, &id) in ids.iter().enumerate() {
                            let score = term_scores[id as usize];
                            if score > 0 && term_best.is_none_or(|b| score > b.0) {
                                term_best = Some((score, fi, k));
                            }
                        }
                    }
                    let Some(tb) = term_best else { continue 'cases };
                    total += tb.0;
                    if best.is_none_or(|b| tb.0 > b.0) {
                        best = Some(tb);
                    }
                }
                let Some((_, fi, k)) = best else { continue };
                let meeting_case = &loaded.meeting.cases[ci];
                let field = case.fields[fi].0.clone();
                let text = field_text(meeting_case, &field);
                let range = fuzzy::tokens(&text).nth(k).map_or(0..0, |(r, _)| r);
                let (snippet, highlight) = snippet(&text, range);
                hits.push(SearchHit {
                    session: entry.path.clone(),
                    date: loaded.meeting.date,
                    table: loaded.meeting.table,
                    case_index: ci,
                    case_id: meeting_case.id.clone(),
                    case_title: meeting_case.title.clone(),
                    field,
                    snippet,
                    highlight,
                    score: total,
                });
            }
        }
        // entries are newest first already: a stable sort keeps that within equal scores
        hits.sort_by_key(|h| Reverse(h.score));
        hits
    }

    /// Action items not done, across all sessions, earliest due date first.
    pub fn open_actions(&self, today: NaiveDate) -> Vec<OpenAction> {
        let mut out = Vec::new();
        for entry in &self.entries {
            let Ok(loaded) = &entry.result else { continue };
            let m = &loaded.meeting;
            for (case, action) in m.open_actions() {
                let days = (today - action.due).num_days().max(0);
                out.push(OpenAction {
                    session: entry.path.clone(),
                    meeting_date: m.date,
                    table: m.table,
                    case_id: case.id.clone(),
                    case_title: case.title.clone(),
                    who: action.who.clone(),
                    what: action.what.clone(),
                    due: action.due,
                    overdue: action.due < today,
                    days_overdue: days,
                });
            }
        }
        out.sort_by_key(|a| (a.due, Reverse(a.meeting_date)));
        out
    }

    /// Files that could not be read, with their error.
    pub fn unreadable(&self) -> Vec<&ParseError> {
        self.entries
            .iter()
            .filter_map(|e| e.result.as_ref().err())
            .collect()
    }
}

/// Cuts a one-line snippet of `original` around the word at byte range `word`; returns it with
/// the highlight range inside it.
fn snippet(original: &str, word: Range<usize>) -> (String, Range<usize>) {
    const BEFORE: usize = 30;
    const AFTER: usize = 50;
    let (start, end) = (word.start, word.end);
    let from = back_chars(original, start, BEFORE);
    let to = forward_chars(original, end, AFTER);
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let one_line = |s: &str| s.replace(['\n', '\r', '\t'], " ");
    out.push_str(&one_line(&original[from..start]));
    let h_start = out.len();
    out.push_str(&one_line(&original[start..end]));
    let h_end = out.len();
    out.push_str(&one_line(&original[end..to]));
    if to < original.len() {
        out.push('…');
    }
    (out, h_start..h_end)
}

fn back_chars(s: &str, from: usize, n: usize) -> usize {
    s[..from]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

fn forward_chars(s: &str, from: usize, n: usize) -> usize {
    s[from..]
        .char_indices()
        .nth(n)
        .map_or(s.len(), |(i, _)| from + i)
}

/// The sessions of `dir`, newest first; unreadable files listed with their error.
pub fn list_sessions(dir: &Path) -> Result<Vec<SessionSummary>, SessionError> {
    Ok(Review::load(dir)?.summaries())
}

/// Fuzzy search across all sessions of `dir` (one shot). Files whose raw text cannot match
/// every query word are not parsed at all; the rest is searched as by [`Review::search`].
pub fn search(dir: &Path, query: &str) -> Result<Vec<SearchHit>, SessionError> {
    let q = Query::new(query);
    if q.is_empty() {
        return Ok(Vec::new());
    }
    let paths = session_files(dir)?;
    let entries = par_map(&paths, |p| {
        let bytes = fs::read(p);
        if let Ok(b) = &bytes
            && !fuzzy::raw_may_match(&String::from_utf8_lossy(b), &q)
        {
            return None;
        }
        Some(entry_from(p, bytes))
    });
    Ok(Review::from_entries(dir, entries).search(query))
}

/// Open action items across all sessions of `dir`.
pub fn open_actions(dir: &Path, today: NaiveDate) -> Result<Vec<OpenAction>, SessionError> {
    Ok(Review::load(dir)?.open_actions(today))
}
